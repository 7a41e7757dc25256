"""Start a real ``tmserver serve`` for a benchmark and wait until it answers."""

from __future__ import annotations

import http.client
import subprocess
import time


def serve_and_wait(
    command: list[str], env: dict[str, str], port: int, *, timeout: float
) -> subprocess.Popen:
    """Run ``command`` and return once ``/healthz`` on ``port`` answers 200.

    The first start builds the match index, which takes minutes at 1M units, hence
    the generous ``timeout``; a server that never answers is killed.
    """
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("server did not come up")
