// Errors and warnings as values: library code records them, the CLI prints them.
#pragma once

#include <string>
#include <vector>

namespace mhu::cabal {

// 1-based line and column; {0, 0} means "the file as a whole".
struct Position {
  int line = 0;
  int col = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

enum class Severity { Error, Warning };

struct Diagnostic {
  Position pos;
  Severity severity = Severity::Error;
  std::string message;
  // The file it is about when that is not the file being read (an imported
  // project file, a package's .cabal file); "" otherwise.
  std::string file;
};

struct Diagnostics {
  std::vector<Diagnostic> items;

  void error(Position pos, std::string message) {
    items.push_back({pos, Severity::Error, std::move(message), {}});
  }
  void warning(Position pos, std::string message) {
    items.push_back({pos, Severity::Warning, std::move(message), {}});
  }
  void error_in(std::string file, Position pos, std::string message) {
    items.push_back({pos, Severity::Error, std::move(message), std::move(file)});
  }
  void warning_in(std::string file, Position pos, std::string message) {
    items.push_back({pos, Severity::Warning, std::move(message), std::move(file)});
  }
  bool has_error() const {
    for (const auto& d : items)
      if (d.severity == Severity::Error) return true;
    return false;
  }
  const Diagnostic* first_error() const {
    for (const auto& d : items)
      if (d.severity == Severity::Error) return &d;
    return nullptr;
  }
};

// "FILE:LINE:COL: error: message" (or "FILE: error: message" for {0, 0});
// d.file, when set, names the file instead of `file`.
std::string format_diagnostic(const std::string& file, const Diagnostic& d);

}  // namespace mhu::cabal
