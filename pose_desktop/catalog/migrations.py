"""Schema migrations: small functions, applied in order, each in its own transaction.

Every migration is recorded in the ``_migrations`` table by name. Append new ones at the
end of ``MIGRATIONS`` (never edit or reorder released ones): a catalog made by an older
version opens and is upgraded step by step, with a backup taken first (see ``db.py``).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from pose_desktop.vocab import objects as object_vocab

from .dates import FILE_TIME, FOLDER, date_from_path, date_parts
from .fts import grams_of


def m0001_core(db: sqlite_utils.Database) -> None:
    """Photos keyed by content hash, the files where each was seen, tags, search."""
    db.execute(
        """
        CREATE TABLE photos (
            id INTEGER PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL DEFAULT 'image',
            format TEXT,
            width INTEGER,
            height INTEGER,
            orientation INTEGER,
            taken_at TEXT,
            date_source TEXT,
            year INTEGER,
            month INTEGER,
            day INTEGER,
            camera_make TEXT,
            camera_model TEXT,
            gps_lat REAL,
            gps_lon REAL,
            caption TEXT,
            hashtags TEXT NOT NULL DEFAULT '[]',
            has_thumb INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'ok',
            hidden INTEGER NOT NULL DEFAULT 0,
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_photos_date ON photos(status, hidden, year, month, day)")
    db.execute("CREATE INDEX idx_photos_taken ON photos(taken_at)")
    db.execute(
        """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            path TEXT NOT NULL UNIQUE,
            path_bytes BLOB,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            source TEXT NOT NULL DEFAULT 'folder',
            status TEXT NOT NULL DEFAULT 'ok',
            seen_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_files_photo ON files(photo_id)")
    db.execute(
        """
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            UNIQUE(kind, name)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE photo_tags (
            photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            score REAL,
            added_at TEXT NOT NULL,
            PRIMARY KEY (photo_id, tag_id, source)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX idx_photo_tags_tag ON photo_tags(tag_id, photo_id)")
    db.execute(
        "CREATE TABLE hashtag_merges (variant TEXT PRIMARY KEY, canonical TEXT NOT NULL)"
    )
    db.execute(
        """
        CREATE TABLE index_issues (
            path TEXT PRIMARY KEY,
            severity TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE TABLE catalog_meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute(
        "CREATE VIRTUAL TABLE photo_search USING fts5(text, tokenize='unicode61 remove_diacritics 2')"
    )


def m0002_instagram_posts(db: sqlite_utils.Database) -> None:
    """Instagram posts (one row per post, whatever path brought it) and their media."""
    db.execute(
        """
        CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            shortcode TEXT UNIQUE,
            url TEXT,
            owner TEXT,
            caption TEXT,
            posted_at TEXT,
            posted_ts INTEGER,
            location TEXT,
            location_lat REAL,
            location_lng REAL,
            likes INTEGER,
            comments INTEGER,
            typename TEXT,
            tagged_users TEXT NOT NULL DEFAULT '[]',
            mentions TEXT NOT NULL DEFAULT '[]',
            hashtags TEXT NOT NULL DEFAULT '[]',
            sources TEXT NOT NULL DEFAULT '[]',
            added_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_posts_ts ON posts(posted_ts)")
    db.execute("CREATE INDEX idx_posts_owner ON posts(owner)")
    db.execute(
        """
        CREATE TABLE post_media (
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            media_type TEXT NOT NULL DEFAULT 'image',
            PRIMARY KEY (post_id, photo_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX idx_post_media_photo ON post_media(photo_id)")


def m0003_analysis_and_people(db: sqlite_utils.Database) -> None:
    """Which analyzer version ran on each photo; faces, people, and the user's face edits."""
    db.execute(
        """
        CREATE TABLE analysis_runs (
            photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            analyzer TEXT NOT NULL,
            version TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'ok',
            error TEXT,
            done_at TEXT NOT NULL,
            PRIMARY KEY (photo_id, analyzer)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX idx_analysis_runs_version ON analysis_runs(analyzer, version, status)")
    db.execute(
        """
        CREATE TABLE persons (
            id INTEGER PRIMARY KEY,
            name TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    # person_id + assigned_by: 'user' (named or confirmed; never changed by a model),
    # 'auto' (recognised, confident), 'cluster' (an unnamed group found by clustering).
    # suggested_person_id: an ambiguous match offered to the user, not an assignment.
    db.execute(
        """
        CREATE TABLE faces (
            id INTEGER PRIMARY KEY,
            photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            x1 REAL NOT NULL, y1 REAL NOT NULL, x2 REAL NOT NULL, y2 REAL NOT NULL,
            landmarks TEXT NOT NULL,
            score REAL NOT NULL,
            quality REAL NOT NULL,
            embedding BLOB,
            model TEXT NOT NULL,
            person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL,
            assigned_by TEXT,
            confidence REAL,
            suggested_person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL,
            suggested_score REAL,
            emotion TEXT,
            emotion_scores TEXT,
            mood TEXT,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_faces_photo ON faces(photo_id)")
    db.execute("CREATE INDEX idx_faces_person ON faces(person_id)")
    # "not this person": survives re-detection because it is keyed by photo + box, and
    # copied onto the new face row that overlaps the old box.
    db.execute(
        """
        CREATE TABLE face_rejections (
            face_id INTEGER NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
            PRIMARY KEY (face_id, person_id)
        ) WITHOUT ROWID
        """
    )


def m0004_picture_features_flags(db: sqlite_utils.Database) -> None:
    """Backbone features per photo, relevance flags, and the user's personal hashtag model."""
    # vector: float16 little-endian, ``dim`` values (the MobileNetV2 pooled features).
    db.execute(
        """
        CREATE TABLE photo_features (
            photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL
        )
        """
    )
    # status: 'open' or 'dismissed'; a dismissed flag stays dismissed when re-evaluated.
    db.execute(
        """
        CREATE TABLE relevance_flags (
            photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            hashtag TEXT NOT NULL,
            rule TEXT NOT NULL,
            reason TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            created_at TEXT NOT NULL,
            PRIMARY KEY (photo_id, hashtag)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX idx_relevance_flags_status ON relevance_flags(status)")
    db.execute(
        """
        CREATE TABLE personal_models (
            name TEXT PRIMARY KEY,
            method TEXT NOT NULL,
            trained_at TEXT NOT NULL,
            n_photos INTEGER NOT NULL,
            n_tags INTEGER NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            params BLOB NOT NULL
        )
        """
    )


VISIBLE_NEW = "NEW.status = 'ok' AND NEW.hidden = 0"
VISIBLE_OLD = "OLD.status = 'ok' AND OLD.hidden = 0"


def m0005_tree_counts(db: sqlite_utils.Database) -> None:
    """Photo counts per day and per tag, kept current by triggers.

    The date and tag trees read these small tables instead of aggregating every photo,
    so opening the trees costs the same at 10k and at 100k photos. Only visible photos
    (status 'ok', not hidden) count; a tag counts each photo once whatever its sources.
    Connections run with recursive_triggers on, so INSERT OR REPLACE is counted right.
    """
    db.execute(
        "CREATE TABLE date_counts (year INTEGER NOT NULL, month INTEGER NOT NULL,"
        " day INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (year, month, day)) WITHOUT ROWID"
    )
    db.execute("CREATE TABLE tag_counts (tag_id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
    day_new = "IFNULL(NEW.year, 0), IFNULL(NEW.month, 0), IFNULL(NEW.day, 0)"
    day_old = ("year = IFNULL(OLD.year, 0) AND month = IFNULL(OLD.month, 0)"
               " AND day = IFNULL(OLD.day, 0)")
    db.execute(f"""
        CREATE TRIGGER photos_count_ai AFTER INSERT ON photos WHEN {VISIBLE_NEW} BEGIN
          INSERT INTO date_counts VALUES ({day_new}, 1)
            ON CONFLICT(year, month, day) DO UPDATE SET n = n + 1;
        END""")
    db.execute(f"""
        CREATE TRIGGER photos_count_bd BEFORE DELETE ON photos WHEN {VISIBLE_OLD} BEGIN
          UPDATE date_counts SET n = n - 1 WHERE {day_old};
          UPDATE tag_counts SET n = n - 1
            WHERE tag_id IN (SELECT DISTINCT tag_id FROM photo_tags WHERE photo_id = OLD.id);
        END""")
    db.execute(f"""
        CREATE TRIGGER photos_count_au AFTER UPDATE OF status, hidden, year, month, day ON photos
        BEGIN
          UPDATE date_counts SET n = n - 1 WHERE {VISIBLE_OLD} AND {day_old};
          INSERT INTO date_counts SELECT {day_new}, 1 WHERE {VISIBLE_NEW}
            ON CONFLICT(year, month, day) DO UPDATE SET n = n + 1;
        END""")
    db.execute(f"""
        CREATE TRIGGER photos_tag_count_au AFTER UPDATE OF status, hidden ON photos
        WHEN ({VISIBLE_OLD}) != ({VISIBLE_NEW}) BEGIN
          UPDATE tag_counts SET n = n - 1 WHERE {VISIBLE_OLD}
            AND tag_id IN (SELECT DISTINCT tag_id FROM photo_tags WHERE photo_id = NEW.id);
          INSERT INTO tag_counts SELECT DISTINCT tag_id, 1 FROM photo_tags
            WHERE photo_id = NEW.id AND {VISIBLE_NEW}
            ON CONFLICT(tag_id) DO UPDATE SET n = n + 1;
        END""")
    db.execute("""
        CREATE TRIGGER photo_tags_count_ai AFTER INSERT ON photo_tags
        WHEN (SELECT COUNT(*) FROM photo_tags WHERE photo_id = NEW.photo_id AND tag_id = NEW.tag_id) = 1
         AND EXISTS (SELECT 1 FROM photos WHERE id = NEW.photo_id AND status = 'ok' AND hidden = 0)
        BEGIN
          INSERT INTO tag_counts VALUES (NEW.tag_id, 1) ON CONFLICT(tag_id) DO UPDATE SET n = n + 1;
        END""")
    db.execute("""
        CREATE TRIGGER photo_tags_count_ad AFTER DELETE ON photo_tags
        WHEN NOT EXISTS (SELECT 1 FROM photo_tags WHERE photo_id = OLD.photo_id AND tag_id = OLD.tag_id)
         AND EXISTS (SELECT 1 FROM photos WHERE id = OLD.photo_id AND status = 'ok' AND hidden = 0)
        BEGIN
          UPDATE tag_counts SET n = n - 1 WHERE tag_id = OLD.tag_id;
        END""")
    db.execute(
        "INSERT INTO date_counts SELECT IFNULL(year, 0), IFNULL(month, 0), IFNULL(day, 0), COUNT(*)"
        " FROM photos WHERE status = 'ok' AND hidden = 0 GROUP BY 1, 2, 3"
    )
    db.execute(
        "INSERT INTO tag_counts SELECT pt.tag_id, COUNT(DISTINCT pt.photo_id) FROM photo_tags pt"
        " JOIN photos p ON p.id = pt.photo_id WHERE p.status = 'ok' AND p.hidden = 0"
        " GROUP BY pt.tag_id"
    )


def m0006_picture_facts(db: sqlite_utils.Database) -> None:
    """What the picture models saw, weak scores included (for relevance rules), as JSON."""
    db.execute("ALTER TABLE photo_features ADD COLUMN facts TEXT NOT NULL DEFAULT '[]'")


def m0007_month_order_index(db: sqlite_utils.Database) -> None:
    """A month's photos come out of this index already newest-first: a month page costs
    the same whatever the library size (no sort of the whole month)."""
    db.execute("CREATE INDEX idx_photos_month_taken ON photos(year, month, taken_at)")


def m0008_face_age(db: sqlite_utils.Database) -> None:
    """Estimated age of each face (models/face_age.onnx); NULL until the face_age analyzer ran."""
    db.execute("ALTER TABLE faces ADD COLUMN age REAL")


def m0009_date_offset_gps_source(db: sqlite_utils.Database) -> None:
    """The UTC offset a photo's date was taken in ('+09:00', from EXIF OffsetTime*), and
    where its GPS point came from ('exif' = the file; 'instagram' = the post's place), so an
    XMP export writes only what the file lacks."""
    db.execute("ALTER TABLE photos ADD COLUMN tz_offset TEXT")
    db.execute("ALTER TABLE photos ADD COLUMN gps_source TEXT")
    db.execute("UPDATE photos SET gps_source = 'exif' WHERE gps_lat IS NOT NULL")


def m0010_search_bigrams(db: sqlite_utils.Database) -> None:
    """The search table gets a ``grams`` column (Hangul syllable bigrams, see catalog/fts.py)
    so Korean compounds are found by their parts; existing rows are carried over."""
    db.conn.create_function("pose_grams", 1, grams_of, deterministic=True)
    db.execute(
        "CREATE VIRTUAL TABLE photo_search_new USING fts5(text, grams,"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO photo_search_new (rowid, text, grams)"
               " SELECT rowid, text, pose_grams(text) FROM photo_search")
    db.execute("DROP TABLE photo_search")
    db.execute("ALTER TABLE photo_search_new RENAME TO photo_search")


def m0011_honest_dates(db: sqlite_utils.Database) -> None:
    """Photos dated only by their file's time: a date from their folder's name where it has
    one (``2019-trip/``: 'folder name:year'), else undated (no year/month/day: the date tree's
    "Undated" branch instead of the month they were copied in)."""
    rows = db.execute(
        "SELECT p.id, f.path FROM photos p JOIN files f ON f.photo_id = p.id"
        " WHERE p.date_source = ? ORDER BY p.id, f.status = 'ok' DESC, f.id", [FILE_TIME]
    ).fetchall()
    seen: set[int] = set()
    for pid, path in rows:
        if pid in seen:
            continue
        seen.add(pid)
        guess = date_from_path(path)
        if guess:
            iso, year, month, day = date_parts(guess[0], guess[1])
            db.execute("UPDATE photos SET taken_at = ?, date_source = ?, year = ?, month = ?,"
                       " day = ? WHERE id = ?", [iso, f"{FOLDER}:{guess[1]}", year, month, day, pid])
    db.execute("UPDATE photos SET year = NULL, month = NULL, day = NULL WHERE date_source = ?",
               [FILE_TIME])


def m0012_places(db: sqlite_utils.Database) -> None:
    """Places: the city (GeoNames id) and country of each photo with a GPS point, named in
    Korean and English offline (vocab/places.py); photos without a GPS point of their own
    take their Instagram post's location. Existing photos are named the first time the
    library is opened for writing (``store.name_places_once``)."""
    db.execute(
        """
        CREATE TABLE places (
            id INTEGER PRIMARY KEY,
            city_en TEXT NOT NULL,
            city_ko TEXT,
            country_code TEXT NOT NULL,
            country_en TEXT,
            country_ko TEXT,
            lat REAL,
            lon REAL
        )
        """
    )
    db.execute("ALTER TABLE photos ADD COLUMN place_id INTEGER REFERENCES places(id)")
    db.execute("CREATE INDEX idx_photos_place ON photos(place_id)")
    if db.execute("SELECT 1 FROM photos LIMIT 1").fetchone() is not None:
        db.execute("INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('places_to_name', '1')")


def m0013_photo_objects(db: sqlite_utils.Database) -> None:
    """What the object detector found in each photo: JSON ``[[class id, score, x1, y1, x2,
    y2], ...]`` (COCO class ids of inference.detector, boxes in 0..1 of the photo, scores
    >= the detector's minimum), with the model version that found them."""
    db.execute(
        """
        CREATE TABLE photo_objects (
            photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            detections TEXT NOT NULL
        )
        """
    )


def m0014_reviewed_object_tags(db: sqlite_utils.Database) -> None:
    """Object tags are the reviewed vocabulary only (vocab/objects.py): the raw ImageNet
    labels the picture analyzer stored as object tags before ("brassiere", "neck brace")
    leave the tree and XMP now; the picture analyzer's new version re-analyses the photos
    (new object tags, their search text and relevance reasons)."""
    names = list(object_vocab.NAMES)
    marks = ",".join("?" * len(names))
    raw = f"SELECT id FROM tags WHERE kind = 'object' AND name NOT IN ({marks})"
    db.execute(f"DELETE FROM photo_tags WHERE tag_id IN ({raw})", names)
    db.execute(f"DELETE FROM tag_counts WHERE tag_id IN ({raw})", names)
    db.execute(f"DELETE FROM tags WHERE id IN ({raw})", names)


def m0015_video_duration(db: sqlite_utils.Database) -> None:
    """A video's duration in seconds (from its container, read with PyAV)."""
    db.execute("ALTER TABLE photos ADD COLUMN duration REAL")


def m0016_file_ctime(db: sqlite_utils.Database) -> None:
    """Each file's status-change time (ns): a file replaced with the same name, size and mtime
    still changes it, so the indexer reads it again. NULL/0 until the file is next seen."""
    db.execute("ALTER TABLE files ADD COLUMN ctime_ns INTEGER")


def m0017_place_regions(db: sqlite_utils.Database) -> None:
    """Places get their region (province, state: 제주도 / Jeju, California) beside city and
    country: ISO 3166-2 code, English, usual Korean and official Korean names. The places
    already named get theirs the next time the library is opened for writing
    (``store.name_places_once``), and their photos' search text with it."""
    for column in ("region_code", "region_en", "region_ko", "region_ko_long"):
        db.execute(f"ALTER TABLE places ADD COLUMN {column} TEXT")
    db.execute("CREATE INDEX idx_places_region ON places(region_code)")
    if db.execute("SELECT 1 FROM places LIMIT 1").fetchone() is not None:
        db.execute("INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('places_to_name', '1')")


def m0018_first_level_regions(db: sqlite_utils.Database) -> None:
    """A place's region is its country's first-level division (England, Île-de-France), not
    the borough or département 0017 named: regions are named again the next time the
    library is opened for writing (``store.name_places_once``)."""
    db.execute("UPDATE places SET region_code = NULL, region_en = NULL, region_ko = NULL,"
               " region_ko_long = NULL")
    if db.execute("SELECT 1 FROM places LIMIT 1").fetchone() is not None:
        db.execute("INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('places_to_name', '1')")


def m0019_one_thing_two_korean_names(db: sqlite_utils.Database) -> None:
    """A thing with two Korean names (the scene 'dog' 강아지, the detector's 'dog' 개) is
    found by either (vocab/labels.py ``search_terms``): the search text of the photos
    tagged with one is written again the next time the library is opened for writing
    (``store.refresh_search_once``)."""
    if db.execute("SELECT 1 FROM photo_tags LIMIT 1").fetchone() is not None:
        db.execute("INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('search_to_refresh', '1')")


def m0020_one_group_per_thing(db: sqlite_utils.Database) -> None:
    """A thing is in one tag group under one name: the scene tags another group shows
    (dog, cat, animal... under Objects, clothing under Clothing, person under People:
    vocab/scene_map.py ``SHOWN_ELSEWHERE``) leave the tree and XMP, and the search text is
    written again (the dog is 강아지 in every group now)."""
    names = ["dog", "cat", "bird", "animal", "book", "car", "clothing", "person"]
    marks = ",".join("?" * len(names))
    hidden = f"SELECT id FROM tags WHERE kind = 'scene' AND name IN ({marks})"
    db.execute(f"DELETE FROM photo_tags WHERE tag_id IN ({hidden})", names)
    db.execute(f"DELETE FROM tag_counts WHERE tag_id IN ({hidden})", names)
    db.execute(f"DELETE FROM tags WHERE id IN ({hidden})", names)
    if db.execute("SELECT 1 FROM photo_tags LIMIT 1").fetchone() is not None:
        db.execute("INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('search_to_refresh', '1')")


def m0021_face_emotion_probs(db: sqlite_utils.Database) -> None:
    """Each face's emotion probabilities as the head gave them, before the library's balance
    of moods (``tagging.emotion.adapt``): the balance is estimated from them after every
    analysis run and every face's mood and emotion decided again."""
    db.execute("ALTER TABLE faces ADD COLUMN emotion_probs TEXT")


def m0022_dropped_faces(db: sqlite_utils.Database) -> None:
    """Per photo, the largest detection the real-face gate left out (``analysis.faces``:
    a close face under heavy make-up or sunglasses, cut by the frame): never a face of
    people, emotion or ages, only selfie evidence (``tagging.objects.people_layout``)."""
    db.execute(
        """
        CREATE TABLE dropped_faces (
            photo_id INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
            x1 REAL NOT NULL, y1 REAL NOT NULL, x2 REAL NOT NULL, y2 REAL NOT NULL,
            score REAL NOT NULL
        )
        """
    )


Migration = tuple[str, Callable[[sqlite_utils.Database], None]]

def m0023_pet_search_words(db: sqlite_utils.Database) -> None:
    """A dog is found by puppy, 멍멍이..., a cat by kitten, 냥이... (vocab/objects.py
    ``SEARCH_ALIASES``): the search text is written again the next time the library is
    opened for writing, as for 0019."""
    m0019_one_thing_two_korean_names(db)


def m0024_issue_file_stat(db: sqlite_utils.Database) -> None:
    """The size and mtime (ns) a file had when it was found unreadable: indexing it again
    unchanged lists it still, without announcing it as a new failure. NULL for the
    problems recorded before (announced once more) and for folders and links."""
    for column in ("size", "mtime_ns"):
        db.execute(f"ALTER TABLE index_issues ADD COLUMN {column} INTEGER")


def m0025_analysis_error_file_stat(db: sqlite_utils.Database) -> None:
    """The size and mtime (ns) of the file the models failed on: Analyse tries such a photo
    again only once its file changed (as 0024 for unreadable files). NULL for successful
    runs and for failures recorded before (tried once more)."""
    for column in ("size", "mtime_ns"):
        db.execute(f"ALTER TABLE analysis_runs ADD COLUMN {column} INTEGER")


MIGRATIONS: list[Migration] = [
    ("0001_core", m0001_core),
    ("0002_instagram_posts", m0002_instagram_posts),
    ("0003_analysis_and_people", m0003_analysis_and_people),
    ("0004_picture_features_flags", m0004_picture_features_flags),
    ("0005_tree_counts", m0005_tree_counts),
    ("0006_picture_facts", m0006_picture_facts),
    ("0007_month_order_index", m0007_month_order_index),
    ("0008_face_age", m0008_face_age),
    ("0009_date_offset_gps_source", m0009_date_offset_gps_source),
    ("0010_search_bigrams", m0010_search_bigrams),
    ("0011_honest_dates", m0011_honest_dates),
    ("0012_places", m0012_places),
    ("0013_photo_objects", m0013_photo_objects),
    ("0014_reviewed_object_tags", m0014_reviewed_object_tags),
    ("0015_video_duration", m0015_video_duration),
    ("0016_file_ctime", m0016_file_ctime),
    ("0017_place_regions", m0017_place_regions),
    ("0018_first_level_regions", m0018_first_level_regions),
    ("0019_one_thing_two_korean_names", m0019_one_thing_two_korean_names),
    ("0020_one_group_per_thing", m0020_one_group_per_thing),
    ("0021_face_emotion_probs", m0021_face_emotion_probs),
    ("0022_dropped_faces", m0022_dropped_faces),
    ("0023_pet_search_words", m0023_pet_search_words),
    ("0024_issue_file_stat", m0024_issue_file_stat),
    ("0025_analysis_error_file_stat", m0025_analysis_error_file_stat),
]
