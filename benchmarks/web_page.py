"""Weight of the translators' page and how fast it answers in a real browser.

Run from the repository root (needs ``/usr/bin/chromium`` and Playwright)::

    PYTHONPATH=$PWD python benchmarks/web_page.py

Prints the bytes the page loads (as served and gzip-compressed), then, against a real
``tmserver serve`` with the browser tests' memory, the median time from opening ``/``
until the page is ready and from pressing Enter until suggestions / concordance hits are
on screen.
"""

from __future__ import annotations

import gzip
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.tmxdata import SEED_PAIRS
from tests.webpage import CHROMIUM
from tests.webpage import CHROMIUM_ARGS
from tests.webpage import open_page
from tests.webpage import served_memory

STATIC = Path(__file__).resolve().parents[1] / "tmserver" / "web" / "static"
ROUNDS = 10


def page_weight() -> None:
    raw = packed = 0
    for path in sorted(STATIC.iterdir()):
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data))
        print(f"  {path.name:16} {len(data):7,} bytes")
    print(f"static assets: {raw:,} bytes, {packed:,} gzip-compressed")


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def browser_timings(url: str) -> None:
    loads, suggests, hits = [], [], []
    query = SEED_PAIRS[0][0].replace("18", "19")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        for _ in range(ROUNDS):
            started = time.perf_counter()
            context, page, _errors = open_page(browser, url, [], 1000)
            loads.append((time.perf_counter() - started) * 1000)
            page.fill("#suggest-text", query)

            def suggest(page=page) -> None:
                page.locator("#suggest-text").press("Enter")
                page.wait_for_selector(".suggestion")

            suggests.append(timed(suggest))
            page.keyboard.press("Alt+2")
            page.fill("#concordance-q", "police")

            def concordance(page=page) -> None:
                page.keyboard.press("Enter")
                page.wait_for_selector(".hit")

            hits.append(timed(concordance))
            context.close()
        browser.close()
    for name, values in (
        ("open / until ready (new browser context)", loads),
        ("Enter until suggestions shown", suggests),
        ("Enter until concordance hits shown", hits),
    ):
        print(f"{name}: median {statistics.median(values):.0f} ms over {ROUNDS}")


def main() -> None:
    page_weight()
    with tempfile.TemporaryDirectory() as tmp, served_memory(Path(tmp)) as url:
        browser_timings(url)


if __name__ == "__main__":
    main()
