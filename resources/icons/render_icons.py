"""Render pose.svg to the PNG sizes desktops and PyInstaller want (run after editing it)."""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "pose.svg"))
    for size in (16, 32, 64, 128, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(HERE / f"pose-{size}.png"))
