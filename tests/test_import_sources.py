"""One seam for import sources and one progress type: the sources list makes the CLI's
import commands and the import dialog's rows; indexing, imports and analysis all report
``Progress``."""

from __future__ import annotations

import zipfile
from datetime import datetime

from pose_desktop.cli.registry import COMMANDS
from pose_desktop.progress import Progress
from pose_desktop.services.instagram import SOURCES, PostSource
from tests.photos import make_jpeg


def test_every_source_is_a_cli_command_and_nothing_else_imports():
    imports = {name for name in COMMANDS if name.startswith("import-")}
    assert imports == {f"import-{s.name}" for s in SOURCES}
    for s in SOURCES:
        assert issubclass(s, PostSource) and s.help and s.target and s.origin and s.title


def test_the_import_dialog_has_one_row_per_source(qapp, library):
    from pose_desktop.ui.import_dialog import InstagramImportDialog

    dlg = InstagramImportDialog(library)
    assert [s.name for s in dlg.sources] == [s.name for s in SOURCES]
    assert all(dlg.radios[s.name].text() for s in SOURCES)
    assert len(dlg.kind.buttons()) == len(SOURCES)
    dlg.close()


def test_index_import_and_analysis_report_one_progress_type(library, tmp_path):
    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2021, 7, 1), seed=5)
    index_events = list(library.photos.index_folder(root))
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as z:
        z.writestr("content/posts_1.json", '[{"media": [{"uri": "media/posts/a.jpg", '
                   '"creation_timestamp": 1625097600, "title": "#dog"}]}]')
        z.write(root / "a.jpg", "media/posts/a.jpg")
    import_events = list(library.instagram.import_export(export))
    analysis_events = list(library.analysis.analyze(["picture"]))
    for events in (index_events, import_events, analysis_events):
        assert events and all(isinstance(ev, Progress) for ev in events)
        last = events[-1]
        assert last.total >= last.done >= 0 and 0.0 <= last.fraction <= 1.0 and last.elapsed >= 0
    assert import_events[-1].phase == "done" and import_events[-1].posts_found == 1
