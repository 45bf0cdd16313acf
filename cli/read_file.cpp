#include "cabal/file_io.h"
#include "cli/commands.h"

namespace mhu::cli {

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::string why;
  if (cabal::read_regular_file(path, out, why)) return true;
  error = path + ": error: cannot read: " + why;
  return false;
}

}  // namespace mhu::cli
