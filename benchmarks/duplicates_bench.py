"""Near-duplicate detection: does it group copies of one shot, and only those?

    .venv/bin/python benchmarks/duplicates_bench.py --data ../shared/datasets [--n 60]

Builds a real library in a temporary folder, through the app's own path (index, then the
picture analysis on the index-time thumbnails), from:
  * positives, copies of one shot as a user ends up with them: each of --n captioned
    photos (captioned/) and --n face photos (faces/) plus four copies of it: re-saved at
    JPEG quality 55, scaled to half size, cropped 5 % on each side, and brightened 12 %;
  * negatives, different shots: every pair of different photos of one person (faces/,
    LFW: same person, similar framing; what a user reported as wrongly grouped), and
    every pair of different captioned photos.
For each pair it reads the stored feature cosine and the thumbnail check the app uses
(``similar.thumb_distance``), then reports recall (positive pairs grouped) and false
pairs (negatives grouped) for: the old rule (cosine ≥ 0.92 alone), and the app's rule,
whose two thresholds are chosen by 5-fold cross-validation over shots (each fold's
thresholds chosen on the other folds, scored on it); the figure reported is the CV one.
Ends with one line of JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance, ImageOps

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

VARIANTS = ("q55", "half", "crop5", "bright")


def make_variants(src: Path, out: Path, stem: str) -> list[Path]:
    """The original (re-saved as JPEG) and its four copies; returns their paths."""
    with Image.open(src) as im:
        im = ImageOps.exif_transpose(im).convert("RGB")
    paths = []
    orig = out / f"{stem}.jpg"
    im.save(orig, quality=92)
    paths.append(orig)
    w, h = im.size
    copies = {
        "q55": (im, 55),
        "half": (im.resize((max(1, w // 2), max(1, h // 2)), Image.Resampling.LANCZOS), 90),
        "crop5": (im.crop((int(w * 0.05), int(h * 0.05), int(w * 0.95), int(h * 0.95))), 90),
        "bright": (ImageEnhance.Brightness(im).enhance(1.12), 90),
    }
    for name in VARIANTS:
        img, q = copies[name]
        p = out / f"{stem}__{name}.jpg"
        img.save(p, quality=q)
        paths.append(p)
    return paths


def scores(pairs, cos, dist, t_cos: float, t_dist: float | None) -> np.ndarray:
    """Which pairs the rule groups."""
    c = np.array([cos[p] for p in pairs])
    ok = c >= t_cos
    if t_dist is not None:
        ok &= np.array([dist[p] for p in pairs]) <= t_dist
    return ok


def choose(pos, neg, cos, dist) -> tuple[float, float]:
    """Thresholds that group the most positives with no negative (then the widest margin)."""
    best = None
    for t_cos in np.arange(0.70, 0.99, 0.01):
        for t_dist in np.arange(0.02, 0.40, 0.01):
            fp = int(scores(neg, cos, dist, t_cos, t_dist).sum())
            tp = int(scores(pos, cos, dist, t_cos, t_dist).sum())
            key = (-fp, tp, -t_dist, t_cos)  # no false pair first, then recall, then margin
            if best is None or key > best[0]:
                best = (key, float(round(t_cos, 2)), float(round(t_dist, 2)))
    return best[1], best[2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--n", type=int, default=60, help="shots per source with copies")
    ap.add_argument("--show-errors", action="store_true",
                    help="list the different shots the app's rule groups, and the copies it misses")
    args = ap.parse_args()

    from pose_desktop.services import Library
    from pose_desktop.tagging import similar

    work = Path(tempfile.mkdtemp(prefix="pose_dups_"))
    photos = work / "photos"
    photos.mkdir()
    shot_of: dict[str, str] = {}  # file stem -> shot id
    source_of: dict[str, str] = {}  # shot id -> dataset file
    person_of: dict[str, str] = {}
    t0 = time.perf_counter()
    caps = sorted((args.data / "captioned" / "images").glob("*.jpg"))
    faces = sorted((args.data / "faces" / "images").glob("*.jpg"))
    if not caps and not faces:
        print(f"no photos under {args.data}/captioned or {args.data}/faces: nothing to measure")
        print(json.dumps({"data": str(args.data), "error": "no captioned or faces photos"}))
        return 1
    for i, src in enumerate(caps[: args.n]):
        source_of[f"c{i}"] = src.name
        for p in make_variants(src, photos, f"c{i:04d}"):
            shot_of[p.stem] = f"c{i}"
    for i, src in enumerate(faces):
        with_copies = i % max(1, len(faces) // args.n) == 0
        stem = f"f{i:04d}"
        if with_copies:
            paths = make_variants(src, photos, stem)
        else:
            with Image.open(src) as im:
                im.convert("RGB").save(photos / f"{stem}.jpg", quality=92)
            paths = [photos / f"{stem}.jpg"]
        source_of[f"f{i}"] = src.name
        for p in paths:
            shot_of[p.stem] = f"f{i}"
            person_of[p.stem] = src.stem.rsplit("_", 1)[0]
    lib = Library(work / "catalog.sqlite")
    for _ in lib.photos.index_folder(photos):
        pass
    for _ in lib.analysis.analyze(["picture"]):
        pass
    build_s = time.perf_counter() - t0
    db = lib.catalog.reader()
    stem_of = {}
    for pid, path in db.execute("SELECT photo_id, path FROM files"):
        stem_of[pid] = Path(path).stem
    ids = sorted(stem_of)
    vec = similar.normalise(np.asarray(similar.catalog_vectors(db, ids), np.float32))
    thumbs = {pid: lib.photos.thumbnail(h) for pid, h in db.execute("SELECT id, hash FROM photos")}
    sig = {pid: similar.thumb_signature(thumbs[pid]) for pid in ids}
    cos, dist = {}, {}
    pos, neg_person, neg_other = [], [], []
    sims = vec @ vec.T
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            sa, sb = stem_of[ids[a]], stem_of[ids[b]]
            pair = (ids[a], ids[b])
            same_shot = shot_of[sa] == shot_of[sb]
            same_person = person_of.get(sa) is not None and person_of.get(sa) == person_of.get(sb)
            originals = "__" not in sa and "__" not in sb
            if same_shot:
                pos.append(pair)
            elif same_person and originals:
                neg_person.append(pair)
            elif originals and sa[0] == sb[0] == "c":
                neg_other.append(pair)
            else:
                continue
            cos[pair] = float(sims[a, b])
            dist[pair] = similar.thumb_distance(sig[ids[a]], sig[ids[b]])
    neg = neg_person + neg_other

    def report(name, t_cos, t_dist, pos_, neg_p, neg_o):
        tp = int(scores(pos_, cos, dist, t_cos, t_dist).sum()) if pos_ else 0
        fp_p = int(scores(neg_p, cos, dist, t_cos, t_dist).sum()) if neg_p else 0
        fp_o = int(scores(neg_o, cos, dist, t_cos, t_dist).sum()) if neg_o else 0
        return {"rule": name, "recall": round(tp / max(1, len(pos_)), 4), "grouped": tp,
                "positives": len(pos_), "false_same_person": fp_p, "false_other": fp_o}

    old = report("cosine >= 0.92", similar.LEGACY_DUPLICATE_THRESHOLD, None, pos, neg_person, neg_other)
    app = report(f"app: cosine >= {similar.DUPLICATE_THRESHOLD} and thumbnail distance <= "
                 f"{similar.THUMB_DISTANCE}", similar.DUPLICATE_THRESHOLD, similar.THUMB_DISTANCE,
                 pos, neg_person, neg_other)
    # 5-fold CV over shots: thresholds chosen without the fold, scored on it
    shots = sorted({shot_of[s] for s in shot_of})
    rng = np.random.default_rng(0)
    fold = {s: int(f) for s, f in zip(shots, rng.permutation(len(shots)) % 5, strict=True)}

    def fold_of(pair):
        return fold[shot_of[stem_of[pair[0]]]]

    cv = {"grouped": 0, "positives": 0, "false_same_person": 0, "false_other": 0}
    chosen = []
    for k in range(5):
        tr_pos = [p for p in pos if fold_of(p) != k]
        tr_neg = [p for p in neg if fold_of(p) != k and fold[shot_of[stem_of[p[1]]]] != k]
        t = choose(tr_pos, tr_neg, cos, dist)
        chosen.append(t)
        te = report("fold", *t, [p for p in pos if fold_of(p) == k],
                    [p for p in neg_person if fold_of(p) == k], [p for p in neg_other if fold_of(p) == k])
        for key in cv:
            cv[key] += te[key]
    cv["recall"] = round(cv["grouped"] / max(1, cv["positives"]), 4)

    def pct(values, q):
        return round(float(np.percentile(values, q)), 4) if values else None

    print(f"library: {len(ids)} photos ({len(pos)} copy pairs, {len(neg_person)} same-person "
          f"pairs, {len(neg_other)} other pairs), built and analysed in {build_s:.0f} s")
    print(f"cosine, copies of one shot:        min {min(cos[p] for p in pos):.3f}, "
          f"5th pct {pct([cos[p] for p in pos], 5)}")
    print(f"cosine, same person, other shot:   max {max(cos[p] for p in neg_person):.3f}, "
          f"95th pct {pct([cos[p] for p in neg_person], 95)}")
    print(f"cosine, other photos:              max {max(cos[p] for p in neg_other):.3f}")
    print(f"thumbnail distance, copies:        max {max(dist[p] for p in pos):.3f}, "
          f"95th pct {pct([dist[p] for p in pos], 95)}")
    print(f"thumbnail distance, same person:   min {min(dist[p] for p in neg_person):.3f}")
    for name, r in (("baseline (old rule)", old), ("app rule (in-sample)", app)):
        print(f"{name:24s} recall {r['recall']:.1%} ({r['grouped']}/{r['positives']}), false: "
              f"{r['false_same_person']} same-person, {r['false_other']} other")
    print(f"{'5-fold CV (chosen/fold)':24s} recall {cv['recall']:.1%} ({cv['grouped']}/{cv['positives']}), "
          f"false: {cv['false_same_person']} same-person, {cv['false_other']} other; "
          f"thresholds per fold {chosen}")
    if args.show_errors:
        t_cos, t_dist = similar.DUPLICATE_THRESHOLD, similar.THUMB_DISTANCE
        for p in neg:
            if cos[p] >= t_cos and dist[p] <= t_dist:
                a, b = (source_of[shot_of[stem_of[x]]] for x in p)
                print(f"  grouped, different shots: {a} {b}  cosine {cos[p]:.3f} distance {dist[p]:.3f}")
        for p in pos:
            if not (cos[p] >= t_cos and dist[p] <= t_dist):
                a, b = (stem_of[x] for x in p)
                print(f"  missed copies: {source_of[shot_of[a]]} {a} {b}  cosine {cos[p]:.3f} "
                      f"distance {dist[p]:.3f}")
    per_variant = {}
    for v in VARIANTS:
        vp = [p for p in pos if any(stem_of[x].endswith("__" + v) for x in p)]
        per_variant[v] = report(v, similar.DUPLICATE_THRESHOLD, similar.THUMB_DISTANCE, vp, [], [])["recall"]
    print("app rule recall per copy kind: " + ", ".join(f"{k} {v:.1%}" for k, v in per_variant.items()))
    lib.close()
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"photos": len(ids), "baseline": old, "app": app, "cv": cv,
                      "cv_thresholds": chosen, "per_variant_recall": per_variant}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
