"""The analysis service (``Library.analysis``): run the registered analyzers over the
library, what they have done, where the models run, and loading them up front."""

from __future__ import annotations

from collections.abc import Iterator

from pose_desktop.analysis import registry
from pose_desktop.analysis.runner import AnalysisProgress, run_analysis
from pose_desktop.catalog import analysis as runs
from pose_desktop.inference.sessions import CUDA, choose_providers, last_session_info
from pose_desktop.vocab import messages

from .context import Service
from .photos import IndexIssue


class AnalysisService(Service):
    """The models' pass over one library."""

    def analyze(
        self,
        models: list[str] | None = None,
        *,
        device: str | None = None,
        batch_size: int = 8,
        limit: int | None = None,
        retry_errors: bool = False,
    ) -> Iterator[AnalysisProgress]:
        """Run the analyzers ``models`` (default: all registered) over photos lacking a
        current result; yields progress; stop iterating to cancel. A photo they failed on is
        tried again once its file changed, or with ``retry_errors`` at once. Analyzers with an
        after-run step take it at the end (faces: regroup the unnamed faces)."""
        yield from run_analysis(self.catalog, registry.build(models, device=device),
                                batch_size=batch_size, limit=limit, retry_errors=retry_errors,
                                thumbs_dir=self.thumbs_dir)

    def analyze_pictures(self, *, device: str | None = None, batch_size: int = 16,
                         retry_errors: bool = False) -> Iterator[AnalysisProgress]:
        """Run only the picture analyzer over photos lacking its current result."""
        return self.analyze(["picture"], device=device, batch_size=batch_size,
                            retry_errors=retry_errors)

    def status(self) -> dict[str, dict[str, int]]:
        """``{analyzer: {version: photos, ...}}`` with ``error`` counts, for ``pose stats``."""
        out: dict[str, dict[str, int]] = {}
        for name, version, status, n in runs.run_counts(self.catalog.reader()):
            key = version if status == "ok" else f"{version} ({status})"
            out.setdefault(name, {})[key] = n
        return out

    def failures(self, limit: int | None = None) -> list[IndexIssue]:
        """The photos the models could not analyse, with the reason in the library's language
        (tried again once the file changes; ``retry_errors`` tries them all now)."""
        return [IndexIssue(path, "error", messages.issue_text(error, self.lang))
                for path, error in runs.failures(self.catalog.reader(), limit)]

    def device_info(self, device: str | None = None) -> str:
        """Where the models run, for the status bar and settings: 'GPU (CUDA)' or 'CPU'.

        Without ``device``: the provider a loaded model really got (else what the current
        setting would choose). With ``device`` ('auto' / 'cpu' / 'gpu'): what that setting
        would choose here; 'gpu' raises ``ModelError`` (with the reason) when CUDA is unusable.
        """
        info = last_session_info() if device is None else None
        if info is not None:
            return info.device_label
        return "GPU (CUDA)" if choose_providers(device)[0] == CUDA else "CPU"

    def load_models(self, names: list[str] | None = None, *, device: str | None = None) -> dict[str, str]:
        """Load every registered analyzer's models now (sha256-checked ONNX sessions), e.g.
        for ``pose-desktop --self-test``; returns ``{analyzer: device label}``. Raises
        ``ModelError`` naming the file when one is missing or corrupt."""
        loaded = {}
        for analyzer in registry.build(names, device=device):
            analyzer.load()
            loaded[analyzer.name] = self.device_info()
        return loaded
