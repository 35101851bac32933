"""The one root exception of pose_desktop and its typed children."""


class PoseError(Exception):
    """Base class of every error pose_desktop raises on purpose.

    The message is meant for the user: it says what went wrong and what to do.
    """


class CatalogError(PoseError):
    """The catalog file cannot be opened, upgraded or written."""


class CatalogLockedError(CatalogError):
    """Another pose_desktop process holds the catalog for writing."""


class CatalogDamagedError(CatalogError):
    """The catalog file is damaged: nothing is written to it. ``backup`` is the newest good
    copy (a ``pose backup`` or an automatic one) the user may restore, or None."""

    def __init__(self, message: str, path=None, backup=None) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup


class CatalogReadOnlyError(CatalogLockedError):
    """The catalog is on a read-only disk or folder: it can be opened for reading only."""


class IngestError(PoseError):
    """A file or folder could not be indexed."""


class ModelError(PoseError):
    """A model file is missing, corrupt or cannot be run."""
