// How mhu talks on stderr: messages ("mhu: error: ...", "FILE:L:C: warning:
// ...") with their severity coloured on a terminal, progress lines, and -v's
// commands and timings.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace mhu::cli {

// --color=auto (the default: when stderr is a terminal and NO_COLOR is unset
// or empty), always or never.
enum class ColorMode { Auto, Always, Never };
void set_color_mode(ColorMode mode);
bool parse_color_mode(const std::string& text, ColorMode& mode);
// Whether messages on stderr are coloured now.
bool stderr_colored();
bool stderr_is_terminal();

// `line` with its first "error:", "warning:" or "note:" (at its start or after
// ": ") in bold red, magenta or cyan when `color`.
std::string colorize(const std::string& line, bool color);

// Print one message line (or several, separated by '\n') to stderr, coloured
// when stderr_colored().
void print_message(const std::string& line);
void print_messages(const std::vector<std::string>& lines);
// Write text (whole lines) to stderr, each line coloured as print_message does.
void write_stderr(const std::string& text);
// "mhu: error: TEXT" and "mhu: note: TEXT".
void print_error(const std::string& text);
void print_note(const std::string& text);

// A POSIX shell word: as it is when it only has safe characters, else in
// single quotes (a quote inside as '\'').
std::string shell_quote(const std::string& s);
std::string shell_command(const std::vector<std::string>& argv);

// -v: whether to print commands and phase timings (set by the project
// options), and progress lines (on a terminal, or with -v).
void set_verbose(bool verbose);
bool verbose();
bool show_progress();
// "mhu: progress: TEXT" when show_progress().
void print_progress(const std::string& text);

// The time since `start`, in milliseconds.
using Clock = std::chrono::steady_clock;
double elapsed_ms(Clock::time_point start);
// -v: "mhu: time: PHASE 12.3 ms".
void print_timing(const std::string& phase, double ms);

}  // namespace mhu::cli
