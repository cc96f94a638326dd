// The knowledge-graph layer lowered to the core: a kind is a relation of its members,
// sub-kinds included; a scale is a relation of its levels and orders comparisons and
// `max`/`min` by rank, not by text.

#include "unit/semantics/compile_helpers.hpp"

#include <catch2/catch.hpp>

using namespace sinew;
using test::compile_clean;
using Strings = std::vector<std::string>;
using Facts = std::vector<Strings>;

namespace {

const std::string kinds = R"(kind finding
kind symptom : finding
kind red_flag : symptom
kind trigger : finding
kind condition
finding rash.
symptom cramp.
red_flag chest_pain.
trigger stress.
condition lupus.
input has(f: finding)
)";

}  // namespace

TEST_CASE("a kind's relation holds its entities and those of every sub-kind",
          "[semantics][kinds]") {
  auto program = compile_clean(kinds);
  CHECK(test::facts_of(program, "finding") ==
        Facts{{"\"chest_pain\""}, {"\"cramp\""}, {"\"rash\""}, {"\"stress\""}});
  CHECK(test::facts_of(program, "symptom") == Facts{{"\"chest_pain\""}, {"\"cramp\""}});
  CHECK(test::facts_of(program, "red_flag") == Facts{{"\"chest_pain\""}});
  CHECK(test::facts_of(program, "condition") == Facts{{"\"lupus\""}});

  const ir::Relation& finding = program.relations[test::relation_id(program, "finding")];
  CHECK(finding.kind_membership);
  REQUIRE(finding.arity() == 1);
  CHECK(finding.columns[0].type.name == "finding");
}

TEST_CASE("kinds keep their parents, entities their kinds, labels and codes",
          "[semantics][kinds]") {
  auto program = compile_clean(kinds +
                               R"(condition flu "Flu" { code icd10 "J11.1" synonym "influenza" }
finding flu.
)");
  auto kind_index = [&](std::string_view name) {
    for (std::uint32_t k = 0; k < program.kinds.size(); ++k) {
      if (program.kinds[k].name == name) return k;
    }
    FAIL("no kind " << name);
    return ir::none;
  };
  CHECK(program.kinds[kind_index("red_flag")].parents ==
        std::vector<std::uint32_t>{kind_index("symptom")});
  CHECK(program.kinds[kind_index("finding")].parents.empty());

  auto flu = std::find_if(program.entities.begin(), program.entities.end(),
                          [&](const auto& e) { return program.symbols.text(e.id) == "flu"; });
  REQUIRE(flu != program.entities.end());
  CHECK(flu->label == "Flu");
  CHECK(flu->kinds.size() == 2);  // a condition and a finding
  REQUIRE(flu->codes.size() == 1);
  CHECK(flu->codes[0].system == "icd10");
  CHECK(flu->codes[0].value == "J11.1");
  CHECK(flu->synonyms == Strings{"influenza"});
  // Entities are sorted by id, so output never depends on declaration order.
  CHECK(std::is_sorted(program.entities.begin(), program.entities.end(),
                       [&](const auto& a, const auto& b) {
                         return program.symbols.text(a.id) < program.symbols.text(b.id);
                       }));
}

namespace {

const std::string ladder = R"(scale care_level : self_care < see_physician < urgent
input reached(level: care_level)
)";

std::uint32_t scale_index(const ir::Program& program, std::string_view name) {
  for (std::uint32_t s = 0; s < program.scales.size(); ++s) {
    if (program.scales[s].name == name) return s;
  }
  FAIL("no scale " << name);
  return ir::none;
}

}  // namespace

TEST_CASE("a scale is a relation of its levels, lowest first", "[semantics][scales]") {
  auto program = compile_clean(ladder);
  std::uint32_t s = scale_index(program, "care_level");
  const ir::Scale& scale = program.scales[s];
  REQUIRE(scale.levels.size() == 3);
  CHECK(program.symbols.text(scale.levels[0]) == "self_care");
  CHECK(program.symbols.text(scale.levels[2]) == "urgent");
  CHECK(test::facts_of(program, "care_level") ==
        Facts{{"\"see_physician\""}, {"\"self_care\""}, {"\"urgent\""}});
  const ir::Relation& reached = program.relations[test::relation_id(program, "reached")];
  CHECK(reached.columns[0].type.scale == s);
}

TEST_CASE("a comparison of levels orders them by the scale", "[semantics][scales]") {
  auto program = compile_clean(ladder + R"(output serious(level: care_level)
serious(L) :- reached(L), L >= see_physician.
)");
  auto rules = test::rules_for(program, "serious");
  REQUIRE(rules.size() == 1);
  REQUIRE(rules[0]->body.size() == 2);
  const ir::Literal& comparison = rules[0]->body[1];
  CHECK(comparison.kind == ir::Literal::Kind::comparison);
  CHECK(comparison.op == ir::CompareOp::ge);
  CHECK(comparison.ordering.base == ir::BaseType::symbol);
  CHECK(comparison.ordering.scale == scale_index(program, "care_level"));
  CHECK(comparison.rhs.constant == test::symbol(program, "see_physician"));
}

TEST_CASE("a comparison of plain symbols has no scale", "[semantics][scales]") {
  auto program = compile_clean(R"(input name(n: symbol)
output early(n: symbol)
early(N) :- name(N), N < "m".
)");
  const ir::Literal& comparison = test::rules_for(program, "early")[0]->body[1];
  CHECK(comparison.ordering.base == ir::BaseType::symbol);
  CHECK(comparison.ordering.scale == ir::none);
}

TEST_CASE("`max` over levels takes the scale's order", "[semantics][scales]") {
  auto program = compile_clean(ladder + R"(output disposition(level: care_level)
disposition(L) :- L = max X : { reached(X) }.
)");
  auto rules = test::rules_for(program, "disposition");
  REQUIRE(rules.size() == 1);
  auto aggregate = std::find_if(rules[0]->body.begin(), rules[0]->body.end(), [](const auto& l) {
    return l.kind == ir::Literal::Kind::aggregate;
  });
  REQUIRE(aggregate != rules[0]->body.end());
  const ir::Aggregate& max = aggregate->aggregate.front();
  CHECK(max.op == ir::AggregateOp::max);
  CHECK(max.ordering.scale == scale_index(program, "care_level"));
  // The result is a level too, so it fits the head's column.
  CHECK(rules[0]->head_args[0].type == ir::BaseType::symbol);
}

TEST_CASE("a `.type` alias of a kind keeps the kind's check", "[semantics][kinds]") {
  test::Compiled compiled = test::compile(R"(kind finding
finding rash.
.type Observation = finding
input has(o: Observation)
output seen(o: Observation)
seen(rash) :- has(rash).
seen(lupus) :- has(rash).
)");
  CHECK(compiled.codes() == Strings{"E0202@7:6"});
}
