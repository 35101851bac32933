"""The photos service (``Library.photos``): indexing, the date and tag trees, pages of
photos, one photo's details, the user's own edits, previews, backups and XMP sidecars.

Returns plain dataclasses, never rows. Long work (indexing) is a generator of progress
events the caller iterates (the GUI on a worker thread, the CLI with a progress bar);
stopping the iteration cancels it safely.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pose_desktop.catalog import dates, queries, store
from pose_desktop.catalog.backup import default_backup_path
from pose_desktop.catalog.queries import PhotoFilter
from pose_desktop.catalog.xmp import export_xmp
from pose_desktop.errors import BackupDamagedCatalogError, PoseError
from pose_desktop.ingest.exif import parse_offset
from pose_desktop.ingest.indexer import IndexEvent, index_files, index_folder
from pose_desktop.ingest.media import MEDIA_EXTENSIONS, decode_for_display, thumbnail_path
from pose_desktop.ingest.scan import FoundFile, walk_media
from pose_desktop.paths import fs_path
from pose_desktop.vocab import labels, messages
from pose_desktop.vocab.emotion import MOOD_OF
from pose_desktop.vocab.hashtags import clean, extract_hashtags

from .context import Service


def parse_user_date(text: str) -> tuple[datetime, str | None]:
    """'2019-07-14', '2019-07-14 18:03', '2019-07-14T18:03:22+09:00' → (date, UTC offset)."""
    text = text.strip()
    offset = None
    for sep in ("+", "-"):
        head, found, tail = text[10:].rpartition(sep)
        if found and parse_offset(sep + tail):
            text, offset = text[:10] + head, parse_offset(sep + tail)
            break
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not a date: {text!r} (write 2019-07-14 or 2019-07-14 18:03)") from None
    return when.replace(tzinfo=None, microsecond=0), offset


@dataclass(frozen=True)
class PhotoSummary:
    """What a thumbnail grid needs about one photo."""

    id: int
    hash: str
    taken_at: str | None
    media_type: str
    width: int | None
    height: int | None
    thumbnail: Path | None
    path: str | None
    status: str
    date_source: str | None = None

    @property
    def date_label(self) -> str:
        """The date as a thumbnail shows it: '2019-07-14', '2019?' for a folder-name guess,
        '' for an undated photo."""
        return dates.label(self.taken_at, self.date_source)


@dataclass(frozen=True)
class TagInfo:
    """One tag on a photo, with who gave it and how sure it is."""

    kind: str
    name: str
    label: str
    source: str
    score: float | None

    @property
    def percent(self) -> int | None:
        """The score as users see it (whole percent, never 100: ``labels.shown_percent``);
        None for the user's own tags and tags without a score."""
        if self.score is None or self.source == "user":
            return None
        return labels.shown_percent(self.score)


@dataclass(frozen=True)
class FileInfo:
    """A place on disk where the photo was seen."""

    path: str
    status: str
    source: str


@dataclass(frozen=True)
class PhotoDetail:
    """Everything the detail panel and ``pose show`` display."""

    id: int
    hash: str
    media_type: str
    format: str | None
    size: int
    width: int | None
    height: int | None
    orientation: int | None
    taken_at: str | None
    date_source: str | None
    camera: str | None
    gps: tuple[float, float] | None
    caption: str | None
    hashtags: list[str]
    files: list[FileInfo]
    tags: list[TagInfo]
    thumbnail: Path | None
    status: str
    tz_offset: str | None = None  # '+09:00' where the camera recorded it
    place: str | None = None  # 'Jeju City, Jeju, South Korea' / '제주, 제주도, 대한민국' (GPS)
    instagram_locations: list[str] = field(default_factory=list)  # the posts' location names
    duration: float | None = None  # seconds, for a video
    # the picture models: 'ok' (they looked at it: no tag means nothing found), 'error', None
    analysis: str | None = None

    @property
    def date_guessed(self) -> bool:
        """The date is a guess (a folder name) or missing (the file's time only)."""
        return dates.is_guess(self.date_source)

    @property
    def date_label(self) -> str:
        """'2019-07-14 18:03:22 +09:00'; '2019?' for a folder-name guess; '' when undated."""
        if dates.is_guess(self.date_source):
            return dates.label(self.taken_at, self.date_source)
        return " ".join(x for x in ((self.taken_at or "").replace("T", " "), self.tz_offset or "") if x)


@dataclass
class DayNode:
    day: int
    count: int


@dataclass
class MonthNode:
    month: int
    count: int
    days: list[DayNode] = field(default_factory=list)


@dataclass
class YearNode:
    year: int | None
    count: int
    months: list[MonthNode] = field(default_factory=list)


@dataclass
class CityNode:
    place_id: int
    label: str
    count: int
    name_en: str = ""


@dataclass
class RegionNode:
    """A province or state (code ISO 3166-2), or code None: the cities in no known region."""

    code: str | None
    label: str
    count: int
    cities: list[CityNode] = field(default_factory=list)
    name_en: str = ""

    @property
    def is_city(self) -> bool:
        """True when the region is only its one city of the same name (Seoul, Paris, Tokyo)
        or no region is known: trees show the city straight under the country."""
        return self.code is None or (len(self.cities) == 1 and self.cities[0].name_en == self.name_en)


@dataclass
class CountryNode:
    code: str
    label: str
    count: int
    regions: list[RegionNode] = field(default_factory=list)

    @property
    def cities(self) -> list[CityNode]:
        """Every city of the country, most photos first."""
        return sorted((c for r in self.regions for c in r.cities), key=lambda c: (-c.count, c.label))


@dataclass
class TagNode:
    kind: str
    name: str
    label: str
    count: int
    children: list[TagNode] = field(default_factory=list)  # a mood's emotions


@dataclass
class TagKindNode:
    kind: str
    label: str
    count: int
    tags: list[TagNode] = field(default_factory=list)


@dataclass(frozen=True)
class IndexIssue:
    path: str
    severity: str
    reason: str


@dataclass(frozen=True)
class LibraryStats:
    photos: int
    videos: int
    missing: int
    hidden: int
    files: int
    tags: int
    dated_by: dict[str, int]
    errors: int
    warnings: int


def tag_label(kind: str, name: str, lang: str) -> str:
    """Display name of a tag in ``lang`` ('ko' or 'en'), for callers without a library."""
    return labels.tag_label(kind, name, lang)


TAG_KIND_ORDER = labels.KIND_ORDER


class PhotoService(Service):
    """Photos of one library: what is in it, and the user's own edits."""

    # indexing -------------------------------------------------------------------------
    def index_folder(self, folder: str | Path, *, workers: int | None = None) -> Iterator[IndexEvent]:
        """Index ``folder`` recursively; yields progress; stop iterating to cancel. The
        folder becomes one of the library's folders (``library_folders``)."""
        if not self.catalog.readonly and os.path.isdir(folder):
            self.add_library_folder(folder)
        return index_folder(self.catalog, folder, thumbs_dir=self.thumbs_dir, workers=workers)

    # library folders ------------------------------------------------------------------
    def library_folders(self) -> list[str]:
        """The folders this library was built from (indexed by the app or ``pose index``),
        in the order they were added; rescans and folder watching cover them."""
        return list(store.get_meta(self.catalog.reader(), "library_folders", []))

    def add_library_folder(self, folder: str | Path) -> None:
        """Remember ``folder`` (absolute) as a library folder; a folder inside one already
        known is covered by it and not added."""
        folder = os.path.abspath(folder)
        with self.catalog.write() as db:
            folders = list(store.get_meta(db, "library_folders", []))
            if any(folder == f or folder.startswith(f.rstrip(os.sep) + os.sep) for f in folders):
                return
            store.set_meta(db, "library_folders", [*folders, folder])

    def set_library_folders(self, folders: list[str]) -> None:
        """Replace the list of library folders (the photos already indexed stay)."""
        with self.catalog.write() as db:
            store.set_meta(db, "library_folders", list(dict.fromkeys(os.path.abspath(f) for f in folders)))

    # trees ----------------------------------------------------------------------------
    def date_tree(self) -> list[YearNode]:
        """Years → months → days with photo counts, newest first (undated last)."""
        years: list[YearNode] = []
        for year, month, day, n in queries.date_tree(self.catalog.reader()):
            if not years or years[-1].year != year:
                years.append(YearNode(year, 0))
            y = years[-1]
            y.count += n
            if not y.months or y.months[-1].month != month:
                y.months.append(MonthNode(month, 0))
            y.months[-1].count += n
            y.months[-1].days.append(DayNode(day, n))
        years.sort(key=lambda y: (y.year is None, -(y.year or 0)))
        return years

    def tag_tree(self, kinds: tuple[str, ...] | None = None) -> list[TagKindNode]:
        """Tag kinds → tags with photo counts, labelled in the library's language."""
        by_kind: dict[str, TagKindNode] = {}
        for kind, name, n in queries.tag_tree(self.catalog.reader(), kinds):
            node = by_kind.setdefault(kind, TagKindNode(kind, labels.kind_label(kind, self.lang), 0))
            node.tags.append(TagNode(kind, name, labels.tag_label(kind, name, self.lang), n))
            node.count += n
        emotions = by_kind.get("emotion")
        if emotions is not None and "mood" in by_kind:
            # two levels: each mood, then the emotions that fold into it
            for mood in by_kind["mood"].tags:
                mood.children = [t for t in emotions.tags if MOOD_OF.get(t.name) == mood.name]
            del by_kind["emotion"]
        order = {k: i for i, k in enumerate(TAG_KIND_ORDER)}
        return sorted(by_kind.values(), key=lambda k: order.get(k.kind, 99))

    # photos ---------------------------------------------------------------------------
    def _summary(self, row: tuple) -> PhotoSummary:
        pid, h, taken, media, w, hgt, has_thumb, status, path, source = row
        thumb = thumbnail_path(self.thumbs_dir, h) if has_thumb else None
        return PhotoSummary(pid, h, taken, media, w, hgt, thumb, path, status, source)

    def page(self, f: PhotoFilter = PhotoFilter(), limit: int = 200, offset: int = 0) -> list[PhotoSummary]:
        """One page of photos matching ``f``, newest first."""
        return [self._summary(r) for r in queries.photo_page(self.catalog.reader(), f, limit, offset)]

    def count(self, f: PhotoFilter = PhotoFilter()) -> int:
        """How many photos match ``f``."""
        return queries.photo_count(self.catalog.reader(), f)

    def photo_ids(self, f: PhotoFilter = PhotoFilter()) -> list[int]:
        """Ids of every photo matching ``f``, newest first (cheap: ints only)."""
        return queries.photo_ids(self.catalog.reader(), f)

    def summaries(self, ids: list[int]) -> list[PhotoSummary]:
        """Summaries of the given photos, in the given order."""
        if not ids:
            return []
        rows = queries.photo_page(
            self.catalog.reader(), PhotoFilter(photo_ids=tuple(ids), include_missing=True), len(ids)
        )
        by_id = {r[0]: self._summary(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def search(self, text: str, limit: int = 200) -> list[PhotoSummary]:
        """Photos whose caption, hashtags, tags or names match every word of ``text``."""
        return self.page(PhotoFilter(text=text), limit=limit)

    def resolve(self, ref: str) -> int | None:
        """Photo id from an id, a hash (prefix) or a file path."""
        return queries.find_photo(self.catalog.reader(), ref)

    def photo(self, photo_id: int) -> PhotoDetail | None:
        """Everything about one photo."""
        db = self.catalog.reader()
        row = queries.photo_row(db, photo_id)
        if row is None:
            return None
        camera = " ".join(x for x in (row["camera_make"], row["camera_model"]) if x) or None
        gps = (row["gps_lat"], row["gps_lon"]) if row["gps_lat"] is not None else None
        tags, things = [], set()
        for k, n, s, sc in queries.photo_tags(db, photo_id):  # best score first
            if k in labels.THINGS:  # a thing both models saw (the dog) is listed once
                if (k, n) in things:
                    continue
                things.add((k, n))
            tags.append(TagInfo(k, n, labels.tag_label(k, n, self.lang), s, sc))
        thumb = thumbnail_path(self.thumbs_dir, row["hash"]) if row["has_thumb"] else None
        return PhotoDetail(
            row["id"], row["hash"], row["media_type"], row["format"], row["size"], row["width"],
            row["height"], row["orientation"], row["taken_at"], row["date_source"], camera, gps,
            row["caption"], queries.raw_hashtags(row),
            [FileInfo(*f) for f in queries.photo_files(db, photo_id)], tags, thumb, row["status"],
            row.get("tz_offset"), self._place_label(queries.photo_place(db, photo_id)),
            queries.post_locations(db, photo_id), row.get("duration"),
            queries.analysis_state(db, photo_id, "picture"),  # scenes, objects, clothing
        )

    def _place_label(self, names: tuple | None) -> str | None:
        if names is None:
            return None
        ko = self.lang == "ko"
        city, region, country = ((k if ko else None) or e for e, k in zip(names[::2], names[1::2], strict=True))
        return ", ".join(dict.fromkeys(n for n in (city, region, country) if n))

    def place_tree(self) -> list[CountryNode]:
        """Countries → regions → cities with photo counts (in the library's language), most
        photos first."""
        ko = self.lang == "ko"
        countries: dict[str, CountryNode] = {}
        regions: dict[tuple[str, str | None], RegionNode] = {}
        for (code, c_en, c_ko, r_code, r_en, r_ko, pid, city_en, city_ko, n
             ) in queries.place_tree(self.catalog.reader()):
            country = countries.setdefault(code, CountryNode(code, (c_ko if ko else None) or c_en or code, 0))
            region = regions.get((code, r_code))
            if region is None:
                region = regions[code, r_code] = RegionNode(
                    r_code, (r_ko if ko else None) or r_en or "", 0, name_en=r_en or "")
                country.regions.append(region)
            region.cities.append(CityNode(pid, (city_ko if ko else None) or city_en, n, city_en))
            region.count += n
            country.count += n
        for country in countries.values():
            country.regions.sort(key=lambda r: (r.code is None, -r.count, r.label))
        return sorted(countries.values(), key=lambda c: (-c.count, c.label))

    def original_path(self, photo_id: int) -> str | None:
        """A path where the photo's original exists now (for previews, 'show in folder')."""
        for text, raw in store.file_paths(self.catalog.reader(), photo_id):
            path = fs_path(text, raw)
            if os.path.exists(path):
                return path
        return None

    def thumbnail(self, photo_hash: str) -> Path:
        """Where a photo's thumbnail is cached (it may not exist)."""
        return thumbnail_path(self.thumbs_dir, photo_hash)

    def stats(self) -> LibraryStats:
        """Library counts."""
        return LibraryStats(**queries.stats(self.catalog.reader()))

    def issues(self, limit: int | None = None) -> list[IndexIssue]:
        """Files that could not be (fully) indexed, with the reason in the library's
        language."""
        return [IndexIssue(path, severity, messages.issue_text(reason, self.lang))
                for path, severity, reason in queries.issues(self.catalog.reader(), limit)]

    # the user's own edits ---------------------------------------------------------------
    def add_user_tag(self, photo_ids: list[int], name: str) -> None:
        """Tag photos with a tag of the user's own."""
        name = name.strip()
        with self.catalog.write() as db:
            for pid in photo_ids:
                store.add_tag(db, pid, "user", name, "user")
            store.refresh_search(db, photo_ids)

    def keep_hashtags(self, photo_ids: list[int], hashtags: list[str]) -> list[str]:
        """Give photos hashtags the user picked (from the ideas window): kind ``hashtag``,
        source ``user``, so they sit in the hashtag tree, are found by search in Korean and
        English and go to XMP; a caption edited later does not remove them. Returns the
        canonical names kept."""
        with self.catalog.write() as db:
            normalizer = store.hashtag_normalizer(db)
            names = [n for n in dict.fromkeys(normalizer.normalize(h) for h in hashtags) if n]
            for pid in photo_ids:
                for name in names:
                    store.add_tag(db, pid, "hashtag", name, "user")
            store.refresh_search(db, photo_ids)
        return names

    def remove_tag(self, photo_ids: list[int], kind: str, name: str) -> None:
        """Remove a tag from photos (whatever gave it)."""
        with self.catalog.write() as db:
            for pid in photo_ids:
                store.remove_tag(db, pid, kind, name)
            store.refresh_search(db, photo_ids)

    def hide_photos(self, photo_ids: list[int], hidden: bool = True) -> None:
        """Remove photos from the catalog's views (the files are never touched).

        They stay hidden on re-index; ``hidden=False`` brings them back.
        """
        with self.catalog.write() as db:
            store.set_hidden(db, photo_ids, hidden)

    def _reapply_hashtags(self, db, photo_ids: list[int]) -> None:
        normalizer = store.hashtag_normalizer(db)
        for pid in photo_ids:
            store.apply_hashtags(db, pid, store.raw_hashtags(db, pid), normalizer)
        store.refresh_search(db, photo_ids)

    def merge_hashtags(self, variant: str, canonical: str) -> str:
        """Fold hashtag ``variant`` into ``canonical`` everywhere (stored)."""
        with self.catalog.write() as db:
            old = store.hashtag_normalizer(db)
            source, target = old.normalize(variant), old.normalize(canonical)
            if not source or not target or source == target:
                return target
            affected = store.photos_with_tag(db, "hashtag", source)
            store.set_hashtag_merge(db, clean(source), clean(target))
            self._reapply_hashtags(db, affected)
            store.drop_unused_tag(db, "hashtag", source)
        return target

    def hashtag_merges(self) -> dict[str, str]:
        """The user's hashtag merges: variant → canonical."""
        return store.hashtag_merges(self.catalog.reader())

    def set_caption(self, photo_id: int, caption: str) -> None:
        """Set a photo's caption; its hashtags are re-read from it."""
        with self.catalog.write() as db:
            store.set_caption(db, photo_id, caption)
            store.apply_hashtags(db, photo_id, extract_hashtags(caption))
            store.refresh_search(db, [photo_id])

    def set_date(self, photo_ids: list[int], when: datetime, tz_offset: str | None = None) -> None:
        """Set the date of photos by hand (kept over any date indexing finds; written to XMP
        by ``export-xmp``)."""
        with self.catalog.write() as db:
            store.set_dates(db, photo_ids, when, tz_offset)

    # for the desktop app ----------------------------------------------------------------
    def preview_jpeg(self, photo_id: int, max_side: int = 1600) -> bytes | None:
        """A JPEG of the photo, upright and no larger than ``max_side`` (for the detail
        panel: any format we index, HEIC included). Falls back to the thumbnail; None when
        neither the original nor a thumbnail can be read."""
        path = self.original_path(photo_id)
        if path:
            try:
                im = decode_for_display(path, max_side)  # read-only, pixel limits checked
                buf = io.BytesIO()
                im.save(buf, "JPEG", quality=90)
                return buf.getvalue()
            except Exception:  # a damaged original still has its thumbnail
                pass
        photo_hash = store.photo_hash(self.catalog.reader(), photo_id)
        if photo_hash:
            thumb = self.thumbnail(photo_hash)
            if thumb.exists():
                return thumb.read_bytes()
        return None

    def kind_label(self, kind: str) -> str:
        """Display name of a tag kind ('Scenes', '장면') in the library's language."""
        return labels.kind_label(kind, self.lang)

    def index_paths(self, paths: list[str | Path], *, workers: int | None = None) -> Iterator[IndexEvent]:
        """Index the given files and folders (e.g. dropped on the window); yields progress."""
        found: list = []
        for p in paths:
            p = os.path.abspath(os.fspath(p))
            if os.path.isdir(p):
                found.extend(walk_media(p, skip={str(self.thumbs_dir)}))
            elif os.path.splitext(p)[1].lower() in MEDIA_EXTENSIONS and os.path.isfile(p):
                st = os.stat(p)
                found.append(FoundFile(p, st.st_size, st.st_mtime_ns))
        yield from index_files(self.catalog, found, thumbs_dir=self.thumbs_dir, workers=workers)

    # the catalog's care -----------------------------------------------------------------
    def backup(self, dest: str | Path | None = None) -> Path:
        """Write a consistent copy of the catalog to ``dest`` (default: a new file in
        backups/ beside it); returns the file written. A damaged catalog is not copied."""
        if self.catalog.damaged:
            raise BackupDamagedCatalogError(reason=self.catalog.damaged)
        if dest:
            return self.catalog.backup(dest)
        # two backups in one second each keep their own file
        return self.catalog.backup(default_backup_path(self.catalog.path), unique=True)

    def export_xmp(self, f: PhotoFilter = PhotoFilter(), *, naming: str = "digikam",
                   dest: Path | None = None, root: Path | None = None,
                   force: bool = False) -> Iterator[tuple[str, str]]:
        """Write XMP sidecars (keywords, people, dates) of the photos matching ``f``, merged
        into existing ones; yields (photo path, "written" or why it was skipped, in the
        library's language). A ``dest`` that cannot be made stops it at once (one sentence,
        not one line per photo)."""
        if dest is not None:
            try:
                Path(dest).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise PoseError(messages.issue_text(f"cannot write to {dest}: {exc.strerror or exc}",
                                                    self.lang)) from None
        for path, outcome in export_xmp(self.catalog.reader(), self.photo_ids(f), naming=naming,
                                        dest=dest, root=root, force=force):
            yield path, outcome if outcome == "written" else messages.issue_text(outcome, self.lang)
