"""Hashtag normalisation: one idea, many spellings, one canonical tag.

``#댕댕이``, ``#멍스타그램``, ``#Puppy`` and ``#dogsofinstagram`` all become the canonical
tag ``강아지`` (shown as "dog" in English). Canonical names of built-in tags are Korean,
as in the original project; unknown hashtags keep their own (NFC, case-folded) spelling.
User-defined merges (the catalog's ``hashtag_merges``) apply on top of the built-in table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# canonical (Korean) -> (English name, variants). The first 20 are the original project's.
BUILTIN_HASHTAGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "강아지": ("dog", ("댕댕이", "멍멍이", "멍뭉이", "강쥐", "반려견", "애견", "멍스타", "개스타", "퍼피",
                     "puppy", "puppies", "dog", "doggy", "doggo", "dogsofinstagram", "dogstagram",
                     "puppylove", "dogs")),
    "결혼": ("wedding", ("결혼식", "웨딩", "웨딩촬영", "웨딩사진", "본식", "예식", "신부", "신랑",
                       "wedding", "weddingday", "bride", "marriage", "weddingphotography")),
    "고양이": ("cat", ("냥이", "냥", "냥냥", "집사", "야옹이", "묘르신", "cat", "cats", "kitty", "kitten",
                     "catstagram", "catsofinstagram")),
    "꽃": ("flower", ("꽃다발", "플라워", "꽃집", "벚꽃", "flower", "flowers", "flowerstagram",
                    "bouquet", "blossom")),
    "네일아트": ("nail art", ("네일", "젤네일", "손톱", "페디큐어", "네일디자인", "nail", "nails", "nailart",
                          "gelnails", "manicure", "nailstagram", "naildesign")),
    "독서": ("reading", ("책", "북", "책읽기", "독서기록", "reading", "book", "books", "bookstagram",
                       "read")),
    "등산": ("hiking", ("산행", "등린이", "트레킹", "하이킹", "hiking", "hike", "trekking",
                      "mountainclimbing")),
    "떡볶이": ("tteokbokki", ("떡뽁이", "떡볶기", "떡볶이맛집", "tteokbokki", "topokki", "ddeokbokki")),
    "봄": ("spring", ("봄날", "봄나들이", "spring", "springtime")),
    "생일": ("birthday", ("생일축하", "생일파티", "생일선물", "생일케이크", "생파", "해피버스데이",
                        "birthday", "happybirthday", "bday", "birthdaycake", "birthdayparty")),
    "셀카": ("selfie", ("셀", "셀피", "얼", "셀기꾼", "selfie", "selfies", "selca", "selfietime")),
    "여름": ("summer", ("여름휴가", "썸머", "summer", "summertime", "summervibes")),
    "여행": ("travel", ("여행에미치다", "여행사진", "국내여행", "해외여행", "여행중", "트래블", "travel",
                      "travelgram", "trip", "traveling", "travelling", "vacation", "wanderlust")),
    "운동": ("workout", ("헬스", "헬", "오운완", "홈트", "피트니스", "헬린이", "운동하는여자", "운동하는남자",
                       "workout", "fitness", "gym", "exercise", "fitnessmotivation")),
    "육아": ("parenting", ("아기", "애기", "맘", "딸", "아들", "육아맘", "육아빠", "육아소통", "parenting",
                         "baby", "babies", "momlife", "kids", "motherhood")),
    "치킨": ("chicken", ("치맥", "후라이드치킨", "양념치킨", "통닭", "chicken", "friedchicken")),
    "카페": ("cafe", ("커피", "카페투어", "카페라떼", "라떼", "디저트카페", "cafe", "café", "coffee",
                    "coffeetime", "cafehopping", "latte")),
    "캠핑": ("camping", ("캠핑장", "글램핑", "차박", "캠린이", "오토캠핑", "camping", "camp", "glamping",
                       "campinglife")),
    "커플": ("couple", ("럽", "럽스타", "데이트", "커플룩", "연애", "couple", "couples", "lovestagram",
                      "couplegoals")),
    "패션": ("fashion", ("데일리룩", "오오티디", "옷", "코디", "룩북", "오늘의코디", "ootd", "fashion",
                       "dailylook", "outfit", "lookbook", "outfitoftheday", "style")),
    # beyond the original 20: common everyday tags
    "음식": ("food", ("먹", "맛", "맛집", "먹방", "존맛", "맛집탐방", "food", "foodie", "foodstagram",
                    "yummy", "instafood")),
    "바다": ("sea", ("해변", "해수욕장", "비치", "beach", "sea", "ocean")),
    "가을": ("autumn", ("단풍", "fall", "autumn")),
    "겨울": ("winter", ("겨울왕국", "winter", "snow")),
    "일상": ("daily life", ("데일리", "daily", "dailylife")),
}

# Suffixes that decorate a stem without changing its meaning ("육아스타그램" = "육아").
SUFFIXES: tuple[str, ...] = (
    "스타그램", "ofinstagram", "stagram", "타그램", "그램", "gram", "일상", "소통", "daily", "lover",
    "lovers", "life",
)

_HASHTAG_RE = re.compile(r"(?<![\w&])#(\w+)")


def clean(tag: str) -> str:
    """NFC, strip '#' and spaces, case-fold: the spelling-insensitive form of a tag."""
    tag = unicodedata.normalize("NFC", tag).strip().lstrip("#").strip()
    return unicodedata.normalize("NFC", tag.casefold()).replace(" ", "")


def extract_hashtags(text: str | None) -> list[str]:
    """Hashtags in a caption, in order, as written (without '#'), without duplicates."""
    if not text:
        return []
    seen: dict[str, None] = {}
    for tag in _HASHTAG_RE.findall(unicodedata.normalize("NFC", text)):
        seen.setdefault(tag, None)
    return list(seen)


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, (english, variants) in BUILTIN_HASHTAGS.items():
        for v in (canonical, english, *variants):
            index.setdefault(clean(v), canonical)
    return index


_BUILTIN_INDEX = _build_index()


@dataclass
class HashtagNormalizer:
    """Maps any spelling of a hashtag to its canonical tag (built-ins + user merges)."""

    merges: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_merges(cls, rows) -> HashtagNormalizer:
        """A normalizer with the user's merges, (variant, canonical) pairs (the catalog's
        ``hashtag_merges``: ``catalog.store.hashtag_normalizer``)."""
        return cls({clean(v): clean(c) for v, c in rows})

    def _lookup(self, t: str) -> str | None:
        if t in _BUILTIN_INDEX:
            return _BUILTIN_INDEX[t]
        for suffix in SUFFIXES:
            if t.endswith(suffix) and len(t) > len(suffix):
                stem = t[: -len(suffix)]
                if stem in _BUILTIN_INDEX:
                    return _BUILTIN_INDEX[stem]
                if stem in self.merges:
                    return stem
        if t.endswith("s") and t[:-1] in _BUILTIN_INDEX:
            return _BUILTIN_INDEX[t[:-1]]
        return None

    def normalize(self, tag: str) -> str:
        """The canonical tag for ``tag`` ('' for an empty tag)."""
        t = clean(tag)
        if not t:
            return ""
        t = self._lookup(t) or t
        seen = {t}
        while t in self.merges:  # user merges chain; guard against cycles
            t = self.merges[t]
            t = self._lookup(t) or t
            if t in seen:
                break
            seen.add(t)
        return t


def english_name(canonical: str) -> str | None:
    """English display name of a built-in canonical tag."""
    entry = BUILTIN_HASHTAGS.get(canonical)
    return entry[0] if entry else None


def korean_name(tag: str) -> str | None:
    """Canonical Korean tag for an English (or any) spelling of a built-in tag."""
    return _BUILTIN_INDEX.get(clean(tag))


def variants_of(canonical: str) -> list[str]:
    """All built-in spellings folded into ``canonical``."""
    entry = BUILTIN_HASHTAGS.get(canonical)
    return [canonical, entry[0], *entry[1]] if entry else [canonical]
