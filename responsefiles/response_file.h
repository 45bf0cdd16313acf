// GHC response files (`ghc @FILE`, `ghc -unit @FILE`): a list of arguments
// written so that GHC's reader (base's GHC.ResponseFile.unescapeArgs, which
// GHC uses for both) gives back exactly the same list; and writing generated
// files only when their content changes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mhu::responsefiles {

// One argument per line; every character Haskell's Data.Char.isSpace accepts
// (ASCII whitespace, U+00A0 and the other Unicode space separators), every
// quote (' and ") and every backslash is preceded by a backslash, as base's
// GHC.ResponseFile.escapeArgs does. GHC drops empty arguments while reading
// (there is no way to write one), so an empty argument is an error; so is an
// argument that is not valid UTF-8 (GHC decodes the file with the locale's
// encoding, UTF-8 in practice, and stops at an invalid byte sequence).
// `out` is replaced; the same arguments always give the same text.
bool render_response_file(const std::vector<std::string>& args, std::string& out, std::string& error);

// GHC's reading rules (GHC.ResponseFile.unescapeArgs): arguments are separated
// by unescaped, unquoted whitespace; a backslash takes the next character
// literally (inside quotes too); '...' and "..." quote blocks (the quotes are
// removed); empty arguments are dropped; an unterminated quote or a trailing
// backslash just ends the input. Text that is not valid UTF-8 is read byte by
// byte (no byte of an invalid sequence counts as whitespace).
std::vector<std::string> parse_response_file(std::string_view text);

// Write `content` to `path` unless the file already holds exactly that:
// parent directories are created; the new content goes to a temporary file in
// the same directory which is then renamed over `path`, so readers see the old
// or the new file, never a partial one. `changed` (when given) tells whether
// the file was written. False, with `error` naming the path, on failure.
bool write_if_changed(const std::string& path, std::string_view content, std::string& error,
                      bool* changed = nullptr);

// Whether `name` (a file name, no directory) is one of write_if_changed's
// temporary files: NAME.tmp-PID-N.
bool is_temp_file_name(std::string_view name);

// Remove write_if_changed's temporary files under `dir` (recursively), which a
// run killed between writing and renaming leaves behind. Only safe while no
// other process writes there (the dist-mhu lock). The number removed.
int remove_temp_files(const std::string& dir);

}  // namespace mhu::responsefiles
