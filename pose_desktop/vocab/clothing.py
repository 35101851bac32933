"""Garment classes of the clothing model, with Korean and English names.

The fine classes are those of the CC0 clothing set the model is trained on; the coarse
types are the Eyepic project's four (dress / outerwear / top / bottom) plus "other"
(hats, shoes), which are accessories rather than a garment type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class ClothingRule:
    """When a garment the clothing model names is shown (``tagging.scenes.describe``): its
    fine class where the class's probability reaches ``fine_cuts`` (absent: 0), else its
    type where the type's summed probability reaches ``type_cuts`` (absent: 0; "other" is
    never shown alone), else no garment and no colour; and no upper-body garment (``UPPER``)
    where the backbone's ``SWIMWEAR`` labels sum to ``swim_cut`` or more (None: never); of a
    shown garment's colours, those covering at least ``colour_share`` of its pixels."""

    fine_cuts: dict[str, float] = field(default_factory=dict)
    type_cuts: dict[str, float] = field(default_factory=dict)
    swim_cut: float | None = None
    colour_share: float = 0.0


NEVER = 1.01  # a cut no probability reaches
# garments worn on the upper body (no top is shown on a swimmer), and the ImageNet labels of
# swimwear that show a bare chest or a swimsuit
UPPER: frozenset[str] = frozenset({"dress", "outwear", "outerwear", "t-shirt", "shirt", "longsleeve", "top"})
SWIMWEAR: tuple[str, ...] = ("bikini", "maillot", "maillot tank suit", "swimming trunks")
# The rule the app shows garments by, chosen on 1,636 captioned Flickr8k photos of people
# (captioned/ and hashtags/) by benchmarks/quality_clothing_people.py: per class the lowest
# cut where the garments shown agree with the captions for at least 70 % of those the
# captions can check (the object tags' target, vocab.objects.TARGET_PRECISION; captions
# leave much out, so the true share is higher). Trained on product photos, the model is
# unsure on people: it called 142 of them "outerwear" and the captions confirm 45 % of those
# they can check (69 % above 0.6), "dress" 52 % (63 % above 0.4), "skirt" none of 11. A
# T-shirt (78 %) keeps every probability. Swimwear the backbone sees (>= 0.2) shows no top:
# before, 13 of 74 photos captioned shirtless / bikini / swimsuit got one, now 2 (CV).
# Colours only where one covers at least 52.5 % of the garment: the colours shown agreed
# with the captions' 41 % of the time, the dominant ones 70 % (CV). 5-fold CV: checkable
# precision 59.0 % -> 76.9 %, garments shown on 449 -> 278 of the photos; of the 600
# garment photos of the clothing set 540 keep their class (549 before; in-sample) and 375
# a colour (549 before).
SHOWN = ClothingRule(
    fine_cuts={"dress": 0.4, "outwear": 0.6, "shirt": 0.4, "skirt": 0.45},
    type_cuts={"top": 0.65, "bottom": 0.5, "dress": NEVER, "outerwear": NEVER},
    swim_cut=0.2,
    colour_share=0.525,
)

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
