"""Replays Weblate's ``tmserver`` machinery client against the real app.

The client below follows ``weblate/machinery/tmserver.py`` (Weblate's own
source) step by step: base URL with the trailing slash stripped, every
path part quoted with ``safe=""``, text cut to 500 characters with ``\\r`` replaced,
``/languages/`` read for the supported pairs with its fallback chain (``sr_latn`` →
``sr``), ``int(quality)`` and the threshold filter. If any of this breaks, Weblate
users lose their suggestions.
"""

from __future__ import annotations

import dataclasses
from itertools import product
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.matchdata import units
from tmserver.config import Settings
from tmserver.store import queries
from tmserver.units import TranslationUnit
from tmserver.web import create_app
from tmserver.web.db import app_state


class WeblateTMServerClient:
    """What Weblate's TMServerTranslation does over HTTP, nothing more."""

    def __init__(self, client: FlaskClient, url: str) -> None:
        self.client = client
        self.api_base_url = url.rstrip("/")
        self.headers = {"Accept": "application/json; charset=utf-8", "Referer": "x"}

    def get_api_url(self, *parts: str) -> str:
        return "/".join([self.api_base_url, *(quote(p, safe="") for p in parts)])

    @staticmethod
    def map_language_code(code: str) -> str:
        return code.removesuffix("_devel").replace("-", "_").lower()

    def supported_languages(self) -> list[tuple[str, str]]:
        response = self.client.get(
            self.get_api_url("languages", ""), headers=self.headers
        )
        if response.status_code == 404:
            return []
        payload = response.get_json()
        return list(product(payload["sourceLanguages"], payload["targetLanguages"]))

    @staticmethod
    def language_possibilities(code: str) -> list[str]:
        parts = code.split("_")
        return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]

    def resolve(self, source: str, target: str) -> tuple[str, str] | None:
        supported = self.supported_languages()
        for src in self.language_possibilities(self.map_language_code(source)):
            for tgt in self.language_possibilities(self.map_language_code(target)):
                if src == tgt:
                    continue
                if not supported or (src, tgt) in supported:
                    return src, tgt
        return None

    def download_translations(
        self, source: str, target: str, text: str, threshold: int = 75
    ) -> list[dict]:
        pair = self.resolve(source, target)
        assert pair is not None, f"{source}->{target} not supported"
        cut = text[:500].replace("\r", " ").encode()
        url = self.get_api_url(pair[0], pair[1], "unit", cut.decode())
        response = self.client.get(url, headers=self.headers)
        assert response.status_code == 200, response.get_data(as_text=True)
        results = []
        for line in response.get_json():
            quality = int(line["quality"])
            if quality < threshold:
                continue
            results.append(
                {"text": line["target"], "quality": quality, "source": line["source"]}
            )
        return results


@pytest.fixture
def weblate_app(settings: Settings) -> Flask:
    app = create_app(dataclasses.replace(settings, match_refresh_seconds=0))
    with app.app_context():
        factory = app_state().session_factory
    extra = [
        TranslationUnit(
            source="Open /etc/hosts? 100% sure & #1",
            target="Otvori /etc/hosts? 100 % sigurno & #1",
            source_lang="en",
            target_lang="hr",
        ),
        TranslationUnit(
            source="x" * 600, target="y" * 600, source_lang="en", target_lang="hr"
        ),
    ]
    with factory.begin() as session:
        queries.add_units(session, units() + extra)
    return app


@pytest.mark.parametrize("base", ["/tmserver/", "/api/v1/", "/api/v1"])
@pytest.mark.parametrize(
    ("weblate_target", "expected"),
    [
        ("hr", "Ured je zatvoren u ponedjeljak."),
        ("bs", "Kancelarija je zatvorena u ponedjeljak."),
        ("sr", "Канцеларија је затворена у понедељак."),
        ("sr_Latn", "Kancelarija je zatvorena u ponedeljak."),
        ("sr_Cyrl", "Канцеларија је затворена у понедељак."),
        ("hr_HR", "Ured je zatvoren u ponedjeljak."),
    ],
)
def test_weblate_gets_suggestions(
    weblate_app: Flask, base: str, weblate_target: str, expected: str
) -> None:
    client = WeblateTMServerClient(weblate_app.test_client(), base)
    found = client.download_translations(
        "en", weblate_target, "The office is closed on Monday."
    )
    assert found[0] == {
        "text": expected,
        "quality": 100,
        "source": "The office is closed on Monday.",
    }


def test_weblate_resolves_script_codes_to_served_pairs(weblate_app: Flask) -> None:
    client = WeblateTMServerClient(weblate_app.test_client(), "/tmserver/")
    assert client.resolve("en", "sr_Latn") == ("en", "sr_latn")
    assert client.resolve("en_devel", "hr") == ("en", "hr")
    assert client.resolve("en", "de") is None


@pytest.mark.parametrize(
    "text",
    [
        "Open /etc/hosts? 100% sure & #1",  # '/', '?', '%', '&', '#' all quoted
        "Open /etc/hosts?\r100% sure & #1",  # \r becomes a space
    ],
)
def test_weblate_quoting_round_trips_special_characters(
    weblate_app: Flask, text: str
) -> None:
    client = WeblateTMServerClient(weblate_app.test_client(), "/tmserver/")
    found = client.download_translations("en", "hr", text)
    assert found[0]["text"] == "Otvori /etc/hosts? 100 % sigurno & #1"
    assert found[0]["quality"] >= 96


def test_weblate_truncation_to_500_characters_still_matches(weblate_app: Flask) -> None:
    client = WeblateTMServerClient(weblate_app.test_client(), "/tmserver/")
    found = client.download_translations("en", "hr", "x" * 600, threshold=80)
    assert found[0]["source"] == "x" * 600
    assert found[0]["quality"] == 83  # int(100 * 500 / 600) floors 83.33


def test_weblate_threshold_and_int_quality(weblate_app: Flask) -> None:
    client = WeblateTMServerClient(weblate_app.test_client(), "/tmserver/")
    found = client.download_translations("en", "hr", "Computer", threshold=80)
    assert [(r["text"], r["quality"]) for r in found] == [
        ("Računalo", 100),
        ("Računala", 88),
    ]
