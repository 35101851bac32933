"""Rebuild the Qt translations: extract strings, fill them, compile .qm files.

    .venv/bin/python resources/translations/build_translations.py

1. ``pyside6-lupdate`` extracts every ``tr()``/``translate()`` string of pose_desktop/ui
   (and the ``QT_TRANSLATE_NOOP`` templates of pose_desktop/errors.py)
   into ``pose_desktop_ko.ts`` and ``pose_desktop_en.ts`` (translations already there
   are kept).
2. Korean comes from ``ko.json`` (source text → 한국어; ``%n`` stays in the text), else
   from the CLI's table for the same English (``pose_desktop/cli/words.py``: the typed
   errors of ``pose_desktop/errors.py``, which both say).
   English only needs its plural forms (``%n photo(s)`` → ``1 photo`` / ``2 photos``).
3. ``pyside6-lrelease`` compiles each .ts to the .qm the app loads. Without lrelease,
   the .qm files committed in the repo are used as they are.

Prints the strings that still lack a Korean translation.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def _tool(name: str) -> str | None:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else shutil.which(name)


def fill(ts: Path, lang: str, ko: dict[str, str]) -> list[str]:
    """Write translations into a .ts file; returns the sources left untranslated."""
    tree = ET.parse(ts)
    missing = []
    for msg in tree.getroot().iter("message"):
        src = msg.find("source").text or ""
        tr = msg.find("translation")
        # pyside6-lupdate marks only ``self.tr(text, "", n)`` as plural, not
        # ``QCoreApplication.translate(context, text, "", n)``: any ``%n`` text is.
        numerus = msg.get("numerus") == "yes" or "%n" in src
        if numerus:
            msg.set("numerus", "yes")
        if lang == "ko":
            text = ko.get(src)
            if text is None:
                missing.append(src)
                continue
            forms = [text]
        else:
            if not numerus:
                tr.text = None
                tr.attrib.pop("type", None)
                tr.set("type", "unfinished")
                continue  # English source text is used as it is
            forms = [src.replace("(s)", ""), src.replace("(s)", "s")]
        tr.attrib.pop("type", None)
        for child in list(tr):
            tr.remove(child)
        if numerus:
            tr.text = None
            for f in forms:
                ET.SubElement(tr, "numerusform").text = f
        else:
            tr.text = forms[0]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def cli_words() -> dict[str, str]:
    """The CLI's Korean table (``pose_desktop/cli/words.py``, loaded alone: no app import)."""
    spec = importlib.util.spec_from_file_location("words", REPO / "pose_desktop" / "cli" / "words.py")
    words = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(words)
    return words.KOREAN


def main() -> int:
    lupdate, lrelease = _tool("pyside6-lupdate"), _tool("pyside6-lrelease")
    # the window's words, and the typed errors' templates it translates (context "Errors")
    sources = [*sorted(str(p) for p in (REPO / "pose_desktop" / "ui").glob("*.py")),
               str(REPO / "pose_desktop" / "errors.py")]
    # Korean: ko.json, else the CLI's words for the same English (the errors' templates)
    ko = {**cli_words(), **json.loads((HERE / "ko.json").read_text(encoding="utf-8"))}
    for lang in ("ko", "en"):
        ts = HERE / f"pose_desktop_{lang}.ts"
        if lupdate:
            subprocess.run([lupdate, "-no-obsolete", "-target-language",
                            "ko_KR" if lang == "ko" else "en_US", *sources, "-ts", str(ts)],
                           check=True, capture_output=True)
        missing = fill(ts, lang, ko)
        for m in missing:
            print(f"{lang}: untranslated: {m!r}")
        if lrelease:
            subprocess.run([lrelease, str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True,
                           capture_output=True)
        else:
            print("pyside6-lrelease not found: kept the committed .qm files", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
