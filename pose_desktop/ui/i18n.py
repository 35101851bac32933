"""Switching the interface language (한국어 / English) with Qt translations.

Source strings are English (``self.tr("…")`` in the widgets). Korean comes from
``resources/translations/pose_desktop_ko.qm`` (compiled from the ``.ts`` next to it by
``resources/translations/build_translations.py``) plus Qt's own ``qtbase_ko.qm`` for
standard buttons. Installing a translator makes Qt send every widget a
``LanguageChange`` event; our widgets re-set their texts in ``retranslate()``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pose_desktop.paths import resources_dir

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []
_current = "en"


def translations_dir():
    """Folder of our .ts/.qm files."""
    return resources_dir() / "translations"


def current_language() -> str:
    """The language in force ('ko' or 'en')."""
    return _current


def set_language(lang: str) -> bool:
    """Install the translators for ``lang``; returns False when its .qm is missing."""
    global _current
    app = QCoreApplication.instance()
    removed = bool(_installed)
    for t in _installed:
        app.removeTranslator(t)  # each removal makes Qt send LanguageChange
    _installed.clear()
    ok = True
    if lang == "ko":
        QLocale.setDefault(QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
        ours = QTranslator(app)
        if ours.load(str(translations_dir() / "pose_desktop_ko.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        else:
            log.warning("Korean translation file missing in %s", translations_dir())
            ok = False
        qt = QTranslator(app)
        if qt.load("qtbase_ko", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        if not removed:
            # Nothing was removed, so Qt sends no LanguageChange; the locale still changed.
            from PySide6.QtCore import QEvent

            for w in _top_levels():
                QCoreApplication.sendEvent(w, QEvent(QEvent.Type.LanguageChange))
    _current = lang if ok else "en"
    return ok


def _top_levels():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app.allWidgets() if app is not None else []
