"""Runaway workers and the node's health (issue 17): one lab with low worker limits runs catalog
workloads that exceed them (cpu.primes past lab.limits.workers.cpu-seconds, io.file past
lab.limits.workers.file-size-mb) on PROCESSES, over and over, while a thread asks
/actuator/health every 50 ms. Reports health's latency (p50, p99, max) while idle and while the
runaways run, any answer that was not UP, and the reasons the experiments failed with.

Prints a markdown table and the machine, writes target/bench/runaway_health.json.

    python3 bench/runaway_health.py --rounds 5
"""

from __future__ import annotations

import argparse
import json
import threading
import time

import lab as labmod
from lab import HttpError, Lab, http, log

RUNAWAYS = {
    "CPU time": {"model": "PROCESSES", "parallelism": 2, "tasks": 16, "warmups": 0, "repetitions": 1,
                 "workload": {"kind": "cpu.primes", "params": {"size": 10_000_000}}},
    "file size": {"model": "PROCESSES", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
                  "workload": {"kind": "io.file", "params": {"bytes": 4 << 20}}},
}


class HealthSampler:
    def __init__(self, base: str, every: float = 0.05):
        self.base, self.every = base, every
        self.samples: list[tuple[float, float, str]] = []  # (time, latency ms, status)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, name="health", daemon=True)

    def run(self) -> None:
        while not self.stop.is_set():
            t0 = time.monotonic()
            try:
                _, body = http("GET", self.base + "/actuator/health", timeout=10)
                status = body.get("status", "?") if isinstance(body, dict) else "?"
            except HttpError as e:
                status = f"HTTP {e.status}"
            except OSError as e:
                status = f"no answer ({e})"
            self.samples.append((t0, (time.monotonic() - t0) * 1000, status))
            self.stop.wait(max(0.0, self.every - (time.monotonic() - t0)))

    def window(self, start: float, end: float) -> list[tuple[float, float, str]]:
        return [s for s in self.samples if start <= s[0] < end]


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=5, help="times each runaway is run")
    p.add_argument("--idle-seconds", type=float, default=10.0, help="health measured with nothing running first")
    args = p.parse_args()

    java = labmod.find_java()
    mach = labmod.machine(java)
    with Lab.start(java=java, extra_args=["--lab.limits.workers.cpu-seconds=2", "--lab.limits.workers.file-size-mb=1",
                                          "--lab.limits.workers.aot-cache=false"]) as lab:
        sampler = HealthSampler(lab.base)
        sampler.thread.start()
        idle_start = time.monotonic()
        time.sleep(args.idle_seconds)
        busy_start = time.monotonic()
        reasons: dict[str, str] = {}
        outcomes: dict[str, int] = {}
        for round_ in range(args.rounds):
            for name, spec in RUNAWAYS.items():
                exp = lab.post("/api/v1/experiments", spec)
                exp = lab.await_finished(f"/api/v1/experiments/{exp['id']}", exp, 300, every=0.2)
                outcomes[f"{name}: {exp['status']}"] = outcomes.get(f"{name}: {exp['status']}", 0) + 1
                reasons[name] = (exp.get("statusReason") or "")[:160]
            log(f"round {round_ + 1} of {args.rounds} done")
        busy_end = time.monotonic()
        sampler.stop.set()
        sampler.thread.join()

    rows = []
    for label, (start, end) in {"idle": (idle_start, busy_start), "runaways running": (busy_start, busy_end)}.items():
        window = sampler.window(start, end)
        latencies = [s[1] for s in window]
        not_up = [s[2] for s in window if s[2] != "UP"]
        rows.append((label, len(window), percentile(latencies, 0.5), percentile(latencies, 0.99),
                     max(latencies) if latencies else None, len(not_up)))
    print()
    print("| health while | requests | p50 ms | p99 ms | max ms | not UP |")
    print("|---|---|---|---|---|---|")
    for label, n, p50, p99, worst, not_up in rows:
        print(f"| {label} | {n} | {p50:.1f} | {p99:.1f} | {worst:.1f} | {not_up} |")
    print()
    print("| runaway | outcomes | reason (first 160 characters) |")
    print("|---|---|---|")
    for name in RUNAWAYS:
        counts = ", ".join(f"{k.split(': ')[1]} {v}" for k, v in outcomes.items() if k.startswith(name))
        print(f"| {name} | {counts} | {reasons.get(name, '')} |")
    print()
    mach["loadAverageEnd"] = [round(x, 2) for x in __import__("os").getloadavg()]
    print(labmod.machine_line(mach))
    labmod.OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = labmod.OUT_DIR / "runaway_health.json"
    out.write_text(json.dumps({"benchmark": "runaway_health", "machine": mach, "rows": rows, "outcomes": outcomes,
                               "reasons": reasons}, indent=2, default=str) + "\n")
    print(f"\nwritten: {out.relative_to(labmod.ROOT)}")
    return 0


if __name__ == "__main__":
    labmod.run_main(main)
