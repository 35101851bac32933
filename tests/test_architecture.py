"""The module boundaries of DESIGN.md, enforced: the layers (every import, even inside a
function or given as a string, points down; no cycles), Qt only in ui/, torch only in
training code, a headless core, and a CLI whose commands all declare read or write."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from tests import layering

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pose_desktop"


def _module_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:  # module level only: torch may be imported lazily in functions
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _all_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_package_keeps_its_layers():
    assert layering.check(PACKAGE, "pose_desktop") == []


def test_every_package_has_a_layer():
    tops = {p.name.removesuffix(".py") for p in PACKAGE.iterdir()
            if p.suffix == ".py" or (p / "__init__.py").exists()}
    placed = {name for row in layering.LAYERS for name in row}
    assert tops <= placed


def _plant(root: Path, files: dict[str, str]) -> Path:
    pkg = root / "pkg"
    for rel, text in files.items():
        path = pkg / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return pkg


LAYERS = [("top",), ("mid",), ("low",)]
CLEAN = {
    "__init__.py": "", "top/__init__.py": "", "mid/__init__.py": "", "low/__init__.py": "",
    "top/a.py": "from pkg.mid import b\n", "mid/b.py": "from ..low import c\n", "low/c.py": "X = 1\n",
}


def test_the_checker_passes_a_clean_tree(tmp_path):
    assert layering.check(_plant(tmp_path, CLEAN), "pkg", LAYERS) == []


def test_the_checker_fails_on_a_planted_upward_import_inside_a_function(tmp_path):
    files = dict(CLEAN)
    files["low/c.py"] = """
        def late():
            from pkg.top.a import b  # upward, hidden in a function
            return b
    """
    problems = layering.check(_plant(tmp_path, files), "pkg", LAYERS)
    assert any("upward import: pkg.low.c:3 -> pkg.top.a" in p for p in problems), problems
    assert any(p.startswith("package cycle:") for p in problems), problems


def test_the_checker_sees_relative_and_string_imports(tmp_path):
    files = dict(CLEAN)
    files["mid/b.py"] = "from ..top import a\n"
    files["low/c.py"] = """
        import importlib
        FACTORY = "pkg.mid.b:make"
        def load():
            return importlib.import_module("pkg.top.a")
    """
    problems = layering.check(_plant(tmp_path, files), "pkg", LAYERS)
    text = "\n".join(problems)
    assert "pkg.mid.b:1 -> pkg.top.a (from)" in text
    assert "pkg.low.c:3 -> pkg.mid.b (string)" in text
    assert "pkg.low.c:5 -> pkg.top.a (string)" in text


def test_the_checker_fails_on_peers_and_module_cycles(tmp_path):
    files = dict(CLEAN)
    files["mid/d.py"] = "from pkg.mid import e\n"
    files["mid/e.py"] = "def f():\n    from pkg.mid import d\n"
    problems = layering.check(_plant(tmp_path, files), "pkg", [("top",), ("mid", "low")])
    assert any("import between peers: pkg.mid.b:1 -> pkg.low.c" in p for p in problems), problems
    assert any("module cycle: pkg.mid.d -> pkg.mid.e -> pkg.mid.d" in p for p in problems), problems


def test_only_ui_imports_qt():
    offenders = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
                 if "ui" not in p.relative_to(PACKAGE).parts[:1] and "PySide6" in _all_imports(p)]
    assert offenders == []


def test_torch_is_never_imported_at_module_level_outside_training():
    offenders = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
                 if p.relative_to(PACKAGE).parts[0] != "training"
                 and {"torch", "torchvision"} & _module_level_imports(p)]
    assert offenders == []


def test_core_runs_headless_without_qt_or_torch():
    code = ("import sys, pose_desktop.services, pose_desktop.cli;"
            "print(sorted(m for m in ('PySide6', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
