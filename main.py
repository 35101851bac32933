"""Double-click entry point: starts the pose desktop app (same as ``pose-desktop``)."""

import sys

from pose_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
