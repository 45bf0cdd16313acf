#include "cli/output.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace mhu::cli {

namespace {

ColorMode g_color = ColorMode::Auto;
bool g_verbose = false;

}  // namespace

void set_color_mode(ColorMode mode) { g_color = mode; }

bool parse_color_mode(const std::string& text, ColorMode& mode) {
  if (text == "auto") mode = ColorMode::Auto;
  else if (text == "always") mode = ColorMode::Always;
  else if (text == "never") mode = ColorMode::Never;
  else return false;
  return true;
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

bool stderr_colored() {
  if (g_color != ColorMode::Auto) return g_color == ColorMode::Always;
  const char* no_color = std::getenv("NO_COLOR");  // https://no-color.org: set and not empty
  return stderr_is_terminal() && !(no_color && *no_color);
}

std::string colorize(const std::string& line, bool color) {
  if (!color) return line;
  struct Word {
    std::string_view text, sgr;
  } words[] = {{"error:", "\033[1;31m"}, {"warning:", "\033[1;35m"}, {"note:", "\033[1;36m"}};
  size_t best = std::string::npos;
  const Word* found = nullptr;
  for (const auto& w : words) {
    for (size_t at = line.find(w.text); at != std::string::npos; at = line.find(w.text, at + 1))
      if (at == 0 || (at >= 2 && line.compare(at - 2, 2, ": ") == 0)) {
        if (at < best) best = at, found = &w;
        break;
      }
  }
  if (!found) return line;
  return line.substr(0, best) + std::string(found->sgr) + std::string(found->text) + "\033[0m" +
         line.substr(best + found->text.size());
}

void print_message(const std::string& text) {
  bool color = stderr_colored();
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += colorize(text.substr(start, end - start), color) + "\n";
    start = end + 1;
  }
  std::fwrite(out.data(), 1, out.size(), stderr);
}

void print_messages(const std::vector<std::string>& lines) {
  for (const auto& l : lines) print_message(l);
}

void write_stderr(const std::string& text) {
  if (!stderr_colored()) {
    std::fwrite(text.data(), 1, text.size(), stderr);
    return;
  }
  std::string out;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += colorize(text.substr(start, end - start), true);
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  std::fwrite(out.data(), 1, out.size(), stderr);
}

void print_error(const std::string& text) { print_message("mhu: error: " + text); }
void print_note(const std::string& text) { print_message("mhu: note: " + text); }

std::string shell_quote(const std::string& s) {
  bool safe = !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || std::string_view("@%+=:,./_-").find(static_cast<char>(c)) != std::string_view::npos;
  });
  if (safe) return s;
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string shell_command(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) out += (out.empty() ? "" : " ") + shell_quote(a);
  return out;
}

void set_verbose(bool v) { g_verbose = v; }
bool verbose() { return g_verbose; }
bool show_progress() { return g_verbose || stderr_is_terminal(); }

void print_progress(const std::string& text) {
  if (show_progress()) std::fprintf(stderr, "mhu: %s\n", text.c_str());
}

double elapsed_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void print_timing(const std::string& phase, double ms) {
  if (g_verbose) std::fprintf(stderr, "mhu: time: %-6s %8.1f ms\n", phase.c_str(), ms);
}

}  // namespace mhu::cli
