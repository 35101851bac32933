"""One window per catalog: a second ``pose-desktop PHOTO…`` hands its photos to the window
already open (over a ``QLocalServer`` named after the catalog) and exits, instead of
opening a second, read-only window."""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

#: How long a second launch waits for the running window to answer (ms).
HANDOVER_TIMEOUT_MS = 3000


def server_name(catalog: str | Path) -> str:
    """The local server name of the window holding ``catalog`` (per user and catalog)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        user = "user"
    key = f"{user}\0{Path(catalog).expanduser().resolve()}".encode()
    return "pose_desktop-" + hashlib.sha1(key).hexdigest()[:20]


def send_to_running(catalog: str | Path, paths: list[str], timeout_ms: int = HANDOVER_TIMEOUT_MS) -> bool:
    """Give ``paths`` (possibly none: just show yourself) to the window that has
    ``catalog`` open; True when it took them, False when no window answered."""
    sock = QLocalSocket()
    sock.connectToServer(server_name(catalog))
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(json.dumps({"paths": paths}).encode() + b"\n")
    if not sock.waitForBytesWritten(timeout_ms):
        sock.abort()
        return False
    answer = b""
    while not answer.endswith(b"\n") and sock.waitForReadyRead(timeout_ms):
        answer += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return answer.strip() == b"ok"


class InstanceServer(QObject):
    """Listens for second launches on this catalog; emits what they hand over."""

    #: A second launch asked to be shown these photos ([] = just bring the window up).
    paths_received = Signal(list)

    def __init__(self, catalog: str | Path, parent=None) -> None:
        super().__init__(parent)
        self.name = server_name(catalog)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening. Call only while holding the catalog's writer lock: a server
        name left behind by a crashed window is then certainly stale and is removed."""
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        ok = self.server.listen(self.name)
        if not ok:
            log.warning("second launches cannot reach this window: %s", self.server.errorString())
        return ok

    def close(self) -> None:
        """Stop listening (the window is closing)."""
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._buffers[sock] = b""
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._drop(s))

    def _drop(self, sock: QLocalSocket) -> None:
        self._buffers.pop(sock, None)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        data = self._buffers.get(sock, b"") + bytes(sock.readAll().data())
        self._buffers[sock] = data
        if not data.endswith(b"\n"):
            return
        try:
            message = json.loads(data)
            paths = [str(p) for p in message.get("paths", [])]
        except (ValueError, AttributeError, TypeError):
            log.warning("ignored a malformed message from a second launch")
            sock.write(b"error\n")
            sock.flush()
            return
        sock.write(b"ok\n")
        sock.flush()
        self.paths_received.emit(paths)
