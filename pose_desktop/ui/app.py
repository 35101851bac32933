"""Starting the desktop app: ``main()`` is used by main.py and the ``pose-desktop`` script."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import traceback
from pathlib import Path

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="pose-desktop", description="pose: your photo library.")
    p.add_argument("paths", nargs="*", help="photos to get hashtag ideas for (as if dropped)")
    p.add_argument("--catalog", help="catalog file to open (default: the one in Settings)")
    p.add_argument("--lang", choices=("ko", "en"), help="interface language for this run")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="open the catalog, load the models, build the window, print a report, exit",
    )
    return p.parse_args(argv)


LOG_FILE = "pose-desktop.log"


def setup_logging(level: str = "WARNING") -> Path | None:
    """Log to stderr at ``level`` (``POSE_LOG``) and, at INFO and above, to a rotating
    file in the user log folder: a double-clicked app has no terminal, so without the
    file its warnings and errors would be lost. Returns the file (None if it can't be
    written)."""
    from logging.handlers import RotatingFileHandler

    from pose_desktop.paths import log_dir, owner_only_file

    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    stderr = logging.StreamHandler()
    stderr.setLevel(level)
    stderr.setFormatter(fmt)
    root.addHandler(stderr)
    root.setLevel(min(logging.INFO, stderr.level))
    try:
        path = log_dir() / LOG_FILE
        owner_only_file(path)  # it names photos, people and folders
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError as exc:
        log.warning("no log file: %s", exc)
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(fmt)
    root.addHandler(handler)
    return path


def _qt_messages_to_log():
    """Qt's own warnings (a missing plugin, a bad stylesheet) go to the log too; returns
    the handler that was installed before."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}
    return qInstallMessageHandler(
        lambda kind, _ctx, text: qt_log.log(levels.get(kind, logging.WARNING), text)
    )


def _make_app(argv: list[str]):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv)
    app.setOrganizationName("pose_desktop")
    app.setApplicationName("pose")
    # No applicationDisplayName: Qt would append " — pose" to every window title, which
    # repeats the main window's name and cuts short dialog titles ("Add ta… — pose").
    app.setDesktopFileName("pose-desktop")
    return app


def self_test(library, window) -> int:
    """Check what a fresh install needs: catalog, models, window. Prints one JSON line."""
    report: dict = {"catalog": str(library.path), "photos": library.photos.count()}
    ok = True
    from pose_desktop.paths import models_dir

    report["model_files"] = sorted(p.name for p in models_dir().glob("*.onnx"))
    try:
        t = time.monotonic()
        # verifies every file's sha256 and creates the ONNX Runtime sessions
        report["analyzers"] = library.analysis.load_models()
        report["models_loaded_s"] = round(time.monotonic() - t, 2)
    except Exception as exc:
        ok = False
        report["models_error"] = f"{type(exc).__name__}: {exc}"
    try:
        report["device"] = library.analysis.device_info()
    except Exception as exc:
        report["device"] = f"unavailable: {exc}"
    report["window"] = window.windowTitle()
    report["ok"] = ok
    print(json.dumps(report, ensure_ascii=False, default=str))
    return 0 if ok else 1


def open_library(catalog, lang: str, *, interactive: bool = True):
    """Open the catalog for this window, holding the single-writer lock.

    If another pose_desktop already has the catalog open, the user may open it read-only
    (browsing and searching work; changes are refused with a message) instead of two
    writers competing for it. Returns None when the user chose not to open it (the question
    said why: nothing more to say).
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from pose_desktop.errors import CatalogDamagedError, CatalogLockedError
    from pose_desktop.services import Library

    try:
        return Library(catalog, lang=lang, exclusive=True)
    except CatalogDamagedError as exc:
        if not interactive:
            raise
        return _ask_about_damage(exc, catalog, lang)
    except CatalogLockedError:
        if not interactive:
            raise
        answer = QMessageBox.question(
            None,
            "pose",
            QCoreApplication.translate(
                "App",
                "This photo library is already open in another pose window, or a pose "
                "command is changing it:\n%1\n\nOpen it read-only instead? You can look and "
                "search; changes wait until the other one closes.",
            ).replace("%1", catalog_file(catalog)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return Library(catalog, lang=lang, readonly=True)


def catalog_file(catalog) -> str:
    """The catalog file a window on ``catalog`` (None: the default) opens."""
    from pose_desktop.paths import default_catalog_path

    return str(Path(catalog or default_catalog_path()).expanduser().resolve())


def bring_up(window, paths: list[str]) -> None:
    """A second launch handed over: show the window in front, and ideas for its photos."""
    window.showNormal() if window.isMinimized() else window.show()
    window.raise_()
    window.activateWindow()
    if paths:
        window.show_drop_suggestions(paths)


def _readable(catalog, lang: str):
    """The damaged catalog opened read-only when its photos can still be read, else None
    (a file cut short is not even a database: looking at it cannot work)."""
    from pose_desktop.errors import CatalogError
    from pose_desktop.services import Library

    try:
        library = Library(catalog, lang=lang, readonly=True)
    except CatalogError:
        return None
    try:
        library.photos.count()
    except Exception:
        library.close()
        return None
    return library


def _ask_about_damage(exc, catalog, lang: str):
    """The catalog is damaged: say so and let the user choose: put back the newest good
    backup, look at what can still be read (offered only when something can), start a new
    catalog, or quit (None). Whatever is chosen, the damaged file stays as it is (kept aside
    under another name by a restore or a new catalog)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from pose_desktop.services import (
        Library,
        before_restore_path,
        damaged_copy_path,
        restore_backup,
        set_damaged_aside,
    )
    from pose_desktop.vocab.messages import error_values

    def fill(text: str, *args) -> str:
        for k, a in enumerate(args, 1):
            text = text.replace(f"%{k}", str(a))
        return text

    readable = _readable(catalog, lang)
    saved = damaged_copy_path(exc.path)
    # the window's own words: its buttons are the way out (the error's text gives commands)
    reason = error_values(exc.values, lang)["reason"]
    text = fill(QCoreApplication.translate("App", "The catalog %1 is damaged (%2). Nothing was changed in it."), exc.path, reason)
    if exc.backup is None:
        text += " " + QCoreApplication.translate("App", "No good backup of it was found.")
    box = QMessageBox(QMessageBox.Icon.Critical, "pose", text)
    choices = []
    restore = readonly = None
    if exc.backup is not None:
        restore = box.addButton(QCoreApplication.translate("App", "Restore the newest backup"),
                                QMessageBox.ButtonRole.AcceptRole)
        choices.append(fill(QCoreApplication.translate("App", "Restore the newest backup: %1 (from %2) takes the "
                               "catalog's place; the damaged file is kept, unchanged, as %3."),
                            exc.backup, exc.when, before_restore_path(exc.path).name))
    if readable is not None:
        readonly = box.addButton(QCoreApplication.translate("App", "Open read-only"),
                                 QMessageBox.ButtonRole.ActionRole)
        choices.append(QCoreApplication.translate(
            "App", "Open read-only: look at what can still be read; nothing is written."))
    fresh = box.addButton(QCoreApplication.translate("App", "Start a new catalog"),
                          QMessageBox.ButtonRole.ActionRole)
    choices.append(fill(QCoreApplication.translate("App", "Start a new catalog: an empty catalog takes its place and the "
                           "damaged file is kept, unchanged, as %1 (for a recovery). Your photos "
                           "are not touched: add their folders again."), saved.name))
    box.addButton(QMessageBox.StandardButton.Close)
    box.setInformativeText("\n\n".join(choices))
    box.exec()
    clicked = box.clickedButton()
    if readable is not None and clicked is not readonly:
        readable.close()
    if restore is not None and clicked is restore:
        restore_backup(exc.path, exc.backup)
    elif clicked is readonly and readonly is not None:
        return readable
    elif clicked is fresh:
        set_damaged_aside(exc.path, saved)
    else:
        return None
    return Library(catalog, lang=lang, exclusive=True)


def tune_gc() -> None:
    """Keep garbage-collector pauses short once the window is up: the objects made while
    starting (Qt wrappers, modules, the first views) are frozen out of collections, and
    young collections run less often. Without this a full collection of a large library's
    objects stalls the GUI thread for ~100 ms now and then."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def main(argv: list[str] | None = None) -> int:
    """Run the desktop app; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    log_file = setup_logging(os.environ.get("POSE_LOG", "WARNING"))
    from pose_desktop import __version__

    log.info("pose_desktop %s starting (%s), log %s", __version__, sys.platform, log_file)
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.monotonic()
    app = _make_app([sys.argv[0], *argv])
    _qt_messages_to_log()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from pose_desktop.errors import PoseError

    from . import i18n
    from .main_window import MainWindow, app_icon
    from .problems import Problem
    from .settings import Settings
    from .theme import apply_theme
    from .workers import describe_error

    app.setWindowIcon(app_icon())
    settings = Settings()
    lang = args.lang or settings.get("language")
    # The inference engine reads the device choice (auto / cpu / gpu) from POSE_DEVICE.
    os.environ.setdefault("POSE_DEVICE", settings.get("device"))
    theme = settings.get("theme")
    apply_theme(app, theme)
    i18n.set_language(lang)
    catalog = args.catalog or settings.get("catalog_path") or None
    paths = [os.path.abspath(p) for p in args.paths]
    from .single_instance import InstanceServer, send_to_running

    if not args.self_test and send_to_running(catalog_file(catalog), paths):
        log.info("handed %d photo(s) to the window already open", len(paths))
        return 0
    try:
        library = open_library(catalog, lang, interactive=not args.self_test)
    except PoseError as exc:
        if args.self_test:
            print(json.dumps({"ok": False, "catalog_error": str(exc)}, ensure_ascii=False))
            return 1
        QMessageBox.critical(None, "pose", describe_error(exc))
        return 1
    if library is None:  # the user chose not to open it
        return 0
    window = MainWindow(library, settings)
    server = None
    if not library.readonly and not args.self_test:
        server = InstanceServer(library.path, window)
        server.paths_received.connect(lambda handed: bring_up(window, handed))
        server.listen()

    def follow_system_scheme(*_):
        if settings.get("theme") == "system":
            apply_theme(app, "system")

    app.styleHints().colorSchemeChanged.connect(follow_system_scheme)

    def excepthook(kind, value, tb):  # a bug in a slot goes to the Problems panel, not a crash
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        try:
            window.problems.model.add(Problem("error", "pose", f"{kind.__name__}: {value}"))
        except Exception:
            pass

    sys.excepthook = excepthook
    if args.self_test:
        code = self_test(library, window)
        window.close()
        library.close()
        return code
    window.show()
    # Once the window is up: watch the library folders and rescan them for what changed
    # while the app was closed (in the background, like F5).
    QTimer.singleShot(1500, window.start_watching)
    tune_gc()
    log.info("window shown after %.2f s", time.monotonic() - started)
    if paths:
        window.show_drop_suggestions(paths)
    code = app.exec()
    window.stop_watching()
    if server is not None:
        server.close()
    from .workers import wait_for_all

    wait_for_all(5000)
    library.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
