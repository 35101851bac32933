"""The "picture" analyzer: one backbone pass per photo on its 224 px crop gives scenes,
objects, features; the hashtag head's probabilities come from the backbone's and the
clothing graph's features of the head's own views (a 288 px crop and the whole photo
letterboxed at 288 px, the two views in one batch of each graph), and (for photos showing
clothes) the garment type (the clothing graph's run on the head's crop, the same run) and
colours.

Plugs into ``analysis.runner``: the library pass and dropped photos (``analyze_image``)
alike; where faces run first it takes them (``uses``). Stored per photo: features (float16) + all facts as JSON in
``photo_features``, tags of kinds scene / object / clothing / colour (source "picture"),
relevance flags, and the refreshed search text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from pose_desktop.analysis.objects import refresh_object_tags
from pose_desktop.analysis.runner import early_results
from pose_desktop.catalog import analysis as runs
from pose_desktop.catalog import store
from pose_desktop.inference.detector import Detections
from pose_desktop.inference.hashtag_head import HashtagHead, side_by_side
from pose_desktop.inference.imagenet import (
    BACKBONE_CROP,
    CentreCrop,
    ClothingModel,
    ImageNetBackbone,
    centre_crop,
    letterbox,
    preprocess_imagenet,
)
from pose_desktop.tagging import relevance
from pose_desktop.tagging.clothing_labels import hat_checked
from pose_desktop.tagging.colours import garment_colours_batch, name_table
from pose_desktop.tagging.hashtag_inputs import object_inputs
from pose_desktop.tagging.objects import decode_detections, encode_detections, head_checked
from pose_desktop.tagging.people_facts import FaceBox, face_box, head_fills_frame, torso_box
from pose_desktop.tagging.scenes import (
    CLOTHING_GATE,
    PictureFacts,
    describe,
    hashtag_facts,
    scene_scores,
    stored_facts,
    wearing_score,
)
from pose_desktop.tagging.similar import FEATURE_MODEL, decode_vector, encode_vector

SOURCE = "picture"
# the rule over the models' outputs that drops the backbone's dog or cat the hashtag head
# contradicts (``tagging.objects.head_checked``); in the version, so libraries analyse
# their photos again; benchmarks/hashtag_photos.py's cache leaves it out of its key (its
# benchmarks apply the check to the head's out-of-fold outputs themselves)
CHECK_VERSION = "hx-2"  # hx-2: the scene too, not only the object
# torso-1: no garment but a hat, and no garment colour, on a head filling the frame
# (``people_facts.head_fills_frame``)
# shoes-2: shoes and hats only where the backbone sees them too
# (``vocab.clothing.ACCESSORY_EVIDENCE``)
# shown-1: a garment only as sure as captions bear out, no top on swimwear, dominant
# colours only (``vocab.clothing.SHOWN``)
CLOTHES_VERSION = "torso-1+shoes-2+shown-1"
TAG_KINDS = ("scene", "object", "clothing", "colour")  # the tag kinds this analyzer gives


@dataclass
class ModelOutputs:
    """What the models said about one photo, before its colours and facts."""

    probs: np.ndarray  # (1000,) ImageNet softmax
    features: np.ndarray  # (1280,) float32
    fine: np.ndarray | None  # clothing model's fine-class probabilities, where clothes are worn
    hashtags: np.ndarray | None = None  # (T,) hashtag head probabilities (HashtagHead.tags order)


@dataclass
class PixelOutputs:
    """What the graphs say of a batch's pixels alone (``PictureAnalyzer.early_batch``),
    before faces and detections join them in the hashtag head; arrays of N photos."""

    probs: np.ndarray  # (N, 1000) ImageNet softmax
    features: np.ndarray  # (N, 1280) the backbone's
    wearing: np.ndarray  # (N,) ``wearing_score``
    fine: np.ndarray  # (N, C) the clothing model's fine-class probabilities, hat checked
    head_features: np.ndarray  # the hashtag head's backbone input (``hashtag_features``)
    head_clothing: np.ndarray  # and its clothing input

    def split(self) -> list[PixelOutputs]:
        """One ``PixelOutputs`` per photo (batches of one, views of these arrays)."""
        arrays = list(vars(self).values())
        return [PixelOutputs(*(a[i : i + 1] for a in arrays)) for i in range(len(self.probs))]

    @staticmethod
    def join(parts: list[PixelOutputs]) -> PixelOutputs:
        """The batch of ``parts`` (``split``'s inverse)."""
        if len(parts) == 1:
            return parts[0]
        return PixelOutputs(*(np.concatenate(a) for a in zip(*(vars(p).values() for p in parts), strict=True)))


class PictureAnalyzer:
    """Backbone + clothing model + colour namer, batched; see the module docstring."""

    name = "picture"
    # obj-1: object tags from the reviewed vocabulary only (vocab/objects.py); obj-2: dog and
    # cat from the summed breeds, at class-specific cuts; CHECK_VERSION: the head's check
    version = f"{ImageNetBackbone.version}+{ClothingModel.version}+col-1+obj-2+{HashtagHead.version}+{CHECK_VERSION}+{CLOTHES_VERSION}"
    depends_on: tuple[str, ...] = ()
    # Faces, where they run first: clothing then counts as worn, and the garment's colours
    # are read below the largest face. Faces and the detector's boxes, where they run first
    # (or are current in the catalog), are the hashtag head's third input
    # (``tagging.hashtag_inputs``).
    uses: tuple[str, ...] = ("faces", "objects")
    # A dropped photo's graph waits on this analyzer's pixel runs (its longest piece, with or
    # without faces) and its head (the last step): its sessions keep every core there
    # (``runner.drop_op_threads``), and its pixel runs start first (``runner._feed_concurrently``).
    drop_lead = True
    # The photo is decoded at 1280 px, the size a dropped photo is decoded at (the faces'),
    # and never read from the catalog's thumbnail (no ``thumb_side``): a library photo and
    # the same file dropped give the models the same pixels, whatever else runs with it
    # (a 12 MP JPEG decodes at a quarter of its size, ~15 ms, in the decode thread). The
    # hashtag head's view (shorter side 329 px) needs more than the 256 px thumbnail:
    # upsampled from it, the head loses its gain (models/MODELS.md, hashtag_head.onnx).
    max_side = 1280

    def __init__(
        self, models_dir: Path | None = None, *, device: str | None = None, threads: int | None = None
    ) -> None:
        self.backbone = ImageNetBackbone(models_dir, device=device, threads=threads)
        self.clothing = ClothingModel(models_dir, device=device, threads=threads)
        # on the CPU, in as many threads as the graphs (tags-8's nine networks: ~20 ms for
        # one photo on one thread, ~10 on two, the same probabilities): a dropped photo's
        # head runs last, once the faces are found, while the other core idles
        self.hashtags = HashtagHead(models_dir, device="cpu", threads=threads)

    def load(self) -> None:
        """Create the sessions and the colour table now (otherwise on first use)."""
        self.backbone.load()
        self.clothing.load()
        self.hashtags.load()
        name_table()

    # --- analysis ---------------------------------------------------------------------

    def prepare(self, image) -> tuple[np.ndarray, np.ndarray | None]:
        """The backbones' input tensors for one decoded image (run in the decode thread):
        ``views``."""
        return self.views(image.native)

    def views(self, image: np.ndarray | Image.Image) -> tuple[np.ndarray, np.ndarray | None]:
        """``(backbone crop, hashtag views)`` of a decoded upright image: the 224 px crop the
        scene and object models take, and the views the hashtag head's features and the
        clothing facts come from, (V, side, side, 3): its crop (``HashtagHead.crop``, the
        clothing facts' view: ``clothing_crop``) and, where it names one, the whole photo
        letterboxed (``HashtagHead.letterbox``); None where the head takes the 224 px crop
        alone."""
        crop, whole = self.hashtags.crop, self.hashtags.letterbox
        x = preprocess_imagenet(image)
        return x, None if crop == BACKBONE_CROP and whole is None else hashtag_views(image, crop, whole)

    def clothing_crop(self, image: np.ndarray | Image.Image) -> np.ndarray:
        """The crop of a decoded upright image the clothing facts come from: the hashtag
        head's crop (``HashtagHead.crop``; the shipped head's is ``imagenet.CLOTHING_CROP``,
        the view the clothing classifiers are trained on), the clothing graph's one run on
        it feeding the head too (``_pixel_models``); where the head takes the 224 px crop
        alone, that crop."""
        return centre_crop(image, self.hashtags.crop)

    def hashtag_features(self, x: np.ndarray, hashtag_x: np.ndarray | None,
                         feats: np.ndarray | None = None, cloth_feats: np.ndarray | None = None,
                         ) -> tuple[np.ndarray, np.ndarray]:
        """The hashtag head's backbone and clothing inputs, (N, 1280 V), (N, 2560 V): those
        of the 224 px crops ``x`` where the head takes that view alone, else of
        ``hashtag_x``, the N photos' V views (N, V, side, side, 3) (``views``; the graphs'
        input sides are free), each graph in one batch, joined by
        ``hashtag_head.side_by_side``. ``feats``: the backbone's features of ``x``,
        ``cloth_feats``: the clothing graph's of the head's views ((N, 2560) of ``x``, or
        (N V, 2560) of the flattened views), when already run."""
        if hashtag_x is None:
            if feats is None:
                feats = self.backbone.predict(x)[1]
            if cloth_feats is None:
                cloth_feats = self.clothing.features(x)
            return feats, cloth_feats
        n, v = hashtag_x.shape[:2]
        flat = hashtag_x.reshape(n * v, *hashtag_x.shape[2:])
        if cloth_feats is None:
            cloth_feats = self.clothing.features(flat)
        return side_by_side(self.backbone.features(flat).reshape(n, v, -1), cloth_feats.reshape(n, v, -1))

    def early_batch(self, items: list) -> list[PixelOutputs]:
        """Runner entry point, the model runs on the pixels alone (every graph run: backbone,
        clothing, the hashtag views'), one ``PixelOutputs`` per item: for a dropped photo
        the runner runs them while faces and the detector run."""
        return self._pixel_models([it.image.native for it in items],
                                  [it.prepared.get(self.name) for it in items]).split()

    def analyze_batch(self, items: list) -> list[ModelOutputs]:
        """Runner entry point, the model runs: ``items[i].image`` is decoded once by the
        runner; the pixels' (``early_batch``, where the runner ran it, else here), then the
        hashtag head with the faces and detections; ``finish_batch`` turns the outputs
        into facts."""
        if not items:
            return []
        early = early_results(items, self.name)
        pixels = (PixelOutputs.join(early) if early is not None else
                  self._pixel_models([it.image.native for it in items],
                                     [it.prepared.get(self.name) for it in items]))
        return self._head(pixels, [_faces(it) for it in items],
                          [_as_stored(it.upstream.get("objects")) for it in items])

    def finish_batch(self, items: list, outputs: list[ModelOutputs]) -> list[PictureFacts]:
        """Runner entry point, the rest (garment colours, facts): in the runner's writer
        thread, while the models run on the next batch."""
        return self._facts([it.image.native for it in items], [_faces(it) for it in items], outputs)

    def _pixel_models(
        self, images: list[np.ndarray | Image.Image],
        tensors: list[tuple[np.ndarray, np.ndarray | None] | None] | None,
    ) -> PixelOutputs:
        """Every graph run on the images' pixels (``tensors``: ``prepare``'s, where made)."""
        tensors = tensors or [None] * len(images)
        views = [t if t is not None else self.views(img) for img, t in zip(images, tensors, strict=True)]
        x = np.stack([v[0] for v in views])
        hashtag_x = None if views[0][1] is None else np.stack([v[1] for v in views])
        probs, feats = self.backbone.predict(x)
        # the clothing graph runs once on every photo, on the hashtag head's views (its
        # crop, and the letterboxed photo where the head takes it; the 224 px crop where
        # it takes that alone): their features feed the head, and the crop's probabilities
        # (view 0, ``clothing_crop``) are the clothing facts
        v = 1 if hashtag_x is None else hashtag_x.shape[1]
        flat = x if hashtag_x is None else hashtag_x.reshape(-1, *hashtag_x.shape[2:])
        fine_all, hat, cloth_feats = self.clothing.predict_all(flat)
        fine_all, hat = fine_all[::v], hat[::v]
        head_feats, head_cloth = self.hashtag_features(x, hashtag_x, feats, cloth_feats)
        return PixelOutputs(probs, feats, np.asarray(wearing_score(scene_scores(probs))),
                            hat_checked(fine_all, hat), head_feats, head_cloth)

    def _head(self, pixels: PixelOutputs, faces: list[list[FaceBox] | None],
              detections: list[Detections | None]) -> list[ModelOutputs]:
        """The hashtag head on the pixels' features, the faces and the detections."""
        objects = np.stack([object_inputs(d, f) for d, f in zip(detections, faces, strict=True)])
        tags = self.hashtags.predict(pixels.head_features, pixels.head_clothing, objects)
        worn = {i for i in range(len(faces)) if pixels.wearing[i] >= CLOTHING_GATE or bool(faces[i])}
        return [ModelOutputs(pixels.probs[i], pixels.features[i].astype(np.float32),
                             pixels.fine[i] if i in worn else None, tags[i])
                for i in range(len(faces))]

    def _facts(
        self, images: list[np.ndarray | Image.Image], faces: list[list[FaceBox] | None],
        outputs: list[ModelOutputs],
    ) -> list[PictureFacts]:
        # a head filling the frame: no clothes but a hat, no garment colour
        # (``people_facts.head_fills_frame``)
        cut = [bool(f) and head_fills_frame(f) for f in faces]
        worn = [i for i, o in enumerate(outputs) if o.fine is not None and not cut[i]]
        # people: the clothes are below the face, not the whole frame
        colours = dict(zip(worn, garment_colours_batch(
            [images[i] for i in worn], [torso_box(faces[i] or []) for i in worn]
        ), strict=True))
        out = []
        for i, o in enumerate(outputs):
            facts = describe(o.probs, o.fine, colours.get(i), people=bool(faces[i]), head_only=cut[i])
            if o.hashtags is not None:
                facts.facts.extend(hashtag_facts(self.hashtags.tags, o.hashtags))
                # the backbone's dog on a photo the head is sure shows a cat goes (and so on)
                facts.facts = head_checked(facts.facts)
            facts.features = o.features
            out.append(facts)
        return out

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
        runs.store_picture_rows(db, FEATURE_MODEL, [
            (photo.id, int(result.features.shape[-1]), encode_vector(result.features), result.to_json())
            for photo, result in items])
        store.replace_tags(db, SOURCE, TAG_KINDS, {
            photo.id: [(f.kind, f.name, round(f.score, 4)) for f in result.tags() if f.kind in TAG_KINDS]
            for photo, result in items
        })
        relevance.judge(db, {photo.id: result for photo, result in items})
        # the detector's tags, checked against these (a dog seen here is no detector cat)
        refresh_object_tags(db, [photo.id for photo, _ in items])
        store.refresh_search(db, [photo.id for photo, _ in items])

    def load_result(self, db, photo) -> PictureFacts | None:
        """The stored facts (with features) of a photo analysed before."""
        return stored_facts(db, photo.id)

    # --- facts (analysis.facts) -------------------------------------------------------

    def facts(self, results: dict, image) -> PictureFacts:
        """Scenes, objects, clothing, colours and the features of this run's result, as
        they would be stored (scores to 4 places, float16 features), so a dropped photo
        is described exactly as the same photo in the library."""
        r = results[self.name]
        return PictureFacts.from_json(r.to_json(), decode_vector(encode_vector(r.features)))

    def stored_facts(self, db, photo_id: int) -> PictureFacts | None:
        """The same, as stored for a library photo (without people facts)."""
        facts = stored_facts(db, photo_id)
        if facts is not None:
            facts.facts = [f for f in facts.facts if f.kind != "face"]
        return facts


def hashtag_views(image: np.ndarray | Image.Image, crop: CentreCrop, whole: int | None) -> np.ndarray:
    """The hashtag head's views of a decoded upright image, (V, side, side, 3) uint8: its
    centre ``crop`` and, where ``whole`` is given, the whole photo letterboxed at that side."""
    return np.stack([centre_crop(image, crop)] + ([letterbox(image, whole)] if whole is not None else []))


def _as_stored(detections: Detections | None) -> Detections | None:
    """Detections as the catalog keeps them (scores and boxes to 4 places): the head's input
    is then the same whether the detector ran in this pass or earlier (read back)."""
    return None if detections is None else decode_detections(encode_detections(detections))


def _faces(item) -> list[FaceBox] | None:
    """The faces found upstream in an item's photo (None when faces did not run)."""
    faces = item.upstream.get("faces")
    if faces is None:
        return None
    w, h = item.image.original_size
    return [face_box(*(float(v) for v in f.box[:4]), f.score, None, w, h) for f in faces]
