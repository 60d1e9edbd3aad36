#!/usr/bin/env python3
"""Time and memory of copro on hostile files as large as it reads (1 MiB).

    python3 bench/diagnostics.py

It builds copro in release mode, writes each file below to a temporary directory, runs the
command that reads it once as a warm-up and then three times, and prints the best time and
the peak memory (resident set size) of each:

  unknown answers      an assessment with an unknown question id on every line (score)
  one long line        the same answers as one inline table on a single line (score)
  bad references       a questionnaire whose questions name unknown areas and rungs (validate)
  many questions       a valid questionnaire with tens of thousands of questions (validate)
  duplicate ids        a questionnaire whose questions all share one id (validate)

Every file is refused or read in well under a second and a few tens of megabytes: each
problem is located without counting lines from the start of the file, and only the first
hundred problems of a file are kept (the rest are counted).
"""

import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COPRO = os.path.join(ROOT, "target", "release", "copro")
CAP = 1024 * 1024  # MAX_FILE_BYTES in src/source.rs
RUNS = 3

HEAD = """questionnaire = "tlap"
questionnaire_version = "1.0.0"
organisation = "Hostile"
service = "Files"
assessed = 2026-01-01

[respondent]
role = "service-manager"
"""


def fill(head, line, tail=""):
    """`head`, then `line(i)` for i = 0, 1, … as long as the whole stays under the cap."""
    parts, size, i = [head], len(head) + len(tail), 0
    while True:
        piece = line(i)
        if size + len(piece) >= CAP:
            break
        parts.append(piece)
        size += len(piece)
        i += 1
    parts.append(tail)
    return "".join(parts), i


def tlap():
    return subprocess.run([COPRO, "questionnaire", "show", "tlap", "--format", "toml"],
                          check=True, capture_output=True, text=True).stdout


def question(i, area, rungs, qid=None):
    qid = qid or f"extra-{i}"
    options = "".join(
        f'\n[[questions.options]]\nid = "o{j}"\ntext = "Option {j}."\nrung = "{rung}"\n'
        for j, rung in enumerate(rungs))
    return (f'\n[[questions]]\nid = "{qid}"\narea = "{area}"\n'
            f'prompt = "Question {i}?"\nsource = "tlap-ladder"\n{options}')


def cases():
    yield ("unknown answers", "score", fill(HEAD + "\n[answers]\n",
                                            lambda i: f'unknown-question-{i} = "x"\n'))
    line, n = fill(HEAD + "\nanswers = { ", lambda i: f'unknown-question-{i} = "x", ', "}\n")
    yield ("one long line", "score", (line.replace(", }", " }"), n))
    base = tlap()
    yield ("bad references", "validate",
           fill(base, lambda i: question(i, "nowhere", ["no-such-rung", "nor-this"])))
    yield ("many questions", "validate",
           fill(base, lambda i: question(i, "culture", ["coercion", "co-production"])))
    yield ("duplicate ids", "validate",
           fill(base, lambda i: question(i, "culture", ["coercion", "co-production"],
                                         "same-id")))


def run(args):
    """Seconds and peak memory (MB) of one run of copro."""
    start = time.perf_counter()
    child = subprocess.Popen([COPRO, *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 2):
        sys.exit(f"copro {' '.join(args)} exited with {code}")
    return seconds, usage.ru_maxrss / 1024, code


def main():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    print(f"| file (at most {CAP // 1024 // 1024} MiB) | items | size | exit | time | peak memory |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, command, (text, items) in cases():
            path = os.path.join(tmp, name.replace(" ", "-") + ".toml")
            with open(path, "w") as f:
                f.write(text)
            args = ["score", path] if command == "score" else [
                "questionnaire", "validate", path]
            run(args)
            results = [run(args) for _ in range(RUNS)]
            best = min(r[0] for r in results)
            memory = max(r[1] for r in results)
            print(f"| {name} (`{command}`) | {items:,} | {len(text) / 1024 / 1024:.1f} MiB "
                  f"| {results[0][2]} | {best * 1000:,.0f} ms | {memory:.0f} MB |")


if __name__ == "__main__":
    main()
