#pragma once
// The parse tree the grammar leaves behind: only the rules the AST builder reads.
//
// PEGTL's parse_tree keeps a node per selected rule and drops the nodes of failed
// alternatives, so speculative parsing (entity_decl, then edge, then clause) never
// leaves half-built AST behind. The builder then reads one statement's tree.

#include "grammar/rules.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <cstdint>
#include <memory>
#include <string_view>
#include <type_traits>

namespace sinew::syntax {

namespace g = sinew::grammar;

// The rules that get a node. Rules not listed here pass their children to their parent.
using selected_rules = tao::pegtl::type_list<
    // names and tokens
    g::identifier, g::function_name, g::parameter_name, g::relation_name, g::type_name,
    g::declared_type, g::module_name, g::source_name, g::kind_name, g::listed_name,
    g::scale_name, g::level_name, g::code_system, g::source_ref, g::rule_name, g::query_name,
    g::integer, g::floating, g::short_string, g::long_string, g::wildcard, g::parameter,
    g::add_op, g::mul_op, g::comparison_op, g::aggregate_function, g::relation_role,
    g::io_kind, g::qualifier, g::source_key, g::expect_not,
    // terms
    g::negative, g::additive, g::multiplicative, g::parenthesized, g::call, g::arguments,
    g::aggregate, g::aggregate_body,
    // the Datalog core
    g::atom, g::atom_list, g::clause, g::body, g::conjunction, g::negation, g::group,
    g::comparison,
    // statements
    g::directive, g::decl_directive, g::typed_parameter, g::type_directive, g::type_definition,
    g::io_directive, g::io_target, g::io_option, g::module_decl, g::import_decl, g::source_decl,
    g::source_block, g::source_property, g::kind_decl, g::identifier_list, g::scale_decl,
    g::relation_decl, g::entity_decl, g::entity, g::entity_block, g::definition_property,
    g::code_property, g::synonym_property, g::is_a_property, g::edge, g::edge_end_list,
    g::annotation, g::cite, g::note, g::assumption, g::rule_decl, g::test_decl, g::given,
    g::expectation, g::fact_list, g::query_decl>;

template <typename Rule, typename... Rules>
constexpr int index_of(tao::pegtl::type_list<Rules...>) {
  int index = -1;
  int i = 0;
  ((std::is_same_v<Rule, Rules> ? (index = i, ++i) : ++i), ...);
  return index;
}

template <typename Rule>
inline constexpr int node_id = index_of<Rule>(selected_rules{});

struct Node : tao::pegtl::parse_tree::basic_node<Node> {
  int id = -1;

  template <typename Rule, typename Input, typename... States>
  void start(const Input& in, States&&... states) {
    basic_node::template start<Rule>(in, states...);
    id = node_id<Rule>;
  }

  template <typename Rule>
  bool is() const {
    return id == node_id<Rule>;
  }
  std::string_view text() const { return string_view(); }
  const Node& child(std::size_t i) const { return *children.at(i); }
};

// A binary chain with one operand is just that operand.
struct FoldSingle {
  template <typename... States>
  static void transform(std::unique_ptr<Node>& node, States&&...) {
    if (node->children.size() == 1) node = std::move(node->children.front());
  }
};

template <typename Rule>
struct Selector : std::bool_constant<(node_id<Rule> >= 0)> {};
template <>
struct Selector<g::additive> : std::true_type, FoldSingle {};
template <>
struct Selector<g::multiplicative> : std::true_type, FoldSingle {};

}  // namespace sinew::syntax
