#include "cabal/fields.h"

#include "cabal/lexer.h"
#include "cabal/value_cursor.h"

namespace mhu::cabal {

namespace {

std::string describe(const LexToken& t) {
  switch (t.kind) {
    case LexTokenKind::Sym: return "symbol \"" + std::string(t.text) + "\"";
    case LexTokenKind::Str: return "string \"" + std::string(t.text) + "\"";
    case LexTokenKind::Other: return "operator \"" + std::string(t.text) + "\"";
    case LexTokenKind::Indent: return "new line";
    case LexTokenKind::FieldLine: return "field content";
    case LexTokenKind::Colon: return "\":\"";
    case LexTokenKind::OpenBrace: return "\"{\"";
    case LexTokenKind::CloseBrace: return "\"}\"";
    case LexTokenKind::Eof: return "end of file";
    case LexTokenKind::Error: {
      std::string s = "character in input";
      unsigned char c = t.text.empty() ? 0 : t.text[0];
      char buf[16];
      snprintf(buf, sizeof buf, " '\\x%02x'", c);
      return s + (c >= 0x20 && c < 0x7f ? " '" + std::string(1, c) + "'" : std::string(buf));
    }
  }
  return "token";
}

// Sections nested deeper than this are an error (Cabal has no limit; mhu's
// readers recurse once per level, and a real file nests a handful deep).
constexpr int kMaxSectionDepth = 1000;

// Cabal's grammar is a Parsec parser; an alternative is tried only when the
// previous one failed without consuming input. NoMatch is that case, Fail a
// failure after consuming (a syntax error).
enum class Result { Ok, NoMatch, Fail };

class Parser {
 public:
  Parser(std::string_view input, Diagnostics& diags) : lx_(input), diags_(diags) {}

  bool file(std::vector<Field>& out) {
    if (elements(0, out) == Result::Fail) return false;
    const LexToken& t = lx_.peek();
    if (t.kind != LexTokenKind::Eof) {
      error(t, "unexpected " + describe(t));
      return false;
    }
    return true;
  }

  const std::vector<LexWarning>& lex_warnings() const { return lx_.warnings(); }

 private:
  Result error(const LexToken& t, std::string message) {
    diags_.error(t.pos, std::move(message));
    return Result::Fail;
  }
  Result expected(const LexToken& t, const char* what) {
    return error(t, "unexpected " + describe(t) + ", expecting " + what);
  }

  // The fields of a block are gathered on a stack shared by all levels (a
  // nested block's fields are taken off before its parent's next one comes),
  // then moved to `out` at their exact size: no regrowing per block.
  Result elements(int ilevel, std::vector<Field>& out) {
    std::vector<Field>& stack_ = field_stack();
    size_t base = stack_.size();
    Result result = Result::Ok;
    while (true) {
      Field f;
      Result r = element(ilevel, f);
      if (r == Result::NoMatch) break;
      if (r == Result::Fail) {
        result = r;
        break;
      }
      stack_.push_back(std::move(f));
    }
    out.reserve(out.size() + (stack_.size() - base));
    for (size_t i = base; i < stack_.size(); ++i) out.push_back(std::move(stack_[i]));
    stack_.resize(base);
    return result;
  }

  Result element(int ilevel, Field& f) {
    const LexToken& t = lx_.peek();
    if (t.kind == LexTokenKind::Indent) {
      if (t.indent < ilevel) return Result::NoMatch;
      int indent = t.indent;
      lx_.advance();
      const LexToken& n = lx_.peek();
      if (n.kind != LexTokenKind::Sym) return expected(n, "field or section name");
      take_name(f);
      return in_layout(indent + 1, f);
    }
    if (t.kind == LexTokenKind::Sym) {
      take_name(f);
      return in_non_layout(f);
    }
    return Result::NoMatch;
  }

  void take_name(Field& f) {
    const LexToken& n = lx_.peek();
    f.name = ascii_lower(n.text);
    f.pos = n.pos;
    lx_.advance();
  }

  Result in_layout(int ilevel, Field& f) {
    if (lx_.peek().kind == LexTokenKind::Colon) {
      lx_.advance();
      if (lx_.open_brace_next()) return field_braces(f);
      lx_.set_mode(LexMode::FieldLayout);
      Result r = field_layout(ilevel, f);
      lx_.set_mode(LexMode::Section);
      return r;
    }
    f.is_section = true;
    section_args(f);
    if (lx_.peek().kind == LexTokenKind::OpenBrace) return section_braces(f);
    return nested(f, [&] { return elements(ilevel, f.children); });
  }

  Result in_non_layout(Field& f) {
    if (lx_.peek().kind == LexTokenKind::Colon) {
      lx_.advance();
      if (lx_.open_brace_next()) return field_braces(f);
      lx_.set_mode(LexMode::FieldBraces);
      if (lx_.peek().kind == LexTokenKind::FieldLine) take_line(f);
      lx_.set_mode(LexMode::Section);
      return Result::Ok;
    }
    f.is_section = true;
    section_args(f);
    const LexToken& t = lx_.peek();
    if (t.kind != LexTokenKind::OpenBrace) return expected(t, "\"{\"");
    return section_braces(f);
  }

  void section_args(Field& f) {
    while (true) {
      const LexToken& t = lx_.peek();
      SectionArg::Kind kind;
      if (t.kind == LexTokenKind::Sym) kind = SectionArg::Kind::Name;
      else if (t.kind == LexTokenKind::Str) kind = SectionArg::Kind::Str;
      else if (t.kind == LexTokenKind::Other) kind = SectionArg::Kind::Other;
      else return;
      f.args.push_back({kind, t.pos, t.text});
      lx_.advance();
    }
  }

  // The children of section f, read by `read` one level deeper.
  template <class Read>
  Result nested(const Field& f, Read read) {
    if (depth_ == kMaxSectionDepth)
      return error_at(f.pos, "section '" + f.name + "' nested too deeply (more than " +
                                 std::to_string(kMaxSectionDepth) + " levels)");
    ++depth_;
    Result r = read();
    --depth_;
    return r;
  }

  Result error_at(Position pos, std::string message) {
    diags_.error(pos, std::move(message));
    return Result::Fail;
  }

  Result section_braces(Field& f) {
    lx_.advance();  // {
    if (nested(f, [&] { return elements(0, f.children); }) == Result::Fail) return Result::Fail;
    if (lx_.peek().kind == LexTokenKind::Indent) lx_.advance();
    const LexToken& t = lx_.peek();
    if (t.kind != LexTokenKind::CloseBrace) return expected(t, "\"}\"");
    lx_.advance();
    return Result::Ok;
  }

  Result field_braces(Field& f) {
    lx_.advance();  // {
    lx_.set_mode(LexMode::FieldBraces);
    while (lx_.peek().kind == LexTokenKind::FieldLine) take_line(f);
    lx_.set_mode(LexMode::Section);
    const LexToken& t = lx_.peek();
    if (t.kind != LexTokenKind::CloseBrace) return expected(t, "\"}\"");
    lx_.advance();
    return Result::Ok;
  }

  // The lines of a value in layout, gathered first so that the field gets
  // them in one allocation of the right size.
  Result field_layout(int ilevel, Field& f) {
    thread_local std::vector<FieldLine> lines;  // storage kept from field to field
    lines.clear();
    auto take = [&] {
      const LexToken& t = lx_.peek();
      lines.push_back({t.pos, t.text});
      lx_.advance();
    };
    Result r = Result::Ok;
    if (lx_.peek().kind == LexTokenKind::FieldLine) take();
    while (true) {
      const LexToken& t = lx_.peek();
      if (t.kind != LexTokenKind::Indent || t.indent < ilevel) break;
      lx_.advance();
      const LexToken& c = lx_.peek();
      if (c.kind != LexTokenKind::FieldLine) {
        r = expected(c, "field contents");
        break;
      }
      take();
    }
    f.lines.assign(lines.begin(), lines.end());
    return r;
  }

  void take_line(Field& f) {
    const LexToken& t = lx_.peek();
    f.lines.push_back({t.pos, t.text});
    lx_.advance();
  }

  // One per thread, kept from file to file (its storage is reused).
  static std::vector<Field>& field_stack() {
    thread_local std::vector<Field> stack;
    return stack;
  }

  Lexer lx_;
  Diagnostics& diags_;
  int depth_ = 0;  // sections open around the current element
};

std::string format_positions(const std::vector<Position>& ps) {
  std::string out;
  for (const auto& p : ps) {
    if (!out.empty()) out += ", ";
    out += std::to_string(p.line) + ":" + std::to_string(p.col);
  }
  return out;
}

// Cabal warns when the names of one block do not start in the same column;
// the positions of the names that jump, in file order.
void check_indentation(const std::vector<Field>& fs, std::vector<Position>& jumps) {
  for (size_t i = 0; i < fs.size(); ++i) {
    if (i > 0 && fs[i].pos.col != fs[i - 1].pos.col) jumps.push_back(fs[i].pos);
    if (fs[i].is_section) check_indentation(fs[i].children, jumps);
  }
}

void report_lex_warnings(const std::vector<LexWarning>& ws, Diagnostics& diags) {
  std::vector<Position> tabs, nbsps;
  for (const auto& w : ws) {
    if (w.kind == LexWarningKind::Bom)
      diags.warning(w.pos, "Byte-order mark found at the beginning of the file");
    else if (w.kind == LexWarningKind::Tab)
      tabs.push_back(w.pos);
    else
      nbsps.push_back(w.pos);
  }
  if (!nbsps.empty())
    diags.warning(nbsps[0], "Non breaking spaces at " + format_positions(nbsps));
  if (!tabs.empty()) diags.warning(tabs[0], "Tabs used as indentation at " + format_positions(tabs));
}

}  // namespace

bool read_fields(std::string_view input, std::vector<Field>& out, Diagnostics& diags) {
  Parser p(input, diags);
  bool ok = p.file(out);
  report_lex_warnings(p.lex_warnings(), diags);
  if (ok) {
    std::vector<Position> jumps;
    check_indentation(out, jumps);
    if (!jumps.empty()) {
      // Reported at the first name that jumps, as Cabal does.
      std::string list;
      for (const auto& p : jumps) list += (list.empty() ? "" : ", ") + std::to_string(p.line);
      diags.warning(jumps[0], "Inconsistent indentation. Indentation jumps at lines " + list);
    }
  }
  return ok;
}

std::string join_field_lines(const std::vector<FieldLine>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out.append(lines[i].text);
  }
  return out;
}

}  // namespace mhu::cabal
