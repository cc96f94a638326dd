// The brute-force oracle for `sinew diff` over the whole case space.
//
// For pairs of generated knowledge bases (one generated as in the needed oracle, the
// other an edit of it: a threshold, a group member removed, a level, a negation, a
// rename, nothing, or another knowledge base altogether), every case is written as
// JSON and evaluated by each version through the case service's JSON path
// (cases::CaseSession, as `sinew eval` does), and the conclusions are compared case by
// case. `diff_case_space` (case workers, interchangeable findings merged, numbers at
// their boundaries only) must find:
//   1. exactly the changes found over every case of every finding of the knowledge base
//      and every number from -1 to 11 (nothing missed by leaving names or numbers out);
//   2. over the facts its case space lists, the same number of cases for each change,
//      and the same smallest number of inputs (the merging counts right);
//   3. an example for each change that, evaluated by the JSON path, shows that change.
//
//   diff_oracle --generated COUNT [--seed S] [--findings MIN MAX]

#include "oracle/needed/generated_kb.hpp"

#include "cases/case_evaluation.hpp"
#include "cli/case_diff.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>
#include <unistd.h>

namespace {

using namespace sinew;
using nlohmann::json;

std::optional<ir::Program> load(const std::filesystem::path& path, std::string& errors) {
  SourceMap sources;
  DiagnosticSink sink;
  auto modules = semantics::load_modules({path.string()}, sources, sink);
  semantics::CompileOptions options;
  options.require_citations = false;
  auto program = semantics::compile(modules, sources, sink, options);
  if (!program) errors = render_all(sources, sink);
  return program;
}

// The edit that makes the new version. Each keeps the rules safe.
std::string edited(const std::string& text, std::uint64_t seed, std::size_t findings,
                   std::string& what) {
  std::mt19937_64 random(seed);
  auto occurrences = [&](const std::string& part) {
    std::vector<std::size_t> at;
    for (std::size_t i = text.find(part); i != std::string::npos; i = text.find(part, i + 1))
      at.push_back(i);
    return at;
  };
  auto replace_one = [&](const std::string& part, const std::string& by) {
    auto at = occurrences(part);
    if (at.empty()) return std::optional<std::string>();
    std::string out = text;
    out.replace(at[random() % at.size()], part.size(), by);
    return std::optional<std::string>(out);
  };
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::optional<std::string> out;
    switch (random() % 7) {
      case 0: what = "nothing"; return text;
      case 1: {
        const char* from[] = {" 2.", " 5.", " 8.", " 2,", " 5,", " 8,"};
        std::string part = from[random() % 6];
        std::string by = part;
        by[1] = "3469"[random() % 4];
        what = fmt::format("threshold{} to{}", part, by);
        out = replace_one(part, by);
        break;
      }
      case 2: {
        std::string member = fmt::format("group(f{}).\n", random() % findings);
        what = "removed " + member.substr(0, member.size() - 1);
        out = replace_one(member, "");
        break;
      }
      case 3: {
        std::string level = fmt::format("reach(l{})", random() % 4);
        std::string by = fmt::format("reach(l{})", random() % 4);
        what = level + " to " + by;
        out = replace_one(level + " :-", by + " :-");
        break;
      }
      case 4:
        what = "a negation removed";
        out = replace_one("!has(", "has(");
        break;
      case 5:
        what = "a rule renamed";
        out = replace_one("rule r1\n", "rule renamed_r1\n");
        break;
      default: {
        what = "another knowledge base";
        return oracle::generate_kb(seed * 7 + 1, findings, findings).text;
      }
    }
    if (out) return *out;
  }
  what = "nothing";
  return text;
}

// A change as a key: by output, the values removed and added, as JSON, each list sorted.
using Change =
    std::vector<std::tuple<std::string, std::vector<std::string>, std::vector<std::string>>>;

struct Tally {
  std::uint64_t cases = 0;
  std::size_t smallest = ~std::size_t{0};
};

class Evaluator {
 public:
  explicit Evaluator(const ir::Program& program)
      : model_(program, conclusions_only()), session_(model_) {}
  static cases::CaseAnswerOptions conclusions_only() {
    cases::CaseAnswerOptions options;
    options.explanations = false;
    options.unknown_findings = false;
    return options;
  }
  std::map<std::string, std::vector<std::string>> conclusions(const std::string& case_json) {
    std::string out;
    if (auto refusal = session_.evaluate(case_json, out))
      throw std::runtime_error("a case was refused: " + refusal->message + " " + case_json);
    std::map<std::string, std::vector<std::string>> result;
    json answer = json::parse(out);
    for (auto& [name, values] : answer["conclusions"].items()) {
      std::vector<std::string>& list = result[name];
      for (const json& value : values) list.push_back(value.dump());
      std::sort(list.begin(), list.end());
    }
    return result;
  }

 private:
  cases::CaseModel model_;
  cases::CaseSession session_;
};

std::optional<Change> change_of(Evaluator& before, Evaluator& after, const std::string& case_json) {
  auto a = before.conclusions(case_json);
  auto b = after.conclusions(case_json);
  std::set<std::string> outputs;
  for (const auto& entry : a) outputs.insert(entry.first);
  for (const auto& entry : b) outputs.insert(entry.first);
  Change change;
  for (const std::string& output : outputs) {
    if (a[output] == b[output]) continue;
    std::vector<std::string> removed, added;
    std::set_difference(a[output].begin(), a[output].end(), b[output].begin(), b[output].end(),
                        std::back_inserter(removed));
    std::set_difference(b[output].begin(), b[output].end(), a[output].begin(), a[output].end(),
                        std::back_inserter(added));
    change.emplace_back(output, removed, added);
  }
  if (change.empty()) return std::nullopt;
  return change;
}

std::string case_json(const std::vector<std::string>& findings, std::optional<std::int64_t> n) {
  json value = json::object();
  if (!findings.empty()) value["has"] = findings;
  if (n) value["n"] = *n;
  return value.dump();
}

// Every case over these findings (each present or not) and these numbers (or none).
std::map<Change, Tally> brute_force(Evaluator& before, Evaluator& after,
                                    const std::vector<std::string>& findings,
                                    const std::vector<std::int64_t>& numbers,
                                    std::uint64_t& evaluated) {
  std::map<Change, Tally> out;
  for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << findings.size()); ++mask) {
    std::vector<std::string> present;
    for (std::size_t f = 0; f < findings.size(); ++f) {
      if (mask >> f & 1) present.push_back(findings[f]);
    }
    for (std::size_t option = 0; option <= numbers.size(); ++option) {
      std::optional<std::int64_t> n;
      if (option) n = numbers[option - 1];
      ++evaluated;
      auto change = change_of(before, after, case_json(present, n));
      if (!change) continue;
      Tally& tally = out[*change];
      ++tally.cases;
      tally.smallest = std::min(tally.smallest, present.size() + (n ? 1 : 0));
    }
  }
  return out;
}

Change change_of(const cli::ChangeGroup& group) {
  Change change;
  for (const cli::OutputChange& output : group.changes) {
    std::vector<std::string> a, b;
    for (const std::string& value : output.removed) a.push_back(json::parse(value).dump());
    for (const std::string& value : output.added) b.push_back(json::parse(value).dump());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    change.emplace_back(output.relation, a, b);
  }
  return change;
}

std::string describe(const Change& change) {
  std::string out;
  for (const auto& [output, a, b] : change) {
    out += fmt::format("{}{}: [{}] -> [{}]", out.empty() ? "" : "; ", output, fmt::join(a, ", "),
                       fmt::join(b, ", "));
  }
  return out;
}

struct Counts {
  std::size_t pairs = 0, mismatches = 0, changed_pairs = 0, merged_pairs = 0, expanded_pairs = 0;
  std::uint64_t evaluated = 0;
};

void check_pair(const std::string& name, const ir::Program& before, const ir::Program& after,
                const std::vector<std::string>& all_findings, Counts& counts) {
  auto mismatch = [&](const std::string& what) {
    ++counts.mismatches;
    if (counts.mismatches <= 25) fmt::print("MISMATCH {}: {}\n", name, what);
  };
  auto space = cli::diff_case_space(before, after, {.max_cases = std::uint64_t{1} << 24});
  if (!space) {
    mismatch("the case space was refused: " + space.error().message);
    return;
  }
  if (!space->empty()) ++counts.changed_pairs;
  if (space->evaluated < space->cases) ++counts.merged_pairs;
  std::map<Change, const cli::ChangeGroup*> found;
  for (const cli::ChangeGroup& group : space->groups) found[change_of(group)] = &group;
  bool names_group = std::any_of(found.begin(), found.end(), [](const auto& entry) {
    return describe(entry.first).find("noted") != std::string::npos;
  });
  if (space->evaluated < space->cases && names_group) ++counts.expanded_pairs;

  Evaluator old_version(before), new_version(after);
  // 1. Every finding, numbers -1 to 11: the same changes.
  std::vector<std::int64_t> all_numbers;
  for (std::int64_t n = -1; n <= 11; ++n) all_numbers.push_back(n);
  auto everything = brute_force(old_version, new_version, all_findings, all_numbers,
                                counts.evaluated);
  for (const auto& [change, tally] : everything) {
    if (!found.contains(change)) mismatch("the case space misses " + describe(change));
  }
  for (const auto& [change, group] : found) {
    if (!everything.contains(change)) mismatch("the case space finds " + describe(change));
  }
  // 2. Over the facts the space lists: the same counts and smallest cases.
  std::vector<std::string> listed;
  std::vector<std::int64_t> numbers;
  for (const std::string& fact : space->inputs) {
    std::string value = fact.substr(fact.find('(') + 1);
    value.pop_back();
    if (fact.rfind("has(", 0) == 0) {
      listed.push_back(value);
    } else {
      numbers.push_back(std::stoll(value));
    }
  }
  auto restricted = brute_force(old_version, new_version, listed, numbers, counts.evaluated);
  std::uint64_t total = (std::uint64_t{1} << listed.size()) * (numbers.size() + 1);
  if (space->cases != total)
    mismatch(fmt::format("the space counts {} cases, its facts make {}", space->cases, total));
  for (const auto& [change, tally] : restricted) {
    auto group = found.find(change);
    if (group == found.end()) continue;  // reported above
    if (group->second->cases != tally.cases) {
      mismatch(fmt::format("{}: {} cases, one by one {}", describe(change), group->second->cases,
                           tally.cases));
    }
    if (group->second->example_inputs != tally.smallest) {
      mismatch(fmt::format("{}: smallest example of {} inputs, one by one {}", describe(change),
                           group->second->example_inputs, tally.smallest));
    }
  }
  // 3. Each example shows its change.
  for (const auto& [change, group] : found) {
    auto shown = change_of(old_version, new_version, group->example);
    if (!shown || *shown != change)
      mismatch(fmt::format("the example {} does not show {}", group->example, describe(change)));
  }
  ++counts.pairs;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::uint64_t count = 20, seed = 1;
  std::size_t min_findings = 5, max_findings = 8;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto next = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::runtime_error("a value is missing after " + args[i]);
      return args[++i];
    };
    if (args[i] == "--generated") count = std::stoull(next());
    else if (args[i] == "--seed") seed = std::stoull(next());
    else if (args[i] == "--findings") {
      min_findings = std::stoul(next());
      max_findings = std::stoul(next());
    } else {
      fmt::print(stderr, "usage: diff_oracle --generated COUNT [--seed S] [--findings MIN MAX]\n");
      return 2;
    }
  }
  Counts counts;
  auto folder = std::filesystem::temp_directory_path() /
                fmt::format("sinew_diff_oracle_{}", ::getpid());
  try {
    std::filesystem::create_directories(folder);
    for (std::uint64_t k = 0; k < count; ++k) {
      std::uint64_t kb_seed = seed * 1000003 + k;
      auto generated = oracle::generate_kb(kb_seed, min_findings, max_findings);
      // Half the pairs also conclude which members of `group` a case has: a change then
      // names interchangeable findings, and the merged cases are counted one by one.
      // They also have three findings only `group` holds, which no rule names.
      std::vector<std::string> findings;
      for (std::size_t f = 0; f < generated.findings; ++f)
        findings.push_back(fmt::format("f{}", f));
      if (k % 2 == 0) {
        generated.text +=
            "output noted(f: finding)\nrule noted_r\n  noted(F) :- has(F), group(F), has(f0).\n"
            "finding x1 \"X1\", x2 \"X2\", x3 \"X3\".\ngroup(x1). group(x2). group(x3).\n";
        findings.insert(findings.end(), {"x1", "x2", "x3"});
      }
      std::string what;
      std::string other = edited(generated.text, kb_seed, generated.findings, what);
      if (k % 2 == 0 && other.find("noted_r") == std::string::npos) {
        other += generated.text.substr(generated.text.find("output noted"));
      }
      std::ofstream(folder / "old.sinew") << generated.text;
      std::ofstream(folder / "new.sinew") << other;
      std::string errors;
      auto before = load(folder / "old.sinew", errors);
      auto after = load(folder / "new.sinew", errors);
      if (!before || !after) {
        fmt::print("generated pair {} ({}) did not compile:\n{}\n", kb_seed, what, errors);
        return 1;
      }
      std::size_t mismatches = counts.mismatches;
      check_pair(fmt::format("pair {} (seed {}, {})", k, kb_seed, what), *before, *after, findings,
                 counts);
      if (counts.mismatches > mismatches && mismatches < 25)
        fmt::print("  old:\n{}\n  new:\n{}\n", generated.text, other);
    }
  } catch (const std::exception& error) {
    fmt::print("the oracle stopped: {}\n", error.what());
    std::filesystem::remove_all(folder);
    return 1;
  }
  std::filesystem::remove_all(folder);
  fmt::print(
      "diff oracle: {} pairs of knowledge bases ({} with changes for some case, {} with "
      "interchangeable findings merged, {} where a change names them), {} cases evaluated one "
      "by one, {} mismatches\n",
      counts.pairs, counts.changed_pairs, counts.merged_pairs, counts.expanded_pairs,
      counts.evaluated, counts.mismatches);
  return counts.mismatches == 0 ? 0 : 1;
}
