// package.yaml to the package-description model: hpack's Package rendered as
// .cabal text, read by the .cabal parser, diagnostics mapped back.
#include "stack/package_yaml.h"

#include <filesystem>

#include "cabal/package_parser.h"
#include "stack/package_yaml_internal.h"

namespace mhu::stack {

namespace fs = std::filesystem;

SourceSegment RenderedCabal::locate(cabal::Position p) const {
  if (p.line <= 0 || static_cast<size_t>(p.line) > lines.size()) return {};
  const auto& segs = lines[static_cast<size_t>(p.line) - 1];
  const SourceSegment* best = nullptr;
  for (const auto& s : segs)
    if (s.col <= p.col || !best) best = &s;
  if (!best || best->at.line <= 0) return {};
  SourceSegment out = *best;
  if (p.col > best->col) out.at.col += p.col - best->col;
  return out;
}

bool render_package_yaml(std::string_view text, const std::string& package_dir, RenderedCabal& out,
                         cabal::Diagnostics& diags, const PackageYamlOptions& options) {
  hpack::Context ctx(diags, options);
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(fs::absolute(package_dir.empty() ? "." : package_dir, ec), ec);
  ctx.package_dir = dir.string();
  while (ctx.package_dir.size() > 1 && ctx.package_dir.back() == '/') ctx.package_dir.pop_back();
  hpack::Package pkg;
  if (!hpack::read_package(ctx, text, pkg)) return false;
  out = RenderedCabal{};
  out.package_name = pkg.name.s;
  hpack::render_package(pkg, out);
  out.files = ctx.files;
  return true;
}

bool parse_package_yaml(std::string_view text, const std::string& package_dir, cabal::GenericPackageDescription& out,
                        cabal::Diagnostics& diags, const PackageYamlOptions& options) {
  RenderedCabal rendered;
  if (!render_package_yaml(text, package_dir, rendered, diags, options)) return false;
  cabal::Diagnostics cabal_diags;
  bool ok = cabal::parse_package_description(rendered.text, out, cabal_diags);
  for (auto d : cabal_diags.items) {
    if (d.file.empty() && d.pos.line > 0) {
      SourceSegment s = rendered.locate(d.pos);
      if (s.at.line > 0) {
        d.file = s.file == 0 ? "" : rendered.files[static_cast<size_t>(s.file)];
        d.pos = s.at;
      } else {
        d.message += " (line " + std::to_string(d.pos.line) + " of the .cabal file hpack would write)";
        d.pos = {};
      }
    }
    diags.items.push_back(std::move(d));
  }
  return ok;
}

bool is_package_yaml_path(std::string_view path) {
  auto ends_with = [&](std::string_view s) {
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  return ends_with(".yaml") || ends_with(".yml");
}

}  // namespace mhu::stack
