"""Quality of the picture tagging on labelled photos (issue 4).

    python benchmarks/quality_tags.py [--data DIR] [--thumbnails] [--parts hashtags,clothing,...]

``--thumbnails``: every photo is read the way a library analysis reads it, from the
index-time thumbnail (shorter side 256 px, JPEG as the indexer writes it); by default
from the original file, the way a dropped photo is read.

DIR (default ../shared/datasets from the repository root) is any folder laid out like
the shared datasets: hashtags/, clothing/, captioned/, faces/, emotion/ each with images/
and labels.csv; missing parts are skipped. Every figure comes with a baseline measured in
the same run and the ratio to it; the last line is one JSON object with everything.

- hashtags: every photo of hashtags/ (labels.csv ``labels`` = canonical hashtags joined by
  ";") through the app's own suggest path, as ``pose suggest --json`` runs it for a dropped
  file: each photo goes once through ``Library.pictures.image_analysis`` (the one analysis
  graph: faces, ages, the COCO detector's people, the picture analyzer), kept in a cache
  (benchmarks/hashtag_photos.py: artifacts/bench_cache, by sha256 and the analyzers'
  versions; ``--cache DIR``, ``--no-cache``), then ``suggest.suggest`` with the head's
  thresholds, top 10; a sample is checked against ``Library.suggest_files`` itself.
  Figures: top-1 and top-3 hit rate (a labelled hashtag first / among the first 3),
  per-hashtag recall and precision, how often each hashtag is suggested against how often
  it is labelled, the share of photos with no suggestion, and where the app's first
  suggestion differs from the head's best hashtag with only one of them right, why (the
  head's best gated by missing evidence, below its cuts, or outranked). Baseline in the
  same run: the rules alone (the same facts without the head's). Photos the shipped head was trained on
  (models/hashtag_head.train.txt, by sha256) get the head's answer by 5-fold grouped
  cross-validation instead (``training.hashtags.cross_validated``, the recipe of
  models/build_hashtag_head.py: the regressions and the neighbours from the other folds'
  photos, the other training photos of DIR's captioned/ in every fold, the stack and the
  per-hashtag thresholds chosen on the other folds' out-of-fold outputs); the rest of the path is
  unchanged. Photos it never saw (a held-out folder) get the shipped head and thresholds.
  Needs scikit-learn and scipy.
- clothing: fine-class (10) and garment-type (4-way: dress/outerwear/top/bottom)
  accuracy of the shipped clothing model, on the photos of DIR that it was not trained
  on (models/clothing_head.train.txt lists its training photos by sha256, so renamed
  copies count as trained on). Baseline: the ImageNet
  backbone alone, its garment labels mapped to the same classes (zero-shot). Also how
  many held-out hats the hat check keeps, and the accuracy without the check.
  The photos of DIR it was trained on (all of ../shared/datasets/clothing) are measured
  by 10-fold cross-validation instead: the training recipe (the fine and coarse logistic
  regressions on the shipped graph's features of each photo's crop as the app takes it,
  ``PictureAnalyzer.clothing_crop``, and its mirror image,
  pose_desktop.training.clothing.fit) refit on nine tenths, scored on the other tenth;
  the hat check is not applied there (it was trained on these photos). Needs
  scikit-learn (in the test extras).
- bare heads: of the face close-ups in faces/ (no hats, not trained on), how many the app
  calls "hat" (ImageNet gate, clothing model, hat check), next to the count without
  the hat check (before it, every one was); and how many get any clothing tag through the
  app's path (faces found: a head filling the frame shows no garment but a hat,
  ``people_facts.head_fills_frame``), next to the count the ImageNet gate alone lets
  through (before that rule, every one of those got one).
- portrait ideas: the 120 studio portraits of faces/ (grey, a head filling the frame; the
  hashtag head never saw such photos) through the same cached analysis and suggest path as
  the hashtags part (the shipped head: not trained on them): how many get a hashtag ticked
  in the drop panel (an idea at >= ``drop_panel.TICK_FROM``, among its first 5) and which,
  and every hashtag suggested. Baseline in the same run: the same facts without the
  "face fills the frame" evidence (``tagging.objects.people_layout``), i.e. without the
  suggester's rules for a head filling the frame (no workout unless the sport is seen; an
  idea below ``suggest.OWN_EVIDENCE_BELOW`` only with evidence of its own), and with the
  first rule alone; and how many get an idea whose only reason is the picture model, and
  how many no idea at all.
- colour: agreement of the colour namer with colours labelled by eye
  (benchmarks/clothing_colours.csv, 80 garments, for files present in DIR: 60 the rules
  were tuned on, 20 labelled afterwards as an untouched check). Baseline: the name of
  the image's mean colour.
- personal hashtags: captioned/ photos stand in for a user's posts; their hashtags are
  the caption words used in at least 2 of the 5 captions (nouns a user would tag).
  Held-out 25 %; top-3 hit rate (at least one true hashtag among the top 3) and
  precision@3 for the kNN and the trained-head learners. Baseline: always suggest the 3
  most frequent hashtags of the training photos.
- child from face age: on captioned/ photos with one face, captioned only as a child or
  only as an adult, how well the face age separates them (AUC; chance 0.5) and how many
  of each are called a child (age <= 16).
- similar photos: precision@5 of "more like this" (the app's FeatureIndex: cosine over
  the stored features projected by models/similar_pca.npy, best 200 re-scored with the
  full vectors) with the class labels of clothing/ (fine), faces/ (person) and emotion/,
  next to the projection alone (no re-scoring: on sets this small 200 candidates are a
  large share of the set, so this is the figure that shows what the projection loses)
  and full 1280-d cosine. Baseline: the expected precision of 5 random photos.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import pickle
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pose_desktop.analysis.picture import PictureAnalyzer  # noqa: E402
from pose_desktop.inference.decode import decode_image  # noqa: E402
from pose_desktop.inference.imagenet import imagenet_labels, preprocess_imagenet  # noqa: E402
from pose_desktop.ingest.media import write_thumbnail  # noqa: E402
from pose_desktop.tagging import personal  # noqa: E402
from pose_desktop.tagging.clothing_labels import HAT, decide, hat_checked  # noqa: E402
from pose_desktop.tagging.colours import garment_colours, name_pixels  # noqa: E402
from pose_desktop.tagging.objects import head_checked  # noqa: E402
from pose_desktop.tagging.scenes import hashtag_facts  # noqa: E402
from pose_desktop.tagging.similar import FeatureIndex, decode_vector, encode_vector, load_projection  # noqa: E402
from pose_desktop.vocab.clothing import COARSE_CLASSES, FINE_CLASSES, FINE_TO_COARSE  # noqa: E402
from pose_desktop.vocab.colours import COLOUR_NAMES  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
from hashtag_photos import (  # noqa: E402
    CACHE_DIR,
    duplicate_groups,
    faces_of,
    facts_of,
    head_inputs,
    photo_records,
)

# ImageNet garment labels -> clothing fine class, for the zero-shot baseline.
IMAGENET_TO_FINE = {
    "jersey": "t-shirt", "sweatshirt": "longsleeve", "cardigan": "longsleeve",
    "jean": "pants", "miniskirt": "skirt", "overskirt": "skirt", "hoopskirt": "skirt",
    "sarong": "skirt", "swimming trunks": "shorts", "trench coat": "outwear",
    "fur coat": "outwear", "poncho": "outwear", "cloak": "outwear", "bulletproof vest": "outwear",
    "lab coat": "outwear", "suit": "outwear", "gown": "dress", "abaya": "dress",
    "kimono": "dress", "maillot": "dress", "pajama": "longsleeve", "cowboy hat": "hat",
    "sombrero": "hat", "bonnet": "hat", "shower cap": "hat", "mortarboard": "hat",
    "ski mask": "hat", "running shoe": "shoes", "Loafer": "shoes", "sandal": "shoes",
    "clog": "shoes", "cowboy boot": "shoes", "sock": "shoes", "brassiere": "shirt",
    "apron": "dress", "military uniform": "shirt", "vestment": "dress",
}
STOP = set(
    "a an the is are was were be been being of in on at to and or with by for from into onto over "
    "under near its it his her their two three four one some several other another this that while "
    "as up down out off through front back side behind next top who which there something "
    "young little small large big old wet dry white black brown blue red green yellow orange pink "
    "purple grey gray tan dark colorful area each very".split()
)
VERBS = {"play", "run", "stand", "sit", "jump", "catch", "hold", "look", "ride", "climb", "walk",
         "wear", "swim", "carry", "smile", "pose", "watch", "lay", "lie", "chase", "splash"}


def load_original(path: Path) -> np.ndarray:
    return decode_image(path).pixels


def load_thumbnail(path: Path) -> np.ndarray:
    """The photo as the library's analysis reads it: its thumbnail, written and re-read."""
    with tempfile.TemporaryDirectory() as tmp:
        thumb = Path(tmp) / "t.jpg"
        write_thumbnail(path.read_bytes(), thumb)
        with Image.open(thumb) as im:
            return np.asarray(im.convert("RGB"))


LOAD = load_original


def read_rows(folder: Path) -> list[dict]:
    with open(folder / "labels.csv", newline="", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if (folder / "images" / r["file"]).exists()]


def run_models(analyzer: PictureAnalyzer, paths: list[Path], clothing: bool = False):
    """(probs, features, (fine_probs, hat_prob) or None, decoded arrays) for image files,
    batched; fine_probs before the hat check, of the crop the app takes them from
    (``PictureAnalyzer.clothing_crop``)."""
    probs, feats, fines, hats, images = [], [], [], [], []
    for i in range(0, len(paths), 16):
        batch = [LOAD(p) for p in paths[i : i + 16]]
        x = np.stack([preprocess_imagenet(img) for img in batch])
        p, f = analyzer.backbone.predict(x)
        probs.append(p)
        feats.append(f)
        if clothing:
            fine, hat = analyzer.clothing.predict(np.stack([analyzer.clothing_crop(img) for img in batch]))
            fines.append(fine)
            hats.append(hat)
            images.extend(batch)
    return (np.concatenate(probs), np.concatenate(feats),
            (np.concatenate(fines), np.concatenate(hats)) if clothing else None, images)


def trained_on(listed: Path, folder: Path, rows: list[dict]) -> list[bool]:
    """Whether each row's photo is one a shipped head was trained on (by sha256)."""
    digests = ({line.split()[0] for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()}
               if listed.exists() else set())
    return [hashlib.sha256((folder / "images" / r["file"]).read_bytes()).hexdigest() in digests
            for r in rows]


def hashtag_quality(folder: Path, data: Path, cache_dir: Path | None = CACHE_DIR, check: int = 12,
                    oof: Path | None = None) -> dict:
    """The app's hashtag suggestions on ``folder`` (see the module docstring); {} when empty."""
    from pose_desktop.services import Library
    from pose_desktop.tagging.scenes import PictureFacts
    from pose_desktop.tagging.suggest import suggest
    from pose_desktop.training import hashtags as recipe

    rows = [r for r in read_rows(folder) if r["labels"].strip()]
    if not rows:
        return {}
    listed = REPO / "models" / "hashtag_head.train.txt"
    trained = ({line.split()[0] for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()}
               if listed.exists() else set())
    left_out = 0
    if importlib.util.find_spec("torch") is None:
        # the cross-validation retrains the head's network (training extras): without torch the
        # photos the head was trained on cannot be scored honestly, so they are left out
        keep = [r for r, t in zip(rows, trained_on(listed, folder, rows), strict=True) if not t]
        left_out, rows = len(rows) - len(keep), keep
        if not rows:
            print(f"hashtags: all {left_out} photos are ones the head was trained on; cross-validating them "
                  "needs the training extras (pip install .[train])")
            return {}
    paths = [folder / "images" / r["file"] for r in rows]
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "c.sqlite") as lib:
        records = photo_records(paths, cache_dir, lib)
        per_photo = (time.perf_counter() - start) / len(rows)
        # the other photos the head was trained on (captioned/ of the same root): in the
        # training folds of the cross-validation, never scored
        extra_paths, extra_labels, _ = recipe.training_set(data, hashtags=False)
        extra = [(r, t) for r, t in zip(photo_records(extra_paths, cache_dir, lib), extra_labels, strict=True)
                 if r["sha"] in trained]
        head = next(a for a in lib.pictures._fact_analyzers() if a.name == "picture").hashtags
        tags, thresholds, fill = head.tags, head.thresholds, head.fill_thresholds
        probs = head.predict(*head_inputs(records, head.crop).arrays())  # the shipped head, for photos it never saw
        # the check: the benchmark's path is the app's (photos the head was not trained on)
        unseen = [i for i in range(len(rows)) if records[i]["sha"] not in trained][:check]
        by_app = lib.pictures.suggest_files([paths[i] for i in unseen])
    seen = np.array([r["sha"] in trained for r in records])
    cv_idx = np.nonzero(seen)[0]
    cuts = [(thresholds, fill)] * len(rows)
    cv_info: dict = {"n": len(cv_idx), "extra_training_photos": len(extra)}
    if left_out:
        cv_info["error"] = (f"{left_out} photos the head was trained on left out: cross-validating them needs "
                            "the training extras (pip install .[train])")
    if len(cv_idx):
        labels = [[t for t in rows[i]["labels"].split(";") if t] for i in cv_idx] + [t for _r, t in extra]
        y = np.array([[t in ls for t in tags] for ls in labels], np.float32)
        every_records = [records[i] for i in cv_idx] + [r for r, _t in extra]
        every = head_inputs(every_records, head.crop)
        insta = np.array([recipe.is_instagram(rows[i]) for i in cv_idx] + [False] * len(extra))
        scored = np.arange(len(cv_idx))
        groups = duplicate_groups(every_records)
        folds = min(recipe.FOLDS, len(set(groups[scored].tolist())))
        if folds >= 2:
            memo = pickle.loads(oof.read_bytes()) if oof is not None and oof.exists() else {}
            got = recipe.cross_validated(every, y, insta, groups, tags, scored=scored, folds=folds,
                                         settings=recipe.Settings(**head.settings), memo=memo)
            if oof is not None:
                oof.write_bytes(pickle.dumps(memo))
            probs[cv_idx] = got.probs[scored]
            # each cross-validated photo's cuts chosen on the other folds' photos (the head's own
            # are chosen on all of them: scoring with those would be in-sample for the cuts)
            for k, i in enumerate(cv_idx):
                cuts[i] = (dict(zip(tags, got.fold_thresholds[k].tolist(), strict=True)),
                           dict(zip(tags, got.fold_fill_thresholds[k].tolist(), strict=True)))
            cv_info |= {"folds": folds, "head_only": got.figures, "thresholds": got.thresholds,
                        "fill_thresholds": got.fill_thresholds}
        else:
            cv_info["error"] = "too few photos the head was trained on to cross-validate"
    facts = []
    for r, p in zip(records, probs, strict=True):
        # as the picture analyzer's facts reach the suggester: scores to 4 places, float16 features
        f = PictureFacts.from_json(PictureFacts(hashtag_facts(tags, p)).to_json(),
                                   decode_vector(encode_vector(r["mobilenet"])))
        f.facts = head_checked(f.facts + facts_of(r).facts)  # as the picture analyzer's, by this head
        facts.append(f)
    taken = [r["taken"] or None for r in records]
    truth = [set(r["labels"].split(";")) for r in rows]
    app = [[s.tag for s in suggest(f, taken=t, thresholds=c, fill=g)]
           for f, t, (c, g) in zip(facts, taken, cuts, strict=True)]
    rules_only = [[s.tag for s in suggest(PictureFacts([g for g in f.facts if g.kind != "hashtag"]), taken=t)]
                  for f, t in zip(facts, taken, strict=True)]
    same = sum([s.tag for s in res.suggestions] == app[i] for i, res in zip(unseen, by_app, strict=True))
    out = {"_facts": facts, "_rows": rows,
           "n": len(rows), "cross_validated": cv_info, "ms_per_photo": round(per_photo * 1000, 1),
           "same_as_suggest_files": f"{same}/{len(unseen)}",
           "app": suggestion_scores(app, truth), "rules_only": suggestion_scores(rules_only, truth),
           "head_vs_app": first_differences(app, probs, tags, facts, truth, records, rows)}
    out["_differences"] = out["head_vs_app"].pop("_photos")
    sources = sorted({r.get("source", "") for r in rows})
    if len(sources) > 1:
        out["by_source"] = {
            src: {"n": sum(r.get("source", "") == src for r in rows),
                  **{k: v for k, v in suggestion_scores(
                      [a for a, r in zip(app, rows, strict=True) if r.get("source", "") == src],
                      [t for t, r in zip(truth, rows, strict=True) if r.get("source", "") == src]).items()
                     if k in ("top1", "top3", "none")}}
            for src in sources}
    return out


def suggestion_scores(suggested: list[list[str]], truth: list[set[str]]) -> dict:
    """Top-1/top-3 hit rates, share without suggestion, per-hashtag recall, precision and
    suggested/labelled counts (every suggestion shown, up to the app's 10)."""
    n = len(truth)
    per: dict[str, dict] = {}
    for sug, lab in zip(suggested, truth, strict=True):
        for t in lab:
            per.setdefault(t, {"labelled": 0, "suggested": 0, "hit": 0})["labelled"] += 1
        for t in sug:
            e = per.setdefault(t, {"labelled": 0, "suggested": 0, "hit": 0})
            e["suggested"] += 1
            e["hit"] += t in lab
    for e in per.values():
        e["recall"] = round(e["hit"] / e["labelled"], 3) if e["labelled"] else None
        e["precision"] = round(e["hit"] / e["suggested"], 3) if e["suggested"] else None
        e["ratio"] = round(e["suggested"] / e["labelled"], 2) if e["labelled"] else None
    return {
        "top1": sum(bool(s) and s[0] in t for s, t in zip(suggested, truth, strict=True)) / n,
        "top3": sum(bool(set(s[:3]) & t) for s, t in zip(suggested, truth, strict=True)) / n,
        "none": sum(not s for s in suggested) / n,
        "mean_suggestions": sum(len(s) for s in suggested) / n,
        "per_tag": dict(sorted(per.items(), key=lambda kv: -kv[1]["labelled"])),
    }


def first_differences(app: list[list[str]], probs: np.ndarray, tags: list[str], facts: list,
                      truth: list[set[str]], records: list[dict] | None = None,
                      rows: list[dict] | None = None) -> dict:
    """Where the app's suggestions lose or win against the head's own ranking (the order of
    its probabilities). Top-1: photos whose first suggestion is not the head's best hashtag
    and only one of the two is right, by why the app's first differs: the head's best is
    ``gated`` (its evidence is missing: ``suggest.gate``), ``cut`` (below its threshold and
    fill threshold) or ``outranked`` (suggested, another first: a rule's, a season's, a
    personal hashtag). Top-3: photos where only one of the head's 3 best and the app's first
    3 holds a right hashtag; where the head's does, what became of its best right one
    (``gated``, ``cut``, or shown after the 3rd). With ``records`` and ``rows``, also
    ``_photos``: each top-1 difference with its file, labels, both answers and the evidence
    the gates read (``difference_row``), for ``--differences`` to list."""
    from pose_desktop.tagging.suggest import gate

    def why(tag: str, f, shown: list[str]) -> str:
        return "gated" if not gate(tag, f)[0] else "cut" if tag not in shown else ""

    order = np.argsort(-probs, axis=1)
    n = len(truth)
    out: dict = {"head_top1": sum(tags[o[0]] in t for o, t in zip(order, truth, strict=True)) / n,
                 "head_top3": sum(any(tags[j] in t for j in o[:3]) for o, t in zip(order, truth, strict=True)) / n,
                 "top1_head_right_app_wrong": {}, "top1_app_right_head_wrong": 0,
                 "top3_head_right_app_wrong": {}, "top3_app_right_head_wrong": 0}

    def count(side: str, key: str) -> None:
        out[side][key] = out[side].get(key, 0) + 1

    photos = []
    for i, (o, a, f, t) in enumerate(zip(order, app, facts, truth, strict=True)):
        h, first = tags[o[0]], (a[0] if a else None)
        if first != h and (h in t) != (first in t):
            if h in t:
                count("top1_head_right_app_wrong", f"{h} {why(h, f, a) or f'outranked by {first}'}")
            else:
                out["top1_app_right_head_wrong"] += 1
            if records is not None and rows is not None:
                photos.append(difference_row(rows[i], records[i], f, a, h, float(probs[i, o[0]]),
                                             "head" if h in t else "app", why(h, f, a) or "outranked"))
        head3 = [tags[j] for j in o[:3] if tags[j] in t]
        if bool(head3) != bool(set(a[:3]) & t):
            if head3:
                count("top3_head_right_app_wrong", f"{head3[0]} {why(head3[0], f, a) or 'after the 3rd'}")
            else:
                out["top3_app_right_head_wrong"] += 1
    for k in ("top1_head_right_app_wrong", "top3_head_right_app_wrong"):
        out[k] = dict(sorted(out[k].items(), key=lambda kv: -kv[1]))
    if records is not None and rows is not None:
        out["_photos"] = photos
    return out


def difference_row(row: dict, record: dict, facts, app: list[str], head: str, p: float, right: str,
                   why: str) -> dict:
    """One photo whose first suggestion differs from the head's best (``first_differences``):
    what a person checking the gate by eye needs beside the picture: its labels, the app's
    first three and the head's best (with its probability), which of the two was right, why
    they differ, and the evidence the gates read (the people facts with their reasons, the
    faces' sizes and scores, the detector's persons and key objects)."""
    from pose_desktop.inference.detector import PERSON
    from pose_desktop.tagging.objects import decode_detections, describe_objects
    from pose_desktop.vocab import reasons

    det = decode_detections(record["detections"]) if record["detections"] else None
    persons = det.of_class(PERSON, 0.3) if det is not None else None
    people = "; ".join(f"{g.name}: {reasons.text(g.because)}" for g in facts.of_kind("people"))
    faces = ", ".join(f"{f.area:.1%} ({f.score:.2f})" for f in (faces_of(record) or []))
    return {"file": row["file"], "labels": row["labels"], "right": right, "head_best": f"{head} {p:.2f}",
            "why": why, "app": " ".join(app[:3]), "people_facts": people, "faces": faces,
            "persons": "" if persons is None else ", ".join(
                f"{s:.2f} {(b[2] - b[0]) * (b[3] - b[1]):.0%}"
                for b, s in zip(persons.boxes, persons.scores.tolist(), strict=True)),
            "objects": ", ".join(describe_objects(det, 0.3))}


def write_differences(path: Path, photos: list[dict]) -> None:
    """``first_differences``' photos as a CSV (one row per photo, grouped by which side was
    right and why, the head's best first)."""
    photos = sorted(photos, key=lambda r: (r["right"] != "head", r["head_best"].split()[0], r["why"], r["file"]))
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(photos[0]) if photos else ["file"])
        w.writeheader()
        w.writerows(photos)
    print(f"{len(photos)} photos whose first suggestion differs from the head's best: {path}")


def print_hashtags(h: dict) -> None:
    a, b = h["app"], h["rules_only"]
    cv = h["cross_validated"]
    scored = (f"{cv['n']} the head was trained on, scored by {cv.get('folds', '-')}-fold grouped "
              "cross-validation" if cv["n"] else "none the head was trained on: the shipped head and its thresholds")
    print(f"hashtags ({h['n']} photos; {scored}; {h['ms_per_photo']} ms/photo; "
          f"same as Library.suggest_files: {h['same_as_suggest_files']}):")
    if cv.get("error"):
        print(f"  note: {cv['error']}")
    print(f"  top-1 hit      {a['top1']:.1%}  (rules only {b['top1']:.1%}, {ratio(a['top1'], b['top1'])})   target >= 73 %")
    print(f"  top-3 hit      {a['top3']:.1%}  (rules only {b['top3']:.1%}, {ratio(a['top3'], b['top3'])})   target >= 80 %")
    print(f"  no suggestion  {a['none']:.1%}  (rules only {b['none']:.1%})   target <= 5 %")
    print(f"  suggestions per photo {a['mean_suggestions']:.2f} (rules only {b['mean_suggestions']:.2f})")
    print("  tag        labelled suggested ratio recall precision | rules: suggested recall precision")
    for tag, e in a["per_tag"].items():
        r = b["per_tag"].get(tag, {})
        fmt = lambda v: f"{v:.0%}" if isinstance(v, float) else "  -"  # noqa: E731
        print(f"  #{tag:<8} {e['labelled']:>8} {e['suggested']:>9} {e['ratio'] if e['ratio'] is not None else '-':>5} "
              f"{fmt(e['recall']):>6} {fmt(e['precision']):>9} | {r.get('suggested', 0):>9} "
              f"{fmt(r.get('recall')):>6} {fmt(r.get('precision')):>9}")
    d = h["head_vs_app"]
    for k in ("top1", "top3"):
        lost = d[f"{k}_head_right_app_wrong"]
        print(f"  the head's own ranking: {k[:3]}-{k[3]} {d[f'head_{k}']:.1%}; only the head's right: "
              f"{sum(lost.values())} photos ({', '.join(f'{r} {c}' for r, c in list(lost.items())[:8]) or '-'}); "
              f"only the app's: {d[f'{k}_app_right_head_wrong']}")
    for src, v in h.get("by_source", {}).items():
        print(f"  {src}: {v['n']} photos, top-1 {v['top1']:.1%}, top-3 {v['top3']:.1%}, none {v['none']:.1%}")


def clothing_split(folder: Path) -> tuple[list[dict], list[dict]]:
    """The clothing rows of ``folder`` the shipped model was not / was trained on, known by
    content (models/clothing_head.train.txt lists the sha256 of each training photo), so a
    training photo under another name is still recognised."""
    listed = REPO / "models" / "clothing_head.train.txt"
    trained = {line.split()[0] for line in listed.read_text(encoding="utf-8").splitlines()} if listed.exists() else set()
    unseen, seen = [], []
    for r in read_rows(folder):
        if r["fine_label"] in FINE_CLASSES:
            digest = hashlib.sha256((folder / "images" / r["file"]).read_bytes()).hexdigest()
            (seen if digest in trained else unseen).append(r)
    return unseen, seen


def clothing_quality(analyzer, folder: Path, rows: list[dict], n_trained: int) -> dict:
    """The shipped model on ``rows`` (photos it was not trained on); {} when there are none."""
    if not rows:
        return {}
    probs, _feats, (raw, hat), images = run_models(analyzer, [folder / "images" / r["file"] for r in rows], True)
    fine = hat_checked(raw, hat)  # what the app uses
    truth = [r["fine_label"] for r in rows]
    def named(p: np.ndarray) -> tuple[list[str], list[str]]:  # fine and type, as the app tags
        f, c = decide(p)
        return [FINE_CLASSES[i] for i in f], [COARSE_CLASSES[i] for i in c]

    (pred, coarse_pred), (raw_pred, raw_coarse) = named(fine), named(raw)
    base_pred = zero_shot(probs)
    four = [i for i, t in enumerate(truth) if FINE_TO_COARSE[t] != "other"]

    def acc(a, b, idx=None):
        idx = range(len(a)) if idx is None else idx
        return float(np.mean([a[i] == b[i] for i in idx]))

    base_coarse = [FINE_TO_COARSE[p] for p in base_pred]
    true_coarse = [FINE_TO_COARSE[t] for t in truth]
    out = {
        "n": len(rows), "n_type4": len(four), "excluded_training_photos": n_trained,
        "fine": acc(pred, truth), "type4": acc(coarse_pred, true_coarse, four),
        "baseline_fine": acc(base_pred, truth), "baseline_type4": acc(base_coarse, true_coarse, four),
        "without_hat_check": {"fine": acc(raw_pred, truth), "type4": acc(raw_coarse, true_coarse, four)},
        "hats_found": sum(p == t == "hat" for p, t in zip(pred, truth, strict=True)),
        "hats_found_without_check": sum(p == t == "hat" for p, t in zip(raw_pred, truth, strict=True)),
        "n_hats": truth.count("hat"),
    }
    out["_images"] = {r["file"]: img for r, img in zip(rows, images, strict=False)}
    return out


def zero_shot(probs: np.ndarray) -> list[str]:
    """The baseline: the fine class of the best-scoring ImageNet garment label."""
    labels = imagenet_labels()
    cols = [labels.index(k) for k in IMAGENET_TO_FINE]
    return [IMAGENET_TO_FINE[labels[cols[int(np.argmax(p[cols]))]]] for p in probs]


def clothing_cross_validated(analyzer, folder: Path, rows: list[dict], folds: int = 10) -> dict:
    """K-fold accuracy of the clothing recipe on ``rows``, photos the shipped model was
    trained on (see the module docstring); {} when there are none."""
    if not rows:
        return {}
    y = np.array([FINE_CLASSES.index(r["fine_label"]) for r in rows])
    folds = min(folds, int(np.bincount(y)[np.unique(y)].min()))
    if folds < 2 or len(np.unique(y)) < 2:
        return {"error": f"too few of the {len(rows)} photos it was trained on per class to cross-validate"}
    try:
        from sklearn.model_selection import StratifiedKFold

        from pose_desktop.training.clothing import FOLD_SEED, accuracy, fit
    except ImportError as exc:
        return {"error": f"cross-validation needs scikit-learn ({exc})"}
    train_x, test_x, probs = [], [], []
    for r in rows:
        path = folder / "images" / r["file"]
        # the app's crop (``PictureAnalyzer.clothing_crop``); the model is trained on originals
        image = load_original(path)
        original = analyzer.clothing_crop(image)
        read = image if LOAD is load_original else LOAD(path)
        train_x.append(analyzer.clothing.features(np.stack([original, original[:, ::-1]])))
        test_x.append(train_x[-1][0] if read is image else analyzer.clothing.features(analyzer.clothing_crop(read)[None])[0])
        probs.append(analyzer.backbone.predict(preprocess_imagenet(read)[None])[0][0])
    x, x_test = np.stack(train_x), np.stack(test_x)
    fine = np.zeros((len(rows), len(FINE_CLASSES)))
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=FOLD_SEED).split(x_test, y):
        fine[te] = fit(x[tr], y[tr]).predict_proba(x_test[te])
    truth = [r["fine_label"] for r in rows]
    base = np.zeros_like(fine)
    base[np.arange(len(rows)), [FINE_CLASSES.index(f) for f in zero_shot(np.stack(probs))]] = 1.0
    a, b = accuracy(fine, truth), accuracy(base, truth)
    return {"n": a["n"], "n_type4": a["n_type4"], "folds": folds, "fine": a["fine"], "type4": a["type4"],
            "baseline_fine": b["fine"], "baseline_type4": b["type4"]}


def bare_heads(analyzer, folder: Path, cache_dir: Path | None = CACHE_DIR) -> dict:
    """Face close-ups (faces/: no hats) called "hat" by the app (picture gate + clothing
    model + hat check), next to the same without the check; and those that get a clothing
    tag through the app's path (with the faces), next to those the picture gate lets by."""
    rows = read_rows(folder)
    if not rows:
        return {}
    from pose_desktop.tagging.scenes import CLOTHING_GATE, scene_scores, wearing_score

    paths = [folder / "images" / r["file"] for r in rows]
    probs, _feats, (raw, hat), _images = run_models(analyzer, paths, True)
    gated = wearing_score(scene_scores(probs)) >= CLOTHING_GATE
    app = [any(f[0] == "clothing" for f in json.loads(r["facts"] or "[]")) for r in photo_records(paths, cache_dir)]
    return {"n": len(rows), "with_clothing_tags": int(sum(app)), "past_the_picture_gate": int(gated.sum()),
            "called_hat": int((gated & (decide(hat_checked(raw, hat))[0] == HAT)).sum()),
            "baseline_without_check": int((gated & (decide(raw)[0] == HAT)).sum())}


def portrait_ideas(folder: Path, cache_dir: Path | None = CACHE_DIR) -> dict:
    """Hashtag ideas on the portraits of faces/ (see the module docstring); {} when empty."""
    from collections import Counter

    from pose_desktop.services import Library
    from pose_desktop.tagging import suggest as suggest_module
    from pose_desktop.tagging.scenes import PictureFacts
    from pose_desktop.tagging.suggest import suggest
    from pose_desktop.ui.drop_panel import TICK_FROM

    rows = read_rows(folder)
    if not rows:
        return {}
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "c.sqlite") as lib:
        records = photo_records([folder / "images" / r["file"] for r in rows], cache_dir, lib)
        head = next(a for a in lib.pictures._fact_analyzers() if a.name == "picture").hashtags
        probs = head.predict(*head_inputs(records).arrays())
    out = {"n": len(rows), "tick_from": TICK_FROM}
    head_only = {"picture_model", "best_guess"}  # an idea with no evidence beside the head's
    variants = (("app", (), suggest_module.OWN_EVIDENCE_BELOW),
                ("without_own_evidence", (), 0.0),
                ("without_face_fills", ("people:face_fills", "face:face_fills"), 0.0))
    kept = suggest_module.OWN_EVIDENCE_BELOW
    try:
        for name, drop, below in variants:
            suggest_module.OWN_EVIDENCE_BELOW = below
            ticked, shown, bare, any_ticked, any_bare, no_idea = Counter(), Counter(), Counter(), 0, 0, 0
            for r, p in zip(records, probs, strict=True):
                facts = PictureFacts(head_checked(hashtag_facts(head.tags, p) + facts_of(r).facts))
                facts.facts = [f for f in facts.facts if f.key not in drop]
                ideas = suggest(facts, taken=r["taken"] or None, thresholds=head.thresholds,
                                fill=head.fill_thresholds)
                tick = [s.tag for s in ideas[:5] if s.score >= TICK_FROM]
                unevidenced = [s.tag for s in ideas if {x.kind for x in s.because} <= head_only]
                ticked.update(tick)
                shown.update(s.tag for s in ideas)
                bare.update(unevidenced)
                any_ticked += bool(tick)
                any_bare += bool(unevidenced)
                no_idea += not ideas
            out[name] = {"any_ticked": any_ticked, "ticked": dict(ticked.most_common()),
                         "suggested": dict(shown.most_common()), "any_unevidenced": any_bare,
                         "no_idea": no_idea,
                         "unevidenced": dict(bare.most_common())}
    finally:
        suggest_module.OWN_EVIDENCE_BELOW = kept
    return out


def colour_quality(folder: Path, decoded: dict) -> dict:
    labelled = REPO / "benchmarks" / "clothing_colours.csv"
    with open(labelled, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    rows = [r for r in rows if (folder / "images" / r["file"]).exists()]
    if not rows:
        return {"n_labelled": 0}
    strict = lenient = b_strict = b_lenient = 0
    per_set: dict[str, list[int]] = {}
    from PIL import Image

    for r in rows:
        arr = decoded.get(r["file"])
        if arr is None:
            arr = LOAD(folder / "images" / r["file"])
        top = garment_colours(Image.fromarray(arr))[0].name
        mean = arr.reshape(-1, 3).mean(0).round().astype(np.uint8)
        base = COLOUR_NAMES[int(name_pixels(mean[None])[0])]
        ok = {r["colour"], *r["also_ok"].split()}
        strict += top == r["colour"]
        lenient += top in ok
        b_strict += base == r["colour"]
        b_lenient += base in ok
        tally = per_set.setdefault(r.get("set") or "all", [0, 0, 0])
        tally[0] += 1
        tally[1] += top == r["colour"]
        tally[2] += top in ok
    n = len(rows)
    return {"n_labelled": n, "strict": strict / n, "lenient": lenient / n,
            "baseline_strict": b_strict / n, "baseline_lenient": b_lenient / n,
            "sets": {k: {"n": t[0], "strict": t[1] / t[0], "lenient": t[2] / t[0]}
                     for k, t in per_set.items()}}


def caption_hashtags(captions: list[str]) -> list[str]:
    """Words used in at least 2 of a photo's captions, without stop words, verbs, colours."""
    counts: dict[str, int] = {}
    for c in captions:
        words = set()
        for w in re.findall(r"[a-z]+", c.lower()):
            if w.endswith("ing") or len(w) < 3:
                continue
            if w.endswith("s") and len(w) > 3 and not w.endswith("ss"):
                w = w[:-1]
            if w not in STOP and w not in VERBS:
                words.add(w)
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    return sorted(w for w, n in counts.items() if n >= 2)


def personal_quality(analyzer, folder: Path, seed: int = 0) -> dict:
    rows = read_rows(folder)
    if len(rows) < 40:
        return {}
    _p, feats, _f, _i = run_models(analyzer, [folder / "images" / r["file"] for r in rows])
    tags = [caption_hashtags(r["captions"].split(" | ")) for r in rows]
    vocab_all = set(personal.build_vocabulary(tags, 8))  # tags a user uses more than once
    tags = [[t for t in ts if t in vocab_all] for ts in tags]
    order = np.random.default_rng(seed).permutation(len(rows))
    n_test = len(rows) // 4
    te, tr = order[:n_test], order[n_test:]
    vocab = personal.build_vocabulary([tags[i] for i in tr])
    y = personal.label_matrix(tags, vocab)
    te = np.array([i for i in te if y[i].any()])
    out = {"n_train": len(tr), "n_test": len(te), "n_hashtags": len(vocab)}
    t0 = time.perf_counter()
    knn = personal.fit_knn(feats[tr], y[tr], vocab)
    out["knn"] = personal.top3_hit_rate(knn, feats[te], y[te]) | {"fit_s": time.perf_counter() - t0}
    t0 = time.perf_counter()
    head = personal.fit_head(feats[tr], y[tr], vocab)
    out["head"] = personal.top3_hit_rate(head, feats[te], y[te]) | {"fit_s": time.perf_counter() - t0}
    top = np.argsort(-y[tr].sum(0))[:3]
    hits = y[te][:, top]
    out["baseline"] = {"top3_hit": float((hits.sum(1) > 0).mean()), "precision3": float(hits.mean())}
    out["better"] = "head" if out["head"]["top3_hit"] > out["knn"]["top3_hit"] else "knn"
    out["examples"] = [list(tags[i]) for i in tr[:3]]
    return out


CHILD_WORDS = {"child", "children", "kid", "kids", "boy", "girl", "baby", "toddler", "boys", "girls"}
ADULT_WORDS = {"man", "woman", "men", "women", "adult", "lady", "guy"}


def child_from_faces(folder: Path) -> dict:
    """Child vs adult from the face age, on captioned photos with exactly one face whose
    captions (>= 3 of 5) speak only of a child or only of an adult."""
    from pose_desktop.inference.face_age import FaceAgeModel
    from pose_desktop.inference.face_models import FaceDetector
    from pose_desktop.tagging.people_facts import CHILD_MAX_AGE

    def count(r, words):
        return sum(bool(words & set(re.findall(r"[a-z]+", c.lower()))) for c in r["captions"].split(" | "))

    det, model = FaceDetector(), FaceAgeModel()
    ages: dict[str, list[float]] = {"child": [], "adult": []}
    for r in read_rows(folder):
        c, a = count(r, CHILD_WORDS), count(r, ADULT_WORDS)
        label = "child" if c >= 3 and a == 0 else "adult" if a >= 3 and c == 0 else None
        if label is None:
            continue
        img = load_original(folder / "images" / r["file"])  # faces always read the original
        found = det.detect(img)
        if len(found) == 1:
            ages[label].append(float(model.ages(img, [found[0].box])[0]))
    ch, ad = np.array(ages["child"]), np.array(ages["adult"])
    if not len(ch) or not len(ad):
        return {}
    auc = float(np.mean([(x > y) + 0.5 * (x == y) for x in ad for y in ch]))
    return {
        "n_child": len(ch), "n_adult": len(ad), "auc": auc, "baseline_auc": 0.5,
        "child_recall": float((ch <= CHILD_MAX_AGE).mean()),
        "adults_called_child": float((ad <= CHILD_MAX_AGE).mean()),
        "median_age_child": float(np.median(ch)), "median_age_adult": float(np.median(ad)),
    }


def precision_at_5(feats: np.ndarray, labels: list[str], projection: np.ndarray | None = None,
                   rerank: bool = True) -> tuple[float, float]:
    """precision@5 of "more like this" through the app's own index (``FeatureIndex``, with
    ``projection`` as the app uses it, candidates re-scored with the full vectors when
    ``rerank``; projection None = full 1280-d cosine), and the random baseline."""
    index = FeatureIndex(np.arange(len(feats)), feats, projection)
    full = (lambda ids: feats[ids]) if rerank else None
    lab = np.array(labels)
    top = np.array([[h.photo_id for h in index.similar_to(i, 5, full=full)] for i in range(len(feats))])
    prec = float((lab[top] == lab[:, None]).mean())
    counts = {c: labels.count(c) for c in set(labels)}
    n = len(labels)
    base = float(np.mean([(counts[c] - 1) / (n - 1) for c in labels]))
    return prec, base


def similar_quality(analyzer, data: Path) -> dict:
    out = {}
    projection = load_projection()
    for name, col in (("clothing", "fine_label"), ("faces", "label"), ("emotion", "label")):
        folder = data / name
        if not (folder / "labels.csv").exists():
            continue
        rows = read_rows(folder)
        _p, feats, _f, _i = run_models(analyzer, [folder / "images" / r["file"] for r in rows])
        labels = [r[col] for r in rows]
        prec, base = precision_at_5(feats, labels, projection)
        full, _ = precision_at_5(feats, labels, None)
        proj_only, _ = precision_at_5(feats, labels, projection, rerank=False)
        out[name] = {"n": len(rows), "precision5": prec, "precision5_full": full,
                     "precision5_projection_only": proj_only, "baseline": base,
                     "dim": feats.shape[1] if projection is None else projection.shape[1]}
    return out


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--thumbnails", action="store_true",
                    help="read photos from index-time thumbnails, as a library analysis does")
    ap.add_argument("--cache", type=Path, default=CACHE_DIR,
                    help="where the photos' model outputs are cached (by sha256 and model versions)")
    ap.add_argument("--no-cache", action="store_true", help="run every photo through the models again")
    ap.add_argument("--oof", type=Path, help="keep the hashtag cross-validation's out-of-fold outputs "
                    "in this file (.pkl; keyed by the photos and the settings: models/build_hashtag_head.py --oof)")
    ap.add_argument("--differences", type=Path,
                    help="write the photos whose first suggestion differs from the hashtag head's best, "
                    "with the evidence the gates read, to this .csv (to look at them)")
    ap.add_argument("--parts", default="hashtags,clothing,faces,captioned,similar",
                    help="comma-separated parts to run (default: all)")
    args = ap.parse_args(argv)
    parts = set(args.parts.split(","))
    global LOAD
    LOAD = load_thumbnail if args.thumbnails else load_original
    data = args.data.resolve()
    analyzer = PictureAnalyzer()
    analyzer.load()
    result: dict = {"data": str(data), "read_from": "thumbnails" if args.thumbnails else "originals"}

    if "hashtags" in parts and (data / "hashtags" / "labels.csv").exists():
        h = hashtag_quality(data / "hashtags", data, None if args.no_cache else args.cache, oof=args.oof)
        if h:
            if args.differences is not None:
                write_differences(args.differences, h["_differences"])
            for k in [k for k in h if k.startswith("_")]:
                h.pop(k)
            print_hashtags(h)
        result["hashtags"] = h

    if "clothing" in parts and (data / "clothing" / "labels.csv").exists():
        unseen, trained = clothing_split(data / "clothing")  # each file hashed once
        c = clothing_quality(analyzer, data / "clothing", unseen, len(trained))
        decoded = c.pop("_images", {})
        result["clothing"] = c
        if c:
            print(f"clothing ({c['n']} photos not used in training):")
            print(f"  fine classes  {c['fine']:.1%}  (ImageNet zero-shot {c['baseline_fine']:.1%}, "
                  f"{ratio(c['fine'], c['baseline_fine'])})   target >= 80 %")
            print(f"  type 4-way    {c['type4']:.1%}  (ImageNet zero-shot {c['baseline_type4']:.1%}, "
                  f"{ratio(c['type4'], c['baseline_type4'])}, n={c['n_type4']})   target >= 90 %")
            w = c["without_hat_check"]
            print(f"  hats found    {c['hats_found']}/{c['n_hats']} (without the hat check "
                  f"{c['hats_found_without_check']}; fine / 4-way without it {w['fine']:.1%} / {w['type4']:.1%})")
        cv = clothing_cross_validated(analyzer, data / "clothing", trained)
        result["clothing_cross_validated"] = cv
        if cv.get("error"):
            print(f"clothing, cross-validated: {cv['error']}")
        elif cv:
            print(f"clothing, cross-validated ({cv['n']} photos the shipped model was trained on; "
                  f"the head refit on {cv['folds'] - 1}/{cv['folds']} of them, scored on the rest; "
                  f"no hat check):")
            print(f"  fine classes  {cv['fine']:.1%}  (ImageNet zero-shot {cv['baseline_fine']:.1%}, "
                  f"{ratio(cv['fine'], cv['baseline_fine'])})   target >= 80 %")
            print(f"  type 4-way    {cv['type4']:.1%}  (ImageNet zero-shot {cv['baseline_type4']:.1%}, "
                  f"{ratio(cv['type4'], cv['baseline_type4'])}, n={cv['n_type4']})   target >= 90 %")
        col = colour_quality(data / "clothing", decoded)
        result["colour"] = col
        if col["n_labelled"]:
            print(f"colour ({col['n_labelled']} garments labelled by eye):")
            print(f"  main colour exact   {col['strict']:.1%}  (mean-colour baseline "
                  f"{col['baseline_strict']:.1%}, {ratio(col['strict'], col['baseline_strict'])})")
            print(f"  acceptable name     {col['lenient']:.1%}  (baseline {col['baseline_lenient']:.1%}, "
                  f"{ratio(col['lenient'], col['baseline_lenient'])})")
            for k, v in col["sets"].items():
                what = {"tune": "the rules were tuned on these", "check": "never used for tuning"}.get(k, "")
                print(f"    {k}: {v['n']} garments, exact {v['strict']:.1%}, acceptable {v['lenient']:.1%}"
                      f"  ({what})")
        else:
            print("colour: none of the garments labelled by eye are in this folder")

    if "faces" in parts and (data / "faces" / "labels.csv").exists():
        h = bare_heads(analyzer, data / "faces", None if args.no_cache else args.cache)
        result["bare_heads"] = h
        print(f"bare heads (faces/: {h['n']} close-ups, no hats; {h['with_clothing_tags']} get clothing tags, "
              f"{h['past_the_picture_gate']} without the head-fills-the-frame rule): "
              f"called hat {h['called_hat']} (without the hat check {h['baseline_without_check']})")
        q = portrait_ideas(data / "faces", None if args.no_cache else args.cache)
        result["portrait_ideas"] = q
        if q:
            a, o, b = q["app"], q["without_own_evidence"], q["without_face_fills"]
            print(f"portrait ideas (faces/: {q['n']} studio portraits; ticked = >= {q['tick_from']:.0%} among the "
                  f"first 5): {a['any_ticked']} with an idea ticked {a['ticked']} (without the face-fills "
                  f"rules {b['any_ticked']} {b['ticked']}); suggested {a['suggested']} (without the own-evidence "
                  f"rule: {o['suggested']}; without both: {b['suggested']})")
            print(f"  with a head-only idea (no evidence but the picture model): {a['any_unevidenced']} "
                  f"{a['unevidenced']} (without the own-evidence rule {o['any_unevidenced']} {o['unevidenced']}; "
                  f"without both {b['any_unevidenced']} {b['unevidenced']}); with no idea at all "
                  f"{a['no_idea']} ({o['no_idea']}; {b['no_idea']})")

    if "captioned" in parts and (data / "captioned" / "labels.csv").exists():
        p = personal_quality(analyzer, data / "captioned")
        result["personal"] = p
        if p:
            b = p["baseline"]
            print(f"personal hashtags ({p['n_train']} train / {p['n_test']} held-out photos, "
                  f"{p['n_hashtags']} hashtags):")
            for m in ("knn", "head"):
                print(f"  {m:<5} top-3 hit {p[m]['top3_hit']:.1%} ({ratio(p[m]['top3_hit'], b['top3_hit'])} "
                      f"vs most-frequent {b['top3_hit']:.1%}), precision@3 {p[m]['precision3']:.1%} "
                      f"(baseline {b['precision3']:.1%}), fit {p[m]['fit_s']:.2f}s")
            print(f"  better: {p['better']}")
        try:
            a = child_from_faces(data / "captioned")
        except Exception as exc:  # face models missing: say so, keep the other figures
            a = {"error": str(exc)}
        result["child_from_face_age"] = a
        if a.get("auc") is not None:
            print(f"child from face age ({a['n_child']} child / {a['n_adult']} adult photos, one face): "
                  f"AUC {a['auc']:.2f} (chance 0.50, {ratio(a['auc'], 0.5)}); called child: "
                  f"{a['child_recall']:.0%} of children, {a['adults_called_child']:.0%} of adults")

    s = similar_quality(analyzer, data) if "similar" in parts else {}
    result["similar"] = s
    for name, v in s.items():
        print(f"similar photos, {name} ({v['n']}): precision@5 {v['precision5']:.1%} "
              f"({v['dim']}-d search index + re-scoring; projection alone "
              f"{v['precision5_projection_only']:.1%}; full 1280-d cosine {v['precision5_full']:.1%}; "
              f"random {v['baseline']:.1%}, {ratio(v['precision5'], v['baseline'])})")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
