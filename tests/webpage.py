"""Shared by the browser tests and ``docs/screenshots/make_screenshots.py``: a real
``tmserver serve`` with a small real memory, and headless Chromium launch options."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from tests.server import REPO
from tests.server import serve
from tests.tmxdata import SEED_PAIRS
from tests.tmxdata import write_tmx

#: Debian's ``chromium`` package; Playwright's own browser download is never used.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NTREX = REPO.parent / "shared" / "data" / "ntrex" / "dev"
NTREX_LINES = 300
TARGET = "bs"


def ntrex_pairs() -> list[tuple[str, str]]:
    """The first NTREX-128 lines, English → Bosnian, or none without the shared data."""
    if not NTREX.is_dir():
        return []
    english = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8")
    bosnian = (NTREX / "newstest2019-ref.bos.txt").read_text(encoding="utf-8")
    pairs = list(zip(english.splitlines(), bosnian.splitlines(), strict=True))
    return [(e, b) for e, b in pairs[:NTREX_LINES] if e.strip() and b.strip()]


def memory_pairs() -> list[tuple[str, str]]:
    """The founding announcement's pairs plus NTREX lines, XML-escaped for the TMX."""
    return [(escape(s), escape(t)) for s, t in SEED_PAIRS + ntrex_pairs()]


def _tmserver(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "tmserver", *args],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )


@contextmanager
def served_memory(workdir: Path) -> Iterator[str]:
    """Import the small memory into an SQLite file under workdir and serve it.

    Yields the server's base URL (``http://127.0.0.1:<port>``).
    """
    (workdir / "memories").mkdir(exist_ok=True)
    memory = write_tmx(workdir / "memory.tmx", memory_pairs(), lang=TARGET)
    database = {"TMSERVER_DATABASE_URL": f"sqlite:///{workdir / 'tm.db'}"}
    env = {**os.environ, "PYTHONPATH": str(REPO), **database}
    _tmserver(env, "init-db")
    _tmserver(env, "import", str(memory))
    with serve(workdir, workers=1, extra_env=database) as running:
        yield running.url


def open_page(
    browser: Any, server: str, requests_seen: list[str], width: int
) -> tuple[Any, Any, list[str]]:
    """Open ``/`` in a fresh Playwright context ``width`` pixels wide.

    Every request is appended to ``requests_seen``; requests to any host other than
    127.0.0.1 are aborted. Returns (context, page, script errors seen so far).
    """
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)

    def guard(route: Any) -> None:
        requests_seen.append(route.request.url)
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/")
    page.wait_for_selector("html[data-ready='true']")
    return context, page, errors
