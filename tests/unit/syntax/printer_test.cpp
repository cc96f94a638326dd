// parse(print(ast)) == ast, over every source file in the repository and many inline
// programs; the printed form of terms; the debug dump.
#include "unit/syntax/helpers.hpp"

#include <skip.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sinew;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Whether a golden check case expects errors of reading the text (`// error E01..`):
// such a file is broken on purpose, and only what did parse can print back.
bool expects_syntax_errors(const std::string& text) {
  return text.find("// error E01") != std::string::npos;
}

// Prints what parsed, parses that again, and compares the trees without spans. A file
// that is not broken on purpose must parse cleanly first.
void check_round_trip(const std::string& text, const std::string& path) {
  INFO(path);
  auto first = test::parse(text, path);
  INFO(first.rendered());
  if (!expects_syntax_errors(text)) REQUIRE(first.sink.empty());
  if (first.module.statements.empty()) {
    REQUIRE_FALSE(first.sink.empty());  // nothing parsed, and the reader said why
    return;
  }
  std::string printed = syntax::print(first.module);
  INFO(printed);
  auto second = test::parse(printed, path);
  INFO(second.rendered());
  REQUIRE(second.sink.empty());
  ast::Module expected = first.module;
  ast::Module actual = second.module;
  syntax::clear_spans(expected);
  syntax::clear_spans(actual);
  CHECK(actual == expected);
  CHECK(syntax::print(second.module) == printed);
}

std::vector<fs::path> source_files(const fs::path& folder) {
  std::vector<fs::path> files;
  if (!fs::is_directory(folder)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".sinew" || extension == ".dl")) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every source file of the repository prints back to the same tree") {
  std::size_t checked = 0;
  for (const char* folder : {"kb", "examples", "tests/golden"}) {
    for (const fs::path& file : source_files(fs::path(SINEW_SOURCE_DIR) / folder)) {
      check_round_trip(read(file), file.string());
      ++checked;
    }
  }
  CHECK(checked >= 100);  // kb/, examples/ and the golden cases are all found
}

TEST_CASE("the benchmark programs print back to the same tree") {
  fs::path folder = SINEW_SOURCE_DIR "/../shared/bench/programs";
  auto files = source_files(folder);
  if (files.empty()) SINEW_SKIP("no benchmark programs at " << folder.string());
  for (const fs::path& file : files) {
    auto parsed = test::parse(read(file), file.string());
    INFO(parsed.rendered());
    CHECK(parsed.sink.empty());
    check_round_trip(read(file), file.string());
  }
}

TEST_CASE("every construct prints back to the same tree") {
  const char* sinew_programs[] = {
      "module back_and_shoulder version \"1.0.0\"\nmodule m.\nimport \"common.sinew\"",
      "source seed \"Difference Between Sore And Spasming\"\n  publisher \"Southwest\"\n"
      "  disclaimer \"For educational purposes only; not a substitute.\"",
      "source s { file \"seed.txt\" text \"\"\"line one\n\"line\" two\\n\"\"\" }",
      "kind finding\nkind symptom : finding\nkind sign \"Sign\" : finding, observation",
      "scale care_level : self_care < see_physician < appointment_right_away < "
      "seek_treatment_immediately",
      "input has(f: finding)\ninput duration_days(n: number)\noutput disposition(l: care_level)\n"
      "input ranged(a: number in 0.., b: float in -2.5..1e3, c: number in ..0x10)\n"
      "relation may_cause(c: condition, s: symptom)\nrelation nothing()",
      "symptom muscle_spasm \"Muscle spasm\" { definition \"Involuntary contraction\" }",
      "condition lupus \"Lupus\" { code icd10 \"M32.9\" synonym \"SLE\", \"systemic lupus\" "
      "is_a autoimmune }\ncondition flu { }",
      "finding redness, rash \"Rash\", swelling.\nfinding one.",
      "fibromyalgia, flu, lupus may_cause muscle_soreness.\n  @cite seed \"include ... lupus\"",
      "x weight 2.5, 3, 0x10.",
      "rule spasm_red_flag_is_urgent\n  @cite seed \"...seek treatment immediately.\"\n"
      "  @note \"Conservative reading.\"\n  @assumption \"3 days\"\n"
      "  reach(seek_treatment_immediately) :- has(muscle_spasm), red_flag(muscle_spasm, F), "
      "has(F).",
      "several_days.\np().\na, b :- c.\nq(X) :- r(X), !s(X) ; t(X), X != 3.",
      "p(X, _Y, _, chest_pain, \"text with \\\"quotes\\\" and \\\\ \\n \\t \\r\").",
      "p(X) :- q(X), (r(X) ; s(X), (t(X) ; u(X))).",
      "p(Y) :- q(X), Y = (X + 1) * 2 - 3 / (4 % X).",
      "p(Y) :- q(X), Y = X - (X - 1), Y > -X, Y < -(X + 1), Y != - -X.",
      "p(Y) :- q(X), Y = X - -3, Y = -3 * X, Y = -2.5, Y = - 0.0, Y = 1e300, Y = 0.1.",
      "p(Y) :- q(X), Y = -9223372036854775808, Y = 9223372036854775807.",
      "p(Y) :- q(X), Y = -(-9223372036854775808).",
      "p(N) :- N = count : { q(_) }, M = count : q(_), S = sum X : { q(X) }.",
      "p(N) :- N = min(X * 2) : { q(X) }, M = max -X : { q(X) }, A = mean X : q(X).",
      "p(N) :- N = sum (min(A, B)) : { q(A, B) }.",
      "p(N) :- N = sum(-3) : { q(_) }.",
      "p(N) :- N = sum (count : { q(_) }) : { r(_) }.",
      "p(S) :- q(A), S = cat(A, \"-\", to_string(strlen(A))), $finding = A.",
      "p(X) :- (X) = 3, (X + 1) * 2 = 4, count : { q(_) } = X.",
      "test \"spasm with chest pain is urgent\" {\n  given has(muscle_spasm). has(chest_pain).\n"
      "  expect disposition(seek_treatment_immediately).\n  expect not advise(heat), b.\n}",
      "test \"nothing given\" { expect a. }\ntest \"empty\" { }",
      "?- red_flag(muscle_spasm, F).\nquery urgent ?- d(L) ; e(L).",
      "kind finding @note \"a note on a kind\"\np(1). @note \"one\" @note \"two\"",
      "p(count, sum, min, max, mean, kind, source).",
      "source(1).\ninput(x) :- kind(x).\ntest(1).",
  };
  for (const char* text : sinew_programs) check_round_trip(text, "inline.sinew");

  const char* souffle_programs[] = {
      ".decl edge(x: number, y: number)\n.input edge\n.decl path(x: number, y: number)\n"
      "path(x, y) :- edge(x, y).\npath(x, y) :- path(x, z), edge(z, y).\n.printsize path",
      ".type Finding <: symbol\n.type U = A | B | C\n.decl e(x: Finding) btree eqrel",
      ".input a, b(IO=file, filename=\"b.facts\", delimiter=\"\\t\", skip=2)\n.output c()",
      "spasm(\"muscle_spasm\").\nr(n) :- n = count : { q(_) }, X = y.",
      ".decl a(x: number) .output a",
  };
  for (const char* text : souffle_programs) check_round_trip(text, "inline.dl");
}

TEST_CASE("terms print with the parentheses they need and no others") {
  auto value = [](const std::string& text) {
    auto parsed = test::parse("p(X) :- X = " + text + ".");
    REQUIRE(parsed.sink.empty());
    const auto& rule = std::get<ast::RuleDecl>(parsed.module.statements.at(0).node);
    return syntax::print(rule.clause.body.at(0).at(0).operands.at(1));
  };
  CHECK(value("(a + b) * c") == "(a + b) * c");
  CHECK(value("a + (b * c)") == "a + b * c");
  CHECK(value("(a - b) - c") == "a - b - c");
  CHECK(value("a - (b - c)") == "a - (b - c)");
  CHECK(value("-(a + b)") == "-(a + b)");
  CHECK(value("- - a") == "-(-a)");
  CHECK(value("a - - 3") == "a - -3");
  CHECK(value("3.0") == "3.0");
  CHECK(value("1e20") == "1e+20");
  CHECK(value("0x1F") == "31");
  CHECK(value("\"a\\\"b\"") == "\"a\\\"b\"");
  CHECK(value("sum Y : q(Y)") == "sum Y : { q(Y) }");
  CHECK(value("sum Y + 1 : q(Y)") == "sum(Y + 1) : { q(Y) }");

  auto parsed = test::parse("p(X) :- !q(X, _), (r(X) ; s(X)).");
  const auto& body = std::get<ast::RuleDecl>(parsed.module.statements.at(0).node).clause.body;
  CHECK(syntax::print(body.at(0).at(0)) == "!q(X, _)");
  CHECK(syntax::print(body.at(0).at(1)) == "(r(X) ; s(X))");
  CHECK(syntax::print(body.at(0).at(0).atom) == "q(X, _)");
}

TEST_CASE("the dump shows one node per line with line:col") {
  auto parsed = test::parse(
      "kind finding\nlupus may_cause flu.\n  @cite seed \"q\"\nreach(L) :- has(x), L > 2.\n");
  REQUIRE(parsed.sink.empty());
  CHECK(syntax::dump(parsed.module, &parsed.sources) ==
        "module test.sinew dialect=sinew statements=3\n"
        "  kind_decl @1:1 finding\n"
        "  edge @2:1 may_cause\n"
        "    term @2:1 constant lupus\n"
        "    objects\n"
        "      term @2:17 constant flu\n"
        "    annotation @3:3 cite seed \"q\"\n"
        "  rule_decl @4:1\n"
        "    clause @4:1\n"
        "      head @4:1 reach\n"
        "        term @4:7 variable L\n"
        "      alternative 1\n"
        "        atom @4:13 has\n"
        "          term @4:17 constant x\n"
        "        comparison @4:21 >\n"
        "          term @4:21 variable L\n"
        "          term @4:25 integer 2\n");
  std::string without_positions = syntax::dump(parsed.module);
  CHECK(without_positions.find('@') == std::string::npos);
  CHECK(without_positions.starts_with("module dialect=sinew statements=3\n"));
}
