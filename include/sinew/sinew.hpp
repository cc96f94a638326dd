#pragma once
// Sinew as a library: load a compiled knowledge base (`.sinewb`), list its relations,
// evaluate cases, look up conclusions and explain them. This part links no parser;
// loading rule files and answering `?-` queries written as text is <sinew/compiler.hpp>.
//
//   auto kb = sinew::KnowledgeBase::load("kb.sinewb");      // once, shared by threads
//   if (!kb) { report(kb.error().message); return; }
//   sinew::Session session(*kb);                              // one per thread
//   auto answer = session.evaluate(R"({"has": ["muscle_spasm", "chest_pain"]})");
//   auto level = session.query({"disposition", {}});          // the conclusion, as values
//   auto why = session.explain({"disposition", {"seek_treatment_immediately"}});
//
// Every failure comes back as a value (`Result`, with a message meant for the person
// using the program); no exception leaves these functions. A `KnowledgeBase` never
// changes once loaded, so any number of threads may share one (copies are cheap and
// share it); a `Session` holds one thread's evaluations and must not be shared.

#include <sinew/support/result.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sinew {

// A value in a fact: a name (`muscle_spasm`), a number, an unsigned number or a float,
// after the type of its column.
using Value = std::variant<std::string, std::int64_t, std::uint64_t, double>;

// `muscle_spasm`, `4`, `2.5`.
std::string to_text(const Value& value);

// A fact such as `disposition(seek_treatment_immediately)`.
struct Fact {
  std::string relation;
  std::vector<Value> values;
};

// A case given as facts instead of JSON: what is present, and what is documented absent.
struct Case {
  std::vector<Fact> present;
  std::vector<Fact> absent;
};

struct ColumnInfo {
  enum class Base { number, unsigned_number, floating, name };
  std::string name;
  std::string type;  // as declared: "number", "finding", "care_level", ...
  Base base = Base::name;
};

struct RelationInfo {
  std::string name;
  std::vector<ColumnInfo> columns;
  bool input = false;   // a case may give its facts
  bool output = false;  // a conclusion: every answer lists it
};

// A question about one relation: a value per column, or std::nullopt for "any".
// No values at all means "any" in every column.
struct Pattern {
  std::string relation;
  std::vector<std::optional<Value>> values;
};

struct Answers {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;  // sorted, each row once
};

struct Explanation {
  bool holds = false;  // false: the text says why not
  std::string text;    // indented, for a clinician: rules, sources, citations
  std::string json;    // the same for programs (the fields of `sinew explain --format json`)
};

// How cases are evaluated; fixed when the knowledge base is loaded.
struct LoadOptions {
  bool explanations = true;      // answers explain each conclusion; explain() works
  bool unknown_findings = true;  // answers name the unknown findings that would raise a level
  double timeout_seconds = 0;    // per case; 0: no limit
  std::uint64_t max_facts = 0;   // per case, facts derived; 0: no limit
};

class KnowledgeBase {
 public:
  // Loads and verifies a compiled file (`sinew compile KB -o kb.sinewb`). A missing,
  // damaged, truncated or newer file is refused with a message that says which.
  static Result<KnowledgeBase> load(const std::string& path, const LoadOptions& options = {});

  // The module's name and version, as its sources declare them ("" when they do not).
  const std::string& name() const;
  const std::string& version() const;
  // Every relation, in declaration order.
  const std::vector<RelationInfo>& relations() const;
  // nullptr when there is no such relation.
  const RelationInfo* relation(std::string_view name) const;

  class Impl;  // src/api/knowledge_base_impl.hpp
  explicit KnowledgeBase(std::shared_ptr<const Impl> impl);
  const Impl& impl() const { return *impl_; }

 private:
  std::shared_ptr<const Impl> impl_;
};

// One thread's work on a knowledge base: case after case, each evaluated from scratch.
// `query` and `explain` look at the last case evaluated; before the first, at what the
// knowledge base concludes on its own.
class Session {
 public:
  // Cheap: the work of setting up a session is done by the first case. A moved-from
  // session may only be assigned to or destroyed.
  explicit Session(const KnowledgeBase& knowledge_base);
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  // The answer to a case, the JSON object `sinew eval` prints for it:
  // {"conclusions": {...}, "explanations": [...], "unknown_findings": [...]}.
  // A refused case (an unknown finding, a wrong type, a limit reached) is an error.
  Result<std::string> evaluate(std::string_view case_json);
  Result<std::string> evaluate(const Case& facts);
  // Whether the last evaluation stopped on a time or fact limit.
  bool stopped_on_limit() const;

  // The facts of one relation that match the pattern.
  Result<Answers> query(const Pattern& pattern);
  // Why a fact holds (its proof, rule by rule with citations), or why it does not.
  Result<Explanation> explain(const Fact& fact);

  const KnowledgeBase& knowledge_base() const;

 private:
  class State;
  std::unique_ptr<State> state_;
};

}  // namespace sinew
