"""Reading Instagram's own data export (the ZIP from Settings → Download your information).

Layouts handled (JSON format):
- current: ``your_instagram_activity/content/posts_1.json`` (or ``content/posts_1.json``), a
  list of posts ``{title, creation_timestamp, media: [{uri, creation_timestamp, title,
  media_metadata: {photo_metadata|video_metadata: {exif_data: [...]}}}]}``; a single-photo
  post may carry its caption and time on the media item only;
- ``archived_posts.json`` and ``reels.json`` (same items under ``ig_archived_post_media`` /
  ``ig_reels_media``);
- older (2019–2020): ``media.json`` with ``photos`` / ``videos`` lists of
  ``{caption, taken_at, path, location}`` (carousel items share caption and time).
Text is mojibake-fixed (see ``records.fix_mojibake``).

A ZIP is never extracted whole: only the post JSON is read (in memory, size-capped) and only
the media files posts refer to are written, into a managed folder, after checking each
member's name (no absolute paths, no ``..``, no links), its size, its compression ratio and
the real number of bytes it inflates to. An unpacked export folder is read in place.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import stat
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pose_desktop.errors import IngestError
from pose_desktop.ingest.exif import parse_exif_date
from pose_desktop.ingest.indexer import MAX_IN_MEMORY, FetchedFile, FetchError
from pose_desktop.ingest.media import MEDIA_EXTENSIONS, VIDEO_EXTENSIONS

from .records import MediaRef, PostRecord, fix_mojibake, mentions_in, nfc, utc_from_timestamp
from .source import PostSource


@dataclass(frozen=True)
class ZipLimits:
    """What a ZIP may contain before it is refused as hostile or broken."""

    max_members: int = 500_000
    max_member_bytes: int = 4 * 1024**3  # one video
    max_total_bytes: int = 200 * 1024**3
    max_json_bytes: int = 256 * 1024**2
    max_ratio: float = 200.0  # inflated / compressed, for members above ratio_floor
    ratio_floor: int = 1024**2


class ExportError(IngestError):
    """The data export cannot be read or is unsafe; the message says why and what to do."""


_POSTS_JSON_RE = re.compile(r"^(posts(_\d+)?|archived_posts|reels)\.json$")
_OWNER_FILES = ("personal_information.json", "profile.json", "account_information.json")
_DRIVE_RE = re.compile(r"^[A-Za-z]:")


def safe_key(name: str) -> str | None:
    """A ZIP member name (or a post's ``uri``) as a clean relative POSIX path ('a/b.jpg'), or
    None when it could escape the target (absolute, drive letter, ``..``, NUL)."""
    name = name.replace("\\", "/")
    if not name or "\x00" in name or name.startswith("/") or _DRIVE_RE.match(name):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)


def _basename(key: str) -> str:
    return key.rsplit("/", 1)[-1]


def _is_posts_json(key: str) -> bool:
    name = _basename(key)
    return bool(_POSTS_JSON_RE.match(name)) or name == "media.json"


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _exif(item: dict) -> tuple[datetime | None, tuple[float, float] | None]:
    meta = item.get("media_metadata") or {}
    entries = []
    for key in ("photo_metadata", "video_metadata"):
        sub = meta.get(key) if isinstance(meta, dict) else None
        if isinstance(sub, dict) and isinstance(sub.get("exif_data"), list):
            entries += [e for e in sub["exif_data"] if isinstance(e, dict)]
    when, gps = None, None
    for e in entries:
        for key in ("date_time_original", "date_time_digitized", "date_time"):
            if when is None and isinstance(e.get(key), str):
                when = parse_exif_date(e[key])
        try:
            lat, lng = float(e["latitude"]), float(e["longitude"])
            if gps is None and -90 <= lat <= 90 and -180 <= lng <= 180 and (lat, lng) != (0.0, 0.0):
                gps = (lat, lng)
        except (KeyError, TypeError, ValueError):
            pass
    return when, gps


def _list(value) -> list:
    """``value`` if it is a list, else [] (hostile or damaged JSON has any type anywhere)."""
    return value if isinstance(value, list) else []


def _text(value) -> str | None:
    """A text field of the export, mojibake repaired, NFC; None when empty or not text."""
    return nfc(fix_mojibake(value).strip()) or None if isinstance(value, str) else None


def parse_posts_json(data) -> list[tuple[PostRecord, list[tuple[str, dict]]]]:
    """Posts of one export JSON file: (record without media, [(uri, media item)]); text
    repaired (mojibake). Unknown shapes give an empty list."""
    out = []
    if isinstance(data, dict):
        if "photos" in data or "videos" in data:  # media.json (older layout)
            groups: dict[tuple, tuple[PostRecord, list]] = {}
            for key in ("photos", "videos"):
                for item in _list(data.get(key)):
                    if not isinstance(item, dict) or not isinstance(item.get("path"), str):
                        continue
                    caption = _text(item.get("caption"))
                    taken = item.get("taken_at")
                    try:
                        when = datetime.fromisoformat(str(taken)).astimezone(timezone.utc) if taken else None
                    except ValueError:
                        when = None
                    group = groups.get((taken, caption))
                    if group is None:
                        rec = PostRecord("export", caption=caption, posted_at=when,
                                         location=_text(item.get("location")))
                        group = groups[(taken, caption)] = (rec, [])
                    group[1].append((fix_mojibake(item["path"]), item))
            return list(groups.values())
        for key in ("ig_posts", "posts", "ig_archived_post_media", "ig_reels_media"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list):
        return out
    for entry in data:
        if not isinstance(entry, dict):
            continue
        media = [m for m in _list(entry.get("media")) if isinstance(m, dict) and isinstance(m.get("uri"), str)]
        if not media:
            continue
        caption = _text(entry.get("title")) or (_text(media[0].get("title")) if len(media) >= 1 else None)
        when = utc_from_timestamp(entry.get("creation_timestamp") or media[0].get("creation_timestamp"))
        rec = PostRecord("export", caption=caption, posted_at=when,
                         typename="GraphSidecar" if len(media) > 1 else None)
        out.append((rec, [(fix_mojibake(m["uri"]), m) for m in media]))
    for rec, _ in out:
        rec.mentions = mentions_in(rec.caption)
    return out


def _owner(data) -> str | None:
    """The account's username from personal_information.json / profile.json."""
    if isinstance(data, dict):
        if isinstance(data.get("username"), str):
            return fix_mojibake(data["username"]).lower()
        for key in ("profile_user", "profile_account_insights"):
            for entry in _list(data.get(key)):
                smd = entry.get("string_map_data") if isinstance(entry, dict) else None
                user = smd.get("Username") if isinstance(smd, dict) else None
                value = user.get("value") if isinstance(user, dict) else None
                if isinstance(value, str) and value:
                    return fix_mojibake(value).lower()
    return None


def _root_candidates(json_key: str) -> list[str]:
    """Prefixes a media ``uri`` may be relative to: the JSON's folder and each parent,
    deepest first, ending with '' (the export's root)."""
    parts = json_key.split("/")[:-1]
    return ["/".join(parts[:i]) + "/" for i in range(len(parts), 0, -1)] + [""]


class _Export:
    """An export's files by their '/'-separated names inside it (``names``)."""

    names: Collection[str]

    def json_files(self) -> list[str]:
        return sorted(p for p in self.names if _is_posts_json(p))

    def owner_files(self) -> list[str]:
        return sorted(p for p in self.names if _basename(p) in _OWNER_FILES)

    def exists(self, rel: str) -> bool:
        return rel in self.names


class _ZipExport(_Export):
    def __init__(self, path: Path, dest: Path, limits: ZipLimits) -> None:
        self.path, self.dest, self.limits = path, dest, limits
        try:
            self.zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise ExportError(f"{path} is not a readable ZIP file ({exc}). Download the export "
                              "again from Instagram, or unpack it and import the folder.") from exc
        infos = self.zf.infolist()
        if len(infos) > limits.max_members:
            self.zf.close()
            raise ExportError(f"{path} has {len(infos):,} files, more than an Instagram export has "
                              f"(limit {limits.max_members:,}); refusing it as unsafe.")
        self.members: dict[str, zipfile.ZipInfo] = {}
        self.names = self.members  # what _Export looks names up in
        self.unsafe: list[str] = []
        self._handles: list[zipfile.ZipFile] = [self.zf]
        self._dest_root: str | None = None
        self._made: set[str] = set()
        for info in infos:
            if info.is_dir():
                continue
            safe = safe_key(info.filename)
            if safe is None or _is_link(info):
                self.unsafe.append(info.filename)
                continue
            self.members[safe] = info

    def close(self) -> None:
        for zf in self._handles:
            zf.close()

    def read_json(self, rel: str):
        info = self.members[rel]
        if info.file_size > self.limits.max_json_bytes:
            raise ExportError(f"{rel} in the export is {info.file_size / 1e6:.0f} MB, too large "
                              "for a posts file; refusing it as unsafe.")
        with self.zf.open(info) as fh:
            data = fh.read(self.limits.max_json_bytes + 1)
        if len(data) > self.limits.max_json_bytes:
            raise ExportError(f"{rel} inflates beyond its declared size; refusing the export as unsafe.")
        return json.loads(data.decode("utf-8"))

    def check_sizes(self, rels: list[str]) -> None:
        total = 0
        for rel in rels:
            info = self.members[rel]
            if info.file_size > self.limits.max_member_bytes:
                raise ExportError(f"{rel} in the export claims {info.file_size / 1e9:.1f} GB, more than "
                                  "any Instagram photo or video; refusing the export as unsafe.")
            if (info.file_size > self.limits.ratio_floor
                    and info.file_size > self.limits.max_ratio * max(info.compress_size, 1)):
                raise ExportError(f"{rel} in the export is compressed {info.file_size / max(info.compress_size, 1):.0f}:1 "
                                  "(a 'zip bomb'); refusing the export as unsafe.")
            total += info.file_size
        if total > self.limits.max_total_bytes:
            raise ExportError(f"The export's media add up to {total / 1e9:.0f} GB, more than the "
                              f"{self.limits.max_total_bytes / 1e9:.0f} GB limit; refusing it as unsafe.")
        self.dest.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(self.dest).free
        if total > free:
            raise ExportError(f"Extracting the export's media needs {total / 1e9:.1f} GB but only "
                              f"{free / 1e9:.1f} GB are free on {self.dest}; free some space and import again.")

    def _zip(self) -> zipfile.ZipFile:
        # One handle for all extraction threads: each opened member reads through zipfile's
        # shared, locked file object, and the central directory (large) is parsed once.
        return self.zf

    def target(self, rel: str) -> str:
        """Where member ``rel`` is (or will be) extracted."""
        if self._dest_root is None:
            self._dest_root = os.path.realpath(self.dest)
        dest_root = self._dest_root
        # rel is already free of '..' and absolute parts, and no link is ever extracted, so
        # normpath is enough here (realpath would stat every component of every file)
        target = os.path.normpath(os.path.join(dest_root, *rel.split("/")))
        if not target.startswith(dest_root + os.sep):  # belt and braces
            raise ExportError(f"{rel} would be written outside {self.dest}; refusing the export as unsafe.")
        return target

    @staticmethod
    def _mtime_ns(info: zipfile.ZipInfo) -> int:
        # the ZIP's local time, whole seconds (what an extracted file's mtime is set to)
        return int(datetime(*info.date_time).timestamp()) * 1_000_000_000

    def _extracted(self, rel: str, target: str) -> bool:
        info = self.members[rel]
        try:
            st = os.stat(target)
        except OSError:
            return False
        return st.st_size == info.file_size and st.st_mtime_ns // 10**9 == self._mtime_ns(info) // 10**9

    def fetched_file(self, rel: str) -> FetchedFile | None:
        """Member ``rel`` as a file the indexer extracts as it reads it (one read of the bytes);
        None when it is extracted already."""
        target = self.target(rel)
        if self._extracted(rel, target):
            return None
        info = self.members[rel]
        return FetchedFile(target, info.file_size, self._mtime_ns(info),
                           fetch=functools.partial(self._fetch, rel, target))

    def _fetch(self, rel: str, target: str) -> bytes | None:
        try:
            keep = self.members[rel].file_size <= MAX_IN_MEMORY  # larger: streamed back from disk
            return self._extract(rel, target, keep=keep)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise FetchError(damaged_reason(rel, exc)) from exc

    def _extract(self, rel: str, target: str, *, keep: bool) -> bytes | None:
        """Write member ``rel`` at ``target`` (owner-only; checking the bytes it really
        inflates to); its bytes when ``keep``."""
        info = self.members[rel]
        mtime_ns = self._mtime_ns(info)
        folder = os.path.dirname(target)
        if folder not in self._made:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            self._made.add(folder)
        # written in place: a half-written file (crash) has the wrong size or mtime, so the
        # next import extracts it again; utime last marks it complete
        tmp = target
        written = 0
        kept: list[bytes] = []
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with self._zip().open(info) as src, os.fdopen(fd, "wb") as out:
                while True:
                    chunk = src.read(1024 * 1024)
                    if not chunk:
                        break
                    written += len(chunk)
                    if written > info.file_size:  # the header lied: a zip bomb in disguise
                        raise ExportError(f"{rel} inflates beyond its declared size; refusing the "
                                          "export as unsafe.")
                    out.write(chunk)
                    if keep:
                        kept.append(chunk)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        os.utime(target, ns=(mtime_ns, mtime_ns))
        if not keep:
            return None
        return b"".join(kept) if len(kept) != 1 else kept[0]


class _DirExport(_Export):
    def close(self) -> None:
        pass

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root = os.path.realpath(path)
        self.names: set[str] = set()
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            rel = os.path.relpath(folder, self.root)
            prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
            for f in files:
                self.names.add(prefix + f)
        self.unsafe: list[str] = []

    def read_json(self, rel: str):
        with open(os.path.join(self.root, *rel.split("/")), "rb") as fh:
            data = fh.read(ZipLimits.max_json_bytes + 1)
        if len(data) > ZipLimits.max_json_bytes:
            raise ExportError(f"{rel} is too large for a posts file; is this an Instagram export?")
        return json.loads(data.decode("utf-8"))

    def check_sizes(self, rels) -> None:
        return None

    def target(self, rel: str) -> str:
        target = os.path.realpath(os.path.join(self.root, *rel.split("/")))
        if not target.startswith(self.root + os.sep):
            raise ExportError(f"{rel} points outside the export folder {self.path}; refusing it.")
        return target


def export_dest(managed: Path, source: Path) -> Path:
    """Where media of the export ZIP ``source`` are extracted (stable across re-imports)."""
    stem = re.sub(r"[^\w.-]+", "_", source.stem)[:60] or "export"
    return managed / "exports" / f"{stem}-{source.stat().st_size}"


@dataclass
class ExportPlan:
    """What an export holds, before anything is extracted.

    ``posts``: records whose media paths are final (for a ZIP: where its members are
    extracted to). ``jobs``: media path → ZIP member still to extract (empty for a folder).
    ``fetched(member)``: the member as an ``indexer.FetchedFile`` the indexer extracts as it
    reads it, or None when it is extracted already (None for a folder).
    """

    posts: list[PostRecord]
    problems: list[tuple[str, str]]
    jobs: dict[str, str]
    close: Callable[[], None] = lambda: None
    fetched: Callable[[str], FetchedFile | None] | None = None


def plan_export(source: str | Path, managed: Path, limits: ZipLimits | None = None) -> ExportPlan:
    """Read an export's post JSON (ZIP or folder) and check it; nothing is written yet.

    Raises ``ExportError`` for a missing, unreadable or unsafe export.
    """
    limits = limits or ZipLimits()
    source = Path(source)
    if source.is_dir():
        exp = _DirExport(source)
    elif source.is_file():
        exp = _ZipExport(source, export_dest(managed, source), limits)
    else:
        raise ExportError(f"{source} does not exist; give the export's ZIP file or its unpacked folder.")
    try:
        return _plan(exp, source)
    except BaseException:
        exp.close()
        raise


def _plan(exp, source: Path) -> ExportPlan:
    problems = [(f"{source}:{n}", "unsafe name in the ZIP (absolute path, '..' or a link); skipped")
                for n in exp.unsafe]
    json_files = exp.json_files()
    if not json_files:
        raise ExportError(
            f"No posts found in {source}: it has no posts_1.json (or media.json). Request the export "
            "from Instagram in JSON format (not HTML), with 'Posts' included, then import it again."
        )
    owner = None
    for rel in exp.owner_files():
        try:
            owner = owner or _owner(exp.read_json(rel))
        except (ValueError, UnicodeDecodeError, OSError, zipfile.BadZipFile, RecursionError):
            pass
    posts: list[PostRecord] = []
    jobs: dict[str, str] = {}
    needed: list[str] = []
    for rel in json_files:
        try:
            data = exp.read_json(rel)  # text fields are repaired as they are read
        except (ValueError, UnicodeDecodeError, OSError, zipfile.BadZipFile, RecursionError) as exc:
            if isinstance(exc, RecursionError):
                exc = ValueError("nested deeper than any real posts file")
            problems.append((f"{source}:{rel}", f"unreadable posts file ({exc})"))
            continue
        roots = _root_candidates(rel)
        for rec, items in parse_posts_json(data):
            rec.owner = owner
            for pos, (uri, item) in enumerate(items, start=1):
                safe = safe_key(uri)
                if safe is None:
                    problems.append((f"{source}:{uri}", "a post refers to an unsafe file name "
                                                        "(absolute path or '..'); skipped"))
                    continue
                hit = next((r + safe for r in roots if exp.exists(r + safe)), None)
                if hit is None:
                    problems.append((f"{source}:{uri}", "a post refers to this file but the export "
                                                        "does not contain it; the post is kept without it"))
                    continue
                ext = os.path.splitext(hit)[1].lower()
                if ext not in MEDIA_EXTENSIONS:
                    continue
                path = exp.target(hit)
                if isinstance(exp, _ZipExport) and path not in jobs:
                    jobs[path] = hit
                    needed.append(hit)
                when, gps = _exif(item)
                rec.media.append(MediaRef(path, pos, ext in VIDEO_EXTENSIONS, exif_date=when, gps=gps))
            posts.append(rec)
    exp.check_sizes(needed)
    return ExportPlan(posts, problems, jobs, exp.close,
                      exp.fetched_file if isinstance(exp, _ZipExport) else None)


def damaged_reason(member: str, exc: BaseException) -> str:
    """What to tell the user about a member that cannot be inflated."""
    return (f"{member} is damaged in the ZIP ({exc}); skipped — download the export again "
            "to get this file")


class ExportSource(PostSource):
    """Instagram's own data export, its ZIP or the unpacked folder; no login.

    Media of a ZIP are extracted (safely, see above) into ``<catalog>.instagram/exports/``
    by the indexer's workers as they read them (the bytes are read once); an unpacked
    folder is indexed where it is."""

    name = "export"
    title = "Instagram's data export (ZIP or unpacked folder)"
    help = "import Instagram's data export (ZIP or unpacked folder)"
    target = "ZIP|DIR"
    target_help = "the export's ZIP file or its unpacked folder"
    origin = "export"
    first_phase = "extracting"

    def __init__(self, source: str | os.PathLike, limits: ZipLimits | None = None) -> None:
        super().__init__(str(source))
        self.limits = limits or ZipLimits()
        self._plan: ExportPlan | None = None

    def plan(self, catalog, ev, cancel) -> Iterator:
        from .importer import managed_root

        self._plan = plan_export(self.path, managed_root(catalog.path), self.limits)
        self.items, self.problems = self._plan.posts, self._plan.problems
        ev.missing_files += sum(1 for _, r in self.problems if "does not contain" in r)
        ev.posts_found = len(self.items)
        yield from ()

    def prepare(self, chunk: list[PostRecord]) -> tuple[list[PostRecord], list[tuple[str, str]]]:
        # members not extracted yet are extracted by the indexer as it reads them (one read)
        plan = self._plan
        for rec in chunk:
            for m in rec.media:
                member = plan.jobs.pop(m.path, None)
                if member is not None and plan.fetched is not None:
                    m.fetched = plan.fetched(member)
        return chunk, []

    def size(self, item: PostRecord) -> int:
        return len(item.media)

    def close(self) -> None:
        if self._plan is not None:
            self._plan.close()
