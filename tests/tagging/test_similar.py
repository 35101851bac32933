"""Exact cosine search over stored features and near-duplicate groups."""

from __future__ import annotations

import numpy as np

from pose_desktop.tagging.similar import FeatureIndex, decode_vector, encode_vector


def test_float16_blob_round_trip():
    v = np.random.default_rng(0).random(1280).astype(np.float32) * 6
    back = decode_vector(encode_vector(v))
    assert back.dtype == np.float32 and back.shape == (1280,)
    assert np.allclose(back, v, rtol=1e-3, atol=1e-3)


def test_query_is_exact_cosine_top_k():
    rng = np.random.default_rng(1)
    m = rng.random((500, 64)).astype(np.float32)
    idx = FeatureIndex(np.arange(100, 600), m)
    q = rng.random(64).astype(np.float32)
    hits = idx.query(q, k=7)
    mn = m / np.linalg.norm(m, axis=1, keepdims=True)
    expect = np.argsort(-(mn @ (q / np.linalg.norm(q))))[:7] + 100
    assert [h.photo_id for h in hits] == list(expect)
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))


def test_similar_to_excludes_the_photo_itself_and_duplicates_group():
    rng = np.random.default_rng(2)
    base = rng.random((50, 32)).astype(np.float32)
    m = np.concatenate([base, base[:3] + 0.001, base[10:11] * 1.5])  # copies of 0,1,2 and 10
    ids = np.arange(1, len(m) + 1)
    idx = FeatureIndex(ids, m)
    hits = idx.similar_to(1, k=3)
    assert hits[0].photo_id == 51 and all(h.photo_id != 1 for h in hits)
    groups = idx.duplicate_groups(0.999)
    assert sorted(map(sorted, groups)) == [[1, 51], [2, 52], [3, 53], [11, 54]]


def test_hashed_duplicate_search_finds_planted_duplicates():
    rng = np.random.default_rng(3)
    n = 3000
    m = np.abs(rng.standard_normal((n, 128))).astype(np.float32)
    dups = rng.standard_normal((40, 128)).astype(np.float32) * 0.05
    m = np.concatenate([m, m[:40] + np.abs(dups)])  # 40 near-copies (cosine > 0.99)
    idx = FeatureIndex(np.arange(len(m)), m)
    exact = sorted(map(sorted, idx.duplicate_groups(0.95)))
    hashed = sorted(map(sorted, idx.duplicate_groups(0.95, exact_limit=100)))
    assert len(exact) == 40 and hashed == exact


def test_projected_index_is_smaller_and_rescoring_gives_the_exact_hits():
    from pose_desktop.tagging.similar import load_projection

    proj = load_projection()
    assert proj is not None and proj.shape == (1280, 256) and proj.dtype == np.float32
    rng = np.random.default_rng(4)
    m = rng.standard_normal((3000, 64)).astype(np.float32) @ proj[:, :64].T
    m += 0.02 * rng.standard_normal(m.shape).astype(np.float32)  # a little outside the projection
    idx = FeatureIndex(np.arange(len(m)), m, proj)
    assert idx.matrix.shape == (3000, 256) and idx.matrix.nbytes == len(m) * 256 * 4
    exact = FeatureIndex(np.arange(len(m)), m)
    for pid in (0, 7, 2999):
        got = idx.similar_to(pid, 10, full=lambda ids: m[ids])
        want = exact.similar_to(pid, 10)
        assert [h.photo_id for h in got] == [h.photo_id for h in want]
        assert np.allclose([h.score for h in got], [h.score for h in want], atol=1e-5)
        raw = idx.query(m[pid], 10, exclude={pid}, full=lambda ids: m[ids])
        assert [h.photo_id for h in raw] == [h.photo_id for h in want]
    dup = np.concatenate([m, m[:30] + 0.01 * rng.standard_normal((30, 1280)).astype(np.float32)])
    exact_dup = FeatureIndex(np.arange(len(dup)), dup)
    proj_dup = FeatureIndex(np.arange(len(dup)), dup, proj)
    want_groups = sorted(map(sorted, exact_dup.duplicate_groups(0.92)))
    assert len(want_groups) >= 30
    for limit in (20000, 100):  # exact blocks and hashed candidates, both checked in full
        got = proj_dup.duplicate_groups(0.92, exact_limit=limit, full=lambda ids: dup[ids])
        assert sorted(map(sorted, got)) == want_groups
    # without the full vectors: the projection alone, still close
    approx = idx.similar_to(0, 10)
    assert len({h.photo_id for h in approx} & {h.photo_id for h in exact.similar_to(0, 10)}) >= 8
