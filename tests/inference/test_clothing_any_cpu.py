"""The clothing graph's int8 layers give the features its heads were trained on, on any CPU.

On x86-64 CPUs without VNNI, ONNX Runtime's fused uint8 x int8 kernels saturate by default
and the EfficientNet features drift (an AVX2-only EPYC: cosine 0.72 to the hashtag head's
stored inputs); ``ClothingModel`` asks for the exact kernels (``session_config``). These tests
compare the app's session with what the heads were trained on: the hashtag head's stored
training inputs (read from its ONNX file with the onnx package) for real training photos, and
the unfused graph (the reference math, a real ORT session) for the classifier's answers. They
fail wherever the app would hand its heads drifted features."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import numpy_helper
from PIL import Image

from pose_desktop.analysis.picture import PictureAnalyzer
from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.imagenet import CLOTHING_CROP, FEATURE_DIM, ClothingModel, centre_crop
from pose_desktop.inference.sessions import create_session

HEAD = Path(__file__).resolve().parents[2] / "models" / "hashtag_head.onnx"


def block_cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(N, 2): per row, the cosine of clothing features ``a`` and ``b`` in each backbone's
    block (Lite0, Lite2)."""
    out = []
    for k in (0, FEATURE_DIM):
        x, y = a[:, k:k + FEATURE_DIM], b[:, k:k + FEATURE_DIM]
        out.append((x * y).sum(1) / np.maximum(np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1), 1e-12))
    return np.stack(out, 1)


def test_the_apps_features_are_the_hashtag_heads_training_inputs(shared_datasets):
    # the head keeps its training photos' picture inputs (row k: the k-th photo of its
    # .train.txt; each view's MobileNetV2 block, then each view's clothing features)
    stored = {t.name: t for t in onnx.load(str(HEAD)).graph.initializer}["V"]
    inputs = numpy_helper.to_array(stored).astype(np.float32).T
    lines = HEAD.with_suffix(".train.txt").read_text(encoding="utf-8").splitlines()
    analyzer, model = PictureAnalyzer(), ClothingModel()
    for k in range(0, len(lines), 450):
        folder, name = lines[k].split()[1].split("/", 1)
        image = decode_image(shared_datasets / folder / "images" / name, analyzer.max_side).pixels
        views = analyzer.views(image)[1]  # the head's views, as the app makes them
        got = model.features(views).reshape(1, -1)
        want = inputs[k, inputs.shape[1] - got.shape[1]:]  # float16, stored as the app made them
        # exact up to the float16 storage (the unfused float graph reaches only 0.998-0.999)
        assert block_cosines(got.reshape(-1, 2 * FEATURE_DIM), want.reshape(-1, 2 * FEATURE_DIM)).min() >= 0.9999


@pytest.fixture(scope="module")
def unfused():
    session, _ = create_session(ClothingModel().path, config={"session.disable_quant_qdq": "1"})
    return lambda x, out: session.run([out], {session.get_inputs()[0].name: x})[0]


def test_the_classifier_answers_as_the_graph_on_real_photos(shared_datasets, unfused):
    photos = sorted((shared_datasets / "hashtags" / "images").glob("*.jpg"))[::300][:10]
    x = np.stack([centre_crop(Image.open(p).convert("RGB"), CLOTHING_CROP) for p in photos])  # the app's view
    model = ClothingModel()
    # the unfused graph (float convolutions) is itself within 0.998-0.9995 of the exact
    # int8 math on the 224 px crops, 0.9978 at worst on the 288 px ones
    assert block_cosines(model.features(x), unfused(x, "features")).min() >= 0.997
    # the classifier's outputs follow: the same fine class as the float graph wherever
    # its best class leads by more than 0.01 (a near-tie may go either way: one of these
    # photos leads by 0.003 on the 224 px crop), probabilities within 0.03
    fine, _ = model.predict(x)
    exact = unfused(x, "fine_probs")
    top2 = np.sort(exact, axis=1)[:, -2:]
    assert (fine.argmax(1) == exact.argmax(1))[top2[:, 1] - top2[:, 0] > 0.01].all()
    assert np.abs(fine - exact).max() < 0.03
