#!/usr/bin/env python3
"""The shared queue on PostgreSQL: how fast an idle node starts work queued through a busy one, and how
many trivial experiments nodes claim and finish per second.

  1. wake-up: node A runs one experiment at a time and is kept busy; node B is idle. Each of
     --wakeups trivial experiments is submitted through A and runs on B; its queueWaitMillis
     (B's startedAt minus A's createdAt, one machine's clock) is submit-to-start. Measured with
     LISTEN/NOTIFY (the default) and, as the anchor, with lab.execution.queue-notifications=false,
     where B finds the work at its next poll (lab.execution.poll-interval, 1 s).
     Target (issue 16): median under 50 ms.
  2. throughput: --experiments trivial experiments (SEQUENTIAL, 1 task of io.sleep 0 ms, no warm-up,
     1 repetition) submitted at once by 8 client threads, then claimed and run by 1 node and by 2
     nodes, each running --concurrency experiments at a time; experiments per second from the first
     createdAt to the last finishedAt. db-scheduler publishes 2,000-4,000 executions/s (fetch-and-lock)
     and 10,600-11,800 (lock-and-fetch) on 4 nodes of 2 cores; a lab experiment is a measured run with a
     stored result, not a job, so those figures are the ceiling of the queue's SQL, not a like-for-like.

PostgreSQL: --postgres-url (with --postgres-user/--postgres-password), else a container of
docker/local-images.sh's PostgreSQL image (or postgres:15) on 127.0.0.1:--postgres-port, removed at the
end. The nodes start with the dist's launcher (target/dist/bin/concurrency-lab).

    python3 bench/queue.py                 # about 3 minutes
    python3 bench/queue.py --wakeups 10 --experiments 100
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lab as labmod  # noqa: E402
from lab import log, median  # noqa: E402

TRIVIAL = {"name": "queue bench", "model": "SEQUENTIAL", "tasks": 1, "warmups": 0, "repetitions": 1,
           "workload": {"kind": "io.sleep", "params": {"millis": 0}}, "timeLimitSeconds": 60}
BUSY = {"name": "keeps node A busy", "model": "THREADS", "parallelism": 1, "tasks": 1, "warmups": 0,
        "repetitions": 1, "workload": {"kind": "io.sleep", "params": {"millis": 600000}}, "timeLimitSeconds": 900}
TARGET_MS = 50
# No limit of the lab's may pace the bench: the queue is what is measured.
UNLIMITED = ["--lab.limits.queue-capacity=100000", "--lab.limits.per-user.queued=100000",
             "--lab.limits.per-user.submits-per-minute=10000000"]


class Postgres:
    """A PostgreSQL server for the run: the one given, or a container of our own."""

    def __init__(self, args):
        self.container = None
        if args.postgres_url:
            self.url, self.user, self.password = args.postgres_url, args.postgres_user, args.postgres_password
            return
        if not shutil.which("docker"):
            raise SystemExit("no --postgres-url and no docker to start PostgreSQL in")
        image = "postgres:15"
        script = labmod.ROOT / "docker" / "local-images.sh"
        out = subprocess.run(["bash", str(script), "--print-postgres-image"], capture_output=True, text=True)
        local = out.stdout.strip()
        if local and subprocess.run(["docker", "image", "inspect", local], capture_output=True).returncode == 0:
            image = local
        self.container = f"lab-bench-postgres-{uuid.uuid4().hex[:8]}"
        self.user, self.password = "bench", "bench"
        subprocess.run(["docker", "run", "-d", "--rm", "--name", self.container, "-e", "POSTGRES_USER=bench",
                        "-e", "POSTGRES_PASSWORD=bench", "-e", "POSTGRES_DB=bench",
                        "-p", f"127.0.0.1:{args.postgres_port}:5432", image, "postgres", "-c", "max_connections=200"],
                       check=True, capture_output=True)
        labmod.register_cleanup(self.stop)
        self.url = f"jdbc:postgresql://127.0.0.1:{args.postgres_port}/bench"
        deadline = time.monotonic() + 120
        while True:
            logs = subprocess.run(["docker", "logs", self.container], capture_output=True, text=True)
            if (logs.stdout + logs.stderr).count("database system is ready to accept connections") >= 2:
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"PostgreSQL did not start:\n{logs.stdout[-2000:]}{logs.stderr[-2000:]}")
            time.sleep(0.5)
        log(f"PostgreSQL {image} in container {self.container} on port {args.postgres_port}")

    def fresh_database(self) -> str:
        """A new empty database on the server: each measurement starts from an empty queue."""
        name = "lab_" + uuid.uuid4().hex[:12]
        if self.container:
            subprocess.run(["docker", "exec", self.container, "psql", "-U", self.user, "-d", "bench", "-c",
                            f"create database {name}"], check=True, capture_output=True)
        else:
            psql = shutil.which("psql") or "psql"
            subprocess.run([psql, self.url.replace("jdbc:", ""), "-U", self.user, "-c", f"create database {name}"],
                           check=True, capture_output=True, env={"PGPASSWORD": self.password})
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        if self.container:
            subprocess.run(["docker", "rm", "-f", self.container], capture_output=True)
            self.container = None


def node(pg: Postgres, url: str, node_id: str, extra: list[str]) -> labmod.Lab:
    return labmod.Lab.start(launcher="dist", datasource=url, wait_worker_cache=False, extra_args=[
        f"--spring.datasource.username={pg.user}", f"--spring.datasource.password={pg.password}",
        f"--lab.execution.node-id={node_id}", "--lab.limits.workers.aot-cache=false", *UNLIMITED, *extra])


def instant(text: str) -> float:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def wakeups(pg: Postgres, count: int, notify: bool) -> list[float]:
    """queueWaitMillis of experiments submitted through a busy node A and run on an idle node B."""
    flag = [f"--lab.execution.queue-notifications={'true' if notify else 'false'}"]
    url = pg.fresh_database()
    with node(pg, url, "bench-a", flag) as a:
        busy = a.post("/api/v1/experiments", BUSY)
        while a.get(f"/api/v1/experiments/{busy['id']}")["status"] != "RUNNING":
            time.sleep(0.05)
        with node(pg, url, "bench-b", flag) as b:
            waits = []
            for i in range(count + 3):
                exp = a.post("/api/v1/experiments", TRIVIAL)
                done = b.await_finished(f"/api/v1/experiments/{exp['id']}", exp, 60, every=0.05)
                if done["nodeId"] != "bench-b" or done["status"] != "SUCCEEDED":
                    raise RuntimeError(f"expected a success on bench-b: {json.dumps(done)[:500]}")
                if i >= 3:  # the first few are the nodes' cold paths
                    waits.append(done["queueWaitMillis"])
                time.sleep(0.3)  # B idle again, waiting, before the next submit
            return waits


def throughput(pg: Postgres, nodes: int, concurrency: int, count: int) -> dict:
    url = pg.fresh_database()
    extra = [f"--lab.execution.concurrent-experiments={concurrency}"]
    labs = [node(pg, url, f"bench-{i}", extra) for i in range(nodes)]
    try:
        # Warm the run path of every node before the clock: a few experiments each.
        for lab in labs:
            for _ in range(3):
                lab.run_experiment(TRIVIAL)
        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(lambda i: labs[i % nodes].post("/api/v1/experiments", TRIVIAL)["id"], range(count)))
        deadline = time.monotonic() + 600
        while True:
            page = labs[0].get(f"/api/v1/experiments?size=1&status=SUCCEEDED&workload=io.sleep")
            if page["totalItems"] >= count + 3 * nodes:
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the experiments did not finish in 600 s")
            time.sleep(0.25)
        rows = [labs[0].get(f"/api/v1/experiments/{i}") for i in ids]
        first = min(instant(r["createdAt"]) for r in rows)
        last = max(instant(r["finishedAt"]) for r in rows)
        by_node = {}
        for r in rows:
            by_node[r["nodeId"]] = by_node.get(r["nodeId"], 0) + 1
        return {"nodes": nodes, "concurrency": concurrency, "experiments": count,
                "seconds": last - first, "perSecond": count / (last - first), "byNode": by_node}
    finally:
        for lab in labs:
            lab.stop()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--wakeups", type=int, default=30, help="submissions through the busy node (default 30)")
    p.add_argument("--experiments", type=int, default=300, help="experiments per throughput run (default 300)")
    p.add_argument("--concurrency", default="1,4", help="experiments at a time per node (default 1,4)")
    p.add_argument("--postgres-url", help="a JDBC URL of a database on a server to use instead of a container")
    p.add_argument("--postgres-user", default="postgres")
    p.add_argument("--postgres-password", default="")
    p.add_argument("--postgres-port", type=int, default=18165, help="the container's port on 127.0.0.1")
    a = p.parse_args()

    java = labmod.find_java()
    mach = labmod.machine(java)
    pg = Postgres(a)
    try:
        notified = wakeups(pg, a.wakeups, True)
        log(f"wake-up with LISTEN/NOTIFY: median {median(notified)} ms")
        polled = wakeups(pg, max(5, a.wakeups // 3), False)
        log(f"wake-up by the poll alone: median {median(polled)} ms")
        runs = []
        for concurrency in (int(c) for c in a.concurrency.split(",")):
            for nodes in (1, 2):
                r = throughput(pg, nodes, concurrency, a.experiments)
                log(f"{nodes} node(s) x {concurrency}: {r['perSecond']:.0f} experiments/s {r['byNode']}")
                runs.append(r)
    finally:
        pg.stop()
    mach["loadAverageEnd"] = [round(x, 2) for x in labmod.os.getloadavg()]
    rows = [
        {"measure": "submit on a busy node to start on an idle one, LISTEN/NOTIFY, median (queueWaitMillis)",
         "lab": median(notified), "raw": median(polled), "ratio": median(notified) / median(polled), "unit": "ms",
         "target": f"< {TARGET_MS} ms", "met": median(notified) < TARGET_MS},
        {"measure": "the same with notifications off (the poll alone, every 1 s), median: the anchor",
         "lab": median(polled), "unit": "ms"},
        {"measure": "the same, LISTEN/NOTIFY, max", "lab": max(notified), "unit": "ms"},
    ]
    for r in runs:
        rows.append({"measure": f"trivial experiments claimed and finished per second, {r['nodes']} node(s), "
                                f"{r['concurrency']} at a time each", "lab": r["perSecond"],
                     "raw": "2,000-4,000 / 10,600-11,800 (db-scheduler, 4 nodes)", "unit": "/s"})
    notes = [f"Wake-up: {len(notified)} submissions with notifications ({', '.join(f'{x:.0f}' for x in notified)} ms), "
             f"{len(polled)} without. Throughput: {a.experiments} experiments per run, submitted by 8 client threads "
             "through the nodes in turn; per node: " + "; ".join(f"{r['nodes']}x{r['concurrency']}: {r['byNode']}"
                                                                     for r in runs)]
    labmod.report("queue", rows, mach, extra={"notified": notified, "polled": polled, "throughput": runs},
                  notes=notes)
    return 0


if __name__ == "__main__":
    labmod.run_main(main)
