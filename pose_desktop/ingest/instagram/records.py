"""What an Instagram post is, whichever of the three import paths found it.

``PostRecord`` is the one shape the profile download, the instaloader folder reader and the
data-export reader produce; ``ingest.instagram.importer`` turns records into catalog rows.
``post_from_node`` reads instaloader's JSON (``.json.xz``) for a post in both of the shapes
instaloader writes (legacy GraphQL nodes and the newer iPhone/Polaris media structs)
without ever touching the network.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from pose_desktop.vocab.hashtags import extract_hashtags

_MENTION_RE = re.compile(r"(?:^|[^\w\n]|_)@(\w(?:(?:\w|(?:\.(?!\.))){0,28}(?:\w))?)")


@dataclass
class MediaRef:
    """One image or video of a post, on disk.

    ``position``: 1-based place in a carousel (1 for single posts). ``poster``: a still image
    of a video (instaloader saves one), used as its thumbnail and not indexed as a photo.
    ``exif_date`` / ``gps``: metadata the export's JSON kept when the file itself has none.
    ``fetched``: set while the file is still to be extracted (see ``indexer.FetchedFile``).
    """

    path: str
    position: int = 1
    is_video: bool = False
    poster: str | None = None
    exif_date: datetime | None = None
    gps: tuple[float, float] | None = None
    # not on disk yet (a member of an export ZIP): an ``indexer.FetchedFile`` that writes it
    # at ``path`` as the indexer reads it
    fetched: Any = None


@dataclass
class PostRecord:
    """An Instagram post: text, counts, people, place and its media files.

    ``posted_at`` is timezone-aware UTC. Counts are None where the source does not know them
    (the data export has no likes). ``shortcode`` is None for data-export posts (Instagram's
    export does not include it); such posts are matched to known ones by owner and time.
    """

    source: str
    shortcode: str | None = None
    owner: str | None = None
    caption: str | None = None
    posted_at: datetime | None = None
    location: str | None = None
    location_lat: float | None = None
    location_lng: float | None = None
    likes: int | None = None
    comments: int | None = None
    typename: str | None = None
    tagged_users: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    media: list[MediaRef] = field(default_factory=list)
    # False for loose media found beside posts (indexed as plain photos, no post row).
    is_post: bool = True

    @property
    def url(self) -> str | None:
        """The post's address on instagram.com, when its shortcode is known."""
        return f"https://www.instagram.com/p/{self.shortcode}/" if self.shortcode else None

    @property
    def hashtags(self) -> list[str]:
        """Hashtags of the caption, as written, in order."""
        return extract_hashtags(self.caption)


def mentions_in(text: str | None) -> list[str]:
    """@mentions in a caption, lower-cased, without '@', in order, without duplicates."""
    if not text:
        return []
    return list(dict.fromkeys(m.lower() for m in _MENTION_RE.findall(text) if m))


def nfc(text: str | None) -> str | None:
    """NFC-normalised text (Korean typed on macOS arrives decomposed)."""
    return unicodedata.normalize("NFC", text) if text else text


def fix_mojibake(text: str) -> str:
    """Undo the data export's encoding bug: UTF-8 bytes written as one \\u00XX escape each.

    Instagram (like Facebook) writes "안녕" as ``"\\u00ec\\u0095\\u0088\\u00eb\\u0085\\u0095"``,
    so ``json.load`` gives Latin-1 letters. A string made only of code points below 256 that
    re-encodes to valid UTF-8 is such mojibake; anything else (real "café", real Korean) is
    returned unchanged.
    """
    if not text or text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def fix_mojibake_deep(value: Any) -> Any:
    """``fix_mojibake`` applied to every string inside a decoded JSON value."""
    if isinstance(value, str):
        return fix_mojibake(value)
    if isinstance(value, list):
        return [fix_mojibake_deep(v) for v in value]
    if isinstance(value, dict):
        return {k: fix_mojibake_deep(v) for k, v in value.items()}
    return value


def utc_from_timestamp(ts: Any) -> datetime | None:
    """Unix seconds (int, float or digit string) → aware UTC datetime; None when unusable."""
    if isinstance(ts, bool):
        return None
    try:
        value = float(ts)
    except (TypeError, ValueError, OverflowError):
        return None
    if not 0 < value < 32503680000:  # before year 3000 (also rejects NaN)
        return None
    return datetime.fromtimestamp(value, timezone.utc)


def local_naive(when: datetime | None) -> datetime | None:
    """An aware time as naive local time (how the catalog stores dates, like EXIF)."""
    if when is None:
        return None
    if when.tzinfo is None:
        return when
    return when.astimezone().replace(tzinfo=None, microsecond=0)


def _get(d: Any, *keys: Any) -> Any:
    for key in keys:
        if isinstance(d, dict):
            d = d.get(key)
        elif isinstance(d, list) and isinstance(key, int) and -len(d) <= key < len(d):
            d = d[key]
        else:
            return None
    return d


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        n = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return n if -2**63 <= n < 2**63 else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return f if math.isfinite(f) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def post_from_node(node: dict[str, Any], source: str) -> PostRecord:
    """A ``PostRecord`` (without media) from the ``node`` of an instaloader Post JSON.

    Handles the legacy GraphQL node (``edge_media_to_caption``, ``taken_at_timestamp`` …),
    the node instaloader builds from an iPhone struct (``date``, ``caption`` as text,
    ``iphone_struct``) and the Polaris media it normalises (``code``, ``taken_at``,
    ``usertags``). Missing or ill-typed fields stay None; nothing here raises on odd input.
    """
    node = _dict(node)
    iphone = _dict(node.get("iphone_struct"))
    rec = PostRecord(source=source)
    rec.shortcode = _str(node.get("shortcode")) or _str(node.get("code")) or _str(iphone.get("code"))
    rec.typename = _str(node.get("__typename"))
    caption = _get(node, "edge_media_to_caption", "edges", 0, "node", "text")
    if caption is None:
        cap = node.get("caption")
        caption = cap.get("text") if isinstance(cap, dict) else cap
    if caption is None:
        caption = _get(iphone, "caption", "text")
    rec.caption = nfc(caption) if isinstance(caption, str) else None
    for key in ("taken_at_timestamp", "date", "taken_at"):
        rec.posted_at = utc_from_timestamp(node.get(key))
        if rec.posted_at:
            break
    rec.posted_at = rec.posted_at or utc_from_timestamp(iphone.get("taken_at"))
    name = _str(_dict(node.get("owner")).get("username")) or _str(_dict(node.get("user")).get("username")) \
        or _str(_dict(iphone.get("user")).get("username"))
    rec.owner = name.lower() if name else None
    likes = _get(node, "edge_media_preview_like", "count")
    if likes is None:
        likes = _get(node, "edge_liked_by", "count")
    if likes is None:
        likes = node.get("like_count", iphone.get("like_count"))
    rec.likes = _int(likes)
    comments = _get(node, "edge_media_to_comment", "count")
    if comments is None:
        comments = _get(node, "edge_media_to_parent_comment", "count")
    if comments is None and not isinstance(node.get("comments"), (list, dict)):
        comments = node.get("comments")
    if comments is None:
        comments = node.get("comment_count", iphone.get("comment_count"))
    rec.comments = _int(comments)
    tagged = [_get(e, "node", "user", "username") for e in _list(_get(node, "edge_media_to_tagged_user", "edges"))]
    if not tagged:
        tags = _list(_get(node, "usertags", "in")) or _list(_get(iphone, "usertags", "in"))
        tagged = [_get(t, "user", "username") for t in tags]
    for child in _list(_get(node, "edge_sidecar_to_children", "edges")):
        tagged += [_get(e, "node", "user", "username")
                   for e in _list(_get(child, "node", "edge_media_to_tagged_user", "edges"))]
    for item in _list(iphone.get("carousel_media")):
        tagged += [_get(t, "user", "username") for t in _list(_get(item, "usertags", "in"))]
    rec.tagged_users = list(dict.fromkeys(t.lower() for t in tagged if isinstance(t, str) and t))
    rec.mentions = mentions_in(rec.caption)
    loc = node.get("location") if isinstance(node.get("location"), dict) else iphone.get("location")
    if isinstance(loc, dict):
        rec.location = nfc(_str(loc.get("name")))
        rec.location_lat = _float(loc.get("lat"))
        rec.location_lng = _float(loc.get("lng"))
    return rec
