"""CPython anchor for bench/fidelity.py: the lab's cpu.primes kernel on CPython threads or processes.

The kernel is copied by hand from the lab's src/main/java/org/concurrencylab/workload/PrimesWorkload.java
(task i counts the primes in [i*size, (i+1)*size) by trial division; the lab's checkpoint every 256
numbers is where CPython would switch threads anyway, so it is a no-op here). Independent of the lab.

Modes:
  threads    -- `threading`, N threads sharing the tasks through a queue: under the GIL CPU-bound
                threads take turns (sys.getswitchinterval(), 5 ms by default, like the lab's GIL model)
  processes  -- `multiprocessing.Pool(N)` (created and warmed before timing, like the lab's warm worker pool)

The baseline is the same tasks in order on the main thread. Order of runs, as the lab does it with
baseline=true: warm-ups (baseline, then model), then repetitions interleaved. speedup = median
baseline time / median model time. Python 3.11 standard library only. Prints one JSON object.

  python3 bench/raw/primes_threads.py --mode threads --size 20000 --tasks 8 --workers 2
"""

import argparse
import json
import multiprocessing
import platform
import queue
import statistics
import sys
import threading
import time


# ---- copied by hand from PrimesWorkload ----
def is_prime(n: int) -> bool:
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0:
        return False
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def run_task(task_index: int, size: int) -> int:
    start = task_index * size
    count = 0
    for n in range(start, start + size):
        if is_prime(n):
            count += 1
    return count
# ---- end of the copy ----


def _task(args):
    return run_task(*args)


def run_sequential(tasks: int, size: int):
    t0 = time.perf_counter()
    checksum = sum(run_task(i, size) for i in range(tasks))
    return (time.perf_counter() - t0) * 1000, checksum


def run_threads(tasks: int, size: int, workers: int):
    """A fixed pool of `workers` threads taking task indexes from a queue, like a thread pool executor."""
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for i in range(tasks):
        todo.put(i)
    results = [0] * tasks

    def worker():
        while True:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            results[i] = run_task(i, size)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return (time.perf_counter() - t0) * 1000, sum(results)


def run_pool(pool, tasks: int, size: int):
    t0 = time.perf_counter()
    checksum = sum(pool.map(_task, [(i, size) for i in range(tasks)], chunksize=1))
    return (time.perf_counter() - t0) * 1000, checksum


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", choices=["threads", "processes"], required=True)
    p.add_argument("--size", type=int, default=20000)
    p.add_argument("--tasks", type=int, default=8)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--warmups", type=int, default=1)
    p.add_argument("--repetitions", type=int, default=3)
    a = p.parse_args()

    pool = None
    if a.mode == "processes":
        pool = multiprocessing.Pool(a.workers)
        pool.map(_task, [(0, 1)] * a.workers, chunksize=1)  # the workers are up before any timing

    def model():
        if pool is not None:
            return run_pool(pool, a.tasks, a.size)
        return run_threads(a.tasks, a.size, a.workers)

    seq, par, seq_warm, par_warm = [], [], [], []
    checksum = None
    try:
        for r in range(a.warmups + a.repetitions):
            warm = r < a.warmups
            s_ms, s_sum = run_sequential(a.tasks, a.size)
            p_ms, p_sum = model()
            if s_sum != p_sum or (checksum is not None and checksum != s_sum):
                raise SystemExit(f"checksum mismatch: {s_sum} vs {p_sum}")
            checksum = s_sum
            (seq_warm if warm else seq).append(round(s_ms, 3))
            (par_warm if warm else par).append(round(p_ms, 3))
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()

    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(json.dumps({
        "harness": "primes_threads.py", "mode": a.mode, "size": a.size, "tasks": a.tasks, "workers": a.workers,
        "warmups": a.warmups, "repetitions": a.repetitions, "checksum": checksum,
        "python": f"{platform.python_implementation()} {platform.python_version()}", "gilEnabled": gil,
        "switchIntervalSeconds": sys.getswitchinterval(),
        "sequentialWallMillis": seq, "parallelWallMillis": par,
        "sequentialWarmupWallMillis": seq_warm, "parallelWarmupWallMillis": par_warm,
        "sequentialMedianMillis": statistics.median(seq), "parallelMedianMillis": statistics.median(par),
        "speedup": round(statistics.median(seq) / statistics.median(par), 4),
    }))


if __name__ == "__main__":
    main()
