"""Search with Korean bigrams at library scale: query times and catalog growth.

    python benchmarks/search_bench.py [--n 100000]

Builds a catalog of ``n`` photo rows (no image files: captions and hashtags drawn from a
vocabulary of real Korean compound hashtags and English words, as an Instagram import
leaves them) through the real write path (``store.refresh_search``), and a copy whose search
table has only the word column (the schema before the bigram column, the baseline). Prints
the best-of-5 time of each query through ``Library.search`` (200 results, as the app asks)
on both, how many photos each finds, and the catalog size of both. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from scale_bench import best_ms  # noqa: E402  (a sibling script: benchmarks/ is on sys.path)

COMPOUNDS = ["제주여행", "강남맛집", "오션뷰카페", "부산여행", "홍대맛집", "감성카페", "여행스타그램",
             "먹스타그램", "카페투어", "데일리룩", "오늘의코디", "댕댕이산책", "일본여행", "맛집탐방"]
WORDS = ["여행", "카페", "맛집", "강아지", "꽃", "바다", "sunset", "ootd", "coffee", "dog", "beach",
         "canon", "travel", "food"]
QUERIES = ["여행", "맛집", "카페", "제주여행", "등산", "sunset", "canon 카페"]


def build(path: Path, n: int, seed: int = 0) -> None:
    from pose_desktop.catalog import store
    from pose_desktop.catalog.db import Catalog, now_iso

    rng = np.random.default_rng(seed)
    cat = Catalog(path)
    stamp = now_iso()
    rows = []
    for i in range(n):
        tags = [COMPOUNDS[j] for j in rng.choice(len(COMPOUNDS), 2, replace=False)]
        tags += [WORDS[j] for j in rng.choice(len(WORDS), 2, replace=False)]
        if i % 100 == 0:  # a rare compound: 1 % of the library
            tags.append("한라산등산")
        caption = f"{WORDS[i % len(WORDS)]} 오늘 " + " ".join("#" + t for t in tags)
        month = i % 120
        rows.append((f"{i:040x}", 1000, f"{2015 + month // 12}-{month % 12 + 1:02}-01T12:00:00",
                     "exif:DateTimeOriginal", 2015 + month // 12, month % 12 + 1, 1,
                     "Canon", f"EOS {i % 7}D", caption, json.dumps(tags, ensure_ascii=False),
                     stamp, stamp))
    with cat.write() as db:
        db.conn.executemany(
            "INSERT INTO photos (hash, size, taken_at, date_source, year, month, day, camera_make,"
            " camera_model, caption, hashtags, added_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    ids = [r[0] for r in cat.db.execute("SELECT id FROM photos ORDER BY id")]
    for k in range(0, len(ids), 5000):
        with cat.write() as db:
            store.refresh_search(db, ids[k:k + 5000])
    cat.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    cat.close()


def words_only(src: Path, dst: Path) -> None:
    """The baseline: the same catalog with a word-only search table."""
    shutil.copy(src, dst)
    con = sqlite3.connect(dst)
    con.executescript(
        "CREATE VIRTUAL TABLE s2 USING fts5(text, tokenize='unicode61 remove_diacritics 2');"
        "INSERT INTO s2 (rowid, text) SELECT rowid, text FROM photo_search;"
        "DROP TABLE photo_search; ALTER TABLE s2 RENAME TO photo_search; VACUUM;")
    con.close()


def measure(path: Path, baseline: bool) -> dict:
    from pose_desktop.catalog import fts, queries
    from pose_desktop.services import Library

    old = fts.word_query
    if baseline:  # the query the word-only table was searched with
        fts.word_query = lambda w: '"' + w.replace('"', '""') + '"*'
    try:
        lib = Library(path)
        out = {}
        for q in QUERIES:
            out[q] = {"ms": best_ms(lambda q=q: lib.photos.search(q, limit=200)),
                      "found": lib.photos.count(queries.PhotoFilter(text=q))}
        lib.close()
    finally:
        fts.word_query = old
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pose-search-"))
    try:
        grams, words = work / "grams.sqlite", work / "words.sqlite"
        t = time.perf_counter()
        build(grams, args.n)
        con = sqlite3.connect(grams)
        con.execute("VACUUM")
        con.close()
        print(f"{args.n} photos built in {time.perf_counter() - t:.0f} s", flush=True)
        words_only(grams, words)
        new, base = measure(grams, False), measure(words, True)
        size_new, size_base = grams.stat().st_size / 1e6, words.stat().st_size / 1e6
        for q in QUERIES:
            print(f"  {q!r:14} bigrams {new[q]['ms']:6.1f} ms, {new[q]['found']:6} found | "
                  f"words only {base[q]['ms']:6.1f} ms, {base[q]['found']:6} found")
        print(f"  catalog {size_new:.1f} MB with bigrams, {size_base:.1f} MB words only "
              f"(+{(size_new / size_base - 1) * 100:.0f} %)")
        worst = max(v["ms"] for v in new.values())
        print(json.dumps({"n": args.n, "bigrams": new, "words_only": base, "worst_ms": worst,
                          "catalog_mb": size_new, "catalog_mb_words_only": size_base}, ensure_ascii=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
