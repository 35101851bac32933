"""Calibrate the people thresholds (tagging/people.py) by cross-validation over identities.

    python models/calibrate_people.py --data ../shared/datasets [--repeats 20]

Faces come through the app's own path (MTCNN, the real-face gate, dlib's embedder): the
12 people of faces/ (10 photos each) and, as strangers, the faces in emotion/ of the
people not among those 12 (grouped by the name in the file name). Each repeat splits the
people and the strangers into two halves at random; on the calibration half every person
is named with 3 random photos, the rest of their photos are queries, and the strangers are
queries that must never be assigned. There it chooses
- ``UNKNOWN_SIM``: the 99th percentile of the strangers' best cosine to a named person;
- ``ASSIGN_MIN`` and ``ASSIGN_MARGIN``: the pair that assigns the most queries with no
  wrong assignment (ties: the stricter pair);
- ``SUGGEST_MIN``: the lowest floor where 90 % of the suggestions are the right person;
  ``ASSIGN_MIN`` then goes one step (0.005) stricter than the calibration half allowed;
then measures them on the other half (unseen people and strangers). Prints the held-out
figures (mean over repeats) and the medians of the chosen values, which people.py ships,
and how average-linkage clustering of all those faces fares at a few thresholds (chosen on
these same faces, not cross-validated).
Needs only the app's dependencies.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pose_desktop.tagging import people  # noqa: E402

A_GRID = np.round(np.arange(0.88, 0.965, 0.005), 3)
M_GRID = (0.0, 0.01, 0.02, 0.03, 0.04)
S_GRID = np.round(np.arange(0.84, 0.95, 0.005), 3)
UNKNOWN_PERCENTILE = 99
SAFETY = 0.005  # held out: 0 / 0.005 / 0.01 -> 0.84 / 0.36 / 0.24 % of assignments wrong, 95 / 91 / 83 % assigned


def _embed(folder: Path, label_of) -> list[tuple[str, np.ndarray, float]]:
    from PIL import Image

    from pose_desktop.analysis.faces import FaceAnalyzer

    analyzer = FaceAnalyzer()
    out = []
    with open(folder / "labels.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        label = label_of(r)
        if label is None:
            continue
        im = Image.open(folder / "images" / r["file"]).convert("RGB")
        faces = analyzer.detect_and_embed([np.asarray(im)])[0]
        if faces:
            face = max(faces, key=lambda x: (x.box[2] - x.box[0]) * (x.box[3] - x.box[1]))
            out.append((label, face.embedding, face.quality))
    return out


def _queries(known, strangers, rng):
    """Centroids of each known person's 3 named photos; queries (label or None, sims, quality)."""
    by = {}
    for k, (label, _, _) in enumerate(known):
        by.setdefault(label, []).append(k)
    names = sorted(by)
    cents, queries = [], []
    for name in names:
        idx = list(by[name])
        rng.shuffle(idx)
        c = np.sum([known[i][1] for i in idx[:3]], axis=0)
        cents.append(c / np.linalg.norm(c))
        queries += [(name, known[i][1], known[i][2]) for i in idx[3:]]
    queries += [(None, e, q) for _, e, q in strangers]
    cents = np.stack(cents)
    return [(label, np.sort(cents @ e)[::-1], names[int(np.argmax(cents @ e))], q) for label, e, q in queries]


def _decide(qs, a, m, u, s, qmin):
    """(rightly assigned, wrongly assigned, suggested, rightly suggested, genuine queries)."""
    auto = wrong = sugg = sugg_ok = genuine = 0
    for label, sims, best, quality in qs:
        top = sims[0]
        runner = max(sims[1] if len(sims) > 1 else -1.0, u)
        genuine += label is not None
        if top >= a and top - runner >= m and quality >= qmin:
            auto += best == label
            wrong += best != label
        elif top >= s:
            sugg += 1
            sugg_ok += best == label
    return auto, wrong, sugg, sugg_ok, genuine


def calibrate(qs) -> tuple[float, float, float, float]:
    stranger_best = [sims[0] for label, sims, _, _ in qs if label is None]
    u = float(np.percentile(stranger_best, UNKNOWN_PERCENTILE)) if stranger_best else 0.0
    best = None
    for a in A_GRID:
        for m in M_GRID:
            auto, wrong, *_ = _decide(qs, a, m, u, 2.0, people.AUTO_MIN_QUALITY)
            if wrong == 0 and (best is None or auto > best[0] or (auto == best[0] and (a, m) > best[1:])):
                best = (auto, a, m)
    a, m = (best[1], best[2]) if best else (float(A_GRID[-1]), float(M_GRID[-1]))
    a = round(a + SAFETY, 3)  # one step stricter than what the calibration half allowed
    s_floor = float(S_GRID[-1])
    for s in S_GRID:
        _, _, sugg, ok, _ = _decide(qs, a, m, u, s, people.AUTO_MIN_QUALITY)
        if sugg == 0 or ok / sugg >= 0.9:
            s_floor = float(s)
            break
    return float(a), float(m), u, s_floor


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "datasets")
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args()
    known = _embed(args.data / "faces", lambda r: r["label"])
    names = {label for label, _, _ in known}

    def stranger(r):
        group = re.sub(r"_?\d+\.\w+$", "", r["file"])
        return None if group in names else group

    strangers = _embed(args.data / "emotion", stranger)
    print(f"{len(known)} faces of {len(names)} people; {len(strangers)} faces of "
          f"{len({g for g, _, _ in strangers})} strangers")
    rng = np.random.default_rng(0)
    chosen, held = [], []
    people_list = sorted(names)
    groups = sorted({g for g, _, _ in strangers})
    for _ in range(args.repeats):
        half = set(rng.permutation(people_list)[: len(people_list) // 2])
        shalf = set(rng.permutation(groups)[: len(groups) // 2])
        cal_q = _queries([k for k in known if k[0] in half], [s for s in strangers if s[0] in shalf], rng)
        test_q = _queries([k for k in known if k[0] not in half], [s for s in strangers if s[0] not in shalf], rng)
        a, m, u, s = calibrate(cal_q)
        chosen.append((a, m, u, s))
        auto, wrong, sugg, ok, genuine = _decide(test_q, a, m, u, s, people.AUTO_MIN_QUALITY)
        held.append((auto / genuine, wrong / len(test_q), wrong / max(1, auto + wrong), ok / max(1, sugg), sugg / len(test_q)))
    a, m, u, s = np.median(np.array(chosen), axis=0)
    h = np.mean(np.array(held), axis=0)
    print(f"held out ({args.repeats} random halvings; the other half's people named with 3 photos): "
          f"{h[0]:.1%} of the named people's other photos assigned automatically; wrong automatic "
          f"assignments {h[1]:.2%} of all queries ({h[2]:.2%} of assignments, strangers included); "
          f"suggestions {h[4]:.1%} of queries, {h[3]:.1%} right")
    print(f"chosen (median over halvings): ASSIGN_MIN = {a:.3f}, ASSIGN_MARGIN = {m:.3f}, "
          f"UNKNOWN_SIM = {u:.3f}, SUGGEST_MIN = {s:.3f}")
    print(f"shipped in people.py: ASSIGN_MIN = {people.ASSIGN_MIN}, ASSIGN_MARGIN = {people.ASSIGN_MARGIN}, "
          f"UNKNOWN_SIM = {people.UNKNOWN_SIM}, SUGGEST_MIN = {people.SUGGEST_MIN}")
    from collections import Counter

    emb = np.stack([e for _, e, _ in known + strangers])
    labels = [g for g, _, _ in known + strangers]
    for t in sorted({0.93, 0.94, people.CLUSTER_MIN, 0.95}):
        groups = [c for c in people.cluster_embeddings(emb, np.arange(len(emb)), t) if len(c) >= 2]
        grouped = sum(len(c) for c in groups)
        pure = sum(Counter(labels[i] for i in c).most_common(1)[0][1] for c in groups)
        per = Counter(Counter(labels[i] for i in c).most_common(1)[0][0] for c in groups)
        print(f"clustering all faces (the 12 people and the strangers) at {t}: {len(groups)} groups, "
              f"purity {pure / max(1, grouped):.1%}, {np.mean([per.get(n, 0) for n in names]):.2f} groups "
              f"per person of the 12{'  <- CLUSTER_MIN' if t == people.CLUSTER_MIN else ''}")
    shipped = _decide_all(known, strangers, rng, args.repeats)
    print(f"the shipped values on random halves (every person named): {shipped[0]:.1%} assigned, "
          f"wrong {shipped[1]:.2%} of queries, suggestions {shipped[2]:.1%} right")


def _decide_all(known, strangers, rng, repeats):
    out = []
    for _ in range(repeats):
        qs = _queries(known, strangers, rng)
        auto, wrong, sugg, ok, genuine = _decide(qs, people.ASSIGN_MIN, people.ASSIGN_MARGIN,
                                                 people.UNKNOWN_SIM, people.SUGGEST_MIN, people.AUTO_MIN_QUALITY)
        out.append((auto / genuine, wrong / len(qs), ok / max(1, sugg)))
    return np.mean(np.array(out), axis=0)


if __name__ == "__main__":
    main()
