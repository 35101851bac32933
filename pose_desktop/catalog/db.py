"""Opening, upgrading and writing the SQLite catalog.

One ``Catalog`` per process owns the single write connection; every write goes through
``Catalog.write()`` (one transaction, serialised by a lock). Readers get their own
connection per thread from ``Catalog.reader()`` so the GUI can read while a worker writes
(WAL mode).
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils
from filelock import FileLock, Timeout

from pose_desktop.errors import CatalogError, CatalogLockedError

from .migrations import MIGRATIONS, Migration

BUSY_TIMEOUT_MS = 30_000
log = logging.getLogger(__name__)


def now_iso() -> str:
    """Current UTC time as an ISO string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:
        uri = f"file:{path}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA recursive_triggers = ON")  # REPLACE must fire delete triggers (counts)
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def applied_migrations(db: sqlite_utils.Database) -> list[str]:
    """Names of the migrations already applied to ``db``, in order."""
    if "_migrations" not in db.table_names():
        return []
    return [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid").fetchall()]


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """Consistent copy of a live catalog (SQLite online backup API)."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    dest = sqlite3.connect(str(tmp))
    try:
        conn.backup(dest)
    finally:
        dest.close()
    tmp.replace(target)


def migrate(
    db: sqlite_utils.Database,
    path: Path | None = None,
    migrations: list[Migration] | None = None,
) -> list[str]:
    """Apply pending migrations, each in a transaction; return the names applied.

    Before upgrading a catalog that already has data, a backup is written next to it
    (``<catalog>.bak-<first pending migration>``) so a crash mid-upgrade can be undone.
    """
    migrations = MIGRATIONS if migrations is None else migrations
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = set(applied_migrations(db))
    known = {name for name, _ in MIGRATIONS}
    unknown = done - known
    if unknown:
        raise CatalogError(
            f"This catalog was written by a newer pose_desktop (migrations {sorted(unknown)}); "
            "please update the app."
        )
    pending = [(n, f) for n, f in migrations if n not in done]
    if pending and done and path is not None:
        backup_to(db.conn, path.with_name(f"{path.name}.bak-{pending[0][0]}"))
    applied = []
    for name, fn in pending:
        db.execute("BEGIN IMMEDIATE")
        try:
            fn(db)
            db.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", [name, now_iso()]
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


class Catalog:
    """A pose_desktop catalog file: one write connection, per-thread readers.

    ``exclusive=True`` (the app and the CLI's writing commands) also takes an inter-process
    lock, so a second pose_desktop on the same catalog is refused with a clear message
    instead of two writers competing. If the file is damaged (a crash mid-upgrade, a bad
    copy) and an automatic pre-migration backup exists, the backup is restored and the
    damaged file kept aside; ``restored_from`` then says so.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, exclusive: bool = False) -> None:
        self.path = Path(path).expanduser().resolve()
        self.readonly = readonly
        self.restored_from: Path | None = None
        self._flock: FileLock | None = None
        if not readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CatalogError(f"Cannot create the catalog folder {self.path.parent}: {exc}") from exc
        elif not self.path.exists():
            raise CatalogError(f"No catalog at {self.path}")
        if exclusive and not readonly:
            self._flock = FileLock(str(self.path) + ".lock")
            try:
                self._flock.acquire(timeout=0)
            except Timeout:
                raise CatalogLockedError(
                    f"pose_desktop is already open on {self.path} in another window or process."
                ) from None
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            backup = None if readonly else self._latest_backup()
            if backup is None or not self._is_damaged(exc):
                self._release()
                raise CatalogError(self._explain(exc)) from exc
            self._restore_backup(backup, exc)
            try:
                self._open()
            except sqlite3.DatabaseError as exc2:
                self._release()
                raise CatalogError(self._explain(exc2)) from exc2
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []

    def _open(self) -> None:
        self._conn = _connect(self.path, readonly=self.readonly)
        self.db = sqlite_utils.Database(self._conn)
        try:
            if self.readonly:
                pending = {n for n, _ in MIGRATIONS} - set(applied_migrations(self.db))
                if pending:
                    raise CatalogError(
                        f"The catalog {self.path} needs an upgrade; open it once read-write."
                    )
            else:
                migrate(self.db, self.path)
        except BaseException:
            self._conn.close()
            raise

    @staticmethod
    def _is_damaged(exc: sqlite3.DatabaseError) -> bool:
        msg = str(exc)
        return "malformed" in msg or "not a database" in msg

    def _latest_backup(self) -> Path | None:
        backups = sorted(self.path.parent.glob(self.path.name + ".bak-*"), key=lambda p: p.stat().st_mtime)
        backups = [b for b in backups if not b.name.endswith(".tmp")]
        return backups[-1] if backups else None

    def _restore_backup(self, backup: Path, exc: Exception) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            damaged = Path(str(self.path) + suffix)
            if damaged.exists():
                damaged.replace(Path(f"{self.path}.damaged-{stamp}{suffix}"))
        shutil.copy2(backup, self.path)
        self.restored_from = backup
        log.warning("catalog %s was damaged (%s); restored from %s", self.path, exc, backup)

    def _release(self) -> None:
        if self._flock is not None:
            self._flock.release()
            self._flock = None

    def _explain(self, exc: sqlite3.DatabaseError) -> str:
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            return f"The catalog {self.path} is busy (another pose_desktop is writing); try again."
        if "readonly" in msg or "read-only" in msg:
            return f"The catalog {self.path} is read-only; check its permissions."
        if "disk" in msg and "full" in msg:
            return f"The disk holding {self.path} is full; free some space and try again."
        if "not a database" in msg or "malformed" in msg:
            return (
                f"{self.path} is not a readable pose_desktop catalog ({msg}). "
                "Restore it from a backup (pose restore) or choose another catalog."
            )
        return f"Catalog error in {self.path}: {msg}"

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction; commits on success, rolls back on any exception."""
        if self.readonly:
            raise CatalogError(f"The catalog {self.path} is open read-only.")
        with self._lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc):
                    raise CatalogLockedError(self._explain(exc)) from exc
                raise CatalogError(self._explain(exc)) from exc
            try:
                yield self.db
            except sqlite3.DatabaseError as exc:
                self._rollback()
                raise CatalogError(self._explain(exc)) from exc
            except BaseException:
                self._rollback()
                raise
            try:
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self._rollback()
                raise CatalogError(self._explain(exc)) from exc

    def _rollback(self) -> None:
        if self._conn.in_transaction:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass

    def reader(self) -> sqlite_utils.Database:
        """A read connection for the calling thread (created on first use)."""
        db = getattr(self._local, "db", None)
        if db is None:
            conn = _connect(self.path, readonly=True)
            conn.execute("PRAGMA query_only = ON")
            self._readers.append(conn)
            db = sqlite_utils.Database(conn)
            self._local.db = db
        return db

    def backup(self, target: str | Path) -> Path:
        """Write a consistent copy of the catalog to ``target``."""
        target = Path(target)
        with self._lock:
            backup_to(self._conn, target)
        return target

    def close(self) -> None:
        """Close every connection this catalog opened."""
        for conn in self._readers:
            try:
                conn.close()
            except sqlite3.ProgrammingError:
                pass
        self._readers.clear()
        self._local = threading.local()
        if not self.readonly:
            try:
                self._conn.execute("PRAGMA optimize")  # keep planner statistics current
            except sqlite3.DatabaseError:
                pass
        self._conn.close()
        self._release()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
