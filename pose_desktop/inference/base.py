"""The base class every ONNX model derives from: lazy, idempotent, verified loading.

A subclass names its file and supplies pure pre-/post-processing (from ``transforms``);
``run`` feeds batches to the session. Loading checks the file's sha256 against
models/MODELS.md first, so a corrupt or swapped file is refused with a clear error.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

import numpy as np

from pose_desktop.errors import ModelError

from .manifest import load_manifest, verify_model_file
from .sessions import SessionInfo, create_session


class OnnxModel:
    """One ONNX file, loaded on first use.

    Subclasses set ``filename`` (inside the models folder) and ``version`` (stored with
    every result so a new model version re-analyses the library), then build on ``run``.
    """

    filename: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    batch_size: ClassVar[int] = 32
    # more ONNX Runtime session configuration entries this model's sessions need
    session_config: ClassVar[dict[str, str]] = {}

    def __init__(
        self,
        models_dir: Path | None = None,
        *,
        device: str | None = None,
        threads: int | None = None,
        verify: bool = True,
    ) -> None:
        from pose_desktop.paths import models_dir as default_models_dir

        self.models_dir = Path(models_dir) if models_dir else default_models_dir()
        self.device = device
        self.threads = threads
        self.verify = verify
        self._session = None
        self._info: SessionInfo | None = None
        self._load_lock = threading.Lock()

    @property
    def path(self) -> Path:
        """Where the model file lives."""
        return self.models_dir / self.filename

    @property
    def loaded(self) -> bool:
        """True once the session exists."""
        return self._session is not None

    def load(self):
        """Create the session (once; later calls return the same one)."""
        if self._session is not None:
            return self._session
        with self._load_lock:
            if self._session is None:
                if self.verify:
                    expected = load_manifest(self.models_dir).get(self.filename)
                    verify_model_file(self.path, expected)
                elif not self.path.exists():
                    raise ModelError(f"Model file {self.path} is missing.")
                self._session, self._info = create_session(
                    self.path, device=self.device, threads=self.threads, config=self.session_config
                )
        return self._session

    @property
    def session(self):
        """The ONNX Runtime session (loaded on first access)."""
        return self.load()

    @property
    def info(self) -> SessionInfo:
        """Which provider the session runs on."""
        self.load()
        assert self._info is not None
        return self._info

    def input_names(self) -> list[str]:
        """Names of the graph's inputs."""
        return [i.name for i in self.session.get_inputs()]

    def run(self, inputs: np.ndarray | dict[str, np.ndarray], outputs: list[str] | None = None):
        """One ``session.run``; a bare array feeds the first input."""
        sess = self.session
        if not isinstance(inputs, dict):
            inputs = {sess.get_inputs()[0].name: inputs}
        try:
            return sess.run(outputs, inputs)
        except Exception as exc:  # onnxruntime's own exception types are not exported
            raise ModelError(f"Model {self.filename} failed to run: {exc}") from exc

    def run_batched(self, inputs: np.ndarray | dict[str, np.ndarray], batch_size: int | None = None,
                    outputs: list[str] | None = None) -> list[np.ndarray]:
        """``run`` over ``inputs`` (an array, or named arrays with as many rows each) in
        chunks of ``batch_size`` rows; outputs (all, or those named) concatenated."""
        n = len(next(iter(inputs.values())) if isinstance(inputs, dict) else inputs)
        if n == 0:
            return []
        size = batch_size or self.batch_size

        def rows(i: int):
            if isinstance(inputs, dict):
                return {name: a[i : i + size] for name, a in inputs.items()}
            return inputs[i : i + size]

        parts = [self.run(rows(i), outputs) for i in range(0, n, size)]
        return [np.concatenate([p[k] for p in parts], axis=0) for k in range(len(parts[0]))]

    def close(self) -> None:
        """Drop the session (it is re-created on next use)."""
        self._session = None
