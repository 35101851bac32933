"""XMP sidecars: what digiKam/darktable/Lightroom read, checked by reading them back with
exiftool; other programs' sidecars are merged, never clobbered."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from pose_desktop.catalog import store
from pose_desktop.catalog.xmp import FaceRegion, XmpData, merge_file, stored_area
from pose_desktop.cli import main
from pose_desktop.services import Library
from tests.photos import make_jpeg, tree_digest

EXIFTOOL = shutil.which("exiftool")
needs_exiftool = pytest.mark.skipif(
    EXIFTOOL is None, reason="exiftool not installed (Debian package libimage-exiftool-perl)")


def exiftool(path: Path) -> dict:
    """Every XMP tag of a sidecar as exiftool reads it (structures flattened)."""
    out = subprocess.run([EXIFTOOL, "-j", "-G1", "-n", "-a", "-XMP:all", str(path)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)[0]


def darktable(path: Path) -> dict:
    """darktable's own tags (its edit history as a list of structures)."""
    out = subprocess.run([EXIFTOOL, "-j", "-G1", "-n", "-struct", "-XMP-darktable:all", str(path)],
                         check=True, capture_output=True, text=True).stdout
    return {k: v for k, v in json.loads(out)[0].items() if k != "SourceFile"}


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _index(tmp_path: Path, root: Path) -> tuple[Library, Path]:
    cat = tmp_path / "c.sqlite"
    lib = Library(cat)
    list(lib.photos.index_folder(root))
    return lib, cat


def _name(db, photo_id: int, name: str, box: tuple[float, float, float, float]) -> None:
    pid = db.execute("SELECT id FROM persons WHERE name = ?", [name]).fetchone()
    pid = pid[0] if pid else db.execute(
        "INSERT INTO persons (name, created_at, updated_at) VALUES (?, 'x', 'x')", [name]).lastrowid
    db.execute(
        "INSERT INTO faces (photo_id, x1, y1, x2, y2, landmarks, score, quality, model,"
        " person_id, assigned_by, created_at) VALUES (?, ?, ?, ?, ?, '[]', 0.99, 1, 'm', ?, 'user', 'x')",
        [photo_id, *box, pid])


@needs_exiftool
def test_export_keywords_branches_caption_and_pixel_faces_read_back(tmp_path, capsys):
    root = tmp_path / "p"
    make_jpeg(root / "a.jpg", when=datetime(2020, 1, 1), seed=1, size=(400, 300))
    make_jpeg(root / "b.jpg", when=datetime(2020, 1, 2), seed=2, size=(400, 300))
    lib, cat = _index(tmp_path, root)
    a = lib.photos.resolve(str(root / "a.jpg"))
    lib.photos.set_caption(a, "산책 & walk #댕댕이 \x07bell")
    lib.photos.add_user_tag([a], "family")
    with lib.catalog.write() as db:
        store.add_tag(db, a, "scene", "beach", "model:test@1", 0.9)
        store.add_tag(db, a, "colour", "grey", "model:test@1", 0.8)
        store.add_tag(db, a, "object", "pickelhaube", "model:test@1", 0.1)  # a weak guess
        _name(db, a, "지민", (100.0, 60.0, 180.0, 160.0))  # upright pixels of a 400×300 photo
    lib.close()
    (root / "b.jpg.xmp").write_text("<x:xmpmeta>from digiKam</x:xmpmeta>")  # not XML
    before = tree_digest(root)

    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    out = capsys.readouterr()
    assert "1 XMP sidecar(s) written, 1 skipped" in out.out and "not well-formed" in out.err
    assert (root / "b.jpg.xmp").read_text() == "<x:xmpmeta>from digiKam</x:xmpmeta>"
    after = tree_digest(root)
    assert {k: v for k, v in after.items() if not k.endswith(".xmp")} == {
        k: v for k, v in before.items() if not k.endswith(".xmp")}

    x = exiftool(root / "a.jpg.xmp")
    subjects = set(as_list(x["XMP-dc:Subject"]))
    assert {"강아지", "family", "beach", "grey", "지민"} <= subjects
    assert "pickelhaube" not in subjects  # a 10 % guess is not a keyword
    hier = set(as_list(x["XMP-lr:HierarchicalSubject"]))
    assert {"Hashtags|강아지", "Tags|family", "Scenes|beach", "Colours|grey", "People|지민"} <= hier
    assert not any(h.startswith("Tags|grey") for h in hier)
    assert x["XMP-dc:Description"] == "산책 & walk #댕댕이 bell"  # the control character dropped
    assert x["XMP-mwg-rs:RegionName"] == "지민" and x["XMP-mwg-rs:RegionType"] == "Face"
    assert x["XMP-mwg-rs:RegionAreaUnit"] == "normalized"
    assert (x["XMP-mwg-rs:RegionAppliedToDimensionsW"], x["XMP-mwg-rs:RegionAppliedToDimensionsH"]) == (400, 300)
    # the pixel box (100, 60)-(180, 160) of 400×300 as centre/size fractions
    assert x["XMP-mwg-rs:RegionAreaX"] == pytest.approx(140 / 400, abs=1e-5)
    assert x["XMP-mwg-rs:RegionAreaY"] == pytest.approx(110 / 300, abs=1e-5)
    assert x["XMP-mwg-rs:RegionAreaW"] == pytest.approx(80 / 400, abs=1e-5)
    assert x["XMP-mwg-rs:RegionAreaH"] == pytest.approx(100 / 300, abs=1e-5)
    for key in ("XMP-mwg-rs:RegionAreaX", "XMP-mwg-rs:RegionAreaY", "XMP-mwg-rs:RegionAreaW",
                "XMP-mwg-rs:RegionAreaH"):
        assert 0.0 <= x[key] <= 1.0

    # Lightroom naming into a separate folder mirrors the layout; a re-export merges into ours.
    dest = tmp_path / "sidecars"
    assert main(["--catalog", str(cat), "export-xmp", "--naming", "lightroom", "--dest", str(dest),
                 "--root", str(tmp_path)]) == 0
    assert (dest / "p" / "a.xmp").exists() and (dest / "p" / "b.xmp").exists()
    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    assert "1 XMP sidecar(s) written" in capsys.readouterr().out
    again = exiftool(root / "a.jpg.xmp")
    assert as_list(again["XMP-dc:Subject"]).count("family") == 1
    assert again["XMP-mwg-rs:RegionName"] == "지민"  # one region, not two


@needs_exiftool
@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_face_region_is_in_the_stored_image_as_mwg_asks(tmp_path, orientation):
    """A bright square in the stored pixels: the region exiftool reads back covers it."""
    stored = np.zeros((300, 400, 3), np.uint8)
    stored[40:100, 250:330] = 255  # rows 40..100, columns 250..330 of the stored image
    exif = Image.Exif()
    exif[0x0112] = orientation
    photo = tmp_path / "p" / "r.jpg"
    photo.parent.mkdir()
    Image.fromarray(stored).save(photo, exif=exif, quality=95)
    upright = np.asarray(ImageOps.exif_transpose(Image.open(photo)).convert("L"))
    ys, xs = np.nonzero(upright > 128)
    box = (float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1))
    lib, cat = _index(tmp_path, photo.parent)
    pid = lib.photos.resolve(str(photo))
    assert lib.photos.photo(pid).width == upright.shape[1]
    with lib.catalog.write() as db:
        _name(db, pid, "Mina", box)
    lib.close()
    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    x = exiftool(photo.with_name("r.jpg.xmp"))
    assert (x["XMP-mwg-rs:RegionAppliedToDimensionsW"], x["XMP-mwg-rs:RegionAppliedToDimensionsH"]) == (400, 300)
    assert x["XMP-mwg-rs:RegionAreaX"] == pytest.approx(290 / 400, abs=0.01)
    assert x["XMP-mwg-rs:RegionAreaY"] == pytest.approx(70 / 300, abs=0.01)
    assert x["XMP-mwg-rs:RegionAreaW"] == pytest.approx(80 / 400, abs=0.01)
    assert x["XMP-mwg-rs:RegionAreaH"] == pytest.approx(60 / 300, abs=0.01)


DARKTABLE = """<?xml version="1.0" encoding="UTF-8"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:exif="http://ns.adobe.com/exif/1.0/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
    xmlns:darktable="http://darktable.sf.net/"
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
   xmp:Rating="4"
   xmpMM:DerivedFrom="a.jpg"
   darktable:import_timestamp="63799966567000000"
   darktable:xmp_version="5"
   darktable:raw_params="0"
   darktable:auto_presets_applied="1"
   darktable:history_end="2"
   darktable:iop_order_version="4">
   <dc:subject><rdf:Bag><rdf:li>darktable|format|jpg</rdf:li><rdf:li>holiday</rdf:li></rdf:Bag></dc:subject>
   <lr:hierarchicalSubject><rdf:Bag><rdf:li>darktable|format|jpg</rdf:li><rdf:li>Trips|holiday</rdf:li></rdf:Bag></lr:hierarchicalSubject>
   <mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList><rdf:Bag>
    <rdf:li><rdf:Description mwg-rs:Name="Grandma" mwg-rs:Type="Face">
     <mwg-rs:Area stArea:x="0.8" stArea:y="0.8" stArea:w="0.1" stArea:h="0.1" stArea:unit="normalized"/>
    </rdf:Description></rdf:li>
   </rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions>
   <darktable:masks_history><rdf:Seq/></darktable:masks_history>
   <darktable:history>
    <rdf:Seq>
     <rdf:li darktable:num="0" darktable:operation="exposure" darktable:enabled="1"
      darktable:modversion="6" darktable:params="00000000cdcccc3d0000c03f0000000000000000"
      darktable:multi_name="" darktable:multi_priority="0" darktable:blendop_version="13"
      darktable:blendop_params="gz11eJxjYGBgYAFiCQYYOOHEgAZY0QWQ"/>
     <rdf:li darktable:num="1" darktable:operation="colorbalancergb" darktable:enabled="1"
      darktable:modversion="5" darktable:params="0000803f0000803f"
      darktable:multi_name="" darktable:multi_priority="0" darktable:blendop_version="13"
      darktable:blendop_params="gz11eJxjYGBgYAFiCQYYOOHEgAZY0QWQ"/>
    </rdf:Seq>
   </darktable:history>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"""


@needs_exiftool
def test_darktable_sidecar_keeps_history_rating_keywords_and_regions(tmp_path):
    root = tmp_path / "p"
    make_jpeg(root / "a.jpg", when=datetime(2020, 1, 1), seed=1, size=(400, 300))
    sidecar = root / "a.jpg.xmp"
    sidecar.write_text(DARKTABLE, "utf-8")
    dt_before = darktable(sidecar)
    assert [h["Operation"] for h in dt_before["XMP-darktable:History"]] == ["exposure", "colorbalancergb"]
    assert dt_before["XMP-darktable:History_end"] == 2
    lib, cat = _index(tmp_path, root)
    a = lib.photos.resolve(str(root / "a.jpg"))
    lib.photos.add_user_tag([a], "family")
    lib.photos.add_user_tag([a], "park")
    with lib.catalog.write() as db:
        _name(db, a, "지민", (100.0, 60.0, 180.0, 160.0))
    lib.close()
    assert main(["--catalog", str(cat), "export-xmp"]) == 0

    x = exiftool(sidecar)
    assert darktable(sidecar) == dt_before
    assert x["XMP-xmp:Rating"] == 4 and x["XMP-xmpMM:DerivedFrom"] == "a.jpg"
    assert {"darktable|format|jpg", "holiday", "family", "park", "지민"} <= set(as_list(x["XMP-dc:Subject"]))
    assert {"Trips|holiday", "Tags|family", "People|지민"} <= set(as_list(x["XMP-lr:HierarchicalSubject"]))
    assert as_list(x["XMP-mwg-rs:RegionName"]) == ["Grandma", "지민"]

    # The user removes a tag: a re-export takes out what we wrote, never what others wrote.
    with Library(cat) as lib:
        lib.photos.remove_tag([a], "user", "park")
    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    x = exiftool(sidecar)
    subjects = set(as_list(x["XMP-dc:Subject"]))
    assert "park" not in subjects and {"holiday", "family", "darktable|format|jpg"} <= subjects
    assert darktable(sidecar) == dt_before
    assert x["XMP-xmp:Rating"] == 4
    assert as_list(x["XMP-mwg-rs:RegionName"]) == ["Grandma", "지민"]


@needs_exiftool
def test_instagram_date_and_place_written_where_the_file_has_none(tmp_path):
    root = tmp_path / "p"
    make_jpeg(root / "a.jpg", when=None, seed=1, size=(400, 300))  # no EXIF date
    make_jpeg(root / "b.jpg", when=datetime(2020, 1, 2), seed=2, size=(400, 300))
    lib, cat = _index(tmp_path, root)
    a, b = lib.photos.resolve(str(root / "a.jpg")), lib.photos.resolve(str(root / "b.jpg"))
    with lib.catalog.write() as db:
        db.execute("UPDATE photos SET taken_at = '2019-07-14T18:03:22', date_source = 'instagram',"
                   " gps_lat = 33.4996, gps_lon = 126.5312, gps_source = 'instagram' WHERE id = ?", [a])
    lib.close()
    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    x = exiftool(root / "a.jpg.xmp")
    assert str(x["XMP-exif:DateTimeOriginal"]).startswith("2019:07:14 18:03:22")
    assert str(x["XMP-photoshop:DateCreated"]).startswith("2019:07:14 18:03:22")
    assert x["XMP-exif:GPSLatitude"] == pytest.approx(33.4996, abs=1e-6)
    assert x["XMP-exif:GPSLongitude"] == pytest.approx(126.5312, abs=1e-6)
    y = exiftool(root / "b.jpg.xmp")  # its date is in the file already: not repeated
    assert "XMP-exif:DateTimeOriginal" not in y and "XMP-exif:GPSLatitude" not in y
    assert b != a


def test_stored_area_inverts_every_orientation():
    """Each EXIF orientation: the area maps back onto the stored pixels Pillow transposes."""
    stored = np.zeros((30, 40), np.uint8)
    stored[3:9, 25:33] = 255
    for o in range(1, 9):
        im = Image.fromarray(stored)
        exif = Image.Exif()
        exif[0x0112] = o
        im.info["exif"] = exif.tobytes()
        im.getexif()[0x0112] = o
        up = np.asarray(ImageOps.exif_transpose(im))
        ys, xs = np.nonzero(up)
        face = FaceRegion("x", xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
        cx, cy, w, h = stored_area(face, up.shape[1], up.shape[0], o)
        assert (cx * 40, cy * 30, w * 40, h * 30) == pytest.approx((29, 6, 8, 6)), o


def test_a_sidecar_that_is_not_xml_is_never_replaced(tmp_path):
    target = tmp_path / "a.jpg.xmp"
    target.write_bytes(b"\x00\x01garbage<<")
    with pytest.raises(ValueError):
        merge_file(target, XmpData(keywords=[("user", "x")]))
    assert target.read_bytes() == b"\x00\x01garbage<<"
