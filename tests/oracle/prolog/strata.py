"""Which relations depend on which: the order to evaluate them in, and whether the
program is stratified (no negation or aggregate inside a recursive cycle)."""
from datalog import Aggregate, Atom, Negation, children


def _edges(rule):
    """(relation, through_negation) for every relation the rule's body reads; an
    aggregate's relations count as negated (they must be complete before it runs)."""
    out = []

    def walk(node, negative):
        if isinstance(node, Atom):
            out.append((node.relation, negative))
            return
        negative = negative or isinstance(node, (Negation, Aggregate))
        for child in children(node):
            walk(child, negative)

    for lit in rule.body:
        walk(lit, False)
    return out


def read_relations(rule):
    """The relations the rule's body reads, each once."""
    return sorted({relation for relation, _ in _edges(rule)})


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
