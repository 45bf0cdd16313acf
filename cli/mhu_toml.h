// mhu.toml: a project's own settings for mhu, in the project's root directory
// (beside cabal.project or stack.yaml). Read with toml++; every key is
// optional:
//
//   ghc = "/opt/ghc/9.10/bin/ghc"   # the compiler, as -w (which wins over it)
//   front-end = "cabal"             # or "stack": which project file when both exist
//   targets = ["all"]               # the targets when none are given
//   dist-dir = "dist-mhu"           # mhu's output directory, relative to the root
//   ghc-options = ["-Wall"]         # more GHC options for every unit
//   ghci-options = ["-fno-break-on-exception"]  # more options, `mhu repl` only
//   [package.NAME]                  # for every unit of package NAME
//   ghc-options = [...]
//   ghci-options = [...]
//   [unit."NAME:exe:foo"]           # for one unit, by its `mhu targets` name
//   ghc-options = [...]
//   ghci-options = [...]
//
// An unknown key is a warning; a value of the wrong type or a TOML syntax
// error is an error; each at its FILE:LINE:COL.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cabal/diagnostic.h"

namespace mhu::cli {

struct MhuTomlOptions {
  std::vector<std::string> ghc_options, ghci_options;
  cabal::Position pos;  // of its [package.NAME] / [unit."..."] table
};

struct MhuToml {
  std::string file;  // the file read; "" when there is none
  std::string ghc;
  std::string front_end;  // "", "cabal" or "stack"
  std::vector<std::string> targets;
  std::string dist_dir;
  MhuTomlOptions all;  // the top-level ghc-options and ghci-options
  std::map<std::string, MhuTomlOptions> packages;  // [package.NAME]
  std::map<std::string, MhuTomlOptions> units;     // [unit."NAME:exe:foo"], by target name
};

// Parse mhu.toml's text (`file` names it in diagnostics). False when there
// is an error; warnings (unknown keys) leave it true.
bool parse_mhu_toml(std::string_view text, const std::string& file, MhuToml& out, cabal::Diagnostics& d);

// DIR/mhu.toml when it exists (out.file set), nothing otherwise (true, out
// empty). False on an error reading or parsing it.
bool read_mhu_toml(const std::string& dir, MhuToml& out, cabal::Diagnostics& d);

}  // namespace mhu::cli
