"""The ideas window explains each hashtag in the interface language: with the UI in Korean
its "Why" column holds no English word (numbers and #hashtags aside), for library photos
(stored analysis) and dropped files (analysed now) alike, and switching back to English
shows the same reasons in English."""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_drop import drop_files

ASCII_WORD = re.compile(r"(?<![#\w])[A-Za-z][A-Za-z'-]*")
# real photos of ../shared/datasets: two people; a group of four; one face (tests/tagging)
COUPLE = ("hashtags", "rlnzler__3134387513_ceb75bea0a.jpg")
GROUP = ("captioned", "1454841725_4b6e6199e2.jpg")
SELFIE = ("hashtags", "alecmorgan__028bb72d-235a-44ed-b07c-508f7ab0febd.jpg")


def _whys(dlg) -> list[str]:
    return [dlg.model.index(r, 4).data() for r in range(dlg.model.rowCount())]


@pytest.mark.slow
def test_why_column_is_korean_for_real_photos(window, qtbot, shared_datasets, tmp_path):
    lib = window.library
    folder = tmp_path / "real"
    folder.mkdir()
    for part, name in (COUPLE, GROUP):
        shutil.copy(shared_datasets / part / "images" / name, folder / name)
    list(lib.photos.index_folder(folder))
    events = list(lib.analysis.analyze())
    assert events[-1].failed == 0
    # the user's own hashtags on their other photos, so the personal model gives its
    # reasons too (#ootd and #데일리 are the built-in #패션 and #일상)
    ids = [lib.photos.resolve(str(folder / name)) for _, name in (COUPLE, GROUP)]
    for pid in set(lib.photos.photo_ids()) - set(ids):
        lib.photos.set_caption(pid, "오늘 #ootd #데일리")

    window.set_language("ko")
    dlg = window.show_ideas_for_selection(ids)
    with qtbot.waitSignal(dlg.suggestions_ready, timeout=120_000) as blocker:
        pass
    assert blocker.args[0] > 0, dlg.status.text()
    whys = _whys(dlg)
    assert all(whys) and any(re.search("[가-힣]", w) for w in whys), whys
    assert not [w for w in whys if ASCII_WORD.search(w)], whys
    assert any("#일상" in w or "#패션" in w for w in whys), whys  # the personal model's, in Korean
    assert not ASCII_WORD.search(dlg.model.headerData(4, Qt.Orientation.Horizontal))

    # back to English: the same rows, their reasons now in English
    window.set_language("en")
    qtbot.waitUntil(lambda: any("picture model" in w for w in _whys(dlg)), timeout=5000)
    assert any("your #" in w or "your habit" in w or "you use" in w for w in _whys(dlg)), _whys(dlg)

    # a dropped file, looked at now, in Korean too
    window.set_language("ko")
    drop_files(window, [shared_datasets / SELFIE[0] / "images" / SELFIE[1]])
    with qtbot.waitSignal(dlg.suggestions_ready, timeout=120_000) as blocker:
        pass
    assert blocker.args[0] > 0, dlg.status.text()
    whys = _whys(dlg)
    assert all(whys) and not [w for w in whys if ASCII_WORD.search(w)], whys
