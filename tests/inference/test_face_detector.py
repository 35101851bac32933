"""The MTCNN detector on real faces: every input form gives the same faces."""

from __future__ import annotations

import numpy as np
from PIL import Image

from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.face_models import FaceDetector


def test_array_pil_and_prepared_pyramid_find_the_same_faces(shared_datasets):
    files = sorted((shared_datasets / "faces" / "images").glob("*.jpg"))[:4]
    det = FaceDetector()
    # two people side by side on a wider canvas, one face touching the left edge
    a, b = (decode_image(f).image for f in files[:2])
    canvas = Image.new("RGB", (a.width + b.width + 200, max(a.height, b.height) + 100), (40, 90, 40))
    canvas.paste(a, (-60, 50))
    canvas.paste(b, (a.width + 100, 20))
    for img in [canvas] + [decode_image(f).image for f in files[2:]]:
        arr = np.asarray(img)
        got = [det.detect(arr), det.detect(img), det.detect(det.pyramid(img))]
        assert got[0], "a face of the dev set was missed"
        for other in got[1:]:
            assert len(other) == len(got[0])
            for x, y in zip(got[0], other, strict=True):
                np.testing.assert_array_equal(x.box, y.box)
                np.testing.assert_array_equal(x.landmarks, y.landmarks)
    assert len(det.detect(canvas)) == 2


def test_rnet_gives_the_same_outputs_in_chunks_as_in_one_run(shared_datasets):
    # R-Net runs its windows ``batch_size`` at a time to bound the memory it holds; the
    # chunks must not change a single bit of what it says about a window
    from pose_desktop.inference import transforms as T

    det = FaceDetector()
    image = decode_image(sorted((shared_datasets / "captioned" / "images").glob("*.jpg"))[0]).image
    w, h = image.size
    rng = np.random.default_rng(0)
    n = 3 * det.rnet.batch_size + 7
    x1, y1 = rng.uniform(0, w - 30, n), rng.uniform(0, h - 30, n)
    side = rng.uniform(20, 120, n)
    boxes = T.clip_boxes(np.floor(np.stack([x1, y1, x1 + side, y1 + side], axis=1)), w, h)
    x = T.area_patches(T.integral_image(np.asarray(image)), boxes, 24, 127.5, 1 / 128)
    chunked = det.rnet.run_batched(x)
    whole = det.rnet.run(x)
    assert len(x) > det.rnet.batch_size
    for a, b in zip(chunked, whole, strict=True):
        np.testing.assert_array_equal(a, b)
