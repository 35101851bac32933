"""The COCO object detector on captioned real photos: which objects it finds, people counts.

    python benchmarks/quality_detector.py [--data DIR] [--model FILE.onnx ...] [--limit N]

Photos: DIR/hashtags (rows with `captions`, and the dogs / cats / coffee-cup / birthday
folders) and DIR/captioned. A COCO class is "present" where one of the five captions names
it (``CLASS_WORDS``) or the folder is of it (dogs: dog; cats: cat; coffee: cup; birthday:
cake); folder photos count only for their own class. Per class: average precision of the
photo's best score for the class, and recall / precision at a threshold chosen by 5-fold
cross-validation (best F1 on 4 folds, scored on the fifth). People counts (0 / 1 / 2 / 3+)
against the count at least 3 of the 5 captions agree on, at person scores 0.3 / 0.4 / 0.5.
Speed: median ms of ``ObjectDetector.detect`` (resize, run, NMS) per photo.

Each ``--model`` is an ONNX file with the app's detector interface (models/build_detector.py
builds NanoDet, the shipped one, and ``--model centernet`` the other candidate); default
the shipped models/object_detector.onnx. All run in the same process on the same photos,
candidates scored at ``min_score`` 0.05. Captions leave out much of what is in a photo, so
precision is understated for every model alike. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PIL import Image  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402

from pose_desktop.inference.detector import COCO_CLASSES, PERSON, ObjectDetector  # noqa: E402

CLASS_WORDS: dict[str, str] = {
    "person": r"man|men|woman|women|boys?|girls?|person|people|child|children|kids?|baby|babies|toddlers?|lady|ladies|guys?|players?|bikers?|cyclists?|bicyclists?|skiers?|snowboarders?|surfers?|skateboarders?|riders?|swimmers?|climbers?|hikers?|runners?|crowd|couple|family|teenagers?|adults?|dancers?|workers?|gentleman|someone|friends|brides?|groom|athletes?|soldiers?|tourists?|performers?|musicians?|singers?|students?",
    "dog": r"dogs?|pupp(?:y|ies)|poodles?|terriers?|retrievers?|collies?|labs?|pugs?|beagles?|dachshunds?|greyhounds?|spaniels?|shepherds?|huskies|husky",
    "cat": r"cats?|kittens?|kitty",
    "bicycle": r"bicycles?|bikes?|cyclists?|bicyclists?|bmx",
    "sports ball": r"balls?|football|soccer|basketball|volleyball|tennis",
    "surfboard": r"surfboards?|surfers?|surfing|surfs",
    "skis": r"skis|skiers?|skiing",
    "horse": r"horses?|pony|ponies",
    "car": r"cars?",
    "boat": r"boats?|kayaks?|canoes?|sailboats?|kayakers?",
    "umbrella": r"umbrellas?",
    "bench": r"benche?s?",
    "cup": r"cups?|mugs?|coffee|latte",
    "cake": r"cakes?|cupcakes?",
    "kite": r"kites?",
    "skateboard": r"skateboards?|skateboarders?|skateboarding",
    "frisbee": r"frisbees?",
    "backpack": r"backpacks?",
    "motorcycle": r"motorcycles?|motorbikes?|dirt bikes?",
    "bird": r"birds?|ducks?|geese|goose|seagulls?|pigeons?",
    "bottle": r"bottles?",
    "book": r"books?",
    "chair": r"chairs?",
    "dining table": r"tables?",
    "wine glass": r"wine|glass of",
    "tennis racket": r"rackets?|racquets?",
    "snowboard": r"snowboards?|snowboarders?|snowboarding",
}
FOLDERS = {"dogs": "dog", "cats": "cat", "coffee": "cup", "birthday": "cake"}
NUM = {"two": 2, "three": 3, "four": 4, "five": 5}


def load_rows(data: Path, folders: dict = FOLDERS) -> list[tuple[Path, str, object]]:
    """(image, captions, what ``folders`` says of its folder, or None): captioned photos and
    the folder sets of hashtags/, then captioned/."""
    rows = []
    h = data / "hashtags"
    if (h / "labels.csv").exists():
        for r in csv.DictReader(open(h / "labels.csv", encoding="utf-8")):
            folder = next((c for name, c in folders.items()
                           if r.get("label_from", "").startswith(f"folder ({name}")), None)
            if r.get("captions") or folder:
                rows.append((h / "images" / r["file"], r.get("captions") or "", folder))
    c = data / "captioned"
    if (c / "labels.csv").exists():
        for r in csv.DictReader(open(c / "labels.csv", encoding="utf-8")):
            rows.append((c / "images" / r["file"], r["captions"], None))
    return rows


def count_truth(captions: str) -> int | None:
    """The people count at least 3 of the 5 captions agree on (3 = three or more)."""
    counts = []
    for c in captions.lower().split(" | "):
        m = re.search(r"\b(two|three|four|five)\s+(?:\w+\s+)?(?:men|women|boys|girls|people|children|kids|"
                      r"ladies|guys|players|friends|persons)\b", c)
        if m:
            counts.append(NUM[m.group(1)])
        elif re.search(r"\b(group|crowd|many|several|lots)\b", c):
            counts.append(3)
        elif re.search(r"^\s*(a|an|one)\s+(?:\w+\s+){0,2}(man|woman|boy|girl|person|child|kid|baby|lady|guy|"
                       r"toddler|player|skier|surfer|biker)\b(?!.*\b(?:and|with)\s+(?:a|an|another|two|three|"
                       r"his|her)\s+(?:\w+\s+)?(man|woman|boy|girl|person|child|kid|baby|lady|guy|friend|people|"
                       r"men|women)\b)", c):
            counts.append(1)
    if len(counts) >= 3:
        values, n = np.unique(counts, return_counts=True)
        if n.max() >= 3:
            return int(min(values[n.argmax()], 3))
    return None


def detect_all(model: Path, rows) -> tuple[list, list[float]]:
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(model, Path(d) / "object_detector.onnx")
        det = ObjectDetector(Path(d), verify=False, min_score=0.05)
        out, times = [], []
        for path, _, _ in rows:
            image = Image.open(path).convert("RGB")
            t = time.perf_counter()
            out.append(det.detect(image))
            times.append(time.perf_counter() - t)
    return out, times


def score(rows, dets) -> dict:
    result: dict = {"classes": {}}
    for cls, words in CLASS_WORDS.items():
        rx = re.compile(rf"\b(?:{words})\b", re.I)
        cid = COCO_CLASSES.index(cls)
        y, s = [], []
        for (_, caps, folder), d in zip(rows, dets, strict=True):
            if folder is not None and folder != cls:
                continue
            y.append(folder == cls or bool(rx.search(caps)))
            hit = d.scores[d.classes == cid]
            s.append(float(hit.max()) if hit.size else 0.0)
        y, s = np.array(y), np.array(s)
        if y.sum() < 8 or y.all():
            continue
        tp = fp = fn = 0
        fold = np.arange(len(y)) % 5
        for k in range(5):
            tr, te = fold != k, fold == k
            best = max(((2 * ((s[tr] >= t) & y[tr]).sum() / ((s[tr] >= t).sum() + y[tr].sum()), t)
                        for t in np.arange(0.1, 0.9, 0.02)), default=(0, 0.5))[1]
            p = s[te] >= best
            tp += int((p & y[te]).sum())
            fp += int((p & ~y[te]).sum())
            fn += int((~p & y[te]).sum())
        result["classes"][cls] = {"positives": int(y.sum()), "photos": len(y),
                                  "ap": round(float(average_precision_score(y, s)), 3),
                                  "cv_recall": round(tp / max(tp + fn, 1), 3),
                                  "cv_precision": round(tp / max(tp + fp, 1), 3)}
    result["mean_ap"] = round(float(np.mean([c["ap"] for c in result["classes"].values()])), 3)
    for th in (0.3, 0.4, 0.5):
        exact = n = 0
        for (_, caps, _), d in zip(rows, dets, strict=True):
            truth = count_truth(caps) if caps else None
            if truth is None:
                continue
            n += 1
            exact += min(int(((d.classes == PERSON) & (d.scores >= th)).sum()), 3) == truth
        result[f"people_exact_{th}"] = round(exact / max(n, 1), 3)
        result["people_photos"] = n
    return result


def main() -> int | None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--model", type=Path, action="append")
    ap.add_argument("--limit", type=int, default=0, help="every n-th photo only (0: all)")
    args = ap.parse_args()
    rows = load_rows(args.data)
    if args.limit:
        rows = rows[:: max(1, len(rows) // args.limit)]
    if not rows:
        print(f"no captioned photos under {args.data}: nothing to measure")
        print(json.dumps({"data": str(args.data), "error": "no captioned photos"}))
        return 1
    models = args.model or [REPO / "models" / "object_detector.onnx"]
    results = {}
    for m in models:
        dets, times = detect_all(m, rows)
        r = score(rows, dets)
        r["median_ms"] = round(float(np.median(times)) * 1000, 1)
        results[m.name] = r
    names = list(results)
    print(f"{len(rows)} photos; per class AP, CV recall, CV precision")
    print(f"{'class':14s} {'pos':>5s} " + " ".join(f"{n[:22]:>24s}" for n in names))
    for cls in results[names[0]]["classes"]:
        c0 = results[names[0]]["classes"][cls]
        cells = []
        for n in names:
            c = results[n]["classes"].get(cls)
            cells.append(f"{c['ap']:.3f} {c['cv_recall']:.2f} {c['cv_precision']:.2f}" if c else "-")
        print(f"{cls:14s} {c0['positives']:5d} " + " ".join(f"{x:>24s}" for x in cells))
    for n in names:
        r = results[n]
        print(f"{n}: mean AP {r['mean_ap']:.3f}; people counts exact at 0.3 / 0.4 / 0.5: "
              f"{r['people_exact_0.3']:.1%} / {r['people_exact_0.4']:.1%} / {r['people_exact_0.5']:.1%} "
              f"({r['people_photos']} photos); {r['median_ms']:.0f} ms per photo")
    print(json.dumps({"photos": len(rows), "models": results}))


if __name__ == "__main__":
    raise SystemExit(main())
