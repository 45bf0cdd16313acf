// Response files: arguments (the input split at NUL bytes) that render read
// back as the same arguments; and any text reads without failing.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "responsefiles/response_file.h"

using namespace mhu::responsefiles;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  parse_response_file(input);
  std::vector<std::string> args;
  for (size_t start = 0;;) {
    size_t nul = input.find('\0', start);
    args.emplace_back(input.substr(start, nul == std::string_view::npos ? nul : nul - start));
    if (nul == std::string_view::npos) break;
    start = nul + 1;
  }
  std::string text, error;
  if (!render_response_file(args, text, error)) return 0;  // an empty or non-UTF-8 argument
  if (parse_response_file(text) != args) {
    std::fprintf(stderr, "render -> parse is not the identity\n");
    std::abort();
  }
  return 0;
}
