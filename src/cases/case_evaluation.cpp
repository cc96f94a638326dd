#include "cases/case_evaluation.hpp"

#include "case_basis.hpp"
#include "case_statements.hpp"
#include "explain/explain_support.hpp"
#include "json_text.hpp"

#include "engine/value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace sinew::cases {

namespace {

void append_string_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

}  // namespace

// ---- the model: worked out once per knowledge base ------------------------------------------

CaseModel::CaseModel(const ir::Program& program, CaseAnswerOptions options)
    : program_(program),
      options_(options),
      reader_(program),
      statements_(std::make_unique<const CaseStatements>(program)),
      evaluator_(program) {
  engine::Database prepared(program);
  if (options_.explanations) prepared.enable_provenance();
  base_stop_ = evaluator_.prepare(std::move(prepared), options_.limits);
  for (ir::RelationId r = 0; r < program.relations.size(); ++r) {
    if (program.relations[r].output) outputs_.push_back(r);
  }
  if (!options_.unknown_findings) return;
  // The ways to reach each level of each graded output, from a case with nothing in it:
  // the prepared base, evaluated once, serves the cases and the checking of the ways.
  if (base_stop_) return;  // the knowledge base alone stops
  engine::CaseWorker empty(evaluator_);
  if (empty.run(options_.limits)) return;
  engine::Database& base = empty.database();
  explain::Explainer explainer(program, base);
  explainer.check_ways_on(evaluator_);
  std::set<std::pair<ir::RelationId, std::vector<ir::Value>>> candidates;
  for (ir::RelationId r : outputs_) {
    const ir::Relation& relation = program.relations[r];
    if (relation.arity() != 1 || relation.columns[0].type.scale == ir::none) continue;
    Graded graded;
    graded.relation = r;
    graded.scale = relation.columns[0].type.scale;
    for (SymbolId level : program.scales[graded.scale].levels) {
      std::vector<ir::Value> goal{level};
      auto ways = explainer.needed(r, goal);
      std::erase_if(ways, [](const explain::Requirement& way) { return !way.checkable; });
      graded.ways.push_back(std::move(ways));
    }
    for (const auto& ways : graded.ways) {
      for (const explain::Requirement& way : ways)
        candidates.insert(way.facts.begin(), way.facts.end());
    }
    for (const auto& fact : explainer.blockers(r)) candidates.insert(fact);
    for (auto& fact : explain::case_facts_named(program, base, r))
      candidates.insert(std::move(fact));
    graded_.push_back(std::move(graded));
  }
  candidates_.assign(candidates.begin(), candidates.end());
}

CaseModel::~CaseModel() = default;

struct CaseSession::Explaining {
  Explaining(const CaseModel& model, const engine::Database& database, SymbolTable& symbols)
      : unchanging(knowledge_only(model)),
        tracer(model.program(), database, symbols, &unchanging),
        marks(model.statements().marks()) {}
  static std::vector<bool> knowledge_only(const CaseModel& model) {
    std::vector<bool> relations = model.evaluator().split().case_dependent;
    relations.flip();
    return relations;
  }
  std::vector<bool> unchanging;  // the relations no case changes
  BasisTracer tracer;
  CaseStatements::Marks marks;
  CaseBasis basis;
  std::vector<std::string> case_facts;
  std::string case_facts_json;
};

// ---- a session: case after case on one database ----------------------------------------------

CaseSession::CaseSession(const CaseModel& model)
    : model_(model),
      worker_(model.base_stop() ? nullptr
                                : std::make_unique<engine::CaseWorker>(model.evaluator())),
      // Without a worker, cases are still read (their mistakes come first).
      reading_(worker_ ? nullptr : std::make_unique<engine::Database>(model.program())) {}

CaseSession::~CaseSession() = default;

SymbolTable& CaseSession::symbols() { return worker_ ? worker_->symbols() : reading_->symbols(); }

// A case is read first, even when the knowledge base alone did not evaluate: its own
// mistakes come first.
std::optional<CaseRefusal> CaseSession::evaluate(std::string_view json, std::string& out) {
  if (auto refusal = model_.reader().read(json, symbols(), facts_)) return refusal;
  return evaluate(facts_, out);
}

std::optional<CaseRefusal> CaseSession::evaluate(const GivenCase& given, std::string& out) {
  if (auto refusal = model_.reader().read(given, symbols(), facts_)) return refusal;
  return evaluate(facts_, out);
}

namespace {

CaseRefusal refusal_for(const engine::Stop& stop) {
  return CaseRefusal{.message = stop.message,
                     .stopped_on_limit = stop.reason == engine::Stop::Reason::time_limit ||
                                         stop.reason == engine::Stop::Reason::fact_limit};
}

}  // namespace

std::optional<CaseRefusal> CaseSession::evaluate(const CaseFacts& facts, std::string& out) {
  const ir::Program& program = model_.program();
  // The knowledge base alone did not evaluate (within the limits): every case says why.
  if (!worker_) return refusal_for(*model_.base_stop());
  worker_->clear();
  for (const CaseFacts::Entry& entry : facts.entries) {
    if (!entry.absent) worker_->insert(entry.relation, facts.tuple(program, entry));
  }
  if (auto stop = worker_->run(model_.options().limits)) return refusal_for(*stop);
  write_answer(facts, out);
  return std::nullopt;
}

void CaseSession::write_answer(const CaseFacts& facts, std::string& out) {
  const ir::Program& program = model_.program();
  const SymbolTable& symbols = database().symbols();
  out += "{\"conclusions\":{";
  bool first = true;
  for (ir::RelationId r : model_.outputs()) {
    const ir::Relation& relation = program.relations[r];
    if (!first) out += ',';
    first = false;
    append_json_string(out, relation.name);
    out += ":[";
    bool first_row = true;
    for (std::uint32_t row : database().sorted_rows(r)) {
      if (!first_row) out += ',';
      first_row = false;
      auto tuple = database().row(r, row);
      if (tuple.size() != 1) out += '[';
      for (std::size_t c = 0; c < tuple.size(); ++c) {
        if (c) out += ',';
        append_json_value(out, symbols, relation.columns[c].type, tuple[c]);
      }
      if (tuple.size() != 1) out += ']';
    }
    out += ']';
  }
  out += '}';
  if (model_.options().explanations) write_explanations(out);
  if (model_.options().unknown_findings) write_unknown_findings(facts, out);
  out += '}';
}

void CaseSession::write_explanations(std::string& out) {
  const ir::Program& program = model_.program();
  // Rows of the knowledge base's facts come back in the same order for every case, so
  // one tracer serves the whole session.
  if (!explaining_)
    explaining_ = std::make_unique<Explaining>(model_, database(), worker_->symbols());
  Explaining& x = *explaining_;
  out += ",\"explanations\":[";
  bool first = true;
  for (ir::RelationId r : model_.outputs()) {
    for (std::uint32_t row : database().sorted_rows(r)) {
      x.basis.clear();
      x.tracer.trace(r, row, x.basis);
      // The case facts by their text, as a reader looks for them.
      x.case_facts.clear();
      for (const auto& [relation, fact_row] : x.basis.case_facts) {
        x.case_facts.push_back(explain::format_atom(program, database().symbols(), relation,
                                                    database().row(relation, fact_row)));
      }
      std::sort(x.case_facts.begin(), x.case_facts.end());
      x.case_facts.erase(std::unique(x.case_facts.begin(), x.case_facts.end()), x.case_facts.end());
      x.case_facts_json.clear();
      append_string_list(x.case_facts_json, x.case_facts);

      if (!first) out += ',';
      first = false;
      out += "{\"conclusion\":";
      append_json_string(out, explain::format_atom(program, database().symbols(), r,
                                                   database().row(r, row)));
      model_.statements().append(out, x.basis, x.case_facts_json, x.marks);
      out += '}';
    }
  }
  out += ']';
}

namespace {

// Whether the case says this fact is absent (`"finding": false`).
bool documented_absent(const ir::Program& program, const CaseFacts& facts, ir::RelationId relation,
                       std::span<const ir::Value> tuple) {
  return std::any_of(facts.entries.begin(), facts.entries.end(), [&](const CaseFacts::Entry& e) {
    auto values = facts.tuple(program, e);
    return e.absent && e.relation == relation &&
           std::equal(values.begin(), values.end(), tuple.begin(), tuple.end());
  });
}

}  // namespace

// An unknown finding (neither reported nor documented absent) that, added alone to this
// case, raises a graded output: found among the ways to a higher level, and checked by
// evaluating the case with it.
void CaseSession::write_unknown_findings(const CaseFacts& facts, std::string& out) {
  append_unknown_findings(raised_levels(facts, unknown_candidates(facts)), out);
}

// Candidates: every case fact a way to any level names, or a rule leading to the
// output names, or that could block such a rule (CaseModel::candidates), that this case
// neither reports nor documents absent.
std::vector<const CaseSession::Fact*> CaseSession::unknown_candidates(
    const CaseFacts& facts) const {
  std::vector<const Fact*> candidates;
  for (const Fact& fact : model_.candidates()) {
    if (!database().contains(fact.first, fact.second) &&
        !documented_absent(model_.program(), facts, fact.first, fact.second)) {
      candidates.push_back(&fact);
    }
  }
  return candidates;
}

// The current level of a graded output in `database` (-1: none).
int CaseSession::graded_level(const engine::Database& database, std::size_t g) const {
  const CaseModel::Graded& graded = model_.graded()[g];
  const auto& levels = model_.program().scales[graded.scale].levels;
  int reached = -1;
  for (std::size_t level = 0; level < levels.size(); ++level) {
    ir::Value value = levels[level];
    if (database.contains(graded.relation, std::span(&value, 1))) reached = static_cast<int>(level);
  }
  return reached;
}

// The probe has its own symbols: a symbol the case brought is carried over by its text.
std::vector<ir::Value> CaseSession::carried_to_probe(ir::RelationId relation,
                                                     std::span<const ir::Value> tuple) {
  std::vector<ir::Value> values(tuple.begin(), tuple.end());
  const auto& columns = model_.program().relations[relation].columns;
  for (std::size_t c = 0; c < values.size(); ++c) {
    if (columns[c].type.base == ir::BaseType::symbol) {
      std::string_view text = database().symbols().text(static_cast<SymbolId>(values[c]));
      values[c] = probe_->symbols().intern(text);
    }
  }
  return values;
}

// Ways were worked out from an empty case, and a finding of this case may block a way
// or unblock another, so each candidate is put to the engine with this case: only what
// it actually raises, to the level it reaches, is said.
CaseSession::RaisedLevels CaseSession::raised_levels(const CaseFacts& facts,
                                                     const std::vector<const Fact*>& candidates) {
  const ir::Program& program = model_.program();
  RaisedLevels raised;
  if (!candidates.empty() && !probe_) {
    probe_ = std::make_unique<engine::CaseWorker>(model_.evaluator());
  }
  for (const Fact* candidate : candidates) {
    probe_->clear();
    for (const CaseFacts::Entry& entry : facts.entries) {
      if (!entry.absent) {
        auto tuple = facts.tuple(program, entry);
        probe_->insert(entry.relation, carried_to_probe(entry.relation, tuple));
      }
    }
    probe_->insert(candidate->first, carried_to_probe(candidate->first, candidate->second));
    if (probe_->run(model_.options().limits)) continue;  // not within the limits: not said
    for (std::size_t g = 0; g < model_.graded().size(); ++g) {
      int then = graded_level(probe_->database(), g);
      if (then > graded_level(database(), g)) {
        raised[*candidate].emplace_back(g, static_cast<std::size_t>(then));
      }
    }
  }
  return raised;
}

void CaseSession::append_unknown_findings(const RaisedLevels& raised, std::string& out) const {
  const ir::Program& program = model_.program();
  const SymbolTable& symbols = database().symbols();
  // By the text of the fact, so that the order never depends on symbol numbers.
  std::vector<std::pair<std::string, const RaisedLevels::value_type*>> sorted;
  for (const auto& entry : raised) {
    const Fact& fact = entry.first;
    sorted.emplace_back(explain::format_atom(program, symbols, fact.first, fact.second), &entry);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out += ",\"unknown_findings\":[";
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const auto& [text, entry] = sorted[i];
    if (i) out += ',';
    out += "{\"fact\":";
    append_json_string(out, text);
    out += ",\"if_present\":{";
    std::vector<std::string> effects;
    for (std::size_t j = 0; j < entry->second.size(); ++j) {
      const auto& [g, level] = entry->second[j];
      const CaseModel::Graded& graded = model_.graded()[g];
      std::string_view level_name = symbols.text(program.scales[graded.scale].levels[level]);
      if (j) out += ',';
      append_json_string(out, program.relations[graded.relation].name);
      out += ':';
      append_json_string(out, level_name);
      effects.push_back(fmt::format("{} {}", program.relations[graded.relation].name, level_name));
    }
    out += "},\"note\":";
    append_json_string(out, fmt::format("{} was not reported; if present: {}", text,
                                        fmt::join(effects, ", ")));
    out += '}';
  }
  out += ']';
}

}  // namespace sinew::cases
