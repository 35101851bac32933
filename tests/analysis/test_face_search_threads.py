"""The faces analyzer searches two photos of a batch at once: the same faces as one by one."""

from __future__ import annotations

import numpy as np

from pose_desktop.analysis.faces import FaceAnalyzer
from pose_desktop.inference.decode import decode_image


def _same(a, b) -> None:
    assert (a is None) == (b is None)
    if a is None:
        return
    np.testing.assert_array_equal(a.box, b.box)
    np.testing.assert_array_equal(a.landmarks, b.landmarks)
    assert a.score == b.score and a.quality == b.quality
    if a.embedding is None or b.embedding is None:
        assert a.embedding is None and b.embedding is None
    else:
        np.testing.assert_array_equal(a.embedding, b.embedding)


def test_two_search_threads_find_and_embed_the_same_faces_as_one(shared_datasets, monkeypatch):
    files = (sorted((shared_datasets / "faces" / "images").glob("*.jpg"))[:5]
             + sorted((shared_datasets / "hashtags").rglob("*.jpg"))[:3])
    decoded = [decode_image(f) for f in files]
    analyzer = FaceAnalyzer()
    runs = {}
    for threads in ("1", "2"):
        monkeypatch.setenv("POSE_FACE_THREADS", threads)
        # the batch as the runner gives it: pyramids made ahead (one left to the analyzer)
        pyramids = [analyzer.prepare(d) for d in decoded[:-1]] + [None]
        runs[threads] = analyzer.detect_and_embed([d.image for d in decoded], pyramids)
        assert pyramids == [None] * len(decoded)  # each released once its photo was searched
    assert sum(len(f) for f in runs["1"]) >= 5  # the dev faces were found
    for one, two in zip(runs["1"], runs["2"], strict=True):
        assert len(one) == len(two)
        for a, b in zip(one, two, strict=True):
            _same(a, b)
        _same(one.dropped, two.dropped)
