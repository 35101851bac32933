"""Write THIRD_PARTY_NOTICES.txt for a build: every package the app ships, its licence and
the licence texts its distribution carries.

    .venv/bin/python resources/licenses/build_notices.py [OUT]     (build.spec runs it)

The packages are the app's runtime requirements (pyproject.toml ``dependencies``, with
their environment markers) and everything they require in turn, as installed in the
environment that builds. For each: name, version, licence (``License-Expression``, the
``License`` field or the trove classifiers), home page, and the full text of every licence
file in its ``.dist-info`` (or shipped in the package, like onnxruntime's
ThirdPartyNotices.txt). Qt (PySide6 wheels carry no licence file) and libraries that name
the LGPL/GPL get the GNU texts from this folder; the Python interpreter's licence comes
from the interpreter. The ONNX models' origins and licences are in models/MODELS.md,
which the build ships beside them.
"""

from __future__ import annotations

import importlib.metadata as md
import re
import sys
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
LICENCE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE|AUTHORS|ThirdPartyNotices)[^/]*$", re.I)
#: Texts added when a package's licence names them and it ships none of its own.
GNU_TEXTS = {"LGPL": "LGPL-3.0.txt", "GPL": "GPL-3.0.txt"}


def runtime_requirements(pyproject: Path = REPO / "pyproject.toml") -> list[Requirement]:
    """The app's own dependencies (not test/train/package extras)."""
    import tomllib

    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    return [Requirement(d) for d in deps]


def shipped_distributions(roots: list[Requirement]) -> list[md.Distribution]:
    """The installed distributions the roots need, transitively (markers evaluated for
    this platform, extras not followed), sorted by name."""
    env = default_environment()
    env["extra"] = ""
    found: dict[str, md.Distribution] = {}
    todo = [r for r in roots if r.marker is None or r.marker.evaluate(env)]
    while todo:
        req = todo.pop()
        key = canonicalize_name(req.name)
        if key in found:
            continue
        try:
            dist = md.distribution(req.name)
        except md.PackageNotFoundError:
            continue  # an optional requirement not installed here is not shipped either
        found[key] = dist
        for spec in dist.requires or []:
            sub = Requirement(spec)
            if sub.marker is None or sub.marker.evaluate(env):
                todo.append(sub)
    return [found[k] for k in sorted(found)]


def licence_of(dist: md.Distribution) -> str:
    """The licence a distribution declares, in one line."""
    meta = dist.metadata
    expr = meta.get("License-Expression")
    if expr:
        return expr
    text = (meta.get("License") or "").strip()
    if text and len(text) < 120 and "\n" not in text:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return ", ".join(classifiers) or (text.splitlines()[0] if text else "not stated")


def licence_files(dist: md.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of the licence files a distribution installed."""
    out = []
    for f in dist.files or []:
        name = str(f)
        if not LICENCE_FILE.search(name) or name.endswith((".py", ".pyc")):
            continue
        path = Path(dist.locate_file(f))
        if path.is_file():
            out.append((name, path.read_text(encoding="utf-8", errors="replace")))
    return out


def notices(dists: list[md.Distribution]) -> str:
    """The whole notices file."""
    parts = [
        "THIRD-PARTY SOFTWARE IN POSE_DESKTOP",
        "",
        "pose_desktop itself is under the MIT licence (LICENSE). The app bundles the software",
        "below; each keeps its own licence, reproduced here. The LGPL libraries (Qt through",
        "PySide6, libheif and libde265 through pi-heif) are separate shared libraries in this",
        "folder: you may replace them with your own builds of the same interface.",
        "The ONNX models' origins and licences: models/MODELS.md.",
        "",
        "Contents:",
    ]
    parts += [f"  {d.metadata['Name']} {d.version}: {licence_of(d)}" for d in dists]
    parts.append(f"  Python {sys.version.split()[0]}: PSF-2.0")
    gnu_needed: set[str] = set()
    for d in dists:
        meta = d.metadata
        lic = licence_of(d)
        files = licence_files(d)
        parts += ["", "=" * 78, f"{meta['Name']} {d.version}", f"Licence: {lic}"]
        home = meta.get("Home-page") or next(
            (u.split(",", 1)[1].strip() for u in meta.get_all("Project-URL") or []
             if u.lower().startswith(("homepage", "source", "repository"))), "")
        if home:
            parts.append(f"Home: {home}")
        parts.append("=" * 78)
        for name, text in files:
            parts += ["", f"--- {name} ---", text.rstrip()]
        words = lic + " " + " ".join(t for _, t in files)
        for key in GNU_TEXTS:
            if re.search(rf"\b{key}", words):
                gnu_needed.add(key)
        if not files:
            parts += ["", "(This package ships no licence file; its licence is named above.)"]
    python_licence = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "LICENSE.txt"
    if not python_licence.exists():
        python_licence = Path(sys.base_prefix) / "LICENSE.txt"  # Windows layout
    parts += ["", "=" * 78, f"Python {sys.version.split()[0]}", "Licence: PSF-2.0", "=" * 78]
    if python_licence.exists():
        parts += ["", python_licence.read_text(encoding="utf-8", errors="replace").rstrip()]
    for key in sorted(gnu_needed):
        parts += ["", "=" * 78, f"Text of the {GNU_TEXTS[key][:-4]} licence", "=" * 78, "",
                  (HERE / GNU_TEXTS[key]).read_text(encoding="utf-8").rstrip()]
    return "\n".join(parts) + "\n"


def write_notices(out: Path) -> Path:
    """Write the notices of the current environment's runtime packages to ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(notices(shipped_distributions(runtime_requirements())), encoding="utf-8")
    return out


if __name__ == "__main__":
    target = write_notices(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "build" / "THIRD_PARTY_NOTICES.txt")
    print(target)
