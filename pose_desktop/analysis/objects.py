"""The "objects" analyzer: the COCO detector over every photo (models/object_detector.onnx).

Stored per photo: every detection (class, score, box) with the model version in
``photo_objects`` (for the people facts and the hashtag features, ``tagging.objects``),
object tags of the reviewed vocabulary at their calibrated thresholds (kind "object",
source "objects"; vocab/objects.py), and the refreshed search text. The tags are checked
against the picture analyzer's object tags of the same photo (a dog the backbone sees is
not also shown as the detector's cat: ``tagging.objects.cross_checked``): the picture
analyzer runs after this one, so it refreshes these tags too once it has stored its own
(``refresh_object_tags``), and a photo's tags end up checked whichever of the two ran last.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pose_desktop.analysis.runner import early_results
from pose_desktop.catalog import store
from pose_desktop.inference.detector import Detections, ObjectDetector
from pose_desktop.tagging.objects import (
    decode_detections,
    detections_of_photos,
    encode_detections,
    layout_facts,
    object_facts,
)
from pose_desktop.tagging.people_facts import dropped_faces_of_photos, face_box, faces_from_catalog
from pose_desktop.tagging.scenes import PictureFacts
from pose_desktop.vocab import objects as vocab

SOURCE = "objects"
BACKBONE_SOURCE = "picture"  # analysis/picture.py's tags: the backbone's objects
# the object tags' rules beyond the detections (stored in the version: a catalog's photos
# get their tags again when it changes; benchmarks/hashtag_photos.py's cache, which keeps
# the detections, leaves it out of its key)
TAGS_VERSION = "xc-1"


def refresh_object_tags(db, photo_ids, detections: dict | None = None) -> None:
    """The detector's object tags of photos (inside a write), from their ``detections``
    (photo id -> ``Detections``; default: as stored; photos never detected are left
    alone), checked against the backbone's object tags stored for them."""
    if detections is None:
        detections = {pid: d for pid, d in detections_of_photos(db, list(photo_ids)).items() if d is not None}
    backbone = store.tag_names(db, list(detections), "object", source=BACKBONE_SOURCE)
    store.replace_tags(db, SOURCE, ("object",), {
        pid: [("object", f.name, round(f.score, 4)) for f in object_facts(det, backbone.get(pid, set()))]
        for pid, det in detections.items()
    })


class ObjectsAnalyzer:
    """Batched detection; see the module docstring."""

    name = "objects"
    version = f"{ObjectDetector.version}+{vocab.VERSION}+{TAGS_VERSION}"
    depends_on: tuple[str, ...] = ()
    uses: tuple[str, ...] = ("faces",)  # where faces run first, they count for selfie / group
    # The detector sees the photo at 416×416: a 768 px decode is plenty, and the
    # catalog's thumbnail (shorter side 256 px) serves as the picture analyzer's does.
    max_side = 768
    thumb_side = 256
    # A dropped photo's detector runs once the faces or the picture analyzer's pixels are
    # done, mostly alone: its session keeps every core (``runner.drop_op_threads``).
    drop_tail = True

    def __init__(
        self, models_dir: Path | None = None, *, device: str | None = None, threads: int | None = None
    ) -> None:
        self.detector = ObjectDetector(models_dir, device=device, threads=threads)

    def load(self) -> None:
        """Create the session now (otherwise on first use)."""
        self.detector.load()

    def prepare(self, image) -> np.ndarray:
        """The detector's input for one decoded image (run in the decode thread)."""
        return self.detector.prepare(image.native)

    def early_batch(self, items: list) -> list[Detections]:
        """Detections of each decoded photo: the pixels alone make them (the faces this
        analyzer ``uses`` join them in its facts), so for a dropped photo the runner runs
        the detector while faces run."""
        return self.detector.detect_batch([it.image.native for it in items],
                                          [it.prepared.get(self.name) for it in items])

    def analyze_batch(self, items: list) -> list[Detections]:
        """Detections of each decoded photo (``early_batch``'s, where the runner ran it)."""
        early = early_results(items, self.name)
        return early if early is not None else self.early_batch(items)

    def store(self, db, photo, result: Detections) -> None:
        """``store_batch`` of one photo."""
        self.store_batch(db, [(photo, result)])

    def store_batch(self, db, items: list[tuple[object, Detections]]) -> None:
        """Detections, object tags and search text of many photos (inside a write)."""
        if not items:
            return
        store.save_objects(db, [(photo.id, ObjectDetector.version, encode_detections(det))
                                for photo, det in items])
        refresh_object_tags(db, [photo.id for photo, _ in items], {photo.id: det for photo, det in items})
        store.refresh_search(db, [photo.id for photo, _ in items])

    # --- facts (analysis.facts) -------------------------------------------------------

    def facts(self, results: dict, image) -> PictureFacts:
        """The people layout (couple, group, selfie, reading, who is the subject) of this
        run's detections (as they would be stored: to 4 places, so a dropped photo's evidence
        is the library's to the digit), with this run's faces (and their ages, where face_age
        ran) where the faces analyzer ran, and the face its real-face gate dropped (selfie
        evidence only)."""
        faces = dropped = None
        if results.get("faces") is not None:
            w, h = image.original_size
            ages = [age for _, age in results.get("face_age") or []]
            ages += [None] * (len(results["faces"]) - len(ages))
            faces = [face_box(*(float(v) for v in f.box[:4]), f.score, age, w, h)
                     for f, age in zip(results["faces"], ages, strict=True)]
            d = getattr(results["faces"], "dropped", None)
            # as stored (REAL columns: the float32 box as a double), so the library's is the same
            dropped = None if d is None else face_box(*(float(v) for v in d.box[:4]), float(d.score), None, w, h)
        det = results[self.name]
        det = decode_detections(encode_detections(det)) if det is not None else None
        return PictureFacts(layout_facts(det, faces, dropped))

    def stored_facts(self, db, photo_id: int) -> PictureFacts | None:
        """The same from a library photo's stored detections and faces (None: not detected)."""
        det = detections_of_photos(db, [photo_id])[photo_id]
        if det is None:
            return None
        return PictureFacts(layout_facts(det, faces_from_catalog(db, photo_id),
                                         dropped_faces_of_photos(db, [photo_id])[photo_id]))

    def load_result(self, db, photo) -> Detections | None:
        """The stored detections of a photo analysed before."""
        return detections_of_photos(db, [photo.id])[photo.id]
