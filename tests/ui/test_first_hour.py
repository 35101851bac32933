"""What a new user hit in the first hour: titles, layout, dark mode, language, on the real
widgets (offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.photos import make_jpeg

REPO = Path(__file__).resolve().parents[2]


def _colours(widget) -> list[QColor]:
    image = widget.grab().toImage()
    return [image.pixelColor(x, y) for x in range(0, image.width(), 1)
            for y in range(0, image.height(), 1)]


def _near(c: QColor, rgb: tuple[int, int, int], tol: int = 40) -> bool:
    return abs(c.red() - rgb[0]) + abs(c.green() - rgb[1]) + abs(c.blue() - rgb[2]) < tol


def test_window_title_names_the_app_once(window):
    assert window.windowTitle() == "Photo library — pose"
    assert QApplication.applicationDisplayName() in ("", QApplication.applicationName())


def _grid_rows(window):
    grid = window.grid
    rects = [grid.visualRect(window.grid_model.index(r)) for r in range(window.grid_model.rowCount())]
    return [r for r in rects if r.top() == rects[0].top()], rects


def test_grid_columns_refit_when_the_scroll_bar_appears(window, qtbot):
    grid = window.grid
    seen_bar = set()
    for size in (96, 200, 96, 240, 120, 200):  # bigger cells: the scroll bar comes and goes
        window.set_thumbnail_size(size)
        qtbot.wait(400)  # the list view lays items out in batches
        first_row, rects = _grid_rows(window)
        seen_bar.add(grid.verticalScrollBar().isVisible())
        slack = grid.viewport().width() - max(r.right() for r in first_row)
        assert 0 <= slack < grid.delegate.width, (size, slack, len(first_row))
        assert all(r.right() <= grid.viewport().width() for r in rects)
    assert seen_bar == {True, False}


def test_long_file_names_wrap_in_the_detail_panel(window, qtbot, tmp_path):
    long = tmp_path / "x" / ("KakaoTalk_Photo_20240512_183045_holiday_in_jeju_with_family" * 2 + ".jpg")
    make_jpeg(long, seed=7)
    list(window.library.photos.index_paths([str(long)]))
    window.detail.show_photo(window.library.photos.resolve(str(long)))
    qtbot.wait(100)
    d = window.detail
    assert not d.horizontalScrollBar().isVisible()
    assert d.widget().width() <= d.viewport().width()
    assert d.title.width() <= d.viewport().width()
    assert d.title.toolTip() == long.name
    assert d.preview.width() <= d.viewport().width()


def test_detail_links_follow_a_live_dark_switch(window, qtbot, photo_dir):
    from pose_desktop.ui.theme import dark_palette, light_palette

    window.apply_theme("light")
    window.detail.show_photo(window.library.photos.resolve(str(photo_dir / "img_0.jpg")))  # has hashtags
    label = window.detail.fields["hashtags"][1]
    qtbot.waitUntil(lambda: label.isVisible() and label.text() != "")
    light_link = light_palette().link().color().getRgb()[:3]
    dark_link = dark_palette().link().color().getRgb()[:3]
    assert any(_near(c, light_link) for c in _colours(label))  # seen in light mode first
    window.apply_theme("dark")
    qtbot.wait(50)
    colours = _colours(label)
    assert any(_near(c, dark_link) for c in colours)
    assert not any(_near(c, light_link, 30) for c in colours)
    window.apply_theme("light")


def test_unticked_boxes_are_visible_on_dark_rows(window, qtbot):
    from pose_desktop.ui.drop_panel import SuggestionRow

    window.apply_theme("dark")
    try:
        dlg = window.show_drop_suggestions([])
        dlg.model.set_rows([SuggestionRow(f"tag{i}", "", 0.5, "", i == 0) for i in range(4)])
        qtbot.wait(50)
        for row in (1, 2):  # a plain and an alternate (darker/lighter) row, both unticked
            rect = dlg.view.visualRect(dlg.model.index(row, 0))
            image = dlg.view.viewport().grab(rect).toImage()
            y = image.height() // 2
            line = [image.pixelColor(x, y).lightness() for x in range(20)]  # the box, not the text
            assert max(line) - min(line) > 80, line  # its edge stands out from the row
        dlg.close()
    finally:
        window.apply_theme("light")


def test_disabled_buttons_stay_dark_in_dark_mode(window, qtbot):
    """The ideas window's Copy button is disabled until there is something to copy: in dark
    mode it was drawn with the light palette's face, a pale box on the dark dialog."""
    window.apply_theme("dark")
    try:
        dlg = window.show_drop_suggestions([])
        dlg.copy_button.setEnabled(False)
        qtbot.wait(50)
        image = dlg.copy_button.grab().toImage()
        middle = [image.pixelColor(x, image.height() // 2).lightness() for x in range(3, 7)]
        assert max(middle) < 110, middle  # the button's face, left of its text
        dlg.close()
    finally:
        window.apply_theme("light")


def test_grid_title_follows_the_language_back_and_forth(window, qtbot):
    window.set_language("ko")
    assert window.grid_title.text().startswith("모든 사진")
    window.set_language("en")
    assert window.grid_title.text().startswith("All photos")
    assert window.date_model.index(0, 0).data() == "All photos"


def test_grid_title_names_the_new_search_when_it_finds_the_same_photos(window, qtbot):
    """'walk' after 'dog' finds the same photo (one caption has both); 'qwerty' after
    'xyzzy' finds none again: the title still said 'dog' and 'xyzzy'."""
    for first, second, count in (("dog", "walk", "1 photo"), ("xyzzy", "qwerty", "0 photos")):
        window.search.setText(first)
        window.browser.apply_search()
        assert window.grid_title.text() == f"Search: {first}  ·  {count}"
        window.search.setText(second)
        window.browser.apply_search()
        assert window.grid_title.text() == f"Search: {second}  ·  {count}"


def test_emotions_are_named_in_korean_before_any_model_loads():
    code = ("import sys; from pose_desktop.services import tag_label;"
            "print(tag_label('emotion', 'happy', 'ko'), tag_label('mood', 'negative', 'ko'),"
            "'onnxruntime' in sys.modules)")  # no model session exists yet
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)}).stdout.split()
    assert out == ["행복", "부정", "False"]


def test_face_captions_use_the_tree_names(qapp):
    from pose_desktop.ui import i18n
    from pose_desktop.ui.detail import emotion_name

    i18n.set_language("ko")
    assert emotion_name("happy") == "행복" and emotion_name("disgust") == "혐오"
    i18n.set_language("en")
    assert emotion_name("happy") == "happy"


def test_tags_tab_says_what_is_coming_until_the_photos_are_analysed(window, qtbot):
    from pose_desktop.services import AnalysisProgress

    window.tree_tabs.setCurrentIndex(1)
    qtbot.wait(50)
    assert window.browser.tag_hint.isVisible()
    assert "once the photos are analysed" in window.browser.tag_hint_text.text()
    assert window.browser.tag_hint_button.isVisible() and window.browser.tag_hint_button.text() == "Analyse now"

    def slow_analysis(*_a, **_k):  # a stand-in job with the real title, to see the hint change
        import time

        for i in range(20):
            time.sleep(0.05)
            yield AnalysisProgress(done=i, total=20, failed=0, elapsed=i * 0.05)

    worker = window.run_job(window.tr("Analysing photos"), slow_analysis)
    assert "Analysing your photos" in window.browser.tag_hint_text.text()
    assert not window.browser.tag_hint_button.isVisible()
    worker.cancel()
    qtbot.waitUntil(lambda: not window.workers, timeout=10_000)
    assert "once the photos are analysed" in window.browser.tag_hint_text.text()


def test_hashtag_ideas_from_the_menu_shortcut_and_detail_panel(window, qtbot, monkeypatch):
    from pose_desktop.services import SuggestionInfo, SuggestResult

    asked = []

    def for_photo(photo_id, top=10):
        asked.append(photo_id)
        return SuggestResult(None, photo_id, [
            SuggestionInfo("바다", "#바다 (sea)", "sea", 0.8, "builtin", "seashore 0.81")], [])

    monkeypatch.setattr(window.library.pictures, "suggest_for_photo", for_photo)
    assert window.act_ideas in window.menu_view.actions()
    assert window.act_ideas.shortcut().toString() == "Ctrl+H"
    window.grid.setCurrentIndex(window.grid_model.index(2))
    pid = window.current_photo_id()
    window.act_ideas.trigger()
    dlg = window.drop_dialog
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 1, timeout=5000)
    assert dlg.photo_ids == [pid] and asked == [pid]
    dlg.close()
    window.grid.setCurrentIndex(window.grid_model.index(3))
    assert window.detail.ideas_button.isVisible()
    window.detail.ideas_button.click()
    qtbot.waitUntil(lambda: dlg.photo_ids == [window.current_photo_id()], timeout=5000)
    assert dlg.isVisible()


def test_duplicates_review_is_in_the_tools_menu(window):
    assert window.act_duplicates in window.menu_tools.actions()
    assert window.act_duplicates.text() == "Find duplicates…"


def test_detail_says_whether_the_models_looked_at_a_photo_with_no_tags(window, qtbot):
    """An analysed photo where nothing was recognised showed the same empty panel as one not
    analysed yet: a new user could not tell whether Analyse had run on it."""
    from pose_desktop.catalog.analysis import record_runs

    lib = window.library
    pid = window.browser.current_photo_id()
    assert pid is not None
    value = window.detail.fields["tags"][1]
    qtbot.waitUntil(lambda: "Not analysed yet (Tools → Analyse)" in value.text())
    with lib.catalog.write() as db:  # the faces alone (pose analyze --models faces)
        record_runs(db, "faces", "test-1", [(pid, None)])
    window.detail.refresh()
    assert "Not analysed yet (Tools → Analyse)" in value.text()
    with lib.catalog.write() as db:  # the picture models ran and found nothing on it
        record_runs(db, "picture", "test-1", [(pid, None)])
    window.detail.refresh()
    assert "No scene, object or clothing recognised" in value.text() and value.isVisibleTo(window)
    window.set_language("ko")
    qtbot.waitUntil(lambda: "알아본 장면, 사물, 옷이 없습니다" in value.text())
    window.set_language("en")
    with lib.catalog.write() as db:  # only failures (a damaged file): the preview says why
        record_runs(db, "picture", "test-1", [(pid, "the file is truncated (incomplete copy?)")])
    window.detail.refresh()
    assert value.text() == "" and not value.isVisibleTo(window)


def test_a_tag_kind_row_counts_tags_in_words_not_a_bare_number(window, qtbot):
    """'Objects 28' above 'dog 38' read as a wrong count: a kind's number is its tags, its
    tags' numbers are photos. Hashtags here: #산책 (2 photos), #dog (#강아지), #바다 (1 each)."""
    model = window.tag_model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    kind = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "Hashtags")
    assert kind.siblingAtColumn(1).data() == "3 tags"
    counts = {model.index(r, 0, kind).data(): model.index(r, 1, kind).data() for r in range(model.rowCount(kind))}
    assert counts == {"#산책": "2", "#강아지  ·  dog": "1", "#바다  ·  sea": "1"}
    window.set_language("ko")
    qtbot.waitUntil(lambda: model.index(kind.row(), 1).data() == "태그 3개")
    window.set_language("en")


def test_analyse_with_nothing_to_do_says_so(qtbot, library):
    """Analyse on a library with nothing new said only 'Analysing photos finished.' at once."""
    from pose_desktop.ui.main_window import MainWindow
    from pose_desktop.ui.settings import Settings

    settings = Settings()
    settings.set("analyse_automatically", False)
    win = MainWindow(library, settings)
    qtbot.addWidget(win)
    for lang, expect in (("en", "Nothing to analyse: every photo has been analysed already."),
                         ("ko", "분석할 사진이 없습니다: 모든 사진을 이미 분석했습니다.")):
        win.set_language(lang)
        with qtbot.waitSignal(win.job_ended, timeout=30_000):
            win.action_registry["analyse"].trigger()
        qtbot.waitUntil(lambda e=expect: win.statusBar().currentMessage() == e)
    win.set_language("en")
    win.close()


def test_a_finished_job_reads_as_korean(window, qtbot, tmp_path):
    """The job titles were progressive ('사진 추가 중'), so the end of every job read
    '… 추가 중 완료.' ('adding in progress finished')."""
    make_jpeg(tmp_path / "new" / "a.jpg")
    window.settings.set("analyse_automatically", False)
    window.set_language("ko")
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        window.add_folder(str(tmp_path / "new"))
    assert window.statusBar().currentMessage() == "new 추가 완료."
    window.set_language("en")
