#!/usr/bin/env bash
# Benchmark 3 of issue 6: worker JVM spawn-to-ready and pipe round trip, each against a bare echo
# JVM started the same way. Each command builds (or reuses) the worker AOT cache itself in
# target/bench-workers and prints a markdown table; each takes under 5 minutes on 2 cores.
# Arguments after the script name replace the start-up benchmark's defaults, e.g. --kind io.http.
set -euo pipefail
cd "$(dirname "$0")/.."

startup_args="${*:---spawns 40 --warmups 5}"
mvn -q -Pbench test-compile exec:exec -Dbench.main=org.concurrencylab.execution.WorkerStartupBench \
    -Dbench.args="$startup_args"
mvn -q -Pbench test-compile exec:exec -Dbench.main=org.concurrencylab.execution.PipeRoundTripBench \
    -Dbench.args="--payload 64 --warmup 20000 --blocks 20 --block 2500"
