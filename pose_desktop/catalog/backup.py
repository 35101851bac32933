"""``pose backup`` / ``pose restore``: consistent copies of the catalog and putting one back."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from pose_desktop.errors import CatalogError, CatalogLockedError

from .db import backup_to


def default_backup_path(catalog_path: Path) -> Path:
    """``backups/<catalog>-YYYYmmdd-HHMMSS.sqlite`` beside the catalog."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return catalog_path.parent / "backups" / f"{catalog_path.stem}-{stamp}.sqlite"


def verify_catalog_file(path: Path) -> int:
    """Check that ``path`` is an intact pose_desktop catalog; return its photo count."""
    if not path.is_file():
        raise CatalogError(f"{path} does not exist")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise CatalogError(f"{path} is damaged ({check}); choose another backup")
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"_migrations", "photos"} <= names:
                raise CatalogError(f"{path} is an SQLite file but not a pose_desktop catalog")
            return conn.execute("SELECT COUNT(*) FROM photos").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CatalogError(f"{path} is not a pose_desktop catalog ({exc})") from exc


def restore_catalog(catalog_path: Path, source: Path) -> Path | None:
    """Replace the catalog with the backup ``source``; return where the old one was saved.

    Refused while any pose_desktop has the catalog open. The current catalog (if any) is
    first copied to ``<catalog>.before-restore-<stamp>``, so a restore can be undone.
    """
    catalog_path, source = Path(catalog_path).resolve(), Path(source).resolve()
    verify_catalog_file(source)
    lock = FileLock(str(catalog_path) + ".lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise CatalogLockedError(
            f"pose_desktop is open on {catalog_path}; close it before restoring a backup."
        ) from None
    try:
        saved = None
        if catalog_path.exists():
            saved = catalog_path.with_name(
                f"{catalog_path.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
            conn = sqlite3.connect(str(catalog_path))
            try:
                backup_to(conn, saved)
            finally:
                conn.close()
        tmp = catalog_path.with_name(catalog_path.name + ".restore.tmp")
        shutil.copyfile(source, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        for suffix in ("-wal", "-shm"):  # a stale WAL must never be replayed onto the backup
            Path(str(catalog_path) + suffix).unlink(missing_ok=True)
        os.replace(tmp, catalog_path)
        return saved
    finally:
        lock.release()
