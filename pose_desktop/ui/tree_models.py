"""Thin Qt item models over the library's date tree and tag tree.

The library returns plain dataclasses (``YearNode``, ``TagKindNode``…); these models
only adapt them to Qt. Large branches (thousands of hashtags) are paged in with
``canFetchMore``/``fetchMore`` so the view never lays out rows nobody scrolled to.
"""

from __future__ import annotations

import calendar
import weakref
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from pose_desktop.services import CountryNode, PhotoFilter, TagKindNode, YearNode

_ROOT = QModelIndex()  # the invisible root index (default argument of the model API)

#: A ``PhotoFilter`` for the grid (None: the node selects nothing by itself).
FilterRole = Qt.ItemDataRole.UserRole + 1
#: A stable key of the node (to restore expansion and selection after a reload).
KeyRole = Qt.ItemDataRole.UserRole + 2
#: The photo count of the node.
CountRole = Qt.ItemDataRole.UserRole + 3
#: ('kind', 'name') of a tag node, None elsewhere.
TagRole = Qt.ItemDataRole.UserRole + 4

#: Children of one node shown per fetch.
CHILD_PAGE = 200


@dataclass(eq=False)
class Node:
    """One row of a tree: label, count, what it filters, and its children."""

    key: tuple
    label: str
    count: int
    filter: PhotoFilter | None = None
    tag: tuple[str, str] | None = None
    children: list[Node] = field(default_factory=list)
    shown: int = 0  # children exposed to the view so far (lazy paging)
    bold: bool = False
    counts_tags: bool = False  # a tag kind's row: ``count`` is its number of tags, not photos
    row: int = 0  # position under its parent
    sig: int = 0  # fingerprint of the subtree (keys, counts, labels): unchanged ones are skipped
    # A weak link up: a replaced tree is freed at once by reference counting, never left
    # as cycles for the garbage collector (whose pauses would stall the GUI).
    _parent_ref: Any = None

    @property
    def parent(self) -> Node | None:
        return self._parent_ref() if self._parent_ref is not None else None

    def add(self, child: Node) -> Node:
        child._parent_ref = weakref.ref(self)
        child.row = len(self.children)
        self.children.append(child)
        return child


class NodeTreeModel(QAbstractItemModel):
    """Two columns (name, count) over a tree of ``Node``s; children paged lazily."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = Node(("root",), "", 0)
        self._shape: int | None = None

    # structure ------------------------------------------------------------------------
    def set_roots(self, roots: list[Node]) -> None:
        """Replace the whole tree (a model reset); ``roots`` may be built on any thread."""
        self._shape = None
        self.beginResetModel()
        self._root = Node(("root",), "", 0)
        for r in roots:
            self._root.add(r)
        self._root.shown = len(roots)
        for r in roots:
            self._expose_first_page(r)
        self.endResetModel()

    def update_roots(self, roots: list[Node], shape: int | None = None) -> bool:
        """Merge a freshly built tree into the shown one: new nodes are inserted, gone ones
        removed and counts updated in place, so the view keeps its layout, expansion and
        selection (no reset). Falls back to a reset when siblings changed order (tags
        re-sorted by count). ``shape``: ``shape_of(roots)`` when already computed on a
        worker (equal shapes skip the structural walk). Returns True when merged in place."""
        shape = shape_of(roots) if shape is None else shape
        if self._shape is None or not self._root.children:
            self.set_roots(roots)
            self._shape = shape
            return False
        try:
            self._merge(QModelIndex(), self._root, roots)
        except _Reordered:
            self.set_roots(roots)
            self._shape = shape
            return False
        self._shape = shape
        return True

    def _merge(self, parent_index: QModelIndex, parent: Node, new: list[Node]) -> None:
        old = parent.children
        new_keys = {n.key for n in new}
        for i in range(len(old) - 1, -1, -1):  # removals, from the end
            if old[i].key not in new_keys:
                visible = i < parent.shown and parent_index is not None
                if visible:
                    self.beginRemoveRows(parent_index, i, i)
                del old[i]
                if i < parent.shown:
                    parent.shown -= 1
                if visible:
                    self.endRemoveRows()
        old_keys = {n.key for n in old}
        for i, n in enumerate(new):  # insertions, in order
            if i < len(old) and old[i].key == n.key:
                continue
            if n.key in old_keys:
                raise _Reordered
            visible = i <= parent.shown and parent_index is not None
            if visible:
                self.beginInsertRows(parent_index, i, i)
            n._parent_ref = weakref.ref(parent)
            old.insert(i, n)
            if i <= parent.shown:
                parent.shown += 1
            self._expose_first_page(n)
            if visible:
                self.endInsertRows()
        changed = []
        for i, (o, n) in enumerate(zip(old, new, strict=False)):
            o.row = i
            if o is n or (o.sig == n.sig and n.sig):
                continue  # the whole subtree is unchanged
            changed.append(i)
            o.count, o.label, o.filter, o.tag, o.bold = n.count, n.label, n.filter, n.tag, n.bold
            if o.children or n.children:
                child_index = (
                    self.index(i, 0, parent_index)
                    if (parent_index is not None and i < parent.shown)
                    else None
                )
                self._merge(child_index, o, n.children)
            o.sig = n.sig
        shown_changed = [i for i in changed if i < parent.shown]
        if parent_index is not None and shown_changed:
            self.dataChanged.emit(
                self.index(shown_changed[0], 0, parent_index),
                self.index(shown_changed[-1], 1, parent_index),
            )

    def _expose_first_page(self, node: Node) -> None:
        node.shown = min(len(node.children), CHILD_PAGE)
        for c in node.children:
            self._expose_first_page(c)

    def node(self, index: QModelIndex) -> Node:
        """The node behind ``index`` (the invisible root for an invalid index)."""
        if index.isValid():
            return index.internalPointer()
        return self._root

    def index(self, row: int, column: int, parent: QModelIndex = _ROOT) -> QModelIndex:
        p = self.node(parent)
        if 0 <= row < p.shown and 0 <= column < 2:
            return self.createIndex(row, column, p.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        n = index.internalPointer()
        p = n.parent
        if p is None or p is self._root:
            return QModelIndex()
        return self.createIndex(p.row, 0, p)

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return self.node(parent).shown

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 2

    def hasChildren(self, parent: QModelIndex = _ROOT) -> bool:
        if parent.isValid() and parent.column() != 0:
            return False
        return bool(self.node(parent).children)

    def canFetchMore(self, parent: QModelIndex) -> bool:
        n = self.node(parent)
        return n.shown < len(n.children)

    def fetchMore(self, parent: QModelIndex) -> None:
        n = self.node(parent)
        more = min(CHILD_PAGE, len(n.children) - n.shown)
        if more <= 0:
            return
        self.beginInsertRows(parent, n.shown, n.shown + more - 1)
        n.shown += more
        self.endInsertRows()

    # data -----------------------------------------------------------------------------
    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        n: Node = index.internalPointer()
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return n.label
            return tags_label(n.count) if n.counts_tags else QLocale().toString(n.count)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText
            )
        if role == Qt.ItemDataRole.FontRole and n.bold and col == 0:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{n.label} ({tags_label(n.count) if n.counts_tags else count_label(n.count)})"
        if role == FilterRole:
            return n.filter
        if role == KeyRole:
            return n.key
        if role == CountRole:
            return n.count
        if role == TagRole:
            return n.tag
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def find_key(self, key: tuple) -> QModelIndex:
        """The index of the node with ``key`` (exposing its page if needed)."""

        def walk(parent_index: QModelIndex, node: Node) -> QModelIndex:
            for i, c in enumerate(node.children):
                if c.key == key or (len(key) > len(c.key) and key[: len(c.key)] == c.key):
                    while i >= node.shown:
                        self.fetchMore(parent_index)
                    idx = self.index(i, 0, parent_index)
                    if c.key == key:
                        return idx
                    return walk(idx, c)
            return QModelIndex()

        return walk(QModelIndex(), self._root)


class _Reordered(Exception):
    """Siblings changed order: a merge cannot express that, the model is reset."""


def seal(nodes: list[Node]) -> list[Node]:
    """Compute every node's subtree fingerprint (on the worker that built the tree)."""

    def walk(n: Node) -> int:
        n.sig = hash((n.key, n.count, n.label, tuple(walk(c) for c in n.children)))
        return n.sig

    for n in nodes:
        walk(n)
    return nodes


def shape_of(nodes: list[Node]) -> int:
    """A fingerprint of the tree's structure (node keys in depth-first order)."""
    keys = []
    stack = list(reversed(nodes))
    while stack:
        n = stack.pop()
        keys.append(n.key)
        stack.extend(reversed(n.children))
    return hash(tuple(keys))


def tr(text: str) -> str:
    """Translate in the shared 'Trees' context."""
    return QCoreApplication.translate("Trees", text)


def month_name(month: int) -> str:
    """Localised month name (the application locale follows the language setting)."""
    name = QLocale().standaloneMonthName(month)
    return name or calendar.month_name[month]


def month_names() -> dict[int, str]:
    """Month names of the current locale (read on the GUI thread, used by builders)."""
    return {m: month_name(m) for m in range(1, 13)}


def build_date_nodes(years: list[YearNode], total: int, months: dict[int, str]) -> list[Node]:
    """Nodes of the date tree from ``Library.photos.date_tree()`` (pure Python: any thread)."""
    roots = [
        Node(
            ("all",),
            QCoreApplication.translate("Trees", "All photos"),
            total,
            PhotoFilter(),
            bold=True,
        )
    ]
    for y in years:
        if y.year is None:
            roots.append(
                Node(("y", None), QCoreApplication.translate("Trees", "Undated"), y.count,
                     PhotoFilter(undated=True))
            )
            continue
        yn = Node(("y", y.year), str(y.year), y.count, PhotoFilter(year=y.year))
        unknown = QCoreApplication.translate("Trees", "Date unknown")
        for m in y.months:
            mn = yn.add(
                Node(
                    ("y", y.year, m.month),
                    months.get(m.month, str(m.month)) if m.month else unknown,
                    m.count,
                    PhotoFilter(year=y.year, month=m.month, undated=m.month is None),
                )
            )
            if m.month is None:
                continue
            for d in m.days:
                mn.add(
                    Node(
                        ("y", y.year, m.month, d.day),
                        str(d.day) if d.day else unknown,
                        d.count,
                        PhotoFilter(year=y.year, month=m.month, day=d.day, undated=d.day is None),
                    )
                )
        roots.append(yn)
    return seal(roots)


def build_tag_nodes(
    kinds: list[TagKindNode], flags: list | None = None, flag_label: str = "Flagged"
) -> list[Node]:
    """Nodes of the tag tree from ``Library.photos.tag_tree()`` (pure Python: any thread).

    ``flags`` (``Library.flags()``: photos whose hashtag the picture does not support)
    become a last branch, one child per hashtag, selecting exactly the flagged photos."""
    roots = []
    for k in kinds:
        # "Objects 28" above "dog 38" read as a wrong count: the 28 are tags, not photos
        kn = Node(("k", k.kind), k.label, len(k.tags), None, bold=True, counts_tags=True)
        for t in k.tags:
            label = t.label if t.kind != "hashtag" else f"#{t.name}"
            if t.kind == "hashtag" and t.label and t.label != t.name:
                label = f"#{t.name}  ·  {t.label}"
            tn = kn.add(
                Node(
                    ("k", k.kind, t.name),
                    label,
                    t.count,
                    PhotoFilter(tag_kind=t.kind, tag_name=t.name),
                    tag=(t.kind, t.name),
                )
            )
            for c in t.children:
                tn.add(Node(("k", k.kind, t.name, c.kind, c.name), c.label, c.count,
                            PhotoFilter(tag_kind=c.kind, tag_name=c.name), tag=(c.kind, c.name)))
        roots.append(kn)
    if flags:
        by_tag: dict[str, list[int]] = {}
        for f in flags:
            by_tag.setdefault(f.hashtag, []).append(f.photo_id)
        fn = Node(("k", "flag"), flag_label, len(by_tag), None, bold=True, counts_tags=True)
        for tag, ids in sorted(by_tag.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            ids = sorted(set(ids))
            fn.add(
                Node(
                    ("k", "flag", tag),
                    f"#{tag}",
                    len(ids),
                    PhotoFilter(photo_ids=tuple(ids)),
                    tag=("flag", tag),
                )
            )
        roots.append(fn)
    return seal(roots)


def build_place_nodes(countries: list[CountryNode]) -> list[Node]:
    """Nodes of the places tree from ``Library.place_tree()``: countries → regions → cities;
    a region that is only its one city (Seoul, Paris) shows as that city."""

    def city_node(code: str, city) -> Node:
        return Node(("p", code, city.place_id), city.label, city.count, PhotoFilter(place_id=city.place_id))

    roots = []
    for c in countries:
        cn = Node(("p", c.code), c.label, c.count, PhotoFilter(country=c.code), bold=True)
        for r in c.regions:
            if r.is_city:
                for city in r.cities:
                    cn.add(city_node(c.code, city))
                continue
            rn = Node(("p", c.code, r.code), r.label, r.count, PhotoFilter(region=r.code))
            for city in r.cities:
                rn.add(city_node(c.code, city))
            cn.add(rn)
        roots.append(cn)
    return seal(roots)


class PlaceTreeModel(NodeTreeModel):
    """Countries → regions → cities (named offline from the photos' GPS points), with counts."""


class DateTreeModel(NodeTreeModel):
    """All photos → years → months → days, with counts."""


class TagTreeModel(NodeTreeModel):
    """Tag kinds (hashtags, people, scenes…) → tags, with counts."""

    def set_kinds(self, kinds: list[TagKindNode]) -> None:
        """Rebuild from ``Library.photos.tag_tree()`` output."""
        self.update_roots(build_tag_nodes(kinds))


def key_of(model: NodeTreeModel, index: QModelIndex) -> tuple | None:
    """The node key at ``index`` (column 0), for saving view state."""
    if not index.isValid():
        return None
    return model.data(index.siblingAtColumn(0), KeyRole)


def _grouped(text: str, n: int) -> str:
    """A translated "%n ..." text with ``n`` written as the locale writes numbers (1,234)."""
    return text.replace(str(n), QLocale().toString(n), 1)


def count_label(n: int) -> str:
    """'1,234 photos' in the current language."""
    return _grouped(QCoreApplication.translate("Trees", "%n photo(s)", "", n), n)


def tags_label(n: int) -> str:
    """'12 tags' in the current language (a tag kind's row)."""
    return _grouped(QCoreApplication.translate("Trees", "%n tag(s)", "", n), n)


def describe_filter(f: PhotoFilter | None, label: str = "") -> str:
    """What a grid is showing, as a title ('March 2024', '#beach')."""
    if f is None:
        return label
    if f.text:
        return QCoreApplication.translate("Trees", "Search: %1").replace("%1", f.text)
    if f.tag_kind:
        return label or f.tag_name or ""
    if f.undated and f.year is None:
        return QCoreApplication.translate("Trees", "Undated")
    if f.place_id is not None or f.country or f.region:
        return label
    if f.year and f.month and f.day:
        return QLocale().toString(
            __import__("datetime").date(f.year, f.month, f.day), QLocale.FormatType.LongFormat
        )
    if f.year and f.month:
        if QLocale().language() == QLocale.Language.Korean:
            return f"{f.year}년 {f.month}월"
        return f"{month_name(f.month)} {f.year}"
    if f.year:
        return str(f.year)
    return label or QCoreApplication.translate("Trees", "All photos")


__all__ = [
    "CountRole",
    "DateTreeModel",
    "FilterRole",
    "KeyRole",
    "Node",
    "NodeTreeModel",
    "TagRole",
    "TagTreeModel",
    "build_date_nodes",
    "build_tag_nodes",
    "count_label",
    "month_names",
    "describe_filter",
    "key_of",
    "month_name",
]
