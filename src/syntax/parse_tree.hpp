#pragma once
// The parse tree the grammar leaves behind: only the rules the AST builder reads.
//
// The control's start/success/failure hooks build it for the selected rules only.
// Nodes go into one flat array in post-order (a node after its descendants), so a
// failed alternative is undone by truncating the array: speculative parsing
// (entity_decl, then edge, then clause) never leaves half-built nodes behind, and no
// node costs an allocation. (PEGTL's contrib parse_tree allocates a node for every
// attempt of every rule on the way to a selected one; that dominated parse time.)

#include "grammar/rules.hpp"

#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sinew::syntax {

namespace g = sinew::grammar;

// The rules that get a node. Rules not listed here pass their children to their parent.
using selected_rules = tao::pegtl::type_list<
    // names and tokens
    g::identifier, g::function_name, g::parameter_name, g::relation_name, g::type_name,
    g::declared_type, g::module_name, g::source_name, g::kind_name, g::listed_name, g::scale_name,
    g::level_name, g::code_system, g::source_ref, g::rule_name, g::query_name, g::integer,
    g::floating, g::short_string, g::long_string, g::wildcard, g::parameter, g::add_op, g::mul_op,
    g::comparison_op, g::aggregate_function, g::relation_role, g::io_kind, g::qualifier,
    g::source_key, g::expect_not,
    // terms
    g::negative, g::additive, g::multiplicative, g::parenthesized, g::call, g::arguments,
    g::aggregate, g::aggregate_body,
    // the Datalog core
    g::atom, g::atom_list, g::clause, g::body, g::conjunction, g::negation, g::group, g::comparison,
    // statements
    g::directive, g::decl_directive, g::typed_parameter, g::range_low, g::range_high,
    g::type_directive, g::type_definition, g::io_directive, g::io_target, g::io_option,
    g::module_decl, g::import_decl, g::source_decl, g::source_block, g::source_property,
    g::kind_decl, g::identifier_list, g::scale_decl, g::relation_decl, g::entity_decl, g::entity,
    g::entity_block, g::definition_property, g::code_property, g::synonym_property,
    g::is_a_property, g::edge, g::edge_end_list, g::annotation, g::cite, g::note, g::assumption,
    g::rule_decl, g::test_decl, g::exclusive_decl, g::given, g::expectation, g::fact_list,
    g::query_decl, g::query_text,
    // queries
    g::selection, g::selected_aggregate, g::order_key, g::order_direction, g::limit_count,
    g::path_question, g::path_link, g::path_through, g::path_all, g::path_within, g::path_length>;

template <typename Rule, typename... Rules>
constexpr int index_of(tao::pegtl::type_list<Rules...>) {
  int index = -1;
  int i = 0;
  ((std::is_same_v<Rule, Rules> ? (index = i, ++i) : ++i), ...);
  return index;
}

template <typename Rule>
inline constexpr int node_id = index_of<Rule>(selected_rules{});

template <typename Rule>
inline constexpr bool is_selected = node_id<Rule> >= 0;

// A binary chain with one operand is just that operand: no node of its own.
template <typename Rule>
inline constexpr bool folds_single_child = std::is_same_v<Rule, g::additive> ||
                                           std::is_same_v<Rule, g::multiplicative>;

class Tree;

// A node of a Tree, by index.
class Node {
 public:
  Node(const Tree* tree, std::int32_t index) : tree_(tree), index_(index) {}

  template <typename Rule>
  bool is() const {
    return id() == node_id<Rule>;
  }
  int id() const;
  std::uint32_t begin() const;  // byte offsets in the file
  std::uint32_t end() const;
  std::string_view text() const;
  std::size_t child_count() const;
  Node child(std::size_t i) const;  // walks the siblings: for the first few children
  Node last_child() const;

  class Iterator {
   public:
    Iterator(const Tree* tree, std::int32_t index) : tree_(tree), index_(index) {}
    Node operator*() const { return Node(tree_, index_); }
    Iterator& operator++();
    bool operator!=(const Iterator& other) const { return index_ != other.index_; }

   private:
    const Tree* tree_;
    std::int32_t index_;
  };
  struct Children {
    Iterator first;
    Iterator last;
    Iterator begin() const { return first; }
    Iterator end() const { return last; }
  };
  Children children() const;

 private:
  const Tree* tree_;
  std::int32_t index_;
};

class Tree {
 public:
  explicit Tree(const char* base) : base_(base) {}

  void clear() {
    nodes_.clear();
    marks_.clear();
  }
  void start(const char* at) {
    marks_.push_back(Mark{static_cast<std::int32_t>(nodes_.size()), offset(at)});
  }
  void failure() {
    nodes_.resize(static_cast<std::size_t>(marks_.back().first_node));
    marks_.pop_back();
  }
  void success(int id, bool fold_single, const char* at);

  // The last node completed: the whole of what was parsed.
  Node root() const { return Node(this, static_cast<std::int32_t>(nodes_.size()) - 1); }
  bool empty() const { return nodes_.empty(); }

 private:
  friend class Node;
  struct Entry {
    int id = -1;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::int32_t first_descendant = 0;  // where this node's subtree starts in nodes_
    std::int32_t first_child = -1;
    std::int32_t next_sibling = -1;
    std::uint32_t child_count = 0;
  };
  struct Mark {
    std::int32_t first_node;
    std::uint32_t begin;
  };

  std::uint32_t offset(const char* at) const { return static_cast<std::uint32_t>(at - base_); }

  const char* base_;
  std::vector<Entry> nodes_;
  std::vector<Mark> marks_;
};

inline void Tree::success(int id, bool fold_single, const char* at) {
  Mark mark = marks_.back();
  marks_.pop_back();
  // The direct children are the roots of the subtrees completed since start():
  // walk them from the last, jumping over each one's descendants.
  std::int32_t first_child = -1;
  std::uint32_t count = 0;
  for (auto i = static_cast<std::int32_t>(nodes_.size()) - 1; i >= mark.first_node;
       i = nodes_[static_cast<std::size_t>(i)].first_descendant - 1) {
    nodes_[static_cast<std::size_t>(i)].next_sibling = first_child;
    first_child = i;
    ++count;
  }
  if (fold_single && count == 1) return;
  nodes_.push_back(Entry{id, mark.begin, offset(at), mark.first_node, first_child, -1, count});
}

inline int Node::id() const { return tree_->nodes_[static_cast<std::size_t>(index_)].id; }
inline std::uint32_t Node::begin() const {
  return tree_->nodes_[static_cast<std::size_t>(index_)].begin;
}
inline std::uint32_t Node::end() const {
  return tree_->nodes_[static_cast<std::size_t>(index_)].end;
}
inline std::string_view Node::text() const {
  return std::string_view(tree_->base_ + begin(), end() - begin());
}
inline std::size_t Node::child_count() const {
  return tree_->nodes_[static_cast<std::size_t>(index_)].child_count;
}
inline Node::Children Node::children() const {
  return Children{Iterator(tree_, tree_->nodes_[static_cast<std::size_t>(index_)].first_child),
                  Iterator(tree_, -1)};
}
inline Node Node::child(std::size_t i) const {
  auto it = children().begin();
  for (; i > 0; --i) ++it;
  return *it;
}
inline Node Node::last_child() const {
  // In post-order the last child comes right before its parent.
  return Node(tree_, index_ - 1);
}
inline Node::Iterator& Node::Iterator::operator++() {
  index_ = tree_->nodes_[static_cast<std::size_t>(index_)].next_sibling;
  return *this;
}

}  // namespace sinew::syntax
