// The cabal.project reader (with imports, conditionals and package entries):
// the input is written to a scratch cabal.project and read as mhu reads one.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "cabal/project.h"
#include "fuzz_dir.h"

using namespace mhu::cabal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& dir = mhu::fuzz::scratch_dir();
  std::string file = dir + "/cabal.project";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  ProjectConfig config;
  Diagnostics diags;
  bool ok = read_project(ProjectLocation{dir, file}, Platform{}, config, diags);
  if (ok == diags.has_error()) std::abort();
  if (!ok) return 0;
  std::vector<std::string> cabal_files;
  Diagnostics pdiags;
  find_project_packages(config, cabal_files, pdiags);
  return 0;
}
