"""The layer checker behind tests/test_architecture.py.

Reads every module of a package with ``ast`` and collects EVERY import it makes: module
level and inside functions, absolute and relative, and module names given as strings
(``importlib.import_module("pose_desktop.x")``, ``__import__``, or any string constant that
is a dotted module path of the package, such as an entry point ``"pose_desktop.x.y:make"``).
Each module belongs to the layer of its first package component; an import is allowed
only downwards (or within its own top-level package). Peers in one layer do not import
each other. Cycles between top-level packages are reported as well, so a later change to
the table cannot hide one.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

# Top to bottom. Names in one row are peers: they may not import each other.
LAYERS: list[tuple[str, ...]] = [
    ("__main__",),
    ("ui", "cli"),
    ("services",),
    ("analysis", "training"),
    ("tagging",),
    ("inference", "ingest"),
    ("catalog",),
    ("vocab", "paths", "errors", "imagefile", "progress", "__init__"),
]


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted
    target: str  # imported module, dotted
    line: int
    how: str  # "import", "from", "string"

    def __str__(self) -> str:
        return f"{self.source}:{self.line} -> {self.target} ({self.how})"


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Dotted name -> file of every module under the package folder ``root``."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        elif parts == ["__init__"]:
            parts = []
        out[".".join([package, *parts])] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str:
    """The longest known module prefix of ``name`` (``pkg.mod.func`` -> ``pkg.mod``)."""
    parts = name.split(".")
    while parts:
        cand = ".".join(parts)
        if cand in modules:
            return cand
        parts.pop()
    return name


def imports_of(module: str, path: Path, modules: dict[str, Path], package: str) -> list[Import]:
    """Every import of ``package`` modules that ``module`` (file ``path``) makes."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_pkg = path.name == "__init__.py"
    here = module.split(".") if is_pkg else module.split(".")[:-1]
    string_re = re.compile(rf"^{re.escape(package)}(\.[A-Za-z_]\w*)+(:[A-Za-z_]\w*)?$")
    found: list[Import] = []

    def add(target: str, node: ast.AST, how: str) -> None:
        if target == package or target.startswith(package + "."):
            found.append(Import(module, _resolve(target, modules), node.lineno, how))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node, "import")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else list(here)
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            for alias in node.names:
                sub = f"{stem}.{alias.name}"
                # ``from pkg import sub`` imports the submodule when there is one
                add(sub if sub in modules else stem, node, "from")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if string_re.match(node.value):
                add(node.value.split(":")[0], node, "string")
    return found


def layer_of(module: str, package: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def check(root: Path, package: str, layers: list[tuple[str, ...]] = LAYERS) -> list[str]:
    """Every breach of ``layers`` in the package at ``root``, as readable lines."""
    rank = {name: i for i, row in enumerate(layers) for name in row}
    rank.setdefault("__init__", len(layers))  # the package's own __init__: below everything
    modules = module_names(root, package)
    problems: list[str] = []
    edges: dict[str, set[str]] = {}
    for module, path in modules.items():
        src = layer_of(module, package)
        if src not in rank:
            problems.append(f"{module}: top-level package {src!r} is in no layer")
            continue
        for imp in imports_of(module, path, modules, package):
            dst = layer_of(imp.target, package)
            if dst == src:
                continue
            edges.setdefault(src, set()).add(dst)
            if dst not in rank:
                problems.append(f"{imp}: {dst!r} is in no layer")
            elif rank[dst] < rank[src]:
                problems.append(f"upward import: {imp} ({src} sits below {dst})")
            elif rank[dst] == rank[src]:
                problems.append(f"import between peers: {imp} ({src} and {dst} share a layer)")
    problems.extend(f"package cycle: {' -> '.join(c)}" for c in _cycles(edges))
    problems.extend(f"module cycle: {' -> '.join(c)}" for c in module_cycles(root, package))
    return problems


def module_cycles(root: Path, package: str) -> list[list[str]]:
    """Cycles of imports between modules (inside one package too: ``a`` imports ``b``
    which imports ``a``, even lazily). A package's ``__init__`` importing its own
    submodules is not an edge back from them unless they import the package itself."""
    modules = module_names(root, package)
    edges: dict[str, set[str]] = {}
    for module, path in modules.items():
        for imp in imports_of(module, path, modules, package):
            if imp.target != module:
                edges.setdefault(module, set()).add(imp.target)
    return _cycles(edges)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of packages (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group) + [sorted(group)[0]])

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return groups


# --- raw SQL lives in catalog/ ---------------------------------------------------------------

#: Calls that run SQL on a connection, a cursor or a ``sqlite_utils.Database`` (its table
#: methods build SQL too).
SQL_CALLS = frozenset({"execute", "executemany", "executescript", "cursor", "rows_where",
                       "insert_all", "upsert_all", "delete_where"})
_SQL_START = re.compile(
    r"^\s*(SELECT\s|INSERT\s+(OR\s+[A-Z]+\s+)?INTO\s|REPLACE\s+INTO\s|UPDATE\s+[\w.]+\s+SET\s"
    r"|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX|UNIQUE|VIEW|TRIGGER|VIRTUAL|TEMP)\b"
    r"|DROP\s+(TABLE|INDEX|VIEW|TRIGGER)\b|ALTER\s+TABLE\s|PRAGMA\s|WITH\s+\w+\s*(\(|AS\b)"
    r"|BEGIN(\s+(IMMEDIATE|EXCLUSIVE|DEFERRED))?\s*$|COMMIT\s*$|ROLLBACK\b|VACUUM\b)")
_SQL_CLAUSE = re.compile(
    r"\b(FROM|JOIN)\s+[a-z_]+(\s+[a-z]\w*)?\s+(WHERE|ON|ORDER\s+BY|GROUP\s+BY|LIMIT|JOIN|USING)\b"
    r"|\bWHERE\s+[a-z_][\w.]*\s*(=|<|>|!=|<>|IN\b|IS\b|LIKE\b|BETWEEN\b)"
    r"|\bSET\s+[a-z_]\w*\s*=\s*\?|\bVALUES\s*\(\s*\?|\(\s*SELECT\s"
    r"|\b[a-z_]\w*(\.[a-z_]\w*)?\s*(=|!=|<>|<=|>=)\s*\?|\b[a-z_]\w*\.[a-z_]\w*\s+IS\s+(NOT\s+)?NULL\b")


def _looks_like_sql(text: str) -> bool:
    return bool(_SQL_START.match(text) or _SQL_CLAUSE.search(text))


def _string_parts(node: ast.AST) -> list[str]:
    """The literal text of a string constant or an f-string (its constant parts joined,
    each expression as ``{}``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)]
    return []


def sql_outside(root: Path, package: str, home: tuple[str, ...] = ("catalog",),
                allowed: dict[str, str] | None = None) -> list[str]:
    """Every place a module outside the ``home`` packages runs SQL or holds an SQL
    statement: a call of ``.execute`` / ``.executemany`` / ``.executescript`` / ``.cursor``
    (or of sqlite_utils' ``.rows_where`` / ``.insert_all`` / ``.upsert_all`` /
    ``.delete_where``), the raw connection (``.conn``), or a string literal (f-strings too) that reads as SQL (a statement's first
    keyword, or a clause such as ``FROM t WHERE`` / ``WHERE col =`` / ``SET col = ?``).
    ``allowed``: module -> why it may (each one a justified exception); an allowed module
    that no longer runs SQL is reported too, so the list only shrinks."""
    allowed = dict(allowed or {})
    problems: list[str] = []
    for module, path in module_names(root, package).items():
        if layer_of(module, package) in home:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr)
                      and isinstance(n.body[0].value, ast.Constant)}
        # the parts of an f-string are judged as the whole f-string, not one by one
        parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        found = []
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in SQL_CALLS):
                found.append(f"{module}:{node.lineno} calls .{node.func.attr}()")
            elif isinstance(node, ast.Attribute) and node.attr == "conn":
                found.append(f"{module}:{node.lineno} takes the raw connection (.conn)")
            elif id(node) not in docstrings and id(node) not in parts:
                for text in _string_parts(node):
                    if _looks_like_sql(text):
                        found.append(f"{module}:{node.lineno} holds SQL {text.strip()[:50]!r}")
        if module in allowed:
            if not found:
                problems.append(f"{module} is allowed SQL ({allowed[module]}) but runs none: "
                                "take it off the list")
            continue
        problems.extend(f"SQL outside {'/'.join(home)}/: {f}" for f in found)
    return problems


# --- the UI and the CLI talk to services ---------------------------------------------------

#: What ``ui/`` and ``cli/`` may import besides their own package: the services and the
#: plain bottom row. Never the catalog, ingest, tagging, inference or analysis directly.
FRONT_MAY_IMPORT = ("services", "vocab", "paths", "errors", "imagefile", "progress", "__init__")


def front_breaches(root: Path, package: str, fronts: tuple[str, ...] = ("ui", "cli"),
                   may: tuple[str, ...] = FRONT_MAY_IMPORT) -> list[str]:
    """Every import by a ``fronts`` module of a package other than its own and ``may``, and
    every reach into a library's catalog object (``x.catalog.<anything>``: its state is
    asked of the services, e.g. ``library.readonly``)."""
    modules = module_names(root, package)
    problems: list[str] = []
    for module, path in modules.items():
        src = layer_of(module, package)
        if src not in fronts:
            continue
        for imp in imports_of(module, path, modules, package):
            dst = layer_of(imp.target, package)
            if dst != src and dst not in may:
                problems.append(f"{imp}: {src}/ talks to services, not to {dst}/")
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
                    and node.value.attr == "catalog"):
                problems.append(f"{module}:{node.lineno} reaches into the catalog (.catalog.{node.attr})")
    return problems
