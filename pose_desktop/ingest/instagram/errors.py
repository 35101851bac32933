"""Instagram failures as plain sentences: what happened and what to do next.

instaloader raises a dozen exception types, some only distinguishable by the HTTP status in
their message; ``explain`` folds them (and ``requests``' network errors) into one
``InstagramError`` with a ``kind`` the GUI can switch on.
"""

from __future__ import annotations

import re

import requests
from instaloader import exceptions as ie

from pose_desktop.errors import IngestError

RESUME_HINT = "Nothing is lost: run the import again later and it continues where it stopped."
# Seconds one request to Instagram may stay silent before it counts as failed (instaloader's
# own default is 300 s, so a dead proxy hung an import for five minutes without a word).
REQUEST_TIMEOUT = 8.0


class InstagramError(IngestError):
    """An Instagram import stopped. ``kind`` is one of: not_found, private, login_required,
    bad_credentials, two_factor, checkpoint, unauthorized, forbidden, rate_limited, network,
    unavailable, cancelled, unexpected. ``imported``: posts already imported when it stopped."""

    def __init__(self, kind: str, message: str, *, imported: int = 0) -> None:
        super().__init__(message)
        self.kind = kind
        self.imported = imported


class RateLimitedAbort(ie.AbortDownloadException):
    """Raised by our rate controller on HTTP 429 instead of sleeping and retrying silently.

    It derives from instaloader's ``AbortDownloadException`` so instaloader's own error
    catchers let it through to us.
    """


def _chain(exc: BaseException):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _status(text: str) -> int | None:
    m = re.search(r"\b(400|401|403|404|429|5\d\d)\b(?: [A-Z][A-Za-z ]+| -|\")", text)
    return int(m.group(1)) if m else None


def explain(exc: BaseException, profile: str | None = None, *, logged_in: bool = False) -> InstagramError:
    """The ``InstagramError`` for anything instaloader or the network raised."""
    if isinstance(exc, InstagramError):
        return exc
    who = f"“{profile}”" if profile else "this profile"
    text = " | ".join(str(e) for e in _chain(exc))
    for e in _chain(exc):
        if isinstance(e, requests.exceptions.Timeout) or "timed out" in str(e).lower():
            return InstagramError(
                "network",
                f"Instagram did not answer within {REQUEST_TIMEOUT:.0f} seconds: the network or a "
                "proxy is letting nothing through. Check your connection (and any proxy set in "
                f"HTTPS_PROXY or the system settings), then run the import again. {RESUME_HINT}",
            )
    for e in _chain(exc):
        if isinstance(e, (requests.exceptions.ConnectionError, requests.exceptions.Timeout)):
            return InstagramError(
                "network",
                "Cannot reach Instagram: the network seems to be down (or instagram.com is blocked "
                f"here). Check your internet connection, then run the import again. {RESUME_HINT}",
            )
    if isinstance(exc, RateLimitedAbort) or any(isinstance(e, ie.TooManyRequestsException) for e in _chain(exc)) \
            or _status(text) == 429:
        return InstagramError(
            "rate_limited",
            "Instagram is limiting requests from this computer (429 Too Many Requests), so the "
            "import stopped instead of retrying. Wait at least an hour, don't use other Instagram "
            f"tools meanwhile, then run it again. {RESUME_HINT}",
        )
    if isinstance(exc, ie.ProfileNotExistsException):
        return InstagramError(
            "not_found",
            f"There is no Instagram profile named {who}. Check the spelling (the name after "
            "instagram.com/); if it was renamed, use the new name.",
        )
    if isinstance(exc, ie.PrivateProfileNotFollowedException):
        return InstagramError(
            "private",
            f"{who} is a private profile that your account does not follow. Follow it on Instagram "
            "(and wait until accepted), or import your own data export instead (pose import-export).",
        )
    if isinstance(exc, ie.TwoFactorAuthRequiredException):
        return InstagramError(
            "two_factor",
            "This account uses two-factor authentication and no code was given. Log in again and "
            "enter the code from your authenticator app or SMS when asked.",
        )
    if isinstance(exc, ie.BadCredentialsException):
        if "2FA" in str(exc):
            return InstagramError("two_factor", "The two-factor code was not accepted. Log in again "
                                                "with a fresh code.")
        return InstagramError("bad_credentials", "Instagram did not accept the password. Check it "
                                                 "(it is case-sensitive) and log in again.")
    low = text.lower()
    if "checkpoint" in low or "challenge_required" in low:
        return InstagramError(
            "checkpoint",
            "Instagram wants to confirm it's you (security checkpoint). Open instagram.com in a "
            "browser, log in and follow the steps, then run the import again.",
        )
    if isinstance(exc, ie.LoginRequiredException):
        if "private" in low:
            return InstagramError(
                "private",
                f"{who} is a private profile. Log in (--login YOUR_NAME) with an account that "
                "follows it, or import your own data export instead (pose import-export).",
            )
        return InstagramError(
            "login_required",
            "Instagram wants a logged-in session for this. Log in (--login YOUR_NAME, or a saved "
            "session) and run the import again.",
        )
    if isinstance(exc, ie.LoginException):
        detail = str(exc).removeprefix("Login error: ")
        if "does not exist" in low:
            return InstagramError("bad_credentials", f"Instagram does not know that account ({detail}). "
                                                     "Check the username.")
        return InstagramError("login_required", f"Logging in to Instagram failed ({detail}). Try again "
                                                "later, or log in in a browser first.")
    status = _status(text)
    if "feedback_required" in low:
        return InstagramError(
            "rate_limited",
            "Instagram has temporarily blocked requests from this account (feedback_required). "
            f"Wait a day before importing again, and use Instagram normally meanwhile. {RESUME_HINT}",
        )
    if status == 401 or "redirected to login page" in low:
        return InstagramError(
            "unauthorized",
            "Instagram refused the request (401 Unauthorized): it wants you to log in again, or "
            f"the saved session has expired. Log in again{'' if logged_in else ' (--login YOUR_NAME)'}"
            f" and run the import again. {RESUME_HINT}",
        )
    if status == 403 or isinstance(exc, ie.QueryReturnedForbiddenException):
        return InstagramError(
            "forbidden",
            "Instagram refused access (403 Forbidden). The session may have been flagged or the "
            "profile blocked this account. Log in to instagram.com in a browser to check, wait a "
            f"few hours, then run the import again. {RESUME_HINT}",
        )
    if status is not None and status >= 500:
        return InstagramError(
            "unavailable",
            f"Instagram is having trouble right now ({status} server error). Try again in a while. "
            f"{RESUME_HINT}",
        )
    if isinstance(exc, ie.QueryReturnedNotFoundException) or status == 404:
        return InstagramError("not_found", f"Instagram says {who} or one of its posts no longer exists.")
    detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return InstagramError(
        "unexpected",
        f"Instagram answered in a way pose_desktop does not understand ({detail}). Instagram may "
        f"have changed its site: try again later, or update instaloader. {RESUME_HINT}",
    )
