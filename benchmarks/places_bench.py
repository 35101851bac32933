"""Reverse geocoding speed: naming the places of 10,000 photos offline.

    python benchmarks/places_bench.py [--n 10000]

Measures, in this process: loading the GeoNames cities (first use); the first lookup of
``n`` GPS points (real city coordinates jittered by up to ~20 km, as photos around towns,
all over the world), which also reads the regions of every country it meets (once per
country); the same lookup again on new points (the steady state: regions loaded); the
first lookup of ``n`` points in one country (South Korea: a library mostly at home); and
the catalog path (``store.assign_places`` on ``n`` photo rows: places with their regions
and photo rows written). Baseline in the same run: a brute-force nearest city (numpy dot
products over every city) on the same points, without regions. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    from pose_desktop.catalog import store
    from pose_desktop.catalog.db import Catalog, now_iso
    from pose_desktop.vocab import places

    t = time.perf_counter()
    g = places.geocoder()
    load_s = time.perf_counter() - t
    rng = np.random.default_rng(0)
    cities = rng.choice(len(g._cities), args.n)
    base = np.array([(g._cities[i]["latitude"], g._cities[i]["longitude"]) for i in cities])
    points = (base + rng.uniform(-0.2, 0.2, base.shape)).clip([-90, -180], [90, 180])
    t = time.perf_counter()
    found = g.lookup_many(points.tolist())
    first_s = time.perf_counter() - t
    named = sum(p is not None for p in found)
    with_region = sum(p is not None and p.region is not None for p in found)
    countries = len({p.country_code for p in found if p is not None})
    points = (base + rng.uniform(-0.2, 0.2, base.shape)).clip([-90, -180], [90, 180])
    t = time.perf_counter()
    g.lookup_many(points.tolist())
    lookup_s = time.perf_counter() - t

    # a library at home: a fresh geocoder, points around South Korea's cities
    fresh = places.Geocoder()
    kr = [i for i, c in enumerate(g._cities) if c["countrycode"] == "KR"]
    kr_base = np.array([(g._cities[i]["latitude"], g._cities[i]["longitude"])
                        for i in rng.choice(kr, args.n)])
    kr_points = kr_base + rng.uniform(-0.05, 0.05, kr_base.shape)
    t = time.perf_counter()
    kr_found = fresh.lookup_many(kr_points.tolist())
    korea_s = time.perf_counter() - t
    kr_region = sum(p is not None and p.region is not None for p in kr_found)

    # baseline: brute force over every city, in chunks (the nearest only)
    all_xyz = places._unit(np.array([c["latitude"] for c in g._cities]),
                           np.array([c["longitude"] for c in g._cities]))
    q = places._unit(points[:, 0], points[:, 1])
    t = time.perf_counter()
    for k in range(0, len(q), 500):
        np.argmax(q[k:k + 500] @ all_xyz.T, axis=1)
    brute_s = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as d:
        cat = Catalog(Path(d) / "c.sqlite")
        stamp = now_iso()
        with cat.write() as db:
            db.conn.executemany(
                "INSERT INTO photos (hash, size, gps_lat, gps_lon, added_at, updated_at)"
                " VALUES (?, 1, ?, ?, ?, ?)",
                [(f"{i:040x}", lat, lon, stamp, stamp) for i, (lat, lon) in enumerate(points)])
        ids = [r[0] for r in cat.db.execute("SELECT id FROM photos")]
        t = time.perf_counter()
        with cat.write() as db:
            stored = len(store.assign_places(db, ids))
        catalog_s = time.perf_counter() - t
        cat.close()

    print(f"cities loaded in {load_s:.2f} s ({len(g._cities)} cities, first use only)")
    print(f"{args.n} points worldwide, first lookup (reads the regions of {countries} countries): "
          f"{first_s:.3f} s ({named} named, {with_region} with a region)")
    print(f"{args.n} points worldwide, regions loaded: k-d tree lookup {lookup_s:.3f} s; "
          f"brute-force nearest city (no regions) baseline {brute_s:.3f} s")
    print(f"{args.n} points in South Korea, fresh geocoder: first lookup {korea_s:.3f} s "
          f"({kr_region} with a region)")
    print(f"catalog path (lookup + writes) {catalog_s:.3f} s for {args.n} photos ({stored} named)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (two geocoders, every country's regions): {peak:.0f} MB")
    print(json.dumps({"n": args.n, "load_s": load_s, "first_lookup_s": first_s, "countries": countries,
                      "lookup_s": lookup_s, "brute_force_s": brute_s, "korea_first_s": korea_s,
                      "catalog_s": catalog_s, "named": named, "with_region": with_region,
                      "korea_with_region": kr_region, "peak_rss_mb": peak}))


if __name__ == "__main__":
    main()
