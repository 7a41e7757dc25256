"""The app factory, health and stats, and one JSON error body for every error."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tmserver.store import queries
from tmserver.units import TranslationUnit


def assert_canonical_error(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"ok", "status", "code", "error"}
    assert body["ok"] is False and body["status"] == status
    assert body["code"] and isinstance(body["error"], str)
    return body


def test_healthz_on_a_fresh_embedded_database(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"ok": True, "units": 0, "database": "sqlite"}


def test_stats_reports_pairs_and_origins(app: Flask, client: FlaskClient) -> None:
    with _session(app) as session:
        queries.add_units(
            session,
            [
                TranslationUnit("Hello.", "Zdravo.", "en", "bs", origin="a.txt"),
                TranslationUnit("Hello.", "Здраво.", "en", "sr-Cyrl", origin="b.txt"),
            ],
        )
    body = client.get("/api/v1/stats").get_json()
    assert body["total"] == 2
    assert [(p["target_lang"], p["units"]) for p in body["pairs"]] == [
        ("bs", 1),
        ("sr-Cyrl", 1),
    ]
    assert body["pairs"][1]["origins"][0]["origin"] == "b.txt"
    assert body["last_update"]


def _session(app: Flask):
    return app.extensions["tmserver"].session_factory.begin()


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/no/such/page", 404),
        ("POST", "/healthz", 405),
        ("DELETE", "/api/v1/stats", 405),
    ],
)
def test_routing_errors_use_the_json_body(
    client: FlaskClient, method: str, path: str, status: int
) -> None:
    response = client.open(path, method=method)
    body = assert_canonical_error(response, status)
    if status == 405:
        assert "GET" in response.headers["Allow"]
    assert body["code"] in {"not_found", "method_not_allowed"}


def test_every_route_answers_unknown_methods_with_the_json_body(app: Flask) -> None:
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "<" in rule.rule:
            continue
        allowed = rule.methods or set()
        method = next(m for m in ("PATCH", "PUT", "DELETE") if m not in allowed)
        assert_canonical_error(client.open(rule.rule, method=method), 405)
