"""Reads models/MODELS.md: the sha256 each shipped model file must have.

Each model file has a section headed ``## <filename>.onnx`` (or ``.npy``) holding a bullet
``- sha256: <64 hex digits>``; that line is the source of truth the engine checks
every file against before loading it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pose_desktop.errors import ModelError

_HEADING = re.compile(r"^##\s+`?([\w.\-]+\.(?:onnx|npy))`?\s*$")
_SHA = re.compile(r"^\s*[-*]\s*sha256:\s*`?([0-9a-fA-F]{64})`?\s*$")


def parse_manifest(text: str) -> dict[str, str]:
    """``{filename: sha256}`` for every ``## file.onnx`` section with a sha256 bullet."""
    out: dict[str, str] = {}
    current: str | None = None
    for line in text.splitlines():
        heading = _HEADING.match(line.strip())
        if heading:
            current = heading.group(1)
            continue
        if line.startswith("#"):
            current = None
            continue
        sha = _SHA.match(line)
        if sha and current and current not in out:
            out[current] = sha.group(1).lower()
    return out


def load_manifest(models_dir: Path) -> dict[str, str]:
    """The manifest of ``models_dir`` (empty when MODELS.md is missing)."""
    path = models_dir / "MODELS.md"
    if not path.exists():
        return {}
    return parse_manifest(path.read_text(encoding="utf-8"))


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def verify_model_file(path: Path, expected: str | None) -> None:
    """Raise ``ModelError`` unless ``path`` exists and hashes to ``expected``."""
    if not path.exists():
        raise ModelError(
            f"Model file {path} is missing. Reinstall pose_desktop or rebuild it with the "
            f"script named in models/MODELS.md."
        )
    if expected is None:
        raise ModelError(
            f"Model file {path.name} has no sha256 entry in models/MODELS.md; refusing to load "
            "an unverified model."
        )
    actual = file_sha256(path)
    if actual != expected:
        raise ModelError(
            f"Model file {path.name} is corrupt or was replaced: its sha256 is {actual}, "
            f"models/MODELS.md expects {expected}. Reinstall pose_desktop or rebuild the file "
            "with the script named in models/MODELS.md."
        )
