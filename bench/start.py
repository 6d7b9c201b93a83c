#!/usr/bin/env python3
"""Start-up: the fast start (target/dist/bin/concurrency-lab) against `java -jar target/concurrency-lab.jar`.

Both start the same build on the same JDK (the launcher's; `java -jar` gets that java too), each
time in a fresh temporary folder with a new H2 file, so every start migrates an empty database as a
first start does. Interleaved: odd rounds start the jar first, even rounds the dist first, so that
drift in the machine's load hits both alike. Measured from the process's start to the first
/actuator/health answering UP (polled every 20 ms), then, with --rss, the resident memory (VmRSS) of
the idle server once it has settled (the dist must not buy its speed with memory).

Target (issue 16): the dist's median at most 0.35 of the jar's.

    python3 bench/start.py                 # 7 rounds, about 4 minutes
    python3 bench/start.py --rounds 3 --no-rss
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lab as labmod  # noqa: E402
from lab import log, median  # noqa: E402

TARGET = 0.35


def one_start(launcher: str, java: Path, rss: bool, settle: float) -> tuple[float, float | None]:
    with labmod.Lab.start(java=java, launcher=launcher, wait_worker_cache=False) as lab:
        ready = lab.ready_seconds
        resident = None
        if rss:
            # The worker cache is built (or checked) in the background after start-up: let it end.
            lab._wait_worker_cache(120)
            time.sleep(settle)
            samples = [lab.rss_kib()]
            for _ in range(20):
                time.sleep(1)
                samples.append(lab.rss_kib())
                if abs(samples[-1] - samples[-2]) <= 0.01 * samples[-2]:
                    break
            resident = samples[-1] / 1024
    return ready, resident


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="pairs of starts (default 7)")
    parser.add_argument("--no-rss", dest="rss", action="store_false", help="skip the idle memory")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds idle before reading VmRSS")
    args = parser.parse_args()

    labmod.ensure_jar()
    if not labmod.DIST_LAUNCHER.exists():
        raise SystemExit(f"{labmod.DIST_LAUNCHER} is missing: run mvn -DskipTests package")
    java = labmod.find_java()
    mach = labmod.machine(java)
    times: dict[str, list[float]] = {"jar": [], "dist": []}
    rss: dict[str, list[float]] = {"jar": [], "dist": []}
    ratios = []
    for i in range(args.rounds):
        order = ("jar", "dist") if i % 2 == 0 else ("dist", "jar")
        got = {}
        for launcher in order:
            ready, resident = one_start(launcher, java, args.rss, args.settle)
            got[launcher] = ready
            times[launcher].append(ready)
            if resident is not None:
                rss[launcher].append(resident)
            log(f"round {i + 1}: {launcher} UP in {ready:.2f} s"
                + (f", idle {resident:.0f} MiB" if resident is not None else ""))
        ratios.append(got["dist"] / got["jar"])
    mach["loadAverageEnd"] = [round(x, 2) for x in __import__("os").getloadavg()]

    jar, dist = median(times["jar"]), median(times["dist"])
    ratio = dist / jar
    rows = [
        {"measure": "time to health UP, java -jar (the anchor), median", "lab": jar, "raw": jar, "ratio": 1.0,
         "unit": "s"},
        {"measure": "time to health UP, target/dist/bin/concurrency-lab, median", "lab": dist, "raw": jar,
         "ratio": ratio, "unit": "s", "target": f"<= {TARGET} of java -jar", "met": ratio <= TARGET},
        {"measure": "pairwise ratio dist/jar, median of the rounds (min-max)", "lab": statistics.median(ratios),
         "raw": None, "ratio": None,
         "target": f"{min(ratios):.2f}-{max(ratios):.2f}"},
    ]
    if rss["jar"] and rss["dist"]:
        rj, rd = median(rss["jar"]), median(rss["dist"])
        rows += [
            {"measure": "idle resident memory (VmRSS), java -jar, median", "lab": rj, "raw": rj, "ratio": 1.0,
             "unit": "MiB"},
            {"measure": "idle resident memory (VmRSS), dist, median", "lab": rd, "raw": rj, "ratio": rd / rj,
             "unit": "MiB", "target": "<= 256 MiB", "met": rd <= 256},
        ]
    notes = [f"{args.rounds} rounds; jar starts {', '.join(f'{t:.2f}' for t in times['jar'])} s; "
             f"dist starts {', '.join(f'{t:.2f}' for t in times['dist'])} s."]
    labmod.report("start", rows, mach, extra={"times": times, "rssMiB": rss, "ratios": ratios}, notes=notes)
    return 0


if __name__ == "__main__":
    labmod.run_main(main)
