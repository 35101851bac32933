"""The pure pre/post-processing functions."""

from __future__ import annotations

import numpy as np
from PIL import Image

from pose_desktop.inference import transforms as T
from pose_desktop.inference.face_models import FaceEmbedder

TEMPLATE = FaceEmbedder.CHIP_TEMPLATE  # where the 5 landmarks land in the embedder's chip


def test_similarity_transform_recovers_a_known_one():
    angle, scale, shift = 0.3, 1.7, np.array([5.0, -3.0])
    rot = scale * np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    src = TEMPLATE.astype(np.float64)
    dst = src @ rot.T + shift
    m = T.similarity_transform(src, dst)
    assert np.allclose(m[:, :2], rot, atol=1e-4) and np.allclose(m[:, 2], shift, atol=1e-3)


def test_align_chip_puts_the_landmarks_on_the_template():
    size = FaceEmbedder.input_size
    for scale in (2, 4):  # a face twice the chip (plain warp) and four times (box-filtered first)
        img = np.zeros((size * scale + 80, size * scale + 80, 3), np.uint8)
        marks = TEMPLATE * scale + 40
        for x, y in marks.astype(int):
            img[y - scale : y + scale + 1, x - scale : x + scale + 1] = 255
        out = T.align_chip(img, marks, TEMPLATE, size)
        assert out.shape == (size, size, 3) and out.mean() < 10
        for x, y in TEMPLATE.round().astype(int):
            assert out[y - 1 : y + 2, x - 1 : x + 2].max() > 100


def test_nms_keeps_the_best_of_overlapping_boxes():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60]], np.float32)
    keep = T.nms(boxes, np.array([0.5, 0.9, 0.7]), 0.5)
    assert keep.tolist() == [1, 2]


def test_crop_patches_pads_outside_the_image():
    img = np.full((20, 20, 3), 200, np.uint8)
    patch = T.crop_patches(img, np.array([[-10, -10, 10, 10]], np.float32), 8)[0]
    assert patch[0, 0].max() == 0 and patch[-1, -1].min() == 200


def test_softmax_and_normalize():
    p = T.softmax(np.array([[1.0, 2.0, 3.0]]))
    assert np.isclose(p.sum(), 1.0) and p.argmax() == 2
    assert np.allclose(np.linalg.norm(T.l2_normalize(np.array([[3.0, 4.0]])), axis=1), 1.0)


def _area_reference(img: np.ndarray, box, size: int) -> np.ndarray:
    """Adaptive average pooling of ``img[y1:y2, x1:x2]`` (zero outside), one bin at a time."""
    x1, y1, x2, y2 = box
    h, w = img.shape[:2]
    pad = np.zeros((h + 400, w + 400, img.shape[2]), np.float64)
    pad[200:200 + h, 200:200 + w] = img
    out = np.zeros((size, size, img.shape[2]))
    for i in range(size):
        ys, ye = (i * (y2 - y1)) // size, -((-(i + 1) * (y2 - y1)) // size)
        for j in range(size):
            xs, xe = (j * (x2 - x1)) // size, -((-(j + 1) * (x2 - x1)) // size)
            out[i, j] = pad[200 + y1 + ys:200 + y1 + ye, 200 + x1 + xs:200 + x1 + xe].mean((0, 1))
    return out


def test_area_patches_average_each_bin_like_adaptive_pooling():
    rng = np.random.default_rng(3)
    img = rng.integers(0, 256, (90, 130, 3), dtype=np.uint8)
    sat = T.integral_image(img)
    corners = sat[[60, 20, 60, 20], [90, 90, 40, 40]].astype(np.int64)  # rows 20:60, cols 40:90
    packed = np.uint64(corners[0] - corners[1] - corners[2] + corners[3])
    sums = [int(v) for v in T.unpack_sums(packed)]
    assert sums == img[20:60, 40:90].reshape(-1, 3).sum(0).tolist()
    boxes = [(10, 20, 60, 70), (5, 5, 15, 15), (0, 0, 130, 90), (3, 7, 50, 88), (-20, -10, 40, 30)]
    for size in (24, 48):
        got = T.area_patches(sat, np.array(boxes, np.float32), size, 127.5, 1 / 128)
        assert got.shape == (len(boxes), 3, size, size) and got.dtype == np.float32
        for k, box in enumerate(boxes):
            want = (_area_reference(img, box, size) - 127.5) / 128
            np.testing.assert_allclose(got[k].transpose(1, 2, 0), want, atol=1e-5)
    assert T.area_patches(sat, np.zeros((0, 4), np.float32), 24).shape == (0, 3, 24, 24)


def test_integral_image_of_a_pil_image_is_that_of_its_array():
    """The decode thread passes the PIL image (its bands are contiguous planes); the table
    is the same as from the array, and each entry holds the packed sums above and left."""
    rng = np.random.default_rng(7)
    img = rng.integers(0, 256, (37, 53, 3), dtype=np.uint8)
    sat = T.integral_image(img)
    np.testing.assert_array_equal(T.integral_image(Image.fromarray(img)), sat)
    assert sat.shape == (38, 54) and not sat[0].any() and not sat[:, 0].any()
    for y, x in ((1, 1), (20, 7), (37, 53)):
        sums = [int(v) for v in T.unpack_sums(sat[y, x])]
        assert sums == img[:y, :x].reshape(-1, 3).sum(0).tolist()


def test_area_patches_of_bins_too_large_for_one_packed_sum():
    """Bins over PACKED_MAX_AREA pixels of saturated pixels are summed in pieces, exactly."""
    rng = np.random.default_rng(4)
    img = rng.integers(200, 256, (420, 380, 3), dtype=np.uint8)
    sat = T.integral_image(img)
    boxes = [(0, 0, 380, 420), (-30, 10, 350, 400), (5, 5, 100, 95)]
    got = T.area_patches(sat, np.array(boxes, np.float32), 3)
    assert (420 // 3) * (380 // 3) > T.PACKED_MAX_AREA
    for k, box in enumerate(boxes):
        np.testing.assert_allclose(got[k].transpose(1, 2, 0), _area_reference(img, box, 3), rtol=1e-6)


def test_nms_limit_is_the_cut_full_result():
    rng = np.random.default_rng(5)
    xy = rng.uniform(0, 300, (400, 2))
    boxes = np.hstack([xy, xy + rng.uniform(10, 60, (400, 1))]).astype(np.float32)
    scores = rng.uniform(0, 1, 400)
    full = T.nms(boxes, scores, 0.5)
    assert len(full) > 40
    np.testing.assert_array_equal(T.nms(boxes, scores, 0.5, limit=40), full[:40])


def _greedy_reference(boxes, scores, threshold, mode="union"):
    order = list(np.argsort(-scores, kind="stable"))
    keep = []
    while order:
        i = order.pop(0)
        keep.append(i)
        order = [j for j in order if T.iou(boxes[i], boxes[j][None], mode)[0] <= threshold]
    return keep


def test_blocked_nms_is_exactly_greedy_nms():
    rng = np.random.default_rng(11)
    for n, mode, block in [(1, "union", 64), (150, "union", 8), (300, "union", 64), (120, "min", 16)]:
        xy = rng.uniform(0, 200, (n, 2))
        boxes = np.hstack([xy, xy + rng.uniform(5, 50, (n, 1))]).astype(np.float32)
        scores = rng.uniform(0, 1, n)
        want = _greedy_reference(boxes, scores, 0.5, mode)
        assert T.nms(boxes, scores, 0.5, mode, block=block).tolist() == want
    assert T.nms(np.zeros((0, 4), np.float32), np.zeros(0), 0.5).tolist() == []
