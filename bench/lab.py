"""Shared helpers for the benchmark scripts under bench/ (Python 3.11, standard library only).

Starts the lab from its packaged jar on a free loopback port with its H2 file in a temp dir,
waits for /actuator/health UP, and always stops it (and its worker JVMs) again; finds a JDK 21+;
talks JSON to the API; describes the machine; prints and stores result tables.

    with Lab.start() as lab:
        experiment = lab.post("/api/v1/experiments?waitSeconds=60", spec)
"""

from __future__ import annotations

import atexit
import glob
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "target" / "concurrency-lab.jar"
# The fast start's launcher (mvn package lays out target/dist: extracted jar, AOT cache).
DIST_LAUNCHER = ROOT / "target" / "dist" / "bin" / "concurrency-lab"
OUT_DIR = ROOT / "target" / "bench"
JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64"
# The first admin's token of every lab started here (bench only: the lab lives on loopback for the run).
TOKEN = "bench-admin-token-0123456789-abcdefghijklmnopqrstuv"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def log(*args) -> None:
    print("[bench]", *args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Java
# ---------------------------------------------------------------------------------------------

def java_major(java: str | os.PathLike) -> int | None:
    """The feature version of a `java` executable (17, 21, 25...), or None if it does not run."""
    try:
        out = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major  # "1.8.0" is 8


def java_version_line(java: str | os.PathLike) -> str:
    out = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30).stderr
    lines = out.strip().splitlines()
    # e.g. 'openjdk version "25.0.1" 2025-10-21 LTS' + the runtime line with the vendor build
    return " / ".join(line.strip() for line in lines[:2])


def find_java(minimum: int = 21) -> Path:
    """$JAVA_HOME/bin/java if it is >= minimum, else the newest /usr/lib/jvm/*/bin/java that is."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        version = java_major(candidate) if candidate.exists() else None
        if version is not None and version >= minimum:
            return candidate
    found = []
    for path in glob.glob("/usr/lib/jvm/*/bin/java"):
        real = os.path.realpath(path)
        version = java_major(real)
        if version is not None and version >= minimum:
            found.append((version, real))
    if not found:
        raise SystemExit(f"no JDK {minimum}+ found: set JAVA_HOME to one (the `java` on PATH may be older)")
    found.sort()
    return Path(found[-1][1])


def ensure_jar() -> Path:
    """Builds target/concurrency-lab.jar with Maven if it is missing (Maven picks its JDK itself)."""
    if JAR.exists():
        return JAR
    mvn = shutil.which("mvn")
    if not mvn:
        raise SystemExit(f"{JAR} is missing and mvn is not on PATH to build it")
    log(f"{JAR.name} missing: building it (mvn -q -DskipTests package)...")
    subprocess.run([mvn, "-q", "-DskipTests", "package"], cwd=ROOT, check=True)
    if not JAR.exists():
        raise SystemExit(f"the build did not produce {JAR}")
    return JAR


# ---------------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> int | None:
    """VmRSS of a process in KiB (Linux), or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process, all its threads (Linux /proc/<pid>/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def children(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc), e.g. the lab's worker JVMs. Each thread lists the
    children it started, and a JVM starts processes from many threads (not its main one): all are read."""
    found: list[int] = []
    for children_file in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(children_file) as f:
                found += [int(p) for p in f.read().split()]
        except OSError:
            pass
    return found


_cleanups: list = []


def _run_cleanups() -> None:
    while _cleanups:
        try:
            _cleanups.pop()()
        except Exception as e:  # noqa: BLE001 - best effort at exit
            log("cleanup failed:", e)


def _on_sigterm(signum, frame):
    # Turn SIGTERM/SIGHUP into an exception so `with` blocks and finally clauses run.
    raise KeyboardInterrupt(f"signal {signum}")


atexit.register(_run_cleanups)
# Ctrl-C must stop the lab even when the script was started with SIGINT ignored (a background job).
signal.signal(signal.SIGINT, signal.default_int_handler)
for _sig in (signal.SIGTERM, signal.SIGHUP):
    try:
        signal.signal(_sig, _on_sigterm)
    except (ValueError, OSError):
        pass


def register_cleanup(fn) -> None:
    """Runs fn at exit (also after Ctrl-C or SIGTERM) unless it was removed before."""
    _cleanups.append(fn)


def unregister_cleanup(fn) -> None:
    if fn in _cleanups:
        _cleanups.remove(fn)


# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------

class HttpError(Exception):
    def __init__(self, status: int, body: str, url: str):
        super().__init__(f"HTTP {status} for {url}: {body[:500]}")
        self.status = status
        self.body = body


def http(method: str, url: str, body=None, timeout: float = 120.0, headers: dict | None = None):
    """One request; returns (status, parsed JSON or text). Raises HttpError on 4xx/5xx."""
    data = None if body is None else json.dumps(body).encode()
    hdrs = {"Accept": "application/json"}
    if data is not None:
        hdrs["Content-Type"] = "application/json"
    hdrs.update(headers or {})
    req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            raw = resp.read().decode()
            status = resp.status
    except urllib.error.HTTPError as e:
        raise HttpError(e.code, e.read().decode(errors="replace"), url) from None
    try:
        return status, json.loads(raw) if raw else None
    except json.JSONDecodeError:
        return status, raw


# ---------------------------------------------------------------------------------------------
# The lab
# ---------------------------------------------------------------------------------------------

class Lab:
    """A lab server started from the packaged jar; use as a context manager, or call stop()."""

    def __init__(self, java: Path, port: int, tmp: Path, proc: subprocess.Popen, started_at: float,
                 log_path: Path, own_tmp: bool):
        self.java = java
        self.port = port
        self.tmp = tmp
        self.proc = proc
        self.pid = proc.pid
        self.started_at = started_at
        self.ready_seconds: float | None = None
        self.log_path = log_path
        self._own_tmp = own_tmp
        self._stopped = False
        register_cleanup(self.stop)

    base = property(lambda self: f"http://127.0.0.1:{self.port}")

    @classmethod
    def start(cls, java: Path | None = None, extra_args: list[str] | None = None, tmp: Path | None = None,
              ready_timeout: float = 180.0, launcher: str = "jar", wait_worker_cache: bool = True,
              datasource: str | None = None) -> "Lab":
        """Starts the lab and waits for /actuator/health UP; ready_seconds is process start to UP.
        launcher "jar": `java -jar target/concurrency-lab.jar`; "dist": target/dist/bin/concurrency-lab
        (the extracted jar and its AOT cache, on the JDK the launcher finds). datasource: a JDBC URL
        instead of the default fresh H2 file (credentials go in extra_args)."""
        jar = ensure_jar()
        java = java or find_java()
        if launcher == "dist":
            if not DIST_LAUNCHER.exists():
                raise SystemExit(f"{DIST_LAUNCHER} is missing: run mvn -DskipTests package")
            launch = [str(DIST_LAUNCHER)]
        else:
            launch = [str(java), "-jar", str(jar)]
        own_tmp = tmp is None
        tmp = Path(tmp or tempfile.mkdtemp(prefix="lab-bench-"))
        port = free_port()
        log_path = tmp / f"lab-{port}.log"
        cmd = [*launch, f"--server.port={port}", "--server.address=127.0.0.1",
               f"--spring.datasource.url={datasource or f'jdbc:h2:file:{tmp}/lab;DB_CLOSE_ON_EXIT=FALSE'}",
               # Every API call carries a token: the first admin's, chosen here.
               f"--lab.security.bootstrap-token={TOKEN}", f"--lab.security.admin-token-file={tmp}/admin-token",
               *(extra_args or [])]
        logf = open(log_path, "wb")
        t0 = time.monotonic()
        # Its own session, so the lab and its worker JVMs form one process group we can end.
        proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=tmp, start_new_session=True)
        logf.close()
        lab = cls(java, port, tmp, proc, t0, log_path, own_tmp)
        try:
            lab._wait_ready(ready_timeout)
            if wait_worker_cache:
                lab._wait_worker_cache(ready_timeout)
        except BaseException:
            lab.stop()
            raise
        return lab

    def _wait_worker_cache(self, timeout: float) -> None:
        """The lab builds its worker AOT cache in the background after it is ready (GET /api/v1/system
        says `building`). Waiting for it keeps the build's JVMs off the cores during measurements and
        has every worker start the same way."""
        deadline = time.monotonic() + timeout
        while True:
            status = (self.get("/api/v1/system").get("workers") or {}).get("aotCache", "")
            if not status.startswith("building") or time.monotonic() > deadline:
                if not status.startswith("ready"):
                    log(f"worker AOT cache: {status}")
                return
            time.sleep(0.2)

    def _wait_ready(self, timeout: float) -> None:
        deadline = self.started_at + timeout
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"the lab exited with {self.proc.returncode} before it was ready; "
                                 f"log tail:\n{self.log_tail()}")
            try:
                _, health = http("GET", self.base + "/actuator/health", timeout=5)
                if isinstance(health, dict) and health.get("status") == "UP":
                    self.ready_seconds = time.monotonic() - self.started_at
                    return
            except (OSError, HttpError):
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"the lab was not UP within {timeout:.0f} s; log tail:\n{self.log_tail()}")
            time.sleep(0.02)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, grace: float = 20.0) -> None:
        """SIGTERM (graceful shutdown), SIGKILL after `grace`; then ends any worker JVM left in its group."""
        if self._stopped:
            return
        self._stopped = True
        unregister_cleanup(self.stop)
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGTERM)
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                log(f"lab pid {self.pid} did not stop in {grace:.0f} s: killing it")
                self.proc.kill()
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        # Workers exit when their stdin closes; anything still in the lab's process group goes now.
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self._own_tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    # --- API ---

    def get(self, path: str, timeout: float = 120.0):
        return http("GET", self.base + path, timeout=timeout, headers=AUTH)[1]

    def post(self, path: str, body=None, timeout: float = 120.0):
        return http("POST", self.base + path, body=body, timeout=timeout, headers=AUTH)[1]

    def run_experiment(self, spec: dict, poll_limit: float = 900.0) -> dict:
        """Submits a spec, waits (in 60 s steps) for a terminal status and returns the experiment.
        Raises if it did not succeed."""
        exp = self.post("/api/v1/experiments?waitSeconds=60", spec, timeout=90)
        exp = self.await_finished(f"/api/v1/experiments/{exp['id']}", exp, poll_limit)
        if exp["status"] != "SUCCEEDED":
            raise RuntimeError(f"experiment {exp['id']} ended {exp['status']}: {exp.get('statusReason')}")
        return exp

    def await_finished(self, path: str, current: dict, limit: float, every: float = 0.5) -> dict:
        """Polls `path` (an experiment or a study) until it leaves QUEUED and RUNNING; returns it."""
        deadline = time.monotonic() + limit
        while current["status"] in ("QUEUED", "RUNNING"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path} still {current['status']} after {limit:.0f} s")
            # a GET does not wait; poll gently
            time.sleep(every)
            current = self.get(path)
        return current

    def rss_kib(self) -> int | None:
        return rss_kib(self.pid)


# ---------------------------------------------------------------------------------------------
# Machine and reporting
# ---------------------------------------------------------------------------------------------

def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine(java: Path | None = None) -> dict:
    java = java or find_java()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "jdk": java_version_line(java),
        "java": str(java),
        "python": platform.python_version(),
        "loadAverage": [round(x, 2) for x in load],
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def machine_line(m: dict) -> str:
    la = m["loadAverage"]
    line = (f"Machine: {m['cores']} cores, {m['cpu']}; {m['os']}; {m['jdk']}; Python {m['python']}; "
            f"load average {la[0]} / {la[1]} / {la[2]} (1/5/15 min) at {m['time']}")
    if m.get("loadAverageEnd"):
        end = m["loadAverageEnd"]
        line += f", {end[0]} / {end[1]} / {end[2]} at the end"
    return line


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits: int = 2) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        return f"{v:.{digits}f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


ROW_KEYS = ("measure", "lab", "raw", "ratio", "target", "met")


def markdown_table(rows: list[dict]) -> str:
    """rows: dicts with measure, lab, raw (anchor), ratio, target (text), met (bool/None), unit."""
    out = ["| measure | lab value | raw anchor | ratio | target | met? |", "|---|---|---|---|---|---|"]
    for r in rows:
        unit = r.get("unit", "")
        lab = fmt(r.get("lab")) + (f" {unit}" if unit and r.get("lab") is not None else "")
        raw = fmt(r.get("raw")) + (f" {unit}" if unit and r.get("raw") is not None else "")
        met = r.get("met")
        out.append(f"| {r['measure']} | {lab} | {raw} | {fmt(r.get('ratio'))} | {r.get('target') or '-'} | "
                   f"{'-' if met is None else ('yes' if met else '**no**')} |")
    return "\n".join(out)


def report(name: str, rows: list[dict], mach: dict, extra: dict | None = None, notes: list[str] | None = None) -> Path:
    """Prints the table and the machine line; writes target/bench/<name>.json; returns its path."""
    print()
    print(markdown_table(rows))
    print()
    print(machine_line(mach))
    for n in notes or []:
        print(f"\n{n}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{name}.json"
    payload = {"benchmark": name, "machine": mach, "rows": rows, **(extra or {})}
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
    print(f"\nwritten: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return path


def run_main(main) -> None:
    """Runs a script's main and exits with its status; Ctrl-C ends it with 130 after the cleanups
    registered here have stopped the lab and its worker JVMs."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        log("interrupted: the lab has been stopped")
        sys.exit(130)
