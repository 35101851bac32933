"""Running the real ``pose`` command in a subprocess and measuring what it cost."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float  # the kernel's ru_maxrss of that one process
    seconds: float
    timed_out: bool = False


def run_pose(*args: str, env: dict | None = None, timeout: float = 300, stdin: bytes = b"") -> Run:
    """``python -m pose_desktop ARGS`` from this tree: exit code, output, peak RSS (wait4)
    and wall time. Killed after ``timeout`` s (``timed_out``)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "pose_desktop", *args], env=env, cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(stdin)
    proc.stdin.close()
    out: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda k=k, f=f: out.__setitem__(k, f.read()))
               for k, f in (("out", proc.stdout), ("err", proc.stderr))]
    for t in readers:
        t.start()
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        proc.kill()

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join()
    return Run(proc.returncode, out["out"].decode("utf-8", "replace"), out["err"].decode("utf-8", "replace"),
               usage.ru_maxrss / 1024, time.monotonic() - start, killed.is_set())
