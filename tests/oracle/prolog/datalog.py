"""The programs the oracle compares: a small Datalog AST, a reader for the Soufflé-style
`.dl` text Sinew runs, and a writer back to that text.

Only the subset the generator writes is read: `.decl` of number and symbol columns,
`.output`, facts, and rules (one or several heads) whose bodies hold atoms, negated
atoms, comparisons (`=` also binds a variable), arithmetic (+ - * / % and unary
minus), min/max/abs, groups of alternatives `(a ; b)`, `;` between whole bodies, and
the aggregates count, sum, min and max. Anything else is refused with the line it is
on, so a regression file never silently means something other than what Sinew reads.
"""
from dataclasses import dataclass, field
import re


# ---- the tree ---------------------------------------------------------------------


@dataclass(frozen=True)
class Var:
    name: str


@dataclass(frozen=True)
class Num:
    value: int


@dataclass(frozen=True)
class Sym:
    value: str  # a symbol constant, "a"; only letters, so no escapes


@dataclass(frozen=True)
class Wild:
    pass


@dataclass(frozen=True)
class BinOp:
    op: str  # + - * / %
    left: object
    right: object


@dataclass(frozen=True)
class Minus:
    operand: object


@dataclass(frozen=True)
class Call:
    function: str  # min max abs (on numbers)
    args: tuple


@dataclass(frozen=True)
class Aggregate:
    op: str  # count sum min max
    target: object  # an expression, None for count
    body: tuple  # literals
    braces: bool = True  # `{ a(x) }`, or a single atom without braces: `count : a(x)`
    call_style: bool = False  # `sum(x) : ...` rather than `sum x : ...`


@dataclass(frozen=True)
class Atom:
    relation: str
    args: tuple


@dataclass(frozen=True)
class Negation:
    atom: Atom


@dataclass(frozen=True)
class Compare:
    op: str  # = != < <= > >=
    left: object
    right: object


@dataclass(frozen=True)
class Group:
    """`(a, b ; c)`: alternatives, each a tuple of literals. A rule body that is one
    Group of several alternatives is written without brackets: `h :- a, b ; c.`"""
    alternatives: tuple


@dataclass(frozen=True)
class Rule:
    head: Atom
    body: tuple


@dataclass
class Program:
    relations: dict = field(default_factory=dict)  # name -> arity, in declaration order
    outputs: list = field(default_factory=list)
    facts: list = field(default_factory=list)  # (relation, tuple of ints)
    rules: list = field(default_factory=list)
    comments: list = field(default_factory=list)  # leading `//` lines, kept verbatim
    facts_from_files: bool = False  # `.input` the relations with facts, from .facts files
    types: dict = field(default_factory=dict)  # name -> ("number" | "symbol", ...); default numbers


# ---- variables ----------------------------------------------------------------------


def children(node):
    """The expressions and literals directly inside `node`: the one walk over the
    tree that finding variables and dependencies share."""
    if isinstance(node, (BinOp, Compare)):
        return (node.left, node.right)
    if isinstance(node, Minus):
        return (node.operand,)
    if isinstance(node, (Call, Atom)):
        return node.args
    if isinstance(node, Negation):
        return (node.atom,)
    if isinstance(node, Group):
        return tuple(lit for alternative in node.alternatives for lit in alternative)
    if isinstance(node, Aggregate):
        return ((node.target,) if node.target is not None else ()) + node.body
    return ()


def variables(node, out, into_aggregates=True):
    """Adds the variables of an expression or literal to `out`; without
    into_aggregates, those inside an aggregate's target and braces are left out."""
    if isinstance(node, Var):
        out.add(node.name)
    elif into_aggregates or not isinstance(node, Aggregate):
        for child in children(node):
            variables(child, out, into_aggregates)
    return out


def outer_vars(rule):
    """The rule's own variables: those outside every aggregate's braces. A variable
    inside braces is the rule's (a grouping variable) when one of these binds it and
    the aggregate's target does not mention it (prolog.py), local otherwise."""
    out = variables(rule.head, set())
    for lit in rule.body:
        variables(lit, out, into_aggregates=False)
    return out


# ---- writing .dl ----------------------------------------------------------------------

_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "%": 2}


def write_expr(e, parent=0, right=False):
    """Writes with the fewest brackets standard precedence allows, so that Sinew's
    reading of precedence and associativity is tested too."""
    if isinstance(e, Var):
        return e.name
    if isinstance(e, Num):
        return str(e.value) if e.value >= 0 or parent == 0 else "(%d)" % e.value
    if isinstance(e, Wild):
        return "_"
    if isinstance(e, Sym):
        return '"%s"' % e.value
    if isinstance(e, Minus):
        return "-" + write_expr(e.operand, 3)
    if isinstance(e, BinOp):
        p = _PRECEDENCE[e.op]
        text = "%s %s %s" % (write_expr(e.left, p), e.op, write_expr(e.right, p, True))
        return "(%s)" % text if p < parent or (p == parent and right) else text
    if isinstance(e, Call):
        return "%s(%s)" % (e.function, ", ".join(write_expr(a) for a in e.args))
    if isinstance(e, Aggregate):
        if e.target is None:
            target = ""
        elif e.call_style:
            target = "(%s)" % write_expr(e.target)
        else:
            target = " " + write_expr(e.target)
        body = ", ".join(write_literal(l) for l in e.body)
        return "%s%s : %s" % (e.op, target, "{ %s }" % body if e.braces else body)
    raise ValueError("not an expression: %r" % (e,))


def write_literal(lit):
    if isinstance(lit, Atom):
        return "%s(%s)" % (lit.relation, ", ".join(write_expr(a) for a in lit.args))
    if isinstance(lit, Negation):
        return "!" + write_literal(lit.atom)
    if isinstance(lit, Compare):
        return "%s %s %s" % (write_expr(lit.left), lit.op, write_expr(lit.right))
    if isinstance(lit, Group):
        return "(%s)" % _write_alternatives(lit)
    raise ValueError("not a literal: %r" % (lit,))


def _write_alternatives(group):
    return " ; ".join(", ".join(write_literal(l) for l in alt) for alt in group.alternatives)


def write_body(body):
    if len(body) == 1 and isinstance(body[0], Group) and len(body[0].alternatives) > 1:
        return _write_alternatives(body[0])
    return ", ".join(write_literal(l) for l in body)


def write_rule(rule):
    head = write_literal(rule.head)
    if not rule.body:
        return head + "."
    return "%s :- %s." % (head, write_body(rule.body))


def write_program(p, inline_facts=False):
    """The .dl text; with p.facts_from_files (and not inline_facts) the relations
    with facts are `.input` and write_facts writes their files."""
    lines = list(p.comments)
    for name, arity in p.relations.items():
        types = column_types(p, name)
        columns = ", ".join("c%d: %s" % (i, types[i]) for i in range(arity))
        lines.append(".decl %s(%s)" % (name, columns))
    from_files = p.facts_from_files and not inline_facts
    if from_files:
        lines.append(".input " + ", ".join(sorted({rel for rel, _ in p.facts})))
    if p.outputs:
        lines.append(".output " + ", ".join(p.outputs))
    for relation, row in ([] if from_files else p.facts):
        lines.append("%s(%s)." % (relation, ", ".join(write_value(v) for v in row)))
    groups = []  # consecutive rules with one body are one clause with several heads
    for rule in p.rules:
        if groups and rule.body and groups[-1][1] == rule.body:
            groups[-1][0].append(rule.head)
        else:
            groups.append(([rule.head], rule.body))
    for heads, body in groups:
        lines.append(write_rule(Rule(heads[0], body)) if len(heads) == 1 else "%s :- %s." % (
            ", ".join(write_literal(h) for h in heads), write_body(body)))
    return "\n".join(lines) + "\n"


def column_types(p, relation):
    return p.types.get(relation, ("number",) * p.relations[relation])


def write_value(v):
    return '"%s"' % v if isinstance(v, str) else str(v)


def write_facts(p, folder):
    """One tab-separated `rel.facts` file for each relation with facts."""
    rows = {}
    for relation, row in p.facts:
        rows.setdefault(relation, []).append("\t".join(str(v) for v in row))
    for relation, lines in rows.items():
        with open("%s/%s.facts" % (folder, relation), "w") as f:
            f.write("\n".join(lines) + "\n")


# ---- reading .dl ----------------------------------------------------------------------


class ReadError(Exception):
    pass


_TOKEN = re.compile(
    r'\s+|//[^\n]*|/\*.*?\*/|(?P<tok>:-|!=|<=|>=|\.[a-z]+|[A-Za-z_][A-Za-z0-9_]*|\d+|"[A-Za-z0-9_]*"|[(),.:;{}=<>+\-*/%!])',
    re.S)


def _tokens(text):
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            line = text.count("\n", 0, pos) + 1
            raise ReadError("line %d: cannot read %r" % (line, text[pos:pos + 20]))
        if m.group("tok"):
            out.append((m.group("tok"), text.count("\n", 0, pos) + 1))
        pos = m.end()
    out.append(("<end>", text.count("\n") + 1))
    return out


class _Reader:
    def __init__(self, text):
        self.toks = _tokens(text)
        self.i = 0

    def peek(self, ahead=0):
        return self.toks[self.i + ahead][0]

    def take(self, expected=None):
        tok, line = self.toks[self.i]
        if expected is not None and tok != expected:
            raise ReadError("line %d: expected %r, found %r" % (line, expected, tok))
        self.i += 1
        return tok

    def fail(self, what):
        tok, line = self.toks[self.i]
        raise ReadError("line %d: %s (found %r)" % (line, what, tok))

    def name(self):
        tok = self.peek()
        if not re.match(r"[A-Za-z_][A-Za-z0-9_]*$", tok):
            self.fail("expected a name")
        return self.take()

    def program(self):
        p = Program()
        while self.peek() != "<end>":
            tok = self.peek()
            if tok == ".decl":
                self.take()
                name = self.name()
                self.take("(")
                arity = 0
                types = []
                while self.peek() != ")":
                    self.name()
                    self.take(":")
                    if self.peek() not in ("number", "symbol"):
                        self.fail("only number and symbol columns are read")
                    types.append(self.take())
                    arity += 1
                    if self.peek() == ",":
                        self.take()
                self.take(")")
                p.relations[name] = arity
                if "symbol" in types:
                    p.types[name] = tuple(types)
            elif tok == ".output":
                self.take()
                p.outputs.append(self.name())
                while self.peek() == ",":
                    self.take()
                    p.outputs.append(self.name())
            elif tok.startswith("."):
                self.fail("only .decl and .output directives are read")
            else:
                self.statement(p)
        return p

    def statement(self, p):
        heads = [self.atom()]
        while self.peek() == ",":
            self.take()
            heads.append(self.atom())
        head = heads[0]
        if len(heads) > 1:
            self.take(":-")
            body = self.body()
            self.take(".")
            p.rules.extend(Rule(h, body) for h in heads)
            return
        if self.peek() == ".":
            self.take()
            if all(isinstance(a, (Num, Sym)) for a in head.args):
                p.facts.append((head.relation, tuple(a.value for a in head.args)))
            else:
                p.rules.append(Rule(head, ()))
            return
        self.take(":-")
        body = self.body()
        self.take(".")
        p.rules.append(Rule(head, body))

    def alternatives(self):
        alternatives = [self.conjunction()]
        while self.peek() == ";":
            self.take()
            alternatives.append(self.conjunction())
        return tuple(alternatives)

    def conjunction(self):
        literals = [self.literal()]
        while self.peek() == ",":
            self.take()
            literals.append(self.literal())
        return tuple(literals)

    def body(self):
        alternatives = self.alternatives()
        return alternatives[0] if len(alternatives) == 1 else (Group(alternatives),)

    def atom(self):
        relation = self.name()
        self.take("(")
        args = []
        while self.peek() != ")":
            args.append(self.expr())
            if self.peek() == ",":
                self.take()
        self.take(")")
        return Atom(relation, tuple(args))

    def literal(self):
        if self.peek() == "(":  # a group `(a ; b)`, or a bracketed term that is compared
            start = self.i
            try:
                self.take()
                alternatives = self.alternatives()
                self.take(")")
                if self.peek() not in ("+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">="):
                    return Group(alternatives)
            except ReadError:
                pass
            self.i = start
        if self.peek() == "!":
            self.take()
            return Negation(self.atom())
        if self.peek(1) == "(" and self.peek() not in ("count", "sum", "min", "max", "abs"):
            return self.atom()
        left = self.expr()
        op = self.take()
        if op not in ("=", "!=", "<", "<=", ">", ">="):
            self.fail("expected a comparison")
        return Compare(op, left, self.expr())

    def expr(self):
        e = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            e = BinOp(op, e, self.term())
        return e

    def term(self):
        e = self.unary()
        while self.peek() in ("*", "/", "%"):
            op = self.take()
            e = BinOp(op, e, self.unary())
        return e

    def unary(self):
        if self.peek() == "-":
            self.take()
            if self.peek().isdigit():
                return Num(-int(self.take()))
            return Minus(self.unary())
        return self.primary()

    def primary(self):
        tok = self.peek()
        if tok == "(":
            self.take()
            e = self.expr()
            self.take(")")
            return e
        if tok.isdigit():
            return Num(int(self.take()))
        if tok.startswith('"'):
            return Sym(self.take()[1:-1])
        if tok == "_":
            self.take()
            return Wild()
        if tok in ("count", "sum", "min", "max") and self.peek(1) != "(" or tok == "count":
            return self.aggregate()
        name = self.name()
        if self.peek() != "(":
            return Var(name)
        self.take("(")
        args = [self.expr()]
        while self.peek() == ",":
            self.take()
            args.append(self.expr())
        self.take(")")
        if self.peek() == ":" and name in ("sum", "min", "max") and len(args) == 1:
            return self.aggregate_body(name, args[0], call_style=True)
        if (name, len(args)) not in (("min", 2), ("max", 2), ("abs", 1)):
            self.fail("unknown function %s/%d" % (name, len(args)))
        return Call(name, tuple(args))

    def aggregate(self):
        op = self.take()
        return self.aggregate_body(op, None if op == "count" else self.expr(), call_style=False)

    def aggregate_body(self, op, target, call_style):
        self.take(":")
        if self.peek() != "{":
            return Aggregate(op, target, (self.atom(),), braces=False, call_style=call_style)
        self.take("{")
        body = [self.literal()]
        while self.peek() == ",":
            self.take()
            body.append(self.literal())
        self.take("}")
        return Aggregate(op, target, tuple(body), braces=True, call_style=call_style)


def read_program(text):
    """Reads `.dl` text; the leading `//` lines are kept as the program's comments."""
    p = _Reader(text).program()
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        p.comments.append(line)
    return p
