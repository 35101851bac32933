"""Every code path that reads photos leaves the originals byte-for-byte and mtime intact.

Index, both Instagram imports, every analyzer, the user's tags and captions, hashtag
merges, naming people, suggestions, similar photos and the XMP export (to its own folder)
run over one library; then every original is hashed again and compared, and no file may
have appeared or vanished among them.
"""

from __future__ import annotations

import shutil
from datetime import datetime

from pose_desktop.analysis import registry
from pose_desktop.analysis.runner import run_analysis
from pose_desktop.catalog.xmp import export_xmp
from pose_desktop.services import Library
from tests.ingest.instagram_data import export_posts, make_export, make_instaloader_folder
from tests.photos import make_heic, make_jpeg, make_png, tree_digest


def test_no_code_path_writes_an_original(tmp_path, shared_datasets):
    originals = tmp_path / "originals"
    photos = originals / "photos"
    make_jpeg(photos / "a.jpg", when=datetime(2020, 5, 1), seed=1, gps=(37.5, 127.0))
    make_jpeg(photos / "rotated.jpg", when=datetime(2020, 5, 2), seed=2, orientation=6)
    make_png(photos / "alpha.png", "RGBA")
    make_heic(photos / "phone.heic")
    faces = sorted((shared_datasets / "faces" / "images").glob("*.jpg"))[:4]
    for f in faces:
        shutil.copy2(f, photos / f.name)
    make_instaloader_folder(originals / "insta", 3, image_size=(96, 72))
    entries, files = export_posts(3, image_size=(96, 72), seed0=500)
    make_export(originals / "export.zip", entries, files)
    before = tree_digest(originals)

    lib = Library(tmp_path / "catalog.sqlite")
    list(lib.photos.index_folder(photos))
    list(lib.instagram.import_instaloader(originals / "insta"))
    list(lib.instagram.import_export(originals / "export.zip"))
    analyzers = registry.build()
    list(run_analysis(lib.catalog, analyzers))

    ids = lib.photos.photo_ids()
    assert len(ids) >= 10
    lib.photos.add_user_tag(ids[:3], "우리 집")
    lib.photos.set_caption(ids[0], "#댕댕이 #sunset")
    lib.photos.merge_hashtags("sunset", "노을")
    with lib.catalog.write() as db:  # name a face the way the people view does
        face = db.execute("SELECT id FROM faces ORDER BY id LIMIT 1").fetchone()
        assert face is not None, "the faces analyzer found no face on real face photos"
        person = db.execute("INSERT INTO persons (name, created_at, updated_at)"
                            " VALUES ('엄마', 'x', 'x')").lastrowid
        db.execute("UPDATE faces SET person_id = ?, assigned_by = 'user' WHERE id = ?",
                   [person, face[0]])
    lib.pictures.suggest_files([photos / "a.jpg", photos / "phone.heic"])
    lib.pictures.similar(ids[0])
    out = list(export_xmp(lib.catalog.reader(), ids, dest=tmp_path / "xmp", root=originals))
    assert out and all(outcome == "written" for _, outcome in out)
    lib.close()

    after = tree_digest(originals)
    assert set(after) == set(before), set(after) ^ set(before)
    changed = [p for p in before if before[p] != after[p]]
    assert changed == []
