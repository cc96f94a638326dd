// The explainer follows the user's data, so it bounds what it follows: a proof is cut
// `max_proof_depth` rules down with a note naming the fact to explain next, and a
// deadline stops every kind of explanation, which then says it ran out of time.

#include "unit/kb_fixture.hpp"
#include "unit/program_text.hpp"

#include "engine/evaluate.hpp"
#include "explain/explain.hpp"

#include <catch2/catch.hpp>

using namespace sinew;

namespace {

std::unique_ptr<engine::Database> evaluated(const ir::Program& program) {
  auto database = std::make_unique<engine::Database>(program);
  database->enable_provenance();
  REQUIRE_FALSE(engine::evaluate(program, *database).has_value());
  return database;
}

std::size_t depth_of(const explain::ProofStep& step) {
  std::size_t deepest = 0;
  for (const explain::ProofStep& premise : step.premises) {
    deepest = std::max(deepest, 1 + depth_of(premise));
  }
  return deepest;
}

const explain::ProofStep* find_note(const explain::ProofStep& step) {
  if (step.kind == explain::ProofStep::Kind::note) return &step;
  for (const explain::ProofStep& premise : step.premises) {
    if (const auto* note = find_note(premise)) return note;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a proof 3,000 rules deep is cut 50 rules down, saying what to explain next") {
  ir::Program program = testing::compile_text(
      ".decl r(x:number)\nr(0).\nr(x + 1) :- r(x), x < 3000.\n", "deep.dl");
  auto database = evaluated(program);
  explain::Explainer explainer(program, *database);
  ir::Value goal = 3000;
  auto proof = explainer.why(testing::relation(program, "r"), std::span(&goal, 1));
  REQUIRE(proof.has_value());
  CHECK(depth_of(*proof) == explain::max_proof_depth + 1);
  const explain::ProofStep* note = find_note(*proof);
  REQUIRE(note != nullptr);
  CHECK(note->text == "(… 2950 more levels of rules below: explain `r(2950)` to see them)");
  CHECK_FALSE(explainer.out_of_time());
  std::string text = explain::render_text(program, *proof);
  CHECK(text.find("- (… 2950 more levels") != std::string::npos);
  CHECK(text.size() < 20'000);
  CHECK(explain::render_json(program, database->symbols(), *proof).find("\"how\": \"note\"") !=
        std::string::npos);
}

TEST_CASE("a deadline that has passed stops why, why-not and what it would take") {
  const ir::Program& program = testing::kb_program();
  auto database = testing::evaluate_case(program, {"muscle_spasm"});
  explain::Explainer explainer(program, *database);
  CHECK_FALSE(explainer.out_of_time());
  explainer.set_deadline(explain::Explainer::Clock::now() - std::chrono::seconds(1));
  ir::Value level = testing::symbol(program, "seek_treatment_immediately");
  ir::RelationId disposition = testing::relation(program, "disposition");
  // Stopped at once: nothing is followed, and the explainer says why.
  auto why_not = explainer.why_not(disposition, std::span(&level, 1));
  CHECK(explainer.out_of_time());
  CHECK(why_not.missing_inputs.empty());
  CHECK(explainer.needed(disposition, std::span(&level, 1)).empty());
  // Without a deadline the same questions are answered in full.
  explain::Explainer unhurried(program, *database);
  CHECK_FALSE(unhurried.why_not(disposition, std::span(&level, 1)).missing_inputs.empty());
  CHECK_FALSE(unhurried.needed(disposition, std::span(&level, 1)).empty());
  CHECK_FALSE(unhurried.out_of_time());
}
