"""Helpers for the linter tests: build pairs, run checks, collect ids."""

from __future__ import annotations

from tmserver.lint.config import LintConfig
from tmserver.lint.findings import SegmentPair
from tmserver.lint.linter import lint
from tmserver.lint.memory import MemoryLookup


def pair(
    source: str, target: str, lang: str = "hr", index: int = 0, **kw: object
) -> SegmentPair:
    """One segment pair of a release named ``release.tmx``."""
    return SegmentPair(
        index, source, target, "en", lang, path="release.tmx", line=index + 1, **kw
    )


def ids(
    source: str,
    target: str,
    lang: str = "hr",
    *,
    config: LintConfig | None = None,
    memory: MemoryLookup | None = None,
    min_severity: str = "info",
) -> set[str]:
    """Ids of every finding of the default checks on one pair."""
    result = lint([pair(source, target, lang)], config, memory)
    order = ("error", "warning", "info")
    limit = order.index(min_severity)
    return {f.check for f in result.findings if order.index(f.severity) <= limit}
