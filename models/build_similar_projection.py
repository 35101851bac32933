"""Build models/similar_pca.npy: the fixed projection of "more like this" search.

The backbone's 1280-d pooled features of the photos in DATA/captioned (everyday photos
that stand in for a user's library; the clothing/faces/emotion sets that
benchmarks/quality_tags.py measures similar-photo precision on are NOT used) and of their
mirror images are scaled to unit length; the projection is their top DIM right singular
vectors (uncentred, so inner products, and with them cosine scores and the duplicate
threshold, keep their meaning). Signs are fixed (largest entry of each vector positive).

    python models/build_similar_projection.py --data ../shared/datasets [--dim 256]

Needs only the app's own dependencies (numpy, onnxruntime, Pillow). The result is a
float32 array (1280, DIM); recompute its sha256 into models/MODELS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pose_desktop.inference.decode import decode_image  # noqa: E402
from pose_desktop.inference.imagenet import ImageNetBackbone, preprocess_imagenet  # noqa: E402
from pose_desktop.tagging.similar import PROJECTION_FILE, fit_projection  # noqa: E402


def features(paths: list[Path], flip: bool = False) -> np.ndarray:
    """Backbone pooled features of image files (run-time pre-processing)."""
    model = ImageNetBackbone(threads=2)
    out = []
    for i in range(0, len(paths), 16):
        x = np.stack([preprocess_imagenet(decode_image(p).pixels, flip=flip) for p in paths[i : i + 16]])
        out.append(model.predict(x)[1])
    return np.concatenate(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--dim", type=int, default=256)
    ap.add_argument("--out", type=Path, default=REPO / "models" / PROJECTION_FILE)
    args = ap.parse_args(argv)
    paths = sorted((args.data / "captioned" / "images").glob("*.jpg"))
    if len(paths) < args.dim // 2:
        raise SystemExit(f"need at least {args.dim // 2} photos in {args.data}/captioned/images")
    x = np.concatenate([features(paths), features(paths, flip=True)])
    proj = fit_projection(x, args.dim)
    np.save(args.out, proj.astype("<f4"), allow_pickle=False)
    print(f"{args.out}: {proj.shape} from {len(x)} feature vectors "
          f"({len(paths)} photos + mirror images)")
    print("sha256", hashlib.sha256(args.out.read_bytes()).hexdigest())
    return 0


if __name__ == "__main__":
    sys.exit(main())
