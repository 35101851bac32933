"""A network that accepts connections and never answers (a dead proxy, a captive portal)
must not hang the import: it fails within seconds with a sentence, and Ctrl+C ends it at
once. A real TCP server that never replies, the real ``pose import-instagram`` command."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import pytest

from tests.proc import REPO, run_pose


@dataclass
class SilentProxy:
    env: dict[str, str]
    connected: threading.Event = field(default_factory=threading.Event)  # set at the first connection


@pytest.fixture
def silent_proxy():
    """A proxy that accepts every connection, reads what it is sent and never answers."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()
    proxy = SilentProxy({})

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            held.append(conn)  # kept open, never answered
            proxy.connected.set()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    port = server.getsockname()[1]
    proxy.env.update({"HTTPS_PROXY": f"http://127.0.0.1:{port}", "HTTP_PROXY": f"http://127.0.0.1:{port}",
                      "https_proxy": f"http://127.0.0.1:{port}", "http_proxy": f"http://127.0.0.1:{port}",
                      "NO_PROXY": "", "no_proxy": ""})
    yield proxy
    stop.set()
    t.join()
    for c in held:
        c.close()
    server.close()


def test_a_silent_network_fails_within_seconds_with_a_sentence(tmp_path, silent_proxy):
    run = run_pose("--catalog", str(tmp_path / "c.sqlite"), "import-instagram", "someprofile",
                   env=silent_proxy.env, timeout=90)
    assert not run.timed_out, "the import hung on a network that never answers"
    assert run.seconds < 45, run.seconds
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert "did not answer" in run.stderr, run.stderr


def test_ctrl_c_ends_a_waiting_import_within_a_second(tmp_path, silent_proxy):
    env = {**os.environ, "PYTHONPATH": str(REPO), **silent_proxy.env}
    proc = subprocess.Popen([sys.executable, "-m", "pose_desktop", "--catalog", str(tmp_path / "c.sqlite"),
                             "import-instagram", "someprofile"], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # started (however slowly on a loaded machine) and waiting on the proxy
        assert silent_proxy.connected.wait(60), "the import never reached the network"
        time.sleep(0.5)
        assert proc.poll() is None
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        proc.kill()
        proc.wait()
    assert took < 2.0, took
    assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
