#!/usr/bin/env python3
"""Fidelity: does the lab report the speedups a hand-written harness measures on the same kernel?

Three comparisons, each interleaved round by round in one run (anchor, lab, lab, anchor, ... the
order alternates per round so that neither side always runs right after the other), each with the
same warm-up and repetition counts and a sequential baseline inside every measurement:

  threads    lab THREADS p=2 speedup  vs  bench/raw/RawPrimes.java (plain ExecutorService, own JVM, same JDK)
             target: lab/raw >= 0.95
  gil        lab GIL p=2 speedup      vs  bench/raw/primes_threads.py --mode threads (CPython `threading`)
             target: within 0.15 of CPython's
  processes  lab PROCESSES p=2        vs  bench/raw/primes_threads.py --mode processes (multiprocessing.Pool)
             target: no more than 0.15 below CPython's

The lab is started from target/concurrency-lab.jar (built if missing) on a free port with a temp
H2 file, and stopped at the end. Prints a markdown table and writes target/bench/fidelity.json.

    python3 bench/fidelity.py                 # all three, default rounds
    python3 bench/fidelity.py --rounds 1      # a quick look
    python3 bench/fidelity.py --skip-gil --skip-processes
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lab as labmod  # noqa: E402
from lab import log, median  # noqa: E402

RAW = Path(__file__).resolve().parent / "raw"


def compile_raw(java: Path, out: Path) -> None:
    javac = java.parent / "javac"
    if not javac.exists():
        raise SystemExit(f"no javac next to {java}: the raw harness needs a JDK, not a JRE")
    subprocess.run([str(javac), "-d", str(out), str(RAW / "RawPrimes.java")], check=True)


def run_json(cmd: list[str], timeout: float) -> dict:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def lab_spec(model: str, a, extra: dict | None = None) -> dict:
    return {"name": f"fidelity {model}", "model": model, "parallelism": a.parallelism, "tasks": a.tasks,
            "workload": {"kind": "cpu.primes", "params": {"size": a.size}},
            "warmups": a.warmups, "repetitions": a.repetitions, "baseline": True, "timeLimitSeconds": 300,
            **(extra or {})}


def second_lane_delay(runs: list[dict]) -> float | None:
    """Median over the measured model runs of how long after the first lane's first task the second lane's
    first task started (ms), from result.runs[].timeline ([lane, startMicros, endMicros]): thread start-up
    inside the timed window shows here."""
    delays = []
    for run in runs:
        if run.get("warmup") or run.get("baseline") or not run.get("timeline"):
            continue
        firsts: dict[int, int] = {}
        for lane, start, _ in run["timeline"]:
            firsts[lane] = min(start, firsts.get(lane, start))
        if len(firsts) >= 2:
            ordered = sorted(firsts.values())
            delays.append((ordered[1] - ordered[0]) / 1000)
    return median(delays)


def lab_measure(lab: labmod.Lab, spec: dict) -> dict:
    exp = lab.run_experiment(spec)
    s = exp["result"]["summary"]
    lane_delay = second_lane_delay(exp["result"]["runs"])
    return {"id": exp["id"], "speedup": s["speedup"], "speedupCi95": [s.get("speedupCi95Low"), s.get("speedupCi95High")],
            "parallelMedianMillis": s["wallMillis"]["median"], "sequentialMedianMillis": s["baselineWallMillis"]["median"],
            "checksum": s.get("checksum"), "warnings": len(s.get("warnings") or []),
            "secondLaneStartMillis": lane_delay}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=7, help="interleaved rounds; the medians are over these (default 7)")
    p.add_argument("--size", type=int, default=200000, help="numbers per task for the Java kernels (default 200000)")
    p.add_argument("--python-size", type=int, default=20000,
                   help="numbers per task for CPython, smaller so it finishes in reasonable time (default 20000)")
    p.add_argument("--tasks", type=int, default=8)
    p.add_argument("--parallelism", type=int, default=2)
    p.add_argument("--warmups", type=int, default=1, help="per measurement, lab and anchors alike (default 1)")
    p.add_argument("--repetitions", type=int, default=3, help="per measurement, lab and anchors alike (default 3)")
    p.add_argument("--skip-threads", action="store_true", help="skip THREADS vs the raw Java harness")
    p.add_argument("--skip-gil", action="store_true", help="skip GIL vs CPython threading")
    p.add_argument("--skip-processes", action="store_true", help="skip PROCESSES vs CPython multiprocessing")
    p.add_argument("--python", help="the CPython to use as the anchor (default: python3 on PATH)")
    a = p.parse_args()

    python = a.python or shutil.which("python3")
    python_note = None
    if not (a.skip_gil and a.skip_processes):
        if not python:
            python_note = "python3 not found: the GIL and PROCESSES comparisons are skipped"
            log(python_note)
            a.skip_gil = a.skip_processes = True
    parts = [name for name, skip in (("threads", a.skip_threads), ("gil", a.skip_gil),
                                     ("processes", a.skip_processes)) if not skip]
    if not parts:
        raise SystemExit("nothing to run: every part is skipped")

    java = labmod.find_java()
    mach = labmod.machine(java)
    log(f"java {java}; parts {parts}; {a.rounds} round(s)")
    rounds: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="fidelity-") as tmp:
        classes = Path(tmp) / "classes"
        if "threads" in parts:
            compile_raw(java, classes)  # not timed
        with labmod.Lab.start(java=java) as lab:
            log(f"lab up on port {lab.port} in {lab.ready_seconds:.1f} s (pid {lab.pid})")
            reps = ["--warmups", str(a.warmups), "--repetitions", str(a.repetitions)]
            anchors = {
                "threads": lambda: run_json([str(java), "-cp", str(classes), "RawPrimes", "--size", str(a.size),
                                             "--tasks", str(a.tasks), "--threads", str(a.parallelism), *reps], 600),
                "gil": lambda: run_json([python, str(RAW / "primes_threads.py"), "--mode", "threads",
                                         "--size", str(a.python_size), "--tasks", str(a.tasks),
                                         "--workers", str(a.parallelism), *reps], 600),
                "processes": lambda: run_json([python, str(RAW / "primes_threads.py"), "--mode", "processes",
                                               "--size", str(a.python_size), "--tasks", str(a.tasks),
                                               "--workers", str(a.parallelism), *reps], 600),
            }
            specs = {
                "threads": lab_spec("THREADS", a),
                "gil": lab_spec("GIL", a, {"switchIntervalMillis": 5}),  # CPython's default switch interval
                "processes": lab_spec("PROCESSES", a),  # warm worker pool, like a Pool created up front
            }
            t_start = time.monotonic()
            for r in range(a.rounds):
                row = {"round": r + 1}
                for part in parts:
                    order = ("raw", "lab") if r % 2 == 0 else ("lab", "raw")
                    for side in order:
                        row[f"{part}.{side}"] = anchors[part]() if side == "raw" else lab_measure(lab, specs[part])
                    log(f"round {r + 1}/{a.rounds} {part}: lab {row[f'{part}.lab']['speedup']:.3f}, "
                        f"anchor {row[f'{part}.raw']['speedup']:.3f}")
                rounds.append(row)
            elapsed = time.monotonic() - t_start
            lab_env = lab.get("/api/v1/system")["environment"]
    mach["loadAverageEnd"] = [round(x, 2) for x in labmod.os.getloadavg()]
    mach["labJvm"] = f"{lab_env.get('javaVendor')} {lab_env.get('javaVersion')}"

    def med(part, side, key):
        return median([rd[f"{part}.{side}"][key] for rd in rounds])

    rows = []
    notes = []
    if "threads" in parts:
        lab_s, raw_s = med("threads", "lab", "speedup"), med("threads", "raw", "speedup")
        ratio = lab_s / raw_s
        rows.append({"measure": f"THREADS p={a.parallelism} speedup (primes size {a.size}, {a.tasks} tasks)",
                     "lab": lab_s, "raw": raw_s, "ratio": ratio, "target": "lab/raw >= 0.95", "met": ratio >= 0.95})
        for label, key in (("THREADS", "parallelMedianMillis"), ("SEQUENTIAL baseline", "sequentialMedianMillis")):
            lv, rv = med("threads", "lab", key), med("threads", "raw", key)
            rows.append({"measure": f"{label} wall time, median", "lab": lv, "raw": rv, "ratio": lv / rv,
                         "unit": "ms", "target": None, "met": None})
        lab_d = median([rd["threads.lab"].get("secondLaneStartMillis") for rd in rounds])
        raw_d = median([rd["threads.raw"].get("secondLaneStartMillis") for rd in rounds])
        if lab_d is not None and raw_d is not None:
            # Inside the timed window: the lab starts a fresh pool's threads there, the raw harness reuses
            # started ones; a larger lab value, of the size of the wall-time gap, points at thread start-up.
            rows.append({"measure": "second thread's first task starts after the first's, median", "lab": lab_d,
                         "raw": raw_d, "ratio": lab_d / raw_d if raw_d else None, "unit": "ms", "target": None,
                         "met": None})
        checks = {rd["threads.lab"]["checksum"] for rd in rounds} | {rd["threads.raw"]["checksum"] for rd in rounds}
        if len(checks) != 1:
            notes.append(f"WARNING: checksums differ between the lab and the raw kernel: {sorted(checks)} "
                         "(has PrimesWorkload changed? update the hand copy in bench/raw/RawPrimes.java)")
    for part, model, anchor, target, ok in (
            ("gil", "GIL", "CPython threading", "within 0.15 of CPython", lambda lv, rv: abs(lv - rv) <= 0.15),
            ("processes", "PROCESSES", "CPython multiprocessing.Pool",
             "not more than 0.15 below CPython", lambda lv, rv: lv >= rv - 0.15)):
        if part not in parts:
            continue
        lv, rv = med(part, "lab", "speedup"), med(part, "raw", "speedup")
        rows.append({"measure": f"{model} p={a.parallelism} speedup (lab size {a.size}; {anchor} size {a.python_size})",
                     "lab": lv, "raw": rv, "ratio": lv / rv, "target": target, "met": ok(lv, rv),
                     "difference": lv - rv})
    if {"gil", "processes"} & set(parts):
        first = rounds[0].get("gil.raw") or rounds[0].get("processes.raw")
        mach["anchorPython"] = first.get("python")
        if not first.get("gilEnabled", True):
            notes.append("WARNING: the anchor Python runs without a GIL (free-threaded build): the GIL comparison "
                         "does not mean what it should")
    spread = []
    for part in parts:
        for side in ("lab", "raw"):
            values = [rd[f"{part}.{side}"]["speedup"] for rd in rounds]
            spread.append(f"{part}/{side} {min(values):.2f}-{max(values):.2f}")
    notes.insert(0, f"{a.rounds} interleaved round(s), {a.warmups} warm-up(s) + {a.repetitions} repetitions each, "
                    f"medians over rounds; speedup range over rounds: {', '.join(spread)}. "
                    f"Measuring took {elapsed:.0f} s.")
    if python_note:
        notes.append(python_note)
    labmod.report("fidelity", rows, mach, extra={"args": vars(a), "rounds": rounds}, notes=notes)
    return 0


if __name__ == "__main__":
    labmod.run_main(main)
