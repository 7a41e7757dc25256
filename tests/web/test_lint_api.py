"""``POST /api/v1/lint`` on the real app."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.cli.test_lint import ANNOUNCEMENT
from tests.cli.test_lint import TMX
from tests.sarif import validate_sarif
from tmserver.config import Settings
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory
from tmserver.store.queries import add_units
from tmserver.units import TranslationUnit
from tmserver.web.db import get_session


def test_announcement_text(client: FlaskClient) -> None:
    broken = ANNOUNCEMENT.replace("zapošljava 25 osoba", "zapošljava 52 osobe")
    response = client.post("/api/v1/lint", json={"text": broken, "target_lang": "bs"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["ok"] is True and body["target_lang"] == "bs"
    (finding,) = [f for f in body["findings"] if f["check"] == "number-mismatch"]
    assert finding["severity"] == "error" and finding["source"].endswith("25 people.")
    assert body["summary"]["error"] >= 1
    assert set(finding) >= {
        "check",
        "severity",
        "message",
        "line",
        "segment",
        "source",
        "target",
        "span",
        "side",
        "memory_source",
        "memory_target",
    }


def test_source_and_target_texts(client: FlaskClient) -> None:
    english, local = ANNOUNCEMENT.split("IOM otvara ured")
    response = client.post(
        "/api/v1/lint",
        json={"source_text": english, "target_text": "IOM otvara ured" + local},
    )
    assert response.status_code == 200
    assert response.get_json()["summary"]["error"] == 0


def test_tmx_as_sarif(client: FlaskClient) -> None:
    tmx = TMX.format(first="Inflacija je porasla 3,5 posto.")
    response = client.post("/api/v1/lint", json={"tmx": tmx, "format": "sarif"})
    assert response.status_code == 200
    log = response.get_json()
    validate_sarif(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["TM-NUM-001"]


def test_served_memory_is_used(client: FlaskClient, settings: Settings) -> None:
    engine = make_engine(settings.resolved_database_url())
    with make_session_factory(engine).begin() as session:
        add_units(
            session,
            [
                TranslationUnit(
                    "Inflation rose 2.5 percent.",
                    "Inflacija je porasla 2,5 posto.",
                    "en",
                    "hr",
                )
            ],
        )
    engine.dispose()
    tmx = TMX.format(first="Stopa inflacije je 2,5 posto viša.")
    body = client.post("/api/v1/lint", json={"tmx": tmx}).get_json()
    (finding,) = [f for f in body["findings"] if f["check"] == "memory-mismatch"]
    assert finding["memory_target"] == "Inflacija je porasla 2,5 posto."
    body = client.post("/api/v1/lint", json={"tmx": tmx, "memory": False}).get_json()
    assert not [f for f in body["findings"] if f["check"] == "memory-mismatch"]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({}, 400, "invalid_request"),
        ({"text": "a", "tmx": "b"}, 400, "invalid_request"),
        ({"source_text": "only one side"}, 400, "invalid_request"),
        ({"text": ANNOUNCEMENT, "format": "xml"}, 400, "invalid_request"),
        ({"text": 5}, 400, "invalid_request"),
        ({"tmx": "<tmx><body>"}, 422, "bad_tmx"),
        ({"text": "   "}, 422, "bad_document"),
        ({"text": ANNOUNCEMENT, "target_lang": "!!"}, 404, "unsupported_language"),
    ],
)
def test_errors(client: FlaskClient, payload: dict, status: int, code: str) -> None:
    response = client.post("/api/v1/lint", json=payload)
    assert response.status_code == status
    assert response.get_json() == {
        "ok": False,
        "status": status,
        "code": code,
        "error": response.get_json()["error"],
    }


def test_tmx_tuv_without_seg_is_bad_tmx_with_its_line(client: FlaskClient) -> None:
    """Once an AttributeError (500); now the answer of any other malformed TMX."""
    tmx = TMX.format(first="x").replace(
        '<tuv xml:lang="hr"><seg>x</seg></tuv>', '<tuv xml:lang="hr"/>'
    )
    response = client.post("/api/v1/lint", json={"tmx": tmx})
    body = response.get_json()
    assert (response.status_code, body["code"]) == (422, "bad_tmx")
    assert body["error"].startswith("tmx:8: ")


def test_not_json(client: FlaskClient) -> None:
    response = client.post("/api/v1/lint", data="text", content_type="text/plain")
    assert response.status_code == 400


def test_endpoint_is_in_the_openapi_document(client: FlaskClient) -> None:
    document = client.get("/api/openapi.json").get_json()
    operation = document["paths"]["/api/v1/lint"]["post"]
    assert "422" in operation["responses"]
    assert (
        "findings"
        in (
            operation["responses"]["200"]["content"]["application/json"]["schema"][
                "properties"
            ]
        )
    )


def _store(settings: Settings, units: list[tuple[str, str]]) -> None:
    engine = make_engine(settings.resolved_database_url())
    with make_session_factory(engine).begin() as session:
        add_units(session, [TranslationUnit(s, t, "en", "hr") for s, t in units])
    engine.dispose()


def test_memory_findings_follow_writes_without_a_rebuild(
    app: Flask, client: FlaskClient, settings: Settings
) -> None:
    """Each request sees the memory as stored: the match index takes new units into
    its delta (no rebuild, no copy of the memory)."""
    term_tmx = TMX.replace(
        "Inflation rose 2.5 percent.", "The Ministry of Security opened the office."
    ).format(first="Ministarstvo bezbjednosti otvorilo je ured.")
    inflation_tmx = TMX.format(first="Stopa inflacije je 2,5 posto viša.")
    for tmx in (term_tmx, inflation_tmx):
        body = client.post("/api/v1/lint", json={"tmx": tmx}).get_json()
        assert not {"term-mismatch", "memory-mismatch"} & checks_of(body)
    matcher = app.extensions["tmserver_match"]
    with app.app_context():
        indexes = matcher.snapshot(get_session()).indexes
    _store(
        settings,
        [
            (f"The Ministry of Security {verb} the partners.", f"Ministarstvo {t}")
            for verb, t in (
                ("met", "sigurnosti sastalo se s partnerima."),
                ("thanked", "sigurnosti zahvalilo je partnerima."),
                ("invited", "sigurnosti pozvalo je partnere."),
            )
        ]
        + [("Inflation rose 2.5 percent.", "Inflacija je porasla 2,5 posto.")],
    )
    body = client.post("/api/v1/lint", json={"tmx": term_tmx}).get_json()
    assert "term-mismatch" in checks_of(body)
    body = client.post("/api/v1/lint", json={"tmx": inflation_tmx}).get_json()
    (finding,) = [f for f in body["findings"] if f["check"] == "memory-mismatch"]
    assert finding["memory_target"] == "Inflacija je porasla 2,5 posto."
    with app.app_context():
        snapshot = matcher.snapshot(get_session())
    assert snapshot.indexes is indexes and len(snapshot.delta) == 4


def checks_of(body: dict) -> set[str]:
    """The check ids of a JSON lint report."""
    return {f["check"] for f in body["findings"]}
