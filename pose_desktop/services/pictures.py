"""Picture services (mixed into ``services.Library``): hashtag suggestions, similar photos,
near-duplicates, relevance flags, and training the personal hashtag model.

Everything returns plain dataclasses. Models load once per ``Library`` on first use.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps

from pose_desktop import imagefile
from pose_desktop.catalog import store
from pose_desktop.errors import IngestError
from pose_desktop.inference.transforms import fit_within
from pose_desktop.tagging import personal, relevance
from pose_desktop.tagging.suggest import Suggestion, suggest

DROP_SIDE = 800  # longest side a dropped photo is decoded at


@dataclass(frozen=True)
class SuggestionInfo:
    """One suggested hashtag as the UI/CLI shows it."""

    tag: str
    label: str  # "#강아지 (dog)" in English, "#강아지" in Korean
    english: str | None
    score: float
    source: str  # builtin / personal / builtin+personal
    because: str


@dataclass(frozen=True)
class SuggestResult:
    """Suggestions for one image, with what the models saw."""

    path: str | None
    photo_id: int | None
    suggestions: list[SuggestionInfo]
    seen: list[str] = field(default_factory=list)  # "scene dog 0.91 (golden retriever 0.82)"
    seconds: float = 0.0
    error: str | None = None


@dataclass(frozen=True)
class SimilarInfo:
    """A photo like the query one."""

    photo_id: int
    score: float
    path: str | None
    thumbnail: Path | None


@dataclass(frozen=True)
class FlagInfo:
    """A hashtag the photo does not support."""

    photo_id: int
    hashtag: str
    rule: str
    reason: str
    status: str
    path: str | None


@dataclass(frozen=True)
class TrainResult:
    """Outcome of training the personal hashtag model."""

    method: str | None  # "knn" / "head", None when there was not enough data
    n_photos: int
    n_tags: int
    validation: dict
    seconds: float


def _exif_date(img: Image.Image) -> str | None:
    try:
        exif = img.getexif()
        value = exif.get_ifd(0x8769).get(36867) or exif.get(306)
    except Exception:  # unreadable EXIF is common and harmless here
        return None
    if not value:
        return None
    from pose_desktop.ingest.exif import parse_exif_date

    parsed = parse_exif_date(str(value))
    return parsed.isoformat() if parsed else None


def _open_for_models(path: str | Path) -> tuple[Image.Image, str | None]:
    """An image file upright, RGB, at most ``DROP_SIDE`` px, and its EXIF date. The models
    need little: 224 px (backbone), 96 px (colours), 640 px (faces); JPEG DCT scaling
    decodes a 12 MP photo at 1/4 size, ~8x faster. Pixel bombs are refused from the header
    (``imagefile.ImageRefused``, a ValueError) before anything is decoded."""
    with imagefile.open_image(path) as im:
        if im.format == "JPEG":
            im.draft("RGB", fit_within(im.width, im.height, DROP_SIDE))
        imagefile.check_pixels(im)
        taken = _exif_date(im)
        img = ImageOps.exif_transpose(im).convert("RGB")
        img.thumbnail((DROP_SIDE, DROP_SIDE), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return img, taken


class PictureLibrary:
    """Mixin for ``Library``; expects ``self.catalog``, ``self.lang`` and ``summaries``."""

    catalog: object
    lang: str

    # models ---------------------------------------------------------------------------
    def _picture(self):
        lock = self.__dict__.setdefault("_picture_lock", threading.Lock())
        with lock:
            if self.__dict__.get("_picture_analyzer") is None:
                from pose_desktop.tagging.picture import PictureAnalyzer

                self.__dict__["_picture_analyzer"] = PictureAnalyzer()
            return self.__dict__["_picture_analyzer"]

    def _face_detector(self):
        """MTCNN from the people pipeline, or None when its models are not shipped."""
        if "_face_detector_cache" not in self.__dict__:
            try:
                from pose_desktop.inference.face_models import FaceDetector

                det = FaceDetector(min_face=24.0)
                det.load()
            except Exception:  # no face models: suggestions still work without people
                det = None
            self.__dict__["_face_detector_cache"] = det
        return self.__dict__["_face_detector_cache"]

    def _face_age_model(self):
        """The face age model, or None when it is not shipped."""
        if "_face_age_cache" not in self.__dict__:
            try:
                from pose_desktop.inference.face_age import FaceAgeModel

                model = FaceAgeModel()
                model.load()
            except Exception:  # no age model: faces still give selfie/couple
                model = None
            self.__dict__["_face_age_cache"] = model
        return self.__dict__["_face_age_cache"]

    def load_picture_models(self, faces: bool = True) -> None:
        """Load the models now (the first suggestion is then as fast as the rest)."""
        self._picture().load()
        if faces:
            self._face_detector()
            self._face_age_model()

    def _personal_model(self, retrain: bool = True):
        writable = not getattr(self.catalog, "readonly", False)
        if retrain and writable and personal.needs_training(self.catalog.reader()):
            self.train_hashtags()
        return personal.load_model(self.catalog.reader())

    def _info(self, s: Suggestion) -> SuggestionInfo:
        return SuggestionInfo(s.tag, s.label(self.lang), s.english, round(s.score, 3), s.source, s.because)

    # analysis -------------------------------------------------------------------------
    def analyze_pictures(self, *, device: str | None = None, batch_size: int = 16,
                         retry_errors: bool = False):
        """Run only the picture analyzer over photos lacking its current result; yields
        progress (``Library.analyze`` runs every registered analyzer, this one included)."""
        from pose_desktop.analysis.runner import run_analysis
        from pose_desktop.paths import thumbnail_dir_for
        from pose_desktop.tagging.picture import PictureAnalyzer

        yield from run_analysis(self.catalog, [PictureAnalyzer(device=device)],
                                batch_size=batch_size, retry_errors=retry_errors,
                                thumbs_dir=thumbnail_dir_for(self.catalog.path))

    # suggestions ----------------------------------------------------------------------
    def suggest_for_image(self, image: Image.Image, *, taken: str | None = None, top: int = 10,
                          faces: bool = True, model=None) -> tuple[list[SuggestionInfo], list[str]]:
        """Suggestions for an in-memory image (no catalog row needed)."""
        facts = self._picture().facts_for_image(
            image, self._face_detector() if faces else None, self._face_age_model() if faces else None
        )
        model = model if model is not None else self._personal_model()
        out = suggest(facts, taken=taken, personal=model, top=top)
        seen = [f"{f.kind} {f.name} {f.score:.2f} ({f.because})" for f in facts.tags()]
        return [self._info(s) for s in out], seen

    def suggest_files(self, paths: list[str | Path], *, top: int = 10, faces: bool = True) -> list[SuggestResult]:
        """Hashtag suggestions for image files, in the catalog or not (a dropped file)."""
        model = self._personal_model()
        results = []
        for p in paths:
            start = time.perf_counter()
            try:
                img, taken = _open_for_models(p)
                sugg, seen = self.suggest_for_image(img, taken=taken, top=top, faces=faces, model=model)
                results.append(SuggestResult(str(p), None, sugg, seen, time.perf_counter() - start))
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
                results.append(SuggestResult(str(p), None, [], [], 0.0, f"cannot read image: {exc}"))
        return results

    def suggest_for_photo(self, photo_id: int, *, top: int = 10) -> SuggestResult:
        """Suggestions for a library photo from its stored analysis (new hashtags only)."""
        from pose_desktop.tagging.people_facts import face_facts, faces_from_catalog
        from pose_desktop.tagging.picture import stored_facts

        db = self.catalog.reader()
        facts = stored_facts(db, photo_id)
        if facts is None:
            path = self.original_path(photo_id)  # type: ignore[attr-defined]
            if path is None:
                return SuggestResult(None, photo_id, [], [], 0.0, "photo not analysed and file missing")
            r = self.suggest_files([path], top=top)[0]
            return SuggestResult(r.path, photo_id, r.suggestions, r.seen, r.seconds, r.error)
        faces = faces_from_catalog(db, photo_id)
        facts.facts = [f for f in facts.facts if f.kind != "face"] + face_facts(faces or [])
        row = db.execute("SELECT taken_at FROM photos WHERE id = ?", [photo_id]).fetchone()
        have = store.tag_names(db, [photo_id], "hashtag").get(photo_id, set())
        out = suggest(facts, taken=row[0] if row else None, personal=self._personal_model(),
                      top=top, exclude=have)
        seen = [f"{f.kind} {f.name} {f.score:.2f} ({f.because})" for f in facts.tags()]
        return SuggestResult(None, photo_id, [self._info(s) for s in out], seen)

    # personal model -------------------------------------------------------------------
    def train_hashtags(self, method: str = "auto") -> TrainResult:
        """(Re)train the personal hashtag model on the photos the user captioned."""
        start = time.perf_counter()
        x, tags, _ids = personal.captioned_training_set(self.catalog.reader())
        model = personal.choose_and_fit(x, tags, method=method) if len(tags) else None
        if model is None:
            return TrainResult(None, len(tags), 0, {}, time.perf_counter() - start)
        with self.catalog.write() as db:
            personal.save_model(db, model)
        return TrainResult(model.method, model.meta["n_photos"], len(model.tags),
                           model.meta.get("validation", {}), time.perf_counter() - start)

    # similar photos -------------------------------------------------------------------
    def _feature_index(self):
        from pose_desktop.tagging.similar import FeatureIndexCache

        cache = self.__dict__.setdefault("_feature_cache", FeatureIndexCache())
        return cache.get(self.catalog.reader())

    def _full_vectors(self):
        """Stored full-size features by photo id (re-scores a projected search)."""
        from pose_desktop.tagging.similar import catalog_vectors

        db = self.catalog.reader()
        return lambda ids: catalog_vectors(db, ids)

    def _similar_infos(self, hits) -> list[SimilarInfo]:
        by_id = {s.id: s for s in self.summaries([h.photo_id for h in hits])}  # type: ignore[attr-defined]
        return [
            SimilarInfo(h.photo_id, round(h.score, 4), by_id[h.photo_id].path, by_id[h.photo_id].thumbnail)
            for h in hits if h.photo_id in by_id
        ]

    def similar(self, photo_id: int, limit: int = 20) -> list[SimilarInfo]:
        """Photos most like ``photo_id`` ("more like this"), best first."""
        return self._similar_infos(
            self._feature_index().similar_to(photo_id, limit, full=self._full_vectors()))

    def similar_to_file(self, path: str | Path, limit: int = 20) -> list[SimilarInfo]:
        """Library photos most like an image file (which need not be in the library)."""
        try:
            img, _ = _open_for_models(path)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise IngestError(f"Cannot read the image {path}: {exc}") from exc
        facts = self._picture().facts_for_image(img)
        return self._similar_infos(
            self._feature_index().query(facts.features, limit, full=self._full_vectors()))

    def duplicate_groups(self, threshold: float | None = None,
                         thumb_distance: float | None = None) -> list[list[int]]:
        """Groups of copies of one shot (re-saved, resized, trimmed, brightened), largest
        first: feature cosine ≥ ``threshold`` and thumbnails that match
        (``similar.thumb_distance`` ≤ ``thumb_distance``). Different shots of one person
        are not grouped. Defaults: ``similar.DUPLICATE_THRESHOLD`` / ``THUMB_DISTANCE``."""
        from pose_desktop.tagging import similar

        limit = similar.THUMB_DISTANCE if thumb_distance is None else thumb_distance
        signatures: dict[int, object] = {}

        def signature(photo_id: int):
            if photo_id not in signatures:
                s = self.summaries([photo_id])  # type: ignore[attr-defined]
                signatures[photo_id] = similar.thumb_signature(s[0].thumbnail if s else None)
            return signatures[photo_id]

        def same_shot(a: int, b: int) -> bool:
            return similar.thumb_distance(signature(a), signature(b)) <= limit

        return self._feature_index().duplicate_groups(
            threshold or similar.DUPLICATE_THRESHOLD, full=self._full_vectors(), same_shot=same_shot)

    # relevance flags ------------------------------------------------------------------
    def flags(self, *, include_dismissed: bool = False, refresh: bool = True,
              limit: int | None = None) -> list[FlagInfo]:
        """Photos whose own hashtags the picture does not support, with the reason."""
        if refresh and not getattr(self.catalog, "readonly", False):
            from pose_desktop.tagging.picture import refresh_flags

            with self.catalog.write() as db:
                refresh_flags(db)
        rows = relevance.list_flags(self.catalog.reader(), include_dismissed, limit)
        paths = {s.id: s.path for s in self.summaries(sorted({r.photo_id for r in rows}))}  # type: ignore[attr-defined]
        return [FlagInfo(r.photo_id, r.hashtag, r.rule, r.reason, r.status, paths.get(r.photo_id))
                for r in rows]

    def dismiss_flag(self, photo_id: int, hashtag: str | None = None) -> int:
        """Dismiss a photo's flag for ``hashtag`` (or all its flags); returns how many."""
        with self.catalog.write() as db:
            return relevance.dismiss(db, photo_id, hashtag)
