// A session: one thread's cases on a shared knowledge base, and questions about the last.

#include "knowledge_base_impl.hpp"
#include "values.hpp"

#include "explain/explain.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>

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
  bool stopped_on_limit() const { return cases_ && cases_->stopped_on_limit(); }

  Result<std::string> evaluate(std::string_view json) {
    std::string out;
    bool ok = cases().evaluate(json, out);
    last = ok ? Last::evaluated : Last::refused;
    if (ok) return out;
    return Error{refusal(out)};
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
      if (!cases().evaluate(cases::CaseFacts{}, unused)) {
        return Error{"the knowledge base alone cannot be evaluated: " + refusal(unused)};
      }
      last = Last::evaluated;
    }
    return &cases().database();
  }

  KnowledgeBase kb;
  Last last = Last::nothing;

 private:
  std::unique_ptr<cases::CaseSession> cases_;

  // The message of the error object `{"error": "..."}` that a refused case gets.
  static std::string refusal(const std::string& answer) {
    auto object = nlohmann::json::parse(answer, nullptr, false);
    if (object.is_object() && object.contains("error") && object["error"].is_string()) {
      return object["error"].get<std::string>();
    }
    return "the case was refused";
  }
};

Session::Session(const KnowledgeBase& knowledge_base)
    : state_(std::make_unique<State>(knowledge_base)) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const KnowledgeBase& Session::knowledge_base() const {
  return state_->kb;
}
bool Session::stopped_on_limit() const {
  return state_->stopped_on_limit();
}

Result<std::string> Session::evaluate(std::string_view case_json) {
  return guarded([&] { return state_->evaluate(case_json); });
}

Result<std::string> Session::evaluate(const Case& facts) {
  return guarded([&]() -> Result<std::string> {
    auto json = api::case_json(state_->kb.impl().program, facts);
    if (!json) {
      state_->last = State::Last::refused;
      return json.error();
    }
    return state_->evaluate(*json);
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
    for (const ir::Column& column : schema.columns)
      answers.columns.push_back(column.name);
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
          "(Options::explanations), so its conclusions cannot be explained"};
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
