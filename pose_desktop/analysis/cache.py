"""Analyzers built once and shared (a library's model cache): built from the registry on
first use, their sessions loaded, behind one lock so threads never build twice."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from . import registry
from .runner import Analyzer, drop_op_threads

log = logging.getLogger(__name__)


class AnalyzerCache:
    """``get(names)``: the analyzers ``names`` and their dependencies, loaded, in run order.

    An analyzer whose models cannot be loaded (not shipped, corrupt) is left out with
    everything that depends on it, and remembered (``missing``), so a dropped photo is
    still described by the models that are there.
    """

    def __init__(self, models_dir: Path | None = None, device: str | None = None) -> None:
        self.models_dir = models_dir
        self.device = device
        self._lock = threading.Lock()
        self._built: dict[str, Analyzer] = {}
        self.missing: dict[str, str] = {}

    def get(self, names: list[str] | tuple[str, ...]) -> list[Analyzer]:
        """The loaded analyzers ``names`` (with dependencies), those that could be loaded."""
        with self._lock:
            out = []
            for name in registry.resolve_names(list(names)):
                spec = registry.ANALYZERS[name]
                if name in self.missing or any(d in self.missing for d in spec.depends_on):
                    self.missing.setdefault(name, "needs " + ", ".join(spec.depends_on))
                    continue
                if name not in self._built:
                    analyzer = spec.factory(models_dir=self.models_dir, device=self.device,
                                            threads=drop_op_threads(spec.factory))
                    try:
                        analyzer.load()
                    except Exception as exc:  # any model that fails to load: go on without it
                        log.warning("analyzer %s unavailable: %s", name, exc)
                        self.missing[name] = str(exc)
                        continue
                    self._built[name] = analyzer
                out.append(self._built[name])
            return out
