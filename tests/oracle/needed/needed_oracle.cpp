// The brute-force oracle for what it would take (issue 12, oracle 1).
//
// For a knowledge base, every case over its finding vocabulary (each finding present
// or not; the number input absent or at each threshold boundary) is evaluated by the
// engine, and nothing else of Sinew is used to work out the answers: from that table
// alone come the smallest sets of findings for every conclusion (with and without a
// given case), the findings that would help a conclusion that does not hold, and the
// unknown findings of every case. Sinew's `needed`, `why_not` and `unknown_findings`
// must give exactly the same.
//
//   needed_oracle --kb DIR [--max-findings K]        kb/: every case of at most K findings
//   needed_oracle --generated COUNT [--seed S] [--findings MIN MAX]
//   needed_oracle --long [--findings MIN MAX]       COUNT and S from the environment only
//
// COUNT and S may also come from SINEW_ORACLE_COUNT and SINEW_ORACLE_SEED (the long run).

#include "generated_kb.hpp"

#include "cases/case_evaluation.hpp"
#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "engine/value.hpp"
#include "explain/explain.hpp"
#include "semantics/compile.hpp"
#include "support/diagnostics.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using namespace sinew;
using Mask = std::uint32_t;
using Fact = std::pair<ir::RelationId, std::vector<ir::Value>>;

std::optional<ir::Program> load(const std::string& path, std::string& errors) {
  SourceMap sources;
  DiagnosticSink sink;
  auto modules = semantics::load_modules({path}, sources, sink);
  semantics::CompileOptions options;
  options.require_citations = false;
  auto program = semantics::compile(modules, sources, sink, options);
  if (!program) errors = render_all(sources, sink);
  return program;
}

// What a case can say: findings (by bit) and a number (option 0: not given).
struct Vocabulary {
  ir::RelationId has = ir::none;
  ir::RelationId number = ir::none;
  std::string number_key;           // its key in a case's JSON
  std::vector<ir::Value> findings;  // by bit
  std::vector<std::string> names;
  std::vector<std::int64_t> values;  // option i (1-based) gives values[i - 1]
  std::size_t options() const { return values.size() + 1; }
};

// Every case's conclusions, evaluated by the engine.
class Table {
 public:
  Table(const ir::Program& program, const Vocabulary& vocabulary)
      : program_(program), vocabulary_(vocabulary), evaluator_(program), database_(program) {
    for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
      if (program.relations[r].output) outputs_.push_back(r);
    }
  }

  void evaluate(Mask mask, std::size_t option) {
    database_.clear();
    for (std::size_t f = 0; f < vocabulary_.findings.size(); ++f) {
      if (mask & (Mask{1} << f))
        database_.insert(vocabulary_.has, std::span(&vocabulary_.findings[f], 1));
    }
    if (option) {
      ir::Value value = static_cast<ir::Value>(vocabulary_.values[option - 1]);
      database_.insert(vocabulary_.number, std::span(&value, 1));
    }
    if (evaluator_.run(database_)) throw std::runtime_error("a case did not evaluate");
    std::vector<std::uint32_t> facts;
    for (ir::RelationId r : outputs_) {
      for (const auto& tuple : database_.sorted(r)) facts.push_back(intern(Fact{r, tuple}));
    }
    std::sort(facts.begin(), facts.end());
    auto [it, added] = outcome_ids_.emplace(facts, static_cast<std::uint32_t>(outcomes_.size()));
    if (added) outcomes_.push_back(facts);
    cases_[key(mask, option)] = it->second;
  }

  // nullopt: the case was not enumerated.
  std::optional<bool> holds(Mask mask, std::size_t option, std::uint32_t fact) const {
    auto it = cases_.find(key(mask, option));
    if (it == cases_.end()) return std::nullopt;
    const auto& facts = outcomes_[it->second];
    return std::binary_search(facts.begin(), facts.end(), fact);
  }
  const std::vector<std::uint32_t>* outcome(Mask mask, std::size_t option) const {
    auto it = cases_.find(key(mask, option));
    return it == cases_.end() ? nullptr : &outcomes_[it->second];
  }
  std::uint32_t intern(const Fact& fact) {
    auto [it, added] = fact_ids_.emplace(fact, static_cast<std::uint32_t>(facts_.size()));
    if (added) facts_.push_back(fact);
    return it->second;
  }
  const std::vector<Fact>& facts() const { return facts_; }
  std::size_t size() const { return cases_.size(); }

 private:
  static std::uint64_t key(Mask mask, std::size_t option) {
    return mask | (std::uint64_t{option} << 32);
  }
  const ir::Program& program_;
  const Vocabulary& vocabulary_;
  engine::Evaluator evaluator_;
  engine::Database database_;
  std::vector<ir::RelationId> outputs_;
  std::map<Fact, std::uint32_t> fact_ids_;
  std::vector<Fact> facts_;
  std::map<std::vector<std::uint32_t>, std::uint32_t> outcome_ids_;
  std::vector<std::vector<std::uint32_t>> outcomes_;
  std::unordered_map<std::uint64_t, std::uint32_t> cases_;
};

// Every mask of at most `most` bits among `free`, smallest first.
std::vector<Mask> masks_up_to(Mask free, std::size_t most) {
  std::vector<Mask> out{0};
  std::vector<int> bits;
  for (int b = 0; b < 32; ++b) {
    if (free & (Mask{1} << b)) bits.push_back(b);
  }
  std::vector<Mask> layer{0};
  std::vector<int> last{-1};
  for (std::size_t size = 1; size <= most; ++size) {
    std::vector<Mask> next;
    std::vector<int> next_last;
    for (std::size_t i = 0; i < layer.size(); ++i) {
      for (std::size_t j = static_cast<std::size_t>(last[i] + 1); j < bits.size(); ++j) {
        next.push_back(layer[i] | (Mask{1} << bits[j]));
        next_last.push_back(static_cast<int>(j));
      }
    }
    out.insert(out.end(), next.begin(), next.end());
    layer = std::move(next);
    last = std::move(next_last);
  }
  return out;
}

// One smallest way: findings to add, and whether a number is needed with the values
// (options) it may take.
using Ways = std::map<std::pair<Mask, bool>, std::set<std::size_t>>;

struct Counts {
  std::size_t knowledge_bases = 0, cases = 0, needed = 0, why_not = 0, unknown = 0, mismatches = 0;
  std::map<std::string, std::size_t> by_kind;  // mismatches of needed, why-not, unknown findings
};

class Checker {
 public:
  Checker(const ir::Program& program, Vocabulary vocabulary, std::size_t most_findings,
          std::string name, Counts& counts)
      : program_(program),
        vocabulary_(std::move(vocabulary)),
        most_(most_findings),
        name_(std::move(name)),
        counts_(counts),
        table_(program, vocabulary_) {}

  void run(const std::vector<std::pair<Mask, std::size_t>>& givens) {
    Mask all = static_cast<Mask>((std::uint64_t{1} << vocabulary_.findings.size()) - 1);
    for (Mask mask : masks_up_to(all, most_)) {
      for (std::size_t option = 0; option < vocabulary_.options(); ++option)
        table_.evaluate(mask, option);
    }
    counts_.cases += table_.size();
    // Every conclusion any case reaches, and every level of a graded output.
    std::set<std::uint32_t> goals;
    for (std::uint32_t f = 0; f < table_.facts().size(); ++f) goals.insert(f);
    for (ir::RelationId r = 0; r < program_.relations.size(); ++r) {
      const ir::Relation& relation = program_.relations[r];
      if (!relation.output || relation.arity() != 1 || relation.columns[0].type.scale == ir::none)
        continue;
      graded_.push_back(r);
      for (SymbolId level : program_.scales[relation.columns[0].type.scale].levels) {
        goals.insert(table_.intern(Fact{r, {level}}));
      }
    }
    for (const auto& [mask, option] : givens) {
      for (std::uint32_t goal : goals) check_needed(mask, option, goal);
    }
    check_unknown_findings();
  }

 private:
  // The smallest ways from the table, among the ways of at most `most_` findings in all.
  Ways oracle_ways(Mask given, std::size_t given_option, std::uint32_t goal) {
    Mask all = static_cast<Mask>((std::uint64_t{1} << vocabulary_.findings.size()) - 1);
    std::size_t room = most_ - static_cast<std::size_t>(std::popcount(given));
    auto masks = masks_up_to(all & ~given, room);
    // A way is findings and, when the case gives no number, perhaps a number: a way
    // with a number n is smallest when no fewer findings do with n, or with no number.
    std::vector<std::pair<Mask, std::size_t>> minimal;
    Ways ways;
    std::stable_sort(masks.begin(), masks.end(),
                     [](Mask a, Mask b) { return std::popcount(a) < std::popcount(b); });
    for (Mask m : masks) {
      for (std::size_t option = 0; option < vocabulary_.options(); ++option) {
        if (given_option != 0 && option != 0) break;
        std::size_t used = given_option ? given_option : option;
        bool contains_smaller = std::any_of(minimal.begin(), minimal.end(), [&](const auto& kept) {
          return (kept.first & m) == kept.first && (kept.second == 0 || kept.second == option);
        });
        if (contains_smaller || !table_.holds(given | m, used, goal).value_or(false)) continue;
        minimal.emplace_back(m, option);
        ways[{m, option != 0}].insert(option);
      }
    }
    for (auto& [way, values] : ways) {
      if (!way.second) values.clear();
    }
    return ways;
  }

  std::unique_ptr<engine::Database> case_database(Mask given, std::size_t option) {
    auto database = std::make_unique<engine::Database>(program_);
    database->enable_provenance();
    for (std::size_t f = 0; f < vocabulary_.findings.size(); ++f) {
      if (given & (Mask{1} << f))
        database->insert(vocabulary_.has, std::span(&vocabulary_.findings[f], 1));
    }
    if (option) {
      ir::Value value = static_cast<ir::Value>(vocabulary_.values[option - 1]);
      database->insert(vocabulary_.number, std::span(&value, 1));
    }
    if (engine::evaluate(program_, *database))
      throw std::runtime_error("a given case did not evaluate");
    return database;
  }

  bool meets(const explain::ValueCondition& condition, std::int64_t value) const {
    auto bound = static_cast<std::int64_t>(condition.value);
    switch (condition.op) {
      case ir::CompareOp::eq: return value == bound;
      case ir::CompareOp::ne: return value != bound;
      case ir::CompareOp::lt: return value < bound;
      case ir::CompareOp::le: return value <= bound;
      case ir::CompareOp::gt: return value > bound;
      case ir::CompareOp::ge: return value >= bound;
    }
    return false;
  }

  // Sinew's ways in the oracle's terms; a way it cannot put so is a mismatch.
  std::optional<Ways> sinew_ways(const std::vector<explain::Requirement>& requirements,
                                 std::string& problem) {
    Ways ways;
    for (const explain::Requirement& requirement : requirements) {
      if (!requirement.checkable) {
        problem = "a way that cannot be checked";
        return std::nullopt;
      }
      Mask mask = 0;
      for (const auto& [relation, values] : requirement.facts) {
        auto it = std::find(vocabulary_.findings.begin(), vocabulary_.findings.end(),
                            values.front());
        if (relation != vocabulary_.has || it == vocabulary_.findings.end()) {
          problem = "a way with a fact that is not a finding";
          return std::nullopt;
        }
        mask |= Mask{1} << (it - vocabulary_.findings.begin());
      }
      bool any_value = std::any_of(requirement.conditions.begin(), requirement.conditions.end(),
                                   [](const std::string& c) { return c.ends_with("(any value)"); });
      bool number = any_value || !requirement.value_conditions.empty();
      std::set<std::size_t> values;
      if (number) {
        for (std::size_t option = 1; option < vocabulary_.options(); ++option) {
          bool ok = std::all_of(requirement.value_conditions.begin(),
                                requirement.value_conditions.end(),
                                [&](const explain::ValueCondition& c) {
                                  return c.relation == vocabulary_.number &&
                                         meets(c, vocabulary_.values[option - 1]);
                                });
          if (ok) values.insert(option);
        }
      }
      auto& entry = ways[{mask, number}];
      entry.insert(values.begin(), values.end());
    }
    return ways;
  }

  std::string describe(const Ways& ways) const {
    std::vector<std::string> out;
    for (const auto& [way, values] : ways) {
      std::vector<std::string> parts;
      for (std::size_t f = 0; f < vocabulary_.names.size(); ++f) {
        if (way.first & (Mask{1} << f)) parts.push_back(vocabulary_.names[f]);
      }
      if (way.second) {
        std::vector<std::string> shown;
        for (std::size_t option : values)
          shown.push_back(std::to_string(vocabulary_.values[option - 1]));
        parts.push_back(fmt::format("number in {{{}}}", fmt::join(shown, ",")));
      }
      out.push_back("{" + fmt::format("{}", fmt::join(parts, " ")) + "}");
    }
    return out.empty() ? "nothing" : fmt::format("{}", fmt::join(out, " "));
  }

  std::string given_text(Mask given, std::size_t option) const {
    std::vector<std::string> parts;
    for (std::size_t f = 0; f < vocabulary_.names.size(); ++f) {
      if (given & (Mask{1} << f)) parts.push_back(vocabulary_.names[f]);
    }
    if (option) parts.push_back(fmt::format("number {}", vocabulary_.values[option - 1]));
    return "{" + fmt::format("{}", fmt::join(parts, " ")) + "}";
  }

  void mismatch(const std::string& what) {
    ++counts_.by_kind[what.substr(0, what.find(' ', what.find(' ') + 1))];
    if (++counts_.mismatches <= 25) fmt::print("MISMATCH in {}: {}\n", name_, what);
  }

  void check_needed(Mask given, std::size_t option, std::uint32_t goal) {
    auto database = case_database(given, option);
    explain::Explainer explainer(program_, *database);
    const Fact& fact = table_.facts()[goal];
    std::string goal_text = explainer.atom_text(fact.first, fact.second);
    Ways expected = oracle_ways(given, option, goal);
    ++counts_.needed;
    std::string problem;
    auto actual = sinew_ways(explainer.needed(fact.first, fact.second), problem);
    if (!actual) {
      mismatch(
          fmt::format("needed {} given {}: {}", goal_text, given_text(given, option), problem));
      return;
    }
    if (*actual != expected) {
      mismatch(fmt::format("needed {} given {}:\n  oracle: {}\n  sinew:  {}", goal_text,
                           given_text(given, option), describe(expected), describe(*actual)));
    }
    if (database->contains(fact.first, fact.second)) return;
    // Why not: every finding of every smallest way.
    ++counts_.why_not;
    Mask helpful = 0;
    for (const auto& [way, values] : expected) helpful |= way.first;
    Mask named = 0;
    for (const auto& [relation, values] :
         explainer.why_not(fact.first, fact.second).missing_inputs) {
      auto it = std::find(vocabulary_.findings.begin(), vocabulary_.findings.end(), values.front());
      if (relation != vocabulary_.has || it == vocabulary_.findings.end()) {
        mismatch(fmt::format("why not {} given {}: names a fact that is not a finding", goal_text,
                             given_text(given, option)));
        return;
      }
      named |= Mask{1} << (it - vocabulary_.findings.begin());
    }
    if (named != helpful) {
      mismatch(fmt::format("why not {} given {}: oracle {} sinew {}", goal_text,
                           given_text(given, option), describe({{{helpful, false}, {}}}),
                           describe({{{named, false}, {}}})));
    }
  }

  // The level of a graded output in a case (-1: none), from the table.
  int level(Mask mask, std::size_t option, ir::RelationId graded) const {
    const auto* facts = table_.outcome(mask, option);
    if (!facts) return -2;
    const auto& levels = program_.scales[program_.relations[graded].columns[0].type.scale].levels;
    int out = -1;
    for (std::uint32_t id : *facts) {
      const Fact& fact = table_.facts()[id];
      if (fact.first != graded) continue;
      auto at = std::find(levels.begin(), levels.end(), fact.second.front()) - levels.begin();
      out = std::max(out, static_cast<int>(at));
    }
    return out;
  }

  // Every case with room for one more finding: the unknown findings that, present,
  // would raise a graded output, and to what level.
  void check_unknown_findings() {
    cases::CaseAnswerOptions options;
    options.explanations = false;
    cases::CaseModel model(program_, options);
    cases::CaseSession session(model);
    Mask all = static_cast<Mask>((std::uint64_t{1} << vocabulary_.findings.size()) - 1);
    std::string out;
    for (Mask mask : masks_up_to(all, most_ - 1)) {
      for (std::size_t option = 0; option < vocabulary_.options(); ++option) {
        nlohmann::json input = nlohmann::json::object();
        nlohmann::json has = nlohmann::json::array();
        for (std::size_t f = 0; f < vocabulary_.names.size(); ++f) {
          if (mask & (Mask{1} << f)) has.push_back(vocabulary_.names[f]);
        }
        input["has"] = has;
        if (option) input[vocabulary_.number_key] = vocabulary_.values[option - 1];
        out.clear();
        ++counts_.unknown;
        if (auto refusal = session.evaluate(input.dump(), out)) {
          mismatch("a case was refused: " + refusal->message);
          continue;
        }
        std::set<std::pair<std::string, std::string>> actual;  // (finding, "output level")
        nlohmann::json answer = nlohmann::json::parse(out);
        for (const auto& item : answer["unknown_findings"]) {
          const auto& effects = item["if_present"];
          for (auto effect = effects.begin(); effect != effects.end(); ++effect) {
            actual.emplace(item["fact"].get<std::string>(),
                           effect.key() + " " + effect.value().get<std::string>());
          }
        }
        std::set<std::pair<std::string, std::string>> expected;
        for (ir::RelationId graded : graded_) {
          const auto& levels =
              program_.scales[program_.relations[graded].columns[0].type.scale].levels;
          int now = level(mask, option, graded);
          for (std::size_t f = 0; f < vocabulary_.findings.size(); ++f) {
            if (mask & (Mask{1} << f)) continue;
            int then = level(mask | (Mask{1} << f), option, graded);
            if (then > now) {
              expected.emplace(
                  "has(" + vocabulary_.names[f] + ")",
                  program_.relations[graded].name + " " +
                      std::string(program_.symbols.text(levels[static_cast<std::size_t>(then)])));
            }
          }
        }
        if (actual != expected) {
          std::vector<std::string> a, e;
          for (const auto& [f, l] : actual) a.push_back(f + "->" + l);
          for (const auto& [f, l] : expected) e.push_back(f + "->" + l);
          mismatch(fmt::format("unknown findings of {}:\n  oracle: {}\n  sinew:  {}",
                               given_text(mask, option), fmt::join(e, ", "), fmt::join(a, ", ")));
        }
      }
    }
  }

  const ir::Program& program_;
  Vocabulary vocabulary_;
  std::size_t most_;
  std::string name_;
  Counts& counts_;
  Table table_;
  std::vector<ir::RelationId> graded_;
};

// The findings: the members of the kind `finding`; the number: the other input, at
// each threshold t of the rules as t - 1, t and t + 1.
Vocabulary vocabulary_of(const ir::Program& program, const std::string& number_name) {
  Vocabulary vocabulary;
  vocabulary.has = *program.find_relation("has");
  if (auto number = program.find_relation(number_name)) {
    vocabulary.number = *number;
    vocabulary.number_key = number_name;
  }
  engine::Database base(program);
  if (engine::evaluate(program, base))
    throw std::runtime_error("the knowledge base did not evaluate");
  for (const auto& tuple : base.sorted(*program.find_relation("finding"))) {
    vocabulary.findings.push_back(tuple.front());
    vocabulary.names.emplace_back(program.symbols.text(static_cast<SymbolId>(tuple.front())));
  }
  std::set<std::int64_t> values;
  for (const ir::Rule& rule : program.rules) {
    for (const ir::Literal& literal : rule.body) {
      if (literal.kind != ir::Literal::Kind::comparison) continue;
      for (const ir::Expr* side : {&literal.lhs, &literal.rhs}) {
        if (side->op != ir::Expr::Op::constant) continue;
        auto t = static_cast<std::int64_t>(side->constant);
        values.insert({t - 1, t, t + 1});
      }
    }
  }
  vocabulary.values.assign(values.begin(), values.end());
  return vocabulary;
}

std::uint64_t from_env(const char* name, std::uint64_t otherwise) {
  const char* text = std::getenv(name);
  return text && *text ? std::strtoull(text, nullptr, 10) : otherwise;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string kb;
  std::size_t most = 5;
  std::uint64_t count = from_env("SINEW_ORACLE_COUNT", 0);
  std::uint64_t seed = from_env("SINEW_ORACLE_SEED", 12);
  std::size_t min_findings = 10, max_findings = 12;
  std::uint64_t first = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto next = [&] { return i + 1 < args.size() ? args[++i] : std::string("0"); };
    if (args[i] == "--long") {
      if (!std::getenv("SINEW_ORACLE_COUNT")) {
        fmt::print("skipped: the long run needs SINEW_ORACLE_COUNT (and SINEW_ORACLE_SEED)\n");
        return 77;
      }
    } else if (args[i] == "--show") {  // the rules of one generated knowledge base
      fmt::print("{}", oracle::generate_kb(std::stoull(next()), min_findings, max_findings).text);
      return 0;
    } else if (args[i] == "--first") {  // start at this generated knowledge base
      first = std::stoull(next());
    } else if (args[i] == "--kb") kb = next();
    else if (args[i] == "--max-findings") most = std::stoul(next());
    else if (args[i] == "--generated") count = from_env("SINEW_ORACLE_COUNT", std::stoull(next()));
    else if (args[i] == "--seed") seed = from_env("SINEW_ORACLE_SEED", std::stoull(next()));
    else if (args[i] == "--findings") {
      min_findings = std::stoul(next());
      max_findings = std::stoul(next());
    } else {
      fmt::print(stderr,
                 "usage: needed_oracle --kb DIR [--max-findings K] | --generated COUNT "
                 "[--seed S] [--findings MIN MAX]\n");
      return 2;
    }
  }
  Counts counts;
  try {
    if (!kb.empty()) {
      std::string errors;
      auto program = load(kb, errors);
      if (!program) {
        fmt::print("{} did not compile:\n{}\n", kb, errors);
        return 1;
      }
      Vocabulary vocabulary = vocabulary_of(*program, "duration_days");
      auto bit = [&](std::string_view name) {
        auto at = std::find(vocabulary.names.begin(), vocabulary.names.end(), name) -
                  vocabulary.names.begin();
        return Mask{1} << at;
      };
      Checker checker(*program, vocabulary, most, kb, counts);
      // Given: nothing, each symptom, and the cases of the issue.
      checker.run({{0, 0},
                   {bit("muscle_spasm"), 0},
                   {bit("muscle_soreness"), 0},
                   {bit("muscle_spasm") | bit("recurrent"), 0},
                   {bit("muscle_soreness"), 1},
                   {bit("muscle_spasm"), 1}});
      ++counts.knowledge_bases;
    }
    auto folder = std::filesystem::temp_directory_path() /
                  fmt::format("sinew_needed_oracle_{}", ::getpid());
    for (std::uint64_t k = first; k < first + count; ++k) {
      std::uint64_t kb_seed = seed * 1000003 + k;
      auto generated = oracle::generate_kb(kb_seed, min_findings, max_findings);
      std::filesystem::create_directories(folder);
      auto file = folder / "generated.sinew";
      std::ofstream(file) << generated.text;
      std::string errors;
      auto program = load(file.string(), errors);
      if (!program) {
        fmt::print("generated knowledge base {} did not compile:\n{}\n{}\n", kb_seed,
                   generated.text, errors);
        return 1;
      }
      Vocabulary vocabulary = vocabulary_of(*program, "n");
      std::size_t before = counts.mismatches;
      Checker checker(*program, vocabulary, vocabulary.findings.size(),
                      fmt::format("generated knowledge base {} (seed {}, {} findings)", k, kb_seed,
                                  vocabulary.findings.size()),
                      counts);
      // Given: nothing, and three cases drawn from the seed.
      std::mt19937_64 random(kb_seed);
      std::vector<std::pair<Mask, std::size_t>> givens{{0, 0}};
      for (int g = 0; g < 3; ++g) {
        Mask mask = static_cast<Mask>(random()) & static_cast<Mask>(random()) &
                    static_cast<Mask>((1u << vocabulary.findings.size()) - 1);
        givens.emplace_back(mask, random() % vocabulary.options());
      }
      checker.run(givens);
      ++counts.knowledge_bases;
      if (counts.mismatches > before && counts.mismatches - before <= 25) {
        fmt::print("  (its rules:)\n{}\n", generated.text);
      }
    }
    std::filesystem::remove_all(folder);
  } catch (const std::exception& error) {
    fmt::print("the oracle stopped: {}\n", error.what());
    return 1;
  }
  fmt::print(
      "needed oracle: {} knowledge bases, {} cases evaluated, {} needed answers, {} why-not "
      "answers, {} unknown-findings answers compared; {} mismatches\n",
      counts.knowledge_bases, counts.cases, counts.needed, counts.why_not, counts.unknown,
      counts.mismatches);
  for (const auto& [kind, n] : counts.by_kind) fmt::print("  {} mismatches: {}\n", kind, n);
  fmt::print("{} passed, {} failed\n", counts.mismatches ? 0 : 1, counts.mismatches ? 1 : 0);
  return counts.mismatches ? 1 : 0;
}
