#pragma once
// Runs the engine on a hand-built program and returns every relation as a set.

#include "unit/engine/program_builder.hpp"

#include "engine/database.hpp"
#include "engine/evaluate.hpp"

#include <optional>
#include <set>
#include <vector>

namespace sinew::testing {

struct EngineRun {
  std::vector<std::set<std::vector<Value>>> relations;
  std::optional<engine::Stop> stop;
};

inline EngineRun run_engine(const Program& program, const engine::Limits& limits = {},
                            const engine::Options& options = {}, bool provenance = false) {
  engine::Database database(program);
  if (provenance) database.enable_provenance();
  EngineRun run;
  run.stop = engine::evaluate(program, database, limits, options);
  for (RelationId r = 0; r < program.relations.size(); ++r) {
    auto sorted = database.sorted(r);
    run.relations.emplace_back(sorted.begin(), sorted.end());
  }
  return run;
}

inline std::set<std::vector<Value>> tuples(std::initializer_list<std::vector<std::int64_t>> rows) {
  std::set<std::vector<Value>> out;
  for (const auto& row : rows) {
    std::vector<Value> v;
    for (auto n : row) v.push_back(static_cast<Value>(n));
    out.insert(v);
  }
  return out;
}

}  // namespace sinew::testing
