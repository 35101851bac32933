"""``python -m pose_desktop.cli``: the same ``pose`` command."""

import sys

from pose_desktop.cli.app import main

sys.exit(main())
