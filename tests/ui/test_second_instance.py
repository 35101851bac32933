"""A second app on the same catalog is refused, or opens read-only if the user agrees."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from pose_desktop.errors import CatalogError, CatalogLockedError
from pose_desktop.ui.app import open_library


@pytest.fixture
def held_catalog(tmp_path):
    cat = str(tmp_path / "c.sqlite")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pose_desktop.services import Library;"
            f"lib = Library({cat!r}, exclusive=True); print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "ready"
    yield cat
    holder.kill()
    holder.wait()


def test_second_instance_refused_without_a_user_to_ask(qapp, held_catalog):
    with pytest.raises(CatalogLockedError, match="already open"):
        open_library(held_catalog, "en", interactive=False)


def test_second_instance_opens_read_only_when_the_user_agrees(qapp, held_catalog, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    lib = open_library(held_catalog, "en")
    assert "already open" in asked[0] and "read-only" in asked[0]
    assert lib.catalog.readonly
    assert lib.stats().photos == 0  # reading works
    with pytest.raises(CatalogError, match="read-only"):
        lib.add_user_tag([1], "x")
    lib.close()


def test_first_instance_gets_the_lock(qapp, tmp_path):
    lib = open_library(str(tmp_path / "c.sqlite"), "en", interactive=False)
    with pytest.raises(CatalogLockedError):
        open_library(str(tmp_path / "c.sqlite"), "en", interactive=False)
    lib.close()
    open_library(str(tmp_path / "c.sqlite"), "en", interactive=False).close()
