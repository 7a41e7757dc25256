"""Start a real ``tmserver serve`` process for tests that need one."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class RunningServer:
    """A server process listening on 127.0.0.1."""

    url: str
    process: subprocess.Popen

    def get_json(self, path: str) -> tuple[int, object]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(
    workdir: Path, *, workers: int = 2, extra_env: dict[str, str] | None = None
) -> Iterator[RunningServer]:
    """Run ``python -m tmserver serve`` with its instance and memories under workdir."""
    port = free_port()
    env = {
        **os.environ,
        "TMSERVER_INSTANCE_DIR": str(workdir / "instance"),
        "TMSERVER_MEMORIES_DIR": str(workdir / "memories"),
        "PYTHONPATH": str(REPO),
        **(extra_env or {}),
    }
    if "TMSERVER_DATABASE_URL" not in (extra_env or {}):
        env.pop("TMSERVER_DATABASE_URL", None)
    command = [sys.executable, "-m", "tmserver", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers)]
    log = (workdir / "server.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = RunningServer(f"http://127.0.0.1:{port}", process)
    try:
        _wait_until_up(server, workdir / "server.log")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_up(server: RunningServer, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"server did not come up in {timeout} s:\n{log.read_text()}")
