"""A small client of ClamAV's daemon (clamd), over a Unix socket or TCP.

The file is streamed with the INSTREAM command: chunks each preceded by their length on four
bytes (network order), then a zero length; clamd answers ``stream: OK`` or
``stream: <signature> FOUND``. Commands are sent NUL-terminated (the ``z`` prefix), so the reply
ends with a NUL too. See clamd(8).
"""

import socket
import struct
from dataclasses import dataclass

from django.conf import settings

CHUNK_SIZE = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd could not be reached, or answered with an error: the file is not judged."""


@dataclass(frozen=True, slots=True)
class Verdict:
    infected: bool
    signature: str = ""


@dataclass(frozen=True, slots=True)
class Clamd:
    socket_path: str = ""
    host: str = ""
    port: int = 3310
    timeout: float = 60.0

    def _connect(self) -> socket.socket:
        try:
            if self.socket_path:
                connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                connection.settimeout(self.timeout)
                connection.connect(self.socket_path)
                return connection
            return socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as error:
            raise ScannerUnavailable(f"clamd unreachable: {error}") from error

    def _command(self, command: bytes, payload: bytes | None = None) -> str:
        with self._connect() as connection:
            try:
                connection.sendall(b"z" + command + b"\0")
                if payload is not None:
                    for start in range(0, len(payload), CHUNK_SIZE):
                        chunk = payload[start : start + CHUNK_SIZE]
                        connection.sendall(struct.pack(">I", len(chunk)) + chunk)
                    connection.sendall(struct.pack(">I", 0))
            except OSError as error:
                # clamd answers and closes as soon as it refuses a stream (size limit): its
                # reply, when there is one, says why better than the broken pipe.
                reply = self._reply(connection)
                raise ScannerUnavailable(f"clamd error: {reply or error}") from error
            return self._reply(connection)

    @staticmethod
    def _reply(connection: socket.socket) -> str:
        reply = b""
        try:
            while not reply.endswith(b"\0"):
                received = connection.recv(4096)
                if not received:
                    break
                reply += received
        except OSError as error:
            if not reply:
                raise ScannerUnavailable(f"clamd connection failed: {error}") from error
        return reply.rstrip(b"\0").decode("utf-8", "replace").strip()

    def ping(self) -> bool:
        return self._command(b"PING") == "PONG"

    def scan(self, data: bytes) -> Verdict:
        reply = self._command(b"INSTREAM", data)
        if reply.endswith("FOUND"):
            signature = reply.removeprefix("stream:").removesuffix("FOUND").strip()
            return Verdict(infected=True, signature=signature)
        if reply == "stream: OK":
            return Verdict(infected=False)
        # "INSTREAM size limit exceeded. ERROR", "... ERROR": no verdict.
        raise ScannerUnavailable(f"clamd error: {reply or 'no reply'}")


def configured_scanner() -> Clamd | None:
    """The scanner the settings give, or ``None`` when none is configured."""
    if settings.CLAMD_SOCKET:
        return Clamd(socket_path=settings.CLAMD_SOCKET, timeout=settings.CLAMD_TIMEOUT)
    if settings.CLAMD_HOST:
        return Clamd(
            host=settings.CLAMD_HOST, port=settings.CLAMD_PORT, timeout=settings.CLAMD_TIMEOUT
        )
    return None
