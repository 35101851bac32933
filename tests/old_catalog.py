"""A catalog as an older version of the app left it, for the upgrade tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from pose_desktop.catalog.db import migrate
from pose_desktop.catalog.migrations import MIGRATIONS


def catalog_before(path: Path, migration: str) -> sqlite_utils.Database:
    """A new catalog at ``path`` with every migration before ``migration`` applied (as a
    version of the app without it made it), open for the test to fill in and close."""
    db = sqlite_utils.Database(sqlite3.connect(str(path), isolation_level=None))
    migrate(db, path, MIGRATIONS[: [n for n, _ in MIGRATIONS].index(migration)])
    return db
