"""Opening, upgrading and writing the SQLite catalog.

One ``Catalog`` per process owns the single write connection; every write goes through
``Catalog.write()`` (one transaction, serialised by a lock). Readers get their own
connection per thread from ``Catalog.reader()`` so the GUI can read while a worker writes
(WAL mode).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import sqlite_utils
from filelock import FileLock, Timeout

from pose_desktop.errors import (
    CatalogBusyError,
    CatalogDamagedError,
    CatalogDiskFullError,
    CatalogError,
    CatalogFailedError,
    CatalogFolderError,
    CatalogLockedError,
    CatalogMissingError,
    CatalogNeedsUpgradeError,
    CatalogNotWritableError,
    CatalogOpenReadOnlyError,
    CatalogReadOnlyError,
    CatalogTooNewError,
    CatalogUnreadableError,
)
from pose_desktop.paths import make_private, private_file, remove_stale_tmp

from .backup import backup_time, backup_to, newest_good_backup
from .migrations import MIGRATIONS, Migration

BUSY_TIMEOUT_MS = 30_000
# A catalog left by this app exactly as it was after a passing check is checked again at
# least this often (bit rot changes no size or mtime); any other change is checked at once.
CHECK_EVERY_S = 7 * 24 * 3600
log = logging.getLogger(__name__)


def now_iso() -> str:
    """Current UTC time as an ISO string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _connect(path: Path, *, readonly: bool, immutable: bool = False) -> sqlite3.Connection:
    if readonly:
        # immutable: a catalog on a read-only disk, where SQLite cannot make its -shm file
        uri = f"file:{quote(str(path))}?{'immutable=1' if immutable else 'mode=ro'}"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA recursive_triggers = ON")  # REPLACE must fire delete triggers (counts)
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        conn.close()
        raise
    return conn


def _read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def applied_migrations(db: sqlite_utils.Database) -> list[str]:
    """Names of the migrations already applied to ``db``, in order."""
    if "_migrations" not in db.table_names():
        return []
    return [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid").fetchall()]


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
        raise CatalogTooNewError(migrations=", ".join(sorted(unknown)))
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
    if applied and not done:
        # a new catalog: leave no free pages behind the migrations that replaced a table
        db.execute("VACUUM")
    return applied


class Catalog:
    """A pose_desktop catalog file: one write connection, per-thread readers.

    ``exclusive=True`` (the app and the CLI's writing commands) also takes an inter-process
    lock, so a second pose_desktop on the same catalog is refused with a clear message
    instead of two writers competing; on a read-only disk it raises ``CatalogReadOnlyError``
    (open it with ``readonly=True``).

    Every open runs SQLite's quick_check. A damaged catalog (quick_check fails, a broken
    header, an empty file) is never written and never replaced silently: a read-write open
    raises ``CatalogDamagedError``, which names the newest good backup the user may restore
    (``pose restore --latest``, or the app's dialog); a read-only open succeeds with
    ``damaged`` set to the reason, so what can still be read is shown.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, exclusive: bool = False) -> None:
        self.path = Path(path).expanduser().resolve()
        self.readonly = readonly
        self.damaged: str | None = None
        self._checked_at: float | None = None
        self._immutable = False
        self._flock: FileLock | None = None
        if not readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CatalogFolderError(path=self.path.parent, detail=exc.strerror or str(exc)) from exc
        elif not self.path.exists():
            raise CatalogMissingError(path=self.path)
        if exclusive and not readonly:
            self._flock = FileLock(str(self.path) + ".lock")
            try:
                self._flock.acquire(timeout=0)
            except Timeout:
                raise CatalogLockedError(path=self.path) from None
            except OSError as exc:
                self._flock = None
                if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                    raise CatalogReadOnlyError(path=self.path) from None
                raise self._explain(exc) from exc
        try:
            if not readonly:
                if not self.path.exists():
                    self._create()
                elif self.path.stat().st_size == 0:
                    raise self._damage("the file is empty (0 bytes): it was cut short, "
                                       "or it is not the catalog")
                make_private(self.path)
            self._open()
        except CatalogDamagedError:
            self._release()
            raise
        except sqlite3.DatabaseError as exc:
            self._release()
            if self._is_damaged(exc):
                raise self._damage(str(exc)) from exc
            raise self._explain(exc) from exc
        except BaseException:
            self._release()
            raise
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []

    def _create(self) -> None:
        """A new catalog is built beside its final name and renamed into place, owner-only:
        a catalog file that exists is always a whole one (so an empty one is damage)."""
        remove_stale_tmp(self.path.parent)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}-new.tmp")
        tmp.unlink(missing_ok=True)
        os.close(private_file(tmp))
        try:
            conn = _connect(tmp, readonly=False)
            try:
                migrate(sqlite_utils.Database(conn), None)
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            os.replace(tmp, self.path)
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(str(tmp) + suffix).unlink(missing_ok=True)

    def _open(self) -> None:
        try:
            self._conn = _connect(self.path, readonly=self.readonly, immutable=self._immutable)
            self._conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.OperationalError:
            if not self.readonly or self._immutable or not _read_only_disk(self.path):
                raise
            self._immutable = True  # a catalog on a read-only disk: nothing can change it
            self._conn = _connect(self.path, readonly=True, immutable=True)
        self.db = sqlite_utils.Database(self._conn)
        try:
            problem = None
            if not self._unchanged_since_check():
                problem = self.integrity_problem()
                self._checked_at = time.time()
            if problem is not None:
                if not self.readonly:
                    raise self._damage(problem)
                self.damaged = problem
                log.warning("catalog %s is damaged: %s", self.path, problem)
                return
            if self.readonly:
                pending = {n for n, _ in MIGRATIONS} - set(applied_migrations(self.db))
                if pending:
                    raise CatalogNeedsUpgradeError(path=self.path)
            else:
                migrate(self.db, self.path)
        except BaseException:
            self._conn.close()
            raise

    def _stamp(self) -> Path:
        return self.path.with_name(f"{self.path.name}.checked")

    def _unchanged_since_check(self) -> bool:
        """Whether the file is exactly as this app left it after a passing check (size and
        mtime recorded at close, no WAL pending) less than ``CHECK_EVERY_S`` ago: then the
        quick_check (~0.1-0.4 s per 100,000 photos) is skipped. A file changed by anything
        else (a crash, a copy, a flipped byte written in place) is checked again."""
        try:
            rec = json.loads(self._stamp().read_text(encoding="utf-8"))
            st = os.stat(self.path)
            wal = Path(str(self.path) + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                return False
            fresh = (rec["size"] == st.st_size and rec["mtime_ns"] == st.st_mtime_ns
                     and 0 <= time.time() - rec["checked_at"] < CHECK_EVERY_S)
        except (OSError, ValueError, KeyError, TypeError):
            return False
        if fresh:
            self._checked_at = rec["checked_at"]
        return fresh

    def _write_stamp(self) -> None:
        """After a clean close: the file as we leave it, and when it was last checked."""
        if self._checked_at is None or self.damaged or Path(str(self.path) + "-wal").exists():
            return  # another process still has it open: the next open checks
        try:
            st = os.stat(self.path)
            tmp = self._stamp().with_name(self._stamp().name + f".{os.getpid()}.tmp")
            tmp.unlink(missing_ok=True)
            with os.fdopen(private_file(tmp), "w", encoding="utf-8") as fh:
                json.dump({"size": st.st_size, "mtime_ns": st.st_mtime_ns,
                           "checked_at": self._checked_at}, fh)
            os.replace(tmp, self._stamp())
        except OSError:
            pass

    def integrity_problem(self) -> str | None:
        """None when SQLite's quick_check passes, else what it found (first few problems)."""
        try:
            rows = self._conn.execute("PRAGMA quick_check(5)").fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        found = [str(r[0]) for r in rows]
        return None if found == ["ok"] else "; ".join(found)

    def _damage(self, reason: str) -> CatalogDamagedError:
        backup = newest_good_backup(self.path)
        return CatalogDamagedError(path=self.path, reason=reason, backup=backup,
                                   when=backup_time(backup) if backup else "")

    @staticmethod
    def _is_damaged(exc: sqlite3.DatabaseError) -> bool:
        msg = str(exc)
        return "malformed" in msg or "not a database" in msg

    def _release(self) -> None:
        if self._flock is not None:
            self._flock.release()
            self._flock = None

    def _explain(self, exc: Exception) -> CatalogError:
        """The typed error a user is shown for SQLite's (or the system's) ``exc``."""
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            return CatalogBusyError(path=self.path)
        if "readonly" in msg or "read-only" in msg:
            return CatalogNotWritableError(path=self.path)
        if ("disk" in msg and "full" in msg) or getattr(exc, "errno", None) == errno.ENOSPC or (
                ("disk I/O error" in msg or "unable to open" in msg) and self._disk_nearly_full()):
            return CatalogDiskFullError(path=self.path)
        if "Could not decode to UTF-8" in msg or "not a database" in msg or "malformed" in msg:
            return CatalogUnreadableError(path=self.path, detail=msg)
        return CatalogFailedError(path=self.path, detail=msg)

    def _disk_nearly_full(self) -> bool:
        try:
            return shutil.disk_usage(self.path.parent).free < 4 * 1024 * 1024
        except OSError:
            return False

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction; commits on success, rolls back on any exception."""
        if self.readonly:
            raise CatalogOpenReadOnlyError(path=self.path)
        with self._lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._explain(exc) from exc
            try:
                yield self.db
            except sqlite3.DatabaseError as exc:
                self._rollback()
                raise self._explain(exc) from exc
            except BaseException:
                self._rollback()
                raise
            try:
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self._rollback()
                raise self._explain(exc) from exc

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
            conn = _connect(self.path, readonly=True, immutable=self._immutable)
            conn.execute("PRAGMA query_only = ON")
            self._readers.append(conn)
            db = sqlite_utils.Database(conn)
            self._local.db = db
        return db

    def backup(self, target: str | Path, *, unique: bool = False) -> Path:
        """Write a consistent copy of the catalog to ``target`` (``unique``: never replace
        an existing file; a number is added to the name). Returns the path written."""
        with self._lock:
            return backup_to(self._conn, Path(target), unique=unique)

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
        if not self.readonly:
            self._write_stamp()
        self._release()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
