#pragma once
// The grammar of grammar/sinew.peg as PEGTL rules: no actions, no messages.
//
// Each non-terminal of the .peg is a struct of the same name. Conventions:
// - A token never consumes the whitespace after it; `ws<R>` skips whitespace and
//   comments before R. Spans of what a rule matched therefore never end in blanks.
// - `expect<R>` is a `^` point of the .peg: must<ws<R>>. The must target is ws<R>,
//   so a failure is raised at the end of the previous token, and the error-message
//   table (src/syntax/error_messages.hpp) is keyed by R.
// - Optional and repeated parts start with ws<...> inside opt<>/star<>, so that a
//   part that is absent does not swallow the blanks after the last token.

#include <tao/pegtl.hpp>

namespace sinew::grammar {

namespace p = tao::pegtl;

struct sep;

// R..., each after optional whitespace and comments (not a non-terminal).
template <typename... R>
struct ws : p::seq<sep, R...> {};

// A `^` point: R is required here (not a non-terminal).
template <typename R>
using expect = p::must<ws<R>>;

// A keyword at the start of a statement: only when a name or quoted text follows.
template <typename Keyword>
struct leading;

// ---- lexical -------------------------------------------------------------------

struct line_comment : p::seq<p::two<'/'>, p::star<p::not_at<p::eol>, p::any>> {};
struct block_comment_rest : p::until<p::string<'*', '/'>> {};
struct block_comment : p::if_must<p::string<'/', '*'>, block_comment_rest> {};
struct comment : p::sor<line_comment, block_comment> {};
struct sep : p::star<p::sor<p::space, comment>> {};
struct blank : p::one<' ', '\t'> {};
struct line_end : p::seq<p::star<p::sor<blank, comment>>, p::eolf> {};

struct identifier_rest : p::identifier_other {};
struct identifier : p::identifier {};
struct name_start : p::sor<p::identifier_first, p::one<'"'>> {};

struct keyword : p::seq<p::sor<TAO_PEGTL_STRING("module"), TAO_PEGTL_STRING("version"),
                               TAO_PEGTL_STRING("import"), TAO_PEGTL_STRING("source"),
                               TAO_PEGTL_STRING("kind"), TAO_PEGTL_STRING("scale"),
                               TAO_PEGTL_STRING("relation"), TAO_PEGTL_STRING("input"),
                               TAO_PEGTL_STRING("output"), TAO_PEGTL_STRING("rule"),
                               TAO_PEGTL_STRING("test"), TAO_PEGTL_STRING("given"),
                               TAO_PEGTL_STRING("expect"), TAO_PEGTL_STRING("query")>,
                        p::not_at<identifier_rest>> {};
struct statement_keyword
    : p::seq<p::sor<TAO_PEGTL_STRING("module"), TAO_PEGTL_STRING("import"),
                    TAO_PEGTL_STRING("source"), TAO_PEGTL_STRING("kind"),
                    TAO_PEGTL_STRING("scale"), TAO_PEGTL_STRING("relation"),
                    TAO_PEGTL_STRING("input"), TAO_PEGTL_STRING("output"),
                    TAO_PEGTL_STRING("rule"), TAO_PEGTL_STRING("test"),
                    TAO_PEGTL_STRING("query"), TAO_PEGTL_STRING("exclusive")>,
             p::not_at<identifier_rest>> {};

template <typename Keyword>
struct leading : p::seq<Keyword, p::at<sep, name_start>> {};

struct exponent : p::seq<p::one<'e', 'E'>, p::opt<p::one<'+', '-'>>, p::plus<p::digit>> {};
struct integer : p::sor<p::seq<p::one<'0'>, p::one<'x', 'X'>, p::plus<p::xdigit>>,
                        p::seq<p::one<'0'>, p::one<'b', 'B'>, p::plus<p::one<'0', '1'>>>,
                        p::plus<p::digit>> {};
struct floating : p::sor<p::seq<p::plus<p::digit>, p::one<'.'>, p::plus<p::digit>, p::opt<exponent>>,
                       p::seq<p::plus<p::digit>, exponent>> {};

struct escaped_char : p::one<'"', '\\', 'n', 't', 'r'> {};
struct escape : p::if_must<p::one<'\\'>, escaped_char> {};
// A closing quote is never followed by a letter or digit: in `p("a) :- q("b")` the
// quote before `b` opens a text, so the first one is the one never closed.
struct short_string_rest
    : p::seq<p::star<p::sor<escape, p::not_one<'"', '\n', '\r'>>>, p::one<'"'>,
             p::not_at<identifier_rest>> {};
struct short_string : p::if_must<p::one<'"'>, short_string_rest> {};
struct long_string_rest : p::until<p::three<'"'>> {};
struct long_string : p::if_must<p::three<'"'>, long_string_rest> {};
struct string : p::sor<long_string, short_string> {};

struct directive_name : p::seq<p::sor<TAO_PEGTL_STRING("decl"), TAO_PEGTL_STRING("type"),
                                      TAO_PEGTL_STRING("input"), TAO_PEGTL_STRING("output"),
                                      TAO_PEGTL_STRING("printsize")>,
                               p::not_at<identifier_rest>> {};
struct period : p::seq<p::one<'.'>, p::not_at<directive_name>> {};
// The `.` of a statement that may leave it out is on the statement's own line, so that
// `.input a` does not take the `.` of a wrong `.outpt b` on the next line.
struct statement_end
    : p::sor<p::seq<p::star<blank>, period>, p::at<line_end>,
             p::at<sep, p::one<'.'>, directive_name>, p::at<sep, p::one<'@'>>> {};

// ---- terms -----------------------------------------------------------------------

struct term;
struct body;
struct atom;
struct unary;

struct add_op : p::one<'+', '-'> {};
struct mul_op : p::one<'*', '/', '%'> {};
struct comparison_op : p::sor<p::string<'<', '='>, p::string<'>', '='>, p::string<'!', '='>,
                              p::one<'='>, p::one<'<'>, p::one<'>'>> {};

struct closing_parenthesis : p::one<')'> {};
struct end_of_list : p::one<')'> {};
struct closing_brace : p::one<'}'> {};

struct term_list : p::seq<term, p::star<ws<p::one<','>>, expect<term>>> {};
struct arguments : p::seq<p::one<'('>, p::opt<ws<term_list>>, expect<end_of_list>> {};
struct aggregate_body
    : p::sor<p::seq<p::one<'{'>, expect<body>, expect<closing_brace>>, atom> {};
struct aggregate_function
    : p::seq<p::sor<TAO_PEGTL_STRING("count"), TAO_PEGTL_STRING("sum"), TAO_PEGTL_STRING("min"),
                    TAO_PEGTL_STRING("max"), TAO_PEGTL_STRING("mean")>,
             p::not_at<identifier_rest>> {};
struct aggregate_colon : p::seq<p::one<':'>, p::not_at<p::one<'-'>>> {};
struct aggregate : p::seq<aggregate_function, p::not_at<ws<p::one<'('>>>, p::opt<ws<term>>,
                          ws<aggregate_colon>, expect<aggregate_body>> {};
struct function_name : identifier {};
struct call : p::seq<function_name, ws<arguments>,
                     p::opt<ws<aggregate_colon>, expect<aggregate_body>>> {};
struct parenthesized : p::seq<p::one<'('>, expect<term>, expect<closing_parenthesis>> {};
struct wildcard : p::seq<p::one<'_'>, p::not_at<identifier_rest>> {};
struct parameter_name : identifier {};
struct parameter : p::if_must<p::one<'$'>, ws<parameter_name>> {};
struct primary : p::sor<aggregate, call, parenthesized, floating, integer, string, parameter,
                        wildcard, identifier> {};
struct negative : p::seq<p::one<'-'>, expect<unary>> {};
struct unary : p::sor<negative, primary> {};
struct multiplicative : p::seq<unary, p::star<ws<mul_op>, expect<unary>>> {};
struct additive : p::seq<multiplicative, p::star<ws<add_op>, expect<multiplicative>>> {};
struct term : p::seq<additive> {};

// ---- the Datalog core ----------------------------------------------------------

struct atom : p::seq<identifier, p::opt<ws<arguments>>> {};
struct atom_list : p::seq<atom, p::star<ws<p::one<','>>, expect<atom>>> {};
struct negation : p::seq<p::one<'!'>, p::not_at<p::one<'='>>, expect<atom>> {};
// After the conditions of a group, `.`, `}` or the end cannot belong to a value in
// parentheses either: the group's `)` is missing there.
struct group_close : p::sor<p::one<')'>, p::seq<p::at<p::sor<p::one<'.'>, p::one<'}'>, p::eof>>,
                                                 p::must<closing_parenthesis>>> {};
struct group : p::seq<p::one<'('>, ws<body>, ws<group_close>,
                      p::not_at<ws<p::sor<add_op, mul_op, comparison_op>>>> {};
struct comparison : p::seq<term, ws<comparison_op>, expect<term>> {};
struct literal : p::sor<negation, group, comparison, atom> {};
struct conjunction : p::seq<literal, p::star<ws<p::one<','>>, expect<literal>>> {};
struct body : p::seq<conjunction, p::star<ws<p::one<';'>>, expect<conjunction>>> {};
struct clause : p::seq<atom_list, p::opt<ws<p::string<':', '-'>>, expect<body>>,
                       expect<period>> {};

struct relation_name : identifier {};
struct type_name : identifier {};
struct column_type : p::seq<p::one<':'>, expect<type_name>> {};
// The numbers a case may give an input's column: `n: number in 0..`, `in 1..10`, `in ..7`.
struct signed_number : p::seq<p::opt<p::one<'-'>>, p::sor<floating, integer>> {};
struct range_low : signed_number {};
struct range_high : signed_number {};
struct range_limits : p::sor<p::seq<range_low, ws<p::two<'.'>>, p::opt<ws<range_high>>>,
                             p::seq<p::two<'.'>, expect<range_high>>> {};
struct column_range : p::seq<TAO_PEGTL_KEYWORD("in"), expect<range_limits>> {};
struct typed_parameter : p::seq<identifier, expect<column_type>, p::opt<ws<column_range>>> {};
struct parameter_list
    : p::seq<typed_parameter, p::star<ws<p::one<','>>, expect<typed_parameter>>> {};
struct columns : p::seq<p::one<'('>, p::opt<ws<parameter_list>>, expect<end_of_list>> {};
struct qualifier
    : p::seq<p::sor<TAO_PEGTL_STRING("btree_delete"), TAO_PEGTL_STRING("brie"),
                    TAO_PEGTL_STRING("btree"), TAO_PEGTL_STRING("eqrel"),
                    TAO_PEGTL_STRING("inline"), TAO_PEGTL_STRING("magic"),
                    TAO_PEGTL_STRING("no_magic"), TAO_PEGTL_STRING("overridable")>,
             p::not_at<identifier_rest>> {};
struct decl_directive : p::seq<TAO_PEGTL_KEYWORD("decl"), expect<relation_name>, expect<columns>,
                               p::star<ws<qualifier>>, p::must<statement_end>> {};
struct declared_type : identifier {};
struct type_definition
    : p::sor<p::seq<p::string<'<', ':'>, expect<type_name>>,
             p::seq<p::one<'='>, expect<type_name>,
                    p::star<ws<p::one<'|'>>, expect<type_name>>>> {};
struct type_directive : p::seq<TAO_PEGTL_KEYWORD("type"), expect<declared_type>,
                               expect<type_definition>, p::must<statement_end>> {};
struct io_kind : p::seq<p::sor<TAO_PEGTL_STRING("input"), TAO_PEGTL_STRING("output"),
                               TAO_PEGTL_STRING("printsize")>,
                        p::not_at<identifier_rest>> {};
struct io_value : p::sor<string, integer, identifier> {};
struct io_setting : p::seq<p::one<'='>, expect<io_value>> {};
struct io_option : p::seq<identifier, expect<io_setting>> {};
struct io_options
    : p::seq<p::one<'('>,
             p::opt<ws<io_option>, p::star<ws<p::one<','>>, expect<io_option>>>,
             expect<end_of_list>> {};
struct io_target : p::seq<relation_name, p::opt<ws<io_options>>> {};
struct io_directive : p::seq<io_kind, expect<io_target>,
                             p::star<ws<p::one<','>>, expect<io_target>>,
                             p::must<statement_end>> {};
struct directive_body : p::sor<decl_directive, type_directive, io_directive> {};
struct directive : p::seq<p::one<'.'>, p::must<directive_body>> {};

// ---- the knowledge-graph layer --------------------------------------------------

struct module_name : identifier {};
struct module_version : p::seq<TAO_PEGTL_KEYWORD("version"), expect<string>> {};
struct module_decl : p::seq<leading<TAO_PEGTL_KEYWORD("module")>, expect<module_name>,
                            p::opt<ws<module_version>>, p::must<statement_end>> {};
struct import_decl : p::seq<leading<TAO_PEGTL_KEYWORD("import")>, expect<string>,
                            p::must<statement_end>> {};

struct source_name : identifier {};
struct source_key
    : p::seq<p::sor<TAO_PEGTL_STRING("title"), TAO_PEGTL_STRING("publisher"),
                    TAO_PEGTL_STRING("author"), TAO_PEGTL_STRING("url"),
                    TAO_PEGTL_STRING("date"), TAO_PEGTL_STRING("license"),
                    TAO_PEGTL_STRING("disclaimer"), TAO_PEGTL_STRING("file"),
                    TAO_PEGTL_STRING("text")>,
             p::not_at<identifier_rest>> {};
struct source_property : p::seq<source_key, expect<string>> {};
struct source_block_end : p::one<'}'> {};
struct source_block
    : p::seq<p::one<'{'>, p::star<ws<source_property>>, expect<source_block_end>> {};
struct source_decl
    : p::seq<leading<TAO_PEGTL_KEYWORD("source")>, expect<source_name>, p::opt<ws<string>>,
             p::sor<ws<source_block>, p::star<ws<source_property>>>,
             p::must<statement_end>> {};

struct listed_name : identifier {};
struct identifier_list : p::seq<identifier, p::star<ws<p::one<','>>, expect<listed_name>>> {};
struct kind_name : identifier {};
struct kind_decl : p::seq<leading<TAO_PEGTL_KEYWORD("kind")>, expect<kind_name>,
                          p::opt<ws<string>>,
                          p::opt<ws<p::one<':'>>, expect<identifier_list>>,
                          p::must<statement_end>> {};

struct scale_name : identifier {};
struct level_name : identifier {};
struct scale_step : p::seq<p::one<'<'>, expect<level_name>> {};
struct scale_levels : p::seq<p::one<':'>, expect<level_name>, expect<scale_step>,
                             p::star<ws<scale_step>>> {};
struct scale_decl : p::seq<leading<TAO_PEGTL_KEYWORD("scale")>, expect<scale_name>,
                           expect<scale_levels>, p::must<statement_end>> {};

struct relation_role : p::seq<p::sor<TAO_PEGTL_STRING("relation"), TAO_PEGTL_STRING("input"),
                                     TAO_PEGTL_STRING("output")>,
                              p::not_at<identifier_rest>> {};
struct relation_decl : p::seq<leading<relation_role>, expect<relation_name>, expect<columns>,
                              p::must<statement_end>> {};

struct entity : p::seq<identifier, p::opt<ws<string>>> {};
struct definition_property : p::seq<TAO_PEGTL_KEYWORD("definition"), expect<string>> {};
struct code_system : identifier {};
struct code_property
    : p::seq<TAO_PEGTL_KEYWORD("code"), expect<code_system>, expect<string>> {};
struct synonym_property : p::seq<TAO_PEGTL_KEYWORD("synonym"), expect<string>,
                                 p::star<ws<p::one<','>>, expect<string>>> {};
struct is_a_property : p::seq<TAO_PEGTL_KEYWORD("is_a"), expect<identifier_list>> {};
struct entity_property
    : p::sor<definition_property, code_property, synonym_property, is_a_property> {};
struct entity_block_end : p::one<'}'> {};
struct entity_block
    : p::seq<p::one<'{'>, p::star<ws<entity_property>>, expect<entity_block_end>> {};
struct entity_decl
    : p::seq<identifier, ws<entity>,
             p::sor<p::seq<ws<entity_block>, p::must<statement_end>>,
                    p::seq<p::star<ws<p::one<','>>, expect<entity>>, ws<period>>>> {};

struct edge_end : p::sor<identifier, floating, integer> {};
struct edge_end_list : p::seq<edge_end, p::star<ws<p::one<','>, sep, edge_end>>> {};
struct edge : p::seq<edge_end_list, ws<identifier>, ws<edge_end_list>, expect<period>> {};

struct source_ref : identifier {};
struct cite : p::seq<TAO_PEGTL_KEYWORD("cite"), expect<source_ref>, expect<string>> {};
struct note : p::seq<TAO_PEGTL_KEYWORD("note"), expect<string>> {};
struct assumption : p::seq<TAO_PEGTL_KEYWORD("assumption"), expect<string>> {};
struct annotation_body : p::sor<cite, note, assumption> {};
struct annotation : p::seq<p::one<'@'>, expect<annotation_body>> {};

struct rule_name : identifier {};
struct rule_decl : p::seq<leading<TAO_PEGTL_KEYWORD("rule")>, expect<rule_name>,
                          p::star<ws<annotation>>, expect<clause>> {};

// `exclusive advise(heat), advise(ice).`: no case may conclude two of these facts.
struct exclusive_decl : p::seq<leading<TAO_PEGTL_KEYWORD("exclusive")>, expect<atom_list>,
                               p::must<statement_end>> {};

struct expect_not : TAO_PEGTL_KEYWORD("not") {};
struct given
    : p::seq<leading<TAO_PEGTL_KEYWORD("given")>, expect<atom_list>, expect<period>> {};
struct expectation : p::seq<leading<TAO_PEGTL_KEYWORD("expect")>, p::opt<ws<expect_not>>,
                            expect<atom_list>, expect<period>> {};
// A line inside a test that starts like a top-level statement is not a fact: the
// test's `}` is missing.
struct fact_list
    : p::seq<p::not_at<leading<statement_keyword>>, atom_list, expect<period>> {};
struct test_item : p::sor<given, expectation, fact_list> {};
struct test_open : p::one<'{'> {};
struct test_end : p::one<'}'> {};
struct test_decl : p::seq<leading<TAO_PEGTL_KEYWORD("test")>, expect<string>, expect<test_open>,
                          p::star<ws<test_item>>, expect<test_end>, p::must<statement_end>> {};

// ---- queries --------------------------------------------------------------------
// `?- F, count : escalates(F, S, _) order by F desc limit 3.` and
// `?~ lupus ~ seek_treatment_immediately through may_cause all within 4.`

struct query_name : identifier {};
struct query_start : p::string<'?', '-'> {};
struct path_start : p::string<'?', '~'> {};

// A word of the query language that means something in one place only.
template <typename Word>
struct word : p::seq<Word, p::not_at<identifier_rest>> {};

// The same as order_direction, but no node of the parse tree: a look-ahead leaves none.
struct direction_word
    : p::sor<word<TAO_PEGTL_STRING("asc")>, word<TAO_PEGTL_STRING("desc")>> {};
struct order_direction : direction_word {};
// `count`, or `sum N`, `min L`, `max L`, `mean N`; the checker says which take a variable.
struct selected_aggregate
    : p::seq<aggregate_function, p::opt<sep, p::not_at<direction_word>, identifier>> {};
struct selected : p::sor<selected_aggregate, identifier> {};
// Tried before the body, without a `^`: only the `:` commits to a selection.
struct selection : p::seq<selected, p::star<ws<p::one<','>>, ws<selected>>,
                          ws<aggregate_colon>> {};
struct order_key : p::seq<p::sor<selected_aggregate, identifier>, p::opt<ws<order_direction>>> {};
struct order_by : p::seq<word<TAO_PEGTL_STRING("order")>, ws<word<TAO_PEGTL_STRING("by")>>,
                         expect<order_key>, p::star<ws<p::one<','>>, expect<order_key>>> {};
struct limit_count : integer {};
struct limit : p::seq<word<TAO_PEGTL_STRING("limit")>, expect<limit_count>> {};
struct query_body
    : p::seq<p::opt<selection>, expect<body>, p::opt<ws<order_by>>, p::opt<ws<limit>>> {};

struct path_end : p::sor<string, parameter, identifier> {};
struct path_link : p::sor<p::one<'~'>, p::string<'-', '>'>> {};
struct path_through
    : p::seq<word<TAO_PEGTL_STRING("through")>, expect<relation_name>,
             p::star<ws<p::one<','>>, expect<relation_name>>> {};
struct path_all : word<TAO_PEGTL_STRING("all")> {};
// A sign is read so that the checker can say what a path's length must be (E0904).
struct path_length : p::seq<p::opt<p::one<'-'>>, integer> {};
struct path_within
    : p::seq<word<TAO_PEGTL_STRING("within")>, expect<path_length>,
             p::opt<ws<p::sor<word<TAO_PEGTL_STRING("edges")>, word<TAO_PEGTL_STRING("edge")>>>>> {};
struct path_option : p::sor<path_through, path_all, path_within> {};
struct path_question : p::seq<path_end, expect<path_link>, expect<path_end>,
                              p::star<ws<path_option>>> {};

struct question : p::sor<p::seq<query_start, ws<query_body>, expect<period>>,
                         p::seq<path_start, expect<path_question>, expect<period>>> {};
struct query_decl
    : p::sor<p::seq<leading<TAO_PEGTL_KEYWORD("query")>, expect<query_name>, expect<question>>,
             question> {};

// ---- statements and files -------------------------------------------------------

struct statement : p::sor<directive, module_decl, import_decl, source_decl, kind_decl,
                          scale_decl, relation_decl, rule_decl, test_decl, query_decl,
                          exclusive_decl, annotation, entity_decl, edge, clause> {};

struct file : p::seq<sep, p::star<statement, sep>, p::must<p::eof>> {};

struct end_of_text : p::seq<sep, p::eof> {};
struct query_text
    : p::seq<sep,
             p::sor<p::seq<path_start, expect<path_question>>,
                    p::seq<p::opt<query_start>, ws<query_body>>>,
             p::opt<ws<period>>, p::must<end_of_text>> {};
struct atom_text
    : p::seq<sep, p::must<atom>, p::opt<ws<period>>, p::must<end_of_text>> {};

}  // namespace sinew::grammar
