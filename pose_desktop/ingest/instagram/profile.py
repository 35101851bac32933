"""One-click profile import: download with instaloader's Python API, then index.

Posts are downloaded with instaloader's own ``Instaloader.download_post`` into
``<catalog>.instagram/profiles/<name>/`` (the usual instaloader layout: ``{date}_UTC_N.jpg``,
``.mp4``, ``.txt``, ``.json.xz``), then that folder is imported like any instaloader folder.

Resuming: a small state file remembers which posts are complete. The post iterator is
frozen (instaloader's ``NodeIterator.freeze``) whenever the import stops early, and thawed
next time, so an interrupted import continues at the post it stopped at; posts already
complete are never downloaded again. After a complete run, the next one stops at the first
already-downloaded post past the possibly-pinned ones (like ``--fast-update``) unless
``full=True``, which walks every post again to refresh captions, likes and comments.

Requests go through instaloader's ``RateController``; ours (``PoliteRateController``)
sleeps in cancellable steps, reports waits, and on HTTP 429 stops the import with a plain
message instead of retrying. Pass ``rate_controller`` to replace it (tests use one that
never sleeps).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import instaloader
from instaloader import exceptions as ie
from instaloader.instaloadercontext import InstaloaderContext, RateController

from pose_desktop.catalog.db import Catalog

from .errors import REQUEST_TIMEOUT, InstagramError, RateLimitedAbort, explain
from .folder import FolderSource
from .importer import Cancelled, CancelToken, ImportEvent, managed_root
from .session import LoginOptions, log_in
from .source import PostSource

STATE_FILE = ".pose-import.json"
RESUME_FILE = ".pose-resume.json.xz"
POSSIBLY_PINNED = 3  # pinned posts come first, out of date order
SAVE_EVERY = 10  # posts between saves of the resume state


class PoliteRateController(RateController):
    """instaloader's rate limits, with cancellable sleeps and no silent 429 retries."""

    def __init__(self, context: InstaloaderContext, cancel: CancelToken | None = None,
                 notify: Callable[[float], None] | None = None) -> None:
        super().__init__(context)
        self._cancel = cancel or CancelToken()
        self._notify = notify

    def sleep(self, secs: float) -> None:
        if secs > 5 and self._notify:
            self._notify(secs)
        self._cancel.sleep(secs)

    def handle_429(self, query_type: str) -> None:
        raise RateLimitedAbort(f"429 Too Many Requests ({query_type})")


class NoWaitRateController(PoliteRateController):
    """Counts what instaloader would wait but never sleeps (tests, benchmarks)."""

    waited = 0.0

    def sleep(self, secs: float) -> None:
        NoWaitRateController.waited += secs
        self._cancel.check()


def profile_name(text: str) -> str:
    """The profile name in what the user typed: ``name``, ``@name`` or the profile's URL.

    Raises ``InstagramError`` (not_found) when it cannot be an Instagram username.
    """
    name = text.strip().split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].lstrip("@")
    if not re.fullmatch(r"[A-Za-z0-9._]{1,30}", name):
        raise InstagramError("not_found", f"“{text.strip()}” is not an Instagram profile name "
                                          "(letters, digits, '.' and '_', as in instagram.com/NAME).")
    return name.lower()


def profile_folder(catalog_path: Path, profile: str) -> Path:
    """Managed download folder of one profile."""
    return managed_root(catalog_path) / "profiles" / profile.lower()


def _load_state(folder: Path) -> dict:
    try:
        with open(folder / STATE_FILE, encoding="utf-8") as fh:
            state = json.load(fh)
        if isinstance(state, dict):
            state.setdefault("downloaded", [])
            state.setdefault("complete", False)
            return state
    except (OSError, ValueError):
        pass
    return {"downloaded": [], "complete": False}


def _save_state(folder: Path, state: dict) -> None:
    tmp = folder / (STATE_FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(state, fh)
    os.replace(tmp, folder / STATE_FILE)


def make_loader(folder: Path, *, sleep: bool, rate_controller, cancel: CancelToken,
                notify: Callable[[float], None] | None, warnings: list[str]) -> instaloader.Instaloader:
    """An ``Instaloader`` set up for pose_desktop: quiet, our folder, our rate controller."""
    factory = rate_controller or (lambda ctx: PoliteRateController(ctx, cancel, notify))
    loader = instaloader.Instaloader(
        sleep=sleep, quiet=True, dirname_pattern=str(folder).replace("{", "{{").replace("}", "}}"),
        download_video_thumbnails=True,
        download_geotags=False, download_comments=False, save_metadata=True, compress_json=True,
        max_connection_attempts=2, request_timeout=REQUEST_TIMEOUT, rate_controller=factory,
        resume_prefix=None,
        fatal_status_codes=[401, 403], iphone_support=False,
    )

    def _error(msg, repeat_at_end=True):  # instaloader prints these to stderr; we keep them
        if len(warnings) < 200:
            warnings.append(str(msg))

    loader.context.error = _error
    return loader


class ProfileSource(FolderSource):
    """A profile (yours or a public one), downloaded with instaloader (optional login) into
    ``<catalog>.instagram/<profile>/``, then imported like any instaloader folder.

    ``login``: how to log in (None: anonymously). ``notify``: called (on the import's
    thread) with a ``waiting`` event when Instagram's rate limit makes us pause. When
    Instagram refuses half-way, what was downloaded is imported, then the
    ``InstagramError`` is raised (``deferred``); a cancel stops at once.
    """

    name = "instagram"
    title = "An Instagram profile (download its posts)"
    help = "download an Instagram profile and import its posts"
    target = "profile"
    target_help = "profile name (yours or a public one), or its URL"
    origin = "profile"
    first_phase = "login"

    def __init__(
        self, profile: str, *, login: LoginOptions | None = None, full: bool = False,
        max_posts: int | None = None, sleep: bool = True,
        rate_controller: Callable[[InstaloaderContext], RateController] | None = None,
        notify: Callable[[ImportEvent], None] | None = None,
    ) -> None:
        PostSource.__init__(self, None)
        self.profile = profile_name(profile)
        self.login, self.full, self.max_posts = login, full, max_posts
        self.sleep, self.rate_controller, self.notify = sleep, rate_controller, notify

    def start_message(self) -> str:
        return "Connecting to Instagram"

    def check(self) -> None:
        """Nothing to check before connecting."""

    def plan(self, catalog: Catalog, ev: ImportEvent, cancel: CancelToken) -> Iterator[ImportEvent]:
        folder = profile_folder(catalog.path, self.profile)
        folder.mkdir(parents=True, exist_ok=True)

        def waiting(secs: float) -> None:
            if self.notify:
                wait = f"{secs:.0f} s" if secs < 90 else f"{secs / 60:.0f} min"
                self.notify(ImportEvent("waiting", message=f"Instagram asks us to slow down: waiting "
                                                           f"{wait} (you can cancel; the import resumes later)"))

        loader = make_loader(folder, sleep=self.sleep, rate_controller=self.rate_controller,
                             cancel=cancel, notify=waiting, warnings=ev.notes)
        user = None
        problem: InstagramError | None = None
        try:
            try:
                if self.login is not None:
                    user = log_in(loader, self.login)
                ev.phase, ev.message = "profile", f"Looking up {self.profile}"
                yield ev
                prof = instaloader.Profile.from_username(loader.context, self.profile)
                if prof.is_private and not loader.context.is_logged_in:
                    raise ie.LoginRequiredException(f"profile {self.profile} is private")
            except (Exception, Cancelled) as exc:  # noqa: BLE001 - every failure becomes a sentence
                raise _as_error(exc, self.profile, user) from None
            yield from _download(loader, prof, folder, ev, full=self.full, max_posts=self.max_posts,
                                 cancel=cancel)
        except _Stopped as stop:
            problem = stop.error
        finally:
            loader.close()
        # index whatever is on disk, even after a stop (but not after a cancel: stop means stop)
        if problem is not None and problem.kind == "cancelled":
            raise problem
        self.deferred = problem
        ev.phase, ev.message, ev.done, ev.total = "reading", "Reading downloaded posts", 0, 0
        yield ev
        self.path = str(folder)
        self.read_folder(ev)  # a profile with no posts yet is no error (unlike a wrong folder)


class _Stopped(Exception):
    def __init__(self, error: InstagramError) -> None:
        super().__init__(str(error))
        self.error = error


def _as_error(exc: BaseException, profile: str, user: str | None) -> InstagramError:
    if isinstance(exc, Cancelled):
        return InstagramError("cancelled", "Import cancelled.")
    return explain(exc, profile, logged_in=user is not None)


def _download(loader, prof, folder: Path, ev: ImportEvent, *, full: bool, max_posts: int | None,
              cancel: CancelToken) -> Iterator[ImportEvent]:
    """The download loop; raises ``_Stopped`` on a refusal or a cancel (after saving where it was)."""
    state = _load_state(folder)
    done = set(state["downloaded"])
    was_complete = bool(state["complete"]) and not full
    state["complete"] = False
    try:
        total = prof.mediacount
    except ie.InstaloaderException:
        total = None
    ev.phase, ev.total, ev.done = "downloading", total or 0, 0
    ev.message = f"Downloading {prof.username}"
    try:
        posts = prof.get_posts()
    except (Exception, Cancelled) as exc:  # noqa: BLE001
        raise _Stopped(_as_error(exc, prof.username, loader.context.username)) from None
    resume = folder / RESUME_FILE
    resuming = False
    if resume.exists() and isinstance(posts, instaloader.NodeIterator):
        try:
            posts.thaw(instaloader.load_structure_from_file(loader.context, str(resume)))
            resuming = True
            ev.done = posts.total_index
        except (ie.InstaloaderException, ValueError, OSError, EOFError, TypeError) as exc:
            loader.context.error(f"not resuming: {exc}")
    finished = False
    since_save = 0
    try:
        number = posts.total_index if resuming else 0
        while True:
            cancel.check()
            try:
                post = next(posts)
            except StopIteration:
                break
            except (ie.QueryReturnedNotFoundException, ie.BadResponseException) as exc:
                # one post Instagram cannot give us (deleted meanwhile): note it, go on
                number += 1
                loader.context.error(f"post {number} skipped: {exc}")
                continue
            number += 1
            if max_posts is not None and number > max_posts:
                break
            ev.posts_found = max(ev.posts_found, number)
            if post.shortcode in done and not full:
                if was_complete and not resuming and number > POSSIBLY_PINNED:
                    break  # everything older came in an earlier import (--fast-update)
                ev.posts_skipped += 1
                ev.done = number
                continue
            try:
                while True:
                    try:
                        loader.download_post(post, target=prof.username)
                        break
                    except ie.PostChangedException:
                        continue
            except (ie.QueryReturnedNotFoundException, ie.BadResponseException) as exc:
                loader.context.error(f"post {post.shortcode} skipped: {exc}")
                continue
            done.add(post.shortcode)
            ev.posts_downloaded += 1
            ev.done = number
            ev.path = post.shortcode
            since_save += 1
            if since_save >= SAVE_EVERY:  # even a killed process resumes close to here
                _freeze(posts, resume)
                state["downloaded"] = sorted(done)
                _save_state(folder, state)
                since_save = 0
            yield ev
        finished = True
    except (Exception, Cancelled) as exc:  # noqa: BLE001
        _freeze(posts, resume)
        state["downloaded"] = sorted(done)
        _save_state(folder, state)
        raise _Stopped(_as_error(exc, prof.username, loader.context.username)) from None
    except BaseException:  # generator closed (GUI cancel), Ctrl+C
        _freeze(posts, resume)
        state["downloaded"] = sorted(done)
        _save_state(folder, state)
        raise
    state["downloaded"] = sorted(done)
    state["complete"] = finished and max_posts is None
    _save_state(folder, state)
    if finished and resume.exists():
        resume.unlink()


def _freeze(posts, resume: Path) -> None:
    if isinstance(posts, instaloader.NodeIterator):
        try:
            instaloader.save_structure_to_file(posts.freeze(), str(resume))
        except (OSError, TypeError, ValueError):
            pass
