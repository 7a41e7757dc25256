"""The check interface and the per-run context checks share (pure core).

A check is a small class with a stable ``id`` (``number-mismatch``), a stable ``code``
(``TM-NUM-001``, the SARIF rule id), a default severity, a one-line description and a
help text that says what to fix. :class:`SegmentCheck` looks at one pair at a time;
a plain :class:`Check` sees the whole release (consistency checks need that).
"""

from __future__ import annotations

import re
from abc import ABC
from abc import abstractmethod
from collections.abc import Sequence
from functools import lru_cache
from typing import ClassVar

from tmserver.lint.config import LintConfig
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
from tmserver.lint.memory import MemoryLookup
from tmserver.lint.memory import MemoryMatch
from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.lang import normalise_tag
from tmserver.text.placeables import Placeable
from tmserver.text.placeables import extract

_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=65536)
def in_latin(text: str) -> str:
    """``text`` in Latin script: Serbian Cyrillic transliterated, Latin text as it
    is (most targets, without the cost of a translation table). Several checks
    read each target in Latin; the cache makes that once."""
    return cyrillic_to_latin(text) if _CYRILLIC_RE.search(text) else text


#: Alignment states of pairs that have only one side.
ONE_SIDED = frozenset({"source-only", "target-only"})


class LintContext:
    """What one lint run knows besides the pairs: configuration, memory, caches.

    Placeables are extracted once per pair and shared by every check that needs them.
    """

    def __init__(self, config: LintConfig, memory: MemoryLookup | None = None) -> None:
        self.config = config
        self.memory = memory
        self._placeables: dict[tuple[str, int], tuple[list[Placeable], ...]] = {}
        self._matches: dict[tuple[str, int], MemoryMatch | None] = {}
        self.cache: dict[tuple[str, str, int], object] = {}
        self._tags: dict[str, str] = {}

    def target_tag(self, pair: SegmentPair) -> str:
        """The expected target variety: the configured one, else the pair's tag."""
        tag = self.config.variety or pair.target_lang
        known = self._tags.get(tag)
        if known is None:
            known = normalise_tag(tag, pair.target) if tag else ""
            if tag != "sr":  # bare "sr" depends on each text's script
                self._tags[tag] = known
        return known

    def placeables(self, pair: SegmentPair) -> tuple[list[Placeable], list[Placeable]]:
        """Placeables of source and target (source read as English)."""
        key = (pair.path, pair.index)
        found = self._placeables.get(key)
        if found is None:
            found = (
                extract(pair.source, pair.source_lang),
                extract(pair.target, pair.target_lang),
            )
            self._placeables[key] = found
        return found[0], found[1]

    def memory_match(self, pair: SegmentPair) -> MemoryMatch | None:
        """The memory's best match for the pair's source (cached), or None."""
        if self.memory is None:
            return None
        key = (pair.path, pair.index)
        if key not in self._matches:
            self._matches[key] = self.memory.best_match(
                pair.source,
                pair.source_lang,
                pair.target_lang,
                min_quality=self.config.memory_min_quality,
            )
        return self._matches[key]


class Check(ABC):
    """One kind of problem. Subclasses set the class attributes and :meth:`run`."""

    id: ClassVar[str]
    code: ClassVar[str]
    severity: ClassVar[str]
    description: ClassVar[str]
    help: ClassVar[str]
    family: ClassVar[str] = ""
    needs_memory: ClassVar[bool] = False

    def __init__(self, severity: str | None = None) -> None:
        self.level = severity or type(self).severity

    @abstractmethod
    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        """Every finding of this check in ``pairs``."""

    def finding(
        self,
        pair: SegmentPair,
        message: str,
        *,
        span: tuple[int, int] | None = None,
        side: str = "target",
        memory_source: str | None = None,
        memory_target: str | None = None,
    ) -> Finding:
        """A finding of this check about ``pair``."""
        return Finding(
            check=self.id,
            code=self.code,
            severity=self.level,
            message=message,
            path=pair.path,
            line=pair.line,
            segment=pair.index,
            source=pair.source,
            target=pair.target,
            span=span,
            side=side,
            unit_id=pair.unit_id,
            memory_source=memory_source,
            memory_target=memory_target,
        )


class SegmentCheck(Check):
    """A check that looks at one two-sided pair at a time."""

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        found: list[Finding] = []
        for pair in pairs:
            if pair.alignment in ONE_SIDED or not pair.target.strip():
                continue
            found.extend(self.check(pair, ctx))
        return found

    @abstractmethod
    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        """Findings for one pair."""
