"""The read API over a real SQLite memory through the real Flask app."""

from __future__ import annotations

import dataclasses
from pathlib import Path
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


def _fill(app: Flask) -> None:
    with app_state_of(app).session_factory.begin() as session:
        queries.add_units(session, units())


def app_state_of(app: Flask):  # noqa: ANN201
    with app.app_context():
        return app_state()


@pytest.fixture
def memory_app(settings: Settings) -> Flask:
    app = create_app(dataclasses.replace(settings, match_refresh_seconds=0))
    app.testing = True
    _fill(app)
    return app


@pytest.fixture
def api(memory_app: Flask) -> FlaskClient:
    return memory_app.test_client()


def _unit(api: FlaskClient, slang: str, tlang: str, text: str, query: str = ""):  # noqa: ANN202
    return api.get(f"/tmserver/{slang}/{tlang}/unit/{quote(text, safe='')}{query}")


@pytest.mark.parametrize("prefix", ["/tmserver", "/api/v1"])
def test_amagama_computer_example(api: FlaskClient, prefix: str) -> None:
    response = api.get(f"{prefix}/en/hr/unit/Computer")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert "max-age" in response.headers["Cache-Control"]
    body = response.get_json()
    assert [(s["target"], round(s["quality"], 2)) for s in body] == [
        ("Računalo", 100.0),
        ("Računala", 88.89),
        ("Moje računalo", 72.73),
    ]
    assert set(body[0]) >= {"source", "target", "quality", "rank", "raw_quality"}
    assert "Računalo" in response.get_data(as_text=True)  # ensure_ascii=False


def test_source_query_form_equals_path_form(api: FlaskClient) -> None:
    text = "The office is closed on Monday!"
    by_path = _unit(api, "en", "hr", text).get_json()
    by_query = api.get(f"/api/v1/en/hr/unit/?source={quote(text)}").get_json()
    assert by_path == by_query
    assert by_path[0]["target"] == "Ured je zatvoren u ponedjeljak."


def test_identical_suggestions_merge_newest_origin_first(api: FlaskClient) -> None:
    body = _unit(api, "en", "hr", "The office is closed on Monday.").get_json()
    assert body[0]["origins"] == ["b.tmx", "a.tmx"]
    assert body[0]["quality"] == 100.0
    assert [s["target"] for s in body] == [
        "Ured je zatvoren u ponedjeljak.",
        "Ured je zatvoren u utorak.",
    ]


def test_placeables_are_substituted_in_target_conventions(api: FlaskClient) -> None:
    text = "On March 3, 2021, IOM helped 3.7 million people."
    hr = _unit(api, "en", "hr", text).get_json()[0]
    assert hr["target"] == "Dana 3. ožujka 2021. IOM je pomogao 3,7 milijuna ljudi."
    assert hr["substituted"] is True
    assert hr["raw_quality"] < hr["quality"] < 100
    assert {s["kind"] for s in hr["substitutions"]} == {"date", "number"}
    bs = _unit(api, "en", "bs", text).get_json()[0]
    assert bs["target"] == "Dana 3. marta 2021. IOM je pomogao 3,7 miliona ljudi."


@pytest.mark.parametrize(
    ("tlang", "target", "transliterated"),
    [
        ("sr_cyrl", "Канцеларија је затворена у понедељак.", False),
        ("sr_latn", "Kancelarija je zatvorena u ponedeljak.", True),
        ("sr@latin", "Kancelarija je zatvorena u ponedeljak.", True),
        ("sr", "Канцеларија је затворена у понедељак.", False),
    ],
)
def test_serbian_scripts_served_through_transliteration(
    api: FlaskClient, tlang: str, target: str, transliterated: bool
) -> None:
    body = _unit(api, "en", tlang, "The office is closed on Monday.").get_json()
    assert (body[0]["target"], body[0]["transliterated"]) == (target, transliterated)


def test_no_match_is_an_empty_list(api: FlaskClient) -> None:
    response = _unit(api, "en", "hr", "Completely unrelated words about whales.")
    assert (response.status_code, response.get_json()) == (200, [])
    assert _unit(api, "en", "de", "Computer").get_json() == []


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/tmserver/xx/hr/unit/Computer", 404, "unsupported_language"),
        ("/tmserver/not a tag!/hr/unit/Computer", 404, "unsupported_language"),
        ("/tmserver/en/en/unit/Computer", 404, "unsupported_language"),
        ("/tmserver/en/hr/unit/", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/?source=", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/Computer?min_similarity=29", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/Computer?min_similarity=101", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/Computer?min_similarity=abc", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/Computer?max_candidates=0", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/Computer?max_candidates=51", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/Computer?max_candidates=2.5", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/Computer?max_candidates=1e309", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/%FF%FE", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/?source=%FF", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/a%00b", 400, "invalid_request"),
        ("/tmserver/en/hr/unit/" + "x" * 2001, 413, "payload_too_large"),
        ("/api/v1/en/hr/concordance", 400, "invalid_request"),
        ("/api/v1/en/hr/concordance?q=office&side=up", 400, "invalid_request"),
        ("/api/v1/en/hr/concordance?q=office&per_page=1000", 400, "invalid_request"),
    ],
)
def test_bad_input_is_a_json_4xx(
    api: FlaskClient, url: str, status: int, code: str
) -> None:
    response = api.get(url)
    assert response.status_code == status
    assert response.get_json() == {
        "ok": False,
        "status": status,
        "code": code,
        "error": response.get_json()["error"],
    }


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ("", 3),
        ("?max_candidates=1", 1),
        ("?min_similarity=80", 2),
        ("?min_similarity=30&max_candidates=50", 3),
    ],
)
def test_parameters_shape_the_list(api: FlaskClient, params: str, count: int) -> None:
    assert len(api.get(f"/tmserver/en/hr/unit/Computer{params}").get_json()) == count


def test_jsonp_callback(api: FlaskClient) -> None:
    response = api.get("/tmserver/en/hr/unit/Computer?jsoncallback=_jsonp12")
    assert response.get_data(as_text=True).startswith("_jsonp12([")
    evil = api.get("/tmserver/en/hr/unit/Computer?jsoncallback=alert(1)")
    assert evil.get_data(as_text=True).startswith("[")


def test_languages_lists_weblate_wire_codes(api: FlaskClient) -> None:
    for prefix in ("/tmserver", "/api/v1"):
        body = api.get(f"{prefix}/languages/").get_json()
        assert body == {
            "sourceLanguages": ["en"],
            "targetLanguages": ["bs", "hr", "sr", "sr_cyrl", "sr_latn"],
        }


def test_suggest_segments_a_paragraph(api: FlaskClient) -> None:
    text = "The office is closed on Monday. Computers"
    response = api.post(
        "/api/v1/suggest",
        json={
            "source_lang": "en",
            "target_lang": "hr",
            "text": text,
            "max_candidates": 1,
        },
    )
    segments = response.get_json()["segments"]
    assert [(s["source"], s["start"], s["end"]) for s in segments] == [
        ("The office is closed on Monday.", 0, 31),
        ("Computers", 32, 41),
    ]
    assert [s["suggestions"][0]["target"] for s in segments] == [
        "Ured je zatvoren u ponedjeljak.",
        "Računala",
    ]


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"source_lang": "en", "target_lang": "hr"},
        {"source_lang": "en", "target_lang": "hr", "segments": [1, 2]},
        {"source_lang": "en", "target_lang": "hr", "segments": ["a"] * 201},
        {"source_lang": "en", "target_lang": "hr", "text": "x", "min_similarity": 5},
    ],
)
def test_suggest_rejects_bad_bodies(api: FlaskClient, body: object) -> None:
    response = api.post("/api/v1/suggest", json=body)
    assert 400 <= response.status_code < 500
    assert response.get_json()["ok"] is False


def test_suggest_takes_explicit_segments(api: FlaskClient) -> None:
    response = api.post(
        "/api/v1/suggest",
        json={
            "source_lang": "en",
            "target_lang": "bs",
            "segments": ["Computer", "Monday"],
        },
    )
    segments = response.get_json()["segments"]
    assert [len(s["suggestions"]) for s in segments] == [0, 0]


def test_concordance_finds_words_with_spans(api: FlaskClient) -> None:
    body = api.get("/api/v1/en/hr/concordance?q=office%20monday").get_json()
    assert body["total"] == 2  # two origins of the same pair are two stored units
    first = body["results"][0]
    assert first["source"] == "The office is closed on Monday."
    assert first["source_spans"] == [[4, 10], [24, 30]]
    target = api.get("/api/v1/en/hr/concordance?q=utorak&side=target").get_json()
    assert [(r["target"], r["target_spans"]) for r in target["results"]] == [
        ("Ured je zatvoren u utorak.", [[19, 25]])
    ]
    phrase = api.get('/api/v1/en/hr/concordance?q="my computer"').get_json()
    assert [r["source_spans"] for r in phrase["results"]] == [[[0, 11]]]


def test_openapi_describes_every_route(memory_app: Flask) -> None:
    document = memory_app.test_client().get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    described = set(document["paths"])
    for rule in memory_app.url_map.iter_rules():
        if rule.endpoint.endswith("static"):
            continue
        path = rule.rule.replace("<path:text>", "{text}")
        for name in ("slang", "tlang"):
            path = path.replace(f"<{name}>", "{" + name + "}")
        assert path in described, path


def test_writes_by_another_process_show_up(memory_app: Flask, tmp_path: Path) -> None:
    api = memory_app.test_client()
    assert api.get("/tmserver/en/hr/unit/Good%20evening").get_json() == []
    other = create_app(app_state_of(memory_app).settings)  # a second process
    with app_state_of(other).session_factory.begin() as session:
        queries.add_units(
            session,
            [
                dataclasses.replace(
                    units()[0], source="Good evening", target="Dobra večer"
                )
            ],
        )
    body = api.get("/tmserver/en/hr/unit/Good%20evening").get_json()
    assert [s["target"] for s in body] == ["Dobra večer"]


@pytest.fixture
def penalised(settings: Settings) -> FlaskClient:
    config = dataclasses.replace(
        settings,
        match_refresh_seconds=0,
        match_context_penalty=5,
        match_age_penalty_per_year=1,
    )
    app = create_app(config)
    with app_state_of(app).session_factory.begin() as session:
        queries.add_units(
            session,
            [
                dataclasses.replace(u, context="menu") if u.origin == "b.tmx" else u
                for u in units()
            ],
        )
    return app.test_client()


def test_context_and_age_penalties_lower_the_adjusted_quality(
    penalised: FlaskClient,
) -> None:
    url = "/tmserver/en/hr/unit/The%20office%20is%20closed%20on%20Monday."
    plain = penalised.get(url).get_json()
    other_context = penalised.get(url + "?context=title").get_json()
    assert plain[0]["raw_quality"] == 100.0
    assert plain[0]["quality"] < 100.0  # the units are years old
    assert other_context[0]["quality"] <= plain[0]["quality"]
    assert {s["context"] for s in other_context} >= {"menu"}
    menu = [s for s in other_context if s["context"] == "menu"][0]
    same = [s for s in plain if s["context"] == "menu"][0]
    assert menu["quality"] == pytest.approx(same["quality"] - 5)


def test_postgresql_serves_the_same_suggestions(
    postgres_url: str, settings: Settings
) -> None:
    from tmserver.store.db import make_engine
    from tmserver.store.db import upgrade_schema

    engine = make_engine(postgres_url)
    upgrade_schema(engine)
    engine.dispose()
    config = dataclasses.replace(
        settings, database_url=postgres_url, match_refresh_seconds=0
    )
    app = create_app(config)
    try:
        _fill(app)
        api = app.test_client()
        body = api.get("/tmserver/en/hr/unit/Computer").get_json()
        assert [s["target"] for s in body] == ["Računalo", "Računala", "Moje računalo"]
        found = api.get("/api/v1/en/hr/concordance?q=OFFICE").get_json()
        assert found["total"] == 3
        languages = api.get("/tmserver/languages/").get_json()
        assert languages["sourceLanguages"] == ["en"]
    finally:
        app_state_of(app).engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "/tmserver/en/hr/unit/%",
        "/tmserver/en/hr/unit/%ZZ%",
        "/tmserver/%ZZ/hr/unit/x",
        "/tmserver/en/%C3/unit/x",
        "/tmserver/en/hr/unit/x?min_similarity=nan",
        "/tmserver/en/hr/unit/x?min_similarity=inf",
        "/tmserver/en/hr/unit/x?max_candidates=-1",
        "/tmserver/en/hr/unit/x?source=%FF&min_similarity=%FF",
        "/tmserver/en/hr/unit/%20",
        "/tmserver/en/hr/unit/..%2F..%2Fetc%2Fpasswd",
        "/tmserver/en/hr/unit/" + "%F0%9F%98%80" * 100,
        "/tmserver/en/sr_Qaaa/unit/x",
        "/tmserver/" + "e" * 300 + "/hr/unit/x",
        "/api/v1/en/hr/concordance?q=%25%5F%5C",
        "/api/v1/en/hr/concordance?q=x&page=0",
        "/api/v1/xx/hr/concordance?q=x",
    ],
)
def test_odd_input_never_causes_a_server_error(api: FlaskClient, url: str) -> None:
    response = api.get(url)
    assert response.status_code < 500
    assert response.is_json


@pytest.mark.parametrize(
    "data",
    [b"", b"not json", b'{"text": 5}', b'{"source_lang": [], "target_lang": "hr"}'],
)
def test_odd_suggest_bodies_never_cause_a_server_error(
    api: FlaskClient, data: bytes
) -> None:
    response = api.post(
        "/api/v1/suggest", data=data, headers={"Content-Type": "application/json"}
    )
    assert 400 <= response.status_code < 500


def test_placeable_variant_below_the_raw_threshold_is_found(
    memory_app: Flask,
) -> None:
    with app_state_of(memory_app).session_factory.begin() as session:
        queries.add_units(
            session,
            [
                dataclasses.replace(
                    units()[0],
                    source="Closed on May 2, 2017.",
                    target="Zatvoreno 2. svibnja 2017.",
                )
            ],
        )
    api = memory_app.test_client()
    body = api.get("/tmserver/en/hr/unit/Closed%20on%20September%2028%2C%202019.")
    best = body.get_json()[0]
    assert best["raw_quality"] < 70 <= best["quality"]
    assert best["target"] == "Zatvoreno 28. rujna 2019."
    plain = api.get(
        "/tmserver/en/hr/unit/Closed%20on%20September%2028%2C%202019.?min_similarity=70"
    ).get_json()
    assert plain == body.get_json()


def test_unadapted_values_are_listed_on_the_wire(api: FlaskClient) -> None:
    # the memory says 2.5 million on October 18, 2018; the query adds a time the
    # memory lacks: nothing can be substituted safely, so the date is listed
    text = "On October 19, 2018, at 10:30, IOM helped 2.5 million people."
    body = _unit(api, "en", "hr", text).get_json()
    top = body[0]
    assert top["source"] == "On October 18, 2018, IOM helped 2.5 million people."
    assert not top["substituted"]
    kinds = {u["kind"] for u in top["unadapted"]}
    assert {"date", "time"} <= kinds
    date = next(u for u in top["unadapted"] if u["kind"] == "date")
    assert date["query"] == "October 19, 2018"
    assert date["memory"] == "October 18, 2018"
    assert date["target"] in top["target"]
    assert top["quality"] < 95 <= top["raw_quality"] or top["quality"] < 95


def test_one_entry_per_source_with_its_other_translations(
    settings: Settings,
) -> None:
    app = create_app(dataclasses.replace(settings, match_refresh_seconds=0))
    app.testing = True
    rows = [("Good morning.", "Dobro jutro."), ("Good morning.", "Dobro jutro!")]
    rows += [(f"Good morning {n}.", f"Dobro jutro {n}.") for n in "ABCD"]
    with app_state_of(app).session_factory.begin() as session:
        queries.add_units(
            session,
            [
                TranslationUnit(source=s, target=t, source_lang="en", target_lang="hr")
                for s, t in rows
            ],
        )
    api = app.test_client()
    body = _unit(api, "en", "hr", "Good morning.", "?max_candidates=5").get_json()
    sources = [item["source"] for item in body]
    assert sources[0] == "Good morning."
    # five distinct sources qualify for five slots: each shown once
    assert len(sources) == len(set(sources)) == 5
    assert [a["target"] for a in body[0]["alternatives"]] in (
        ["Dobro jutro!"],
        ["Dobro jutro."],
    )
    # with spare slots the second translation is an entry of its own
    body = _unit(api, "en", "hr", "Good morning.", "?max_candidates=10").get_json()
    assert [i["target"] for i in body if i["source"] == "Good morning."] in (
        ["Dobro jutro.", "Dobro jutro!"],
        ["Dobro jutro!", "Dobro jutro."],
    )
