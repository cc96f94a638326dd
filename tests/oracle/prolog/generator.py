"""Random programs, the shape of the naive-vs-semi-naive property test
(tests/unit/engine/property_test.cpp) grown for a second engine: inputs of facts over
0..4 (or 0..9, or symbols), derived relations with recursion (linear, non-linear,
mutual, transitive closures), comparisons between expressions, `=` bindings with
+ - * / % (divisors are constants 1..3, so nothing divides by zero), min/max/abs,
head expressions, disjunction, clauses with two heads, stratified negation and the
aggregates count, sum, min and max over lower strata (recursive ones too), with
wildcards, constants and repeated variables in their braces, locals spelt as rule
variables, and, when asked, aggregates nested in braces. README.md lists the shares.

Every value computed by arithmetic is bounded by a filter before it reaches a head,
so every program terminates. Rules that would negate or aggregate their own
recursive cycle are dropped, so every program is stratified.

`any_order=False` (the default) writes each comparison, binding, negation and
aggregate after the literals that bind its variables; `any_order=True` shuffles the
body entirely (the planner, not the author, decides the order): comparisons come
before their bindings (issue 20, item 1).
"""
import random

from datalog import Aggregate, Atom, BinOp, Call, Compare, Group, Minus, Negation, Num, Program, Rule
from datalog import Sym, Var, Wild, variables
import strata

_COMPARE_OPS = ("=", "!=", "<", "<=", ">", ">=")
_AGGREGATES = ("count", "sum", "min", "max")
_SYMBOLS = "abcdefghij"


class Generator:
    def __init__(self, seed, any_order=False, nested=False, nested_outer=False, souffle=False):
        self.rng = random.Random(seed)
        self.any_order = any_order
        self.souffle = souffle  # Soufflé 2.5 has no abs(): write max(e, 0 - e), the same program
        self.nested = nested or nested_outer  # aggregates inside an aggregate's braces
        self.nested_outer = nested_outer  # ... that read a variable bound outside them
        self.recursive = set()  # derived relations that (probably) read themselves
        self.guard_literals = []
        self.symbolic = False  # a program whose every column holds symbols

    def pick(self, lo, hi):
        return self.rng.randint(lo, hi)

    def chance(self, percent):
        return self.rng.randint(1, 100) <= percent

    def program(self):
        p = Program()
        inputs = ["e%d" % i for i in range(self.pick(1, 3))]
        derived = ["r%d" % i for i in range(self.pick(2, 5))]
        for name in inputs + derived:
            p.relations[name] = 0 if name in derived and self.chance(8) else self.pick(1, 3)
        self.symbolic = self.chance(12)
        if self.symbolic:
            p.types = {name: ("symbol",) * arity for name, arity in p.relations.items()}
        p.facts_from_files = self.chance(30)
        lowest = -2 if self.chance(20) else 0
        large = self.chance(15)  # more facts over more values: longer recursions, bigger joins
        highest, most = (9, 60) if large else (4, 16)
        for name in inputs:
            rows = {tuple(self.value(lowest, highest) for _ in range(p.relations[name]))
                    for _ in range(self.pick(4, most))}
            p.facts.extend((name, row) for row in sorted(rows))
        for i, name in enumerate(derived):
            lower = inputs + derived[:i]
            if p.relations[name] == 2 and self.chance(25):
                closure = self.closure(p, name, inputs + derived, lower)
                p.rules.extend(closure)
                if closure:
                    self.recursive.add(name)
            for k in range(self.pick(1, 3)):
                rule = self.rule(p, name, inputs + derived, lower, base=k == 0)
                if rule is not None:
                    p.rules.append(rule)
                    if set(strata.read_relations(rule)) - set(lower):
                        self.recursive.add(name)
                    if self.chance(10):  # a second head for the same body
                        p.rules.append(self.second_head(p, rule, derived))
        while True:
            bad = strata.unstratified_rules(p)
            if not bad:
                break
            p.rules = [r for r in p.rules if r not in bad]
        p.outputs = list(derived)
        return p

    def closure(self, p, name, everything, lower):
        """A transitive closure: `r(x, y) :- s(x, y, ...)` and `r(x, z) :- r(x, y),
        t(y, z, ...)` (t may be r itself: non-linear), so that some relations are long."""
        wide = [r for r in lower if p.relations[r] >= 2]
        steps = [r for r in everything if p.relations[r] >= 2]
        if not wide:
            return []
        base = self.choose(wide)
        step = self.choose(steps + [name])
        x, y, z = Var("x0"), Var("x1"), Var("x2")
        pad = lambda relation: tuple(Wild() for _ in range(p.relations[relation] - 2))
        return [Rule(Atom(name, (x, y)), (Atom(base, (x, y) + pad(base)),)),
                Rule(Atom(name, (x, z)), (Atom(name, (x, y)), Atom(step, (y, z) + pad(step))))]

    def second_head(self, p, rule, derived):
        """The same body for another derived relation: `r1(x), r3(x, 2) :- ...`."""
        other = self.choose(derived)
        usable = [a for a in rule.head.args if isinstance(a, Var)]
        args = tuple(self.choose(usable) if usable and self.chance(80) else self.const(0, 4)
                     for _ in range(p.relations[other]))
        return Rule(Atom(other, args), rule.body)

    # ---- pieces of a rule ---------------------------------------------------------

    def value(self, lo, hi):
        """A fact's value: a number, or in a symbolic program a symbol."""
        return _SYMBOLS[self.pick(max(lo, 0), hi)] if self.symbolic else self.pick(lo, hi)

    def const(self, lo, hi):
        return Sym(_SYMBOLS[self.pick(lo, hi)]) if self.symbolic else Num(self.pick(lo, hi))

    def compare_ops(self):
        return ("=", "!=") if self.symbolic else _COMPARE_OPS

    def choose(self, items):
        return items[self.pick(0, len(items) - 1)]

    def small_expr(self, bound, depth=0):
        """An expression over bound variables and constants 0..5."""
        roll = self.pick(1, 10)
        if depth >= 2 or roll <= 4 or self.symbolic:
            return Var(self.choose(bound)) if roll <= 3 or depth >= 2 else self.const(0, 5)
        if roll <= 8:
            op = self.choose(("+", "-", "*", "+", "-"))
            return BinOp(op, self.small_expr(bound, depth + 1), self.small_expr(bound, depth + 1))
        if roll == 9:
            return BinOp(self.choose(("/", "%")), self.small_expr(bound, depth + 1), Num(self.pick(1, 3)))
        if self.chance(50):
            return Minus(Var(self.choose(bound)))
        if self.chance(30):
            operand = self.small_expr(bound, depth + 1)
            return Call("max", (operand, BinOp("-", Num(0), operand))) if self.souffle else Call("abs", (operand,))
        return Call(self.choose(("min", "max")), (self.small_expr(bound, depth + 1),
                                                  self.small_expr(bound, depth + 1)))

    def guards(self, e):
        """lo <= e < hi: keeps computed values small, so that recursion ends (so a
        guard is never one alternative of a disjunction)."""
        guards = [Compare(">=", e, Num(self.pick(-3, 0))), Compare("<", e, Num(self.pick(4, 7)))]
        self.guard_literals.extend(guards)
        return guards

    def atom_args(self, arity, bound, fresh_vars):
        args = []
        for _ in range(arity):
            roll = self.pick(1, 10)
            if roll == 1:
                args.append(self.const(0, 4))
            elif roll == 2:
                args.append(Wild())
            else:
                name = self.choose(fresh_vars)
                args.append(Var(name))
                bound.add(name)
        return tuple(args)

    def restricted_args(self, arity, bound, local=None):
        """Arguments of a negated atom (bound variables, constants, `_`) or of an
        aggregate's atom (grouping variables, constants, `_` and the aggregate's local
        one, often more than once: `count : { e(l0, _, l0) }`)."""
        args = []
        for _ in range(arity):
            roll = self.pick(1, 4)
            if roll == 1:
                args.append(Wild())
            elif roll == 2:
                grouping = local is not None and bound and self.chance(70)
                args.append(Var(self.choose(bound)) if grouping else self.const(0, 5))
            else:
                args.append(Var(self.choose(bound) if local is None else local))
        return tuple(args)

    def repeat_variable(self, args):
        """`e(x0, _, x0)`: one variable in two columns of an atom."""
        places = [i for i, a in enumerate(args) if isinstance(a, Var)]
        if not places or len(args) < 2:
            return args
        source = self.choose(places)
        other = self.choose([i for i in range(len(args)) if i != source])
        return args[:other] + (args[source],) + args[other + 1:]

    def rule(self, p, head, everything, lower, base):
        """One rule for `head`; a base rule reads only lower relations positively,
        so that every relation has a way to start."""
        positives, others = [], []  # others: (literal, reads, binds)
        bound = set()
        sources = lower if base else everything
        for _ in range(self.pick(0, 3) if self.chance(10) else self.pick(1, 3)):
            relation = self.choose(sources)
            args = self.atom_args(p.relations[relation], bound, ["x0", "x1", "x2", "x3"])
            positives.append(Atom(relation, self.repeat_variable(args) if self.chance(12) else args))
        bound = set().union(*(_names(a.args) for a in positives))  # a repeat may drop one
        if not bound:
            if positives:
                return None
            others.append((Compare("=", Var("x0"), self.const(0, 4)), set(), "x0"))
            bound.add("x0")
        computed = []
        if self.chance(30):
            t = Var("t0")
            e = self.small_expr(sorted(bound))
            binding = Compare("=", t, e) if self.chance(80) else Compare("=", e, t)
            others.append((binding, variables(e, set()), "t0"))
            for g in [] if self.symbolic else self.guards(t):
                others.append((g, {"t0"}, None))
            computed.append("t0")
        for _ in range(2):
            if self.chance(22) and lower:
                relation = self.choose(lower)
                args = self.restricted_args(p.relations[relation], sorted(bound))
                others.append((Negation(Atom(relation, args)), _names(args), None))
        for k in range(2):
            if self.chance(22) and lower:
                literal = self.aggregate(p, lower, sorted(bound), k)
                others.append(literal)
                if literal[2]:
                    computed.append(literal[2])
        bound |= set(computed)
        for _ in range(2):
            if self.chance(35):
                self.add_comparison(others, sorted(bound), computed)
        if self.chance(12):  # a filter with alternatives: `(x0 < 2 ; !e1(x0))`
            alternatives = tuple((self.filter(p, lower, sorted(bound), computed),) for _ in range(2))
            others.append((Group(alternatives), set().union(*(_reads(a[0]) for a in alternatives)), None))
        head_args = self.head_args(p.relations[head], sorted(bound), computed, others)
        body = self.arrange(positives, others)
        replaceable = [i for i, (lit, _, binds) in enumerate(others)
                       if binds is None and not lit in self.guard_literals and not isinstance(lit, Group)]
        if replaceable and self.chance(8):  # `h :- body ; the same body with another filter`
            i = self.choose(replaceable)
            replacement = self.filter(p, lower, sorted(bound), computed)
            other_body = self.arrange(positives, others[:i] + [(replacement, _reads(replacement), None)]
                                      + others[i + 1:])
            body = (Group((body, other_body)),)
        return Rule(Atom(head, head_args), body)

    def filter(self, p, lower, bound, computed):
        """A comparison over bound values, or a negation of a lower relation."""
        if lower and self.chance(35):
            relation = self.choose(lower)
            return Negation(Atom(relation, self.restricted_args(p.relations[relation], bound)))
        holder = []
        self.add_comparison(holder, bound, computed)
        return holder[0][0]

    def add_comparison(self, others, bound, computed):
        """Often between computed values (t0, n0, n1): the ones that only `=` or an
        aggregate binds."""
        use = computed and self.chance(50)
        left = Var(self.choose(computed)) if use else self.small_expr(bound)
        right = (Var(self.choose(computed)) if use and self.chance(50) else self.small_expr(bound)
                 if self.chance(60) else self.const(0, 5))
        others.append((Compare(self.choose(self.compare_ops()), left, right),
                       variables(left, set()) | variables(right, set()), None))

    def aggregated_relation(self, lower):
        """A lower relation, often a recursive one (a closure below this stratum)."""
        recursive = [r for r in lower if r in self.recursive]
        return self.choose(recursive if recursive and self.chance(35) else lower)

    def aggregate(self, p, lower, bound, k):
        """`n_k = op target : { atom, ... }`, or the aggregate as an operand of a
        comparison; returns (literal, reads, binds).

        Local names: usually `l0`/`l1`; sometimes both aggregates of a rule use `l0`
        (local to each), and sometimes the local is spelt as a variable the rule
        binds, `n0 = max x0 : { e0(x0, _) }`: the target mentions it, so it is local
        (Soufflé's scoping: the maximum over all of e0, whatever the rule's x0)."""
        shared = bool(bound) and not self.symbolic and self.chance(12)
        if shared:
            local = self.choose(bound)
        else:
            local = "l0" if k == 1 and self.chance(25) else "l%d" % k
        second = "m%d" % k
        outside = [b for b in bound if b != local]  # what may group
        body = []
        relation = self.aggregated_relation(lower)
        args = self.restricted_args(p.relations[relation], outside, local)
        if shared and Var(local) not in args:
            if args:
                i = self.pick(0, len(args) - 1)
                args = args[:i] + (Var(local),) + args[i + 1:]
            else:  # a relation without columns holds no local
                shared, local = False, "l%d" % k
        body.append(Atom(relation, args))
        uses_local = Var(local) in args
        if self.chance(25):  # a join inside the braces
            relation = self.aggregated_relation(lower)
            more = tuple(self.choose((Wild(), Var(second), Var(local) if uses_local else Wild(),
                                      Var(self.choose(outside)) if outside else Wild(), self.const(0, 4)))
                         for _ in range(p.relations[relation]))
            body.append(Atom(relation, more))
            args = args + more
        if uses_local and self.chance(30):
            body.append(Compare(self.choose(self.compare_ops()), Var(local), self.const(0, 4)))
        if uses_local and self.chance(15):
            relation = self.choose(lower)
            body.append(Negation(Atom(relation, tuple(
                self.choose((Wild(), Var(local), self.const(0, 4)))
                for _ in range(p.relations[relation])))))
        reads = _names(args) - {local, second}
        if self.nested and self.chance(25):
            literals, inner_reads = self.nested_aggregate(p, lower, outside, local if uses_local else None, k)
            body.extend(literals)
            reads |= inner_reads
        if shared:  # a target that mentions the local, so that it is local
            op = self.choose(_AGGREGATES[1:])
        else:
            op = self.choose(_AGGREGATES) if uses_local and not self.symbolic else "count"
        target = None
        if op != "count":
            target = Var(local) if self.chance(75) else BinOp(self.choose(("+", "*", "-")), Var(local), Num(self.pick(1, 2)))
        agg = Aggregate(op, target, tuple(body), braces=len(body) > 1 or self.chance(70),
                        call_style=target is not None and self.chance(30))
        if self.chance(20) or self.symbolic:  # an operand, not a binding
            other = Num(self.pick(0, 4)) if self.symbolic else self.small_expr(bound)
            left, right = (other, agg) if self.chance(50) else (agg, other)
            return (Compare(self.choose(_COMPARE_OPS), left, right), reads | variables(other, set()), None)
        result = Var("n%d" % k)
        literal = Compare("=", result, agg) if self.chance(85) else Compare("=", agg, result)
        return (literal, reads, result.name)

    def nested_aggregate(self, p, lower, outside, local, k):
        """An aggregate inside an aggregate's braces, an operand (`l0 < count : {...}`)
        or bound to a local (`k0 = sum i0 : {...}, l0 <= k0`); returns (literals,
        rule variables it reads). It reads only its own `i0`, `_` and constants,
        unless nested_outer: then also the enclosing local or the rule's variables
        (issue 20, item 4)."""
        inner, name = "i%d" % k, "k%d" % k
        readable = ([local] if local else []) + list(outside) if self.nested_outer else []
        relation = self.aggregated_relation(lower)
        args = []
        for _ in range(p.relations[relation]):
            roll = self.pick(1, 5)
            if roll == 1:
                args.append(Wild())
            elif roll == 2:
                args.append(self.const(0, 4))
            elif roll == 3 and readable:
                args.append(Var(self.choose(readable)))
            else:
                args.append(Var(inner))
        args = tuple(args)
        op = self.choose(_AGGREGATES) if Var(inner) in args and not self.symbolic else "count"
        agg = Aggregate(op, None if op == "count" else Var(inner), (Atom(relation, args),),
                        braces=self.chance(70))
        reads = _names(args) & set(outside)
        numeric_local = local is not None and not self.symbolic
        other = Var(local) if numeric_local else Num(self.pick(0, 4))
        compare = self.choose(_COMPARE_OPS)  # the aggregate's value is a number
        if numeric_local and self.chance(40):
            return [Compare("=", Var(name), agg), Compare(compare, other, Var(name))], reads
        left, right = (other, agg) if self.chance(50) else (agg, other)
        return [Compare(compare, left, right)], reads

    def head_args(self, arity, bound, computed, others):
        args = []
        for _ in range(arity):
            roll = self.pick(1, 10)
            if computed and self.chance(40):
                args.append(Var(self.choose(computed)))
                continue
            if roll == 1:
                args.append(self.const(0, 4))
            elif roll == 2 and not self.symbolic:
                e = BinOp(self.choose(("+", "-", "*")), Var(self.choose(bound)),
                          Var(self.choose(bound)) if self.chance(50) else Num(self.pick(1, 2)))
                for g in self.guards(e):
                    others.append((g, variables(e, set()), None))
                args.append(e)
            else:
                args.append(Var(self.choose(bound)))
        return tuple(args)

    def arrange(self, positives, others):
        """The body in a random order; unless any_order, each non-atom literal comes
        after the literals that bind the variables it reads."""
        items = [(lit, set(), None) for lit in positives] + others
        self.rng.shuffle(items)
        if self.any_order:
            return tuple(lit for lit, _, _ in items)
        bound, out = set(), []
        while items:
            for item in items:
                lit, reads, binds = item
                if isinstance(lit, Atom) or reads <= bound:
                    out.append(lit)
                    if isinstance(lit, Atom):
                        bound |= _names(lit.args)
                    if binds:
                        bound.add(binds)
                    items.remove(item)
                    break
            else:
                raise AssertionError("a literal reads a variable nothing binds")
        return tuple(out)


def _reads(literal):
    return variables(literal, set())


def _names(args):
    return {a.name for a in args if isinstance(a, Var)}


def generate(seed, any_order=False, nested=False, nested_outer=False, souffle=False):
    return Generator(seed, any_order, nested, nested_outer, souffle).program()
