"""The clothing graph's int8 layers give the features its heads were trained on, on any CPU.

On x86-64 CPUs without VNNI, ONNX Runtime's fused uint8 x int8 kernels saturate and the
EfficientNet features drift (an AVX2-only EPYC: cosine 0.69 on a checkerboard, 0.93 on a real
face); ``ClothingModel`` then runs the quantized layers unfused (``_checked``). These tests
compare the app's session with the unfused graph (the reference math, a real ORT session) on
real photos, so they fail wherever the app would hand its heads drifted features."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from pose_desktop.inference.imagenet import (
    ClothingModel,
    block_cosines,
    clothing_probe,
    preprocess_imagenet,
)
from pose_desktop.inference.sessions import create_session


@pytest.fixture(scope="module")
def unfused():
    model = ClothingModel()
    session, _ = create_session(model.path, config={"session.disable_quant_qdq": "1"})
    return lambda x: session.run(["features"], {session.get_inputs()[0].name: x})[0]


def test_the_apps_features_are_the_graphs_on_real_photos(shared_datasets, unfused):
    photos = sorted((shared_datasets / "hashtags" / "images").glob("*.jpg"))[::300][:10]
    x = np.stack([preprocess_imagenet(Image.open(p).convert("RGB")) for p in photos])
    model = ClothingModel()
    got = model.features(x)
    assert block_cosines(got, unfused(x)).min() >= 0.999
    # the classifier's outputs follow: the same fine class as the exact graph on every photo
    fine, _ = model.predict(x)
    session, _ = create_session(model.path, config={"session.disable_quant_qdq": "1"})
    exact = session.run(["fine_probs"], {session.get_inputs()[0].name: x})[0]
    assert (fine.argmax(1) == exact.argmax(1)).all()
    assert np.abs(fine - exact).max() < 0.02


def test_the_probe_tells_a_saturating_session_from_an_exact_one(unfused):
    model = ClothingModel()
    probe = clothing_probe()
    assert probe.shape == (2, 224, 224, 3) and probe.dtype == np.uint8
    # the session the app keeps agrees with the exact graph on the probe ...
    kept = model.session.run(["features"], {model.input_names()[0]: probe})[0]
    assert block_cosines(kept, unfused(probe)).min() >= model.probe_min_cosine
    # ... and so does the exact graph checked as if it were the fused one
    exact, info = create_session(model.path, config={"session.disable_quant_qdq": "1"})
    assert model._checked(exact, info)[0] is exact
