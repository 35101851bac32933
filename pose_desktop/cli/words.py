"""The CLI's own words in Korean (``pose --lang ko``); tag names come translated from the
library. ``say(lib, text, **values)`` gives ``text`` (a ``str.format`` template) in the
library's language."""

from __future__ import annotations

import unicodedata

KOREAN: dict[str, str] = {
    # tree
    "Undated": "날짜 없음",
    "undated": "날짜 없음",
    "(month unknown)": "(달 모름)",
    "(day unknown)": "(날 모름)",
    "{n} tags": "태그 {n}개",
    "{n} more": "{n}개 더",
    "No places yet: a photo gets its place from its GPS position (phones record one) or "
    "from its Instagram post's location, and none of these photos has either.":
        "아직 장소가 없습니다: 사진의 장소는 GPS 위치(휴대폰이 기록합니다)나 인스타그램 "
        "게시물의 위치에서 오는데, 어느 사진에도 둘 다 없습니다.",
    # index
    "{added} added, {updated} updated, {unchanged} unchanged, {missing} now missing, "
    "{failed} failed, {warnings} warnings ({elapsed:.1f} s)":
        "추가 {added}, 갱신 {updated}, 그대로 {unchanged}, 사라짐 {missing}, 실패 {failed}, "
        "경고 {warnings} ({elapsed:.1f}초)",
    "Run `pose stats` to see which files failed and why.":
        "어떤 파일이 왜 실패했는지는 `pose stats`로 볼 수 있습니다.",
    "Next: `pose analyze` finds people, scenes, clothing and moods in the new photos "
    "(the tag tree fills in as it goes).":
        "다음: `pose analyze`가 새 사진에서 사람, 장면, 옷, 기분을 찾습니다 "
        "(태그 트리가 차례로 채워집니다).",
    "{n} file(s) show a picture the library already has (a copy, or a file moved here): "
    "kept as another file of that photo":
        "파일 {n}개는 이미 라이브러리에 있는 사진입니다 (복사본이거나 옮긴 파일): "
        "그 사진의 다른 파일로 둡니다",
    "{path} is not a folder": "{path}은(는) 폴더가 아닙니다",
    "{path} does not exist": "{path}이(가) 없습니다",
    "No photos or videos in {path}: pose_desktop reads JPEG, HEIC, PNG, WebP, AVIF, TIFF, GIF "
    "and BMP photos and videos, in the folder and its subfolders.":
        "{path}에 사진이나 동영상이 없습니다: pose_desktop은 폴더와 그 하위 폴더의 JPEG, HEIC, "
        "PNG, WebP, AVIF, TIFF, GIF, BMP 사진과 동영상을 읽습니다.",
    # search, show, stats
    "{n} photo(s) match {text!r}": "{text!r}에 맞는 사진 {n}장",
    "no photo matches {ref!r} (give an id, a hash or a path)":
        "{ref!r}에 맞는 사진이 없습니다 (번호, 해시 또는 경로를 주세요)",
    "Photo": "사진",
    "date": "날짜",
    "size": "크기",
    "length": "길이",
    "camera": "카메라",
    "place": "장소",
    "caption": "캡션",
    "hashtags": "해시태그",
    "post": "게시물",
    "tagged": "태그된 계정",
    "file": "파일",
    "tag": "태그",
    "{n:,} bytes": "{n:,}바이트",
    "{n} likes": "좋아요 {n}",
    "{n} comments": "댓글 {n}",
    "(from the data export)": "(데이터 내보내기에서)",
    "catalog:  {path}": "카탈로그: {path}",
    "photos:   {photos} ({videos} videos), {missing} missing, {hidden} removed":
        "사진:     {photos}장 (동영상 {videos}), 파일 없음 {missing}, 뺀 사진 {hidden}",
    "files:    {files}   tags: {tags}": "파일:     {files}   태그: {tags}",
    "dated by: ": "날짜 출처: ",
    "The library is empty: add photos with `pose index FOLDER`.":
        "라이브러리가 비어 있습니다: `pose index 폴더`로 사진을 추가하세요.",
    "problems: {errors} not indexed, {warnings} with warnings":
        "문제:     색인 못 함 {errors}, 경고 {warnings}",
    "warning": "경고",
    "  … (pose stats --all lists every one)": "  … (pose stats --all 로 모두 보기)",
    # analyze, people, photos-of
    "nothing to analyse: every photo has current results":
        "분석할 사진이 없습니다: 모든 사진이 최신 결과를 갖고 있습니다",
    "{done} photo(s) analysed{where} in {elapsed:.1f} s ({rate:.2f} photos/s), {failed} failed":
        "사진 {done}장 분석{where}, {elapsed:.1f}초 (초당 {rate:.2f}장), 실패 {failed}",
    " on {device}": " ({device})",
    "Not analysed (`pose analyze --retry-errors` tries them again):":
        "분석하지 못한 사진 (`pose analyze --retry-errors`로 다시 해 볼 수 있습니다):",
    "{n} groups of faces": "얼굴 묶음 {n}개",
    "(unnamed group {id})": "(이름 없는 묶음 {id})",
    ", {n} suggested": ", 추천 {n}",
    "; tagged in its posts: {name} (pose people name {id} {name})":
        "; 게시물에 태그된 계정: {name} (pose people name {id} {name})",
    "{id:>5}  {label}: {photos} photo(s), {faces} face(s){extra}":
        "{id:>5}  {label}: 사진 {photos}장, 얼굴 {faces}개{extra}",
    "({n} unnamed group(s): pose people list --unnamed; name one with pose people name GROUP NAME)":
        "(이름 없는 묶음 {n}개: pose people list --unnamed 로 보고 "
        "pose people name 묶음 이름 으로 이름을 붙이세요)",
    "no people yet: run pose analyze": "아직 사람이 없습니다: pose analyze 를 실행하세요",
    "named {name} (person {id})": "{name}(으)로 이름 붙임 (사람 {id})",
    "merged {a} into {b}": "{a}을(를) {b}에 합침",
    "face {face} is {name} (person {id})": "얼굴 {face}은(는) {name} (사람 {id})",
    "face {face} removed from that person (remembered)": "얼굴 {face}을(를) 그 사람에서 뺐습니다 (기억합니다)",
    "{n} face(s) moved to person {id}": "얼굴 {n}개를 사람 {id}(으)로 옮겼습니다",
    "forgot {name}": "{name}을(를) 잊었습니다",
    "a person's name cannot be empty": "사람 이름은 비워 둘 수 없습니다",
    "no person or group {ref!r} (see: pose people list --unnamed)":
        "{ref!r}(이)라는 사람이나 묶음이 없습니다 (pose people list --unnamed 로 보세요)",
    "{ref!r} is not a face number (`pose people faces PERSON` lists a person's faces)":
        "{ref!r}은(는) 얼굴 번호가 아닙니다 (`pose people faces 사람`이 그 사람의 얼굴을 보여 줍니다)",
    "no face {face} (`pose people faces PERSON` lists a person's faces)":
        "얼굴 {face}이(가) 없습니다 (`pose people faces 사람`이 그 사람의 얼굴을 보여 줍니다)",
    "pose people {action}: write it as pose people {usage}": "pose people {action}: 이렇게 쓰세요: pose people {usage}",
    # merge-hashtag, backup, export-xmp, set-date
    "#{variant} now counts as #{target}": "#{variant}은(는) 이제 #{target}(으)로 셉니다",
    "a hashtag cannot be empty": "해시태그는 비워 둘 수 없습니다",
    "catalog backed up to {path}": "카탈로그를 {path}에 백업했습니다",
    "{written} XMP sidecar(s) written, {skipped} skipped": "XMP 사이드카 {written}개 씀, {skipped}개 건너뜀",
    "{n} photo(s) dated {when}": "사진 {n}장의 날짜를 {when}(으)로 정했습니다",
    "not a date: {text!r} (write 2019-07-14 or 2019-07-14 18:03)":
        "날짜가 아닙니다: {text!r} (2019-07-14 또는 2019-07-14 18:03 처럼 쓰세요)",
    # train-hashtags
    "not enough captioned photos to learn from ({n} analysed with hashtags; each hashtag "
    "needs 3 photos): caption photos or import Instagram posts, then `pose analyze`":
        "배울 캡션 사진이 모자랍니다 (해시태그가 있는 분석된 사진 {n}장; 해시태그마다 사진 3장이 "
        "필요합니다): 사진에 캡션을 달거나 인스타그램 게시물을 가져온 뒤 `pose analyze`를 실행하세요",
    "trained {method} on {n} photos, {tags} hashtags in {seconds:.1f} s":
        "사진 {n}장, 해시태그 {tags}개로 {method} 학습 ({seconds:.1f}초)",
    "{n} photo(s) of {names}": "{names}의 사진 {n}장",
    " and ": ", ",
    "nobody named {name!r}{hint}": "{name!r}(이)라는 사람이 없습니다{hint}",
    "; did you mean {names}?": "; 혹시 {names}?",
    " or ": " 또는 ",
    "`pose people list` shows every name; `pose search TEXT` also finds captions and hashtags.":
        "모든 이름은 `pose people list`로 볼 수 있고, `pose search 텍스트`는 캡션과 해시태그에서도 "
        "찾습니다.",
    # suggest, duplicates
    "  (no suggestion)": "  (추천 없음)",
    "because": "이유",
    "error": "오류",
    "{n} photos: ": "사진 {n}장: ",
    "no near-duplicates": "중복 사진이 없습니다",
    "{n} photo(s) not analysed yet could not be compared: run `pose analyze` first":
        "아직 분석하지 않은 사진 {n}장은 비교하지 못했습니다: 먼저 `pose analyze`를 실행하세요",
    "No tags yet: `pose analyze` finds people, scenes, objects, clothing and moods; "
    "hashtags come from captions (Instagram imports) and your own tags.":
        "아직 태그가 없습니다: `pose analyze`가 사람, 장면, 사물, 옷, 기분을 찾습니다; "
        "해시태그는 캡션(인스타그램 가져오기)과 직접 붙인 태그에서 옵니다.",
    "photo {id}": "사진 {id}",
    "no photo {ref!r} in the library": "라이브러리에 {ref!r} 사진이 없습니다",
    "no analysed photos to compare with (run `pose analyze` first)":
        "비교할 분석된 사진이 없습니다 (먼저 `pose analyze`를 실행하세요)",
    "dismissed {n} flag(s)": "표시 {n}개를 없앴습니다",
    "no flagged posts": "표시된 게시물이 없습니다",
    # where a date came from (pose show, pose stats)
    "the camera (EXIF)": "카메라 (EXIF)",
    "the camera (EXIF, digitised)": "카메라 (EXIF, 디지털화한 때)",
    "EXIF (the file was changed)": "EXIF (파일을 바꾼 때)",
    "the Instagram post": "인스타그램 게시물",
    "the Instagram export (the photo's EXIF)": "인스타그램 내보내기 (사진의 EXIF)",
    "set by you": "직접 정함",
    "the video (recorded local time)": "동영상 (기록된 현지 시각)",
    "the video (recorded in UTC)": "동영상 (UTC로 기록)",
    "the folder's name (year)": "폴더 이름 (연도)",
    "the folder's name (month)": "폴더 이름 (달)",
    "the folder's name (day)": "폴더 이름 (날짜)",
    "{date}  (source: {source})": "{date}  (출처: {source})",
    "  (a guess)": "  (추정)",
    "undated (no date in the file; the file was last changed {time})":
        "날짜 없음 (파일에 날짜가 없음; 파일을 마지막으로 바꾼 때 {time})",
    # import-instagram, import-export, import-instaloader
    "{posts_added} posts added, {posts_updated} updated; photos: {photos_added} added, "
    "{photos_updated} updated, {photos_unchanged} unchanged, {failed} failed":
        "게시물 추가 {posts_added}, 갱신 {posts_updated}; 사진: 추가 {photos_added}, "
        "갱신 {photos_updated}, 그대로 {photos_unchanged}, 실패 {failed}",
    "done": "완료",
    "{n} posts downloaded": "게시물 {n}개 내려받음",
    "{downloaded} downloaded, {skipped} already there": "내려받음 {downloaded}, 이미 있음 {skipped}",
    "{n} videos (recorded, not analysed)": "동영상 {n}개 (기록함, 분석하지 않음)",
    "{n} files missing": "파일 {n}개 없음",
    "Run `pose stats` to see which files had problems and why.":
        "어떤 파일에 왜 문제가 있었는지는 `pose stats`로 볼 수 있습니다.",
    "{n} posts were imported before it stopped.": "멈추기 전에 게시물 {n}개를 가져왔습니다.",
    "Instagram password for {user}: ": "{user}의 인스타그램 비밀번호: ",
    "Two-factor code for {user}: ": "{user}의 2단계 인증 코드: ",
    "password": "비밀번호",
    "two-factor code": "2단계 인증 코드",
    "Instagram needs your {what}, but there is no terminal to ask in. Run the command in "
    "a terminal once (the session is then saved), or pass --session FILE.":
        "인스타그램이 {what}을(를) 요구하지만 물어볼 터미널이 없습니다. 터미널에서 명령을 한 번 "
        "실행하거나 (그러면 세션이 저장됩니다) --session 파일 을 주세요.",
}

# What an import is doing (``ImportEvent.phase``), for ``pose --lang ko import-…``; in
# English the importer's own sentence is shown.
IMPORT_PHASES_KO: dict[str, str] = {
    "login": "인스타그램에 연결하는 중",
    "profile": "프로필을 찾는 중",
    "downloading": "게시물을 내려받는 중",
    "waiting": "인스타그램의 요청 제한으로 기다리는 중",
    "reading": "게시물을 읽는 중",
    "extracting": "내보내기 파일을 푸는 중",
    "indexing": "파일을 읽는 중",
    "linking": "게시물을 기록하는 중",
}

# A photo's ``date_source`` (catalog/dates.py) in words.
DATE_SOURCES: dict[str, str] = {
    "exif:DateTimeOriginal": "the camera (EXIF)",
    "exif:DateTimeDigitized": "the camera (EXIF, digitised)",
    "exif:DateTime": "EXIF (the file was changed)",
    "instagram": "the Instagram post",
    "instagram:exif": "the Instagram export (the photo's EXIF)",
    "user": "set by you",
    "video:quicktime": "the video (recorded local time)",
    "video:creation_time": "the video (recorded in UTC)",
    "folder name:year": "the folder's name (year)",
    "folder name:month": "the folder's name (month)",
    "folder name:day": "the folder's name (day)",
    "file mtime": "undated",
}


def date_source(lib, source: str | None) -> str:
    """Where a photo's date came from, in words in the library's language."""
    return say(lib, DATE_SOURCES.get(source or "file mtime", source or ""))


def say(lib, template: str, /, **values) -> str:
    """``template`` in the language of ``lib`` (a Library, or "ko" / "en"), filled in."""
    lang = lib if isinstance(lib, str) else getattr(lib, "lang", "en")
    template = KOREAN.get(template, template) if lang == "ko" else template
    return template.format(**values) if values else template


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """``text`` padded with spaces to ``columns`` terminal columns (``f"{text:<n}"`` counts
    characters, so Korean columns came out ragged)."""
    return text + " " * max(0, columns - width(text))


def label(lib, word: str) -> str:
    """A ``pose show`` line's label, padded: ``'  date:     '``."""
    return "  " + pad(say(lib, word) + ":", 10)
