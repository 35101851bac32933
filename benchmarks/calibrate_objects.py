"""Object tags: the per-group score thresholds of vocab/objects.py, calibrated on captions.

    python benchmarks/calibrate_objects.py [--data DIR] [--limit N] [--cache FILE.npz]

``--cache``: keep the models' scores in FILE, by photo path (reused for the photos it
holds, e.g. to look at another ``--target``).

Photos: DIR/hashtags (rows with `captions`, and the dogs / cats / coffee-cup folders) and
DIR/captioned (5 captions each). An object key is "present" in a photo where one of its
captions names it (``LEXICON``) or the photo is in that key's folder; folder photos count
only for their own keys (and the dogs folder has no cats, the cats folder no dogs). Both models run through the app's classes (ObjectDetector as the
app runs it, scores >= 0.2; ImageNetBackbone, a key's score = the sum of its reviewed
labels' probabilities). For each model and group of keys, a threshold is chosen on 4 of
5 folds as the lowest score where the group's tags agree with the captions for at least
TARGET_PRECISION of them (pooled over its keys with a lexicon), and scored on the fifth;
the printed per-group threshold is the one chosen on all photos, next to the cross-validated
precision / recall of the tags. Group "*" pools every key of the model: its threshold is
the one groups without their own (too few tags reach the target) fall back to. Baseline in the same run: the old rule (any ImageNet
label, raw, in the top 5 at >= 0.08), scored the same way on the keys it names.
Captions leave much out, so precision here is a lower bound.

Cross-check (dog and cat as users see them: a tag from either model, at the app's cuts):
precision and recall of dog and cat, and how many photos show both, with the app's
cross-model check (``tagging.objects.cross_checked``: the detector's dog or cat left out
where the backbone contradicts it) against the same tags without it (baseline, same run);
on the dogs and cats folders and the face portraits (the truth is the folder's) and on the
captioned photos whose captions name a dog or a cat or neither. Then the hashtag head's
check (``tagging.objects.head_checked``: the backbone's dog left out where the head is sure
of a cat and not of a dog, and the other way round) on top: the head's #강아지 / #고양이
probabilities are out-of-fold for the photos it was trained on (the hashtags benchmark's
grouped cross-validation, benchmarks/quality_tags.py: needs the training extras; ``--oof``
keeps its fits) and the shipped head's for the photos it never saw (captioned/ rows outside
models/hashtag_head.train.txt, the face portraits); photos with neither (trained on, no
cross-validation) keep their tags. Its two cuts are chosen by 5-fold cross-validation (on 4
folds the pair that takes the most wrong dogs and cats off with no right one lost, scored
on the fifth): the CV figure, and the app's cuts (``vocab.objects.HEAD_SURE`` /
``HEAD_UNSURE``) with the cuts the same rule picks on all photos.
``--head-cache``: the photos' model outputs for the head (benchmarks/hashtag_photos.py's
cache). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import quality_detector  # noqa: E402  (a sibling script: benchmarks/ is on sys.path)
from PIL import Image  # noqa: E402

from pose_desktop.inference.detector import COCO_CLASSES, ObjectDetector  # noqa: E402
from pose_desktop.inference.imagenet import (  # noqa: E402
    ImageNetBackbone,
    imagenet_labels,
    preprocess_imagenet,
)
from pose_desktop.vocab import objects as V  # noqa: E402

# caption words naming each key (whole words, case-insensitive)
LEXICON: dict[str, str] = {
    "dog": r"dogs?|pupp(?:y|ies)|poodles?|terriers?|retrievers?|collies?|pugs?|beagles?|dachshunds?|greyhounds?|spaniels?|huskies|husky",
    "cat": r"cats?|kittens?|kitty",
    "bird": r"birds?|ducks?|geese|goose|seagulls?|pigeons?|swans?",
    "horse": r"horses?|pony|ponies",
    "sheep": r"sheep|lambs?", "cow": r"cows?|cattle|bulls?|calf", "elephant": r"elephants?",
    "banana": r"bananas?", "apple": r"apples?",  # not "orange": captions mean the colour
    "strawberry": r"strawberr(?:y|ies)", "sandwich": r"sandwich(?:es)?",
    "hot dog": r"hot ?dogs?", "hamburger": r"(?:ham)?burgers?|cheeseburgers?",
    "pizza": r"pizzas?", "pasta": r"pasta|spaghetti|noodles", "bread": r"bread|bagels?|loaf",
    "donut": r"donuts?|doughnuts?", "cake": r"(?:cup)?cakes?", "ice cream": r"ice cream|ice-cream",
    "coffee": r"coffee|latte|espresso|cappuccino", "beer": r"beers?", "wine": r"wine",
    "cup": r"cups?|mugs?|coffee|latte|cappuccino", "wine glass": r"wine ?glass(?:es)?|glass of wine",
    "bottle": r"bottles?", "bowl": r"bowls?",
    "bicycle": r"bicycles?|bikes?|cyclists?|bicyclists?|bmx", "car": r"cars?",
    "motorcycle": r"motorcycles?|motorbikes?|dirt bikes?", "scooter": r"scooters?|mopeds?",
    "airplane": r"airplanes?|planes?|jets?", "bus": r"bus|buses", "train": r"trains?",
    "truck": r"trucks?", "boat": r"boats?|kayaks?|canoes?|sailboats?|kayakers?", "canoe": r"canoes?|kayaks?|kayakers?",
    "sports ball": r"balls?|football|soccer|basketball|volleyball|rugby",
    "frisbee": r"frisbees?", "skis": r"skis|skiers?|skiing", "snowboard": r"snowboards?|snowboarders?|snowboarding",
    "surfboard": r"surfboards?|surfers?|surfing|surfs", "skateboard": r"skateboards?|skateboarders?|skateboarding",
    "kite": r"kites?", "baseball bat": r"bats?", "tennis racket": r"rackets?|racquets?",
    "tent": r"tents?", "backpack": r"backpacks?", "handbag": r"handbags?|purses?",
    "suitcase": r"suitcases?|luggage", "umbrella": r"umbrellas?", "tie": r"neckties?|bow ties?",
    "sunglasses": r"sunglasses|shades", "balloon": r"balloons?", "candle": r"candles?",
    "teddy bear": r"teddy|stuffed (?:animal|bear)s?", "guitar": r"guitars?|guitarist",
    "piano": r"pianos?|pianist", "violin": r"violins?|violinist",
    "bench": r"benche?s?", "chair": r"chairs?", "couch": r"couch(?:es)?|sofas?", "bed": r"beds?",
    "dining table": r"tables?", "book": r"books?", "clock": r"clocks?",
    "laptop": r"laptops?|computers?", "cell phone": r"(?:cell ?)?phones?|cellphones?",
    "camera": r"cameras?", "tv": r"tv|television",
}
# folder -> (keys present in every photo, keys absent from every photo): a photo of the dogs
# folder shows no other animal (the detector's "horse" or "cat" on it is wrong), and
# faces/ (portraits, below) none at all (its "cat" on a face is wrong)
ANIMALS = tuple(k for k in V.NAMES if V.GROUP[k] == "animal")
FOLDERS = {"dogs": (("dog",), tuple(a for a in ANIMALS if a != "dog")),
           "cats": (("cat",), tuple(a for a in ANIMALS if a != "cat")),
           "coffee": (("coffee", "cup"), ())}
PORTRAITS = ((), ANIMALS)
GRID = np.round(np.arange(0.2, 0.96, 0.02), 2)
TARGET = V.TARGET_PRECISION


def load_rows(data: Path) -> list[tuple[Path, str, tuple | None]]:
    """(image, captions, (present keys, absent keys) of its folder, or None); the face
    portraits of DIR/faces last (no animal in any)."""
    rows = quality_detector.load_rows(data, FOLDERS)
    f = data / "faces"
    if (f / "labels.csv").exists():
        for r in csv.DictReader(open(f / "labels.csv", encoding="utf-8")):
            rows.append((f / "images" / r["file"], "", PORTRAITS))
    return rows


def truth(rows) -> dict[str, np.ndarray]:
    """key -> per photo 1 (present), 0 (absent), -1 (unknown: a folder photo, other key)."""
    out = {}
    for key, pattern in LEXICON.items():
        rx = re.compile(rf"\b(?:{pattern})\b", re.I)
        out[key] = np.array([
            (1 if key in folder[0] else 0 if key in folder[1] else -1) if folder
            else int(bool(rx.search(cap))) for _, cap, folder in rows])
    return out


def model_scores(rows, limit_keys) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], list[list[str]]]:
    """Per key: best detector score, summed ImageNet probability; and the old raw labels."""
    det = ObjectDetector()
    det.min_score = 0.2
    backbone = ImageNetBackbone()
    labels = imagenet_labels()
    n = len(rows)
    d_scores = {k: np.zeros(n, np.float32) for k in limit_keys}
    i_scores = {k: np.zeros(n, np.float32) for k in limit_keys}
    coco_key = {COCO_CLASSES.index(c): k for c, k in V.COCO_OBJECTS.items()}
    label_idx = V.imagenet_indices(labels)
    old: list[list[str]] = []
    for start in range(0, n, 16):
        chunk = rows[start:start + 16]
        images = [Image.open(p).convert("RGB") for p, _, _ in chunk]
        dets = det.detect_batch(images)
        probs, _ = backbone.predict(np.stack([preprocess_imagenet(im) for im in images]))
        for j, (dd, pr) in enumerate(zip(dets, probs, strict=True)):
            i = start + j
            for s, c in zip(dd.scores, dd.classes, strict=True):
                k = coco_key.get(int(c))
                if k in d_scores:
                    d_scores[k][i] = max(d_scores[k][i], s)
            for k, idx in label_idx.items():
                if k in i_scores:
                    i_scores[k][i] = pr[idx].sum()
            top5 = np.argsort(-pr)[:5]
            old.append([labels[t] for t in top5 if pr[t] >= 0.08])
        print(f"  {min(start + 16, n)}/{n} photos", end="\r", file=sys.stderr)
    return d_scores, i_scores, old


def cached_scores(rows, keys, cache: Path | None):
    """``model_scores`` of the rows, reusing those of photos ``cache`` holds (by path) and
    saving the union back to it."""
    have: dict[str, tuple[dict, dict, list]] = {}
    vocab = json.dumps([V.IMAGENET_OBJECTS, V.IMAGENET_OBJECT_BLOCKS, sorted(keys)], sort_keys=True)
    if cache and cache.exists():
        z = np.load(cache, allow_pickle=False)
        old = json.loads(str(z["old"]))
        paths = json.loads(str(z["paths"]))
        # scores made with another table are made again
        if "vocab" in z.files and str(z["vocab"]) == vocab:
            for i, p in enumerate(paths):
                have[p] = ({k: z[f"d/{k}"][i] for k in keys}, {k: z[f"i/{k}"][i] for k in keys}, old[i])
    todo = [r for r in rows if str(r[0]) not in have]
    if todo:
        d, im, old = model_scores(todo, keys)
        for j, r in enumerate(todo):
            have[str(r[0])] = ({k: d[k][j] for k in keys}, {k: im[k][j] for k in keys}, old[j])
    got = [have[str(r[0])] for r in rows]
    d_scores = {k: np.array([g[0][k] for g in got], np.float32) for k in keys}
    i_scores = {k: np.array([g[1][k] for g in got], np.float32) for k in keys}
    old = [g[2] for g in got]
    if cache and todo:
        paths = list(have)
        np.savez_compressed(cache, old=json.dumps([have[p][2] for p in paths]), paths=json.dumps(paths), vocab=vocab,
                            **{f"d/{k}": np.array([have[p][0][k] for p in paths], np.float32) for k in keys},
                            **{f"i/{k}": np.array([have[p][1][k] for p in paths], np.float32) for k in keys})
    return d_scores, i_scores, old


def pick(scores, truths, mask_rows, target: float | None = None) -> float | None:
    """Lowest grid threshold where the pooled precision reaches the target (None: never)."""
    target = TARGET if target is None else target
    for t in GRID:
        tp = fp = 0
        for s, y in zip(scores, truths, strict=True):
            m = mask_rows & (y >= 0) & (s >= t)
            tp += int((y[m] == 1).sum())
            fp += int((y[m] == 0).sum())
        if tp + fp >= 10 and tp / (tp + fp) >= target:
            return float(t)
    return None


def calibrate(group_keys, scores: dict[str, np.ndarray], y: dict[str, np.ndarray], n: int, folds: int = 5,
              targets: dict[str, float] | None = None):
    """Per group: the threshold chosen on all photos and its 5-fold CV precision / recall;
    ``targets``: group -> its own target precision (else ``TARGET``)."""
    out = {}
    fold = np.arange(n) % folds
    for group, keys in group_keys.items():
        target = (targets or {}).get(group)
        keys = [k for k in keys if k in scores and k in y and (y[k] == 1).sum() >= 3]
        if not keys:
            continue
        s = [scores[k] for k in keys]
        t = [y[k] for k in keys]
        tp = fp = fn = 0
        for f in range(folds):
            th = pick(s, t, fold != f, target)
            test = fold == f
            for sk, yk in zip(s, t, strict=True):
                m = test & (yk >= 0)
                shown = sk >= th if th is not None else np.zeros_like(sk, bool)
                tp += int((shown & m & (yk == 1)).sum())
                fp += int((shown & m & (yk == 0)).sum())
                fn += int((~shown & m & (yk == 1)).sum())
        final = pick(s, t, np.ones(n, bool), target)
        out[group] = {"threshold": final, "keys": len(keys), "positives": int(sum((v == 1).sum() for v in t)),
                      "cv_precision": round(tp / max(tp + fp, 1), 3), "cv_recall": round(tp / max(tp + fn, 1), 3)}
    return out


def head_probabilities(rows, data: Path, cache: Path | None, oof: Path | None) -> dict[str, np.ndarray]:
    """Object key (dog, cat) -> the hashtag head's probability of its hashtag per photo
    (NaN where there is no honest one): out-of-fold for the hashtags/ photos it was trained
    on (``quality_tags.hashtag_quality``'s cross-validation), the shipped head's for photos
    it never saw, through the app's analysis (benchmarks/hashtag_photos.py's ``cache``)."""
    import tempfile

    import quality_tags
    from hashtag_photos import head_inputs, photo_records

    from pose_desktop.services import Library

    n = len(rows)
    out = {a: np.full(n, np.nan, np.float32) for a in V.HEAD_TAGS}
    oof_probs: dict[str, dict[str, float]] = {}
    if (data / "hashtags" / "labels.csv").exists():
        h = quality_tags.hashtag_quality(data / "hashtags", data, cache, oof=oof)
        for r, f in zip(h.get("_rows", []), h.get("_facts", []), strict=True):
            oof_probs[str(data / "hashtags" / "images" / r["file"])] = {
                x.name: x.score for x in f.facts if x.kind == "hashtag"}
    listed = REPO / "models" / "hashtag_head.train.txt"
    trained = {line.split()[0] for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()}
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "c.sqlite") as lib:
        records = photo_records([r[0] for r in rows], cache, lib)
        head = next(a for a in lib.pictures._fact_analyzers() if a.name == "picture").hashtags
        probs = head.predict(*head_inputs(records, head.crop).arrays())
    for i, (row, rec) in enumerate(zip(rows, records, strict=True)):
        if str(row[0]) in oof_probs:  # hashtag facts are kept from HASHTAG_KEEP: below, 0
            got = {a: oof_probs[str(row[0])].get(t, 0.0) for a, t in V.HEAD_TAGS.items()}
        elif rec["sha"] not in trained:
            got = {a: float(probs[i][head.tags.index(t)]) for a, t in V.HEAD_TAGS.items()}
        else:
            continue
        for a, p in got.items():
            out[a][i] = p
    return out


def shown_animals(i, d_scores, i_scores, checked: bool = True, head=None,
                  cuts: tuple[float, float] | None = None) -> set[str]:
    """Dog and cat shown on photo ``i`` by either model at the app's cuts: with the app's
    cross-model check (``checked``) and, where ``head`` (``head_probabilities``) has the
    photo, the head's check of the backbone's at ``cuts`` (sure, unsure; None: not)."""
    from pose_desktop.tagging.objects import cross_checked, head_checked
    from pose_desktop.tagging.scenes import Fact

    animals = tuple(V.RIVALS)
    det = [Fact("object", a, float(d_scores[a][i]), ()) for a in animals if d_scores[a][i] >= V.detector_min(a)]
    img = {a for a in animals if i_scores[a][i] >= V.imagenet_min(a)}
    if cuts is not None and head is not None and not np.isnan(head["dog"][i]):
        facts = [Fact("object", a, 1.0, ()) for a in img] + [
            Fact("hashtag", V.HEAD_TAGS[a], float(head[a][i]), ()) for a in animals]
        img = {f.name for f in head_checked(facts, *cuts) if f.kind == "object"}
    if checked:
        det = cross_checked(det, img)
    return {f.name for f in det} | img


def animal_counts(idx, y, shown_of) -> tuple[dict[str, list[int]], int]:
    """Per animal [right, wrong, missed] over photos ``idx`` (``shown_of(i)``: what is
    shown), and how many show both."""
    c = {a: [0, 0, 0] for a in V.RIVALS}
    both = 0
    for i in idx:
        shown = shown_of(i)
        both += shown >= set(V.RIVALS)
        for a in V.RIVALS:
            if y[a][i] < 0:
                continue
            if a in shown:
                c[a][0 if y[a][i] == 1 else 1] += 1
            elif y[a][i] == 1:
                c[a][2] += 1
    return c, both


HEAD_SURE_GRID = np.round(np.arange(0.30, 0.96, 0.05), 2)
HEAD_UNSURE_GRID = np.round(np.arange(0.05, 0.51, 0.05), 2)


def pick_head_cuts(idx, y, d_scores, i_scores, head) -> tuple[tuple[float, float] | None, int]:
    """(sure, unsure) that takes the most wrong dogs and cats off photos ``idx`` with no
    right one lost (the surest first on a tie), and how many it takes off; None: none."""
    base, _ = animal_counts(idx, y, lambda i: shown_animals(i, d_scores, i_scores))
    best, fixed_best = None, 0
    for sure in HEAD_SURE_GRID[::-1]:
        for unsure in HEAD_UNSURE_GRID:
            c, _ = animal_counts(idx, y, lambda i, cuts=(float(sure), float(unsure)):
                                 shown_animals(i, d_scores, i_scores, head=head, cuts=cuts))
            lost = sum(base[a][0] - c[a][0] for a in c)
            fixed = sum(base[a][1] - c[a][1] for a in c)
            if lost == 0 and fixed > fixed_best:
                best, fixed_best = (float(sure), float(unsure)), fixed
    return best, fixed_best


def cross_check(rows, d_scores, i_scores, y, head=None, folds: int = 5) -> dict:
    """Dog and cat shown by either model at the app's cuts, with and without the app's
    cross-model check and with the head's check on top (where ``head``; see the module
    docstring), per photo set."""
    sets = {"folders and portraits": np.array([f is not None and f is not FOLDERS["coffee"] for _, _, f in rows]),
            "captioned": np.array([f is None for _, _, f in rows])}
    fold = np.arange(len(rows)) % folds
    variants = {"without_check": lambda i: shown_animals(i, d_scores, i_scores, checked=False),
                "checked": lambda i: shown_animals(i, d_scores, i_scores)}
    per_fold = []
    if head is not None:
        variants["head_checked"] = lambda i: shown_animals(i, d_scores, i_scores, head=head,
                                                           cuts=(V.HEAD_SURE, V.HEAD_UNSURE))
        for f in range(folds):
            cuts, _ = pick_head_cuts(np.flatnonzero(fold != f), y, d_scores, i_scores, head)
            per_fold.append(cuts)
        variants["head_checked_cv"] = lambda i: shown_animals(i, d_scores, i_scores, head=head,
                                                              cuts=per_fold[fold[i]])
    out = {}
    for name, mask in sets.items():
        res = {}
        for variant, shown_of in variants.items():
            c, both = animal_counts(np.flatnonzero(mask), y, shown_of)
            res[variant] = {"both_shown": both, **{
                a: {"right": r, "wrong": w, "missed": m, "precision": round(r / max(r + w, 1), 3),
                    "recall": round(r / max(r + m, 1), 3)} for a, (r, w, m) in c.items()}}
        if head is not None:
            res["head_probabilities"] = int((mask & ~np.isnan(head["dog"])).sum())
        out[name] = {"photos": int(mask.sum()), **res}
    if head is not None:
        out["head_cuts"] = {"app": [V.HEAD_SURE, V.HEAD_UNSURE], "per_fold": per_fold,
                            "on_all_photos": pick_head_cuts(np.arange(len(rows)), y, d_scores, i_scores, head)[0]}
    return out


def main() -> int | None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--head-cache", type=Path, help="the photos' model outputs for the hashtag head "
                    "(benchmarks/hashtag_photos.py's cache; default: its own)")
    ap.add_argument("--oof", type=Path, help="keep the hashtag head's cross-validation fits in this file "
                    "(.pkl, as benchmarks/quality_tags.py --oof)")
    ap.add_argument("--no-head", action="store_true", help="leave the hashtag head's check out")
    ap.add_argument("--target", type=float, default=V.TARGET_PRECISION,
                    help="precision the thresholds must reach (default: the app's)")
    ap.add_argument("--animal-target", type=float, default=V.ANIMAL_TARGET_PRECISION,
                    help="the same for the animals (default: the app's)")
    args = ap.parse_args()
    global TARGET
    TARGET = args.target
    rows = load_rows(args.data)
    if args.limit:
        rows = rows[: args.limit]
    if not rows:
        print(f"no captioned photos under {args.data}: nothing to measure")
        print(json.dumps({"data": str(args.data), "error": "no captioned photos"}))
        return 1
    y = truth(rows)
    keys = list(V.NAMES)
    d_scores, i_scores, old = cached_scores(rows, keys, args.cache)
    groups = {g: [k for k in keys if V.GROUP[k] == g] for g in V.GROUPS}
    det_groups = {g: [k for k in ks if k in V.COCO_OBJECTS.values()] for g, ks in groups.items()}
    img_groups = {g: [k for k in ks if k in V.imagenet_keys()] for g, ks in groups.items()}
    # "*": every key of the model pooled, the fallback of groups that cannot be calibrated
    det_groups["*"] = sorted({k for ks in det_groups.values() for k in ks})
    img_groups["*"] = sorted({k for ks in img_groups.values() for k in ks})
    # each animal on its own too (both models): the detector tells dogs from cats from
    # horses badly, and a group threshold set by the many dogs and cats lets a horse on a
    # dog photo through
    det_groups.update({f"animal:{k}": [k] for k in det_groups["animal"]})
    animal_targets = {g: args.animal_target for g in det_groups if g.startswith("animal")}
    det = calibrate(det_groups, d_scores, y, len(rows), targets=animal_targets)
    img_groups.update({f"animal:{k}": [k] for k in img_groups.get("animal", [])})
    img = calibrate(img_groups, i_scores, y, len(rows),
                    targets={g: args.animal_target for g in img_groups if g.startswith("animal")})
    print(f"{len(rows)} photos; target precision {TARGET} (animals {args.animal_target}) "
          "against captions/folders")
    for name, res in (("detector", det), ("imagenet", img)):
        print(f"\n{name}: group  threshold  keys  positives  CV precision  CV recall")
        for g, r in res.items():
            print(f"  {g:12s} {r['threshold']!s:>6}  {r['keys']:4d}  {r['positives']:6d}  "
                  f"{r['cv_precision']:10.3f}  {r['cv_recall']:9.3f}")
    # baseline: the old raw-ImageNet object tags, scored where a raw label is a reviewed key's
    tp = fp = 0
    raw_to_key = V.IMAGENET_OBJECTS
    unreviewed = 0
    for i, labs in enumerate(old):
        for lab in labs:
            k = raw_to_key.get(lab)
            if k is None:
                unreviewed += 1
                continue
            if k in y and y[k][i] >= 0:
                tp += int(y[k][i] == 1)
                fp += int(y[k][i] == 0)
    print(f"\nold rule (raw ImageNet top-5 >= 0.08): {sum(map(len, old))} object tags on "
          f"{len(rows)} photos, {unreviewed} of them labels outside the reviewed list; "
          f"on reviewed keys precision {tp / max(tp + fp, 1):.3f} ({tp + fp} tags)")
    head = None
    if not args.no_head:
        from hashtag_photos import CACHE_DIR

        head = head_probabilities(rows, args.data, args.head_cache or CACHE_DIR, args.oof)
    xc = cross_check(rows, d_scores, i_scores, y, head)
    print("\ncross-check: dog and cat from either model (precision / recall; right, wrong, missed)")
    labels = (("without_check", "without the check"), ("checked", "detector checked"),
              ("head_checked", "+ head, app cuts"), ("head_checked_cv", "+ head, 5-fold CV"))
    for name, r in xc.items():
        if name == "head_cuts":
            continue
        extra = f"; the head's probabilities for {r['head_probabilities']}" if "head_probabilities" in r else ""
        print(f"  {name} ({r['photos']} photos{extra}):")
        for k, label in labels:
            if k not in r:
                continue
            v = r[k]
            print(f"    {label:18s} " + "   ".join(
                f"{a} {v[a]['precision']:.3f} / {v[a]['recall']:.3f} ({v[a]['right']}, {v[a]['wrong']}, "
                f"{v[a]['missed']})" for a in V.RIVALS) + f"   both shown on {v['both_shown']}")
    if "head_cuts" in xc:
        hc = xc["head_cuts"]
        print(f"  the head's cuts (sure, unsure): app {tuple(hc['app'])}, chosen on all photos "
              f"{hc['on_all_photos']}, per CV fold {hc['per_fold']}")
    print(json.dumps({"photos": len(rows), "detector": det, "imagenet": img, "cross_check": xc,
                      "old_rule": {"tags": sum(map(len, old)), "unreviewed": unreviewed,
                                   "precision_on_reviewed": round(tp / max(tp + fp, 1), 3)}}))


if __name__ == "__main__":
    raise SystemExit(main())
