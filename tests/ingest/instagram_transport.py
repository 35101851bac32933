"""A fake Instagram below instaloader: a ``requests`` transport adapter with recorded responses.

Every ``requests.Session`` instaloader creates (it makes many: anonymous, copies, login)
mounts ``RecordedInstagram`` instead of the real ``HTTPAdapter``, so instaloader's real
classes run unchanged — URL building, headers, cookies, JSON parsing, retries, the rate
controller — and only the bytes on the wire are ours. Responses are the recorded files in
``fixtures/instagram/``; media bytes are generated JPEGs/MP4s.
"""

from __future__ import annotations

import io
import json
import re
from http.client import HTTPMessage
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from .instagram_data import jpeg_bytes, mp4_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "instagram"
REASONS = {200: "OK", 302: "Found", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           429: "Too Many Requests", 500: "Internal Server Error"}
COOKIE = "Domain=.instagram.com; Path=/; Secure"


class _Original:
    """What ``requests`` reads cookies from (``http.client.HTTPResponse.msg``)."""

    def __init__(self, msg: HTTPMessage) -> None:
        self.msg = msg

    def isclosed(self) -> bool:
        return True

    def close(self) -> None:
        pass


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class RecordedInstagram(HTTPAdapter):
    """Answers Instagram's endpoints from recorded files.

    ``fail``: key → status code, (status, JSON body), exception, or a callable giving one, to
    answer instead (keys: ``page:<name>``,
    ``doc:<doc_id>``, ``post:<shortcode>``, ``media:<file stem>``, ``login``, ``graphql``).
    ``log``: every request as (method, url, body text).
    """

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, str, str]] = []
        self.fail: dict[str, object] = {}
        self.pages = {"tester": "profile_tester.html", "secret": "profile_secret.html"}
        self.two_factor = False
        self.wrong_password = False
        self.logged_in_user = "me"

    # plumbing ---------------------------------------------------------------------------
    def close(self) -> None:  # shared by every session; nothing to release
        pass

    def _respond(self, request, status: int, body: bytes, content_type: str,
                 cookies: list[str] = (), headers: dict | None = None):
        msg = HTTPMessage()
        msg["Content-Type"] = content_type
        for c in cookies:
            msg["Set-Cookie"] = c
        hdrs = {"Content-Type": content_type, "Content-Length": str(len(body))}
        hdrs.update(headers or {})
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(body), headers=list(hdrs.items()) + [("Set-Cookie", c) for c in cookies],
            status=status, reason=REASONS.get(status, "Unknown"), preload_content=False,
            decode_content=False, original_response=_Original(msg),
        )
        return self.build_response(request, raw)

    def _json(self, request, name_or_obj, status: int = 200, cookies=()):
        body = fixture(name_or_obj) if isinstance(name_or_obj, str) else json.dumps(name_or_obj).encode()
        return self._respond(request, status, body, "application/json; charset=utf-8", cookies)

    def _failure(self, request, key: str):
        value = self.fail.get(key)
        if callable(value) and not isinstance(value, BaseException):
            value = value()
        if value is None:
            return None
        if isinstance(value, BaseException):
            raise value
        if isinstance(value, tuple):  # (status, JSON body) or (302, {"location": ...})
            status, body = value
            if status in (301, 302):
                return self._respond(request, status, b"", "text/html", headers={"Location": body["location"]})
            return self._json(request, body, status=status)
        name = {429: "error_429.json", 401: "error_401.json", 400: "error_checkpoint.json"}.get(value)
        return self._json(request, name or {"status": "fail"}, status=value)

    # Instagram --------------------------------------------------------------------------
    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        body = request.body.decode() if isinstance(request.body, bytes) else (request.body or "")
        self.log.append((request.method, request.url, body))
        parts = urlsplit(request.url)
        host, path = parts.hostname, parts.path
        if host.endswith("cdninstagram.com"):
            stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            failed = self._failure(request, f"media:{stem}")
            if failed is not None:
                return failed
            if path.endswith(".mp4"):
                return self._respond(request, 200, mp4_bytes(sum(map(ord, stem))), "video/mp4")
            return self._respond(request, 200, jpeg_bytes(sum(map(ord, stem)) * 7), "image/jpeg")
        if host != "www.instagram.com":
            raise requests.exceptions.ConnectionError(f"unexpected host {host}")
        if request.method == "GET" and path == "/":
            return self._respond(request, 200, fixture("start_page.html"), "text/html; charset=utf-8",
                                 cookies=[f"csrftoken=CSRFtok123; {COOKIE}", f"mid=ZmID; {COOKIE}"])
        m = re.fullmatch(r"/([A-Za-z0-9._]+)/", path)
        if request.method == "GET" and m:
            name = m.group(1)
            failed = self._failure(request, f"page:{name}")
            if failed is not None:
                return failed
            if name not in self.pages:
                return self._respond(request, 404, b"<html>Page Not Found</html>", "text/html")
            return self._respond(request, 200, fixture(self.pages[name]), "text/html; charset=utf-8")
        if request.method == "GET" and path == "/graphql/query":
            q = parse_qs(parts.query)
            failed = self._failure(request, "graphql")
            if failed is not None:
                return failed
            if q.get("query_hash") == ["d6f4427fbe92d846298cf93df0b937d3"]:
                session = request.headers.get("Cookie", "")
                ok = "sessionid=SESSION" in session
                return self._json(request, "test_login_me.json" if ok else "test_login_expired.json")
        if request.method == "POST" and path in ("/api/graphql", "/graphql/query"):
            form = {k: v[0] for k, v in parse_qs(body).items()}
            doc = form.get("doc_id")
            variables = json.loads(form.get("variables", "{}"))
            failed = self._failure(request, f"doc:{doc}")
            if failed is not None:
                return failed
            if doc == "27128499623469141":  # a post's metadata (PolarisPostRootQuery)
                code = variables.get("shortcode")
                failed = self._failure(request, f"post:{code}")
                if failed is not None:
                    return failed
                if (FIXTURES / f"web_info_{code}.json").exists():
                    return self._json(request, f"web_info_{code}.json")
                return self._json(request, {"data": {"xdt_api__v1__media__shortcode__web_info": {"items": []}}})
            if doc == "28904005159232689":  # logged-out profile timeline, next page
                return self._json(request, f"timeline_tester_after_{variables.get('after')}.json")
            if doc == "27937681195819736":  # logged-in profile query
                name = {"5550001": "tester", "5550002": "secret"}.get(str(variables.get("id")))
                return self._json(request, f"profile_query_{name}.json")
            if doc == "29104886249145907":  # logged-in profile timeline
                return self._json(request, f"timeline_logged_in_{variables.get('username')}.json")
        if request.method == "POST" and path == "/api/v1/web/accounts/login/ajax/":
            failed = self._failure(request, "login")
            if failed is not None:
                return failed
            if self.wrong_password:
                return self._json(request, "login_wrong_password.json")
            if self.two_factor:
                return self._json(request, "login_two_factor_required.json", status=400)
            return self._json(request, "two_factor_ok.json", cookies=self._session_cookies())
        if request.method == "POST" and path == "/accounts/login/ajax/two_factor/":
            form = {k: v[0] for k, v in parse_qs(body).items()}
            if form.get("verificationCode") != "123456":
                return self._json(request, {"message": "Please check the security code and try again.",
                                            "status": "fail"}, status=400)
            return self._json(request, "two_factor_ok.json", cookies=self._session_cookies())
        return self._respond(request, 404, b'{"message": "not recorded", "status": "fail"}', "application/json")

    def _session_cookies(self) -> list[str]:
        return [f"csrftoken=CSRFlogged; {COOKIE}", f"sessionid=SESSION%3Aabc; {COOKIE}; HttpOnly",
                f"ds_user_id=5550009; {COOKIE}"]

    def count(self, pattern: str) -> int:
        """How many requests had a URL (or body) matching ``pattern``."""
        rx = re.compile(pattern)
        return sum(1 for _, url, body in self.log if rx.search(url) or rx.search(body))


def install(monkeypatch) -> RecordedInstagram:
    """Mount one ``RecordedInstagram`` in every ``requests.Session`` made from now on."""
    transport = RecordedInstagram()
    monkeypatch.setattr(requests.sessions, "HTTPAdapter", lambda *a, **k: transport)
    return transport
