"""JUnit XML: one test suite per file, one test case per check (passed or failed)
plus one failing case per finding, so CI test views list both."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from tmserver.lint.findings import Finding
from tmserver.lint.findings import severity_at_least
from tmserver.lint.linter import LintResult


def junit_report(result: LintResult, *, fail_on: str = "warning") -> str:
    """JUnit XML; findings at ``fail_on`` or above are failures, others pass."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_file[finding.path].append(finding)
    root = ET.Element("testsuites", name="tmserver-lint")
    total = failures = 0
    for path in result.files or ("release",):
        findings = by_file.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=path)
        cases = failed = 0
        for check in result.checks:
            own = [f for f in findings if f.check == check.id]
            if own:
                continue
            ET.SubElement(
                suite,
                "testcase",
                classname=f"{check.code} {check.id}",
                name=f"{path} clean",
                file=path,
                time="0",
            )
            cases += 1
        for finding in findings:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"{finding.code} {finding.check}",
                name=(
                    f"{path}:{finding.line} segment {finding.segment + 1} "
                    f"{finding.unit_id}"
                ),
                file=path,
                time="0",
            )
            cases += 1
            if severity_at_least(finding.severity, fail_on):
                failure = ET.SubElement(
                    case, "failure", message=finding.message, type=finding.severity
                )
                failure.text = f"source: {finding.source}\ntarget: {finding.target}"
                failed += 1
            else:
                ET.SubElement(case, "system-out").text = finding.message
        suite.set("tests", str(cases))
        suite.set("failures", str(failed))
        total += cases
        failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ET.tostring(root, encoding="unicode")
        + "\n"
    )
