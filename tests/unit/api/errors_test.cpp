// The C++ API reports every failure as a value, with a message a clinician can read.

#include "api/api_fixture.hpp"

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

TEST_CASE("explanations switched off are said to be so", "[api][errors]") {
  Options options;
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
  Options options;
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
