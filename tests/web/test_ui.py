"""The translators' page at ``/``: markup, accessibility basics and self-containment.

These tests render the page through a real Flask app and read the served HTML, CSS and
JavaScript; what the page does in a browser is tested in ``test_web_browser.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from lxml import html as lxml_html

from tmserver.text.lang import normalise_tag
from tmserver.web import ui

STATIC_DIR = Path(ui.__file__).parent / "static"
MIN_CONTRAST = 4.5


@pytest.fixture()
def page_client(client: FlaskClient) -> FlaskClient:
    """The real app (``create_app``), which registers the page's blueprint."""
    return client


@pytest.fixture()
def page(page_client: FlaskClient):
    response = page_client.get("/")
    assert response.status_code == 200
    return lxml_html.fromstring(response.get_data(as_text=True))


def test_page_is_html_with_a_strict_content_security_policy(page_client):
    response = page_client.get("/")
    assert response.mimetype == "text/html"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("landmark", ["header", "nav", "main", "footer"])
def test_page_has_landmark(page, landmark):
    assert len(page.xpath(f"//{landmark}")) >= 1


def test_every_tab_controls_an_existing_panel(page):
    tabs = page.xpath("//*[@role='tab']")
    assert [t.get("aria-controls") for t in tabs] == [
        "view-suggest",
        "view-concordance",
        "view-lint",
        "view-stats",
        "view-pretranslate",
    ]
    for tab in tabs:
        panel = page.get_element_by_id(tab.get("aria-controls"))
        assert panel.get("role") == "tabpanel"
        assert panel.get("aria-labelledby") == tab.get("id")
    selected = [t for t in tabs if t.get("aria-selected") == "true"]
    assert len(selected) == 1


def test_every_form_control_has_a_label(page):
    labelled = {label.get("for") for label in page.xpath("//label[@for]")}
    controls = page.xpath("//input | //select | //textarea")
    assert controls
    missing = [
        c.get("id") or c.tag
        for c in controls
        if c.get("id") not in labelled and not c.get("aria-label")
    ]
    assert missing == []


def test_every_button_has_a_name(page):
    nameless = [
        b
        for b in page.xpath("//button")
        if not (b.text_content().strip() or b.get("aria-label"))
    ]
    assert nameless == []


def test_results_are_announced_to_screen_readers(page):
    live = {node.get("id") for node in page.xpath("//*[@aria-live='polite']")}
    assert {
        "suggest-status",
        "concordance-status",
        "lint-status",
        "stats-status",
    } <= live


def test_shortcuts_are_shown_on_the_page(page):
    footer = page.xpath("//footer")[0].text_content()
    for shortcut in ("Alt+1", "Alt+5", "/", "Ctrl+Enter"):
        assert shortcut in footer


def test_language_menu_offers_the_four_targets_in_canonical_form(page):
    values = page.xpath("//select[@id='target-lang']/option/@value")
    assert values == ["bs", "hr", "sr-Latn", "sr-Cyrl"]
    assert [normalise_tag(v) for v in values] == values


def test_page_and_assets_reference_no_other_host(page_client, page):
    urls = page.xpath("//@src | //@href | //@action")
    assert urls
    assert [u for u in urls if re.match(r"^(?:[a-z]+:)?//", u)] == []
    for path in STATIC_DIR.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://|@import|url\(", text), path.name


def test_every_referenced_asset_is_served(page_client, page):
    assets = page.xpath("//script/@src | //link[@rel='stylesheet']/@href")
    assert page.xpath("//script/@type") == ["module"]
    assert len(assets) == 2
    for url in assets:
        with page_client.get(url) as response:
            assert response.status_code == 200, url
            assert len(response.data) > 100


@pytest.mark.parametrize("script", sorted(p.name for p in STATIC_DIR.glob("*.js")))
def test_script_imports_resolve_to_served_modules(page_client, script):
    text = (STATIC_DIR / script).read_text(encoding="utf-8")
    for name in re.findall(r'from "\./([\w.-]+)"', text):
        with page_client.get(f"/ui/static/{name}") as response:
            assert response.status_code == 200, name
            assert "javascript" in response.mimetype


def test_every_script_is_reachable_from_the_entry_module():
    reachable, todo = set(), ["ui.js"]
    while todo:
        name = todo.pop()
        if name not in reachable:
            reachable.add(name)
            text = (STATIC_DIR / name).read_text(encoding="utf-8")
            todo += re.findall(r'from "\./([\w.-]+)"', text)
    assert reachable == {p.name for p in STATIC_DIR.glob("*.js")}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("fg", "bg", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),
    ],
)
def test_contrast_formula(fg, bg, expected):
    assert contrast(fg, bg) == pytest.approx(expected, abs=0.01)


def _colour_pairs() -> list[tuple[str, str, str]]:
    css = (STATIC_DIR / "ui.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z]+-(?:fg|bg)):\s*(#[0-9a-f]{6})", css))
    names = sorted({key[:-3] for key in colours})
    return [(n, colours[f"{n}-fg"], colours[f"{n}-bg"]) for n in names]


def test_css_declares_colour_pairs():
    pairs = _colour_pairs()
    assert len(pairs) >= 15


@pytest.mark.parametrize(("name", "fg", "bg"), _colour_pairs())
def test_colour_pair_meets_contrast_minimum(name, fg, bg):
    assert contrast(fg, bg) >= MIN_CONTRAST, name
