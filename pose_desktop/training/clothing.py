"""Train the clothing model (garment type + fine class) and export models/clothing_head.onnx.

The model is the tail of MobileNetV2 (inverted-residual blocks 14-17 and the last 1x1
conv, ImageNet weights) plus a new classifier. Its input is the backbone's ``block13``
output, so at run time the app pays one backbone pass per photo and this tail (~30 %
more) only for the clothing answer. By default the whole tail (blocks 14-17, the last
1x1 conv 320 -> 1280 with its batch norm) is fine-tuned from its ImageNet weights and
the classifier trained, on the CC0 clothing set; ``--train-from 18`` trains only the
last conv and the classifier (5x cheaper, measured slightly worse: models/MODELS.md).

Views: for every photo the run-time view (``preprocess_imagenet``), its mirror image and
``--views`` random resized crops + flips go through the shipped backbone ONNX once and
their ``block13`` maps are cached; layers frozen by ``--train-from`` run over them once
more and that is cached too, so an epoch only runs the trained layers.

    python -m pose_desktop.training.clothing --data ../shared/datasets \
        --weights .../mobilenet_v2-b0353104.pth [--cv 5]

``--cv K`` reports K-fold cross-validated accuracy over all the photos (plain and with
flip averaging) and writes nothing; ``--select`` the same inside the training split
(how the settings were chosen; the held-out photos are not touched). Needs torch +
torchvision + onnx (``pip install .[train]``); torch is imported lazily.
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
    """block13 maps per row: the run-time view, its mirror image, then n_views random views."""
    rng = random.Random(seed)
    maps = []
    for r in rows:
        img = ImageOps.exif_transpose(Image.open(data / "images" / r["file"])).convert("RGB")
        views = [preprocess_imagenet(img), preprocess_imagenet(img, flip=True)]
        views += [_random_view(img, rng) for _ in range(n_views)]
        maps.append(_block13(sess, views))
    return np.stack(maps)  # (n, 2 + n_views, 96, 14, 14)


TRAIN_FROM = 14  # index in mobilenet_v2.features of the first trained layer (14: all of the tail)
LR = {14: 3e-4, 18: 1e-3}  # learning rate of the trained backbone layers (classifier: 2e-3)


def build_tail(weights: Path, train_from: int = TRAIN_FROM):
    """MobileNetV2 blocks 14-17 + last conv with ImageNet weights + a fresh classifier;
    ``frozen`` (the layers before ``train_from``; none by default) runs once over the
    cached views, ``head`` is what trains."""
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
            self.flip_tta = False
            self.train_from = train_from

        def frozen(self, x):
            return self.features[: self.train_from - 14](x)

        def trained_parameters(self):
            return list(self.features[self.train_from - 14 :].parameters()) + list(self.fc.parameters())

        def head(self, x):
            f = self.features[self.train_from - 14 :](x)
            f = torch.nn.functional.adaptive_avg_pool2d(f, 1).flatten(1)
            return self.fc(self.dropout(f))

        def forward(self, x):
            return self.head(self.frozen(x))

        def export_forward(self, x):
            p = torch.softmax(self.forward(x), dim=1)
            if self.flip_tta:  # mean with the mirrored block13 map (no second backbone pass)
                p = (p + torch.softmax(self.forward(torch.flip(x, dims=[3])), dim=1)) / 2
            return p, p @ self.to_coarse

    return ClothingTail()


def frozen_maps(model, maps: np.ndarray) -> np.ndarray:
    """The frozen blocks' output for every cached view: (n, v, 320, 7, 7) float16."""
    import torch

    model.eval()
    with torch.no_grad():
        return np.stack([
            model.frozen(torch.from_numpy(m.astype(np.float32))).numpy().astype(np.float16) for m in maps
        ])


def train(model, x_train: np.ndarray, y_train: np.ndarray, epochs: int, seed: int) -> None:
    """Train the head on frozen outputs of the random views (x_train: (n, views, ...)
    float16; views 0 and 1, the run-time view and its mirror image, are not trained on)."""
    import torch

    torch.manual_seed(seed)
    n, v = x_train.shape[:2]
    body = list(model.features[model.train_from - 14 :].parameters())
    lr = LR[model.train_from]
    params = [{"params": body, "lr": lr}, {"params": model.fc.parameters(), "lr": 2e-3}]
    opt = torch.optim.AdamW(params, weight_decay=1e-2)
    steps = epochs * ((n * (v - 2) + 63) // 64)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=[lr, 2e-3], total_steps=steps, pct_start=0.15
    )
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
    idx = np.array([(i, j) for i in range(n) for j in range(2, v)])
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
            loss = loss_fn(model.head(xb), yb)
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(sel)
        print(f"epoch {epoch + 1}/{epochs} loss {total / len(idx):.3f}", flush=True)
    model.eval()


def predict(model, x: np.ndarray, flip_x: np.ndarray | None = None) -> np.ndarray:
    """Fine-class probabilities for frozen outputs (n, 320, 7, 7); with ``flip_x``
    (the same of the mirror images) the mean of both."""
    import torch

    with torch.no_grad():
        p = torch.softmax(model.head(torch.from_numpy(x.astype(np.float32))), dim=1).numpy()
        if flip_x is not None:
            p = (p + torch.softmax(model.head(torch.from_numpy(flip_x.astype(np.float32))), dim=1).numpy()) / 2
    return p


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


def add_flip_averaging(src: Path, dst: Path) -> str:
    """Rewrite a trained head so each output is the mean over the ``block13`` map and its
    mirror image (the map flipped left-right): one batch of 2N through the same weights,
    same inputs and outputs. Returns the new file's sha256."""
    import onnx
    from onnx import helper, numpy_helper

    m = onnx.load(str(src))
    g = m.graph
    x = g.input[0].name
    both = x + "_with_mirror"

    def const(name: str, values: list[int]):
        return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.array(values, np.int64)))

    renames = {x: both} | {o.name: o.name + "_both" for o in g.output}
    for node in g.node:
        for i, name in enumerate(node.input):
            node.input[i] = renames.get(name, name)
        for i, name in enumerate(node.output):
            node.output[i] = renames.get(name, name)
    pre = [
        const("mirror_starts", [-1]), const("mirror_ends", [-(2**62)]), const("mirror_axes", [3]),
        const("mirror_steps", [-1]),
        helper.make_node("Slice", [x, "mirror_starts", "mirror_ends", "mirror_axes", "mirror_steps"],
                         [x + "_mirror"]),
        helper.make_node("Concat", [x, x + "_mirror"], [both], axis=0),
    ]
    post = []
    for out in g.output:
        width = out.type.tensor_type.shape.dim[1].dim_value
        post += [
            const(out.name + "_pair_shape", [2, -1, width]),
            helper.make_node("Reshape", [out.name + "_both", out.name + "_pair_shape"], [out.name + "_pair"]),
            helper.make_node("ReduceMean", [out.name + "_pair"], [out.name], axes=[0], keepdims=0),
        ]
    nodes = pre + list(g.node) + post
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save(m, str(dst))
    return hashlib.sha256(Path(dst).read_bytes()).hexdigest()


def _fold_accuracy(x: np.ndarray, xm: np.ndarray, y: np.ndarray, folds: int, weights: Path,
                   epochs: int, seed: int, train_from: int = TRAIN_FROM) -> dict:
    """Stratified K-fold accuracy over cached outputs: plain, averaged with the mirror
    image ("flip", a second backbone pass) and with the mirrored block13 map ("mapflip",
    what the exported --flip-tta graph does)."""
    from sklearn.model_selection import StratifiedKFold

    probs = {k: np.zeros((len(y), len(FINE_CLASSES))) for k in ("plain", "flip", "mapflip")}
    for k, (tr, te) in enumerate(StratifiedKFold(folds, shuffle=True, random_state=seed).split(x[:, 0, 0, 0, 0], y)):
        model = build_tail(weights, train_from)
        train(model, x[tr], y[tr], epochs, seed)
        probs["plain"][te] = predict(model, x[te, 0])
        probs["flip"][te] = predict(model, x[te, 0], x[te, 1])
        probs["mapflip"][te] = predict(model, x[te, 0], xm[te])
        print(f"fold {k + 1}/{folds} fine {np.mean(probs['plain'][te].argmax(1) == y[te]):.3f}", flush=True)
    fine = [FINE_CLASSES[i] for i in y]
    return {k: accuracy(p, fine) for k, p in probs.items()}


def main(argv: list[str] | None = None) -> None:
    """Command line entry: cache views, train, evaluate on the held-out split, export."""
    import onnxruntime as ort
    import torch

    ap = argparse.ArgumentParser(description="Train and export the clothing model.")
    ap.add_argument("--data", type=Path, required=True, help="datasets root (has clothing/)")
    ap.add_argument("--weights", type=Path, required=True, help="mobilenet_v2-b0353104.pth")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/pose_clothing_cache2.npz"))
    ap.add_argument("--views", type=int, default=8)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--flip-tta", action=argparse.BooleanOptionalAction, default=False,
                    help="export the mean of the map and its mirror (chosen by --select)")
    ap.add_argument("--cv", type=int, default=0, help="K-fold accuracy over all photos; no export")
    ap.add_argument("--select", type=int, default=0, help="K-fold accuracy inside the training split")
    ap.add_argument("--train-from", type=int, choices=sorted(LR), default=TRAIN_FROM,
                    help="first trained layer of the tail (18: only the last 1x1 conv)")
    ap.add_argument("--out", type=Path, default=models_dir() / "clothing_head.onnx")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--add-flip-averaging", type=Path, metavar="ONNX",
                    help="only rewrite ONNX (a trained head) as --flip-tta does, into --out")
    args = ap.parse_args(argv)
    if args.add_flip_averaging:
        print(args.out, add_flip_averaging(args.add_flip_averaging, args.out))
        return
    torch.set_num_threads(2)

    folder = args.data / "clothing"
    with open(folder / "labels.csv", newline="", encoding="utf-8") as f:
        rows = sorted((r for r in csv.DictReader(f) if r["fine_label"] in FINE_CLASSES),
                      key=lambda r: r["file"])
    train_rows, test_rows = held_out_split(rows)
    files = [r["file"] for r in rows]
    if args.cache.exists() and list(np.load(args.cache)["files"]) == files:
        maps = np.load(args.cache)["maps"]
    else:
        so = ort.SessionOptions()
        so.intra_op_num_threads = 2
        sess = ort.InferenceSession(
            str(models_dir() / "mobilenet_v2.onnx"), so, providers=["CPUExecutionProvider"]
        )
        maps = cache_views(folder, rows, args.views, args.seed, sess)
        np.savez(args.cache, maps=maps, files=np.array(files))
    # the run-time view's block13 map mirrored (what --flip-tta averages with in the app)
    mirrored = maps[:, :1, :, :, ::-1].copy()
    if args.train_from == 14:
        x, xm = maps, mirrored[:, 0]
    else:
        frozen_cache = args.cache.with_name(args.cache.stem + f".frozen{args.train_from}.npy")
        tail = build_tail(args.weights, args.train_from)
        if frozen_cache.exists():
            x = np.load(frozen_cache)
        else:
            x = frozen_maps(tail, maps)
            np.save(frozen_cache, x)
        xm = frozen_maps(tail, mirrored)[:, 0]
        del maps
    y = np.array([FINE_CLASSES.index(r["fine_label"]) for r in rows], dtype=np.int64)
    held = np.array([f in {r["file"] for r in test_rows} for f in files])

    if args.cv or args.select:
        use = np.arange(len(rows)) if args.cv else np.flatnonzero(~held)
        result = _fold_accuracy(x[use], xm[use], y[use], args.cv or args.select, args.weights,
                                args.epochs, args.seed, args.train_from)
        print(json.dumps({"cv" if args.cv else "select": result, "folds": args.cv or args.select}))
        return

    tr, te = np.flatnonzero(~held), np.flatnonzero(held)
    model = build_tail(args.weights, args.train_from)
    train(model, x[tr], y[tr], args.epochs, args.seed)
    fine = [FINE_CLASSES[i] for i in y[te]]
    result = {"plain": accuracy(predict(model, x[te, 0]), fine),
              "flip": accuracy(predict(model, x[te, 0], x[te, 1]), fine),
              "mapflip": accuracy(predict(model, x[te, 0], xm[te]), fine)}
    print(json.dumps({"held_out": result, "n_train": len(tr)}))
    if not args.no_export:
        model.flip_tta = args.flip_tta
        digest = export(model, args.out)
        names = args.out.with_suffix(".train.txt")
        names.write_text("".join(r["file"] + "\n" for r in train_rows), encoding="utf-8")
        print(args.out, digest)


if __name__ == "__main__":
    main()
