// A session: one thread's cases on a shared knowledge base, and questions about the last.

#include "knowledge_base_impl.hpp"
#include "values.hpp"

#include "explain/explain.hpp"

#include <fmt/format.h>

#include <memory>
#include <type_traits>

namespace sinew {

class Session::State {
 public:
  explicit State(const KnowledgeBase& knowledge_base) : kb(knowledge_base) {}

  enum class Last { nothing, evaluated, refused };

  // Made on first use, inside the functions that catch, so that constructing a
  // Session throws nothing of its own.
  cases::CaseSession& cases() {
    if (!cases_) cases_ = std::make_unique<cases::CaseSession>(kb.impl().model);
    return *cases_;
  }
  bool stopped_on_limit() const { return stopped_on_limit_; }

  // A case as JSON text or as facts given in code: read by the same reader.
  template <typename CaseInput>
  Result<std::string> evaluate(const CaseInput& input) {
    std::string out;
    auto refusal = cases().evaluate(input, out);
    stopped_on_limit_ = refusal && refusal->stopped_on_limit;
    last = refusal ? Last::refused : Last::evaluated;
    if (refusal) return Error{std::move(refusal->message)};
    return out;
  }

  // The database that queries and explanations look at: the last case's, or, before
  // any, the knowledge base's own conclusions.
  Result<engine::Database*> evaluated() {
    if (last == Last::refused) {
      return Error{
          "the last case was refused, so it has no conclusions to look at; "
          "evaluate a case first"};
    }
    if (last == Last::nothing) {
      std::string unused;
      auto refusal = cases().evaluate(cases::CaseFacts{}, unused);
      stopped_on_limit_ = refusal && refusal->stopped_on_limit;
      if (refusal)
        return Error{"the knowledge base alone cannot be evaluated: " + refusal->message};
      last = Last::evaluated;
    }
    return &cases().database();
  }

  KnowledgeBase kb;
  Last last = Last::nothing;

 private:
  std::unique_ptr<cases::CaseSession> cases_;
  bool stopped_on_limit_ = false;  // the last evaluation's
};

Session::Session(const KnowledgeBase& knowledge_base)
    : state_(std::make_unique<State>(knowledge_base)) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const KnowledgeBase& Session::knowledge_base() const { return state_->kb; }
bool Session::stopped_on_limit() const { return state_->stopped_on_limit(); }

Result<std::string> Session::evaluate(std::string_view case_json) {
  return guarded([&] { return state_->evaluate(case_json); });
}

Result<std::string> Session::evaluate(const Case& facts) {
  return guarded([&]() -> Result<std::string> {
    // Views of the facts, read as a case file is (with the same messages).
    static_assert(std::is_same_v<Value, cases::GivenValue>);
    auto given = [](const std::vector<Fact>& list) {
      std::vector<cases::GivenFact> out;
      for (const Fact& fact : list) out.push_back({fact.relation, fact.values});
      return out;
    };
    return state_->evaluate(cases::GivenCase{given(facts.present), given(facts.absent)});
  });
}

Result<Answers> Session::query(const Pattern& pattern) {
  return guarded([&]() -> Result<Answers> {
    const ir::Program& program = state_->kb.impl().program;
    auto relation = api::find_relation(program, pattern.relation);
    if (!relation) return relation.error();
    const ir::Relation& schema = program.relations[*relation];
    if (!pattern.values.empty() && pattern.values.size() != schema.arity()) {
      return Error{fmt::format("`{}` has {} columns; the pattern gives {}", schema.name,
                               schema.arity(), pattern.values.size())};
    }
    auto database = state_->evaluated();
    if (!database) return database.error();
    const SymbolTable& symbols = (*database)->symbols();
    std::vector<std::optional<ir::Value>> wanted(schema.arity());
    for (std::size_t c = 0; c < pattern.values.size(); ++c) {
      if (!pattern.values[c]) continue;
      auto value = api::to_engine(program, *relation, c, *pattern.values[c], symbols);
      if (!value) return value.error();
      wanted[c] = *value;
    }
    Answers answers;
    for (const ir::Column& column : schema.columns) answers.columns.push_back(column.name);
    for (const std::vector<ir::Value>& row : (*database)->sorted(*relation)) {
      bool match = true;
      for (std::size_t c = 0; c < row.size() && match; ++c)
        match = !wanted[c] || *wanted[c] == row[c];
      if (!match) continue;
      std::vector<Value>& out = answers.rows.emplace_back();
      for (std::size_t c = 0; c < row.size(); ++c) {
        out.push_back(api::to_value(schema.columns[c].type, row[c], symbols));
      }
    }
    return answers;
  });
}

Result<Explanation> Session::explain(const Fact& fact) {
  return guarded([&]() -> Result<Explanation> {
    const KnowledgeBase::Impl& kb = state_->kb.impl();
    const ir::Program& program = kb.program;
    if (!kb.options.explanations) {
      return Error{
          "this knowledge base was loaded with explanations switched off "
          "(LoadOptions::explanations), so its conclusions cannot be explained"};
    }
    auto relation = api::find_relation(program, fact.relation);
    if (!relation) return relation.error();
    const ir::Relation& schema = program.relations[*relation];
    if (fact.values.size() != schema.arity()) {
      return Error{fmt::format("`{}` takes {} value{}; the fact gives {}", schema.name,
                               schema.arity(), schema.arity() == 1 ? "" : "s", fact.values.size())};
    }
    auto database = state_->evaluated();
    if (!database) return database.error();
    std::vector<ir::Value> tuple;
    for (std::size_t c = 0; c < fact.values.size(); ++c) {
      auto value = api::to_engine(program, *relation, c, fact.values[c], (*database)->symbols());
      if (!value) return value.error();
      tuple.push_back(*value);
    }
    explain::Explainer explainer(program, **database);
    Explanation explanation;
    if (auto proof = explainer.why(*relation, tuple)) {
      explanation.holds = true;
      explanation.text = explain::render_text(program, *proof);
      explanation.json = explain::render_json(program, (*database)->symbols(), *proof);
    } else {
      std::string goal = explainer.atom_text(*relation, tuple);
      auto why_not = explainer.why_not(*relation, tuple);
      explanation.text = explain::render_text(program, explainer, goal, why_not);
      explanation.json = explain::render_json(program, explainer, goal, why_not);
    }
    return explanation;
  });
}

}  // namespace sinew
