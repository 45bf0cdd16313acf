// cabal-install's package-location globs (Distribution.Client.Glob and
// Distribution.Simple.Glob.Internal, cabal-install 3.12).
#include "cabal/project_glob.h"

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace mhu::cabal::project_detail {

namespace {

bool is_escaped_char(char c) { return c == '*' || c == '{' || c == '}' || c == ','; }

class GlobParser {
 public:
  explicit GlobParser(std::string_view s) : s_(s) {}

  bool rooted(RootedGlob& out) {
    if (eat('/')) out.root = RootedGlob::Root::Absolute;
    else if (s_.substr(i_, 2) == "~/") {
      i_ += 2;
      out.root = RootedGlob::Root::Home;
    }
    if (out.root != RootedGlob::Root::Relative && i_ == s_.size()) {
      out.trailing_dir = true;  // "/" or "~/" alone
      return true;
    }
    return path(out) && i_ == s_.size();
  }

 private:
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }

  // glob (dirSep (path | trailing))?
  bool path(RootedGlob& out) {
    while (true) {
      GlobPieces p;
      if (!pieces(p)) return false;
      out.components.push_back(std::move(p));
      if (!dir_sep()) return true;
      if (i_ == s_.size()) {
        out.trailing_dir = true;
        return true;
      }
      size_t save = i_;
      GlobPieces probe;
      if (!pieces(probe)) {
        // GlobDir glob GlobDirTrailing, then whatever follows fails the
        // whole parse (it must end here).
        i_ = save;
        out.trailing_dir = true;
        return true;
      }
      i_ = save;
    }
  }

  bool dir_sep() {
    if (eat('/')) return true;
    if (i_ < s_.size() && s_[i_] == '\\' && !(i_ + 1 < s_.size() && is_escaped_char(s_[i_ + 1]))) {
      ++i_;
      return true;
    }
    return false;
  }

  // some (literal | '*' | union)
  bool pieces(GlobPieces& out, int depth = 0) {
    size_t start = i_;
    while (true) {
      // Past these limits the text is not read as a glob (then it is a
      // plain path): the parser and the matcher recurse once per level and
      // per piece, and Cabal's own matcher is exponential in the pieces.
      if (++pieces_ > kMaxPieces || depth > kMaxUnionDepth) return false;
      if (eat('*')) {
        out.push_back({GlobPiece::Kind::WildCard, {}, {}});
      } else if (i_ < s_.size() && s_[i_] == '{') {
        size_t save = i_;
        ++i_;
        GlobPiece u;
        u.kind = GlobPiece::Kind::Union;
        bool ok = true;
        while (true) {
          GlobPieces alt;
          if (!pieces(alt, depth + 1)) {
            ok = false;
            break;
          }
          u.options.push_back(std::move(alt));
          if (eat(',')) continue;
          if (eat('}')) break;
          ok = false;
          break;
        }
        if (!ok) {
          i_ = save;
          return false;  // a union that does not close: no parse
        }
        out.push_back(std::move(u));
      } else {
        std::string lit;
        while (i_ < s_.size()) {
          char c = s_[i_];
          if (c == '\\' && i_ + 1 < s_.size() && is_escaped_char(s_[i_ + 1])) {
            lit += s_[i_ + 1];
            i_ += 2;
          } else if (!is_escaped_char(c) && c != '/' && c != '\\') {
            lit += c;
            ++i_;
          } else {
            break;
          }
        }
        if (lit.empty()) break;
        out.push_back({GlobPiece::Kind::Literal, std::move(lit), {}});
      }
    }
    return i_ > start;
  }

  static constexpr int kMaxPieces = 1000;
  static constexpr int kMaxUnionDepth = 32;
  std::string_view s_;
  size_t i_ = 0;
  int pieces_ = 0;
};

// Cabal's matchGlobPieces (goStart and go), memoised on (piece, offset,
// start): its plain backtracking over `*` is exponential in the number of
// wildcards (`a*****b` against a long name). The pieces, unions flattened,
// become nodes each knowing the node that follows it.
class GlobMatcher {
 public:
  GlobMatcher(const GlobPieces& ps, std::string_view s) : s_(s) {
    first_ = compile(ps, kEnd);
    memo_.assign(nodes_.size() * (s.size() + 1) * 2, 0);
  }
  bool match() { return go(first_, 0, true); }

 private:
  static constexpr int kEnd = -1;
  struct Node {
    GlobPiece::Kind kind;
    const std::string* literal;
    int next;
    std::vector<int> options;  // Union: the first node of each option
  };

  // The nodes of ps, the last one followed by `next`; the first one's index.
  int compile(const GlobPieces& ps, int next) {
    for (size_t i = ps.size(); i-- > 0;) {
      Node n{ps[i].kind, &ps[i].literal, next, {}};
      for (const auto& opt : ps[i].options) n.options.push_back(compile(opt, next));
      nodes_.push_back(std::move(n));
      next = static_cast<int>(nodes_.size()) - 1;
    }
    return next;
  }

  bool go(int node, size_t o, bool start) {
    if (node == kEnd) return o == s_.size();
    size_t key = (static_cast<size_t>(node) * (s_.size() + 1) + o) * 2 + (start ? 1 : 0);
    if (memo_[key]) return memo_[key] == 2;
    bool r = step(nodes_[static_cast<size_t>(node)], node, o, start);
    memo_[key] = r ? 2 : 1;
    return r;
  }

  bool step(const Node& n, int node, size_t o, bool start) {
    switch (n.kind) {
      case GlobPiece::Kind::Literal:
        return s_.substr(o, n.literal->size()) == *n.literal && go(n.next, o + n.literal->size(), false);
      case GlobPiece::Kind::WildCard:
        // "If a filename starts with a '.', this character must be matched explicitly."
        if (start && o < s_.size() && s_[o] == '.') return false;
        // go [WildCard] "" = True; go (WildCard : _ : _) "" = False
        if (o == s_.size()) return n.next == kEnd;
        // go (WildCard : rest) (c : cs) = go rest (c : cs) || go (WildCard : rest) cs
        return go(n.next, o, false) || go(node, o + 1, false);
      case GlobPiece::Kind::Union:
        for (int opt : n.options)
          if (go(opt, o, start)) return true;
        return false;
    }
    return false;
  }

  std::string_view s_;
  std::vector<Node> nodes_;
  int first_ = kEnd;
  std::vector<unsigned char> memo_;  // 0 unknown, 1 false, 2 true
};

std::string join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (a.back() == '/') return a + b;
  return a + "/" + b;
}

// getDirectoryContents: the entries with "." and "..".
std::vector<std::string> dir_entries(const std::string& dir) {
  std::vector<std::string> out{".", ".."};
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    out.push_back(it->path().filename().string());
  return out;
}

bool is_dir(const std::string& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

}  // namespace

bool parse_glob(std::string_view text, RootedGlob& out) {
  out = RootedGlob{};
  GlobParser p(text);
  return p.rooted(out);
}

bool is_trivial_glob(const RootedGlob& g) {
  if (g.root == RootedGlob::Root::Home) return false;
  for (const auto& c : g.components)
    if (c.size() != 1 || c[0].kind != GlobPiece::Kind::Literal) return false;
  return true;
}

bool match_glob_pieces(const GlobPieces& pieces, std::string_view name) {
  return GlobMatcher(pieces, name).match();
}

std::vector<std::string> match_glob(const RootedGlob& g, const std::string& root_dir,
                                    const std::string& home_dir) {
  std::string base = g.root == RootedGlob::Root::Relative ? root_dir
                     : g.root == RootedGlob::Root::Absolute ? std::string("/")
                                                             : home_dir;
  // The constant prefix (literal directory components) is taken as it is;
  // matching starts below it (runDirFileGlob's splitConstantPrefix).
  size_t n = g.components.size();
  size_t dirs = g.trailing_dir ? n : n - 1;  // components that are directories
  size_t k = 0;
  std::string prefix;
  while (k < dirs && g.components[k].size() == 1 && g.components[k][0].kind == GlobPiece::Kind::Literal) {
    prefix = join(prefix, g.components[k][0].literal);
    ++k;
  }
  std::vector<std::string> found;
  if (!is_dir(join(base, prefix).empty() ? "." : join(base, prefix))) return found;

  // Walk the remaining components.
  struct Step {
    std::string rel;
    size_t k;
  };
  std::vector<Step> todo{{prefix, k}};
  while (!todo.empty()) {
    Step st = std::move(todo.back());
    todo.pop_back();
    if (st.k == n) {  // GlobDirTrailing
      found.push_back(st.rel);
      continue;
    }
    bool last_file = !g.trailing_dir && st.k + 1 == n;
    std::string here = join(base, st.rel);
    for (const auto& e : dir_entries(here)) {
      if (!match_glob_pieces(g.components[st.k], e)) continue;
      std::string rel = join(st.rel, e);
      if (last_file) found.push_back(rel);
      else if (is_dir(join(base, rel))) todo.push_back({rel, st.k + 1});
    }
  }
  if (g.root != RootedGlob::Root::Relative) {
    for (auto& f : found) f = join(base, f);
  }
  return found;
}

}  // namespace mhu::cabal::project_detail
