#pragma once
// The message of every must<> point of grammar/rules.hpp, written for a clinician.
//
// The table is keyed by the rule that is required at that point (for expect<R> it is
// R). The parser's control refuses to compile a must<> point whose rule has no entry
// here, and a unit test reaches every entry with a small wrong input.

#include "support/catalog.hpp"

#include "grammar/rules.hpp"

#include <tao/pegtl/demangle.hpp>

#include <string_view>
#include <vector>

namespace sinew::syntax {

// Where the caret goes.
enum class Place {
  token,    // at the unexpected token, or just after the previous token when the
            // unexpected one is on a later line (a forgotten `.` at the end of a line)
  opening,  // at the opening `"`, `"""` or `/*` of something never closed
  escape,   // at the backslash of an unknown escape
};

struct ErrorMessage {
  const Code* code = nullptr;
  std::string_view text;
  Place place = Place::token;
  unsigned opening_size = 0;  // Place::opening: bytes of the opening mark
};

template <typename Rule>
inline constexpr ErrorMessage error_message{};

namespace g = sinew::grammar;

// clang-format off
// ---- reading the text
template <> inline constexpr ErrorMessage error_message<tao::pegtl::eof> =
    {&codes::expected_statement, "this does not start a statement: expected a fact, a rule, "
     "or a declaration such as `kind` or `.decl`"};
template <> inline constexpr ErrorMessage error_message<g::end_of_text> =
    {&codes::unexpected_text, "unexpected text after the end"};
template <> inline constexpr ErrorMessage error_message<g::block_comment_rest> =
    {&codes::unterminated_comment, "this comment is never closed: add `*/` where it ends",
     Place::opening, 2};
template <> inline constexpr ErrorMessage error_message<g::short_string_rest> =
    {&codes::unterminated_string, "this quoted text is not closed: add `\"` before the end "
     "of the line, or use `\"\"\"` for text over several lines", Place::opening, 1};
template <> inline constexpr ErrorMessage error_message<g::long_string_rest> =
    {&codes::unterminated_string, "this long text is never closed: add `\"\"\"` where it ends",
     Place::opening, 3};
template <> inline constexpr ErrorMessage error_message<g::escaped_char> =
    {&codes::invalid_escape, "unknown escape in quoted text: only `\\\"`, `\\\\`, `\\n`, `\\t` "
     "and `\\r` are allowed (write `\\\\` for a backslash)", Place::escape};
template <> inline constexpr ErrorMessage error_message<g::string> =
    {&codes::expected_string, "expected quoted text here, as in `\"...\"`"};
template <> inline constexpr ErrorMessage error_message<g::period> =
    {&codes::expected_period, "expected `.` at the end of this statement"};
template <> inline constexpr ErrorMessage error_message<g::statement_end> =
    {&codes::expected_period, "expected the end of the statement here: a `.` or a new line"};

// ---- values and conditions
template <> inline constexpr ErrorMessage error_message<g::term> =
    {&codes::expected_term, "expected a value or a variable here"};
template <> inline constexpr ErrorMessage error_message<g::multiplicative> =
    {&codes::expected_term, "expected a value or a variable after this `+` or `-`"};
template <> inline constexpr ErrorMessage error_message<g::unary> =
    {&codes::expected_term, "expected a value or a variable after this operator"};
template <> inline constexpr ErrorMessage error_message<g::closing_parenthesis> =
    {&codes::expected_closing, "expected `)` to close the `(`"};
template <> inline constexpr ErrorMessage error_message<g::end_of_list> =
    {&codes::expected_closing, "expected `,` and another item, or `)` to close the list"};
template <> inline constexpr ErrorMessage error_message<g::closing_brace> =
    {&codes::expected_closing, "expected `}` to close the `{`"};
template <> inline constexpr ErrorMessage error_message<g::parameter_name> =
    {&codes::expected_name, "expected the parameter's name after `$`, as in `$finding`"};
template <> inline constexpr ErrorMessage error_message<g::aggregate_body> =
    {&codes::expected_literal, "expected what to aggregate over after `:`, "
     "as in `count : { has(F) }`"};
template <> inline constexpr ErrorMessage error_message<g::body> =
    {&codes::expected_literal, "expected a condition here, such as `has(F)` or `N > 3`"};
template <> inline constexpr ErrorMessage error_message<g::conjunction> =
    {&codes::expected_literal, "expected another condition after `;`"};
template <> inline constexpr ErrorMessage error_message<g::literal> =
    {&codes::expected_literal, "expected another condition after `,`"};
template <> inline constexpr ErrorMessage error_message<g::atom> =
    {&codes::expected_literal, "expected a fact here, such as `has(chest_pain)`"};
template <> inline constexpr ErrorMessage error_message<g::atom_list> =
    {&codes::expected_literal, "expected one or more facts here, such as `has(chest_pain)`"};
template <> inline constexpr ErrorMessage error_message<g::clause> =
    {&codes::expected_literal, "expected the rule itself after its name, "
     "as in `reach(X) :- has(X).`"};

// ---- Souffle directives
template <> inline constexpr ErrorMessage error_message<g::directive_body> =
    {&codes::expected_keyword, "expected `decl`, `type`, `input`, `output` or `printsize` "
     "right after `.`"};
template <> inline constexpr ErrorMessage error_message<g::relation_name> =
    {&codes::expected_name, "expected the relation's name here, such as `has`"};
template <> inline constexpr ErrorMessage error_message<g::columns> =
    {&codes::expected_symbol, "expected `(` and the relation's columns after its name, "
     "as in `has(f: finding)`"};
template <> inline constexpr ErrorMessage error_message<g::typed_parameter> =
    {&codes::expected_name, "expected another column after `,`, as in `n: number`"};
template <> inline constexpr ErrorMessage error_message<g::column_type> =
    {&codes::expected_type, "expected `:` and a type after the column's name, "
     "as in `f: finding`"};
template <> inline constexpr ErrorMessage error_message<g::range_limits> =
    {&codes::expected_term, "expected the column's range after `in`, such as `0..` (zero or "
     "more), `1..10` or `..7`"};
template <> inline constexpr ErrorMessage error_message<g::range_high> =
    {&codes::expected_term, "expected the largest number after `..`, as in `in ..7`"};
template <> inline constexpr ErrorMessage error_message<g::type_name> =
    {&codes::expected_type, "expected a type here, such as `number`, `symbol` or a kind"};
template <> inline constexpr ErrorMessage error_message<g::declared_type> =
    {&codes::expected_name, "expected the new type's name after `.type`"};
template <> inline constexpr ErrorMessage error_message<g::type_definition> =
    {&codes::expected_symbol, "expected `<:` and a type, or `=` and one or more types "
     "separated by `|`, after the type's name"};
template <> inline constexpr ErrorMessage error_message<g::io_target> =
    {&codes::expected_name, "expected the name of a relation here"};
template <> inline constexpr ErrorMessage error_message<g::io_option> =
    {&codes::expected_name, "expected another option after `,`, as in `filename=\"x.facts\"`"};
template <> inline constexpr ErrorMessage error_message<g::io_setting> =
    {&codes::expected_symbol, "expected `=` and a value after the option's name"};
template <> inline constexpr ErrorMessage error_message<g::io_value> =
    {&codes::expected_term, "expected the option's value after `=`: quoted text, a number "
     "or a name"};

// ---- the knowledge-graph layer
template <> inline constexpr ErrorMessage error_message<g::module_name> =
    {&codes::expected_name, "expected the module's name after `module`, "
     "as in `module back_and_shoulder`"};
template <> inline constexpr ErrorMessage error_message<g::source_name> =
    {&codes::expected_name, "expected the source's short name after `source`, "
     "as in `source seed`"};
template <> inline constexpr ErrorMessage error_message<g::source_block_end> =
    {&codes::expected_closing, "expected a property such as `publisher \"...\"`, "
     "or `}` to close the source"};
template <> inline constexpr ErrorMessage error_message<g::kind_name> =
    {&codes::expected_name, "expected the kind's name after `kind`, as in `kind symptom`"};
template <> inline constexpr ErrorMessage error_message<g::identifier_list> =
    {&codes::expected_name, "expected one or more names here, separated by `,`"};
template <> inline constexpr ErrorMessage error_message<g::listed_name> =
    {&codes::expected_name, "expected another name after `,`"};
template <> inline constexpr ErrorMessage error_message<g::scale_name> =
    {&codes::expected_name, "expected the scale's name after `scale`, "
     "as in `scale care_level`"};
template <> inline constexpr ErrorMessage error_message<g::scale_levels> =
    {&codes::expected_symbol, "expected `:` and the levels of the scale, lowest first, "
     "as in `: low < high`"};
template <> inline constexpr ErrorMessage error_message<g::scale_step> =
    {&codes::expected_symbol, "expected `<` and the next level: a scale has at least "
     "two levels"};
template <> inline constexpr ErrorMessage error_message<g::level_name> =
    {&codes::expected_name, "expected the name of a level of the scale here"};
template <> inline constexpr ErrorMessage error_message<g::entity> =
    {&codes::expected_name, "expected another entity after `,`"};
template <> inline constexpr ErrorMessage error_message<g::entity_block_end> =
    {&codes::expected_closing, "expected `definition`, `code`, `synonym`, `is_a`, "
     "or `}` to close the entity"};
template <> inline constexpr ErrorMessage error_message<g::code_system> =
    {&codes::expected_name, "expected the coding system after `code`, "
     "as in `code icd10 \"M32.9\"`"};
template <> inline constexpr ErrorMessage error_message<g::annotation_body> =
    {&codes::expected_keyword, "expected `cite`, `note` or `assumption` right after `@`"};
template <> inline constexpr ErrorMessage error_message<g::source_ref> =
    {&codes::expected_name, "expected the source's short name after `@cite`, "
     "as in `@cite seed \"...\"`"};
template <> inline constexpr ErrorMessage error_message<g::rule_name> =
    {&codes::expected_name, "expected the rule's name after `rule`, "
     "as in `rule spasm_is_urgent`"};
template <> inline constexpr ErrorMessage error_message<g::test_open> =
    {&codes::expected_symbol, "expected `{` after the test's name"};
template <> inline constexpr ErrorMessage error_message<g::test_end> =
    {&codes::expected_closing, "expected `given`, `expect`, a fact, or `}` to close the test"};
template <> inline constexpr ErrorMessage error_message<g::query_name> =
    {&codes::expected_name, "expected the query's name after `query`"};
template <> inline constexpr ErrorMessage error_message<g::question> =
    {&codes::expected_symbol, "expected `?-` and a question, or `?~` and a path question, "
     "after the query's name"};

// ---- queries
template <> inline constexpr ErrorMessage error_message<g::order_key> =
    {&codes::expected_name, "expected what to sort the answers by, as in `order by L desc, F`"};
template <> inline constexpr ErrorMessage error_message<g::limit_count> =
    {&codes::expected_term, "expected how many answers to show after `limit`, as in `limit 10`"};
template <> inline constexpr ErrorMessage error_message<g::path_question> =
    {&codes::expected_name, "expected the entity to start from after `?~`, "
     "as in `?~ lupus ~ seek_treatment_immediately.`"};
template <> inline constexpr ErrorMessage error_message<g::path_link> =
    {&codes::expected_symbol, "expected `~` (connected either way) or `->` (following the "
     "direction of the edges) between the two entities"};
template <> inline constexpr ErrorMessage error_message<g::path_end> =
    {&codes::expected_name, "expected the entity to reach, as in `lupus ~ muscle_soreness`"};
template <> inline constexpr ErrorMessage error_message<g::path_length> =
    {&codes::expected_term, "expected the longest path, in edges, after `within`, "
     "as in `within 10`"};
// clang-format on

// Every rule with a message, so that tests can reach each one. The control checks
// at compile time that a must<> target is listed here.
using rules_with_messages = tao::pegtl::type_list<
    tao::pegtl::eof, g::end_of_text, g::block_comment_rest, g::short_string_rest,
    g::long_string_rest, g::escaped_char, g::string, g::period, g::statement_end, g::term,
    g::multiplicative, g::unary, g::closing_parenthesis, g::end_of_list, g::closing_brace,
    g::parameter_name, g::aggregate_body, g::body, g::conjunction, g::literal, g::atom,
    g::atom_list, g::clause, g::directive_body, g::relation_name, g::columns, g::typed_parameter,
    g::column_type, g::range_limits, g::range_high, g::type_name, g::declared_type,
    g::type_definition, g::io_target, g::io_option, g::io_setting, g::io_value, g::module_name,
    g::source_name, g::source_block_end, g::kind_name, g::identifier_list, g::listed_name,
    g::scale_name, g::scale_levels, g::scale_step, g::level_name, g::entity, g::entity_block_end,
    g::code_system, g::annotation_body, g::source_ref, g::rule_name, g::test_open, g::test_end,
    g::query_name, g::question, g::order_key, g::limit_count, g::path_question, g::path_link,
    g::path_end, g::path_length>;

template <typename Rule, typename... Rules>
constexpr bool listed_in(tao::pegtl::type_list<Rules...>) {
  return (std::is_same_v<Rule, Rules> || ...);
}

template <typename Rule>
inline constexpr bool has_error_message = !error_message<Rule>.text.empty() &&
                                          listed_in<Rule>(rules_with_messages{});

template <typename... Rules>
constexpr bool all_have_messages(tao::pegtl::type_list<Rules...>) {
  // By the text: GCC does not fold `&global != nullptr` under -fsanitize=address.
  return (!error_message<Rules>.text.empty() && ...);
}
static_assert(all_have_messages(rules_with_messages{}),
              "a rule listed in rules_with_messages has no message");

struct ListedMessage {
  std::string_view rule;
  ErrorMessage message;
};

template <typename... Rules>
std::vector<ListedMessage> list_messages(tao::pegtl::type_list<Rules...>) {
  return {ListedMessage{tao::pegtl::demangle<Rules>(), error_message<Rules>}...};
}

inline std::vector<ListedMessage> all_error_messages() {
  return list_messages(rules_with_messages{});
}

}  // namespace sinew::syntax
