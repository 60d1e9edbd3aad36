#!/usr/bin/env python3
"""Benchmark `copro check` against two baselines on the same files in the same run.

    python3 bench/check.py [N]        # N assessments, default 10000

It builds copro in release mode, writes N realistic assessments (random answers, some
evidence notes and ratings, on both bundled ladders, in nested directories) to a temporary
directory, and times, best of five after a warm-up run:

  cat     find + cat reading every file: the I/O floor
  python  python3 with tomllib merely parsing every file: what a user would otherwise script
  copro   copro check DIR --format json: reading, validating, scoring and judging every file

and copro's peak memory. Targets: at least 20x faster than python, at most 2x cat, peak
memory under 50 MB. It then times copro's two readers of assessment files on the same
files (bench/readers.rs): the quick reader for the plain shape copro writes, and the full
TOML parser it falls back to, so that the reason the quick reader exists stays measured.
"""

import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COPRO = os.path.join(ROOT, "target", "release", "copro")
RUNS = 5

NOTES = [
    "Minutes of the planning day, {m} 2026, list who took part and what changed.",
    "Two members of the people's panel sit on the interview panel, with an equal score.",
    "The budget for the community fund was set by a group where half the votes are held by people who use the service.",
    "Easy-read papers are sent a week before each meeting; members check the drafts.",
    "The annual review of how we share decisions was led by the co-production group.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def questionnaire(ladder):
    out = subprocess.run([COPRO, "questionnaire", "show", ladder, "--format", "json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def assessment(q, ladder, n, rng):
    top = len(q["rungs"]) - 2
    role = rng.choice([r["id"] for r in q["roles"] if not r["lived_experience"]])
    lines = [
        f'questionnaire = "{ladder}"',
        f'questionnaire_version = "{q["version"]}"',
        f'questionnaire_fingerprint = "{q["fingerprint"]}"',
        f'organisation = "Organisation {n}"',
        f'service = "Service {n % 37}"',
        f"assessed = 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        "",
        "[respondent]",
        f'role = "{role}"',
        "",
        "[answers]",
    ]
    evidence = []
    centre = rng.randint(1, len(q["rungs"]) - 2)
    for question in q["questions"]:
        if rng.random() < 0.05:
            lines.append(f'{question["id"]} = "dont-know"')
            continue
        level = max(0, min(len(q["rungs"]) - 1, centre + rng.randint(-2, 2)))
        option = next(o for o in question["options"] if o["level"] == level)
        lines.append(f'{question["id"]} = "{option["id"]}"')
        if level >= top and rng.random() < 0.8:
            note = rng.choice(NOTES).format(m=rng.choice(MONTHS))
            evidence.append(f'{question["id"]} = "{note}"')
    lines += ["", "[evidence]"] + evidence + ["", "[ratings]"]
    for s in q["statements"]:
        if s["voice"] == "we":
            lines.append(f'{s["id"]} = "{rng.choice(q["ratings"])["id"]}"')
    return "\n".join(lines) + "\n"


def generate(directory, n):
    rng = random.Random(2026)
    ladders = {"tlap": questionnaire("tlap"), "hart": questionnaire("hart")}
    for i in range(n):
        ladder = "hart" if i % 5 == 4 else "tlap"
        sub = os.path.join(directory, f"region-{i % 10}", f"team-{i // 100 % 10}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"assessment-{i:05d}.toml"), "w") as f:
            f.write(assessment(ladders[ladder], ladder, i, rng))


def best(command):
    subprocess.run(command, shell=True, check=False, stdout=subprocess.DEVNULL)  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, shell=True, check=False, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def peak_memory_mb(command):
    probe = ("import resource, subprocess, sys; "
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe] + command,
                         check=True, capture_output=True, text=True).stdout
    return int(out.strip()) / 1024


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    subprocess.run(["cargo", "build", "--release", "--quiet", "--locked"], cwd=ROOT, check=True)
    directory = tempfile.mkdtemp(prefix="copro-bench-")
    try:
        generate(directory, n)
        size = sum(os.path.getsize(os.path.join(d, f))
                   for d, _, files in os.walk(directory) for f in files)
        cat = best(f"find {directory} -name '*.toml' -print0 | xargs -0 cat")
        python = best(f"{sys.executable} -c \"import pathlib, sys, tomllib; "
                      f"[tomllib.loads(p.read_text()) for p in pathlib.Path(sys.argv[1]).rglob('*.toml')]\" "
                      f"{directory}")
        copro = best(f"{COPRO} check {directory} --format json --no-policy")
        memory = peak_memory_mb([COPRO, "check", directory, "--format", "json", "--no-policy"])
        check = subprocess.run([COPRO, "check", directory, "--format", "json", "--no-policy"],
                               capture_output=True, text=True)
        summary = json.loads(check.stdout)["summary"]
        readers = subprocess.run(["cargo", "bench", "--quiet", "--locked", "--bench", "readers",
                                  "--", directory],
                                 cwd=ROOT, check=True, capture_output=True, text=True).stdout
    finally:
        shutil.rmtree(directory)

    print(f"{n} assessments, {size / 1e6:.1f} MB, {os.cpu_count()} cores, best of {RUNS}")
    print(f"  cat     {cat * 1000:8.1f} ms")
    print(f"  python  {python * 1000:8.1f} ms")
    print(f"  copro   {copro * 1000:8.1f} ms   ({summary['passed']} passed, "
          f"{summary['failed']} failed, {summary['invalid']} invalid)")
    print(f"  copro is {python / copro:.1f}x faster than python (target: at least 20x) "
          f"and takes {copro / cat:.2f}x the time of cat (target: at most 2x)")
    print(f"  copro peak memory {memory:.1f} MB (target: under 50 MB)")
    print("copro's readers of assessment files, on the same files in memory:")
    print(readers.rstrip())
    met = python / copro >= 20 and copro / cat <= 2 and memory < 50 and summary["invalid"] == 0
    print("  all targets met" if met else "  TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
