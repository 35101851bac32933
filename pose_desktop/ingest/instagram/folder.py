"""Reading a folder instaloader downloaded into: media + ``.txt`` captions + ``.json.xz``.

No network: the post metadata comes from the JSON instaloader saved next to each post
(``{date_utc}_UTC.json.xz`` by default, any ``--filename-pattern`` works because media are
matched to the JSON by file-name stem), else from the ``.txt`` caption file, else from the
``YYYY-MM-DD_HH-MM-SS_UTC`` file name.
"""

from __future__ import annotations

import json
import lzma
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from pose_desktop.catalog.db import Catalog
from pose_desktop.errors import IngestError
from pose_desktop.ingest.media import MEDIA_EXTENSIONS, VIDEO_EXTENSIONS

from .importer import CancelToken, ImportEvent
from .records import MediaRef, PostRecord, mentions_in, nfc, post_from_node
from .source import PostSource

# A post's metadata is small; a bigger "JSON" is not one of instaloader's (or is hostile).
MAX_JSON_BYTES = 32 * 1024 * 1024
MAX_CAPTION_BYTES = 1024 * 1024
_UTC_NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2})_UTC")
_SKIP_SUFFIXES = ("_profile_pic", "_comments", "_location")


def read_json_limited(path: str) -> dict | None:
    """A ``.json`` or ``.json.xz`` file as a dict; None if unreadable, too big or not JSON."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_JSON_BYTES + 1)
        if path.endswith(".xz"):
            # one-shot decompression, capped: a small file cannot inflate past the limit
            dec = lzma.LZMADecompressor()
            data = dec.decompress(data, max_length=MAX_JSON_BYTES + 1)
            if not dec.eof and len(data) <= MAX_JSON_BYTES:
                return None  # truncated
        if len(data) > MAX_JSON_BYTES:
            return None
        value = json.loads(data)
    except (OSError, lzma.LZMAError, EOFError, ValueError, UnicodeDecodeError, RecursionError):
        return None  # RecursionError: nested deeper than any real post (a hostile file)
    return value if isinstance(value, dict) else None


def _json_stem(name: str) -> str | None:
    for ext in (".json.xz", ".json"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return None


def _date_from_name(stem: str) -> datetime | None:
    m = _UTC_NAME_RE.match(stem)
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1), "%Y-%m-%d_%H-%M-%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _read_caption(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_CAPTION_BYTES)
    except OSError:
        return None
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").rstrip("\n")
    return nfc(text) or None


_POS_RE = re.compile(r"^(.*)_(\d+)$")


def _media_index(names: list[str], folder: str) -> dict[str, list[tuple[int, str, str]]]:
    """stem → [(position, kind, path)] for every media file: ``x.jpg`` is (x, 1), ``x_3.mp4`` is
    (x, 3) and also (x_3, 1), so any file-name pattern finds its files in one lookup."""
    index: dict[str, list[tuple[int, str, str]]] = {}
    for name in names:
        base, ext = os.path.splitext(name)
        if ext.lower() not in MEDIA_EXTENSIONS:
            continue
        kind = "video" if ext.lower() in VIDEO_EXTENSIONS else "image"
        path = os.path.join(folder, name)
        index.setdefault(base, []).append((1, kind, path))
        m = _POS_RE.match(base)
        if m:
            index.setdefault(m.group(1), []).append((int(m.group(2)), kind, path))
    return index


def _media_for_stem(stem: str, index: dict[str, list[tuple[int, str, str]]]) -> list[MediaRef]:
    """Media files named ``stem.ext`` or ``stem_N.ext``; a still beside a video is its poster."""
    by_pos: dict[int, dict[str, str]] = {}
    for pos, kind, path in index.get(stem, ()):
        by_pos.setdefault(pos, {})[kind] = path
    media = []
    for pos in sorted(by_pos):
        files = by_pos[pos]
        if "video" in files:
            media.append(MediaRef(files["video"], pos, True, poster=files.get("image")))
        else:
            media.append(MediaRef(files["image"], pos, False))
    return media


@dataclass
class PendingPost:
    """A post found by file names, its metadata not read yet (``read_pending`` reads it).

    ``json_path``: its instaloader JSON, read later; ``node``: metadata already read (a post
    whose media are missing); ``loose``: a media file that belongs to no post.
    """

    folder: str
    stem: str
    media: list[MediaRef]
    json_path: str | None = None
    node: dict | None = None
    owner_hint: str | None = None
    loose: bool = False


def _node_of(data: dict | None) -> tuple[str | None, dict | None]:
    """(node_type, post node) of a loaded instaloader JSON."""
    if data is None:
        return None, None
    meta = data.get("instaloader")
    kind = meta.get("node_type") if isinstance(meta, dict) else None
    if kind == "Post" and isinstance(data.get("node"), dict):
        return kind, data["node"]
    if kind is None and "shortcode" in data:  # instaloader 3 wrote the bare node
        return "Post", data
    return kind, None


def plan_instaloader_folder(root: str) -> tuple[list[PendingPost], list[tuple[str, str]]]:
    """Find the posts under ``root`` from file names alone (fast); their JSON is read later.

    Only JSON files without media of their own (the profile's, posts whose files are gone)
    are read here. Returns (pending posts, problems as (path, reason)).
    """
    pending: list[PendingPost] = []
    problems: list[tuple[str, str]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = sorted(f for f in files if not f.startswith("."))
        index = _media_index(names, folder)
        owner_hint = None
        stems: dict[str, tuple[str | None, dict | None]] = {}
        for name in names:
            stem = _json_stem(name)
            if stem is None or stem.startswith("iterator_") or stem.endswith("_comments"):
                continue
            path = os.path.join(folder, name)
            if stem in index:
                stems[stem] = (path, None)  # a post's metadata: read with its chunk
                continue
            data = read_json_limited(path)
            if data is None:
                problems.append((path, "unreadable instaloader metadata (not JSON, damaged or too large)"))
                continue
            kind, node = _node_of(data)
            if kind == "Profile" and isinstance(data.get("node"), dict):
                owner_hint = str(data["node"].get("username") or "").lower() or owner_hint
            elif node is not None:
                stems[stem] = (None, node)
        split = [(name, *os.path.splitext(name)) for name in names]
        media_names = [(n, b) for n, b, e in split if e.lower() in MEDIA_EXTENSIONS]
        for _name, base, ext in split:  # captions without JSON (--no-metadata-json)
            if ext == ".txt" and not base.endswith("_location"):
                if base not in stems and base in index:
                    stems[base] = (None, None)
        for _name, base in media_names:  # bare media with instaloader's date names
            if not base.endswith(_SKIP_SUFFIXES):
                m = _UTC_NAME_RE.match(base)
                if m and m.group(0) not in stems and m.group(0) in index:
                    stems[m.group(0)] = (None, None)
        claimed: set[str] = set()
        found = []
        for stem in sorted(stems, key=len, reverse=True):  # longest first: "x_1" before "x"
            json_path, node = stems[stem]
            media = [m for m in _media_for_stem(stem, index) if m.path not in claimed]
            claimed.update(m.path for m in media)
            claimed.update(m.poster for m in media if m.poster)
            if media or node is not None:
                found.append(PendingPost(folder, stem, media, json_path, node, owner_hint))
        pending += sorted(found, key=lambda p: p.stem)
        for name, base in media_names:
            path = os.path.join(folder, name)
            if path not in claimed and not base.endswith(_SKIP_SUFFIXES):
                pending.append(PendingPost(folder, base, [MediaRef(path)], loose=True))
    return pending, problems


def read_pending(p: PendingPost) -> tuple[PostRecord, tuple[str, str] | None]:
    """The post's record, from its JSON, else its ``.txt`` and file name; and a problem."""
    if p.loose:
        return PostRecord("instaloader", media=p.media, is_post=False), None
    node, problem = p.node, None
    if p.json_path:
        data = read_json_limited(p.json_path)
        if data is None:
            problem = (p.json_path, "unreadable instaloader metadata (not JSON, damaged or too large)")
        node = _node_of(data)[1] or node
    rec = post_from_node(node, "instaloader") if node is not None else PostRecord("instaloader")
    if rec.caption is None:
        rec.caption = _read_caption(os.path.join(p.folder, p.stem + ".txt"))
        rec.mentions = mentions_in(rec.caption)
    if rec.posted_at is None:
        rec.posted_at = _date_from_name(p.stem)
    rec.owner = rec.owner or p.owner_hint
    rec.media = p.media
    return rec, problem


class FolderSource(PostSource):
    """A folder instaloader downloaded into (media, ``.txt``, ``.json.xz``); no network.

    Posts are found from file names first; their metadata is read on a helper thread,
    a chunk ahead of the indexer."""

    name = "instaloader"
    title = "A folder instaloader downloaded into"
    help = "import a folder instaloader downloaded into"
    target = "folder"
    target_help = "the folder instaloader downloaded into"
    origin = "instaloader"

    def __init__(self, folder: str | os.PathLike) -> None:
        super().__init__(os.path.abspath(os.fspath(folder)))

    def check(self) -> None:
        if not os.path.isdir(self.path):
            raise IngestError(f"{self.path} is not a folder; give the folder instaloader downloaded into.")

    def plan(self, catalog: Catalog, ev: ImportEvent, cancel: CancelToken) -> Iterator[ImportEvent]:
        self.read_folder(ev)
        if not self.items and not self.problems:  # "0 posts added" alone: the wrong folder?
            raise IngestError(f"No posts found in {self.path}: it has none of the files instaloader "
                              "writes (2023-07-14_18-03-22_UTC.jpg, .json.xz, .txt). Choose the "
                              "folder instaloader downloaded into.")
        yield from ()

    def read_folder(self, ev: ImportEvent) -> None:
        """Find the posts in ``self.path`` (file names only; their JSON is read later)."""
        self.items, self.problems = plan_instaloader_folder(self.path)
        ev.posts_found = sum(1 for p in self.items if not p.loose)

    def prepare(self, chunk: list[PendingPost]) -> tuple[list[PostRecord], list[tuple[str, str]]]:
        records, found = [], []
        for p in chunk:
            rec, problem = read_pending(p)
            rec.source = self.origin
            records.append(rec)
            if problem:
                found.append(problem)
        return records, found

    def size(self, item: PendingPost) -> int:
        return len(item.media)
