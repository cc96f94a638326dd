// The benchmark programs, rule for rule as in shared/bench/programs/*.dl.
#include "bench_programs.hpp"

#include "unit/engine/program_builder.hpp"

namespace sinew::bench {

namespace {

using namespace sinew::testing;

RelationId input(ProgramBuilder& b, const std::string& name, std::vector<BaseType> types) {
  RelationId r = b.relation(name, std::move(types));
  b.program.relations[r].load_facts = true;
  return r;
}
RelationId output(ProgramBuilder& b, const std::string& name, std::vector<BaseType> types) {
  RelationId r = b.relation(name, std::move(types));
  b.program.relations[r].print_size = true;
  return r;
}

constexpr auto N = BaseType::number;
constexpr auto S = BaseType::symbol;

ir::Program tc(bool bound) {
  ProgramBuilder b;
  auto edge = input(b, "edge", {N, N});
  auto path = bound ? b.relation("path", {N, N}) : output(b, "path", {N, N});
  // path(x, y) :- edge(x, y).
  b.rule(path, {0, 1}, {atom(edge, {var(0), var(1)})});
  // path(x, y) :- path(x, z), edge(z, y).
  b.rule(path, {0, 1}, {atom(path, {var(0), var(2)}), atom(edge, {var(2), var(1)})});
  if (bound) {
    auto reach1 = output(b, "reach1", {N});
    // reach1(y) :- path(1, y).
    b.rule(reach1, {0}, {atom(path, {num(1), var(0)})});
  }
  b.finish();
  return b.program;
}

ir::Program sg() {
  ProgramBuilder b;
  auto par = input(b, "par", {N, N});
  auto sg = output(b, "sg", {N, N});
  // sg(x, y) :- par(x, p), par(y, p), x != y.
  b.rule(sg, {0, 1},
         {atom(par, {var(0), var(2)}), atom(par, {var(1), var(2)}),
          compare(ev(0), CompareOp::ne, ev(1))});
  // sg(x, y) :- par(x, a), sg(a, b), par(y, b).
  b.rule(sg, {0, 1},
         {atom(par, {var(0), var(2)}), atom(sg, {var(2), var(3)}), atom(par, {var(1), var(3)})});
  b.finish();
  return b.program;
}

ir::Program join1() {
  ProgramBuilder b;
  auto c2 = input(b, "c2", {N, N}), c3 = input(b, "c3", {N, N}), c4 = input(b, "c4", {N, N});
  auto d1 = input(b, "d1", {N, N}), d2 = input(b, "d2", {N, N});
  auto a = output(b, "a", {N, N}), b1 = output(b, "b1", {N, N});
  auto b2 = output(b, "b2", {N, N}), c1 = output(b, "c1", {N, N});
  auto join = [&](RelationId head, RelationId left, RelationId right) {
    // head(x, y) :- left(x, z), right(z, y).
    b.rule(head, {0, 1}, {atom(left, {var(0), var(2)}), atom(right, {var(2), var(1)})});
  };
  join(a, b1, b2);
  join(b1, c1, c2);
  join(b2, c3, c4);
  join(c1, d1, d2);
  b.finish();
  return b.program;
}

ir::Program triage() {
  ProgramBuilder b;
  auto is_a = input(b, "is_a", {S, S});
  auto red_flag_base = input(b, "red_flag_base", {S});
  auto exercise_related_base = input(b, "exercise_related_base", {S});
  auto manifests = input(b, "manifests", {S, S});
  auto critical = input(b, "critical", {S});
  auto has = input(b, "has", {S, S, N});
  auto exercise = input(b, "exercise", {S});
  auto subsumed = output(b, "subsumed", {S, S});
  auto red_flag = output(b, "red_flag", {S});
  auto exercise_related = output(b, "exercise_related", {S});
  auto spasm = output(b, "spasm", {S});
  auto persistent = output(b, "persistent", {S, S});
  auto explained = output(b, "explained_by_exercise", {S});
  auto matches = output(b, "matches", {S, S, S});
  auto suspected = output(b, "suspected", {S, S});
  auto urgent = output(b, "urgent", {S});
  auto escalates = output(b, "escalates_spasm", {S});
  Value muscle_spasm = b.symbol("muscle_spasm");
  enum : VariableId { f, g, h, p, c, d, f1, f2, s };
  // subsumed(f, g) :- is_a(f, g).
  b.rule(subsumed, {f, g}, {atom(is_a, {var(f), var(g)})});
  // subsumed(f, g) :- is_a(f, h), subsumed(h, g).
  b.rule(subsumed, {f, g}, {atom(is_a, {var(f), var(h)}), atom(subsumed, {var(h), var(g)})});
  // red_flag(f) :- red_flag_base(f).   red_flag(f) :- subsumed(f, g), red_flag_base(g).
  b.rule(red_flag, {f}, {atom(red_flag_base, {var(f)})});
  b.rule(red_flag, {f}, {atom(subsumed, {var(f), var(g)}), atom(red_flag_base, {var(g)})});
  b.rule(exercise_related, {f}, {atom(exercise_related_base, {var(f)})});
  b.rule(exercise_related, {f},
         {atom(subsumed, {var(f), var(g)}), atom(exercise_related_base, {var(g)})});
  // spasm("muscle_spasm").   spasm(f) :- subsumed(f, "muscle_spasm").
  b.fact(spasm, {muscle_spasm});
  b.rule(spasm, {f}, {atom(subsumed, {var(f), cst(muscle_spasm)})});
  // persistent(p, f) :- has(p, f, d), d > 3.
  b.rule(persistent, {p, f},
         {atom(has, {var(p), var(f), var(d)}), compare(ev(d), CompareOp::gt, en(3))});
  // explained_by_exercise(p) :- exercise(p), has(p, f, _), exercise_related(f).
  b.rule(explained, {p},
         {atom(exercise, {var(p)}), atom(has, {var(p), var(f), wild()}),
          atom(exercise_related, {var(f)})});
  // matches(p, c, f) :- has(p, f, _), manifests(c, f).
  b.rule(matches, {p, c, f},
         {atom(has, {var(p), var(f), wild()}), atom(manifests, {var(c), var(f)})});
  // matches(p, c, f) :- has(p, f, _), subsumed(f, g), manifests(c, g).
  b.rule(matches, {p, c, f},
         {atom(has, {var(p), var(f), wild()}), atom(subsumed, {var(f), var(g)}),
          atom(manifests, {var(c), var(g)})});
  // suspected(p, c) :- matches(p, c, f1), matches(p, c, f2), f1 != f2.
  b.rule(suspected, {p, c},
         {atom(matches, {var(p), var(c), var(f1)}), atom(matches, {var(p), var(c), var(f2)}),
          compare(ev(f1, S), CompareOp::ne, ev(f2, S), Ordering{S, none})});
  // urgent(p) :- has(p, f, _), red_flag(f), !explained_by_exercise(p).
  b.rule(urgent, {p},
         {atom(has, {var(p), var(f), wild()}), atom(red_flag, {var(f)}),
          negated(explained, {var(p)})});
  // urgent(p) :- persistent(p, f), red_flag(f).
  b.rule(urgent, {p}, {atom(persistent, {var(p), var(f)}), atom(red_flag, {var(f)})});
  // urgent(p) :- suspected(p, c), critical(c).
  b.rule(urgent, {p}, {atom(suspected, {var(p), var(c)}), atom(critical, {var(c)})});
  // escalates_spasm(f) :- has(p, s, _), spasm(s), urgent(p), has(p, f, _), red_flag(f), f != s.
  b.rule(escalates, {f},
         {atom(has, {var(p), var(s), wild()}), atom(spasm, {var(s)}), atom(urgent, {var(p)}),
          atom(has, {var(p), var(f), wild()}), atom(red_flag, {var(f)}),
          compare(ev(f, S), CompareOp::ne, ev(s, S), Ordering{S, none})});
  b.finish();
  return b.program;
}

}  // namespace

std::optional<ir::Program> benchmark_program(const std::string& name) {
  if (name == "tc") return tc(false);
  if (name == "tc_bound") return tc(true);
  if (name == "sg") return sg();
  if (name == "join1") return join1();
  if (name == "triage") return triage();
  return std::nullopt;
}

}  // namespace sinew::bench
