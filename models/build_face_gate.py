"""Rebuild models/face_gate.npy: the check that a detected "face" is a real human face.

MTCNN also fires on fabric, patterns, latte art, flowers and animal faces. The gate is a
class-balanced logistic regression (scikit-learn, C = 0.1, standardised inputs folded into
the weights) on the face's 128-d identity embedding (face_embedder.onnx) and the logit of
its O-Net score, trained here on
- real faces: every face MTCNN finds in ../shared/datasets/emotion (290 face photos);
- false faces: every face MTCNN finds in the face-free folders of ../shared/datasets/hashtags
  (dogs, cats, flowers, Food-101 dishes, coffee cups; 731 photos).
../shared/datasets/faces and ../shared/datasets/clothing are not trained on: the quality
benchmark measures detection recall and false faces per 100 face-free photos on them.

    python models/build_face_gate.py --data ../shared/datasets

Prints the 5-fold cross-validated figures (3 repeats) at the app's thresholds, then fits on
everything and writes the file: float32 [130] = 128 embedding weights, the score-logit
weight, the bias. Needs numpy, scikit-learn, Pillow, onnxruntime (the app's models).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

FACE_FREE = ("folder (dogs)", "folder (cats)", "folder (flower_photos)", "folder (Food-101 classes)",
             "folder (coffee cups, latte art)")
C_REG = 0.1  # 0.1 / 1 / 10 tried by the CV below (false faces kept 12 / 13 / 12, real lost 0 / 2 / 3)


def _faces(folder: Path, files: list[str]) -> np.ndarray:
    from PIL import Image

    from pose_desktop.analysis.faces import FaceAnalyzer, gate_inputs

    analyzer = FaceAnalyzer(models_dir=HERE, gate=False)
    rows = []
    for f in files:
        im = Image.open(folder / "images" / f).convert("RGB")
        im.thumbnail((1280, 1280))
        rows += [gate_inputs(r.embedding, r.score) for r in analyzer.detect_and_embed([np.asarray(im)])[0]]
    return np.array(rows, dtype=np.float64).reshape(-1, 129)


def _fit(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=C_REG, max_iter=5000, class_weight="balanced").fit(scaler.transform(X), y)
    w = clf.coef_[0] / scaler.scale_
    b = clf.intercept_[0] - float((clf.coef_[0] * scaler.mean_ / scaler.scale_).sum())
    return np.concatenate([w, [b]]).astype(np.float32)


def main() -> None:
    from sklearn.model_selection import StratifiedKFold

    from pose_desktop.analysis.faces import GATE_MIN_PROB, GATE_MIN_SCORE, gate_prob

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "datasets")
    ap.add_argument("--out", type=Path, default=HERE / "face_gate.npy")
    args = ap.parse_args()
    with open(args.data / "emotion" / "labels.csv", encoding="utf-8") as f:
        real_files = [r["file"] for r in csv.DictReader(f)]
    with open(args.data / "hashtags" / "labels.csv", encoding="utf-8") as f:
        free_files = [r["file"] for r in csv.DictReader(f) if r["label_from"] in FACE_FREE]
    real = _faces(args.data / "emotion", real_files)
    false = _faces(args.data / "hashtags", free_files)
    print(f"real faces: {len(real)} in {len(real_files)} photos; false faces: {len(false)} in "
          f"{len(free_files)} face-free photos ({100 * len(false) / len(free_files):.1f} per 100)")
    X = np.vstack([real, false])
    y = np.r_[np.ones(len(real)), np.zeros(len(false))]
    score_ok = X[:, 128] >= np.log(GATE_MIN_SCORE / (1 - GATE_MIN_SCORE))
    kept_false, lost_real = [], []
    for rep in range(3):
        keep = np.zeros(len(y), dtype=bool)
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=rep).split(X, y):
            params = _fit(X[tr], y[tr])
            keep[te] = gate_prob(X[te], params) >= GATE_MIN_PROB
        keep &= score_ok
        kept_false.append(int(keep[y == 0].sum()))
        lost_real.append(int((~keep[y == 1]).sum()))
    print(f"5-fold CV x3 (score >= {GATE_MIN_SCORE} and p >= {GATE_MIN_PROB}): false faces kept "
          f"{np.mean(kept_false):.1f} of {len(false)} ({100 * np.mean(kept_false) / len(free_files):.2f} "
          f"per 100 face-free photos); real faces lost {np.mean(lost_real):.1f} of {len(real)}; "
          f"the score alone keeps {int(score_ok[y == 0].sum())} false faces, loses {int((~score_ok[y == 1]).sum())} real")
    params = _fit(X, y)
    np.save(args.out, params)
    print(f"{args.out.name}: sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
