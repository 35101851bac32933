"""Copies of the catalog: ``pose backup`` / ``pose restore``, the automatic copy taken before
an upgrade, and finding the newest good one when the catalog is damaged.

Nothing here replaces a catalog unless the user asks (``pose restore``, or the app's
"restore" button on a damaged catalog). Copies are owner-only (0600 in a 0700 folder).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from pose_desktop.errors import (
    BackupBrokenError,
    BackupEmptyError,
    BackupForeignError,
    BackupMissingError,
    BackupUnusableError,
    CatalogLockedError,
    RestoreLockedError,
)
from pose_desktop.paths import make_private, private_file, remove_stale_tmp

# Kept beside the catalog by ``restore_catalog``: the catalog as it was before the last
# restore (one copy, replaced by the next restore, so copies do not pile up; a damaged one is
# never replaced: it is kept as ``damaged_copy_path`` names it, for a recovery).
BEFORE_RESTORE = ".before-restore"


def before_restore_path(catalog_path: Path) -> Path:
    """Where ``restore_catalog`` keeps the catalog it replaced: ``<catalog>.before-restore``."""
    return catalog_path.with_name(catalog_path.name + BEFORE_RESTORE)


def backup_dir(catalog_path: Path) -> Path:
    """``backups/`` beside the catalog (where ``pose backup`` writes)."""
    return catalog_path.parent / "backups"


def default_backup_path(catalog_path: Path) -> Path:
    """``backups/<catalog>-YYYYmmdd-HHMMSS.sqlite`` beside the catalog."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_dir(catalog_path) / f"{catalog_path.stem}-{stamp}.sqlite"


def backup_to(conn: sqlite3.Connection, target: Path, *, unique: bool = False) -> Path:
    """Consistent copy of a live catalog (SQLite online backup API) at ``target``, owner-only.
    With ``unique``, an existing file is never replaced: ``-2``, ``-3``… is added to the
    name (two backups in one second). Returns the path written."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    remove_stale_tmp(target.parent)  # left by a backup that was killed
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    os.close(private_file(tmp))
    try:
        dest = sqlite3.connect(str(tmp))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        if not unique:
            tmp.replace(target)
            return target
        n = 1
        while True:
            name = target if n == 1 else target.with_name(f"{target.stem}-{n}{target.suffix}")
            try:
                os.link(tmp, name)  # fails if it exists: never clobbers another backup
                return name
            except FileExistsError:
                n += 1
    finally:
        tmp.unlink(missing_ok=True)


def check_catalog_file(path: Path, *, full: bool = False) -> BackupUnusableError | None:
    """None when ``path`` is an intact pose_desktop catalog, else the error saying why not.
    ``full``: SQLite's integrity_check (also indexes) instead of quick_check."""
    if not path.is_file():
        return BackupMissingError(path=path)
    if path.stat().st_size == 0:
        return BackupEmptyError(path=path)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
        try:
            rows = conn.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}(5)").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                return BackupBrokenError(path=path, detail="; ".join(r[0] for r in rows))
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"_migrations", "photos"} <= names:
                return BackupForeignError(path=path)  # an SQLite file of another program
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return BackupForeignError(path=path)
    return None


def verify_catalog_file(path: Path) -> int:
    """Check that ``path`` is an intact pose_desktop catalog; return its photo count."""
    problem = check_catalog_file(path, full=True)
    if problem is not None:
        raise problem
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM photos").fetchone()[0]
    except sqlite3.Error as exc:
        raise BackupBrokenError(path=path, detail=str(exc)) from exc
    finally:
        conn.close()


def backup_candidates(catalog_path: Path) -> list[Path]:
    """Every copy of the catalog we know of, newest first: ``pose backup`` files, the
    automatic copies taken before upgrades, the catalog as it was before the last restore."""
    catalog_path = Path(catalog_path)
    found: list[Path] = []
    folder = backup_dir(catalog_path)
    if folder.is_dir():
        found += folder.glob(f"{catalog_path.stem}-*.sqlite")
    found += catalog_path.parent.glob(catalog_path.name + ".bak-*")
    before = before_restore_path(catalog_path)
    if before.exists():
        found.append(before)
    found = [p for p in found if p.is_file() and not p.name.endswith((".tmp", "-wal", "-shm", "-journal"))]

    def mtime(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=mtime, reverse=True)


def newest_good_backup(catalog_path: Path) -> Path | None:
    """The newest copy of the catalog that passes SQLite's quick_check, or None."""
    for candidate in backup_candidates(catalog_path):
        if check_catalog_file(candidate) is None:
            return candidate
    return None


def backup_time(path: Path) -> str:
    """When the copy ``path`` was made ('2026-12-06 03:10'), for messages; '?' unknown."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    except OSError:
        return "?"


def restore_catalog(catalog_path: Path, source: Path) -> Path | None:
    """Replace the catalog with the backup ``source``; return where the old one was saved.

    Refused while any pose_desktop has the catalog open. The current catalog (if any, even
    a damaged one) is first moved to ``<catalog>.before-restore`` (replacing the copy kept
    by an earlier restore), so a restore can be undone. A damaged copy kept by an earlier
    restore is not replaced but moved, unchanged, to ``<catalog>.damaged-YYYYmmdd-HHMMSS``:
    a second restore never loses what a recovery could still read from it.
    """
    catalog_path, source = Path(catalog_path).resolve(), Path(source).resolve()
    verify_catalog_file(source)
    with _closed(catalog_path, RestoreLockedError):
        tmp = catalog_path.with_name(f".{catalog_path.name}.{os.getpid()}-restore.tmp")
        tmp.unlink(missing_ok=True)
        with open(source, "rb") as src, os.fdopen(private_file(tmp), "wb") as out:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        # (restoring the before-restore copy itself is fine: its bytes are in ``tmp`` now)
        saved = before_restore_path(catalog_path)
        if saved.exists() and check_catalog_file(saved) is not None:
            _move_aside(saved, damaged_copy_path(catalog_path))
        kept = _move_aside(catalog_path, saved)
        os.replace(tmp, catalog_path)
        make_private(catalog_path)
        return kept


def damaged_copy_path(catalog_path: Path) -> Path:
    """Where ``set_damaged_aside`` keeps a damaged catalog: ``<catalog>.damaged-YYYYmmdd-HHMMSS``
    beside it (``-2``… when that name is taken, so no earlier copy is ever replaced)."""
    catalog_path = Path(catalog_path).resolve()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name, n = catalog_path.with_name(f"{catalog_path.name}.damaged-{stamp}"), 1
    while name.exists():
        n += 1
        name = catalog_path.with_name(f"{catalog_path.name}.damaged-{stamp}-{n}")
    return name


def set_damaged_aside(catalog_path: Path, saved: Path) -> Path:
    """Move the (damaged) catalog and its WAL, unchanged, to ``saved`` (from
    ``damaged_copy_path``) so a new catalog can be started in its place; its bytes stay
    for a recovery (``sqlite3 SAVED .recover``). Refused while a pose_desktop has it open."""
    catalog_path = Path(catalog_path).resolve()
    with _closed(catalog_path, CatalogLockedError):
        _move_aside(catalog_path, Path(saved))
    return Path(saved)


@contextmanager
def _closed(catalog_path: Path, refusal: type[CatalogLockedError]):
    """Hold the catalog's lock (no pose_desktop has it open) or raise ``refusal``."""
    lock = FileLock(str(catalog_path) + ".lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise refusal(path=catalog_path) from None
    try:
        yield
    finally:
        lock.release()


def _move_aside(catalog_path: Path, saved: Path) -> Path | None:
    """Move the catalog file as it is (a damaged one cannot be copied through SQLite) to
    ``saved``, replacing what was there; no one has it open (the caller holds the lock), so
    its WAL goes with it. Returns ``saved``, or None when there was no catalog."""
    kept = None
    if catalog_path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(saved) + suffix).unlink(missing_ok=True)
        for suffix in ("-wal", ""):
            current = Path(str(catalog_path) + suffix)
            if current.exists():
                os.replace(current, Path(str(saved) + suffix))
        kept = saved
    Path(str(catalog_path) + "-shm").unlink(missing_ok=True)
    Path(str(catalog_path) + "-wal").unlink(missing_ok=True)
    return kept
