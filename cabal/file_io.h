// Reading a file a project names (a .cabal file, cabal.project, an import,
// stack.yaml, package.yaml, a module): a named pipe, a device or a directory
// given where a file is expected is an error, never a wait for a writer that
// does not come.
#pragma once

#include <cstddef>
#include <string>

namespace mhu::cabal {

// The file's bytes (at most `limit`); false with `error` the reason
// (strerror's text, or "it is a directory", "it is not a regular file").
bool read_regular_file(const std::string& path, std::string& out, std::string& error,
                       std::size_t limit = static_cast<std::size_t>(-1));

// Why `path` cannot be read as a file, for a message: "does not exist", "is a
// directory", "is not a regular file" (a FIFO, a device), or the OS error;
// "" when it is a regular file.
std::string why_not_a_file(const std::string& path);

}  // namespace mhu::cabal
