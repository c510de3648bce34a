// Shared by tools/train_attributions.cpp and tools/eval_attributions.cpp: reading a PolNeAR split
// (text/ and attributions/ in brat standoff) and scoring spans as ../shared/eval/polnear.py does.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace byline::tools {

inline constexpr std::array<const char*, 3> roles = {"source", "cue", "content"};

struct byte_span {
  std::uint32_t begin, end;
  friend auto operator<=>(const byte_span&, const byte_span&) = default;
};

struct polnear_article {
  std::string name;  // the text's file name without .txt
  std::string path;
  std::string text;
  std::array<std::vector<byte_span>, 3> gold;  // source, cue, content: UTF-8 byte offsets
};

// Byte offset of each code point index of UTF-8 text (one more for the end).
inline std::vector<std::uint32_t> code_point_offsets(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  out.push_back(static_cast<std::uint32_t>(s.size()));
  return out;
}

// Reads a split: every text, and the first annotation file of its article (as polnear.py does).
inline std::vector<polnear_article> read_polnear(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> texts, anns;
  for (const auto& e : fs::directory_iterator(fs::path(dir) / "text")) texts.push_back(e.path().filename().string());
  for (const auto& e : fs::directory_iterator(fs::path(dir) / "attributions")) anns.push_back(e.path().filename().string());
  std::sort(texts.begin(), texts.end());
  std::sort(anns.begin(), anns.end());
  std::vector<polnear_article> out;
  for (const auto& t : texts) {
    if (t.size() < 4 || t.substr(t.size() - 4) != ".txt") continue;
    polnear_article a;
    a.name = t.substr(0, t.size() - 4);
    a.path = (fs::path(dir) / "text" / t).string();
    std::ifstream in(a.path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    a.text = ss.str();
    const auto cp = code_point_offsets(a.text);
    auto to_byte = [&](long c) { return cp[static_cast<std::size_t>(std::clamp<long>(c, 0, static_cast<long>(cp.size()) - 1))]; };
    for (const auto& f : anns) {
      const auto us = f.rfind('_');
      if (us == std::string::npos || f.substr(0, us) != a.name) continue;
      std::ifstream an((fs::path(dir) / "attributions" / f).string());
      for (std::string line; std::getline(an, line);) {
        if (line.empty() || line[0] != 'T') continue;
        const auto tab1 = line.find('\t');
        if (tab1 == std::string::npos) continue;
        const auto tab2 = line.find('\t', tab1 + 1);
        const std::string mid = line.substr(tab1 + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab1 - 1);
        std::istringstream ms(mid);
        std::string kind;
        ms >> kind;
        int role = kind == "Source" ? 0 : kind == "Cue" ? 1 : kind == "Content" ? 2 : -1;
        if (role < 0) continue;
        // Offsets: "s e" or "s e;s e": the first start and the last end.
        std::string rest;
        std::getline(ms, rest);
        std::vector<long> nums;
        std::string cur;
        for (char c : rest + " ") {
          if (c >= '0' && c <= '9') cur += c;
          else if (!cur.empty()) nums.push_back(std::stol(cur)), cur.clear();
        }
        if (nums.size() < 2) continue;
        const auto b = to_byte(nums.front()), e = to_byte(nums.back());
        // Out-of-order pieces ("209 236;91 186") make an inverted span, which matches nothing;
        // polnear.py counts it all the same.
        // Every span line counts, repeats too, as polnear.py counts them.
        a.gold[static_cast<std::size_t>(role)].push_back({b, e});
      }
      break;  // the first annotation is gold
    }
    for (auto& g : a.gold) std::sort(g.begin(), g.end());
    out.push_back(std::move(a));
  }
  return out;
}

// polnear.py's one-to-one matching: overlapping pairs taken greedily, exact ones first, then by
// overlap size. Returns the number matched.
inline std::size_t match_spans(const std::vector<byte_span>& pred, const std::vector<byte_span>& gold) {
  struct pair {
    bool exact;
    std::uint32_t overlap;
    std::size_t i, j;
  };
  std::vector<pair> pairs;
  for (std::size_t i = 0; i < pred.size(); ++i)
    for (std::size_t j = 0; j < gold.size(); ++j) {
      const auto& x = pred[i];
      const auto& y = gold[j];
      if (x == y || (x.begin < y.end && y.begin < x.end))
        pairs.push_back({x == y, std::min(x.end, y.end) - std::max(x.begin, y.begin), i, j});
    }
  std::sort(pairs.begin(), pairs.end(), [](const pair& a, const pair& b) {
    return std::tie(a.exact, a.overlap, a.i, a.j) > std::tie(b.exact, b.overlap, b.i, b.j);
  });
  std::vector<char> up(pred.size()), ug(gold.size());
  std::size_t n = 0;
  for (const auto& p : pairs)
    if (!up[p.i] && !ug[p.j]) up[p.i] = ug[p.j] = 1, ++n;
  return n;
}

struct role_score {
  std::size_t matched = 0, predicted = 0, exact = 0, gold = 0;
  void add(std::vector<byte_span> pred, const std::vector<byte_span>& g) {
    std::sort(pred.begin(), pred.end());
    pred.erase(std::unique(pred.begin(), pred.end()), pred.end());
    matched += match_spans(pred, g);
    predicted += pred.size();
    gold += g.size();
    std::set<byte_span> gs(g.begin(), g.end());
    for (const auto& p : pred) exact += gs.count(p);
  }
  double p() const { return predicted ? double(matched) / double(predicted) : 0; }
  double r() const { return gold ? double(matched) / double(gold) : 0; }
  double f1() const { return p() + r() > 0 ? 2 * p() * r() / (p() + r()) : 0; }
  double exact_f1() const { return predicted + gold ? 2.0 * double(exact) / double(predicted + gold) : 0; }
};

}  // namespace byline::tools
