"""pose_desktop: a desktop photo organizer for personal photos and Instagram history."""

__version__ = "0.1.0"
