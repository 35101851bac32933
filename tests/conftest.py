"""Shared fixtures: a fresh catalog per test, generated photo trees, the shared datasets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent


def _shared_root() -> Path:
    env = os.environ.get("POSE_SHARED")
    return Path(env) if env else REPO_ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's data or config folders."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("POSE_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("POSE_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("POSE_LANG", "en")  # `pose` follows the system's language otherwise


@pytest.fixture
def shared_datasets() -> Path:
    """../shared/datasets (real labelled dev photos); the test skips when it is absent."""
    path = _shared_root() / "datasets"
    if not (path / "README.md").exists():
        pytest.skip("shared datasets not available (../shared/datasets)")
    return path


@pytest.fixture
def catalog_path(tmp_path) -> Path:
    """Path of a new, empty catalog file."""
    return tmp_path / "catalog.sqlite"


@pytest.fixture
def library(catalog_path):
    """A ``Library`` on a fresh catalog file."""
    from pose_desktop.services import Library

    lib = Library(catalog_path)
    yield lib
    lib.close()
