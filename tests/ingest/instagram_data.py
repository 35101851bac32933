"""Generators of Instagram-shaped data for tests and benchmarks.

- ``make_instaloader_folder``: what ``instaloader PROFILE`` leaves on disk, written with
  instaloader's own ``save_structure_to_file`` (so the ``.json.xz`` is the real format);
- ``make_export``: Instagram's data export (current ``posts_1.json`` layout or the older
  ``media.json`` one), as a ZIP or a folder, with the export's mojibake.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from PIL import Image

BASE_TS = 1_600_000_000  # 2020-09-13


def jpeg_bytes(seed: int, size=(64, 48), exif_when: datetime | None = None) -> bytes:
    """A small JPEG with content unique to ``seed`` (optionally with DateTimeOriginal)."""
    rng = np.random.default_rng(seed)
    arr = rng.integers(0, 255, size=(size[1] // 8 + 1, size[0] // 8 + 1, 3), dtype=np.uint8)
    im = Image.fromarray(arr).resize(size, Image.Resampling.NEAREST)
    buf = io.BytesIO()
    exif = Image.Exif()
    if exif_when:
        exif.get_ifd(0x8769)[0x9003] = exif_when.strftime("%Y:%m:%d %H:%M:%S")
    im.save(buf, "JPEG", quality=80, exif=exif)
    return buf.getvalue()


def mp4_bytes(seed: int) -> bytes:
    """Bytes that look like an MP4 (ftyp box) — videos are recorded, never decoded."""
    return b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + seed.to_bytes(8, "big") * 16


def mojibake(text: str) -> str:
    """How Instagram's export writes non-ASCII text: each UTF-8 byte as one Latin-1 char."""
    return text.encode("utf-8").decode("latin-1")


def post_node(i: int, owner: str, caption: str, *, kind: str = "GraphImage", n_children: int = 0,
              tagged: list[str] | None = None, likes: int = 10, comments: int = 2,
              location: dict | None = None) -> dict:
    """A legacy GraphQL post node as instaloader keeps it in ``.json.xz``."""
    shortcode = f"C{i:09d}"
    node = {
        "__typename": kind,
        "id": str(3_000_000_000_000 + i),
        "shortcode": shortcode,
        "display_url": f"https://scontent.cdninstagram.com/v/{shortcode}.jpg",
        "is_video": kind == "GraphVideo",
        "taken_at_timestamp": BASE_TS + i * 3600,
        "edge_media_to_caption": {"edges": [{"node": {"text": caption}}] if caption else []},
        "edge_media_preview_like": {"count": likes},
        "edge_media_to_comment": {"count": comments},
        "edge_media_to_tagged_user": {"edges": [{"node": {"user": {"username": t}}} for t in tagged or []]},
        "owner": {"id": "4242", "username": owner},
        "location": location,
    }
    if kind == "GraphSidecar":
        node["edge_sidecar_to_children"] = {"edges": [
            {"node": {"__typename": "GraphImage", "is_video": False,
                      "display_url": f"https://scontent.cdninstagram.com/v/{shortcode}_{k}.jpg"}}
            for k in range(1, n_children + 1)
        ]}
    return node


def write_post_json(path_base: Path, node: dict) -> None:
    """``<base>.json.xz`` exactly as instaloader writes it."""
    import instaloader

    ctx = instaloader.InstaloaderContext(sleep=False, quiet=True)
    instaloader.save_structure_to_file(instaloader.Post(ctx, node), str(path_base) + ".json.xz")


def make_instaloader_folder(root: Path, n_posts: int, *, owner: str = "tester", carousel_every: int = 5,
                            video_every: int = 7, image_size=(64, 48), seed0: int = 0,
                            write_json: bool = True) -> list[dict]:
    """A profile folder as instaloader downloads it; returns the nodes written."""
    root.mkdir(parents=True, exist_ok=True)
    nodes = []
    import instaloader

    ctx = instaloader.InstaloaderContext(sleep=False, quiet=True)
    for i in range(n_posts):
        when = datetime.fromtimestamp(BASE_TS + i * 3600, timezone.utc)
        base = root / when.strftime("%Y-%m-%d_%H-%M-%S_UTC")
        caption = f"post {i} #일상 #daily{i % 13} @friend{i % 5}"
        if carousel_every and i % carousel_every == 1:
            node = post_node(i, owner, caption, kind="GraphSidecar", n_children=3,
                             tagged=[f"pal{i % 4}"])
            for k in range(1, 4):
                Path(f"{base}_{k}.jpg").write_bytes(jpeg_bytes(seed0 + i * 10 + k, image_size))
        elif video_every and i % video_every == 3:
            node = post_node(i, owner, caption, kind="GraphVideo")
            Path(f"{base}.jpg").write_bytes(jpeg_bytes(seed0 + i * 10, image_size))
            Path(f"{base}.mp4").write_bytes(mp4_bytes(seed0 + i))
        else:
            node = post_node(i, owner, caption)
            Path(f"{base}.jpg").write_bytes(jpeg_bytes(seed0 + i * 10, image_size))
        Path(f"{base}.txt").write_text(caption + "\n", encoding="utf-8")
        if write_json:
            instaloader.save_structure_to_file(instaloader.Post(ctx, node), f"{base}.json.xz")
        nodes.append(node)
    return nodes


def export_posts(n_posts: int, *, carousel_every: int = 5, video_every: int = 7, image_size=(64, 48),
                 seed0: int = 0, captions: dict[int, str] | None = None,
                 exif_every: int = 0) -> tuple[list[dict], dict[str, bytes]]:
    """(posts_1.json entries, {uri: bytes}) in the current export layout, with mojibake."""
    entries, files = [], {}
    for i in range(n_posts):
        ts = BASE_TS + i * 3600
        month = datetime.fromtimestamp(ts, timezone.utc).strftime("%Y%m")
        caption = (captions or {}).get(i, f"post {i} #일상 #daily{i % 13}")
        media = []
        count = 3 if carousel_every and i % carousel_every == 1 else 1
        for k in range(1, count + 1):
            is_video = count == 1 and video_every and i % video_every == 3
            uri = f"media/posts/{month}/{17_000_000_000 + i * 10 + k}.{'mp4' if is_video else 'jpg'}"
            files[uri] = mp4_bytes(seed0 + i) if is_video else jpeg_bytes(
                seed0 + i * 10 + (k if count > 1 else 0), image_size)
            item = {"uri": uri, "creation_timestamp": ts, "title": mojibake(caption) if count == 1 else "",
                    "cross_post_source": {"source_app": "FB"}, "backup_uri": "https://example.invalid/x"}
            if exif_every and i % exif_every == 0:
                item["media_metadata"] = {"photo_metadata": {"exif_data": [
                    {"date_time_original": "2019:05:01 12:30:00", "latitude": 37.5665, "longitude": 126.978,
                     "device_id": "android-x", "source_type": "camera"}]}}
            media.append(item)
        entry = {"media": media}
        if count > 1:
            entry["title"] = mojibake(caption)
            entry["creation_timestamp"] = ts
        entries.append(entry)
    return entries, files


def make_export(target: Path, entries: list[dict], files: dict[str, bytes], *, layout: str = "current",
                as_zip: bool = True, owner: str | None = "tester", prefix: str = "",
                extra: dict[str, bytes] | None = None) -> Path:
    """Write an export (ZIP or folder). ``layout``: 'current' (your_instagram_activity/content/
    posts_1.json), '2022' (content/posts_1.json) or 'old' (media.json with ``entries`` as is)."""
    members: dict[str, bytes] = {}
    if layout == "current":
        members["your_instagram_activity/content/posts_1.json"] = json.dumps(entries).encode()
    elif layout == "2022":
        members["content/posts_1.json"] = json.dumps(entries).encode()
    else:
        members["media.json"] = json.dumps(entries).encode()
    if owner:
        members["personal_information/personal_information/personal_information.json"] = json.dumps(
            {"profile_user": [{"string_map_data": {"Username": {"value": owner}}}]}).encode()
    members.update(files)
    members.update(extra or {})
    if as_zip:
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
            for name, data in members.items():
                zf.writestr(prefix + name, data)
        return target
    for name, data in members.items():
        path = target / prefix / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return target


def all_files_text(*roots: Path) -> bytes:
    """Every byte written under ``roots`` (to prove a secret never reached the disk)."""
    out = []
    for root in roots:
        if not root.exists():
            continue
        for folder, _, names in os.walk(root):
            for n in names:
                path = Path(folder, n)
                try:
                    if path.is_file() and path.stat().st_size < 64 * 1024**2:
                        out.append(path.read_bytes())
                except OSError:
                    pass
    return b"\n".join(out)
