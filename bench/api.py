#!/usr/bin/env python3
"""The API under load, and the service's own costs: start-up, submit-to-running, memory.

  1. time to ready: process start to /actuator/health UP, median of --starts fresh starts
     (each with a new, empty H2 file)
  2. idle resident memory (VmRSS) once the started server has settled
  3. submit-to-running on an idle server, median of --submissions trivial experiments: the API's
     own `queueWaitMillis` (startedAt - createdAt) and, client-observed, from sending the POST to
     the RUNNING status arriving on the experiment's SSE stream (GET .../events)
  4. throughput and latency with wrk (2 threads, 16 connections, loopback, after a warm-up pass) of
     GET /actuator/health (the anchor), GET /api/v1/experiments/{id} (a finished experiment) and
     GET /api/v1/experiments (the list, first page of 20, after --seed cheap experiments);
     target: each API endpoint >= 0.9 of health's requests/s (issue 16)
  5. resident memory again after the load, settled (targets: idle <= 256 MiB, after <= 1.2x idle)

wrk and the server share the machine's cores, so these are loopback numbers on a shared machine,
not what a separate client would see. Prints a markdown table and writes target/bench/api.json.

    python3 bench/api.py                            # everything, default durations
    python3 bench/api.py --duration 3 --warmup 2 --starts 1 --submissions 5   # a quick look
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lab as labmod  # noqa: E402
from lab import log, median  # noqa: E402

LUA = Path(__file__).resolve().parent / "wrk_json.lua"
# Issue 16's targets: reads at this share of health's throughput or more; memory idle and after load.
TARGET_RATIO = 0.9
# The bench submits about a hundred experiments as one user: the per-user quota and rate are not measured here.
UNLIMITED = ["--lab.limits.per-user.queued=100000", "--lab.limits.per-user.submits-per-minute=100000"]
IDLE_RSS_MIB = 256
AFTER_LOAD_RATIO = 1.2

TRIVIAL = {"name": "bench trivial", "model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
           "workload": {"kind": "io.sleep", "params": {"millis": 200}}, "timeLimitSeconds": 30}
SEED = {"name": "bench seed", "model": "THREADS", "parallelism": 2, "tasks": 8, "warmups": 0, "repetitions": 1,
        "workload": {"kind": "io.sleep", "params": {"millis": 1}}, "timeLimitSeconds": 30}
# The README's first example: a typical finished experiment, to read back under load.
TYPICAL = {"name": "bench typical", "model": "THREADS", "parallelism": 2, "tasks": 8,
           "workload": {"kind": "cpu.primes", "params": {"size": 200000}}, "warmups": 1, "repetitions": 3,
           "baseline": True, "timeLimitSeconds": 120}


def settled_rss(lab: labmod.Lab, settle: float) -> dict:
    """VmRSS after `settle` seconds, then sampled each second until two samples agree within 1%."""
    time.sleep(settle)
    samples = [lab.rss_kib()]
    for _ in range(20):
        time.sleep(1)
        samples.append(lab.rss_kib())
        if abs(samples[-1] - samples[-2]) <= 0.01 * samples[-2]:
            break
    workers = labmod.children(lab.pid)
    return {"rssMiB": samples[-1] / 1024, "samplesKiB": samples,
            "childPids": workers, "childRssMiB": sum((labmod.rss_kib(c) or 0) for c in workers) / 1024}


def submit_to_running(lab: labmod.Lab, count: int) -> dict:
    """Each submission alone on an idle server: POST, then follow its SSE stream to RUNNING and the end."""
    server, client, post_rtt, first_seen, sse_open, health_rtt = [], [], [], [], [], []
    for i in range(count):
        # The anchor: one plain request's round trip on this idle server, new connection like the POST's.
        conn = http.client.HTTPConnection("127.0.0.1", lab.port, timeout=30)
        t0 = time.perf_counter()
        conn.request("GET", "/actuator/health")
        conn.getresponse().read()
        health_rtt.append((time.perf_counter() - t0) * 1000)
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", lab.port, timeout=30)
        body = json.dumps(TRIVIAL)
        t0 = time.perf_counter()
        conn.request("POST", "/api/v1/experiments", body=body,
                     headers={"Content-Type": "application/json", **labmod.AUTH})
        resp = conn.getresponse()
        exp = json.loads(resp.read())
        t_post = time.perf_counter()
        conn.close()
        if resp.status != 202:
            raise RuntimeError(f"POST answered {resp.status}: {exp}")
        # Follow the stream: the first event is the state now, then every status change.
        sse = http.client.HTTPConnection("127.0.0.1", lab.port, timeout=30)
        sse.request("GET", f"/api/v1/experiments/{exp['id']}/events",
                    headers={"Accept": "text/event-stream", **labmod.AUTH})
        t_sse = time.perf_counter()
        stream = sse.getresponse()
        running_at, first_status, event, status = None, None, None, None
        while True:
            line = stream.readline()
            if not line:
                break
            line = line.decode().rstrip("\r\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event == "status":
                status = json.loads(line[5:])["status"]
                first_status = first_status or status
                if first_status == status and len(sse_open) < len(server) + 1:
                    sse_open.append((time.perf_counter() - t_sse) * 1000)  # request sent to first event in
                if status == "RUNNING" and running_at is None:
                    running_at = time.perf_counter()
            elif line == "" and status in ("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT"):
                break
        sse.close()
        final = lab.get(f"/api/v1/experiments/{exp['id']}")
        if final["status"] != "SUCCEEDED":
            raise RuntimeError(f"trivial experiment ended {final['status']}: {final.get('statusReason')}")
        server.append(final["queueWaitMillis"])
        post_rtt.append((t_post - t0) * 1000)
        first_seen.append(first_status)
        # Seen RUNNING only if it was still running when the stream opened, or started later.
        client.append((running_at - t0) * 1000 if running_at else None)
        time.sleep(0.2)  # idle between submissions
    return {"queueWaitMillis": server, "clientMillis": [None if c is None else round(c, 2) for c in client],
            "postRoundTripMillis": [round(x, 2) for x in post_rtt], "firstStatusOnStream": first_seen,
            "sseFirstEventMillis": [round(x, 2) for x in sse_open], "sseFirstEventMedian": median(sse_open),
            "healthRoundTripMillis": [round(x, 2) for x in health_rtt], "healthRoundTripMedian": median(health_rtt),
            "queueWaitMedian": median(server), "clientMedian": median(client), "postMedian": median(post_rtt),
            "clientUnobserved": sum(1 for c in client if c is None)}


def seed(lab: labmod.Lab, count: int) -> None:
    ids = [lab.post("/api/v1/experiments", SEED)["id"] for _ in range(count)]
    deadline = time.monotonic() + 300
    for i in ids:
        while lab.get(f"/api/v1/experiments/{i}")["status"] in ("QUEUED", "RUNNING"):
            if time.monotonic() > deadline:
                raise RuntimeError("seed experiments did not finish in 300 s")
            time.sleep(0.2)


def wrk(url: str, seconds: int, threads: int, connections: int, pid: int | None = None) -> dict:
    """One wrk run; with the server's pid, also the server's CPU time per request (all its threads:
    request handling, GC, JIT), which a machine shared with wrk and other work distorts far less.
    API paths carry the bench's bearer token, as a user's requests do; health is public and gets none."""
    cpu0 = labmod.cpu_seconds(pid) if pid else None
    auth = [] if url.endswith("/actuator/health") else ["-H", f"Authorization: Bearer {labmod.TOKEN}"]
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
           *auth, "-s", str(LUA), url]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    cpu1 = labmod.cpu_seconds(pid) if pid else None
    line = next((x for x in proc.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stdout[-1500:]} {proc.stderr[-1500:]}")
    r = json.loads(line[len("WRKJSON "):])
    r["requestsPerSecond"] = r["requests"] / (r["durationMicros"] / 1e6)
    r["bytesPerResponse"] = r["bytes"] / max(1, r["requests"])
    r["p50Millis"] = r["latencyMicros"]["p50"] / 1000
    r["p99Millis"] = r["latencyMicros"]["p99"] / 1000
    r["nonOk"] = sum(r["errors"].values())
    if cpu0 is not None and cpu1 is not None:
        r["serverCpuMillisPerRequest"] = (cpu1 - cpu0) * 1000 / max(1, r["requests"])
    return r


REPOSITORY = labmod.ROOT / "src/main/java/org/concurrencylab/experiment/ExperimentRepository.java"


def _read_value_lines() -> dict[int, str]:
    """Source lines of ExperimentRepository.map that parse the stored spec and result, to tell them apart
    in the profile (frames carry line numbers, not the type being read)."""
    lines = {}
    try:
        for number, line in enumerate(REPOSITORY.read_text().splitlines(), 1):
            if "readValue(" in line and "ExperimentResult.class" in line:
                lines[number] = "result"
            elif "readValue(" in line and "Spec.class" in line:
                lines[number] = "spec"
    except OSError:
        pass
    return lines


def _categorise(frames: list[dict], read_lines: dict[int, str]) -> str:
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    s = " ".join(names)
    if "ExperimentRepository.map" in s and "readValue" in s:
        line = next((f.get("lineNumber") for f, n in zip(frames, names) if n.endswith("ExperimentRepository.map")), None)
        what = read_lines.get(line)
        if what == "result":
            return "parse each row's stored result JSON (ExperimentRepository.map, Jackson)"
        if what == "spec":
            return "parse each row's stored spec JSON (ExperimentRepository.map, Jackson)"
        return "parse each row's stored spec/result JSON (ExperimentRepository.map, Jackson)"
    if "ExperimentRepository.count" in s:
        return "count(*) query of the list (ExperimentRepository.count)"
    if "org/h2/" in s or "com/zaxxer/" in s or "ExperimentRepository" in s:
        return "other JDBC/H2 work (query, row reading, connection pool)"
    if "writeWithMessageConverters" in s:
        return "write the response JSON (Jackson serialisation, socket write)"
    if "ExperimentResponse" in s or "ExperimentListResponse" in s:
        return "build the response objects"
    if "/health/" in s:
        return "health indicators"
    return "the rest: Tomcat, Spring MVC dispatch, filters, observation"


def profile(lab: labmod.Lab, url: str, seconds: int, threads: int, connections: int, out: Path) -> dict | None:
    """Samples the server with JFR while wrk loads one endpoint; returns where the request threads spent
    their time, by category (share of CPU samples). None if the JDK has no jcmd/jfr."""
    jcmd, jfr = lab.java.parent / "jcmd", lab.java.parent / "jfr"
    if not (jcmd.exists() and jfr.exists()):
        log("no jcmd/jfr next to the java: profiling skipped")
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(jcmd), str(lab.pid), "JFR.configure", "stackdepth=256"], capture_output=True, timeout=60)
    subprocess.run([str(jcmd), str(lab.pid), "JFR.start", "name=bench", "settings=profile",
                    f"filename={out}"], capture_output=True, check=True, timeout=60)
    try:
        wrk(url, seconds, threads, connections)
    finally:
        subprocess.run([str(jcmd), str(lab.pid), "JFR.stop", "name=bench"], capture_output=True, timeout=60)
    text = subprocess.run([str(jfr), "print", "--json", "--stack-depth", "256", "--events", "jdk.ExecutionSample",
                           str(out)], capture_output=True, text=True, check=True, timeout=300).stdout
    counts: dict[str, int] = {}
    read_lines = _read_value_lines()
    total = 0
    for event in json.loads(text)["recording"]["events"]:
        thread = (event["values"].get("sampledThread") or {}).get("javaName") or ""
        if not thread.startswith("http-nio"):
            continue
        category = _categorise(event["values"]["stackTrace"]["frames"], read_lines)
        counts[category] = counts.get(category, 0) + 1
        total += 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    return {"samples": total, "jfr": str(out), "shares": {k: round(v / total, 3) for k, v in ranked} if total else {}}


def combine(runs: list[dict]) -> dict:
    """Several wrk slices of one endpoint: requests/s and CPU per request over all of them; latency
    percentiles as the median of the slices' (wrk's histograms cannot be merged from its output)."""
    requests = sum(r["requests"] for r in runs)
    seconds = sum(r["durationMicros"] for r in runs) / 1e6
    out = {"requests": requests, "seconds": seconds, "requestsPerSecond": requests / seconds,
           "bytesPerResponse": sum(r["bytes"] for r in runs) / max(1, requests),
           "p50Millis": median([r["p50Millis"] for r in runs]), "p99Millis": median([r["p99Millis"] for r in runs]),
           "nonOk": sum(r["nonOk"] for r in runs),
           "errors": {k: sum(r["errors"][k] for r in runs) for k in runs[0]["errors"]},
           "slices": runs}
    if all("serverCpuMillisPerRequest" in r for r in runs):
        out["serverCpuMillisPerRequest"] = sum(r["serverCpuMillisPerRequest"] * r["requests"] for r in runs) / max(1, requests)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=int, default=15, help="measured wrk seconds per endpoint (default 15)")
    p.add_argument("--passes", type=int, default=3,
                   help="the measured --duration is split into this many round-robin slices per endpoint (default 3)")
    p.add_argument("--warmup", type=int, default=10, help="seconds of the wrk warm-up pass per endpoint (default 10)")
    p.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    p.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    p.add_argument("--seed", type=int, default=50, help="cheap experiments stored before the list is loaded (default 50)")
    p.add_argument("--submissions", type=int, default=30, help="submit-to-running samples (default 30)")
    p.add_argument("--submit-warmup", type=int, default=5, help="unmeasured submissions first (default 5)")
    p.add_argument("--starts", type=int, default=3, help="starts timed for time-to-ready (default 3)")
    p.add_argument("--settle", type=float, default=10, help="seconds to wait before reading resident memory (default 10)")
    p.add_argument("--skip-wrk", action="store_true", help="skip the load part")
    p.add_argument("--launcher", choices=["dist", "jar"], default="dist",
                   help="dist (default): target/dist/bin/concurrency-lab, as the README starts it; jar: java -jar")
    p.add_argument("--profile", choices=["auto", "always", "never"], default="auto",
                   help="sample the server with JFR under an extra wrk run of an API endpoint to see where its time "
                        "goes: auto (default) when it misses its target")
    a = p.parse_args()

    have_wrk = shutil.which("wrk") is not None
    notes = []
    if not have_wrk and not a.skip_wrk:
        msg = "wrk not found on PATH (Debian/Ubuntu: apt-get install wrk): the load part is skipped"
        log(msg)
        notes.append(msg)
        a.skip_wrk = True

    java = labmod.find_java()
    mach = labmod.machine(java)
    ready, rss_idle = [], []
    result: dict = {"args": vars(a)}

    # 1. time to ready: starts that are thrown away, then the one the rest runs on.
    for i in range(a.starts - 1):
        with labmod.Lab.start(java=java, launcher=a.launcher, extra_args=UNLIMITED) as lab:
            ready.append(lab.ready_seconds)
            log(f"start {i + 1}/{a.starts}: UP after {lab.ready_seconds:.2f} s")
    with labmod.Lab.start(java=java, launcher=a.launcher, extra_args=UNLIMITED) as lab:
        ready.append(lab.ready_seconds)
        log(f"start {a.starts}/{a.starts}: UP after {lab.ready_seconds:.2f} s (port {lab.port}, pid {lab.pid})")
        # 2. idle memory
        idle = settled_rss(lab, a.settle)
        log(f"idle RSS {idle['rssMiB']:.0f} MiB")
        # 3. submit-to-running on the idle server
        submit_to_running(lab, a.submit_warmup)  # unmeasured: the submit path's first, cold calls
        sub = submit_to_running(lab, a.submissions)
        log(f"submit-to-running: server {sub['queueWaitMedian']} ms, client {sub['clientMedian']} ms (median)")
        result["submitToRunning"] = sub
        # 4. load
        loads = {}
        if not a.skip_wrk:
            typical = lab.run_experiment(TYPICAL)
            seed(lab, a.seed)
            listing = lab.get("/api/v1/experiments")
            result["listTotalItems"] = listing["totalItems"]
            targets = {
                "health": "/actuator/health",
                "get": f"/api/v1/experiments/{typical['id']}",
                "list": "/api/v1/experiments",
            }
            for name, path in targets.items():
                log(f"wrk warm-up {a.warmup} s: {path}")
                wrk(lab.base + path, a.warmup, a.threads, a.connections)
            # Measured in --passes round-robin slices (health, get, list, health, ...), so a burst of other
            # work on the machine lands on every endpoint alike instead of on one endpoint's whole window.
            slice_s = max(1, round(a.duration / a.passes))
            passes: dict[str, list[dict]] = {name: [] for name in targets}
            for i in range(a.passes):
                for name, path in targets.items():
                    passes[name].append(wrk(lab.base + path, slice_s, a.threads, a.connections, lab.pid))
            for name, path in targets.items():
                loads[name] = combine(passes[name])
                loads[name]["path"] = path
                log(f"wrk {a.passes} x {slice_s} s {path}: {loads[name]['requestsPerSecond']:.0f} req/s, "
                    f"p50 {loads[name]['p50Millis']:.2f} ms, p99 {loads[name]['p99Millis']:.2f} ms, "
                    f"server CPU {loads[name].get('serverCpuMillisPerRequest', 0):.2f} ms/request")
            result["wrk"] = loads
            # Where the time goes, when an endpoint misses its target (or always, with --profile always).
            profiles = {}
            for name in ("get", "list"):
                missed = loads[name]["requestsPerSecond"] < TARGET_RATIO * loads["health"]["requestsPerSecond"]
                if a.profile == "always" or (a.profile == "auto" and missed):
                    log(f"profiling {targets[name]} with JFR for {a.duration} s")
                    profiles[name] = profile(lab, lab.base + targets[name], a.duration, a.threads, a.connections,
                                             labmod.OUT_DIR / f"api-{name}.jfr")
            result["profiles"] = profiles
        # 5. memory after the load
        after = settled_rss(lab, a.settle)
        log(f"RSS after the load {after['rssMiB']:.0f} MiB")
        result["rss"] = {"idle": idle, "afterLoad": after}
        lab_env = lab.get("/api/v1/system")["environment"]
    result["readySeconds"] = ready
    mach["loadAverageEnd"] = [round(x, 2) for x in labmod.os.getloadavg()]
    mach["labJvm"] = f"{lab_env.get('javaVendor')} {lab_env.get('javaVersion')}"

    rows = []
    if loads:
        h = loads["health"]
        rows.append({"measure": "GET /actuator/health requests/s (the anchor)", "lab": h["requestsPerSecond"],
                     "raw": h["requestsPerSecond"], "ratio": 1.0, "target": None, "met": None})
        for name, label in (("get", "GET /api/v1/experiments/{id}"), ("list", "GET /api/v1/experiments (list, 20 items)")):
            r = loads[name]
            ratio = r["requestsPerSecond"] / h["requestsPerSecond"]
            rows.append({"measure": f"{label} requests/s", "lab": r["requestsPerSecond"], "raw": h["requestsPerSecond"],
                         "ratio": ratio, "target": f">= {TARGET_RATIO} of health", "met": ratio >= TARGET_RATIO})
        for name, label in (("health", "health"), ("get", "get one"), ("list", "list")):
            r = loads[name]
            rows.append({"measure": f"{label} latency p50 / p99 (ms; median of the slices)",
                         "lab": f"{r['p50Millis']:.2f} / {r['p99Millis']:.2f}",
                         "raw": (f"{h['p50Millis']:.2f} / {h['p99Millis']:.2f}" if name != "health" else None),
                         "ratio": None if name == "health" else r["p50Millis"] / h["p50Millis"],
                         "target": None, "met": None})
        if "serverCpuMillisPerRequest" in h:
            for name, label in (("health", "health"), ("get", "get one"), ("list", "list")):
                r = loads[name]
                rows.append({"measure": f"{label}: server CPU per request (ms; all server threads)",
                             "lab": r["serverCpuMillisPerRequest"],
                             "raw": None if name == "health" else h["serverCpuMillisPerRequest"],
                             "ratio": None if name == "health"
                             else h["serverCpuMillisPerRequest"] / r["serverCpuMillisPerRequest"],
                             "target": None if name == "health" else f"(health/this: >= {TARGET_RATIO} if CPU-bound)",
                             "met": None})
        for name, prof in (result.get("profiles") or {}).items():
            if prof:
                notes.append(f"Where {loads[name]['path']} spends its request-thread CPU (JFR, {prof['samples']} "
                             "samples): " + "; ".join(f"{v * 100:.0f}% {k}" for k, v in prof["shares"].items()))
        for name in loads:
            if loads[name]["nonOk"]:
                notes.append(f"WARNING: {loads[name]['path']}: {loads[name]['errors']} errors/non-2xx under load")
        notes.append("Response sizes: " + ", ".join(f"{loads[n]['path'].split('/')[-1] or n} "
                                                   f"{loads[n]['bytesPerResponse']:.0f} B" for n in loads)
                     + " (bytes per response including headers).")
    rows.append({"measure": "submit-to-running, server (queueWaitMillis), median", "lab": sub["queueWaitMedian"],
                 "unit": "ms", "target": "< 50 ms", "met": sub["queueWaitMedian"] < 50})
    if sub["clientMedian"] is not None:
        anchor = 2 * sub["healthRoundTripMedian"]
        rows.append({"measure": "submit-to-running, client (POST sent to RUNNING on SSE), median; "
                                "anchor: 2 idle health round trips",
                     "lab": sub["clientMedian"], "raw": anchor, "ratio": sub["clientMedian"] / anchor,
                     "unit": "ms", "target": "< 50 ms", "met": sub["clientMedian"] < 50})
    notes.append(f"Client-observed submit-to-running = the POST's round trip (median {sub['postMedian']:.1f} ms) + "
                 f"opening the SSE stream to its first event (median {sub['sseFirstEventMedian']:.1f} ms); the "
                 f"first event was already RUNNING in {sum(1 for x in sub['firstStatusOnStream'] if x == 'RUNNING')} "
                 f"of {len(sub['firstStatusOnStream'])} submissions, so it is an upper bound. One idle GET /actuator/health "
                 f"round trip on a new connection took {sub['healthRoundTripMedian']:.1f} ms (median) meanwhile.")
    rows.append({"measure": f"time to ready (process start to health UP), median of {len(ready)}",
                 "lab": median(ready), "unit": "s", "target": None, "met": None})
    rows.append({"measure": "resident memory idle, settled (VmRSS)", "lab": idle["rssMiB"], "unit": "MiB",
                 "target": f"<= {IDLE_RSS_MIB} MiB", "met": idle["rssMiB"] <= IDLE_RSS_MIB})
    grown = after["rssMiB"] / idle["rssMiB"]
    rows.append({"measure": "resident memory after the load, settled (VmRSS)", "lab": after["rssMiB"],
                 "raw": idle["rssMiB"], "ratio": grown, "unit": "MiB", "target": f"<= {AFTER_LOAD_RATIO}x idle",
                 "met": grown <= AFTER_LOAD_RATIO})
    notes.insert(0, f"Started with {'target/dist/bin/concurrency-lab' if a.launcher == 'dist' else 'java -jar'}. "
                    f"wrk: {a.threads} threads, {a.connections} connections, {a.warmup} s warm-up then {a.duration} s "
                    f"per endpoint in {a.passes} round-robin slices (health, get, list, ...), loopback; wrk and the server share the machine's {mach['cores']} cores. "
                    f"List over {result.get('listTotalItems', '-')} stored experiments. "
                    f"Submit-to-running over {a.submissions} submissions (SEQUENTIAL io.sleep 200 ms, one at a time); "
                    f"time to ready over {len(ready)} starts: {', '.join(f'{x:.1f}' for x in ready)} s.")
    labmod.report("api", rows, mach, extra=result, notes=notes)
    return 0


if __name__ == "__main__":
    labmod.run_main(main)
