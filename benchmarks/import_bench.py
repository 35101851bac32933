"""Instagram import throughput vs. the bare local index of the same images.

Generates N posts (default 5,000; every 5th a 3-image carousel, every 7th a video) as an
instaloader folder (real ``.json.xz`` via instaloader) and as a data-export ZIP holding the
same image bytes, then times, each into a fresh catalog:

1. bare ``index_folder`` over a plain folder of the same media (hard links);
2. ``import_instaloader_folder`` (reads the JSON, indexes, records posts);
3. ``import_export`` of the ZIP (safe extraction + the same).

Each path runs ``--repeat`` times (interleaved; the best time counts, as the machine is
shared). Prints posts/s of each path next to the bare rate (target ≥ 0.8×), then one JSON
line.
Images are tiny (64×48) by default, so it runs in minutes on 2 cores and per-file costs
dominate (the hardest case for the ratio); ``--size 1080 1080`` uses Instagram's own size:

    .venv/bin/python benchmarks/import_bench.py [--posts 5000] [--workers N] [--size W H]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--posts", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each path (best is reported)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--size", type=int, nargs=2, default=(64, 48), metavar=("W", "H"),
                    help="image size (default 64 48: per-file costs dominate, the hardest case "
                         "for the ratio; 1080 1080 is what Instagram serves)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="pose-import-bench-"))
    os.environ["POSE_DATA_DIR"] = str(tmp / "data")
    os.environ["POSE_CONFIG_DIR"] = str(tmp / "config")
    from pose_desktop.catalog.db import Catalog
    from pose_desktop.ingest.indexer import index_folder
    from pose_desktop.ingest.instagram import import_export, import_instaloader_folder
    from pose_desktop.ingest.media import MEDIA_EXTENSIONS
    from tests.ingest.instagram_data import export_posts, make_export, make_instaloader_folder

    try:
        t0 = time.perf_counter()
        il = tmp / "instaloader" / "tester"
        size = tuple(args.size)
        make_instaloader_folder(il, args.posts, image_size=size)
        entries, files = export_posts(args.posts, image_size=size)
        zpath = make_export(tmp / "instagram-tester.zip", entries, files)
        # the bare folder: the same media files (video posters are previews, not photos)
        bare = tmp / "bare"
        bare.mkdir()
        for p in il.iterdir():
            if p.suffix in MEDIA_EXTENSIONS and not (p.suffix == ".jpg" and p.with_suffix(".mp4").exists()):
                os.link(p, bare / p.name)
        n_media = len(os.listdir(bare))
        print(f"generated {args.posts} posts / {n_media} media files in {time.perf_counter() - t0:.1f} s "
              f"({tmp})", file=sys.stderr)

        cpu: dict[str, list[float]] = {"bare": [], "instaloader": [], "export": []}

        def cpu_now() -> float:
            r = resource.getrusage(resource.RUSAGE_SELF)
            return r.ru_utime + r.ru_stime

        def timed(name, fn):
            cat = Catalog(tmp / f"{name}.sqlite")
            start, cpu0 = time.perf_counter(), cpu_now()
            for _ in fn(cat):
                pass
            secs = time.perf_counter() - start
            cpu[name.rstrip("0123456789")].append(round(cpu_now() - cpu0, 2))
            photos = cat.db.execute("SELECT COUNT(*) FROM photos").fetchone()[0]
            posts = cat.db.execute("SELECT COUNT(*) FROM posts").fetchone()[0]
            cat.close()
            return secs, photos, posts

        runs: dict[str, list[float]] = {"bare": [], "instaloader": [], "export": []}
        for rep in range(args.repeat):  # interleaved, best of N: the machine is shared
            bare_s, bare_photos, _ = timed(f"bare{rep}", lambda c: index_folder(c, bare, workers=args.workers))
            il_s, il_photos, il_posts = timed(
                f"instaloader{rep}", lambda c: import_instaloader_folder(c, il, workers=args.workers))
            ex_s, ex_photos, ex_posts = timed(
                f"export{rep}", lambda c: import_export(c, zpath, workers=args.workers))
            for k, v in (("bare", bare_s), ("instaloader", il_s), ("export", ex_s)):
                runs[k].append(round(v, 2))
            if rep < args.repeat - 1:
                for leftover in tmp.glob(f"export{rep}.instagram"):
                    shutil.rmtree(leftover, ignore_errors=True)
        print(f"runs (s): {runs}; CPU seconds: {cpu}", file=sys.stderr)
        bare_s, il_s, ex_s = min(runs["bare"]), min(runs["instaloader"]), min(runs["export"])
        n = args.posts
        bare_rate, il_rate, ex_rate = n / bare_s, n / il_s, n / ex_s
        print(f"{'path':<22}{'seconds':>9}{'posts/s':>10}{'photos':>8}{'posts':>7}{'× bare':>8}")
        print(f"{'bare local index':<22}{bare_s:>9.2f}{bare_rate:>10.0f}{bare_photos:>8}{'-':>7}{1:>8.2f}")
        print(f"{'instaloader folder':<22}{il_s:>9.2f}{il_rate:>10.0f}{il_photos:>8}{il_posts:>7}"
              f"{il_rate / bare_rate:>8.2f}")
        print(f"{'data export ZIP':<22}{ex_s:>9.2f}{ex_rate:>10.0f}{ex_photos:>8}{ex_posts:>7}"
              f"{ex_rate / bare_rate:>8.2f}")
        print(json.dumps({
            "benchmark": "import_bench", "posts": n, "image_size": list(args.size), "media_files": n_media, "cpu_count": os.cpu_count(),
            "bare_posts_per_s": round(bare_rate, 1), "instaloader_posts_per_s": round(il_rate, 1),
            "export_posts_per_s": round(ex_rate, 1),
            "instaloader_ratio": round(il_rate / bare_rate, 3), "export_ratio": round(ex_rate / bare_rate, 3),
            "target_ratio": 0.8, "runs_s": runs, "cpu_s": cpu,
            # CPU-time ratios are less sensitive to other processes on a shared machine
            "instaloader_cpu_ratio": round(min(cpu["bare"]) / min(cpu["instaloader"]), 3),
            "export_cpu_ratio": round(min(cpu["bare"]) / min(cpu["export"]), 3),
            "photos": {"bare": bare_photos, "instaloader": il_photos, "export": ex_photos},
            "posts_recorded": {"instaloader": il_posts, "export": ex_posts},
        }))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
