"""Model files are verified against models/MODELS.md before they are loaded."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from pose_desktop.errors import ModelError
from pose_desktop.inference.face_models import FaceEmbedder
from pose_desktop.inference.manifest import load_manifest, parse_manifest
from pose_desktop.paths import models_dir


def test_every_shipped_onnx_file_has_a_matching_entry():
    manifest = load_manifest(models_dir())
    shipped = sorted(p.name for p in models_dir().glob("*.onnx"))
    assert shipped and set(shipped) <= set(manifest)
    for name in ("face_pnet.onnx", "face_rnet.onnx", "face_onet.onnx", "face_embedder.onnx",
                 "emotion.onnx", "emotion_fer.onnx"):
        assert name in manifest


def test_parse_manifest_reads_only_sha_lines_under_onnx_headings():
    text = "# Models\n- sha256: " + "a" * 64 + "\n## x.onnx\n- origin: y\n- sha256: " + "B" * 64 + "\n## notes\n- sha256: " + "c" * 64
    assert parse_manifest(text) == {"x.onnx": "b" * 64}


@pytest.fixture
def models_copy(tmp_path):
    dest = tmp_path / "models"
    dest.mkdir()
    for name in ("MODELS.md", "face_embedder.onnx"):
        shutil.copy(models_dir() / name, dest / name)
    return dest


def test_corrupt_model_file_is_refused_with_a_clear_error(models_copy):
    path = models_copy / "face_embedder.onnx"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the weights
    path.write_bytes(bytes(data))
    model = FaceEmbedder(models_copy)
    with pytest.raises(ModelError) as err:
        model.embed(np.zeros((1, 112, 112, 3), np.uint8))
    msg = str(err.value)
    assert "face_embedder.onnx" in msg and "corrupt" in msg and "sha256" in msg
    assert not model.loaded


def test_missing_entry_and_missing_file_are_refused(models_copy):
    (models_copy / "MODELS.md").write_text("# nothing listed\n")
    with pytest.raises(ModelError, match="no sha256 entry"):
        FaceEmbedder(models_copy).load()
    (models_copy / "face_embedder.onnx").unlink()
    with pytest.raises(ModelError, match="missing"):
        FaceEmbedder(models_copy).load()


def test_intact_copy_loads_and_embeds(models_copy):
    emb = FaceEmbedder(models_copy).embed(np.full((2, 150, 150, 3), 128, np.uint8))
    assert emb.shape == (2, 128)
    assert np.allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-4)
