"""Take the screenshots of the translators' page shown in ``docs/web.md``.

Run from the repository root (needs ``/usr/bin/chromium`` and Playwright for Python)::

    PYTHONPATH=$PWD python docs/screenshots/make_screenshots.py

It imports the small test memory (founding announcement + NTREX lines, see
``tests/webpage.py``) into a temporary SQLite file, starts a real ``tmserver serve``,
drives the page like a translator and writes ``suggestions.png``, ``concordance.png``
and ``lint.png`` next to this script. ``--url`` uses an already running server instead.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from tests.tmxdata import SEED_PAIRS
from tests.webpage import CHROMIUM
from tests.webpage import CHROMIUM_ARGS
from tests.webpage import TARGET
from tests.webpage import open_page
from tests.webpage import served_memory

HERE = Path(__file__).resolve().parent
WIDTH = 1000
MAX_HEIGHT = 1200


def show_suggestions(page: Any) -> None:
    english = " ".join(source for source, _ in SEED_PAIRS[:2])
    page.select_option("#target-lang", TARGET)
    page.fill("#suggest-text", english.replace("October 18", "October 19"))
    page.locator("#suggest-text").press("Enter")
    page.wait_for_selector(".suggestion")


def show_concordance(page: Any) -> None:
    page.keyboard.press("Alt+2")
    page.keyboard.type("Sainsbury")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hit")


def show_lint(page: Any) -> None:
    english, local = SEED_PAIRS[0]
    page.keyboard.press("Alt+3")
    page.fill("#lint-text", f"{english}\n\n{local.replace('18.10.', '19.10.')}")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".finding, #lint-status:has-text('No findings')")


VIEWS: dict[str, Callable[[Any], None]] = {
    "suggestions": show_suggestions,
    "concordance": show_concordance,
    "lint": show_lint,
}


def take(url: str, out: Path) -> list[Path]:
    """Write one PNG per view into ``out``; return their paths."""
    written = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        for name, show in VIEWS.items():
            context, page, errors = open_page(browser, url, requests, WIDTH)
            show(page)
            page.locator("main").focus()  # no focus ring from the last key press
            height = min(page.evaluate("document.body.scrollHeight"), MAX_HEIGHT)
            path = out / f"{name}.png"
            page.screenshot(
                path=str(path),
                clip={"x": 0, "y": 0, "width": WIDTH, "height": height},
                full_page=True,
            )
            context.close()
            if errors:
                raise RuntimeError(f"script errors on the {name} view: {errors}")
            written.append(path)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="use this running server instead of starting one")
    parser.add_argument("--out", type=Path, default=HERE, help="output directory")
    args = parser.parse_args()
    if args.url:
        paths = take(args.url.rstrip("/"), args.out)
    else:
        with tempfile.TemporaryDirectory() as tmp, served_memory(Path(tmp)) as url:
            paths = take(url, args.out)
    for path in paths:
        print(f"{path}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
