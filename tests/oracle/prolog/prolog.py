"""Writes a Datalog program (datalog.py) as a tabled SWI-Prolog module.

Every derived relation is tabled, so recursion terminates and answers are sets.
Prolog evaluates a body left to right, so each rule's body is put in an order where
every literal's variables are bound before it runs: the positive atoms first, then
whatever has become ready (`=` binds a variable with `is`, comparisons test with
arithmetic comparison, negation is `\\+`, aggregates are `aggregate_all/3`). The
program is stratified and its outputs are printed lowest stratum first, so a negated
or aggregated relation is complete before it is read.
"""
from datalog import Aggregate, Atom, BinOp, Call, Compare, Group, Minus, Negation, Num, Rule, Sym, Var, Wild
from datalog import column_types, write_value
from datalog import outer_vars, variables


class Unsafe(Exception):
    """A rule with a variable nothing binds: Sinew must refuse it too."""


_ARITH = {"+": "+", "-": "-", "*": "*", "/": "//", "%": "rem"}  # both truncate to zero
_COMPARE = {"=": "=:=", "!=": "=\\=", "<": "<", "<=": "=<", ">": ">", ">=": ">="}


class _Scope:
    """The Prolog names of a rule's variables in one place: the rule itself
    (`V_x`) or one aggregate's braces (`A3_x`). `names` are the variables injected
    from the enclosing scope, spelt as there; `grounded` are the variables the
    enclosing scopes bind, which an aggregate inside may read (Soufflé's rule)."""

    def __init__(self, prefix, names, grounded):
        self.prefix = prefix
        self.names = names
        self.grounded = grounded

    def var(self, name):
        return self.names.get(name, self.prefix + name)


class _Rule:
    """Translates one rule with Soufflé's scoping of aggregates (its
    ast/analysis/Aggregate.cpp): a variable of an aggregate is *injected* when the
    rule (or an enclosing aggregate's braces) binds it and the aggregate's target
    does not mention it; every other variable inside the braces is local to that
    aggregate, so that `n = max x : { e(x, _) }` is the maximum over all of `e`
    even where the rule binds an `x` of its own."""

    def __init__(self, rule, program):
        self.rule = rule
        self.fresh = 0
        self.symbols = _symbol_vars(rule, program)
        self.top = _Scope("V_", {}, outer_vars(rule))

    def symbolic(self, e):
        """Symbols compare with ==, numbers with arithmetic comparison."""
        return isinstance(e, Sym) or isinstance(e, Var) and e.name in self.symbols

    def term(self, e, scope):
        if isinstance(e, Var):
            return scope.var(e.name)
        if isinstance(e, Num):
            return str(e.value) if e.value >= 0 else "(%d)" % e.value
        if isinstance(e, Wild):
            return "_"
        if isinstance(e, Sym):
            return '"%s"' % e.value
        raise Unsafe("an expression in an atom's argument")

    def expr(self, e, scope, goals):
        """Prolog arithmetic for `e`; an aggregate inside becomes a goal in `goals`
        binding a fresh variable."""
        if isinstance(e, (Var, Num, Sym)):
            return self.term(e, scope)
        if isinstance(e, Minus):
            return "(-%s)" % self.expr(e.operand, scope, goals)
        if isinstance(e, BinOp):
            return "(%s %s %s)" % (self.expr(e.left, scope, goals), _ARITH[e.op],
                                   self.expr(e.right, scope, goals))
        if isinstance(e, Call):  # min/2, max/2 and abs/1 are Prolog arithmetic too
            return "%s(%s)" % (e.function, ", ".join(self.expr(a, scope, goals) for a in e.args))
        if isinstance(e, Aggregate):
            self.fresh += 1
            result = "G_%d" % self.fresh
            goals.append(self.aggregate(e, scope, "A%d_" % self.fresh, result))
            return result
        raise Unsafe("`_` in an expression")

    def aggregate(self, agg, scope, prefix, result):
        injected = self.injected(agg, scope)
        level = set()  # what these braces bind, for an aggregate nested inside them
        for lit in agg.body:
            variables(lit, level, into_aggregates=False)
        inside = _Scope(prefix, {n: scope.var(n) for n in injected}, scope.grounded | level)
        body = self.body(agg.body, inside, injected)
        if agg.op == "count":
            return "aggregate_all(count, (%s), %s)" % (body, result)
        value = "%svalue" % prefix
        target = self.expr(agg.target, inside, [])
        return "aggregate_all(%s(%s), (%s, %s is %s), %s)" % (
            agg.op, value, body, value, target, result)

    def injected(self, agg, scope):
        """The variables of `agg` (its nested aggregates too) that the enclosing
        scopes bind, less those its target mentions."""
        target = variables(agg.target, set()) if agg.target is not None else set()
        return (variables(agg, set()) & scope.grounded) - target

    def body(self, literals, scope, bound):
        """Orders `literals` so that each runs with its variables bound; `bound` are
        the variables bound on entry (names as written in the .dl)."""
        bound = set(bound)
        goals = []
        waiting = []
        for lit in literals:
            if isinstance(lit, Atom):
                goals.append(_call(lit.relation, [self.term(a, scope) for a in lit.args]))
                variables(lit, bound)
            else:
                waiting.append(lit)
        while waiting:
            for lit in waiting:
                done = self.ready(lit, scope, bound, goals)
                if done:
                    waiting.remove(lit)
                    break
            else:
                raise Unsafe("no order binds every variable of %r" % (waiting,))
        self.bound_by_body = bound
        return ", ".join(goals) if goals else "true"

    def needs(self, e, scope):
        """The variables `e` must have bound before it can be computed."""
        out = set()
        if isinstance(e, Aggregate):
            return self.injected(e, scope)
        if isinstance(e, BinOp):
            return self.needs(e.left, scope) | self.needs(e.right, scope)
        if isinstance(e, Minus):
            return self.needs(e.operand, scope)
        if isinstance(e, Call):
            return set().union(*(self.needs(a, scope) for a in e.args))
        return variables(e, out)

    def ready(self, lit, scope, bound, goals):
        if isinstance(lit, Negation):
            needs = variables(lit, set())
            if not needs <= bound:
                return False
            goals.append("\\+ " + self.body([lit.atom], scope, bound))
            return True
        left_needs, right_needs = self.needs(lit.left, scope), self.needs(lit.right, scope)
        symbolic = self.symbolic(lit.left) or self.symbolic(lit.right)
        if symbolic and lit.op not in ("=", "!="):
            raise Unsafe("symbols are only compared with = and !=")
        if left_needs <= bound and right_needs <= bound:
            left = self.expr(lit.left, scope, goals)
            right = self.expr(lit.right, scope, goals)
            op = {"=": "==", "!=": "\\=="}[lit.op] if symbolic else _COMPARE[lit.op]
            goals.append("%s %s %s" % (left, op, right))
            return True
        if lit.op != "=":
            return False
        for var, other, other_needs in ((lit.left, lit.right, right_needs),
                                        (lit.right, lit.left, left_needs)):
            if isinstance(var, Var) and var.name not in bound and other_needs <= bound:
                value = self.expr(other, scope, goals)
                goals.append("%s %s %s" % (scope.var(var.name), "=" if symbolic else "is", value))
                bound.add(var.name)
                return True
        return False

    def clause(self):
        goals = [self.body(self.rule.body, self.top, set())]
        bound = self.bound_by_body
        needed = set()
        for a in self.rule.head.args:
            needed |= self.needs(a, self.top)
        if not needed <= bound:
            raise Unsafe("nothing in the body binds %s" % ", ".join(sorted(needed - bound)))
        head_args = []
        for a in self.rule.head.args:
            if isinstance(a, (Var, Num, Sym)):
                head_args.append(self.term(a, self.top))
            else:
                self.fresh += 1
                result = "H_%d" % self.fresh
                goals.append("%s is %s" % (result, self.expr(a, self.top, goals)))
                head_args.append(result)
        head = _call(self.rule.head.relation, head_args)
        return "%s :- %s." % (head, ", ".join(g for g in goals if g != "true") or "true")


def _call(relation, args):
    """`r(A, B)`; a relation without columns is the plain atom `r` (SWI-Prolog reads
    `r()` as another term)."""
    return "%s(%s)" % (relation, ", ".join(args)) if args else relation


def write_module(program, module, strata_order):
    """The module `module` defining the program and `report/0`, which prints every
    output relation's tuples (sorted, one `rel(a,b).` a line), lowest stratum first."""
    lines = [":- module(%s, [report/0])." % module]
    derived = [n for n in program.relations if any(r.head.relation == n for r in program.rules)]
    for name, arity in program.relations.items():
        lines.append(":- dynamic %s/%d." % (name, arity) if name not in derived
                     else ":- table %s/%d." % (name, arity))
    lines.append(":- discontiguous " + ", ".join(
        "%s/%d" % (n, a) for n, a in program.relations.items()) + ".")
    for relation, row in program.facts:
        lines.append("%s(%s)." % (relation, ", ".join(write_value(v) for v in row)))
    for rule in program.rules:
        for each in expand(rule):
            lines.append(_Rule(each, program).clause())
    order = [r for r in strata_order if r in program.outputs]
    lines.append("report :- forall(member(R/N, [%s]), report(R, N))." % ", ".join(
        "%s/%d" % (r, program.relations[r]) for r in order))
    lines.append("report(R, 0) :- !, ( call(R) -> format(\"~w().~n\", [R]) ; true ).")
    lines.append("report(R, N) :- functor(G, R, N), findall(G, G, L), sort(L, S),"
                 " forall(member(T, S), format(\"~q.~n\", [T])).")
    return "\n".join(lines) + "\n"


def check_safe(rule, program):
    """Raises Unsafe when no order of the rule's body binds all its variables."""
    for each in expand(rule):
        _Rule(each, program).clause()


def _symbol_vars(rule, program):
    """The variables that hold symbols: those in a symbol column of an atom, and
    those `=` makes equal to a symbol."""
    out = set()

    def atoms(literals):
        for lit in literals:
            atom = lit.atom if isinstance(lit, Negation) else lit
            if isinstance(atom, Atom):
                for arg, kind in zip(atom.args, column_types(program, atom.relation)):
                    if kind == "symbol" and isinstance(arg, Var):
                        out.add(arg.name)
            elif isinstance(lit, Compare):
                for side in (lit.left, lit.right):
                    if isinstance(side, Aggregate):
                        atoms(side.body)

    atoms((rule.head,) + rule.body)
    changed = True
    while changed:
        changed = False
        for lit in rule.body:
            if isinstance(lit, Compare) and lit.op in ("=", "!="):
                sides = (lit.left, lit.right)
                if any(isinstance(x, Sym) or isinstance(x, Var) and x.name in out for x in sides):
                    for x in sides:
                        if isinstance(x, Var) and x.name not in out:
                            out.add(x.name)
                            changed = True
    return out


def expand(rule):
    """A rule with groups `(a ; b)` as the rules without (one for each choice of
    alternatives): Datalog's disjunction is the union of its alternatives."""
    return [Rule(rule.head, body) for body in _expand_body(rule.body)]


def _expand_body(body):
    results = [()]
    for lit in body:
        if isinstance(lit, Group):
            options = [b for alternative in lit.alternatives for b in _expand_body(alternative)]
        else:
            options = [(lit,)]
        results = [r + o for r in results for o in options]
    return results
