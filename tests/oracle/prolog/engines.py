"""Runs one program through each engine and reads back every output relation as a
set of tuples. A result is either {relation: set of tuples} or an Error saying what
went wrong (an exit code, a time-out, output that cannot be read)."""
from dataclasses import dataclass
import os
import re
import shutil
import subprocess
import tempfile

TIMEOUT_SECONDS = 60


@dataclass
class Error:
    what: str

    def __str__(self):
        return self.what


_FACT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\((.*)\)\.$")
_COUNT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\t(\d+)$")


def _value(text):
    text = text.strip()
    return text[1:-1] if text.startswith('"') else int(text)


def _row(text):
    """`1, "a"`: the symbols the generator writes hold no comma, quote or escape."""
    text = text.strip()
    return tuple(_value(v) for v in text.split(",")) if text else ()


def read_facts_text(text, outputs):
    """`rel(1, 2).` lines (Sinew's `-D -`, and the Prolog side's report/0);
    `rel<TAB>n` count lines, when present, must agree with the tuples."""
    result = {name: set() for name in outputs}
    counts = {}
    for line in text.splitlines():
        fact = _FACT.match(line)
        count = _COUNT.match(line)
        if fact:
            try:
                result.setdefault(fact.group(1), set()).add(_row(fact.group(2)))
            except ValueError:
                return Error("cannot read the values of %r" % line)
        elif count:
            counts[count.group(1)] = int(count.group(2))
        elif line.strip():
            return Error("cannot read the output line %r" % line)
    for name, n in counts.items():
        if n != len(result.get(name, ())):
            return Error("%s: the count line says %d, the tuples are %d"
                         % (name, n, len(result.get(name, ()))))
    return result


def _run(command, cwd=None):
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                              timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s" % TIMEOUT_SECONDS
    return done, None


def _failure(done):
    lines = [l for l in (done.stderr or done.stdout).strip().splitlines()
             if "warning[" not in l and not l.lstrip().startswith(("|", "= hint"))]
    errors = [l for l in lines if l.startswith("Error") or "error[" in l]  # after the warnings
    lines = errors or lines
    if done.returncode < 0:
        status = "killed by signal %d%s" % (-done.returncode, " (SIGSEGV)" if done.returncode == -11 else "")
    else:
        status = "exit %d" % done.returncode
    return "%s: %s" % (status, " | ".join(lines[:4]) or "nothing on stderr")


def facts_options(dl_path):
    """`-F FOLDER` when the program reads facts files: they sit in PROGRAM.facts/."""
    folder = dl_path[:-len(".dl")] + ".facts"
    return ["-F", folder] if os.path.isdir(folder) else []


def run_sinew(binary, dl_path, outputs, options=()):
    command = [binary, "run", dl_path, "-D", "-"] + facts_options(dl_path) + list(options)
    done, timeout = _run(command)
    if timeout:
        return Error("sinew " + timeout)
    if done.returncode != 0:
        return Error("sinew " + _failure(done))
    return read_facts_text(done.stdout, outputs)


def run_souffle(binary, dl_path, outputs):
    out_dir = tempfile.mkdtemp(prefix="oracle-souffle-")
    try:
        done, timeout = _run([binary, "-D", out_dir] + facts_options(dl_path) + [dl_path])
        if timeout:
            return Error("souffle " + timeout)
        if done.returncode != 0:
            return Error("souffle " + _failure(done))
        result = {}
        for name in outputs:
            path = os.path.join(out_dir, name + ".csv")
            rows = set()
            if os.path.exists(path):
                with open(path) as f:
                    for line in f.read().splitlines():
                        rows.add(tuple(int(v) if v.lstrip("-").isdigit() else v for v in line.split("\t"))
                                 if line not in ("", "()") else ())
            result[name] = rows
        return result
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def run_swipl_batch(modules, outputs_of):
    """Loads several Prolog module files into one `swipl` (start-up is most of the
    cost of a small program) and returns each one's result, keyed by module name.
    `modules` is a list of (module name, path)."""
    lines = []
    for name, path in modules:
        lines.append("run(%s, %r)." % (name, path.replace("\\", "/")))
    driver = "\n".join(lines) + """
:- dynamic failed/1.
:- multifile user:message_hook/3.
user:message_hook(Message, error, _) :- assertz(failed(Message)), fail.
main :- forall(run(M, P), one(M, P)).
one(M, P) :-
    format("=== ~w~n", [M]), flush_output,
    catch((load_files(P, [imports([]), silent(true)]), call(M:report)),
          E, assertz(failed(E))),
    (   failed(Why) -> format("=== error ~q~n", [Why]) ; format("=== ok~n", []) ),
    retractall(failed(_)),
    abolish_all_tables.
:- initialization(main, main).
"""
    with tempfile.NamedTemporaryFile("w", suffix=".pl", delete=False) as f:
        f.write(driver)
        driver_path = f.name
    try:
        done, timeout = _run(["swipl", "-q", driver_path])
    finally:
        os.unlink(driver_path)
    if timeout:
        return {name: Error("swipl " + timeout) for name, _ in modules}
    results, current, text = {}, None, []
    for line in done.stdout.splitlines():
        if line.startswith("=== ") and current is None:
            current, text = line[4:], []
        elif line == "=== ok" and current is not None:
            results[current] = read_facts_text("\n".join(text), outputs_of[current])
            current = None
        elif line.startswith("=== error ") and current is not None:
            results[current] = Error("swipl: " + line[len("=== error "):])
            current = None
        elif current is not None:
            text.append(line)
    for name, _ in modules:
        if name not in results:
            results[name] = Error("swipl " + _failure(done))
    return results


def compare(expected, actual):
    """Differences between two results, as lines; empty when they agree."""
    if isinstance(expected, Error) or isinstance(actual, Error):
        if isinstance(expected, Error) and isinstance(actual, Error):
            return []  # both refuse or both fail: not a wrong answer
        return ["expected: %s" % expected if isinstance(expected, Error) else
                "expected an answer, got: %s" % actual]
    lines = []
    for name in sorted(set(expected) | set(actual)):
        e, a = expected.get(name, set()), actual.get(name, set())
        if e != a:
            missing, extra = sorted(e - a), sorted(a - e)
            lines.append("%s: %d tuples expected, %d given; missing %s; extra %s"
                         % (name, len(e), len(a), _show(missing), _show(extra)))
    return lines


def _show(rows):
    text = " ".join("(%s)" % ", ".join(str(v) for v in r) for r in rows[:6])
    return (text or "none") + (" ..." if len(rows) > 6 else "")
