"""A second launch on the same catalog: hands its photos to the open window; when the
holder is no window (a writing pose command), it is refused, or opens read-only if the
user agrees, asked in the interface language."""

from __future__ import annotations

import os
import re
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
    assert open_library(held_catalog, "ko") is None  # "No": not opened
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


def _answer_damage_dialog(qtbot, button_text, seen, buttons=None):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def click():
        box = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, click)
            return
        seen.append(box.text() + "\n\n" + box.informativeText())
        if buttons is not None:
            buttons.extend(b.text() for b in box.buttons())
        chosen = [b for b in box.buttons() if b.text() == button_text]
        chosen[0].click() if chosen else box.done(0)  # a missing choice fails, not hangs
        assert chosen, [b.text() for b in box.buttons()]

    QTimer.singleShot(20, click)


def test_a_damaged_catalog_is_explained_and_restored_only_when_chosen(qapp, qtbot, tmp_path):
    cat = _damaged_with_backup(tmp_path)
    damaged = cat.read_bytes()
    seen: list[str] = []
    _answer_damage_dialog(qtbot, "Close", seen)
    assert open_library(str(cat), "en") is None
    assert "is damaged" in seen[0] and "c-20260101-000000.sqlite" in seen[0]
    # the window's way out is its buttons, not a command to type
    assert "Restore the newest backup: " in seen[0] and "c.sqlite.before-restore" in seen[0]
    assert "pose restore" not in seen[0] and "`" not in seen[0]
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


def _one_damaged_catalog(tmp_path, damage):
    """A catalog of one photo, damaged by ``damage(cat)``, with no backup."""
    from datetime import datetime

    from pose_desktop.services import Library
    from tests.photos import make_jpeg

    make_jpeg(tmp_path / "p" / "a.jpg", when=datetime(2020, 1, 1))
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        list(lib.photos.index_folder(tmp_path / "p"))
    damage(cat)
    return cat


def _cut_to_4_kb(cat):
    with open(cat, "r+b") as fh:
        fh.truncate(4096)


def _zero_an_index_page(cat):
    """A flipped sector in the index of Instagram posts by time: the photos still read."""
    from tests.catalog.test_integrity import _damage_a_table_page

    _damage_a_table_page(cat, "idx_posts_ts")


def _damage_dialog(qtbot, tmp_path, damage, button: str, lang: str = "en"):
    """A one-photo catalog damaged by ``damage``, opened with ``button`` chosen in the
    damage dialog: (the file, its damaged bytes, the dialog's text, its buttons, the
    library opened or None)."""
    cat = _one_damaged_catalog(tmp_path, damage)
    damaged = cat.read_bytes()
    seen: list[str] = []
    buttons: list[str] = []
    _answer_damage_dialog(qtbot, button, seen, buttons)
    lib = open_library(str(cat), lang)
    return cat, damaged, seen[0], buttons, lib


def test_a_catalog_cut_short_offers_no_read_only_look_but_a_new_catalog(qapp, qtbot, tmp_path):
    """A catalog cut to 4 KB cannot be read at all: "Open read-only" was offered and ended
    on the same error. Now it is not offered; "Start a new catalog" opens an empty one and
    keeps the damaged file, byte for byte, under the name the dialog said."""
    cat, damaged, said, buttons, lib = _damage_dialog(qtbot, tmp_path, _cut_to_4_kb,
                                                     "Start a new catalog")
    try:
        assert "Open read-only" not in buttons and "Close" in buttons, buttons
        kept = [p for p in tmp_path.iterdir()
                if p.name.startswith("c.sqlite.damaged-") and not p.name.endswith("-wal")]
        assert len(kept) == 1 and kept[0].read_bytes() == damaged
        assert f"kept, unchanged, as {kept[0].name}" in said, said
        assert "database disk image is malformed" in said
        assert not lib.readonly and lib.photos.count() == 0  # a new, empty, writable catalog
    finally:
        lib.close()


def test_a_damaged_catalog_whose_photos_still_read_opens_read_only_when_chosen(qapp, qtbot, tmp_path):
    cat, damaged, said, buttons, lib = _damage_dialog(qtbot, tmp_path, _zero_an_index_page,
                                                     "Open read-only")
    try:
        assert lib.readonly and lib.photos.count() == 1
        assert "Start a new catalog" in buttons and "look at what can still be read" in said
    finally:
        lib.close()
    assert cat.read_bytes() == damaged


def test_the_damage_dialog_says_sqlites_reason_and_the_choices_in_korean(qapp, qtbot, tmp_path):
    from pose_desktop.ui import i18n

    i18n.set_language("ko")  # the fixture puts English back
    cat, _, said, buttons, lib = _damage_dialog(qtbot, tmp_path, _cut_to_4_kb, "닫기", "ko")
    assert lib is None
    assert "데이터베이스 파일의 구조가 망가졌습니다" in said, said
    assert "pose restore" not in said and ".recover" not in said and "온전한 백업을 찾지 못했습니다" in said
    text = re.sub(r"c\.sqlite[\w.-]*", "", said.replace(str(cat), ""))
    assert not re.search("[A-Za-z]{3,}", text), text
    assert "새 카탈로그 시작" in buttons and "읽기 전용으로 열기" not in buttons, buttons


def test_the_systems_reason_in_a_catalog_error_is_said_in_korean_in_the_window(qapp):
    from pose_desktop.errors import CatalogFolderError
    from pose_desktop.ui import i18n
    from pose_desktop.ui.workers import describe_error

    i18n.set_language("ko")
    said = describe_error(CatalogFolderError(path=Path("/x/y"), detail="Permission denied"))
    assert said == "카탈로그 폴더 /x/y을(를) 만들 수 없습니다: 읽을 권한이 없습니다", said


def test_answering_no_to_read_only_quits_without_a_second_box(qapp, held_catalog, monkeypatch):
    """The catalog is held by a pose command: "No" to "open read-only instead?" was followed
    by a second box saying "already open" again. Now the app just ends."""
    import logging

    from pose_desktop.ui.app import main

    asked, errors = [], []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    handlers = list(logging.getLogger().handlers)
    try:
        assert main(["--catalog", held_catalog]) == 0
    finally:
        for h in logging.getLogger().handlers[len(handlers):]:
            logging.getLogger().removeHandler(h)
            h.close()
    assert len(asked) == 1 and "already open" in asked[0] and errors == []
