"""Couple / selfie / group evidence and the thin hashtags' rules, measured on labelled photos.

    python benchmarks/quality_people_layout.py [--data DIR] [--cache FILE.jsonl] [--folds 5]

Photos: every photo of DIR/hashtags and DIR/captioned (any folder laid out like
../shared/datasets), each run once through the app's graph for a dropped photo (faces,
face ages, the COCO detector, the picture analyzer with its hashtag head:
benchmarks/people_cache.py; ``--cache`` keeps those results in FILE and reuses them).

People evidence (``tagging.objects.people_layout``), each scored against:
- couple: the 커플 label (hashtags/ labels; for captioned/ the dataset's own rule, 2+ of
  5 captions say couple or kiss), and "two people" (at least 3 of 5 captions agree on
  exactly two people, ``quality_detector.count_truth``; photos where they do not agree are
  left out of that row);
- group: "three or more people" by the same caption count;
- selfie: the 셀카 label (Instagram posts found under #selfie or tagged so; noisy).
Three rows per evidence, on the same photos in the same run: before (the layout as it
was, kept here as ``layout_before``: person boxes only for couple and group, a person
filling half the photo counting as a selfie where no face was found), the shipped
``LayoutRule`` (values chosen on all these photos: in-sample), and the same search scored
by K-fold cross-validation (thresholds chosen on K-1 folds: the shared subject sizes by
the group evidence's F1, then couple (against "two people") and selfie given those by F2,
as they gate the hashtag head's 커플 and 셀카 and what a gate stops is lost; scored on the
fold left out: the figure to quote). F2 is printed next to F1.

Thin hashtags' rules (``suggest.builtin_suggestions``, the rules alone, no hashtag head):
for 독서, 캠핑, 봄, 네일아트, 떡볶이, 치킨 how often each rule fires and its precision and
recall against the labels, before (``RULES_BEFORE``: the evidence table as it was) and
now. Dates from EXIF only (``taken_at``), as the app reads them. Last line: one JSON
object.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import people_cache  # noqa: E402  (sibling scripts)
import quality_detector  # noqa: E402

from pose_desktop.inference.detector import PERSON, Detections  # noqa: E402
from pose_desktop.services.pictures import taken_at  # noqa: E402
from pose_desktop.tagging import suggest  # noqa: E402
from pose_desktop.tagging.objects import (  # noqa: E402
    RULE,
    LayoutRule,
    decode_detections,
    layout_facts,
    people_layout,
)
from pose_desktop.tagging.people_facts import FaceBox, face_facts  # noqa: E402
from pose_desktop.tagging.scenes import PictureFacts  # noqa: E402
from pose_desktop.vocab.scene_map import HASHTAG_EVIDENCE  # noqa: E402

COUPLE_WORDS = re.compile(r"\b(?:couple|kiss\w*)\b", re.I)
THIN_TAGS = ("독서", "캠핑", "봄", "네일아트", "떡볶이", "치킨")
# The thin tags' evidence before issue 21's review (vocab/scene_map.py as it was).
RULES_BEFORE: dict[str, tuple[str, ...]] = {
    "독서": ("scene:book",), "캠핑": ("scene:camping",), "봄": ("season:spring", "scene:flower"),
    "네일아트": (), "떡볶이": (), "치킨": (),
}

# The search: the shared subject sizes (by the group evidence), then couple and selfie.
GRID_SHARED = {"subject_area": (0.02, 0.03, 0.05, 0.1), "subject_height": (0.2, 0.3, 0.4, 0.6),
               "face_subject_area": (0.001, 0.002, 0.005), "face_rel": (0.1, 0.25, 0.5)}
GRID_COUPLE = {"pair_ratio": (0.2, 0.35, 0.5), "pair_gap": (0.5, 1.0, 3.0),
               "couple_min_faces": (0, 1, 2), "couple_min_age": (0.0, 16.0),
               "couple_third": (0.0, 0.3, 0.5)}
GRID_SELFIE = {"selfie_face_area": (0.02, 0.04, 0.06, 0.1), "selfie_top": (0.5, 0.65, 1.0),
               "selfie_dx": (0.25, 0.5), "selfie_person_area": (0.6, 0.8, 1.01),  # 1.01: never without a face
               "selfie_min_age": (0.0, 16.0)}
EVIDENCE = ("couple", "group", "selfie")


def layout_before(det: Detections | None, faces: list[FaceBox]) -> dict[str, bool]:
    """The people layout as it was before this review (tagging/objects.py at 6bf8343)."""
    faces = [f for f in faces if f.score >= 0.9]
    out = dict.fromkeys(EVIDENCE, False)
    largest_face = max((f.area for f in faces), default=0.0)
    subject_n, people_n, largest = 0, 0, 0.0
    if det is not None and len(det):
        p = det.of_class(PERSON, 0.4)
        areas = np.clip(p.boxes[:, 2] - p.boxes[:, 0], 0, 1) * np.clip(p.boxes[:, 3] - p.boxes[:, 1], 0, 1)
        heights = np.clip(p.boxes[:, 3] - p.boxes[:, 1], 0, 1)
        subject = (areas >= 0.05) | (heights >= 0.4)
        subject_n, people_n, largest = int(subject.sum()), len(p), float(areas.max(initial=0.0))
        if subject_n == 2:
            a, b = sorted(areas[subject], reverse=True)
            out["couple"] = bool(b >= 0.3 * a and not (areas[~subject] >= b).any())
        out["group"] = subject_n >= 3
    out["group"] = out["group"] or len(faces) >= 3
    if faces:
        out["selfie"] = len(faces) == 1 and largest_face >= 0.04 and subject_n <= 1
    else:
        out["selfie"] = people_n == 1 and largest >= 0.5
    return out


def load_rows(data: Path) -> list[dict]:
    """Every photo of DIR/hashtags and DIR/captioned with its labels and captions."""
    rows = []
    for part in ("hashtags", "captioned"):
        table = data / part / "labels.csv"
        if not table.exists():
            continue
        with open(table, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                path = data / part / "images" / r["file"]
                if not path.exists():
                    continue
                captions = r.get("captions") or ""
                if part == "hashtags":
                    labels = {t for t in (r.get("labels") or "").split(";") if t}
                else:  # the dataset's own caption rule for 커플
                    labels = {"커플"} if sum(bool(COUPLE_WORDS.search(c)) for c in captions.split(" | ")) >= 2 else set()
                rows.append({"key": f"{part}/{r['file']}", "path": path, "labels": labels,
                             "count": quality_detector.count_truth(captions) if captions else None})
    return rows


def faces_of(entry: dict) -> list[FaceBox]:
    """The cached faces of a photo as the app's ``FaceBox``es."""
    return [FaceBox((f["box"][2] - f["box"][0]) * (f["box"][3] - f["box"][1]), f["score"], f["age"],
                    tuple(f["box"])) for f in entry["faces"]]


def prf(pred: np.ndarray, truth: np.ndarray) -> dict:
    """Precision, recall, F1 and counts of boolean predictions."""
    tp = int((pred & truth).sum())
    fired, pos = int(pred.sum()), int(truth.sum())
    p = tp / fired if fired else 0.0
    r = tp / pos if pos else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
            "f2": round(5 * p * r / (4 * p + r) if p + r else 0.0, 3), "fired": fired, "labelled": pos}


class Search:
    """Predictions of ``people_layout`` under many rules, each computed once."""

    def __init__(self, photos: list[tuple[Detections | None, list[FaceBox]]]) -> None:
        # photos with neither a person nor a face are negative under every rule
        self.n = len(photos)
        self.idx = [i for i, (d, f) in enumerate(photos)
                    if f or (d is not None and (d.classes == PERSON).any())]
        self.photos = photos
        self.memo: dict[LayoutRule, dict[str, np.ndarray]] = {}

    def predict(self, rule: LayoutRule) -> dict[str, np.ndarray]:
        if rule not in self.memo:
            out = {e: np.zeros(self.n, bool) for e in EVIDENCE}
            for i in self.idx:
                lay = people_layout(*self.photos[i], rule=rule)
                for e in EVIDENCE:
                    out[e][i] = getattr(lay, e)
            self.memo[rule] = out
        return self.memo[rule]


def _grid(base: LayoutRule, grid: dict) -> list[LayoutRule]:
    return [replace(base, **dict(zip(grid, values, strict=True))) for values in itertools.product(*grid.values())]


def f_beta(pred: np.ndarray, truth: np.ndarray, beta: float) -> float:
    """F-beta of boolean predictions (beta 2: recall counts four times as much)."""
    tp = float((pred & truth).sum())
    fired, pos = float(pred.sum()), float(truth.sum())
    if not tp:
        return 0.0
    p, r = tp / fired, tp / pos
    return (1 + beta**2) * p * r / (beta**2 * p + r)


# The couple and selfie evidence gate the hashtag head's 커플 and 셀카 (suggest._gate):
# what the gate lets through the head still judges, what it stops is lost, so recall
# weighs more there (F2); the group evidence, which gates nothing, by F1.
BETA = {"group": 1.0, "two people": 2.0, "selfie": 2.0}


def choose(search: Search, truths: dict[str, tuple[np.ndarray, np.ndarray]], train: np.ndarray) -> LayoutRule:
    """The rule with the best F-beta (``BETA``) on the ``train`` photos: shared sizes by
    group, then couple (against "two people": the gate says two people are the subject;
    whether they are a couple is the hashtag head's to say) and selfie given them
    (``truths``: name -> (truth, photos it is known for))."""
    def best(rules: list[LayoutRule], name: str) -> LayoutRule:
        truth, known = truths[name]
        mask = train & known
        e = name if name in EVIDENCE else "couple"
        return max(rules, key=lambda r: f_beta(search.predict(r)[e][mask], truth[mask], BETA[name]))

    shared = best(_grid(RULE, GRID_SHARED), "group")
    couple = best(_grid(shared, GRID_COUPLE), "two people")
    selfie = best(_grid(couple, GRID_SELFIE), "selfie")
    return selfie


def cross_validate(search: Search, truths: dict, folds: int, seed: int = 0) -> tuple[dict, list[LayoutRule]]:
    """Pooled predictions of each photo by the rule chosen without its fold."""
    rng = np.random.default_rng(seed)
    fold = rng.permutation(search.n) % folds
    pred = {e: np.zeros(search.n, bool) for e in EVIDENCE}
    chosen = []
    for k in range(folds):
        rule = choose(search, truths, fold != k)
        chosen.append(rule)
        p = search.predict(rule)
        for e in EVIDENCE:
            pred[e][fold == k] = p[e][fold == k]
    return pred, chosen


def thin_rules(rows: list[dict], entries: dict[str, dict]) -> dict:
    """The thin hashtags' rules before and now (see the module docstring)."""
    before_table = {**HASHTAG_EVIDENCE, **RULES_BEFORE}
    fired: dict[str, dict[str, np.ndarray]] = {w: {t: np.zeros(len(rows), bool) for t in THIN_TAGS}
                                               for w in ("before", "now")}
    for i, r in enumerate(rows):
        e = entries[r["key"]]
        det, faces = decode_detections(e["det"]), faces_of(e)
        facts = PictureFacts.from_json(e["facts"])
        facts.facts += face_facts(faces) + layout_facts(det, faces)
        season = suggest.season_of(taken_at(r["path"]))
        for which, table in (("before", before_table), ("now", None)):
            tags = {s.tag for s in suggest.builtin_suggestions(facts, season, evidence=table)}
            for t in THIN_TAGS:
                fired[which][t][i] = t in tags
    out = {}
    for t in THIN_TAGS:
        truth = np.array([t in r["labels"] for r in rows])
        out[t] = {w: prf(fired[w][t], truth) for w in ("before", "now")}
    # 독서's evidence at other book scores (in-sample: too few labelled photos to cross-validate)
    reading = np.array([people_layout(decode_detections(entries[r["key"]]["det"]), faces_of(entries[r["key"]]),
                                      replace(RULE, reading_book_min=0.2)).reading for r in rows])
    truth = np.array(["독서" in r["labels"] for r in rows])
    out["독서 book held at"] = {str(b): prf(reading >= b, truth) for b in (0.2, 0.3, 0.4, 0.5)}
    return out


def fmt(m: dict) -> str:
    return (f"P {m['precision']:5.1%}  R {m['recall']:5.1%}  F1 {m['f1']:.3f}  F2 {m['f2']:.3f}  "
            f"(fires {m['fired']}, labelled {m['labelled']})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--cache", type=Path, default=None, help="keep the models' results in this .jsonl")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)

    rows = load_rows(args.data)
    if not rows:
        print(f"no photos under {args.data}/hashtags or {args.data}/captioned")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp) / "results.jsonl"
        entries = people_cache.build_cache({r["key"]: r["path"] for r in rows}, cache)
    failed = [k for k, e in entries.items() if "error" in e]
    rows = [r for r in rows if "error" not in entries[r["key"]]]
    photos = [(decode_detections(entries[r["key"]]["det"]), faces_of(entries[r["key"]])) for r in rows]
    count = np.array([-1 if r["count"] is None else r["count"] for r in rows])
    everyone = np.ones(len(rows), bool)
    truths = {
        "couple": (np.array(["커플" in r["labels"] for r in rows]), everyone),
        "group": (count >= 3, count >= 0),
        "selfie": (np.array(["셀카" in r["labels"] for r in rows]), everyone),
    }
    truths["two people"] = two_people = (count == 2, count >= 0)
    print(f"{len(rows)} photos ({len(failed)} failed to analyse); captions agree on a people count "
          f"for {int((count >= 0).sum())}")

    before = {e: np.zeros(len(rows), bool) for e in EVIDENCE}
    for i, (det, faces) in enumerate(photos):
        for e, v in layout_before(det, faces).items():
            before[e][i] = v
    search = Search(photos)
    shipped = search.predict(RULE)
    cv, chosen = cross_validate(search, truths, args.folds)
    on_all = choose(search, truths, everyone)

    result: dict = {"n": len(rows), "folds": args.folds, "evidence": {}}
    rows_of = {"couple vs 커플": ("couple", truths["couple"]), "couple vs two people": ("couple", two_people),
               "group vs 3+ people": ("group", truths["group"]), "selfie vs 셀카": ("selfie", truths["selfie"])}
    print("\npeople evidence            before                                          "
          f"{args.folds}-fold CV")
    for name, (e, (truth, known)) in rows_of.items():
        m = {w: prf(p[e][known], truth[known]) for w, p in (("before", before), ("shipped", shipped), ("cv", cv))}
        result["evidence"][name] = m
        print(f"  {name:22s} before   {fmt(m['before'])}")
        print(f"  {'':22s} CV       {fmt(m['cv'])}")
        print(f"  {'':22s} shipped  {fmt(m['shipped'])} (in-sample)")
    # three or more people are never a couple; one person never a group
    for name, mask, e in (("couple on 3+ people", count >= 3, "couple"), ("group on 1 person", count == 1, "group")):
        result["evidence"][name] = {w: int(p[e][mask].sum()) for w, p in (("before", before), ("cv", cv))}
        print(f"  {name:22s} before {result['evidence'][name]['before']}, CV {result['evidence'][name]['cv']} "
              f"of {int(mask.sum())} photos")
    result["chosen_on_all"] = on_all.__dict__
    result["shipped"] = RULE.__dict__
    result["same_as_shipped"] = on_all == RULE
    print(f"\nchosen on all photos: {on_all}\nshipped:              {RULE}"
          f"{'' if on_all == RULE else '  (differs: update tagging/objects.py RULE)'}")
    fold_values = {k: sorted({getattr(r, k) for r in chosen}) for k in on_all.__dict__}
    print("per-fold choices: " + ", ".join(f"{k} {v}" for k, v in fold_values.items() if len(v) > 1))

    print("\nthin hashtags' rules (rules alone)")
    result["rules"] = thin_rules(rows, entries)
    for t, m in result["rules"].items():
        for k, v in m.items():
            print(f"  {t if k in ('before', list(m)[0]) else '':5s} {k:6s} {fmt(v)}")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
