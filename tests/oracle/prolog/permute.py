"""The permutation test of issue 20, item 1: the order in which an author writes a
rule's body must not change the answer. Each generated program is run by Sinew as
written and with its rules' body literals in other orders (every order of a body of
up to four literals, a sample of six orders of a longer one; the literals inside
each aggregate's braces and each group's alternatives are shuffled too); every
variant must give exactly the output of the first. No second engine is needed.
"""
from concurrent.futures import ThreadPoolExecutor
import itertools
import os
import random
import shutil
import tempfile
import time

import datalog
import engines

ALL_ORDERS_UP_TO = 4  # literals; 4! = 24 orders
SAMPLED_ORDERS = 6  # for a longer body: the order as written and five others


def orders(literals, rng):
    """Orders of `literals`, the order as written first."""
    literals = tuple(literals)
    if len(literals) <= ALL_ORDERS_UP_TO:
        return list(itertools.permutations(literals))
    out = [literals]
    for _ in range(SAMPLED_ORDERS - 1):
        shuffled = list(literals)
        rng.shuffle(shuffled)
        out.append(tuple(shuffled))
    return out


def _shuffle_inside(node, rng):
    """`node` with the literals in its aggregates' braces and its groups'
    alternatives in a random order (the outer order is orders()' business)."""
    if isinstance(node, datalog.Aggregate):
        body = [_shuffle_inside(lit, rng) for lit in node.body]
        rng.shuffle(body)
        braces = node.braces or len(body) > 1
        return datalog.Aggregate(node.op, node.target, tuple(body), braces, node.call_style)
    if isinstance(node, datalog.Group):
        return datalog.Group(tuple(_shuffled(alternative, rng) for alternative in node.alternatives))
    if isinstance(node, datalog.Compare):
        return datalog.Compare(node.op, _shuffle_inside(node.left, rng), _shuffle_inside(node.right, rng))
    if isinstance(node, datalog.BinOp):
        return datalog.BinOp(node.op, _shuffle_inside(node.left, rng), _shuffle_inside(node.right, rng))
    return node


def _shuffled(literals, rng):
    out = [_shuffle_inside(lit, rng) for lit in literals]
    rng.shuffle(out)
    return tuple(out)


def _body_orders(body, rng):
    """The orders of one rule's body; a body `a ; b` (one group of alternatives)
    is ordered alternative by alternative."""
    if len(body) == 1 and isinstance(body[0], datalog.Group) and len(body[0].alternatives) > 1:
        per_alternative = [orders(alternative, rng) for alternative in body[0].alternatives]
        n = max(len(o) for o in per_alternative)
        return [(datalog.Group(tuple(o[v % len(o)] for o in per_alternative)),) for v in range(n)]
    return orders(body, rng)


def variants(p, seed):
    """Copies of program `p`, the first as written; variant v writes each rule's
    body in that rule's v-th order (cycling through a rule's orders when it has
    fewer), with every aggregate's braces shuffled from the second variant on."""
    rng = random.Random(seed)
    per_rule = [_body_orders(rule.body, rng) for rule in p.rules]
    count = max([1] + [len(o) for o in per_rule])
    out = [p]
    for v in range(1, count):
        q = datalog.Program(dict(p.relations), list(p.outputs), list(p.facts), [], list(p.comments),
                            p.facts_from_files, dict(p.types))
        for rule, rule_orders in zip(p.rules, per_rule):
            body = rule_orders[v % len(rule_orders)]
            q.rules.append(datalog.Rule(rule.head, tuple(_shuffle_inside(lit, rng) for lit in body)))
        out.append(q)
    return out


def same(first, other):
    """Equal outputs, or failures of one kind (the message may name another literal)."""
    if isinstance(first, engines.Error) or isinstance(other, engines.Error):
        kind = lambda r: str(r).split(":")[0] if isinstance(r, engines.Error) else "an answer"
        return kind(first) == kind(other)
    return first == other


def check_program(sinew, work, seed, p, options, write_case):
    """Runs every variant of `p`; returns (number of variants, first result,
    [(variant, its result)] for each that differs from the first)."""
    results = []
    programs = variants(p, seed)
    for v, q in enumerate(programs):
        path = write_case(work, "p_%d_v%d" % (seed, v), q)
        results.append(engines.run_sinew(sinew, path, q.outputs, options))
    return len(programs), results[0], [(v, r) for v, r in enumerate(results) if not same(results[0], r)]


def run(args, seeds, jobs, generate, write_case, options_of):
    """The permutation test over `seeds`; prints each difference and a summary, and
    returns 1 when any variant differs."""
    keep = args.keep or os.path.join(tempfile.gettempdir(), "sinew-permute-mismatches")
    work = tempfile.mkdtemp(prefix="oracle-permute-")
    started = time.time()
    runs = failures = answered = 0
    differing = []

    def one(seed):
        p = generate(args, seed, any_order=False)
        return seed, p, check_program(args.sinew, work, seed, p, options_of(seed), write_case)

    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for seed, p, (count, first, diffs) in pool.map(one, seeds):
                runs += count
                failures += isinstance(first, engines.Error)
                answered += not isinstance(first, engines.Error)
                if diffs:
                    differing.append(seed)
                    report(keep, work, seed, p, first, diffs, options_of(seed))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d programs (seeds %d..%d), %d runs of sinew in %.1f s: %d programs whose answer depends on "
          "the order of a body" % (len(seeds), seeds[0], seeds[-1], runs, time.time() - started, len(differing)))
    print("  %d answered as written, %d refused or failed as written (then every order must fail alike)"
          % (answered, failures))
    if differing:
        print("  differing seeds: %s; programs kept in %s" % (" ".join(map(str, differing[:50])), keep))
    return 1 if differing else 0


def report(keep, work, seed, p, first, diffs, options):
    os.makedirs(keep, exist_ok=True)
    kept = []
    for v in [0] + [v for v, _ in diffs[:3]]:
        name = "p_%d_v%d" % (seed, v)
        shutil.copy(os.path.join(work, name + ".dl"), os.path.join(keep, name + ".dl"))
        if p.facts_from_files:
            shutil.copytree(os.path.join(work, name + ".facts"), os.path.join(keep, name + ".facts"),
                            dirs_exist_ok=True)
        kept.append(os.path.join(keep, name + ".dl"))
    lines = []
    for v, result in diffs[:3]:
        if isinstance(result, engines.Error) or isinstance(first, engines.Error):
            lines.append("variant %d: %s (as written: %s)" % (v, result, first))
        else:
            lines.append("variant %d: %s" % (v, "; ".join(engines.compare(first, result))))
    print("ORDER MATTERS seed %d (%d of the orders differ from the first%s):\n  %s\n  kept: %s"
          % (seed, len(diffs), ", sinew run " + " ".join(options) if options else "",
             "\n  ".join(lines), " ".join(kept)), flush=True)
