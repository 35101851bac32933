"""Garment colour namer: palette rules on synthetic patches, agreement on real garments."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PIL import Image, ImageOps

from pose_desktop.tagging.colours import garment_colours, name_pixels
from pose_desktop.vocab.colours import COLOUR_NAMES

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "rgb,name",
    [
        ((200, 30, 30), "red"), ((20, 20, 20), "black"), ((245, 245, 245), "white"),
        ((128, 128, 128), "grey"), ((30, 60, 200), "blue"), ((20, 30, 80), "navy"),
        ((40, 150, 60), "green"), ((240, 220, 40), "yellow"), ((240, 140, 20), "orange"),
        ((120, 70, 30), "brown"), ((225, 205, 170), "beige"), ((240, 160, 190), "pink"),
        ((110, 40, 150), "purple"),
    ],
)
def test_palette_names(rgb, name):
    assert COLOUR_NAMES[int(name_pixels(np.array([rgb], dtype=np.uint8))[0])] == name


def test_garment_on_a_contrasting_background_is_named_not_the_background():
    img = np.full((300, 300, 3), (235, 235, 235), dtype=np.uint8)  # white backdrop
    img[60:240, 80:220] = (30, 60, 200)  # a blue garment
    cols = garment_colours(Image.fromarray(img))
    assert cols[0].name == "blue" and cols[0].share > 0.8


def test_colour_agreement_on_garments_labelled_by_eye(shared_datasets):
    rows = [r for r in csv.DictReader(
        line for line in open(REPO / "benchmarks" / "clothing_colours.csv", encoding="utf-8")
        if not line.startswith("#"))]
    folder = shared_datasets / "clothing" / "images"
    ok = 0
    for r in rows:
        with Image.open(folder / r["file"]) as im:
            top = garment_colours(ImageOps.exif_transpose(im))[0].name
        ok += top == r["colour"] or top in r["also_ok"].split()
    assert ok / len(rows) >= 0.75


def test_a_batch_names_each_garment_as_alone_from_arrays_or_pil_images():
    from pose_desktop.tagging.colours import garment_colours_batch

    def garment(size, backdrop, colour):
        img = np.full((size[1], size[0], 3), backdrop, dtype=np.uint8)
        h, w = img.shape[:2]
        img[h // 5 : 4 * h // 5, w // 4 : 3 * w // 4] = colour
        return img

    images = [
        garment((300, 400), (235, 235, 235), (30, 60, 200)),  # blue on white, portrait
        Image.fromarray(garment((640, 360), (20, 20, 20), (240, 220, 40))),  # yellow on black
        garment((256, 256), (90, 140, 60), (200, 30, 40)),  # red on green
        Image.fromarray(garment((500, 500), (235, 235, 235), (120, 70, 30))).convert("L"),  # grey mode
    ]
    boxes = [None, None, (0.0, 0.5, 1.0, 1.0), None]
    batch = garment_colours_batch(images, boxes)
    alone = [garment_colours(im if isinstance(im, Image.Image) else Image.fromarray(im), box)
             for im, box in zip(images, boxes, strict=True)]
    assert batch == alone
    assert [cols[0].name for cols in batch[:3]] == ["blue", "yellow", "red"]
    assert garment_colours_batch([]) == []
