// Installed packages: the package databases a project's dependencies come
// from, read through `ghc-pkg dump` (whose syntax is the .cabal field syntax).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cabal/diagnostic.h"
#include "cabal/version.h"
#include "planner/compiler.h"

namespace mhu::planner {

struct InstalledPackage {
  std::string id;        // installed unit id (`id:`)
  std::string name;      // package name (`name:`; for a sub-library, `package-name:`,
                         // or decoded from a munged `name: z-PKG-z-LIB`)
  std::string lib_name;  // `lib-name:` for a sub-library, "" for a main library
  cabal::Version version;
  bool exposed = true;  // `exposed:` (absent in a dump: False, as Cabal reads it;
                        // ghc-pkg omits it for hidden packages such as `ghc`)
  std::vector<std::string> exposed_modules;  // module names only (reexports: the new name)
  std::vector<std::string> hidden_modules;
  std::vector<std::string> depends;  // unit ids
  bool visibility_public = true;     // `visibility:`; a main library is always public,
                                     // a sub-library only with `visibility: public`
  std::string db;                    // the database it was read from
};

// Parse the text of `ghc-pkg dump` (entries separated by `---` lines; each
// entry in the .cabal field syntax). Unknown fields are ignored. A syntax
// error or an entry without `id:` is an error (line numbers are the dump's);
// the entries before it are kept in `out`.
bool parse_ghc_pkg_dump(std::string_view text, std::vector<InstalledPackage>& out,
                        cabal::Diagnostics& diags);

struct PackageDbStack {
  std::vector<std::string> dbs;            // in stacking order: global first
  std::vector<InstalledPackage> packages;  // all, in db order then dump order
};

// Read each database as `ghc-pkg dump --no-user-package-db --package-db=DB`
// (which lists that database only), or `--global` for compiler.global_db,
// lists it: a database directory seen from here is read directly, its
// `*.conf` files in name order (one with no `*.conf` and an empty or no
// package.cache is empty); ghc-pkg is run for one not seen from here, one
// whose package.cache lists packages without `*.conf` files, one registering
// the same library and version twice (the dump's order matters then), and one
// with a `*.conf` file mhu cannot read.
// Results are cached in cache_dir keyed on each database's path and the mtime
// (ns) and size of its package.cache and the mtime of its directory, so a
// second run with unchanged databases does not start ghc-pkg. cache_dir ""
// disables the cache. Databases that do not exist are skipped, except the
// compiler's global one: ghc-pkg may see a path this process does not (a GHC
// in a chroot or container); it is then read every time, uncached.
bool load_package_dbs(const CompilerInfo& compiler, const std::vector<std::string>& dbs,
                      const std::string& cache_dir, PackageDbStack& out, std::string& error);

}  // namespace mhu::planner
