"""Bad input as a new user meets it, in English and Korean: a damaged JPEG and a text file
dropped for hashtag ideas, a folder that is not there, a photo with no preview, and the
problems panel that lists them. Each says what happened and what to do, in the language of
the window, without a Python error text."""

from __future__ import annotations

import re
from datetime import datetime

from tests.photos import make_jpeg

HANGUL = re.compile("[가-힣]")


def _broken_files(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    broken = folder / "broken.jpg"
    broken.write_text("not really a jpeg\n")
    notes = folder / "notes.md"
    notes.write_text("# not a photo\n")
    return broken, notes


def _set_language(window, lang):
    """Switch as Settings does; Qt delivers the LanguageChange events on the next loop turn."""
    from PySide6.QtCore import QCoreApplication

    window.set_language(lang)
    QCoreApplication.processEvents()


def test_dropping_a_damaged_jpeg_and_a_text_file_says_so_in_plain_words(window, qtbot, tmp_path):
    broken, notes = _broken_files(tmp_path)
    for lang in ("en", "ko"):
        _set_language(window, lang)
        dlg = window.show_drop_suggestions([str(broken), str(notes)])
        with qtbot.waitSignal(dlg.suggestions_ready, timeout=120_000):
            pass
        text = dlg.status.text()
        assert "broken.jpg" in text and "notes.md" in text  # both named, by file name
        # no decoder message ("cannot identify image file <_io.BufferedReader>") on screen
        assert "_io" not in text and "cannot identify" not in text and "/" not in text
        if lang == "ko":
            assert HANGUL.search(text) and "damaged" not in text
        else:
            assert "could be read" in text and "Left out, not photos: notes.md" in text
        # the reason per file, for whoever asks, in the window's words ('not an image (…)')
        reason = "사진이 아닙니다" if lang == "ko" else "not an image (the content is no known image format)"
        assert f"{broken}: {reason}" in dlg.status.toolTip()
        # nothing to copy or to add
        assert not dlg.copy_button.isEnabled() and not dlg.add_button.isEnabled()
        dlg.close()
    _set_language(window, "en")


def test_one_damaged_file_among_good_ones_is_named_and_left_out_of_add(window, qtbot, tmp_path, monkeypatch):
    broken, _ = _broken_files(tmp_path)
    good = make_jpeg(tmp_path / "good.jpg", when=datetime(2024, 5, 1), seed=9)
    dlg = window.show_drop_suggestions([str(good), str(broken)])
    with qtbot.waitSignal(dlg.suggestions_ready, timeout=120_000):
        pass
    assert "Could not read 1 file (damaged, or not an image): broken.jpg" in dlg.status.text()
    assert dlg.heading.text() == "Hashtag ideas for 1 photo"  # the one the ideas are for
    assert dlg.add_button.isEnabled()
    added = []
    dlg.add_requested.connect(lambda paths, tags: added.append(paths))
    dlg.add_button.click()
    assert added == [[str(good)]]  # the damaged file is not handed to indexing


def test_problems_panel_speaks_the_window_language(window, qtbot, tmp_path):
    broken, _ = _broken_files(tmp_path)
    list(window.library.photos.index_folder(broken.parent))
    window.reload_views()
    model = window.problems.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data().endswith("broken.jpg"))
    assert model.index(row, 0).data() == "error"
    assert model.index(row, 2).data() == "not an image (the content is no known image format)"
    _set_language(window, "ko")
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data().endswith("broken.jpg"))
    assert model.index(row, 0).data() == "오류"
    assert model.index(row, 2).data().startswith("사진이 아닙니다")
    _set_language(window, "en")
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data().endswith("broken.jpg"))
    assert model.index(row, 0).data() == "error"


def test_adding_a_folder_without_photos_says_so(window, qtbot, tmp_path):
    """A wrong folder chosen (documents only) said '… finished.' over an unchanged grid."""
    for lang, expect in (("en", "no photos or videos in this folder"), ("ko", "사진이나 동영상이 없습니다")):
        _set_language(window, lang)
        folder = tmp_path / f"docs-{lang}"
        folder.mkdir()
        (folder / "notes.md").write_text("# not a photo\n")
        with qtbot.waitSignal(window.job_ended, timeout=20_000):
            window.add_folder(str(folder))
        message = window.statusBar().currentMessage()
        assert message.startswith(f"docs-{lang}") and expect in message, message
    _set_language(window, "en")


def test_adding_a_folder_that_is_not_there_does_not_say_finished(window, qtbot, tmp_path):
    for lang, expect in (("en", "could not be read; see Problems"), ("ko", "읽지 못했습니다")):
        _set_language(window, lang)
        with qtbot.waitSignal(window.job_ended, timeout=20_000):
            window.add_folder(str(tmp_path / f"gone-{lang}"))
        message = window.statusBar().currentMessage()
        assert message.startswith(f"gone-{lang}") and expect in message, message
        assert "finished" not in message and "완료" not in message
    _set_language(window, "en")
    window.reload_views()
    reasons = [window.problems.model.index(r, 2).data() for r in range(window.problems.model.rowCount())]
    assert "cannot open the folder: No such file or directory" in reasons


def test_a_photo_without_any_preview_says_why_instead_of_select_a_photo(window, qtbot, tmp_path):
    """A file indexed earlier, then damaged (overwritten by a copy that stopped after a few
    bytes), without its thumbnail: the panel said "Select a photo to see it here" while the
    photo was selected."""
    photo = make_jpeg(tmp_path / "later" / "damaged.jpg", when=datetime(2024, 6, 1), seed=3)
    list(window.library.photos.index_folder(photo.parent))
    pid = window.library.photos.resolve(str(photo))
    detail = window.library.photos.photo(pid)
    if detail.thumbnail:
        detail.thumbnail.unlink(missing_ok=True)
    photo.write_bytes(photo.read_bytes()[:200])
    window.detail.show_photo(pid)
    assert window.detail.preview_state == "loading"
    qtbot.waitUntil(lambda: window.detail.preview_state == "failed", timeout=10_000)
    assert window.detail.preview.placeholder.startswith("No preview: this file could not be read")
    assert "Problems" in window.detail.preview.placeholder
    _set_language(window, "ko")
    assert window.detail.preview.placeholder.startswith("미리보기 없음")
    _set_language(window, "en")
    window.detail.show_photo(None)
    assert window.detail.preview.placeholder.startswith("Select a photo")


def test_a_wrong_file_chosen_for_the_instagram_export_is_explained_in_korean(window, qtbot, tmp_path):
    """Import dialog → Data export (ZIP) → a text file: the job fails with the reason and
    what to do, in the window's language."""
    from pose_desktop.ui.import_dialog import InstagramImportDialog

    notes = tmp_path / "notes.txt"
    notes.write_text("not an export")
    model = window.problems.model
    for lang, expect in (("en", "is not a readable ZIP file"), ("ko", "읽을 수 있는 ZIP 파일이 아닙니다")):
        _set_language(window, lang)
        dlg = InstagramImportDialog(window.library, window)
        dlg.r_export.setChecked(True)
        dlg.export_path.setText(str(notes))
        dlg.accept()
        assert dlg.job is not None
        with qtbot.waitSignal(window.job_ended, timeout=20_000) as ended:
            window.run_job(*dlg.job[:2], on_cancel=dlg.job[2])
        assert ended.args[1] == "failed"
        message = model.index(0, 2).data()
        assert expect in message and str(notes) in message, message
        if lang == "ko":
            assert "Download the export" not in message
    _set_language(window, "en")


def test_a_known_unreadable_photo_is_listed_but_not_announced_again(window, qtbot, tmp_path):
    """A JPEG cut short inside its header, in a library folder: the app indexes its folders
    again at every start (and when they change), and said "1 file(s) or folder(s) could not
    be read" each time. Now only the first time (or after the file changed); Problems lists
    it every time."""
    folder = tmp_path / "cut"
    folder.mkdir()
    cut = folder / "cut.jpg"
    cut.write_bytes(make_jpeg(tmp_path / "whole.jpg", seed=5).read_bytes()[:400])
    model = window.problems.model

    def add_and_read_status() -> str:
        with qtbot.waitSignal(window.job_ended, timeout=20_000):
            window.add_folder(str(folder))
        qtbot.waitUntil(lambda: any(model.index(r, 1).data() == str(cut)
                                    for r in range(model.rowCount())), timeout=10_000)
        return window.statusBar().currentMessage()

    assert add_and_read_status() == "cut: 1 file or folder could not be read; see Problems."
    assert add_and_read_status() == "Adding cut finished."  # listed, not announced again
    assert window.problems_button.text() == "⚠ 1 problem"
    cut.write_bytes(cut.read_bytes()[:300])  # changed since: announced
    assert "could not be read" in add_and_read_status()


def test_a_photo_the_models_could_not_analyse_is_in_problems_until_they_can(window, qtbot, tmp_path):
    """A photo damaged after it was indexed (a sync that stopped halfway) cannot be
    analysed: `pose analyze` named it, the window's Problems panel did not. It is listed
    there with the reason in the window's language until an analysis succeeds (the user's
    Analyse tries it again once the file is fixed)."""
    photo = make_jpeg(tmp_path / "later" / "damaged.jpg", size=(1600, 1200), seed=7)
    whole = photo.read_bytes()
    list(window.library.photos.index_folder(photo.parent))
    photo.write_bytes(whole[:20000])
    last = list(window.library.analysis.analyze())[-1]
    assert last.failed == 1
    model = window.problems.model

    def reason() -> str | None:
        rows = [r for r in range(model.rowCount()) if model.index(r, 1).data() == str(photo)]
        return model.index(rows[0], 2).data() if rows else None

    window.refresh_views_async()
    qtbot.waitUntil(lambda: reason() is not None, timeout=10_000)
    assert reason() == "Not analysed: the file is truncated (incomplete copy?)"
    assert window.problems_button.text() == "⚠ 1 problem"
    _set_language(window, "ko")
    assert reason() == "분석하지 못했습니다: 파일이 중간에 잘려 있습니다 (복사가 덜 되었나요?)"
    assert model.index(0, 0).data() == "오류"
    _set_language(window, "en")

    # unchanged, Analyse leaves it alone (no models loaded for a failure again); Problems
    # says it is tried again when the file changes, and Try again tries it now
    assert window.problems.retry_button.isVisibleTo(window.problems)
    assert "tried again when its file changes" in window.problems.hint.text()
    with qtbot.waitSignal(window.job_ended, timeout=120_000):
        window.start_analysis()
    assert window.statusBar().currentMessage().startswith("Nothing new to analyse. The photos the "
                                                          "models could not analyse are tried again")
    with qtbot.waitSignal(window.job_ended, timeout=120_000) as ended:
        window.problems.retry_button.click()
    assert ended.args[1] == "finished" and "Nothing to analyse" not in window.statusBar().currentMessage()
    assert reason() is not None  # still damaged: still listed

    photo.write_bytes(whole)  # the file is whole again: the user's Analyse succeeds
    with qtbot.waitSignal(window.job_ended, timeout=120_000) as ended:
        window.start_analysis()
    assert ended.args[1] == "finished"
    qtbot.waitUntil(lambda: reason() is None, timeout=10_000)
    assert model.rowCount() == 0 and not window.problems_button.isVisible()
    assert not window.problems.retry_button.isVisibleTo(window.problems)
