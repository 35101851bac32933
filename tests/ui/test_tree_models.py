"""The tree models merge refreshed data in place (no reset while a job adds photos)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTreeView

from pose_desktop.services import DayNode, MonthNode, YearNode
from pose_desktop.ui.tree_models import (
    CHILD_PAGE,
    CountRole,
    DateTreeModel,
    KeyRole,
    TagTreeModel,
    build_date_nodes,
    month_names,
)


def years(*spec):
    out = []
    for y, months in spec:
        ms = [
            MonthNode(m, sum(n for _, n in days), [DayNode(d, n) for d, n in days])
            for m, days in months
        ]
        out.append(YearNode(y, sum(m.count for m in ms), ms))
    return out


def test_refresh_inserts_new_days_without_a_reset(qtbot):
    model = DateTreeModel()
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    first = years((2024, [(3, [(2, 1)])]))
    model.update_roots(build_date_nodes(first, 1, month_names()))
    y2024 = model.index(1, 0)
    view.setExpanded(y2024, True)
    view.setCurrentIndex(model.index(0, 0, y2024))
    resets, inserts = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda p, a, b: inserts.append((p.data(KeyRole), a, b)))
    second = years((2025, [(1, [(5, 2)])]), (2024, [(3, [(9, 1), (2, 1)])]))
    assert model.update_roots(build_date_nodes(second, 4, month_names())) is True
    assert not resets
    assert (None, 1, 1) in inserts  # the year 2025 was inserted as row 1 at the top level
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "All photos",
        "2025",
        "2024",
    ]
    assert model.index(0, 0).data(CountRole) == 4
    y2024 = model.index(2, 0)
    assert view.isExpanded(y2024)  # the user's expansion survived
    assert view.currentIndex().data(KeyRole) == ("y", 2024, 3)
    march = model.index(0, 0, y2024)
    assert [model.index(r, 0, march).data() for r in range(model.rowCount(march))] == ["9", "2"]


def test_reordered_tags_fall_back_to_a_reset(qtbot):
    from pose_desktop.services import TagKindNode, TagNode

    model = TagTreeModel()
    a = [
        TagKindNode(
            "hashtag",
            "Hashtags",
            3,
            [TagNode("hashtag", "a", "a", 2), TagNode("hashtag", "b", "b", 1)],
        )
    ]
    b = [
        TagKindNode(
            "hashtag",
            "Hashtags",
            4,
            [TagNode("hashtag", "b", "b", 3), TagNode("hashtag", "a", "a", 2)],
        )
    ]
    model.set_kinds(a)
    model.set_kinds(b)
    kind = model.index(0, 0)
    assert [model.index(r, 0, kind).data() for r in range(2)] == ["#b", "#a"]


def test_large_branches_are_paged(qtbot):
    from pose_desktop.services import TagKindNode, TagNode

    model = TagTreeModel()
    tags = [TagNode("hashtag", f"t{i}", f"t{i}", 1000 - i) for i in range(CHILD_PAGE * 2 + 5)]
    model.set_kinds([TagKindNode("hashtag", "Hashtags", len(tags), tags)])
    kind = model.index(0, 0)
    assert model.rowCount(kind) == CHILD_PAGE and model.canFetchMore(kind)
    model.fetchMore(kind)
    assert model.rowCount(kind) == CHILD_PAGE * 2
    assert not model.canFetchMore(QModelIndex())


def test_mood_branch_has_two_levels(qtbot):
    """Moods first, the emotions of each mood under it: never one mixed list."""
    from pose_desktop.services import TagKindNode, TagNode

    happy = TagNode("emotion", "happy", "happy", 3)
    sad = TagNode("emotion", "sad", "sad", 1)
    kinds = [TagKindNode("mood", "Mood", 4, [TagNode("mood", "positive", "positive", 3, [happy]),
                                              TagNode("mood", "negative", "negative", 1, [sad])])]
    model = TagTreeModel()
    model.set_kinds(kinds)
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(model)
    mood = model.index(0, 0)
    assert mood.data() == "Mood" and model.rowCount(mood) == 2
    positive = model.index(0, 0, mood)
    assert positive.data() == "positive" and model.rowCount(positive) == 1
    child = model.index(0, 0, positive)
    assert child.data() == "happy"
    f = model.node(child).filter
    assert (f.tag_kind, f.tag_name) == ("emotion", "happy")
