"""The write API: off by default, bearer token, atomic size-capped uploads."""

from __future__ import annotations

import dataclasses
import io

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tmserver.config import Settings
from tmserver.web import create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en"><seg>The border is open.</seg></tuv>
<tuv xml:lang="hr"><seg>Granica je otvorena.</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>The border is closed.</seg></tuv>
<tuv xml:lang="hr"><seg>Granica je zatvorena.</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def writable(settings: Settings) -> FlaskClient:
    config = dataclasses.replace(
        settings, api_token=TOKEN, match_refresh_seconds=0, max_upload_bytes=4096
    )
    app: Flask = create_app(config)
    return app.test_client()


def test_write_api_is_off_without_a_token(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/en/hr/unit", json={"source": "a", "target": "b"}, headers=AUTH
    )
    assert response.status_code == 404
    assert client.post("/api/v1/import", data=TMX, headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": "Basic x"},
    ],
)
def test_write_needs_the_bearer_token(writable: FlaskClient, headers: dict) -> None:
    response = writable.post(
        "/api/v1/en/hr/unit", json={"source": "a", "target": "b"}, headers=headers
    )
    assert (response.status_code, response.get_json()["code"]) == (401, "unauthorized")


def test_added_unit_is_suggested_and_reads_stay_open(writable: FlaskClient) -> None:
    response = writable.post(
        "/api/v1/en/sr_latn/unit",
        json={
            "source": "Welcome to Belgrade.",
            "target": "Dobrodošli u Beograd.",
            "context": "web",
        },
        headers=AUTH,
    )
    assert (response.status_code, response.get_json()) == (
        201,
        {"ok": True, "added": 1},
    )
    again = writable.post(
        "/api/v1/en/sr_latn/unit",
        json={
            "source": "Welcome to Belgrade.",
            "target": "Dobrodošli u Beograd.",
            "context": "web",
        },
        headers=AUTH,
    )
    assert again.get_json() == {"ok": True, "added": 0}
    body = writable.get("/tmserver/en/sr_latn/unit/Welcome%20to%20Belgrade!").get_json()
    assert [(s["target"], s["context"], s["origin"]) for s in body] == [
        ("Dobrodošli u Beograd.", "web", "api")
    ]
    cyrillic = writable.get(
        "/tmserver/en/sr_cyrl/unit/Welcome%20to%20Belgrade."
    ).get_json()
    assert cyrillic[0]["target"] == "Добродошли у Београд."


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"source": "a"},
        {"source": "", "target": "b"},
        {"source": 1, "target": "b"},
    ],
)
def test_bad_unit_bodies_are_400(writable: FlaskClient, body: object) -> None:
    response = writable.post("/api/v1/en/hr/unit", json=body, headers=AUTH)
    assert response.status_code == 400


@pytest.mark.parametrize("multipart", [False, True])
def test_tmx_upload_imports(writable: FlaskClient, multipart: bool) -> None:
    if multipart:
        data = {"file": (io.BytesIO(TMX.encode()), "border.tmx")}
        response = writable.post("/api/v1/import", data=data, headers=AUTH)
    else:
        response = writable.post("/api/v1/import", data=TMX.encode(), headers=AUTH)
    assert response.get_json() == {"ok": True, "read": 2, "added": 2}
    body = writable.get("/tmserver/en/hr/unit/The%20border%20is%20open.").get_json()
    assert body[0]["target"] == "Granica je otvorena."


def test_broken_upload_changes_nothing(writable: FlaskClient) -> None:
    broken = TMX.replace("</body></tmx>", "<tu><tuv xml:lang='en'><seg>x</tuv></tu>")
    response = writable.post("/api/v1/import", data=broken.encode(), headers=AUTH)
    assert response.status_code == 422
    stats = writable.get("/api/v1/stats").get_json()
    assert stats["total"] == 0


def test_oversized_upload_is_413(writable: FlaskClient) -> None:
    big = TMX.replace("The border is open.", "x" * 5000)
    response = writable.post("/api/v1/import", data=big.encode(), headers=AUTH)
    assert response.status_code == 413
    assert response.get_json()["ok"] is False
