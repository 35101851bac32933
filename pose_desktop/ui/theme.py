"""Light and dark appearance that follows the system unless the user picks one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from pose_desktop.paths import resources_dir


def system_is_dark() -> bool:
    """True when the desktop asks for a dark colour scheme."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    """A calm dark palette for the Fusion style."""
    p = QPalette()
    window, base, text = QColor(37, 38, 41), QColor(28, 29, 31), QColor(230, 230, 232)
    # Disabled too: left out, a disabled button (Copy while the ideas load, Choose… in the
    # import dialog) kept the light palette's face, a pale box on the dark window
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, QColor(45, 46, 50))
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, QColor(48, 49, 53))
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.ToolTipBase, QColor(55, 56, 60))
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.Highlight, QColor(64, 120, 210))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(150, 150, 156))
        p.setColor(group, QPalette.ColorRole.Link, QColor(110, 160, 240))
        p.setColor(group, QPalette.ColorRole.Mid, QColor(70, 71, 76))
        p.setColor(group, QPalette.ColorRole.Midlight, QColor(60, 61, 66))
        p.setColor(group, QPalette.ColorRole.Dark, QColor(20, 20, 22))
        p.setColor(group, QPalette.ColorRole.Light, QColor(80, 81, 86))
    for role, c in (
        (QPalette.ColorRole.WindowText, QColor(120, 120, 124)),
        (QPalette.ColorRole.Text, QColor(120, 120, 124)),
        (QPalette.ColorRole.ButtonText, QColor(120, 120, 124)),
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, c)
    return p


def light_palette() -> QPalette:
    """Fusion's standard light palette, with the highlight we use in dark mode."""
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor(52, 110, 200))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(120, 120, 126))
    return p


#: Fusion outlines an unticked box in the window colour made darker: on dark rows it
#: disappears. Dark mode draws the empty box itself (the ticked one stays Fusion's).
DARK_QSS = """
QAbstractItemView::indicator:unchecked {
    width: 12px; height: 12px; border: 1px solid #9a9aa2; border-radius: 3px;
    background: #1c1d1f;
}
QAbstractItemView::indicator:unchecked:hover { border-color: #c8c8ce; }
"""


def apply_theme(app: QApplication, theme: str) -> bool:
    """Apply 'system', 'light' or 'dark'; returns True when the result is dark."""
    app.setStyle("Fusion")  # the same look everywhere, and it honours palettes fully
    dark = theme == "dark" or (theme == "system" and system_is_dark())
    app.setPalette(dark_palette() if dark else light_palette())
    qss = resources_dir() / "styles" / "app.qss"
    sheet = qss.read_text(encoding="utf-8") if qss.exists() else ""
    app.setStyleSheet(sheet + (DARK_QSS if dark else ""))
    app.setProperty("pose_dark", dark)
    return dark
