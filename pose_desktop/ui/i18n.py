"""Switching the interface language (한국어 / English) with Qt translations.

Source strings are English (``self.tr("…")`` in the widgets). Korean comes from
``resources/translations/pose_desktop_ko.qm`` (compiled from the ``.ts`` next to it by
``resources/translations/build_translations.py``) plus Qt's own ``qtbase_ko.qm`` for
standard buttons. Installing a translator makes Qt send every widget a
``LanguageChange`` event; our widgets re-set their texts in ``retranslate()``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from pose_desktop.paths import resources_dir

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []
_current = "en"


class Retranslates:
    """Mixed into a widget (before its Qt class) that sets its texts in ``retranslate()``:
    calls it again on every language change."""

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def translations_dir():
    """Folder of our .ts/.qm files."""
    return resources_dir() / "translations"


def current_language() -> str:
    """The language in force ('ko' or 'en')."""
    return _current


def set_language(lang: str) -> bool:
    """Install the translators for ``lang``; returns False when its .qm is missing.

    English needs a (small) .qm too: it holds the plural forms of ``%n photo(s)``.
    """
    global _current
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang == "ko":
        QLocale.setDefault(QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    ours = QTranslator(app)
    ok = ours.load(str(translations_dir() / f"pose_desktop_{lang}.qm"))
    if ok:
        app.installTranslator(ours)  # Qt then sends every widget a LanguageChange event
        _installed.append(ours)
    else:
        log.warning("translation file for %s missing in %s", lang, translations_dir())
    if lang == "ko":
        qt = QTranslator(app)
        if qt.load("qtbase_ko", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    _current = lang if (ok or lang == "en") else "en"
    return ok
