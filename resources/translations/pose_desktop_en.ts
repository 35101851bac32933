<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="146" />
        <source>This photo library is already open in another pose window, or a pose command is changing it:
%1

Open it read-only instead? You can look and search; changes wait until the other one closes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="219" />
        <source>The catalog %1 is damaged (%2). Nothing was changed in it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="221" />
        <source>No good backup of it was found.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="226" />
        <source>Restore the newest backup</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="228" />
        <source>Restore the newest backup: %1 (from %2) takes the catalog's place; the damaged file is kept, unchanged, as %3.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="232" />
        <source>Open read-only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="234" />
        <source>Open read-only: look at what can still be read; nothing is written.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="236" />
        <source>Start a new catalog</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="238" />
        <source>Start a new catalog: an empty catalog takes its place and the damaged file is kept, unchanged, as %1 (for a recovery). Your photos are not touched: add their folders again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="219" />
        <source>Date</source>
        <extracomment>A hashtag or tag link was clicked: (kind, name). "Hashtag ideas…" was clicked for the photo shown (its id).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="220" />
        <source>Place</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="221" />
        <source>Camera</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="222" />
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="223" />
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="224" />
        <source>Caption</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="225" />
        <source>Hashtags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="226" />
        <source>In the photo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="227" />
        <source>People</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="228" />
        <source>Instagram</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="232" />
        <source>Hashtag ideas…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="233" />
        <source>Hashtags that fit this photo (Ctrl+H)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="246" />
        <source>Select a photo to see it here.

Tip: drop photos on the window to get hashtag ideas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="249" />
        <source>Loading the preview…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="251" />
        <source>No preview: this file could not be read (damaged, or copied only in part?). It stays in the library; Problems (in the status bar) says what is wrong.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/detail.py" line="306" />
        <source>%n unnamed face(s)</source>
        <translation><numerusform>%n unnamed face</numerusform><numerusform>%n unnamed faces</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="335" />
        <source>from the camera (EXIF)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="336" />
        <source>from the camera (EXIF, digitised)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="337" />
        <source>from EXIF (file changed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="338" />
        <source>from the Instagram post</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="339" />
        <source>from the Instagram export (the photo's EXIF)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="340" />
        <source>set by you</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="341" />
        <source>from the video (recorded local time)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="342" />
        <source>from the video (recorded in UTC)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="345" />
        <source>guessed from the folder's name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="347" />
        <source>Undated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="348" />
        <source>no date in the file; the file was last changed %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="371" />
        <source>missing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="401" />
        <source>No scene, object or clothing recognised</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="402" />
        <source>Not analysed yet (Tools → Analyse)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DropSuggestionsDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="284" />
        <source>Hashtag ideas</source>
        <extracomment>Ideas at least this likely (the hashtag scores are calibrated probabilities) are ticked for the user. At 0.15, a portrait came with #운동 27 % and #음식 16 % ticked: one click on Copy put hashtags on the post that were more likely wrong than right. The user asked to add these files to the library, with these ticked hashtags. Ticked hashtags were kept on these library photos. Suggestions arrived (number of rows) or failed (-1).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="286" />
        <source>Hashtag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="287" />
        <source>English</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="288" />
        <source>Confidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="290" />
        <source>Why</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="289" />
        <source>Photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="295" />
        <source>Select all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="296" />
        <source>Select none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="297" />
        <source>Copy as text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="298" />
        <source>Copy the ticked hashtags, ready to paste into a post</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="300" />
        <source>Keep ticked hashtags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="301" />
        <source>Add the ticked hashtags to these photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="303" />
        <source>Add to library</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="305" />
        <source>Index these photos, with the ticked hashtags as your own</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="307" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/drop_panel.py" line="309" />
        <source>Hashtag ideas for %n photo(s)</source>
        <translation><numerusform>Hashtag ideas for %n photo</numerusform><numerusform>Hashtag ideas for %n photos</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="315" />
        <source>Looking at the photos…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="317" />
        <source>No idea for these photos yet. Add them to the library and run Analyse; suggestions learn from the hashtags you use.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="320" />
        <source>None of the dropped files is a photo we can read.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="322" />
        <source>None of these photos could be read: the files are damaged or are not images. Open them in an image viewer to check, or drop other photos.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="325" />
        <source>Could not suggest hashtags: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="326" />
        <source>Tick the hashtags you like, then Copy as text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="329" />
        <source>Tick the hashtags you like, then Keep ticked hashtags (they become your own, searchable) or Copy as text.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/drop_panel.py" line="335" />
        <source>Could not read %n file(s) (damaged, or not an image): %1</source>
        <translation><numerusform>Could not read %n file (damaged, or not an image): %1</numerusform><numerusform>Could not read %n files (damaged, or not an image): %1</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="340" />
        <source>Left out, not photos: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/drop_panel.py" line="388" />
        <source>Kept on %n photo(s): %1</source>
        <translation><numerusform>Kept on %n photo: %1</numerusform><numerusform>Kept on %n photos: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/drop_panel.py" line="397" />
        <source>Adding %n photo(s) to the library…</source>
        <translation><numerusform>Adding %n photo to the library…</numerusform><numerusform>Adding %n photos to the library…</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="493" />
        <source>Copied: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="106" />
        <source>Duplicates</source>
        <extracomment>Photos were removed from the catalog (their ids), to refresh the window. The groups were found (how many).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="107" />
        <source>Keep the chosen one, remove the others</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="109" />
        <source>The others leave the catalog; their files stay where they are</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="111" />
        <source>Next group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="112" />
        <source>Previous</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="113" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="121" />
        <source>Looking for duplicates…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="124" />
        <source>Could not look for duplicates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="127" />
        <source>No duplicates</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="130" />
        <source>No two photos are copies of one shot. %n photo(s) not analysed yet could not be compared: run Analyse first.</source>
        <translation><numerusform>No two photos are copies of one shot. %n photo not analysed yet could not be compared: run Analyse first.</numerusform><numerusform>No two photos are copies of one shot. %n photos not analysed yet could not be compared: run Analyse first.</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="134" />
        <source>No two photos are copies of one shot.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="137" />
        <source>All %n group(s) reviewed</source>
        <translation><numerusform>All %n group reviewed</numerusform><numerusform>All %n groups reviewed</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="139" />
        <source>%n photo(s) removed from the catalog; the files are untouched.</source>
        <translation><numerusform>%n photo removed from the catalog; the files are untouched.</numerusform><numerusform>%n photos removed from the catalog; the files are untouched.</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="144" />
        <source>Duplicates %1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="150" />
        <source>These look like copies of one shot. Choose the one to keep; the others are removed from the catalog (their files stay, Ctrl+Z in the window brings them back).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="238" />
        <source>Keep this one</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/duplicates_dialog.py" line="242" />
        <source>Undated</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../pose_desktop/errors.py" line="40" />
        <source>pose_desktop is already open on {path} in another window or process.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="47" />
        <source>The catalog {path} is busy (another pose_desktop is writing); try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="54" />
        <source>pose_desktop is open on {path}; close it before restoring a backup.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="61" />
        <source>The catalog {path} is on a read-only disk or folder; it can only be opened read-only (browsing and searching work, changes do not).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="69" />
        <source>The catalog {path} is open read-only, so nothing was changed. Changes work again once it is opened for writing (close the other pose_desktop that has it open).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="77" />
        <source>The catalog {path} is read-only; check its permissions.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="83" />
        <source>There is no catalog at {path} (opened read-only, so none was created).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="90" />
        <source>Cannot create the catalog folder {path}: {detail}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="96" />
        <source>The catalog {path} was made by an older pose_desktop and needs an upgrade, which only a read-write open does; open it once without read-only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="104" />
        <source>This catalog was written by a newer pose_desktop (migrations {migrations}); please update the app.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="112" />
        <source>The disk holding {path} is full; free some space and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="119" />
        <source>The catalog {path} cannot be read ({detail}); nothing was changed. Restore the newest good backup with `pose restore --latest`.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="127" />
        <source>Catalog error in {path}: {detail}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="135" />
        <source>The catalog {path} is damaged ({reason}). Nothing was changed in it. The newest good backup is {backup} (from {when}): restore it with `pose restore --latest` (or the app's Restore button); the damaged file is kept aside as {name}.before-restore.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="139" />
        <source>The catalog {path} is damaged ({reason}). Nothing was changed in it. No good backup of it was found: restore one you made elsewhere with `pose restore FILE`, or choose another catalog; `sqlite3 {name} .recover` may save part of it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="153" />
        <source>The catalog is damaged ({reason}); a copy of it would be no backup. Restore a good one with `pose restore --latest`.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="163" />
        <source>{path} cannot be restored: the file does not exist. Choose another backup.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="168" />
        <source>{path} cannot be restored: the file is empty (0 bytes). Choose another backup.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="173" />
        <source>{path} cannot be restored: it is damaged ({detail}). Choose another backup.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="178" />
        <source>{path} cannot be restored: it is not a pose_desktop catalog. Choose another backup.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/errors.py" line="194" />
        <source>Unknown analyzer {name!r}; known: {known}.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Grid</name>
    <message>
        <location filename="../../pose_desktop/ui/grid.py" line="305" />
        <source>No preview</source>
        <extracomment>The photo id of a row. The ``PhotoSummary`` of a row. Rows exposed per ``fetchMore``. Summaries read per query, and how many such pages stay in memory. The list of photos changed (new filter or refresh), or its title did: (number of photos).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/grid.py" line="308" />
        <source>video</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/grid.py" line="310" />
        <source>missing</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InstagramImportDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="375" />
        <source>Import from Instagram</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="378" />
        <source>Bring your posts, captions and hashtags into the library. Nothing is posted or changed on Instagram.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="383" />
        <source>Profile name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="384" />
        <source>Data export (ZIP)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="385" />
        <source>Downloaded folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="304" />
        <source>The saved login of %1 was removed from this computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="61" />
        <source>Profile not found.</source>
        <extracomment>Login choices (ids of ``InstagramImportDialog.login_kind``).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="62" />
        <source>This profile is private: choose a login that follows it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="65" />
        <source>Instagram wants a login: choose one under “Log in”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="68" />
        <source>Instagram did not accept the login.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="71" />
        <source>The two-factor code was not accepted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="74" />
        <source>Instagram wants to confirm it's you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="77" />
        <source>Instagram asks you to log in again (401).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="80" />
        <source>Instagram refused access (403).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="83" />
        <source>Instagram is limiting requests (429).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="86" />
        <source>Cannot reach Instagram.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="87" />
        <source>Instagram is having trouble right now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="90" />
        <source>Import cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="91" />
        <source>Instagram answered in an unexpected way.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="147" />
        <source>Instagram password for %1:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="148" />
        <source>Instagram did not accept that password. Try again:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="146" />
        <source>Log in to Instagram</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="157" />
        <source>Enter the security code for %1 from your authenticator app or SMS:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="161" />
        <source>That code was not accepted; enter the newest one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="156" />
        <source>Two-factor code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="323" />
        <source>Public profiles only. Instagram may ask to log in after a few imports.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="326" />
        <source>Uses the login saved on this computer. If it has expired you are asked for the password.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="330" />
        <source>A session file saved by instaloader --login. A private copy is kept for next time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="334" />
        <source>When the import starts you are asked for the password and, if your account uses it, a two-factor code. The password is never saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="342" />
        <source>instaloader session file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="358" />
        <source>There is no saved login yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="363" />
        <source>Choose the instaloader session file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="368" />
        <source>Enter your Instagram username.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="390" />
        <source>e.g. my.account (empty: the account you log in with)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="393" />
        <source>instagram-….zip from Instagram's 'Download your information'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="395" />
        <source>a folder made by instaloader</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="398" />
        <source>Log in (for private profiles and your own account)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="399" />
        <source>Don't log in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="400" />
        <source>Saved login</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="401" />
        <source>Session file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="402" />
        <source>Username</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="403" />
        <source>Forget</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="404" />
        <source>Remove this saved login from this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="405" />
        <location filename="../../pose_desktop/ui/import_dialog.py" line="411" />
        <location filename="../../pose_desktop/ui/import_dialog.py" line="412" />
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="406" />
        <source>session-yourname from instaloader</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="407" />
        <source>your Instagram username</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="408" />
        <source>Keep me logged in on this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="409" />
        <source>none yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="413" />
        <source>Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="418" />
        <source>Instagram data export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="425" />
        <source>Downloaded Instagram folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="445" />
        <source>Enter the profile name to import.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="448" />
        <source>Login cancelled: nothing was imported.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="459" />
        <source>Importing @%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="465" />
        <source>Importing the Instagram export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="466" />
        <source>Importing the Instagram folder</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="300" />
        <source>Analysing your photos… Scenes, objects, people, clothing and moods appear here as they are found; hashtags from captions are here already.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="306" />
        <source>Scenes, objects, people, clothing and moods appear here once the photos are analysed (on this computer; nothing is uploaded).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="312" />
        <source>Analyse now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="244" />
        <source>Photo library — pose</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="246" />
        <source>(read-only: open in another window)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="268" />
        <location filename="../../pose_desktop/ui/jobs.py" line="104" />
        <source>Add folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="105" />
        <source>Index a folder of photos (it is never changed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="279" />
        <source>Instagram…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="280" />
        <source>Import your posts from Instagram</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="214" />
        <source>Analyse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="215" />
        <source>Find people, scenes and clothing in the photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="296" />
        <source>Settings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="297" />
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="194" />
        <source>Quit</source>
        <extracomment>A background job ended: (title, 'finished' | 'failed' | 'cancelled'). The views were reloaded from the catalog.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="540" />
        <source>Find</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="541" />
        <source>Search tags, hashtags, captions and names</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="156" />
        <source>Add tag…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="178" />
        <source>Set date…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="179" />
        <source>Set the date of the selected photos (kept in the catalog, written to XMP)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="101" />
        <source>Remove from catalog</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="102" />
        <source>The files stay where they are</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="140" />
        <source>Undo remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="246" />
        <source>Show in file manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="234" />
        <source>Copy file path</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="41" />
        <source>View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="65" />
        <source>Play</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="66" />
        <source>Play the video in the system's player</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="260" />
        <location filename="../../pose_desktop/ui/photo_actions.py" line="281" />
        <source>More like this</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="197" />
        <source>Hashtag ideas…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="198" />
        <source>Hashtags that fit the selected photos; keep the ones you like</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="256" />
        <source>Find duplicates…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="257" />
        <source>Copies of one shot side by side: keep one (files are never deleted)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="205" />
        <source>Photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="219" />
        <source>People</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="292" />
        <source>Bigger thumbnails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="302" />
        <source>Smaller thumbnails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="232" />
        <source>Problems panel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="260" />
        <source>Add a folder of photos or import your Instagram posts. Your files are never changed. pose then analyses them by itself (people, scenes, clothing); the Tags tab fills in as it goes. Drop photos on this window any time to get hashtag ideas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="339" />
        <location filename="../../pose_desktop/ui/jobs.py" line="348" />
        <source>About pose</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="157" />
        <source>Check library folders for changes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="158" />
        <source>Index new and changed photos in your library folders (F5)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="249" />
        <source>Problems</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="51" />
        <source>&amp;File</source>
        <extracomment>The menu bar, left to right: (id an action's ``Place`` names, title).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="52" />
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="53" />
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="54" />
        <source>&amp;Tools</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="55" />
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="252" />
        <source>Dates</source>
        <extracomment>Tag kinds that come from analysing the photos (the Tags tab explains until one shows). While background work adds photos, views refresh at most this often (ms). How long typing in the search box waits before searching (ms). Tree tabs, in order. The grid now shows what the user asked for (the window shows the Photos page). The trees and the grid were re-read off the GUI thread; carries the catalog's problems read in the same pass (``problems.read_problems``: the window's panel). The welcome page's and the Tags hint's buttons.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="253" />
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="254" />
        <source>Places</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="256" />
        <source>Search tags, captions, people (Ctrl+F)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="258" />
        <source>Welcome to pose</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="270" />
        <source>Import from Instagram…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="273" />
        <source>No places yet. A photo gets its place from its GPS position (phones record one) or from its Instagram post's location; none of these photos has either.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/browser.py" line="533" />
        <source>%n photo(s)</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/browser.py" line="534" />
        <source>All photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="168" />
        <source>Add tag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="86" />
        <source>The file is not on this computer right now.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/photo_actions.py" line="128" />
        <source>Removed %n photo(s) from the catalog; the files are untouched. Ctrl+Z brings them back.</source>
        <translation><numerusform>Removed %n photo from the catalog; the files are untouched. Ctrl+Z brings them back.</numerusform><numerusform>Removed %n photos from the catalog; the files are untouched. Ctrl+Z brings them back.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/photo_actions.py" line="169" />
        <source>Tag for %n photo(s):</source>
        <translation><numerusform>Tag for %n photo:</numerusform><numerusform>Tag for %n photos:</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="273" />
        <source>Like the selected photo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="325" />
        <source>Show photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="330" />
        <source>Merge into another hashtag…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="335" />
        <source>Remove this tag from all photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="341" />
        <source>#%1 is fine for these photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="351" />
        <source>Merge hashtag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="352" />
        <source>Fold #%1 into which hashtag?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/photo_actions.py" line="412" />
        <source>Set date</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/photo_actions.py" line="414" />
        <source>Date and time of %n photo(s):</source>
        <translation><numerusform>Date and time of %n photo:</numerusform><numerusform>Date and time of %n photos:</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="40" />
        <source>%1 is already running.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="94" />
        <source>%1 failed; see Problems.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="65" />
        <source>%1 stopped; what was finished is kept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="73" />
        <source>%1 finished.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="113" />
        <source>Add a folder of photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="124" />
        <source>Adding %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/jobs.py" line="140" />
        <source>%1: %n file(s) or folder(s) could not be read; see Problems.</source>
        <translation><numerusform>%1: %n file or folder could not be read; see Problems.</numerusform><numerusform>%1: %n files or folders could not be read; see Problems.</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="142" />
        <location filename="../../pose_desktop/ui/jobs.py" line="147" />
        <source>Adding photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="145" />
        <source>%1: no photos or videos in this folder or its subfolders.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="204" />
        <location filename="../../pose_desktop/ui/jobs.py" line="207" />
        <source>Adding dropped photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="232" />
        <source>Nothing to analyse: every photo has been analysed already.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="234" />
        <source>Nothing new to analyse. The photos the models could not analyse are tried again when their file changes; Problems → Try again tries them now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="244" />
        <source>Checking hashtags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="249" />
        <location filename="../../pose_desktop/ui/main_window.py" line="302" />
        <source>Analysing photos</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/jobs.py" line="324" />
        <source>⚠ %n problem(s)</source>
        <translation><numerusform>⚠ %n problem</numerusform><numerusform>⚠ %n problems</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="333" />
        <source>Models run on %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/jobs.py" line="349" />
        <source>pose %1 — a photo library that stays on your computer.
Catalog: %2
Log: %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="293" />
        <location filename="../../pose_desktop/ui/people_view.py" line="437" />
        <source>Unnamed</source>
        <extracomment>The group (or face) object of a row. Show these photos in the grid: (filter, title). Names or groups changed (trees should reload). The user asked to run the analysis (from the empty page). A face was selected: show its photo in the detail panel (photo id).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="294" />
        <source>People</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="295" />
        <source>Faces in this group (right-click a wrong one)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="296" />
        <location filename="../../pose_desktop/ui/people_view.py" line="297" />
        <source>Name…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="298" />
        <location filename="../../pose_desktop/ui/people_view.py" line="445" />
        <source>Merge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="299" />
        <source>Select two or more groups of the same person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="300" />
        <location filename="../../pose_desktop/ui/people_view.py" line="446" />
        <source>Show photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="302" />
        <source>Any mood</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="302" />
        <source>Positive</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="302" />
        <source>Neutral</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="302" />
        <source>Negative</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="306" />
        <source>Analyse photos now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="307" />
        <source>No people yet. Run Analyse to find the faces in your photos.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="371" />
        <source>Name this person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="372" />
        <source>Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="401" />
        <source>Name {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="402" />
        <source>Tagged in this group's Instagram posts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="460" />
        <source>Not this person</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="172" />
        <source>Severity</source>
        <extracomment>'error' / 'warning' as the interface language names them an analysis failure's reason in the interface language ("%1": the reason)</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="172" />
        <source>File or job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="172" />
        <source>What happened</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="173" />
        <source>error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="173" />
        <source>warning</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="174" />
        <source>Not analysed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="178" />
        <source>Files that could not be read or analysed are listed here; the rest of the library is fine. Fix or move them, then add the folder again. A photo the models could not analyse is tried again when its file changes, or now with Try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="185" />
        <source>Try again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="184" />
        <source>Clear job errors</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="161" />
        <source>Settings</source>
        <extracomment>The user asked to index a folder now.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="162" />
        <source>Library folders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="163" />
        <source>Add…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="164" />
        <source>Remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="165" />
        <source>Watch these folders: new and changed photos are added by themselves</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="166" />
        <source>Analyse new photos automatically (people, scenes, clothing)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="167" />
        <source>Index now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="168" />
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="170" />
        <source>A new catalog location is used the next time pose starts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="174" />
        <source>Catalog</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="176" />
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="178" />
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="179" />
        <source>Appearance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="184" />
        <source>Automatic (GPU if available)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="184" />
        <source>CPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="184" />
        <source>GPU (CUDA)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="187" />
        <source>Follow the system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="187" />
        <source>Light</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="187" />
        <source>Dark</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="196" />
        <source>In use: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="201" />
        <source>after restart: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="206" />
        <source>Add a folder of photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="219" />
        <source>Catalog file</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TaskProgressWidget</name>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="46" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="47" />
        <source>Stop this work; what is finished is kept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="58" />
        <source>about %1 left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="59" />
        <source>%1 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="59" />
        <source>%1 min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="59" />
        <source>%1 h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="72" />
        <source>%1: stopping…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="76" />
        <source>%1: looking for photos…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="78" />
        <source>%1: loading the models…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Trees</name>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="319" />
        <location filename="../../pose_desktop/ui/tree_models.py" line="489" />
        <source>All photos</source>
        <extracomment>A ``PhotoFilter`` for the grid (None: the node selects nothing by itself). A stable key of the node (to restore expansion and selection after a reload). The photo count of the node. ('kind', 'name') of a tag node, None elsewhere. Children of one node shown per fetch.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="328" />
        <location filename="../../pose_desktop/ui/tree_models.py" line="476" />
        <source>Undated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="333" />
        <source>Date unknown</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/tree_models.py" line="459" />
        <source>%n photo(s)</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/tree_models.py" line="464" />
        <source>%n tag(s)</source>
        <translation><numerusform>%n tag</numerusform><numerusform>%n tags</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="472" />
        <source>Search: %1</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>