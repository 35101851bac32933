"""A photo's facts (what the models saw: scenes, objects, clothing, colours, people) from
the analyzers that give them, the same way for a dropped image and a library photo.

An analyzer adds to the facts through two optional methods::

    def facts(self, results: dict[str, object], image: DecodedImage) -> PictureFacts: ...
        # from this run's finished results (``runner.analyze_image``) of every analyzer
    def stored_facts(self, db, photo_id: int) -> PictureFacts | None: ...
        # from what it stored for a library photo (None: never analysed)

The facts are concatenated in the analyzers' run order; the features are those of the
analyzer that gives them (the picture backbone's).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pose_desktop.inference.decode import DecodedImage
from pose_desktop.tagging.scenes import PictureFacts

from .runner import Analyzer, order_analyzers


def _merge(parts: list[PictureFacts]) -> PictureFacts:
    out = PictureFacts()
    for part in parts:
        out.facts.extend(part.facts)
        if out.features is None and part.features is not None:
            out.features = part.features
    return out


def image_facts(analyzers: Sequence[Analyzer], results: dict[str, Any],
                image: DecodedImage) -> PictureFacts:
    """The facts of one image from ``analyze_image``'s results."""
    return _merge([a.facts(results, image) for a in order_analyzers(analyzers)
                   if a.name in results and callable(getattr(a, "facts", None))])


def photo_facts(analyzers: Sequence[Analyzer], db, photo_id: int) -> PictureFacts | None:
    """The facts of a library photo from what the analyzers stored; None when the photo
    lacks the analysis that gives its features (not analysed yet)."""
    parts = []
    for a in order_analyzers(analyzers):
        stored = getattr(a, "stored_facts", None)
        part = stored(db, photo_id) if callable(stored) else None
        if part is not None:
            parts.append(part)
    facts = _merge(parts)
    return facts if facts.features is not None else None
