"""Preferences and window state, declared once, stored with ``QSettings``.

Preferences (what the user chose in the settings dialog) live under ``prefs/``; window
state (geometry, splitters, expanded branches) under ``window/``, so resetting one never
loses the other. The file is ``settings.ini`` in the user config dir (``POSE_CONFIG_DIR``
in tests). ``SETTINGS_VERSION`` and ``_upgrade`` carry old files forward.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QLocale, QSettings

from pose_desktop.paths import config_dir, owner_only_file

SETTINGS_VERSION = 1
LANGUAGES = ("ko", "en")
THEMES = ("system", "light", "dark")
DEVICES = ("auto", "cpu", "gpu")


@dataclass(frozen=True)
class Option:
    """One preference: its key, default and type."""

    key: str
    default: Any
    type: type


def _default_language() -> str:
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("library_folders", [], list),
        Option("catalog_path", "", str),
        Option("device", "auto", str),
        Option("language", "", str),  # '' = follow the system
        Option("theme", "system", str),
        Option("thumbnail_size", 160, int),
        Option("show_problems", False, bool),
        Option("watch_folders", True, bool),  # watch library folders, rescan them at start
        Option("analyse_automatically", True, bool),  # analyse photos once they are added
    )
}


class Settings:
    """Typed access to the app's preferences and window state."""

    def __init__(self, path: str | None = None) -> None:
        path = path or str(config_dir() / "settings.ini")
        owner_only_file(Path(path))  # QSettings keeps a file's permissions when it saves
        self.qsettings = QSettings(path, QSettings.Format.IniFormat)
        self._upgrade()

    def _upgrade(self) -> None:
        version = int(self.qsettings.value("meta/version", 0) or 0)
        # Versioned upgrade steps go here (none yet: version 1 is the first format).
        if version != SETTINGS_VERSION:
            self.qsettings.setValue("meta/version", SETTINGS_VERSION)

    # preferences ----------------------------------------------------------------------
    def get(self, key: str) -> Any:
        """The value of preference ``key`` (its default when unset)."""
        opt = OPTIONS[key]
        raw = self.qsettings.value(f"prefs/{key}", None)
        if raw is None:
            value = opt.default
        elif opt.type is list:
            value = [raw] if isinstance(raw, str) else list(raw or [])
        elif opt.type is bool:
            value = raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
        else:
            try:
                value = opt.type(raw)
            except (TypeError, ValueError):
                value = opt.default
        if key == "language" and value not in LANGUAGES:
            value = _default_language()
        if key == "theme" and value not in THEMES:
            value = "system"
        if key == "device" and value not in DEVICES:
            value = "auto"
        return list(value) if isinstance(value, list) else value

    def set(self, key: str, value: Any) -> None:
        """Store preference ``key``."""
        if key not in OPTIONS:
            raise KeyError(key)
        self.qsettings.setValue(f"prefs/{key}", value)

    # window state ----------------------------------------------------------------------
    def window_state(self, name: str) -> QByteArray | None:
        """Saved geometry/state bytes ``name`` ('geometry', 'state', 'splitter'…)."""
        value = self.qsettings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        """Remember window geometry/state bytes."""
        self.qsettings.setValue(f"window/{name}", value)

    def value(self, key: str, default: Any = None) -> Any:
        """A free-form window-state value (e.g. the selected tab)."""
        return self.qsettings.value(f"window/{key}", default)

    def set_value(self, key: str, value: Any) -> None:
        """Store a free-form window-state value."""
        self.qsettings.setValue(f"window/{key}", value)

    def sync(self) -> None:
        """Write to disk now."""
        self.qsettings.sync()
