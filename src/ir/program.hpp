#pragma once
// The IR: a checked program, ready to evaluate or to compile to a `.sinewb` file.
//
// Names are resolved to indices, constants to values, rules are normalised (one head,
// a conjunction of literals, atoms whose arguments are variables, constants or `_`),
// strata are in evaluation order, and every rule and fact keeps its origin.
// Nothing here depends on the syntax: a compiled file is read straight into this form.

#include "ir/facts.hpp"
#include "ir/origins.hpp"
#include "support/span.hpp"
#include "support/symbol_table.hpp"

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sinew::ir {

using RuleId = std::uint32_t;
using VariableId = std::uint32_t;
inline constexpr std::uint32_t none = 0xffffffffu;

// Every value (`Value`, facts.hpp) is one 64-bit word: a number is its two's
// complement, an unsigned is itself, a float is its bit pattern, a symbol is its SymbolId.

enum class BaseType : std::uint8_t { number, unsigned_number, floating, symbol };

struct ColumnType {
  BaseType base = BaseType::symbol;
  std::string name;            // as declared: "number", "finding", "care_level", ...
  std::uint32_t scale = none;  // index into Program::scales when the values are levels
  friend bool operator==(const ColumnType&, const ColumnType&) = default;
};

// The numbers a case may give a column of an input (`n: number in 0..`): low <= v <= high,
// each side open when absent. Values are in the column's type (two's complement, or a
// double's bits). Checked where a case is read, not in the rules.
struct ColumnRange {
  std::optional<Value> low, high;
  bool empty() const { return !low && !high; }
  // Whether `value`, of a column of `base`, lies in the range.
  bool contains(BaseType base, Value value) const {
    auto less = [base](Value a, Value b) {
      switch (base) {
        case BaseType::number: return static_cast<std::int64_t>(a) < static_cast<std::int64_t>(b);
        case BaseType::floating: return std::bit_cast<double>(a) < std::bit_cast<double>(b);
        case BaseType::unsigned_number:
        case BaseType::symbol: break;
      }
      return a < b;
    };
    return !(low && less(value, *low)) && !(high && less(*high, value));
  }
  friend bool operator==(const ColumnRange&, const ColumnRange&) = default;
};

struct Column {
  std::string name;
  ColumnType type;
  ColumnRange range{};  // inputs only; empty elsewhere
};

struct Relation {
  std::string name;
  std::vector<Column> columns;
  bool case_input = false;  // `input`: facts come from a case or a test
  bool output = false;      // `output` or `.output`: a conclusion, written by `run`
  bool print_size = false;  // `.printsize`: `run` prints its size
  bool load_facts = false;  // `.input`: read from the facts directory
  std::string facts_file;   // file name inside the facts directory (`name.facts`)
  char delimiter = '\t';
  bool headers = false;          // `headers=true`: the facts file's first line names the columns
  bool kind_membership = false;  // the unary relation of a kind or scale (`symptom(S)`)
  OriginId origin = none;        // where it is declared

  std::size_t arity() const { return columns.size(); }
};

// ---- rules -------------------------------------------------------------------------

// An expression computed from bound variables.
struct Expr {
  enum class Op : std::uint8_t {
    variable,
    constant,
    add,
    sub,
    mul,
    div,
    mod,
    neg,  // on `type`
    cat,
    strlen,
    to_number,
    to_string,
    min,
    max,
    abs,
  };
  Op op = Op::constant;
  BaseType type = BaseType::number;  // the type of the result
  VariableId variable = none;
  Value constant = 0;
  std::vector<Expr> args;
  Span span;
  friend bool operator==(const Expr&, const Expr&) = default;
};

// An argument of a body atom.
struct Argument {
  enum class Kind : std::uint8_t { variable, constant, wildcard };
  Kind kind = Kind::wildcard;
  VariableId variable = none;
  Value constant = 0;
  friend bool operator==(const Argument&, const Argument&) = default;
};

struct AtomRef {
  RelationId relation = none;
  std::vector<Argument> args;
  friend bool operator==(const AtomRef&, const AtomRef&) = default;
};

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge };

// How two values of a comparison or an aggregate are ordered.
struct Ordering {
  BaseType base = BaseType::number;
  std::uint32_t scale = none;  // compare by rank on this scale
  friend bool operator==(const Ordering&, const Ordering&) = default;
};

struct Literal;

enum class AggregateOp : std::uint8_t { count, sum, min, max, mean };

// `result = op target : { body }`. Variables of the body that are bound outside it
// group the aggregate; the others are local to it.
struct Aggregate {
  AggregateOp op = AggregateOp::count;
  VariableId result = none;
  std::optional<Expr> target;
  Ordering ordering;  // for min/max; the type of sum/mean
  std::vector<Literal> body;
  friend bool operator==(const Aggregate&, const Aggregate&) = default;
};

struct Literal {
  enum class Kind : std::uint8_t {
    positive,    // atom
    negative,    // !atom
    comparison,  // lhs op rhs; `X = expr` binds X when X is not bound before it
    aggregate,   // aggregate
  };
  Kind kind = Kind::positive;
  AtomRef atom;
  CompareOp op = CompareOp::eq;
  Ordering ordering;
  Expr lhs, rhs;
  std::vector<Aggregate> aggregate;  // exactly one for Kind::aggregate
  Span span;
  friend bool operator==(const Literal&, const Literal&) = default;
};

// The order in which a rule's body literals are evaluated. `delta` names the body
// literal that reads only the facts new in the last round (semi-naive evaluation),
// or is `none` for the plan that reads everything.
struct JoinPlan {
  std::uint32_t delta = none;
  std::vector<std::uint32_t> order;
  friend bool operator==(const JoinPlan&, const JoinPlan&) = default;
};

struct Rule {
  RelationId head = none;
  std::vector<Expr> head_args;
  std::vector<Literal> body;
  std::vector<std::string> variables;  // names, for explanations; index = VariableId
  std::vector<JoinPlan> plans;         // filled by ir::plan
  OriginId origin = none;
};

// ---- the knowledge-graph layer -----------------------------------------------------

struct Source {
  std::string id;
  std::string title;
  std::string publisher, author, url, date, license, disclaimer;
  std::string file;  // as written in the source declaration
  std::optional<std::string> text;
};

struct Kind {
  std::string name;
  std::string label;
  std::vector<std::uint32_t> parents;  // indices into Program::kinds
  RelationId members = none;           // its membership relation
};

struct Scale {
  std::string name;
  std::vector<SymbolId> levels;  // lowest first
  RelationId members = none;
};

struct EntityCode {
  std::string system, value;
};

struct Entity {
  SymbolId id = 0;
  std::string label;
  std::string definition;
  std::vector<std::uint32_t> kinds;  // the kinds it is declared with
  std::vector<EntityCode> codes;
  std::vector<std::string> synonyms;
  std::vector<SymbolId> parents;  // is_a
  OriginId origin = none;
};

struct Expectation {
  bool negated = false;
  RelationId relation = none;
  std::vector<std::optional<Value>> args;  // nullopt: `_`
};

struct TestCase {
  std::string name;
  std::vector<Fact> given;
  std::vector<Expectation> expectations;
  OriginId origin = none;
};

// A column of a query's answers as shown: the values of an answer column, or an
// aggregate over the answers of each group (the answers that agree on every `value`
// column).
struct QueryColumn {
  enum class Kind : std::uint8_t { value, count, sum, min, max, mean };
  Kind kind = Kind::value;
  std::string name;             // the header: `F`, `count`, `max(L)`
  std::uint32_t source = none;  // the answer column read (every kind but count)
  ColumnType type;              // of the values shown
  friend bool operator==(const QueryColumn&, const QueryColumn&) = default;
};

struct QueryOrder {
  std::uint32_t column = 0;  // index into Query::columns
  bool descending = false;
  friend bool operator==(const QueryOrder&, const QueryOrder&) = default;
};

// `?~ from ~ to`: how two entities are connected in the knowledge graph.
struct PathQuestion {
  std::string from, to;             // entity ids
  Span from_span, to_span;          // valid only in the session that parsed the query
  bool directed = false;            // follow edges only from subject to object
  std::vector<RelationId> through;  // only edges of these relations; empty: all
  bool all = false;                 // every simple path, shortest first; else one shortest
  std::uint32_t max_length = 6;     // edges
  friend bool operator==(const PathQuestion&, const PathQuestion&) = default;
};

// A `$name` of a saved query, typed by where the query uses it.
struct QueryParameter {
  std::string name;
  ColumnType type;
  friend bool operator==(const QueryParameter&, const QueryParameter&) = default;
};

// A `?-` query. Its answer relation holds the bindings of `answer_variables` that
// satisfy one of the alternatives; `columns`, `order` and `limit` then shape what is
// shown. A `?~` query has a `path` and no alternatives.
struct Query {
  std::string name;  // empty for an unnamed `?-` line
  std::string text;  // as written
  std::vector<std::vector<Literal>> alternatives;
  std::vector<std::string> variables;  // names; index = VariableId
  // The answer relation's columns: without a selection, the named variables in order of
  // first appearance; with one, the selected variables; with an aggregate, every
  // variable the alternatives bind (a `_` of an atom too), so that each way the body
  // holds is one answer to count or add up.
  std::vector<VariableId> answer_variables;
  std::vector<ColumnType> answer_types;  // the type of each answer variable
  std::vector<QueryColumn> columns;      // shown; empty: the answer columns as they are
  std::vector<QueryOrder> order;         // applied after the default (sorted) order
  std::optional<std::uint64_t> limit;
  std::optional<PathQuestion> path;
  // The `$name`s of a saved query. When `awaiting_values`, the alternatives (or the
  // path's ends) hold placeholders: the query was checked, and is lowered again with
  // the values before it runs (`sinew query --name q --param name=value`).
  std::vector<QueryParameter> parameters;
  bool awaiting_values = false;
  OriginId origin = none;
};

// `exclusive a, b.`: facts that no case may conclude together (checked by the
// analysis of `sinew check --deep`, not by evaluation).
struct Exclusion {
  std::vector<Fact> facts;
  OriginId origin = none;
};

struct Stratum {
  std::vector<RelationId> relations;
  std::vector<RuleId> rules;
  bool recursive = false;
};

struct Program {
  std::string module_name, module_version;
  SymbolTable symbols;
  std::vector<Relation> relations;
  std::vector<Rule> rules;
  Facts facts;
  std::vector<Stratum> strata;  // in evaluation order
  Origins origins;
  std::vector<Source> sources;
  std::vector<Kind> kinds;
  std::vector<Scale> scales;
  std::vector<Entity> entities;  // sorted by id text
  std::vector<TestCase> tests;
  std::vector<Query> queries;
  std::vector<Exclusion> exclusions;  // not kept in compiled files

  std::optional<RelationId> find_relation(std::string_view name) const;
};

// Adds to `out` the relation of each atom `body` reads, `!` atoms and atoms inside
// aggregates too, in the order written (a relation read twice is added twice).
void add_relations_read(const std::vector<Literal>& body, std::vector<RelationId>& out);

}  // namespace sinew::ir
