"""Mood bias on real photos: the share of faces each emotion head calls positive / neutral /
negative in photos of happy occasions, and (optionally) its agreement with labels made by eye.

The emotion dev set is 48 % negative faces; a real library is not. This script takes the
faces the app found (a catalog where ``pose analyze --models faces,emotion`` ran over photos of
weddings, birthdays, babies, selfies and couples, e.g. those of ``DATA/hashtags`` with such
labels: ``--make-folder`` copies them to a folder outside the repo) and classifies every stored
face with each head given by ``--head NAME=MODELS_DIR`` (a folder with an ``emotion.onnx``),
through the app's analyzer (``EmotionAnalyzer.classify_faces`` + ``mood_and_emotion``).

    python benchmarks/emotion_real_photos.py --data ../shared/datasets --make-folder /tmp/happy
    pose --catalog /tmp/happy.sqlite index /tmp/happy
    pose --catalog /tmp/happy.sqlite analyze --models faces,emotion
    python benchmarks/emotion_real_photos.py --catalog /tmp/happy.sqlite \
        --head shipped=models --head c0.01=/tmp/old [--crops /tmp/crops --sample 40] \
        [--eye-labels eye.csv]

``--crops`` writes a random sample of the faces (seed 0) as PNGs with an ``index.csv``
(face id, file); ``--eye-labels`` reads a CSV of ``face_id,label`` (positive / neutral /
negative, labelled by eye) and prints each head's agreement with it. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pose_desktop.analysis.emotion import EmotionAnalyzer  # noqa: E402
from pose_desktop.inference.decode import decode_image  # noqa: E402
from pose_desktop.inference.face_models import mood_and_emotion  # noqa: E402

HAPPY = {"결혼", "생일", "육아", "셀카", "커플"}  # wedding, birthday, babies, selfie, couple
MOODS = ("positive", "neutral", "negative")


def make_folder(data: Path, out: Path) -> int:
    """Copy the hashtags set's photos of happy occasions to ``out``; the count."""
    folder = data / "hashtags"
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(folder / "labels.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if HAPPY & set(row["labels"].split(";")):
                shutil.copy(folder / "images" / row["file"], out / row["file"])
                n += 1
    return n


def faces(catalog: Path) -> list[tuple[int, str, np.ndarray, str]]:
    """(face id, photo path, box, stored mood) of every face with an emotion."""
    db = sqlite3.connect(f"file:{catalog}?mode=ro", uri=True)
    rows = db.execute(
        "SELECT f.id, (SELECT path FROM files WHERE photo_id = f.photo_id ORDER BY id LIMIT 1), "
        "f.x1, f.y1, f.x2, f.y2, f.mood FROM faces f WHERE f.mood IS NOT NULL ORDER BY f.id").fetchall()
    return [(r[0], r[1], np.array(r[2:6], np.float32), r[6]) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, help="a datasets folder (with hashtags/), for --make-folder")
    ap.add_argument("--make-folder", type=Path, help="copy the happy-occasion photos here and stop")
    ap.add_argument("--catalog", type=Path)
    ap.add_argument("--head", action="append", default=[], help="NAME=MODELS_DIR (repeatable)")
    ap.add_argument("--crops", type=Path, help="write a random sample of the faces here as PNG")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--eye-labels", type=Path, help="CSV face_id,label (positive/neutral/negative)")
    args = ap.parse_args()
    if args.make_folder:
        print(f"{make_folder(args.data, args.make_folder)} photos copied to {args.make_folder}")
        return
    if args.catalog is None or not args.catalog.is_file():
        ap.error("give --catalog FILE, a catalog where `pose analyze --models faces,emotion` ran "
                 "(or --data DIR --make-folder DIR to make its photo folder first; see the steps above)")
    heads = dict(h.split("=", 1) for h in args.head) or {"shipped": str(ROOT / "models")}
    rows = faces(args.catalog)
    by_photo: dict[str, list[int]] = {}
    for k, (_, path, _, _) in enumerate(rows):
        by_photo.setdefault(path, []).append(k)
    images = {path: decode_image(path, 100_000) for path in by_photo}
    moods: dict[str, list[str]] = {}
    for name, models_dir in heads.items():
        analyzer = EmotionAnalyzer(Path(models_dir))
        out = [""] * len(rows)
        for path, ks in by_photo.items():
            probs = analyzer.classify_faces(images[path].image, [rows[k][2] for k in ks])
            for k, p in zip(ks, probs, strict=True):
                out[k] = mood_and_emotion(p)[0]
        moods[name] = out
    stored = [r[3] for r in rows]
    print(f"{len(rows)} faces in {len(by_photo)} photos ({args.catalog})")
    for name in heads:
        same = np.mean([a == b for a, b in zip(moods[name], stored, strict=True)])
        c = Counter(moods[name])
        print(f"  {name}: " + ", ".join(f"{m} {c[m] / len(rows):.1%} ({c[m]})" for m in MOODS)
              + f"; same mood as stored in the catalog: {same:.1%}")
    result = {"faces": len(rows), "photos": len(by_photo),
              "shares": {n: {m: round(Counter(v)[m] / len(rows), 4) for m in MOODS} for n, v in moods.items()}}
    rng = np.random.default_rng(0)
    sample = sorted(rng.choice(len(rows), min(args.sample, len(rows)), replace=False).tolist())
    if args.crops:
        args.crops.mkdir(parents=True, exist_ok=True)
        with open(args.crops / "index.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["face_id", "file"] + list(heads))
            for k in sample:
                face_id, path, box, _ = rows[k]
                im = images[path].image
                x1, y1, x2, y2 = box
                m = 0.3 * max(x2 - x1, y2 - y1)
                crop = im.crop((max(0, x1 - m), max(0, y1 - m), min(im.width, x2 + m), min(im.height, y2 + m)))
                crop.thumbnail((256, 256))
                name = f"face_{face_id}.png"
                crop.save(args.crops / name)
                w.writerow([face_id, name] + [moods[h][k] for h in heads])
        print(f"{len(sample)} sampled faces written to {args.crops}")
    if args.eye_labels:
        with open(args.eye_labels, encoding="utf-8") as f:
            eye = {int(r["face_id"]): r["label"] for r in csv.DictReader(f)}
        index = {r[0]: k for k, r in enumerate(rows)}
        labelled = [(index[i], lab) for i, lab in eye.items() if i in index]
        print(f"agreement with eye labels on {len(labelled)} faces "
              f"({', '.join(f'{m} {sum(lab == m for _, lab in labelled)}' for m in MOODS)}):")
        result["eye"] = {"n": len(labelled)}
        for name in heads:
            right = [moods[name][k] == lab for k, lab in labelled]
            over = sum(moods[name][k] == "negative" and lab != "negative" for k, lab in labelled)
            print(f"  {name}: {np.mean(right):.1%} ({sum(right)}/{len(right)}); called negative where "
                  f"the eye saw no negative face: {over}")
            result["eye"][name] = {"agree": round(float(np.mean(right)), 4), "false_negative_calls": over}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
