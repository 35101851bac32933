"""Where pose_desktop keeps its own files (never next to the user's photos)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

APP_NAME = "pose_desktop"


def data_dir() -> Path:
    """User data dir (catalog, thumbnails, caches); ``POSE_DATA_DIR`` overrides it."""
    override = os.environ.get("POSE_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """User config dir (settings, Instagram sessions); ``POSE_CONFIG_DIR`` overrides it."""
    override = os.environ.get("POSE_CONFIG_DIR")
    path = Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


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
    path.mkdir(parents=True, exist_ok=True)
    return path


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
