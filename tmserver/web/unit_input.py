"""The door checks of ``POST /api/v1/{slang}/{tlang}/unit``: what the write API
accepts is exactly what an export and a re-import give back.

Refused before anything is written: with a 400, fields that are not strings, empty
source or target, characters TMX (XML 1.0) cannot carry (NUL and other C0 controls,
U+FFFE/U+FFFF; the exporter would drop them) and values longer than the schema holds
(the same limits on SQLite and PostgreSQL); with the 404 ``unsupported_language``
the read API gives for the same cases (an InvalidRequestError too), a source and
target in the same language (import skips such pairs) and language tags that name
no known language; with a 422, a source or target without a letter (import skips
such junk units, see tmserver.text.letters).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from babel import Locale

from tmserver.errors import InputDataError
from tmserver.errors import InvalidRequestError
from tmserver.errors import TMServerError
from tmserver.errors import UnsupportedLanguageError
from tmserver.services import suggest as service
from tmserver.store.bulk import unit_problem
from tmserver.text.lang import LOCAL_VARIETIES
from tmserver.text.lang import normalise_tag
from tmserver.text.letters import has_letter
from tmserver.units import TranslationUnit

MAX_FIELD_CHARS = 20_000
#: What XML 1.0 cannot represent (tab, newline and carriage return it can).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def unit_from_request(
    slang: str, tlang: str, payload: dict[str, Any]
) -> TranslationUnit:
    """The unit a write request describes, or an :class:`InvalidRequestError`."""
    source = _field(payload, "source", required=True)
    target = _field(payload, "target", required=True)
    for name, text in (("source", source), ("target", target)):
        if not has_letter(text):
            raise InputDataError(
                f'"{name}" has no letter: such a unit is no translation and is '
                "never imported or served"
            )
    source_lang = _language(slang, source, "source")
    target_lang = _language(service.resolve_target(tlang), target, "target")
    if source_lang == target_lang:
        raise UnsupportedLanguageError(
            f"source and target are both {source_lang}: not a translation pair"
        )
    unit = TranslationUnit(
        source=source,
        target=target,
        source_lang=source_lang,
        target_lang=target_lang,
        context=_field(payload, "context", required=False),
        origin=_field(payload, "origin", required=False) or "api",
    )
    problem = unit_problem(unit)
    if problem is not None:
        raise InvalidRequestError(problem)
    return unit


def _field(payload: dict[str, Any], name: str, *, required: bool) -> str:
    value = payload.get(name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidRequestError(f'"{name}" must be a non-empty string')
    if len(value) > MAX_FIELD_CHARS:
        raise InvalidRequestError(
            f'"{name}" is longer than {MAX_FIELD_CHARS} characters'
        )
    bad = _NOT_XML.search(value)
    if bad is not None:
        raise InvalidRequestError(
            f'"{name}" holds U+{ord(bad.group()):04X}, which TMX cannot carry'
        )
    return value


def _language(tag: str, text: str, side: str) -> str:
    """The canonical tag (a bare ``sr`` resolved from the text, as import does)."""
    try:
        canonical = normalise_tag(tag, text)
    except TMServerError:
        raise UnsupportedLanguageError(
            f"{side} language {tag!r} is not a language tag"
        ) from None
    if not known_language(canonical.split("-")[0]):
        raise UnsupportedLanguageError(
            f"{side} language {tag!r} is not a known language"
        )
    return canonical


@cache
def known_language(code: str) -> bool:
    """Whether ``code`` is a language CLDR names, or one this project serves."""
    local = {variety.split("-")[0] for variety in LOCAL_VARIETIES} | {"hbs"}
    return code in local or code in Locale("en").languages
