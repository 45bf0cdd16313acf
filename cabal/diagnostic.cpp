#include "cabal/diagnostic.h"

namespace mhu::cabal {

std::string format_diagnostic(const std::string& file, const Diagnostic& d) {
  std::string out = d.file.empty() ? file : d.file;
  if (d.pos.line > 0) {
    out += ':' + std::to_string(d.pos.line);
    out += ':' + std::to_string(d.pos.col > 0 ? d.pos.col : 1);
  }
  out += d.severity == Severity::Error ? ": error: " : ": warning: ";
  out += d.message;
  return out;
}

}  // namespace mhu::cabal
