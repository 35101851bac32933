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
    # index, analyze: the progress bar
    "Indexing": "색인",
    "analysing": "분석",
    "photo": "장",
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
    # pose show: a file's state and where it came from; who gave a tag
    "ok": "있음",
    "missing": "없음",
    "folder": "폴더",
    "instagram:profile": "인스타그램 프로필",
    "instagram:export": "인스타그램 내보내기",
    "instagram:instaloader": "instaloader 폴더",
    "hashtag": "캡션",
    "user": "직접 붙임",
    "people": "얼굴 인식",
    "picture": "사진 모델",
    "objects": "사물 모델",
    "emotion": "감정 모델",
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
    "Not analysed (tried again once the file changes; `pose analyze --retry-errors` tries them "
    "now):":
        "분석하지 못한 사진 (파일이 바뀌면 다시 해 봅니다. 지금 다시 하려면 "
        "`pose analyze --retry-errors`):",
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
    "no people yet: no faces were found in the analysed photos":
        "아직 사람이 없습니다: 분석한 사진에서 얼굴을 찾지 못했습니다",
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
    "  held-out {name}: recall@5 {recall5:.1%}, top-3 hit {top3_hit:.1%}, precision@3 "
    "{precision3:.1%} (n={n})":
        "  따로 떼어 둔 사진으로 검증한 {name}: 상위 5개 재현율 {recall5:.1%}, 상위 3개 적중 "
        "{top3_hit:.1%}, 상위 3개 정밀도 {precision3:.1%} (n={n})",
    # flags: each rule (tagging/relevance.py) and what its photo lacks
    "cafe = food or drink": "카페 = 음식이나 음료",
    "parenting = child": "육아 = 아이",
    "fashion = adult or child": "패션 = 어른이나 아이",
    "couple = adult and not child": "커플 = 아이가 아닌 어른 둘",
    "selfie = one large face": "셀카 = 크게 나온 얼굴 하나",
    "dog = a dog": "강아지 = 개",
    "cat = a cat": "고양이 = 고양이",
    "flower = flowers": "꽃 = 꽃",
    "no food or drink seen": "음식이나 음료가 보이지 않습니다",
    "no child (no person at all) seen": "아이가 (사람이 아예) 보이지 않습니다",
    "no person or clothing seen": "사람이나 옷이 보이지 않습니다",
    "not two similar faces": "비슷한 얼굴 둘이 아닙니다",
    "no face found": "얼굴을 찾지 못했습니다",
    "no dog seen": "개가 보이지 않습니다",
    "no cat seen": "고양이가 보이지 않습니다",
    "no flowers seen": "꽃이 보이지 않습니다",
    "; the photo shows {what}": "; 사진에 보이는 것: {what}",
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
    "Instagram did not accept that password.": "인스타그램이 그 비밀번호를 받아들이지 않았습니다.",
    "That code was not accepted; enter the newest one.":
        "그 코드는 받아들여지지 않았습니다. 가장 최근 코드를 입력하세요.",
    "Instagram password for {user}: ": "{user}의 인스타그램 비밀번호: ",
    "Two-factor code for {user}: ": "{user}의 2단계 인증 코드: ",
    "password": "비밀번호",
    "two-factor code": "2단계 인증 코드",
    "Instagram needs your {what}, but there is no terminal to ask in. Run the command in "
    "a terminal once (the session is then saved), or pass --session FILE.":
        "인스타그램이 {what}을(를) 요구하지만 물어볼 터미널이 없습니다. 터미널에서 명령을 한 번 "
        "실행하거나 (그러면 세션이 저장됩니다) --session 파일 을 주세요.",
    # the catalog's typed errors (pose_desktop/errors.py: each class's template); the
    # window's translations take these too (resources/translations/build_translations.py)
    "pose_desktop is already open on {path} in another window or process.":
        "다른 창이나 프로세스의 pose_desktop이 {path}을(를) 이미 열어 두었습니다.",
    "The catalog {path} is busy (another pose_desktop is writing); try again.":
        "다른 pose_desktop이 카탈로그 {path}에 쓰는 중입니다. 잠시 뒤 다시 해 보세요.",
    "pose_desktop is open on {path}; close it before restoring a backup.":
        "pose_desktop이 {path}을(를) 열어 두었습니다. 백업을 되돌리기 전에 닫으세요.",
    "The catalog {path} is on a read-only disk or folder; it can only be opened read-only "
    "(browsing and searching work, changes do not).":
        "카탈로그 {path}은(는) 읽기 전용 디스크나 폴더에 있어 읽기 전용으로만 열 수 있습니다 "
        "(보기와 검색은 되고, 바꾸는 일은 안 됩니다).",
    "The catalog {path} is open read-only, so nothing was changed. Changes work again once it "
    "is opened for writing (close the other pose_desktop that has it open).":
        "카탈로그 {path}을(를) 읽기 전용으로 열었으므로 아무것도 바꾸지 않았습니다. 쓰기로 열면 "
        "(카탈로그를 연 다른 pose_desktop을 닫으면) 다시 바꿀 수 있습니다.",
    "The catalog {path} is read-only; check its permissions.":
        "카탈로그 {path}에 쓸 수 없습니다 (읽기 전용 파일). 파일 권한을 확인하세요.",
    "There is no catalog at {path} (opened read-only, so none was created).":
        "{path}에 카탈로그가 없습니다 (읽기 전용으로 열었으므로 새로 만들지 않았습니다).",
    "Cannot create the catalog folder {path}: {detail}": "카탈로그 폴더 {path}을(를) 만들 수 없습니다: {detail}",
    "The catalog {path} was made by an older pose_desktop and needs an upgrade, which only a "
    "read-write open does; open it once without read-only.":
        "카탈로그 {path}은(는) 예전 pose_desktop이 만들어 업그레이드가 필요한데, 업그레이드는 "
        "쓰기로 열 때만 됩니다. 읽기 전용이 아니게 한 번 여세요.",
    "This catalog was written by a newer pose_desktop (migrations {migrations}); please update "
    "the app.":
        "이 카탈로그는 더 새로운 pose_desktop이 썼습니다 (마이그레이션 {migrations}). 앱을 "
        "업데이트하세요.",
    "The disk holding {path} is full; free some space and try again.":
        "{path}이(가) 있는 디스크가 가득 찼습니다. 공간을 비운 뒤 다시 해 보세요.",
    "The catalog {path} cannot be read ({detail}); nothing was changed. Restore the newest good "
    "backup with `pose restore --latest`.":
        "카탈로그 {path}을(를) 읽을 수 없습니다 ({detail}). 아무것도 바꾸지 않았습니다. "
        "`pose restore --latest`로 가장 최근의 온전한 백업을 되돌리세요.",
    "Catalog error in {path}: {detail}": "카탈로그 {path} 오류: {detail}",
    "The catalog {path} is damaged ({reason}). Nothing was changed in it. The newest good backup "
    "is {backup} (from {when}): restore it with `pose restore --latest` (or the app's Restore "
    "button); the damaged file is kept aside as {name}.before-restore.":
        "카탈로그 {path}이(가) 손상되었습니다 ({reason}). 그 안의 아무것도 바꾸지 않았습니다. "
        "가장 최근의 온전한 백업은 {backup} ({when})입니다: `pose restore --latest`(또는 앱의 "
        "'가장 최근 백업으로 되돌리기' 단추)로 되돌리세요. 손상된 파일은 "
        "{name}.before-restore로 따로 남겨 둡니다.",
    "The catalog {path} is damaged ({reason}). Nothing was changed in it. No good backup of it "
    "was found: restore one you made elsewhere with `pose restore FILE`, or choose another "
    "catalog; `sqlite3 {name} .recover` may save part of it.":
        "카탈로그 {path}이(가) 손상되었습니다 ({reason}). 그 안의 아무것도 바꾸지 않았습니다. "
        "온전한 백업을 찾지 못했습니다: 다른 곳에 만들어 둔 백업을 `pose restore 파일`로 "
        "되돌리거나 다른 카탈로그를 고르세요. `sqlite3 {name} .recover`로 일부를 살릴 수도 "
        "있습니다.",
    "The catalog is damaged ({reason}); a copy of it would be no backup. Restore a good one "
    "with `pose restore --latest`.":
        "카탈로그가 손상되어 ({reason}) 그 사본은 백업이 될 수 없습니다. `pose restore --latest`로 "
        "온전한 백업을 되돌리세요.",
    "{path} cannot be restored: the file does not exist. Choose another backup.":
        "{path}을(를) 되돌릴 수 없습니다: 파일이 없습니다. 다른 백업을 고르세요.",
    "{path} cannot be restored: the file is empty (0 bytes). Choose another backup.":
        "{path}을(를) 되돌릴 수 없습니다: 빈 파일입니다 (0바이트). 다른 백업을 고르세요.",
    "{path} cannot be restored: it is damaged ({detail}). Choose another backup.":
        "{path}을(를) 되돌릴 수 없습니다: 손상된 파일입니다 ({detail}). 다른 백업을 고르세요.",
    "{path} cannot be restored: it is not a pose_desktop catalog. Choose another backup.":
        "{path}을(를) 되돌릴 수 없습니다: pose_desktop 카탈로그가 아닙니다. 다른 백업을 고르세요.",
    "Unknown analyzer {name!r}; known: {known}.":
        "{name!r}(이)라는 분석기는 없습니다. 있는 분석기: {known}.",
    # pose's own words around them (cli/app.py), and pose restore
    "{command} changes the catalog, so it cannot run with --read-only. Reading commands: "
    "{commands}.":
        "{command}은(는) 카탈로그를 바꾸는 명령이라 --read-only로 실행할 수 없습니다. 읽기 명령: "
        "{commands}.",
    "`pose {command}` changes the catalog, so it runs only once that one is closed; reading "
    "commands work meanwhile: {commands}.":
        "`pose {command}`은(는) 카탈로그를 바꾸는 명령이라 그쪽을 닫은 뒤에만 실행할 수 있습니다. "
        "그동안에도 읽기 명령은 됩니다: {commands}.",
    "showing what can still be read; nothing is written.":
        "아직 읽을 수 있는 것을 보여 줍니다. 아무것도 쓰지 않습니다.",
    "the catalog cannot be read ({detail}); it is damaged. Restore the newest good backup with "
    "`pose restore --latest`.":
        "카탈로그를 읽을 수 없습니다 ({detail}). 손상되었습니다. `pose restore --latest`로 가장 "
        "최근의 온전한 백업을 되돌리세요.",
    "interrupted; run the same command again to continue.":
        "중단했습니다. 같은 명령을 다시 실행하면 이어서 합니다.",
    "flags (without --dismiss)": "flags (--dismiss 없이)",
    "name the backup to restore, or give --latest for the newest good one":
        "되돌릴 백업 파일을 주거나, 가장 최근의 온전한 백업이면 --latest를 주세요",
    "no good backup of {catalog} was found (looked in {folder} and beside the catalog)":
        "{catalog}의 온전한 백업을 찾지 못했습니다 ({folder}와(과) 카탈로그 옆을 찾아봄)",
    "restored {catalog} from {source} ({n} photos)": "{source}에서 {catalog}을(를) 되돌렸습니다 (사진 {n}장)",
    "the previous catalog was kept as {saved}": "이전 카탈로그는 {saved}(으)로 남겨 두었습니다",
    # pose --help: the parser, each command's line and each option's help
    "pose_desktop photo library, headless.": "pose_desktop 사진 라이브러리를 창 없이 다룹니다.",
    "show program's version number and exit": "프로그램 버전을 보여 주고 끝냅니다",
    "catalog file (default: in the user data folder)": "카탈로그 파일 (기본값: 사용자 데이터 폴더 안)",
    "language of tags and messages (default: POSE_LANG, else the system's)":
        "태그와 메시지의 언어 (기본값: POSE_LANG, 없으면 시스템 언어)",
    "no progress bars": "진행 막대를 보이지 않습니다",
    "open the catalog read-only: reading commands only, nothing is changed":
        "카탈로그를 읽기 전용으로 엽니다: 읽기 명령만 되고, 아무것도 바뀌지 않습니다",
    "index a photo folder (recursively, incrementally)":
        "사진 폴더를 색인합니다 (하위 폴더까지, 새 파일과 바뀐 파일만)",
    "the folder to index": "색인할 폴더",
    "print the library by date, by tag or by place":
        "라이브러리를 날짜별, 태그별 또는 장소별로 보여 줍니다",
    "how to group the photos": "사진을 묶는 기준",
    "also list days": "달 아래에 날짜까지 보여 줍니다",
    "tags shown per kind": "종류마다 보여 줄 태그 수",
    "everything about one photo": "사진 한 장의 모든 정보를 보여 줍니다",
    "photo id, hash (prefix) or file path": "사진 번호, 해시(앞부분) 또는 파일 경로",
    "find photos by caption, hashtag, tag or name": "캡션, 해시태그, 태그나 이름으로 사진을 찾습니다",
    "words to look for": "찾을 낱말",
    "list at most this many photos": "보여 줄 사진의 최대 수",
    "library counts and files that could not be indexed":
        "라이브러리 통계와 색인하지 못한 파일을 보여 줍니다",
    "list every problem, not only the first 20": "처음 20개만이 아니라 문제를 모두 보여 줍니다",
    "fold one hashtag into another": "해시태그 하나를 다른 해시태그로 합칩니다",
    "the hashtag to fold in": "합칠 해시태그",
    "the hashtag it counts as from now on": "앞으로 대신 셀 해시태그",
    "write a consistent copy of the catalog": "카탈로그의 온전한 사본을 만듭니다",
    "file to write (default: backups/ beside the catalog)": "쓸 파일 (기본값: 카탈로그 옆의 backups/)",
    "replace the catalog with a backup (the current one is kept aside)":
        "카탈로그를 백업으로 바꿉니다 (지금 카탈로그는 따로 남겨 둡니다)",
    "the backup file to put back": "되돌릴 백업 파일",
    "the newest good backup (pose backup copies and automatic ones)":
        "가장 최근의 온전한 백업 (pose backup으로 만든 사본과 자동 백업 중에서)",
    "write XMP sidecars (keywords, people) for digiKam/Lightroom":
        "digiKam/Lightroom용 XMP 사이드카(키워드, 사람)를 씁니다",
    "only photos matching this text": "이 텍스트에 맞는 사진만",
    "write sidecars under this folder instead of next to the photos":
        "사이드카를 사진 옆이 아니라 이 폴더 아래에 씁니다",
    "with --dest: the photo folder whose layout is mirrored":
        "--dest 옵션과 함께: 폴더 구조를 그대로 따를 사진 폴더",
    "photo.jpg.xmp (digiKam, darktable) or photo.xmp (Lightroom)":
        "photo.jpg.xmp (digiKam, darktable) 또는 photo.xmp (Lightroom)",
    "overwrite sidecars written by other programs": "다른 프로그램이 쓴 사이드카도 덮어씁니다",
    "set the date of photos by hand (kept over indexing; written to XMP)":
        "사진의 날짜를 직접 정합니다 (다시 색인해도 유지되고 XMP에 기록됩니다)",
    "2019-07-14, '2019-07-14 18:03' or 2019-07-14T18:03:22+09:00":
        "2019-07-14, '2019-07-14 18:03' 또는 2019-07-14T18:03:22+09:00",
    "photo id, hash (prefix) or path": "사진 번호, 해시(앞부분) 또는 경로",
    "download an Instagram profile and import its posts": "인스타그램 프로필을 내려받아 게시물을 가져옵니다",
    "profile name (yours or a public one), or its URL": "프로필 이름 (내 프로필이나 공개 프로필) 또는 그 URL",
    "log in as USER (saved session, else password prompt)":
        "사용자 계정으로 로그인합니다 (저장된 세션을 쓰고, 없으면 비밀번호를 묻습니다)",
    "use this instaloader session file": "이 instaloader 세션 파일을 씁니다",
    "use the Instagram login of this browser (firefox, chrome…; needs browser_cookie3)":
        "이 브라우저의 인스타그램 로그인을 씁니다 (firefox, chrome…; browser_cookie3가 필요합니다)",
    "walk every post again (refresh captions, likes, comments)":
        "모든 게시물을 다시 훑습니다 (캡션, 좋아요, 댓글을 새로 고칩니다)",
    "stop after the newest N posts": "최근 게시물 N개까지만 가져옵니다",
    "import Instagram's data export (ZIP or unpacked folder)":
        "인스타그램 데이터 내보내기(ZIP 또는 압축을 푼 폴더)를 가져옵니다",
    "the export's ZIP file or its unpacked folder": "내보내기 ZIP 파일이나 압축을 푼 폴더",
    "import a folder instaloader downloaded into": "instaloader로 내려받은 폴더를 가져옵니다",
    "the folder instaloader downloaded into": "instaloader로 내려받은 폴더",
    "suggest hashtags for image files (in the library or not)":
        "이미지 파일에 어울리는 해시태그를 추천합니다 (라이브러리에 없는 파일도 됩니다)",
    "image file, or a library photo (id or hash): then only hashtags it lacks":
        "이미지 파일이나 라이브러리 사진(번호나 해시): 라이브러리 사진이면 아직 없는 해시태그만",
    "suggestions per image": "이미지마다 보여 줄 추천 수",
    "skip face detection (faster)": "얼굴 찾기를 건너뜁니다 (더 빠릅니다)",
    "one JSON object per image": "이미지마다 JSON 객체를 하나씩 씁니다",
    "photos that look like PHOTO (id, hash, path, or any image file)":
        "주어진 사진과 비슷해 보이는 사진을 찾습니다 (번호, 해시, 경로 또는 아무 이미지 파일)",
    "photo id, hash, path, or any image file": "사진 번호, 해시, 경로 또는 아무 이미지 파일",
    "groups of near-duplicate photos": "거의 같은 사진끼리 묶어 보여 줍니다",
    "feature cosine at least this (default 0.85); thumbnails must match too":
        "특징 코사인 유사도의 최솟값 (기본값 0.85); 썸네일도 비슷해야 합니다",
    "posts whose hashtags don't match the photo; dismiss a flag":
        "해시태그가 사진과 맞지 않는 게시물을 보여 주고, 표시를 없앱니다",
    "include dismissed flags": "없앤 표시도 보여 줍니다",
    "dismiss the flags of this photo": "이 사진의 표시를 없앱니다",
    "with --dismiss: only this hashtag's flag": "--dismiss 옵션과 함께: 이 해시태그의 표시만",
    "learn your own hashtags from your captioned photos": "캡션을 단 내 사진에서 내 해시태그를 배웁니다",
    "auto: the blend, its weights chosen by cross-validation on your photos":
        "auto: blend를 쓰고, 그 가중치는 내 사진으로 교차 검증해 고릅니다",
    "run the models (faces, emotion, picture) over photos not yet analysed":
        "아직 분석하지 않은 사진에 모델(얼굴, 감정, 그림)을 돌립니다",
    "comma-separated analyzers (default: all); e.g. faces,emotion":
        "쉼표로 나눈 분석기 이름 (기본값: 전부); 예: faces,emotion",
    "where models run (default: auto, or POSE_DEVICE)": "모델을 돌릴 장치 (기본값: auto 또는 POSE_DEVICE)",
    "photos per batch/transaction": "한 번(배치, 트랜잭션)에 처리할 사진 수",
    "analyse at most this many photos": "분석할 사진의 최대 수",
    "try photos that failed before again": "전에 실패한 사진도 다시 해 봅니다",
    "list people and face groups; name, merge, split, fix faces":
        "사람과 얼굴 묶음을 보여 주고, 이름 붙이기, 합치기, 나누기, 얼굴 고치기를 합니다",
    "what to do (default: list)": "할 일 (기본값: list)",
    "list | name GROUP NAME | merge SOURCE TARGET | faces PERSON | name-face FACE NAME | "
    "reject FACE [PERSON] | split FACE... [--as NAME] | delete PERSON":
        "list | name 묶음 이름 | merge 원본 대상 | faces 사람 | name-face 얼굴 이름 | "
        "reject 얼굴 [사람] | split 얼굴... [--as 이름] | delete 사람",
    "with split: name of the new person": "split에서: 새 사람의 이름",
    "with list: include unnamed groups": "list에서: 이름 없는 묶음도 보여 줍니다",
    "photos showing a person (several names: all of them together)":
        "어떤 사람이 나온 사진을 찾습니다 (이름이 여럿이면 모두 함께 나온 사진)",
    "a person's name": "사람 이름",
    "only photos with this mood": "이 기분인 사진만",
    "print file paths only": "파일 경로만 출력합니다",
    # argparse's own words (it asks gettext for them; ``app.argparse_speaks`` answers)
    "usage: ": "사용법: ",
    "positional arguments": "위치 인수",
    "options": "옵션",
    "show this help message and exit": "이 도움말을 보여 주고 끝냅니다",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 오류: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "인수 %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "다음 인수가 필요합니다: %s",
    "unrecognized arguments: %s": "알 수 없는 인수입니다: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "고를 수 없는 값입니다: %(value)r (%(choices)s 중에서 고르세요)",
    "invalid %(type)s value: %(value)r": "%(type)s 값이 아닙니다: %(value)r",
    "expected one argument": "값이 하나 필요합니다",
    "expected at most one argument": "값은 하나까지만 줄 수 있습니다",
    "expected at least one argument": "값이 하나 이상 필요합니다",
    "expected %s argument": "값이 %s개 필요합니다",
    "expected %s arguments": "값이 %s개 필요합니다",
    "ambiguous option: %(option)s could match %(matches)s":
        "옵션이 모호합니다: %(option)s은(는) %(matches)s 중 어느 것일 수도 있습니다",
    "not allowed with argument %s": "인수 %s와(과) 함께 쓸 수 없습니다",
    "ignored explicit argument %r": "이 옵션은 값을 받지 않습니다: %r",
    "one of the arguments %s is required": "인수 %s 중 하나가 필요합니다",
}

# The placeholders of ``pose --help`` (an argument's metavar, else argparse's name for it:
# an option's dest in capitals, a positional's dest), in Korean help.
METAVARS_KO: dict[str, str] = {
    "COMMAND": "명령",
    "CATALOG": "카탈로그",
    "path": "폴더",
    "folder": "폴더",
    "DEST": "폴더",
    "ROOT": "사진폴더",
    "LIMIT": "개수",
    "TOP": "개수",
    "BATCH": "개수",
    "photo": "사진",
    "PHOTO": "사진",
    "IMAGE": "이미지",
    "text": "텍스트",
    "SEARCH": "텍스트",
    "variant": "합칠태그",
    "canonical": "대표태그",
    "HASHTAG": "해시태그",
    "dest": "파일",
    "backup": "백업파일",
    "FILE": "파일",
    "date": "날짜",
    "profile": "프로필",
    "USER": "사용자",
    "NAME": "이름",
    "ZIP|DIR": "ZIP|폴더",
    "THRESHOLD": "기준값",
    "MODELS": "분석기",
    "args": "인수",
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


def error_text(lib, exc) -> str:
    """A ``PoseError``'s message in the language of ``lib`` (its template, filled in; the
    system's or SQLite's reason it carries, "Permission denied", in that language too)."""
    from pose_desktop.vocab.messages import error_values  # (this file also loads alone)

    lang = lib if isinstance(lib, str) else getattr(lib, "lang", "en")
    return say(lang, exc.template, **error_values(exc.values, lang))


def placeholder(lang: str, name: str) -> str:
    """An argument's placeholder in ``pose --help`` (``CATALOG``) in ``lang``."""
    return METAVARS_KO.get(name, name) if lang == "ko" else name


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
