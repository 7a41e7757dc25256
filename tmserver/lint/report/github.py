"""GitHub Actions workflow commands (annotations) and a Markdown job summary."""

from __future__ import annotations

from collections import Counter

from tmserver.lint.linter import LintResult

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(result: LintResult) -> str:
    """One ``::error file=…,line=…,title=…::message`` line per finding."""
    lines = []
    for finding in result.findings:
        properties = [f"file={_escape_property(finding.path)}", f"line={finding.line}"]
        if finding.span and finding.side == "target" and "\n" not in finding.target:
            properties.append(f"col={finding.span[0] + 1}")
            properties.append(f"endColumn={finding.span[1] + 1}")
        properties.append(
            f"title={_escape_property(f'{finding.code} {finding.check}')}"
        )
        message = (
            f"{finding.message}\nsource: {finding.source}\ntarget: {finding.target}"
        )
        lines.append(
            f"::{_COMMANDS[finding.severity]} {','.join(properties)}::"
            f"{_escape_data(message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def github_summary(result: LintResult, *, limit: int = 50) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY`` (annotations are capped per step)."""
    summary = result.summary()
    lines = [
        "## Translation lint",
        "",
        f"{result.segments} segments in {len(result.files)} file(s): "
        f"**{summary['error']}** errors, **{summary['warning']}** warnings, "
        f"{summary['info']} notes.",
        "",
    ]
    if result.findings:
        counts = Counter((f.code, f.check) for f in result.findings)
        lines += ["| Rule | Check | Findings |", "|---|---|---|"]
        lines += [
            f"| {code} | {check} | {n} |" for (code, check), n in counts.most_common()
        ]
        lines += ["", "| Severity | Location | Check | Message |", "|---|---|---|---|"]
        for finding in result.findings[:limit]:
            message = finding.message.replace("|", "\\|").replace("\n", " ")
            lines.append(
                f"| {finding.severity} | `{finding.path}:{finding.line}` | "
                f"{finding.check} | {message} |"
            )
        if len(result.findings) > limit:
            lines.append(f"\n… and {len(result.findings) - limit} more.")
    return "\n".join(lines) + "\n"
