// The AST of every statement kind, both dialects, and the spans of the nodes.
#include "unit/syntax/helpers.hpp"

#include <catch2/catch.hpp>

#include <limits>

using namespace sinew;
using ast::Literal;
using ast::Term;

namespace {

// Parses a text that must be free of errors.
test::Parsed clean(std::string text, std::string path = "test.sinew") {
  auto parsed = test::parse(std::move(text), std::move(path));
  INFO(parsed.rendered());
  REQUIRE(parsed.sink.empty());
  return parsed;
}

// Copies, so that `only<T>(clean(...))` outlives the parse.
template <typename Node>
Node only(const test::Parsed& parsed) {
  REQUIRE(parsed.module.statements.size() == 1);
  const auto* node = std::get_if<Node>(&parsed.module.statements[0].node);
  REQUIRE(node != nullptr);
  return *node;
}

ast::Clause only_clause(const test::Parsed& parsed) {
  auto rule = only<ast::RuleDecl>(parsed);
  CHECK_FALSE(rule.name.has_value());
  return rule.clause;
}

// The right-hand side of the single comparison in `p(X) :- X = <text>.`
Term value_of(const std::string& text, std::string path = "test.sinew") {
  auto parsed = clean("p(X) :- X = " + text + ".", std::move(path));
  auto clause = only_clause(parsed);
  REQUIRE(clause.body.size() == 1);
  REQUIRE(clause.body[0].size() == 1);
  REQUIRE(clause.body[0][0].kind == Literal::Kind::comparison);
  return clause.body[0][0].operands.at(1);
}

std::string text_of(const test::Parsed& parsed, Span span) {
  CHECK(span.file == parsed.file);
  return std::string(parsed.sources.text(span));
}

}  // namespace

TEST_CASE("dialects: which file reads names how") {
  CHECK(syntax::dialect_for_path("kb/spasm.sinew") == ast::Dialect::sinew);
  CHECK(syntax::dialect_for_path("bench/tc.dl") == ast::Dialect::souffle);
  CHECK(syntax::dialect_for_path("notes.txt") == ast::Dialect::sinew);

  auto sinew_file = clean("p(X, _Y, _, chest_pain, \"text\").");
  auto args = only_clause(sinew_file).heads[0].args;
  REQUIRE(args.size() == 5);
  CHECK(args[0].kind == Term::Kind::variable);
  CHECK(args[0].text == "X");
  CHECK(args[1].kind == Term::Kind::variable);
  CHECK(args[2].kind == Term::Kind::wildcard);
  CHECK(args[3].kind == Term::Kind::constant);
  CHECK(args[3].text == "chest_pain");
  CHECK(args[4].kind == Term::Kind::string);

  auto souffle_file = clean("p(x, Y, _, \"text\").", "prog.dl");
  CHECK(souffle_file.module.dialect == ast::Dialect::souffle);
  auto dl_args = only_clause(souffle_file).heads[0].args;
  CHECK(dl_args[0].kind == Term::Kind::variable);
  CHECK(dl_args[0].text == "x");
  CHECK(dl_args[1].kind == Term::Kind::variable);
  CHECK(dl_args[2].kind == Term::Kind::wildcard);
  CHECK(dl_args[3].kind == Term::Kind::string);
}

TEST_CASE("facts, rules, bare atoms and several heads") {
  auto fact = clean("several_days.");
  auto atom = only_clause(fact).heads.at(0);
  CHECK(atom.relation.text == "several_days");
  CHECK_FALSE(atom.parenthesized);
  CHECK(atom.args.empty());
  CHECK(only_clause(clean("p().")).heads.at(0).parenthesized);

  auto rule = clean("a(X), b(X) :- c(X), !d(X), X != 3 ; e(X).");
  auto clause = only_clause(rule);
  CHECK(clause.heads.size() == 2);
  REQUIRE(clause.body.size() == 2);
  REQUIRE(clause.body[0].size() == 3);
  CHECK(clause.body[0][0].kind == Literal::Kind::atom);
  CHECK(clause.body[0][1].kind == Literal::Kind::negation);
  CHECK(clause.body[0][1].atom.relation.text == "d");
  CHECK(clause.body[0][2].kind == Literal::Kind::comparison);
  CHECK(clause.body[0][2].op == "!=");
  CHECK(clause.body[1].at(0).atom.relation.text == "e");
}

TEST_CASE("groups and comparisons that start with a parenthesis") {
  auto parsed = clean("p(X) :- (q(X) ; r(X), s(X)), (X + 1) * 2 = 4, (X) < 9.");
  auto body = only_clause(parsed).body.at(0);
  REQUIRE(body.size() == 3);
  CHECK(body[0].kind == Literal::Kind::group);
  REQUIRE(body[0].alternatives.size() == 2);
  CHECK(body[0].alternatives[1].size() == 2);
  CHECK(body[1].kind == Literal::Kind::comparison);
  CHECK(body[1].operands[0].kind == Term::Kind::binary);
  CHECK(body[1].operands[0].text == "*");
  CHECK(body[1].operands[0].args[0].text == "+");
  CHECK(body[2].kind == Literal::Kind::comparison);
  CHECK(body[2].operands[0].kind == Term::Kind::variable);
}

TEST_CASE("numbers: bases, signs, decimals") {
  CHECK(value_of("42").integer == 42);
  CHECK(value_of("0x1F").integer == 31);
  CHECK(value_of("0b101").integer == 5);
  CHECK(value_of("9223372036854775807").integer == std::numeric_limits<std::int64_t>::max());
  Term minimum = value_of("-9223372036854775808");
  CHECK(minimum.kind == Term::Kind::integer);
  CHECK(minimum.integer == std::numeric_limits<std::int64_t>::min());
  CHECK(value_of("2.5").floating == 2.5);
  CHECK(value_of("1e3").floating == 1000.0);
  CHECK(value_of("1.5E-3").floating == 0.0015);
  // A `-` before a number is part of it, whatever the spacing or parentheses.
  for (const char* text : {"-3", "- 3", "-(3)", "(-3)"}) {
    INFO(text);
    Term value = value_of(text);
    CHECK(value.kind == Term::Kind::integer);
    CHECK(value.integer == -3);
  }
  CHECK(value_of("-2.5").floating == -2.5);
  CHECK(value_of("- -3").integer == 3);
  Term negated = value_of("-Y");
  CHECK(negated.kind == Term::Kind::negate);
  CHECK(negated.args.at(0).text == "Y");
  Term difference = value_of("Y - -3");
  CHECK(difference.kind == Term::Kind::binary);
  CHECK(difference.args.at(1).integer == -3);
}

TEST_CASE("operators bind as in arithmetic, left to right") {
  Term sum = value_of("1 + 2 * 3 - 4 % 5");
  // ((1 + (2 * 3)) - (4 % 5))
  CHECK(sum.text == "-");
  CHECK(sum.args[0].text == "+");
  CHECK(sum.args[0].args[1].text == "*");
  CHECK(sum.args[1].text == "%");
  Term quotient = value_of("8 / 4 / 2");
  CHECK(quotient.args[0].text == "/");
  CHECK(quotient.args[1].integer == 2);
}

TEST_CASE("strings are unescaped, long strings are kept as written") {
  CHECK(value_of(R"("a \"b\" \\ \n\t\r")").text == "a \"b\" \\ \n\t\r");
  CHECK(value_of("\"\"\"raw \\n \"quoted\"\nsecond line\"\"\"").text ==
        "raw \\n \"quoted\"\nsecond line");
  CHECK(value_of("\"\"").text.empty());
  CHECK(value_of("\"caf\xC3\xA9\"").text == "caf\xC3\xA9");
}

TEST_CASE("calls, parameters and aggregates") {
  Term call = value_of("cat(A, \"x\", strlen(B))");
  CHECK(call.kind == Term::Kind::call);
  CHECK(call.text == "cat");
  REQUIRE(call.args.size() == 3);
  CHECK(call.args[2].kind == Term::Kind::call);
  CHECK(value_of("max(A, B)").kind == Term::Kind::call);
  Term parameter = value_of("$finding");
  CHECK(parameter.kind == Term::Kind::parameter);
  CHECK(parameter.text == "finding");

  Term count = value_of("count : { q(Y), Y > 1 ; r(Y) }");
  CHECK(count.kind == Term::Kind::aggregate);
  CHECK(count.text == "count");
  CHECK(count.args.empty());
  REQUIRE(count.body.size() == 2);
  CHECK(count.body[0].size() == 2);
  Term bare = value_of("count : q(_)");
  REQUIRE(bare.body.size() == 1);
  CHECK(bare.body[0].at(0).atom.relation.text == "q");
  Term sum = value_of("sum Y * 2 : { q(Y) }");
  CHECK(sum.text == "sum");
  REQUIRE(sum.args.size() == 1);
  CHECK(sum.args[0].text == "*");
  Term minimum = value_of("min(Y) : q(Y)");
  CHECK(minimum.kind == Term::Kind::aggregate);
  CHECK(minimum.args.at(0).text == "Y");
  CHECK(value_of("mean Y : { q(Y) }").text == "mean");
  Term nested = value_of("max Y : { q(Y), Y = count : { r(Y) } }");
  CHECK(nested.body.at(0).at(1).operands.at(1).kind == Term::Kind::aggregate);

  for (const char* text : {"p(N) :- N = count 3 : { q(_) }.", "p(N) :- N = count(3) : q(_)."}) {
    INFO(text);
    auto counted = test::parse(text);
    CHECK(counted.errors() == std::vector<std::string>{"E0116@1:19"});
    REQUIRE(counted.sink.all().size() == 1);
    CHECK(counted.sink.all()[0].message.find("takes no value") != std::string::npos);
    CHECK(counted.sink.all()[0].hint == "write `count : { ... }`");
  }
  CHECK(test::errors_of("p(X) :- X = cat(Y) : q(Y).") == std::vector<std::string>{"E0116@1:13"});
  CHECK(test::errors_of("p(X) :- X = sum(Y, Z) : q(Y, Z).") ==
        std::vector<std::string>{"E0116@1:16"});
}

TEST_CASE("Souffle directives") {
  auto decl = only<ast::RelationDecl>(clean(".decl edge(x: number, y:symbol) btree eqrel"));
  CHECK(decl.souffle_form);
  CHECK(decl.role == ast::RelationDecl::Role::plain);
  CHECK(decl.name.text == "edge");
  REQUIRE(decl.params.size() == 2);
  CHECK(decl.params[1].name.text == "y");
  CHECK(decl.params[1].type.text == "symbol");
  REQUIRE(decl.qualifiers.size() == 2);
  CHECK(decl.qualifiers[1].text == "eqrel");

  auto subtype = only<ast::TypeDecl>(clean(".type Finding <: symbol"));
  CHECK(subtype.subtype);
  CHECK(subtype.bases.at(0).text == "symbol");
  auto union_type = only<ast::TypeDecl>(clean(".type U = A | B"));
  CHECK_FALSE(union_type.subtype);
  CHECK(union_type.bases.size() == 2);

  auto io = only<ast::IoDirective>(
      clean(".input a, b(IO=file, filename=\"b.facts\", skip=1)", "x.dl"));
  CHECK(io.kind == ast::IoDirective::Kind::input);
  REQUIRE(io.targets.size() == 2);
  CHECK(io.targets[0].options.empty());
  REQUIRE(io.targets[1].options.size() == 3);
  CHECK(io.targets[1].options[0].key.text == "IO");
  CHECK(io.targets[1].options[0].value.kind == Term::Kind::constant);  // even in .dl
  CHECK(io.targets[1].options[1].value.text == "b.facts");
  CHECK(io.targets[1].options[2].value.integer == 1);
  CHECK(only<ast::IoDirective>(clean(".output a")).kind == ast::IoDirective::Kind::output);
  CHECK(only<ast::IoDirective>(clean(".printsize a")).kind == ast::IoDirective::Kind::printsize);

  auto two = clean(".decl a(x: number) .output a\n");
  CHECK(two.module.statements.size() == 2);
}

TEST_CASE("module, import, source") {
  auto module = only<ast::ModuleDecl>(clean("module back_and_shoulder version \"1.0.0\""));
  CHECK(module.name.text == "back_and_shoulder");
  CHECK(module.version == "1.0.0");
  CHECK_FALSE(only<ast::ModuleDecl>(clean("module m.")).version.has_value());

  auto imported = clean("import \"common.sinew\"");
  auto import = only<ast::ImportDecl>(imported);
  CHECK(import.path == "common.sinew");
  CHECK(text_of(imported, import.path_span) == "\"common.sinew\"");

  auto lines = clean("source seed \"Title\"\n  publisher \"P\"\n  disclaimer \"D\"\n");
  auto source = only<ast::SourceDecl>(lines);
  CHECK(source.id.text == "seed");
  CHECK(source.title == "Title");
  CHECK_FALSE(source.braces);
  REQUIRE(source.properties.size() == 2);
  CHECK(source.properties[1].key.text == "disclaimer");
  CHECK(source.properties[1].value == "D");
  CHECK(text_of(lines, source.properties[1].value_span) == "\"D\"");

  auto block = only<ast::SourceDecl>(clean("source s { file \"seed.txt\" }"));
  CHECK(block.braces);
  CHECK_FALSE(block.title.has_value());
  CHECK(block.properties.at(0).key.text == "file");
}

TEST_CASE("kinds, scales, relations") {
  auto kind = only<ast::KindDecl>(clean("kind symptom \"Symptom\" : finding, sign"));
  CHECK(kind.name.text == "symptom");
  CHECK(kind.label == "Symptom");
  REQUIRE(kind.parents.size() == 2);
  CHECK(kind.parents[1].text == "sign");
  CHECK(only<ast::KindDecl>(clean("kind finding")).parents.empty());

  auto scale = only<ast::ScaleDecl>(
      clean("scale care_level : self_care < see_physician\n    < seek_treatment_immediately"));
  CHECK(scale.name.text == "care_level");
  REQUIRE(scale.levels.size() == 3);
  CHECK(scale.levels[2].text == "seek_treatment_immediately");

  auto input = only<ast::RelationDecl>(clean("input has(f: finding)"));
  CHECK(input.role == ast::RelationDecl::Role::input);
  CHECK_FALSE(input.souffle_form);
  CHECK(input.params.at(0).type.text == "finding");
  CHECK(only<ast::RelationDecl>(clean("output d(l: care_level).")).role ==
        ast::RelationDecl::Role::output);
  CHECK(only<ast::RelationDecl>(clean("relation r()")).role == ast::RelationDecl::Role::plain);
  CHECK_FALSE(input.params.at(0).range.has_value());

  // The range of an input's column: either end may be open.
  auto ranged = only<ast::RelationDecl>(
      clean("input r(a: number in 0.., b: float in -2.5..1e3, c: number in ..0x10, d: number)"));
  REQUIRE(ranged.params.size() == 4);
  REQUIRE(ranged.params[0].range.has_value());
  CHECK(ranged.params[0].range->low == "0");
  CHECK(ranged.params[0].range->high.empty());
  CHECK(ranged.params[1].range->low == "-2.5");
  CHECK(ranged.params[1].range->high == "1e3");
  CHECK(ranged.params[2].range->low.empty());
  CHECK(ranged.params[2].range->high == "0x10");
  CHECK_FALSE(ranged.params[3].range.has_value());
  CHECK(only<ast::RelationDecl>(clean("input r(n: number in 1 .. 10)")).params[0].range->high ==
        "10");
  // `in` is a name elsewhere.
  CHECK(only<ast::RelationDecl>(clean(".decl e(in: number)")).params[0].name.text == "in");
  // A keyword counts only when a name follows: these are facts.
  CHECK(only_clause(clean("source(1).")).heads[0].relation.text == "source");
  CHECK(only_clause(clean("input(x) :- kind(x).")).heads[0].relation.text == "input");
}

TEST_CASE("entities: lists and blocks") {
  auto list = only<ast::EntityDecl>(clean("finding redness, rash \"Rash\", swelling."));
  CHECK(list.kind.text == "finding");
  CHECK_FALSE(list.block);
  REQUIRE(list.entities.size() == 3);
  CHECK(list.entities[1].label == "Rash");
  CHECK_FALSE(list.entities[0].label.has_value());

  auto parsed = clean(R"(condition lupus "Lupus" {
  definition "An autoimmune disease"
  code icd10 "M32.9"
  code snomed "200936003"
  synonym "SLE", "systemic lupus"
  is_a autoimmune, rheumatic
  synonym "lupus erythematosus"
})");
  auto block = only<ast::EntityDecl>(parsed);
  CHECK(block.block);
  REQUIRE(block.entities.size() == 1);
  const ast::Entity& lupus = block.entities[0];
  CHECK(lupus.id.text == "lupus");
  CHECK(lupus.label == "Lupus");
  CHECK(lupus.definition == "An autoimmune disease");
  REQUIRE(lupus.codes.size() == 2);
  CHECK(lupus.codes[0].system.text == "icd10");
  CHECK(lupus.codes[0].value == "M32.9");
  CHECK(text_of(parsed, lupus.codes[0].value_span) == "\"M32.9\"");
  CHECK(lupus.synonyms == std::vector<std::string>{"SLE", "systemic lupus", "lupus erythematosus"});
  REQUIRE(lupus.parents.size() == 2);
  CHECK(lupus.parents[0].text == "autoimmune");
  CHECK(text_of(parsed, lupus.span) == "lupus \"Lupus\"");

  CHECK(test::errors_of("x a { definition \"1\" definition \"2\" }") ==
        std::vector<std::string>{"E0116@1:22"});
}

TEST_CASE("edges: one fact per pair, numbers allowed") {
  const auto& edge = only<ast::Edge>(
      clean("fibromyalgia, flu may_cause muscle_soreness, muscle_spasm."));
  CHECK(edge.relation.text == "may_cause");
  REQUIRE(edge.subjects.size() == 2);
  CHECK(edge.subjects[1].kind == Term::Kind::constant);
  CHECK(edge.subjects[1].text == "flu");
  CHECK(edge.objects.size() == 2);
  auto weighted = only<ast::Edge>(clean("x weight 2.5, 3."));
  CHECK(weighted.objects[0].floating == 2.5);
  CHECK(weighted.objects[1].integer == 3);
}

TEST_CASE("annotations belong to the statement before them, or inside `rule`") {
  auto parsed = clean(R"(lupus may_cause muscle_soreness.
  @cite seed "Conditions that may cause muscle soreness include ... lupus"
rule spasm_red_flag
  @cite seed """...seek treatment immediately."""
  @note "Conservative reading."
  reach(seek_treatment_immediately) :- has(muscle_spasm).
  @assumption "written after the clause"
kind finding @note "same line"
)");
  const auto& statements = parsed.module.statements;
  REQUIRE(statements.size() == 3);
  REQUIRE(statements[0].annotations.size() == 1);
  const ast::Annotation& cite = statements[0].annotations[0];
  CHECK(cite.kind == ast::Annotation::Kind::cite);
  CHECK(cite.source.text == "seed");
  CHECK(cite.text == "Conditions that may cause muscle soreness include ... lupus");
  CHECK(text_of(parsed, cite.span).starts_with("@cite seed \"Conditions"));
  CHECK(parsed.sources.line_col(cite.text_span).column == 14);

  const auto& rule = std::get<ast::RuleDecl>(statements[1].node);
  CHECK(rule.name->text == "spasm_red_flag");
  REQUIRE(statements[1].annotations.size() == 3);
  CHECK(statements[1].annotations[0].text == "...seek treatment immediately.");
  CHECK(statements[1].annotations[1].kind == ast::Annotation::Kind::note);
  CHECK(statements[1].annotations[2].kind == ast::Annotation::Kind::assumption);
  CHECK(rule.clause.heads[0].relation.text == "reach");
  CHECK(statements[2].annotations.size() == 1);
}

TEST_CASE("embedded tests") {
  auto test = only<ast::TestDecl>(clean(R"(test "spasm with chest pain is urgent" {
  given has(muscle_spasm). has(chest_pain).
  given duration_days(4).
  expect disposition(seek_treatment_immediately).
  expect not advise(heat), advise(ice).
})"));
  CHECK(test.name == "spasm with chest pain is urgent");
  REQUIRE(test.given.size() == 3);
  CHECK(test.given[2].args.at(0).integer == 4);
  REQUIRE(test.expectations.size() == 3);
  CHECK_FALSE(test.expectations[0].negated);
  CHECK(test.expectations[1].negated);
  CHECK(test.expectations[2].negated);
  CHECK(test.expectations[2].atom.args.at(0).text == "ice");
}

TEST_CASE("queries: in files, named, and on their own") {
  auto query = only<ast::QueryDecl>(clean("?- red_flag(muscle_spasm, F)."));
  CHECK_FALSE(query.name.has_value());
  CHECK(query.body.at(0).at(0).atom.args.at(1).kind == Term::Kind::variable);
  auto named = only<ast::QueryDecl>(clean("query urgent ?- d(L), L = x."));
  CHECK(named.name->text == "urgent");
  CHECK(named.body.at(0).size() == 2);

  for (const char* text : {"escalates(F, muscle_spasm, L)", "?- escalates(F, muscle_spasm, L).",
                           "  ?- escalates(F, muscle_spasm, L)  "}) {
    INFO(text);
    SourceMap sources;
    FileId file = sources.add("-e", text);
    DiagnosticSink sink;
    auto parsed = syntax::parse_query(sources, file, sink);
    REQUIRE(parsed.has_value());
    CHECK(sink.empty());
    CHECK(parsed->body.at(0).at(0).atom.relation.text == "escalates");
  }
  SourceMap sources;
  FileId file = sources.add("-e", "x(a) ;");
  DiagnosticSink sink;
  CHECK_FALSE(syntax::parse_query(sources, file, sink).has_value());
  CHECK(sink.error_count() == 1);
}

TEST_CASE("one atom on its own") {
  SourceMap sources;
  DiagnosticSink sink;
  FileId file = sources.add("-e", "disposition(seek_treatment_immediately)");
  auto atom = syntax::parse_atom(sources, file, sink);
  REQUIRE(atom.has_value());
  CHECK(atom->args.at(0).kind == Term::Kind::constant);
  FileId dl = sources.add("-e", "path(1, y).");
  syntax::ParseOptions options;
  options.dialect = ast::Dialect::souffle;
  auto souffle = syntax::parse_atom(sources, dl, sink, options);
  REQUIRE(souffle.has_value());
  CHECK(souffle->args.at(1).kind == Term::Kind::variable);
  CHECK(sink.empty());
  FileId bad = sources.add("-e", "has(x) extra");
  CHECK_FALSE(syntax::parse_atom(sources, bad, sink).has_value());
  CHECK(sink.all().at(0).code == &codes::unexpected_text);
}

TEST_CASE("every node has its span: file and byte offsets") {
  auto parsed = clean("kind finding\n\nreach(L) :- level(L), L >= 2, !cleared(L).\n");
  REQUIRE(parsed.module.statements.size() == 2);
  CHECK(parsed.module.file == parsed.file);
  const auto& statement = parsed.module.statements[1];
  CHECK(statement.span.begin == 14);
  CHECK(text_of(parsed, statement.span) == "reach(L) :- level(L), L >= 2, !cleared(L).");
  const auto& clause = std::get<ast::RuleDecl>(statement.node).clause;
  CHECK(text_of(parsed, clause.heads[0].span) == "reach(L)");
  CHECK(text_of(parsed, clause.heads[0].relation.span) == "reach");
  CHECK(text_of(parsed, clause.heads[0].args[0].span) == "L");
  const auto& body = clause.body.at(0);
  CHECK(text_of(parsed, body[1].span) == "L >= 2");
  CHECK(text_of(parsed, body[1].operands[1].span) == "2");
  CHECK(text_of(parsed, body[2].span) == "!cleared(L)");
  CHECK(text_of(parsed, body[2].atom.span) == "cleared(L)");
  LineCol at = parsed.sources.line_col(body[2].span);
  CHECK(at.line == 3);
  CHECK(at.column == 31);
  auto negative = clean("p(- 3, -X).");
  const auto& args =
      std::get<ast::RuleDecl>(negative.module.statements.at(0).node).clause.heads[0].args;
  CHECK(text_of(negative, args.at(0).span) == "- 3");
  CHECK(text_of(negative, args.at(1).span) == "-X");
  CHECK(text_of(negative, args.at(1).args.at(0).span) == "X");
}
