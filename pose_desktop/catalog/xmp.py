"""XMP sidecars that digiKam, darktable and Lightroom read: keywords, face regions, dates,
places.

Written only when the user asks (``pose export-xmp``). A sidecar is ``photo.jpg.xmp``
(digiKam/darktable naming) or ``photo.xmp`` (Lightroom naming), next to the photo or in a
separate folder. An existing sidecar is *merged*, never replaced: everything another
program wrote (a darktable edit history, a rating, its own keywords and regions) is kept,
and only the properties pose_desktop owns are updated. What we wrote last time is recorded
in our own namespace (``pose:``), so a keyword we no longer give is taken out again while the
user's own keywords stay. A sidecar that is not well-formed XML is left alone, with a reason.

Fields:
- ``dc:subject`` (flat keywords) and ``lr:hierarchicalSubject`` with one branch per kind
  (``People|지민``, ``Hashtags|강아지``, ``Colours|grey``, ``Scenes|beach``, ``Tags|family``);
  model tags only above ``MIN_MODEL_SCORE``.
- ``dc:description``: the caption, where the sidecar has none (or it is ours).
- ``mwg-rs:Regions``: MWG face regions, ``stArea`` centre/size normalised to 0..1 of the
  image *as stored* (before the EXIF orientation is applied, as the MWG guidelines ask),
  with ``AppliedToDimensions`` the stored pixel size.
- ``exif:DateTimeOriginal`` + ``photoshop:DateCreated``: a date the file itself lacks (from
  Instagram, or set by the user), with its UTC offset when known.
- ``exif:GPSLatitude``/``GPSLongitude``: a location the file lacks (an Instagram place);
  ``photoshop:City``/``photoshop:State``/``photoshop:Country`` and
  ``Iptc4xmpCore:CountryCode`` (IPTC Core location) where a place name is known and the
  sidecar has none of its own.

Hand-written with the standard library's ElementTree (no GPL binding); the round trip is
proved by tests that read the result back with exiftool.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pose_desktop.paths import fs_path

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "lr": "http://ns.adobe.com/lightroom/1.0/",
    "mwg-rs": "http://www.metadataworkinggroup.com/schemas/regions/",
    "stArea": "http://ns.adobe.com/xmp/sType/Area#",
    "stDim": "http://ns.adobe.com/xap/1.0/sType/Dimensions#",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pose": "https://pose-desktop.invalid/ns/1.0/",
    # well-known prefixes of other programs, so a merged sidecar keeps their usual names
    "darktable": "http://darktable.sf.net/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "tiff": "http://ns.adobe.com/tiff/1.0/",
    "digiKam": "http://www.digikam.org/ns/1.0/",
    "MicrosoftPhoto": "http://ns.microsoft.com/photo/1.0/",
    "MP": "http://ns.microsoft.com/photo/1.2/",
    "MPRI": "http://ns.microsoft.com/photo/1.2/t/RegionInfo#",
    "MPReg": "http://ns.microsoft.com/photo/1.2/t/Region#",
    "acdsee": "http://ns.acdsee.com/iptc/1.0/",
    "crs": "http://ns.adobe.com/camera-raw-settings/1.0/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "exifEX": "http://cipa.jp/exif/1.0/",
    "aux": "http://ns.adobe.com/exif/1.0/aux/",
    "stEvt": "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#",
}
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)

HIERARCHY = {
    "hashtag": "Hashtags", "person": "People", "scene": "Scenes", "object": "Objects",
    "clothing": "Clothing", "emotion": "Emotion", "mood": "Mood", "colour": "Colours", "user": "Tags",
}
# Model tags reach XMP only this confident (user, hashtag and named-person tags always do).
MIN_MODEL_SCORE = 0.5
# Date sources that are not in the file itself and are facts (not guesses): these are written.
WRITTEN_DATE_SOURCES = frozenset({"instagram", "instagram:exif", "user"})
MAX_SIDECAR_BYTES = 16 * 1024 * 1024
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def q(name: str) -> str:
    """'dc:subject' → '{http://purl.org/dc/elements/1.1/}subject'."""
    prefix, local = name.split(":", 1)
    return f"{{{NS[prefix]}}}{local}"


def clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold (control characters)."""
    return _INVALID_XML.sub("", text)


@dataclass
class FaceRegion:
    """A named face, box normalised to 0..1 of the upright image."""

    name: str
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class XmpData:
    """What pose_desktop writes into one sidecar."""

    keywords: list[tuple[str, str]] = field(default_factory=list)  # (kind, name)
    caption: str | None = None
    faces: list[FaceRegion] = field(default_factory=list)
    width: int | None = None  # upright pixel size
    height: int | None = None
    orientation: int = 1
    date: str | None = None  # XMP date: 2019-07-14T18:03:22 or with +09:00
    gps: tuple[float, float] | None = None
    city: str | None = None
    state: str | None = None  # the region: province, state ('Jeju', 'California')
    country: str | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-2


class SidecarError(ValueError):
    """An existing sidecar we must not touch; the message says why."""


def sidecar_path(photo_path: str, naming: str = "digikam", dest: Path | None = None,
                 root: Path | None = None) -> Path:
    """Where the sidecar of ``photo_path`` goes."""
    p = Path(photo_path)
    name = p.name + ".xmp" if naming == "digikam" else p.stem + ".xmp"
    if dest is None:
        return p.with_name(name)
    rel = p.parent.relative_to(root) if root and p.is_relative_to(root) else Path(p.parent.name)
    return dest / rel / name


# --- geometry --------------------------------------------------------------------------

def upright_to_stored(x: float, y: float, orientation: int) -> tuple[float, float]:
    """A point normalised to the upright (displayed) image → the same point normalised to
    the image as stored, for EXIF ``orientation`` 1..8."""
    return {
        1: (x, y), 2: (1 - x, y), 3: (1 - x, 1 - y), 4: (x, 1 - y),
        5: (y, x), 6: (y, 1 - x), 7: (1 - y, 1 - x), 8: (1 - y, x),
    }.get(orientation, (x, y))


def stored_area(face: FaceRegion, width: int, height: int, orientation: int
                ) -> tuple[float, float, float, float]:
    """MWG area (centre x, centre y, w, h) normalised to the stored image, of a face box in
    upright pixels of a ``width``×``height`` (upright) image."""
    xa, ya = upright_to_stored(face.x1 / width, face.y1 / height, orientation)
    xb, yb = upright_to_stored(face.x2 / width, face.y2 / height, orientation)
    lo_x, hi_x = sorted((min(max(xa, 0.0), 1.0), min(max(xb, 0.0), 1.0)))
    lo_y, hi_y = sorted((min(max(ya, 0.0), 1.0), min(max(yb, 0.0), 1.0)))
    return (lo_x + hi_x) / 2, (lo_y + hi_y) / 2, hi_x - lo_x, hi_y - lo_y


def stored_size(width: int, height: int, orientation: int) -> tuple[int, int]:
    """The stored pixel size of an image whose upright size is ``width``×``height``."""
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def xmp_gps(value: float, positive: str, negative: str) -> str:
    """37.5665 → '37,33.99000000N' (XMP's GPSCoordinate: degrees, decimal minutes, ref)."""
    ref = positive if value >= 0 else negative
    value = abs(value)
    deg = int(value)
    return f"{deg},{(value - deg) * 60:.8f}{ref}"


# --- reading an existing packet ---------------------------------------------------------

def _rdf_of(root: ET.Element) -> ET.Element:
    if root.tag == q("rdf:RDF"):
        return root
    rdf = root.find(f".//{q('rdf:RDF')}")
    if rdf is None:
        raise SidecarError("the sidecar has no RDF block")
    return rdf


def _new_packet() -> ET.Element:
    root = ET.Element(q("x:xmpmeta"), {q("x:xmptk"): "pose_desktop"})
    rdf = ET.SubElement(root, q("rdf:RDF"))
    ET.SubElement(rdf, q("rdf:Description"), {q("rdf:about"): ""})
    return root


def parse_packet(data: bytes) -> ET.Element:
    """The XML root of a sidecar's bytes; ``SidecarError`` when it is not XMP we can merge."""
    if len(data) > MAX_SIDECAR_BYTES:
        raise SidecarError("the sidecar is too large to be XMP")
    if not data.strip(b"\x00 \t\r\n\xef\xbb\xbf"):
        return _new_packet()
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SidecarError(f"the sidecar is not well-formed XML ({exc})") from None
    _rdf_of(root)
    return root


def _descriptions(rdf: ET.Element) -> list[ET.Element]:
    found = rdf.findall(q("rdf:Description"))
    if not found:
        found = [ET.SubElement(rdf, q("rdf:Description"), {q("rdf:about"): ""})]
    return found


def _items(prop: ET.Element | None) -> list[str]:
    if prop is None:
        return []
    return [(li.text or "") for li in prop.iter(q("rdf:li"))]


def _simple(descs: list[ET.Element], name: str) -> str | None:
    """A simple property's value (attribute or element form) from any Description."""
    for d in descs:
        if q(name) in d.attrib:
            return d.attrib[q(name)]
        el = d.find(q(name))
        if el is not None:
            return el.text or ""
    return None


def _take(descs: list[ET.Element], name: str) -> ET.Element | None:
    """Remove a property (attribute or element) from every Description; the first element
    form removed is returned."""
    first = None
    for d in descs:
        d.attrib.pop(q(name), None)
        for el in d.findall(q(name)):
            d.remove(el)
            first = first if first is not None else el
    return first


def _bag(parent: ET.Element, name: str, items: list[str], kind: str = "rdf:Bag") -> None:
    if not items:
        return
    el = ET.SubElement(parent, q(name))
    bag = ET.SubElement(el, q(kind))
    for item in items:
        ET.SubElement(bag, q("rdf:li")).text = clean(item)


def _region_name(li: ET.Element) -> str | None:
    for node in (li, *li.findall(q("rdf:Description"))):
        if q("mwg-rs:Name") in node.attrib:
            return node.attrib[q("mwg-rs:Name")]
        el = node.find(q("mwg-rs:Name"))
        if el is not None:
            return el.text
    return None


# --- merging ----------------------------------------------------------------------------

def _merge_list(old: list[str], previously_ours: set[str], ours: list[str]) -> list[str]:
    keep = [x for x in old if x not in previously_ours or x in ours]
    return list(dict.fromkeys(keep + ours))


def merge_packet(root: ET.Element, data: XmpData) -> ET.Element:
    """Put ``data`` into a parsed sidecar, keeping every property another program wrote."""
    rdf = _rdf_of(root)
    descs = _descriptions(rdf)
    main = descs[0]
    # our record of what we wrote last time (removed, rewritten below)
    prev_subject = set(_items(_take(descs, "pose:subject")))
    prev_hier = set(_items(_take(descs, "pose:hierarchicalSubject")))
    prev_regions = set(_items(_take(descs, "pose:regions")))
    prev_written = set((_simple(descs, "pose:written") or "").split())
    _take(descs, "pose:written")

    flat = list(dict.fromkeys(clean(name) for _, name in data.keywords))
    hier = list(dict.fromkeys(f"{HIERARCHY.get(k, 'Tags')}|{clean(n)}" for k, n in data.keywords))
    subject = _merge_list(_items(_take(descs, "dc:subject")), prev_subject, flat)
    hierarchy = _merge_list(_items(_take(descs, "lr:hierarchicalSubject")), prev_hier, hier)
    _bag(main, "dc:subject", subject)
    _bag(main, "lr:hierarchicalSubject", hierarchy)
    written: set[str] = set()

    if data.caption:
        has = _simple(descs, "dc:description") is not None or any(
            d.find(q("dc:description")) is not None for d in descs)
        if not has or "caption" in prev_written:
            _take(descs, "dc:description")
            el = ET.SubElement(main, q("dc:description"))
            alt = ET.SubElement(el, q("rdf:Alt"))
            ET.SubElement(alt, q("rdf:li"), {"{http://www.w3.org/XML/1998/namespace}lang": "x-default"}
                          ).text = clean(data.caption)
            written.add("caption")

    if data.date:
        mine = "date" in prev_written
        if mine or _simple(descs, "exif:DateTimeOriginal") is None:
            _take(descs, "exif:DateTimeOriginal")
            main.set(q("exif:DateTimeOriginal"), data.date)
            written.add("date")
        if mine or _simple(descs, "photoshop:DateCreated") is None:
            _take(descs, "photoshop:DateCreated")
            main.set(q("photoshop:DateCreated"), data.date)
            written.add("date")

    if data.gps and ("gps" in prev_written or _simple(descs, "exif:GPSLatitude") is None):
        for name in ("exif:GPSLatitude", "exif:GPSLongitude", "exif:GPSVersionID"):
            _take(descs, name)
        main.set(q("exif:GPSVersionID"), "2.2.0.0")
        main.set(q("exif:GPSLatitude"), xmp_gps(data.gps[0], "N", "S"))
        main.set(q("exif:GPSLongitude"), xmp_gps(data.gps[1], "E", "W"))
        written.add("gps")
    for name, value in (("photoshop:City", data.city), ("photoshop:State", data.state),
                        ("photoshop:Country", data.country),
                        ("Iptc4xmpCore:CountryCode", data.country_code)):
        if value and ("place" in prev_written or _simple(descs, name) is None):
            _take(descs, name)
            main.set(q(name), clean(value))
            written.add("place")

    names = [f.name for f in data.faces]
    old_regions = _take(descs, "mwg-rs:Regions")
    kept: list[ET.Element] = []
    old_dims = None
    if old_regions is not None:
        old_dims = old_regions.find(q("mwg-rs:AppliedToDimensions"))
        listed = old_regions.find(q("mwg-rs:RegionList"))
        for li in [] if listed is None else [li for c in listed for li in c.findall(q("rdf:li"))]:
            name = _region_name(li)
            if name in prev_regions or name in names:
                continue
            kept.append(li)
    if kept or data.faces:
        regions = ET.SubElement(main, q("mwg-rs:Regions"), {q("rdf:parseType"): "Resource"})
        if data.faces and data.width and data.height:
            w, h = stored_size(data.width, data.height, data.orientation)
            ET.SubElement(regions, q("mwg-rs:AppliedToDimensions"), {
                q("stDim:w"): str(w), q("stDim:h"): str(h), q("stDim:unit"): "pixel"})
        elif old_dims is not None:
            regions.append(old_dims)
        bag = ET.SubElement(ET.SubElement(regions, q("mwg-rs:RegionList")), q("rdf:Bag"))
        for li in kept:
            bag.append(li)
        for f in data.faces:
            if not (data.width and data.height):
                continue
            cx, cy, w, h = stored_area(f, data.width, data.height, data.orientation)
            li = ET.SubElement(bag, q("rdf:li"), {q("rdf:parseType"): "Resource"})
            ET.SubElement(li, q("mwg-rs:Name")).text = clean(f.name)
            ET.SubElement(li, q("mwg-rs:Type")).text = "Face"
            ET.SubElement(li, q("mwg-rs:Area"), {
                q("stArea:x"): f"{cx:.6f}", q("stArea:y"): f"{cy:.6f}",
                q("stArea:w"): f"{w:.6f}", q("stArea:h"): f"{h:.6f}",
                q("stArea:unit"): "normalized"})

    _bag(main, "pose:subject", flat)
    _bag(main, "pose:hierarchicalSubject", hier)
    _bag(main, "pose:regions", names)
    main.set(q("pose:written"), " ".join(sorted(written)))
    return root


def serialize(root: ET.Element) -> bytes:
    """The XMP packet of ``root`` (UTF-8, with the xpacket wrapper)."""
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            f'{body}\n<?xpacket end="w"?>\n').encode()


def merge_file(target: Path, data: XmpData) -> None:
    """Write ``data`` into the sidecar at ``target``: merged into the one there (kept
    otherwise), atomically. Raises ``SidecarError`` (left untouched) or ``OSError``."""
    try:
        with open(target, "rb") as fh:
            existing = fh.read(MAX_SIDECAR_BYTES + 1)
    except FileNotFoundError:
        existing = b""
    root = parse_packet(existing)
    out = serialize(merge_packet(root, data))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(out)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


# --- the catalog's side -----------------------------------------------------------------

def _faces(db, photo_id: int) -> list[FaceRegion]:
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"faces", "persons"} <= tables:
        return []
    return [FaceRegion(*r) for r in db.execute(
        "SELECT p.name, f.x1, f.y1, f.x2, f.y2 FROM faces f JOIN persons p ON p.id = f.person_id"
        " WHERE f.photo_id = ? AND p.name IS NOT NULL AND f.assigned_by IN ('user', 'auto')",
        [photo_id])]


def photo_xmp(db, photo_id: int) -> XmpData | None:
    """What the catalog knows of a photo that goes into its sidecar."""
    row = db.execute(
        "SELECT p.caption, p.width, p.height, p.orientation, p.taken_at, p.date_source, p.gps_lat,"
        " p.gps_lon, p.tz_offset, p.gps_source, pl.city_en, pl.region_en, pl.country_en,"
        " pl.country_code FROM photos p"
        " LEFT JOIN places pl ON pl.id = p.place_id WHERE p.id = ?", [photo_id]).fetchone()
    if row is None:
        return None
    (caption, width, height, orientation, taken, source, lat, lon, tz, gps_source, city, state,
     country, country_code) = row
    keywords = [(k, n) for k, n in db.execute(
        "SELECT t.kind, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE pt.photo_id = ? AND t.kind != 'flag' GROUP BY t.id"
        " HAVING MAX(pt.source IN ('user', 'hashtag') OR t.kind = 'person'"
        " OR IFNULL(pt.score, 1) >= ?) ORDER BY t.kind, t.name", [photo_id, MIN_MODEL_SCORE])]
    faces = _faces(db, photo_id)
    keywords += [("person", f.name) for f in faces if ("person", f.name) not in keywords]
    data = XmpData(keywords, caption, faces, width, height, orientation or 1)
    if taken and source in WRITTEN_DATE_SOURCES:
        data.date = taken + (tz or "")
    if lat is not None and lon is not None and gps_source and gps_source != "exif":
        data.gps = (lat, lon)
    data.city, data.state, data.country, data.country_code = city, state, country, country_code
    return data


def export_xmp(db, photo_ids: list[int], *, naming: str = "digikam", dest: Path | None = None,
               root: Path | None = None, force: bool = False) -> Iterator[tuple[str, str]]:
    """Write (merge) sidecars; yields (sidecar path, 'written' | reason it was skipped).

    ``force`` is accepted for older callers: merging keeps other programs' data anyway, and
    a sidecar that is not XML is never replaced."""
    for pid in photo_ids:
        data = photo_xmp(db, pid)
        if data is None:
            continue
        for path, raw in db.execute(
            "SELECT path, path_bytes FROM files WHERE photo_id = ? AND status = 'ok'", [pid]
        ).fetchall():
            target = sidecar_path(fs_path(path, raw), naming, dest, root)
            try:
                merge_file(target, data)
                yield str(target), "written"
            except SidecarError as exc:
                yield str(target), f"kept as it is: {exc}"
            except OSError as exc:
                yield str(target), f"cannot write: {exc.strerror or exc}"
