"""The reviewed object vocabulary: the only object names users see (tree, detail, search, XMP).

Object tags come from two models, each through a reviewed table into one vocabulary
(``NAMES``: key -> (Korean, English)):

- the COCO detector (models/object_detector.onnx): ``COCO_OBJECTS`` maps its class names
  to keys. Left out on review: "person" (people are told by the faces and the people facts,
  not as an object tag on most photos) and "toilet" (embarrassing on bathroom mirror
  selfies; the detector's own upstream app drops it too).
- the ImageNet backbone (models/mobilenet_v2.onnx): ``IMAGENET_OBJECTS`` maps a reviewed
  subset of its 1000 labels (things of everyday photos that COCO lacks, or names it better:
  coffee, beer, guitar, tent, balloon, dumbbell...) to keys, and its dog breeds and cats
  (``IMAGENET_OBJECT_BLOCKS``) to dog and cat. A key's ImageNet score is the sum of its
  labels' probabilities. Every other ImageNet label (garments such as "brassiere",
  "academic gown", "pickelhaube", "neck brace", "toilet tissue") never becomes an object tag; scenes (vocab/scene_map.py) use them through their own review.

Each key belongs to a group; a tag is kept only at or above its group's calibrated
threshold for that model (``DETECTOR_MIN`` / ``IMAGENET_MIN``; ``DETECTOR_KEY_MIN`` for
keys calibrated alone): the lowest score at which the group's tags agreed with what the
dev photos' five captions (or their folder: dogs, cats, coffee cups, face portraits) say
for at least ``TARGET_PRECISION`` of them (``ANIMAL_TARGET_PRECISION`` for the detector's
animals) (2,187 photos of ../shared/datasets hashtags/, captioned/ and faces/; benchmarks/calibrate_objects.py prints the
thresholds and their 5-fold cross-validated precision and recall; models/MODELS.md "Object
tags"). Captions leave out much of what a photo shows, so the true precision is higher
and the thresholds err on the side of showing less. A group with too few tags reaching
the target (furniture, electronics, most food: captions rarely name them) falls back to
``DETECTOR_FALLBACK`` / ``IMAGENET_FALLBACK``: the stricter of the threshold calibrated over
all of the model's tags pooled and the strictest calibrated group.
"""

from __future__ import annotations

VERSION = "voc-2"  # stored with the object tags: bump when a table or threshold changes
TARGET_PRECISION = 0.7
# The detector's animals are held to more: it tells them apart badly ("horse" 0.60 on a
# dog, "cat" 0.46 on a face portrait) and a wrong animal is what users notice first.
ANIMAL_TARGET_PRECISION = 0.9

# key -> (Korean, English, group)
_OBJECTS: dict[str, tuple[str, str, str]] = {
    # animals
    "dog": ("강아지", "dog", "animal"),  # as the hashtag #강아지 and the dog scene name it
    "cat": ("고양이", "cat", "animal"),
    "bird": ("새", "bird", "animal"),
    "horse": ("말", "horse", "animal"),
    "sheep": ("양", "sheep", "animal"),
    "cow": ("소", "cow", "animal"),
    "elephant": ("코끼리", "elephant", "animal"),
    "bear": ("곰", "bear", "animal"),
    "zebra": ("얼룩말", "zebra", "animal"),
    "giraffe": ("기린", "giraffe", "animal"),
    # food
    "banana": ("바나나", "banana", "food"),
    "apple": ("사과", "apple", "food"),
    "orange": ("오렌지", "orange", "food"),
    "strawberry": ("딸기", "strawberry", "food"),
    "pineapple": ("파인애플", "pineapple", "food"),
    "lemon": ("레몬", "lemon", "food"),
    "broccoli": ("브로콜리", "broccoli", "food"),
    "carrot": ("당근", "carrot", "food"),
    "sandwich": ("샌드위치", "sandwich", "food"),
    "hot dog": ("핫도그", "hot dog", "food"),
    "hamburger": ("햄버거", "hamburger", "food"),
    "pizza": ("피자", "pizza", "food"),
    "pasta": ("파스타", "pasta", "food"),
    "burrito": ("부리토", "burrito", "food"),
    "bread": ("빵", "bread", "food"),
    "donut": ("도넛", "donut", "food"),
    "cake": ("케이크", "cake", "food"),
    "ice cream": ("아이스크림", "ice cream", "food"),
    # drinks
    "coffee": ("커피", "coffee", "drink"),
    "beer": ("맥주", "beer", "drink"),
    "wine": ("와인", "wine", "drink"),
    # tableware
    "cup": ("컵", "cup", "tableware"),
    "wine glass": ("와인잔", "wine glass", "tableware"),
    "bottle": ("병", "bottle", "tableware"),
    "bowl": ("그릇", "bowl", "tableware"),
    "fork": ("포크", "fork", "tableware"),
    "knife": ("나이프", "knife", "tableware"),
    "spoon": ("숟가락", "spoon", "tableware"),
    "teapot": ("찻주전자", "teapot", "tableware"),
    # vehicles
    "bicycle": ("자전거", "bicycle", "vehicle"),
    "car": ("자동차", "car", "vehicle"),
    "motorcycle": ("오토바이", "motorcycle", "vehicle"),
    "scooter": ("스쿠터", "scooter", "vehicle"),
    "airplane": ("비행기", "airplane", "vehicle"),
    "bus": ("버스", "bus", "vehicle"),
    "train": ("기차", "train", "vehicle"),
    "truck": ("트럭", "truck", "vehicle"),
    "boat": ("보트", "boat", "vehicle"),
    "canoe": ("카누", "canoe", "vehicle"),
    # sports and outdoors
    "sports ball": ("공", "ball", "sport"),
    "frisbee": ("프리스비", "frisbee", "sport"),
    "skis": ("스키", "skis", "sport"),
    "snowboard": ("스노보드", "snowboard", "sport"),
    "surfboard": ("서핑보드", "surfboard", "sport"),
    "skateboard": ("스케이트보드", "skateboard", "sport"),
    "kite": ("연", "kite", "sport"),
    "baseball bat": ("야구 배트", "baseball bat", "sport"),
    "baseball glove": ("야구 글러브", "baseball glove", "sport"),
    "tennis racket": ("테니스 라켓", "tennis racket", "sport"),
    "dumbbell": ("덤벨", "dumbbell", "sport"),
    "tent": ("텐트", "tent", "sport"),
    # things people carry or wear
    "backpack": ("배낭", "backpack", "accessory"),
    "handbag": ("핸드백", "handbag", "accessory"),
    "suitcase": ("여행 가방", "suitcase", "accessory"),
    "umbrella": ("우산", "umbrella", "accessory"),
    "tie": ("넥타이", "tie", "accessory"),
    "sunglasses": ("선글라스", "sunglasses", "accessory"),
    # party and music
    "balloon": ("풍선", "balloon", "party"),
    "candle": ("양초", "candle", "party"),
    "teddy bear": ("곰 인형", "teddy bear", "party"),
    "guitar": ("기타", "guitar", "music"),
    "piano": ("피아노", "piano", "music"),
    "violin": ("바이올린", "violin", "music"),
    # home and street
    "bench": ("벤치", "bench", "furniture"),
    "chair": ("의자", "chair", "furniture"),
    "couch": ("소파", "couch", "furniture"),
    "bed": ("침대", "bed", "furniture"),
    "dining table": ("식탁", "dining table", "furniture"),
    "potted plant": ("화분", "potted plant", "furniture"),
    "vase": ("꽃병", "vase", "furniture"),
    "clock": ("시계", "clock", "furniture"),
    "book": ("책", "book", "furniture"),
    "traffic light": ("신호등", "traffic light", "street"),
    "fire hydrant": ("소화전", "fire hydrant", "street"),
    "stop sign": ("정지 표지판", "stop sign", "street"),
    "parking meter": ("주차 요금기", "parking meter", "street"),
    # electronics and household
    "tv": ("텔레비전", "TV", "electronics"),
    "laptop": ("노트북", "laptop", "electronics"),
    "mouse": ("마우스", "computer mouse", "electronics"),
    "remote": ("리모컨", "remote control", "electronics"),
    "keyboard": ("키보드", "keyboard", "electronics"),
    "cell phone": ("휴대폰", "phone", "electronics"),
    "camera": ("카메라", "camera", "electronics"),
    "microwave": ("전자레인지", "microwave", "electronics"),
    "oven": ("오븐", "oven", "electronics"),
    "toaster": ("토스터", "toaster", "electronics"),
    "sink": ("싱크대", "sink", "electronics"),
    "refrigerator": ("냉장고", "refrigerator", "electronics"),
    "scissors": ("가위", "scissors", "electronics"),
    "hair drier": ("헤어드라이어", "hair dryer", "electronics"),
    "toothbrush": ("칫솔", "toothbrush", "electronics"),
}

NAMES: dict[str, tuple[str, str]] = {k: (ko, en) for k, (ko, en, _) in _OBJECTS.items()}
# other words a search finds an object by (never shown): the detector's other Korean name,
# and the everyday words people search their pets by (a puppy or kitten search finds
# every dog or cat: the models do not tell the young apart)
SEARCH_ALIASES: dict[str, tuple[str, ...]] = {
    "dog": ("개", "puppy", "doggy", "멍멍이", "댕댕이"),
    "cat": ("kitten", "kitty", "냥이", "야옹이"),
}
GROUP: dict[str, str] = {k: g for k, (_, _, g) in _OBJECTS.items()}
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(GROUP.values()))

# COCO class (inference.detector.COCO_CLASSES) -> key; "person" and "toilet" left out
COCO_OBJECTS: dict[str, str] = {
    c: c for c in (
        "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
        "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat",
        "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack",
        "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard",
        "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
        "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl",
        "banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza",
        "donut", "cake", "chair", "couch", "potted plant", "bed", "dining table", "tv",
        "laptop", "mouse", "remote", "keyboard", "cell phone", "microwave", "oven", "toaster",
        "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear",
        "hair drier", "toothbrush",
    )
}
COCO_LEFT_OUT: tuple[str, ...] = ("person", "toilet")

# ImageNet label (models/imagenet_labels.json) -> key: the reviewed subset
IMAGENET_OBJECTS: dict[str, str] = {
    "espresso": "coffee", "coffee mug": "coffee", "espresso maker": "coffee",
    "ice cream": "ice cream",
    "cheeseburger": "hamburger",
    "hotdog": "hot dog",
    "pizza": "pizza",
    "carbonara": "pasta",
    "burrito": "burrito",
    "French loaf": "bread", "bagel": "bread", "pretzel": "bread",
    "strawberry": "strawberry", "pineapple": "pineapple", "banana": "banana", "lemon": "lemon",
    "orange": "orange", "Granny Smith": "apple", "broccoli": "broccoli",
    "red wine": "wine", "wine bottle": "wine",
    "beer glass": "beer", "beer bottle": "beer",
    "teapot": "teapot",
    "sunglasses": "sunglasses", "sunglass": "sunglasses",
    "acoustic guitar": "guitar", "electric guitar": "guitar",
    "grand piano": "piano", "upright": "piano",
    "violin": "violin",
    "reflex camera": "camera", "Polaroid camera": "camera",
    "backpack": "backpack", "umbrella": "umbrella",
    "mountain bike": "bicycle", "bicycle-built-for-two": "bicycle",
    "mountain tent": "tent",
    "balloon": "balloon", "candle": "candle", "teddy": "teddy bear",
    "laptop": "laptop", "notebook": "laptop", "cellular telephone": "cell phone",
    "dumbbell": "dumbbell", "barbell": "dumbbell",
    "volleyball": "sports ball", "soccer ball": "sports ball", "basketball": "sports ball",
    "tennis ball": "sports ball", "rugby ball": "sports ball", "golf ball": "sports ball",
    "ski": "skis",
    "canoe": "canoe", "paddle": "canoe",
    "sports car": "car", "convertible": "car", "cab": "car", "minivan": "car", "jeep": "car",
    "limousine": "car",
    "airliner": "airplane",
    "school bus": "bus", "trolleybus": "bus",
    "passenger car": "train", "electric locomotive": "train", "steam locomotive": "train",
    "motor scooter": "scooter", "moped": "scooter",
}

# ImageNet index blocks -> key (as "#a-b" in vocab/scene_map.py): every dog breed, 151
# Chihuahua .. 268 Mexican hairless, summed is the dog; 281 tabby .. 285 Egyptian cat the
# cat. The backbone tells them far better than the detector does.
IMAGENET_OBJECT_BLOCKS: dict[str, tuple[int, int]] = {"dog": (151, 268), "cat": (281, 285)}


def imagenet_keys() -> frozenset[str]:
    """The keys an ImageNet score can give."""
    return frozenset(IMAGENET_OBJECTS.values()) | frozenset(IMAGENET_OBJECT_BLOCKS)


def imagenet_indices(labels: tuple[str, ...] | list[str]) -> dict[str, list[int]]:
    """key -> its reviewed ImageNet label indices (``labels``: the 1000 label names)."""
    pos = {name: i for i, name in enumerate(labels)}
    out: dict[str, list[int]] = {}
    for label, key in IMAGENET_OBJECTS.items():
        out.setdefault(key, []).append(pos[label])
    for key, (a, b) in IMAGENET_OBJECT_BLOCKS.items():
        out.setdefault(key, []).extend(range(a, b + 1))
    return out


# Calibrated thresholds per group (see the module docstring; benchmarks/calibrate_objects.py:
# CV precision / recall against captions in the comments); groups not listed use the fallback.
DETECTOR_MIN: dict[str, float] = {
    # ANIMAL_TARGET_PRECISION; the dogs folder counts as no other animal, the cats folder
    # as no other animal, the face portraits of faces/ as no animal at all (2,187 photos)
    "animal": 0.70,  # 0.918 / 0.107 (bird, horse, sheep, cow...: too few to calibrate alone)
    "sport": 0.50,  # 0.706 / 0.122
}
# Keys calibrated on their own (class-specific cuts, ANIMAL_TARGET_PRECISION), over the group's
DETECTOR_KEY_MIN: dict[str, float] = {
    "dog": 0.40,  # 0.907 / 0.594
    "cat": 0.58,  # 0.897 / 0.459
}
DETECTOR_FALLBACK = 0.54  # all detector tags pooled: 0.54 (0.708 / 0.215)
IMAGENET_MIN: dict[str, float] = {
    "animal": 0.26,  # 0.903 / 0.860 (ANIMAL_TARGET_PRECISION; dog, cat: their own below)
    "drink": 0.20,  # 0.989 / 0.648 (coffee, beer, wine)
    "vehicle": 0.56,  # 0.647 / 0.289
    "sport": 0.30,  # 0.700 / 0.321
}
IMAGENET_FALLBACK = 0.56  # all ImageNet tags pooled: 0.20 (0.832 / 0.583); vehicle: 0.56
IMAGENET_KEY_MIN: dict[str, float] = {
    "dog": 0.36,  # 0.901 / 0.901 (the 118 breeds summed)
    "cat": 0.20,  # 1.000 / 0.735
}


# Dog or cat, where the two models disagree (``tagging.objects.cross_checked``): where
# ImageNet shows one of the pair and not the other, the detector's other one is not shown
# when ImageNet's is one it is sure of, or where the detector shows both (it cannot tell
# them apart there). ImageNet is sure of its cat: at its cut it never fired on the 150
# dogs-folder photos nor the 120 face portraits; not of its dog (0.70-1.00 on 8 of the
# 150 cats-folder photos), so its dog only settles a detector torn between the two
# (benchmarks/calibrate_objects.py, "cross-check"; models/MODELS.md "Object tags").
RIVALS: dict[str, str] = {"dog": "cat", "cat": "dog"}
IMAGENET_SURE: frozenset[str] = frozenset({"cat"})

# Dog or cat of the backbone (MobileNetV2's summed breeds) against the hashtag head's
# calibrated probabilities of the same photo (``tagging.objects.head_checked``): the
# backbone's dog is not shown where the head gives #고양이 at least HEAD_SURE and #강아지
# under HEAD_UNSURE, and its cat likewise the other way round. The backbone calls cats
# dogs (26 of the 150 cats-folder photos); the head, out of fold, is sure of the cat on
# most of them. The cuts: the pair that takes the most wrong dogs and cats off with no
# right one lost, on the head's out-of-fold probabilities (5-fold CV: dogs-folder, cats-
# folder and portrait dog precision 0.835 -> 0.918, one right dog of 147 lost;
# benchmarks/calibrate_objects.py, "cross-check"; models/MODELS.md "Object tags").
HEAD_TAGS: dict[str, str] = {"dog": "강아지", "cat": "고양이"}  # object key -> the head's hashtag
HEAD_SURE = 0.90
HEAD_UNSURE = 0.25


def detector_min(key: str) -> float:
    """The detector score at which an object tag ``key`` is shown."""
    if key in DETECTOR_KEY_MIN:
        return DETECTOR_KEY_MIN[key]
    return DETECTOR_MIN.get(GROUP[key], DETECTOR_FALLBACK)


def imagenet_min(key: str) -> float:
    """The summed ImageNet probability at which an object tag ``key`` is shown."""
    if key in IMAGENET_KEY_MIN:
        return IMAGENET_KEY_MIN[key]
    return IMAGENET_MIN.get(GROUP[key], IMAGENET_FALLBACK)
