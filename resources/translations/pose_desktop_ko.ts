<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko_KR">
<context>
    <name>App</name>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="146" />
        <source>This photo library is already open in another pose window, or a pose command is changing it:
%1

Open it read-only instead? You can look and search; changes wait until the other one closes.</source>
        <translation>이 사진 라이브러리는 다른 pose 창에서 열려 있거나 pose 명령이 바꾸는 중입니다:
%1

읽기 전용으로 열까요? 보기와 검색은 되고, 바꾸는 일은 다른 쪽이 닫힌 뒤에 할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="219" />
        <source>The catalog %1 is damaged (%2). Nothing was changed in it.</source>
        <translation>카탈로그 %1이(가) 손상되었습니다 (%2). 그 안의 아무것도 바꾸지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="221" />
        <source>No good backup of it was found.</source>
        <translation>온전한 백업을 찾지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="226" />
        <source>Restore the newest backup</source>
        <translation>가장 최근 백업으로 되돌리기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="228" />
        <source>Restore the newest backup: %1 (from %2) takes the catalog's place; the damaged file is kept, unchanged, as %3.</source>
        <translation>가장 최근 백업으로 되돌리기: %1 (%2)이(가) 카탈로그 자리를 대신하고, 손상된 파일은 바꾸지 않고 %3(으)로 남겨 둡니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="232" />
        <source>Open read-only</source>
        <translation>읽기 전용으로 열기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="234" />
        <source>Open read-only: look at what can still be read; nothing is written.</source>
        <translation>읽기 전용으로 열기: 아직 읽을 수 있는 것을 봅니다. 아무것도 쓰지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="236" />
        <source>Start a new catalog</source>
        <translation>새 카탈로그 시작</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="238" />
        <source>Start a new catalog: an empty catalog takes its place and the damaged file is kept, unchanged, as %1 (for a recovery). Your photos are not touched: add their folders again.</source>
        <translation>새 카탈로그 시작: 빈 카탈로그가 그 자리를 대신하고, 손상된 파일은 복구에 쓸 수 있도록 %1(으)로 바꾸지 않고 남겨 둡니다. 사진 파일은 건드리지 않습니다. 사진 폴더를 다시 추가하세요.</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="219" />
        <source>Date</source>
        <extracomment>A hashtag or tag link was clicked: (kind, name). "Hashtag ideas…" was clicked for the photo shown (its id).</extracomment>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="220" />
        <source>Place</source>
        <translation>장소</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="221" />
        <source>Camera</source>
        <translation>카메라</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="222" />
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="223" />
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="224" />
        <source>Caption</source>
        <translation>캡션</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="225" />
        <source>Hashtags</source>
        <translation>해시태그</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="226" />
        <source>In the photo</source>
        <translation>사진 속</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="227" />
        <source>People</source>
        <translation>사람</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="228" />
        <source>Instagram</source>
        <translation>인스타그램</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="232" />
        <source>Hashtag ideas…</source>
        <translation>해시태그 추천…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="233" />
        <source>Hashtags that fit this photo (Ctrl+H)</source>
        <translation>이 사진에 어울리는 해시태그 (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="246" />
        <source>Select a photo to see it here.

Tip: drop photos on the window to get hashtag ideas.</source>
        <translation>사진을 선택하면 여기에 크게 보입니다.

팁: 사진을 창에 끌어다 놓으면 해시태그를 추천해 드려요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="249" />
        <source>Loading the preview…</source>
        <translation>미리보기를 불러오는 중…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="251" />
        <source>No preview: this file could not be read (damaged, or copied only in part?). It stays in the library; Problems (in the status bar) says what is wrong.</source>
        <translation>미리보기 없음: 이 파일을 읽지 못했습니다 (손상되었거나 일부만 복사되었나요?). 라이브러리에는 그대로 남아 있고, 상태 표시줄의 '문제'에서 무엇이 잘못됐는지 볼 수 있습니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/detail.py" line="306" />
        <source>%n unnamed face(s)</source>
        <translation><numerusform>이름 없는 얼굴 %n개</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="335" />
        <source>from the camera (EXIF)</source>
        <translation>카메라 기록 (EXIF)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="336" />
        <source>from the camera (EXIF, digitised)</source>
        <translation>카메라 기록 (EXIF, 디지털화 시각)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="337" />
        <source>from EXIF (file changed)</source>
        <translation>EXIF (파일 수정 시각)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="338" />
        <source>from the Instagram post</source>
        <translation>인스타그램 게시물 날짜</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="339" />
        <source>from the Instagram export (the photo's EXIF)</source>
        <translation>인스타그램 내보내기 (사진의 EXIF)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="340" />
        <source>set by you</source>
        <translation>직접 지정함</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="341" />
        <source>from the video (recorded local time)</source>
        <translation>동영상 기록 (촬영지 시각)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="342" />
        <source>from the video (recorded in UTC)</source>
        <translation>동영상 기록 (UTC 시각)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="345" />
        <source>guessed from the folder's name</source>
        <translation>폴더 이름으로 추정</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="347" />
        <source>Undated</source>
        <translation>날짜 없음</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="348" />
        <source>no date in the file; the file was last changed %1</source>
        <translation>파일에 날짜가 없습니다. 파일 수정 시각 %1</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="371" />
        <source>missing</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="401" />
        <source>No scene, object or clothing recognised</source>
        <translation>알아본 장면, 사물, 옷이 없습니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="402" />
        <source>Not analysed yet (Tools → Analyse)</source>
        <translation>아직 분석하지 않았습니다 (도구 → 분석)</translation>
    </message>
</context>
<context>
    <name>DropSuggestionsDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="284" />
        <source>Hashtag ideas</source>
        <extracomment>Ideas at least this likely (the hashtag scores are calibrated probabilities) are ticked for the user. At 0.15, a portrait came with #운동 27 % and #음식 16 % ticked: one click on Copy put hashtags on the post that were more likely wrong than right. The user asked to add these files to the library, with these ticked hashtags. Ticked hashtags were kept on these library photos. Suggestions arrived (number of rows) or failed (-1).</extracomment>
        <translation>해시태그 추천</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="286" />
        <source>Hashtag</source>
        <translation>해시태그</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="287" />
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="288" />
        <source>Confidence</source>
        <translation>확신도</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="290" />
        <source>Why</source>
        <translation>추천 이유</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="289" />
        <source>Photos</source>
        <translation>사진</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="295" />
        <source>Select all</source>
        <translation>모두 선택</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="296" />
        <source>Select none</source>
        <translation>선택 해제</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="297" />
        <source>Copy as text</source>
        <translation>텍스트로 복사</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="298" />
        <source>Copy the ticked hashtags, ready to paste into a post</source>
        <translation>체크한 해시태그를 게시물에 바로 붙여 넣을 수 있게 복사합니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="300" />
        <source>Keep ticked hashtags</source>
        <translation>체크한 해시태그 저장</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="301" />
        <source>Add the ticked hashtags to these photos</source>
        <translation>체크한 해시태그를 이 사진들에 붙입니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="303" />
        <source>Add to library</source>
        <translation>라이브러리에 추가</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="305" />
        <source>Index these photos, with the ticked hashtags as your own</source>
        <translation>이 사진들을 라이브러리에 추가하고 체크한 해시태그를 내 해시태그로 붙입니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="307" />
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/drop_panel.py" line="309" />
        <source>Hashtag ideas for %n photo(s)</source>
        <translation><numerusform>사진 %n장에 어울리는 해시태그</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="315" />
        <source>Looking at the photos…</source>
        <translation>사진을 살펴보는 중…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="317" />
        <source>No idea for these photos yet. Add them to the library and run Analyse; suggestions learn from the hashtags you use.</source>
        <translation>아직 추천할 해시태그가 없어요. 라이브러리에 추가하고 분석을 실행하세요. 추천은 내가 쓰는 해시태그에서 배웁니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="320" />
        <source>None of the dropped files is a photo we can read.</source>
        <translation>끌어다 놓은 파일 중 읽을 수 있는 사진이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="322" />
        <source>None of these photos could be read: the files are damaged or are not images. Open them in an image viewer to check, or drop other photos.</source>
        <translation>이 사진들을 읽지 못했습니다. 파일이 손상되었거나 이미지가 아닙니다. 이미지 뷰어로 열어 확인하거나 다른 사진을 끌어다 놓으세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="325" />
        <source>Could not suggest hashtags: %1</source>
        <translation>해시태그를 추천하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="326" />
        <source>Tick the hashtags you like, then Copy as text.</source>
        <translation>마음에 드는 해시태그를 체크하고 '텍스트로 복사'를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="329" />
        <source>Tick the hashtags you like, then Keep ticked hashtags (they become your own, searchable) or Copy as text.</source>
        <translation>마음에 드는 해시태그를 체크하고 '체크한 해시태그 저장'(내 해시태그가 되어 검색됩니다) 또는 '텍스트로 복사'를 누르세요.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/drop_panel.py" line="335" />
        <source>Could not read %n file(s) (damaged, or not an image): %1</source>
        <translation><numerusform>파일 %n개를 읽지 못했습니다 (손상되었거나 이미지가 아님): %1</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="340" />
        <source>Left out, not photos: %1</source>
        <translation>사진이 아니어서 뺐습니다: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/drop_panel.py" line="388" />
        <source>Kept on %n photo(s): %1</source>
        <translation><numerusform>사진 %n장에 저장: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/drop_panel.py" line="397" />
        <source>Adding %n photo(s) to the library…</source>
        <translation><numerusform>사진 %n장을 라이브러리에 추가하는 중…</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="493" />
        <source>Copied: %1</source>
        <translation>복사했습니다: %1</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="106" />
        <source>Duplicates</source>
        <extracomment>Photos were removed from the catalog (their ids), to refresh the window. The groups were found (how many).</extracomment>
        <translation>중복 사진</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="107" />
        <source>Keep the chosen one, remove the others</source>
        <translation>고른 사진만 남기고 나머지 빼기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="109" />
        <source>The others leave the catalog; their files stay where they are</source>
        <translation>나머지는 카탈로그에서만 빠지고 파일은 그대로 있습니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="111" />
        <source>Next group</source>
        <translation>다음 묶음</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="112" />
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="113" />
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="121" />
        <source>Looking for duplicates…</source>
        <translation>중복 사진을 찾는 중…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="124" />
        <source>Could not look for duplicates</source>
        <translation>중복 사진을 찾지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="127" />
        <source>No duplicates</source>
        <translation>중복 사진 없음</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="130" />
        <source>No two photos are copies of one shot. %n photo(s) not analysed yet could not be compared: run Analyse first.</source>
        <translation><numerusform>같은 장면의 사본인 사진이 없습니다. 아직 분석하지 않은 사진 %n장은 비교하지 못했으니 먼저 분석을 실행하세요.</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="134" />
        <source>No two photos are copies of one shot.</source>
        <translation>같은 장면의 사본인 사진이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="137" />
        <source>All %n group(s) reviewed</source>
        <translation><numerusform>%n개 묶음을 모두 확인했습니다</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="139" />
        <source>%n photo(s) removed from the catalog; the files are untouched.</source>
        <translation><numerusform>사진 %n장을 카탈로그에서 뺐습니다. 파일은 그대로입니다.</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="144" />
        <source>Duplicates %1 of %2</source>
        <translation>중복 사진 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="150" />
        <source>These look like copies of one shot. Choose the one to keep; the others are removed from the catalog (their files stay, Ctrl+Z in the window brings them back).</source>
        <translation>같은 장면의 사본으로 보입니다. 남길 사진을 고르세요. 나머지는 카탈로그에서만 빠집니다 (파일은 그대로이고, 창에서 Ctrl+Z로 되돌릴 수 있습니다).</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="238" />
        <source>Keep this one</source>
        <translation>이 사진 남기기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="242" />
        <source>Undated</source>
        <translation>날짜 없음</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../pose_desktop/errors.py" line="40" />
        <source>pose_desktop is already open on {path} in another window or process.</source>
        <translation>다른 창이나 프로세스의 pose_desktop이 {path}을(를) 이미 열어 두었습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="47" />
        <source>The catalog {path} is busy (another pose_desktop is writing); try again.</source>
        <translation>다른 pose_desktop이 카탈로그 {path}에 쓰는 중입니다. 잠시 뒤 다시 해 보세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="54" />
        <source>pose_desktop is open on {path}; close it before restoring a backup.</source>
        <translation>pose_desktop이 {path}을(를) 열어 두었습니다. 백업을 되돌리기 전에 닫으세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="61" />
        <source>The catalog {path} is on a read-only disk or folder; it can only be opened read-only (browsing and searching work, changes do not).</source>
        <translation>카탈로그 {path}은(는) 읽기 전용 디스크나 폴더에 있어 읽기 전용으로만 열 수 있습니다 (보기와 검색은 되고, 바꾸는 일은 안 됩니다).</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="69" />
        <source>The catalog {path} is open read-only, so nothing was changed. Changes work again once it is opened for writing (close the other pose_desktop that has it open).</source>
        <translation>카탈로그 {path}을(를) 읽기 전용으로 열었으므로 아무것도 바꾸지 않았습니다. 쓰기로 열면 (카탈로그를 연 다른 pose_desktop을 닫으면) 다시 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="77" />
        <source>The catalog {path} is read-only; check its permissions.</source>
        <translation>카탈로그 {path}에 쓸 수 없습니다 (읽기 전용 파일). 파일 권한을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="83" />
        <source>There is no catalog at {path} (opened read-only, so none was created).</source>
        <translation>{path}에 카탈로그가 없습니다 (읽기 전용으로 열었으므로 새로 만들지 않았습니다).</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="90" />
        <source>Cannot create the catalog folder {path}: {detail}</source>
        <translation>카탈로그 폴더 {path}을(를) 만들 수 없습니다: {detail}</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="96" />
        <source>The catalog {path} was made by an older pose_desktop and needs an upgrade, which only a read-write open does; open it once without read-only.</source>
        <translation>카탈로그 {path}은(는) 예전 pose_desktop이 만들어 업그레이드가 필요한데, 업그레이드는 쓰기로 열 때만 됩니다. 읽기 전용이 아니게 한 번 여세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="104" />
        <source>This catalog was written by a newer pose_desktop (migrations {migrations}); please update the app.</source>
        <translation>이 카탈로그는 더 새로운 pose_desktop이 썼습니다 (마이그레이션 {migrations}). 앱을 업데이트하세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="112" />
        <source>The disk holding {path} is full; free some space and try again.</source>
        <translation>{path}이(가) 있는 디스크가 가득 찼습니다. 공간을 비운 뒤 다시 해 보세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="119" />
        <source>The catalog {path} cannot be read ({detail}); nothing was changed. Restore the newest good backup with `pose restore --latest`.</source>
        <translation>카탈로그 {path}을(를) 읽을 수 없습니다 ({detail}). 아무것도 바꾸지 않았습니다. `pose restore --latest`로 가장 최근의 온전한 백업을 되돌리세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="127" />
        <source>Catalog error in {path}: {detail}</source>
        <translation>카탈로그 {path} 오류: {detail}</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="135" />
        <source>The catalog {path} is damaged ({reason}). Nothing was changed in it. The newest good backup is {backup} (from {when}): restore it with `pose restore --latest` (or the app's Restore button); the damaged file is kept aside as {name}.before-restore.</source>
        <translation>카탈로그 {path}이(가) 손상되었습니다 ({reason}). 그 안의 아무것도 바꾸지 않았습니다. 가장 최근의 온전한 백업은 {backup} ({when})입니다: `pose restore --latest`(또는 앱의 '가장 최근 백업으로 되돌리기' 단추)로 되돌리세요. 손상된 파일은 {name}.before-restore로 따로 남겨 둡니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="139" />
        <source>The catalog {path} is damaged ({reason}). Nothing was changed in it. No good backup of it was found: restore one you made elsewhere with `pose restore FILE`, or choose another catalog; `sqlite3 {name} .recover` may save part of it.</source>
        <translation>카탈로그 {path}이(가) 손상되었습니다 ({reason}). 그 안의 아무것도 바꾸지 않았습니다. 온전한 백업을 찾지 못했습니다: 다른 곳에 만들어 둔 백업을 `pose restore 파일`로 되돌리거나 다른 카탈로그를 고르세요. `sqlite3 {name} .recover`로 일부를 살릴 수도 있습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="153" />
        <source>The catalog is damaged ({reason}); a copy of it would be no backup. Restore a good one with `pose restore --latest`.</source>
        <translation>카탈로그가 손상되어 ({reason}) 그 사본은 백업이 될 수 없습니다. `pose restore --latest`로 온전한 백업을 되돌리세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="163" />
        <source>{path} cannot be restored: the file does not exist. Choose another backup.</source>
        <translation>{path}을(를) 되돌릴 수 없습니다: 파일이 없습니다. 다른 백업을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="168" />
        <source>{path} cannot be restored: the file is empty (0 bytes). Choose another backup.</source>
        <translation>{path}을(를) 되돌릴 수 없습니다: 빈 파일입니다 (0바이트). 다른 백업을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="173" />
        <source>{path} cannot be restored: it is damaged ({detail}). Choose another backup.</source>
        <translation>{path}을(를) 되돌릴 수 없습니다: 손상된 파일입니다 ({detail}). 다른 백업을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="178" />
        <source>{path} cannot be restored: it is not a pose_desktop catalog. Choose another backup.</source>
        <translation>{path}을(를) 되돌릴 수 없습니다: pose_desktop 카탈로그가 아닙니다. 다른 백업을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="194" />
        <source>Unknown analyzer {name!r}; known: {known}.</source>
        <translation>{name!r}(이)라는 분석기는 없습니다. 있는 분석기: {known}.</translation>
    </message>
</context>
<context>
    <name>Grid</name>
    <message>
        <location filename="../../pose_desktop/ui/grid.py" line="305" />
        <source>No preview</source>
        <extracomment>The photo id of a row. The ``PhotoSummary`` of a row. Rows exposed per ``fetchMore``. Summaries read per query, and how many such pages stay in memory. The list of photos changed (new filter or refresh), or its title did: (number of photos).</extracomment>
        <translation>미리보기 없음</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/grid.py" line="308" />
        <source>video</source>
        <translation>동영상</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/grid.py" line="310" />
        <source>missing</source>
        <translation>없음</translation>
    </message>
</context>
<context>
    <name>InstagramImportDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="375" />
        <source>Import from Instagram</source>
        <translation>인스타그램에서 가져오기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="378" />
        <source>Bring your posts, captions and hashtags into the library. Nothing is posted or changed on Instagram.</source>
        <translation>게시물, 캡션, 해시태그를 라이브러리로 가져옵니다. 인스타그램에는 아무것도 올리거나 바꾸지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="383" />
        <source>Profile name</source>
        <translation>프로필 이름</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="384" />
        <source>Data export (ZIP)</source>
        <translation>데이터 내보내기 (ZIP)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="385" />
        <source>Downloaded folder</source>
        <translation>내려받은 폴더</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="304" />
        <source>The saved login of %1 was removed from this computer.</source>
        <translation>이 컴퓨터에서 %1의 저장된 로그인을 지웠습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="61" />
        <source>Profile not found.</source>
        <extracomment>Login choices (ids of ``InstagramImportDialog.login_kind``).</extracomment>
        <translation>프로필을 찾을 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="62" />
        <source>This profile is private: choose a login that follows it.</source>
        <translation>비공개 프로필입니다. 이 프로필을 팔로우하는 계정으로 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="65" />
        <source>Instagram wants a login: choose one under “Log in”.</source>
        <translation>인스타그램이 로그인을 요구합니다. ‘로그인’에서 방법을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="68" />
        <source>Instagram did not accept the login.</source>
        <translation>인스타그램이 로그인을 받아들이지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="71" />
        <source>The two-factor code was not accepted.</source>
        <translation>2단계 인증 코드가 맞지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="74" />
        <source>Instagram wants to confirm it's you.</source>
        <translation>인스타그램이 본인 확인을 요구합니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="77" />
        <source>Instagram asks you to log in again (401).</source>
        <translation>인스타그램이 다시 로그인하라고 합니다 (401).</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="80" />
        <source>Instagram refused access (403).</source>
        <translation>인스타그램이 접근을 거부했습니다 (403).</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="83" />
        <source>Instagram is limiting requests (429).</source>
        <translation>인스타그램이 요청을 제한하고 있습니다 (429).</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="86" />
        <source>Cannot reach Instagram.</source>
        <translation>인스타그램에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="87" />
        <source>Instagram is having trouble right now.</source>
        <translation>지금 인스타그램에 문제가 있습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="90" />
        <source>Import cancelled.</source>
        <translation>가져오기를 취소했습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="91" />
        <source>Instagram answered in an unexpected way.</source>
        <translation>인스타그램이 예상하지 못한 응답을 보냈습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="147" />
        <source>Instagram password for %1:</source>
        <translation>%1의 인스타그램 비밀번호:</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="148" />
        <source>Instagram did not accept that password. Try again:</source>
        <translation>인스타그램이 비밀번호를 받아들이지 않았습니다. 다시 입력하세요:</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="146" />
        <source>Log in to Instagram</source>
        <translation>인스타그램 로그인</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="157" />
        <source>Enter the security code for %1 from your authenticator app or SMS:</source>
        <translation>인증 앱이나 문자로 받은 %1의 보안 코드를 입력하세요:</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="161" />
        <source>That code was not accepted; enter the newest one.</source>
        <translation>코드가 맞지 않습니다. 가장 최근 코드를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="156" />
        <source>Two-factor code</source>
        <translation>2단계 인증 코드</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="323" />
        <source>Public profiles only. Instagram may ask to log in after a few imports.</source>
        <translation>공개 프로필만 가져올 수 있습니다. 몇 번 가져오고 나면 인스타그램이 로그인을 요청할 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="326" />
        <source>Uses the login saved on this computer. If it has expired you are asked for the password.</source>
        <translation>이 컴퓨터에 저장된 로그인을 씁니다. 만료되었으면 비밀번호를 묻습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="330" />
        <source>A session file saved by instaloader --login. A private copy is kept for next time.</source>
        <translation>instaloader --login으로 저장한 세션 파일입니다. 다음을 위해 나만 읽을 수 있는 사본을 보관합니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="334" />
        <source>When the import starts you are asked for the password and, if your account uses it, a two-factor code. The password is never saved.</source>
        <translation>가져오기를 시작하면 비밀번호와 (계정에서 사용하는 경우) 2단계 인증 코드를 묻습니다. 비밀번호는 저장하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="342" />
        <source>instaloader session file</source>
        <translation>instaloader 세션 파일</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="358" />
        <source>There is no saved login yet.</source>
        <translation>아직 저장된 로그인이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="363" />
        <source>Choose the instaloader session file.</source>
        <translation>instaloader 세션 파일을 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="368" />
        <source>Enter your Instagram username.</source>
        <translation>인스타그램 사용자 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="390" />
        <source>e.g. my.account (empty: the account you log in with)</source>
        <translation>예: my.account (비워 두면 로그인한 계정)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="393" />
        <source>instagram-….zip from Instagram's 'Download your information'</source>
        <translation>인스타그램 '내 정보 다운로드'로 받은 instagram-….zip</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="395" />
        <source>a folder made by instaloader</source>
        <translation>instaloader로 만든 폴더</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="398" />
        <source>Log in (for private profiles and your own account)</source>
        <translation>로그인 (비공개 프로필과 내 계정용)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="399" />
        <source>Don't log in</source>
        <translation>로그인하지 않음</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="400" />
        <source>Saved login</source>
        <translation>저장된 로그인</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="401" />
        <source>Session file</source>
        <translation>세션 파일</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="402" />
        <source>Username</source>
        <translation>사용자 이름</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="403" />
        <source>Forget</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="404" />
        <source>Remove this saved login from this computer</source>
        <translation>이 컴퓨터에서 저장된 로그인을 지웁니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="405" />
        <location filename="../../pose_desktop/ui/import_dialog.py" line="411" />
        <location filename="../../pose_desktop/ui/import_dialog.py" line="412" />
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="406" />
        <source>session-yourname from instaloader</source>
        <translation>instaloader가 만든 session-사용자이름 파일</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="407" />
        <source>your Instagram username</source>
        <translation>인스타그램 사용자 이름</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="408" />
        <source>Keep me logged in on this computer</source>
        <translation>이 컴퓨터에서 로그인 상태 유지</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="409" />
        <source>none yet</source>
        <translation>아직 없음</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="413" />
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="418" />
        <source>Instagram data export</source>
        <translation>인스타그램 데이터 내보내기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="425" />
        <source>Downloaded Instagram folder</source>
        <translation>내려받은 인스타그램 폴더</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="445" />
        <source>Enter the profile name to import.</source>
        <translation>가져올 프로필 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="448" />
        <source>Login cancelled: nothing was imported.</source>
        <translation>로그인을 취소했습니다. 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="459" />
        <source>Importing @%1</source>
        <translation>@%1 가져오기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="465" />
        <source>Importing the Instagram export</source>
        <translation>인스타그램 내보내기 파일 가져오기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="466" />
        <source>Importing the Instagram folder</source>
        <translation>인스타그램 폴더 가져오기</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="300" />
        <source>Analysing your photos… Scenes, objects, people, clothing and moods appear here as they are found; hashtags from captions are here already.</source>
        <translation>사진을 분석하는 중… 장면, 사물, 사람, 옷, 기분이 찾는 대로 여기에 나타납니다. 캡션의 해시태그는 이미 있습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="306" />
        <source>Scenes, objects, people, clothing and moods appear here once the photos are analysed (on this computer; nothing is uploaded).</source>
        <translation>사진을 분석하면 장면, 사물, 사람, 옷, 기분이 여기에 나타납니다 (이 컴퓨터에서만 분석하고 아무것도 올리지 않습니다).</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="312" />
        <source>Analyse now</source>
        <translation>지금 분석</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="244" />
        <source>Photo library — pose</source>
        <translation>사진 보관함 — pose</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="246" />
        <source>(read-only: open in another window)</source>
        <translation>(읽기 전용: 다른 창에서 열려 있음)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="268" />
        <location filename="../../pose_desktop/ui/jobs.py" line="104" />
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="105" />
        <source>Index a folder of photos (it is never changed)</source>
        <translation>사진 폴더를 색인합니다 (폴더는 절대 바뀌지 않습니다)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="279" />
        <source>Instagram…</source>
        <translation>인스타그램…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="280" />
        <source>Import your posts from Instagram</source>
        <translation>인스타그램 게시물 가져오기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="214" />
        <source>Analyse</source>
        <translation>분석</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="215" />
        <source>Find people, scenes and clothing in the photos</source>
        <translation>사진 속 사람, 장면, 옷을 찾습니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="296" />
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="297" />
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="194" />
        <source>Quit</source>
        <extracomment>A background job ended: (title, 'finished' | 'failed' | 'cancelled'). The views were reloaded from the catalog.</extracomment>
        <translation>끝내기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="540" />
        <source>Find</source>
        <translation>찾기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="541" />
        <source>Search tags, hashtags, captions and names</source>
        <translation>태그, 해시태그, 캡션, 이름 검색</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="156" />
        <source>Add tag…</source>
        <translation>태그 추가…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="178" />
        <source>Set date…</source>
        <translation>날짜 지정…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="179" />
        <source>Set the date of the selected photos (kept in the catalog, written to XMP)</source>
        <translation>선택한 사진의 날짜를 지정합니다 (카탈로그에 저장되고 XMP로 내보냅니다)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="101" />
        <source>Remove from catalog</source>
        <translation>카탈로그에서 빼기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="102" />
        <source>The files stay where they are</source>
        <translation>파일은 그대로 남습니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="140" />
        <source>Undo remove</source>
        <translation>빼기 취소</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="246" />
        <source>Show in file manager</source>
        <translation>파일 관리자에서 보기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="234" />
        <source>Copy file path</source>
        <translation>파일 경로 복사</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="41" />
        <source>View</source>
        <translation>크게 보기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="65" />
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="66" />
        <source>Play the video in the system's player</source>
        <translation>시스템 플레이어로 동영상을 재생합니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="260" />
        <location filename="../../pose_desktop/ui/photo_actions.py" line="281" />
        <source>More like this</source>
        <translation>비슷한 사진</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="197" />
        <source>Hashtag ideas…</source>
        <translation>해시태그 추천…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="198" />
        <source>Hashtags that fit the selected photos; keep the ones you like</source>
        <translation>선택한 사진에 어울리는 해시태그. 마음에 드는 것을 저장하세요</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="256" />
        <source>Find duplicates…</source>
        <translation>중복 사진 찾기…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="257" />
        <source>Copies of one shot side by side: keep one (files are never deleted)</source>
        <translation>같은 장면의 사본을 나란히 보고 하나만 남깁니다 (파일은 지우지 않습니다)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="205" />
        <source>Photos</source>
        <translation>사진</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="219" />
        <source>People</source>
        <translation>사람</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="292" />
        <source>Bigger thumbnails</source>
        <translation>썸네일 크게</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="302" />
        <source>Smaller thumbnails</source>
        <translation>썸네일 작게</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="232" />
        <source>Problems panel</source>
        <translation>문제 목록</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="260" />
        <source>Add a folder of photos or import your Instagram posts. Your files are never changed. pose then analyses them by itself (people, scenes, clothing); the Tags tab fills in as it goes. Drop photos on this window any time to get hashtag ideas.</source>
        <translation>사진 폴더를 추가하거나 인스타그램 게시물을 가져오세요. 파일은 절대 바뀌지 않습니다. 추가한 사진은 pose가 알아서 분석하고(사람, 장면, 옷) 태그 탭이 차례로 채워집니다. 언제든 사진을 이 창에 끌어다 놓으면 해시태그를 추천해 드려요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="339" />
        <location filename="../../pose_desktop/ui/jobs.py" line="348" />
        <source>About pose</source>
        <translation>pose 정보</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="157" />
        <source>Check library folders for changes</source>
        <translation>라이브러리 폴더 변경 확인</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="158" />
        <source>Index new and changed photos in your library folders (F5)</source>
        <translation>라이브러리 폴더의 새 사진과 바뀐 사진을 색인합니다 (F5)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="249" />
        <source>Problems</source>
        <translation>문제</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="51" />
        <source>&amp;File</source>
        <extracomment>The menu bar, left to right: (id an action's ``Place`` names, title).</extracomment>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="52" />
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="53" />
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="54" />
        <source>&amp;Tools</source>
        <translation>도구(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="55" />
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="252" />
        <source>Dates</source>
        <extracomment>Tag kinds that come from analysing the photos (the Tags tab explains until one shows). While background work adds photos, views refresh at most this often (ms). How long typing in the search box waits before searching (ms). Tree tabs, in order. The grid now shows what the user asked for (the window shows the Photos page). The trees and the grid were re-read off the GUI thread; carries the catalog's problems read in the same pass (``problems.read_problems``: the window's panel). The welcome page's and the Tags hint's buttons.</extracomment>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="253" />
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="254" />
        <source>Places</source>
        <translation>장소</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="256" />
        <source>Search tags, captions, people (Ctrl+F)</source>
        <translation>태그, 캡션, 사람 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="258" />
        <source>Welcome to pose</source>
        <translation>pose에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="270" />
        <source>Import from Instagram…</source>
        <translation>인스타그램에서 가져오기…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="273" />
        <source>No places yet. A photo gets its place from its GPS position (phones record one) or from its Instagram post's location; none of these photos has either.</source>
        <translation>아직 장소가 없습니다. 사진의 장소는 GPS 위치(휴대폰이 기록합니다)나 인스타그램 게시물의 위치에서 오는데, 어느 사진에도 둘 다 없습니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/browser.py" line="533" />
        <source>%n photo(s)</source>
        <translation><numerusform>사진 %n장</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="534" />
        <source>All photos</source>
        <translation>모든 사진</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="168" />
        <source>Add tag</source>
        <translation>태그 추가</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="86" />
        <source>The file is not on this computer right now.</source>
        <translation>지금 이 컴퓨터에 파일이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/photo_actions.py" line="128" />
        <source>Removed %n photo(s) from the catalog; the files are untouched. Ctrl+Z brings them back.</source>
        <translation><numerusform>사진 %n장을 카탈로그에서 뺐습니다. 파일은 그대로입니다. Ctrl+Z로 되돌릴 수 있어요.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/photo_actions.py" line="169" />
        <source>Tag for %n photo(s):</source>
        <translation><numerusform>사진 %n장에 붙일 태그:</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="273" />
        <source>Like the selected photo</source>
        <translation>선택한 사진과 비슷한 사진</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="325" />
        <source>Show photos</source>
        <translation>사진 보기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="330" />
        <source>Merge into another hashtag…</source>
        <translation>다른 해시태그로 합치기…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="335" />
        <source>Remove this tag from all photos</source>
        <translation>모든 사진에서 이 태그 빼기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="341" />
        <source>#%1 is fine for these photos</source>
        <translation>이 사진들에는 #%1 이(가) 맞아요</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="351" />
        <source>Merge hashtag</source>
        <translation>해시태그 합치기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="352" />
        <source>Fold #%1 into which hashtag?</source>
        <translation>#%1 을(를) 어느 해시태그로 합칠까요?</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="412" />
        <source>Set date</source>
        <translation>날짜 지정</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/photo_actions.py" line="414" />
        <source>Date and time of %n photo(s):</source>
        <translation><numerusform>사진 %n장의 날짜와 시간:</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="40" />
        <source>%1 is already running.</source>
        <translation>%1 작업이 이미 진행 중입니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="94" />
        <source>%1 failed; see Problems.</source>
        <translation>%1 실패. 문제 목록을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="65" />
        <source>%1 stopped; what was finished is kept.</source>
        <translation>%1 중지됨. 끝난 작업은 보존됩니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="73" />
        <source>%1 finished.</source>
        <translation>%1 완료.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="113" />
        <source>Add a folder of photos</source>
        <translation>사진 폴더 추가</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="124" />
        <source>Adding %1</source>
        <translation>%1 추가</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/jobs.py" line="140" />
        <source>%1: %n file(s) or folder(s) could not be read; see Problems.</source>
        <translation><numerusform>%1: 파일이나 폴더 %n개를 읽지 못했습니다. '문제'를 확인하세요.</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="142" />
        <location filename="../../pose_desktop/ui/jobs.py" line="147" />
        <source>Adding photos</source>
        <translation>사진 추가</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="145" />
        <source>%1: no photos or videos in this folder or its subfolders.</source>
        <translation>%1: 이 폴더와 하위 폴더에 사진이나 동영상이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="204" />
        <location filename="../../pose_desktop/ui/jobs.py" line="207" />
        <source>Adding dropped photos</source>
        <translation>끌어다 놓은 사진 추가</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="232" />
        <source>Nothing to analyse: every photo has been analysed already.</source>
        <translation>분석할 사진이 없습니다: 모든 사진을 이미 분석했습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="234" />
        <source>Nothing new to analyse. The photos the models could not analyse are tried again when their file changes; Problems → Try again tries them now.</source>
        <translation>새로 분석할 사진이 없습니다. 분석하지 못한 사진은 파일이 바뀌면 다시 분석합니다. 지금 하려면 문제 → '다시 해 보기'를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="244" />
        <source>Checking hashtags</source>
        <translation>해시태그 확인</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="249" />
        <location filename="../../pose_desktop/ui/main_window.py" line="302" />
        <source>Analysing photos</source>
        <translation>사진 분석</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/jobs.py" line="324" />
        <source>⚠ %n problem(s)</source>
        <translation><numerusform>⚠ 문제 %n건</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="333" />
        <source>Models run on %1</source>
        <translation>모델 실행: %1</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="349" />
        <source>pose %1 — a photo library that stays on your computer.
Catalog: %2
Log: %3</source>
        <translation>pose %1 — 내 컴퓨터에만 있는 사진 보관함.
카탈로그: %2
기록(로그): %3</translation>
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="293" />
        <location filename="../../pose_desktop/ui/people_view.py" line="437" />
        <source>Unnamed</source>
        <extracomment>The group (or face) object of a row. Show these photos in the grid: (filter, title). Names or groups changed (trees should reload). The user asked to run the analysis (from the empty page). A face was selected: show its photo in the detail panel (photo id).</extracomment>
        <translation>이름 없음</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="294" />
        <source>People</source>
        <translation>사람</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="295" />
        <source>Faces in this group (right-click a wrong one)</source>
        <translation>이 그룹의 얼굴 (잘못된 얼굴은 오른쪽 클릭)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="296" />
        <location filename="../../pose_desktop/ui/people_view.py" line="297" />
        <source>Name…</source>
        <translation>이름 붙이기…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="298" />
        <location filename="../../pose_desktop/ui/people_view.py" line="445" />
        <source>Merge</source>
        <translation>합치기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="299" />
        <source>Select two or more groups of the same person</source>
        <translation>같은 사람의 그룹을 두 개 이상 선택하세요</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="300" />
        <location filename="../../pose_desktop/ui/people_view.py" line="446" />
        <source>Show photos</source>
        <translation>사진 보기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="302" />
        <source>Any mood</source>
        <translation>모든 기분</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="302" />
        <source>Positive</source>
        <translation>긍정</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="302" />
        <source>Neutral</source>
        <translation>중립</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="302" />
        <source>Negative</source>
        <translation>부정</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="306" />
        <source>Analyse photos now</source>
        <translation>지금 사진 분석하기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="307" />
        <source>No people yet. Run Analyse to find the faces in your photos.</source>
        <translation>아직 사람이 없습니다. 분석을 실행하면 사진 속 얼굴을 찾습니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="371" />
        <source>Name this person</source>
        <translation>이 사람의 이름</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="372" />
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="401" />
        <source>Name {name}</source>
        <translation>{name}(으)로 이름 붙이기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="402" />
        <source>Tagged in this group's Instagram posts</source>
        <translation>이 묶음의 인스타그램 게시물에 태그된 계정</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="460" />
        <source>Not this person</source>
        <translation>이 사람이 아님</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="172" />
        <source>Severity</source>
        <extracomment>'error' / 'warning' as the interface language names them an analysis failure's reason in the interface language ("%1": the reason)</extracomment>
        <translation>심각도</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="172" />
        <source>File or job</source>
        <translation>파일 또는 작업</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="172" />
        <source>What happened</source>
        <translation>무슨 일이 있었나</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="173" />
        <source>error</source>
        <translation>오류</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="173" />
        <source>warning</source>
        <translation>경고</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="174" />
        <source>Not analysed: %1</source>
        <translation>분석하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="178" />
        <source>Files that could not be read or analysed are listed here; the rest of the library is fine. Fix or move them, then add the folder again. A photo the models could not analyse is tried again when its file changes, or now with Try again.</source>
        <translation>읽거나 분석하지 못한 파일이 여기에 나옵니다. 나머지 라이브러리는 괜찮습니다. 파일을 고치거나 옮긴 뒤 폴더를 다시 추가하세요. 분석하지 못한 사진은 파일이 바뀌면 다시 분석하고, 지금 하려면 '다시 해 보기'를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="185" />
        <source>Try again</source>
        <translation>다시 해 보기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="184" />
        <source>Clear job errors</source>
        <translation>작업 오류 지우기</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="161" />
        <source>Settings</source>
        <extracomment>The user asked to index a folder now.</extracomment>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="162" />
        <source>Library folders</source>
        <translation>라이브러리 폴더</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="163" />
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="164" />
        <source>Remove</source>
        <translation>빼기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="165" />
        <source>Watch these folders: new and changed photos are added by themselves</source>
        <translation>이 폴더 지켜보기: 새 사진과 바뀐 사진을 알아서 추가합니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="166" />
        <source>Analyse new photos automatically (people, scenes, clothing)</source>
        <translation>새 사진 자동 분석 (사람, 장면, 옷)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="167" />
        <source>Index now</source>
        <translation>지금 색인</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="168" />
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="170" />
        <source>A new catalog location is used the next time pose starts.</source>
        <translation>새 카탈로그 위치는 pose를 다음에 시작할 때 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="174" />
        <source>Catalog</source>
        <translation>카탈로그</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="176" />
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="178" />
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="179" />
        <source>Appearance</source>
        <translation>모양</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="184" />
        <source>Automatic (GPU if available)</source>
        <translation>자동 (가능하면 GPU)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="184" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="184" />
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="187" />
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="187" />
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="187" />
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="196" />
        <source>In use: %1</source>
        <translation>사용 중: %1</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="201" />
        <source>after restart: %1</source>
        <translation>다시 시작하면: %1</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="206" />
        <source>Add a folder of photos</source>
        <translation>사진 폴더 추가</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="219" />
        <source>Catalog file</source>
        <translation>카탈로그 파일</translation>
    </message>
</context>
<context>
    <name>TaskProgressWidget</name>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="46" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="47" />
        <source>Stop this work; what is finished is kept</source>
        <translation>작업을 멈춥니다. 끝난 부분은 보존됩니다</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="58" />
        <source>about %1 left</source>
        <translation>약 %1 남음</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="59" />
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="59" />
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="59" />
        <source>%1 h</source>
        <translation>%1시간</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="72" />
        <source>%1: stopping…</source>
        <translation>%1: 멈추는 중…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="76" />
        <source>%1: looking for photos…</source>
        <translation>%1: 사진을 찾는 중…</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="78" />
        <source>%1: loading the models…</source>
        <translation>%1: 모델을 불러오는 중…</translation>
    </message>
</context>
<context>
    <name>Trees</name>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="319" />
        <location filename="../../pose_desktop/ui/tree_models.py" line="489" />
        <source>All photos</source>
        <extracomment>A ``PhotoFilter`` for the grid (None: the node selects nothing by itself). A stable key of the node (to restore expansion and selection after a reload). The photo count of the node. ('kind', 'name') of a tag node, None elsewhere. Children of one node shown per fetch.</extracomment>
        <translation>모든 사진</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="328" />
        <location filename="../../pose_desktop/ui/tree_models.py" line="476" />
        <source>Undated</source>
        <translation>날짜 없음</translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="333" />
        <source>Date unknown</source>
        <translation>날짜 모름</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/tree_models.py" line="459" />
        <source>%n photo(s)</source>
        <translation><numerusform>사진 %n장</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/tree_models.py" line="464" />
        <source>%n tag(s)</source>
        <translation><numerusform>태그 %n개</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="472" />
        <source>Search: %1</source>
        <translation>검색: %1</translation>
    </message>
</context>
</TS>