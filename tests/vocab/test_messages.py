"""Why a file was not indexed, in Korean: the reasons ingest writes, rendered by
``vocab.messages.issue_text`` (the problems panel and ``pose stats --lang ko``)."""

from __future__ import annotations

import re

import pytest

from pose_desktop.ingest.media import RAW_REASON, NotAnImageError, open_image
from pose_desktop.ingest.scan import ScanProblem, walk_media
from pose_desktop.vocab.messages import ISSUES, issue_text

HANGUL = re.compile("[가-힣]")

# what ingest writes today (media.py, scan.py, indexer.py, exif.py, video.py)
WRITTEN = [
    "empty file (0 bytes)",
    "not an image (the content is no known image format)",
    "too large to decode safely (Image size (200000000 pixels) exceeds limit)",
    "unreadable image header: broken data stream",
    "unsupported image format PSD",
    "the file is truncated (incomplete copy?); no preview",
    "the file is truncated (incomplete copy?)",  # pose suggest / similar (ingest.media.unreadable_reason)
    "no image header in the first 8 MB (an incomplete download or not an image)",
    "no preview: the image data is damaged (broken data stream when reading image file)",
    "no preview: cannot identify image file",
    "cannot open the folder: No such file or directory",
    "cannot read the folder: Permission denied",
    "cannot read the file: Input/output error",
    "the file is too large to read",
    "could not read the image (OSError: image file is truncated)",
    "unreadable EXIF (KeyError)",
    "symbolic link loop (folder already scanned); skipped",
    "link to /home/me, which holds the folder being indexed; skipped",
    "broken or unreadable link: No such file or directory",
    RAW_REASON.format(ext="CR2"),
    "no preview or date from the video: PyAV is not installed (pose-desktop[video])",
    "no video stream; no preview",
    "unreadable video (InvalidDataError: bad header); no preview",
    "no frame could be decoded; no preview",
    "Permission denied",
    "unsafe name in the ZIP (absolute path, '..' or a link); skipped",
    # pose export-xmp
    "cannot write to /home/me/xmp: Permission denied",
    "cannot write: Read-only file system",
    "kept as it is: the sidecar is not XML",
    # an Instagram import that stops on the user's choice of file
    "/home/me/notes.txt is not a readable ZIP file (File is not a zip file). Download the export "
    "again from Instagram, or unpack it and import the folder.",
    "/home/me/gone.zip does not exist; give the export's ZIP file or its unpacked folder.",
    "No posts found in /home/me/export: it has no posts_1.json (or media.json). Request the export "
    "from Instagram in JSON format (not HTML), with 'Posts' included, then import it again.",
    "/home/me/file.txt is not a folder; give the folder instaloader downloaded into.",
    "No posts found in /home/me/empty: it has none of the files instaloader writes "
    "(2023-07-14_18-03-22_UTC.jpg, .json.xz, .txt). Choose the folder instaloader downloaded into.",
    "Extracting the export's media needs 12.5 GB but only 3.1 GB are free on /home/me; free some "
    "space and import again.",
]


@pytest.mark.parametrize("reason", WRITTEN)
def test_every_reason_ingest_writes_reads_in_korean_and_stays_as_is_in_english(reason):
    ko = issue_text(reason, "ko")
    assert HANGUL.search(ko), ko
    assert issue_text(reason, "en") == reason
    # a file name or detail inside the reason is kept, not lost in translation
    for kept in ("PSD", "CR2", "/home/me", "KeyError", "InvalidDataError", "12.5 GB"):
        if kept in reason:
            assert kept in ko


def test_real_scan_and_decode_messages_have_a_korean_row(tmp_path):
    problems = [p for p in walk_media(str(tmp_path / "gone")) if isinstance(p, ScanProblem)]
    assert problems
    assert issue_text(problems[0].reason, "ko") == "폴더를 열 수 없습니다: 그런 파일이나 폴더가 없습니다"
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo")
    with pytest.raises(NotAnImageError) as err:
        open_image(str(text))
    assert issue_text(str(err.value), "ko").startswith("사진이 아닙니다")


def test_an_unknown_reason_is_shown_as_written():
    assert issue_text("something new went wrong", "ko") == "something new went wrong"
    assert len({p for p, _ in ISSUES}) == len(ISSUES)


def test_a_file_that_is_no_zip_is_said_in_korean_without_pythons_words(tmp_path):
    from pose_desktop.ingest.instagram.export import ExportError, plan_export

    text = tmp_path / "export.zip"
    text.write_text("not a zip\n")
    with pytest.raises(ExportError) as err:
        plan_export(text, tmp_path / "managed")
    assert issue_text(str(err.value), "ko") == (
        f"{text}은(는) 읽을 수 있는 ZIP 파일이 아닙니다 (ZIP 파일이 아닙니다). 인스타그램에서 "
        "내보내기를 다시 받거나, 압축을 풀고 그 폴더를 가져오세요.")
