#!/usr/bin/env python3
"""A second engine for every program: runs Datalog programs through `sinew run` and
through SWI-Prolog with tabling (or Soufflé) and compares every output relation as a
set of tuples. README.md says what is generated and how to reproduce a mismatch.

  oracle.py regressions --sinew BIN [--against swipl|souffle] [DIR]
  oracle.py random --sinew BIN [--against swipl|souffle] [--programs N] [--seed S]
                   [--jobs J] [--keep DIR] [--any-order] [--no-nested]
  oracle.py permute --sinew BIN [--programs N] [--seed S] [--jobs J] [--keep DIR]
  oracle.py show SEED [--any-order] [--no-nested] [--against souffle] [--prolog]
  oracle.py minimise FILE.dl --sinew BIN [--against swipl|souffle]

Exit status: 0 when every program agrees (against Soufflé: or differs only where
Soufflé is known to, README.md), 1 on any mismatch (or an unexpected pass of a
known-failing regression, or a body order that changes an answer), 77 when the other
engine is not available (skipped), 2 on a usage error.
"""
import argparse
from collections import namedtuple
from concurrent.futures import ThreadPoolExecutor
import os
import re
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import datalog  # noqa: E402
import engines  # noqa: E402
import generator  # noqa: E402
import permute  # noqa: E402
import prolog  # noqa: E402
import strata  # noqa: E402

SKIPPED = 77
KNOWN_FAILING = "// known-failing:"
BATCH = 20  # programs per swipl process


def env_number(name, fallback):
    text = os.environ.get(name, "")
    return int(text) if text.strip() else fallback


class Oracle:
    """The other engine: SWI-Prolog (many programs per process) or Soufflé."""

    def __init__(self, against):
        self.against = against
        self.souffle = os.environ.get("SOUFFLE", "")

    def unavailable(self):
        if self.against == "swipl" and not shutil.which("swipl"):
            return "SWI-Prolog (`swipl`) is not installed: install swi-prolog-nox to run this oracle"
        if self.against == "souffle":
            if not self.souffle:
                return ("SOUFFLE does not name a Souffle binary: set SOUFFLE=/path/to/souffle "
                        "(../shared/bench/README.md says how to build Souffle 2.5)")
            if not os.access(self.souffle, os.X_OK):
                return "SOUFFLE=%s is not an executable file" % self.souffle
        return None

    def run(self, cases):
        """cases: list of (name, program, dl_path, work_dir); returns name -> result."""
        if self.against == "souffle":
            return {name: engines.run_souffle(self.souffle, dl, p.outputs) for name, p, dl, _ in cases}
        modules, outputs = [], {}
        for name, p, _, work in cases:
            path = os.path.join(work, name + ".pl")
            with open(path, "w") as f:
                f.write(prolog.write_module(p, name, strata.order(p)))
            modules.append((name, path))
            outputs[name] = p.outputs
        return engines.run_swipl_batch(modules, outputs)


class Outcome(namedtuple("Outcome", "expected actual diff known")):
    """One program through both engines: `diff` lists the differences (empty when
    they agree); `known` says why a difference from Soufflé is one of its known
    ones (SWI-Prolog agrees with Sinew), else it is empty."""


def check_cases(oracle, sinew, cases, options=None):
    """Runs each case through both engines; returns name -> Outcome."""
    expected = oracle.run(cases)
    out = {}
    for name, p, dl, _ in cases:
        actual = engines.run_sinew(sinew, dl, p.outputs, options or sinew_options(name))
        out[name] = Outcome(expected[name], actual, engines.compare(expected[name], actual), "")
    differing = [case for case in cases if out[case[0]].diff]
    if oracle.against == "souffle" and differing and not Oracle("swipl").unavailable():
        # Soufflé 2.5 contradicts itself on some aggregates (issue 20, item 3); where
        # SWI-Prolog gives Sinew's answer, the difference is Soufflé's.
        again = Oracle("swipl").run(differing)
        for name, p, _, _ in differing:
            expected, actual = out[name].expected, out[name].actual
            souffle_crashed = isinstance(expected, engines.Error) and (
                "killed by signal" in str(expected) or _WILDCARD_UNGROUNDED.search(str(expected)))
            answers = not any(isinstance(r, engines.Error) for r in (actual, again[name]))
            if answers and (souffle_crashed or not isinstance(expected, engines.Error)) \
                    and not engines.compare(again[name], actual):
                out[name] = out[name]._replace(known=souffle_shapes(p))
    return out


# Soufflé 2.5 calls a variable ungrounded where it is not: a wildcard (renamed _0, _1,
# ...) in braces that hold a repeated variable and a negation with `_` (`count : {
# r0(l0, l0), !e1(_, 1, 2) }`), or its own `z` when a nested aggregate shares a
# literal with another aggregate of the rule.
_WILDCARD_UNGROUNDED = re.compile(r"Ungrounded variable [_a-z]")


def souffle_shapes(p):
    """The shapes of `p` in which Soufflé 2.5 is known to differ (README.md)."""
    shapes = set()

    def aggregates(node):
        if isinstance(node, datalog.Aggregate):
            yield node
        for child in datalog.children(node):
            yield from aggregates(child)

    recursive = {name for component in strata.components(p) for name in component if len(component) > 1
                 or any(r.head.relation == name and name in strata.read_relations(r) for r in p.rules)}
    for rule in p.rules:
        found = [a for lit in rule.body for a in aggregates(lit)]
        if any(set(x.body) & set(y.body) for i, x in enumerate(found) for y in found[i + 1:]):
            shapes.add("two aggregates of one rule share a literal (Souffle may crash)")
        for agg in found:
            atoms = [lit for lit in agg.body if isinstance(lit, datalog.Atom)]
            if len(agg.body) > 1 and any(isinstance(a, datalog.Wild) for atom in atoms for a in atom.args):
                shapes.add("`_` in braces with several literals")
            for atom in atoms:
                names = [a.name for a in atom.args if isinstance(a, datalog.Var)]
                if len(names) != len(set(names)):
                    shapes.add("a variable repeated in an atom in braces")
            if any(isinstance(lit, datalog.Negation) and datalog.Wild() in lit.atom.args for lit in agg.body):
                shapes.add("a negation with `_` in braces")
        if found and rule.head.relation in recursive:
            shapes.add("an aggregate in a recursive rule")
        locals_ = [datalog.variables(a, set()) - datalog.outer_vars(rule) for a in found]
        if any(x & y for i, x in enumerate(locals_) for y in locals_[i + 1:]):
            shapes.add("two aggregates share a local name")
    return "; ".join(sorted(shapes)) or "none of the documented shapes"


def sinew_options(name):
    """Every fourth generated program runs with provenance recorded, which takes
    another path through the engine and must not change an answer."""
    number = name[2:]
    return ["--provenance"] if name.startswith("p_") and int(number) % 4 == 0 else []


def generate(args, seed, any_order=None):
    """The program of `seed` with the shapes the command line asks for."""
    return generator.generate(seed, args.any_order if any_order is None else any_order,
                              nested=args.nested, nested_outer=args.nested,
                              souffle=getattr(args, "against", "") == "souffle")


def write_case(work, name, p):
    path = os.path.join(work, name + ".dl")
    with open(path, "w") as f:
        f.write(datalog.write_program(p))
    if p.facts_from_files:
        folder = os.path.join(work, name + ".facts")
        os.makedirs(folder, exist_ok=True)
        datalog.write_facts(p, folder)
    return path


# ---- regressions/ -----------------------------------------------------------------


def cmd_regressions(args, oracle):
    folder = args.folder or os.path.join(os.path.dirname(os.path.abspath(__file__)), "regressions")
    files = sorted(f for f in os.listdir(folder) if f.endswith(".dl"))
    if not files:
        print("no .dl files in %s" % folder)
        return 1
    work = tempfile.mkdtemp(prefix="oracle-regressions-")
    failures = expected_failures = unexpected_passes = souffle_differences = 0
    try:
        cases, known = [], {}
        for i, file in enumerate(files):
            path = os.path.join(folder, file)
            with open(path) as f:
                text = f.read()
            first = text.splitlines()[0] if text else ""
            if first.startswith(KNOWN_FAILING):
                known[file] = first[len(KNOWN_FAILING):].strip()
            try:
                p = datalog.read_program(text)
                for rule in p.rules:
                    prolog.check_safe(rule, p)
            except (datalog.ReadError, prolog.Unsafe) as e:
                print("FAIL %s: the oracle cannot read it: %s" % (file, e))
                failures += 1
                continue
            cases.append(("reg_%d" % i, p, path, work, file))
        results = check_cases(oracle, args.sinew, [c[:4] for c in cases])
        for name, p, path, _, file in cases:
            expected, _, diff, known_difference = results[name]
            if diff and known_difference:
                souffle_differences += 1
                print("known difference, Souffle %s (SWI-Prolog agrees with Sinew; %s): %s"
                      % (file, known_difference, "; ".join(diff)))
            elif isinstance(expected, engines.Error):
                failures += 1
                print("FAIL %s: %s could not run it: %s" % (file, oracle.against, expected))
            elif file in known:
                if diff:
                    expected_failures += 1
                    print("expected failure %s (%s): %s" % (file, known[file], "; ".join(diff)))
                else:
                    unexpected_passes += 1
                    print("UNEXPECTED PASS %s: it agrees now; remove its `%s` first line"
                          % (file, KNOWN_FAILING))
            elif diff:
                failures += 1
                print("FAIL %s:\n  %s" % (file, "\n  ".join(diff)))
            else:
                print("ok %s" % file)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    agree = len(files) - failures - expected_failures - unexpected_passes - souffle_differences
    print("%d regressions against %s: %d agree, %d fail, %d expected failures, %d unexpected passes%s"
          % (len(files), oracle.against, agree, failures, expected_failures, unexpected_passes,
             ", %d known differences of Souffle" % souffle_differences if oracle.against == "souffle" else ""))
    return 1 if failures or unexpected_passes else 0


# ---- random programs ------------------------------------------------------------------


class Tally:
    def __init__(self):
        self.programs = self.recursive = self.negations = self.aggregates = 0
        self.aggregates_from_files = 0  # programs with aggregates whose facts come from .facts files
        self.arithmetic = self.nonempty = self.tuples = self.both_refused = 0
        self.largest = 0  # the largest magnitude of any derived value
        self.symbolic = 0  # programs over symbols
        self.mismatches = []
        self.souffle_differences = []  # seeds where Soufflé alone differs (SWI agrees with Sinew)

    def count(self, p, expected):
        self.programs += 1
        components = strata.components(p)
        self.recursive += any(len(c) > 1 or any(r.head.relation == c[0] and any(
            isinstance(l, datalog.Atom) and l.relation == c[0] for l in r.body) for r in p.rules)
            for c in components)
        text = datalog.write_program(p, inline_facts=True)
        self.negations += "!" in text.replace("!=", "")
        aggregates = any(op + " " in text or op + " :" in text for op in ("count", "sum", "min", "max"))
        self.aggregates += aggregates
        self.aggregates_from_files += aggregates and p.facts_from_files
        self.arithmetic += any(op in text for op in (" + ", " - ", " * ", " / ", " % "))
        if isinstance(expected, engines.Error):
            return
        n = sum(len(rows) for rows in expected.values())
        self.largest = max([self.largest] + [abs(v) for rows in expected.values() for row in rows
                                             for v in row if isinstance(v, int)])
        self.symbolic += bool(p.types)
        self.tuples += n
        self.nonempty += n > 0


def cmd_random(args, oracle):
    programs = args.programs if args.programs is not None else env_number(
        "SINEW_ORACLE_PROGRAMS", args.default_programs)
    first = args.seed if args.seed is not None else env_number("SINEW_ORACLE_SEED", 1)
    jobs = args.jobs or env_number("SINEW_ORACLE_JOBS", os.cpu_count() or 2)
    keep = args.keep or os.path.join(tempfile.gettempdir(), "sinew-oracle-mismatches")
    work = tempfile.mkdtemp(prefix="oracle-random-")
    seeds = list(range(first, first + programs))
    batches = [seeds[i:i + BATCH] for i in range(0, len(seeds), BATCH)]
    tally = Tally()
    started = time.time()

    def run_batch(batch):
        cases = []
        for seed in batch:
            p = generate(args, seed)
            name = "p_%d" % seed
            again = datalog.read_program(datalog.write_program(p, inline_facts=True))
            if (again.rules, again.facts, again.relations) != (p.rules, p.facts, p.relations):
                raise AssertionError("seed %d: the .dl text reads back as another program" % seed)
            cases.append((name, p, write_case(work, name, p), work))
        results = check_cases(oracle, args.sinew, cases)
        return [(seed, p, results[name]) for (name, p, _, _), seed in zip(cases, batch)]

    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for outcome in pool.map(run_batch, batches):
                for seed, p, (expected, actual, diff, known) in outcome:
                    tally.count(p, expected)
                    if isinstance(expected, engines.Error) and isinstance(actual, engines.Error):
                        tally.both_refused += 1
                    if diff and known:
                        tally.souffle_differences.append(seed)
                        print("known difference, Souffle: seed %d (SWI-Prolog agrees with Sinew; %s): %s"
                              % (seed, known, "; ".join(diff)), flush=True)
                    elif diff:
                        tally.mismatches.append(seed)
                        report_mismatch(args, keep, work, seed, p, diff, oracle)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d programs (seeds %d..%d, %s order) against %s in %.1f s: %d mismatches"
          % (tally.programs, first, first + programs - 1, "any" if args.any_order else "binding",
             oracle.against, time.time() - started, len(tally.mismatches)))
    print("  %d with recursion, %d with negation, %d with aggregates (%d of them reading .facts files), "
          "%d with arithmetic, %d over symbols; "
          "%d derived something (%d tuples in all, largest value %d); %d failed in both engines"
          % (tally.recursive, tally.negations, tally.aggregates, tally.aggregates_from_files,
             tally.arithmetic, tally.symbolic,
             tally.nonempty, tally.tuples, tally.largest, tally.both_refused))
    if oracle.against == "souffle":
        print("  %d known differences of Souffle (SWI-Prolog agrees with Sinew), not failures%s"
              % (len(tally.souffle_differences), ": seeds " + " ".join(
                  str(s) for s in tally.souffle_differences[:50]) if tally.souffle_differences else ""))
    if tally.mismatches:
        print("  mismatching seeds: %s; programs kept in %s"
              % (" ".join(str(s) for s in tally.mismatches[:50]), keep))
    return 1 if tally.mismatches else 0


def report_mismatch(args, keep, work, seed, p, diff, oracle):
    os.makedirs(keep, exist_ok=True)
    name = "p_%d" % seed
    kept = os.path.join(keep, name + ".dl")
    with open(kept, "w") as f:
        f.write(datalog.write_program(p, inline_facts=True))
    ran = ""
    if p.facts_from_files:  # as it ran, beside the inline copy the minimiser reads
        shutil.copy(os.path.join(work, name + ".dl"), os.path.join(keep, name + ".files.dl"))
        shutil.copytree(os.path.join(work, name + ".facts"), os.path.join(keep, name + ".files.facts"),
                        dirs_exist_ok=True)
        ran = "\n  it ran with facts files: sinew run %s.files.dl -F %s.files.facts -D -" % (
            os.path.join(keep, name), os.path.join(keep, name))
    pl = os.path.join(work, name + ".pl")
    if os.path.exists(pl):
        shutil.copy(pl, os.path.join(keep, name + ".pl"))
    if args.any_order:
        # The same seed gives the same rules in binding order: does the order matter?
        ordered = generate(args, seed, any_order=False)
        case = (name, ordered, write_case(work, name + "_ordered", ordered), work)
        agrees = not check_cases(oracle, args.sinew, [case])[name].diff
        ran += ("\n  written in binding order it agrees: the order of the body matters" if agrees
                else "\n  written in binding order it disagrees too")
    options = " ".join(sinew_options(name))
    print("MISMATCH seed %d (%s order%s): %s\n  %s\n  reproduce: %s minimise %s --sinew %s --against %s %s"
          % (seed, "any" if args.any_order else "binding", ", sinew run " + options if options else "",
             kept, "\n  ".join(diff) + ran, os.path.abspath(__file__), kept, args.sinew, args.against,
             options), flush=True)


# ---- show and minimise -----------------------------------------------------------------


def cmd_show(args, _oracle):
    p = generate(args, args.seed_to_show)
    if args.prolog:
        sys.stdout.write(prolog.write_module(p, "p_%d" % args.seed_to_show, strata.order(p)))
    else:
        sys.stdout.write(datalog.write_program(p, inline_facts=True))
    return 0


def cmd_minimise(args, oracle):
    """Greedy: drop rules, facts and body literals while the two engines still
    disagree in the same way; prints the smallest program found."""
    with open(args.file) as f:
        p = datalog.read_program(f.read())
    work = tempfile.mkdtemp(prefix="oracle-minimise-")
    tries = [0]

    def disagreement(q):
        tries[0] += 1
        name = "m_%d" % tries[0]
        dl = write_case(work, name, q)
        options = ["--provenance"] if args.provenance else []
        _, actual, diff, _ = check_cases(oracle, args.sinew, [(name, q, dl, work)], options)[name]
        if not diff:
            return None
        return "error" if isinstance(actual, engines.Error) else "tuples"

    try:
        kind = disagreement(p)
        if kind is None:
            print("the engines agree on %s: nothing to minimise" % args.file)
            return 1
        changed = True
        while changed:
            changed = False
            for candidate in _smaller(p):
                if _safe(candidate) and disagreement(candidate) == kind:
                    p, changed = candidate, True
                    break
    finally:
        shutil.rmtree(work, ignore_errors=True)
    used = {r.head.relation for r in p.rules} | {rel for rel, _ in p.facts}
    for rule in p.rules:
        used |= {e[0] for e in strata._edges(rule)}
    p.relations = {n: a for n, a in p.relations.items() if n in used}
    p.outputs = [n for n in p.outputs if n in used]
    sys.stdout.write(datalog.write_program(p))
    print("// %s disagreement kept after %d tries" % (kind, tries[0]), file=sys.stderr)
    return 0


def _smaller(p):
    """Programs one step smaller than p: a rule, a fact or a body literal fewer, or
    a group `(a ; b)` replaced by one of its alternatives."""
    def copy(**changes):
        q = datalog.Program(dict(p.relations), list(p.outputs), list(p.facts), list(p.rules), list(p.comments))
        for key, value in changes.items():
            setattr(q, key, value)
        return q
    for i in range(len(p.rules)):
        yield copy(rules=p.rules[:i] + p.rules[i + 1:])
    for i in range(len(p.facts)):
        yield copy(facts=p.facts[:i] + p.facts[i + 1:])
    for i, rule in enumerate(p.rules):
        for j in range(len(rule.body)):
            smaller = datalog.Rule(rule.head, rule.body[:j] + rule.body[j + 1:])
            if smaller.body:
                yield copy(rules=p.rules[:i] + [smaller] + p.rules[i + 1:])
            if isinstance(rule.body[j], datalog.Group):  # keep one alternative only
                for alternative in rule.body[j].alternatives:
                    smaller = datalog.Rule(rule.head, rule.body[:j] + alternative + rule.body[j + 1:])
                    yield copy(rules=p.rules[:i] + [smaller] + p.rules[i + 1:])


def _safe(p):
    try:
        for rule in p.rules:
            prolog.check_safe(rule, p)
    except prolog.Unsafe:
        return False
    return not strata.unstratified_rules(p)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    reg = sub.add_parser("regressions", help="every .dl of a folder (default regressions/)")
    reg.add_argument("folder", nargs="?")
    rnd = sub.add_parser("random", help="generated programs")
    show = sub.add_parser("show", help="print the program of one seed")
    show.add_argument("seed_to_show", type=int)
    show.add_argument("--any-order", action="store_true")
    show.add_argument("--against", choices=("swipl", "souffle"), default="swipl",
                      help="souffle: spell abs(e) as max(e, -e), as the Souffle run does")
    every = sub.add_parser("all", help="the regressions, then generated programs")
    perm = sub.add_parser("permute", help="generated programs, each rule body in many orders (no second engine)")
    for p in (rnd, every, perm):
        p.add_argument("--programs", type=int, help="default: $SINEW_ORACLE_PROGRAMS, else 1000")
        p.add_argument("--default-programs", type=int, default=1000, help=argparse.SUPPRESS)
        p.add_argument("--seed", type=int, help="the first seed; default: $SINEW_ORACLE_SEED, else 1")
        p.add_argument("--jobs", type=int, help="default: $SINEW_ORACLE_JOBS, else the cores")
        p.add_argument("--keep", help="folder for the programs that mismatch")
    for p in (rnd, every):
        p.add_argument("--any-order", action="store_true",
                       help="shuffle bodies entirely: comparisons before their bindings")
    for p in (rnd, every, show, perm):
        p.add_argument("--no-nested", dest="nested", action="store_false",
                       help="no aggregates inside aggregates (they are generated by default)")
    every.add_argument("--folder", help=argparse.SUPPRESS)
    show.add_argument("--prolog", action="store_true", help="print the Prolog module instead")
    mini = sub.add_parser("minimise", help="shrink a mismatching program")
    mini.add_argument("file")
    mini.add_argument("--provenance", action="store_true", help="run sinew with --provenance")
    perm.add_argument("--sinew", required=True, help="the sinew binary")
    for p in (reg, rnd, every, mini):
        p.add_argument("--sinew", required=True, help="the sinew binary")
        p.add_argument("--against", choices=("swipl", "souffle"), default="swipl")
    args = parser.parse_args(argv)
    oracle = Oracle(getattr(args, "against", "swipl"))
    if args.command == "permute":
        return cmd_permute(args)
    if args.command != "show":
        why = oracle.unavailable()
        if why:
            print("skipped: " + why)
            return SKIPPED
    return {"regressions": cmd_regressions, "random": cmd_random, "all": cmd_all,
            "show": cmd_show, "minimise": cmd_minimise}[args.command](args, oracle)


def cmd_permute(args):
    programs = args.programs if args.programs is not None else env_number(
        "SINEW_PERMUTE_PROGRAMS", args.default_programs)
    first = args.seed if args.seed is not None else env_number("SINEW_ORACLE_SEED", 1)
    jobs = args.jobs or env_number("SINEW_ORACLE_JOBS", os.cpu_count() or 2)
    return permute.run(args, list(range(first, first + programs)), jobs, generate, write_case,
                       lambda seed: sinew_options("p_%d" % seed))


def cmd_all(args, oracle):
    regressions = cmd_regressions(args, oracle)
    generated = cmd_random(args, oracle)
    return 1 if regressions or generated else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
