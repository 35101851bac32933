"""Stored image features: "more like this" and near-duplicate groups.

Features are the backbone's 1280-d pooled vectors, kept in the catalog as float16 blobs
(2.5 KB a photo). Search is exact: cosine = one float32 matrix-vector product over every
stored vector (about 40-70 ms at 100k photos on 2 cores; see benchmarks/speed_tags.py),
so there is no index to build or keep in sync. The normalised matrix is built once per
catalog state and reused until photos are added or removed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

FEATURE_MODEL = "mnv2-1"
DUPLICATE_THRESHOLD = 0.92


def encode_vector(vector: np.ndarray) -> bytes:
    """float16 little-endian bytes of a 1-d vector."""
    return np.asarray(vector, dtype="<f2").tobytes()


def decode_vector(blob: bytes) -> np.ndarray:
    """The float32 vector stored by ``encode_vector``."""
    return np.frombuffer(blob, dtype="<f2").astype(np.float32)


def store_features(db, photo_id: int, vector: np.ndarray, model: str = FEATURE_MODEL) -> None:
    """Save (replace) a photo's features; call inside ``Catalog.write()``."""
    db.execute(
        "INSERT OR REPLACE INTO photo_features (photo_id, model, dim, vector) VALUES (?, ?, ?, ?)",
        [photo_id, model, int(vector.shape[-1]), encode_vector(vector)],
    )


def load_features(db, photo_id: int, model: str = FEATURE_MODEL) -> np.ndarray | None:
    """A photo's stored features (float32), or None."""
    row = db.execute(
        "SELECT vector FROM photo_features WHERE photo_id = ? AND model = ?", [photo_id, model]
    ).fetchone()
    return decode_vector(row[0]) if row else None


def normalise(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (float32)."""
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-8)


@dataclass(frozen=True)
class SimilarHit:
    """One photo like the query, with its cosine similarity."""

    photo_id: int
    score: float


class FeatureIndex:
    """All stored features as one normalised float32 matrix, for exact cosine search."""

    def __init__(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self.matrix = normalise(matrix) if len(matrix) else np.zeros((0, 1280), np.float32)
        self._pos = {int(i): k for k, i in enumerate(self.ids)}

    @classmethod
    def from_catalog(cls, db, model: str = FEATURE_MODEL) -> FeatureIndex:
        """Read every stored vector of ``model`` (visible, readable photos only)."""
        rows = db.execute(
            "SELECT f.photo_id, f.vector FROM photo_features f JOIN photos p ON p.id = f.photo_id "
            "WHERE f.model = ? AND p.status = 'ok' AND p.hidden = 0 ORDER BY f.photo_id",
            [model],
        ).fetchall()
        if not rows:
            return cls(np.zeros(0, np.int64), np.zeros((0, 1280), np.float32))
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        raw = b"".join(r[1] for r in rows)
        matrix = np.frombuffer(raw, dtype="<f2").reshape(len(rows), -1).astype(np.float32)
        return cls(ids, matrix)

    def __len__(self) -> int:
        return len(self.ids)

    def vector(self, photo_id: int) -> np.ndarray | None:
        """The normalised vector of a photo in the index."""
        k = self._pos.get(int(photo_id))
        return None if k is None else self.matrix[k]

    def query(self, vector: np.ndarray, k: int = 20, exclude: set[int] | None = None) -> list[SimilarHit]:
        """The ``k`` most similar photos to ``vector`` (cosine), best first."""
        if len(self.ids) == 0:
            return []
        q = normalise(vector.reshape(1, -1))[0]
        scores = self.matrix @ q
        want = min(len(scores), k + len(exclude or ()))
        top = np.argpartition(-scores, want - 1)[:want]
        top = top[np.argsort(-scores[top])]
        hits = [SimilarHit(int(self.ids[i]), float(scores[i])) for i in top]
        if exclude:
            hits = [h for h in hits if h.photo_id not in exclude]
        return hits[:k]

    def similar_to(self, photo_id: int, k: int = 20) -> list[SimilarHit]:
        """Photos most like ``photo_id`` (itself excluded)."""
        v = self.vector(photo_id)
        if v is None:
            return []
        return self.query(v, k, exclude={int(photo_id)})

    def duplicate_groups(
        self, threshold: float = DUPLICATE_THRESHOLD, block: int = 2048, exact_limit: int = 20000
    ) -> list[list[int]]:
        """Groups of near-identical photos (cosine ≥ threshold), largest first.

        Up to ``exact_limit`` photos: exact all-pairs in blocks (N²/2 dot products, a few
        seconds at 10k). Above it the N² cost grows too fast (over 2 minutes at 100k), so
        pairs are first narrowed by random-hyperplane hashing (16 tables of 10 bits; a pair
        at cosine 0.92 shares a bucket in at least one table ~98 % of the time) and every
        candidate pair is then checked exactly.
        """
        n = len(self.ids)
        parent = np.arange(n)

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(pairs_i: np.ndarray, pairs_j: np.ndarray) -> None:
            for i, j in zip(pairs_i.tolist(), pairs_j.tolist(), strict=True):
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)

        if n <= exact_limit:
            for a in range(0, n, block):
                sims = self.matrix[a : a + block] @ self.matrix[a:].T
                rows, cols = np.nonzero(sims >= threshold)
                keep = rows < cols
                union(a + rows[keep], a + cols[keep])
        else:
            for members in _hash_buckets(self.matrix):
                sims = self.matrix[members] @ self.matrix[members].T
                rows, cols = np.nonzero(np.triu(sims >= threshold, k=1))
                union(members[rows], members[cols])
        groups: dict[int, list[int]] = {}
        for i in range(n):
            groups.setdefault(find(i), []).append(int(self.ids[i]))
        out = [g for g in groups.values() if len(g) > 1]
        out.sort(key=lambda g: (-len(g), g[0]))
        return out


class FeatureIndexCache:
    """Keeps one ``FeatureIndex`` per catalog and rebuilds it when the features change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._index: FeatureIndex | None = None

    def get(self, db, model: str = FEATURE_MODEL) -> FeatureIndex:
        """The index for the catalog's current features (rebuilt only when they changed)."""
        key = tuple(
            db.execute(
                "SELECT count(*), coalesce(max(photo_id), 0), "
                "(SELECT count(*) FROM photos WHERE hidden = 1 OR status != 'ok') "
                "FROM photo_features WHERE model = ?",
                [model],
            ).fetchone()
        )
        with self._lock:
            if self._index is None or key != self._key:
                self._index = FeatureIndex.from_catalog(db, model)
                self._key = key
            return self._index


def _hash_buckets(matrix: np.ndarray, tables: int = 16, bits: int = 10, seed: int = 0):
    """Index arrays of rows that share a random-hyperplane hash bucket (per table).

    Features are centred first: backbone features are all non-negative, so without it
    every vector falls on the same side of most hyperplanes and buckets overflow.
    """
    rng = np.random.default_rng(seed)
    centred = matrix - matrix.mean(0, keepdims=True)
    weights = 1 << np.arange(bits, dtype=np.int64)
    for _ in range(tables):
        planes = rng.standard_normal((matrix.shape[1], bits)).astype(np.float32)
        codes = ((centred @ planes) > 0).astype(np.int64) @ weights
        order = np.argsort(codes, kind="stable")
        bounds = np.flatnonzero(np.diff(codes[order])) + 1
        for members in np.split(order, bounds):
            if len(members) > 1:
                yield members
