#!/usr/bin/env python3
"""Do repeated identical studies agree within their intervals? (issue 5's check, as a benchmark)

Runs the study the issue names twice on one lab: `cpu.primes` (size 200000, 8 tasks) over THREADS,
PROCESSES and GIL at parallelism 1, 2 and 4, 1 warm-up and 5 measured repetitions per cell, each
cell with its in-experiment sequential baseline. For every cell it reports both studies' speedups
with their 95% bootstrap intervals and whether they agree:

  overlap     the two intervals overlap
  each-in     each study's point estimate lies inside the other's interval (stricter)

It also checks, for both studies, what a user reads off them: every interval contains its point
estimate, the table's speedups are the cell experiments' own `result.summary.speedup`, the CSV parses
with one row per cell, and the chart has one line per model plus the ideal line.

Speed is machine-dependent, agreement on a busy machine is not expected: the machine line (load
average) is printed with the result. Prints a markdown table; writes target/bench/study_repeat.json.

    python3 bench/study_repeat.py
    python3 bench/study_repeat.py --repetitions 3 --size 100000   # quicker, wider intervals
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lab as labmod  # noqa: E402
from lab import fmt, log  # noqa: E402

MODELS = ["THREADS", "PROCESSES", "GIL"]
PARALLELISM = [1, 2, 4]


def study_spec(args, name: str) -> dict:
    return {"name": name, "workload": {"kind": "cpu.primes", "params": {"size": args.size}},
            "models": MODELS, "parallelism": PARALLELISM, "tasks": args.tasks,
            "warmups": 1, "repetitions": args.repetitions, "timeLimitSeconds": 600}


def run_study(lab, spec: dict, limit: float = 1800.0) -> dict:
    study = lab.post("/api/v1/studies", spec)
    study = lab.await_finished(f"/api/v1/studies/{study['id']}", study, limit, every=1.0)
    if study["status"] != "SUCCEEDED":
        raise SystemExit(f"study {study['id']} ended {study['status']}")
    log(f"study {spec['name']} done: {study['progress']}")
    return study


def text(lab, path: str) -> str:
    with urllib.request.urlopen(lab.base + path, timeout=60) as response:
        return response.read().decode()


def check_study(lab, study: dict) -> list[str]:
    """What a user relies on in one study; returns the problems found (empty when none)."""
    problems = []
    for row in study["table"]:
        cell = f"{row['model']} p={row['parallelism']}"
        low, point, high = row.get("speedupCi95Low"), row.get("speedup"), row.get("speedupCi95High")
        if None in (low, point, high) or not low <= point <= high:
            problems.append(f"{cell}: interval [{low}, {high}] does not contain the speedup {point}")
        summary = lab.get(f"/api/v1/experiments/{row['experimentId']}")["result"]["summary"]
        if summary.get("speedup") != point:
            problems.append(f"{cell}: table says {point}, the experiment says {summary.get('speedup')}")
    rows = list(csv.DictReader(io.StringIO(text(lab, f"/api/v1/studies/{study['id']}/results.csv"))))
    if len(rows) != len(study["table"]):
        problems.append(f"CSV has {len(rows)} rows for {len(study['table'])} cells")
    svg = text(lab, f"/api/v1/studies/{study['id']}/chart.svg")
    missing = [m for m in MODELS if m not in svg]
    if missing or not re.search(r"ideal", svg, re.IGNORECASE):
        problems.append(f"chart lacks {missing or ''} {'the ideal line' if 'ideal' not in svg.lower() else ''}")
    return problems


def compare(a: dict, b: dict) -> list[dict]:
    rows = []
    cells_b = {(r["model"], r["parallelism"]): r for r in b["table"]}
    for ra in a["table"]:
        rb = cells_b[(ra["model"], ra["parallelism"])]
        overlap = ra["speedupCi95Low"] <= rb["speedupCi95High"] and rb["speedupCi95Low"] <= ra["speedupCi95High"]
        each_in = (rb["speedupCi95Low"] <= ra["speedup"] <= rb["speedupCi95High"]
                   and ra["speedupCi95Low"] <= rb["speedup"] <= ra["speedupCi95High"])
        rows.append({"model": ra["model"], "parallelism": ra["parallelism"],
                     "a": [ra["speedup"], ra["speedupCi95Low"], ra["speedupCi95High"]],
                     "b": [rb["speedup"], rb["speedupCi95Low"], rb["speedupCi95High"]],
                     "overlap": overlap, "eachIn": each_in})
    return rows


def table(rows: list[dict]) -> str:
    out = ["| model | p | study A speedup [95% CI] | study B speedup [95% CI] | intervals overlap | each inside the other |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        a, b = r["a"], r["b"]
        out.append(f"| {r['model']} | {r['parallelism']} | {fmt(a[0])} [{fmt(a[1])}, {fmt(a[2])}] | "
                   f"{fmt(b[0])} [{fmt(b[1])}, {fmt(b[2])}] | {'yes' if r['overlap'] else '**no**'} | "
                   f"{'yes' if r['eachIn'] else 'no'} |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--tasks", type=int, default=8)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()

    mach = labmod.machine()
    with labmod.Lab.start() as lab:
        a = run_study(lab, study_spec(args, "repeat A"))
        b = run_study(lab, study_spec(args, "repeat B"))
        problems = [f"A: {p}" for p in check_study(lab, a)] + [f"B: {p}" for p in check_study(lab, b)]
    rows = compare(a, b)
    print()
    print(table(rows))
    overlapping = sum(r["overlap"] for r in rows)
    inside = sum(r["eachIn"] for r in rows)
    print(f"\n{overlapping}/{len(rows)} cells' intervals overlap; in {inside}/{len(rows)} each estimate lies "
          f"inside the other study's interval.")
    print("\n" + labmod.machine_line(mach))
    print("\nChecks on both studies: " + ("all passed (intervals contain their estimates, table = experiments, "
                                        "CSV rows = cells, chart has every model and the ideal line)"
                                        if not problems else "; ".join(problems)))
    labmod.OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = labmod.OUT_DIR / "study_repeat.json"
    path.write_text(__import__("json").dumps({"benchmark": "study_repeat", "machine": mach, "rows": rows,
                                              "problems": problems, "studies": [a["id"], b["id"]]}, indent=2))
    print(f"\nwritten: {path}")
    return 0 if not problems else 1


if __name__ == "__main__":
    labmod.run_main(main)
