"""Reporters: SARIF against a schema, GitHub commands, GitLab Code Quality, JUnit,
JSON and text."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from tests.lintkit import pair
from tests.sarif import official_schema
from tests.sarif import validate_sarif
from tmserver.lint.linter import LintResult
from tmserver.lint.linter import lint
from tmserver.lint.report import render_report
from tmserver.lint.report.github import github_annotations
from tmserver.lint.report.github import github_summary
from tmserver.lint.report.sarif import sarif_document


@pytest.fixture
def result() -> LintResult:
    pairs = [
        pair("Inflation rose 2.5 percent.", "Inflacija je porasla 3,5 posto.", "hr", 0),
        pair(
            "See www.iom.int, 50% off: yes", "Vidi www.iom.hr, 50% popusta: da", "hr", 1
        ),
        pair("All good here.", "Sve je dobro ovdje.", "hr", 2),
    ]
    return lint(pairs)


def test_sarif_is_valid_and_points_at_lines(result: LintResult) -> None:
    document = sarif_document(result)
    validate_sarif(document)
    run = document["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "TM-NUM-001" in rule_ids and "TM-URL-001" in rule_ids
    located = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in run["results"]
    }
    assert ("TM-NUM-001", 1) in located and ("TM-URL-001", 2) in located
    for item in run["results"]:
        assert run["tool"]["driver"]["rules"][item["ruleIndex"]]["id"] == item["ruleId"]


def test_sarif_fingerprints_are_stable_across_line_moves(result: LintResult) -> None:
    moved = lint(
        [
            p
            for p in (
                pair(
                    "Inflation rose 2.5 percent.",
                    "Inflacija je porasla 3,5 posto.",
                    "hr",
                    7,
                ),
            )
        ]
    )
    first = sarif_document(result)["runs"][0]["results"][0]["partialFingerprints"]
    again = sarif_document(moved)["runs"][0]["results"][0]["partialFingerprints"]
    assert first == again


def test_sarif_rejects_a_broken_log_in_the_schema() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(official_schema()).validate(
            {"version": "2.1.0", "runs": [{}]}
        )


def test_github_annotations_are_escaped(result: LintResult) -> None:
    lines = github_annotations(result).splitlines()
    assert lines[0].startswith("::error file=release.tmx,line=1,")
    assert all("\n" not in line for line in lines)
    assert "%0Asource: Inflation" in lines[0]
    assert "title=TM-NUM-001 number-mismatch::" in lines[0]
    summary = github_summary(result)
    assert summary.startswith("## Translation lint") and "| TM-NUM-001 |" in summary


def test_gitlab_code_quality(result: LintResult) -> None:
    issues = json.loads(render_report(result, "gitlab"))
    assert {i["severity"] for i in issues} <= {
        "info",
        "minor",
        "major",
        "critical",
        "blocker",
    }
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    first = issues[0]
    assert first["location"] == {"path": "release.tmx", "lines": {"begin": 1}}
    assert first["check_name"].startswith("TM-")


def test_junit_lists_failures_and_passes(result: LintResult) -> None:
    root = ET.fromstring(render_report(result, "junit"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "release.tmx"
    failures = suite.findall("testcase/failure")
    assert int(root.get("failures")) == len(failures) >= 2
    clean = [
        c for c in suite.findall("testcase") if c.get("name") == "release.tmx clean"
    ]
    assert any(c.get("classname") == "TM-CHR-001 corrupt-characters" for c in clean)


def test_json_report_shape(result: LintResult) -> None:
    document = json.loads(render_report(result, "json"))
    assert document["summary"]["error"] == sum(
        1 for f in document["findings"] if f["severity"] == "error"
    )
    finding = document["findings"][0]
    for key in (
        "check",
        "severity",
        "message",
        "line",
        "segment",
        "source",
        "target",
        "span",
        "side",
        "memory_source",
        "memory_target",
    ):
        assert key in finding


def test_text_report_groups_by_file_and_shows_both_sides(result: LintResult) -> None:
    text = render_report(result, "text")
    assert text.splitlines()[0] == "release.tmx"
    assert "source: Inflation rose 2.5 percent." in text
    assert "target: Inflacija je porasla 3,5 posto." in text
    assert "\x1b[" not in text
    assert "\x1b[" in render_report(result, "text", color=True)
