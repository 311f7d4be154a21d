"""The clamd client against a real clamd (INSTREAM over a Unix socket)."""

import socket
import threading

import pytest

from inscriptions.core.files import antivirus
from inscriptions.documents.tests import samples


def test_clamd_answers_ping(clamd_socket):
    assert antivirus.Clamd(socket_path=clamd_socket).ping()


def test_eicar_file_is_found(clamd_socket):
    verdict = antivirus.Clamd(socket_path=clamd_socket).scan(samples.EICAR)
    assert verdict.infected
    assert verdict.signature.startswith("Eicar-Test")


def test_eicar_inside_a_valid_pdf_is_found(clamd_socket):
    verdict = antivirus.Clamd(socket_path=clamd_socket).scan(samples.pdf_with_eicar())
    assert verdict == antivirus.Verdict(infected=True, signature="Eicar-Test-Body.UNOFFICIAL")


def test_a_clean_file_spanning_several_chunks_is_clean(clamd_socket):
    data = samples.pdf() + b"%" + b"x" * (3 * antivirus.CHUNK_SIZE) + b"\n"
    assert antivirus.Clamd(socket_path=clamd_socket).scan(data) == antivirus.Verdict(False)


def test_unreachable_clamd_is_an_error_not_a_verdict(tmp_path):
    with pytest.raises(antivirus.ScannerUnavailable):
        antivirus.Clamd(socket_path=str(tmp_path / "nothing.sock")).scan(samples.pdf())


def test_an_error_reply_is_not_taken_for_clean(tmp_path):
    # A daemon that refuses the stream, as clamd does past StreamMaxLength.
    path = str(tmp_path / "refusing.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)

    def answer():
        connection, _address = server.accept()
        with connection:
            connection.recv(1024)
            connection.sendall(b"INSTREAM size limit exceeded. ERROR\0")

    thread = threading.Thread(target=answer)
    thread.start()
    try:
        with pytest.raises(antivirus.ScannerUnavailable, match="size limit"):
            antivirus.Clamd(socket_path=path, timeout=5).scan(b"%PDF-1.4")
    finally:
        thread.join(timeout=5)
        server.close()


def test_no_scanner_configured_by_default(settings):
    settings.CLAMD_SOCKET = ""
    settings.CLAMD_HOST = ""
    assert antivirus.configured_scanner() is None
    settings.CLAMD_HOST, settings.CLAMD_PORT = "clamav.internal", 3310
    assert antivirus.configured_scanner() == antivirus.Clamd(
        host="clamav.internal", port=3310, timeout=settings.CLAMD_TIMEOUT
    )
