// Small files mhu keeps in its cache directory: read whole, written
// atomically (temp file + rename), named by a hash of what they describe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mhu::planner {

// The whole file; false when it cannot be read.
bool read_whole_file(const std::string& path, std::string& out);

// Write `text` to `path` through a temporary file in the same directory and a
// rename, creating the directory when needed. False (nothing written) on failure.
bool write_file_atomic(const std::string& path, std::string_view text);

// Remove the temporary files write_file_atomic left in `dir` (not
// recursively) when its process was killed: NAME.tmpPID-N whose PID is no
// longer running. The number removed.
int remove_dead_temp_files(const std::string& dir);

// 16 hex digits of the 64-bit FNV-1a hash of `s` (for cache file names).
std::string hash_hex(std::string_view s);

// "MTIME_NS:SIZE" of a file or directory, "" when it does not exist.
std::string file_stamp(const std::string& path);

}  // namespace mhu::planner
