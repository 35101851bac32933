"""Instagram import, three ways in, one catalog.

- ``ProfileSource``: download a profile with instaloader (optional login), then index;
- ``ExportSource``: Instagram's own data export, ZIP or unpacked folder, no login;
- ``FolderSource``: a folder instaloader already downloaded into, no network.

Each is a ``PostSource`` (``source.py``) run by the one engine, ``import_source``;
``SOURCES`` lists them for the CLI's ``import-*`` commands and the import dialog.

Each is a generator of ``ImportEvent``\\ s (the last one has phase ``done``); stop iterating,
or set the ``CancelToken``, to cancel. Failures raise ``InstagramError`` / ``ExportError``
(both ``PoseError``\\ s) whose message says what to do next. Posts land in ``posts`` and
``post_media``; their photos are ordinary catalog photos keyed by content hash.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pose_desktop.catalog.db import Catalog

from .errors import InstagramError
from .export import ExportError, ExportSource, ZipLimits
from .folder import FolderSource
from .importer import CancelToken, ImportEvent, managed_root
from .profile import NoWaitRateController, PoliteRateController, ProfileSource
from .records import MediaRef, PostRecord, fix_mojibake
from .session import LoginOptions, forget_session, saved_sessions
from .source import PostSource, import_source

__all__ = [
    "CancelToken", "ExportError", "ExportSource", "FolderSource", "ImportEvent", "InstagramError",
    "LoginOptions", "MediaRef", "NoWaitRateController", "PoliteRateController", "PostRecord",
    "PostSource", "ProfileSource", "SOURCES", "ZipLimits", "fix_mojibake", "forget_session",
    "import_export", "import_instaloader_folder", "import_profile", "import_source",
    "managed_root", "saved_sessions",
]

# Every way posts come in, in the order the CLI and the import dialog offer them.
SOURCES: tuple[type[PostSource], ...] = (ProfileSource, ExportSource, FolderSource)


def import_instaloader_folder(
    catalog: Catalog, folder: str | Path, *, thumbs_dir: Path | None = None,
    workers: int | None = None, cancel: CancelToken | None = None,
) -> Iterator[ImportEvent]:
    """``import_source`` of a ``FolderSource``."""
    return import_source(catalog, FolderSource(folder), thumbs_dir=thumbs_dir, workers=workers,
                         cancel=cancel)


def import_export(
    catalog: Catalog, source: str | Path, *, thumbs_dir: Path | None = None,
    workers: int | None = None, cancel: CancelToken | None = None,
    limits: ZipLimits | None = None,
) -> Iterator[ImportEvent]:
    """``import_source`` of an ``ExportSource``."""
    return import_source(catalog, ExportSource(source, limits), thumbs_dir=thumbs_dir,
                         workers=workers, cancel=cancel)


def import_profile(
    catalog: Catalog, profile: str, *, thumbs_dir: Path | None = None, workers: int | None = None,
    cancel: CancelToken | None = None, **options,
) -> Iterator[ImportEvent]:
    """``import_source`` of a ``ProfileSource`` (``options``: its login, full, max_posts,
    sleep, rate_controller, notify)."""
    return import_source(catalog, ProfileSource(profile, **options), thumbs_dir=thumbs_dir,
                         workers=workers, cancel=cancel)
