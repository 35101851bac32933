"""The registry of analyzers the app can run, by name (``pose analyze --models NAME,...``).

Entries hold their factory itself (a real import, so the layer test sees it); a factory
is called as ``factory(models_dir=..., device=...)`` (the model cache adds ``threads=``) and returns an object satisfying
``runner.Analyzer``. Model sessions are only created when an analyzer first runs. Dependencies are pulled in automatically: asking for ``emotion``
also runs ``faces`` where faces are not current.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pose_desktop.analysis.emotion import EmotionAnalyzer
from pose_desktop.analysis.face_age import FaceAgeAnalyzer
from pose_desktop.analysis.faces import FaceAnalyzer
from pose_desktop.analysis.objects import ObjectsAnalyzer
from pose_desktop.analysis.picture import PictureAnalyzer
from pose_desktop.errors import UnknownAnalyzerError


@dataclass(frozen=True)
class AnalyzerSpec:
    """How to build one analyzer and what it is for. What it depends on is declared by the
    analyzer class itself (``depends_on``)."""

    name: str
    factory: Callable  # factory(models_dir=..., device=...) -> analyzer
    description: str
    default: bool = True  # part of a plain ``pose analyze``
    facts: bool = False  # its results shape a photo's facts (suggestions, flags): dropped photos run it

    @property
    def depends_on(self) -> tuple[str, ...]:
        """Names of the analyzers this one needs (from the analyzer class)."""
        return tuple(getattr(self.factory, "depends_on", ()))


ANALYZERS: dict[str, AnalyzerSpec] = {}


def register(spec: AnalyzerSpec) -> AnalyzerSpec:
    """Add (or replace) an analyzer in the registry."""
    ANALYZERS[spec.name] = spec
    return spec


# One line per analyzer; the order is the order of ``pose analyze --help`` and the GUI.
register(AnalyzerSpec("faces", FaceAnalyzer, "find faces (MTCNN), align, embed identity; recognise named people", facts=True))
register(AnalyzerSpec("emotion", EmotionAnalyzer, "7-class emotion per face, positive/neutral/negative, photo mood tag"))
register(AnalyzerSpec("picture", PictureAnalyzer, "ImageNet scenes/objects, clothing type + colours, features for similar photos and hashtags", facts=True))
register(AnalyzerSpec("objects", ObjectsAnalyzer, "COCO object detector: people counts and layout, objects (dog, cake, cup...) for hashtags", facts=True))
register(AnalyzerSpec("face_age", FaceAgeAnalyzer, "estimated age of each face (child / adult for hashtags and relevance flags)", facts=True))


def fact_names() -> list[str]:
    """The analyzers whose results make a photo's facts, with their dependencies."""
    return resolve_names([s.name for s in ANALYZERS.values() if s.facts])


def available() -> list[AnalyzerSpec]:
    """All registered analyzers, in registration order."""
    return list(ANALYZERS.values())


def resolve_names(names: list[str] | None) -> list[str]:
    """``names`` (or the defaults) plus everything they depend on, dependencies first."""
    wanted = [s.name for s in ANALYZERS.values() if s.default] if not names else list(names)
    out: list[str] = []

    def add(name: str) -> None:
        if name not in ANALYZERS:
            raise UnknownAnalyzerError(name=name, known=", ".join(ANALYZERS))
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
        built.append(ANALYZERS[name].factory(models_dir=models_dir, device=device))
    return built
