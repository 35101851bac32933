"""Stored image features: "more like this" and near-duplicate groups.

Features are the backbone's 1280-d pooled vectors, kept in the catalog as float16 blobs
(2.5 KB a photo). In memory the search uses them projected to 256 dimensions by a fixed
projection shipped in models/ (``similar_pca.npy``, the top singular vectors of unit
feature vectors of everyday photos; built by models/build_similar_projection.py) and
rescaled to unit length: 100k photos take 102 MB instead of 512 MB, a query is one
float32 matrix-vector product over every photo (exact search in the projected space;
see benchmarks/speed_tags.py), and cosine scores keep their meaning (the projection is
uncentred), so the duplicate threshold holds. Similar-photo precision is measured
against full 1280-d cosine by benchmarks/quality_tags.py. Without the projection file
(or for vectors of another size) the full vectors are used. The matrix is built once per
catalog state and reused until photos are added or removed.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from pose_desktop.catalog import features as feature_table

FEATURE_MODEL = "mnv2-1"
#: Near-duplicates ("copies of one shot") need both: feature cosine at least
#: DUPLICATE_THRESHOLD, and their thumbnails' distance (``thumb_distance``) at most
#: THUMB_DISTANCE. Cosine alone (0.92 before) also grouped different shots of one person in
#: one setting; the thumbnails of those differ where copies (re-saved, resized, cropped a
#: little, brightened) do not. Chosen by cross-validation: benchmarks/duplicates_bench.py.
DUPLICATE_THRESHOLD = 0.88
LEGACY_DUPLICATE_THRESHOLD = 0.92  # the cosine-only rule, the benchmark's baseline
THUMB_DISTANCE = 0.04
THUMB_SIDE = 32  # pixels a side compared: enough to see a different expression or pose
SIGNATURE_SIDE = 64
CROP_KEEP = 0.9
PROJECTION_FILE = "similar_pca.npy"
RERANK = 200
VERIFY_MARGIN = 0.02
_CHUNK = 8192

log = logging.getLogger(__name__)


def thumb_signature(path: str | Path | None) -> np.ndarray | None:
    """A photo's picture at a glance, to tell copies of one shot from other shots: its
    thumbnail as a 64×64 grey array (``thumb_distance`` compares two). None when the file
    cannot be read."""
    from PIL import Image

    if path is None:
        return None
    try:
        with Image.open(path) as im:
            im.draft("L", (SIGNATURE_SIDE * 2, SIGNATURE_SIDE * 2))
            small = im.convert("L").resize((SIGNATURE_SIDE, SIGNATURE_SIDE), Image.Resampling.BOX)
    except (OSError, ValueError):
        return None
    return np.asarray(small, np.float32)


def _view(sig: np.ndarray, keep: float) -> np.ndarray:
    """The centre ``keep`` of a signature at THUMB_SIDE², standardised and flattened."""
    from PIL import Image

    n = sig.shape[0]
    m = int(round(n * (1 - keep) / 2))
    crop = sig[m : n - m, m : n - m] if m else sig
    a = np.asarray(Image.fromarray(crop, "F").resize((THUMB_SIDE, THUMB_SIDE), Image.Resampling.BOX))
    a = a.ravel() - a.mean()
    std = float(a.std())
    return a / std if std > 1e-6 else a


def thumb_distance(a: np.ndarray | None, b: np.ndarray | None) -> float:
    """How far apart two ``thumb_signature`` pictures are: (1 − correlation) / 2 at
    THUMB_SIDE² pixels, the best of comparing them whole or one cropped by up to 10 %
    (a copy trimmed a little is still a copy): 0 for the same picture, about 0.5 for
    unrelated ones, 1 when either is missing."""
    if a is None or b is None:
        return 1.0
    best = 1.0
    for ka, kb in ((1.0, 1.0), (CROP_KEEP, 1.0), (1.0, CROP_KEEP)):
        va, vb = _view(a, ka), _view(b, kb)
        corr = float(np.dot(va, vb) / len(va))
        best = min(best, (1.0 - corr) / 2.0)
    return best


def encode_vector(vector: np.ndarray) -> bytes:
    """float16 little-endian bytes of a 1-d vector."""
    return np.asarray(vector, dtype="<f2").tobytes()


def decode_vector(blob: bytes) -> np.ndarray:
    """The float32 vector stored by ``encode_vector``."""
    return np.frombuffer(blob, dtype="<f2").astype(np.float32)


def catalog_vectors(db, ids: list[int], model: str = FEATURE_MODEL) -> np.ndarray:
    """Stored full-size features (float32 rows, in the order of ``ids``; zeros for a photo
    without any), for re-scoring the candidates of a projected search."""
    found = {pid: decode_vector(blob) for pid, blob in feature_table.feature_blobs(db, ids, model).items()}
    dim = len(next(iter(found.values()))) if found else 1280
    return np.stack([found.get(int(i), np.zeros(dim, np.float32)) for i in ids]) if ids else np.zeros((0, dim))


def normalise(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (float32)."""
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-8)


def fit_projection(features: np.ndarray, dim: int) -> np.ndarray:
    """(D, dim) float32: top ``dim`` right singular vectors of the unit-length rows of
    ``features`` (uncentred), each with its largest entry positive (reproducible signs)."""
    x = normalise(features).astype(np.float64)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    p = vt[:dim].T
    signs = np.sign(p[np.abs(p).argmax(0), np.arange(p.shape[1])])
    return np.ascontiguousarray(p * signs, dtype=np.float32)


@lru_cache(maxsize=4)
def load_projection(folder: str | None = None) -> np.ndarray | None:
    """The shipped projection (1280, d) float32, verified against models/MODELS.md; None
    (full-size search) when the file is missing or refused."""
    from pose_desktop.errors import ModelError
    from pose_desktop.inference.manifest import load_manifest, verify_model_file
    from pose_desktop.paths import models_dir

    root = Path(folder) if folder else models_dir()
    path = root / PROJECTION_FILE
    try:
        verify_model_file(path, load_manifest(root).get(PROJECTION_FILE))
        proj = np.load(path, allow_pickle=False)
    except (ModelError, OSError, ValueError) as exc:
        log.warning("similar photos: full-size search (%s)", exc)
        return None
    if proj.ndim != 2 or proj.shape[0] < proj.shape[1]:
        log.warning("similar photos: %s has shape %s; full-size search", path, proj.shape)
        return None
    return np.ascontiguousarray(proj, dtype=np.float32)


def reduce_vectors(x: np.ndarray, projection: np.ndarray | None) -> np.ndarray:
    """Unit-length search vectors (float32) for raw feature rows, projected when given."""
    x = normalise(x)
    return x if projection is None else normalise(x @ projection)


@dataclass(frozen=True)
class SimilarHit:
    """One photo like the query, with its cosine similarity."""

    photo_id: int
    score: float


class FeatureIndex:
    """All stored features as one unit-length float32 matrix (projected when a projection
    fits their size), for exact cosine search."""

    def __init__(
        self, ids: np.ndarray, matrix: np.ndarray, projection: np.ndarray | None = None,
        *, prepared: bool = False,
    ) -> None:
        """``matrix``: raw feature rows, or with ``prepared`` rows already made by
        ``reduce_vectors`` with the same ``projection``."""
        self.ids = np.asarray(ids, dtype=np.int64)
        matrix = np.asarray(matrix, dtype=np.float32)
        if matrix.ndim != 2:
            matrix = matrix.reshape(0, 1280)
        if projection is not None and not prepared and matrix.shape[1] != projection.shape[0]:
            projection = None  # vectors of another size: search them as they are
        self.projection = projection
        if not prepared:
            matrix = np.concatenate(
                [reduce_vectors(matrix[a : a + _CHUNK], projection) for a in range(0, len(matrix), _CHUNK)]
            ) if len(matrix) else np.zeros(
                (0, matrix.shape[1] if projection is None else projection.shape[1]), np.float32)
        self.matrix = matrix
        self._pos = {int(i): k for k, i in enumerate(self.ids)}

    @classmethod
    def from_catalog(
        cls, db, model: str = FEATURE_MODEL, projection: np.ndarray | None | str = "shipped"
    ) -> FeatureIndex:
        """Read every stored vector of ``model`` (visible, readable photos only), a chunk at
        a time, so only the search matrix is ever held whole. ``projection``: "shipped"
        (``load_projection()``), None (full-size vectors) or an array."""
        if isinstance(projection, str):
            projection = load_projection()
        ids, parts = [], []
        for rows in feature_table.visible_feature_chunks(db, model, _CHUNK):
            raw = np.frombuffer(b"".join(r[1] for r in rows), dtype="<f2").reshape(len(rows), -1)
            if projection is not None and raw.shape[1] != projection.shape[0]:
                projection = None  # decided on the first chunk: one model, one size
            parts.append(reduce_vectors(raw.astype(np.float32), projection))
            ids.extend(r[0] for r in rows)
        if not parts:
            dim = 1280 if projection is None else projection.shape[1]
            return cls(np.zeros(0, np.int64), np.zeros((0, dim), np.float32), projection, prepared=True)
        return cls(np.array(ids, dtype=np.int64), np.concatenate(parts), projection, prepared=True)

    def __len__(self) -> int:
        return len(self.ids)

    def vector(self, photo_id: int) -> np.ndarray | None:
        """The search vector (unit length, projected if the index is) of a photo."""
        k = self._pos.get(int(photo_id))
        return None if k is None else self.matrix[k]

    def query(
        self, vector: np.ndarray, k: int = 20, exclude: set[int] | None = None, full=None
    ) -> list[SimilarHit]:
        """The ``k`` most similar photos to ``vector`` (cosine), best first; ``vector`` is raw
        features or a search vector of this index (``vector()``).

        ``full``: a callable ``ids -> raw feature rows`` (``catalog_vectors``). When the
        index is projected and ``vector`` is raw, the best ``max(RERANK, 10 k)`` candidates
        of the projected search are re-scored with full-size cosine, so hits and scores are
        those of exact 1280-d search unless a true hit ranks below that in the projection.
        """
        if len(self.ids) == 0:
            return []
        raw = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        projected = self.projection is not None and raw.shape[1] == self.projection.shape[0]
        q = normalise(reduce_vectors(raw, self.projection) if projected else raw)[0]
        scores = self.matrix @ q
        rerank = projected and full is not None
        want = min(len(scores), (max(RERANK, 10 * k) if rerank else k) + len(exclude or ()))
        top = np.argpartition(-scores, want - 1)[:want]
        if rerank:
            scores = np.zeros(len(self.ids), np.float32)
            scores[top] = normalise(np.asarray(full(self.ids[top].tolist()), np.float32)) @ normalise(raw)[0]
        top = top[np.argsort(-scores[top], kind="stable")]
        hits = [SimilarHit(int(self.ids[i]), float(scores[i])) for i in top]
        if exclude:
            hits = [h for h in hits if h.photo_id not in exclude]
        return hits[:k]

    def similar_to(self, photo_id: int, k: int = 20, full=None) -> list[SimilarHit]:
        """Photos most like ``photo_id`` (itself excluded); ``full`` as for ``query``."""
        v = self.vector(photo_id)
        if v is None:
            return []
        if full is not None and self.projection is not None:
            v = np.asarray(full([int(photo_id)]), np.float32)[0]
        return self.query(v, k, exclude={int(photo_id)}, full=full)

    def duplicate_groups(
        self, threshold: float = DUPLICATE_THRESHOLD, block: int = 2048, exact_limit: int = 20000,
        full=None, same_shot=None,
    ) -> list[list[int]]:
        """Groups of near-identical photos (cosine ≥ threshold), largest first.

        ``same_shot(photo_id_a, photo_id_b) -> bool``, when given, must also agree for a
        pair to be grouped (the app compares thumbnails, see ``thumb_distance``); it is
        asked only about pairs that pass the cosine test.

        Up to ``exact_limit`` photos: exact all-pairs in blocks (N²/2 dot products, a few
        seconds at 10k). Above it the N² cost grows too fast (over 2 minutes at 100k), so
        pairs are first narrowed by random-hyperplane hashing (16 tables of 10 bits; a pair
        at cosine 0.92 shares a bucket in at least one table ~98 % of the time) and every
        candidate pair is then checked exactly.

        In a projected index, cosines of the projected vectors run higher than full ones
        (what the projection leaves out is not compared), so with ``full`` (as for
        ``query``) the pairs found there at ``threshold - VERIFY_MARGIN`` are candidates,
        each checked against the full-size vectors; without it the projected cosine decides.
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

        verify = self.projection is not None and full is not None
        found_i: list[np.ndarray] = []
        found_j: list[np.ndarray] = []

        def accept(pairs_i: np.ndarray, pairs_j: np.ndarray) -> None:
            if same_shot is not None and len(pairs_i):
                ok = np.array([same_shot(int(self.ids[i]), int(self.ids[j]))
                               for i, j in zip(pairs_i.tolist(), pairs_j.tolist(), strict=True)],
                              dtype=bool)
                pairs_i, pairs_j = pairs_i[ok], pairs_j[ok]
            union(pairs_i, pairs_j)

        def add(pairs_i: np.ndarray, pairs_j: np.ndarray) -> None:
            if verify:
                found_i.append(pairs_i)
                found_j.append(pairs_j)
            else:
                accept(pairs_i, pairs_j)

        cut = threshold - VERIFY_MARGIN if verify else threshold
        if n <= exact_limit:
            for a in range(0, n, block):
                sims = self.matrix[a : a + block] @ self.matrix[a:].T
                rows, cols = np.nonzero(sims >= cut)
                keep = rows < cols
                add(a + rows[keep], a + cols[keep])
        else:
            for members in _hash_buckets(self.matrix):
                sims = self.matrix[members] @ self.matrix[members].T
                rows, cols = np.nonzero(np.triu(sims >= cut, k=1))
                add(members[rows], members[cols])
        if verify and found_i:
            key = np.unique(np.concatenate(found_i).astype(np.int64) * n + np.concatenate(found_j))
            cand_i, cand_j = key // n, key % n
            for a in range(0, len(key), 4096):  # at most 8192 full vectors in memory at once
                ci, cj = cand_i[a : a + 4096], cand_j[a : a + 4096]
                rows = np.unique(np.concatenate([ci, cj]))
                vec = normalise(np.asarray(full(self.ids[rows].tolist()), np.float32))
                sims = np.einsum(
                    "ij,ij->i", vec[np.searchsorted(rows, ci)], vec[np.searchsorted(rows, cj)]
                )
                ok = sims >= threshold
                accept(ci[ok], cj[ok])
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
        key = feature_table.feature_state(db, model)
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
