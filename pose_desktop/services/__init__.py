"""The narrow API the GUI and the CLI use. Returns plain dataclasses, never rows.

``Library`` opens one catalog and is a thin facade over its services, each built on one
``LibraryContext`` (the catalog, its thumbnails, the interface language, the model and
feature caches):

- ``lib.photos``: indexing, trees, pages, details, the user's edits, backups, XMP sidecars;
- ``lib.people``: people and face groups, naming and corrections, face crops, photos of X;
- ``lib.pictures``: hashtag suggestions, similar photos, duplicates, relevance flags;
- ``lib.instagram``: Instagram imports, saved logins, posts;
- ``lib.analysis``: the models' pass over the library, where the models run.

Functions here work without opening a library (restoring a backup).
"""

from __future__ import annotations

from pathlib import Path

from pose_desktop.analysis.runner import AnalysisProgress
from pose_desktop.catalog import queries, store
from pose_desktop.catalog.backup import (
    before_restore_path,
    damaged_copy_path,
    newest_good_backup,
    restore_catalog,
    set_damaged_aside,
    verify_catalog_file,
)
from pose_desktop.catalog.db import Catalog
from pose_desktop.catalog.queries import PhotoFilter
from pose_desktop.ingest.indexer import IndexEvent
from pose_desktop.paths import default_catalog_path, thumbnail_dir_for
from pose_desktop.vocab.labels import shown_percent

from .analysis import AnalysisService
from .context import LibraryContext, Service
from .instagram import (
    CancelToken,
    ImportEvent,
    InstagramError,
    InstagramService,
    LoginOptions,
    PostInfo,
)
from .people import FaceInfo, PeopleService, PersonInfo
from .photos import (
    TAG_KIND_ORDER,
    CityNode,
    CountryNode,
    DayNode,
    FileInfo,
    IndexIssue,
    LibraryStats,
    MonthNode,
    PhotoDetail,
    PhotoService,
    PhotoSummary,
    RegionNode,
    TagInfo,
    TagKindNode,
    TagNode,
    YearNode,
    parse_user_date,
    tag_label,
)
from .pictures import (
    FlagInfo,
    PictureService,
    SimilarInfo,
    SuggestionInfo,
    SuggestResult,
    TrainResult,
)

__all__ = [
    "AnalysisProgress", "FaceInfo", "PersonInfo",
    "FlagInfo", "SimilarInfo", "SuggestionInfo", "SuggestResult", "TrainResult",
    "CancelToken", "CityNode", "CountryNode", "RegionNode", "DayNode", "FileInfo", "ImportEvent", "IndexEvent", "IndexIssue", "InstagramError",
    "Library", "LibraryContext", "LibraryStats", "LoginOptions", "MonthNode",
    "PhotoDetail", "PhotoFilter", "PhotoSummary", "PostInfo", "TAG_KIND_ORDER", "TagInfo",
    "TagKindNode", "TagNode", "YearNode", "before_restore_path", "folder_watcher", "damaged_copy_path", "newest_backup", "parse_user_date", "restore_backup", "set_damaged_aside", "shown_percent", "tag_label",
    "verify_backup",
]


class Library(Service):
    """One photo library: a catalog, its thumbnails, and the services over them, all built
    on one ``LibraryContext`` (``catalog``, ``thumbs_dir`` and ``lang`` read it, as in each
    service; ``lang`` may be set here)."""

    def __init__(self, catalog_path: str | Path | None = None, *, lang: str = "en",
                 readonly: bool = False, exclusive: bool = False) -> None:
        catalog = Catalog(catalog_path or default_catalog_path(), readonly=readonly,
                          exclusive=exclusive)
        super().__init__(LibraryContext(catalog, thumbnail_dir_for(catalog.path), lang))
        self.photos = PhotoService(self.context)
        self.people = PeopleService(self.context, self.photos)
        self.pictures = PictureService(self.context, self.photos)
        self.instagram = InstagramService(self.context)
        self.analysis = AnalysisService(self.context)
        if not readonly and queries.places_to_name(catalog.db):
            with catalog.write() as db:  # once, after the places upgrade
                store.name_places_once(db)
        if not readonly and queries.search_to_refresh(catalog.db):
            with catalog.write() as db:  # once, after an upgrade of the search terms
                store.refresh_search_once(db)

    @property
    def readonly(self) -> bool:
        """Whether the library is open read-only (browsing and searching work, changes do not)."""
        return self.catalog.readonly

    @property
    def path(self) -> Path:
        """The catalog file."""
        return self.catalog.path

    @Service.lang.setter
    def lang(self, value: str) -> None:
        self.context.lang = value

    def close(self) -> None:
        """Close the catalog."""
        self.catalog.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def folder_watcher(on_change):
    """A ``FolderWatcher`` (ingest.watch) calling ``on_change(root, path)`` from its own
    thread when a photo under a watched folder is added, changed, moved or deleted."""
    from pose_desktop.ingest.watch import FolderWatcher

    return FolderWatcher(on_change)


def restore_backup(catalog_path: str | Path, backup: str | Path) -> Path | None:
    """Put the backup ``backup`` in place of the catalog (closed); the catalog as it was is
    kept as ``<catalog>.before-restore``, which is returned (None when there was none)."""
    return restore_catalog(Path(catalog_path), Path(backup))


def newest_backup(catalog_path: str | Path) -> Path | None:
    """The newest backup of a catalog that reads as a good catalog, if any."""
    return newest_good_backup(Path(catalog_path))


def verify_backup(path: str | Path) -> int:
    """How many photos a backup file holds; raises ``CatalogError`` when it is no catalog."""
    return verify_catalog_file(Path(path))
