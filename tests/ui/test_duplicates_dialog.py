"""The duplicates review in the window: copies side by side, keep one, the others leave
the catalog, their files stay, Undo brings them back. Real photos, real analysis."""

from __future__ import annotations

import pytest
from PIL import Image, ImageEnhance


@pytest.fixture
def copies(indexed_library, shared_datasets, tmp_path):
    faces = shared_datasets / "faces" / "images"
    pics = tmp_path / "dups"
    pics.mkdir()
    im = Image.open(faces / "Megawati_Sukarnoputri_0006.jpg").convert("RGB")
    im.save(pics / "original.jpg", quality=95)
    w, h = im.size
    im.resize((w // 2, h // 2)).save(pics / "small_copy.jpg", quality=80)
    ImageEnhance.Brightness(im).enhance(1.12).save(pics / "edited_copy.jpg", quality=90)
    Image.open(faces / "Megawati_Sukarnoputri_0025.jpg").convert("RGB").save(pics / "other_shot.jpg")
    lib = indexed_library
    list(lib.photos.index_folder(pics))
    list(lib.analysis.analyze(["picture"]))
    return pics


def test_review_keeps_one_and_removes_the_others_from_the_catalog(window, qtbot, copies):
    lib = window.library
    dlg = window.open_duplicates()
    with qtbot.waitSignal(dlg.groups_found, timeout=60_000) as found:
        pass
    assert found.args == [1]
    names = sorted(d.files[0].path.rsplit("/", 1)[-1] for d in dlg.details)
    assert names == ["edited_copy.jpg", "original.jpg", "small_copy.jpg"]  # not the other shot
    assert dlg.heading.text() == "Duplicates 1 of 1"
    chosen = lib.photos.photo(dlg.chosen_id()).files[0].path
    assert chosen.endswith(("original.jpg", "edited_copy.jpg"))  # full size, not the small copy
    radios = dlg.choice.buttons()
    small = next(i for i, d in enumerate(dlg.details) if d.files[0].path.endswith("small_copy.jpg"))
    radios[small].click()  # the user prefers another one
    assert dlg.chosen_id() == dlg.details[small].id
    before = lib.photos.count()
    removed = dlg.keep_selected()
    assert len(removed) == 2 and lib.photos.count() == before - 2
    assert all((copies / n).exists() for n in ("original.jpg", "edited_copy.jpg", "small_copy.jpg"))
    assert dlg.heading.text() == "All 1 group reviewed"
    assert lib.pictures.duplicate_groups() == []
    window.undo_remove()  # Ctrl+Z in the window
    assert lib.photos.count() == before
    dlg.close()


def test_no_duplicates_says_so(window, qtbot):
    dlg = window.open_duplicates()
    with qtbot.waitSignal(dlg.groups_found, timeout=60_000):
        pass
    assert dlg.heading.text() == "No duplicates"
    assert "6 photos not analysed yet could not be compared: run Analyse first" in dlg.note.text()
    assert not dlg.keep_button.isEnabled()
    dlg.close()


def test_no_duplicates_in_an_analysed_library_does_not_ask_to_analyse(window, qtbot):
    """Every photo analysed, no copies: the dialog still said 'Photos not analysed yet are
    not compared: run Analyse first', sending the user to do what was done."""
    list(window.library.analysis.analyze(["picture"]))
    dlg = window.open_duplicates()
    with qtbot.waitSignal(dlg.groups_found, timeout=60_000):
        pass
    assert dlg.heading.text() == "No duplicates"
    assert dlg.note.text() == "No two photos are copies of one shot."
    dlg.close()
