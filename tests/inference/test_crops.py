"""The backbones take the hashtag head's larger view: the shipped graphs declare their
input sides free, and at 288 px they still see what the photo shows."""

from __future__ import annotations

import numpy as np
from PIL import Image

from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.imagenet import (
    BACKBONE_CROP,
    CLOTHING_CROP,
    HASHTAG_CROP,
    HASHTAG_LETTERBOX,
    LETTERBOX_GREY,
    ClothingModel,
    ImageNetBackbone,
    centre_crop,
    letterbox,
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


def test_the_letterboxed_view_is_the_whole_photo_on_grey_bars(shared_datasets):
    image = decode_image(_dogs(shared_datasets, 1)[0], 1280).image
    wide = image.crop((0, 0, image.width, image.width // 2))  # twice as wide as high
    a = letterbox(wide, HASHTAG_LETTERBOX)
    assert a.shape == (288, 288, 3) and a.dtype == np.uint8
    # bars above and below (72 px each), the whole photo between them at 288 x 144
    assert (a[:72] == LETTERBOX_GREY).all() and (a[-72:] == LETTERBOX_GREY).all()
    inner = np.asarray(wide.resize((288, 144), Image.Resampling.BILINEAR, reducing_gap=3.0))
    assert np.array_equal(a[72:216], inner)
    assert np.array_equal(letterbox(np.asarray(wide), HASHTAG_LETTERBOX), a)  # from an array alike
    tall = letterbox(wide.transpose(Image.Transpose.ROTATE_90), HASHTAG_LETTERBOX)
    assert (tall[:, :72] == LETTERBOX_GREY).all() and (tall[:, -72:] == LETTERBOX_GREY).all()


def test_the_picture_analyzer_gives_the_head_its_crop_and_the_letterboxed_photo(shared_datasets):
    from pose_desktop.analysis.picture import PictureAnalyzer

    picture = PictureAnalyzer()
    assert picture.hashtags.crop == HASHTAG_CROP and picture.hashtags.letterbox == HASHTAG_LETTERBOX
    images = [decode_image(p, 1280).native for p in _dogs(shared_datasets, 2)]
    x, views = picture.views(images[0])
    assert np.array_equal(x, preprocess_imagenet(images[0])) and views.shape == (2, 288, 288, 3)
    assert np.array_equal(views[0], centre_crop(images[0], HASHTAG_CROP))
    assert np.array_equal(views[1], letterbox(images[0], HASHTAG_LETTERBOX))
    both = np.stack([picture.views(im)[1] for im in images])
    mob, cloth = picture.hashtag_features(None, both)
    assert mob.shape == (2, 2560) and cloth.shape == (2, 5120)
    # each view's MobileNetV2 block at length 1/sqrt(2), side by side, in the head's order
    crop_feats = picture.backbone.features(both[:, 0])
    assert np.allclose(mob[:, :1280], crop_feats / np.linalg.norm(crop_feats, axis=1, keepdims=True) / 2 ** 0.5,
                       atol=1e-6)
    assert np.allclose(np.linalg.norm(mob[:, 1280:], axis=1), 2 ** -0.5, atol=1e-5)
    assert np.allclose(cloth[:, 2560:], picture.clothing.features(both[:, 1]), atol=1e-6)
    # one photo alone gets what it gets in a batch (a dropped file and the library pass)
    alone = picture.hashtag_features(None, both[1:])
    assert np.allclose(alone[0], mob[1:], atol=1e-6) and np.allclose(alone[1], cloth[1:], atol=1e-6)


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


def test_the_clothing_facts_and_the_heads_clothing_input_come_from_one_run_of_its_crop(shared_datasets):
    """The clothing graph runs once per photo, on the head's two views: the crop's
    probabilities are the clothing facts (the classifiers are trained on that view), the
    views' features the head's clothing input; no run on the 224 px crop."""
    from pose_desktop.analysis.picture import PictureAnalyzer
    from pose_desktop.tagging.clothing_labels import hat_checked

    picture = PictureAnalyzer()
    images = [decode_image(p, 1280).native for p in _dogs(shared_datasets, 3)]
    pixels = picture._pixel_models(images, None)
    views = np.stack([picture.views(im)[1] for im in images])
    crops = np.stack([picture.clothing_crop(im) for im in images])
    assert picture.hashtags.crop == CLOTHING_CROP and np.array_equal(crops, views[:, 0])
    assert np.allclose(pixels.fine, hat_checked(*picture.clothing.predict(crops)), atol=1e-5)
    assert np.allclose(pixels.head_clothing, picture.hashtag_features(None, views)[1], atol=1e-6)
    small = hat_checked(*picture.clothing.predict(np.stack([preprocess_imagenet(im) for im in images])))
    assert np.abs(pixels.fine - small).max() > 1e-3  # another view, other probabilities


def test_a_head_of_the_224_px_crop_alone_gets_the_clothing_facts_and_features_of_that_crop(shared_datasets, tmp_path):
    """A head without views of its own (no ``crop`` metadata): the clothing graph's one run
    is on the 224 px crop, which gives the facts and the head's input."""
    import onnx

    from pose_desktop.analysis.picture import PictureAnalyzer
    from pose_desktop.inference.manifest import file_sha256
    from pose_desktop.paths import models_dir
    from pose_desktop.tagging.clothing_labels import hat_checked

    head = onnx.load(str(models_dir() / "hashtag_head.onnx"))
    kept = [p for p in head.metadata_props if p.key not in ("crop", "letterbox")]
    del head.metadata_props[:]
    head.metadata_props.extend(kept)
    onnx.save(head, str(tmp_path / "hashtag_head.onnx"))
    for name in ("mobilenet_v2.onnx", "clothing_head.onnx"):
        (tmp_path / name).symlink_to(models_dir() / name)
    (tmp_path / "MODELS.md").write_text("".join(  # the files' checksums, as the app checks them
        f"## {f.name}\n- sha256: {file_sha256(f)}\n\n" for f in sorted(tmp_path.glob("*.onnx"))), encoding="utf-8")
    picture = PictureAnalyzer(tmp_path)
    images = [decode_image(p, 1280).native for p in _dogs(shared_datasets, 2)]
    x, views = picture.views(images[0])
    assert views is None and picture.hashtags.crop == BACKBONE_CROP
    assert np.array_equal(picture.clothing_crop(images[0]), x)
    pixels = picture._pixel_models(images, None)
    x = np.stack([preprocess_imagenet(im) for im in images])
    fine, hat, feats = picture.clothing.predict_all(x)
    assert np.allclose(pixels.fine, hat_checked(fine, hat), atol=1e-5)
    assert np.allclose(pixels.head_clothing, feats, atol=1e-6)
    assert np.allclose(pixels.head_features, picture.backbone.predict(x)[1], atol=1e-6)
