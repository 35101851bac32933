"""Places tab, the detail panel's Place row, honest dates and Set date… in the real window."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QModelIndex

from pose_desktop.services import PhotoFilter
from pose_desktop.ui.photo_actions import SetDateDialog
from pose_desktop.ui.tree_models import CountRole, build_date_nodes
from tests.photos import make_jpeg


def _rows(model, parent=None):
    parent = parent or QModelIndex()
    return [model.index(r, 0, parent) for r in range(model.rowCount(parent))]


def test_places_tab_detail_row_and_undated_node(window, indexed_library, photo_dir, qtbot):
    lib = indexed_library
    # no photo has a place yet: the tab says why instead of showing an empty panel
    from pose_desktop.ui import i18n

    hint = window.browser.place_hint
    window.tree_tabs.setCurrentIndex(2)
    window.reload_trees()
    assert hint.isVisible() and hint.text().startswith("No places yet. A photo gets its place")
    assert window.place_view.isHidden()  # no empty white box under it
    i18n.set_language("ko")
    qtbot.waitUntil(lambda: hint.text().startswith("아직 장소가 없습니다"), timeout=5000)
    i18n.set_language("en")
    qtbot.waitUntil(lambda: hint.text().startswith("No places"), timeout=5000)
    window.tree_tabs.setCurrentIndex(0)
    make_jpeg(photo_dir / "jeju.jpg", when=datetime(2024, 7, 20), seed=300, gps=(33.4996, 126.5312))
    make_jpeg(photo_dir / "seogwipo.jpg", when=datetime(2024, 7, 21), seed=302, gps=(33.2541, 126.5600))
    make_jpeg(photo_dir / "seoul.jpg", when=datetime(2024, 7, 22), seed=303, gps=(37.5665, 126.9780))
    make_jpeg(photo_dir / "misc" / "undated.jpg", seed=301)
    list(lib.photos.index_folder(photo_dir))
    window.reload_trees()
    assert not hint.isVisible() and not hint.isVisibleTo(window)
    assert not window.place_view.isHidden()
    countries = _rows(window.place_model)
    assert [(i.data(), i.data(CountRole)) for i in countries] == [("South Korea", 3)]
    # country → region → city; Seoul is its own region: shown once, as the city
    under = _rows(window.place_model, countries[0])
    assert [(i.data(), i.data(CountRole)) for i in under] == [("Jeju", 2), ("Seoul", 1)]
    region = under[0]
    assert sorted(i.data() for i in _rows(window.place_model, region)) == ["Jeju City", "Seogwipo"]
    window.tree_tabs.setCurrentIndex(2)
    window.place_view.setCurrentIndex(region)
    ids = {lib.photos.resolve(str(photo_dir / n)) for n in ("jeju.jpg", "seogwipo.jpg")}
    assert set(window.grid_model.ids) == ids
    city = [i for i in _rows(window.place_model, region) if i.data() == "Jeju City"][0]
    window.place_view.setCurrentIndex(city)
    jeju = lib.photos.resolve(str(photo_dir / "jeju.jpg"))
    assert window.grid_model.ids == [jeju]
    assert window.detail.photo.id == jeju
    name, value = window.detail.fields["place"]
    assert value.text() == "Jeju City, Jeju, South Korea" and name.text() == "Place"

    years = lib.photos.date_tree()
    nodes = build_date_nodes(years, sum(y.count for y in years), {})
    undated = [n for n in nodes if n.label == "Undated"][0]
    assert undated.count == 1 and undated.filter == PhotoFilter(undated=True)
    assert [s.id for s in lib.photos.page(undated.filter)] == [lib.photos.resolve(str(photo_dir / "misc/undated.jpg"))]


def test_set_date_dialog_gives_the_chosen_date(qtbot):
    dialog = SetDateDialog(3, "2019-07-14T18:03:22")
    qtbot.addWidget(dialog)
    assert dialog.value() == datetime(2019, 7, 14, 18, 3, 22)
    dialog.edit.setDateTime(QDateTime.fromString("2020-01-02T03:04:05", "yyyy-MM-ddTHH:mm:ss"))
    assert dialog.value() == datetime(2020, 1, 2, 3, 4, 5)


def test_a_video_plays_in_the_system_player_and_shows_its_length(window, indexed_library,
                                                                 photo_dir, qtbot):
    from PySide6.QtCore import QObject, Slot
    from PySide6.QtGui import QDesktopServices

    from tests.ingest.test_video import write_video

    lib = indexed_library
    video = write_video(photo_dir / "clip.mp4", seconds=2.0, created="2024-08-01T10:00:00.000000Z")
    list(lib.photos.index_folder(photo_dir))
    window.reload_views()
    vid = lib.photos.resolve(str(video))
    window.grid_model.set_ids([vid])
    window.grid.setCurrentIndex(window.grid_model.index(0))
    assert window.detail.photo.id == vid
    assert window.detail.fields["size"][1].text().endswith("0:02")

    class Handler(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.urls = []

        @Slot("QUrl")
        def open(self, url) -> None:
            self.urls.append(url)

    handler = Handler()
    QDesktopServices.setUrlHandler("file", handler, "open")
    try:
        window.act_play.trigger()
        window.open_viewer()  # Enter on a video plays it too
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in handler.urls] == [str(video), str(video)]
