<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../pose_desktop/ui/app.py" line="91" />
        <source>{0}

Open it read-only instead?</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="170" />
        <source>Date</source>
        <extracomment>A hashtag or tag link was clicked: (kind, name).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="170" />
        <source>Camera</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="170" />
        <source>Size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="171" />
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="171" />
        <source>Caption</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="171" />
        <source>Hashtags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="172" />
        <source>Found in the photo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="172" />
        <source>People</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="176" />
        <source>Select a photo to see it here.

Tip: drop photos on the window to get hashtag ideas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="242" />
        <source>from the camera (EXIF)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="243" />
        <source>from the camera (EXIF, digitised)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="244" />
        <source>from EXIF (file changed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="245" />
        <source>from the Instagram post</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="246" />
        <source>from the file's modified time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/detail.py" line="259" />
        <source>missing</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DropSuggestionsDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="227" />
        <source>Hashtag ideas</source>
        <extracomment>The user asked to add these files to the library. Suggestions arrived (number of rows) or failed (-1).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="228" />
        <source>Hashtag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="228" />
        <source>English</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="228" />
        <source>Confidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="229" />
        <source>Why</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="229" />
        <source>Photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="231" />
        <source>Select all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="232" />
        <source>Select none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="233" />
        <source>Copy as text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="234" />
        <source>Copy the ticked hashtags, ready to paste into a post</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="235" />
        <source>Add to library</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="236" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/drop_panel.py" line="238" />
        <source>Hashtag ideas for %n photo(s)</source>
        <translation><numerusform>Hashtag ideas for %n photo</numerusform><numerusform>Hashtag ideas for %n photos</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="249" />
        <source>Looking at the photos…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="250" />
        <source>No idea for these photos yet. Add them to the library and run Analyse; suggestions learn from the hashtags you use.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="252" />
        <source>Hashtag suggestions need the analysis models, which are not installed in this copy of the app.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="254" />
        <source>None of the dropped files is a photo we can read.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="255" />
        <source>Could not suggest hashtags: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="256" />
        <source>Tick the hashtags you like, then Copy as text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/drop_panel.py" line="334" />
        <source>Copied: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Grid</name>
    <message>
        <location filename="../../pose_desktop/ui/grid.py" line="267" />
        <source>video</source>
        <extracomment>The photo id of a row. The ``PhotoSummary`` of a row. Rows exposed per ``fetchMore``. Summaries read per query, and how many such pages stay in memory. The list of photos changed (new filter or refresh): (number of photos).</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/grid.py" line="268" />
        <source>missing</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>InstagramImportDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="68" />
        <source>Import from Instagram</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="69" />
        <source>Bring your posts, captions and hashtags into the library. Nothing is posted or changed on Instagram.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="71" />
        <source>Profile name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="72" />
        <source>Data export (ZIP)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="73" />
        <source>Downloaded folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="74" />
        <source>e.g. my.account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="75" />
        <source>instagram-….zip from Instagram's 'Download your information'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="76" />
        <source>a folder made by instaloader</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="77" />
        <location filename="../../pose_desktop/ui/import_dialog.py" line="78" />
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="79" />
        <source>Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="82" />
        <source>Instagram import is not available in this copy of the app yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="94" />
        <source>Instagram data export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="100" />
        <source>Downloaded Instagram folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="119" />
        <source>Importing @%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="122" />
        <source>Importing the Instagram export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/import_dialog.py" line="125" />
        <source>Importing the Instagram folder</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="310" />
        <source>pose — photo library</source>
        <extracomment>While background work adds photos, views refresh at most this often (ms). A background job ended: (title, 'finished' | 'failed' | 'cancelled'). The views were reloaded from the catalog.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="312" />
        <source>(read-only: open in another window)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="315" />
        <location filename="../../pose_desktop/ui/main_window.py" line="352" />
        <source>Add folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="315" />
        <source>Index a folder of photos (it is never changed)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="316" />
        <source>Instagram…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="316" />
        <source>Import your posts from Instagram</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="317" />
        <source>Analyse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="317" />
        <source>Find people, scenes and clothing in the photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="318" />
        <source>Settings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="318" />
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="319" />
        <source>Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="320" />
        <source>Find</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="320" />
        <source>Search tags, hashtags, captions and names</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="321" />
        <source>Add tag…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="322" />
        <source>Remove from catalog</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="322" />
        <source>The files stay where they are</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="323" />
        <source>Undo remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="324" />
        <source>Show in file manager</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="325" />
        <source>Copy file path</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="326" />
        <source>View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="327" />
        <location filename="../../pose_desktop/ui/main_window.py" line="653" />
        <source>More like this</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="328" />
        <source>Photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="329" />
        <source>People</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="330" />
        <source>Bigger thumbnails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="331" />
        <source>Smaller thumbnails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="332" />
        <source>Problems panel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="333" />
        <location filename="../../pose_desktop/ui/main_window.py" line="855" />
        <source>About pose</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="339" />
        <source>Problems</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="340" />
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="341" />
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="342" />
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="343" />
        <source>&amp;Tools</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="344" />
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="345" />
        <source>Dates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="346" />
        <source>Tags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="347" />
        <source>Search tags, captions, people (Ctrl+F)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="348" />
        <source>Welcome to pose</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="350" />
        <source>Add a folder of photos or import your Instagram posts. Your files are never changed. Drop photos on this window any time to get hashtag ideas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="353" />
        <source>Import from Instagram…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/main_window.py" line="540" />
        <source>%n photo(s)</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="541" />
        <source>All photos</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/main_window.py" line="601" />
        <source>Removed %n photo(s) from the catalog; the files are untouched. Ctrl+Z brings them back.</source>
        <translation><numerusform>Removed %n photo from the catalog; the files are untouched. Ctrl+Z brings them back.</numerusform><numerusform>Removed %n photos from the catalog; the files are untouched. Ctrl+Z brings them back.</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="617" />
        <source>Add tag</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/main_window.py" line="617" />
        <source>Tag for %n photo(s):</source>
        <translation><numerusform>Tag for %n photo:</numerusform><numerusform>Tag for %n photos:</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="634" />
        <source>The file is not on this computer right now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="649" />
        <source>Like the selected photo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="679" />
        <source>Show photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="681" />
        <source>Merge into another hashtag…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="683" />
        <source>Remove this tag from all photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="686" />
        <source>#%1 is fine for these photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="691" />
        <source>Merge hashtag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="692" />
        <source>Fold #%1 into which hashtag?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="743" />
        <location filename="../../pose_desktop/ui/main_window.py" line="762" />
        <source>%1 failed; see Problems.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="745" />
        <source>%1 stopped; what was finished is kept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="747" />
        <source>%1 finished.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="766" />
        <source>Add a folder of photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="776" />
        <source>Adding %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="780" />
        <source>Adding dropped photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="786" />
        <source>Analysis is not available in this copy of the app</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="805" />
        <source>Checking hashtags</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="807" />
        <source>Analysing photos</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/main_window.py" line="837" />
        <source>⚠ %n problem(s)</source>
        <translation><numerusform>⚠ %n problem</numerusform><numerusform>⚠ %n problems</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="847" />
        <source>Models run on %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/main_window.py" line="856" />
        <source>pose %1 — a photo library that stays on your computer.
Catalog: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PeopleView</name>
    <message>
        <location filename="../../pose_desktop/ui/people_view.py" line="32" />
        <source>No people yet. Run Analyse to find the faces in your photos.</source>
        <extracomment>Show these photos in the grid: (filter, title). Names or groups changed (trees should reload).</extracomment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="131" />
        <source>Severity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="131" />
        <source>File or job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="131" />
        <source>What happened</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="132" />
        <source>Files that could not be read are listed here; the rest of the library is fine. Fix or move them and add the folder again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/problems.py" line="134" />
        <source>Clear job errors</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="137" />
        <source>Settings</source>
        <extracomment>The user asked to index a folder now.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="138" />
        <source>Library folders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="139" />
        <source>Add…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="140" />
        <source>Remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="141" />
        <source>Index now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="142" />
        <source>Choose…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="143" />
        <source>A new catalog location is used the next time pose starts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="144" />
        <source>Catalog</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="144" />
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="144" />
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="145" />
        <source>Appearance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="147" />
        <source>Automatic (GPU if available)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="147" />
        <source>CPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="147" />
        <source>GPU (CUDA)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="149" />
        <source>Follow the system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="149" />
        <source>Light</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="149" />
        <source>Dark</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="158" />
        <source>In use: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="163" />
        <source>after restart: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="172" />
        <source>Add a folder of photos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/settings_dialog.py" line="182" />
        <source>Catalog file</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TaskProgressWidget</name>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="45" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="46" />
        <source>Stop this work; what is finished is kept</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="61" />
        <source>about %1 left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="70" />
        <source>%1: stopping…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/task_bar.py" line="74" />
        <source>%1: looking for photos…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Trees</name>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="306" />
        <location filename="../../pose_desktop/ui/tree_models.py" line="397" />
        <source>All photos</source>
        <extracomment>A ``PhotoFilter`` for the grid (None: the node selects nothing by itself). A stable key of the node (to restore expansion and selection after a reload). The photo count of the node. ('kind', 'name') of a tag node, None elsewhere. Children of one node shown per fetch.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="309" />
        <source>Undated</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../../pose_desktop/ui/tree_models.py" line="376" />
        <source>%n photo(s)</source>
        <translation><numerusform>%n photo</numerusform><numerusform>%n photos</numerusform></translation>
    </message>
    <message>
        <location filename="../../pose_desktop/ui/tree_models.py" line="385" />
        <source>Search: %1</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>