// word_clusters: Brown clusters (Brown et al. 1992, with Liang's 2005 window of C + 1 clusters) of the
// words of unlabelled text, for the NER model's cluster features. Writes `word<TAB>bits` lines, the
// bit string being the path from the root of the merge tree to the word's cluster, after a first
// line "# made by: <this command>"; train_ner --clusters reads them and saves them with the weights.
//
//   build/default/tools/word_clusters --conll ../shared/data/conll2003/eng.train
//       --conllu ../shared/data/gum-news/dep --clusters 1024 --min-count 2 --out build/clusters.tsv
//
// Sources (each option may repeat):
//   --text DIR     every *.txt in DIR, tokenized and split into sentences by byline
//   --fnc CSV      the articleBody column of FNC-1's train_bodies.csv, the same way
//   --conllu DIR   every *.conllu in DIR (the token column; sentences as given)
//   --conll FILE   a CoNLL-2003 file's tokens (first column)
// Words are the model's lookup form (lower case, digits as 0, ASCII quotes and dashes: see
// detail::ner::analyse). Bigrams never cross a sentence end.
//
// The algorithm: words in order of frequency; the C most frequent start as C clusters; each next
// word becomes cluster C + 1, and the two clusters whose merge loses the least average mutual
// information between adjacent clusters are merged. After the last word the C clusters are merged
// down to one, and that part of the history is the tree the bit strings come from. Each step keeps
// the loss of every pair up to date in O(C^2) (Liang 2005, section 3.2), so the whole run is
// O(V C^2) for V words.
#include <byline/byline.hpp>
#include <byline/entity/model.hpp>
#include <byline/io/conll.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace fs = std::filesystem;
using namespace byline;

namespace {

struct corpus {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::string> words;
  std::vector<std::uint64_t> freq;
  std::vector<std::vector<std::uint32_t>> sentences;
  std::size_t tokens = 0;
  detail::ner::word_info info;

  void add_sentence(const std::vector<std::string_view>& toks) {
    std::vector<std::uint32_t> s;
    for (auto t : toks) {
      detail::ner::analyse(t, info);
      auto [it, fresh] = ids.try_emplace(info.lower, static_cast<std::uint32_t>(words.size()));
      if (fresh) words.push_back(info.lower), freq.push_back(0);
      ++freq[it->second];
      s.push_back(it->second);
    }
    tokens += s.size();
    if (!s.empty()) sentences.push_back(std::move(s));
  }
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void add_text(corpus& c, const std::string& text) {
  static const byline::pipeline nlp;
  const auto doc = nlp(byline::borrow(text));
  std::vector<std::string_view> toks;
  for (auto s : doc.sentences()) {
    toks.clear();
    for (auto t : s) toks.push_back(t.text());
    c.add_sentence(toks);
  }
}

// FNC-1's bodies: "Body ID,articleBody" with RFC 4180 quoting (doubled quotes, line breaks inside).
void add_fnc(corpus& c, const std::string& path) {
  const auto text = read_file(path);
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, header = true;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char ch = i < text.size() ? text[i] : '\n';
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (ch == '"') quoted = false;
      else field += ch;
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.push_back(std::move(field)), field.clear();
    } else if (ch == '\n') {
      fields.push_back(std::move(field)), field.clear();
      if (!header && fields.size() >= 2) add_text(c, fields[1]);
      header = false;
      fields.clear();
    } else if (ch != '\r') {
      field += ch;
    }
  }
}

void add_conllu(corpus& c, const fs::path& p) {
  std::istringstream in(read_file(p));
  std::vector<std::string> store;
  auto flush = [&] {
    std::vector<std::string_view> v(store.begin(), store.end());
    c.add_sentence(v);
    store.clear();
  };
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line == "\r") {
      flush();
      continue;
    }
    if (line[0] == '#') continue;
    const auto t1 = line.find('\t');
    if (t1 == std::string::npos) continue;
    const auto id = line.substr(0, t1);
    if (id.find_first_not_of("0123456789") != std::string::npos) continue;  // 1-2, 3.1
    const auto t2 = line.find('\t', t1 + 1);
    store.push_back(line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1));
  }
  flush();
}

class brown {
 public:
  brown(const corpus& c, std::size_t clusters, std::uint64_t min_count) : C_(clusters) {
    // Vocabulary: frequent enough, by frequency then spelling (deterministic).
    std::vector<std::uint32_t> order;
    for (std::uint32_t i = 0; i < c.words.size(); ++i)
      if (c.freq[i] >= min_count) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
      return c.freq[a] != c.freq[b] ? c.freq[a] > c.freq[b] : c.words[a] < c.words[b];
    });
    std::vector<std::int32_t> vid(c.words.size(), -1);
    for (std::size_t k = 0; k < order.size(); ++k) vid[order[k]] = static_cast<std::int32_t>(k);
    V_ = order.size();
    for (auto w : order) words_.push_back(c.words[w]);
    // Bigrams among vocabulary words within sentences; marginals over every bigram.
    std::vector<std::map<std::uint32_t, double>> right(V_);
    pl_w_.assign(V_, 0.0);
    pr_w_.assign(V_, 0.0);
    for (const auto& s : c.sentences)
      for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        N_ += 1;
        const auto a = vid[s[i]], b = vid[s[i + 1]];
        if (a >= 0) pl_w_[static_cast<std::size_t>(a)] += 1;
        if (b >= 0) pr_w_[static_cast<std::size_t>(b)] += 1;
        if (a >= 0 && b >= 0) right[static_cast<std::size_t>(a)][static_cast<std::uint32_t>(b)] += 1;
      }
    right_.resize(V_);
    left_.resize(V_);
    for (std::size_t a = 0; a < V_; ++a)
      for (const auto& [b, n] : right[a]) {
        right_[a].emplace_back(b, n);
        left_[b].emplace_back(static_cast<std::uint32_t>(a), n);
      }
    for (auto& x : pl_w_) x /= N_;
    for (auto& x : pr_w_) x /= N_;
  }

  std::size_t vocabulary() const { return V_; }

  // word, bits
  std::vector<std::pair<std::string, std::string>> run() {
    const std::size_t S = C_ + 1;
    n2_.assign(S * S, 0.0);
    q_.assign(S * S, 0.0);
    L_.assign(S * S, 0.0);
    s_.assign(S, 0.0);
    pl_.assign(S, 0.0);
    pr_.assign(S, 0.0);
    members_.assign(S, {});
    slot_of_.assign(V_, -1);
    node_.assign(S, -1);
    active_ = 0;
    const std::size_t first = std::min(C_, V_);
    for (std::size_t w = 0; w < first; ++w) add_word(w, false);
    for (std::size_t a = 0; a < active_; ++a) recompute_q(a);
    recompute_s();
    for (std::size_t a = 0; a < active_; ++a)
      for (std::size_t b = a + 1; b < active_; ++b) L(a, b) = naive_loss(a, b);
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t w = first; w < V_; ++w) {
      add_word(w, true);
      merge_best(false);
      if ((w - first) % 2000 == 0)
        std::cerr << "  word " << w << " of " << V_ << ", "
                  << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s\n";
    }
    // Leaves of the tree: the clusters left.
    for (std::size_t a = 0; a < active_; ++a) {
      node_[a] = static_cast<std::int32_t>(tree_.size());
      tree_.push_back({-1, -1, static_cast<std::int32_t>(a)});
      leaf_members_.push_back(members_[a]);
    }
    while (active_ > 1) merge_best(true);
    // Paths: 0 to the first child, 1 to the second.
    std::vector<std::pair<std::string, std::string>> out;
    if (tree_.empty()) return out;
    std::vector<std::pair<std::int32_t, std::string>> stack{{node_[0], ""}};
    while (!stack.empty()) {
      auto [n, path] = stack.back();
      stack.pop_back();
      const auto& t = tree_[static_cast<std::size_t>(n)];
      if (t.left < 0) {
        for (auto w : leaf_members_[static_cast<std::size_t>(t.leaf)]) out.emplace_back(words_[w], path.empty() ? "0" : path);
        continue;
      }
      stack.push_back({t.right, path + "1"});
      stack.push_back({t.left, path + "0"});
    }
    return out;
  }

 private:
  struct tree_node {
    std::int32_t left, right, leaf;
  };
  std::size_t C_, V_ = 0;
  double N_ = 0;
  std::vector<std::string> words_;
  std::vector<std::vector<std::pair<std::uint32_t, double>>> right_, left_;
  std::vector<double> pl_w_, pr_w_;
  std::vector<double> n2_, q_, L_, s_, pl_, pr_;
  std::vector<std::vector<std::uint32_t>> members_;
  std::vector<std::int32_t> slot_of_;
  std::size_t active_ = 0;
  std::vector<tree_node> tree_;
  std::vector<std::int32_t> node_;
  std::vector<std::vector<std::uint32_t>> leaf_members_;

  std::size_t S() const { return C_ + 1; }
  double& n2(std::size_t a, std::size_t b) { return n2_[a * S() + b]; }
  double& q(std::size_t a, std::size_t b) { return q_[a * S() + b]; }
  double& L(std::size_t a, std::size_t b) { return L_[std::min(a, b) * S() + std::max(a, b)]; }
  double qv(double n, double pl, double pr) const {
    if (n <= 0) return 0;
    const double p = n / N_;
    return p * std::log(p / (pl * pr));
  }

  void recompute_q(std::size_t a) {
    for (std::size_t x = 0; x < active_; ++x) {
      q(a, x) = qv(n2(a, x), pl_[a], pr_[x]);
      q(x, a) = qv(n2(x, a), pl_[x], pr_[a]);
    }
  }
  void recompute_s() {
    for (std::size_t a = 0; a < active_; ++a) {
      double v = 0;
      for (std::size_t x = 0; x < active_; ++x) v += q(a, x) + q(x, a);
      s_[a] = v - q(a, a);
    }
  }
  // q of the merged pair (a + b) with x, either way round.
  double q_merged_x(std::size_t a, std::size_t b, std::size_t x) {
    return qv(n2(a, x) + n2(b, x), pl_[a] + pl_[b], pr_[x]) + qv(n2(x, a) + n2(x, b), pl_[x], pr_[a] + pr_[b]);
  }
  double naive_loss(std::size_t a, std::size_t b) {
    double after = qv(n2(a, a) + n2(a, b) + n2(b, a) + n2(b, b), pl_[a] + pl_[b], pr_[a] + pr_[b]);
    for (std::size_t x = 0; x < active_; ++x)
      if (x != a && x != b) after += q_merged_x(a, b, x);
    return s_[a] + s_[b] - q(a, b) - q(b, a) - after;
  }

  // Adds word w as a new cluster in the next slot; with `update`, keeps q, s and L current.
  void add_word(std::size_t w, bool update) {
    const std::size_t a = active_++;
    slot_of_[w] = static_cast<std::int32_t>(a);
    members_[a] = {static_cast<std::uint32_t>(w)};
    pl_[a] = pl_w_[w];
    pr_[a] = pr_w_[w];
    for (std::size_t x = 0; x < S(); ++x) n2(a, x) = 0, n2(x, a) = 0;
    for (const auto& [v, n] : right_[w])
      if (slot_of_[v] >= 0) n2(a, static_cast<std::size_t>(slot_of_[v])) += n;
    for (const auto& [u, n] : left_[w])
      if (slot_of_[u] >= 0 && u != w) n2(static_cast<std::size_t>(slot_of_[u]), a) += n;
    if (!update) return;
    recompute_q(a);
    for (std::size_t x = 0; x < a; ++x) s_[x] += q(x, a) + q(a, x);
    {
      double v = 0;
      for (std::size_t x = 0; x < active_; ++x) v += q(a, x) + q(x, a);
      s_[a] = v - q(a, a);
    }
    for (std::size_t x = 0; x < a; ++x)
      for (std::size_t y = x + 1; y < a; ++y)
        L(x, y) += q(x, a) + q(a, x) + q(y, a) + q(a, y) - q_merged_x(x, y, a);
    for (std::size_t x = 0; x < a; ++x) L(x, a) = naive_loss(x, a);
  }

  // Merges the pair of least loss; in the tree phase, records the merge as a node.
  void merge_best(bool tree) {
    std::size_t ba = 0, bb = 1;
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < active_; ++a)
      for (std::size_t b = a + 1; b < active_; ++b)
        if (L(a, b) < best) best = L(a, b), ba = a, bb = b;
    const std::size_t a = ba, b = bb;
    // Other pairs' losses, before a and b change. m[c]: how much c's own terms lose.
    std::vector<double> m(active_, 0.0);
    for (std::size_t c = 0; c < active_; ++c)
      if (c != a && c != b) m[c] = q(c, a) + q(a, c) + q(c, b) + q(b, c) - q_merged_x(a, b, c);
    for (std::size_t c = 0; c < active_; ++c) {
      if (c == a || c == b) continue;
      for (std::size_t d = c + 1; d < active_; ++d) {
        if (d == a || d == b) continue;
        double delta = -m[c] - m[d];
        // The merged (c + d) against a, b and then (a + b).
        const double pl_cd = pl_[c] + pl_[d], pr_cd = pr_[c] + pr_[d];
        const double before = qv(n2(c, a) + n2(d, a), pl_cd, pr_[a]) + qv(n2(a, c) + n2(a, d), pl_[a], pr_cd) +
                              qv(n2(c, b) + n2(d, b), pl_cd, pr_[b]) + qv(n2(b, c) + n2(b, d), pl_[b], pr_cd);
        const double after = qv(n2(c, a) + n2(d, a) + n2(c, b) + n2(d, b), pl_cd, pr_[a] + pr_[b]) +
                             qv(n2(a, c) + n2(a, d) + n2(b, c) + n2(b, d), pl_[a] + pl_[b], pr_cd);
        delta += before - after;
        L(c, d) += delta;
      }
    }
    // s of the others: their terms with a and b become terms with a + b.
    for (std::size_t x = 0; x < active_; ++x)
      if (x != a && x != b) s_[x] -= m[x];
    // Merge b into a.
    const double self = n2(a, a) + n2(a, b) + n2(b, a) + n2(b, b);
    for (std::size_t x = 0; x < active_; ++x) {
      n2(a, x) += n2(b, x);
      n2(x, a) += n2(x, b);
    }
    n2(a, a) = self;
    pl_[a] += pl_[b];
    pr_[a] += pr_[b];
    for (auto w : members_[b]) slot_of_[w] = static_cast<std::int32_t>(a);
    members_[a].insert(members_[a].end(), members_[b].begin(), members_[b].end());
    if (tree) {
      const auto n = static_cast<std::int32_t>(tree_.size());
      tree_.push_back({node_[a], node_[b], -1});
      node_[a] = n;
    }
    // The last slot moves into b's place.
    const std::size_t last = active_ - 1;
    if (b != last) {
      for (std::size_t x = 0; x < active_; ++x) {
        n2(b, x) = n2(last, x);
        n2(x, b) = n2(x, last);
      }
      n2(b, b) = n2(last, last);
      pl_[b] = pl_[last];
      pr_[b] = pr_[last];
      s_[b] = s_[last];
      members_[b] = std::move(members_[last]);
      for (auto w : members_[b]) slot_of_[w] = static_cast<std::int32_t>(b);
      node_[b] = node_[last];
      for (std::size_t x = 0; x < active_; ++x) {
        if (x == b || x == last) continue;
        L(b, x) = L(last, x);
      }
    }
    members_[last].clear();
    --active_;
    // a's q, s and losses anew.
    recompute_q(a);
    if (b != last) recompute_q(b);
    {
      double v = 0;
      for (std::size_t x = 0; x < active_; ++x) v += q(a, x) + q(x, a);
      s_[a] = v - q(a, a);
    }
    for (std::size_t x = 0; x < active_; ++x)
      if (x != a) L(a, x) = naive_loss(std::min(a, x), std::max(a, x));
  }
};

}  // namespace

int main(int argc, char** argv) {
  corpus c;
  std::size_t clusters = 256;
  std::uint64_t min_count = 3;
  std::string out_path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--text") {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(next()))
        if (e.path().extension() == ".txt") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) add_text(c, read_file(f));
    } else if (a == "--fnc") {
      add_fnc(c, next());
    } else if (a == "--conllu") {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(next()))
        if (e.path().extension() == ".conllu") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) add_conllu(c, f);
    } else if (a == "--conll") {
      const auto corpus = io::read_conll_file(next());
      for (const auto& d : corpus.documents)
        for (const auto& s : d.sentences) {
          std::vector<std::string_view> v(s.tokens.begin(), s.tokens.end());
          c.add_sentence(v);
        }
    } else if (a == "--clusters") {
      clusters = static_cast<std::size_t>(std::max(2, std::stoi(next())));
    } else if (a == "--min-count") {
      min_count = std::stoull(next());
    } else if (a == "--out") {
      out_path = next();
    } else {
      std::cerr << "unknown option " << a << '\n';
      return 2;
    }
  }
  if (out_path.empty()) {
    std::cerr << "usage: word_clusters (--text DIR | --fnc CSV | --conllu DIR | --conll FILE)... --out FILE\n";
    return 2;
  }
  brown b(c, clusters, min_count);
  std::cerr << c.tokens << " tokens, " << c.words.size() << " word types, " << b.vocabulary() << " with count >= "
            << min_count << "; " << clusters << " clusters\n";
  const auto t0 = std::chrono::steady_clock::now();
  const auto out = b.run();
  std::cerr << "clustered in " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
            << " s\n";
  std::ofstream f(out_path);
  // The command, for the header of the weights made from these clusters.
  f << "# made by: build/default/tools/word_clusters";
  for (int i = 1; i < argc; ++i) f << ' ' << argv[i];
  f << '\n';
  for (const auto& [w, bits] : out) f << w << '\t' << bits << '\n';
  return 0;
}
