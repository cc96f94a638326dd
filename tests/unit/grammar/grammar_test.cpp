// The grammar alone: no cycles without progress, names as in the .peg, and what it
// accepts and refuses.
#include "grammar/rules.hpp"

#include <tao/pegtl/contrib/analyze.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace pegtl = tao::pegtl;
namespace g = sinew::grammar;

namespace {

// Whether `text` is a whole file of the language. must<> points throw parse_error.
bool accepts(const std::string& text) {
  pegtl::memory_input in(text, "test");
  try {
    return pegtl::parse<g::file>(in);
  } catch (const pegtl::parse_error&) {
    return false;
  }
}

template <typename Rule>
bool accepts_rule(const std::string& text) {
  pegtl::memory_input in(text, "test");
  try {
    return pegtl::parse<pegtl::seq<Rule, pegtl::eof>>(in);
  } catch (const pegtl::parse_error&) {
    return false;
  }
}

template <typename... Rules>
std::set<std::string> names_of(pegtl::type_list<Rules...>) {
  std::set<std::string> names;
  (names.insert([] {
    std::string name(pegtl::demangle<Rules>());
    return name.substr(name.rfind(':') + 1);
  }()),
   ...);
  return names;
}

// Every non-terminal of the .peg; the test fails to compile if one has no struct.
using all_rules = pegtl::type_list<
    g::file, g::statement, g::query_text, g::atom_text, g::end_of_text, g::sep, g::comment,
    g::line_comment, g::block_comment, g::block_comment_rest, g::blank, g::line_end, g::identifier,
    g::identifier_rest, g::name_start, g::keyword, g::statement_keyword, g::integer, g::floating,
    g::exponent, g::string, g::long_string, g::long_string_rest, g::short_string,
    g::short_string_rest, g::escape, g::escaped_char, g::period, g::directive_name,
    g::statement_end, g::term, g::additive, g::multiplicative, g::unary, g::negative, g::primary,
    g::add_op, g::mul_op, g::parenthesized, g::closing_parenthesis, g::call, g::function_name,
    g::arguments, g::end_of_list, g::term_list, g::wildcard, g::parameter, g::parameter_name,
    g::aggregate, g::aggregate_function, g::aggregate_body, g::closing_brace, g::atom, g::atom_list,
    g::clause, g::body, g::conjunction, g::literal, g::negation, g::group, g::group_close,
    g::comparison, g::comparison_op, g::directive, g::directive_body, g::decl_directive, g::columns,
    g::parameter_list, g::typed_parameter, g::column_type, g::column_range, g::range_limits,
    g::range_low, g::range_high, g::signed_number, g::type_name, g::qualifier, g::type_directive,
    g::declared_type, g::type_definition, g::io_directive, g::io_kind, g::io_target, g::io_options,
    g::io_option, g::io_setting, g::io_value, g::relation_name, g::module_decl, g::module_name,
    g::module_version, g::import_decl, g::source_decl, g::source_name, g::source_block,
    g::source_block_end, g::source_property, g::source_key, g::kind_decl, g::kind_name,
    g::identifier_list, g::listed_name, g::scale_decl, g::scale_name, g::scale_levels,
    g::scale_step, g::level_name, g::relation_decl, g::relation_role, g::entity_decl, g::entity,
    g::entity_block, g::entity_block_end, g::entity_property, g::definition_property,
    g::code_property, g::code_system, g::synonym_property, g::is_a_property, g::edge,
    g::edge_end_list, g::edge_end, g::annotation, g::annotation_body, g::cite, g::source_ref,
    g::note, g::assumption, g::rule_decl, g::rule_name, g::test_decl, g::test_open, g::test_end,
    g::test_item, g::given, g::expectation, g::expect_not, g::fact_list, g::query_decl,
    g::query_name, g::query_start, g::question, g::path_start, g::query_body, g::selection,
    g::selected, g::selected_aggregate, g::order_by, g::order_key, g::order_direction, g::limit,
    g::limit_count, g::path_question, g::path_end, g::path_link, g::path_option, g::path_through,
    g::path_all, g::path_within, g::path_length>;

}  // namespace

TEST_CASE("the grammar has no rule that can loop without consuming input") {
  CHECK(pegtl::analyze<g::file>(1) == 0);
  CHECK(pegtl::analyze<g::query_text>(1) == 0);
  CHECK(pegtl::analyze<g::atom_text>(1) == 0);
  CHECK(pegtl::analyze<g::keyword>(1) == 0);
  CHECK(pegtl::analyze<g::statement_keyword>(1) == 0);
}

TEST_CASE("every non-terminal of sinew.peg is a rule of the same name, and back") {
  std::ifstream in(SINEW_SOURCE_DIR "/grammar/sinew.peg");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string peg = buffer.str();
  // A definition is a line that starts with a name followed by `<-`.
  std::set<std::string> defined;
  std::istringstream lines(peg);
  for (std::string line; std::getline(lines, line);) {
    std::size_t end = line.find_first_not_of("abcdefghijklmnopqrstuvwxyz_");
    if (end == 0 || end == std::string::npos) continue;
    std::size_t arrow = line.find_first_not_of(' ', end);
    if (arrow != std::string::npos && line.compare(arrow, 2, "<-") == 0) {
      defined.insert(line.substr(0, end));
    }
  }
  CHECK(defined == names_of(all_rules{}));
}

TEST_CASE("the Datalog core: Souffle programs are accepted") {
  const char* accepted[] = {
      "p(1).",
      "p(1, \"x\").",
      "p().",
      "several_days.",
      "a, b :- c.",
      "path(x, y) :- edge(x, y).",
      "path(x, y) :- path(x, z), edge(z, y).",
      "p(x) :- q(x), !r(x).",
      "p(x) :- q(x), x < 10, x != 3, x >= 1, x <= 9, x > 0, x = x.",
      "p(y) :- q(x), y = x + 1 * 2 - 3 / 4 % 5.",
      "p(y) :- q(x), y = -x.",
      "p(y) :- q(x), y = - - x.",
      "p(y) :- q(x), y = (x + 1) * 2.",
      "p(x) :- q(x), (x + 1) = 3.",
      "p(x) :- q(x), (x) = 3.",
      "p(x) :- (q(x) ; r(x)), s(x).",
      "p(x) :- q(x) ; r(x).",
      "p(x) :- ((q(x))).",
      "p(n) :- n = count : { q(_) }.",
      "p(n) :- n = count : q(_).",
      "p(n) :- n = sum x : { q(x) }.",
      "p(n) :- n = min x : { q(x), x > 0 }.",
      "p(n) :- n = max(x) : { q(x) }.",
      "p(n) :- n = mean x + 1 : { q(x) }.",
      "p(n) :- q(a, b), n = max(a, b).",
      "p(s) :- q(a), s = cat(a, \"x\"), strlen(s) > 2.",
      "p(x) :- q(x), x = 0x1F, 0b101 < x.",
      "p(x) :- q(x), x = 1.5, x < 2e10, x > 1.0e-3.",
      "p(\"a \\\"quoted\\\" \\\\ text\\n\\t\\r\").",
      "p(\"\"\"long \"text\" with\nlines\"\"\").",
      "p($finding).",
      "p(_x) :- q(_x, _).",
      ".decl edge(x: number, y: number)",
      ".decl e(x:number, y:symbol) btree",
      ".decl e() brie eqrel",
      ".type Finding <: symbol",
      ".type T = number",
      ".type U = A | B | C",
      ".input edge",
      ".input c2, c3, c4, d1, d2",
      ".input edge(IO=file, filename=\"edge.facts\", delimiter=\"\\t\")",
      ".output path()",
      ".printsize a, b1",
      ".decl a(x: number) .output a",
      "// comment\np(1). /* block\ncomment */ q(2).",
      "p(1).// trailing",
      "",
      "   \n  // only comments\n",
      "source(1).",
      "input(x) :- source(x).",
      "test(x) :- kind(x), rule(x), module(x), query(x).",
      "count(1).",
      "p(x) :- q(x), x = count.",
      "p(1).q(2).",
      "p(x) :- q(x, min), x = sum - 1.",
  };
  for (const char* text : accepted) {
    INFO(text);
    CHECK(accepts(text));
  }
}

TEST_CASE("the Datalog core: malformed programs are refused") {
  const char* refused[] = {
      "p(1)",
      "p(1",
      "p(1,).",
      "p(,1).",
      "p(x) :- .",
      "p(x) :- q(x),.",
      "p(x) :- q(x);.",
      "p(x) :- q(x), x <.",
      "p(x) :- q(x), x = 1 +.",
      "p(x) :- q(x), x = (1 + 2.",
      "p(x) :- q(x), !.",
      "p(x) :- q(x), x == 1.",
      "p(n) :- n = count : .",
      "p(n) :- n = count : { q(x) .",
      "p(\"unterminated).",
      "p(\"bad \\q escape\").",
      "p(\"\"\"unterminated).",
      "p(1). /* unterminated",
      "p($).",
      ".decl",
      ".decl e",
      ".decl e(x)",
      ".decl e(x:)",
      ".decl e(x: number",
      ".type T",
      ".type T <:",
      ".type U = A |",
      ".input",
      ".input a,",
      ".input a(x)",
      ".input a(x=)",
      ".foo a",
      ".decl a(x: number) b(1).",
      "1(x).",
      ")",
      "p(x) :- q(x) r(x).",
  };
  for (const char* text : refused) {
    INFO(text);
    CHECK_FALSE(accepts(text));
  }
}

TEST_CASE("the knowledge-graph layer: statements are accepted") {
  const char* accepted[] = {
      "module back_and_shoulder version \"1.0.0\"",
      "module m.",
      "module m version \"1\".",
      "import \"common.sinew\"",
      "source seed \"Title\"\n  publisher \"P\"\n  disclaimer \"D\"\n",
      "source seed \"Title\" { publisher \"P\" url \"http://x\" text \"\"\"all\nof it\"\"\" }",
      "source seed",
      "kind finding",
      "kind symptom : finding",
      "kind symptom \"Symptom\" : finding, observation.",
      "kind finding\nkind symptom : finding\n",
      "kind finding\n.decl x(a: number)",
      "scale care_level : self_care < see_physician < appointment_right_away",
      "scale s : a < b.",
      "scale s : a\n  < b\n  < c\n",
      "input has(f: finding)",
      "input duration_days(n: number in 0..)",
      "input score(s: number in 0..10, t: float in -1.5 .. 2e3)",
      "input weeks(w: number in ..40)",
      "input duration_days(n: number).",
      "output disposition(level: care_level)",
      "relation may_cause(c: condition, s: symptom)",
      "symptom muscle_spasm \"Muscle spasm\" { definition \"Involuntary\" }",
      "condition lupus \"Lupus\" { code icd10 \"M32.9\" code snomed \"200936003\" "
      "synonym \"SLE\", \"systemic lupus\" is_a autoimmune, rheumatic }",
      "condition lupus { }",
      "condition lupus { }.",
      "finding redness, rash \"Rash\", swelling.",
      "finding redness.",
      "finding redness \"Redness\".",
      "lupus may_cause muscle_soreness.",
      "fibromyalgia, flu, lupus may_cause muscle_soreness, muscle_spasm.",
      "x weight 3.",
      "x weight 2.5, 3.",
      "lupus may_cause muscle_soreness.\n  @cite seed \"may cause muscle soreness\"",
      "p(1). @note \"a note\" @assumption \"an assumption\"",
      "kind finding @note \"x\"",
      "rule spasm_red_flag\n  @cite seed \"...seek treatment immediately.\"\n  @note \"n\"\n"
      "  reach(seek_treatment_immediately) :- has(muscle_spasm), red_flag(muscle_spasm, F), "
      "has(F).",
      "rule r p(X) :- q(X).",
      "test \"spasm with chest pain is urgent\" {\n  given has(muscle_spasm). has(chest_pain).\n"
      "  expect disposition(seek_treatment_immediately).\n}",
      "test \"t\" { given a, b. expect not c. expect d(1), e. f. }",
      "test \"empty\" { }",
      "?- red_flag(muscle_spasm, F).",
      "?- a(X), !b(X) ; c(X).",
      "query urgent ?- disposition(L).",
      "kinds(x).",
      "kind_of(a, b).",
      "module(x).",
      "given(x).",
  };
  for (const char* text : accepted) {
    INFO(text);
    CHECK(accepts(text));
  }
}

TEST_CASE("the knowledge-graph layer: malformed statements are refused") {
  const char* refused[] = {
      "module \"m\"",
      "module m version",
      "module m version 1",
      "module m extra",
      "import x",
      "source seed { publisher }",
      "source seed { publisher \"P\"",
      "source seed { bogus \"P\" }",
      "kind \"x\"",
      "kind a, b",
      "input d(n: number in)",
      "input d(n: number in ..)",
      "input d(n: number in 0)",
      "input d(n: number in 0...1)",
      "input d(n: number in x..y)",
      "kind a :",
      "kind a : b,",
      "scale s",
      "scale s : a",
      "scale s : a <",
      "scale s a < b",
      "input has",
      "input has(f)",
      "input has(f: finding",
      "output disposition(level: care_level) extra",
      "symptom x { definition }",
      "symptom x { code \"M32\" }",
      "symptom x { code icd10 }",
      "symptom x { synonym \"a\", }",
      "symptom x { is_a }",
      "symptom x { bogus \"y\" }",
      "symptom x { definition \"d\" ",
      "finding a, .",
      "finding a, 3.",
      "lupus may_cause muscle_soreness",
      "lupus may_cause",
      "a b c d.",
      "@",
      "@cite",
      "@cite seed",
      "@cite seed quote",
      "@note",
      "@bogus \"x\"",
      "rule",
      "rule \"r\" p.",
      "rule r",
      "rule r @note \"n\"",
      "rule r p :- q",
      "test t { }",
      "test \"t\" given a.",
      "test \"t\" { given a }",
      "test \"t\" { given 1. }",
      "test \"t\" { expect not . }",
      "test \"t\" { a }",
      "test \"t\" { given a.",
      "test \"t\" { ) }",
      "?-",
      "?- .",
      "?- a(X)",
      "query q",
      "query q a(X).",
      "query q ?- .",
  };
  for (const char* text : refused) {
    INFO(text);
    CHECK_FALSE(accepts(text));
  }
}

TEST_CASE("keywords respect word boundaries") {
  CHECK(accepts_rule<g::keyword>("kind"));
  CHECK_FALSE(accepts_rule<g::keyword>("kinds"));
  CHECK_FALSE(accepts_rule<g::keyword>("kind_of"));
  CHECK(accepts_rule<g::aggregate_function>("count"));
  CHECK_FALSE(accepts_rule<g::aggregate_function>("counter"));
  CHECK(accepts_rule<g::qualifier>("btree_delete"));
  CHECK(accepts_rule<g::qualifier>("btree"));
  CHECK_FALSE(accepts_rule<g::qualifier>("btrees"));
  CHECK(accepts_rule<g::wildcard>("_"));
  CHECK_FALSE(accepts_rule<g::wildcard>("_x"));
}

TEST_CASE("tokens: numbers, strings, periods") {
  CHECK(accepts_rule<g::integer>("0x1f"));
  CHECK(accepts_rule<g::integer>("0b1010"));
  CHECK(accepts_rule<g::integer>("123"));
  CHECK_FALSE(accepts_rule<g::integer>("-1"));
  CHECK(accepts_rule<g::floating>("1.5"));
  CHECK(accepts_rule<g::floating>("1e9"));
  CHECK(accepts_rule<g::floating>("1.5E-3"));
  CHECK_FALSE(accepts_rule<g::floating>("1."));
  CHECK_FALSE(accepts_rule<g::floating>(".5"));
  CHECK(accepts_rule<g::string>("\"\""));
  CHECK(accepts_rule<g::string>("\"a\\\"b\""));
  CHECK(accepts_rule<g::string>("\"\"\"a\n\"b\"\n\"\"\""));
  CHECK_FALSE(accepts_rule<g::string>("\"a\nb\""));
  CHECK_FALSE((accepts_rule<pegtl::seq<g::string, pegtl::identifier>>("\"a\"b")));
  CHECK(accepts_rule<g::period>("."));
  CHECK_FALSE((accepts_rule<pegtl::seq<g::period, pegtl::identifier>>(".decl")));
  CHECK(accepts_rule<g::query_text>("a(X)"));
  CHECK(accepts_rule<g::query_text>("?- a(X), b(X)."));
  CHECK_FALSE(accepts_rule<g::query_text>("?- a(X). b"));
  CHECK(accepts_rule<g::atom_text>("disposition(seek_treatment_immediately)"));
  CHECK(accepts_rule<g::atom_text>(" has(x). "));
  CHECK_FALSE(accepts_rule<g::atom_text>("has(x), b(y)"));
}

TEST_CASE("queries: chosen columns, aggregates, order, limit and path questions") {
  const char* accepted[] = {
      "?- F : escalates(F, S, L).",
      "?- F, L : escalates(F, S, L).",
      "?- count : escalates(F, muscle_spasm, _).",
      "?- S, count : escalates(_, S, _).",
      "?- max L : reach(L).",
      "?- min L, max L, sum N, mean N : p(L, N).",
      "?- F, L : escalates(F, S, L) order by L desc, F limit 3.",
      "?- S, count : escalates(_, S, _) order by count desc.",
      "?- p(X) order by X asc.",
      "?- p(X) limit 10.",
      "?- F : (p(F) ; q(F)), !r(F), F != x.",
      "query red_flags ?- red_flag(muscle_spasm, F).",
      "query escalation_for ?- escalates(F, $symptom, L).",
      "?~ lupus ~ seek_treatment_immediately.",
      "?~ \"DOID:9074\" -> \"DOID:4\" through is_a all within 10.",
      "?~ a ~ b within 3 edges.",
      "?~ a ~ b within 1 edge all through r, s.",
      "query connect ?~ $from ~ $to.",
      "?- N = count : { p(X) }, N > 2.",
      "?- path(X, Y), order(X), limit(Y).",
  };
  for (const char* text : accepted) {
    INFO(text);
    CHECK(accepts(text));
  }
  const char* refused[] = {
      "?- F : .",
      "?- F :- p(F).",
      "?- p(X) order by.",
      "?- p(X) order by 3.",
      "?- p(X) limit.",
      "?- p(X) limit -1.",
      "?- p(X) limit 3 order by X.",
      "?~ .",
      "?~ a b.",
      "?~ a ~ .",
      "?~ a ~ b",
      "?~ a ~ b within.",
      "?~ a ~ b through.",
      "?~ a ~ b through r,.",
      "?~ a ~ b sideways.",
      "?~ a ~ 3.",
      "query q ?~ .",
      "query q ~ a.",
  };
  for (const char* text : refused) {
    INFO(text);
    CHECK_FALSE(accepts(text));
  }
  CHECK(accepts_rule<g::query_text>("F : escalates(F, S, L) order by F limit 2"));
  CHECK(accepts_rule<g::query_text>("?~ lupus ~ muscle_spasm"));
  CHECK(accepts_rule<g::query_text>("?~ lupus -> muscle_spasm all."));
  CHECK_FALSE(accepts_rule<g::query_text>("?~ lupus muscle_spasm"));
  CHECK(accepts_rule<g::selection>("F, count :"));
  CHECK_FALSE(accepts_rule<g::selection>("F, count :-"));
  CHECK(accepts_rule<g::order_key>("max L desc"));
  CHECK(accepts_rule<g::order_key>("count asc"));
  CHECK(accepts_rule<g::order_direction>("desc"));
  CHECK_FALSE(accepts_rule<g::order_direction>("descending"));
}
