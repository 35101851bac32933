import sqlite3

import pytest
import sqlite_utils

from pose_desktop.catalog.db import Catalog, applied_migrations, migrate
from pose_desktop.catalog.migrations import MIGRATIONS
from pose_desktop.errors import CatalogError


def test_new_catalog_is_wal_and_fully_migrated(catalog_path):
    cat = Catalog(catalog_path)
    assert applied_migrations(cat.db) == [n for n, _ in MIGRATIONS]
    assert cat.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"photos", "files", "tags", "photo_tags", "photo_search"} <= set(cat.db.table_names())
    cat.close()


def test_older_catalog_opens_and_upgrades_with_backup(catalog_path):
    def m_extra(db):
        db.execute("CREATE TABLE extra (x INTEGER)")

    # A catalog made by an "older version" that only knew the first migration, with data.
    db = sqlite_utils.Database(sqlite3.connect(str(catalog_path), isolation_level=None))
    migrate(db, catalog_path, MIGRATIONS[:1])
    db.execute("INSERT INTO catalog_meta VALUES ('hello', 'world')")
    db.conn.close()

    newer = [*MIGRATIONS[:1], ("9999_extra", m_extra)]
    db = sqlite_utils.Database(sqlite3.connect(str(catalog_path), isolation_level=None))
    from pose_desktop.catalog import migrations as mod

    orig = list(mod.MIGRATIONS)
    mod.MIGRATIONS.append(("9999_extra", m_extra))
    try:
        applied = migrate(db, catalog_path, newer)
    finally:
        mod.MIGRATIONS[:] = orig
    assert applied == ["9999_extra"]
    assert "extra" in db.table_names()
    assert db.execute("SELECT value FROM catalog_meta WHERE key='hello'").fetchone()[0] == "world"
    backup = catalog_path.with_name(catalog_path.name + ".bak-9999_extra")
    assert backup.exists()
    bdb = sqlite_utils.Database(str(backup))
    assert "extra" not in bdb.table_names() and "photos" in bdb.table_names()


def test_failed_migration_rolls_back_and_is_not_recorded(catalog_path):
    def broken(db):
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    db = sqlite_utils.Database(sqlite3.connect(str(catalog_path), isolation_level=None))
    with pytest.raises(RuntimeError):
        migrate(db, catalog_path, [("0001_broken", broken)])
    assert "half" not in db.table_names()
    assert applied_migrations(db) == []


def test_catalog_from_a_newer_version_is_refused(catalog_path):
    cat = Catalog(catalog_path)
    cat.db.execute("INSERT INTO _migrations VALUES ('9999_future', 'x')")
    cat.close()
    with pytest.raises(CatalogError, match="newer pose_desktop"):
        Catalog(catalog_path)


def test_garbage_file_gives_a_clear_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(CatalogError, match="is damaged.*No good backup"):
        Catalog(bad)
    assert bad.read_bytes() == b"this is not sqlite" * 100


def test_write_rolls_back_on_error(catalog_path):
    cat = Catalog(catalog_path)
    with pytest.raises(ValueError):
        with cat.write() as db:
            db.execute("INSERT INTO catalog_meta VALUES ('k', 'v')")
            raise ValueError
    assert cat.db.execute("SELECT COUNT(*) FROM catalog_meta").fetchone()[0] == 0
    cat.close()


def test_reader_sees_committed_writes_from_another_connection(catalog_path):
    cat = Catalog(catalog_path)
    reader = cat.reader()
    with cat.write() as db:
        db.execute("INSERT INTO catalog_meta VALUES ('k', 'v')")
    assert reader.execute("SELECT value FROM catalog_meta").fetchone()[0] == "v"
    with pytest.raises(sqlite3.OperationalError):
        reader.execute("INSERT INTO catalog_meta VALUES ('x', 'y')")
    cat.close()
