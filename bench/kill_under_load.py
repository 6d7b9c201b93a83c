"""Kill under load (issue 17): several lab nodes, each the packaged jar in its own JVM, share one
PostgreSQL as store and queue while short experiments are submitted through them; every few
seconds one node is killed with SIGKILL (or, every `--freeze-every`th fault, frozen with SIGSTOP
past its lease and then resumed) and restarted. Then, from the database itself:

- lost: accepted (202) but not stored, or never ended;
- duplicated: ran twice (more than one RUN row in the append-only experiment_claim log), or a
  result measured on another node than the one that claimed it;
- stuck: RUNNING longer than lease + recovery after its node died (the time from the kill to the
  experiment's end, whoever recorded it);
- orphaned workers: worker JVMs of a killed node still alive `--worker-grace` seconds later.

Prints a markdown table and the machine, writes target/bench/kill_under_load.json.
Needs Docker (a PostgreSQL container from the local image, see docker/local-images.sh) unless
--postgres-url names a server. Standard library only.

    python3 bench/kill_under_load.py                       # 500 experiments, 3 nodes, a fault every 5 s
    python3 bench/kill_under_load.py --experiments 100 --fault-every 8
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
from http.client import HTTPException
from pathlib import Path

import lab as labmod
from lab import HttpError, children, http, log

TOKEN = "kill-under-load-token-0123456789-abcdefghijklmnopq"
TERMINAL = ("SUCCEEDED", "FAILED", "CANCELLED", "TIMED_OUT")
PG_IMAGE_DEFAULT = "concurrency-lab/postgres:15"


# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

class Postgres:
    """A throwaway PostgreSQL container, queried with psql inside it."""

    def __init__(self, image: str, port: int):
        self.name = f"lab-kill-under-load-{os.getpid()}"
        self.port = port
        subprocess.run(["docker", "run", "-d", "--rm", "--name", self.name, "-p", f"127.0.0.1:{port}:5432",
                        "-e", "POSTGRES_PASSWORD=lab", "-e", "POSTGRES_DB=lab", image,
                        "postgres", "-c", "max_connections=200"], check=True, capture_output=True)
        labmod.register_cleanup(self.stop)
        deadline = time.monotonic() + 120
        while True:
            try:
                self.query("select 1")
                return
            except subprocess.CalledProcessError as e:
                # Over TCP: the entrypoint's first, temporary server listens on no port.
                if time.monotonic() > deadline:
                    raise SystemExit(f"PostgreSQL did not start: {e.stderr}")
            time.sleep(0.5)

    url = property(lambda self: f"jdbc:postgresql://127.0.0.1:{self.port}/lab")

    def query(self, sql: str) -> list[list[str]]:
        out = subprocess.run(["docker", "exec", "-e", "PGPASSWORD=lab", self.name, "psql", "-U", "postgres",
                              "-d", "lab", "-h", "127.0.0.1", "-At", "-F", "\t", "-c", sql],
                             capture_output=True, text=True, check=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def stop(self) -> None:
        subprocess.run(["docker", "rm", "-f", self.name], capture_output=True)


# ---------------------------------------------------------------------------------------------
# Nodes
# ---------------------------------------------------------------------------------------------

class Node:
    """One lab node: the packaged jar in its own process group, restartable under the same id and port."""

    def __init__(self, index: int, port: int, java: Path, jar: Path, args: list[str], tmp: Path):
        self.id = f"node-{index}"
        self.port = port
        self.java, self.jar, self.args = java, jar, args
        self.dir = tmp / self.id
        self.dir.mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        labmod.register_cleanup(self.stop)

    base = property(lambda self: f"http://127.0.0.1:{self.port}")

    def start(self) -> None:
        self.starts += 1
        cmd = [str(self.java), "-Xmx384m", "-jar", str(self.jar), f"--server.port={self.port}",
               "--server.address=127.0.0.1", f"--lab.execution.node-id={self.id}",
               f"--lab.execution.worker-dir={self.dir / 'workers'}", *self.args]
        with open(self.dir / f"start-{self.starts}.log", "wb") as logf:
            self.proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         cwd=self.dir, start_new_session=True)

    def up(self) -> bool:
        if self.proc is None or self.proc.poll() is not None:
            return False
        try:
            _, health = http("GET", self.base + "/actuator/health", timeout=3)
            return isinstance(health, dict) and health.get("status") == "UP"
        except (OSError, HttpError):
            return False

    def wait_up(self, timeout: float = 240) -> float:
        t0 = time.monotonic()
        while not self.up():
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.id} exited with {self.proc.returncode}; see {self.dir}")
            if time.monotonic() - t0 > timeout:
                raise SystemExit(f"{self.id} not UP after {timeout:.0f} s; see {self.dir}")
            time.sleep(0.2)
        return time.monotonic() - t0

    def signal(self, sig: int) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, sig)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# ---------------------------------------------------------------------------------------------
# Load
# ---------------------------------------------------------------------------------------------

def spec(k: int, processes_every: int) -> dict:
    """Short experiments; every `processes_every`th on worker JVMs, so kills find workers to orphan."""
    if processes_every and k % processes_every == 0:
        return {"name": f"k-{k}", "model": "PROCESSES", "parallelism": 2, "tasks": 4, "warmups": 0,
                "repetitions": 1, "workload": {"kind": "cpu.primes", "params": {"size": 300000}},
                "timeLimitSeconds": 120}
    return {"name": f"k-{k}", "model": "THREADS", "parallelism": 2, "tasks": 4, "warmups": 0, "repetitions": 1,
            "workload": {"kind": "io.sleep", "params": {"millis": 50 + (k % 5) * 50}}, "timeLimitSeconds": 120}


class Load:
    """Submits experiments k-1..k-N through whichever node answers; counts requests and answers."""

    def __init__(self, nodes: list[Node], count: int, processes_every: int):
        self.nodes, self.count, self.processes_every = nodes, count, processes_every
        self.accepted: dict[str, str] = {}  # name -> id
        self.ambiguous: list[str] = []      # sent, no answer: stored or not, the database says
        self.requests = 0
        self.answers: dict[str, int] = {}
        self.lock = threading.Lock()

    def submit_all(self) -> None:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        for k in range(1, self.count + 1):
            body = spec(k, self.processes_every)
            while True:
                node = random.choice(self.nodes)
                with self.lock:
                    self.requests += 1
                try:
                    _, exp = http("POST", node.base + "/api/v1/experiments", body, timeout=15, headers=headers)
                    self._answer("202")
                    self.accepted[body["name"]] = exp["id"]
                    break
                except HttpError as e:
                    self._answer(str(e.status))
                    if e.status not in (429, 503):
                        raise SystemExit(f"submit of {body['name']} answered {e.status}: {e.body[:300]}")
                except urllib.error.URLError as e:
                    refused = isinstance(e.reason, ConnectionRefusedError)
                    self._answer("refused" if refused else "no answer")
                    if not refused:
                        self.ambiguous.append(body["name"])
                        break
                except (ConnectionError, TimeoutError, OSError, HTTPException):
                    # The node died while answering: the submit may or may not be stored.
                    self._answer("no answer")
                    self.ambiguous.append(body["name"])
                    break
                time.sleep(0.2)

    def _answer(self, what: str) -> None:
        with self.lock:
            self.answers[what] = self.answers.get(what, 0) + 1


# ---------------------------------------------------------------------------------------------
# Faults
# ---------------------------------------------------------------------------------------------

class Faults:
    """Every `every` seconds one node that is UP is killed (SIGKILL) or, every `freeze_every`th
    time, frozen (SIGSTOP past its lease, then SIGCONT); a killed node is restarted at once, on a
    thread of its own, so faults go on meanwhile. At least one node is always left working, and a
    node running worker JVMs is preferred, so that kills find workers to orphan."""

    def __init__(self, pg: Postgres, nodes: list[Node], every: float, freeze_every: int, lease: float,
                 worker_grace: float):
        self.pg, self.nodes, self.every, self.freeze_every = pg, nodes, every, freeze_every
        self.lease, self.worker_grace = lease, worker_grace
        self.events: list[dict] = []
        self.stop = threading.Event()
        self.orphans: list[int] = []
        self.restart_seconds: list[float] = []
        self.busy: set[str] = set()  # frozen or restarting
        self.helpers: list[threading.Thread] = []
        self.lock = threading.Lock()

    def run(self) -> None:
        n = 0
        while not self.stop.wait(self.every):
            with self.lock:
                candidates = [node for node in self.nodes if node.id not in self.busy and node.up()]
            if len(candidates) < 2:
                continue  # keep one node working: a lab with none left only waits
            with_workers = [node for node in candidates if children(node.proc.pid)]
            node = random.choice(with_workers or candidates)
            n += 1
            running = [row[0] for row in self.pg.query(
                f"select id from experiment where status = 'RUNNING' and node_id = '{node.id}'")]
            workers = children(node.proc.pid)
            fault = "SIGSTOP" if self.freeze_every and n % self.freeze_every == 0 else "SIGKILL"
            with self.lock:
                self.busy.add(node.id)
                self.events.append({"fault": fault, "node": node.id, "at": time.time(), "running": running,
                                    "workers": workers})
            node.signal(signal.SIGSTOP if fault == "SIGSTOP" else signal.SIGKILL)
            log(f"{'froze' if fault == 'SIGSTOP' else 'killed'} {node.id} ({len(running)} running, "
                f"{len(workers)} workers)")
            helper = threading.Thread(target=self.thaw if fault == "SIGSTOP" else self.restart, args=(node, workers),
                                      daemon=True)
            helper.start()
            self.helpers.append(helper)

    def thaw(self, node: Node, workers: list[int]) -> None:
        time.sleep(self.lease + 3)
        node.signal(signal.SIGCONT)
        with self.lock:
            self.busy.discard(node.id)

    def restart(self, node: Node, workers: list[int]) -> None:
        node.proc.wait()
        deadline = time.monotonic() + self.worker_grace
        while any(alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        with self.lock:
            self.orphans += [p for p in workers if alive(p)]
        node.start()
        seconds = node.wait_up()
        with self.lock:
            self.restart_seconds.append(seconds)
            self.busy.discard(node.id)

    def join(self) -> None:
        for helper in self.helpers:
            helper.join()


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------

def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--experiments", type=int, default=500)
    p.add_argument("--nodes", type=int, default=3)
    p.add_argument("--fault-every", type=float, default=5.0, help="seconds between faults")
    p.add_argument("--freeze-every", type=int, default=4, help="every Nth fault is a SIGSTOP past the lease (0: none)")
    p.add_argument("--lease", type=float, default=5.0, help="lab.execution.lease-timeout, seconds")
    p.add_argument("--processes-every", type=int, default=5, help="every Nth experiment on worker JVMs (0: none)")
    p.add_argument("--worker-grace", type=float, default=10.0, help="seconds a killed node's workers get to exit")
    p.add_argument("--first-port", type=int, default=18170, help="PostgreSQL on it, the nodes on the next ones")
    p.add_argument("--postgres-image", default=os.environ.get("LAB_TEST_POSTGRES_IMAGE", PG_IMAGE_DEFAULT))
    p.add_argument("--seed", type=int, default=17)
    p.add_argument("--timeout", type=float, default=3600, help="seconds to wait for every experiment to end")
    args = p.parse_args()
    random.seed(args.seed)

    java = labmod.find_java()
    jar = labmod.ensure_jar()
    mach = labmod.machine(java)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=labmod.ROOT, capture_output=True,
                            text=True).stdout.strip()
    tmp = Path(tempfile.mkdtemp(prefix="lab-kill-"))
    pg = Postgres(args.postgres_image, args.first_port)
    heartbeat = max(0.2, args.lease / 5)
    node_args = [f"--spring.datasource.url={pg.url}", "--spring.datasource.username=postgres",
                 "--spring.datasource.password=lab", f"--lab.security.bootstrap-token={TOKEN}",
                 f"--lab.execution.lease-timeout={int(args.lease * 1000)}ms",
                 f"--lab.execution.heartbeat-interval={int(heartbeat * 1000)}ms",
                 "--lab.execution.poll-interval=250ms", "--lab.execution.worker-kill-grace=1s",
                 f"--lab.limits.queue-capacity={args.experiments + 100}",
                 f"--lab.limits.per-user.queued={args.experiments + 100}",
                 "--lab.limits.per-user.submits-per-minute=1000000", "--lab.limits.workers.aot-cache=false",
                 "--logging.level.org.concurrencylab=info"]
    nodes = [Node(i + 1, args.first_port + 1 + i, java, jar, node_args, tmp) for i in range(args.nodes)]
    # The first creates the schema and the admin; the others find both.
    nodes[0].start()
    nodes[0].wait_up()
    for node in nodes[1:]:
        node.start()
    for node in nodes[1:]:
        node.wait_up()
    log(f"{args.nodes} nodes UP on PostgreSQL {pg.url}; submitting {args.experiments} experiments")

    load = Load(nodes, args.experiments, args.processes_every)
    faults = Faults(pg, nodes, args.fault_every, args.freeze_every, args.lease, args.worker_grace)
    started = time.monotonic()
    fault_thread = threading.Thread(target=faults.run, name="faults", daemon=True)
    fault_thread.start()
    load.submit_all()
    log(f"submitted: {len(load.accepted)} accepted, {len(load.ambiguous)} without an answer")

    deadline = time.monotonic() + args.timeout
    while True:
        open_rows = int(pg.query("select count(*) from experiment where status in ('QUEUED', 'RUNNING')")[0][0])
        if open_rows == 0 or time.monotonic() > deadline:
            break
        time.sleep(1)
    faults.stop.set()
    fault_thread.join()
    faults.join()
    elapsed = time.monotonic() - started
    for node in nodes:
        node.signal(signal.SIGCONT)

    # ---- what the database says ----
    rows = {r[0]: r for r in pg.query(
        "select e.name, e.id, e.status, e.node_id, coalesce(e.result::json->'environment'->>'nodeId', ''),"
        " extract(epoch from e.finished_at), coalesce(e.status_reason, '') from experiment e")}
    claims = {}
    for experiment_id, kind, count in pg.query(
            "select experiment_id, claim_kind, count(*) from experiment_claim group by experiment_id, claim_kind"):
        claims.setdefault(experiment_id, {})[kind] = int(count)
    by_id = {r[1]: r for r in rows.values()}
    lost = [name for name in load.accepted if name not in rows]
    stuck = [r[1] for r in rows.values() if r[2] not in TERMINAL]
    ran_twice = [i for i, c in claims.items() if c.get("RUN", 0) > 1]
    expired_twice = [i for i, c in claims.items() if c.get("EXPIRE", 0) > 1]
    measured_elsewhere = [r[1] for r in rows.values() if r[2] == "SUCCEEDED" and r[4] and r[4] != r[3]]
    ambiguous_stored = [n for n in load.ambiguous if n in rows]
    statuses: dict[str, int] = {}
    for r in rows.values():
        statuses[r[2]] = statuses.get(r[2], 0) + 1
    reasons: dict[str, int] = {}
    for r in rows.values():
        if r[2] == "FAILED":
            key = r[6].split(":")[0]
            reasons[key] = reasons.get(key, 0) + 1
    recover = []
    for event in faults.events:
        for experiment_id in event["running"]:
            row = by_id.get(experiment_id)
            if row and row[5]:
                recover.append(float(row[5]) - event["at"])
    # What the nodes said when a frozen one woke up: its run stopped, its late write refused by the fence.
    logs = "".join(path.read_text(errors="replace") for path in tmp.glob("node-*/start-*.log"))
    taken_over, refused = logs.count("was taken over"), logs.count("is not stored")
    kills = sum(1 for e in faults.events if e["fault"] == "SIGKILL")
    freezes = sum(1 for e in faults.events if e["fault"] == "SIGSTOP")
    # A survivor records a lapsed lease within a lease and a heartbeat or two of the fault.
    bound = args.lease + 2 * heartbeat + 1

    table = [
        ("faults injected", f"{kills} SIGKILL (node restarted at once) + {freezes} SIGSTOP ({args.lease + 3:.0f} s "
                            f"each, then SIGCONT) in {elapsed:.0f} s"),
        ("requests sent (submits)", f"{load.requests}: " + ", ".join(f"{k} {v}" for k, v in sorted(load.answers.items()))),
        ("experiments accepted (202)", len(load.accepted)),
        ("submits without an answer (stored anyway)", f"{len(load.ambiguous)} ({len(ambiguous_stored)})"),
        ("ended", ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))),
        ("FAILED, by reason", ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items())) or "-"),
        ("lost (accepted, not stored or never ended)", len(lost) + len(stuck)),
        ("duplicated (more than one RUN claim, or measured elsewhere)", len(ran_twice) + len(measured_elsewhere)),
        ("lapses recorded twice (EXPIRE claims > 1)", len(expired_twice)),
        ("woken nodes' runs stopped / late writes refused by the fence", f"{taken_over} / {refused}"),
        ("experiments running on a node at its fault", len(recover)),
        ("max time to recover (fault to the experiment's end)", f"{max(recover):.1f} s" if recover else "-"),
        ("bound: lease + 2 heartbeats + 1 s", f"{bound:.1f} s"),
        ("worker JVMs of killed nodes alive after " + f"{args.worker_grace:.0f} s",
         f"{len(faults.orphans)} of {sum(len(e['workers']) for e in faults.events if e['fault'] == 'SIGKILL')}"),
        ("node restart to UP (median, max)", f"{labmod.median(faults.restart_seconds) or 0:.1f} s, "
                                             f"{max(faults.restart_seconds or [0]):.1f} s"),
    ]
    print()
    print("| measure | value |")
    print("|---|---|")
    for name, value in table:
        print(f"| {name} | {value} |")
    print()
    mach["loadAverageEnd"] = [round(x, 2) for x in os.getloadavg()]
    print(labmod.machine_line(mach))
    print(f"Commit {commit}; command: python3 bench/kill_under_load.py " + " ".join(
        f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items() if k in
        ("experiments", "nodes", "fault_every", "freeze_every", "lease", "processes_every", "seed")))
    labmod.OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = labmod.OUT_DIR / "kill_under_load.json"
    out.write_text(json.dumps({"benchmark": "kill_under_load", "commit": commit, "machine": mach, "args": vars(args),
                               "table": dict(table), "faults": faults.events, "lost": lost, "stuck": stuck,
                               "ranTwice": ran_twice, "measuredElsewhere": measured_elsewhere,
                               "orphans": faults.orphans}, indent=2, default=str) + "\n")
    print(f"\nwritten: {out.relative_to(labmod.ROOT)}")
    for node in nodes:
        node.stop()
    pg.stop()
    shutil.rmtree(tmp, ignore_errors=True)
    slow = [r for r in recover if r > bound]
    failed = lost or stuck or ran_twice or measured_elsewhere or expired_twice or faults.orphans or slow
    return 1 if failed else 0


if __name__ == "__main__":
    labmod.run_main(main)
