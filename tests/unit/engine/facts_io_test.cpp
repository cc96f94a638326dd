// Facts files: reading (and refusing malformed lines), writing sorted output.
#include "unit/engine/program_builder.hpp"

#include "engine/database.hpp"
#include "engine/evaluate.hpp"
#include "engine/facts_io.hpp"
#include "engine/value.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <filesystem>
#include <fstream>
#include <random>

using namespace sinew::testing;
namespace engine = sinew::engine;

namespace {

ProgramBuilder mixed() {
  ProgramBuilder b;
  b.relation("has", {BaseType::symbol, BaseType::symbol, BaseType::number});
  return b;
}

}  // namespace

TEST_CASE("reads tab-separated facts of symbols and numbers", "[engine][facts]") {
  auto b = mixed();
  engine::Database db(b.program);
  auto read = engine::read_facts_text(db, 0, "p1\tpart of\t-4\r\np2\tf\t+7\np1\tpart of\t-4",
                                      "has.facts");
  REQUIRE(read.ok());
  CHECK(*read == 3);
  CHECK(db.size(0) == 2);
  CHECK(engine::format_relation(db, 0) == "p1\tpart of\t-4\np2\tf\t7\n");
}

TEST_CASE("a byte-order mark at the start of a facts file is not part of the first value",
          "[engine][facts]") {
  auto b = mixed();
  engine::Database db(b.program);
  auto read = engine::read_facts_text(db, 0, "\xEF\xBB\xBFp1\tf\t1\np2\tf\t2\n", "has.facts");
  REQUIRE(read.ok());
  CHECK(engine::format_relation(db, 0) == "p1\tf\t1\np2\tf\t2\n");
  // A number in the first column is read as a number, not refused.
  ProgramBuilder numbers;
  numbers.relation("n", {BaseType::number});
  engine::Database ndb(numbers.program);
  auto number = engine::read_facts_text(ndb, 0,
                                        "\xEF\xBB\xBF"
                                        "7\n",
                                        "n.facts");
  REQUIRE(number.ok());
  CHECK(engine::format_relation(ndb, 0) == "7\n");
}

TEST_CASE("a relation without columns is written `()`, as Soufflé writes it, and read back",
          "[engine][facts]") {
  ProgramBuilder b;
  b.relation("done", {});
  engine::Database db(b.program);
  CHECK(engine::format_relation(db, 0).empty());  // false: nothing written
  auto read = engine::read_facts_text(db, 0, "()\n", "done.facts");
  REQUIRE(read.ok());
  CHECK(engine::format_relation(db, 0) == "()\n");
  engine::Database empty_line(b.program);
  REQUIRE(engine::read_facts_text(empty_line, 0, "\n", "done.facts").ok());
  CHECK(engine::format_relation(empty_line, 0) == "()\n");
  engine::Database other(b.program);
  CHECK_FALSE(engine::read_facts_text(other, 0, "x\n", "done.facts").ok());
}

TEST_CASE("malformed lines are refused with file, line and field", "[engine][facts]") {
  auto b = mixed();
  engine::Database db(b.program);
  auto wrong_count = engine::read_facts_text(db, 0, "a\tb\t1\na\tb\n", "has.facts");
  REQUIRE_FALSE(wrong_count.ok());
  CHECK(wrong_count.error().message == "has.facts:2: expected 3 fields separated by tabs, found 2");
  auto not_number = engine::read_facts_text(db, 0, "a\tb\tthree\n", "has.facts");
  REQUIRE_FALSE(not_number.ok());
  CHECK(not_number.error().message ==
        "has.facts:1: field 3 (column `c2`): expected a number, found `three`");
  auto too_big = engine::read_facts_text(db, 0, "a\tb\t99999999999999999999\n", "has.facts");
  REQUIRE_FALSE(too_big.ok());
  CHECK_THAT(too_big.error().message,
             Catch::Contains("has.facts:1: field 3 (column `c2`): the number"));
  CHECK_THAT(too_big.error().message, Catch::Contains("out of range"));
  auto too_many = engine::read_facts_text(db, 0, "a\tb\t1\t2\n", "has.facts");
  REQUIRE_FALSE(too_many.ok());
  CHECK(too_many.error().message ==
        "has.facts:1: expected 3 fields separated by tabs, found 4; Soufflé would have ignored "
        "the extra fields, but Sinew does not drop values unnoticed: remove them, or declare "
        "the missing columns");
}

TEST_CASE("facts Soufflé reads and Sinew refuses say what Soufflé would have done",
          "[engine][facts]") {
  auto b = mixed();
  engine::Database db(b.program);
  auto spaced = engine::read_facts_text(db, 0, "a\tb\t 5\n", "has.facts");
  REQUIRE_FALSE(spaced.ok());
  CHECK(spaced.error().message ==
        "has.facts:1: field 3 (column `c2`): expected a number, found ` 5`; remove the space "
        "before it (Soufflé would have read `5`, but Sinew does not guess)");
  // A space after the number: Soufflé refuses it too, so no note.
  auto trailing = engine::read_facts_text(db, 0, "a\tb\t5 \n", "has.facts");
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.error().message ==
        "has.facts:1: field 3 (column `c2`): expected a number, found `5 `");
  // Too few fields: Soufflé refuses the line as well.
  auto too_few = engine::read_facts_text(db, 0, "a\tb\n", "has.facts");
  REQUIRE_FALSE(too_few.ok());
  CHECK(too_few.error().message == "has.facts:1: expected 3 fields separated by tabs, found 2");
  CHECK(engine::format_relation(db, 0).empty());
}

TEST_CASE("a missing facts file names the relation and the path", "[engine][facts]") {
  auto b = mixed();
  b.program.relations[0].load_facts = true;
  engine::Database db(b.program);
  auto loaded = engine::load_facts(b.program, db, "/nonexistent/dir");
  REQUIRE_FALSE(loaded.ok());
  CHECK_THAT(loaded.error().message, Catch::Contains("`has`"));
  CHECK_THAT(loaded.error().message, Catch::Contains("/nonexistent/dir/has.facts"));
}

TEST_CASE("other delimiters, floats and unsigned columns", "[engine][facts]") {
  ProgramBuilder b;
  b.relation("m", {BaseType::floating, BaseType::unsigned_number});
  engine::Database db(b.program);
  REQUIRE(engine::read_facts_text(db, 0, "0.1,18446744073709551615\n-2.5e3,0\n", "m", ',').ok());
  CHECK(engine::format_relation(db, 0) == "-2500\t0\n0.1\t18446744073709551615\n");
  auto bad = engine::read_facts_text(db, 0, "0.1\n", "m", ',');
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error().message, Catch::Contains("separated by `,`"));
}

TEST_CASE("output is sorted and independent of insertion order", "[engine][facts]") {
  // Numbers numerically (negative first), symbols by text (not by id).
  auto b = mixed();
  std::vector<std::string> lines;
  for (int i = 0; i < 300; ++i) {
    lines.push_back(fmt::format("p{}\tf{}\t{}", i % 17, i % 5, (i * 7919) % 200 - 100));
  }
  std::string reference;
  for (int round = 0; round < 4; ++round) {
    std::mt19937 rng(static_cast<unsigned>(round));
    std::shuffle(lines.begin(), lines.end(), rng);
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    ProgramBuilder fresh = mixed();
    fresh.symbol(fmt::format("zz{}", round));  // a different symbol table each round
    engine::Database db(fresh.program);
    REQUIRE(engine::read_facts_text(db, 0, text, "has.facts").ok());
    std::string out = engine::format_relation(db, 0);
    if (round == 0) reference = out;
    CHECK(out == reference);
  }
  CHECK(reference.substr(0, 3) == "p0\t");
  CHECK(reference.find("p10\t") < reference.find("p2\t"));
}

TEST_CASE("write_outputs writes OUTDIR/name.csv for output relations", "[engine][facts]") {
  ProgramBuilder b;
  auto e = b.relation("e", 2);
  auto path = b.relation("path", 2);
  b.program.relations[path].output = true;
  b.fact_numbers(e, {2, 3});
  b.fact_numbers(e, {1, 2});
  b.rule(path, {0, 1}, {atom(e, {var(0), var(1)})});
  b.rule(path, {0, 2}, {atom(path, {var(0), var(1)}), atom(e, {var(1), var(2)})});
  REQUIRE(b.finish());
  engine::Database db(b.program);
  REQUIRE_FALSE(engine::evaluate(b.program, db));
  auto dir = std::filesystem::temp_directory_path() / "sinew_engine_facts_test";
  std::filesystem::create_directories(dir);
  REQUIRE(engine::write_outputs(b.program, db, dir.string()).ok());
  std::ifstream in(dir / "path.csv");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "1\t2\n1\t3\n2\t3\n");
  CHECK_FALSE(std::filesystem::exists(dir / "e.csv"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("format_value", "[engine][facts]") {
  sinew::SymbolTable symbols;
  auto id = symbols.intern("muscle_spasm");
  ColumnType number{BaseType::number, "number", none};
  ColumnType floating{BaseType::floating, "float", none};
  ColumnType symbol{BaseType::symbol, "finding", none};
  CHECK(engine::format_value(symbols, number, static_cast<Value>(-12)) == "-12");
  CHECK(engine::format_value(symbols, floating, std::bit_cast<Value>(0.1)) == "0.1");
  CHECK(engine::format_value(symbols, floating, std::bit_cast<Value>(1e300)) == "1e+300");
  CHECK(engine::format_value(symbols, symbol, id) == "muscle_spasm");
}
