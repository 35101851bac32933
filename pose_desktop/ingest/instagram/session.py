"""Logging in to Instagram: saved sessions, browser cookies, or password + two-factor code.

Sessions are instaloader session files (pickled cookies, the same format instaloader's CLI
writes) kept in ``config_dir()/instagram/`` with owner-only permissions (folder 0700, file
0600) from the moment they are created. Passwords are only passed to instaloader's login
call: never stored, logged, or put in an event or message.
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import instaloader
from instaloader import exceptions as ie

from pose_desktop.paths import config_dir

from .errors import InstagramError

# ask_password(username, problem or None) -> password, or None to give up
PasswordPrompt = Callable[[str, "str | None"], "str | None"]
# ask_two_factor(username, problem or None) -> code, or None to give up
TwoFactorPrompt = Callable[[str, "str | None"], "str | None"]

MAX_ATTEMPTS = 3
_USERNAME_RE = re.compile(r"^[A-Za-z0-9._]{1,30}$")
_TEST_LOGIN_QUERY = "d6f4427fbe92d846298cf93df0b937d3"  # instaloader's test_login query


@dataclass
class LoginOptions:
    """How to log in for a profile import (all optional: public profiles need no login).

    ``username``: the account to log in as. ``session_file``: an instaloader session file to
    use (else the one saved by pose_desktop, else instaloader's default one). ``browser``:
    take the session cookies from this browser (needs the ``browser_cookie3`` package).
    ``ask_password`` / ``ask_two_factor``: callbacks (called on the import's thread; the GUI
    blocks on a dialog) used when no saved session works. ``save_session``: keep the new
    session for next time.
    """

    username: str | None = None
    session_file: str | None = None
    browser: str | None = None
    ask_password: PasswordPrompt | None = None
    ask_two_factor: TwoFactorPrompt | None = None
    save_session: bool = True


def sessions_dir() -> Path:
    """Folder of saved Instagram sessions (created 0700)."""
    path = config_dir() / "instagram"
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def session_path(username: str) -> Path:
    """Where the session of ``username`` is saved."""
    return sessions_dir() / f"session-{username.lower()}"


def saved_sessions() -> list[str]:
    """Usernames with a saved session."""
    return sorted(p.name.removeprefix("session-") for p in sessions_dir().glob("session-*"))


def forget_session(username: str) -> None:
    """Delete a saved session (log out on this computer)."""
    session_path(username).unlink(missing_ok=True)


def write_session(loader: instaloader.Instaloader, username: str) -> Path:
    """Save the logged-in session, created with 0600 (never readable by others, not even briefly)."""
    path = session_path(username)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(loader.save_session(), fh)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    return path


def logged_in_as(loader: instaloader.Instaloader) -> str | None:
    """The username Instagram says the session belongs to (None: not logged in).

    Unlike ``Instaloader.test_login`` this lets network errors through, so "network down" is
    not mistaken for "session expired".
    """
    data = loader.context.graphql_query(_TEST_LOGIN_QUERY, {})
    user = (data.get("data") or {}).get("user")
    return user.get("username") if isinstance(user, dict) else None


def _candidate_files(opts: LoginOptions) -> list[str]:
    if opts.session_file:
        return [opts.session_file]
    if not opts.username:
        return []
    return [str(session_path(opts.username)),
            instaloader.instaloader.get_default_session_filename(opts.username)]


def _from_browser(loader: instaloader.Instaloader, browser: str) -> str:
    try:
        from instaloader.__main__ import bc3_library, get_cookies_from_instagram
    except ImportError:  # pragma: no cover - part of instaloader
        bc3_library = False
    if not bc3_library:
        raise InstagramError("login_required", "Reading browser cookies needs the browser_cookie3 "
                                               "package (pip install browser_cookie3); or log in "
                                               "with your username instead.")
    cookies = get_cookies_from_instagram("instagram", browser.lower())
    loader.context.update_cookies(cookies)
    user = logged_in_as(loader)
    if not user:
        raise InstagramError("login_required", f"{browser} has no logged-in Instagram session. Log in "
                                               "to instagram.com in that browser first.")
    loader.context.username = user
    return user


def _password_login(loader: instaloader.Instaloader, opts: LoginOptions, username: str) -> None:
    if opts.ask_password is None:
        raise InstagramError(
            "login_required",
            f"No saved Instagram session for {username}, and no way to ask for the password here. "
            f"Log in once interactively (pose import-instagram PROFILE --login {username}).",
        )
    problem = None
    for _ in range(MAX_ATTEMPTS):
        password = opts.ask_password(username, problem)
        if not password:
            raise InstagramError("cancelled", "Login cancelled.")
        try:
            loader.login(username, password)
            return
        except ie.TwoFactorAuthRequiredException:
            _two_factor(loader, opts, username)
            return
        except ie.BadCredentialsException:
            problem = "Instagram did not accept that password."
        finally:
            password = None  # noqa: F841 - drop our reference at once
    raise InstagramError("bad_credentials", f"Instagram did not accept the password for {username} "
                                            f"({MAX_ATTEMPTS} tries). Check it and log in again.")


def _two_factor(loader: instaloader.Instaloader, opts: LoginOptions, username: str) -> None:
    if opts.ask_two_factor is None:
        raise InstagramError("two_factor", "This account uses two-factor authentication; log in "
                                           "where a code can be entered (the app, or pose in a terminal).")
    problem = None
    for _ in range(MAX_ATTEMPTS):
        code = opts.ask_two_factor(username, problem)
        if not code:
            raise InstagramError("cancelled", "Login cancelled.")
        try:
            loader.two_factor_login(code.strip().replace(" ", ""))
            return
        except ie.BadCredentialsException:
            problem = "That code was not accepted; enter the newest one."
    raise InstagramError("two_factor", f"Instagram did not accept the two-factor codes ({MAX_ATTEMPTS} tries). "
                                       "Log in again with a fresh code.")


def log_in(loader: instaloader.Instaloader, opts: LoginOptions) -> str | None:
    """Log ``loader`` in as ``opts`` asks; returns the username, or None for anonymous.

    Raises ``InstagramError`` (or instaloader/requests errors for ``errors.explain``).
    """
    if opts.browser:
        user = _from_browser(loader, opts.browser)
        if opts.save_session:
            write_session(loader, user)
        return user
    if opts.username and not _USERNAME_RE.match(opts.username):
        raise InstagramError("bad_credentials", f"“{opts.username}” is not an Instagram username "
                                                "(letters, digits, '.' and '_' only).")
    for path in _candidate_files(opts):
        if not os.path.isfile(path):
            if opts.session_file:
                raise InstagramError("login_required", f"The session file {path} does not exist.")
            continue
        try:
            loader.load_session_from_file(opts.username or "", path)
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError) as exc:
            if opts.session_file:
                raise InstagramError("login_required", f"{path} is not an instaloader session file ({exc}).") from exc
            continue
        user = logged_in_as(loader)
        if user and (not opts.username or user.lower() == opts.username.lower()):
            loader.context.username = user
            if opts.save_session and opts.session_file:
                write_session(loader, user)  # keep a private copy for next time
            return user
        loader.context.username = None  # expired: fall back to the password
    if not opts.username:
        if opts.session_file:
            raise InstagramError("login_required", f"The session in {opts.session_file} has expired. "
                                                   "Log in again with --login YOUR_NAME.")
        return None
    _password_login(loader, opts, opts.username)
    if opts.save_session:
        write_session(loader, opts.username)
    return opts.username
