"""Reviewed mapping from ImageNet-1k labels to the scenes and objects the app tags.

A scene's score is the sum of the backbone's softmax probabilities over its labels (so it
is still a probability); a scene is tagged when that sum reaches its threshold. Labels
are written by name (as in models/imagenet_labels.json) so a reviewer can read them;
``"#a-b"`` means the contiguous index block a..b (the 118 dog breeds, say), with its
first and last names in the comment. tests/tagging/test_scene_map.py checks that every
name exists and that every built-in hashtag is covered here or has a stated reason.

Review notes (what was left out on purpose):
- ImageNet's "nail" (677) is the metal fastener, not a fingernail: 네일아트 has no label.
- "hen"/"cock" are live birds, not fried chicken: 치킨 has no label.
- No Korean dishes: 떡볶이 has no label (the generic "food" scene still fires).
- People: only "groom", "ballplayer", "scuba diver" are person classes; adult/child come
  from faces (``faces.py``) and the worn-garment labels below mark "person" evidence.
- Evidence only (``SHOWN_ELSEWHERE``): the scenes that name a thing another tag group
  shows (dog, cat, bird, animal, book, car: Objects; clothing: Clothing; person: People)
  are never scene tags, so one thing is in one group under one name; the hashtag rules
  and relevance flags still read them (``PictureFacts.seen``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scene:
    """A scene or object category derived from ImageNet labels."""

    key: str
    ko: str
    en: str
    labels: tuple[str, ...]
    threshold: float = 0.3


SCENES: tuple[Scene, ...] = (
    Scene("dog", "강아지", "dog", ("#151-268",), 0.35),  # Chihuahua .. Mexican hairless
    Scene("cat", "고양이", "cat", ("#281-285", "Angora"), 0.35),  # tabby .. Egyptian cat
    Scene(
        "animal",
        "동물",
        "animal",
        # fish, birds, reptiles, amphibians, mammals, insects (0..397), less none
        ("#0-397",),
        0.5,
    ),
    Scene(
        "bird",
        "새",
        "bird",
        ("#7-24", "#80-100", "#127-146"),  # cock .. great grey owl, grouse .. swan, storks .. albatross
        0.4,
    ),
    Scene(
        "food",
        "음식",
        "food",
        (
            "#924-965",  # guacamole .. burrito (dishes, fruit, vegetables)
            "plate", "soup bowl", "hot pot", "wok", "frying pan", "Dutch oven", "rotisserie",
            "pretzel", "bagel", "French loaf", "bakery", "confectionery", "butcher shop",
            "restaurant", "waffle iron", "meat loaf", "mixing bowl", "Crock Pot", "caldron",
        ),
        0.35,
    ),
    Scene(
        "drink",
        "음료",
        "drink",
        (
            "red wine", "espresso", "cup", "eggnog", "coffee mug", "coffeepot", "teapot",
            "espresso maker", "beer bottle", "beer glass", "wine bottle", "goblet",
            "cocktail shaker", "water jug", "whiskey jug", "pop bottle", "water bottle",
            "pitcher", "milk can",
        ),
        0.3,
    ),
    Scene(
        "dessert",
        "디저트",
        "dessert",
        ("trifle", "ice cream", "ice lolly", "chocolate sauce", "confectionery", "bakery"),
        0.3,
    ),
    Scene(
        "flower",
        "꽃",
        "flower",
        ("daisy", "yellow lady's slipper", "rapeseed", "vase", "pot", "greenhouse", "hip"),
        0.3,
    ),
    Scene("mountain", "산", "mountain", ("alp", "valley", "volcano", "cliff"), 0.3),
    Scene(
        "sea",
        "바다",
        "sea",
        (
            "seashore", "sandbar", "promontory", "coral reef", "breakwater", "snorkel",
            "scuba diver", "catamaran", "trimaran", "yawl", "schooner", "liner", "speedboat",
            "lifeboat", "wreck", "grey whale", "killer whale", "sea lion", "starfish",
        ),
        0.3,
    ),
    # swimwear is left out: on its own (a flat-lay, a shop photo) it is not a beach
    Scene("beach", "해변", "beach", ("seashore", "sandbar"), 0.3),
    Scene("lake", "호수", "lake", ("lakeside", "boathouse", "canoe", "paddle", "dam"), 0.3),
    Scene(
        "gym",
        "헬스장",
        "gym",
        ("barbell", "dumbbell", "parallel bars", "horizontal bar", "balance beam",
         "punching bag"),
        0.25,
    ),
    Scene(
        "sport",
        "스포츠",
        "sport",
        (
            "basketball", "soccer ball", "tennis ball", "volleyball", "rugby ball",
            "football helmet", "golf ball", "golfcart", "racket", "ping-pong ball", "baseball",
            "ballplayer", "croquet ball", "puck", "ski", "mountain bike", "unicycle",
            "bicycle-built-for-two", "scoreboard", "knee pad", "crash helmet",
            # running shoes and swimwear are left out: they are everyday clothes too
        ),
        0.3,
    ),
    Scene(
        "book",
        "책",
        "book",
        ("book jacket", "library", "bookshop", "bookcase", "comic book", "binder",
         "crossword puzzle"),
        0.3,
    ),
    Scene(
        "camping",
        "캠핑",
        "camping",
        # "sleeping bag" left out: puffer jackets score high on it
        ("mountain tent", "recreational vehicle", "yurt"),
        0.3,
    ),
    # "gown"/"hoopskirt" left out: ordinary dresses score high on them
    Scene("wedding", "웨딩", "wedding", ("groom", "altar"), 0.3),
    Scene("party", "파티", "party", ("candle", "balloon", "pinwheel", "jack-o'-lantern"), 0.3),
    Scene(
        "landmark",
        "명소",
        "landmark",
        (
            "palace", "castle", "church", "mosque", "monastery", "stupa", "triumphal arch",
            "obelisk", "pier", "suspension bridge", "steel arch bridge", "viaduct", "dome",
            "cliff dwelling", "megalith", "bell cote", "fountain", "totem pole", "planetarium",
            "boathouse", "dock",
        ),
        0.3,
    ),
    Scene(
        "transport",
        "교통",
        "transport",
        ("airliner", "airship", "bullet train", "passenger car", "electric locomotive",
         "steam locomotive", "streetcar", "trolleybus", "liner", "container ship", "school bus",
         "minibus", "cab"),
        0.3,
    ),
    Scene(
        "car",
        "자동차",
        "car",
        ("sports car", "convertible", "jeep", "limousine", "minivan", "racer", "beach wagon",
         "Model T", "pickup", "car wheel", "grille", "cab"),
        0.3,
    ),
    Scene("snow", "눈", "snow", ("ski", "snowmobile", "dogsled", "bobsled", "snowplow",
                                 "ski mask", "mitten"), 0.3),
    Scene(
        "baby",
        "아기용품",
        "baby things",
        ("crib", "cradle", "bassinet", "diaper", "bib", "nipple", "teddy", "toyshop",
         "rocking chair"),
        0.25,
    ),
    Scene(
        "clothing",
        "옷",
        "clothing",
        (
            "jersey", "sweatshirt", "cardigan", "suit", "trench coat", "fur coat", "poncho",
            "kimono", "abaya", "cloak", "overskirt", "hoopskirt", "gown", "jean", "miniskirt",
            "sarong", "pajama", "stole", "lab coat", "military uniform", "academic gown",
            "bulletproof vest", "brassiere", "bikini", "swimming trunks", "maillot",
            "maillot tank suit", "bow tie", "Windsor tie", "bolo tie", "apron", "vestment",
            "feather boa", "sock", "Loafer", "sandal", "cowboy boot", "clog", "running shoe",
            "cowboy hat", "sombrero", "bonnet", "mortarboard", "shower cap", "wig", "sunglass",
            "sunglasses", "purse", "backpack", "necklace", "velvet", "wool", "shoe shop",
        ),
        0.3,
    ),
    Scene(
        "beauty",
        "뷰티",
        "beauty",
        ("lipstick", "face powder", "lotion", "perfume", "hair spray", "hair slide",
         "sunscreen", "barbershop", "barber chair"),
        0.3,
    ),
    Scene(
        "person",
        "사람",
        "person",
        ("groom", "ballplayer", "scuba diver", "suit", "jersey", "sweatshirt", "miniskirt",
         "military uniform", "lab coat", "academic gown", "kimono", "abaya", "bikini",
         "swimming trunks", "maillot", "maillot tank suit", "bow tie", "Windsor tie",
         "wig", "sunglasses", "sunglass", "gown", "cardigan", "trench coat", "fur coat",
         "stole", "brassiere", "pajama", "mortarboard", "cowboy hat", "sombrero", "bonnet"),
        0.35,
    ),
)
SCENE_BY_KEY: dict[str, Scene] = {s.key: s for s in SCENES}

# scene -> the tag kind that shows that thing instead (the scene is evidence only, never a
# scene tag in the tree, detail panel, search or XMP)
SHOWN_ELSEWHERE: dict[str, str] = {
    "dog": "object", "cat": "object", "bird": "object", "animal": "object", "book": "object",
    "car": "object", "clothing": "clothing", "person": "person",
}
SHOWN_SCENES: frozenset[str] = frozenset(s.key for s in SCENES if s.key not in SHOWN_ELSEWHERE)

# Built-in hashtags (the original project's 20) -> the evidence that suggests each one.
# Evidence keys: "scene:<key>" (above), "face:<selfie|couple|child|adult>" (faces.py),
# "people:<couple|selfie|group|reading>" (the detector's people with the faces,
# tagging/objects.py; first where both exist: where the detector ran, its people decide),
# "season:<spring|summer|autumn|winter>" (photo date), "clothing" (clothing model).
HASHTAG_EVIDENCE: dict[str, tuple[str, ...]] = {
    "강아지": ("scene:dog",),
    "결혼": ("scene:wedding",),
    "고양이": ("scene:cat",),
    "꽃": ("scene:flower",),
    "네일아트": (),
    # a book in a person's hands; "book jacket" alone fires on posters and comics
    "독서": ("people:reading",),
    "등산": ("scene:mountain",),
    "떡볶이": (),
    "봄": ("season:spring",),  # flowers bloom all year (the flower folder): only a real date
    "생일": ("scene:party", "scene:dessert"),
    "셀카": ("people:selfie", "face:selfie"),
    "여름": ("season:summer", "scene:beach", "scene:sea"),
    "여행": ("scene:landmark", "scene:mountain", "scene:sea", "scene:transport", "scene:lake"),
    "운동": ("scene:gym", "scene:sport"),
    "육아": ("face:child", "scene:baby"),
    "치킨": (),
    "카페": ("scene:drink", "scene:dessert"),
    "캠핑": ("scene:camping",),
    "커플": ("people:couple", "face:couple"),
    "패션": ("clothing", "scene:clothing"),
}
# Why a built-in hashtag has no model evidence; the personal model can still learn it
# from the user's own captioned posts.
UNSUPPORTED_REASON: dict[str, str] = {
    "네일아트": "ImageNet has no fingernail or manicure class ('nail' is the metal fastener)",
    "떡볶이": "ImageNet has no Korean dishes; only the generic food scene fires",
    "치킨": "ImageNet's 'hen'/'cock' are live birds; it has no fried-chicken class",
}


def label_indices(scene: Scene, labels: tuple[str, ...]) -> list[int]:
    """Resolve a scene's label names and '#a-b' blocks to ImageNet indices.

    Raises KeyError for a name that is not an ImageNet label (the table is checked).
    """
    pos = {name: i for i, name in enumerate(labels)}
    out: set[int] = set()
    for item in scene.labels:
        if item.startswith("#"):
            a, b = item[1:].split("-")
            out.update(range(int(a), int(b) + 1))
        else:
            out.add(pos[item])
    return sorted(out)
