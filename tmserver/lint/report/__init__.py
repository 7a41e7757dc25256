"""Reporters: findings → text, JSON, SARIF 2.1.0, GitHub annotations, GitLab Code
Quality, JUnit XML (pure core; every reporter returns a string).

``render_report(result, fmt)`` picks one by name; :data:`FORMATS` lists the names.
"""

from __future__ import annotations

from tmserver.errors import InvalidRequestError
from tmserver.lint.linter import LintResult
from tmserver.lint.report.github import github_annotations
from tmserver.lint.report.gitlab import gitlab_report
from tmserver.lint.report.json_report import json_report
from tmserver.lint.report.junit import junit_report
from tmserver.lint.report.sarif import sarif_report
from tmserver.lint.report.text import text_report

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")


def render_report(result: LintResult, fmt: str, *, color: bool = False) -> str:
    """The report of ``result`` in format ``fmt``.

    :raises InvalidRequestError: for an unknown format.
    """
    if fmt == "text":
        return text_report(result, color=color)
    writers = {
        "json": json_report,
        "sarif": sarif_report,
        "github": github_annotations,
        "gitlab": gitlab_report,
        "junit": junit_report,
    }
    if fmt not in writers:
        raise InvalidRequestError(
            f"unknown report format {fmt!r}; use one of {FORMATS}"
        )
    return writers[fmt](result)


__all__ = ["FORMATS", "render_report"]
