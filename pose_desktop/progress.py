"""The one progress type of long work: indexing, Instagram imports, the analysis pass."""

from __future__ import annotations


class Progress:
    """What every progress event of a long job says (``IndexEvent``, ``ImportEvent`` and
    ``AnalysisProgress`` are its kinds, each adding its own counts): ``phase`` (a word),
    ``done`` of ``total`` in the phase's unit, ``failed``, ``elapsed`` seconds, a
    ``message`` for a status line, and ``photo_ids``, the photos that just changed (for a
    view to refresh). The UI's one worker bridge and the CLI's progress bar read these."""

    phase: str
    done: int
    total: int
    failed: int
    elapsed: float
    message: str | None
    photo_ids: list[int]

    @property
    def fraction(self) -> float:
        """0..1 of the phase's work done."""
        return self.done / self.total if self.total else 1.0

    @property
    def rate(self) -> float:
        """Units per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0
