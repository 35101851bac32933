"""The committed translations cover every string of the UI, in Korean and with English
plurals (what ``resources/translations/build_translations.py`` must keep producing)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from pose_desktop.ui import i18n

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "pose_desktop" / "ui"


def _translatable(path: Path) -> list[tuple[int, str]]:
    """(line, source text) of each ``tr``/``translate``/``QT_TRANSLATE_NOOP`` literal."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        fn = node.func
        name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", None)
        pos = 0 if name == "tr" else 1 if name in ("translate", "QT_TRANSLATE_NOOP") else None
        if pos is None or len(node.args) <= pos:
            continue
        arg = node.args[pos]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append((node.lineno, arg.value))
    return found


def test_every_ui_string_has_a_finished_korean_translation():
    ts = ET.parse(i18n.translations_dir() / "pose_desktop_ko.ts").getroot()
    done = {
        m.find("source").text
        for m in ts.iter("message")
        if m.find("translation").get("type") != "unfinished"
    }
    strings = [(p.name, line, s) for p in sorted(UI.glob("*.py")) for line, s in _translatable(p)]
    assert len(strings) > 200
    missing = [(f, line, s) for f, line, s in strings if s not in done]
    assert missing == []


def test_counts_read_naturally_in_english_and_korean(qapp):
    def tr(text: str, n: int) -> str:
        return QCoreApplication.translate("MainWindow", text, "", n)

    removed = (
        "Removed %n photo(s) from the catalog; the files are untouched. Ctrl+Z brings them back."
    )
    try:
        i18n.set_language("en")
        assert [tr("%n photo(s)", n) for n in (1, 3)] == ["1 photo", "3 photos"]
        assert tr("⚠ %n problem(s)", 1) == "⚠ 1 problem"
        assert tr("Tag for %n photo(s):", 2) == "Tag for 2 photos:"
        assert tr(removed, 2).startswith("Removed 2 photos from the catalog")
        i18n.set_language("ko")
        assert tr("%n photo(s)", 3) == "사진 3장"
        assert tr("Tag for %n photo(s):", 2) == "사진 2장에 붙일 태그:"
        assert tr(removed, 2).startswith("사진 2장을 카탈로그에서 뺐습니다")
    finally:
        i18n.set_language("en")
