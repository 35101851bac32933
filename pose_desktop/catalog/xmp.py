"""XMP sidecars that digiKam, darktable and Lightroom read: keywords and named face regions.

Written only when the user asks (``pose export-xmp``). A sidecar is ``photo.jpg.xmp``
(digiKam/darktable naming) or ``photo.xmp`` (Lightroom naming), next to the photo or in a
separate folder. Sidecars written by other programs are never overwritten unless forced.
Fields: dc:subject (flat keywords), lr:hierarchicalSubject (``People|Name``,
``Hashtags|강아지``...), dc:description (caption), mwg-rs:Regions (MWG face regions with
normalised centre/size areas).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from pose_desktop.ingest.scan import fs_path

MARKER = 'xmlns:pose="https://pose-desktop.invalid/ns/1.0/"'
HIERARCHY = {
    "hashtag": "Hashtags", "person": "People", "scene": "Scenes", "object": "Objects",
    "clothing": "Clothing", "emotion": "Emotion", "user": "Tags",
}


@dataclass
class FaceRegion:
    """A named face, box normalised to 0..1 of the upright image."""

    name: str
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class XmpResult:
    written: int = 0
    skipped: int = 0
    problems: list[tuple[str, str]] | None = None


def sidecar_path(photo_path: str, naming: str = "digikam", dest: Path | None = None,
                 root: Path | None = None) -> Path:
    """Where the sidecar of ``photo_path`` goes."""
    p = Path(photo_path)
    name = p.name + ".xmp" if naming == "digikam" else p.stem + ".xmp"
    if dest is None:
        return p.with_name(name)
    rel = p.parent.relative_to(root) if root and p.is_relative_to(root) else Path(p.parent.name)
    return dest / rel / name


def _bag(tag: str, items: list[str]) -> str:
    if not items:
        return ""
    lis = "".join(f"<rdf:li>{escape(i)}</rdf:li>" for i in items)
    return f"<{tag}><rdf:Bag>{lis}</rdf:Bag></{tag}>"


def render_xmp(keywords: list[tuple[str, str]], caption: str | None, faces: list[FaceRegion],
               width: int | None, height: int | None) -> str:
    """The XMP packet for one photo. ``keywords``: (kind, display name)."""
    flat = list(dict.fromkeys(name for _, name in keywords))
    hier = list(dict.fromkeys(f"{HIERARCHY.get(k, 'Tags')}|{n}" for k, n in keywords))
    desc = ""
    if caption:
        desc = ('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
                f"{escape(caption)}</rdf:li></rdf:Alt></dc:description>")
    regions = ""
    if faces:
        lis = []
        for f in faces:
            cx, cy = (f.x1 + f.x2) / 2, (f.y1 + f.y2) / 2
            w, h = f.x2 - f.x1, f.y2 - f.y1
            lis.append(
                '<rdf:li rdf:parseType="Resource">'
                f"<mwg-rs:Name>{escape(f.name)}</mwg-rs:Name><mwg-rs:Type>Face</mwg-rs:Type>"
                f'<mwg-rs:Area stArea:x="{cx:.6f}" stArea:y="{cy:.6f}" stArea:w="{w:.6f}" '
                f'stArea:h="{h:.6f}" stArea:unit="normalized"/></rdf:li>'
            )
        dims = ""
        if width and height:
            dims = (f'<mwg-rs:AppliedToDimensions stDim:w="{width}" stDim:h="{height}" '
                    'stDim:unit="pixel"/>')
        regions = (f'<mwg-rs:Regions rdf:parseType="Resource">{dims}<mwg-rs:RegionList><rdf:Bag>'
                   f"{''.join(lis)}</rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions>")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="pose_desktop">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:lr="http://ns.adobe.com/lightroom/1.0/" '
        'xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/" '
        'xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#" '
        f'xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#" {MARKER}>\n'
        f"{_bag('dc:subject', flat)}{_bag('lr:hierarchicalSubject', hier)}{desc}{regions}\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n"
    )


def _faces(db, photo_id: int) -> list[FaceRegion]:
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"faces", "persons"} <= tables:
        return []
    return [FaceRegion(*r) for r in db.execute(
        "SELECT p.name, f.x1, f.y1, f.x2, f.y2 FROM faces f JOIN persons p ON p.id = f.person_id"
        " WHERE f.photo_id = ? AND p.name IS NOT NULL AND f.assigned_by IN ('user', 'auto')",
        [photo_id])]


def export_xmp(db, photo_ids: list[int], *, naming: str = "digikam", dest: Path | None = None,
               root: Path | None = None, force: bool = False) -> Iterator[tuple[str, str]]:
    """Write sidecars; yields (sidecar path, 'written' | reason it was skipped)."""
    for pid in photo_ids:
        row = db.execute("SELECT caption, width, height FROM photos WHERE id = ?", [pid]).fetchone()
        if row is None:
            continue
        keywords = [(k, n) for k, n in db.execute(
            "SELECT DISTINCT t.kind, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE pt.photo_id = ? AND t.kind != 'flag' ORDER BY t.kind, t.name", [pid])]
        faces = _faces(db, pid)
        keywords += [("person", f.name) for f in faces if ("person", f.name) not in keywords]
        text = render_xmp(keywords, row[0], faces, row[1], row[2])
        for path, raw in db.execute(
            "SELECT path, path_bytes FROM files WHERE photo_id = ? AND status = 'ok'", [pid]
        ).fetchall():
            target = sidecar_path(fs_path(path, raw), naming, dest, root)
            if target.exists() and not force:
                try:
                    ours = MARKER in target.read_text("utf-8", errors="replace")
                except OSError:
                    ours = False
                if not ours:
                    yield str(target), "kept: a sidecar written by another program is already there"
                    continue
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".{target.name}.tmp")
                tmp.write_text(text, "utf-8")
                os.replace(tmp, target)
                yield str(target), "written"
            except OSError as exc:
                yield str(target), f"cannot write: {exc.strerror or exc}"
