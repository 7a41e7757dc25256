"""The translators' page in a real headless Chromium against a real ``tmserver serve``.

The memory is a small TMX built here from real sentences: the founding announcement's
pairs (``tests.tmxdata.SEED_PAIRS``) and the first lines of NTREX-128 English → Bosnian
when the shared data is present. It is imported with ``tmserver import`` into an SQLite
file, then ``tmserver serve`` runs as a subprocess on 127.0.0.1; every request the page
makes is recorded and must stay on that host.

Needs Debian's ``chromium`` package (``/usr/bin/chromium``) and Playwright for Python;
Playwright's own browser download is never used.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import docx
import pytest
from translate.storage import xliff2

from tests.tmxdata import SEED_PAIRS
from tests.webpage import CHROMIUM
from tests.webpage import CHROMIUM_ARGS
from tests.webpage import NTREX
from tests.webpage import TARGET
from tests.webpage import open_page
from tests.webpage import served_memory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real ``tmserver serve`` with the small memory imported."""
    with served_memory(tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture()
def requests_seen() -> list[str]:
    return []


@pytest.fixture()
def page(browser, server, requests_seen) -> Iterator:
    """A desktop-sized page on ``/``; afterwards: no script error, no other host."""
    context, page, errors = open_page(browser, server, requests_seen, 1100)
    yield page
    context.close()
    assert errors == []
    assert requests_seen
    assert {urlsplit(u).hostname for u in requests_seen} == {"127.0.0.1"}


def _first_seed() -> tuple[str, str]:
    return SEED_PAIRS[0]


def test_typing_shows_suggestion_with_changed_number_and_copies(page):
    english, bosnian = _first_seed()
    query = english.replace("October 18", "October 19")
    page.select_option("#target-lang", TARGET)
    page.locator("#suggest-text").press_sequentially(query, delay=2)
    suggestion = page.locator(".suggestion").first
    suggestion.wait_for()
    assert re.fullmatch(r"\d{2,3}%", suggestion.locator(".badge").inner_text())
    assert "18" in suggestion.locator("del.diff-del.diff-num").first.inner_text()
    assert "19" in suggestion.locator("ins.diff-ins.diff-num").first.inner_text()
    assert suggestion.locator(".memory-target").get_attribute("lang") == "bs"
    target = suggestion.locator(".target-text").inner_text()
    assert "Sarajevu" in target
    assert "19" in suggestion.locator("mark.placeable").first.inner_text()
    assert "18" in suggestion.locator(".adapted-note").inner_text()
    assert "memory.tmx" in suggestion.locator(".origin").inner_text()
    suggestion.get_by_role("button", name=re.compile("Copy translation")).click()
    sync_api.expect(page.locator("#suggest-status")).to_contain_text("copied")
    assert page.evaluate("navigator.clipboard.readText()") == target


def test_unadapted_values_are_highlighted_in_the_target(page):
    english, _bosnian = _first_seed()
    # a time the memory lacks: the changed date cannot be substituted safely
    query = english.replace("October 18, 2018.", "October 19, 2018, at 10:30.")
    page.select_option("#target-lang", TARGET)
    page.fill("#suggest-text", query)
    page.locator("#suggest-text").press("Enter")
    suggestion = page.locator(".suggestion").first
    suggestion.wait_for()
    badge = int(suggestion.locator(".badge").inner_text().rstrip("%"))
    assert badge < 95
    assert "not adapted" in suggestion.locator(".flag-unadapted").inner_text()
    stale = suggestion.locator(".target-text mark.unadapted").first
    assert "18.10.2018" in stale.inner_text()
    note = suggestion.locator(".unadapted-note").inner_text()
    assert "October 19, 2018" in note and "October 18, 2018" in note
    # the stale value is told apart from an adapted one by more than colour
    styles = stale.evaluate("e => getComputedStyle(e).outlineStyle")
    assert styles == "solid"


def test_paragraph_is_split_into_sentences_each_with_suggestions(page):
    paragraph = " ".join(english for english, _ in SEED_PAIRS[:2])
    page.fill("#suggest-text", paragraph)
    page.locator("#suggest-text").press("Enter")
    page.wait_for_selector(".segment >> nth=1")
    assert page.locator(".segment").count() == 2
    assert page.locator(".segment .suggestion").count() >= 2
    assert "2 sentences" in page.locator("#suggest-status").inner_text()


DIFF_CASES = [
    (
        "held on 19 October",
        "held on 18 October",
        [("same", "held on"), ("del", "18"), ("ins", "19"), ("same", "October")],
    ),
    (
        "u Sarajevu 19.10.2018.",
        "u Sarajevu 18.10.2018.",
        [("same", "u Sarajevu"), ("del", "18.10.2018"), ("ins", "19.10.2018")]
        + [("same", ".")],
    ),
    (
        "IOM donated equipment.",
        "IOM Serbia donated equipment.",
        [("same", "IOM"), ("del", "Serbia"), ("same", "donated equipment.")],
    ),
    (
        "the Ministry",
        "The Ministry",
        [("del", "The"), ("ins", "the"), ("same", "Ministry")],
    ),
    ("A 1,000 people.", "A 1,000 people.", [("same", "A 1,000 people.")]),
    ("", "Only memory", [("del", "Only memory")]),
]


@pytest.fixture(scope="module")
def diff_page(browser, server) -> Iterator:
    """One page shared by the word-diff cases, which only call into diff.js."""
    context, page, errors = open_page(browser, server, [], 800)
    yield page
    context.close()
    assert errors == []


@pytest.mark.parametrize(("query", "memory", "expected"), DIFF_CASES)
def test_word_diff(diff_page, query, memory, expected):
    ops = diff_page.evaluate(
        """async ([q, m]) => {
            const diff = await import("/ui/static/diff.js");
            return diff.diffWords(q, m).map((op) => [op.type, op.text]);
        }""",
        [query, memory],
    )
    assert [tuple(op) for op in ops] == expected


def test_language_choice_is_remembered(page):
    page.select_option("#target-lang", "sr-Cyrl")
    page.reload()
    page.wait_for_selector("html[data-ready='true']")
    assert page.input_value("#target-lang") == "sr-Cyrl"


def test_concordance_highlights_hits_and_pages(page):
    if not NTREX.is_dir():
        pytest.skip(f"paging needs the NTREX lines from {NTREX}")
    page.keyboard.press("Alt+2")
    assert page.evaluate("document.activeElement.id") == "concordance-q"
    page.keyboard.type("police")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hit")
    marks = page.locator(".hit-source mark.hit-mark")
    assert marks.first.inner_text().lower() == "police"
    assert page.locator(".hit").count() == 10
    assert page.locator("#concordance-page").inner_text().startswith("Page 1 of ")
    page.click("#concordance-next")
    page.wait_for_selector("ol.hits[start='11']")
    assert page.locator("#concordance-page").inner_text().startswith("Page 2 of ")
    assert page.is_enabled("#concordance-prev")


def test_concordance_finds_local_language_words(page):
    page.keyboard.press("Alt+2")
    page.keyboard.type("Konferencija")
    page.keyboard.press("Enter")
    page.wait_for_selector(".hit-target mark.hit-mark")
    assert page.locator(".hit-target mark").first.inner_text() == "Konferencija"


def test_lint_shows_wrong_number_finding(page):
    english, bosnian = _first_seed()
    wrong = bosnian.replace("18.10.2018", "19.10.2018")
    page.keyboard.press("Alt+3")
    page.keyboard.type(f"{english}\n\n{wrong}")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".finding")
    findings = page.locator(".finding")
    texts = [findings.nth(i).inner_text() for i in range(findings.count())]
    assert any("19" in t and "error" in t for t in texts), texts
    assert "error" in page.locator("#lint-status").inner_text()


def test_lint_reads_an_uploaded_file(page):
    english, bosnian = _first_seed()
    release = f"{english}\n\n{bosnian.replace('18.10.2018', '19.10.2018')}\n"
    page.keyboard.press("Alt+3")
    page.set_input_files(
        "#lint-file",
        files=[
            {
                "name": "release.txt",
                "mimeType": "text/plain",
                "buffer": release.encode("utf-8"),
            }
        ],
    )
    page.wait_for_selector(".finding")
    assert page.input_value("#lint-text") == release
    assert "19" in page.locator(".finding").first.inner_text()


def test_memory_overview_lists_the_imported_pair(page):
    page.keyboard.press("Alt+4")
    page.wait_for_selector(".stats-table")
    caption = page.locator(".stats-table caption").first.inner_text()
    assert caption.startswith("English → Bosnian")
    assert "memory.tmx" in page.locator(".stats-table tbody").first.inner_text()


def _focused(page) -> str:
    return page.evaluate(
        "document.activeElement.id || document.activeElement.textContent"
    )


def test_keyboard_only_flow(page):
    page.keyboard.press("Tab")
    assert _focused(page) == "Skip to the current view"
    page.keyboard.press("/")
    assert _focused(page) == "suggest-text"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == (
        "solid"
    )
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == "tab-suggest"
    page.keyboard.press("ArrowRight")
    assert _focused(page) == "tab-concordance"
    assert page.is_visible("#view-concordance") and page.is_hidden("#view-suggest")
    page.keyboard.press("Alt+1")
    assert _focused(page) == "suggest-text"
    page.keyboard.type(_first_seed()[0])
    page.keyboard.press("Enter")
    page.wait_for_selector(".suggestion")
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(_focused(page))
    assert order == ["min-similarity", "Suggest", "Copy"]
    page.keyboard.press("Enter")
    sync_api.expect(page.locator("#suggest-status")).to_contain_text("copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator(".target-text").first.inner_text()


def _fill_view(page, view: str) -> None:
    """Show results in ``view`` (1-4) so their layout is measured too."""
    english, bosnian = _first_seed()
    page.keyboard.press(f"Alt+{view}")
    if view == "1":
        page.keyboard.type(english)
        page.keyboard.press("Enter")
        page.wait_for_selector(".suggestion")
    elif view == "2":
        page.keyboard.type("Konferencija")
        page.keyboard.press("Enter")
        page.wait_for_selector(".hit")
    elif view == "3":
        page.keyboard.type(f"{english}\n\n{bosnian.replace('18.10', '19.10')}")
        page.keyboard.press("Control+Enter")
        page.wait_for_selector(".finding")
    else:
        page.wait_for_selector(".stats-table")


def test_narrow_screen_has_no_horizontal_scrolling(browser, server, requests_seen):
    context, page, errors = open_page(browser, server, requests_seen, 375)
    try:
        for view in ("1", "2", "3", "4"):
            _fill_view(page, view)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"view {view} is {width}px wide"
    finally:
        context.close()
    assert errors == []
    assert {urlsplit(u).hostname for u in requests_seen} == {"127.0.0.1"}


def test_pretranslate_view_colours_levels_and_downloads_xliff(page, tmp_path):
    english, bosnian = _first_seed()
    changed = english.replace("October 18", "October 19")
    page.select_option("#target-lang", TARGET)
    page.keyboard.press("Alt+5")
    assert page.get_attribute("#tab-pretranslate", "aria-selected") == "true"
    page.fill(
        "#pretranslate-text",
        f"{english}\n\n{changed}\n\nZzyzx quorble flanged the wibbly sprocket.",
    )
    page.click("#pretranslate-form button[type=submit]")
    page.wait_for_selector("#pretranslate-results tr.segment")
    rows = page.query_selector_all("#pretranslate-results tr.segment")
    assert [r.get_attribute("data-level") for r in rows] == [
        "exact",
        "near-exact",
        "none",
    ]
    assert rows[0].query_selector(".target").inner_text() == bosnian
    colours = {
        r.get_attribute("data-level"): r.query_selector(".level-badge").evaluate(
            "node => getComputedStyle(node).backgroundColor"
        )
        for r in rows
    }
    assert len(set(colours.values())) == 3  # every level has its own colour
    assert "exact (100 %)" in page.inner_text("#pretranslate-summary")
    with page.expect_download() as download_info:
        page.click("#pretranslate-xliff")
    saved = tmp_path / "draft.xlf"
    download_info.value.save_as(saved)
    assert download_info.value.suggested_filename == f"release.{TARGET}.xlf"
    units = xliff2.Xliff2File(saved.read_bytes()).units
    assert units[0].target == bosnian
    with page.expect_download() as word_info:
        page.click("#pretranslate-docx")
    assert word_info.value.suggested_filename.endswith(".docx")


def test_pretranslate_view_takes_a_word_upload_and_gives_docx_back(page, tmp_path):
    english, bosnian = _first_seed()
    document = docx.Document()
    document.add_paragraph(english).runs[0].bold = True
    upload = tmp_path / "release.docx"
    document.save(upload)
    page.select_option("#target-lang", TARGET)
    page.click("#tab-pretranslate")
    page.set_input_files("#pretranslate-file", str(upload))
    page.click("#pretranslate-form button[type=submit]")
    page.wait_for_selector("#pretranslate-results tr.segment")
    row = page.query_selector("#pretranslate-results tr.segment")
    assert row.get_attribute("data-level") == "exact"
    with page.expect_download() as download_info:
        page.click("#pretranslate-docx")
    saved = tmp_path / "draft.docx"
    download_info.value.save_as(saved)
    translated = docx.Document(io.BytesIO(saved.read_bytes())).paragraphs[0]
    assert translated.text == bosnian
    assert translated.runs[0].bold
