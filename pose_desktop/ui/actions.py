"""The main window's actions, each declared once where its feature lives.

The shape is MusicBrainz Picard's ``add_action``: the module that owns a feature puts
``@add_action(...)`` on the method that does it, with everything the window needs to show
it: the id, the English text and tooltip (Korean comes from the Qt translation, context
``MainWindow``), the shortcut, the icon, where it sits in the menus, the toolbar and the
context menus, when it is enabled, and whether it is checkable. The decorator only marks
the method; nothing is registered when a module is imported. ``ActionRegistry.collect``
reads the marks of the objects the window lists (the window with its mixins, the
browser), makes one ``QAction`` per declaration, and the window builds its menus,
toolbar and context menus from the registry::

    @add_action(
        "copy_path",
        QT_TRANSLATE_NOOP("MainWindow", "Copy file path"),
        shortcut="Ctrl+Shift+C",
        menu=Place("edit", 0, 60),
        context=Place("grid", 0, 30),
    )
    def copy_path(self) -> None: ...

Texts are wrapped in ``QT_TRANSLATE_NOOP("MainWindow", …)`` so ``pyside6-lupdate``
(``resources/translations/build_translations.py``) extracts them; ``retranslate()``
translates them again on a language change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

#: The translation context of every action text (the strings the window had before).
CONTEXT = "MainWindow"

#: The attribute ``add_action`` sets on the method it marks.
_MARK = "_pose_action"

Shortcut = str | QKeySequence.StandardKey | Qt.Key


class Place(NamedTuple):
    """Where an action sits in one menu, the toolbar or a context menu: ``where`` names
    it ('file', 'edit', 'view', 'tools', 'help', 'toolbar', 'grid'); actions are sorted by
    (``section``, ``order``) and a separator goes between sections."""

    where: str
    section: int
    order: int


@dataclass(frozen=True)
class ActionSpec:
    """One action of the main window, as declared by ``add_action``."""

    id: str
    text: str
    handler: Callable[..., Any]
    tip: str | None = None
    #: Alternatives, first non-empty wins (a platform may lack a standard key).
    shortcuts: tuple[Shortcut, ...] = ()
    icon: str | None = None
    places: tuple[Place, ...] = ()
    #: Enabled only while this holds (asked with the object that owns the handler).
    enabled_when: Callable[[Any], bool] | None = None
    #: The context menus among ``places`` (the menus shown for a clicked item).
    contexts: tuple[str, ...] = ()
    #: In those context menus only for items where this holds (asked with the item).
    context_when: Callable[[Any], bool] | None = None
    checkable: bool = False
    checked: bool = False
    #: Checkable actions with the same group name exclude each other.
    group: str | None = None
    #: The widget (a name the window gives ``collect``) whose focus the shortcut needs;
    #: None: anywhere in the window.
    scope: str | None = None
    #: The handler returns an existing QAction to adopt (a dock's toggle action)
    #: instead of being what the action does.
    adopt: bool = False

    def place(self, where: str) -> Place | None:
        """Where this action sits in ``where``, or None."""
        return next((p for p in self.places if p.where == where), None)

    def translated_text(self) -> str:
        """The text in the language now in force."""
        return QCoreApplication.translate(CONTEXT, self.text)

    def translated_tip(self) -> str:
        """The tooltip in the language now in force (the text, without '…', if none)."""
        if self.tip:
            return QCoreApplication.translate(CONTEXT, self.tip)
        return self.translated_text().rstrip("…")


def add_action(
    id: str,
    text: str,
    *,
    tip: str | None = None,
    shortcut: Shortcut | tuple[Shortcut, ...] | None = None,
    icon: str | None = None,
    menu: Place | None = None,
    toolbar: Place | None = None,
    context: Place | tuple[Place, ...] = (),
    enabled_when: Callable[[Any], bool] | None = None,
    context_when: Callable[[Any], bool] | None = None,
    checkable: bool = False,
    checked: bool = False,
    group: str | None = None,
    scope: str | None = None,
    adopt: bool = False,
):
    """Declare the decorated method as the main window action ``id`` (see the module
    docstring). ``text`` and ``tip`` are English source strings in ``QT_TRANSLATE_NOOP``."""
    if shortcut is None:
        shortcuts: tuple = ()
    elif isinstance(shortcut, tuple):
        shortcuts = shortcut
    else:
        shortcuts = (shortcut,)
    contexts = (context,) if isinstance(context, Place) else tuple(context)
    places = tuple(p for p in (menu, toolbar, *contexts) if p is not None)

    def mark(fn):
        spec = ActionSpec(
            id=id, text=text, handler=fn, tip=tip, shortcuts=shortcuts, icon=icon,
            places=places, enabled_when=enabled_when,
            contexts=tuple(p.where for p in contexts), context_when=context_when,
            checkable=checkable, checked=checked, group=group, scope=scope, adopt=adopt,
        )
        setattr(fn, _MARK, (*getattr(fn, _MARK, ()), spec))
        return fn

    return mark


def declared_actions(cls: type) -> list[ActionSpec]:
    """The actions declared on ``cls`` and its bases, in definition order (bases last)."""
    found: list[ActionSpec] = []
    for klass in cls.__mro__:
        for value in vars(klass).values():
            found.extend(getattr(value, _MARK, ()))
    return found


def key_sequence(shortcuts: Iterable[Shortcut]) -> QKeySequence:
    """The first of ``shortcuts`` this platform has (an empty sequence if none)."""
    for s in shortcuts:
        seq = QKeySequence(s)
        if not seq.isEmpty():
            return seq
    return QKeySequence()


class ActionRegistry:
    """The QActions of one window, made from the declarations of its parts."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.specs: dict[str, ActionSpec] = {}
        self.actions: dict[str, QAction] = {}
        self._owners: dict[str, Any] = {}
        self._groups: dict[str, QActionGroup] = {}

    def collect(self, owner: QObject, scopes: dict[str, QWidget] | None = None) -> None:
        """Make the actions ``owner``'s class declares; their handlers run on ``owner``.
        ``scopes`` names the widgets a ``scope`` may refer to."""
        scopes = scopes or {}
        for spec in declared_actions(type(owner)):
            if spec.id in self.specs:
                raise ValueError(f"two actions declare the id {spec.id!r}")
            self.specs[spec.id] = spec
            self._owners[spec.id] = owner
            self.actions[spec.id] = self._make(spec, owner, scopes)
        self.update_enabled()

    def _make(self, spec: ActionSpec, owner: Any, scopes: dict[str, QWidget]) -> QAction:
        if spec.adopt:
            action = spec.handler(owner)
        else:
            action = QAction(self.window)
            handler = spec.handler
            action.triggered.connect(lambda _checked=False: handler(owner))
        seq = key_sequence(spec.shortcuts)
        if not seq.isEmpty():
            action.setShortcut(seq)
        if spec.icon:
            action.setIcon(QIcon.fromTheme(spec.icon))
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(spec.checked)
        if spec.group:
            group = self._groups.get(spec.group)
            if group is None:
                group = self._groups[spec.group] = QActionGroup(self.window)
                group.setExclusive(True)
            group.addAction(action)
        if spec.scope is not None:
            # e.g. Delete acts on the grid only: pressed in the search box or a tree it
            # must not remove the photos selected in the grid.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            scopes[spec.scope].addAction(action)
        elif not spec.adopt:
            self.window.addAction(action)
        return action

    def __getitem__(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def __iter__(self):
        return iter(self.specs.values())

    def trigger(self, action_id: str) -> None:
        """Do what the action does, as the menu or its shortcut would."""
        self.actions[action_id].trigger()

    def update_enabled(self) -> None:
        """Ask each ``enabled_when`` again (after something it depends on changed)."""
        for action_id, spec in self.specs.items():
            if spec.enabled_when is not None:
                self.actions[action_id].setEnabled(bool(spec.enabled_when(self._owners[action_id])))

    def retranslate(self) -> None:
        """Set every action's text and tooltip in the language now in force."""
        for action_id, spec in self.specs.items():
            action = self.actions[action_id]
            action.setText(spec.translated_text())
            action.setToolTip(spec.translated_tip())

    def placed(self, where: str, item: Any = None) -> list[tuple[int, list[QAction]]]:
        """The actions placed in ``where`` as (section, actions) in order; for a context
        menu, ``item`` (what was clicked) is checked against each ``context_when``."""
        entries = []
        for action_id, spec in self.specs.items():
            place = spec.place(where)
            if place is None:
                continue
            if where in spec.contexts and spec.context_when and not spec.context_when(item):
                continue
            entries.append((place.section, place.order, self.actions[action_id]))
        sections: dict[int, list[QAction]] = {}
        for section, _order, action in sorted(entries, key=lambda e: e[:2]):
            sections.setdefault(section, []).append(action)
        return [(s, sections[s]) for s in sorted(sections)]

    def fill(self, target: QMenu | QToolBar, where: str, item: Any = None,
             sections: Iterable[int] | None = None) -> None:
        """Add the actions placed in ``where`` to a menu or toolbar, a separator between
        sections; ``sections``: only those (by section number)."""
        wanted = None if sections is None else set(sections)
        groups = [a for s, a in self.placed(where, item) if wanted is None or s in wanted]
        for i, actions in enumerate(groups):
            if i:
                target.addSeparator()
            target.addActions(actions)

