"""Every label table is plain data: Korean names exist in any process, whatever it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from pose_desktop.vocab import labels
from tests.photos import make_jpeg

ROOT = Path(__file__).resolve().parents[2]


def _fresh(code: str, tmp_path) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT), POSE_DATA_DIR=str(tmp_path / "data"),
               POSE_CONFIG_DIR=str(tmp_path / "config"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_every_kind_has_korean_and_english_names():
    for kind, table in labels.TABLES.items():
        assert table, kind
        for name, (ko, en) in table.items():
            assert ko and en, (kind, name)
            assert labels.tag_label(kind, name, "ko") == ko
            assert labels.tag_label(kind, name, "en") == en
            assert {ko, en} <= set(labels.search_terms(kind, name))
    assert labels.tag_label("emotion", "happy", "ko") == "행복"
    assert labels.tag_label("clothing", "outwear", "ko") == "아우터"
    assert labels.tag_label("colour", "navy", "ko") == "남색"
    assert labels.tag_label("scene", "dog", "ko") == "강아지"
    assert labels.tag_label("hashtag", "강아지", "en") == "dog"


def test_a_fresh_process_knows_korean_labels_without_importing_the_analyzers(tmp_path):
    code = ("import json, sys; from pose_desktop.vocab.labels import tag_label, search_terms;"
            "print(json.dumps([tag_label('emotion', 'happy', 'ko'), tag_label('clothing', 'dress', 'ko'),"
            " tag_label('colour', 'red', 'ko'), tag_label('scene', 'food', 'ko'),"
            " 'pose_desktop.analysis.emotion' in sys.modules,"
            " '행복' in search_terms('emotion', 'happy')]))")
    assert json.loads(_fresh(code, tmp_path)) == ["행복", "원피스", "빨강", "음식", False, True]


def test_search_keeps_korean_emotion_after_a_user_edit_in_a_fresh_process(tmp_path):
    """Bug: the search row lost '행복' when rebuilt (any user edit) in a process that had not
    imported the emotion analyzer; the tag tree showed 'happy' for Korean."""
    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2020, 1, 2), seed=1)
    cat = tmp_path / "c.sqlite"
    code = f"""
import json
from pose_desktop.catalog import store
from pose_desktop.services import Library
lib = Library({str(cat)!r}, lang="ko")
list(lib.photos.index_folder({str(root)!r}))
pid = lib.photos.photo_ids()[0]
with lib.catalog.write() as db:
    store.set_tags(db, pid, "emotion", "emotion", [("happy", 0.9)])
lib.photos.add_user_tag([pid], "산책")  # a user edit rebuilds the photo's search row
tree = {{k.kind: [t.label for t in k.tags] for k in lib.photos.tag_tree()}}
print(json.dumps([len(lib.photos.search("행복")), tree["emotion"]]))
"""
    assert json.loads(_fresh(code, tmp_path)) == [1, ["행복"]]
