"""The "picture" analyzer: one backbone pass per photo gives scenes, objects, features,
and (for photos showing clothes) the garment type and colours.

Plugs into ``analysis.runner.run_analysis``; ``facts_for_image`` serves dropped files
that are not in the catalog. Stored per photo: features (float16) + all facts as JSON in
``photo_features``, tags of kinds scene / object / clothing / colour (source "picture"),
relevance flags, and the refreshed search text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from pose_desktop.catalog import store
from pose_desktop.inference.imagenet import (
    RESIZE_SHORT,
    ClothingModel,
    ImageNetBackbone,
    preprocess_imagenet,
)
from pose_desktop.tagging import relevance
from pose_desktop.tagging.clothing_labels import hat_checked
from pose_desktop.tagging.colours import garment_colours_batch, name_table
from pose_desktop.tagging.people_facts import FaceBox, face_facts, faces_of_photos, torso_box
from pose_desktop.tagging.scenes import (
    CLOTHING_GATE,
    PictureFacts,
    describe,
    scene_scores,
    wearing_score,
)
from pose_desktop.tagging.similar import FEATURE_MODEL, encode_vector

SOURCE = "picture"
TAG_KINDS = ("scene", "object", "clothing", "colour")  # the tag kinds this analyzer gives
DROP_FACE_SIDE = 480
DROP_MIN_FACE = 28.0


@dataclass
class ModelOutputs:
    """What the models said about one photo, before its colours and facts."""

    probs: np.ndarray  # (1000,) ImageNet softmax
    features: np.ndarray  # (1280,) float32
    fine: np.ndarray | None  # clothing model's fine-class probabilities, where clothes are worn


class PictureAnalyzer:
    """Backbone + clothing model + colour namer, batched; see the module docstring."""

    name = "picture"
    # obj-1: object tags from the reviewed vocabulary only (vocab/objects.py)
    version = f"{ImageNetBackbone.version}+{ClothingModel.version}+col-1+obj-1"
    depends_on: tuple[str, ...] = ()
    # The backbone takes the shorter side at 256 px: 768 px keeps that up to 3:1 panoramas,
    # and lets a picture-only run decode a 12 MP JPEG at a quarter of its size.
    max_side = 768
    # ... and where the catalog's thumbnail (shorter side 256 px) is that large, it serves
    # instead of the original: the backbone's input without decoding a large photo.
    thumb_side = RESIZE_SHORT

    def __init__(
        self, models_dir: Path | None = None, *, device: str | None = None, threads: int | None = None
    ) -> None:
        self.backbone = ImageNetBackbone(models_dir, device=device, threads=threads)
        self.clothing = ClothingModel(models_dir, device=device, threads=threads)

    def load(self) -> None:
        """Create both sessions and the colour table now (otherwise on first use)."""
        self.backbone.load()
        self.clothing.load()
        name_table()

    # --- analysis ---------------------------------------------------------------------

    def prepare(self, image) -> np.ndarray:
        """The backbone's input tensor for one decoded image (run in the decode thread)."""
        return preprocess_imagenet(image.native)

    def analyze_pixels(
        self, images: list[np.ndarray | Image.Image], faces: list[list[FaceBox] | None] | None = None,
        tensors: list[np.ndarray | None] | None = None,
    ) -> list[PictureFacts]:
        """Facts for decoded upright images, RGB uint8 arrays or PIL images (one backbone
        batch, clothing where worn).

        ``tensors``: backbone inputs already made by ``prepare`` (None where missing).
        """
        faces = faces or [None] * len(images)
        return self._facts(images, faces, self._run_models(images, faces, tensors))

    def analyze_batch(self, items: list) -> list[ModelOutputs]:
        """Runner entry point, the model runs: ``items[i].image`` is decoded once by the
        runner; ``finish_batch`` turns the outputs into facts."""
        return self._run_models([it.image.native for it in items], [None] * len(items),
                                [it.prepared.get(self.name) for it in items])

    def finish_batch(self, items: list, outputs: list[ModelOutputs]) -> list[PictureFacts]:
        """Runner entry point, the rest (garment colours, facts): in the runner's writer
        thread, while the models run on the next batch."""
        return self._facts([it.image.native for it in items], [None] * len(items), outputs)

    def _run_models(
        self, images: list[np.ndarray | Image.Image], faces: list[list[FaceBox] | None],
        tensors: list[np.ndarray | None] | None,
    ) -> list[ModelOutputs]:
        if not images:
            return []
        tensors = tensors or [None] * len(images)
        x = np.stack([t if t is not None else preprocess_imagenet(img)
                      for img, t in zip(images, tensors, strict=True)])
        probs, feats = self.backbone.predict(x)
        scores = scene_scores(probs)
        wearing = wearing_score(scores)
        worn = [i for i in range(len(images)) if wearing[i] >= CLOTHING_GATE or bool(faces[i])]
        fine: dict[int, np.ndarray] = {}
        if worn:
            fine_probs = hat_checked(*self.clothing.predict(x[worn]))
            fine = {i: fine_probs[k] for k, i in enumerate(worn)}
        return [ModelOutputs(probs[i], feats[i].astype(np.float32), fine.get(i))
                for i in range(len(images))]

    def _facts(
        self, images: list[np.ndarray | Image.Image], faces: list[list[FaceBox] | None],
        outputs: list[ModelOutputs],
    ) -> list[PictureFacts]:
        worn = [i for i, o in enumerate(outputs) if o.fine is not None]
        # people: the clothes are below the face, not the whole frame
        colours = dict(zip(worn, garment_colours_batch(
            [images[i] for i in worn], [torso_box(faces[i] or []) for i in worn]
        ), strict=True))
        out = []
        for i, o in enumerate(outputs):
            facts = describe(o.probs, o.fine, colours.get(i), people=bool(faces[i]))
            if faces[i]:
                facts.facts.extend(face_facts(faces[i]))
            facts.features = o.features
            out.append(facts)
        return out

    def facts_for_image(
        self, image: Image.Image | np.ndarray, detector=None, age_model=None
    ) -> PictureFacts:
        """Facts for one image outside the catalog (a dropped file); faces if ``detector``,
        their ages if ``age_model`` (``inference.face_age.FaceAgeModel``)."""
        arr = np.asarray(image.convert("RGB")) if isinstance(image, Image.Image) else image
        faces = None
        if detector is not None:
            h, w = arr.shape[:2]
            # Faces of at least ~6 % of the long side in a 480 px copy: all selfie/couple
            # need, at a third of the cost of a full-size search.
            scale = min(1.0, DROP_FACE_SIDE / max(h, w))
            small = arr if scale == 1.0 else np.asarray(
                Image.fromarray(arr).resize((round(w * scale), round(h * scale)), Image.BILINEAR)
            )
            found = detector.detect(small, min_face=DROP_MIN_FACE)
            sh, sw = small.shape[:2]
            ages = [None] * len(found)
            if age_model is not None and found:
                ages = age_model.ages(small, [d.box for d in found]).tolist()
            faces = [
                FaceBox(
                    float((d.box[2] - d.box[0]) * (d.box[3] - d.box[1])) / (sw * sh), d.score,
                    age=age,
                    box=(float(d.box[0]) / sw, float(d.box[1]) / sh, float(d.box[2]) / sw,
                         float(d.box[3]) / sh),
                )
                for d, age in zip(found, ages, strict=True)
            ]
        return self.analyze_pixels([arr], [faces])[0]

    # --- storage ----------------------------------------------------------------------

    def store(self, db, photo, result: PictureFacts) -> None:
        """``store_batch`` of one photo."""
        self.store_batch(db, [(photo, result)])

    def store_batch(self, db, items: list[tuple[object, PictureFacts]]) -> None:
        """Save features, facts, tags, flags and search text of many photos, in a few
        statements (inside ``Catalog.write()``).

        Face facts are not stored with the picture facts: faces and their ages come from
        other analyzers and are read from the catalog whenever they are needed.
        """
        if not items:
            return
        db.conn.executemany(
            "INSERT OR REPLACE INTO photo_features (photo_id, model, dim, vector, facts) "
            "VALUES (?, ?, ?, ?, ?)",
            [(photo.id, FEATURE_MODEL, int(result.features.shape[-1]),
              encode_vector(result.features), result.to_json()) for photo, result in items],
        )
        store.replace_tags(db, SOURCE, TAG_KINDS, {
            photo.id: [(f.kind, f.name, round(f.score, 4)) for f in result.tags() if f.kind in TAG_KINDS]
            for photo, result in items
        })
        judge(db, {photo.id: result for photo, result in items})
        store.refresh_search(db, [photo.id for photo, _ in items])

    def load_result(self, db, photo) -> PictureFacts | None:
        """The stored facts (with features) of a photo analysed before."""
        return stored_facts(db, photo.id)


def stored_facts(db, photo_id: int) -> PictureFacts | None:
    """Facts + features stored for a photo by the picture analyzer (None if not analysed)."""
    row = db.execute(
        "SELECT vector, facts FROM photo_features WHERE photo_id = ? AND model = ?",
        [photo_id, FEATURE_MODEL],
    ).fetchone()
    if row is None:
        return None
    from pose_desktop.tagging.similar import decode_vector

    return PictureFacts.from_json(row[1], decode_vector(row[0]))


def judge(db, facts_by_photo: dict[int, PictureFacts]) -> None:
    """Relevance flags of photos from their facts, stored faces and current hashtags
    (inside ``Catalog.write()``)."""
    ids = list(facts_by_photo)
    hashtags = store.tag_names(db, ids, "hashtag")
    faces = faces_of_photos(db, ids)
    flags = {}
    for pid, facts in facts_by_photo.items():
        seen = PictureFacts([f for f in facts.facts if f.kind != "face"] + face_facts(faces[pid] or []))
        flags[pid] = relevance.evaluate(pid, hashtags.get(pid, set()), seen, faces[pid] is not None)
    relevance.store_flags_many(db, flags)


def refresh_flags(db, photo_ids: list[int] | None = None) -> int:
    """Re-evaluate relevance flags from stored facts, faces and current hashtags.

    Only photos carrying a hashtag some rule judges are looked at. Returns how many
    photos were evaluated. Call inside ``Catalog.write()``.
    """
    marks = ",".join("?" * len(relevance.RULE_BY_TAG))
    ids = [
        r[0] for r in db.execute(
            "SELECT DISTINCT pt.photo_id FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id "
            f"WHERE t.kind = 'hashtag' AND t.name IN ({marks})",
            list(relevance.RULE_BY_TAG),
        ).fetchall()
    ]
    if photo_ids is not None:
        wanted = set(photo_ids)
        ids = [i for i in ids if i in wanted]
    n = 0
    for chunk in store.chunks(ids):
        facts = {pid: f for pid in chunk if (f := stored_facts(db, pid)) is not None}
        judge(db, facts)
        n += len(facts)
    return n
