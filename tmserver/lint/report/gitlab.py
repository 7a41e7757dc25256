"""GitLab Code Quality report: a JSON array of Code Climate issues (no BOM)."""

from __future__ import annotations

import hashlib
import json

from tmserver.lint.linter import LintResult

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def gitlab_report(result: LintResult) -> str:
    """Code Quality JSON: one issue per finding, fingerprints unique per location."""
    issues = []
    for finding in result.findings:
        fingerprint = hashlib.md5(
            f"{finding.fingerprint()}:{finding.line}".encode(), usedforsecurity=False
        ).hexdigest()
        issues.append(
            {
                "description": f"{finding.message} (segment {finding.segment + 1})",
                "check_name": f"{finding.code} {finding.check}",
                "fingerprint": fingerprint,
                "severity": _SEVERITY[finding.severity],
                "location": {"path": finding.path, "lines": {"begin": finding.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
