"""Ingest's messages in Korean: the reasons a file could not be indexed (the catalog
stores them as ingest wrote them, in English: ``index_issues.reason``) and why an Instagram
import stopped; a window or command in Korean shows them through ``issue_text``.

Each row of ``ISSUES`` is a regular expression over the whole English reason and its Korean
template (``{name}`` fills a named group; groups named ``os`` are operating-system error
strings such as "No such file or directory", translated by ``OS_ERRORS`` where known). A
reason no row matches is shown as it is: a new ingest message without a row here stays
readable, only untranslated (tests/vocab/test_messages.py renders every message ingest
writes today).
"""

from __future__ import annotations

import re

# strerror texts of the OSErrors a scan or a read meets (and zipfile's few refusals): English -> Korean
OS_ERRORS: dict[str, str] = {
    "No such file or directory": "그런 파일이나 폴더가 없습니다",
    "Permission denied": "읽을 권한이 없습니다",
    "Not a directory": "폴더가 아닙니다",
    "Is a directory": "파일이 아니라 폴더입니다",
    "Input/output error": "입출력 오류 (디스크나 네트워크 드라이브를 확인하세요)",
    "Too many levels of symbolic links": "심볼릭 링크가 너무 많이 겹쳐 있습니다",
    "File name too long": "파일 이름이 너무 깁니다",
    "Operation not permitted": "허용되지 않은 작업입니다",
    "Stale file handle": "연결이 끊긴 네트워크 파일입니다",
    "Read-only file system": "읽기 전용 디스크입니다",
    "No space left on device": "디스크에 빈 공간이 없습니다",
    "File exists": "같은 이름의 파일이 이미 있습니다",
    # zipfile's refusals (an Instagram export that is no ZIP, or cut short)
    "File is not a zip file": "ZIP 파일이 아닙니다",
    "Truncated file header": "파일이 중간에 잘려 있습니다",
    # SQLite's reasons, and ours, why a catalog cannot be read (the ``detail`` and ``reason``
    # of the typed errors in pose_desktop/errors.py)
    "database disk image is malformed": "데이터베이스 파일의 구조가 망가졌습니다",
    "file is not a database": "데이터베이스 파일이 아닙니다",
    "disk I/O error": "디스크 입출력 오류",
    "unable to open database file": "데이터베이스 파일을 열 수 없습니다",
    "database or disk is full": "데이터베이스나 디스크가 가득 찼습니다",
    "the file is empty (0 bytes): it was cut short, or it is not the catalog":
        "빈 파일입니다 (0바이트): 중간에 잘렸거나 카탈로그가 아닙니다",
}

_REST = r"(?P<detail>.+)"
_OS = r"(?P<os>.+)"

# (English pattern, Korean template): the messages of ingest/ (media, scan, indexer, exif, video)
ISSUES: list[tuple[str, str]] = [
    (r"empty file \(0 bytes\)", "빈 파일 (0바이트)"),
    (r"not an image \(the content is no known image format\)",
     "사진이 아닙니다 (알려진 이미지 형식이 아닙니다)"),
    (rf"too large to decode safely \({_REST}\)", "너무 커서 안전하게 열 수 없습니다 ({detail})"),
    (rf"unreadable image header: {_REST}", "이미지 머리 부분을 읽을 수 없습니다: {detail}"),
    (rf"unsupported image format {_REST}", "지원하지 않는 이미지 형식입니다: {detail}"),
    (r"the file is truncated \(incomplete copy\?\); no preview",
     "파일이 중간에 잘려 있습니다 (복사가 덜 되었나요?). 미리보기 없음"),
    (r"the file is truncated \(incomplete copy\?\)", "파일이 중간에 잘려 있습니다 (복사가 덜 되었나요?)"),
    (r"no image header in the first (?P<mb>\d+) MB \(an incomplete download or not an image\)",
     "처음 {mb} MB 안에 이미지 머리 부분이 없습니다 (덜 받은 파일이거나 이미지가 아닙니다)"),
    (rf"no preview: the image data is damaged \({_REST}\)",
     "미리보기 없음: 이미지 데이터가 손상되었습니다 ({detail})"),
    (rf"no preview: {_REST}", "미리보기 없음: {detail}"),
    (rf"cannot open the folder: {_OS}", "폴더를 열 수 없습니다: {os}"),
    (rf"cannot read the folder: {_OS}", "폴더를 읽을 수 없습니다: {os}"),
    (rf"cannot read the file: {_OS}", "파일을 읽을 수 없습니다: {os}"),
    # pose export-xmp (catalog/xmp.py, services/photos.py)
    (rf"cannot write to (?P<path>.+): {_OS}", "{path}에 쓸 수 없습니다: {os}"),
    (rf"cannot write: {_OS}", "쓸 수 없습니다: {os}"),
    (rf"kept as it is: {_REST}", "그대로 두었습니다: {detail}"),
    (r"the file is too large to read", "파일이 너무 커서 읽을 수 없습니다"),
    (rf"could not read the image \({_REST}\)", "이미지를 읽지 못했습니다 ({detail})"),
    (rf"unreadable EXIF \({_REST}\)", "EXIF 정보를 읽을 수 없습니다 ({detail})"),
    (r"symbolic link loop \(folder already scanned\); skipped",
     "심볼릭 링크가 이미 살펴본 폴더로 돌아옵니다. 건너뜀"),
    (r"link to (?P<target>.+), which holds the folder being indexed; skipped",
     "{target}(으)로 가는 링크인데, 그 폴더가 지금 추가하는 폴더를 품고 있습니다. 건너뜀"),
    (rf"broken or unreadable link: {_OS}", "끊어졌거나 읽을 수 없는 링크: {os}"),
    (r"camera RAW file \((?P<ext>\w+)\): not indexed; .*",
     "카메라 RAW 파일({ext})은 추가하지 않습니다. pose_desktop은 JPEG, HEIC, PNG, WebP, "
     "AVIF, TIFF와 동영상을 읽습니다 (카메라의 JPEG를 옆에 두거나 하나 내보내세요)"),
    (r"no preview or date from the video: PyAV is not installed (?P<extra>.*)",
     "동영상의 미리보기와 날짜 없음: PyAV가 설치되어 있지 않습니다 {extra}"),
    (r"no video stream; no preview", "영상 스트림이 없습니다. 미리보기 없음"),
    (rf"unreadable video \({_REST}\); no preview", "읽을 수 없는 동영상입니다 ({detail}). 미리보기 없음"),
    (r"no frame could be decoded; no preview", "디코딩할 수 있는 프레임이 없습니다. 미리보기 없음"),
    (r"unsafe name in the ZIP \(absolute path, '\.\.' or a link\); skipped",
     "ZIP 안의 안전하지 않은 이름 (절대 경로, '..' 또는 링크). 건너뜀"),
    # importing Instagram posts (ingest/instagram: export.py, folder.py): the choices a
    # user can get wrong in the import dialog
    (r"(?P<path>.+) is not a readable ZIP file \((?P<os>.+)\)\. Download the export again "
     r"from Instagram, or unpack it and import the folder\.",
     "{path}은(는) 읽을 수 있는 ZIP 파일이 아닙니다 ({os}). 인스타그램에서 내보내기를 다시 "
     "받거나, 압축을 풀고 그 폴더를 가져오세요."),
    (r"(?P<path>.+) does not exist; give the export's ZIP file or its unpacked folder\.",
     "{path}이(가) 없습니다. 내보내기 ZIP 파일이나 압축을 푼 폴더를 고르세요."),
    (r"No posts found in (?P<path>.+): it has no posts_1\.json \(or media\.json\)\. Request the "
     r"export from Instagram in JSON format \(not HTML\), with 'Posts' included, then import it "
     r"again\.",
     "{path}에 게시물이 없습니다 (posts_1.json이나 media.json이 없음). 인스타그램에 내보내기를 "
     "JSON 형식(HTML 아님)으로 '게시물'을 포함해 요청한 뒤 다시 가져오세요."),
    (r"(?P<path>.+) is not a folder; give the folder instaloader downloaded into\.",
     "{path}은(는) 폴더가 아닙니다. instaloader가 내려받은 폴더를 고르세요."),
    (r"No posts found in (?P<path>.+): it has none of the files instaloader writes "
     r"\((?P<names>.+)\)\. Choose the folder instaloader downloaded into\.",
     "{path}에 게시물이 없습니다: instaloader가 쓰는 파일({names})이 하나도 없습니다. "
     "instaloader가 내려받은 폴더를 고르세요."),
    (r"Extracting the export's media needs (?P<need>[\d.,]+) GB but only (?P<free>[\d.,]+) GB are "
     r"free on (?P<dest>.+); free some space and import again\.",
     "내보내기의 사진과 동영상을 풀려면 {need} GB가 필요한데 {dest}에는 {free} GB만 비어 "
     "있습니다. 공간을 비운 뒤 다시 가져오세요."),
]

_COMPILED = [(re.compile(p, re.DOTALL), ko) for p, ko in ISSUES]

def os_error_text(text: str, lang: str) -> str:
    """An operating-system error string ("Permission denied") in ``lang``."""
    if lang != "ko":
        return text
    return OS_ERRORS.get(text.strip(), text)


def error_values(values: dict, lang: str) -> dict:
    """A typed error's fields (``PoseError.values``) for its template in ``lang``: the
    system's or SQLite's reason it carries (``detail``, ``reason``) translated; the CLI and
    the window both say errors with these."""
    return {k: os_error_text(v, lang) if k in ("detail", "reason") and isinstance(v, str) else v
            for k, v in values.items()}


def issue_text(reason: str, lang: str) -> str:
    """Why a file was not (fully) indexed, in ``lang`` ('ko' or 'en'); a reason without a
    row in ``ISSUES`` comes back as it is."""
    if lang != "ko" or not reason:
        return reason
    for pattern, template in _COMPILED:
        m = pattern.fullmatch(reason.strip())
        if m is None:
            continue
        groups = {k: (os_error_text(v, lang) if k == "os" else v) for k, v in m.groupdict().items()}
        return template.format(**groups)
    if reason.strip() in OS_ERRORS:  # a scan's bare strerror
        return OS_ERRORS[reason.strip()]
    return reason

