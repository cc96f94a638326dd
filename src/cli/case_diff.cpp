#include "case_diff.hpp"

#include "line_reader.hpp"
#include "text_diff.hpp"

#include "cases/case_basis.hpp"
#include "cases/case_input.hpp"
#include "cases/json_text.hpp"
#include "engine/cases.hpp"
#include "engine/database.hpp"
#include "support/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace sinew::cli {

namespace {

// Names shared by the two versions: each name gets one number, whatever its symbol id
// in either program, so that conclusions compare as numbers.
class SharedNames {
 public:
  std::uint64_t id(std::string_view text) {
    auto [found, fresh] = ids_.try_emplace(std::string(text), texts_.size());
    if (fresh) texts_.emplace_back(text);
    return found->second;
  }
  const std::string& text(std::uint64_t id) const { return texts_[id]; }

 private:
  std::unordered_map<std::string, std::uint64_t> ids_;
  std::vector<std::string> texts_;
};

// A case's conclusions, comparable across versions: per output (the union of both
// versions' outputs, by name), its rows in a fixed order, each row as its length and
// then a type tag and a value per column. Or why there are none.
struct Conclusions {
  std::vector<std::vector<std::uint64_t>> outputs;
  std::string problem;
  friend bool operator==(const Conclusions&, const Conclusions&) = default;
};

enum Tag : std::uint64_t { number_tag, unsigned_tag, float_tag, name_tag };

// One version: its program, evaluated once without a case, and a worker for cases.
class Side {
 public:
  Side(const ir::Program& program, const std::vector<std::string>& outputs, bool provenance)
      : program_(program), evaluator_(program) {
    engine::Database base(program);
    if (provenance) base.enable_provenance();
    stop_ = evaluator_.prepare(std::move(base));
    if (!stop_) worker_ = std::make_unique<engine::CaseWorker>(evaluator_);
    for (const std::string& name : outputs) {
      auto relation = program.find_relation(name);
      outputs_.push_back(relation && program.relations[*relation].output ? *relation : ir::none);
    }
  }

  const ir::Program& program() const { return program_; }
  const engine::CaseEvaluator& evaluator() const { return evaluator_; }
  const std::optional<engine::Stop>& stop() const { return stop_; }
  engine::CaseWorker& worker() { return *worker_; }

  // Reads a case as this version does; nullopt when it is read.
  std::optional<std::string> read(const cases::CaseReader& reader, std::string_view json,
                                  cases::CaseFacts& facts) {
    if (auto refusal = reader.read(json, worker_->symbols(), facts)) return refusal->message;
    worker_->clear();
    for (const cases::CaseFacts::Entry& entry : facts.entries) {
      if (!entry.absent) worker_->insert(entry.relation, facts.tuple(program_, entry));
    }
    return std::nullopt;
  }

  // Runs the case given to the worker (for its proofs: the conclusions are not kept).
  void run() { (void)worker_->run(); }

  // Runs the case given to the worker and writes its conclusions.
  void conclude(SharedNames& names, Conclusions& out) {
    out.outputs.resize(outputs_.size());
    out.problem.clear();
    if (auto stop = worker_->run()) {
      for (auto& rows : out.outputs) rows.clear();
      out.problem = stop->message;
      return;
    }
    for (std::size_t o = 0; o < outputs_.size(); ++o) encode(outputs_[o], names, out.outputs[o]);
  }

  // The rows of `relation`, encoded and in a fixed order.
  void encode(ir::RelationId relation, SharedNames& names, std::vector<std::uint64_t>& out) {
    out.clear();
    if (relation == ir::none) return;
    const engine::Database& database = worker_->database();
    const std::size_t rows = database.size(relation);
    if (rows == 0) return;
    const std::size_t arity = database.arity(relation);
    const std::size_t width = 1 + 2 * arity;
    scratch_.clear();
    for (std::uint32_t row = 0; row < rows; ++row) {
      scratch_.push_back(arity);
      auto tuple = database.row(relation, row);
      for (std::size_t c = 0; c < arity; ++c) encode_value(relation, c, tuple[c], names);
    }
    order_.resize(rows);
    for (std::uint32_t row = 0; row < rows; ++row) order_[row] = row;
    std::sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) {
      return std::lexicographical_compare(scratch_.begin() + a * width,
                                          scratch_.begin() + (a + 1) * width,
                                          scratch_.begin() + b * width,
                                          scratch_.begin() + (b + 1) * width);
    });
    for (std::uint32_t row : order_)
      out.insert(out.end(), scratch_.begin() + row * width, scratch_.begin() + (row + 1) * width);
  }

  // The encoded row of `relation` equal to `row`, if the worker holds it.
  std::optional<std::uint32_t> find_row(ir::RelationId relation, SharedNames& names,
                                        std::span<const std::uint64_t> row) {
    const engine::Database& database = worker_->database();
    for (std::uint32_t r = 0; r < database.size(relation); ++r) {
      scratch_.clear();
      scratch_.push_back(database.arity(relation));
      auto tuple = database.row(relation, r);
      for (std::size_t c = 0; c < tuple.size(); ++c) encode_value(relation, c, tuple[c], names);
      if (std::equal(scratch_.begin(), scratch_.end(), row.begin(), row.end())) return r;
    }
    return std::nullopt;
  }

  ir::RelationId output(std::size_t o) const { return outputs_[o]; }

 private:
  void encode_value(ir::RelationId relation, std::size_t column, ir::Value value,
                    SharedNames& names) {
    switch (program_.relations[relation].columns[column].type.base) {
      case ir::BaseType::number: scratch_.push_back(number_tag); break;
      case ir::BaseType::unsigned_number: scratch_.push_back(unsigned_tag); break;
      case ir::BaseType::floating: scratch_.push_back(float_tag); break;
      case ir::BaseType::symbol:
        scratch_.push_back(name_tag);
        value = name_id(static_cast<SymbolId>(value), names);
        break;
    }
    scratch_.push_back(value);
  }

  std::uint64_t name_id(SymbolId symbol, SharedNames& names) {
    if (symbol >= shared_.size()) shared_.resize(symbol + 1, 0);
    if (shared_[symbol] == 0) shared_[symbol] = names.id(worker_->symbols().text(symbol)) + 1;
    return shared_[symbol] - 1;
  }

  const ir::Program& program_;
  engine::CaseEvaluator evaluator_;
  std::optional<engine::Stop> stop_;
  std::unique_ptr<engine::CaseWorker> worker_;
  std::vector<ir::RelationId> outputs_;  // by shared output; none when it has not that one
  std::vector<std::uint64_t> shared_;    // by symbol: its shared id + 1, or 0 not yet seen
  std::vector<std::uint64_t> scratch_;
  std::vector<std::uint32_t> order_;
};

// The outputs of both versions, by name.
std::vector<std::string> shared_outputs(const ir::Program& before, const ir::Program& after) {
  std::vector<std::string> names;
  for (const ir::Program* program : {&before, &after}) {
    for (const ir::Relation& relation : program->relations) {
      if (relation.output) names.push_back(relation.name);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// The words of a row set that the other set does not have (rows that changed).
std::vector<std::uint64_t> rows_only_in(std::span<const std::uint64_t> rows,
                                        std::span<const std::uint64_t> other) {
  auto split = [](std::span<const std::uint64_t> words) {
    std::vector<std::span<const std::uint64_t>> out;
    for (std::size_t i = 0; i < words.size();) {
      std::size_t width = 1 + 2 * words[i];
      out.push_back(words.subspan(i, width));
      i += width;
    }
    return out;
  };
  auto theirs = split(other);
  std::vector<std::uint64_t> out;
  for (auto row : split(rows)) {
    bool shared = std::any_of(theirs.begin(), theirs.end(), [&](auto r) {
      return std::equal(r.begin(), r.end(), row.begin(), row.end());
    });
    if (!shared) out.insert(out.end(), row.begin(), row.end());
  }
  return out;
}

// A change, comparable: per differing output, its index, the rows only the old version
// concludes and those only the new one does.
struct ChangeKey {
  std::vector<std::size_t> outputs;
  std::vector<std::vector<std::uint64_t>> before, after;
  std::string problem_before, problem_after;
  auto operator<=>(const ChangeKey&) const = default;
};

ChangeKey change_key(const Conclusions& before, const Conclusions& after) {
  ChangeKey key;
  key.problem_before = before.problem;
  key.problem_after = after.problem;
  if (!before.problem.empty() || !after.problem.empty()) return key;
  for (std::size_t o = 0; o < before.outputs.size(); ++o) {
    if (before.outputs[o] == after.outputs[o]) continue;
    key.outputs.push_back(o);
    key.before.push_back(rows_only_in(before.outputs[o], after.outputs[o]));
    key.after.push_back(rows_only_in(after.outputs[o], before.outputs[o]));
  }
  return key;
}

// A group as it is gathered: how to give its smallest case again.
struct Gathered {
  std::uint64_t cases = 0;
  std::size_t inputs = 0;
  cases::SpacePicks picks;  // in the case space
  std::string json;         // from a case file
  std::size_t line = 0;
};

// Rows as `sinew eval` writes them: a value, or an array of values.
std::vector<std::string> rows_text(std::span<const std::uint64_t> words, const SharedNames& names) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < words.size()) {
    std::size_t arity = words[i++];
    std::string row = arity == 1 ? "" : "[";
    for (std::size_t c = 0; c < arity; ++c, i += 2) {
      if (c) row += ", ";
      std::uint64_t value = words[i + 1];
      switch (words[i]) {
        case number_tag: row += std::to_string(static_cast<std::int64_t>(value)); break;
        case unsigned_tag: row += std::to_string(value); break;
        case float_tag: row += fmt::format("{}", std::bit_cast<double>(value)); break;
        default: cases::append_json_string(row, names.text(value)); break;
      }
    }
    if (arity != 1) row += ']';
    out.push_back(std::move(row));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The rules of the proofs of `rows` (encoded) of output `o` on the side's current case.
std::vector<std::string> proof_rules(Side& side, std::size_t o,
                                     std::span<const std::uint64_t> words, SharedNames& names) {
  std::vector<std::string> out;
  ir::RelationId relation = side.output(o);
  if (relation == ir::none) return out;
  engine::Database& database = side.worker().database();
  std::vector<bool> unchanging = side.evaluator().split().case_dependent;
  unchanging.flip();
  cases::BasisTracer tracer(side.program(), database, side.worker().symbols(), &unchanging);
  cases::CaseBasis basis;
  std::size_t i = 0;
  while (i < words.size()) {
    std::size_t width = 1 + 2 * words[i];
    if (auto row = side.find_row(relation, names, words.subspan(i, width)))
      tracer.trace(relation, *row, basis);
    i += width;
  }
  for (ir::RuleId rule : basis.rules) {
    std::string label = rule_label(side.program(), rule);
    if (std::find(out.begin(), out.end(), label) == out.end()) out.push_back(std::move(label));
  }
  return out;
}

class Comparer {
 public:
  Comparer(const ir::Program& before, const ir::Program& after)
      : outputs_(shared_outputs(before, after)),
        before_(before, outputs_, false),
        after_(after, outputs_, false) {}

  Result<void> ready() const {
    for (const Side* side : {&before_, &after_}) {
      if (side->stop()) {
        return Error{fmt::format("the {} version does not evaluate without a case: {}",
                                 side == &before_ ? "old" : "new", side->stop()->message)};
      }
    }
    return {};
  }

  Side& before() { return before_; }
  Side& after() { return after_; }

  // Evaluates the case given to both workers.
  void evaluate() {
    before_.conclude(names_, old_);
    after_.conclude(names_, new_);
  }
  bool differs() const { return !(old_ == new_); }
  // Does a conclusion of either version name one of these shared names?
  bool names_any(const std::vector<bool>& watched) const {
    for (const Conclusions* conclusions : {&old_, &new_}) {
      for (const auto& words : conclusions->outputs) {
        for (std::size_t i = 0; i < words.size();) {
          std::size_t arity = words[i++];
          for (std::size_t c = 0; c < arity; ++c, i += 2) {
            if (words[i] == name_tag && words[i + 1] < watched.size() && watched[words[i + 1]])
              return true;
          }
        }
      }
    }
    return false;
  }
  SharedNames& names() { return names_; }

  // Counts the case evaluated last, standing for `weight` cases, and keeps it when the
  // versions differ on it. `remember` notes how to give it again, when it is the
  // smallest of its group.
  template <typename Remember>
  void record(std::size_t inputs, std::uint64_t weight, Remember remember) {
    cases_ += weight;
    if (differs()) add(change_key(old_, new_), inputs, weight, remember);
  }

  // A case one version refused (or both).
  template <typename Remember>
  void refused(const std::optional<std::string>& before, const std::optional<std::string>& after,
               std::size_t inputs, std::uint64_t weight, Remember remember) {
    cases_ += weight;
    if (before && after) {
      refused_ += weight;
      return;
    }
    ChangeKey key;
    key.problem_before = before ? *before : "";
    key.problem_after = after ? *after : "";
    add(std::move(key), inputs, weight, remember);
  }

  // The groups, with their examples explained. `give` gives a group's example case to
  // both explaining sides.
  template <typename Give>
  CaseDiff finish(Give give) {
    CaseDiff diff;
    diff.cases = cases_;
    diff.evaluated = cases_;
    diff.refused = refused_;
    if (groups_.empty()) return diff;
    Side old_explaining(before_.program(), outputs_, true);
    Side new_explaining(after_.program(), outputs_, true);
    for (const auto& [key, gathered] : groups_) {
      ChangeGroup& group = diff.groups.emplace_back();
      group.cases = gathered.cases;
      group.example_inputs = gathered.inputs;
      group.example_line = gathered.line;
      group.problem = {key.problem_before, key.problem_after};
      group.example = give(gathered, old_explaining, new_explaining);
      for (std::size_t k = 0; k < key.outputs.size(); ++k) {
        std::size_t o = key.outputs[k];
        group.changes.push_back(
            {outputs_[o], rows_text(key.before[k], names_), rows_text(key.after[k], names_)});
        for (auto& rule : proof_rules(old_explaining, o, key.before[k], names_)) {
          if (std::find(group.rules_before.begin(), group.rules_before.end(), rule) ==
              group.rules_before.end())
            group.rules_before.push_back(std::move(rule));
        }
        for (auto& rule : proof_rules(new_explaining, o, key.after[k], names_)) {
          if (std::find(group.rules_after.begin(), group.rules_after.end(), rule) ==
              group.rules_after.end())
            group.rules_after.push_back(std::move(rule));
        }
      }
      // A rule in both proofs (the one that picks the highest level) makes no difference.
      auto in = [](const std::vector<std::string>& rules, const std::string& rule) {
        return std::find(rules.begin(), rules.end(), rule) != rules.end();
      };
      std::vector<std::string> both;
      for (const std::string& rule : group.rules_before) {
        if (in(group.rules_after, rule)) both.push_back(rule);
      }
      std::erase_if(group.rules_before, [&](const std::string& rule) { return in(both, rule); });
      std::erase_if(group.rules_after, [&](const std::string& rule) { return in(both, rule); });
    }
    std::stable_sort(diff.groups.begin(), diff.groups.end(),
                     [](const ChangeGroup& a, const ChangeGroup& b) { return a.cases > b.cases; });
    return diff;
  }

 private:
  template <typename Remember>
  void add(ChangeKey key, std::size_t inputs, std::uint64_t weight, Remember remember) {
    auto [found, fresh] = groups_.try_emplace(std::move(key));
    Gathered& gathered = found->second;
    gathered.cases += weight;
    if (fresh || inputs < gathered.inputs) {
      gathered.inputs = inputs;
      remember(gathered);
    }
  }

  std::vector<std::string> outputs_;
  Side before_, after_;
  SharedNames names_;
  Conclusions old_, new_;
  std::uint64_t cases_ = 0, refused_ = 0;
  std::map<ChangeKey, Gathered> groups_;
};

// A case of the space as a case file would give it.
std::string space_case_json(const std::vector<cases::SpaceFact>& facts) {
  std::string out = "{";
  std::size_t i = 0;
  while (i < facts.size()) {
    const std::string& relation = facts[i].relation;
    std::size_t end = i;
    while (end < facts.size() && facts[end].relation == relation) ++end;
    if (out.size() > 1) out += ", ";
    cases::append_json_string(out, relation);
    out += ": ";
    bool number = facts[i].value.is_number();
    if (!number) out += '[';
    for (std::size_t j = i; j < end; ++j) {
      if (j > i) out += ", ";
      if (number) {
        out += std::to_string(facts[j].value.number);
      } else {
        cases::append_json_string(out, facts[j].value.name);
      }
    }
    if (!number) out += ']';
    i = end;
  }
  return out + "}";
}

std::string fact_text(const cases::SpaceFact& fact) {
  return fmt::format("{}({})", fact.relation,
                     fact.value.is_number() ? std::to_string(fact.value.number) : fact.value.name);
}

}  // namespace

Result<CaseDiff> diff_case_space(const ir::Program& before, const ir::Program& after,
                                 const cases::CaseSpaceOptions& options) {
  Comparer comparer(before, after);
  if (auto ready = comparer.ready(); !ready) return ready.error();
  std::vector<const engine::CaseEvaluator*> evaluators{&comparer.before().evaluator(),
                                                       &comparer.after().evaluator()};
  auto space = cases::case_space(evaluators, options);
  if (!space) return space.error();
  cases::SpaceBinding old_binding(*space, comparer.before().evaluator(),
                                  comparer.before().worker().symbols());
  cases::SpaceBinding new_binding(*space, comparer.after().evaluator(),
                                  comparer.after().worker().symbols());
  // The shared ids of interchangeable names: a change that names one is counted case by
  // case, as the cases a pick stands for differ in more than a swap.
  std::vector<bool> watched;
  for (const cases::SpaceDimension& dimension : space->dimensions) {
    if (dimension.kind != cases::SpaceDimension::Kind::some_of || dimension.values.size() < 2)
      continue;
    for (const cases::SpaceValue& value : dimension.values) {
      std::uint64_t id = comparer.names().id(value.name);
      if (id >= watched.size()) watched.resize(id + 1, false);
      watched[id] = true;
    }
  }
  std::uint64_t evaluated = 0;
  const std::string *old_refusal = nullptr, *new_refusal = nullptr;
  auto try_case = [&](const cases::SpacePicks& picks) {
    old_refusal = old_binding.give(comparer.before().worker(), picks);
    new_refusal = new_binding.give(comparer.after().worker(), picks);
    if (!old_refusal && !new_refusal) comparer.evaluate();
    ++evaluated;
  };
  auto optional = [](const std::string* text) {
    return text ? std::optional<std::string>(*text) : std::nullopt;
  };
  auto remember = [](const cases::SpacePicks& picks) {
    return [&picks](Gathered& gathered) { gathered.picks = picks; };
  };
  cases::SpacePicks picks;
  space->first(picks);
  do {
    try_case(picks);
    std::uint64_t weight = space->weight(picks);
    if (old_refusal || new_refusal) {
      comparer.refused(optional(old_refusal), optional(new_refusal), space->fact_count(picks),
                       weight, remember(picks));
      continue;
    }
    if (weight > 1 && comparer.differs() && comparer.names_any(watched)) {
      space->orbit(picks, [&](const cases::SpacePicks& member) {
        try_case(member);
        comparer.record(space->fact_count(member), 1, remember(member));
      });
      continue;
    }
    comparer.record(space->fact_count(picks), weight, remember(picks));
  } while (space->next(picks));

  CaseDiff diff = comparer.finish([&](const Gathered& gathered, Side& old_side, Side& new_side) {
    if (!cases::SpaceBinding(*space, old_side.evaluator(), old_side.worker().symbols())
             .give(old_side.worker(), gathered.picks))
      old_side.run();
    if (!cases::SpaceBinding(*space, new_side.evaluator(), new_side.worker().symbols())
             .give(new_side.worker(), gathered.picks))
      new_side.run();
    return space_case_json(space->facts(gathered.picks));
  });
  diff.evaluated = evaluated;
  diff.whole_space = true;
  for (const cases::SpaceDimension& dimension : space->dimensions) {
    for (const cases::SpaceValue& value : dimension.values)
      diff.inputs.push_back(fact_text({dimension.relation, value}));
  }
  for (const cases::SpaceFact& fact : space->partly_known)
    diff.partly_known.push_back(fact_text(fact));
  return diff;
}

Result<CaseDiff> diff_case_file(const ir::Program& before, const ir::Program& after,
                                const std::string& path) {
  Comparer comparer(before, after);
  if (auto ready = comparer.ready(); !ready) return ready.error();
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) {
    return Error{fmt::format("cannot read `{}`: {}", path, std::strerror(errno)),
                 codes::file_not_found.id};
  }
  cases::CaseReader old_reader(before), new_reader(after);
  cases::CaseFacts old_facts, new_facts;
  LineReader reader(file, std::size_t{1} << 20);
  LineReader::Line line;
  while (reader.next(line)) {
    if (line.too_long) {  // read by neither version: counted as refused by both
      std::string why = fmt::format("the line is {} bytes long, more than a case may take",
                                    line.length);
      comparer.refused(why, why, 0, 1, [](Gathered&) {});
      continue;
    }
    if (line.text.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank
    auto old_refusal = comparer.before().read(old_reader, line.text, old_facts);
    auto new_refusal = comparer.after().read(new_reader, line.text, new_facts);
    std::size_t inputs = 0;
    for (const auto& entry : (old_refusal ? new_facts : old_facts).entries)
      inputs += entry.absent ? 0 : 1;
    auto remember = [&](Gathered& gathered) {
      gathered.json.assign(line.text);
      gathered.line = line.number;
    };
    if (old_refusal || new_refusal) {
      comparer.refused(old_refusal, new_refusal, inputs, 1, remember);
    } else {
      comparer.evaluate();
      comparer.record(inputs, 1, remember);
    }
  }
  bool failed = reader.failed();
  if (file != stdin) std::fclose(file);
  if (failed) return Error{fmt::format("reading `{}` failed", path), codes::file_not_found.id};

  return comparer.finish([&](const Gathered& gathered, Side& old_side, Side& new_side) {
    cases::CaseFacts facts;
    if (!old_side.read(old_reader, gathered.json, facts)) old_side.run();
    if (!new_side.read(new_reader, gathered.json, facts)) new_side.run();
    return gathered.json;
  });
}

}  // namespace sinew::cli
