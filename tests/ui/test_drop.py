"""Dropping image files on the window opens the hashtag suggestions panel."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication

from pose_desktop.services import SuggestionInfo, SuggestResult
from tests.photos import make_jpeg


def drop_files(window, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert event.isAccepted()


def _fake_suggest(paths, top=10, faces=True):
    out = []
    for i, p in enumerate(paths):
        sugg = [
            SuggestionInfo(
                "강아지", "#강아지 (dog)", "dog", 0.9 - 0.1 * i, "builtin", "scene dog 0.91"
            ),
            SuggestionInfo("산책", "#산책 (walk)", "walk", 0.5, "personal", "you often post walks"),
        ]
        if i == 0:
            sugg.append(
                SuggestionInfo("바다", "#바다 (sea)", "sea", 0.1, "builtin", "scene beach 0.12")
            )
        out.append(SuggestResult(str(p), None, sugg, []))
    return out


def test_drop_shows_ranked_checkable_suggestions_and_copies_text(
    window, qtbot, tmp_path, monkeypatch
):
    files = [
        make_jpeg(tmp_path / f"d{i}.jpg", when=datetime(2024, 1, 1), seed=70 + i) for i in range(2)
    ]
    monkeypatch.setattr(window.library.pictures, "suggest_files", _fake_suggest)
    window.drop_dialog = None
    drop_files(window, files)
    dlg = window.drop_dialog
    qtbot.waitUntil(lambda: dlg.model.rowCount() > 0, timeout=5000)
    tags = [r.tag for r in dlg.model.rows]
    assert tags == ["강아지", "산책", "바다"]  # in both photos beats strong-in-one
    assert (dlg.model.rows[0].photos, dlg.model.rows[0].of) == (2, 2)
    assert dlg.model.index(0, 3).data() == "2 / 2" and dlg.model.index(0, 2).data() == "90%"
    assert dlg.model.checked_tags() == ["강아지", "산책"]  # the weak one is not ticked
    idx = dlg.model.index(2, 0)
    dlg.model.setData(idx, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    dlg.copy_button.click()
    assert QGuiApplication.clipboard().text() == "#강아지 #산책 #바다"
    assert "2 photos" in dlg.heading.text()


def test_drop_then_add_to_library_indexes_the_files(window, qtbot, tmp_path, monkeypatch):
    for i in range(3):
        make_jpeg(tmp_path / f"n{i}.jpg", when=datetime(2020, 6, 1), seed=170 + i)
    monkeypatch.setattr(window.library.pictures, "suggest_files", _fake_suggest)
    window.settings.set("analyse_automatically", False)  # about indexing; analysis is tested apart
    window.drop_dialog = None
    drop_files(window, [tmp_path])  # a folder works too
    dlg = window.drop_dialog
    assert len(dlg.paths) == 3
    with qtbot.waitSignal(window.job_ended, timeout=30_000):
        dlg.add_button.click()
    assert window.library.photos.count() == 6 + 3


def _models_usable() -> bool:
    from pose_desktop.paths import models_dir

    manifest = models_dir() / "MODELS.md"
    return manifest.exists() and "mobilenet_v2.onnx" in manifest.read_text(encoding="utf-8")


@pytest.mark.slow
def test_drop_of_real_photos_gives_model_suggestions(window, qtbot, shared_datasets):
    """End to end: the real suggestion service on real photos from the shared datasets."""
    if not _models_usable():
        pytest.skip("the shipped models are not in models/MODELS.md yet")
    images = sorted((shared_datasets / "captioned" / "images").glob("*.jpg"))[:2]
    window.drop_dialog = None
    drop_files(window, images)
    dlg = window.drop_dialog
    with qtbot.waitSignal(dlg.suggestions_ready, timeout=120_000) as blocker:
        pass
    assert blocker.args[0] > 0, dlg.status.text()
    assert all(r.tag and r.reason for r in dlg.model.rows)
    assert dlg.text_to_copy().startswith("#")


def test_add_to_library_keeps_the_ticked_hashtags_searchable(window, qtbot, tmp_path, monkeypatch):
    """Dropped photos added to the library keep the hashtags ticked for them, as the user's
    own: in the hashtag tree and found by search (Korean and English)."""
    files = [make_jpeg(tmp_path / f"k{i}.jpg", when=datetime(2020, 6, 1), seed=270 + i)
             for i in range(2)]
    monkeypatch.setattr(window.library.pictures, "suggest_files", _fake_suggest)
    window.settings.set("analyse_automatically", False)
    window.drop_dialog = None
    drop_files(window, files)
    dlg = window.drop_dialog
    qtbot.waitUntil(lambda: dlg.model.rowCount() > 0, timeout=5000)
    assert dlg.add_button.text() == "Add to library"
    assert dlg.model.checked_tags() == ["강아지", "산책"]
    dlg.model.setData(dlg.model.index(1, 0), Qt.CheckState.Unchecked.value,
                      Qt.ItemDataRole.CheckStateRole)  # the user unticks #산책
    with qtbot.waitSignal(window.job_ended, timeout=30_000):
        dlg.add_button.click()
    lib = window.library
    ids = sorted(lib.photos.resolve(str(f)) for f in files)
    assert None not in ids
    for pid in ids:
        tags = {(t.kind, t.name, t.source) for t in lib.photos.photo(pid).tags}
        assert ("hashtag", "강아지", "user") in tags
        assert not any(n == "산책" for _, n, _ in tags)
    assert set(ids) <= {p.id for p in lib.photos.search("강아지")}
    assert set(ids) <= {p.id for p in lib.photos.search("dog")}  # the English name finds it too
    qtbot.waitUntil(lambda: window.tag_model.find_key(("k", "hashtag", "강아지")).isValid())


def test_ideas_for_library_photos_keep_hashtags_on_them(window, qtbot, photo_dir, monkeypatch):
    """Ideas for photos already in the library: the same window, 'Keep ticked hashtags'."""
    def fake_for_photo(photo_id, top=10):
        return SuggestResult(None, photo_id, [
            SuggestionInfo("바다", "#바다 (sea)", "sea", 0.8, "builtin", "scene beach 0.81")], [])

    monkeypatch.setattr(window.library.pictures, "suggest_for_photo", fake_for_photo)
    lib = window.library
    ids = [lib.photos.resolve(str(photo_dir / "img_4.jpg")), lib.photos.resolve(str(photo_dir / "img_5.jpg"))]
    dlg = window.show_ideas_for_selection(ids)
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 1, timeout=5000)
    assert dlg.add_button.text() == "Keep ticked hashtags"
    assert "2 photos" in dlg.heading.text() and dlg.model.checked_tags() == ["바다"]
    with qtbot.waitSignal(dlg.hashtags_kept):
        dlg.add_button.click()
    assert {p.id for p in lib.photos.search("바다")} >= set(ids)
    assert "#바다" in dlg.status.text()
    # dropped files afterwards: the same window switches back to adding them
    dlg.set_files([str(photo_dir / "img_0.jpg")])
    assert dlg.add_button.text() == "Add to library" and dlg.photo_ids == []


def test_only_likely_ideas_are_ticked(window, qtbot, tmp_path, monkeypatch):
    """Weak ideas (a portrait's #운동 27 %, #음식 16 %) are listed but not ticked."""
    photo = make_jpeg(tmp_path / "face.jpg", when=datetime(2024, 7, 1), seed=44)

    def suggest(paths, top=10, faces=True):
        return [SuggestResult(str(paths[0]), None, [
            SuggestionInfo("여름", "#여름 (summer)", "summer", 0.55, "builtin", "taken in summer"),
            SuggestionInfo("운동", "#운동 (workout)", "workout", 0.27, "builtin", "picture model 0.27"),
            SuggestionInfo("음식", "#음식 (food)", "food", 0.16, "builtin", "picture model 0.16"),
        ], [])]

    monkeypatch.setattr(window.library.pictures, "suggest_files", suggest)
    dlg = window.show_drop_suggestions([str(photo)])
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 3, timeout=5000)
    assert dlg.model.checked_tags() == ["여름"]
    dlg.copy_button.click()
    assert QGuiApplication.clipboard().text() == "#여름"

