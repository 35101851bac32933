"""Where pose_desktop keeps its own files (never next to the user's photos), owner-only:
folders 0700 and files 0600, as they hold private photos, names and captions."""

from __future__ import annotations

import os
import re
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

APP_NAME = "pose_desktop"


def data_dir() -> Path:
    """User data dir (catalog, thumbnails, caches); ``POSE_DATA_DIR`` overrides it."""
    override = os.environ.get("POSE_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def config_dir() -> Path:
    """User config dir (settings, Instagram sessions); ``POSE_CONFIG_DIR`` overrides it."""
    override = os.environ.get("POSE_CONFIG_DIR")
    path = Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def log_dir() -> Path:
    """Where the app writes its log: ``POSE_LOG_DIR``; else ``logs/`` in ``POSE_DATA_DIR``
    when that is set; else the user log folder (``~/.local/state/pose_desktop/log`` on
    Linux, ``%LOCALAPPDATA%\\pose_desktop\\Logs`` on Windows, ``~/Library/Logs/pose_desktop``
    on macOS)."""
    override = os.environ.get("POSE_LOG_DIR")
    if override:
        path = Path(override)
    elif os.environ.get("POSE_DATA_DIR"):
        path = Path(os.environ["POSE_DATA_DIR"]) / "logs"
    else:
        path = Path(user_log_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def default_catalog_path() -> Path:
    """The catalog used when no ``--catalog`` is given."""
    return data_dir() / "catalog.sqlite"


def thumbnail_dir_for(catalog_path: Path) -> Path:
    """Thumbnails live beside the catalog they belong to, in ``<name>.thumbs/``."""
    return catalog_path.with_name(catalog_path.stem + ".thumbs")


def models_dir() -> Path:
    """The folder holding the shipped ONNX models (also inside a PyInstaller bundle)."""
    override = os.environ.get("POSE_MODELS_DIR")
    if override:
        return Path(override)
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "models"
    return Path(__file__).resolve().parent.parent / "models"


def resources_dir() -> Path:
    """The folder holding icons, styles and translations."""
    import sys

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def db_path(path: str) -> tuple[str, bytes | None]:
    """Path as stored in the catalog: text, plus the raw bytes when not valid UTF-8."""
    try:
        path.encode("utf-8")
        return path, None
    except UnicodeEncodeError:
        raw = os.fsencode(path)
        return raw.decode("utf-8", "backslashreplace"), raw


def fs_path(text: str, raw: bytes | None) -> str:
    """The real file-system path from its catalog form."""
    return os.fsdecode(raw) if raw else text


def private_dir(path: Path) -> Path:
    """Make ``path`` (and missing parents) a folder only its owner can enter (0700); an
    existing one of ours is tightened. Returns ``path``."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(path, 0o700)
    return path


def make_private(path: Path, mode: int = 0o600) -> None:
    """Take group and other permissions off ``path`` if we own it (a read-only disk or
    another owner's file is left as it is)."""
    try:
        st = os.stat(path)
        if st.st_uid == os.getuid() and st.st_mode & 0o077:
            os.chmod(path, st.st_mode & 0o7700 | (mode & 0o700))
    except OSError:
        pass


def private_file(path: Path) -> int:
    """Create ``path`` new, owner-only (0600), and return its descriptor (O_EXCL)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)


_TMP_PID = re.compile(r"\.(\d+)(?:-[\w-]+)?\.tmp$")


def remove_stale_tmp(folder: Path, *, recursive: bool = False) -> int:
    """Delete the ``*.<pid>[-x].tmp`` files a killed pose_desktop left in ``folder`` (its
    process is gone; a running one's are kept). Returns how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if recursive:
                    removed += remove_stale_tmp(Path(entry.path), recursive=True)
                continue
            m = _TMP_PID.search(entry.name)
            if not m or _alive(int(m.group(1))):
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def owner_only_file(path: Path) -> None:
    """Make ``path`` an owner-only file: created empty (0600) when missing, tightened when
    it exists (files that programs rewrite in place or by renaming keep these bits)."""
    try:
        os.close(private_file(path))
    except FileExistsError:
        make_private(path)
    except OSError:
        pass
