"""A second launch on the same catalog: hands its photos to the open window; when the
holder is no window (a writing pose command), it is refused, or opens read-only if the
user agrees, asked in the interface language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    assert str(Path(held_catalog).resolve()) in asked[0]
    assert lib.catalog.readonly
    assert lib.photos.stats().photos == 0  # reading works
    with pytest.raises(CatalogError, match="read-only"):
        lib.photos.add_user_tag([1], "x")
    lib.close()


def test_first_instance_gets_the_lock(qapp, tmp_path):
    lib = open_library(str(tmp_path / "c.sqlite"), "en", interactive=False)
    with pytest.raises(CatalogLockedError):
        open_library(str(tmp_path / "c.sqlite"), "en", interactive=False)
    lib.close()
    open_library(str(tmp_path / "c.sqlite"), "en", interactive=False).close()


def test_already_open_question_is_all_korean(qapp, held_catalog, monkeypatch):
    from pose_desktop.ui import i18n

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    i18n.set_language("ko")
    with pytest.raises(CatalogLockedError):
        open_library(held_catalog, "ko")
    text = asked[0].replace(str(Path(held_catalog).resolve()), "")
    assert "읽기 전용" in text
    assert not any("a" <= c.lower() <= "z" for c in text.replace("pose", ""))


def test_second_launch_hands_its_photos_to_the_open_window(window, qtbot, photo_dir):
    """``pose-desktop PHOTO`` while the window is open: no second window, no read-only
    question; the open window comes up with ideas for PHOTO."""
    from pose_desktop.ui.app import bring_up
    from pose_desktop.ui.single_instance import InstanceServer

    server = InstanceServer(window.library.path, window)
    assert server.listen()
    server.paths_received.connect(lambda paths: bring_up(window, paths))
    photo = str(photo_dir / "img_3.jpg")
    second = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pose_desktop.ui.app import main;"
         f"sys.exit(main(['--catalog', {str(window.library.path)!r}, {photo!r}]))"],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
             "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    assert second.returncode == 0, second.stderr.read()
    assert window.drop_dialog is not None and window.drop_dialog.isVisible()
    assert window.drop_dialog.paths == [photo]
    assert not window.library.catalog.readonly
    server.close()


def test_a_stale_server_name_is_taken_over(qapp, tmp_path):
    """A crashed window leaves its socket behind (Linux): the next window still listens."""
    from pose_desktop.ui.single_instance import InstanceServer, send_to_running

    cat = tmp_path / "c.sqlite"
    first = InstanceServer(cat)
    assert first.listen()
    second = InstanceServer(cat)
    assert second.listen()  # the name is taken over, as after a crash
    first.close()
    second.close()
    assert not send_to_running(cat, [], timeout_ms=300)


def _damaged_with_backup(tmp_path):
    from datetime import datetime

    from pose_desktop.services import Library
    from tests.photos import make_jpeg

    make_jpeg(tmp_path / "p" / "a.jpg", when=datetime(2020, 1, 1))
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        list(lib.photos.index_folder(tmp_path / "p"))
        lib.photos.add_user_tag(lib.photos.photo_ids(), "grandma")
        lib.catalog.backup(tmp_path / "backups" / "c-20260101-000000.sqlite")
    with open(cat, "r+b") as fh:
        fh.truncate(4096)
    return cat


def _answer_damage_dialog(qtbot, button_text, seen):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def click():
        box = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(20, click)


def test_a_damaged_catalog_is_explained_and_restored_only_when_chosen(qapp, qtbot, tmp_path):
    cat = _damaged_with_backup(tmp_path)
    damaged = cat.read_bytes()
    seen: list[str] = []
    _answer_damage_dialog(qtbot, "Close", seen)
    with pytest.raises(CatalogError, match="is damaged"):
        open_library(str(cat), "en")
    assert "is damaged" in seen[0] and "c-20260101-000000.sqlite" in seen[0]
    assert cat.read_bytes() == damaged  # closing the dialog changed nothing
    _answer_damage_dialog(qtbot, "Restore the newest backup", seen)
    lib = open_library(str(cat), "en")
    try:
        assert [t.label for t in lib.photos.photo(lib.photos.photo_ids()[0]).tags if t.kind == "user"] == ["grandma"]
    finally:
        lib.close()
    assert (tmp_path / "c.sqlite.before-restore").read_bytes() == damaged


def test_the_damage_dialog_and_a_read_only_refusal_speak_korean(qapp, qtbot, tmp_path):
    from pose_desktop.errors import CatalogOpenReadOnlyError
    from pose_desktop.services import Library
    from pose_desktop.ui import i18n
    from pose_desktop.ui.workers import describe_error

    i18n.set_language("ko")  # the fixture puts English back
    cat = _damaged_with_backup(tmp_path)
    seen: list[str] = []
    _answer_damage_dialog(qtbot, "가장 최근 백업으로 되돌리기", seen)
    open_library(str(cat), "ko").close()
    assert "손상되었습니다" in seen[0] and "c-20260101-000000.sqlite" in seen[0]
    assert "is damaged" not in seen[0] and "Nothing was changed" not in seen[0]
    with Library(cat, readonly=True) as lib, pytest.raises(CatalogOpenReadOnlyError) as refused:
        lib.photos.add_user_tag([1], "x")
    said = describe_error(refused.value)
    assert "읽기 전용으로 열었으므로 아무것도 바꾸지 않았습니다" in said and "nothing" not in said
