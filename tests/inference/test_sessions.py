"""Execution-provider choice, tested on CPU-only machines by faking what onnxruntime offers."""

from __future__ import annotations

import pytest

from pose_desktop.errors import ModelError
from pose_desktop.inference import sessions
from pose_desktop.inference.face_models import FaceEmbedder

CUDA, CPU = sessions.CUDA, sessions.CPU


def test_cuda_missing_falls_back_to_cpu(monkeypatch):
    monkeypatch.setattr(sessions, "available_providers", lambda: [CPU])
    assert sessions.choose_providers("auto") == [CPU]


def test_cuda_listed_and_driver_present_is_preferred(monkeypatch):
    monkeypatch.setattr(sessions, "cuda_driver_present", lambda: True)
    fake = ["TensorrtExecutionProvider", CUDA, CPU]
    assert sessions.choose_providers("auto", fake) == [CUDA, CPU]


def test_cuda_listed_without_driver_uses_cpu(monkeypatch):
    # onnxruntime-gpu lists CUDA even where no NVIDIA driver exists
    monkeypatch.setattr(sessions, "cuda_driver_present", lambda: False)
    assert sessions.choose_providers("auto", [CUDA, CPU]) == [CPU]


def test_device_setting(monkeypatch):
    monkeypatch.setattr(sessions, "cuda_driver_present", lambda: True)
    assert sessions.choose_providers("cpu", [CUDA, CPU]) == [CPU]
    assert sessions.choose_providers("gpu", [CUDA, CPU]) == [CUDA, CPU]
    with pytest.raises(ModelError, match="CUDA is not usable"):
        sessions.choose_providers("gpu", [CPU])
    with pytest.raises(ModelError, match="Unknown device"):
        sessions.choose_providers("tpu", [CPU])
    monkeypatch.setenv("POSE_DEVICE", "cpu")
    assert sessions.choose_providers(None, [CUDA, CPU]) == [CPU]


def test_thread_cap(monkeypatch):
    monkeypatch.setattr(sessions.os, "cpu_count", lambda: 32)
    monkeypatch.delenv("POSE_THREADS", raising=False)
    assert sessions.intra_op_threads() == sessions.MAX_INTRA_OP_THREADS
    assert sessions.intra_op_threads(1) == 1
    monkeypatch.setenv("POSE_THREADS", "2")
    assert sessions.intra_op_threads() == 2


def test_real_session_reports_the_provider_in_use(monkeypatch):
    monkeypatch.setattr(sessions, "available_providers", lambda: [CPU])
    model = FaceEmbedder()
    assert not model.loaded
    info = model.info  # loads lazily
    assert info.provider == CPU and info.device_label == "CPU"
    assert sessions.last_session_info().model == "face_embedder.onnx"
    first = model.session
    assert model.load() is first  # idempotent


def test_sessions_share_one_arena_with_the_same_results(shared_datasets):
    """Every session takes its CPU memory from the one shared arena, and a model's results
    there are those of a session with its own arena, also with two sessions running at
    once in two threads (as a dropped photo's graph runs)."""
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np
    import onnxruntime as ort
    from PIL import Image

    from pose_desktop.inference.imagenet import ClothingModel, ImageNetBackbone

    assert sessions.shared_cpu_arena()  # this onnxruntime registers it
    photos = sorted((shared_datasets / "captioned" / "images").glob("*.jpg"))[:6]
    x = np.stack([np.asarray(Image.open(p).convert("RGB").resize((288, 288))) for p in photos])
    backbone, clothing = ImageNetBackbone(), ClothingModel()
    assert backbone.session is not clothing.session
    for model in (backbone, clothing):
        opts = ort.SessionOptions()  # its own arena, as sessions had before
        for key, value in model.session_config.items():
            opts.add_session_config_entry(key, value)
        own = ort.InferenceSession(str(model.path), sess_options=opts, providers=[CPU])
        want = own.run(["features"], {"input": x})[0]
        with ThreadPoolExecutor(2) as pool:  # both shared-arena models at once
            got = list(pool.map(lambda m: m.features(x), [model, clothing if model is backbone else backbone]))
        np.testing.assert_allclose(got[0], want, rtol=1e-5, atol=1e-6)
