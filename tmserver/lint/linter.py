"""Run the lint checks over a release (pure core).

``lint(pairs, config, memory)`` picks the enabled checks from the registry, applies
the configured severities and returns the findings in file/line order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from tmserver.errors import InvalidRequestError
from tmserver.lint.checks import CHECKS
from tmserver.lint.checks.base import Check
from tmserver.lint.checks.base import LintContext
from tmserver.lint.config import LintConfig
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
from tmserver.lint.findings import severity_at_least
from tmserver.lint.findings import summarise
from tmserver.lint.memory import MemoryLookup


@dataclass(frozen=True)
class LintResult:
    """Findings of one run plus what was checked."""

    findings: tuple[Finding, ...]
    checks: tuple[Check, ...]
    segments: int
    files: tuple[str, ...]

    def summary(self) -> dict[str, int]:
        """Counts per severity."""
        return summarise(list(self.findings))

    def fails(self, threshold: str) -> bool:
        """True when a finding is at or above ``threshold`` (``never`` never fails)."""
        if threshold == "never":
            return False
        return any(severity_at_least(f.severity, threshold) for f in self.findings)


def select_checks(config: LintConfig, *, with_memory: bool) -> list[Check]:
    """Instances of the enabled checks with their configured severities.

    :raises InvalidRequestError: when the configuration names an unknown check.
    """
    unknown = (config.enable | config.disable | set(config.severity)) - set(CHECKS)
    if unknown:
        raise InvalidRequestError(f"unknown check ids: {', '.join(sorted(unknown))}")
    selected = []
    for check_id, check_class in CHECKS.items():
        if check_id in config.disable:
            continue
        if check_class.needs_memory and not with_memory:
            continue
        selected.append(check_class(config.severity.get(check_id)))
    return selected


_TEXT_RE = re.compile(r"[^\W_]")


def is_furniture(text: str) -> bool:
    """A separator or decoration line (``* * *``, ``---``, ``###``): no letter and
    no digit. Page furniture is never linted as text."""
    return bool(text.strip()) and _TEXT_RE.search(text) is None


def _linted(pair: SegmentPair) -> bool:
    """Pairs whose every non-empty side is furniture are left out."""
    sides = [text for text in (pair.source, pair.target) if text.strip()]
    return not sides or not all(is_furniture(text) for text in sides)


def without_furniture(pair: SegmentPair) -> SegmentPair:
    """A text aligned with a separator line (a headline against ``###``) is a
    one-sided pair: the separator is not its translation."""
    if pair.alignment in {"source-only", "target-only"}:
        return pair
    if is_furniture(pair.target) and not is_furniture(pair.source):
        return replace(pair, target="", alignment="source-only")
    if is_furniture(pair.source) and not is_furniture(pair.target):
        return replace(pair, source="", alignment="target-only")
    return pair


def lint(
    pairs: Sequence[SegmentPair],
    config: LintConfig | None = None,
    memory: MemoryLookup | None = None,
) -> LintResult:
    """Every finding of the enabled checks over ``pairs``."""
    config = config or LintConfig()
    total = len(pairs)
    files = tuple(dict.fromkeys(pair.path for pair in pairs))
    pairs = [without_furniture(pair) for pair in pairs if _linted(pair)]
    ctx = LintContext(config, memory)
    checks = select_checks(config, with_memory=memory is not None)
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check.run(pairs, ctx))
    order = {check.id: rank for rank, check in enumerate(checks)}
    findings.sort(key=lambda f: (f.path, f.line, f.segment, order[f.check]))
    return LintResult(tuple(findings), tuple(checks), total, files)
