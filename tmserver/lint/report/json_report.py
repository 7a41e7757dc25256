"""The JSON report: the API contract's shape plus the list of files checked."""

from __future__ import annotations

import json

from tmserver.lint.linter import LintResult


def json_document(result: LintResult, *, target_lang: str | None = None) -> dict:
    """The report as a JSON-ready dict (shared by the CLI and ``POST /api/v1/lint``)."""
    return {
        "ok": True,
        "target_lang": target_lang,
        "summary": result.summary(),
        "segments": result.segments,
        "files": list(result.files),
        "findings": [finding.as_dict() for finding in result.findings],
    }


def json_report(result: LintResult) -> str:
    """The JSON report as text (UTF-8, not ASCII-escaped)."""
    return json.dumps(json_document(result), ensure_ascii=False, indent=2) + "\n"
