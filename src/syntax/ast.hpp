#pragma once
// The abstract syntax tree: what the author wrote, every node with its span.
//
// The tree keeps the author's words (names as text, not yet resolved); the checker
// in `semantics` resolves them and lowers the tree to the IR.

#include "support/span.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sinew::ast {

// Which naming convention a file uses (DESIGN section 2).
enum class Dialect {
  sinew,    // .sinew: upper-case or `_` starts a variable, lower-case names are constants
  souffle,  // .dl: every identifier in a term is a variable, symbols are quoted strings
};

// Whether a name in a term is a variable in `dialect` (DESIGN section 2): every name in
// .dl; in .sinew one that starts with `_` or an ASCII upper-case letter, whatever the
// locale. One rule for the parser's terms and the query's answer columns, which had
// each written it (one with the locale's `isupper`).
constexpr bool is_variable_name(std::string_view name, Dialect dialect) {
  if (dialect == Dialect::souffle) return true;
  if (name.empty()) return false;
  char first = name.front();
  return first == '_' || (first >= 'A' && first <= 'Z');
}

struct Name {
  std::string text;
  Span span;
  friend bool operator==(const Name&, const Name&) = default;
};

struct Literal;

struct Term {
  enum class Kind {
    variable,   // text = name; `_X` is a variable too
    wildcard,   // `_`
    constant,   // text = a bare name in a .sinew file: an entity or symbol
    string,     // text = the unescaped string
    integer,    // integer; `-3` (and `-(3)`) is the integer -3, not a negate
    floating,   // floating; likewise `-2.5`
    parameter,  // text = name, without the `$`
    negate,     // args[0]; a number only in -(-9223372036854775808), which has no integer
    binary,     // text = "+", "-", "*", "/", "%"; args[0], args[1]
    call,       // text = function name; args
    aggregate,  // text = "count", "sum", "min", "max", "mean"; args = target (0 or 1); body
  };
  Kind kind = Kind::wildcard;
  Span span;
  std::string text;
  std::int64_t integer = 0;
  double floating = 0;
  std::vector<Term> args;
  std::vector<std::vector<Literal>> body;  // aggregate body, in disjunctive normal form

  friend bool operator==(const Term&, const Term&) = default;
};

struct Atom {
  Name relation;
  std::vector<Term> args;
  bool parenthesized = true;  // false for a bare `several_days`
  Span span;
  friend bool operator==(const Atom&, const Atom&) = default;
};

struct Literal {
  enum class Kind {
    atom,        // atom
    negation,    // `!atom`
    comparison,  // lhs op rhs; op is "=", "!=", "<", "<=", ">", ">="
    group,       // `( a ; b )`: alternatives, each a conjunction
  };
  Kind kind = Kind::atom;
  Span span;
  Atom atom;
  std::string op;
  std::vector<Term> operands;                      // comparison: lhs, rhs
  std::vector<std::vector<Literal>> alternatives;  // group

  friend bool operator==(const Literal&, const Literal&) = default;
};

// `heads :- body.`; a fact when `body` is empty. The body is a disjunction of
// conjunctions (`;` separates the alternatives); most rules have one alternative.
struct Clause {
  std::vector<Atom> heads;
  std::vector<std::vector<Literal>> body;
  Span span;
  friend bool operator==(const Clause&, const Clause&) = default;
};

// ---- annotations -----------------------------------------------------------------

struct Annotation {
  enum class Kind { cite, note, assumption };
  Kind kind = Kind::note;
  Name source;       // cite only
  std::string text;  // the quote, note or assumption
  Span text_span;    // the string literal
  Span span;
  friend bool operator==(const Annotation&, const Annotation&) = default;
};

// ---- Souffle directives ------------------------------------------------------------

// `in 0..`, `in 1..10`, `in ..7` after a column's type: the numbers a case may give.
struct ColumnRange {
  std::string low, high;  // as written ("0", "-2.5"); empty for an open side
  Span span;              // the numbers of the range, both ends when there are two
  friend bool operator==(const ColumnRange&, const ColumnRange&) = default;
};

struct Parameter {
  Name name;
  Name type;
  std::optional<ColumnRange> range;
  friend bool operator==(const Parameter&, const Parameter&) = default;
};

// `.decl`, or `relation` / `input` / `output` of the knowledge-graph layer.
struct RelationDecl {
  enum class Role {
    plain,   // .decl or `relation`
    input,   // `input`: a case supplies these facts
    output,  // `output`: a conclusion of the knowledge base
  };
  Role role = Role::plain;
  bool souffle_form = false;  // written `.decl`
  Name name;
  std::vector<Parameter> params;
  std::vector<Name> qualifiers;
  friend bool operator==(const RelationDecl&, const RelationDecl&) = default;
};

// `.type Name <: base` (subtype) or `.type Name = a | b` (alias or union).
struct TypeDecl {
  Name name;
  bool subtype = false;
  std::vector<Name> bases;
  friend bool operator==(const TypeDecl&, const TypeDecl&) = default;
};

struct IoOption {
  Name key;
  Term value;  // string, integer or constant
  friend bool operator==(const IoOption&, const IoOption&) = default;
};

struct IoTarget {
  Name relation;
  std::vector<IoOption> options;
  friend bool operator==(const IoTarget&, const IoTarget&) = default;
};

// `.input`, `.output`, `.printsize`.
struct IoDirective {
  enum class Kind { input, output, printsize };
  Kind kind = Kind::input;
  std::vector<IoTarget> targets;
  friend bool operator==(const IoDirective&, const IoDirective&) = default;
};

// ---- the knowledge-graph layer --------------------------------------------------

struct ModuleDecl {
  Name name;
  std::optional<std::string> version;
  friend bool operator==(const ModuleDecl&, const ModuleDecl&) = default;
};

struct ImportDecl {
  std::string path;
  Span path_span;
  friend bool operator==(const ImportDecl&, const ImportDecl&) = default;
};

struct Property {
  Name key;
  std::string value;
  Span value_span;
  friend bool operator==(const Property&, const Property&) = default;
};

struct SourceDecl {
  Name id;
  std::optional<std::string> title;
  bool braces = false;               // written `{ ... }`
  std::vector<Property> properties;  // publisher, disclaimer, file, text, ...
  friend bool operator==(const SourceDecl&, const SourceDecl&) = default;
};

struct KindDecl {
  Name name;
  std::optional<std::string> label;
  std::vector<Name> parents;
  friend bool operator==(const KindDecl&, const KindDecl&) = default;
};

// `scale care_level : self_care < see_physician < ...`, lowest first.
struct ScaleDecl {
  Name name;
  std::vector<Name> levels;
  friend bool operator==(const ScaleDecl&, const ScaleDecl&) = default;
};

struct Code {
  Name system;  // icd10, snomed, doid, ...
  std::string value;
  Span value_span;
  friend bool operator==(const Code&, const Code&) = default;
};

struct Entity {
  Name id;
  std::optional<std::string> label;
  std::optional<std::string> definition;
  std::vector<Code> codes;
  std::vector<std::string> synonyms;
  std::vector<Name> parents;  // is_a
  Span span;
  friend bool operator==(const Entity&, const Entity&) = default;
};

// `kind id "Label" { ... }` or `kind a, b, c.`
struct EntityDecl {
  Name kind;
  std::vector<Entity> entities;
  bool block = false;  // the single entity has a `{ ... }` block
  friend bool operator==(const EntityDecl&, const EntityDecl&) = default;
};

// `subjects relation objects.`: one fact per pair.
struct Edge {
  std::vector<Term> subjects;
  Name relation;
  std::vector<Term> objects;
  friend bool operator==(const Edge&, const Edge&) = default;
};

// A clause, named (`rule name ... clause`) or not.
struct RuleDecl {
  std::optional<Name> name;
  Clause clause;
  friend bool operator==(const RuleDecl&, const RuleDecl&) = default;
};

struct Expectation {
  bool negated = false;  // `expect not ...`
  Atom atom;
  friend bool operator==(const Expectation&, const Expectation&) = default;
};

struct TestDecl {
  std::string name;
  Span name_span;
  std::vector<Atom> given;
  std::vector<Expectation> expectations;
  friend bool operator==(const TestDecl&, const TestDecl&) = default;
};

// `exclusive advise(heat), advise(ice).`: facts no case may conclude together.
struct ExclusiveDecl {
  std::vector<Atom> atoms;
  friend bool operator==(const ExclusiveDecl&, const ExclusiveDecl&) = default;
};

// A column of a query's answers, written before `:` (`?- F, count : ...`), or a key
// of `order by`: a variable, or an aggregate over the answers.
struct Selected {
  enum class Kind { variable, count, sum, min, max, mean };
  Kind kind = Kind::variable;
  Name variable;  // empty for `count`
  Span span;
  friend bool operator==(const Selected&, const Selected&) = default;
};

struct OrderKey {
  Selected key;
  bool descending = false;  // `desc`; `asc` is the default
  friend bool operator==(const OrderKey&, const OrderKey&) = default;
};

// `?~ from ~ to` (either way) or `?~ from -> to` (along the edges), with its options.
struct PathQuestion {
  Term from, to;              // constant (a bare name, in either dialect), string or parameter
  bool directed = false;      // `->`
  std::vector<Name> through;  // `through r, s`: only edges of these relations
  bool all = false;           // `all`: every simple path, not one shortest
  std::optional<std::int64_t> within;  // `within N`: at most N edges
  Span within_span;
  friend bool operator==(const PathQuestion&, const PathQuestion&) = default;
};

// `?- [selection :] body [order by keys] [limit N].` or `?~ path question.`, with an
// optional name (`query red_flags ?- ...`).
struct QueryDecl {
  std::optional<Name> name;
  std::vector<Selected> selection;  // empty: every named variable of the body
  std::vector<std::vector<Literal>> body;
  std::vector<OrderKey> order;
  std::optional<std::int64_t> limit;
  Span limit_span;
  std::optional<PathQuestion> path;  // a `?~` question (its body is empty)
  friend bool operator==(const QueryDecl&, const QueryDecl&) = default;
};

using StatementNode =
    std::variant<RelationDecl, TypeDecl, IoDirective, ModuleDecl, ImportDecl, SourceDecl, KindDecl,
                 ScaleDecl, EntityDecl, Edge, RuleDecl, TestDecl, QueryDecl, ExclusiveDecl>;

struct Statement {
  StatementNode node;
  std::vector<Annotation> annotations;  // those written after it (or inside `rule`)
  Span span;
  friend bool operator==(const Statement&, const Statement&) = default;
};

// One parsed file.
struct Module {
  FileId file = no_file;
  Dialect dialect = Dialect::sinew;
  std::vector<Statement> statements;
  friend bool operator==(const Module&, const Module&) = default;
};

}  // namespace sinew::ast
