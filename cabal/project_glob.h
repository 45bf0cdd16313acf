// The globs of `packages:` entries (cabal-install's RootedGlob over Cabal's
// Glob): `*` within one path component (not matching a leading '.'),
// `{a,b}` alternatives, `\` escaping `*{},`; components separated by '/';
// a trailing '/' names a directory. There is no `?` and no `**` recursion
// (`**` is two wildcards in one component), as in cabal-install 3.12.
// Internal to the project reader; declared here to be tested.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mhu::cabal::project_detail {

struct GlobPiece;
using GlobPieces = std::vector<GlobPiece>;
struct GlobPiece {
  enum class Kind { Literal, WildCard, Union } kind = Kind::Literal;
  std::string literal;              // Literal
  std::vector<GlobPieces> options;  // Union
};

struct RootedGlob {
  enum class Root { Relative, Absolute, Home } root = Root::Relative;
  std::vector<GlobPieces> components;  // directory components, then the file component
  bool trailing_dir = false;           // ends in '/': every component is a directory
};

// Cabal's Parsec RootedGlob; false when the text is not a glob.
bool parse_glob(std::string_view text, RootedGlob& out);

// isTrivialRootedGlob: no wildcard or union anywhere (a plain path).
bool is_trivial_glob(const RootedGlob& g);

// matchGlobPieces on one file name.
bool match_glob_pieces(const GlobPieces& pieces, std::string_view name);

// The paths a glob matches (files or directories; "." and ".." take part as
// directory entries, as getDirectoryContents lists them): relative to
// root_dir for a relative glob, absolute otherwise. Unsorted.
std::vector<std::string> match_glob(const RootedGlob& g, const std::string& root_dir,
                                    const std::string& home_dir);

}  // namespace mhu::cabal::project_detail
