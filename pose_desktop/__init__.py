"""pose_desktop: a desktop photo organizer for personal photos and Instagram history."""

import os as _os

# ONNX Runtime's native library otherwise writes a device id and usage database under
# ~/.cache/Microsoft/DeveloperTools/.onnxruntime the moment it loads: a private photo app
# writes nothing outside its own folders. Set before anything imports onnxruntime.
_os.environ["ORT_DISABLE_TELEMETRY"] = "1"

__version__ = "0.1.0"
