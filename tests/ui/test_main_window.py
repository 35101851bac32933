"""The main window over a real indexed catalog: trees, grid, search, Delete, detail."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from pose_desktop.services import PhotoFilter
from pose_desktop.ui.grid import PhotoIdRole
from pose_desktop.ui.tree_models import CountRole, FilterRole, TagRole


def _rows(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(r, 0, parent) for r in range(model.rowCount(parent))]


def test_date_tree_reflects_the_catalog(window):
    m = window.date_model
    top = _rows(m)
    labels = [i.data() for i in top]
    assert labels == ["All photos", "2024", "2023"]
    assert [i.data(CountRole) for i in top] == [6, 4, 2]
    months_2024 = _rows(m, top[1])
    assert [i.data(CountRole) for i in months_2024] == [1, 3]  # July, then February
    days_feb = _rows(m, months_2024[1])
    assert [(i.data(), i.data(CountRole)) for i in days_feb] == [("28", 1), ("3", 2)]


def test_tag_tree_shows_hashtags_with_counts(window):
    m = window.tag_model
    kinds = _rows(m)
    assert kinds[0].data() == "Hashtags"
    rows = _rows(m, kinds[0])
    tags = {i.data(TagRole)[1]: i.data(CountRole) for i in rows}
    assert tags["산책"] == 2 and tags["바다"] == 1 and len(tags) == 3  # "dog" may be normalised
    assert any(i.data().startswith("#산책") for i in rows)


def test_selecting_a_month_filters_the_grid(window, qtbot):
    m = window.date_model
    year_2024 = _rows(m)[1]
    feb = _rows(m, year_2024)[1]
    window.date_view.setCurrentIndex(feb)
    assert window.grid_model.filter == PhotoFilter(year=2024, month=2)
    assert window.grid_model.total() == 3
    shown = [
        window.grid_model.index(r).data(PhotoIdRole) for r in range(window.grid_model.rowCount())
    ]
    assert shown == window.library.photos.photo_ids(PhotoFilter(year=2024, month=2))
    assert "February 2024" in window.grid_title.text() and "3 photos" in window.grid_title.text()
    # the detail panel follows the grid's current photo
    assert window.detail.photo is not None and window.detail.photo.id == shown[0]


def test_selecting_a_tag_filters_the_grid(window):
    window.tree_tabs.setCurrentIndex(1)
    kinds = _rows(window.tag_model)
    first_tag = _rows(window.tag_model, kinds[0])[0]
    window.tag_view.setCurrentIndex(first_tag)
    f = first_tag.data(FilterRole)
    assert window.grid_model.total() == window.library.photos.count(f) > 0


def test_search_box_filters_by_caption_and_hashtag(window, qtbot):
    window.act_find.trigger()
    assert window.search.hasFocus() or window.focusWidget() is window.search
    window.search.setText("바다")  # keyClicks only types ASCII
    qtbot.waitUntil(lambda: window.grid_model.total() == 1, timeout=3000)
    window.search.clear()
    qtbot.waitUntil(lambda: window.grid_model.total() == 6, timeout=3000)


def test_delete_removes_from_catalog_but_never_the_file(window, qtbot, photo_dir):
    window.grid.setFocus()
    window.grid.setCurrentIndex(window.grid_model.index(0))
    pid = window.current_photo_id()
    path = Path(window.library.photos.original_path(pid))
    before = path.read_bytes()
    qtbot.keyClick(window.grid, Qt.Key.Key_Delete)
    assert window.grid_model.total() == 5
    assert pid not in window.library.photos.photo_ids()
    assert path.exists() and path.read_bytes() == before
    window.undo_remove()
    assert pid in window.library.photos.photo_ids()


def test_thumbnails_load_off_the_gui_thread(window, qtbot):
    idx = window.grid_model.index(1)
    qtbot.waitUntil(lambda: idx.data(Qt.ItemDataRole.DecorationRole) is not None, timeout=5000)
    pix = idx.data(Qt.ItemDataRole.DecorationRole)
    assert not pix.isNull() and max(pix.width(), pix.height()) <= window.thumbs.size


def test_detail_panel_shows_date_source_camera_and_caption(window, qtbot, photo_dir):
    pid = window.library.photos.resolve(str(photo_dir / "img_0.jpg"))
    row = window.grid_model.row_of(pid)
    window.grid.setCurrentIndex(window.grid_model.index(row))
    texts = {k: v.text() for k, (_, v) in window.detail.fields.items()}
    assert "2023-05-01" in texts["date"] and "EXIF" in texts["date"]
    assert texts["camera"] == "Canon EOS 5D"
    assert "Walk in the park" in texts["caption"]
    assert "#dog" in texts["hashtags"]
    qtbot.waitUntil(
        lambda: window.detail.preview.image.width() > 256, timeout=5000
    )  # sharp preview


def test_grid_pages_rows_lazily(qtbot, library, tmp_path):
    """The model exposes rows a page at a time (fetchMore), never all at once."""
    from pose_desktop.ui.grid import ROW_PAGE, PhotoGridModel
    from pose_desktop.ui.thumbnails import ThumbnailLoader

    model = PhotoGridModel(library, ThumbnailLoader())
    ids = list(range(1, ROW_PAGE * 2 + 10))
    model.set_ids(ids)
    assert model.rowCount() == ROW_PAGE and model.canFetchMore(model.index(0).parent())
    model.fetchMore(model.index(0).parent())
    assert model.rowCount() == ROW_PAGE * 2
    assert model.row_of(ids[-1]) == len(ids) - 1 and model.rowCount() == len(ids)


def test_delete_in_the_tree_does_not_remove_grid_photos(window, qtbot):
    window.grid.setCurrentIndex(window.grid_model.index(0))
    window.date_view.setFocus()
    qtbot.keyClick(window.date_view, Qt.Key.Key_Delete)
    assert window.grid_model.total() == 6 and window.library.photos.count() == 6


def test_no_two_actions_share_a_shortcut(window):
    """A clash makes Qt fire neither action ('Ambiguous shortcut overload'): Play and
    Problems once both took Ctrl+Shift+P."""
    from PySide6.QtGui import QAction

    seen: dict[str, str] = {}
    clashes = []
    for action in window.findChildren(QAction):
        for seq in action.shortcuts():
            key = seq.toString()
            if not key:
                continue
            if key in seen and seen[key] != action.text():
                clashes.append((key, seen[key], action.text()))
            seen[key] = action.text()
    assert clashes == []
