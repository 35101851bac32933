"""Starting the desktop app: ``main()`` is used by main.py and the ``pose-desktop`` script."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import traceback

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
    app.setApplicationDisplayName("pose")
    app.setDesktopFileName("pose-desktop")
    return app


def self_test(library, window) -> int:
    """Check what a fresh install needs: catalog, models, window. Prints one JSON line."""
    report: dict = {"catalog": str(library.path), "photos": library.count()}
    ok = True
    from pose_desktop.paths import models_dir

    report["model_files"] = sorted(p.name for p in models_dir().glob("*.onnx"))
    load = getattr(library, "load_models", None) or getattr(library, "load_picture_models", None)
    if load is not None:
        try:
            t = time.monotonic()
            loaded = load()  # verifies every file's sha256 and creates the ONNX Runtime sessions
            report["models_loaded_s"] = round(time.monotonic() - t, 2)
            if isinstance(loaded, dict):
                report["analyzers"] = loaded
        except Exception as exc:
            ok = False
            report["models_error"] = f"{type(exc).__name__}: {exc}"
    info = getattr(library, "device_info", None)
    if info is not None:
        try:
            report["device"] = str(info())
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
    writers competing for it.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from pose_desktop.errors import CatalogLockedError
    from pose_desktop.services import Library

    try:
        return Library(catalog, lang=lang, exclusive=True)
    except CatalogLockedError as exc:
        if not interactive:
            raise
        answer = QMessageBox.question(
            None,
            "pose",
            QCoreApplication.translate("App", "{0}\n\nOpen it read-only instead?").format(exc),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            raise
        return Library(catalog, lang=lang, readonly=True)


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
    logging.basicConfig(
        level=os.environ.get("POSE_LOG", "WARNING"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.monotonic()
    app = _make_app([sys.argv[0], *argv])

    from PySide6.QtWidgets import QMessageBox

    from pose_desktop.errors import PoseError

    from . import i18n
    from .main_window import MainWindow, app_icon
    from .problems import Problem
    from .settings import Settings
    from .theme import apply_theme

    app.setWindowIcon(app_icon())
    settings = Settings()
    lang = args.lang or settings.get("language")
    # The inference engine reads the device choice (auto / cpu / gpu) from POSE_DEVICE.
    os.environ.setdefault("POSE_DEVICE", settings.get("device"))
    theme = settings.get("theme")
    apply_theme(app, theme)
    i18n.set_language(lang)
    catalog = args.catalog or settings.get("catalog_path") or None
    try:
        library = open_library(catalog, lang, interactive=not args.self_test)
    except PoseError as exc:
        if args.self_test:
            print(json.dumps({"ok": False, "catalog_error": str(exc)}, ensure_ascii=False))
            return 1
        QMessageBox.critical(None, "pose", str(exc))
        return 1
    window = MainWindow(library, settings)

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
    tune_gc()
    log.info("window shown after %.2f s", time.monotonic() - started)
    if args.paths:
        window.show_drop_suggestions([os.path.abspath(p) for p in args.paths])
    code = app.exec()
    from .workers import wait_for_all

    wait_for_all(5000)
    library.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
