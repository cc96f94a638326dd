#pragma once
// The PEGTL control of the parser: errors from the message table, and a depth limit.

#include "error_messages.hpp"
#include "parse_tree.hpp"
#include "syntax_error.hpp"

#include "grammar/rules.hpp"

#include <type_traits>

namespace sinew::syntax {

// Turns a failed must<> point into a SyntaxError with a span chosen by `message.place`.
// `at` is where the required rule was tried: the end of the previous token.
SyntaxError make_syntax_error(const ParseContext& context, const char* at,
                              const ErrorMessage& message);
// The error for brackets nested deeper than the context allows, at `at`.
SyntaxError make_depth_error(const ParseContext& context, const char* at);

// expect<R> is must<ws<R>>: its message is R's.
template <typename Rule>
struct must_target {
  using type = Rule;
};
template <typename Rule>
struct must_target<grammar::ws<Rule>> {
  using type = Rule;
};

// The rules through which every recursion of the grammar passes: limiting how deep
// they nest bounds the parser's stack (and the tree's) whatever the input.
template <typename Rule>
inline constexpr bool counts_depth =
    std::is_same_v<Rule, grammar::negative> || std::is_same_v<Rule, grammar::parenthesized> ||
    std::is_same_v<Rule, grammar::arguments> || std::is_same_v<Rule, grammar::group> ||
    std::is_same_v<Rule, grammar::aggregate> || std::is_same_v<Rule, grammar::aggregate_body>;

template <typename... States>
ParseContext& find_context(States&... states) {
  ParseContext* found = nullptr;
  (
      [&](auto& state) {
        if constexpr (std::is_same_v<std::decay_t<decltype(state)>, ParseContext>) {
          found = &state;
        }
      }(states),
      ...);
  return *found;
}

template <typename Rule>
struct Control : tao::pegtl::normal<Rule> {
  // The parse tree: a node for each selected rule that matched.
  template <typename Input, typename... States>
  static void start(const Input& in, States&... states) {
    if constexpr (is_selected<Rule>) {
      if (Tree* tree = find_context(states...).tree) tree->start(in.current());
    }
  }
  template <typename Input, typename... States>
  static void success(const Input& in, States&... states) {
    if constexpr (is_selected<Rule>) {
      if (Tree* tree = find_context(states...).tree) {
        tree->success(node_id<Rule>, folds_single_child<Rule>, in.current());
      }
    }
  }
  template <typename Input, typename... States>
  static void failure(const Input&, States&... states) {
    if constexpr (is_selected<Rule>) {
      if (Tree* tree = find_context(states...).tree) tree->failure();
    }
  }

  // PEGTL's must_if pattern: a must<> point without a message does not compile.
  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, States&&... states) {
    using Target = typename must_target<Rule>::type;
    static_assert(has_error_message<Target>,
                  "a must<> point of grammar/rules.hpp has no entry in error_messages.hpp");
    throw make_syntax_error(find_context(states...), in.current(), error_message<Target>);
  }

  // must<R> tries R without rewinding on failure; a must target rewinds anyway, so
  // that raise() sees where R started (the end of the previous token, the opening
  // quote) rather than wherever R gave up.
  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Ctl, typename Input,
            typename... States>
  [[nodiscard]] static bool match(Input& in, States&&... states) {
    constexpr auto rewind = has_error_message<typename must_target<Rule>::type>
                                ? tao::pegtl::rewind_mode::required
                                : M;
    if constexpr (counts_depth<Rule>) {
      ParseContext& context = find_context(states...);
      if (context.depth >= context.max_depth) throw make_depth_error(context, in.current());
      ++context.depth;
      struct Leave {
        ParseContext& context;
        ~Leave() { --context.depth; }
      } leave{context};
      return tao::pegtl::normal<Rule>::template match<A, rewind, Action, Ctl>(in, states...);
    } else {
      return tao::pegtl::normal<Rule>::template match<A, rewind, Action, Ctl>(in, states...);
    }
  }
};

}  // namespace sinew::syntax
