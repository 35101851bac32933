"""The "face_age" analyzer: an estimated age for every detected face (faces.age).

Ages make the child / adult facts (``people_facts``): parenting, and couple = two adults.
Checked on captioned/ photos with one face (46 captioned as a child, 42 as an adult):
no adult was estimated at 16 or younger, 28 % of the children were (the captions'
"boy"/"girl" include teenagers); so "child" is reported from 16 down, and is rarely wrong.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pose_desktop.catalog import analysis as runs
from pose_desktop.inference.face_age import FaceAgeModel


class FaceAgeAnalyzer:
    """Runs after ``faces``: crops each face from the decoded image and estimates its age."""

    name = "face_age"
    version = FaceAgeModel.version
    depends_on: tuple[str, ...] = ("faces",)

    def __init__(
        self, models_dir: Path | None = None, *, device: str | None = None, threads: int | None = None
    ) -> None:
        self.model = FaceAgeModel(models_dir, device=device, threads=threads)

    def load(self) -> None:
        """Create the session now (otherwise on first use)."""
        self.model.load()

    def analyze_batch(self, items: list) -> list[list[tuple[np.ndarray, float]]]:
        """Per photo: (box in original pixels, age to 0.1 year) for each face found upstream,
        in the order of the faces."""
        out = []
        for it in items:
            faces = it.upstream.get("faces") or []
            s = it.image.scale
            boxes = [np.asarray(f.box, dtype=np.float32) for f in faces]
            ages = self.model.ages(it.image.pixels, [b * s for b in boxes])
            out.append([(b, round(float(a), 1)) for b, a in zip(boxes, ages.tolist(), strict=True)])
        return out

    def store(self, db, photo, result: list[tuple[np.ndarray, float]]) -> None:
        """Write each age onto the stored face with the nearest box (inside a write)."""
        rows = runs.face_boxes(db, photo.id)
        for box, age in result:
            if not rows:
                break
            best = min(rows, key=lambda r: sum(abs(r[k + 1] - float(box[k])) for k in range(4)))
            runs.set_face_age(db, best[0], age)
