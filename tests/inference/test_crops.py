"""The backbones take the hashtag head's larger view: the shipped graphs declare their
input sides free, and at 288 px they still see what the photo shows."""

from __future__ import annotations

import numpy as np
from PIL import Image

from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.imagenet import (
    BACKBONE_CROP,
    HASHTAG_CROP,
    ClothingModel,
    ImageNetBackbone,
    centre_crop,
    preprocess_imagenet,
)

DOG_CLASSES = range(151, 269)  # ImageNet-1k dog breeds


def _dogs(shared_datasets, n=8):
    return sorted((shared_datasets / "hashtags" / "images").glob("*__dog.*.jpg"))[:n]


def test_a_crop_is_the_same_from_an_array_at_its_size_and_from_the_photo(shared_datasets):
    image = decode_image(_dogs(shared_datasets, 1)[0], 1280).image
    w, h = image.size
    s = HASHTAG_CROP.short / min(w, h)
    resized = image.resize((max(HASHTAG_CROP.short, round(w * s)), max(HASHTAG_CROP.short, round(h * s))),
                           Image.Resampling.BILINEAR, reducing_gap=3.0)
    for flip in (False, True):
        a = centre_crop(image, HASHTAG_CROP, flip=flip)
        assert a.shape == (288, 288, 3) and np.array_equal(a, centre_crop(np.asarray(resized), HASHTAG_CROP, flip=flip))
    assert np.array_equal(centre_crop(image, BACKBONE_CROP), preprocess_imagenet(image))


def test_the_backbones_take_the_288_px_view_and_still_see_the_dog(shared_datasets):
    images = [decode_image(p, 1280).native for p in _dogs(shared_datasets)]
    small = np.stack([preprocess_imagenet(im) for im in images])
    large = np.stack([centre_crop(im, HASHTAG_CROP) for im in images])
    backbone, clothing = ImageNetBackbone(), ClothingModel()
    probs, feats = backbone.predict(small)
    assert np.array_equal(backbone.features(small), feats)  # the same graph, one output
    logits, large_feats = backbone.run_batched(large)
    assert large_feats.shape == (len(images), 1280) and not np.allclose(large_feats, feats)
    # a larger view of the same field: the same kind of thing, similar features
    assert sum(int(np.argmax(row)) in DOG_CLASSES for row in logits) >= len(images) - 1
    cos = (large_feats * feats).sum(1) / np.linalg.norm(large_feats, axis=1) / np.linalg.norm(feats, axis=1)
    assert cos.min() > 0.7
    cloth = clothing.features(large)
    assert cloth.shape == (len(images), 2560)
    # Lite0's and Lite2's blocks, each unit length, scaled by 1/sqrt(2)
    assert np.allclose(np.linalg.norm(cloth[:, :1280], axis=1), 2 ** -0.5, atol=1e-4)
    assert np.allclose(np.linalg.norm(cloth[:, 1280:], axis=1), 2 ** -0.5, atol=1e-4)
    assert not np.allclose(cloth, clothing.features(small))
