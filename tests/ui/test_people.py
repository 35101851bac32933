"""The people page over a people service: groups, naming, merging, wrong faces, photos of X."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt

from pose_desktop.services.people import PeopleService


@dataclass
class Face:
    id: int
    photo_id: int
    box: tuple = (0.3, 0.2, 0.6, 0.6)
    emotion: str = "happy"


@dataclass
class Group:
    id: int
    name: str | None
    faces: list = field(default_factory=list)
    cover: Face | None = None
    offered_name: str | None = None  # as PersonInfo: the @user its posts tag

    @property
    def photo_count(self) -> int:
        return len({f.photo_id for f in self.faces})


class FakePeople(PeopleService):
    """The people service with made-up groups in place of analysed faces (the page's logic
    is under test); what it does not override (a photo's faces) is the real service."""

    def __init__(self, library) -> None:
        super().__init__(library.context, library.photos)
        ids = library.photos.photo_ids()
        self.lib = library
        self.groups = {
            1: Group(1, None, [Face(10, ids[0]), Face(11, ids[1])]),
            2: Group(2, None, [Face(20, ids[2])]),
        }
        for g in self.groups.values():
            g.cover = g.faces[0]

    def list(self):
        return list(self.groups.values())

    def person_faces(self, pid):
        return list(self.groups[pid].faces)

    def name_person(self, pid, name):
        self.groups[pid].name = name
        self.lib.photos.add_user_tag([f.photo_id for f in self.groups[pid].faces], name)

    def merge_people(self, others, into):
        for o in others:
            self.groups[into].faces += self.groups.pop(o).faces

    def reject_face(self, face_id):
        for g in self.groups.values():
            g.faces = [f for f in g.faces if f.id != face_id]

    def photos_of(self, names):
        return sorted(
            {f.photo_id for g in self.groups.values() if g.name in names for f in g.faces}
        )

    def face_crop(self, face_id, size):
        """The middle of the face's photo, as a JPEG (these faces are not in the catalog)."""
        import io

        from PIL import Image

        face = next(f for g in self.groups.values() for f in g.faces if f.id == face_id)
        with Image.open(io.BytesIO(self.lib.photos.preview_jpeg(face.photo_id, 256))) as im:
            out = io.BytesIO()
            im.convert("RGB").resize((size, size)).save(out, "JPEG")
        return out.getvalue()


@pytest.fixture
def people_window(window, monkeypatch):
    fake = FakePeople(window.library)
    monkeypatch.setattr(window.library, "people", fake)
    window.people_view.crops.people = fake
    window.people_view.retranslate()
    window.show_page(1)
    window.people_view.reload_now()
    return window, fake


def test_people_page_names_merges_and_shows_photos(people_window, qtbot):
    window, fake = people_window
    pv = window.people_view
    assert pv.groups.rowCount() == 2
    assert pv.groups.index(0).data().startswith("Unnamed")
    pv.group_view.setCurrentIndex(pv.groups.index(0))
    assert pv.faces.rowCount() == 2
    assert pv.name_selected("Minji")
    assert pv.groups.index(0).data().startswith("Minji")
    # the name reaches the tag tree (here through the fake's user tag)
    labels = [window.tag_model.index(r, 0).data() for r in range(window.tag_model.rowCount())]
    assert "My tags" in labels
    # merge the unnamed group into Minji
    pv.group_view.selectAll()
    assert pv.merge_selected()
    assert pv.groups.rowCount() == 1 and len(fake.groups[1].faces) == 3
    # a wrong face is taken out
    pv.group_view.setCurrentIndex(pv.groups.index(0))
    pv.reject_face(fake.groups[1].faces[-1])
    assert len(fake.groups[1].faces) == 2
    # photos of Minji open in the grid
    pv.group_view.setCurrentIndex(pv.groups.index(0))
    pv.show_photos()
    assert window.pages.currentIndex() == 0
    assert set(window.grid_model.ids) == set(fake.photos_of(["Minji"]))
    assert "Minji" in window.grid_title.text()
    # the mood filter keeps only photos with that emotion tag (none here)
    window.show_page(1)
    pv.group_view.setCurrentIndex(pv.groups.index(0))
    pv.mood.setCurrentIndex(pv.mood.findData("positive"))
    pv.show_photos()
    assert window.grid_model.total() == 0


def test_face_crops_are_cut_off_the_gui_thread(people_window, qtbot):
    window, _ = people_window
    pv = window.people_view
    idx = pv.groups.index(0)
    qtbot.waitUntil(lambda: idx.data(Qt.ItemDataRole.DecorationRole) is not None, timeout=5000)
    assert idx.data(Qt.ItemDataRole.DecorationRole).width() == 96


@pytest.mark.slow
def test_real_people_service_names_a_group_and_the_tag_tree_shows_it(
    qtbot, library, shared_datasets, tmp_path
):
    """The real people service (faces analysed on real portraits): the page lists the
    groups, naming one puts the name in the tag tree, and the preview draws the faces."""
    from pose_desktop.ui.main_window import MainWindow

    faces = shared_datasets / "faces" / "images"
    by_person: dict[str, list] = {}
    for p in sorted(faces.glob("*.jpg")):
        by_person.setdefault(p.name.rsplit("_", 1)[0], []).append(p)
    folder = tmp_path / "portraits"
    folder.mkdir()
    for _name, photos in sorted(by_person.items())[:2]:
        for p in photos[:4]:
            (folder / p.name).symlink_to(p)
    list(library.photos.index_folder(folder))
    for _ in library.analysis.analyze(["faces", "emotion"]):  # the faces with their moods
        pass
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    win.show_page(1)
    pv = win.people_view
    pv.reload_now()
    assert pv.groups.rowCount() >= 1
    pv.group_view.setCurrentIndex(pv.groups.index(0))
    assert pv.faces.rowCount() >= 2
    pv.face_view.setCurrentIndex(pv.faces.index(0))  # its photo in the detail panel
    assert "unnamed" in win.detail.fields["faces"][1].text()
    assert pv.name_selected("Jisoo")
    # the photo shown gets the new name at once (it said "1 unnamed face" until reselected)
    assert "Jisoo" in win.detail.fields["faces"][1].text()
    assert "·" not in win.detail.fields["faces"][1].text()  # "Jisoo", not "Jisoo · calm"
    assert any(f.named and "Jisoo" in f.label for f in win.detail.preview.faces)
    assert any(pv.groups.index(r).data().startswith("Jisoo") for r in range(pv.groups.rowCount()))
    tree = win.tag_model
    names = [
        tree.index(r, 0, tree.index(k, 0)).data()
        for k in range(tree.rowCount())
        for r in range(tree.rowCount(tree.index(k, 0)))
    ]
    assert "Jisoo" in names
    # face crops come from the people service
    import io

    from PIL import Image

    crop = library.people.face_crop(pv.faces.items[0].id, 96)
    assert crop and Image.open(io.BytesIO(crop)).size == (96, 96)
    # photos of Jisoo open in the grid, and their faces are drawn with the name
    pv.show_photos()
    assert win.pages.currentIndex() == 0 and win.grid_model.total() >= 2
    win.grid.setCurrentIndex(win.grid_model.index(0))
    overlays = win.detail.preview.faces
    assert any(f.named and "Jisoo" in f.label for f in overlays)
    assert all(0.0 <= v <= 1.0 for f in overlays for v in f.box)
    assert "Jisoo" in win.detail.fields["faces"][1].text()
    win.close()


def _answer_name_dialog(qtbot, text: str) -> list:
    """Type ``text`` into the next "Name this person" dialog and press OK (as a user would)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.textValue())
        dialog.setTextValue(text)
        dialog.accept()

    QTimer.singleShot(20, answer)
    return seen


@pytest.mark.parametrize("how", ["button", "F2", "menu"])
def test_name_asks_and_names_from_the_button_the_keyboard_and_the_menu(people_window, qtbot, how):
    """The Name… button once handed its 'checked' flag (False) to the slot as the name:
    "'bool' object has no attribute 'strip'". Each way in asks, then names."""
    window, fake = people_window
    pv = window.people_view
    pv.group_view.setCurrentIndex(pv.groups.index(0))
    seen = _answer_name_dialog(qtbot, "  Minji ")
    if how == "button":
        qtbot.mouseClick(pv.name_button, Qt.MouseButton.LeftButton)
    elif how == "F2":
        pv.group_view.setFocus()
        qtbot.waitUntil(pv.group_view.hasFocus)
        qtbot.keyClick(pv.group_view, Qt.Key.Key_F2)
    else:
        menu = pv.group_menu()
        action = next(a for a in menu.actions() if a.text() == "Name…")
        action.trigger()
    qtbot.waitUntil(lambda: fake.groups[1].name == "Minji", timeout=3000)
    assert seen == [""]  # the dialog opened empty for an unnamed group
    assert pv.groups.index(0).data().startswith("Minji")
