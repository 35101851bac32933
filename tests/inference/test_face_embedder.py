"""The identity embedder (dlib's ResNet as ONNX) and its chip alignment, on real dev faces.

The comparison with dlib itself runs where dlib and PyPI face-recognition-models are
installed (the train extra); the rest needs only the shipped model and ../shared/datasets.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pose_desktop.inference.face_models import FaceDetector, FaceEmbedder

ROOT = Path(__file__).resolve().parents[2]


def _faces_dir() -> Path:
    from tests.conftest import _shared_root

    src = _shared_root() / "datasets" / "faces"
    if not (src / "labels.csv").exists():
        pytest.skip("shared datasets not available (../shared/datasets)")
    return src


def _dev_faces(per_person: int = 3, people: int = 6):
    src = _faces_dir()
    with open(src / "labels.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_person = defaultdict(list)
    for r in rows:
        by_person[r["label"]].append(r["file"])
    out = []
    for name in sorted(by_person)[:people]:
        for file in sorted(by_person[name])[:per_person]:
            out.append((name, np.asarray(Image.open(src / "images" / file).convert("RGB"))))
    return out


@pytest.fixture(scope="module")
def models():
    return FaceDetector(), FaceEmbedder()


def _embed(models, image: np.ndarray) -> np.ndarray:
    det, emb = models
    face = max(det.detect(image), key=lambda f: f.size)
    return emb.embed(emb.align(image, face.landmarks)[None])[0]


def test_same_person_is_closer_than_anyone_else(models):
    faces = _dev_faces()
    names = [n for n, _ in faces]
    emb = np.stack([_embed(models, im) for _, im in faces])
    assert emb.shape == (len(faces), 128)
    assert np.allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    sims = emb @ emb.T
    np.fill_diagonal(sims, -1)
    for i, name in enumerate(names):
        nearest = int(np.argmax(sims[i]))
        assert names[nearest] == name, (i, name, names[nearest])


def test_chip_does_not_depend_on_photo_scale_or_rotation(models):
    """The same face 4x larger (the chip then comes from a box-filtered region), 2x smaller,
    and turned by 20 degrees embeds to nearly the same vector; another person does not."""
    faces = _dev_faces(per_person=1, people=2)
    (_, im), (_, other) = faces
    base = _embed(models, im)
    pil = Image.fromarray(im)
    big = np.asarray(pil.resize((im.shape[1] * 4, im.shape[0] * 4), Image.LANCZOS))
    small = np.asarray(pil.resize((im.shape[1] // 2, im.shape[0] // 2), Image.LANCZOS))
    turned = np.asarray(pil.rotate(20, resample=Image.BICUBIC, fillcolor=(128, 128, 128)))
    for variant in (big, small, turned):
        assert float(_embed(models, variant) @ base) > 0.95
    assert float(_embed(models, other) @ base) < 0.9


def test_chip_of_a_large_face_is_smoothed_not_aliased(models):
    """A face 6x larger than its chip, with pixel-sized grain (sensor noise, fabric): the chip
    averages the grain away like the chip of the clean photo at 1x (bilinear sampling alone
    would pick single grains: measured 19.9 grey levels from the clean chip, vs 4.0)."""
    det, emb = models
    (_, im), = _dev_faces(per_person=1, people=1)
    big = np.asarray(Image.fromarray(im).resize((im.shape[1] * 6, im.shape[0] * 6), Image.BICUBIC)).astype(float)
    big = np.clip(big + np.random.default_rng(0).normal(0, 40, big.shape), 0, 255).astype(np.uint8)
    face = max(det.detect(im), key=lambda f: f.size)
    from_big = emb.align(big, face.landmarks * 6).astype(float)
    from_small = emb.align(im, face.landmarks).astype(float)
    assert np.abs(from_big - from_small).mean() < 8.0


def test_onnx_graph_equals_dlib_on_the_same_chips(tmp_path):
    """Our reader + graph builder reproduce the shipped file byte for byte and dlib's own
    embeddings (cosine >= 0.999) on dlib's own chips of the dev faces."""
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or importlib.util.find_spec("dlib") is None or importlib.util.find_spec("onnx") is None:
        pytest.skip("dlib / face-recognition-models / onnx not installed (the train extra)")
    import dlib
    import onnxruntime as ort

    sys.path.insert(0, str(ROOT / "models"))
    from dlib_dnn import build_onnx, read_dlib_net

    models = Path(spec.origin).parent / "models"
    dat = models / "dlib_face_recognition_resnet_model_v1.dat"
    graph = build_onnx(read_dlib_net(dat.read_bytes())).SerializeToString()
    shipped = (ROOT / "models" / "face_embedder.onnx").read_bytes()
    assert hashlib.sha256(graph).hexdigest() == hashlib.sha256(shipped).hexdigest()
    sess = ort.InferenceSession(graph, providers=["CPUExecutionProvider"])
    detector = dlib.get_frontal_face_detector()
    predictor = dlib.shape_predictor(str(models / "shape_predictor_5_face_landmarks.dat"))
    net = dlib.face_recognition_model_v1(str(dat))
    checked = 0
    for _, im in _dev_faces(per_person=2, people=6):
        found = detector(im, 1)
        if not found:
            continue
        chip = dlib.get_face_chip(im, predictor(im, found[0]), 150, 0.25)
        ref = np.array(net.compute_face_descriptor(chip))
        (ours,) = sess.run(["embedding"], {"input": chip[None]})
        cos = float(ours[0] @ ref / np.linalg.norm(ours[0]) / np.linalg.norm(ref))
        assert cos >= 0.999
        checked += 1
    assert checked >= 10
