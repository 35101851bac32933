"""Hostile Instagram exports and instaloader folders through the real importers.

Mutated posts JSON, member names that try to escape (``../``, absolute, drive letters,
backslashes), symlink members, a zip bomb and damaged media: the import either succeeds or
stops with a readable ``PoseError``; nothing is written outside the managed folders, and
the catalog stays intact. Derandomised for CI.
"""

from __future__ import annotations

import json
import lzma
import sqlite3
import stat
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pose_desktop.errors import PoseError
from pose_desktop.services import Library
from tests.ingest.instagram_data import export_posts, jpeg_bytes, make_instaloader_folder

HOSTILE_NAMES = [
    "../../evil.jpg", "/tmp/pose-evil-abs.jpg", "C:\\evil.jpg", "media/../../../evil2.jpg",
    "media\\..\\..\\evil3.jpg", "media/posts/202001/ok.jpg", "./media/./posts/dot.jpg",
    "media/" + "x" * 300 + ".jpg", "media/posts/공백 이름.jpg", "",
]

json_value = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True)
    | st.text(max_size=30) | st.sampled_from(HOSTILE_NAMES),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["uri", "title", "creation_timestamp", "media", "media_metadata",
                         "photo_metadata", "exif_data", "latitude", "string_map_data"]), children, max_size=4),
    max_leaves=12,
)


def _mutate_entries(entries, data, rnd_values):
    """Replace random fields of the valid entries with hostile values."""
    for path_choice, value in rnd_values:
        entry = entries[path_choice % len(entries)]
        target = entry["media"][0] if entry.get("media") and path_choice % 2 else entry
        key = ["uri", "title", "creation_timestamp", "media", "media_metadata"][path_choice % 5]
        target[key] = value
    return entries


def _zip(path: Path, members: dict[str, bytes], links: dict[str, str], bomb: bool) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            try:
                zf.writestr(name, data)
            except (ValueError, OSError, IndexError):  # names zipfile itself refuses
                pass
        for name, target in links.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
        if bomb:
            info = zipfile.ZipInfo("media/posts/202001/bomb.jpg")
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, b"\xff\xd8" + b"\x00" * (30 * 1024**2))


def _files_under(root: Path) -> set[str]:
    return {str(p) for p in root.rglob("*")}


def _run(lib, gen) -> None:
    try:
        list(gen)
    except PoseError as exc:
        assert str(exc)  # a readable reason


def _assert_contained(base: Path, before: set[str], catalog: Path) -> None:
    allowed = (str(catalog), str(catalog) + "-", str(catalog.with_name(catalog.stem + ".thumbs")),
               str(catalog.with_name(catalog.stem + ".instagram")), str(catalog) + ".lock")
    new = _files_under(base) - before
    stray = [p for p in new if not p.startswith(allowed)]
    assert stray == [], stray
    assert not Path("/tmp/pose-evil-abs.jpg").exists()
    with sqlite3.connect(catalog) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) - COUNT(DISTINCT hash) FROM photos").fetchone()[0] == 0


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    changes=st.lists(st.tuples(st.integers(0, 100), json_value), max_size=5),
    extra_names=st.lists(st.sampled_from(HOSTILE_NAMES), max_size=4),
    link=st.booleans(),
    bomb=st.booleans(),
    raw_flip=st.one_of(st.none(), st.integers(0, 10_000)),
)
def test_hostile_export_zip(changes, extra_names, link, bomb, raw_flip):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        catalog = base / "lib" / "deep" / "catalog.sqlite"
        entries, files = export_posts(4, image_size=(32, 24))
        entries = _mutate_entries(entries, None, changes)
        posts = json.dumps(entries, default=str).encode()
        if raw_flip is not None and posts:
            b = bytearray(posts)
            b[raw_flip % len(b)] ^= 0x5A
            posts = bytes(b)
        members = {"your_instagram_activity/content/posts_1.json": posts, **files}
        for i, name in enumerate(extra_names):
            members[name] = jpeg_bytes(1000 + i, (16, 16))
        links = {"media/posts/202001/link.jpg": "/etc/passwd"} if link else {}
        src = base / "export.zip"
        _zip(src, members, links, bomb)
        catalog.parent.mkdir(parents=True)
        before = _files_under(base)
        lib = Library(catalog)
        _run(lib, lib.instagram.import_export(src))
        lib.close()
        _assert_contained(base, before, catalog)
        extracted = catalog.with_name("catalog.instagram")
        for p in extracted.rglob("*") if extracted.exists() else []:
            assert not p.is_symlink()
            assert p.resolve().is_relative_to(extracted.resolve())


@settings(max_examples=20, deadline=None, derandomize=True)
@given(
    flips=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10_000), st.integers(1, 255)), max_size=6),
    junk_json=st.one_of(st.none(), json_value),
)
def test_hostile_instaloader_folder(flips, junk_json):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folder = base / "profile"
        make_instaloader_folder(folder, 3, image_size=(32, 24))
        xz = sorted(folder.glob("*.json.xz"))
        for which, pos, val in flips:
            target = xz[which % len(xz)]
            raw = bytearray(lzma.decompress(target.read_bytes()))
            raw[pos % len(raw)] ^= val
            target.write_bytes(lzma.compress(bytes(raw)))
        if junk_json is not None:
            (folder / "2020-01-01_00-00-00_UTC.json.xz").write_bytes(
                lzma.compress(json.dumps(junk_json, default=str).encode()))
            (folder / "2020-01-01_00-00-00_UTC.jpg").write_bytes(b"\xff\xd8 broken")
        (folder / "bad.json.xz").write_bytes(b"not xz at all")
        catalog = base / "lib" / "catalog.sqlite"
        catalog.parent.mkdir()
        before = _files_under(base)
        lib = Library(catalog)
        _run(lib, lib.instagram.import_instaloader(folder))
        lib.close()
        _assert_contained(base, before, catalog)


def test_zip_bomb_is_refused_with_a_reason(tmp_path):
    entries, files = export_posts(1, image_size=(32, 24))
    entries.append({"media": [{"uri": "media/posts/202001/bomb.jpg", "creation_timestamp": 1600000000,
                               "title": "boom"}]})
    src = tmp_path / "bomb.zip"
    _zip(src, {"your_instagram_activity/content/posts_1.json": json.dumps(entries).encode(), **files},
         {}, bomb=True)
    lib = Library(tmp_path / "c.sqlite")
    with pytest.raises(PoseError) as err:
        list(lib.instagram.import_export(src))
    assert "bomb.jpg" in str(err.value), err.value
    managed = tmp_path / "c.instagram"
    assert not any(p.stat().st_size > 10**6 for p in managed.rglob("*") if p.is_file())
    lib.close()
