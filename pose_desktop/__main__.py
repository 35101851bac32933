import sys

from pose_desktop.cli import main

sys.exit(main())
