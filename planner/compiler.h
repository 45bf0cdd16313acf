// The compiler a project uses: what `ghc --info` tells about it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cabal/condition.h"
#include "cabal/version.h"

namespace mhu::planner {

struct CompilerInfo {
  std::string ghc;  // the program (as given, e.g. "ghc" or a path)
  std::string ghc_path;  // its full path (found on PATH when given without '/')
  std::string ghc_pkg;  // the matching ghc-pkg, found as cabal does (find_ghc_pkg); "" if none
  cabal::Version version;              // "Project version"
  std::string project_unit_id;         // "Project Unit Id" (ghc-9.10.3-inplace); "" before 9.8
  std::string global_db;               // "Global Package DB"
  std::string libdir;                  // "LibDir"
  std::string target_os, target_arch;  // cabal's names: linux, x86_64, ...
  std::map<std::string, std::string> properties;  // every `ghc --info` entry
  // Where the compiler's own paths (its global database) are seen from here
  // when it runs in a chroot or container: $MHU_COMPILER_ROOT. "" normally.
  std::string sysroot;
  cabal::Platform platform() const;
  std::string compiler_id() const;  // "ghc-9.10.3"
  // cabal's AbiTag: the Project Unit Id without its "ghc-VERSION-" prefix
  // ("inplace"); "" when there is none or the id does not have that prefix.
  std::string abi_tag() const;
  // `path`, a path of the compiler's, as seen from here: under sysroot (its
  // symbolic links followed inside sysroot) when there is one.
  std::string seen_path(const std::string& path) const;
};

// Parse `ghc --info` output (a Haskell [(String,String)] list). The target
// platform is taken as cabal takes it, from "Target platform" (a triple like
// x86_64-unknown-linux), else from "target os" / "target arch" (OSLinux, ArchX86_64).
bool parse_ghc_info(const std::string& text, CompilerInfo& out, std::string& error);

// Run `GHC --info` (cached in cache_dir keyed on the ghc binary's path and mtime;
// cache_dir "" disables the cache) and find ghc-pkg.
// GHC without a '/' is searched on PATH. The cache file is
// cache_dir/ghc-info-HASH.txt (a key line, then the info text as ghc printed
// it); one that is stale, corrupt or unwritable is ignored, never an error.
bool query_compiler(const std::string& ghc, const std::string& cache_dir, CompilerInfo& out,
                    std::string& error);

// cabal's (Distribution.Simple.GHC guessToolFromGhcPath) search for ghc-pkg:
// with GHC_PATH the ghc program's path (after PATH search) and REAL its
// canonical path (symlinks resolved), and SUF the version suffix of a file
// name (the trailing run of digits, '.' and '-': "ghc-9.10.3" -> "-9.10.3"),
// the first existing of
//   REALDIR/ghc-pkg-ghcSUF, REALDIR/ghc-pkgSUF, REALDIR/ghc-pkg  (only when REAL != GHC_PATH)
//   DIR/ghc-pkg-ghcSUF, DIR/ghc-pkgSUF, DIR/ghc-pkg
// (the versioned names only when SUF is not empty)
// else `ghc-pkg` on PATH; "" when there is none.
std::string find_ghc_pkg(const std::string& ghc_path);
// The places find_ghc_pkg looks, in order, for messages: the paths beside
// ghc, then "ghc-pkg on PATH".
std::vector<std::string> ghc_pkg_candidates(const std::string& ghc_path);

// The environment as cabal reads it (getenv by default; tests pass their own).
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// cabal-install's store root (Distribution.Client.Config defaultStoreDir):
// $CABAL_DIR/store when CABAL_DIR is set; else ~/.cabal/store when ~/.cabal is
// a directory and $XDG_CONFIG_HOME/cabal/config (default ~/.config/cabal/config)
// is not a file; else $XDG_STATE_HOME/cabal/store (default ~/.local/state/cabal/store).
// A `store-dir:` in cabal's config file is not read.
std::string cabal_store_root(const EnvLookup& env = {});

// The store's package database for this compiler (DistDirLayout storePackageDBPath):
// ROOT/ghc-VERSION[-ABITAG]/package.db, e.g. .../store/ghc-9.10.3-inplace/package.db.
std::string cabal_store_db_path(const CompilerInfo& compiler, const EnvLookup& env = {});

// cabal's store package database for this compiler: $CABAL_DIR/store/ID/package.db,
// else ~/.local/state/cabal/store/ID/package.db (XDG), else ~/.cabal/store/ID/package.db,
// where ID is the project unit id (or ghc-VERSION). "" when none exists.
// (Exactly: cabal_store_db_path when that directory exists, else "".)
std::string cabal_store_db(const CompilerInfo& compiler);

}  // namespace mhu::planner
