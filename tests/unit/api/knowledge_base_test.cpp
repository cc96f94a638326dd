// The C++ API: a knowledge base loaded from its sources and from its compiled file
// gives the same answers, and the same answers as `sinew eval`.

#include "unit/api/api_fixture.hpp"

#include <fstream>

using namespace sinew;
using namespace sinew::test;

TEST_CASE("sources and compiled file give the same answers to every case", "[api]") {
  Session from_sources(kb_from_sources());
  Session from_file(kb_compiled());
  for (const std::string& json : sample_cases) {
    INFO(json);
    auto a = from_sources.evaluate(json);
    auto b = from_file.evaluate(json);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a == *b);
  }
}

TEST_CASE("an answer is the JSON that `sinew eval` prints", "[api]") {
  TempDir folder;
  std::string case_path = (folder / "case.json").string();
  std::ofstream(case_path) << sample_cases[1];
  Outcome eval = run_sinew({"eval", compiled_kb_path(), "--case", case_path}, source_dir);
  INFO(eval.describe());
  REQUIRE(eval.exit_code == 0);
  Session session(kb_compiled());
  auto answer = session.evaluate(sample_cases[1]);
  REQUIRE(answer.ok());
  CHECK(*answer + "\n" == eval.out);
  CHECK(answer->find(R"("disposition":["seek_treatment_immediately"])") != std::string::npos);
}

TEST_CASE("the relations are listed with their columns and roles", "[api]") {
  const KnowledgeBase& kb = kb_compiled();
  CHECK(kb.relations().size() == kb_from_sources().relations().size());
  const RelationInfo* has = kb.relation("has");
  REQUIRE(has != nullptr);
  CHECK(has->input);
  CHECK_FALSE(has->output);
  REQUIRE(has->columns.size() == 1);
  CHECK(has->columns[0].type == "finding");
  CHECK(has->columns[0].base == ColumnInfo::Base::name);
  const RelationInfo* disposition = kb.relation("disposition");
  REQUIRE(disposition != nullptr);
  CHECK(disposition->output);
  CHECK(disposition->columns[0].type == "care_level");
  const RelationInfo* days = kb.relation("duration_days");
  REQUIRE(days != nullptr);
  CHECK(days->columns[0].base == ColumnInfo::Base::number);
  CHECK(kb.relation("no_such_relation") == nullptr);
}

TEST_CASE("a case given as facts is answered as the same case in JSON", "[api]") {
  Session session(kb_compiled());
  Case facts;
  facts.present = {
      {"has", {"muscle_spasm"}}, {"has", {"not_easing"}}, {"duration_days", {std::int64_t{4}}}};
  auto structured = session.evaluate(facts);
  auto json = session.evaluate(sample_cases[3]);
  REQUIRE(structured.ok());
  REQUIRE(json.ok());
  CHECK(*structured == *json);

  Case absent;
  absent.present = {{"has", {"muscle_soreness"}}};
  absent.absent = {{"has", {"numbness"}}};
  auto with_absent = session.evaluate(absent);
  REQUIRE(with_absent.ok());
  CHECK(*with_absent == *session.evaluate(sample_cases[4]));
}

TEST_CASE("a query and an explanation look at the last case", "[api]") {
  Session session(kb_compiled());
  REQUIRE(session.evaluate(sample_cases[1]).ok());
  auto level = session.query({"disposition", {}});
  REQUIRE(level.ok());
  CHECK(level->columns == std::vector<std::string>{"level"});
  REQUIRE(level->rows.size() == 1);
  CHECK(std::get<std::string>(level->rows[0][0]) == "seek_treatment_immediately");

  auto why = session.explain({"disposition", {"seek_treatment_immediately"}});
  REQUIRE(why.ok());
  CHECK(why->holds);
  CHECK(why->text.find("has(chest_pain)") != std::string::npos);
  CHECK(why->json.find("\"rule\"") != std::string::npos);

  auto why_not = session.explain({"disposition", {"self_care"}});
  REQUIRE(why_not.ok());
  CHECK_FALSE(why_not->holds);
  CHECK_FALSE(why_not->text.empty());

  // A pattern: which conditions may cause a spasm, before any case.
  Session fresh(kb_compiled());
  auto causes = fresh.query({"may_cause", {std::nullopt, Value{"muscle_spasm"}}});
  REQUIRE(causes.ok());
  CHECK_FALSE(causes->rows.empty());
  for (const auto& row : causes->rows) CHECK(std::get<std::string>(row[1]) == "muscle_spasm");
}

TEST_CASE("sources and compiled file explain a conclusion alike", "[api]") {
  Session a(kb_from_sources());
  Session b(kb_compiled());
  REQUIRE(a.evaluate(sample_cases[3]).ok());
  REQUIRE(b.evaluate(sample_cases[3]).ok());
  Fact fact{"disposition", {"seek_treatment_immediately"}};
  auto from_sources = a.explain(fact);
  auto from_file = b.explain(fact);
  REQUIRE(from_sources.ok());
  REQUIRE(from_file.ok());
  CHECK(from_sources->text == from_file->text);
}

TEST_CASE("a query and a fact written as text", "[api]") {
  for (const KnowledgeBase* kb : {&kb_from_sources(), &kb_compiled()}) {
    auto answers = query_text(*kb, flagship_query);
    REQUIRE(answers.ok());
    std::vector<std::string> found;
    for (const auto& row : answers->rows) found.push_back(to_text(row[0]));
    CHECK(found == flagship_answers);

    auto fact = parse_fact(*kb, "disposition(self_care)");
    REQUIRE(fact.ok());
    CHECK(fact->relation == "disposition");
    CHECK(to_text(fact->values.at(0)) == "self_care");
  }
  auto bad = query_text(kb_compiled(), "?- escalatess(F, muscle_spasm, L).");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("escalates") != std::string::npos);
}
