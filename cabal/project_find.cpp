// Finding the project (cabal-install's findProjectRoot / probeProjectRoot).
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "cabal/file_io.h"
#include "cabal/project.h"

namespace fs = std::filesystem;

namespace mhu::cabal {

namespace {

fs::path normal_absolute(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  if (ec) a = fs::path(p);
  fs::path c = fs::weakly_canonical(a, ec);
  if (ec) c = a;
  c = c.lexically_normal();
  // No trailing separator (except for the root itself).
  std::string s = c.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return fs::path(s);
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// cabal's probe stops (without looking there) at the filesystem root and at
// the home directory.
bool is_boundary(const fs::path& dir, const fs::path& home) {
  return dir == dir.root_path() || (!home.empty() && dir == home);
}

// A `./*.cabal` match: a name ending in ".cabal" that does not start with '.'.
bool has_cabal_file(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() > 6 && name[0] != '.' && name.ends_with(".cabal") && is_file(it->path())) return true;
  }
  return false;
}

// The nearest directory from start upwards with `file` in it, or "".
fs::path probe(const fs::path& start, const std::string& file, const fs::path& home) {
  for (fs::path dir = start;; dir = dir.parent_path()) {
    if (is_boundary(dir, home)) return {};
    if (is_file(dir / file)) return dir;
    if (dir.parent_path() == dir) return {};
  }
}

}  // namespace

bool find_project(const std::string& start_dir, const std::string& explicit_file,
                  ProjectLocation& out, Diagnostics& diags) {
  const char* home = std::getenv("HOME");
  return find_project(start_dir, explicit_file, home ? home : "", out, diags);
}

bool find_project(const std::string& start_dir, const std::string& explicit_file,
                  const std::string& home_dir, ProjectLocation& out, Diagnostics& diags) {
  fs::path start = normal_absolute(start_dir.empty() ? "." : start_dir);
  fs::path home = home_dir.empty() ? fs::path() : normal_absolute(home_dir);
  std::error_code ec;
  if (!fs::is_directory(start, ec)) {
    diags.error_in(start.string(), {}, "the start directory '" + start.string() + "' does not exist");
    return false;
  }

  if (!explicit_file.empty()) {
    fs::path f(explicit_file);
    if (f.is_absolute()) {
      if (!is_file(f)) {
        diags.error_in(explicit_file, {},
                       "the given project file '" + explicit_file + "' " + why_not_a_file(explicit_file));
        return false;
      }
      fs::path abs = normal_absolute(explicit_file);
      out.root_dir = abs.parent_path().string();
      out.project_file = abs.string();
      return true;
    }
    fs::path dir = probe(start, explicit_file, home);
    if (dir.empty()) {
      diags.error_in(start.string(), {},
                     "the given project file '" + explicit_file + "' was not found in " + start.string() +
                         " or its parents");
      return false;
    }
    out.root_dir = dir.string();
    out.project_file = (dir / f).lexically_normal().string();
    return true;
  }

  fs::path dir = probe(start, "cabal.project", home);
  if (!dir.empty()) {
    out.root_dir = dir.string();
    out.project_file = (dir / "cabal.project").string();
    return true;
  }

  // No project file: the implicit project of the nearest package.
  for (fs::path d = start;; d = d.parent_path()) {
    if (d != start && is_boundary(d, home)) break;
    if (has_cabal_file(d)) {
      out.root_dir = d.string();
      out.project_file.clear();
      return true;
    }
    if (d.parent_path() == d) break;
  }
  diags.error_in(start.string(), {},
                 "no cabal.project file or .cabal file found in " + start.string() + " or its parents");
  return false;
}

}  // namespace mhu::cabal
