"""What every service of one library is built on: one explicit context."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pose_desktop.analysis.cache import AnalyzerCache
from pose_desktop.catalog.db import Catalog
from pose_desktop.tagging.similar import FeatureIndexCache


@dataclass
class LibraryContext:
    """One catalog, its thumbnails folder, the interface language (``ko`` / ``en``, may
    change while the app runs) and the caches of loaded models and feature indexes, which
    lock themselves (services run on worker threads)."""

    catalog: Catalog
    thumbs_dir: Path
    lang: str = "en"
    models: AnalyzerCache = field(default_factory=AnalyzerCache)
    features: FeatureIndexCache = field(default_factory=FeatureIndexCache)


class Service:
    """Base of the services: reads its context (no state of its own beyond it)."""

    def __init__(self, context: LibraryContext) -> None:
        self.context = context

    @property
    def catalog(self) -> Catalog:
        """The library's catalog."""
        return self.context.catalog

    @property
    def thumbs_dir(self) -> Path:
        """The library's thumbnails folder."""
        return self.context.thumbs_dir

    @property
    def lang(self) -> str:
        """The interface language."""
        return self.context.lang
