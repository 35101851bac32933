"""Texts a new user reads are whole and unambiguous, in English and Korean: the import
dialog's hints are not clipped; the tag tree never shows a mood with a child of the same
name ("neutral → neutral")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_import_dialog_hints_are_not_clipped(qtbot, library, lang, request):
    from pose_desktop.ui import i18n
    from pose_desktop.ui.import_dialog import InstagramImportDialog

    i18n.set_language(lang)
    app = QApplication.instance()
    font = app.font()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * 1.25)  # a larger system font (accessibility)
    app.setFont(bigger)
    request.addfinalizer(lambda: app.setFont(font))
    dlg = InstagramImportDialog(library)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    QCoreApplication.processEvents()
    for edit in (dlg.profile, dlg.export_path, dlg.folder_path):
        text = edit.placeholderText()
        assert text
        # QLineEdit draws inside its contents less 2 px a side (its horizontal margin)
        room = edit.contentsRect().width() - edit.textMargins().left() - edit.textMargins().right() - 4
        assert edit.fontMetrics().horizontalAdvance(text) <= room, (text, room)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_mood_has_an_emotion_of_the_same_name(lang):
    from pose_desktop.services import tag_label
    from pose_desktop.services.photos import TagKindNode, TagNode
    from pose_desktop.ui.tree_models import build_tag_nodes
    from pose_desktop.vocab.emotion import EMOTIONS, MOOD_OF, MOODS

    moods = []
    for mood in MOODS:
        node = TagNode("mood", mood, tag_label("mood", mood, lang), 3)
        node.children = [TagNode("emotion", e, tag_label("emotion", e, lang), 2)
                         for e in EMOTIONS if MOOD_OF[e] == mood]
        moods.append(node)
    roots = build_tag_nodes([TagKindNode("mood", "Mood", 3, moods)])
    for mood in roots[0].children:
        assert mood.children
        for emotion in mood.children:
            assert emotion.label != mood.label, (lang, mood.label)
