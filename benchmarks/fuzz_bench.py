"""Long fuzz run: many random mutations of every image format through the indexer's reader.

    python benchmarks/fuzz_bench.py [--cases 2000] [--seed 1]

Same property as tests/ingest/test_fuzz_media.py (no crash, a reason for every failure,
nothing written outside the thumbnail folder, originals untouched), with random cases.
Baseline: the time to read the unmutated seed files the same number of times.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.ingest.test_fuzz_media import SEEDS, check_one, mutate  # noqa: E402


def random_ops(rnd: random.Random):
    ops = []
    for _ in range(rnd.randint(1, 6)):
        kind = rnd.choice(["flip", "truncate", "insert", "big"])
        if kind == "insert":
            ops.append((kind, rnd.randrange(10**6), rnd.randbytes(rnd.randint(1, 64))))
        else:
            ops.append((kind, rnd.randrange(10**6), rnd.randint(1, 255)))
    return ops


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=2000, help="cases per format")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    results = {}
    failures = []
    total_t = base_t = 0.0
    for ext, seed in sorted(SEEDS.items()):
        ok = errors = 0
        t = time.perf_counter()
        for _ in range(args.cases):
            data = mutate(seed, random_ops(rnd))
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    check_one(Path(tmp), ext, data)
                    ok += 1
                except Exception:
                    errors += 1
                    failures.append((ext, traceback.format_exc(limit=3)))
        total_t += time.perf_counter() - t
        t = time.perf_counter()
        for _ in range(args.cases):
            with tempfile.TemporaryDirectory() as tmp:
                check_one(Path(tmp), ext, seed)
        base_t += time.perf_counter() - t
        results[ext] = {"cases": args.cases, "property_held": ok, "violations": errors}
        print(f"{ext:5} {args.cases} cases: property held {ok}, violations {errors}")
    for ext, tb in failures[:5]:
        print(f"--- {ext}\n{tb}")
    n = args.cases * len(SEEDS)
    print(f"{n} cases in {total_t:.1f} s ({n / total_t:.0f}/s; unmutated baseline "
          f"{n / base_t:.0f}/s, ratio {base_t / total_t:.2f}×)")
    print(json.dumps({"cases": n, "violations": len(failures), "per_format": results,
                      "cases_per_s": round(n / total_t, 1), "baseline_per_s": round(n / base_t, 1)}))


if __name__ == "__main__":
    main()
