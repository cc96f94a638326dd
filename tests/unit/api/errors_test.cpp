// The C++ API reports every failure as a value, with a message a clinician can read.

#include "unit/api/api_fixture.hpp"

#include <fstream>

using namespace sinew;
using namespace sinew::test;

TEST_CASE("a missing compiled file is an error, not an exception", "[api][errors]") {
  auto loaded = KnowledgeBase::load("/no/such/folder/kb.sinewb");
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().message.find("/no/such/folder/kb.sinewb") != std::string::npos);
}

TEST_CASE("a damaged compiled file is refused with a message", "[api][errors]") {
  std::string bytes = slurp(compiled_kb_path());
  REQUIRE(bytes.size() > 200);
  TempDir folder;
  std::string damaged = (folder / "damaged.sinewb").string();
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
  std::ofstream(damaged, std::ios::binary) << bytes;
  auto loaded = KnowledgeBase::load(damaged);
  REQUIRE_FALSE(loaded.ok());
  CHECK_FALSE(loaded.error().message.empty());

  std::string truncated = (folder / "truncated.sinewb").string();
  std::ofstream(truncated, std::ios::binary) << bytes.substr(0, 40);
  CHECK_FALSE(KnowledgeBase::load(truncated).ok());
}

TEST_CASE("rule files with errors come back as their diagnostics", "[api][errors]") {
  TempDir folder;
  std::string path = (folder / "bad.sinew").string();
  std::ofstream(path) << "relation p(x: number)\np(X) :- q(X).\n";
  auto loaded = load_sources({path});
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().message.find("bad.sinew:2:") != std::string::npos);
  CHECK_FALSE(load_sources({(folder / "missing").string()}).ok());
}

TEST_CASE("an unknown relation is an error that suggests the closest", "[api][errors]") {
  Session session(kb_compiled());
  auto answers = session.query({"dispositon", {}});
  REQUIRE_FALSE(answers.ok());
  CHECK(answers.error().message.find("`dispositon`") != std::string::npos);
  CHECK(answers.error().message.find("`disposition`") != std::string::npos);
  auto explained = session.explain({"nothing_like_it", {}});
  REQUIRE_FALSE(explained.ok());
}

TEST_CASE("wrong values and refused cases are errors", "[api][errors]") {
  Session session(kb_compiled());
  auto wrong_type = session.query({"disposition", {Value{std::int64_t{3}}}});
  REQUIRE_FALSE(wrong_type.ok());
  CHECK(wrong_type.error().message.find("takes a name") != std::string::npos);
  CHECK_FALSE(session.query({"disposition", {std::nullopt, std::nullopt}}).ok());
  CHECK_FALSE(session.explain({"disposition", {"no_such_level"}}).ok());

  auto unknown = session.evaluate(R"({"has": ["chest_pian"]})");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("chest_pain") != std::string::npos);  // did you mean
  CHECK_FALSE(session.evaluate("not json").ok());
  // After a refused case there is nothing to look at, and the session says so.
  auto after = session.query({"disposition", {}});
  REQUIRE_FALSE(after.ok());
  CHECK(after.error().message.find("refused") != std::string::npos);
  // The session goes on with the next case.
  CHECK(session.evaluate(sample_cases[0]).ok());
  CHECK(session.query({"disposition", {}}).ok());

  Case wrong_arity;
  wrong_arity.present = {{"has", {"muscle_spasm", "chest_pain"}}};
  auto refused = session.evaluate(wrong_arity);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("takes 1 value") != std::string::npos);
}

// Issue 12, item 1: `absent` that is not an object was read as the previous key's
// findings; any value of the wrong shape is refused, naming the key and the value, with
// the same message whatever the order of the keys.
TEST_CASE("a case whose values have the wrong shape is refused", "[api][errors]") {
  Session session(kb_compiled());
  const std::vector<std::vector<std::string>> orders = {
      {R"({"has": ["muscle_spasm"], "absent": ["numbness"]})",
       R"({"absent": ["numbness"], "has": ["muscle_spasm"]})"},
      {R"({"has": ["muscle_spasm"], "absent": "numbness"})",
       R"({"absent": "numbness", "has": ["muscle_spasm"]})"},
      {R"({"has": ["muscle_soreness", "not_easing"], "duration_days": 1, "absent": 5})",
       R"({"absent": 5, "duration_days": 1, "has": ["muscle_soreness", "not_easing"]})"},
  };
  for (const auto& same_case : orders) {
    std::string first;
    for (const std::string& json : same_case) {
      INFO(json);
      auto answer = session.evaluate(json);
      REQUIRE_FALSE(answer.ok());
      const std::string& message = answer.error().message;
      CHECK(message.find("`absent` must be an object") != std::string::npos);
      if (first.empty()) first = message;
      CHECK(message == first);
    }
  }
  auto nested = session.evaluate(
      R"({"has": ["muscle_spasm"], "absent": {"has": {"numbness": 1}}})");
  REQUIRE_FALSE(nested.ok());
  CHECK(nested.error().message.find("`has` (under \"absent\")") != std::string::npos);
  CHECK(nested.error().message.find("{\"numbness\": 1}") != std::string::npos);
  auto listed = session.evaluate(R"({"has": ["muscle_spasm"], "duration_days": [[4]]})");
  REQUIRE_FALSE(listed.ok());
  CHECK(listed.error().message.find("`duration_days`") != std::string::npos);
  CHECK(listed.error().message.find("[4]") != std::string::npos);
}

TEST_CASE("explanations switched off are said to be so", "[api][errors]") {
  LoadOptions options;
  options.explanations = false;
  options.unknown_findings = false;
  auto kb = KnowledgeBase::load(compiled_kb_path(), options);
  REQUIRE(kb.ok());
  Session session(*kb);
  auto answer = session.evaluate(sample_cases[1]);
  REQUIRE(answer.ok());
  CHECK(answer->find("explanations") == std::string::npos);
  CHECK_FALSE(session.explain({"disposition", {"seek_treatment_immediately"}}).ok());
}

TEST_CASE("a case that reaches a limit is an error, and the session says why", "[api][errors]") {
  LoadOptions options;
  options.max_facts = 1;
  auto kb = KnowledgeBase::load(compiled_kb_path(), options);
  REQUIRE(kb.ok());
  Session session(*kb);
  auto answer = session.evaluate(sample_cases[1]);
  REQUIRE_FALSE(answer.ok());
  CHECK(session.stopped_on_limit());
  CHECK_FALSE(answer.error().message.empty());
  CHECK(session.evaluate("{\"has\": [\"chest_pian\"]}").ok() == false);
  CHECK_FALSE(session.stopped_on_limit());
}
