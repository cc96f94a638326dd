#pragma once
// What the explanation passes share: facts and conditions as text, with values.

#include "matcher.hpp"

#include "engine/database.hpp"

#include "ir/program.hpp"
#include "support/symbol_table.hpp"

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace sinew::explain {

// `red_flag(muscle_spasm, chest_pain)`
std::string format_atom(const ir::Program& program, const SymbolTable& symbols,
                        ir::RelationId relation, std::span<const ir::Value> tuple);
// The same with `_` for values not known.
std::string partial_atom_text(const ir::Program& program, const SymbolTable& symbols,
                              ir::RelationId relation,
                              std::span<const std::optional<ir::Value>> values);

// The type of each variable of a rule or query body, from the columns it fills.
std::vector<std::optional<ir::ColumnType>> variable_types(const ir::Program& program,
                                                          std::span<const ir::Literal> body,
                                                          ir::RelationId head,
                                                          std::span<const ir::Expr> head_args,
                                                          std::size_t variable_count);

// Binds the variables of `rule`'s head to the values of a row: false when the rule
// cannot conclude it (a constant or a repeated variable disagrees). With optional
// values, a column not known binds nothing. The one head unification for why-not,
// abduction (`--needed`) and refinding a derivation.
bool unify_head(const ir::Rule& rule, std::span<const ir::Value> tuple, Bindings& bindings);
bool unify_head(const ir::Rule& rule, std::span<const std::optional<ir::Value>> known,
                Bindings& bindings);

// The bindings of one derivation of a row by the rule provenance recorded for it: a
// solution of the rule's body over rows lower than `height` that gives the row's
// values. Nullopt when none is found again.
std::optional<Bindings> refind_derivation(Matcher& matcher, const ir::Rule& rule,
                                          std::span<const ir::Value> tuple, std::uint32_t height);

// Is this a name the author wrote (not one the compiler made up)?
bool authored_variable(const std::string& name);

// `X = chest_pain`, for the bound variables the author named.
std::vector<std::pair<std::string, std::string>> named_bindings(
    const ir::Program& program, const SymbolTable& symbols, const std::vector<std::string>& names,
    const std::vector<std::optional<ir::ColumnType>>& types, const Bindings& bindings);

// A comparison or aggregate as written, then the values of its variables:
// `D >= 3, with D = 4`.
std::string condition_text(const ir::Program& program, const SymbolTable& symbols,
                           const std::vector<std::string>& names,
                           const std::vector<std::optional<ir::ColumnType>>& types,
                           const ir::Literal& literal, const Bindings& bindings);

}  // namespace sinew::explain

namespace sinew::explain {

// The planner's order of a rule body, with one change for explaining: a case input
// whose symbol argument another literal can bind (`has(S), symptom(S)`) comes after
// that literal, so that the explanation names each finding (`has(muscle_soreness)`,
// `has(muscle_spasm)`) instead of asking for `has(_)`.
std::vector<std::uint32_t> explaining_order(const ir::Program& program,
                                            std::span<const ir::Literal> body,
                                            const std::vector<bool>& bound,
                                            std::span<const std::uint32_t> rule_counts);

// The atoms that some rule leading to `goal` negates (`!has(f1)`, `!m1`), with their
// constants (nullopt for a variable). Adding a fact can take a conclusion away only
// through one of these: a fact that makes one of them hold.
std::vector<std::pair<ir::RelationId, std::vector<std::optional<ir::Value>>>> negated_atoms(
    const ir::Program& program, ir::RelationId goal);

// The case facts that rules leading to `goal` name: ground (`has(recurrent)`,
// `!has(f7)`), or with a variable that another condition of the rule binds
// (`has(F), red_flag(muscle_spasm, F)`: each F that `database` holds there).
std::vector<std::pair<ir::RelationId, std::vector<ir::Value>>> case_facts_named(
    const ir::Program& program, const engine::Database& database, ir::RelationId goal);

}  // namespace sinew::explain
