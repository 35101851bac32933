"""The module boundaries of DESIGN.md, enforced: the layers (every import, even inside a
function or given as a string, points down; no cycles), Qt only in ui/, torch only in
training code, a headless core, raw SQL only in catalog/, a UI and a CLI that talk to
services only, and a CLI whose commands all declare read or write."""

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


def test_raw_sql_lives_in_catalog():
    assert layering.sql_outside(PACKAGE, "pose_desktop") == []


SQL_TREE = {
    "__init__.py": "", "top/__init__.py": "", "low/__init__.py": "",
    "low/store.py": """
        def names(db):
            return [r[0] for r in db.execute("SELECT name FROM tags WHERE kind = ?", ["x"])]
    """,
    "top/a.py": """
        \"\"\"Logic only: it says SELECT in prose, which is no SQL.\"\"\"
        from pkg.low import store

        def names(db):
            return store.names(db)
    """,
}


def test_the_sql_checker_passes_sql_kept_in_its_home(tmp_path):
    assert layering.sql_outside(_plant(tmp_path, SQL_TREE), "pkg", home=("low",)) == []


def test_the_sql_checker_fails_on_planted_sql_outside_its_home(tmp_path):
    files = dict(SQL_TREE)
    files["top/b.py"] = """
        def forget(db, ids):
            marks = ",".join("?" * len(ids))
            db.conn.executemany("UPDATE photos SET hidden = 1 WHERE id = ?", [(i,) for i in ids])
            return run(db, f"DELETE FROM faces WHERE photo_id IN ({marks})", ids)

        def helper(db, where):
            return rows(db, "f.person_id IS NULL AND f.id IN (SELECT face_id FROM face_rejections)")
    """
    problems = layering.sql_outside(_plant(tmp_path, files), "pkg", home=("low",))
    text = "\n".join(problems)
    assert "pkg.top.b:4 calls .executemany()" in text, problems
    assert "pkg.top.b:4 takes the raw connection (.conn)" in text, problems
    assert "pkg.top.b:4 holds SQL 'UPDATE photos SET hidden" in text, problems
    assert "pkg.top.b:5 holds SQL 'DELETE FROM faces WHERE photo_id IN ({})'" in text, problems
    assert "pkg.top.b:8 holds SQL" in text, problems
    assert not any("pkg.low" in p or "pkg.top.a" in p for p in problems), problems
    # an exception must be named and justified, and is refused once it is no longer needed
    assert layering.sql_outside(_plant(tmp_path, files), "pkg", home=("low",),
                                allowed={"pkg.top.b": "planted"}) == []
    stale = layering.sql_outside(_plant(tmp_path, files), "pkg", home=("low",),
                                 allowed={"pkg.top.a": "no reason"})
    assert any("pkg.top.a is allowed SQL (no reason) but runs none" in p for p in stale), stale


def test_ui_and_cli_talk_to_services_only():
    assert layering.front_breaches(PACKAGE, "pose_desktop") == []


def test_the_front_checker_fails_on_a_planted_catalog_import_and_reach(tmp_path):
    files = {
        "__init__.py": "", "ui/__init__.py": "", "services/__init__.py": "", "catalog/__init__.py": "",
        "paths.py": "X = 1\n", "catalog/db.py": "X = 1\n",
        "ui/ok.py": "from pkg.services import Library\nfrom pkg import paths\n",
        "ui/bad.py": """
            def window(library):
                from pkg.catalog.db import X  # hidden in a function
                return library.catalog.readonly, X
        """,
    }
    problems = layering.front_breaches(_plant(tmp_path, files), "pkg", fronts=("ui",))
    assert any("pkg.ui.bad:3 -> pkg.catalog.db" in p and "not to catalog/" in p for p in problems), problems
    assert any("pkg.ui.bad:4 reaches into the catalog (.catalog.readonly)" in p for p in problems), problems
    assert not any("pkg.ui.ok" in p for p in problems), problems


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
