"""Rebuild models/hashtag_head.onnx: the hashtag head, trained by us on the dev photos.

    python models/build_hashtag_head.py --data ../shared/datasets [--cache DIR] [--sweep]

Every training photo (``training.hashtags.training_set``: hashtags/ and the captioned/
photos the caption rule tags) goes through the app's own analysis once
(benchmarks/hashtag_photos.py: the graph ``pose suggest`` runs for a dropped file, cached by
sha256 under artifacts/bench_cache), which gives the head's inputs exactly as the picture
analyzer builds them: MobileNetV2 and EfficientNet-Lite0/2 features of the hashtag views
(``imagenet.HASHTAG_CROP``: 288 px, Lite2 at 260, and the whole photo letterboxed at
``HASHTAG_LETTERBOX`` = 288 px, side by side; recorded in the file's metadata ``crop`` and
``letterbox``)
and the detector's people and objects (``tagging.hashtag_inputs``). Then the recipe of
``pose_desktop.training.hashtags``: grouped 5-fold cross-validation (calibrations and
per-hashtag thresholds chosen on the out-of-fold outputs, figures printed), the fit on
every photo, the ONNX export (checked against numpy), and models/hashtag_head.train.txt
(sha256 of every training photo). ``--sweep`` prints the cross-validated figures of the
settings around the shipped ones (what MODELS.md reports) and writes no model; ``--oof F``
keeps the out-of-fold outputs between runs (keyed by the settings they depend on).

Needs the training extras (``pip install .[train]``: scipy, scikit-learn, torch, onnx).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from hashtag_photos import CACHE_DIR, duplicate_groups, head_inputs, photo_records  # noqa: E402

from pose_desktop.inference.imagenet import BACKBONE_CROP, HASHTAG_CROP, HASHTAG_LETTERBOX  # noqa: E402
from pose_desktop.training import hashtags as recipe  # noqa: E402

SWEEP: dict[str, tuple] = {
    "object_scale": (0.0, 0.5, 1.0, 2.0),
    "l2": (3e-4, 1e-3, 3e-3),
    "ig_weight": (0.5, 1.0),
    "knn_k": (15, 30, 60),
    "mlp_hidden": (128, 256, 512),
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Train and export the hashtag head.")
    ap.add_argument("--data", type=Path, required=True, help="datasets root (hashtags/, captioned/)")
    ap.add_argument("--cache", type=Path, default=CACHE_DIR, help="cache of the photos' model outputs")
    ap.add_argument("--out", type=Path, default=REPO / "models" / "hashtag_head.onnx")
    ap.add_argument("--oof", type=Path, help="cache of the out-of-fold outputs (.pkl), by settings")
    ap.add_argument("--sweep", action="store_true", help="print the CV figures of nearby settings only")
    ap.add_argument("--crop", choices=("hashtag", "backbone"), default="hashtag",
                    help="the views of the backbones' features: HASHTAG_CROP and HASHTAG_LETTERBOX (288 px, "
                         "shipped) or the 224 px crop")
    args = ap.parse_args(argv)
    crop = HASHTAG_CROP if args.crop == "hashtag" else BACKBONE_CROP

    paths, labels, insta = recipe.training_set(args.data)
    records = photo_records(paths, args.cache)
    inputs = head_inputs(records, crop)
    counts: dict[str, int] = {}
    for tags in labels:
        for t in tags:
            counts[t] = counts.get(t, 0) + 1
    vocab = sorted(t for t, n in counts.items() if n >= recipe.MIN_PHOTOS)
    y = np.array([[t in tags for t in vocab] for tags in labels], np.float32)
    groups = duplicate_groups(records)
    shipped = recipe.Settings()
    memo: dict = pickle.loads(args.oof.read_bytes()) if args.oof and args.oof.exists() else {}
    if args.sweep:
        for name, values in SWEEP.items():
            for v in values:
                s = dataclasses.replace(shipped, **{name: v})
                f = recipe.cross_validated(inputs, y, insta, groups, vocab, settings=s, memo=memo).figures
                print(json.dumps({name: v, "top1": f["all"]["top1"], "top3": f["all"]["top3"],
                                  "instagram": f["instagram"], "other": f["other"]}))
        if args.oof:
            args.oof.write_bytes(pickle.dumps(memo))
        return
    cv = recipe.cross_validated(inputs, y, insta, groups, vocab, settings=shipped, memo=memo)
    if args.oof:
        args.oof.write_bytes(pickle.dumps(memo))
    print(json.dumps({"cv": cv.figures, "thresholds": cv.thresholds}, ensure_ascii=False))
    key = ("head", recipe.fingerprint(inputs, y, insta, groups), shipped)
    if key not in memo:
        memo[key] = recipe.fit_head(inputs, y, insta, shipped)
        if args.oof:
            args.oof.write_bytes(pickle.dumps(memo))
    head = memo[key]
    digest = recipe.export(head, cv, inputs, y, vocab, args.out,
                           {"cv": cv.figures, "crop": [crop.side, crop.short]}
                           | ({"letterbox": HASHTAG_LETTERBOX} if crop == HASHTAG_CROP else {}), shipped)
    import onnxruntime as ort

    few = inputs.take(slice(0, 64))
    session = ort.InferenceSession(str(args.out), providers=["CPUExecutionProvider"])
    got = session.run(None, dict(zip((i.name for i in session.get_inputs()), few.arrays(), strict=True)))[0]
    want = recipe.head_probs(head, inputs, y, few, cv, shipped)
    assert np.abs(got - want).max() < 2e-3, f"ONNX and numpy differ by {np.abs(got - want).max()}"
    listed = args.out.with_suffix(".train.txt")
    listed.write_text("".join(f"{r['sha']}  {p.parent.parent.name}/{p.name}\n" for r, p in zip(records, paths, strict=True)),
                      encoding="utf-8")
    print(args.out, digest)


if __name__ == "__main__":
    main()
