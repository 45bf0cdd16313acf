// The packages a project names (cabal-install 3.12's findProjectPackages):
// each `packages:` / `optional-packages:` entry is a glob (usually a plain
// path) relative to the project root; a match is a package directory (with
// exactly one .cabal file) or a .cabal file.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "cabal/project.h"
#include "cabal/project_glob.h"
#include "cabal/project_values.h"

namespace fs = std::filesystem;

namespace mhu::cabal {

namespace {

using namespace project_detail;

std::string absolute_under(const std::string& root, const std::string& p) {
  fs::path path(p);
  fs::path abs = path.is_absolute() ? path : fs::path(root) / path;
  std::string s = abs.lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// What a matched path turns out to be (checkFilePackageMatch).
struct Match {
  enum class Kind { CabalFile, Tarball, DirNoCabalFile, DirManyCabalFiles, DirUnreadable, UnexpectedFile, Nonexistent } kind;
  std::string path;                      // as matched (relative to the root, or absolute)
  std::string cabal_file;                // CabalFile: absolute
  std::vector<std::string> cabal_files;  // DirManyCabalFiles
  std::string os_error;                  // DirUnreadable
};

Match classify(const std::string& root, const std::string& rel) {
  std::string abs = absolute_under(root, rel);
  std::error_code ec;
  Match m{Match::Kind::UnexpectedFile, rel, {}, {}, {}};
  if (fs::is_directory(abs, ec)) {
    // globStarDotCabal: `*.cabal` in the directory (not a dot file).
    std::vector<std::string> found;
    for (fs::directory_iterator it(abs, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.size() > 6 && name[0] != '.' && name.ends_with(".cabal")) found.push_back(name);
    }
    std::sort(found.begin(), found.end());
    if (ec) {
      m.kind = Match::Kind::DirUnreadable;
      m.os_error = ec.message();
    } else if (found.size() == 1) {
      m.kind = Match::Kind::CabalFile;
      m.cabal_file = absolute_under(abs, found[0]);
    } else if (found.empty()) {
      m.kind = Match::Kind::DirNoCabalFile;
    } else {
      m.kind = Match::Kind::DirManyCabalFiles;
      m.cabal_files = std::move(found);
    }
  } else if (rel.ends_with(".tar.gz")) {
    m.kind = Match::Kind::Tarball;
  } else if (rel.ends_with(".cabal")) {
    m.kind = Match::Kind::CabalFile;
    m.cabal_file = abs;
  } else if (fs::is_regular_file(abs, ec)) {
    m.kind = Match::Kind::UnexpectedFile;
  } else if (fs::is_directory(fs::path(abs).parent_path(), ec)) {
    m.kind = Match::Kind::Nonexistent;
  }
  return m;
}

std::string describe_failure(const Match& m) {
  switch (m.kind) {
    case Match::Kind::DirNoCabalFile: return "package directory '" + m.path + "' contains no .cabal file";
    case Match::Kind::DirManyCabalFiles: {
      std::string list;
      for (const auto& f : m.cabal_files) list += (list.empty() ? "" : ", ") + f;
      return "package directory '" + m.path + "' contains several .cabal files (" + list +
             "); a package directory must hold exactly one";
    }
    case Match::Kind::DirUnreadable: return "cannot list the package directory '" + m.path + "': " + m.os_error;
    case Match::Kind::UnexpectedFile:
      return "'" + m.path + "' is neither a .cabal file nor a package directory";
    case Match::Kind::Nonexistent: return "'" + m.path + "' does not exist";
    default: return "";
  }
}

}  // namespace

bool find_project_packages(const ProjectConfig& config, std::vector<std::string>& cabal_files,
                           Diagnostics& diags) {
  cabal_files.clear();
  const std::string& root = config.location.root_dir;
  const char* home_env = std::getenv("HOME");
  std::string home = home_env ? home_env : "";
  bool ok = true;
  auto error = [&](const PackageEntry& e, std::string msg) {
    diags.error_in(e.file, e.pos, std::move(msg));
    ok = false;
  };

  for (const auto& e : config.packages) {
    const char* field = e.optional ? "optional-packages" : "packages";
    std::string where = "'" + e.pattern + "' in " + field;
    std::string pattern = e.pattern;

    if (pattern.starts_with("file://") && pattern.size() > 7 && pattern[7] == '/') {
      pattern = pattern.substr(7);  // a file: URI without a host is a local path
    } else if (is_url(pattern) || pattern.ends_with(".tar.gz")) {
      error(e, where + ": remote/tarball package entries are not supported (mhu reads local packages only)");
      continue;
    }

    std::vector<Match> matches;
    RootedGlob glob;
    bool trivial = false;
    if (parse_glob(pattern, glob)) {
      trivial = is_trivial_glob(glob);
      for (const auto& p : match_glob(glob, root, home)) matches.push_back(classify(root, p));
    } else {
      // Not a glob: a plain path that exists (checkIsSingleFilePackage).
      std::error_code ec;
      if (!e.optional && fs::exists(absolute_under(root, pattern), ec)) {
        matches.push_back(classify(root, pattern));
        trivial = true;
      } else {
        // Even for optional-packages (which take globs only), as cabal does.
        error(e, where + " is not a valid package location: expecting a package directory, a .cabal file or a "
                         "glob matching them");
        continue;
      }
    }

    std::vector<const Match*> good, bad;
    for (const auto& m : matches) {
      if (m.kind == Match::Kind::CabalFile || m.kind == Match::Kind::Tarball) good.push_back(&m);
      else bad.push_back(&m);
    }
    if (good.empty()) {
      if (e.optional) continue;
      if (matches.empty()) {
        error(e, where + " matches no package directory or .cabal file");
      } else if (trivial && bad.size() == 1) {
        error(e, where + ": " + describe_failure(*bad[0]));
      } else {
        std::sort(bad.begin(), bad.end(), [](const Match* a, const Match* b) { return a->path < b->path; });
        std::string list;
        for (const Match* m : bad) list += (list.empty() ? "" : "; ") + describe_failure(*m);
        error(e, where + " matches no package directory or .cabal file: " + list);
      }
      continue;
    }
    for (const Match* m : good) {
      if (m->kind == Match::Kind::Tarball) {
        error(e, where + ": '" + m->path +
                     "' is a tarball: remote/tarball package entries are not supported (mhu reads local packages "
                     "only)");
      } else {
        cabal_files.push_back(m->cabal_file);
      }
    }
  }
  std::sort(cabal_files.begin(), cabal_files.end());
  cabal_files.erase(std::unique(cabal_files.begin(), cabal_files.end()), cabal_files.end());
  return ok;
}

}  // namespace mhu::cabal
