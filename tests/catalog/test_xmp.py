"""XMP sidecars: standard fields digiKam/Lightroom read, never clobbering others' files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from pose_desktop.catalog import store
from pose_desktop.cli import main
from pose_desktop.services import Library
from tests.photos import make_jpeg, tree_digest

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "lr": "http://ns.adobe.com/lightroom/1.0/",
    "mwg-rs": "http://www.metadataworkinggroup.com/schemas/regions/",
    "stArea": "http://ns.adobe.com/xmp/sType/Area#",
}


def test_export_xmp_keywords_caption_faces(tmp_path, capsys):
    root = tmp_path / "p"
    make_jpeg(root / "a.jpg", when=datetime(2020, 1, 1), seed=1, size=(400, 300))
    make_jpeg(root / "b.jpg", when=datetime(2020, 1, 2), seed=2, size=(400, 300))
    cat = tmp_path / "c.sqlite"
    lib = Library(cat)
    for _ in lib.index_folder(root):
        pass
    a = lib.resolve(str(root / "a.jpg"))
    lib.set_caption(a, "산책 & walk #댕댕이")
    lib.add_user_tag([a], "family")
    with lib.catalog.write() as db:
        store.add_tag(db, a, "scene", "beach", "model:test@1", 0.9)
        pid = db.execute("INSERT INTO persons (name, created_at, updated_at) VALUES ('지민', 'x', 'x')").lastrowid
        db.execute(
            "INSERT INTO faces (photo_id, x1, y1, x2, y2, landmarks, score, quality, model,"
            " person_id, assigned_by, created_at) VALUES (?, 0.1, 0.2, 0.3, 0.6, '[]', 0.99, 1, 'm', ?, 'user', 'x')",
            [a, pid])
    lib.close()
    (root / "b.jpg.xmp").write_text("<x:xmpmeta>from digiKam</x:xmpmeta>")
    before = tree_digest(root)

    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    out = capsys.readouterr()
    assert "1 XMP sidecar(s) written, 1 skipped" in out.out and "another program" in out.err
    assert (root / "b.jpg.xmp").read_text() == "<x:xmpmeta>from digiKam</x:xmpmeta>"
    after = tree_digest(root)
    assert {k: v for k, v in after.items() if not k.endswith(".xmp")} == {
        k: v for k, v in before.items() if not k.endswith(".xmp")}

    tree = ET.parse(root / "a.jpg.xmp")
    subjects = [e.text for e in tree.findall(".//dc:subject/rdf:Bag/rdf:li", NS)]
    assert {"강아지", "family", "beach"} <= set(subjects)
    hier = [e.text for e in tree.findall(".//lr:hierarchicalSubject/rdf:Bag/rdf:li", NS)]
    assert "Hashtags|강아지" in hier and "Tags|family" in hier and "Scenes|beach" in hier
    assert tree.find(".//dc:description/rdf:Alt/rdf:li", NS).text == "산책 & walk #댕댕이"
    regions = tree.findall(".//mwg-rs:RegionList/rdf:Bag/rdf:li", NS)
    assert regions[0].find("mwg-rs:Name", NS).text == "지민"
    area = regions[0].find("mwg-rs:Area", NS)
    assert float(area.get(f"{{{NS['stArea']}}}x")) == 0.2
    assert float(area.get(f"{{{NS['stArea']}}}h")) == 0.4
    assert "People|지민" in hier

    # Lightroom naming into a separate folder mirrors the layout; re-export overwrites ours.
    dest = tmp_path / "sidecars"
    assert main(["--catalog", str(cat), "export-xmp", "--naming", "lightroom", "--dest", str(dest),
                 "--root", str(tmp_path)]) == 0
    assert (dest / "p" / "a.xmp").exists() and (dest / "p" / "b.xmp").exists()
    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    assert "1 XMP sidecar(s) written" in capsys.readouterr().out
