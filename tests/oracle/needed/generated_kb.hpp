#pragma once
// A random knowledge base in the shape of kb/: findings a case reports (`has`), one
// number (`n`) compared with thresholds, derived helpers with negation, an `advise`
// output, and a `disposition` that is the highest level reached (a `max` aggregate).

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace sinew::oracle {

struct GeneratedKb {
  std::string text;          // the .sinew source
  std::size_t findings = 0;  // f0 .. f{findings-1}
  std::vector<std::int64_t> thresholds;
};

inline GeneratedKb generate_kb(std::uint64_t seed, std::size_t min_findings,
                               std::size_t max_findings) {
  std::mt19937_64 random(seed);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  GeneratedKb kb;
  kb.findings = min_findings + pick(max_findings - min_findings + 1);
  std::int64_t all_thresholds[] = {2, 5, 8};
  kb.thresholds = {all_thresholds[pick(3)]};
  if (pick(2)) kb.thresholds.push_back(all_thresholds[pick(3)]);

  std::string& t = kb.text;
  t += "module generated version \"0.1\"\n\n";
  t += "kind finding \"Finding\"\nkind action \"Action\"\n";
  t += "finding ";
  for (std::size_t f = 0; f < kb.findings; ++f) {
    t += (f ? ",\n        " : "") + std::string("f") + std::to_string(f) + " \"F" +
         std::to_string(f) + "\"";
  }
  t += ".\naction a0 \"A0\", a1 \"A1\", a2 \"A2\".\n";
  t += "scale level : l0 < l1 < l2 < l3\n";
  t += "input has(f: finding)\ninput n(v: number)\n";
  t += "output disposition(l: level)\noutput advise(a: action)\n";
  t += "relation reach(l: level)\nrelation group(f: finding)\n";
  const std::size_t helpers = 2 + pick(3);
  for (std::size_t h = 0; h < helpers; ++h) t += "relation m" + std::to_string(h) + "()\n";
  // A group of findings that a rule reads through a variable: `has(F), group(F)`.
  for (std::size_t f = 0; f < kb.findings; ++f) {
    if (pick(4) == 0) t += "group(f" + std::to_string(f) + ").\n";
  }
  auto finding = [&] { return "f" + std::to_string(pick(kb.findings)); };
  auto threshold = [&] { return std::to_string(kb.thresholds[pick(kb.thresholds.size())]); };
  // A body of 1 to 3 conditions; `below` helpers may be read (stratified negation).
  auto body = [&](std::size_t below) {
    std::vector<std::string> parts;
    std::size_t count = 1 + pick(3);
    bool positive = false;
    for (std::size_t i = 0; i < count; ++i) {
      std::size_t kind = pick(below ? 8 : 6);
      switch (kind) {
        case 0:
        case 1:
        case 2:
          parts.push_back("has(" + finding() + ")");
          positive = true;
          break;
        case 3: parts.push_back("!has(" + finding() + ")"); break;
        case 4: {
          std::string op = pick(2) ? ">=" : "<";
          parts.push_back("n(V" + std::to_string(i) + "), V" + std::to_string(i) + " " + op + " " +
                          threshold());
          positive = true;
          break;
        }
        case 5:
          parts.push_back("has(G" + std::to_string(i) + "), group(G" + std::to_string(i) + ")");
          positive = true;
          break;
        case 6:
          parts.push_back("m" + std::to_string(pick(below)));
          positive = true;
          break;
        default: parts.push_back("!m" + std::to_string(pick(below))); break;
      }
    }
    if (!positive) parts.push_back("has(" + finding() + ")");
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out;
  };
  std::size_t rule = 0;
  auto rule_name = [&] { return "rule r" + std::to_string(rule++) + "\n  "; };
  for (std::size_t h = 0; h < helpers; ++h) {
    std::size_t ways = 1 + pick(2);
    for (std::size_t w = 0; w < ways; ++w)
      t += rule_name() + "m" + std::to_string(h) + " :- " + body(h) + ".\n";
  }
  std::size_t reaches = 3 + pick(5);
  for (std::size_t r = 0; r < reaches; ++r) {
    t += rule_name() + "reach(l" + std::to_string(pick(4)) + ") :- " + body(helpers) + ".\n";
  }
  std::size_t advice = 1 + pick(3);
  for (std::size_t a = 0; a < advice; ++a) {
    t += rule_name() + "advise(a" + std::to_string(pick(3)) + ") :- " + body(helpers) + ".\n";
  }
  t += rule_name() + "disposition(L) :- L = max X : { reach(X) }.\n";
  return kb;
}

}  // namespace sinew::oracle
