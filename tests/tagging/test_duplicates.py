"""Near-duplicates on real photos: copies of one shot are grouped, two different shots of
one person are not (cosine alone grouped them)."""

from __future__ import annotations

from PIL import Image, ImageEnhance

from pose_desktop.services import Library
from pose_desktop.tagging import similar


def test_copies_grouped_and_other_shots_of_one_person_not(tmp_path, shared_datasets):
    faces = shared_datasets / "faces" / "images"
    pics = tmp_path / "pics"
    pics.mkdir()
    for n in ("0006", "0025"):  # one person, two shots: feature cosine 0.937
        Image.open(faces / f"Megawati_Sukarnoputri_{n}.jpg").convert("RGB").save(pics / f"m{n}.jpg")
    im = Image.open(faces / "Megawati_Sukarnoputri_0006.jpg").convert("RGB")
    w, h = im.size
    im.resize((w // 2, h // 2)).save(pics / "m0006_half.jpg", quality=85)
    im.crop((w // 20, h // 20, w - w // 20, h - h // 20)).save(pics / "m0006_crop.jpg")
    ImageEnhance.Brightness(im).enhance(1.12).save(pics / "m0006_bright.jpg")
    lib = Library(tmp_path / "c.sqlite")
    try:
        list(lib.photos.index_folder(pics))
        list(lib.analysis.analyze(["picture"]))
        name = {lib.photos.resolve(str(p)): p.stem for p in pics.glob("*.jpg")}
        groups = [sorted(name[i] for i in g) for g in lib.pictures.duplicate_groups()]
        assert groups == [["m0006", "m0006_bright", "m0006_crop", "m0006_half"]]
        # what the old rule (cosine alone) did: the other shot joined the group
        old = [sorted(name[i] for i in g) for g in lib.pictures.duplicate_groups(
            similar.LEGACY_DUPLICATE_THRESHOLD, thumb_distance=1.0)]
        assert any("m0025" in g for g in old)
    finally:
        lib.close()


def test_thumb_distance_is_small_for_copies_large_for_other_pictures(tmp_path):
    import numpy as np

    rng = np.random.default_rng(3)
    base = (rng.random((12, 16)) * 255).astype(np.uint8)  # smooth, like a photo at 64 px
    a = Image.fromarray(base).resize((400, 300), Image.Resampling.BICUBIC)
    a.save(tmp_path / "a.jpg")
    a.resize((200, 150)).save(tmp_path / "half.jpg", quality=60)
    a.crop((20, 15, 380, 285)).save(tmp_path / "crop.jpg")
    Image.fromarray(255 - base).resize((400, 300)).save(tmp_path / "negative.jpg")
    sig = {n: similar.thumb_signature(tmp_path / f"{n}.jpg") for n in ("a", "half", "crop", "negative")}
    assert similar.thumb_distance(sig["a"], sig["half"]) < 0.02
    assert similar.thumb_distance(sig["a"], sig["crop"]) < similar.THUMB_DISTANCE
    assert similar.thumb_distance(sig["a"], sig["negative"]) > 0.5  # unrelated: about 0.5
    assert similar.thumb_distance(sig["a"], similar.thumb_signature(tmp_path / "missing.jpg")) == 1.0
