"""Run a command and measure it: wall time, CPU time, peak memory and core utilisation."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path
from typing import NamedTuple

TICK = os.sysconf("SC_CLK_TCK")
INTERVAL = 0.1


class Usage(NamedTuple):
    """What one run of a command cost."""

    wall: float  # seconds
    cpu: float  # user + system seconds of the whole process tree
    peak: int  # resident bytes summed over the process tree, sampled
    busy: float  # share of the wall time with more than 1.5 cores busy
    tail: float  # seconds at the end with fewer than 1.5 cores busy


def measure(command: list[str]) -> Usage:
    """Run `command` (stdout discarded) and return its `Usage`; exit on failure."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak, cores, done = [0], [], threading.Event()

    def sample() -> None:
        last, last_time = 0.0, start
        while not done.wait(INTERVAL):
            rss, cpu = tree(child.pid)
            now = time.perf_counter()
            peak[0] = max(peak[0], rss)
            cores.append((cpu - last) / (now - last_time))
            last, last_time = cpu, now

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, status, rusage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"{command[:2]} failed with exit code {child.returncode}")
    cores = cores[1:]  # The first interval includes the interpreter's start-up.
    busy = sum(c > 1.5 for c in cores) / max(1, len(cores))
    tail = next((i for i, c in enumerate(reversed(cores)) if c > 1.5), len(cores)) * INTERVAL
    return Usage(wall, rusage.ru_utime + rusage.ru_stime, peak[0], busy, tail)


def tree(pid: int) -> tuple[int, float]:
    """Resident bytes and CPU seconds so far of `pid` and all its descendants, from /proc."""
    rss, ticks, todo, root = 0, 0, [pid], True
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="utf-8")
            fields = Path(f"/proc/{current}/stat").read_text(encoding="utf-8")
            fields = fields.rsplit(")", 1)[1].split()
            rss += next(int(line.split()[1]) for line in status.splitlines()
                        if line.startswith("VmRSS")) * 1024  # fmt: skip
            # utime, stime; the root also counts its children that have already exited.
            ticks += sum(map(int, fields[11:15] if root else fields[11:13]))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += map(int, (task / "children").read_text(encoding="utf-8").split())
        except (OSError, StopIteration):
            continue
        finally:
            root = False
    return rss, ticks / TICK
