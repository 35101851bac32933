"""Desktop-app responsiveness on a large library.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_bench.py [--rows 100000] [--n 2000]
        [--photos DIR] [--no-watch] [--profile-stalls]

Measures, in one run:
  * window-ready time: from opening the catalog to the main window painted with its trees
    and the first page of the grid, on a synthetic catalog of --rows photos
    (target ≤ 2 s); baseline: the same on an empty catalog;
  * the longest GUI-thread stall while --n real JPEGs are indexed in the background
    through the app's own job runner (target ≤ 100 ms), measured by a 5 ms timer that
    records how late each tick fires (event-loop latency); baseline: the same timer
    with the window idle;
  * peak RSS of the process (target ≤ 800 MB, no models loaded); baseline: RSS after
    importing Qt and the app, before any window.
Prints the figures and their ratios to the baselines, then one JSON line.
``--profile-stalls`` also profiles a window-ready run (cProfile, not the timed one) and
samples the GUI thread's stack every 2 ms while indexing, printing what ran during the
longest stalls (the figures of such a run are not the benchmark's: the sampler costs).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_READY_S = 2.0
TARGET_STALL_MS = 100.0
TARGET_RSS_MB = 800.0


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc; falls back to the peak)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return peak_rss_mb()


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1e3 if sys.platform != "darwin" else kb / 1e6


def _make_one(args) -> None:
    path, seed = args
    if os.path.exists(path):
        return
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, size=(24, 32, 3), dtype=np.uint8)
    im = Image.fromarray(small).resize((1600, 1200), Image.Resampling.BILINEAR)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS R6"
    when = datetime(2026, 1, 1) + timedelta(hours=seed * 3)
    exif.get_ifd(0x8769)[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
    im.save(path + ".tmp", "JPEG", quality=88, exif=exif)
    os.replace(path + ".tmp", path)


def generate_photos(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(str(folder / f"IMG_{i:05}.jpg"), i) for i in range(n)]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(_make_one, jobs, chunksize=16))


class StackSampler:
    """Samples the GUI thread's Python stack every ``interval`` s from a helper thread
    (``--profile-stalls``), so a stall the probe sees can be put down to the code that ran
    on the GUI thread meanwhile (or to nothing of ours: a wait for the GIL or in Qt)."""

    def __init__(self, interval: float = 0.002, depth: int = 12) -> None:
        import threading

        self.interval, self.depth = interval, depth
        self.main = threading.main_thread().ident
        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)

    def _run(self) -> None:
        import traceback

        while not self._stop.wait(self.interval):
            frame = sys._current_frames().get(self.main)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame, limit=self.depth)
            here = tuple(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(stack))
            self.samples.append((time.perf_counter(), here))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)

    def report(self, stalls: list[tuple[float, float]], top: int = 8) -> list[str]:
        """For the ``top`` longest stalls, the GUI thread's most sampled stacks meanwhile."""
        from collections import Counter

        lines = []
        for begin, end in sorted(stalls, key=lambda s: s[0] - s[1])[:top]:
            inside = Counter(st for t, st in self.samples if begin <= t <= end)
            lines.append(f"stall {1000 * (end - begin):.0f} ms at {begin:.2f}: {sum(inside.values())} samples")
            for st, n in inside.most_common(2):
                lines.append(f"  {n} x " + " <- ".join(st[:self.depth]))
        return lines


class LatencyProbe:
    """A 5 ms repeating timer; records how late each tick fires (GUI-thread stalls)."""

    def __init__(self, interval_ms: int = 5) -> None:
        from PySide6.QtCore import QTimer

        self.interval = interval_ms / 1000
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0
        self.worst_at = 0.0
        self.ticks = 0
        self.over = 0  # ticks later than 50 ms
        self.stalls: list[tuple[float, float]] = []  # (from, to) of ticks later than 30 ms

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last:
            late = now - self.last - self.interval
            if late > self.worst:
                self.worst, self.worst_at = late, now
            self.over += late > 0.05
            if late > 0.03:
                self.stalls.append((self.last, now))
        self.last = now
        self.ticks += 1

    def start(self) -> None:
        self.last, self.worst, self.ticks, self.over = 0.0, 0.0, 0, 0
        self.stalls = []
        self.timer.start()

    def stop(self) -> float:
        """Stop; returns the worst lateness in ms."""
        self.timer.stop()
        return self.worst * 1000


def window_ready(app, catalog: Path) -> tuple[float, object, object]:
    """Seconds from opening ``catalog`` to the window painted; returns (s, window, library)."""
    from pose_desktop.services import Library
    from pose_desktop.ui.main_window import MainWindow

    t = time.perf_counter()
    lib = Library(catalog)
    win = MainWindow(lib)
    win.resize(1400, 860)
    win.show()
    app.processEvents()
    win.grid.viewport().repaint()  # the first page of thumbnails cells is laid out and painted
    app.processEvents()
    return time.perf_counter() - t, win, lib


def pump(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000, help="photos in the synthetic catalog")
    ap.add_argument("--n", type=int, default=2000, help="real JPEGs indexed in the background")
    ap.add_argument("--photos", type=Path, help="folder to keep the generated JPEGs in (reused)")
    ap.add_argument("--no-watch", action="store_true",
                    help="baseline: the folder is indexed as by Add folder, not watched")
    ap.add_argument("--profile-stalls", action="store_true",
                    help="sample the GUI thread's stack; print what ran during the longest stalls")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pose_ui_bench_"))
    os.environ["POSE_CONFIG_DIR"] = str(work / "config")
    os.environ["POSE_DATA_DIR"] = str(work / "data")
    photos = args.photos or work / "photos"
    t = time.perf_counter()
    generate_photos(photos, args.n)
    gen_s = time.perf_counter() - t

    from PySide6.QtWidgets import QApplication

    from benchmarks.index_bench import synthetic_catalog
    from pose_desktop.ui import i18n
    from pose_desktop.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, "light")
    i18n.set_language("en")
    import pose_desktop.ui.main_window  # noqa: F401  (imports are not part of window-ready)

    baseline_rss = rss_mb()
    t = time.perf_counter()
    big = work / "big.sqlite"
    synthetic_catalog(big, args.rows)
    build_s = time.perf_counter() - t

    # baseline: an empty catalog
    empty_s, win0, lib0 = window_ready(app, work / "empty.sqlite")
    win0.close()
    lib0.close()
    pump(app, 0.2)

    profile_lines: list[str] = []
    if args.profile_stalls:  # where window-ready goes (its time under the profiler is not reported)
        import cProfile
        import io
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        _s, win1, lib1 = window_ready(app, big)
        prof.disable()
        win1.close()
        lib1.close()
        pump(app, 0.2)
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(25)
        profile_lines.append("window-ready profile (cumulative):")
        profile_lines.extend(out.getvalue().splitlines())

    ready_s, win, lib = window_ready(app, big)
    rows_shown = win.grid_model.total()
    from pose_desktop.ui.app import tune_gc

    tune_gc()  # as pose_desktop.ui.app.main does once the window is shown
    pump(app, 0.5)

    probe = LatencyProbe()
    probe.start()
    pump(app, 3.0)
    idle_ms = probe.stop()

    done = {}
    win.job_ended.connect(lambda title, outcome: done.setdefault("outcome", outcome))
    sampler = StackSampler() if args.profile_stalls else None
    if sampler is not None:
        sampler.start()
    probe.start()
    t = time.perf_counter()
    win.job_ended.connect(lambda *_: done.setdefault("ended_at", time.perf_counter() - t))
    # As the app starts: the photo folder is a library folder, watched (watchdog) and
    # rescanned at start; the rescan is the indexing job measured. Automatic analysis is
    # off: this measures indexing (analysis has its own benchmarks).
    win.settings.set("analyse_automatically", False)
    lib.photos.add_library_folder(str(photos))
    if args.no_watch:
        watched = []
        win.add_folder(str(photos))
    else:
        watched = win.start_watching()
    while "outcome" not in done and time.perf_counter() - t < 900:
        app.processEvents()
        time.sleep(0.0005)
    index_s = time.perf_counter() - t
    pump(app, 2.0)  # the refresh after the job is part of the experience too
    stall_ms = probe.stop()
    if sampler is not None:
        sampler.stop()
        profile_lines.append("GUI thread during the longest stalls (innermost frame first):")
        profile_lines.extend(sampler.report(probe.stalls))
    ticks = probe.ticks
    worst_at = probe.worst_at - t
    added = lib.photos.count() - rows_shown
    peak = peak_rss_mb()
    win.stop_watching()
    win.close()
    from pose_desktop.ui.workers import wait_for_all

    wait_for_all(10_000)
    lib.close()
    shutil.rmtree(work, ignore_errors=True)

    print(
        f"synthetic catalog: {args.rows:,} photos built in {build_s:.1f} s; "
        f"{args.n} JPEGs generated in {gen_s:.1f} s"
    )
    print(
        f"window ready:  {ready_s:.3f} s with {rows_shown:,} photos (target ≤ {TARGET_READY_S} s); "
        f"empty catalog {empty_s:.3f} s → ×{ready_s / max(empty_s, 1e-6):.1f}"
    )
    print(
        f"GUI stall:     {stall_ms:.1f} ms worst while indexing {args.n} photos in {index_s:.1f} s "
        f"({ticks} ticks, {probe.over} later than 50 ms; worst at {worst_at:.1f} s, job ended at "
        f"{done.get('ended_at', 0):.1f} s; target ≤ {TARGET_STALL_MS:.0f} ms); idle {idle_ms:.1f} ms → "
        f"×{stall_ms / max(idle_ms, 0.1):.1f}; job {done.get('outcome')}, {added} photos added"
    )
    print(
        f"peak RSS:      {peak:.0f} MB (target ≤ {TARGET_RSS_MB:.0f} MB); after imports "
        f"{baseline_rss:.0f} MB → ×{peak / max(baseline_rss, 1):.1f}"
    )
    for line in profile_lines:
        print(line)
    result = {
        "rows": args.rows,
        "indexed": args.n,
        "window_ready_s": round(ready_s, 3),
        "window_ready_empty_s": round(empty_s, 3),
        "max_stall_ms": round(stall_ms, 1),
        "idle_stall_ms": round(idle_ms, 1),
        "ticks_over_50ms": probe.over,
        "load_avg": round(os.getloadavg()[0], 1),
        "index_s": round(index_s, 1),
        "job": done.get("outcome"),
        "watched_folders": len(watched),
        "photos_added": added,
        "peak_rss_mb": round(peak),
        "baseline_rss_mb": round(baseline_rss),
        "ok": ready_s <= TARGET_READY_S and stall_ms <= TARGET_STALL_MS and peak <= TARGET_RSS_MB,
    }
    print(json.dumps(result), flush=True)
    sys.stdout.flush()
    # Skip interpreter teardown: PySide6 can abort while finalising leftover Qt wrappers,
    # which would turn a finished benchmark into a crash report.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
