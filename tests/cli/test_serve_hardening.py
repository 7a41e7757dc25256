"""``tmserver serve`` under clients that stall, send too much or send nonsense.

A real gunicorn server: ``/healthz`` answers while 10 connections stall; a request
line long enough for the documented longest query gets through, a longer one is the
JSON 414 body; every response carries the security headers; a token a client
cannot send is refused at start-up.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.server import REPO
from tests.server import RunningServer
from tests.server import serve
from tests.tmxdata import SEED_PAIRS
from tests.tmxdata import write_tmx


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    workdir = tmp_path_factory.mktemp("served")
    (workdir / "memories").mkdir()
    write_tmx(workdir / "memories" / "seed.tmx", SEED_PAIRS)
    with serve(workdir, workers=2) as running:
        yield running


def raw_request(server: RunningServer, data: bytes, timeout: float = 10) -> bytes:
    """Send ``data`` as it is and read the whole answer."""
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def split_response(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers, body


def get(server: RunningServer, target: str) -> tuple[int, dict[str, str], bytes]:
    request = f"GET {target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    return split_response(raw_request(server, request.encode("ascii")))


@pytest.mark.slow
def test_healthz_answers_while_ten_connections_stall(server: RunningServer) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    stalled = []
    try:
        for number in range(10):
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            if number % 2:  # half send the start of a request, then nothing
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ")
            stalled.append(sock)
        time.sleep(1)
        for _ in range(5):
            started = time.monotonic()
            status, _, body = get(server, "/healthz")
            assert status == 200 and json.loads(body)["ok"] is True
            assert time.monotonic() - started < 3
    finally:
        for sock in stalled:
            sock.close()


def test_the_longest_documented_query_fits_the_request_line(server: RunningServer):
    longest = urllib.parse.quote("ш" * 2000)  # 12,000 bytes percent-encoded
    status, _, body = get(server, f"/api/v1/en/hr/concordance?q={longest}")
    assert status == 200, body
    assert json.loads(body)["query"] == "ш" * 2000


def test_a_longer_request_line_is_the_json_414(server: RunningServer) -> None:
    status, headers, body = get(server, "/tmserver/en/hr/unit/" + "a%C5%A1" * 10_000)
    assert status == 414
    assert headers["content-type"].startswith("application/json")
    payload = json.loads(body)
    assert (payload["ok"], payload["status"]) == (False, 414)


def test_headers_over_the_limit_are_the_json_431(server: RunningServer) -> None:
    many = "".join(f"X-H{i}: {i}\r\n" for i in range(200))
    request = f"GET /healthz HTTP/1.1\r\nHost: t\r\n{many}Connection: close\r\n\r\n"
    status, headers, body = split_response(raw_request(server, request.encode()))
    assert status == 431
    assert json.loads(body)["status"] == 431


def test_a_malformed_request_is_the_json_400(server: RunningServer) -> None:
    status, _, body = split_response(raw_request(server, b"GET\x01 / HTTP/1.1\r\n\r\n"))
    assert status == 400
    assert json.loads(body)["ok"] is False


@pytest.mark.parametrize(
    "target", ["/healthz", "/api/v1/stats", "/nowhere", "/api/openapi.json", "/"]
)
def test_every_response_has_the_security_headers(
    server: RunningServer, target: str
) -> None:
    _, headers, _ = get(server, target)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_a_token_no_client_can_send_is_refused_at_start_up(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TMSERVER_INSTANCE_DIR": str(tmp_path / "instance"),
        "TMSERVER_MEMORIES_DIR": str(tmp_path),
        "TMSERVER_API_TOKEN": "tajna-šifra",
    }
    env.pop("TMSERVER_DATABASE_URL", None)
    run = subprocess.run(
        [sys.executable, "-m", "tmserver", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "TMSERVER_API_TOKEN" in run.stderr and "Traceback" not in run.stderr
