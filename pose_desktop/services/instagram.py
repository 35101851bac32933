"""The Instagram service of a ``Library`` (``lib.instagram``).

For the GUI's import dialog: each ``import_*`` method returns a generator of
``ImportEvent``\\ s; run it on a worker thread (``ui/workers.py``), show ``ev.phase``,
``ev.message`` and ``ev.done/ev.total``; cancel with ``CancelToken.cancel()`` (from any
thread) or by closing the generator. Failures arrive as ``InstagramError`` /
``ExportError`` (``PoseError``\\ s: show ``str(err)``, it says what to do next;
``InstagramError.kind`` tells which, e.g. ``two_factor`` or ``rate_limited``).

Login for the dialog::

    opts = LoginOptions(username="me",
                        ask_password=lambda user, problem: dialog.ask_password(user, problem),
                        ask_two_factor=lambda user, problem: dialog.ask_code(user, problem))
    events = library.instagram.import_instagram("someprofile", login=opts, cancel=token)

The callbacks run on the worker thread and must block until the user answers (e.g. a
``QMetaObject.invokeMethod`` to the GUI thread + a wait); return None to cancel.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pose_desktop.catalog import posts as post_table
from pose_desktop.errors import IngestError
from pose_desktop.ingest.instagram import (
    SOURCES,
    ExportSource,
    FolderSource,
    PostSource,
    ProfileSource,
    import_source,
    session,
)
from pose_desktop.ingest.instagram.errors import InstagramError
from pose_desktop.ingest.instagram.export import ExportError
from pose_desktop.ingest.instagram.importer import CancelToken, ImportEvent
from pose_desktop.ingest.instagram.session import LoginOptions
from pose_desktop.vocab import messages

from .context import Service


@dataclass(frozen=True)
class PostInfo:
    """One Instagram post and its photos (carousel order)."""

    id: int
    shortcode: str | None
    url: str | None
    owner: str | None
    caption: str | None
    posted_at: str | None
    location: str | None
    likes: int | None
    comments: int | None
    tagged_users: list[str]
    mentions: list[str]
    hashtags: list[str]
    sources: list[str]
    photo_ids: list[int]


__all__ = ["SOURCES", "CancelToken", "ExportSource", "FolderSource", "ImportEvent", "InstagramError",
           "InstagramService", "LoginOptions", "PostInfo", "PostSource", "ProfileSource"]


class InstagramService(Service):
    """Instagram imports and the posts they brought, of one library."""

    # imports ----------------------------------------------------------------------------
    def import_instagram(
        self, profile: str, *, login: LoginOptions | None = None, full: bool = False,
        max_posts: int | None = None, cancel: CancelToken | None = None,
        notify: Callable[[ImportEvent], None] | None = None, workers: int | None = None,
        sleep: bool = True, rate_controller=None,
    ) -> Iterator[ImportEvent]:
        """Download ``profile`` (own or public) and import its posts; resumes where it stopped.

        ``login``: None for anonymous, else ``LoginOptions`` (saved session, browser cookies,
        or username + password/2FA callbacks). ``full``: walk every post again to refresh
        captions and counts (default: stop at the first post imported before). ``notify``:
        receives ``waiting`` events while Instagram's rate limit pauses the download.
        ``sleep`` / ``rate_controller``: instaloader's politeness; keep the defaults.
        """
        return self.import_from(ProfileSource(
            profile, login=login, full=full, max_posts=max_posts, sleep=sleep,
            rate_controller=rate_controller, notify=notify), cancel=cancel, workers=workers)

    def import_instaloader(self, folder: str | Path, *, cancel: CancelToken | None = None,
                           workers: int | None = None) -> Iterator[ImportEvent]:
        """Import a folder instaloader downloaded into (no network)."""
        return self.import_from(FolderSource(folder), cancel=cancel, workers=workers)

    def import_export(self, source: str | Path, *, cancel: CancelToken | None = None,
                      workers: int | None = None) -> Iterator[ImportEvent]:
        """Import Instagram's data export: its ZIP or the unpacked folder (no login)."""
        return self.import_from(ExportSource(source), cancel=cancel, workers=workers)

    @staticmethod
    def sources() -> tuple[type[PostSource], ...]:
        """Every way posts come in (``PostSource`` classes), in the order to offer them."""
        return SOURCES

    def import_from(self, source: PostSource, *, cancel: CancelToken | None = None,
                    workers: int | None = None) -> Iterator[ImportEvent]:
        """Import the posts of any ``PostSource``; yields progress, the last event ``done``.
        An error that stops it says why in the library's language (a wrong file chosen in
        the import dialog reads in Korean in a Korean window)."""
        events = import_source(self.catalog, source, thumbs_dir=self.thumbs_dir, workers=workers,
                               cancel=cancel)
        return _in_language(events, self.lang)

    # sessions ---------------------------------------------------------------------------
    def sessions(self) -> list[str]:
        """Instagram accounts with a saved login session on this computer."""
        return session.saved_sessions()

    def forget_session(self, username: str) -> None:
        """Delete the saved session of ``username``."""
        session.forget_session(username)

    # posts ------------------------------------------------------------------------------
    def _post_infos(self, rows) -> list[PostInfo]:
        db = self.catalog.reader()
        out = []
        for r in rows:
            photos = post_table.post_photo_ids(db, r[0])
            out.append(PostInfo(*r[:9], *(json.loads(x or "[]") for x in r[9:13]), photos))
        return out

    def post(self, post_id: int) -> PostInfo | None:
        """One post by id."""
        row = post_table.post(self.catalog.reader(), post_id)
        infos = self._post_infos([row] if row is not None else [])
        return infos[0] if infos else None

    def posts_of_photo(self, photo_id: int) -> list[PostInfo]:
        """The posts a photo appeared in (usually one)."""
        rows = post_table.posts_of_photo(self.catalog.reader(), photo_id)
        return self._post_infos(rows)

    def posts(self, owner: str | None = None, limit: int = 200, offset: int = 0) -> list[PostInfo]:
        """Posts, newest first (optionally of one account)."""
        rows = post_table.newest_posts(self.catalog.reader(), owner, limit, offset)
        return self._post_infos(rows)


def _in_language(events: Iterator[ImportEvent], lang: str) -> Iterator[ImportEvent]:
    """``events``, with a plain ingest error (a wrong file, no posts in it) re-raised in
    ``lang``; Instagram's own errors (with a ``kind``) keep theirs for the callers that
    lead them with a translated sentence."""
    try:
        yield from events
    except (ExportError, IngestError) as exc:
        text = messages.issue_text(str(exc), lang)
        if type(exc) not in (ExportError, IngestError) or text == str(exc):
            raise
        raise type(exc)(text) from exc

