"""Bodies and parameters an attacker or an unlucky client sends: always a 4xx with
the project's JSON error body, never a 500; what the write API accepts survives
export → import; a busy memory is a 503 with Retry-After."""

from __future__ import annotations

import dataclasses
import io
import json
import sqlite3
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck
from hypothesis import example
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.tmxdata import SEED_PAIRS
from tests.tmxdata import write_tmx
from tmserver.config import Settings
from tmserver.services.memory import export_memory
from tmserver.services.memory import import_stream
from tmserver.store import queries
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory
from tmserver.store.db import upgrade_schema
from tmserver.tmx.entries import DEFAULT_LIMITS
from tmserver.web import create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ENGLISH = "The office in Sarajevo employs 25 people."
LOCAL = "Ured u Sarajevu zapošljava 25 osoba."
JSON_POSTS = ["/api/v1/suggest", "/api/v1/lint", "/api/v1/en/hr/unit"]


def make_app(settings: Settings, **changes) -> Flask:
    config = dataclasses.replace(
        settings, api_token=TOKEN, match_refresh_seconds=0, **changes
    )
    return create_app(config)


@pytest.fixture
def writable(settings: Settings) -> FlaskClient:
    memories = Path(settings.memories_dir)
    write_tmx(memories / "seed.tmx", SEED_PAIRS)
    return make_app(settings).test_client()


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["code"], str) and body["error"]
    return body


@pytest.mark.parametrize("path", JSON_POSTS)
def test_deeply_nested_json_is_a_400(writable: FlaskClient, path: str) -> None:
    body = '{"text": ' + "[" * 1000 + "]" * 1000 + "}"
    response = writable.post(
        path, data=body, content_type="application/json", headers=AUTH
    )
    assert_json_error(response, 400)


@pytest.mark.parametrize("path", JSON_POSTS)
@pytest.mark.parametrize("field", ["text", "source", "target_lang"])
def test_an_escaped_lone_surrogate_is_a_400(
    writable: FlaskClient, path: str, field: str
) -> None:
    body = {"text": "Hello.", "source": "Hello.", "target": "Zdravo."}
    raw = json.dumps(body)[:-1] + f', "{field}": "\\ud800"}}'
    response = writable.post(
        path, data=raw, content_type="application/json", headers=AUTH
    )
    assert_json_error(response, 400)


@pytest.mark.parametrize("path", JSON_POSTS)
@pytest.mark.parametrize(
    "raw", [b"", b"null", b"[1]", b'"x"', b"{", b"\xff\xfe{}", b'{"a": NaN']
)
def test_bodies_that_are_not_a_json_object_are_a_400(
    writable: FlaskClient, path: str, raw: bytes
) -> None:
    response = writable.post(
        path, data=raw, content_type="application/json", headers=AUTH
    )
    assert_json_error(response, 400)


@pytest.mark.parametrize("value", ["no", "false", 0, 1, None, []])
def test_booleans_must_be_booleans(writable: FlaskClient, value: object) -> None:
    suggest = writable.post(
        "/api/v1/suggest",
        json={"target_lang": "hr", "text": "Hello.", "segment": value},
    )
    assert_json_error(suggest, 400)
    lint = writable.post(
        "/api/v1/lint",
        json={"source_text": ENGLISH, "target_text": LOCAL, "memory": value},
    )
    assert_json_error(lint, 400)


def test_lint_body_over_its_cap_is_a_json_413(settings: Settings) -> None:
    client = make_app(settings, max_lint_bytes=10_000).test_client()
    small = client.post(
        "/api/v1/lint", json={"source_text": ENGLISH, "target_text": LOCAL}
    )
    assert small.status_code == 200
    response = client.post(
        "/api/v1/lint",
        json={"source_text": ENGLISH * 200, "target_text": LOCAL * 200},
    )
    assert_json_error(response, 413)


def test_lint_with_more_segments_than_the_cap_is_a_413(settings: Settings) -> None:
    client = make_app(settings, max_lint_segments=5).test_client()
    response = client.post(
        "/api/v1/lint",
        json={
            "source_text": "\n\n".join([ENGLISH] * 10),
            "target_text": "\n\n".join([LOCAL] * 10),
        },
    )
    assert_json_error(response, 413)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/en/hr/unit", {"source": "Hello\x00.", "target": "Zdravo."}),
        ("/api/v1/en/hr/unit", {"source": "Hello.", "target": "Zdr\x07avo."}),
        ("/api/v1/en/hr/unit", {"source": "A.", "target": "B.", "context": "\x1b"}),
        ("/api/v1/en/en/unit", {"source": "Hello.", "target": "Hi."}),
        ("/api/v1/en-US/en-GB/unit", {"source": "Color.", "target": "Colour."}),
        ("/api/v1/xx/hr/unit", {"source": "Hello.", "target": "Zdravo."}),
        ("/api/v1/en/qqq/unit", {"source": "Hello.", "target": "Zdravo."}),
        ("/api/v1/en/hr/unit", {"source": "A.", "target": "B.", "origin": "o" * 1001}),
        ("/api/v1/en/hr/unit", {"source": "A.", "target": 5}),
        ("/api/v1/en/hr/unit", {"source": " ", "target": "B."}),
        ("/api/v1/en/hr/unit", {"source": "******", "target": "* * *"}),
        ("/api/v1/en/hr/unit", {"source": "Total:", "target": "42"}),
    ],
)
def test_the_write_api_refuses_what_export_cannot_reproduce(
    writable: FlaskClient, path: str, body: dict
) -> None:
    before = writable.get("/healthz").get_json()["units"]
    response = writable.post(path, json=body, headers=AUTH)
    language = path.split("/")[3:5]
    status = 404 if language != ["en", "hr"] else 400  # language: unsupported_language
    if all(isinstance(v, str) and v.strip() for v in body.values()) and not all(
        any(c.isalpha() for c in body[k]) for k in ("source", "target")
    ):
        status = 422  # well-formed, but no letter: no translation
    assert_json_error(response, status)
    assert writable.get("/healthz").get_json()["units"] == before


def test_an_upload_name_longer_than_an_origin_is_a_400(writable: FlaskClient) -> None:
    tmx = write_tmx(Path(writable.application.instance_path) / "u.tmx", SEED_PAIRS)
    response = writable.post(
        "/api/v1/import?name=" + "n" * 1000, data=tmx.read_bytes(), headers=AUTH
    )
    assert_json_error(response, 400)
    ok = writable.post(
        "/api/v1/import?name=" + "n" * 996, data=tmx.read_bytes(), headers=AUTH
    )
    assert ok.status_code == 200, ok.get_json()


def test_a_busy_memory_is_a_503_with_retry_after(settings: Settings) -> None:
    app = make_app(settings, db_lock_timeout=1)
    client = app.test_client()
    database = app.extensions["tmserver"].engine.url.database
    lock = sqlite3.connect(database, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    lock.execute("UPDATE memory_state SET counter = counter")
    try:
        response = client.post(
            "/api/v1/en/hr/unit", json={"source": "A.", "target": "B."}, headers=AUTH
        )
    finally:
        lock.rollback()
        lock.close()
    assert_json_error(response, 503)
    assert int(response.headers["Retry-After"]) > 0
    again = client.post(
        "/api/v1/en/hr/unit", json={"source": "A.", "target": "B."}, headers=AUTH
    )
    assert again.status_code == 201


def test_a_non_ascii_token_sent_as_utf8_authenticates(settings: Settings) -> None:
    token = "tajna-šifra"
    app = create_app(dataclasses.replace(settings, api_token=token))
    wire = "Bearer " + token.encode("utf-8").decode("latin-1")  # what WSGI hands over
    response = app.test_client().post(
        "/api/v1/en/hr/unit",
        json={"source": "A.", "target": "B."},
        headers={"Authorization": wire},
    )
    assert response.status_code == 201


# ------------------------------------------------------------ property: round trip

LANGS = st.sampled_from(
    ["en", "hr", "bs", "sr", "sr-Latn", "sr-Cyrl", "sr_latn", "cnr", "de", "hr-HR"]
)
ACCEPTED: list[bool] = []
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=40
)


@hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    slang=LANGS,
    tlang=LANGS,
    source=TEXT,
    target=TEXT,
    context=TEXT,
    origin=TEXT,
)
@example("en", "sr", "Hello.", "Здраво.", "", "")
@example("sr", "en", "  Lijep dan.\r\n", "A nice day.", "ctx\t1", "<o&rigin>")
@example("en", "hr", "<b>Bold</b> & co", " Podebljano ", "", "")
@example("hr-HR", "sr_latn", "Dobar dan", "Dobar dan", "", "x" * 1000)
def test_what_the_write_api_accepts_survives_export_and_import(
    tmp_path_factory: pytest.TempPathFactory,
    slang: str,
    tlang: str,
    source: str,
    target: str,
    context: str,
    origin: str,
) -> None:
    workdir = tmp_path_factory.mktemp("roundtrip")
    (workdir / "memories").mkdir()
    config = Settings(
        instance_dir=str(workdir / "instance"),
        memories_dir=str(workdir / "memories"),
        api_token=TOKEN,
    )
    app = create_app(config)
    body = {"source": source, "target": target, "context": context, "origin": origin}
    response = app.test_client().post(
        f"/api/v1/{slang}/{tlang}/unit", json=body, headers=AUTH
    )
    assert response.status_code in (200, 201, 400, 404, 422), response.get_data(True)
    refused = response.status_code >= 400
    assert response.get_json()["ok"] is not refused
    if refused:
        ACCEPTED.append(False)
        return
    ACCEPTED.append(True)
    factory = app.extensions["tmserver"].session_factory
    with factory() as session:
        stored = list(queries.iter_units(session))
        out = io.BytesIO()
        export_memory(session, out)
    app.extensions["tmserver"].engine.dispose()
    engine = make_engine(f"sqlite:///{workdir / 'again.db'}")
    upgrade_schema(engine)
    try:
        with make_session_factory(engine).begin() as session:
            import_stream(
                session, io.BytesIO(out.getvalue()), name="x", limits=DEFAULT_LIMITS
            )
        with make_session_factory(engine)() as session:
            again = list(queries.iter_units(session))
    finally:
        engine.dispose()
    assert again == stored


def test_the_round_trip_property_saw_accepted_writes() -> None:
    """The property above is not vacuous: its explicit examples are all accepted."""
    if not ACCEPTED:
        pytest.skip("run together with the round-trip property")
    assert sum(ACCEPTED) >= 4


# ------------------------------------------------------------ property: no 500s

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(
    [
        "text",
        "segments",
        "source",
        "target",
        "context",
        "origin",
        "source_lang",
        "target_lang",
        "segment",
        "memory",
        "format",
        "tmx",
        "source_text",
        "target_text",
        "min_similarity",
        "max_candidates",
    ]
)
BODIES = st.dictionaries(KEYS, JSON_VALUES, max_size=6)


@hypothesis_settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(path=st.sampled_from(JSON_POSTS), body=BODIES)
def test_json_endpoints_never_answer_500(
    writable: FlaskClient, path: str, body: dict
) -> None:
    response = writable.post(path, json=body, headers=AUTH)
    assert response.status_code < 500, response.get_data(as_text=True)
    payload = response.get_json()
    assert payload is not None
    if response.status_code >= 400:
        assert payload["ok"] is False and payload["status"] == response.status_code
