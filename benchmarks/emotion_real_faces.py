"""Emotion heads on real faces labelled by eye, and on the dev crops' grouped CV, side by side.

The real faces are benchmarks/data/emotion_real_faces.csv (see benchmarks/data/README.md): faces
the app found past its quality gate in photos of ``DATA/hashtags`` and ``DATA/faces``, keyed by
the photo's file name, its size and the face box, labelled by eye positive / neutral / negative
(and the 7-class emotion where clear; unclear faces are kept in the file, marked ``unclear``,
and left out of every figure). A label whose photo is missing from ``--data`` or has another
size is skipped; when none matches, the real-face part is skipped (the dev CV still runs if
``DATA/emotion`` exists).

Figures, mood as the app shows it (``face_models.mood_and_emotion``, never contradicting the
emotion shown): accuracy with its 95 % (Wilson) interval, balanced accuracy (mean recall of the
moods present), share of faces shown negative, per-mood precision / recall, the 7-class emotion
shown where the eye gave one; and for the candidates the paired difference to the shipped
recipe with a 95 % bootstrap interval (resampling photos).

1. the shipped emotion.onnx through the app's analyzer (``EmotionAnalyzer.classify_faces``):
   the head's own calls, and what the app shows: the labelled photos' faces as a library, its
   balance of moods estimated and every face decided under it (``EmotionAnalyzer.decide``),
   also with each folder alone as the library; and the app's floor on readable faces (a face
   narrower than ``tagging.emotion.MIN_READABLE_SIDE`` px as the app decodes the photo gets
   no mood): how many clear and unclear faces are shown a mood, and how many of all the
   faces shown one get the mood the eye gave (an unclear face's mood is never right);
2. cross-validation (``--repeats`` x grouped 5-fold; the dev folds are models/build_emotion.py's,
   ``StratifiedGroupKFold(5, shuffle=True, random_state=repeat)``, grouped by person; the real
   faces' folds the same, grouped by photo, LFW by person; fold k of each set together), the
   head refitted from the two frozen networks' features read out of emotion.onnx itself
   (its ``/Concat`` outputs, the regression's inputs of each view), so a fold's head is the
   exported graph with other weights. Candidates:
   - ``shipped recipe``: the regression (C = 0.003) on the dev training part only;
   - ``library balance (s)``: the app's adaptation (``tagging.emotion``): the dev test fold and
     the real faces (all of them, labels unused) each a library, its balance of moods
     estimated with s pseudo-faces at the head's balance (measured out of fold inside the
     training part) and the probabilities re-weighted to it (the app: s = 200);
   - ``EM prior``: the shipped recipe's probabilities re-weighted by the class priors that
     Saerens et al.'s EM (2002) estimates on the unlabelled real faces (every face of the label
     file, its labels unused), over the dev training part's priors (fear left as it is);
   - ``mood bias (real CV)``: per-mood log-biases (negative, positive; neutral 0) added to the
     7 log-probabilities, chosen on the real training part by mood accuracy;
   - ``+ real faces (w)``: the real training part's faces with a 7-class eye label added to
     the regression's training rows with sample weight w;
   - ``cross source``: the real faces of one folder added (w 0.04, 0.2, 1), scored on the
     other folder's faces (does the gain carry to photos of another kind?);
   - ``negative log-bias``: a fixed log-bias on the negative emotions, the shipped recipe's dev
     CV and the shipped head on the real faces for each (no refit);
   - ``abstain < t``: the shipped recipe showing no mood and no emotion when the shown mood's
     calibrated score is below t (coverage and accuracy of what is shown).

    python benchmarks/emotion_real_faces.py --data ../shared/datasets [--repeats 6]

Needs onnx and scikit-learn for part 2 (the training venv); part 1 needs the app only. Ends
with one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pose_desktop.analysis.emotion import EmotionAnalyzer  # noqa: E402
from pose_desktop.inference.decode import decode_image  # noqa: E402
from pose_desktop.inference.face_models import mood_and_emotion  # noqa: E402
from pose_desktop.tagging.emotion import (  # noqa: E402
    MIN_READABLE_SIDE,
    adapt,
    library_prior,
    mood_sums,
    readable,
)
from pose_desktop.vocab.emotion import EMOTIONS, MOOD_OF  # noqa: E402
from pose_desktop.vocab.emotion import MOODS as APP_MOODS  # noqa: E402

LABELS = ROOT / "benchmarks" / "data" / "emotion_real_faces.csv"
MOODS = ("negative", "neutral", "positive")
FOLD = np.array([MOODS.index(MOOD_OF[e]) for e in EMOTIONS])  # emotion -> mood index
FEAR = EMOTIONS.index("fear")
DEV_MAP = {"anger": "angry", "disgust": "disgust", "fear": "fear", "happiness": "happy",
           "sadness": "sad", "surprise": "surprise", "neutral": "neutral"}
C_REG = 0.003  # models/build_emotion.py's
FEAR_POWER = 4.0
# sample weights of the real faces added to the training rows (a dev crop weighs 1): the gain
# on real faces and the loss on the dev CV both grow with it (MODELS.md, emotion.onnx)
WEIGHTS = (0.03, 0.04, 0.05, 0.2, 1.0)
# pseudo-faces at the head's balance when a library's balance is estimated (the app's: 300)
STRENGTHS = (0.0, 100.0, 200.0, 300.0, 500.0)


def wilson(k: float, n: int) -> tuple[float, float]:
    """95 % Wilson interval of a proportion k / n."""
    if n == 0:
        return (0.0, 0.0)
    z, p = 1.96, k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (float(c - h), float(c + h))


def read_labels(data: Path, labels: Path) -> tuple[list[dict], int]:
    """The label rows whose photo is in ``data`` with the recorded size (each with its decoded
    ``image``), and how many did not match."""
    rows, missing = [], 0
    images: dict[Path, object] = {}
    for r in csv.DictReader(open(labels, encoding="utf-8")):
        path = data / r["folder"] / "images" / r["file"]
        if not path.is_file():
            missing += 1
            continue
        if path not in images:
            # the photo whole, and the scale the app decodes it at (its faces' pixels)
            images[path] = (decode_image(path, 100_000).image, decode_image(path).scale)
        im, app_scale = images[path]
        if im.size != (int(r["width"]), int(r["height"])):
            missing += 1
            continue
        box = np.array([float(r[k]) for k in ("x1", "y1", "x2", "y2")], np.float32)
        group = re.sub(r"_\d+\.\w+$", "", r["file"]) if r["folder"] == "faces" else r["file"]
        rows.append({**r, "image": im, "box": box, "group": group, "app_scale": app_scale})
    return rows, missing


def library_balance(analyzer, rows, probs_all, is_clear, truth, emo_truth) -> dict:
    """What the app shows: the faces of the labelled photos as a library (every face, labels
    unused), its balance of moods estimated (``tagging.emotion.library_prior``) and every face
    decided under it (``EmotionAnalyzer.decide``); also each folder alone as a library. The
    paired difference to the head's own balance with a 95 % bootstrap interval over photos."""
    folder = np.array([r["folder"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    out = {}
    for name, mask in (("all labelled photos", np.ones(len(rows), bool)),
                       ("faces/ (LFW) only", folder == "faces"), ("hashtags/ only", folder == "hashtags")):
        prior = library_prior(probs_all[mask], analyzer.reference, analyzer.model.prior_strength)
        decided = [analyzer.decide(None, p, prior) for p in probs_all[mask]]
        own = [mood_and_emotion(p) for p in probs_all[mask]]
        keep = is_clear[mask]
        idx = (np.cumsum(is_clear) - 1)[mask][keep]  # the clear faces' places in ``truth``
        t = truth[idx]
        shown = np.array([MOODS.index(d.mood) for d in decided])[keep]
        emo = np.array([EMOTIONS.index(d.emotion) for d in decided])[keep]
        before = np.array([MOODS.index(d[0]) for d in own])[keep]
        print(f"  the app ({name} as the library, {int(mask.sum())} faces): balance "
              + ", ".join(f"{m} {v:.3f}" for m, v in zip(APP_MOODS, prior, strict=True)))
        rep = mood_report("as shown", shown, t, emo, emo_truth[idx])
        diff = (shown == t).astype(float) - (before == t)
        lo, hi = bootstrap(diff, groups[mask][keep])
        print(f"    vs the head's own balance: mood {diff.mean():+.1%} [{lo:+.1%}, {hi:+.1%}]; shown negative "
              f"{(before == 0).mean():.1%} -> {(shown == 0).mean():.1%}; negative faces called negative "
              f"{int((before[t == 0] == 0).sum())} -> {int((shown[t == 0] == 0).sum())} of {int((t == 0).sum())}")
        rep["vs_head_balance"] = [round(float(diff.mean()), 4), round(lo, 4), round(hi, 4)]
        rep["head_balance_mood"] = round(float((before == t).mean()), 4)
        rep["prior"] = dict(zip(APP_MOODS, (round(float(v), 4) for v in prior), strict=True))
        out[name] = rep
    return out


def readable_view(analyzer, rows, probs_all, is_clear, truth) -> dict:
    """The app's floor on readable faces: the faces the app would read (``readable`` on the
    box in the pixels it decodes the photo at) as the library, each decided under its balance;
    the rest shown no mood. Against every face shown one (the library balance alone)."""
    keep = np.array([readable(r["box"] * r["app_scale"]) for r in rows])
    truth_all = np.full(len(rows), -1)
    truth_all[is_clear] = truth
    out = {"min_side": MIN_READABLE_SIDE}
    for name, mask in (("every face", np.ones(len(rows), bool)), (f"faces >= {MIN_READABLE_SIDE:g} px", keep)):
        prior = library_prior(probs_all[mask], analyzer.reference, analyzer.model.prior_strength)
        shown = np.array([MOODS.index(analyzer.decide(None, p, prior).mood) for p in probs_all[mask]])
        t = truth_all[mask]
        clear = t >= 0
        right = shown == t
        rep = {"clear_shown": int(clear.sum()), "unclear_shown": int((~clear).sum()),
               "mood_acc_clear_shown": round(float(right[clear].mean()), 4),
               "right_of_all_shown": round(float(right.mean()), 4),
               "shown_negative_wrongly": int(((shown == 0) & (t != 0)).sum())}
        print(f"  {name} shown a mood: {rep['clear_shown']} of {int(is_clear.sum())} clear faces "
              f"(mood right on {rep['mood_acc_clear_shown']:.1%} of them) and {rep['unclear_shown']} of "
              f"{int((~is_clear).sum())} unclear; the eye's mood on {rep['right_of_all_shown']:.1%} of all "
              f"faces shown one; {rep['shown_negative_wrongly']} shown negative wrongly")
        out[name] = rep
    return out


def mood_report(name: str, shown: np.ndarray, truth: np.ndarray, emo_shown=None, emo_truth=None) -> dict:
    """Print and return the mood figures of ``shown`` (mood indices) against ``truth``."""
    n = len(truth)
    right = shown == truth
    lo, hi = wilson(right.sum(), n)
    present = [k for k in range(3) if (truth == k).any()]
    recall = {MOODS[k]: float((shown[truth == k] == k).mean()) for k in present}
    precision = {MOODS[k]: (float((truth[shown == k] == k).mean()) if (shown == k).any() else None)
                 for k in range(3)}
    out = {"n": n, "mood_acc": round(float(right.mean()), 4), "ci95": [round(lo, 4), round(hi, 4)],
           "balanced": round(float(np.mean(list(recall.values()))), 4),
           "shown_negative": round(float((shown == 0).mean()), 4),
           "recall": {k: round(v, 4) for k, v in recall.items()},
           "precision": {k: (None if v is None else round(v, 4)) for k, v in precision.items()}}
    line = (f"  {name}: mood {out['mood_acc']:.1%} [{lo:.1%}, {hi:.1%}] (n={n}), balanced "
            f"{out['balanced']:.1%}, shown negative {out['shown_negative']:.1%}; recall "
            + ", ".join(f"{k} {v:.1%}" for k, v in recall.items()) + "; precision "
            + ", ".join(f"{k} {'-' if v is None else f'{v:.1%}'}" for k, v in precision.items()))
    if emo_shown is not None:
        have = emo_truth >= 0
        out["emotion_acc"] = round(float((emo_shown[have] == emo_truth[have]).mean()), 4)
        out["emotion_n"] = int(have.sum())
        line += f"; emotion {out['emotion_acc']:.1%} (n={out['emotion_n']})"
        shown_e = Counter(EMOTIONS[e] for e in emo_shown)
        out["emotions_shown"] = dict(shown_e)
        line += "; shown " + ", ".join(f"{e} {c}" for e, c in shown_e.most_common())
    print(line)
    return out


def joint(probs: np.ndarray) -> np.ndarray:
    """The emotion the app shows (``mood_and_emotion``, vectorised)."""
    sums = np.stack([probs[:, FOLD == k].sum(1) for k in range(3)], axis=1)
    return (probs + sums[:, FOLD]).argmax(1)


# -- part 2: features out of emotion.onnx, heads refitted -------------------------------------

class Features:
    """emotion.onnx with the regression's inputs of both views as extra outputs."""

    def __init__(self, models_dir: Path) -> None:
        import onnx
        import onnxruntime as ort
        from onnx import numpy_helper

        model = onnx.load(str(models_dir / "emotion.onnx"))
        init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
        gemms = [n for n in model.graph.node if n.op_type == "Gemm"]
        self.weight, self.bias = init[gemms[0].input[1]], init[gemms[0].input[2]]
        scatter = [n for n in model.graph.node if n.op_type == "MatMul" and n.input[0].startswith("/Softmax")]
        self.classes = init[scatter[0].input[1]].argmax(1)  # head column j -> emotion index
        self.names = [g.input[0] for g in gemms]  # plain view, mirror view
        for name in self.names:
            model.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
        self.session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
        self.analyzer = EmotionAnalyzer(models_dir)

    def __call__(self, pairs: list[tuple[object, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(plain features, mirror features, the graph's probabilities) of (image, box) pairs."""
        model = self.analyzer.model
        crops = [model.crop(im, box) for im, box in pairs]
        face = model.prepare(np.stack([c[0] for c in crops]))
        rgb = np.ascontiguousarray(np.stack([c[1] for c in crops]), dtype=np.uint8)
        outs = [self.session.run([*self.names, "probs"], {"face": face[i:i + 64], "face_rgb": rgb[i:i + 64]})
                for i in range(0, len(crops), 64)]
        return tuple(np.concatenate([o[k] for o in outs]) for k in range(3))


def head_probs(w: np.ndarray, b: np.ndarray, classes: np.ndarray, views: list[np.ndarray],
               fear_power: float = FEAR_POWER) -> np.ndarray:
    """What emotion.onnx outputs with regression weights (w, b) over ``classes`` for these
    feature rows (fer 128 + 7 logits, face-api 256 + 7): softmax, the fear rule, views averaged
    (also models/nested_cv_emotion.py's)."""
    out = np.zeros((len(views[0]), len(EMOTIONS)))
    for X in views:
        z = X @ w.T + b
        z -= z.max(1, keepdims=True)
        head = np.exp(z)
        head /= head.sum(1, keepdims=True)
        full = np.zeros_like(out)
        full[:, classes.astype(int)] = head
        fl = X[:, 128:135] - X[:, 128:135].max(1, keepdims=True)
        fer = np.exp(fl) / np.exp(fl).sum(1, keepdims=True)
        fear = fer[:, FEAR:FEAR + 1] ** fear_power
        full = (1 - fear) * full
        full[:, FEAR] += fear[:, 0]
        out += full / len(views)
    return out


def fit(X: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None, c: float = C_REG):
    """models/build_emotion.py's regression (standardised, folded into one linear layer)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(X), y, sample_weight=weight)
    return clf.coef_ / scaler.scale_, clf.intercept_ - (clf.coef_ * scaler.mean_ / scaler.scale_).sum(1), clf.classes_


def em_priors(probs: np.ndarray, train_prior: np.ndarray, iters: int = 200) -> np.ndarray:
    """Saerens, Latinne & Decaestecker (2002): the class priors of an unlabelled set, given a
    classifier's posteriors under ``train_prior``. Classes with no training prior are kept."""
    keep = train_prior > 0
    prior = train_prior.copy()
    for _ in range(iters):
        adj = reweight(probs, prior, train_prior)
        new = np.where(keep, adj.mean(0), train_prior)
        if np.abs(new - prior).max() < 1e-7:
            break
        prior = new
    return prior


def reweight(probs: np.ndarray, prior: np.ndarray, train_prior: np.ndarray) -> np.ndarray:
    ratio = np.where(train_prior > 0, prior / np.maximum(train_prior, 1e-12), 1.0)
    p = probs * ratio
    return p / p.sum(1, keepdims=True)


def mood_bias(probs: np.ndarray, b_neg: float, b_pos: float) -> np.ndarray:
    """The probabilities with log-biases added to the negative and positive emotions."""
    p = probs * np.exp(np.where(FOLD == 0, b_neg, 0.0) + np.where(FOLD == 2, b_pos, 0.0))
    return p / p.sum(1, keepdims=True)


BIAS_GRID = [(n, p) for n in np.round(np.arange(-4.0, 0.01, 0.25), 2) for p in np.round(np.arange(-1.0, 1.01, 0.25), 2)]


def pick_bias(probs: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """The (negative, positive) log-bias with the best mood accuracy (ties: the smallest)."""
    return max(BIAS_GRID, key=lambda b: ((FOLD[joint(mood_bias(probs, *b))] == truth).mean(),
                                         -abs(b[0]) - abs(b[1])))


def dev_set(data: Path, models_dir: Path) -> tuple[list, np.ndarray, np.ndarray]:
    """The dev crops as models/build_emotion.py reads them: (image, box) pairs, labels, groups."""
    from PIL import Image

    from pose_desktop.inference.face_models import FaceDetector

    det = FaceDetector(models_dir)
    pairs, labels, groups = [], [], []
    for r in csv.DictReader(open(data / "labels.csv", encoding="utf-8")):
        if r["label"] not in DEV_MAP:
            continue
        im = np.asarray(Image.open(data / "images" / r["file"]).convert("RGB"))
        faces = det.detect(im)
        box = max(faces, key=lambda f: f.size).box if faces else np.array([0, 0, im.shape[1], im.shape[0]], np.float32)
        pairs.append((im, box))
        labels.append(EMOTIONS.index(DEV_MAP[r["label"]]))
        groups.append(re.sub(r"_?\d+\.\w+$", "", r["file"]))
    return pairs, np.array(labels), np.array(groups)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--models-dir", type=Path, default=ROOT / "models")
    ap.add_argument("--repeats", type=int, default=6)
    ap.add_argument("--no-cv", action="store_true", help="part 1 only (no onnx / scikit-learn)")
    args = ap.parse_args()
    result: dict = {}

    rows, missing = read_labels(args.data, args.labels) if args.labels.is_file() else ([], -1)
    clear = [r for r in rows if r["mood"] in MOODS]
    if not clear:
        print(f"real faces: the label file {args.labels} does not match {args.data} "
              f"({missing} labels without their photo): skipped")
        result["real"] = "skipped"
    truth = np.array([MOODS.index(r["mood"]) for r in clear])
    emo_truth = np.array([EMOTIONS.index(r["emotion"]) if r["emotion"] else -1 for r in clear])
    if clear:
        print(f"real faces: {len(rows)} labelled faces found in {args.data} ({missing} not), "
              f"{len(clear)} clear: " + ", ".join(f"{m} {int((truth == k).sum())}" for k, m in enumerate(MOODS))
              + f"; in {len({r['file'] for r in clear})} photos")
        analyzer = EmotionAnalyzer(args.models_dir)
        by_image: dict[int, list[int]] = {}
        for k, r in enumerate(rows):
            by_image.setdefault(id(r["image"]), []).append(k)
        probs_all = np.zeros((len(rows), len(EMOTIONS)))
        for ks in by_image.values():
            probs_all[ks] = analyzer.classify_faces(rows[ks[0]]["image"], [rows[k]["box"] for k in ks])
        decided = [mood_and_emotion(p) for p in probs_all]
        is_clear = np.array([r["mood"] in MOODS for r in rows])
        shown = np.array([MOODS.index(d[0]) for d in decided])[is_clear]
        emo_shown = np.array([EMOTIONS.index(d[1]) for d in decided])[is_clear]
        print(f"1. the shipped head ({args.models_dir / 'emotion.onnx'}) through the app's analyzer:")
        result["shipped"] = mood_report("shipped", shown, truth, emo_shown, emo_truth)
        unclear_neg = np.mean([d[0] == "negative" for d, c in zip(decided, is_clear, strict=True) if not c]) \
            if (~is_clear).any() else 0.0
        print(f"  faces marked unclear ({int((~is_clear).sum())}): shown negative {unclear_neg:.1%}")
        result["shipped"]["unclear_shown_negative"] = round(float(unclear_neg), 4)
        result["app"] = library_balance(analyzer, rows, probs_all, is_clear, truth, emo_truth)
        print(f"3. the app's floor on readable faces ({MIN_READABLE_SIDE:g} px), the labelled photos as the library:")
        result["readable"] = readable_view(analyzer, rows, probs_all, is_clear, truth)
    if args.no_cv:
        print(json.dumps(result))
        return
    dev_dir = args.data / "emotion"
    if not (dev_dir / "labels.csv").is_file():
        print(f"no dev crops in {dev_dir}: cross-validation skipped")
        print(json.dumps(result))
        return
    cv(args, rows, clear, truth, emo_truth, result)
    print(json.dumps(result))


def cv(args, rows, clear, truth, emo_truth, result) -> None:
    from sklearn.model_selection import StratifiedGroupKFold

    feats = Features(args.models_dir)
    pairs, y, groups = dev_set(args.data / "emotion", args.models_dir)
    d_plain, d_mirror, d_graph = feats(pairs)
    w0 = feats.weight.astype(np.float64)
    check = np.abs(head_probs(w0, feats.bias, feats.classes, [d_plain, d_mirror]) - d_graph).max()
    print(f"2. cross-validation, {args.repeats} x grouped 5-fold (dev crops n={len(y)}, real faces "
          f"n={len(clear)}); features read out of emotion.onnx (its regression applied to them gives "
          f"its probabilities to {check:.1e})")
    real = bool(clear)
    if real:
        r_plain, r_mirror, r_shipped = feats([(r["image"], r["box"]) for r in clear])
        a_plain, a_mirror, _ = feats([(r["image"], r["box"]) for r in rows])  # the unlabelled pool
        r_groups = np.array([r["group"] for r in clear])
    balance = [f"library balance (s={st:g})" for st in STRENGTHS]
    names = ["shipped recipe", *balance, "EM prior", "mood bias (real CV)", *(f"+ real faces (w={w:g})" for w in WEIGHTS)]
    if not real:
        names = names[:1 + len(balance)]
    dev_acc = {k: [] for k in names}  # per repeat: (emotion, mood) as shown
    real_right = {k: [] for k in names}  # per repeat: mood right per real face
    real_shown = {k: [] for k in names}
    real_emo = {k: [] for k in names}
    dev_probs_ship = []
    priors, biases, refs = [], [], []
    for rep in range(args.repeats):
        dev_folds = list(StratifiedGroupKFold(5, shuffle=True, random_state=rep).split(y, y, groups))
        real_folds = (list(StratifiedGroupKFold(5, shuffle=True, random_state=rep).split(truth, truth, r_groups))
                      if real else [(None, None)] * 5)
        dp = {k: np.zeros((len(y), len(EMOTIONS))) for k in names}
        rp = {k: np.zeros((len(clear), len(EMOTIONS))) for k in names} if real else {}
        for (tr, te), (rtr, rte) in zip(dev_folds, real_folds, strict=True):
            X = np.vstack([d_plain[tr], d_mirror[tr]])
            yy = np.concatenate([y[tr], y[tr]])
            w, b, cl = fit(X, yy)
            dp["shipped recipe"][te] = head_probs(w, b, cl, [d_plain[te], d_mirror[te]])
            if real:
                rp["shipped recipe"][rte] = head_probs(w, b, cl, [r_plain[rte], r_mirror[rte]])
                pool = head_probs(w, b, cl, [a_plain, a_mirror])  # every real face, labels unused
            # the app's library balance: the dev test fold is a library of its own, the real
            # faces another; the head's balance out of fold on its own training part
            ref = inner_reference(d_plain, d_mirror, y, groups, tr, rep)
            refs.append(ref)
            for st, name in zip(STRENGTHS, balance, strict=True):
                p = dp["shipped recipe"][te]
                dp[name][te] = adapt(p, library_prior(p, ref, st), ref)
                if real:
                    rp[name][rte] = adapt(rp["shipped recipe"][rte], library_prior(pool, ref, st), ref)
            if not real:
                continue
            # EM prior on the unlabelled real pool
            train_prior = np.bincount(y[tr], minlength=len(EMOTIONS)) / len(tr)
            prior = em_priors(pool, train_prior)
            priors.append(prior)
            dp["EM prior"][te] = reweight(dp["shipped recipe"][te], prior, train_prior)
            rp["EM prior"][rte] = reweight(rp["shipped recipe"][rte], prior, train_prior)
            # mood bias chosen on the real training part
            bias = pick_bias(head_probs(w, b, cl, [r_plain[rtr], r_mirror[rtr]]), truth[rtr])
            biases.append(bias)
            dp["mood bias (real CV)"][te] = mood_bias(dp["shipped recipe"][te], *bias)
            rp["mood bias (real CV)"][rte] = mood_bias(rp["shipped recipe"][rte], *bias)
            # real faces with a 7-class label added to training
            add = rtr[emo_truth[rtr] >= 0]
            for wt in WEIGHTS:
                Xa = np.vstack([X, r_plain[add], r_mirror[add]])
                ya = np.concatenate([yy, emo_truth[add], emo_truth[add]])
                sw = np.concatenate([np.ones(len(yy)), np.full(2 * len(add), float(wt))])
                w2, b2, cl2 = fit(Xa, ya, sw)
                name = f"+ real faces (w={wt:g})"
                dp[name][te] = head_probs(w2, b2, cl2, [d_plain[te], d_mirror[te]])
                rp[name][rte] = head_probs(w2, b2, cl2, [r_plain[rte], r_mirror[rte]])
        dev_probs_ship.append(dp["shipped recipe"])
        for k in names:
            e = joint(dp[k])
            dev_acc[k].append(((e == y).mean(), (FOLD[e] == FOLD[y]).mean()))
            if real:
                er = joint(rp[k])
                real_right[k].append(FOLD[er] == truth)
                real_shown[k].append(FOLD[er])
                real_emo[k].append(er)
    result["cv"] = {}
    base = np.mean(real_right["shipped recipe"], 0) if real else None
    for k in names:
        d = np.array(dev_acc[k])
        print(f" {k}: dev CV emotion / mood as shown {d[:, 0].mean():.1%} / {d[:, 1].mean():.1%} (repeats "
              + ", ".join(f"{a:.3f}/{m:.3f}" for a, m in d) + ")")
        entry = {"dev_emotion": round(float(d[:, 0].mean()), 4), "dev_mood": round(float(d[:, 1].mean()), 4)}
        if real:
            shown = np.concatenate(real_shown[k])
            rep_truth = np.tile(truth, args.repeats)
            rep_emo = np.tile(emo_truth, args.repeats)
            rep = mood_report(f"{k}, real faces out of fold (all repeats pooled)", shown, rep_truth,
                              np.concatenate(real_emo[k]), rep_emo)
            acc = float(np.mean(real_right[k]))
            rep["mood_acc"] = round(acc, 4)
            rep["ci95"] = [round(v, 4) for v in wilson(acc * len(truth), len(truth))]
            diff = np.mean(real_right[k], 0) - base
            lo, hi = bootstrap(diff, r_groups)
            print(f"    real mood {acc:.1%} [{rep['ci95'][0]:.1%}, {rep['ci95'][1]:.1%}] (n={len(truth)}); "
                  f"vs the shipped recipe {diff.mean():+.1%} [{lo:+.1%}, {hi:+.1%}]")
            rep["vs_shipped"] = [round(float(diff.mean()), 4), round(lo, 4), round(hi, 4)]
            entry["real"] = rep
        result["cv"][k] = entry
    ref = np.mean(refs, 0)
    print("  the head's balance out of fold (inner grouped 4-fold on each training part, mean): "
          + ", ".join(f"{m} {v:.4f}" for m, v in zip(APP_MOODS, ref, strict=True)))
    result["head_balance"] = [round(float(v), 4) for v in ref]
    if real:
        pr = np.mean(priors, 0)
        print("  EM priors (mean over folds): " + ", ".join(f"{e} {p:.3f}" for e, p in zip(EMOTIONS, pr, strict=True)))
        print("  mood biases chosen (negative, positive): " + ", ".join(f"{a:g}/{b:g}" for a, b in Counter(biases)))
        cross_source(d_plain, d_mirror, y, r_plain, r_mirror, truth, emo_truth,
                     np.array([r["folder"] for r in clear]), result)
        bias_sweep(dev_probs_ship, y, r_shipped, truth, result)
        abstain(dev_probs_ship, y, r_shipped, truth, feats, result)


def inner_reference(plain, mirror, y, groups, tr, rep: int) -> np.ndarray:
    """The head's balance of moods (``APP_MOODS`` order) as the app's ``mood_reference`` is
    measured: the mean mood probabilities out of fold, here by a grouped 4-fold CV inside the
    training part ``tr`` (so the test fold never informs it)."""
    from sklearn.model_selection import StratifiedGroupKFold

    oof = np.zeros((len(tr), len(EMOTIONS)))
    for itr, ite in StratifiedGroupKFold(4, shuffle=True, random_state=100 + rep).split(y[tr], y[tr], groups[tr]):
        a, b = tr[itr], tr[ite]
        w, bias, cl = fit(np.vstack([plain[a], mirror[a]]), np.concatenate([y[a], y[a]]))
        oof[ite] = head_probs(w, bias, cl, [plain[b], mirror[b]])
    return mood_sums(oof).mean(0)


def bootstrap(diff: np.ndarray, groups: np.ndarray, n: int = 2000) -> tuple[float, float]:
    """95 % interval of the mean of ``diff`` resampling whole photos (groups)."""
    rng = np.random.default_rng(0)
    uniq = np.unique(groups)
    idx = {g: np.flatnonzero(groups == g) for g in uniq}
    means = []
    for _ in range(n):
        pick = np.concatenate([idx[g] for g in rng.choice(uniq, len(uniq))])
        means.append(diff[pick].mean())
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def cross_source(d_plain, d_mirror, y, r_plain, r_mirror, truth, emo_truth, folder, result) -> None:
    """Does a gain from real faces in training carry to photos of another source? The head
    trained on all dev crops + the real faces of one folder (LFW press photos or the hashtags
    photos), scored on the other folder's faces, against the dev-only head on the same faces."""
    X, yy = np.vstack([d_plain, d_mirror]), np.concatenate([y, y])
    w0, b0, c0 = fit(X, yy)
    base = FOLD[joint(head_probs(w0, b0, c0, [r_plain, r_mirror]))]
    result["cross_source"] = {}
    for src in sorted(set(folder)):
        add = np.flatnonzero((folder == src) & (emo_truth >= 0))
        te = folder != src
        for wt in (0.04, 0.2, 1.0):
            Xa = np.vstack([X, r_plain[add], r_mirror[add]])
            ya = np.concatenate([yy, emo_truth[add], emo_truth[add]])
            w, b, c = fit(Xa, ya, np.concatenate([np.ones(len(yy)), np.full(2 * len(add), wt)]))
            shown = FOLD[joint(head_probs(w, b, c, [r_plain, r_mirror]))]
            print(f"  + real faces of {src}/ only (w={wt:g}), scored on the other folder's {int(te.sum())}: mood "
                  f"{(shown[te] == truth[te]).mean():.1%} (dev-only head {(base[te] == truth[te]).mean():.1%}), shown "
                  f"negative {(shown[te] == 0).mean():.1%} ({(base[te] == 0).mean():.1%})")
            result["cross_source"][f"{src} w={wt:g}"] = {
                "n": int(te.sum()), "mood": round(float((shown[te] == truth[te]).mean()), 4),
                "dev_only_mood": round(float((base[te] == truth[te]).mean()), 4),
                "shown_negative": round(float((shown[te] == 0).mean()), 4)}


def bias_sweep(dev_probs: list[np.ndarray], y: np.ndarray, probs: np.ndarray, truth: np.ndarray, result) -> None:
    """A fixed log-bias on the negative emotions: the shipped recipe's dev CV and the shipped
    head on the real faces (which it never saw) for each bias."""
    result["negative_bias"] = {}
    for bn in (0.0, -0.25, -0.5, -0.75, -1.0, -1.5):
        dev = [joint(mood_bias(p, bn, 0.0)) for p in dev_probs]
        de, dm = np.mean([(e == y).mean() for e in dev]), np.mean([(FOLD[e] == FOLD[y]).mean() for e in dev])
        shown = FOLD[joint(mood_bias(probs, bn, 0.0))]
        acc = float((shown == truth).mean())
        print(f"  negative log-bias {bn:+.2f}: dev CV emotion / mood {de:.1%} / {dm:.1%}; real faces (shipped "
              f"head) mood {acc:.1%}, shown negative {(shown == 0).mean():.1%}")
        result["negative_bias"][str(bn)] = {"dev_emotion": round(float(de), 4), "dev_mood": round(float(dm), 4),
                                            "real_mood": round(acc, 4),
                                            "real_shown_negative": round(float((shown == 0).mean()), 4)}


def abstain(dev_probs: list[np.ndarray], y: np.ndarray, probs: np.ndarray, truth: np.ndarray, feats, result) -> None:
    """The shipped recipe (dev CV) and the shipped head (real faces) showing nothing when the
    shown mood's calibrated score is below t: coverage and accuracy of the moods shown."""
    model = feats.analyzer.model
    result["abstain"] = {}
    for t in (0.5, 0.6, 0.7, 0.8):
        line = {}
        for name, p, tr in (("dev", np.vstack(dev_probs), np.tile(FOLD[y], len(dev_probs))), ("real", probs, truth)):
            s = model.calibrate(p)
            e = joint(p)
            conf = np.stack([s[:, FOLD == k].sum(1) for k in range(3)], 1)[np.arange(len(e)), FOLD[e]]
            keep = conf >= t
            line[name] = {"coverage": round(float(keep.mean()), 4),
                          "mood_acc_shown": round(float((FOLD[e][keep] == tr[keep]).mean()), 4) if keep.any() else None,
                          "shown_negative": round(float((FOLD[e][keep] == 0).mean()), 4)}
        print(f"  abstain when the mood's score < {t}: " + "; ".join(
            f"{n} coverage {v['coverage']:.1%}, mood right {v['mood_acc_shown']:.1%} of those shown, "
            f"negative {v['shown_negative']:.1%} of those shown" for n, v in line.items()))
        result["abstain"][str(t)] = line


if __name__ == "__main__":
    main()
