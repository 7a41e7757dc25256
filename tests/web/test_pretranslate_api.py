"""``POST /api/v1/pretranslate`` and reviewed files through the write API."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import docx
import pytest
from flask.testing import FlaskClient
from translate.storage import xliff2 as toolkit_xliff2

from tests.tmxdata import SEED_PAIRS
from tests.tmxdata import write_tmx
from tmserver.config import Settings
from tmserver.web import create_app

TOKEN = "review-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ENGLISH, BOSNIAN = SEED_PAIRS[0]


@pytest.fixture
def api(settings: Settings) -> FlaskClient:
    """The real app on a memories directory holding the seed pairs (Bosnian)."""
    write_tmx(Path(settings.memories_dir) / "seed.tmx", SEED_PAIRS, lang="bs")
    config = dataclasses.replace(settings, api_token=TOKEN, match_refresh_seconds=0)
    return create_app(config).test_client()


def test_json_answer_has_levels_adaptations_and_summary(api: FlaskClient) -> None:
    changed = ENGLISH.replace("October 18", "October 19")
    text = f"{ENGLISH}\n\n{changed}\n\nNothing in the memory looks like this line."
    response = api.post(
        "/api/v1/pretranslate", json={"text": text, "target_lang": "bs"}
    )
    assert response.status_code == 200
    body = response.get_json()
    levels = [s["level"] for s in body["segments"]]
    assert levels == ["exact", "near-exact", "none"]
    assert body["segments"][0]["target"] == BOSNIAN
    adapted = body["segments"][1]["adapted"]
    assert adapted and "19" in adapted[0]["new"]
    assert body["segments"][2]["target"] == ""
    summary = body["summary"]
    assert summary["levels"]["exact"]["sentences"] == 1
    assert summary["values_adapted"] == len(adapted)
    assert 0 < summary["words_saved"] < summary["words"]


def test_copy_source_fills_unmatched_targets(api: FlaskClient) -> None:
    body = api.post(
        "/api/v1/pretranslate",
        json={"text": "Nothing like it.", "target_lang": "bs", "copy_source": True},
    ).get_json()
    assert body["segments"][0]["target"] == "Nothing like it."
    assert body["segments"][0]["copied_source"] is True


def test_file_answers_as_a_download(api: FlaskClient) -> None:
    response = api.post(
        "/api/v1/pretranslate",
        json={"text": ENGLISH, "target_lang": "bs", "format": "xliff", "name": "r.txt"},
    )
    assert response.status_code == 200
    assert 'filename="r.bs.xlf"' in response.headers["Content-Disposition"]
    (unit,) = toolkit_xliff2.Xliff2File(response.data).units
    assert unit.target == BOSNIAN and unit.istranslated()


def test_a_docx_upload_comes_back_as_docx(api: FlaskClient) -> None:
    document = docx.Document()
    document.add_paragraph(ENGLISH)
    buffer = io.BytesIO()
    document.save(buffer)
    response = api.post(
        "/api/v1/pretranslate",
        data={
            "file": (io.BytesIO(buffer.getvalue()), "release.docx"),
            "target_lang": "bs",
            "format": "docx",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    translated = docx.Document(io.BytesIO(response.data))
    assert translated.paragraphs[0].text == BOSNIAN


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"target_lang": "bs"}, 400),
        ({"text": "Hello.", "target_lang": ""}, 400),
        ({"text": "Hello.", "target_lang": "bs", "format": "pdf"}, 400),
        ({"text": "Hello.", "target_lang": "bs", "min_similarity": 5}, 400),
        ({"text": "x", "name": "r.xlf", "target_lang": "bs"}, 422),
    ],
)
def test_bad_requests_get_the_json_error_body(
    api: FlaskClient, payload: dict, status: int
) -> None:
    response = api.post("/api/v1/pretranslate", json=payload)
    assert response.status_code == status
    assert set(response.get_json()) >= {"error", "code"}


def test_write_api_imports_a_reviewed_xliff_all_or_nothing(api: FlaskClient) -> None:
    new = "A sentence the memory has never seen before."
    draft = api.post(
        "/api/v1/pretranslate",
        json={"text": new, "target_lang": "bs", "format": "xliff"},
    ).data
    reviewed = draft.replace(
        b"</source></segment>", b"</source><target>Nova.</target></segment>"
    )
    reviewed = reviewed.replace(b'state="initial"', b'state="final"')
    assert api.post("/api/v1/import?name=r.xlf", data=reviewed).status_code == 401
    response = api.post("/api/v1/import?name=r.xlf", data=reviewed, headers=AUTH)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["added"] == 1
    broken = reviewed.replace(b'srcLang="en"', b'srcLang="fr"')
    refused = api.post("/api/v1/import?name=x.xlf", data=broken, headers=AUTH)
    assert refused.status_code == 422
    body = api.post(
        "/api/v1/pretranslate", json={"text": new, "target_lang": "bs"}
    ).get_json()
    assert body["segments"][0]["target"] == "Nova."
    assert body["segments"][0]["origin"] == "api/r.xlf"
