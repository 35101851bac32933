"""The one root exception of pose_desktop and its typed children.

A typed error carries data, not a sentence: its ``template`` is an English ``str.format``
text over the keyword arguments it was raised with (kept in ``values``, and as attributes).
The CLI (``cli/words.py``) and the window (Qt translations, context "Errors") say that
template in the user's language; ``str(exc)`` is the English, for logs. Nothing here knows
any language but English.
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name Qt's lupdate looks for)
    """``text`` as it is: marks a template for ``resources/translations/build_translations.py``
    (Qt's lupdate reads this file too), so the window can translate it. No Qt is imported."""
    return text


class PoseError(Exception):
    """Base class of every error pose_desktop raises on purpose.

    The message is meant for the user: it says what went wrong and what to do.
    ``PoseError("text")`` says ``text`` as it is; a subclass with a ``template`` is raised
    with that template's fields as keyword arguments.
    """

    template = "{text}"

    def __init__(self, text: str = "", /, **values) -> None:
        self.values = values or {"text": text}
        self.__dict__.update(self.values)
        super().__init__(self.template.format(**self.values))


class CatalogError(PoseError):
    """The catalog file cannot be opened, upgraded or written."""


class CatalogLockedError(CatalogError):
    """Another pose_desktop process holds the catalog for writing (``path``)."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "pose_desktop is already open on {path} in another window or process.")


class CatalogBusyError(CatalogLockedError):
    """Another process was writing to the catalog for longer than the wait allows."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "The catalog {path} is busy (another pose_desktop is writing); try again.")


class RestoreLockedError(CatalogLockedError):
    """A backup cannot be put back while a pose_desktop has the catalog open."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "pose_desktop is open on {path}; close it before restoring a backup.")


class CatalogReadOnlyError(CatalogLockedError):
    """The catalog is on a read-only disk or folder: it can be opened for reading only."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "The catalog {path} is on a read-only disk or folder; it can only be opened "
        "read-only (browsing and searching work, changes do not).")


class CatalogOpenReadOnlyError(CatalogError):
    """A change was asked of a catalog opened read-only."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "The catalog {path} is open read-only, so nothing was changed. Changes work "
        "again once it is opened for writing (close the other pose_desktop that has it open).")


class CatalogNotWritableError(CatalogError):
    """SQLite refused to write the catalog file (its permissions)."""

    template = QT_TRANSLATE_NOOP("Errors", "The catalog {path} is read-only; check its permissions.")


class CatalogMissingError(CatalogError):
    """A read-only open of a catalog that does not exist (nothing is created)."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "There is no catalog at {path} (opened read-only, so none was created).")


class CatalogFolderError(CatalogError):
    """The catalog's folder cannot be created (``detail``: the system's reason)."""

    template = QT_TRANSLATE_NOOP("Errors", "Cannot create the catalog folder {path}: {detail}")


class CatalogNeedsUpgradeError(CatalogError):
    """A catalog opened read-only was written by an older pose_desktop."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "The catalog {path} was made by an older pose_desktop and needs an upgrade, "
        "which only a read-write open does; open it once without read-only.")


class CatalogTooNewError(CatalogError):
    """The catalog was written by a newer pose_desktop (``migrations`` it does not know)."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "This catalog was written by a newer pose_desktop (migrations {migrations}); "
        "please update the app.")


class CatalogDiskFullError(CatalogError):
    """The disk holding the catalog is full."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "The disk holding {path} is full; free some space and try again.")


class CatalogUnreadableError(CatalogError):
    """SQLite could not read what it needed from the catalog (``detail``: its words)."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "The catalog {path} cannot be read ({detail}); nothing was changed. Restore "
        "the newest good backup with `pose restore --latest`.")


class CatalogFailedError(CatalogError):
    """Any other SQLite error on the catalog (``detail``: its words)."""

    template = QT_TRANSLATE_NOOP("Errors", "Catalog error in {path}: {detail}")


class CatalogDamagedError(CatalogError):
    """The catalog file ``path`` is damaged (``reason``): nothing is written to it.
    ``backup`` is the newest good copy (a ``pose backup`` or an automatic one) the user may
    restore, made at ``when``, or None."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "The catalog {path} is damaged ({reason}). Nothing was changed in it. The "
        "newest good backup is {backup} (from {when}): restore it with `pose restore --latest` "
        "(or the app's Restore button); the damaged file is kept aside as {name}.before-restore.")
    no_backup = QT_TRANSLATE_NOOP(
        "Errors", "The catalog {path} is damaged ({reason}). Nothing was changed in it. No good "
        "backup of it was found: restore one you made elsewhere with `pose restore FILE`, or "
        "choose another catalog; `sqlite3 {name} .recover` may save part of it.")

    def __init__(self, *, path, reason: str, backup=None, when: str = "") -> None:
        if backup is None:
            self.template = self.no_backup
        super().__init__(path=path, reason=reason, backup=backup, when=when, name=path.name)


class BackupDamagedCatalogError(CatalogError):
    """``pose backup`` of a damaged catalog (opened read-only): no copy is made."""

    template = QT_TRANSLATE_NOOP(
        "Errors", "The catalog is damaged ({reason}); a copy of it would be no backup. Restore a "
        "good one with `pose restore --latest`.")


class BackupUnusableError(CatalogError):
    """The file ``path`` offered as a backup is no intact catalog; the subclass says why."""


class BackupMissingError(BackupUnusableError):
    template = QT_TRANSLATE_NOOP(
        "Errors", "{path} cannot be restored: the file does not exist. Choose another backup.")


class BackupEmptyError(BackupUnusableError):
    template = QT_TRANSLATE_NOOP(
        "Errors", "{path} cannot be restored: the file is empty (0 bytes). Choose another backup.")


class BackupBrokenError(BackupUnusableError):
    template = QT_TRANSLATE_NOOP(
        "Errors", "{path} cannot be restored: it is damaged ({detail}). Choose another backup.")


class BackupForeignError(BackupUnusableError):
    template = QT_TRANSLATE_NOOP(
        "Errors", "{path} cannot be restored: it is not a pose_desktop catalog. Choose another "
        "backup.")


class IngestError(PoseError):
    """A file or folder could not be indexed."""


class ModelError(PoseError):
    """A model file is missing, corrupt or cannot be run."""


class UnknownAnalyzerError(ModelError):
    """An analyzer asked for by ``name`` (``pose analyze --models``) does not exist."""

    template = QT_TRANSLATE_NOOP("Errors", "Unknown analyzer {name!r}; known: {known}.")
