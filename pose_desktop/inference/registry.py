"""The registry of analyzers the app can run, by name (``pose analyze --models NAME,...``).

Entries point at a factory by import path so listing them imports no model code. A factory
is called as ``factory(models_dir=..., device=...)`` and returns an object satisfying
``runner.Analyzer``. Dependencies are pulled in automatically: asking for ``emotion``
also runs ``faces`` where faces are not current.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from pose_desktop.errors import ModelError


@dataclass(frozen=True)
class AnalyzerSpec:
    """How to build one analyzer and what it is for."""

    name: str
    factory: str  # "module.path:callable"
    description: str
    depends_on: tuple[str, ...] = ()
    default: bool = True  # part of a plain ``pose analyze``


ANALYZERS: dict[str, AnalyzerSpec] = {}


def register(spec: AnalyzerSpec) -> AnalyzerSpec:
    """Add (or replace) an analyzer in the registry."""
    ANALYZERS[spec.name] = spec
    return spec


register(AnalyzerSpec(
    "faces", "pose_desktop.tagging.faces:FaceAnalyzer",
    "find faces (MTCNN), align, embed identity; recognise named people",
))
register(AnalyzerSpec(
    "emotion", "pose_desktop.tagging.emotion:EmotionAnalyzer",
    "7-class emotion per face, positive/neutral/negative, photo mood tag",
    depends_on=("faces",),
))
register(AnalyzerSpec(
    "picture", "pose_desktop.tagging.picture:PictureAnalyzer",
    "ImageNet scenes/objects, clothing type + colours, features for similar photos and hashtags",
))
register(AnalyzerSpec(
    "face_age", "pose_desktop.tagging.face_age:FaceAgeAnalyzer",
    "estimated age of each face (child / adult for hashtags and relevance flags)",
    depends_on=("faces",),
))


def available() -> list[AnalyzerSpec]:
    """All registered analyzers, in registration order."""
    return list(ANALYZERS.values())


def resolve_names(names: list[str] | None) -> list[str]:
    """``names`` (or the defaults) plus everything they depend on, dependencies first."""
    wanted = [s.name for s in ANALYZERS.values() if s.default] if not names else list(names)
    out: list[str] = []

    def add(name: str) -> None:
        if name not in ANALYZERS:
            known = ", ".join(ANALYZERS)
            raise ModelError(f"Unknown analyzer {name!r}; known: {known}.")
        for dep in ANALYZERS[name].depends_on:
            add(dep)
        if name not in out:
            out.append(name)

    for n in wanted:
        add(n.strip())
    return out


def build(names: list[str] | None = None, *, models_dir: Path | None = None, device: str | None = None) -> list:
    """Instantiate the analyzers ``names`` (and their dependencies), dependencies first."""
    built = []
    for name in resolve_names(names):
        module, _, attr = ANALYZERS[name].factory.partition(":")
        factory = getattr(importlib.import_module(module), attr)
        built.append(factory(models_dir=models_dir, device=device))
    return built
