"""Indexing speed: cold index and no-change re-index vs. the bare decode limit, and tree
query times on a 100k-photo catalog.

    python benchmarks/index_bench.py [--n 2000] [--photos DIR] [--rows 100000]

Generates N camera-sized JPEGs (12 MP, with EXIF) once (reused from --photos DIR), then in
one run measures:
  * bare decode: Pillow open + draft + resize to the thumbnail's size (shorter side
    256 px) of the same files, no catalog, single
    thread and with the indexer's thread count;
  * cold index and no-change re-index through ``Library.index_folder``;
  * date tree, tag page (200 photos) and search on a synthetic catalog of --rows photos.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from pose_desktop.ingest.media import THUMB_SIZE, thumbnail_size  # noqa: E402


def _make_one(args) -> None:
    path, seed = args
    if os.path.exists(path):
        return
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, size=(30, 40, 3), dtype=np.uint8)
    im = Image.fromarray(small).resize((4000, 3000), Image.Resampling.BICUBIC)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS R6"
    when = datetime(2015, 1, 1) + timedelta(hours=int(seed) * 7)
    exif.get_ifd(0x8769)[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
    tmp = path + ".tmp"
    im.save(tmp, "JPEG", quality=90, exif=exif)
    os.replace(tmp, path)


def generate(folder: Path, n: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [str(folder / f"{i // 200:03}" / f"IMG_{i:05}.jpg") for i in range(n)]
    for p in paths:
        os.makedirs(os.path.dirname(p), exist_ok=True)
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(_make_one, [(p, i) for i, p in enumerate(paths)], chunksize=8))
    return paths


def _bare_one(path: str) -> None:
    with Image.open(path) as im:  # the same thumbnail size and filter as the indexer's
        im.draft("RGB", (THUMB_SIZE, THUMB_SIZE))
        im.resize(thumbnail_size(*im.size), Image.Resampling.BICUBIC, reducing_gap=2.0)


def bare_decode(paths: list[str], workers: int) -> float:
    t = time.perf_counter()
    if workers == 1:
        for p in paths:
            _bare_one(p)
    else:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(_bare_one, paths))
    return len(paths) / (time.perf_counter() - t)


def synthetic_catalog(path: Path, rows: int) -> None:
    from pose_desktop.catalog.db import Catalog, now_iso

    rnd = random.Random(1)
    hashtags = [f"tag{i}" for i in range(300)] + ["강아지", "카페", "여행", "꽃"]
    cat = Catalog(path)
    stamp = now_iso()
    with cat.write() as db:
        tag_ids = []
        for name in hashtags:
            db.execute("INSERT INTO tags (kind, name) VALUES ('hashtag', ?)", [name])
            tag_ids.append(db.execute("SELECT last_insert_rowid()").fetchone()[0])
        photos, files, ptags, fts = [], [], [], []
        base = datetime(2010, 1, 1)
        for i in range(1, rows + 1):
            when = base + timedelta(minutes=rnd.randrange(0, 60 * 24 * 365 * 15))
            photos.append((i, f"{i:040x}", 1000, "image", "JPEG", 4000, 3000, 1, when.isoformat(),
                           "exif:DateTimeOriginal", when.year, when.month, when.day, 1, "ok", 0, stamp, stamp))
            files.append((i, f"/photos/{when.year}/{i}.jpg", 1000, 1, "folder", "ok", stamp))
            chosen = rnd.sample(tag_ids, 3)
            ptags.extend((i, t, "hashtag", None, stamp) for t in chosen)
            fts.append((i, f"caption {i} " + " ".join(hashtags[t - 1] for t in chosen)))
        db.conn.executemany(
            "INSERT INTO photos (id, hash, size, media_type, format, width, height, orientation,"
            " taken_at, date_source, year, month, day, has_thumb, status, hidden, added_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", photos)
        db.conn.executemany(
            "INSERT INTO files (photo_id, path, size, mtime_ns, source, status, seen_at)"
            " VALUES (?,?,?,?,?,?,?)", files)
        db.conn.executemany(
            "INSERT INTO photo_tags (photo_id, tag_id, source, score, added_at) VALUES (?,?,?,?,?)", ptags)
        db.conn.executemany("INSERT INTO photo_search (rowid, text) VALUES (?, ?)", fts)
    cat.db.execute("ANALYZE")
    cat.close()


def best_ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--photos", type=Path, default=Path(tempfile.gettempdir()) / "pose_index_bench")
    ap.add_argument("--rows", type=int, default=100_000)
    args = ap.parse_args()

    from pose_desktop.services import Library, PhotoFilter

    t = time.perf_counter()
    paths = generate(args.photos, args.n)
    print(f"photos: {len(paths)} × 12 MP JPEG in {args.photos} (ready in {time.perf_counter() - t:.0f} s)")
    workers = min(4, (os.cpu_count() or 2) + 1)
    bare_decode(paths[:50], 1)  # warm the page cache the same way for everyone
    bare_1 = bare_decode(paths, 1)
    bare_n = bare_decode(paths, workers)
    print(f"bare decode (open+draft+thumbnail): {bare_1:.1f} photos/s single thread, "
          f"{bare_n:.1f} photos/s with {workers} threads")

    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "bench.sqlite")
        t = time.perf_counter()
        for ev in lib.photos.index_folder(args.photos):  # noqa: B007 - the last event is checked
            pass
        cold_s = time.perf_counter() - t
        assert ev.added == len(paths), ev
        cold = len(paths) / cold_s
        t = time.perf_counter()
        for ev in lib.photos.index_folder(args.photos):  # noqa: B007 - the last event is checked
            pass
        reindex_s = time.perf_counter() - t
        assert ev.unchanged == len(paths)
        lib.close()
    print(f"cold index: {cold:.1f} photos/s ({cold_s:.1f} s) = {cold / bare_1:.2f}× single-thread "
          f"bare decode, {cold / bare_n:.2f}× threaded bare decode (target ≥ 0.7×)")
    print(f"no-change re-index of {len(paths)}: {reindex_s:.2f} s (target ≤ 2 s)")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.sqlite"
        t = time.perf_counter()
        synthetic_catalog(path, args.rows)
        print(f"synthetic catalog: {args.rows} photos in {time.perf_counter() - t:.1f} s, "
              f"{path.stat().st_size / 1e6:.0f} MB")
        lib = Library(path)
        date_ms = best_ms(lib.photos.date_tree)
        tag_tree_ms = best_ms(lib.photos.tag_tree)
        tag_page_ms = best_ms(lambda: lib.photos.page(PhotoFilter(tag_kind="hashtag", tag_name="강아지"), limit=200))
        month_ms = best_ms(lambda: lib.photos.page(PhotoFilter(year=2015, month=6), limit=200))
        search_ms = best_ms(lambda: lib.photos.search("caption 4242"))
        count_ms = best_ms(lambda: lib.photos.count(PhotoFilter(tag_kind="hashtag", tag_name="tag7")))
        lib.close()
    print(f"at {args.rows} photos: date tree {date_ms:.1f} ms, tag tree {tag_tree_ms:.1f} ms, "
          f"tag page of 200 {tag_page_ms:.1f} ms, month page {month_ms:.1f} ms, "
          f"search {search_ms:.1f} ms, tag count {count_ms:.1f} ms (target ≤ 50 ms)")
    print(json.dumps({
        "n": len(paths), "bare_decode_1t_per_s": round(bare_1, 1), "bare_decode_mt_per_s": round(bare_n, 1),
        "cold_index_per_s": round(cold, 1), "cold_vs_bare_1t": round(cold / bare_1, 2),
        "cold_vs_bare_mt": round(cold / bare_n, 2), "reindex_s": round(reindex_s, 2),
        "rows": args.rows, "date_tree_ms": round(date_ms, 1), "tag_tree_ms": round(tag_tree_ms, 1),
        "tag_page_ms": round(tag_page_ms, 1), "month_page_ms": round(month_ms, 1),
        "search_ms": round(search_ms, 1),
    }))


if __name__ == "__main__":
    main()
