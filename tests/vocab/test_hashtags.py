import pytest

from pose_desktop.vocab.hashtags import (
    BUILTIN_HASHTAGS,
    HashtagNormalizer,
    clean,
    english_name,
    extract_hashtags,
)

ORIGINAL_20 = "강아지 결혼 고양이 꽃 네일아트 독서 등산 떡볶이 봄 생일 셀카 여름 여행 운동 육아 치킨 카페 캠핑 커플 패션".split()


def test_the_original_twenty_have_english_names():
    for tag in ORIGINAL_20:
        assert tag in BUILTIN_HASHTAGS
        assert english_name(tag)


@pytest.mark.parametrize(
    "variant",
    ["#강아지", "댕댕이", "멍스타그램", "강아지스타그램", "Puppy", "#DOG", "dogsofinstagram", "dogs"],
)
def test_dog_variants_fold_to_one_tag(variant):
    assert HashtagNormalizer().normalize(variant) == "강아지"


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [("육아스타그램", "육아"), ("육아일상", "육아"), ("럽스타그램", "커플"), ("먹스타그램", "음식"),
     ("ootd", "패션"), ("데일리룩", "패션"), ("Café", "카페"), ("travelgram", "여행"),
     ("셀스타그램", "셀카"), ("떡볶이맛집", "떡볶이"), ("NailArt", "네일아트"), ("헬스타그램", "운동")],
)
def test_suffixes_and_synonyms(variant, canonical):
    assert HashtagNormalizer().normalize(variant) == canonical


def test_nfc_and_case_folding():
    decomposed = "\u1100\u1161\u11bc\u110b\u1161\u110c\u1175"  # 강아지 in Jamo (NFD)
    assert HashtagNormalizer().normalize(decomposed) == "강아지"
    assert clean("#SunSet ") == "sunset"


def test_unknown_tags_keep_their_spelling_and_are_not_over_stemmed():
    n = HashtagNormalizer()
    assert n.normalize("#Sunset") == "sunset"
    assert n.normalize("인스타그램") == "인스타그램"
    assert n.normalize("") == ""


def test_user_merges_apply_and_chain_without_cycles():
    n = HashtagNormalizer({"노을": "sunset", "sunset": "노을"})
    assert n.normalize("노을") in {"노을", "sunset"}
    n = HashtagNormalizer({"멍멍": "강아지"})
    assert n.normalize("멍멍") == "강아지"
    assert HashtagNormalizer({"강아지": "반려동물"}).normalize("댕댕이") == "반려동물"


def test_extract_hashtags_from_caption():
    text = "Sunday walk 🐶 #강아지 #산책,#Puppy #강아지 email a#b &#39;"
    assert extract_hashtags(text) == ["강아지", "산책", "Puppy"]
