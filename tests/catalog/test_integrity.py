"""A damaged catalog is never rolled back silently, never written, and always explained:
the newest good backup (the user's own ``pose backup`` copies included) is named and put
back only when the user asks (``pose restore --latest``). Real catalog files, damaged the
way disks and crashes damage them, and the real ``pose`` command."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime

import pytest

from pose_desktop.catalog.db import Catalog
from pose_desktop.errors import CatalogDamagedError
from pose_desktop.services import Library
from tests.photos import make_jpeg
from tests.proc import run_pose


def _library(tmp_path, n=4):
    root = tmp_path / "p"
    for i in range(n):
        make_jpeg(root / f"{i}.jpg", when=datetime(2020, 1, i + 1), seed=i, size=(160, 120))
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        list(lib.photos.index_folder(root))
    return cat, root


def _user_tags(path):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return sorted(r[0] for r in conn.execute("SELECT name FROM tags WHERE kind='user'"))


def _with_backups(tmp_path):
    """A catalog with an old automatic pre-upgrade copy, then the user's work, then the
    user's own newer ``pose backup`` copy."""
    cat, root = _library(tmp_path)
    with Library(cat) as lib:
        old = cat.with_name(cat.name + ".bak-0001_initial")
        lib.catalog.backup(old)
        os.utime(old, (time.time() - 86400, time.time() - 86400))  # yesterday's upgrade
        lib.photos.add_user_tag(lib.photos.photo_ids(), "grandma")
    run = run_pose("--catalog", str(cat), "backup")
    assert run.returncode == 0, run.stderr
    return cat, root


def _truncate(path, keep):
    with open(path, "r+b") as fh:
        fh.truncate(keep)


def test_a_truncated_catalog_is_refused_not_rolled_back(tmp_path):
    cat, root = _with_backups(tmp_path)
    _truncate(cat, 4096)
    damaged = cat.read_bytes()
    for args in (["stats"], ["-q", "index", str(root)], ["search", "grandma"]):
        run = run_pose("--catalog", str(cat), *args)
        assert run.returncode == 1, (args, run.stdout)
        assert "Traceback" not in run.stderr
        assert "is damaged" in run.stderr and "pose restore --latest" in run.stderr
        # the newest good copy is the user's own backup, not yesterday's automatic one
        assert "backups/c-" in run.stderr and ".bak-0001_initial" not in run.stderr
        assert cat.read_bytes() == damaged  # nothing swapped, nothing written
    assert not list(tmp_path.glob("c.sqlite.damaged-*"))


def test_restore_latest_puts_back_the_newest_good_backup_when_asked(tmp_path):
    cat, root = _with_backups(tmp_path)
    _truncate(cat, 4096)
    damaged = cat.read_bytes()
    run = run_pose("--catalog", str(cat), "restore", "--latest")
    assert run.returncode == 0, run.stderr
    assert "backups/c-" in run.stdout
    assert _user_tags(cat) == ["grandma"]  # the user's work survived
    kept = cat.with_name(cat.name + ".before-restore")
    assert kept.read_bytes() == damaged  # the damaged file is kept aside, once
    run = run_pose("--catalog", str(cat), "stats")
    assert run.returncode == 0 and "photos:   4" in run.stdout
    # a second restore replaces a good before-restore copy, never the damaged one
    assert run_pose("--catalog", str(cat), "restore", "--latest").returncode == 0
    kept_aside = [p for p in tmp_path.glob("c.sqlite.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in kept_aside] == [damaged]
    assert _user_tags(kept) == ["grandma"]


def test_an_empty_catalog_file_is_damage_not_a_new_library(tmp_path):
    cat, root = _with_backups(tmp_path)
    _truncate(cat, 0)
    run = run_pose("--catalog", str(cat), "-q", "index", str(root))
    assert run.returncode == 1 and "empty (0 bytes)" in run.stderr and "Traceback" not in run.stderr
    assert cat.stat().st_size == 0  # the next index did not write into it
    with pytest.raises(CatalogDamagedError) as err:
        Catalog(cat)
    assert err.value.backup is not None and err.value.backup.parent.name == "backups"


def test_a_new_catalog_is_never_left_empty_by_a_kill(tmp_path):
    """New catalogs are built beside their name and renamed into place, so an existing
    empty file can only be damage."""
    cat = tmp_path / "new.sqlite"
    Catalog(cat).close()
    assert cat.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _damage_a_table_page(cat, name: str = "photos"):
    """Zero the first b-tree page of the table or index ``name`` (a flipped sector): the
    header and schema stay readable, so only an integrity check notices."""
    with sqlite3.connect(cat) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (name,)).fetchone()[0]
    with open(cat, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x00" * page_size)


def test_damage_inside_the_catalog_refuses_writes(tmp_path):
    cat, root = _with_backups(tmp_path)
    _damage_a_table_page(cat)
    with sqlite3.connect(cat) as conn:  # the schema still reads; the photos table does not
        assert conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 10
        with pytest.raises(sqlite3.DatabaseError, match="malformed"):
            conn.execute("SELECT * FROM photos NOT INDEXED").fetchall()
    damaged = cat.read_bytes()
    for args in (["-q", "index", str(root)], ["merge-hashtag", "a", "b"], ["backup"]):
        run = run_pose("--catalog", str(cat), *args)
        assert run.returncode == 1, (args, run.stdout, run.stderr)
        assert "damaged" in run.stderr and "Traceback" not in run.stderr, run.stderr
    run = run_pose("--catalog", str(cat), "stats")  # reading says what is wrong, no traceback
    assert "damaged" in run.stderr and "Traceback" not in run.stderr
    assert cat.read_bytes() == damaged
    assert not list((tmp_path / "backups").glob("*-2.sqlite"))  # no copy of the damage


def test_damaged_text_is_reported_not_a_traceback(tmp_path):
    cat, root = _library(tmp_path)
    with sqlite3.connect(cat) as conn:
        conn.execute("UPDATE photos SET caption = CAST(X'68656c6cff' AS TEXT)")
    for args in (["show", "1"],):
        run = run_pose("--catalog", str(cat), *args)
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert "damaged" in run.stderr and "pose restore --latest" in run.stderr


def test_restore_of_a_damaged_backup_is_refused_with_a_sentence(tmp_path):
    cat, root = _library(tmp_path)
    bad = tmp_path / "bad.sqlite"
    with Library(cat) as lib:
        lib.catalog.backup(bad)
    _damage_a_table_page(bad)
    before = cat.read_bytes()
    for source in (bad, tmp_path / "p" / "0.jpg"):
        run = run_pose("--catalog", str(cat), "restore", str(source))
        assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
        assert "cannot be restored" in run.stderr
    assert cat.read_bytes() == before


def test_two_backups_in_one_second_keep_both(tmp_path, capsys):
    from pose_desktop.cli import main

    cat, _ = _library(tmp_path)
    codes = [main(["--catalog", str(cat), "backup"]) for _ in range(3)]  # well within a second
    assert codes == [0, 0, 0]
    written = {line.split(" to ")[1] for line in capsys.readouterr().out.splitlines()}
    assert len(written) == 3 and all(os.path.exists(p) for p in written)
    assert not [p for p in (tmp_path / "backups").iterdir() if p.name.endswith(".tmp")]


def test_repeated_restores_do_not_pile_up_copies(tmp_path):
    cat, _ = _library(tmp_path)
    backup = tmp_path / "b.sqlite"
    assert run_pose("--catalog", str(cat), "backup", str(backup)).returncode == 0
    for _ in range(4):
        assert run_pose("--catalog", str(cat), "restore", str(backup)).returncode == 0
    kept = [p.name for p in tmp_path.iterdir() if p.name.startswith("c.sqlite.") and p.suffix not in (".lock", ".checked")]
    assert kept == ["c.sqlite.before-restore"]


def test_the_check_is_skipped_only_for_a_file_left_as_it_was(tmp_path, monkeypatch):
    """quick_check costs ~0.1-0.4 s per 100,000 photos: it is skipped when the file is
    exactly as this app left it after a passing check, and runs again the moment anything
    else touched it, or after CHECK_EVERY_S."""
    from pose_desktop.catalog import db as dbmod

    cat, root = _library(tmp_path)
    checks = []
    real = dbmod.Catalog.integrity_problem
    monkeypatch.setattr(dbmod.Catalog, "integrity_problem",
                        lambda self: checks.append(1) or real(self))
    Catalog(cat).close()
    n = len(checks)
    Catalog(cat).close()
    assert len(checks) == n  # untouched since the last passing check
    _damage_a_table_page(cat)  # written in place by something else
    with pytest.raises(CatalogDamagedError):
        Catalog(cat)
    assert len(checks) == n + 1
    monkeypatch.setattr(dbmod, "CHECK_EVERY_S", 0)
    cat2, _ = _library(tmp_path / "other")
    Catalog(cat2).close()
    before = len(checks)
    Catalog(cat2).close()
    assert len(checks) == before + 1  # too long ago: checked again
