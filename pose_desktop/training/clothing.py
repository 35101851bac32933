"""Train the clothing model (garment type + fine class) and export models/clothing_head.onnx.

The model is the tail of MobileNetV2 (inverted-residual blocks 14-18 and the last 1x1
conv, initialised from the ImageNet weights) plus a new classifier, fine-tuned on the CC0
clothing set. Its input is the backbone's ``block13`` output, so at run time the app pays
one backbone pass per photo and this tail (~30 % more) only for the clothing answer.

Training views are random resized crops + flips of each training photo pushed through
the shipped backbone ONNX once and cached; the held-out photos use the exact run-time
pre-processing (``preprocess_imagenet``).

    python -m pose_desktop.training.clothing --data ../shared/datasets \
        --weights .../mobilenet_v2-b0353104.pth

Needs torch + torchvision + onnx (``pip install .[train]``); torch is imported lazily.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

from pose_desktop.inference.imagenet import INPUT_SIZE, preprocess_imagenet
from pose_desktop.paths import models_dir
from pose_desktop.tagging.clothing_labels import COARSE_CLASSES, FINE_CLASSES, FINE_TO_COARSE

SPLIT_SEED = 0
TEST_FRACTION = 0.2


def held_out_split(rows: list[dict], seed: int = SPLIT_SEED) -> tuple[list[dict], list[dict]]:
    """Stratified train/test split by fine label, deterministic for a given seed."""
    by_class: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: r["file"]):
        by_class.setdefault(r["fine_label"], []).append(r)
    rng = random.Random(seed)
    train, test = [], []
    for label in sorted(by_class):
        items = by_class[label][:]
        rng.shuffle(items)
        n_test = round(len(items) * TEST_FRACTION)
        test += items[:n_test]
        train += items[n_test:]
    return train, test


def _random_view(img: Image.Image, rng: random.Random) -> np.ndarray:
    """A RandomResizedCrop(scale 0.45-1, ratio 3/4-4/3) + flip, preprocessed like run time."""
    w, h = img.size
    for _ in range(10):
        area = w * h * rng.uniform(0.45, 1.0)
        ratio = np.exp(rng.uniform(np.log(3 / 4), np.log(4 / 3)))
        cw, ch = round((area * ratio) ** 0.5), round((area / ratio) ** 0.5)
        if cw <= w and ch <= h:
            x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
            crop = img.crop((x, y, x + cw, y + ch))
            break
    else:
        crop = img
    crop = crop.resize((INPUT_SIZE, INPUT_SIZE), Image.Resampling.BILINEAR, reducing_gap=3.0)
    return preprocess_imagenet(crop, flip=rng.random() < 0.5)


def _block13(sess, batch: list[np.ndarray]) -> np.ndarray:
    out = sess.run(["block13"], {"input": np.stack(batch)})[0]
    return out.astype(np.float16)


def cache_views(data: Path, rows: list[dict], n_views: int, seed: int, sess) -> np.ndarray:
    """block13 maps for each row: the run-time view, then n_views random views."""
    rng = random.Random(seed)
    maps = []
    for r in rows:
        img = ImageOps.exif_transpose(Image.open(data / "images" / r["file"])).convert("RGB")
        views = [preprocess_imagenet(img)] + [_random_view(img, rng) for _ in range(n_views)]
        maps.append(_block13(sess, views))
    return np.stack(maps)  # (n, 1 + n_views, 96, 14, 14)


def build_tail(weights: Path):
    """MobileNetV2 blocks 14-18 with ImageNet weights + a fresh fine-class classifier."""
    import torch
    import torchvision

    net = torchvision.models.mobilenet_v2()
    net.load_state_dict(torch.load(weights, map_location="cpu", weights_only=True))

    class ClothingTail(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.features = net.features[14:]
            self.dropout = torch.nn.Dropout(0.3)
            self.fc = torch.nn.Linear(1280, len(FINE_CLASSES))
            # fine -> coarse as a fixed 0/1 matrix so the graph sums fine probabilities
            m = torch.zeros(len(FINE_CLASSES), len(COARSE_CLASSES))
            for i, f in enumerate(FINE_CLASSES):
                m[i, COARSE_CLASSES.index(FINE_TO_COARSE[f])] = 1.0
            self.register_buffer("to_coarse", m)

        def forward(self, x):
            f = self.features(x)
            f = torch.nn.functional.adaptive_avg_pool2d(f, 1).flatten(1)
            return self.fc(self.dropout(f))

        def export_forward(self, x):
            p = torch.softmax(self.forward(x), dim=1)
            return p, p @ self.to_coarse

    return ClothingTail()


def train(model, x_train: np.ndarray, y_train: np.ndarray, epochs: int, seed: int) -> None:
    """Fine-tune on cached block13 views (x_train: (n, views, 96, 14, 14) float16)."""
    import torch

    torch.manual_seed(seed)
    n, v = x_train.shape[:2]
    params = [
        {"params": model.features.parameters(), "lr": 3e-4},
        {"params": model.fc.parameters(), "lr": 2e-3},
    ]
    opt = torch.optim.AdamW(params, weight_decay=1e-2)
    steps = epochs * ((n * (v - 1) + 63) // 64)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=[3e-4, 2e-3], total_steps=steps, pct_start=0.15
    )
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    # Train on the random views only; the run-time view (index 0) stays for checking.
    idx = np.array([(i, j) for i in range(n) for j in range(1, v)])
    rng = np.random.default_rng(seed)
    model.train()
    for epoch in range(epochs):
        rng.shuffle(idx)
        total = 0.0
        for b in range(0, len(idx), 64):
            sel = idx[b : b + 64]
            xb = torch.from_numpy(x_train[sel[:, 0], sel[:, 1]].astype(np.float32))
            yb = torch.from_numpy(y_train[sel[:, 0]])
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(sel)
        print(f"epoch {epoch + 1}/{epochs} loss {total / len(idx):.3f}", flush=True)
    model.eval()


def predict(model, x: np.ndarray) -> np.ndarray:
    """Fine-class probabilities for block13 maps (n, 96, 14, 14)."""
    import torch

    with torch.no_grad():
        p = torch.softmax(model(torch.from_numpy(x.astype(np.float32))), dim=1)
    return p.numpy()


def accuracy(probs: np.ndarray, fine_true: list[str]) -> dict:
    """Fine accuracy, 5-way coarse accuracy and 4-way garment-type accuracy."""
    fine_pred = [FINE_CLASSES[i] for i in probs.argmax(1)]
    coarse_true = [FINE_TO_COARSE[f] for f in fine_true]
    coarse_probs = np.zeros((len(probs), len(COARSE_CLASSES)))
    for i, f in enumerate(FINE_CLASSES):
        coarse_probs[:, COARSE_CLASSES.index(FINE_TO_COARSE[f])] += probs[:, i]
    coarse_pred = [COARSE_CLASSES[i] for i in coarse_probs.argmax(1)]
    four = [i for i, c in enumerate(coarse_true) if c != "other"]
    return {
        "fine": float(np.mean([a == b for a, b in zip(fine_pred, fine_true, strict=False)])),
        "coarse5": float(np.mean([a == b for a, b in zip(coarse_pred, coarse_true, strict=False)])),
        "type4": float(np.mean([coarse_pred[i] == coarse_true[i] for i in four])),
        "n": len(fine_true),
        "n_type4": len(four),
    }


def export(model, out: Path) -> str:
    """Write the ONNX file (input block13 [N,96,14,14]; fine_probs, coarse_probs)."""
    import torch

    class _Export(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, x):
            return self.m.export_forward(x)

    torch.onnx.export(
        _Export(model).eval(),
        (torch.zeros(1, 96, 14, 14),),
        str(out),
        input_names=["block13"],
        output_names=["fine_probs", "coarse_probs"],
        dynamic_axes={k: {0: "batch"} for k in ("block13", "fine_probs", "coarse_probs")},
        opset_version=17,
        dynamo=False,
    )
    return hashlib.sha256(out.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> None:
    """Command line entry: cache views, train, evaluate on the held-out split, export."""
    import onnxruntime as ort

    ap = argparse.ArgumentParser(description="Train and export the clothing model.")
    ap.add_argument("--data", type=Path, required=True, help="datasets root (has clothing/)")
    ap.add_argument("--weights", type=Path, required=True, help="mobilenet_v2-b0353104.pth")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/pose_clothing_cache.npz"))
    ap.add_argument("--views", type=int, default=8)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=models_dir() / "clothing_head.onnx")
    ap.add_argument("--no-export", action="store_true")
    args = ap.parse_args(argv)

    folder = args.data / "clothing"
    with open(folder / "labels.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["fine_label"] in FINE_CLASSES]
    train_rows, test_rows = held_out_split(rows)
    if args.cache.exists():
        z = np.load(args.cache)
        x_train, x_test = z["train"], z["test"]
    else:
        so = ort.SessionOptions()
        so.intra_op_num_threads = 2
        sess = ort.InferenceSession(
            str(models_dir() / "mobilenet_v2.onnx"), so, providers=["CPUExecutionProvider"]
        )
        x_train = cache_views(folder, train_rows, args.views, args.seed, sess)
        x_test = cache_views(folder, test_rows, 0, args.seed, sess)[:, 0]
        np.savez(args.cache, train=x_train, test=x_test)
    y_train = np.array([FINE_CLASSES.index(r["fine_label"]) for r in train_rows], dtype=np.int64)

    model = build_tail(args.weights)
    train(model, x_train, y_train, args.epochs, args.seed)
    result = accuracy(predict(model, x_test), [r["fine_label"] for r in test_rows])
    print(json.dumps({"held_out": result, "n_train": len(train_rows)}))
    if not args.no_export:
        digest = export(model, args.out)
        names = args.out.with_suffix(".train.txt")
        names.write_text("".join(r["file"] + "\n" for r in train_rows), encoding="utf-8")
        print(args.out, digest)


if __name__ == "__main__":
    main()
