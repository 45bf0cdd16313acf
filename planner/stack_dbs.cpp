#include "planner/stack_dbs.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <vector>

#include "planner/cache_file.h"
#include "planner/process.h"

namespace mhu::planner {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "mhu-stack-path 1\n";

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

// What to quote of stack's stderr in an error: from its `Error:` line (stack's
// own errors) on, else its last line; at most 3 lines and 300 characters.
std::string stderr_summary(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!trim(line).empty()) lines.push_back(trim(line));
  size_t from = lines.empty() ? 0 : lines.size() - 1;
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].starts_with("Error:")) {
      from = i;
      break;
    }
  std::string out;
  for (size_t i = from; i < lines.size() && i < from + 3; ++i) out += (out.empty() ? "" : " / ") + lines[i];
  if (out.size() > 300) out = out.substr(0, 297) + "...";
  return out;
}

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

bool parse_stack_path_output(const std::string& text, StackPaths& out, std::string& error) {
  StackPaths p;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon), value = trim(line.substr(colon + 2));
    if (key == "global-pkg-db") p.global_db = value;
    else if (key == "snapshot-pkg-db") p.snapshot_db = value;
    else if (key == "local-pkg-db") p.local_db = value;
    else if (key == "compiler-exe") p.compiler_exe = value;
  }
  std::string missing;
  if (p.global_db.empty()) missing += " global-pkg-db";
  if (p.snapshot_db.empty()) missing += " snapshot-pkg-db";
  if (p.local_db.empty()) missing += " local-pkg-db";
  if (!missing.empty()) {
    error = "`stack path` did not report:" + missing;
    return false;
  }
  out = std::move(p);
  return true;
}

bool query_stack_paths(const std::string& stack_yaml, const std::string& cache_dir, StackPaths& out,
                       std::string& error, const std::string& stack, const std::vector<std::string>& keyed_too) {
  std::string program = stack.find('/') == std::string::npos ? find_program(stack) : stack;
  std::error_code ec;
  if (program.empty() || !fs::exists(program, ec)) {
    error = "cannot find '" + stack + "'" + (stack.find('/') == std::string::npos ? " on PATH" : "");
    return false;
  }
  std::string key = stack_yaml + "\t" + file_stamp(stack_yaml) + "\t" + env_or_empty("STACK_ROOT") + "\t" +
                    env_or_empty("STACK_WORK") + "\t" + program + "\t" + file_stamp(program);
  for (const auto& f : keyed_too) key += "\t" + f + "\t" + file_stamp(f);
  std::string file =
      cache_dir.empty() ? "" : (fs::path(cache_dir) / ("stack-path-" + hash_hex(stack_yaml) + ".txt")).string();
  std::string head = std::string(kMagic) + key + "\n";
  std::string cached;
  if (!file.empty() && read_whole_file(file, cached) && cached.compare(0, head.size(), head) == 0) {
    std::string ignored;
    if (parse_stack_path_output(cached.substr(head.size()), out, ignored)) return true;
  }

  std::vector<std::string> argv = {program,           "--stack-yaml",      stack_yaml,       "--no-install-ghc",
                                   "path",            "--global-pkg-db",   "--snapshot-pkg-db", "--local-pkg-db",
                                   "--compiler-exe"};
  ProcessResult r;
  if (!run_process(argv, r, error)) return false;
  if (r.exit_code != 0) {
    error = "`stack path` failed (exit code " + std::to_string(r.exit_code) + ")";
    if (std::string tail = stderr_summary(r.err); !tail.empty()) error += ": " + tail;
    return false;
  }
  if (!parse_stack_path_output(r.out, out, error)) return false;
  if (!file.empty()) write_file_atomic(file, head + r.out);
  return true;
}

bool query_stack_paths_by_probe(const std::string& probe_text, const std::string& stack_yaml,
                                const std::string& cache_dir, StackPaths& out, std::string& error,
                                const std::string& stack) {
  if (cache_dir.empty()) {
    error = "no cache directory for the probe";
    return false;
  }
  fs::path dir = fs::path(cache_dir) / "stack-probe" / hash_hex(stack_yaml);
  std::string file = (dir / "stack.yaml").string(), old;
  if (!(read_whole_file(file, old) && old == probe_text) && !write_file_atomic(file, probe_text)) {
    error = "cannot write " + file;
    return false;
  }
  StackPaths p;
  if (!query_stack_paths(file, cache_dir, p, error, stack)) return false;
  // Stack names the local database by the probe's directory as it sees it
  // (the same path: a wrapper running stack elsewhere binds it there).
  fs::path local = fs::path(p.local_db).lexically_normal();
  fs::path rel = local.lexically_relative(dir.lexically_normal());
  if (rel.empty() || *rel.begin() == "..") {
    error = "stack put the probe's local package database outside its directory: " + p.local_db;
    return false;
  }
  p.local_db = (fs::path(stack_yaml).parent_path() / rel).lexically_normal().string();
  out = std::move(p);
  return true;
}

}  // namespace mhu::planner
