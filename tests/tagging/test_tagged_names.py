"""Instagram tagged users offered as names: a downloaded profile (instaloader folder) whose
posts show real faces from ../shared/datasets/faces and tag @anna on one person's photos."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.ingest.instagram_data import BASE_TS, post_node, write_post_json


@pytest.fixture(scope="module")
def tagged_library(tmp_path_factory):
    from pose_desktop.services import Library
    from tests.conftest import _shared_root

    src = _shared_root() / "datasets" / "faces"
    if not (src / "labels.csv").exists():
        pytest.skip("shared datasets not available (../shared/datasets)")
    pytest.importorskip("instaloader")
    with open(src / "labels.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_person = defaultdict(list)
    for r in rows:
        by_person[r["label"]].append(r["file"])
    anna, ben = sorted(by_person)[:2]
    root = tmp_path_factory.mktemp("tagged")
    profile = root / "me"
    profile.mkdir()
    plan = [(f, anna, ["anna"]) for f in sorted(by_person[anna])[:5]]
    plan += [(f, ben, ["ben_k"] if k == 0 else ["anna"] if k == 1 else []) for k, f in
             enumerate(sorted(by_person[ben])[:5])]
    truth = {}
    for i, (file, person, tags) in enumerate(plan):
        when = datetime.fromtimestamp(BASE_TS + i * 3600, timezone.utc)
        base = profile / when.strftime("%Y-%m-%d_%H-%M-%S_UTC")
        Path(f"{base}.jpg").write_bytes((src / "images" / file).read_bytes())
        write_post_json(base, post_node(i, "me", f"post {i}", tagged=tags))
        truth[Path(f"{base}.jpg").name] = person
    lib = Library(root / "catalog.sqlite")
    list(lib.instagram.import_instaloader(profile))
    list(lib.analysis.analyze(["faces"]))
    yield lib, truth, anna, ben
    lib.close()


def _groups_of(lib, truth, person):
    out = []
    for g in lib.people.list():
        files = {lib.photos.summaries([f.photo_id])[0].path.rsplit("/", 1)[-1] for f in lib.people.person_faces(g.id)}
        if files and all(truth.get(f) == person for f in files):
            out.append(g)
    assert out, f"no group of {person}"
    return out


def test_tagged_user_is_offered_for_her_group_and_never_assigned(tagged_library):
    lib, truth, anna, ben = tagged_library
    groups = _groups_of(lib, truth, anna)
    assert all(g.name is None and g.offered_name == "@anna" for g in groups)
    # ben's photos: @ben_k in one photo only, @anna once (she is the other person)
    assert all(g.offered_name is None for g in _groups_of(lib, truth, ben))
    # one click names a group; the name is then taken and offered no more
    lib.people.name_person(groups[0].id, groups[0].offered_name)
    assert lib.people.person("@anna").face_count >= 2
    assert all(p.offered_name is None for p in lib.people.list())


def test_people_page_offers_the_tagged_name_as_one_click(tagged_library, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from pose_desktop.services import Library
    from pose_desktop.ui.people_view import PeopleView
    from pose_desktop.ui.thumbnails import ThumbnailLoader

    lib, truth, anna, _ = tagged_library
    lib.catalog.backup(tmp_path / "copy.sqlite")
    copy = Library(tmp_path / "copy.sqlite")
    for p in copy.people.list():  # undo the naming of the test above in this copy, if it ran
        if p.name == "@anna":
            with copy.catalog.write() as db:
                db.execute("UPDATE persons SET name = NULL WHERE id = ?", [p.id])
                db.execute("UPDATE faces SET assigned_by = 'cluster' WHERE person_id = ?", [p.id])
    view = PeopleView(copy, ThumbnailLoader())
    qtbot.addWidget(view)
    view.show()
    view.reload_now()
    row = next(r for r, g in enumerate(view.groups.items) if g.offered_name == "@anna")
    view.group_view.setCurrentIndex(view.groups.index(row))
    assert view.offer_button.isVisible() and "@anna" in view.offer_button.text()
    qtbot.mouseClick(view.offer_button, Qt.MouseButton.LeftButton)
    assert any(g.name == "@anna" for g in copy.people.list())
    assert not view.offer_button.isVisible()
    copy.close()
