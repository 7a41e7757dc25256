"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run, the tool's rules (every enabled check with its descriptions and default
level), one result per finding with ``physicalLocation.region.startLine`` = the
segment's line in the input file and a stable ``partialFingerprints`` entry.
"""

from __future__ import annotations

import json

from tmserver import __version__
from tmserver.lint.findings import Finding
from tmserver.lint.linter import LintResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_PROBLEM = {"error": "error", "warning": "warning", "info": "recommendation"}


def sarif_document(result: LintResult) -> dict:
    """The SARIF log as a dict."""
    rules = [
        {
            "id": check.code,
            "name": check.id,
            "shortDescription": {"text": check.description},
            "fullDescription": {"text": f"{check.description} {check.help}"},
            "help": {"text": check.help},
            "defaultConfiguration": {"level": _LEVELS[check.level]},
            "properties": {
                "tags": ["translation", check.family or "lint"],
                "precision": "high",
                "problem.severity": _PROBLEM[check.level],
            },
        }
        for check in result.checks
    ]
    index = {check.id: i for i, check in enumerate(result.checks)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tmserver-lint",
                        "version": __version__,
                        "informationUri": "https://example.invalid/tmserver",
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": "tmserver-lint/"},
                "results": [_result(f, index.get(f.check)) for f in result.findings],
            }
        ],
    }


def _result(finding: Finding, rule_index: int | None) -> dict:
    text = finding.target if finding.side == "target" else finding.source
    region: dict[str, int] = {"startLine": max(1, finding.line)}
    if finding.span and "\n" not in text[: finding.span[1]]:
        region["startColumn"] = finding.span[0] + 1
        region["endColumn"] = finding.span[1] + 1
    result = {
        "ruleId": finding.code,
        "level": _LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": finding.path or "release"},
                    "region": region,
                },
                "logicalLocations": [
                    {
                        "name": finding.unit_id or str(finding.segment + 1),
                        "kind": "element",
                    }
                ],
            }
        ],
        "partialFingerprints": {"primaryLocationLineHash": finding.fingerprint()},
        "properties": {"check": finding.check, "segment": finding.segment},
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    return result


def _message(finding: Finding) -> str:
    parts = [finding.message]
    if finding.source:
        parts.append(f"Source: {finding.source}")
    if finding.target:
        parts.append(f"Target: {finding.target}")
    return "\n".join(parts)


def sarif_report(result: LintResult) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(sarif_document(result), ensure_ascii=False, indent=2) + "\n"
