"""decode_image: DCT-scaled JPEG decoding and the detail it reports."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from pose_desktop.inference.decode import DCT_SLACK, decode_image


def _jpeg(path, size):
    rng = np.random.default_rng(0)
    small = rng.integers(0, 255, (size[1] // 50, size[0] // 50, 3), dtype=np.uint8)
    Image.fromarray(small).resize(size, Image.BILINEAR).save(path, quality=85)
    return path


def test_a_12mp_jpeg_is_taken_at_a_quarter_scale_not_resampled(tmp_path):
    d = decode_image(_jpeg(tmp_path / "big.jpg", (4000, 3000)), 1280)
    assert d.image.size == (1000, 750)  # libjpeg's 1/4 scale, within DCT_SLACK of 1280
    assert d.original_size == (4000, 3000)
    assert d.detail == pytest.approx(1000 / 1280)
    assert d.scale == pytest.approx(0.25)


def test_detail_is_full_when_the_photo_is_small_or_resampled_to_the_size_asked(tmp_path):
    small = decode_image(_jpeg(tmp_path / "small.jpg", (900, 600)), 1280)
    assert small.image.size == (900, 600) and small.detail == 1.0
    # 3000 px: 1/4 would give 750 px, below DCT_SLACK * 1280, so 1/2 resampled to 1280
    mid = decode_image(_jpeg(tmp_path / "mid.jpg", (3000, 2000)), 1280)
    assert mid.image.size == (1280, 853) and mid.detail == 1.0
    assert 1000 >= DCT_SLACK * 1280


def test_faces_are_searched_down_to_the_same_size_in_original_pixels(tmp_path):
    from pose_desktop.analysis.faces import FaceAnalyzer

    faces = FaceAnalyzer()
    big = decode_image(_jpeg(tmp_path / "big.jpg", (4000, 3000)), 1280)
    full = decode_image(_jpeg(tmp_path / "full.jpg", (1280, 960)), 1280)
    small = decode_image(_jpeg(tmp_path / "small.jpg", (1000, 667)), 1280)
    first_big, first_full = faces.prepare(big).levels[0], faces.prepare(full).levels[0]
    # both search faces from 28.2 px at 1280 px (88 px in the 4000 px original; the level
    # for 20 px, under 2 % of the longer side, is left out): P-Net's first level has the
    # same size, whether the photo came at 1000 px or 1280 px
    assert first_big[1].shape == first_full[1].shape
    assert first_big[0] == pytest.approx(12 / (20 * 1000 / 1280) * faces.detector.factor)
    # up to 1000 px, faces from 20 px as ever
    assert faces.prepare(small).levels[0][0] == pytest.approx(12 / 20)


def test_a_thumbnail_decodes_to_the_same_pixels_and_backbone_input_as_pil(tmp_path):
    from pose_desktop.inference.decode import decode_thumbnail
    from pose_desktop.inference.imagenet import preprocess_imagenet

    thumb = _jpeg(tmp_path / "t.jpg", (365, 256))
    d = decode_thumbnail(thumb, (3650, 2560), 256, "original.jpg")
    assert d is not None and d.size == (365, 256) and d.path == "original.jpg"
    with Image.open(thumb) as im:
        pil = im.convert("RGB")
        assert np.array_equal(d.pixels, np.asarray(pil))
        for flip in (False, True):
            assert np.array_equal(preprocess_imagenet(d.native, flip=flip), preprocess_imagenet(pil, flip=flip))
    assert d.image.size == (365, 256)  # the PIL form, made on demand
    assert decode_thumbnail(thumb, (2560, 3650), 256, "x") is None  # another shape
    assert decode_thumbnail(thumb, (3650, 2560), 300, "x") is None  # too small for the need
    (tmp_path / "bad.jpg").write_bytes(b"\xff\xd8 not a jpeg")
    assert decode_thumbnail(tmp_path / "bad.jpg", (3650, 2560), 256, "x") is None
