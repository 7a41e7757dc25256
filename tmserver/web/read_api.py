"""The read API: amaGama/Weblate-compatible suggestions, multi-segment suggest,
concordance and the language list.

The amaGama routes are served under ``/tmserver`` and ``/api/v1`` exactly as amaGama
serves them (and as Weblate's tmserver client reads them): a JSON list,
``ensure_ascii=False``, ``Cache-Control``, ``[]`` for no match, 404 for an unknown
source language. Unlike amaGama, bad parameters are a 400 (not silently ignored)
and ``min_similarity`` may go down to 30. Client input never causes a 500: text is
decoded strictly from the raw request, lengths and parameters are checked before any
work is done.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask import Response
from flask import request

from tmserver.errors import InvalidRequestError
from tmserver.errors import PayloadTooLargeError
from tmserver.errors import UnsupportedLanguageError
from tmserver.match.rank import Suggestion
from tmserver.services import suggest as service
from tmserver.text.lang import normalise_tag
from tmserver.web import openapi as api_doc
from tmserver.web.db import get_session
from tmserver.web.wire import arg
from tmserver.web.wire import boolean
from tmserver.web.wire import json_body
from tmserver.web.wire import json_request
from tmserver.web.wire import match_engine
from tmserver.web.wire import number
from tmserver.web.wire import raw_args
from tmserver.web.wire import request_settings

PREFIXES = ("/tmserver", "/api/v1")
MAX_SEGMENTS = 200
#: The query length the OpenAPI document states (TMSERVER_MAX_QUERY_CHARS default).
_DOCUMENTED_QUERY_CHARS = 2_000

amagama = Blueprint("amagama", __name__)
read_api = Blueprint("read_api", __name__)


# ------------------------------------------------------------------ parameters


def policy_from(args: dict[str, Any]) -> service.MatchPolicy:
    """The match policy for a request: settings defaults, request overrides."""
    settings = request_settings()
    min_similarity = number(args, "min_similarity", settings.min_similarity, 30, 100)
    max_candidates = number(args, "max_candidates", settings.max_candidates, 1, 50)
    if max_candidates != int(max_candidates):
        raise InvalidRequestError("max_candidates must be an integer")
    return service.MatchPolicy(
        min_similarity=min_similarity,
        max_candidates=int(max_candidates),
        context_penalty=float(settings.match_context_penalty),
        age_penalty_per_year=float(settings.match_age_penalty_per_year),
        max_verify=settings.match_max_verify,
    )


def _check_text(text: str) -> str:
    limit = request_settings().max_query_chars
    if len(text) > limit:
        raise PayloadTooLargeError(f"text is longer than {limit} characters")
    if "\x00" in text:
        raise InvalidRequestError("text contains a NUL character")
    if "\ufffd" in text:
        raise InvalidRequestError("text is not valid UTF-8 (percent-encoded bytes)")
    return text


def languages_for(slang: str, tlang: str) -> tuple[str, str]:
    """Canonical (source, target); 404 when the memory has no such source language."""
    source = normalise_tag(slang)
    target = service.resolve_target(tlang)
    pairs = match_engine().language_pairs(get_session())
    if source not in {s for s, _ in pairs}:
        raise UnsupportedLanguageError(f"no memory for source language {slang!r}")
    if source == target:
        raise UnsupportedLanguageError("source and target language are the same")
    return source, target


# ------------------------------------------------------------------ rendering


def suggestion_json(item: Suggestion) -> dict[str, Any]:
    """The wire form of one suggestion (amaGama keys first, then ours)."""
    return {
        "source": item.source,
        "target": item.target,
        "quality": item.quality,
        "rank": item.quality,
        "raw_quality": item.raw_quality,
        "origin": item.origin,
        "origins": list(item.origins),
        "context": item.context,
        "created": item.created.isoformat() if item.created else None,
        "changed": item.changed.isoformat() if item.changed else None,
        "source_lang": item.source_lang,
        "target_lang": item.target_lang,
        "substituted": item.substituted,
        "substitutions": [
            {"kind": s.kind, "from": s.old, "to": s.new} for s in item.substitutions
        ],
        "transliterated": item.transliterated,
        "unadapted": [
            {"kind": u.kind, "query": u.query, "memory": u.memory, "target": u.target}
            for u in item.unadapted
        ],
        "alternatives": [
            {"target": a.target, "origin": a.origin} for a in item.alternatives
        ],
    }


# ------------------------------------------------------------------ amaGama routes


def _path_text() -> str:
    """The text after ``/unit/``, decoded strictly from the raw request path."""
    raw = request.environ.get("PATH_INFO", "")
    try:
        path = raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        raise InvalidRequestError("request path is not valid UTF-8") from None
    marker = path.find("/unit/")
    return path[marker + len("/unit/") :] if marker >= 0 else ""


@amagama.get("/<slang>/<tlang>/unit/<path:text>")
@amagama.get("/<slang>/<tlang>/unit/", defaults={"text": None})
def unit(slang: str, tlang: str, text: str | None) -> Response:
    """Suggestions for a source text (path or ``?source=``)."""
    args = raw_args()
    if text is None:
        text = arg(args, "source")
        if not text:
            raise InvalidRequestError("no source text (use /unit/<text> or ?source=)")
    else:
        text = _path_text()
    policy = policy_from(args)
    source, target = languages_for(slang, tlang)
    found = service.suggest(
        get_session(),
        match_engine(),
        _check_text(text),
        source,
        target,
        policy,
        context=arg(args, "context") or "",
    )
    return json_body([suggestion_json(s) for s in found], cache=True)


@amagama.get("/languages/")
def languages() -> Response:
    """``{"sourceLanguages": [...], "targetLanguages": [...]}`` in wire form."""
    result = service.languages(get_session(), match_engine())
    payload = {"sourceLanguages": result.sources, "targetLanguages": result.targets}
    return json_body(payload, cache=True)


# ------------------------------------------------------------------ /api/v1 extras


@read_api.post("/api/v1/suggest")
def suggest_many() -> Response:
    """Suggestions for many segments of one text in one request."""
    payload = json_request()
    source, target = languages_for(
        str(payload.get("source_lang", "en")), str(payload.get("target_lang", ""))
    )
    policy = policy_from(
        {
            k: [str(v)]
            for k, v in payload.items()
            if k in {"min_similarity", "max_candidates"}
        }
    )
    segments = _segments(payload)
    result = service.suggest_segments(
        get_session(), match_engine(), segments, source, target, policy
    )
    return json_body(
        {
            "segments": [
                {
                    "index": s.index,
                    "source": s.source,
                    "start": s.start,
                    "end": s.end,
                    "suggestions": [suggestion_json(x) for x in s.suggestions],
                }
                for s in result
            ]
        }
    )


def _segments(payload: dict[str, Any]) -> list[tuple[str, int, int]]:
    if isinstance(payload.get("segments"), list):
        texts = payload["segments"]
        if not all(isinstance(t, str) for t in texts):
            raise InvalidRequestError("segments must be a list of strings")
        segments = [(_check_text(t), 0, len(t)) for t in texts]
    elif isinstance(payload.get("text"), str):
        text = payload["text"]
        if len(text) > request_settings().max_query_chars * MAX_SEGMENTS:
            raise PayloadTooLargeError("text is too long")
        segmented = service.segment_text(
            text,
            boolean(payload, "segment", True),
            normalise_tag(str(payload.get("source_lang", "en"))),
        )
        segments = [(_check_text(t), a, b) for t, a, b in segmented]
    else:
        raise InvalidRequestError('give "text" (a string) or "segments" (strings)')
    if len(segments) > MAX_SEGMENTS:
        raise PayloadTooLargeError(f"more than {MAX_SEGMENTS} segments")
    return segments


@read_api.get("/api/v1/<slang>/<tlang>/concordance")
def concordance(slang: str, tlang: str) -> Response:
    """Units containing the words of ``q``, with highlight spans."""
    args = raw_args()
    query = (arg(args, "q") or "").strip()
    if not query:
        raise InvalidRequestError("q (the words to find) is required")
    _check_text(query)
    side = arg(args, "side") or "both"
    if side not in {"both", "source", "target"}:
        raise InvalidRequestError("side must be both, source or target")
    page = int(number(args, "page", 1, 1, 10_000))
    per_page = int(number(args, "per_page", 20, 1, 100))
    source, target = languages_for(slang, tlang)
    total, hits = service.concordance(
        get_session(), query, source, target, side=side, page=page, per_page=per_page
    )
    return json_body(
        {
            "query": query,
            "page": page,
            "per_page": per_page,
            "total": total,
            "results": [
                {
                    "source": h.unit.source,
                    "target": h.unit.target,
                    "origin": h.unit.origin,
                    "context": h.unit.context,
                    "changed": h.unit.changed.isoformat() if h.unit.changed else None,
                    "source_spans": [list(s) for s in h.source_spans],
                    "target_spans": [list(s) for s in h.target_spans],
                }
                for h in hits
            ],
        }
    )


# ------------------------------------------------------------------ OpenAPI


def _describe() -> None:
    suggestion = {
        "type": "object",
        "required": ["source", "target", "quality", "rank"],
        "properties": {
            "source": {"type": "string"},
            "target": {"type": "string"},
            "quality": {"type": "number", "description": "adjusted quality"},
            "rank": {"type": "number", "description": "amaGama compatibility"},
            "raw_quality": {"type": "number", "description": "plain Levenshtein %"},
            "origin": {"type": "string"},
            "origins": {"type": "array", "items": {"type": "string"}},
            "context": {"type": "string"},
            "created": {"type": ["string", "null"]},
            "changed": {"type": ["string", "null"]},
            "source_lang": {"type": "string"},
            "target_lang": {"type": "string"},
            "substituted": {"type": "boolean"},
            "substitutions": {"type": "array", "items": {"type": "object"}},
            "transliterated": {"type": "boolean"},
            "unadapted": {
                "type": "array",
                "description": "query values the target still carries the old way "
                "(quality held below 95)",
                "items": {
                    "type": "object",
                    "properties": {
                        "kind": {"type": "string"},
                        "query": {"type": "string"},
                        "memory": {"type": "string"},
                        "target": {
                            "type": "string",
                            "description": "the memory's value as the target has it",
                        },
                    },
                },
            },
            "alternatives": {
                "type": "array",
                "description": "other stored translations of the same source",
                "items": {"type": "object"},
            },
        },
    }
    api_doc.SCHEMAS["Suggestion"] = suggestion
    ref = {"$ref": "#/components/schemas/Suggestion"}
    lang_params = api_doc.path_parameters("slang", "tlang")
    text = api_doc.query_text(_DOCUMENTED_QUERY_CHARS)
    match_params = [
        {
            "name": "min_similarity",
            "in": "query",
            "schema": {"type": "number", "minimum": 30, "maximum": 100, "default": 70},
        },
        {
            "name": "max_candidates",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 5},
        },
    ]
    listing = api_doc.json_response(
        "suggestions, best first", {"type": "array", "items": ref}
    )
    for prefix in PREFIXES:
        api_doc.add_path(
            f"{prefix}/{{slang}}/{{tlang}}/unit/{{text}}",
            "get",
            {
                "summary": "Suggestions for a source text (amaGama protocol)",
                "parameters": lang_params
                + [{"name": "text", "in": "path", "required": True, "schema": text}]
                + match_params,
                "responses": {"200": listing} | api_doc.error_responses(400, 404, 413),
            },
        )
        api_doc.add_path(
            f"{prefix}/{{slang}}/{{tlang}}/unit/",
            "get",
            {
                "summary": "Suggestions for ?source=<text>",
                "parameters": lang_params
                + [{"name": "source", "in": "query", "required": True, "schema": text}]
                + match_params,
                "responses": {"200": listing} | api_doc.error_responses(400, 404, 413),
            },
        )
        api_doc.add_path(
            f"{prefix}/languages/",
            "get",
            {
                "summary": "Languages served (Weblate wire codes such as sr_latn)",
                "responses": {
                    "200": api_doc.json_response(
                        "languages",
                        {
                            "type": "object",
                            "properties": {
                                "sourceLanguages": {"type": "array"},
                                "targetLanguages": {"type": "array"},
                            },
                        },
                    )
                },
            },
        )
    api_doc.add_path(
        "/api/v1/suggest",
        "post",
        {
            "summary": "Suggestions for many segments or a whole text",
            "description": "segments (when given) or text; a text whose segments "
            f"are over {_DOCUMENTED_QUERY_CHARS} characters or more than "
            f"{MAX_SEGMENTS} is a 413.",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "anyOf": [
                                {"required": ["segments"]},
                                {"required": ["text"]},
                            ],
                            "properties": {
                                "source_lang": api_doc.LANGUAGE_TAG,
                                "target_lang": api_doc.LANGUAGE_TAG,
                                "text": {
                                    "type": "string",
                                    "maxLength": _DOCUMENTED_QUERY_CHARS * MAX_SEGMENTS,
                                    "pattern": "^[^\\x00\\ufffd]*$",
                                },
                                "segment": {"type": "boolean", "default": True},
                                "segments": {
                                    "type": "array",
                                    "maxItems": MAX_SEGMENTS,
                                    "items": text,
                                },
                                "min_similarity": {
                                    "type": "number",
                                    "minimum": 30,
                                    "maximum": 100,
                                },
                                "max_candidates": {
                                    "type": "integer",
                                    "minimum": 1,
                                    "maximum": 50,
                                },
                            },
                        }
                    }
                },
            },
            "responses": {
                "200": api_doc.json_response(
                    "suggestions per segment", {"type": "object"}
                )
            }
            | api_doc.error_responses(400, 404, 413),
        },
    )
    api_doc.add_path(
        "/api/v1/{slang}/{tlang}/concordance",
        "get",
        {
            "summary": "Find words or phrases in sources/targets, with highlight spans",
            "parameters": lang_params
            + [
                {
                    "name": "q",
                    "in": "query",
                    "required": True,
                    "schema": api_doc.query_text(_DOCUMENTED_QUERY_CHARS, blank=False),
                },
                {
                    "name": "side",
                    "in": "query",
                    "schema": {"enum": ["both", "source", "target"]},
                },
                {
                    "name": "page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 10_000},
                },
                {
                    "name": "per_page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                },
            ],
            "responses": {
                "200": api_doc.json_response("matching units", {"type": "object"})
            }
            | api_doc.error_responses(400, 404, 413),
        },
    )


_describe()
