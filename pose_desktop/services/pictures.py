"""The pictures service (``Library.pictures``): hashtag suggestions, similar photos,
near-duplicates, relevance flags, and training the personal hashtag model.

Everything returns plain dataclasses. Models load once per library (its context's model
cache) on first use.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from pose_desktop import imagefile
from pose_desktop.analysis import registry
from pose_desktop.analysis.facts import image_facts, photo_facts
from pose_desktop.analysis.runner import analyze_image
from pose_desktop.catalog import dates, store
from pose_desktop.errors import IngestError, ModelError
from pose_desktop.inference.decode import DEFAULT_MAX_SIDE, DecodedImage, decode_image
from pose_desktop.ingest.exif import read_exif
from pose_desktop.ingest.media import unreadable_reason
from pose_desktop.tagging import personal, relevance
from pose_desktop.tagging.scenes import PictureFacts
from pose_desktop.tagging.suggest import Suggestion, suggest
from pose_desktop.vocab import messages, reasons

from .context import LibraryContext, Service
from .photos import PhotoService


@dataclass(frozen=True)
class SuggestionInfo:
    """One suggested hashtag as the UI/CLI shows it."""

    tag: str
    label: str  # "#강아지 (dog)" in English, "#강아지" in Korean
    english: str | None
    score: float
    source: str  # builtin / personal / builtin+personal
    because: str  # the reasons in the library's language ("사진 모델 0.91; 두 사람, ...")
    # the same as data (Reason.to_dict()); not compared: its unrounded measures may differ
    # in the 4th place between a dropped file and its stored analysis, as shown they agree
    reasons: list[dict] = field(default_factory=list, compare=False)


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

    method: str | None  # "blend" / "knn" / "head", None when there was not enough data
    n_photos: int
    n_tags: int
    validation: dict
    seconds: float


def taken_at(path: str | Path) -> str | None:
    """When a photo file was taken, from its EXIF date (ISO text); None without one: the
    file's modification time says when it was copied, not when it was taken (a copy made
    in December is no winter photo)."""
    with open(path, "rb") as f:  # EXIF sits in the header: never read a whole large file
        when = read_exif(f.read(imagefile.HEADER_BUDGET)).taken_at
    return when.isoformat() if when is not None else None


def real_date(db, photo_id: int) -> str | None:
    """When a library photo was taken, where that is a recorded fact (EXIF, the post, the
    user); None for a guess (a folder name, the file's time)."""
    row = store.dated(db, photo_id)
    if row is None or dates.is_guess(row[1]):
        return None
    return row[0]


class PictureService(Service):
    """What the pictures of one library show, and what to tag them with."""

    def __init__(self, context: LibraryContext, photos: PhotoService) -> None:
        super().__init__(context)
        self.photos = photos

    # models ---------------------------------------------------------------------------
    def _fact_analyzers(self, faces: bool = True) -> list:
        """The loaded analyzers that describe a photo (faces and what needs them left out
        when ``faces`` is False), from the library's model cache."""
        names = registry.fact_names()
        if not faces:
            names = [n for n in names if n != "faces" and "faces" not in registry.ANALYZERS[n].depends_on]
        return self.context.models.get(names)

    def _thresholds(self) -> tuple[dict[str, float] | None, dict[str, float] | None]:
        """The hashtag head's thresholds per hashtag: to suggest, and to fill up to a few
        suggestions (None when the picture models are missing)."""
        picture = next((a for a in self._fact_analyzers() if a.name == "picture"), None)
        if picture is None:
            return None, None
        return picture.hashtags.thresholds, picture.hashtags.fill_thresholds

    def load_models(self, faces: bool = True) -> None:
        """Load the models now (the first suggestion is then as fast as the rest)."""
        self._fact_analyzers(faces)

    def image_facts(self, path: str | Path, *, faces: bool = True) -> PictureFacts:
        """What the models see in an image file (in the library or not): the same graph of
        analyzers, decoded the same way, as the library pass (``analysis.runner``)."""
        return self.image_analysis(path, faces=faces)[0]

    def image_analysis(self, path: str | Path, *, faces: bool = True) -> tuple[PictureFacts, dict, DecodedImage]:
        """``image_facts``, every analyzer's raw result behind them ({name: result}: the faces
        found, the detections...) and the decoded image, for tools that keep them (the
        quality benchmark's cache)."""
        analyzers = self._fact_analyzers(faces)
        try:
            image = decode_image(path, max(getattr(a, "max_side", DEFAULT_MAX_SIDE) for a in analyzers))
        except (OSError, IngestError) as exc:  # in words for the user, not Python's
            raise IngestError(messages.issue_text(unreadable_reason(exc), self.lang)) from exc
        results, failed = analyze_image(image, analyzers, str(path))
        if failed:
            name, message = next(iter(failed.items()))
            raise ModelError(f"The {name} analysis failed on {path}: {message}")
        facts = image_facts(analyzers, results, image)
        if facts.features is None:
            why = "; ".join(f"{n}: {m}" for n, m in self.context.models.missing.items())
            raise ModelError(f"The picture models cannot run ({why}).")
        return facts, results, image

    def _personal_model(self, retrain: bool = True):
        writable = not self.catalog.readonly
        if retrain and writable and personal.needs_training(self.catalog.reader()):
            self.train_hashtags()
        return personal.load_model(self.catalog.reader())

    def reason_text(self, data: list[dict], lang: str | None = None) -> str:
        """``SuggestionInfo.reasons`` as one line in ``lang`` (default: the library's), so
        a window shows them again in a language chosen after they were computed."""
        return reasons.text((reasons.Reason.from_dict(d) for d in data), lang or self.lang)

    def _info(self, s: Suggestion) -> SuggestionInfo:
        return SuggestionInfo(s.tag, s.label(self.lang), s.english, round(s.score, 3), s.source,
                              reasons.text(s.because, self.lang), reasons.to_dicts(s.because))

    # suggestions ----------------------------------------------------------------------
    def _suggest(self, facts: PictureFacts, *, taken: str | None, top: int, model,
                 exclude: set[str] | None = None) -> tuple[list[SuggestionInfo], list[str]]:
        thresholds, fill = self._thresholds()
        out = suggest(facts, taken=taken, personal=model, top=top, exclude=exclude,
                      thresholds=thresholds, fill=fill)
        lang = self.lang
        seen = [f"{reasons.fact_name(f.kind, f.name, lang)} {f.score:.2f} ({reasons.text(f.because, lang)})" for f in facts.tags()]
        return [self._info(s) for s in out], seen

    def suggest_files(self, paths: list[str | Path], *, top: int = 10, faces: bool = True) -> list[SuggestResult]:
        """Hashtag suggestions for image files, in the catalog or not (a dropped file): the
        same facts and suggestions as the library gives the same photo once analysed."""
        model = self._personal_model()
        results = []
        for p in paths:
            start = time.perf_counter()
            try:
                facts = self.image_facts(p, faces=faces)
                taken = taken_at(p)
            except IngestError as exc:
                results.append(SuggestResult(str(p), None, [], [], 0.0, str(exc)))
                continue
            except (OSError, ValueError, SyntaxError) as exc:  # the file went while read
                error = messages.issue_text(unreadable_reason(exc), self.lang)
                results.append(SuggestResult(str(p), None, [], [], 0.0, error))
                continue
            sugg, seen = self._suggest(facts, taken=taken, top=top, model=model)
            results.append(SuggestResult(str(p), None, sugg, seen, time.perf_counter() - start))
        return results

    def suggest_for_photo(self, photo_id: int, *, top: int = 10, new_only: bool = True) -> SuggestResult:
        """Suggestions for a library photo from its stored analysis (by default only
        hashtags it lacks); a photo not analysed yet is looked at from its file."""
        db = self.catalog.reader()
        facts = photo_facts(self._fact_analyzers(), db, photo_id)
        if facts is None:
            path = self.photos.original_path(photo_id)
            if path is None:
                return SuggestResult(None, photo_id, [], [], 0.0, "photo not analysed and file missing")
            r = self.suggest_files([path], top=top)[0]
            return SuggestResult(r.path, photo_id, r.suggestions, r.seen, r.seconds, r.error)
        have = store.tag_names(db, [photo_id], "hashtag").get(photo_id, set()) if new_only else None
        sugg, seen = self._suggest(facts, taken=real_date(db, photo_id), top=top,
                                   model=self._personal_model(), exclude=have)
        return SuggestResult(None, photo_id, sugg, seen)

    # personal model -------------------------------------------------------------------
    def train_hashtags(self, method: str = "auto") -> TrainResult:
        """(Re)train the personal hashtag model on the photos the user captioned."""
        start = time.perf_counter()
        x, tags, _ids, shown = personal.captioned_training_set(self.catalog.reader())
        picture = next((a for a in self._fact_analyzers(False) if a.name == "picture"), None)
        model = personal.choose_and_fit(
            x, tags, method=method, shown=shown,
            shown_tags=picture.hashtags.tags if picture is not None else None) if len(tags) else None
        if model is None:
            return TrainResult(None, len(tags), 0, {}, time.perf_counter() - start)
        with self.catalog.write() as db:
            personal.save_model(db, model)
        return TrainResult(model.method, model.meta["n_photos"], len(model.tags),
                           model.meta.get("validation", {}), time.perf_counter() - start)

    # similar photos -------------------------------------------------------------------
    def _feature_index(self):
        return self.context.features.get(self.catalog.reader())

    def _full_vectors(self):
        """Stored full-size features by photo id (re-scores a projected search)."""
        from pose_desktop.tagging.similar import catalog_vectors

        db = self.catalog.reader()
        return lambda ids: catalog_vectors(db, ids)

    def _similar_infos(self, hits) -> list[SimilarInfo]:
        by_id = {s.id: s for s in self.photos.summaries([h.photo_id for h in hits])}
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
            facts = self.image_facts(path, faces=False)
        except IngestError as exc:
            raise IngestError(f"{path}: {exc}") from exc
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
                s = self.photos.summaries([photo_id])
                signatures[photo_id] = similar.thumb_signature(s[0].thumbnail if s else None)
            return signatures[photo_id]

        def same_shot(a: int, b: int) -> bool:
            return similar.thumb_distance(signature(a), signature(b)) <= limit

        return self._feature_index().duplicate_groups(
            threshold or similar.DUPLICATE_THRESHOLD, full=self._full_vectors(), same_shot=same_shot)

    def not_comparable(self) -> int:
        """How many photos the duplicate and similar searches cannot compare yet (not
        analysed: no picture features)."""
        from pose_desktop.catalog.features import photos_without_feature
        from pose_desktop.tagging.similar import FEATURE_MODEL

        return photos_without_feature(self.catalog.reader(), FEATURE_MODEL)

    # relevance flags ------------------------------------------------------------------
    def flags(self, *, include_dismissed: bool = False, refresh: bool = True,
              limit: int | None = None) -> list[FlagInfo]:
        """Photos whose own hashtags the picture does not support, with the reason."""
        if refresh and not self.catalog.readonly:
            with self.catalog.write() as db:
                relevance.refresh_flags(db)
        rows = relevance.list_flags(self.catalog.reader(), include_dismissed, limit)
        paths = {s.id: s.path for s in self.photos.summaries(sorted({r.photo_id for r in rows}))}
        return [FlagInfo(r.photo_id, r.hashtag, r.rule, r.reason, r.status, paths.get(r.photo_id))
                for r in rows]

    def dismiss_flag(self, photo_id: int, hashtag: str | None = None) -> int:
        """Dismiss a photo's flag for ``hashtag`` (or all its flags); returns how many."""
        with self.catalog.write() as db:
            return relevance.dismiss(db, photo_id, hashtag)
