"""Scale: how indexing, re-indexing, queries, disk and memory grow from 10k to 100k photos.

    python benchmarks/scale_bench.py [--sizes 10000,100000] [--dir /tmp/pose_scale]

For each size, a library of small generated JPEGs with EXIF dates and camera (reused
between runs) is indexed in a fresh child process, which reports: cold index time and
photos/s, no-change re-index, re-index with 1 % of files changed, catalog size on disk,
thumbnail cache size, date/tag tree, month page, tag page and search times, and its peak
RSS. The parent prints each figure and the ratio between the largest and the smallest
size next to the size ratio (linear = same as the size ratio; flat = 1). Ends with one
JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

HASHTAGS = ["강아지", "카페", "여행", "꽃", "sunset", "ootd", "먹스타그램", "운동"]


SPAN = timedelta(days=3652)  # every library size covers the same ten years


def _make(args) -> None:
    path, seed, n = args
    if os.path.exists(path):
        return
    rng = np.random.default_rng(seed)
    im = Image.fromarray(rng.integers(0, 255, (6, 8, 3), dtype=np.uint8)).resize((160, 120))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", f"EOS {seed % 7}D"
    when = datetime(2012, 1, 1) + SPAN * ((seed % n) / n)
    exif.get_ifd(0x8769)[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    im.save(path + ".tmp", "JPEG", quality=80, exif=exif)
    os.replace(path + ".tmp", path)


def library_paths(root: Path, n: int) -> list[str]:
    return [str(root / f"{i // 1000:03}" / f"{i // 100 % 10}" / f"P{i:06}.jpg") for i in range(n)]


def generate(root: Path, n: int) -> list[str]:
    paths = library_paths(root, n)
    with ProcessPoolExecutor(os.cpu_count() or 2) as pool:
        list(pool.map(_make, [(p, i, n) for i, p in enumerate(paths)], chunksize=256))
    return paths


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def best_ms(fn, repeat: int = 5) -> float:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return min(out)


def measure_one(root: Path, n: int) -> dict:
    """Runs in a child process: everything for one library size."""
    from pose_desktop.catalog import store
    from pose_desktop.services import Library, PhotoFilter

    paths = library_paths(root, n)
    work = Path(tempfile.mkdtemp(prefix="pose-scale-"))
    try:
        lib = Library(work / "catalog.sqlite")
        t = time.perf_counter()
        ev = deque(lib.photos.index_folder(root), maxlen=1)[0]
        cold = time.perf_counter() - t
        assert ev.added == n, ev
        # hashtags on a fifth of the photos, as an Instagram import would add
        ids = lib.photos.photo_ids()
        with lib.catalog.write() as db:
            for i, pid in enumerate(ids[::5]):
                store.apply_hashtags(db, pid, [HASHTAGS[i % len(HASHTAGS)], f"tag{i % 500}"])
            store.refresh_search(db, ids[::5])
        t = time.perf_counter()
        ev = deque(lib.photos.index_folder(root), maxlen=1)[0]
        reindex = time.perf_counter() - t
        changed = paths[:: 100]
        for i, p in enumerate(changed):  # 1 %: new content, new EXIF
            os.unlink(p)
            _make((p, 10_000_000 + i, n))
        t = time.perf_counter()
        ev = deque(lib.photos.index_folder(root), maxlen=1)[0]
        reindex_1pct = time.perf_counter() - t
        # an edited file replaces its old version (same photo): counted as updated
        assert ev.added + ev.updated == len(changed), ev
        q = {
            "date_tree_ms": best_ms(lib.photos.date_tree),
            "tag_tree_ms": best_ms(lib.photos.tag_tree),
            "month_page_ms": best_ms(lambda: lib.photos.page(PhotoFilter(year=2012, month=3), limit=200)),
            "tag_page_ms": best_ms(lambda: lib.photos.page(PhotoFilter(tag_kind="hashtag", tag_name="강아지"), limit=200)),
            "search_ms": best_ms(lambda: lib.photos.search("canon 카페", limit=200)),
            "count_ms": best_ms(lambda: lib.photos.count(PhotoFilter(tag_kind="hashtag", tag_name="tag7"))),
        }
        lib.catalog.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = (work / "catalog.sqlite").stat().st_size
        thumbs = dir_size(lib.thumbs_dir)
        lib.close()
    finally:
        for i, p in enumerate(changed if "changed" in locals() else []):  # restore the set
            os.unlink(p)
            _make((p, i * 100, n))
        shutil.rmtree(work, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "cold_s": cold, "cold_per_s": n / cold, "reindex_s": reindex,
            "reindex_1pct_s": reindex_1pct, "catalog_mb": size / 1e6, "thumbs_mb": thumbs / 1e6,
            "peak_rss_mb": rss, **q}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "pose_scale")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.dir / str(args.one), args.one)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    for n in sizes:
        t = time.perf_counter()
        generate(args.dir / str(n), n)
        print(f"{n} photos ready in {args.dir / str(n)} ({time.perf_counter() - t:.0f} s)", flush=True)
        out = subprocess.run([sys.executable, __file__, "--dir", str(args.dir), "--one", str(n)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"  cold index {r['cold_s']:.1f} s ({r['cold_per_s']:.0f} photos/s); re-index no change "
              f"{r['reindex_s']:.2f} s; 1 % changed {r['reindex_1pct_s']:.2f} s", flush=True)
        print(f"  catalog {r['catalog_mb']:.1f} MB, thumbnails {r['thumbs_mb']:.0f} MB, peak RSS "
              f"{r['peak_rss_mb']:.0f} MB", flush=True)
        print("  queries: " + ", ".join(f"{k[:-3]} {r[k]:.1f} ms" for k in r if k.endswith("_ms")), flush=True)
    growth = {}
    if len(results) > 1:
        a, b = results[0], results[-1]
        size_ratio = b["n"] / a["n"]
        print(f"growth {a['n']} → {b['n']} (size ×{size_ratio:.0f}; linear = ×{size_ratio:.0f}, flat = ×1):")
        for k in ("cold_s", "reindex_s", "reindex_1pct_s", "catalog_mb", "thumbs_mb", "peak_rss_mb",
                  "date_tree_ms", "tag_tree_ms", "month_page_ms", "tag_page_ms", "search_ms", "count_ms"):
            growth[k] = b[k] / a[k] if a[k] else None
            print(f"  {k:15} ×{growth[k]:.2f}")
    print(json.dumps({"results": results, "growth": growth}))


if __name__ == "__main__":
    main()
