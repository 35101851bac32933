"""Face ages (models/face_age.onnx): adults read as adults; ages reach the catalog and facts."""

from __future__ import annotations

import shutil

import numpy as np

from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.face_age import FaceAgeModel, face_crop
from pose_desktop.inference.face_models import FaceDetector
from pose_desktop.tagging.people_facts import face_facts, faces_from_catalog


def test_face_crop_is_square_and_clipped():
    img = np.full((100, 200, 3), 9, np.uint8)
    crop = face_crop(img, np.array([150, 40, 230, 90], np.float32))
    assert crop.shape == (224, 224, 3) and crop.dtype == np.float32
    assert face_crop(img, np.array([300, 300, 310, 310], np.float32)).max() == 0


def test_adult_faces_are_estimated_as_adults(shared_datasets):
    files = sorted((shared_datasets / "faces" / "images").glob("*.jpg"))[::10][:12]
    det, model = FaceDetector(), FaceAgeModel()
    ages = []
    for f in files:
        img = decode_image(f).pixels
        found = det.detect(img)
        if found:
            ages.append(float(model.ages(img, [found[0].box])[0]))
    assert len(ages) >= 10
    assert np.mean(np.array(ages) >= 20) >= 0.8, ages


def test_ages_are_stored_on_faces_and_make_adult_facts(shared_datasets, library, tmp_path):
    folder = tmp_path / "people"
    folder.mkdir()
    for f in sorted((shared_datasets / "faces" / "images").glob("*.jpg"))[:3]:
        shutil.copy(f, folder / f.name)
    list(library.photos.index_folder(folder))
    events = list(library.analysis.analyze(["face_age"]))  # pulls in "faces" first
    assert events[-1].failed == 0
    db = library.catalog.reader()
    ages = [r[0] for r in db.execute("SELECT age FROM faces")]
    assert ages and all(a is not None for a in ages)
    pid = db.execute("SELECT photo_id FROM faces WHERE age >= 20 LIMIT 1").fetchone()[0]
    names = {f.name for f in face_facts(faces_from_catalog(db, pid))}
    assert "adult" in names and "child" not in names
