"""The report for people: grouped by file, source and target shown, colour on a
terminal (rich markup; plain text otherwise)."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.text import Text

from tmserver.lint.findings import Finding
from tmserver.lint.linter import LintResult

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def text_report(result: LintResult, *, color: bool = False, width: int = 100) -> str:
    """Findings grouped by file, each with its location, message, source and target."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
    )
    for path, findings in groupby(result.findings, key=lambda f: f.path):
        console.print(Text(path or "release", style="bold underline"))
        for finding in findings:
            _print_finding(console, finding)
        console.print()
    summary = result.summary()
    console.print(
        f"{result.segments} segments, {len(result.files)} file(s): "
        f"[bold red]{summary['error']} error(s)[/], [yellow]{summary['warning']} "
        f"warning(s)[/], [cyan]{summary['info']} note(s)[/]"
        if color
        else f"{result.segments} segments, {len(result.files)} file(s): "
        f"{summary['error']} error(s), {summary['warning']} warning(s), "
        f"{summary['info']} note(s)"
    )
    return buffer.getvalue()


def _print_finding(console: Console, finding: Finding) -> None:
    style = _STYLES[finding.severity]
    head = Text(f"  {finding.line}: ")
    head.append(finding.severity, style=style)
    head.append(f" {finding.check} [{finding.code}] ")
    head.append(finding.message)
    console.print(head)
    console.print(_side("source", finding.source, finding, "source"))
    console.print(_side("target", finding.target, finding, "target"))
    if finding.memory_target:
        console.print(Text(f"      memory: {finding.memory_target}", style="dim"))


def _side(label: str, text: str, finding: Finding, side: str) -> Text:
    line = Text(f"      {label}: ", style="dim")
    if finding.span and finding.side == side and finding.span[1] <= len(text):
        start, end = finding.span
        line.append(text[:start])
        line.append(text[start:end], style="bold reverse")
        line.append(text[end:])
    else:
        line.append(text)
    return line
