"""Backups, restores, damaged catalogs, the second-instance lock, a full disk."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime

import pytest

from pose_desktop.catalog import store
from pose_desktop.catalog.db import Catalog
from pose_desktop.cli import main
from pose_desktop.errors import CatalogError, CatalogLockedError
from pose_desktop.services import Library
from tests.photos import make_jpeg


def _indexed(tmp_path, n=3):
    root = tmp_path / "p"
    for i in range(n):
        make_jpeg(root / f"{i}.jpg", when=datetime(2020, 1, i + 1), seed=i, size=(160, 120))
    lib = Library(tmp_path / "c.sqlite")
    list(lib.photos.index_folder(root))
    return lib, root


def test_backup_then_restore_round_trip(tmp_path, capsys):
    lib, _ = _indexed(tmp_path)
    pid = lib.photos.photo_ids()[0]
    lib.photos.add_user_tag([pid], "keep me")
    lib.close()
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "backup", str(tmp_path / "b.sqlite")]) == 0
    lib = Library(cat)
    lib.photos.hide_photos(lib.photos.photo_ids())
    lib.photos.remove_tag([pid], "user", "keep me")
    lib.close()
    assert main(["--catalog", cat, "restore", str(tmp_path / "b.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "3 photos" in out and "before-restore" in out
    lib = Library(cat)
    assert lib.photos.count() == 3
    assert [t.name for t in lib.photos.photo(pid).tags if t.kind == "user"] == ["keep me"]
    lib.close()


def test_restore_refuses_junk_and_open_catalogs(tmp_path, capsys):
    lib, _ = _indexed(tmp_path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"junk" * 100)
    assert main(["--catalog", str(lib.path), "restore", str(junk)]) == 1
    assert "not a pose_desktop catalog" in capsys.readouterr().err
    lib.catalog.backup(tmp_path / "b.sqlite")
    lib.close()
    holder = Library(tmp_path / "c.sqlite", exclusive=True)
    assert main(["--catalog", str(tmp_path / "c.sqlite"), "restore", str(tmp_path / "b.sqlite")]) == 1
    assert "close it before restoring" in capsys.readouterr().err
    holder.close()


def test_second_instance_is_refused_but_can_read(tmp_path, capsys):
    lib, root = _indexed(tmp_path)
    lib.close()
    cat = str(tmp_path / "c.sqlite")
    # The "app" holds the catalog in another process.
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from pose_desktop.services import Library;"
         f"lib=Library({cat!r}, exclusive=True); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(CatalogLockedError, match="already open"):
            Library(cat, exclusive=True)
        assert main(["--catalog", cat, "index", str(root)]) == 1
        assert "already open" in capsys.readouterr().err
        assert main(["--catalog", cat, "stats"]) == 0  # reading still works
        assert "photos:   3" in capsys.readouterr().out
    finally:
        holder.kill()
        holder.wait()
    Library(cat, exclusive=True).close()  # the lock died with its process


def test_damaged_catalog_without_backup_is_a_clear_error(tmp_path):
    path = tmp_path / "c.sqlite"
    Catalog(path).close()
    path.write_bytes(b"\x00" * 4096)
    with pytest.raises(CatalogError, match="is damaged.*No good backup"):
        Catalog(path)


def test_full_disk_is_a_clear_error_and_loses_nothing(tmp_path, capsys):
    lib, root = _indexed(tmp_path, n=5)
    before = lib.photos.count()
    more = tmp_path / "more"
    for i in range(40):
        make_jpeg(more / f"{i}.jpg", when=datetime(2021, 1, 1), seed=100 + i, size=(64, 48))
    pages = lib.catalog.db.execute("PRAGMA page_count").fetchone()[0]
    lib.catalog.db.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk fills up now
    with pytest.raises(CatalogError, match="full"):
        list(lib.photos.index_folder(more))
    assert lib.catalog.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert lib.photos.count() >= before
    lib.catalog.db.execute("PRAGMA max_page_count = 1073741823")  # space freed
    list(lib.photos.index_folder(more))
    assert lib.photos.count() == before + 40
    lib.close()


def test_write_on_read_only_connection_is_explained(tmp_path):
    lib, _ = _indexed(tmp_path)
    lib.catalog.db.execute("PRAGMA query_only = ON")
    with pytest.raises(CatalogError, match="read-only"):
        with lib.catalog.write() as db:
            store.add_tag(db, 1, "user", "x")
    lib.catalog.db.execute("PRAGMA query_only = OFF")
    assert lib.photos.photo(1).tags == []
    lib.close()


def test_readers_never_see_database_locked_while_indexing(tmp_path):
    import threading

    root = tmp_path / "p"
    for i in range(120):
        make_jpeg(root / f"{i}.jpg", when=datetime(2020, 1 + i % 12, 1), seed=i, size=(200, 150))
    lib = Library(tmp_path / "c.sqlite")
    errors: list[Exception] = []
    stop = threading.Event()
    reads = [0]

    def reader():
        while not stop.is_set():
            try:
                lib.photos.date_tree()
                lib.photos.tag_tree()
                lib.photos.page(limit=50)
                lib.photos.search("canon")
                reads[0] += 1
            except (sqlite3.Error, CatalogError) as exc:
                errors.append(exc)

    t = threading.Thread(target=reader)
    t.start()
    try:
        list(lib.photos.index_folder(root))
    finally:
        stop.set()
        t.join()
    assert errors == [] and reads[0] > 0
    assert lib.photos.count() == 120
    lib.close()


def test_sigkill_mid_migration_leaves_an_openable_catalog(tmp_path):
    import signal

    lib, _ = _indexed(tmp_path)
    lib.close()
    cat = tmp_path / "c.sqlite"
    script = f"""
import sys, time
from pose_desktop.catalog import migrations
def slow(db):
    db.execute("CREATE TABLE upgrade_in_progress (x)")
    for i in range(200000):
        db.execute("INSERT INTO upgrade_in_progress VALUES (?)", [i])
        if i == 1000:
            print("migrating", flush=True)
    time.sleep(60)
migrations.MIGRATIONS.append(("9999_slow", slow))
from pose_desktop.catalog.db import Catalog
Catalog({str(cat)!r})
"""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "migrating"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert (tmp_path / "c.sqlite.bak-9999_slow").exists()  # taken before the upgrade began
    cat_ = Catalog(cat)
    assert "upgrade_in_progress" not in cat_.db.table_names()
    assert cat_.db.execute("SELECT COUNT(*) FROM photos").fetchone()[0] == 3
    assert cat_.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    cat_.close()


def test_restore_speaks_korean(tmp_path, capsys):
    lib, _ = _indexed(tmp_path)
    cat = str(lib.path)
    lib.close()
    ko = ["--catalog", cat, "--lang", "ko", "restore"]
    assert main(ko) == 2
    assert "--latest를 주세요" in capsys.readouterr().err
    assert main([*ko, "--latest"]) == 1  # no backup yet
    assert "온전한 백업을 찾지 못했습니다" in capsys.readouterr().err
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"junk" * 100)
    assert main([*ko, str(junk)]) == 1
    err = capsys.readouterr().err
    assert "되돌릴 수 없습니다: pose_desktop 카탈로그가 아닙니다" in err and "cannot" not in err
    assert main([*ko, str(tmp_path / "none.sqlite")]) == 1
    assert "파일이 없습니다" in capsys.readouterr().err
    assert main(["--catalog", cat, "backup", str(tmp_path / "b.sqlite")]) == 0
    capsys.readouterr()
    holder = Library(cat, exclusive=True)
    try:
        assert main([*ko, str(tmp_path / "b.sqlite")]) == 1
        err = capsys.readouterr().err
        assert "백업을 되돌리기 전에 닫으세요" in err and "close it" not in err
    finally:
        holder.close()
    read_only = ["--catalog", cat, "--lang", "ko", "--read-only", "restore", str(tmp_path / "b.sqlite")]
    assert main(read_only) == 2  # --read-only is kept: nothing replaced
    assert "restore은(는) 카탈로그를 바꾸는 명령이라 --read-only로" in capsys.readouterr().err
    assert not (tmp_path / "c.sqlite.before-restore").exists()
    assert main([*ko, str(tmp_path / "b.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "되돌렸습니다 (사진 3장)" in out and "before-restore(으)로 남겨 두었습니다" in out
    assert "restored" not in out and "previous" not in out
