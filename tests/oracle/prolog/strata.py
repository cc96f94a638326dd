"""Which relations depend on which: the order to evaluate them in, and whether the
program is stratified (no negation or aggregate inside a recursive cycle)."""
from datalog import Aggregate, Atom, BinOp, Call, Compare, Group, Minus, Negation


def _edges(rule):
    """(relation, through_negation) for every relation the rule's body reads."""
    out = []

    def expr(e, negative):
        if isinstance(e, Aggregate):
            for lit in e.body:
                literal(lit, True)
            if e.target is not None:
                expr(e.target, True)
        elif isinstance(e, BinOp):
            expr(e.left, negative)
            expr(e.right, negative)
        elif isinstance(e, Minus):
            expr(e.operand, negative)
        elif isinstance(e, Call):
            for a in e.args:
                expr(a, negative)

    def literal(lit, negative):
        if isinstance(lit, Atom):
            out.append((lit.relation, negative))
        elif isinstance(lit, Negation):
            out.append((lit.atom.relation, True))
        elif isinstance(lit, Compare):
            expr(lit.left, negative)
            expr(lit.right, negative)
        elif isinstance(lit, Group):
            for alternative in lit.alternatives:
                for inner in alternative:
                    literal(inner, negative)

    for lit in rule.body:
        literal(lit, False)
    return out


def components(program):
    """Strongly connected components of the dependency graph, dependencies first
    (Tarjan's algorithm, iterative)."""
    graph = {name: set() for name in program.relations}
    for rule in program.rules:
        for relation, _ in _edges(rule):
            graph.setdefault(rule.head.relation, set()).add(relation)
            graph.setdefault(relation, set())
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(sorted(component))
    return result


def order(program):
    """Every relation, each after the relations it reads."""
    return [name for component in components(program) for name in component]


def unstratified_rules(program):
    """The rules that negate or aggregate a relation of their own recursive cycle."""
    component_of = {}
    for i, component in enumerate(components(program)):
        for name in component:
            component_of[name] = i
    return [rule for rule in program.rules
            if any(negative and component_of[relation] == component_of[rule.head.relation]
                   for relation, negative in _edges(rule))]
