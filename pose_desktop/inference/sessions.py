"""The one place that creates ONNX Runtime sessions and chooses execution providers.

Provider choice is ``available ∩ preferred`` in the order CUDA, CPU. ``onnxruntime-gpu``
lists ``CUDAExecutionProvider`` even on machines without an NVIDIA driver, so CUDA is only
tried when a driver library can be loaded, and the provider a session really got is read
back from the session (ONNX Runtime silently falls back to CPU when CUDA fails to start).
The device setting is ``auto`` (default), ``cpu`` or ``gpu``; the ``POSE_DEVICE``
environment variable overrides the default. ``POSE_THREADS`` caps intra-op threads.

Every session of the process takes its CPU memory from one shared arena
(``shared_cpu_arena``): a session's own arena keeps its largest run's activations for the
session's life, and the app keeps a dozen sessions loaded, so their own arenas held the sum
of those peaks where one shared arena holds the largest of them (every analyzer's pass over
200 photos and 60 at 12 MP: peak RSS 1.64 -> 0.98 GB, benchmarks/speed_tags.py).
"""

from __future__ import annotations

import ctypes
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from pose_desktop.errors import ModelError

log = logging.getLogger(__name__)

CUDA = "CUDAExecutionProvider"
CPU = "CPUExecutionProvider"
PREFERRED_PROVIDERS: tuple[str, ...] = (CUDA, CPU)
DEVICES = ("auto", "cpu", "gpu")

# Cap so a background analysis never takes the whole machine (the GUI stays responsive).
MAX_INTRA_OP_THREADS = 4


@dataclass(frozen=True)
class SessionInfo:
    """What a created session runs on, for logs and the status bar."""

    model: str
    provider: str
    requested: tuple[str, ...]
    intra_op_threads: int

    @property
    def device_label(self) -> str:
        """'GPU (CUDA)' or 'CPU', as shown to the user."""
        return "GPU (CUDA)" if self.provider == CUDA else "CPU"


_lock = threading.Lock()
_last_info: SessionInfo | None = None
_arena_registered: bool | None = None  # shared_cpu_arena: not yet tried / registered / unavailable


def available_providers() -> list[str]:
    """Providers this onnxruntime build offers (tests monkeypatch this)."""
    import onnxruntime as ort

    return list(ort.get_available_providers())


def cuda_driver_present() -> bool:
    """True when an NVIDIA driver library can be loaded (tests monkeypatch this)."""
    for name in ("libcuda.so.1", "libcuda.so", "nvcuda.dll"):
        try:
            ctypes.CDLL(name)
            return True
        except OSError:
            continue
    return False


def resolve_device(device: str | None = None) -> str:
    """The device setting in force: ``device``, else ``POSE_DEVICE``, else ``auto``."""
    value = (device or os.environ.get("POSE_DEVICE") or "auto").strip().lower()
    if value not in DEVICES:
        raise ModelError(f"Unknown device {value!r}; use one of {', '.join(DEVICES)}.")
    return value


def choose_providers(device: str | None = None, available: list[str] | None = None) -> list[str]:
    """Providers to request, best first: ``available ∩ PREFERRED_PROVIDERS``.

    ``device='cpu'`` never asks for CUDA; ``'gpu'`` raises ``ModelError`` when CUDA is not
    usable; ``'auto'`` uses CUDA when present and falls back to CPU.
    """
    device = resolve_device(device)
    available = available_providers() if available is None else available
    chosen = [p for p in PREFERRED_PROVIDERS if p in available]
    if CUDA in chosen and (device == "cpu" or not cuda_driver_present()):
        chosen.remove(CUDA)
    if device == "gpu" and CUDA not in chosen:
        raise ModelError(
            "The GPU was requested but CUDA is not usable here (no onnxruntime-gpu build or "
            "no NVIDIA driver); set the device to 'auto' or 'cpu'."
        )
    if CPU not in chosen:
        chosen.append(CPU)  # every onnxruntime build has it
    return chosen


def intra_op_threads(requested: int | None = None) -> int:
    """Intra-op threads: ``requested``, else ``POSE_THREADS``, else min(cores, 4)."""
    if requested is None:
        env = os.environ.get("POSE_THREADS")
        requested = int(env) if env and env.isdigit() else None
    cores = os.cpu_count() or 1
    return max(1, min(requested or cores, cores, MAX_INTRA_OP_THREADS))


def shared_cpu_arena() -> bool:
    """Register, once per process, the CPU arena every session shares (see the module
    docstring); False where this onnxruntime cannot (the sessions then keep their own)."""
    global _arena_registered
    import onnxruntime as ort

    with _lock:
        if _arena_registered is None:
            try:
                cpu = ort.OrtMemoryInfo("Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, ort.OrtMemType.DEFAULT)
                # no memory cap, kNextPowerOfTwo growth (kSameAsRequested fragmented: 1.26 GB),
                # default first chunk and dead bytes
                ort.create_and_register_allocator(cpu, ort.OrtArenaCfg(0, 0, -1, -1))
                _arena_registered = True
            except Exception as exc:  # onnxruntime's own exception types are not exported
                log.warning("no shared CPU arena for the models (%s): each session keeps its own", exc)
                _arena_registered = False
        return _arena_registered


def create_session(
    path: str | Path,
    *,
    device: str | None = None,
    threads: int | None = None,
    available: list[str] | None = None,
    config: dict[str, str] | None = None,
):
    """An ``onnxruntime.InferenceSession`` for ``path`` on the best usable provider;
    ``config``: more session configuration entries (``add_session_config_entry``).

    Returns ``(session, SessionInfo)``. The provider actually used is logged and kept for
    ``last_session_info()`` so the UI can show it.
    """
    import onnxruntime as ort

    path = Path(path)
    providers = choose_providers(device, available)
    opts = ort.SessionOptions()
    n_threads = intra_op_threads(threads)
    opts.intra_op_num_threads = n_threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3  # errors only: a missing CUDA is expected, not alarming
    if os.environ.get("POSE_ORT_SPIN", "0") != "1":
        # Idle intra-op threads would otherwise busy-wait between operators and starve the
        # decode/prepare thread that feeds the next batch (few cores: the app's usual case).
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if shared_cpu_arena():
        opts.add_session_config_entry("session.use_env_allocators", "1")
    for key, value in (config or {}).items():
        opts.add_session_config_entry(key, value)
    try:
        session = ort.InferenceSession(str(path), sess_options=opts, providers=providers)
    except Exception as exc:  # onnxruntime raises its own non-exported exception types
        if providers[0] == CUDA:
            log.warning("CUDA session for %s failed (%s); using CPU", path.name, exc)
            providers = [CPU]
            session = ort.InferenceSession(str(path), sess_options=opts, providers=providers)
        else:
            raise ModelError(f"Cannot load model {path.name}: {exc}") from exc
    used = session.get_providers()[0] if session.get_providers() else CPU
    info = SessionInfo(path.name, used, tuple(providers), n_threads)
    global _last_info
    with _lock:
        _last_info = info
    log.info("model %s runs on %s (%d threads)", path.name, info.device_label, n_threads)
    return session, info


def last_session_info() -> SessionInfo | None:
    """Info of the most recently created session (None before any)."""
    with _lock:
        return _last_info
