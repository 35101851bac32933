"""Garment classes of the clothing model, with Korean and English names.

The fine classes are those of the CC0 clothing set the model is trained on; the coarse
types are the Eyepic project's four (dress / outerwear / top / bottom) plus "other"
(hats, shoes), which are accessories rather than a garment type.
"""

from __future__ import annotations

FINE_CLASSES: tuple[str, ...] = (
    "dress",
    "hat",
    "longsleeve",
    "outwear",
    "pants",
    "shirt",
    "shoes",
    "shorts",
    "skirt",
    "t-shirt",
)
COARSE_CLASSES: tuple[str, ...] = ("dress", "outerwear", "top", "bottom", "other")
FINE_TO_COARSE: dict[str, str] = {
    "dress": "dress",
    "outwear": "outerwear",
    "t-shirt": "top",
    "shirt": "top",
    "longsleeve": "top",
    "pants": "bottom",
    "shorts": "bottom",
    "skirt": "bottom",
    "hat": "other",
    "shoes": "other",
}
# Shoes and hats are shown only where the ImageNet backbone sees them too: its labels of
# the accessory summed at least the cut (``tagging.scenes.describe``; else no garment and no
# colour). Trained on garment photos, the clothing model calls a person photo "shoes" or
# "hat" when nothing else fits. Of the 236 photos of hashtags/ and captioned/ it called
# "shoes", about one in twenty showed shoes (a tulip bouquet, a hand with henna, babies);
# at 0.05, 17 keep it (12 show shoes, by eye), and 58 of the 60 shoes of the clothing set.
# Of the 76 captioned photos it called "hat", the captions name a hat or cap on 13 (17 %);
# at 0.02, 24 keep it and the captions name one on 9 (38 %), and 43 of the 60 hats of the
# clothing set (ImageNet has no cap). Cuts chosen on these dev photos.
ACCESSORY_EVIDENCE: dict[str, tuple[tuple[str, ...], float]] = {
    "shoes": (("Loafer", "sandal", "cowboy boot", "clog", "running shoe", "sock"), 0.05),
    "hat": (("cowboy hat", "sombrero", "bonnet", "mortarboard", "shower cap", "crash helmet",
             "football helmet", "bathing cap", "bearskin"), 0.02),
}
# Names shown to the user and used as tags (kind "clothing").
FINE_NAMES: dict[str, tuple[str, str]] = {
    "dress": ("원피스", "dress"),
    "hat": ("모자", "hat"),
    "longsleeve": ("긴팔", "long sleeve"),
    "outwear": ("아우터", "outerwear"),
    "pants": ("바지", "pants"),
    "shirt": ("셔츠", "shirt"),
    "shoes": ("신발", "shoes"),
    "shorts": ("반바지", "shorts"),
    "skirt": ("치마", "skirt"),
    "t-shirt": ("티셔츠", "t-shirt"),
}
COARSE_NAMES: dict[str, tuple[str, str]] = {
    "dress": ("원피스", "dress"),
    "outerwear": ("아우터", "outerwear"),
    "top": ("상의", "top"),
    "bottom": ("하의", "bottom"),
    "other": ("잡화", "accessory"),
}
# Every clothing tag (fine classes and types): name -> (Korean, English)
NAMES: dict[str, tuple[str, str]] = {**FINE_NAMES, **COARSE_NAMES}
