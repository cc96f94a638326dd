#pragma once
// Matcher: the solutions of a conjunction over an evaluated database, one at a time,
// by backtracking. Explanations use it to re-find the facts behind a conclusion and
// the first condition that fails; it is simple rather than fast (full scans where the
// engine would probe an index), which is right for one fact at a time.

#include "engine/database.hpp"
#include "engine/expression.hpp"
#include "ir/program.hpp"

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace sinew::explain {

// Variable values while matching; `bound[v]` says whether `values[v]` holds one.
struct Bindings {
  std::vector<ir::Value> values;
  std::vector<bool> bound;

  explicit Bindings(std::size_t count = 0) : values(count, 0), bound(count, false) {}
  void bind(ir::VariableId v, ir::Value value) {
    values[v] = value;
    bound[v] = true;
  }
};

class Matcher {
 public:
  Matcher(const ir::Program& program, engine::Database& database)
      : Matcher(program, database, database.symbols()) {}
  // A database read by several threads: expressions intern new strings in `symbols`.
  Matcher(const ir::Program& program, const engine::Database& database, SymbolTable& symbols);

  // Which rows a positive atom may use: e.g. only rows lower than a proof's height.
  using RowFilter = std::function<bool(ir::RelationId, std::uint32_t row)>;
  // Called for each solution; return false to stop.
  using Found = std::function<bool(const Bindings&)>;

  // Solves `body` in the given order of positions, extending `bindings`. Returns false
  // when `found` asked to stop or an expression failed (see error()).
  bool solve(std::span<const ir::Literal> body, std::span<const std::uint32_t> order,
             Bindings& bindings, const Found& found, const RowFilter& filter = {});
  // The same, in an order the planner chooses given what is bound.
  bool solve(std::span<const ir::Literal> body, Bindings& bindings, const Found& found,
             const RowFilter& filter = {});

  // Does the literal hold under complete bindings? (Comparisons and negations.)
  bool holds(const ir::Literal& literal, const Bindings& bindings);
  // The value of an expression under the bindings, if it can be computed.
  std::optional<ir::Value> value(const ir::Expr& expr, const Bindings& bindings);
  // The values of an atom under the bindings (nullopt for `_` or an unbound variable).
  std::vector<std::optional<ir::Value>> values(const ir::AtomRef& atom,
                                               const Bindings& bindings) const;
  // The rows of a relation that agree with the known values.
  std::vector<std::uint32_t> matching_rows(ir::RelationId relation,
                                           std::span<const std::optional<ir::Value>> known);

  // The result of an aggregate under the bindings of the variables that group it,
  // with the solution that gives a `min` or `max` (for explanations).
  struct AggregateResult {
    std::optional<ir::Value> value;  // nullopt: min/max/mean of nothing
    std::optional<Bindings> witness;
  };
  AggregateResult aggregate(const ir::Aggregate& aggregate, const Bindings& bindings);

  // Relations whose rows do not change while this matcher lives (a case session's
  // knowledge base): matching a few of their columns then goes through an index, built
  // on first use, instead of a scan.
  void keep_indexes(std::vector<bool> unchanging) { unchanging_ = std::move(unchanging); }

  const std::string& error() const { return error_; }
  const engine::Database& database() const { return database_; }
  const ir::Program& program() const { return program_; }

 private:
  bool solve_from(std::span<const ir::Literal> body, std::span<const std::uint32_t> order,
                  std::size_t step, Bindings& bindings, const Found& found,
                  const RowFilter& filter);

  const ir::Program& program_;
  const engine::Database& database_;
  engine::ExprEvaluator evaluator_;
  std::string error_;
  // Planned orders by body and the variables bound when it is solved.
  using OrderKey = std::tuple<const ir::Literal*, std::size_t, std::vector<bool>>;
  std::map<OrderKey, std::vector<std::uint32_t>> orders_;
  std::vector<ir::Value> tuple_;  // a complete key, looked up
  // Rows by the hash of the values in the columns of `mask`, in increasing order.
  using Index = std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>;
  const Index& index(ir::RelationId relation, std::uint64_t mask);
  std::vector<bool> unchanging_;
  std::map<std::pair<ir::RelationId, std::uint64_t>, Index> indexes_;
};

}  // namespace sinew::explain
