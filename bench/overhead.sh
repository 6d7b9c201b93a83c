#!/usr/bin/env bash
# Issue 6, benchmark 1 (harness overhead): runs the JMH benchmarks, then prints markdown tables of
# per-task ns, the raw JDK anchor and the ratio. About 10 minutes on 2 cores. Forks come from the
# @Fork annotations: 2 for the runner/raw pairs and CheckpointCost, 1 for diagnostics and HarnessParts.
#   bench/overhead.sh                    run, then print the tables
#   bench/overhead.sh --table [file]     only print the tables of an earlier run's JSON
set -euo pipefail
cd "$(dirname "$0")/.."
JSON=target/jmh-overhead.json

if [[ "${1:-}" == "--table" ]]; then
    JSON="${2:-$JSON}"
else
    mvn -q -Pbench test-compile exec:exec \
        -Dbench.args="DispatchOverhead CheckpointCost HarnessParts -wi 2 -i 5 -w 1s -r 1s -rf json -rff $JSON"
fi

python3 - "$JSON" <<'EOF'
import json, sys

runs = json.load(open(sys.argv[1]))
aux = {r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]:
       {k: v["score"] for k, v in r.get("secondaryMetrics", {}).items()} for r in runs}
score = {r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]:
         (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"]) for r in runs}

def ns(name):
    s, e = score[name]
    return f"{s:,.1f} ± {e:,.1f}" if e == e else f"{s:,.1f}"  # NaN error with a single sample

def lab_wall(name):
    """The runner's own reported wall per task (LabWall counters); excludes pool start/stop, meters, JFR."""
    a = aux[name]
    return a["labWallNanos"] / a["labTasks"] if a.get("labTasks") else float("nan")

def ratio(a, b):
    return score[a][0] / score[b][0]

TARGET = 2.0
# model, runner benchmark, the anchor the target is judged on (raw, pool made per invocation as the
# runner does), and the same construct with a pool kept for the trial.
MODELS = [
    ("SEQUENTIAL", "sequentialRunner", "sequentialRaw", None, "plain loop"),
    ("THREADS", "threadsRunner", "threadsRaw", "threadsRawReused", "newFixedThreadPool(2).invokeAll"),
    ("VIRTUAL_THREADS", "virtualThreadsRunner", "virtualThreadsRaw", "virtualThreadsRawReused",
     "newVirtualThreadPerTaskExecutor submit+get"),
    ("FUTURES (stages 0)", "futuresRunner", "futuresRaw", "futuresRawReused", "supplyAsync on fixed pool + allOf"),
    ("FORK_JOIN (threshold 1)", "forkJoinRunner", "forkJoinRaw", "forkJoinRawReused",
     "ForkJoinPool(2).invoke(RecursiveAction)"),
    ("GIL", "gilRunner", "gilRawFairLock", "gilRawFairLockReused", "fixed pool + fair ReentrantLock per task"),
    ("GIL vs bare THREADS", "gilRunner", "threadsRaw", "threadsRawReused", "newFixedThreadPool(2).invokeAll"),
]
print("### Dispatch: ns per task (1,000 trivial tasks, parallelism 2)\n")
print("| model | raw anchor | runner ns/task | raw ns/task (fresh pool) | ratio | target | met? "
      "| raw ns/task (reused pool) | runner / reused | lab-reported wall ns/task |")
print("|---|---|---:|---:|---:|---:|---|---:|---:|---:|")
for model, runner, raw, reused, what in MODELS:
    d = "DispatchOverhead."
    r = ratio(d + runner, d + raw)
    reused_cols = (f"{ns(d + reused)} | {ratio(d + runner, d + reused):.1f}x" if reused else "n/a | n/a")
    print(f"| {model} | {what} | {ns(d + runner)} | {ns(d + raw)} | {r:.1f}x | <= {TARGET:.0f}x "
          f"| {'yes' if r <= TARGET else '**no**'} | {reused_cols} | {lab_wall(d + runner):,.1f} |")

print("\n### Diagnostics: the raw construct with TaskRecord.run as the task body\n")
print("| benchmark | ns/task | its runner | runner / this |")
print("|---|---:|---:|---:|")
for diag, runner in [("threadsRawWithTaskRecord", "threadsRunner"), ("gilRawFairLockWithTaskRecord", "gilRunner")]:
    d = "DispatchOverhead."
    print(f"| {diag} | {ns(d + diag)} | {ns(d + runner)} | {ratio(d + runner, d + diag):.1f}x |")

print("\n### Diagnostics: VIRTUAL_THREADS, the runner's extras one by one\n")
print("| benchmark | ns/task | lab-reported wall ns/task | vs virtualThreadsRaw |")
print("|---|---:|---:|---:|")
for diag in ["virtualThreadsRunner", "virtualThreadsRunnerUncapped", "virtualThreadsRawCapped",
             "virtualThreadsRawJfrOn", "virtualThreadsRawJfrPerRun", "virtualThreadsRawWithTaskRecord",
             "virtualThreadsRaw"]:
    d = "DispatchOverhead."
    wall = f"{lab_wall(d + diag):,.1f}" if aux[d + diag] else "n/a"
    print(f"| {diag} | {ns(d + diag)} | {wall} | {ratio(d + diag, d + 'virtualThreadsRaw'):.1f}x |")

print("\n### Checkpoint: ns per loop iteration (1M iterations, checkpoint every 256)\n")
print("| benchmark | ns/iteration | baseline | ratio |")
print("|---|---:|---|---:|")
for b, base in [("loop", "loop"), ("loopWithCheckpoint", "loop"), ("checkpointMixedProfile", "loop"),
                ("kernel", "kernel"), ("kernelWithCheckpoint", "kernel")]:
    c = "CheckpointCost."
    print(f"| {b} | {ns(c + b)} | {base} | {ratio(c + b, c + base):.2f}x |")

print("\n### Harness parts in isolation\n")
print("| part | ns per call | ns per task (a repetition is 1,000 tasks) |")
print("|---|---:|---:|")
PARTS = [
    ("taskDirect", "workload.runTask, the task body alone", 1),
    ("taskRecordRun", "TaskRecord.run around it (every runner, every task)", 1),
    ("threadCpuTime", "one ThreadMXBean.getCurrentThreadCpuTime (2 per task)", 1),
    ("nanoTime", "one System.nanoTime (2 per task)", 1),
    ("pinningMonitor", "JFR PinningMonitor start+stop (VIRTUAL_THREADS, per repetition)", 1000),
    ("poolMeters", "Micrometer pool meters monitor+forget (THREADS/FUTURES/FORK_JOIN/GIL, per repetition)", 1000),
    ("fixedPoolStartStop", "fixed pool of 2 started and stopped (per repetition)", 1000),
]
for b, what, per in PARTS:
    s = score["HarnessParts." + b][0]
    print(f"| {what} | {ns('HarnessParts.' + b)} | {s / per:,.1f} |")
EOF
