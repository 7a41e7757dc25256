"""Consistency: against the memory (sentences and terms) and within the release."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from sacrebleu.metrics import CHRF

from tmserver.lint.checks.base import ONE_SIDED
from tmserver.lint.checks.base import Check
from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.checks.base import in_latin
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
from tmserver.text.stemming import contains_phrase
from tmserver.text.stemming import prefix_stems
from tmserver.text.stemming import stems

_CHRF = CHRF()


def chrf(hypothesis: str, reference: str) -> float:
    """sacrebleu chrF (0–100) of ``hypothesis`` against one reference."""
    return _CHRF.sentence_score(hypothesis, [reference]).score


_STRIP = " .!?:;\"'„“”»«"


@lru_cache(maxsize=65536)
def _comparable(text: str) -> str:
    """Text as compared for consistency: case, spacing, script, end marks ignored."""
    return " ".join(in_latin(text).lower().split()).strip(_STRIP)


class MemoryMismatch(SegmentCheck):
    id = "memory-mismatch"
    code = "TM-REG-001"
    severity = "warning"
    family = "consistency"
    needs_memory = True
    description = "The memory has this source (≥ 95 %) but translated it differently."
    help = (
        "Reuse the memory's translation unless the new one is a deliberate correction."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        match = ctx.memory_match(pair)
        if match is None or _comparable(match.target) == _comparable(pair.target):
            return []
        score = chrf(pair.target, match.target)
        limit = (
            ctx.config.memory_exact_chrf
            if match.quality >= 100
            else ctx.config.memory_fuzzy_chrf
        )
        if score >= limit:
            return []
        return [
            self.finding(
                pair,
                f"The memory has this source ({match.quality:.0f}% match) translated "
                f"differently (chrF {score:.0f}): {match.target!r}.",
                memory_source=match.source,
                memory_target=match.target,
            )
        ]


class TermMismatch(SegmentCheck):
    id = "term-mismatch"
    code = "TM-TRM-001"
    severity = "warning"
    family = "consistency"
    description = "A term is translated differently from its established translation."
    help = (
        "Use the established translation of names of organisations, programmes and "
        "places (from the terms table or the memory); inflected forms are fine."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        target_stems: list[str] | None = None
        found = []
        source_lower = pair.source.lower()
        for term, forms in ctx.config.terms.items():
            position = source_lower.find(term.lower())
            if position < 0:
                continue
            if target_stems is None:
                target_stems = stems(in_latin(pair.target))
            if any(contains_phrase(target_stems, form) for form in forms):
                continue
            found.append(
                self.finding(
                    pair,
                    f"Term {term!r} is not translated as {' / '.join(forms)!r}.",
                    span=(position, position + len(term)),
                    side="source",
                )
            )
        found.extend(self._memory_terms(pair, ctx))
        return found

    def _memory_terms(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        if ctx.memory is None:
            return []
        found = []
        present: set[str] | None = None
        for term, start, end in candidate_terms(pair.source):
            if term in ctx.config.terms:
                continue
            expected = ctx.memory.term_stems(term, pair.source_lang, pair.target_lang)
            if not expected:
                continue
            if present is None:
                present = set(prefix_stems(pair.target))
            missing = {
                stem_
                for stem_ in expected
                if stem_ not in present
                and not any(
                    other.startswith(stem_) or stem_.startswith(other)
                    for other in present
                    if len(other) >= 3
                )
            }
            if not missing:
                continue
            found.append(
                self.finding(
                    pair,
                    f"Term {term!r} is translated differently from the memory (its "
                    f"translations share: {', '.join(sorted(expected))}).",
                    span=(start, end),
                    side="source",
                )
            )
        return found


_TERM_WORD = r"[A-Z][\w'’-]+"
_JOINERS = {"of", "for", "and", "the", "on", "in", "de", "i"}


def candidate_terms(text: str) -> list[tuple[str, int, int]]:
    """Names in an English source: runs of two or more capitalised words, possibly
    joined by ``of``/``for``/``and`` (``International Organization for Migration``),
    not counting the sentence's first word alone."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    terms = []
    run: list[tuple[str, int, int]] = []

    def close() -> None:
        while run and run[-1][0].lower() in _JOINERS:
            run.pop()
        capitals = [t for t in run if t[0][:1].isupper()]
        if len(capitals) >= 2:
            terms.append((text[run[0][1] : run[-1][2]], run[0][1], run[-1][2]))
        run.clear()

    for index, token in enumerate(tokens):
        word = token[0]
        if word[:1].isupper() and not (index == 0 and not run):
            run.append(token)
        elif run and word.lower() in _JOINERS:
            run.append(token)
        else:
            close()
    close()
    return terms


_TOKEN_RE = re.compile(r"[^\W\d_][\w'’-]*|[^\w\s]")


class InconsistentTranslation(Check):
    id = "inconsistent-translation"
    code = "TM-CON-001"
    severity = "warning"
    family = "consistency"
    description = "The same source sentence is translated in two ways in the release."
    help = "Translate repeated sentences the same way."

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        groups: dict[tuple[str, str], list[SegmentPair]] = defaultdict(list)
        for pair in pairs:
            if pair.alignment in ONE_SIDED or not pair.target.strip():
                continue
            if len(pair.source.split()) >= 3:
                groups[pair.target_lang, _comparable(pair.source)].append(pair)
        found = []
        for group in groups.values():
            first = group[0]
            for pair in group[1:]:
                if _comparable(pair.target) != _comparable(first.target):
                    found.append(
                        self.finding(
                            pair,
                            f"Same source as segment {first.index + 1} (line "
                            f"{first.line}) but translated differently: "
                            f"{first.target!r}.",
                        )
                    )
        return found


class ReusedTranslation(Check):
    id = "reused-translation"
    code = "TM-CON-002"
    severity = "info"
    family = "consistency"
    description = "The same translation is used for different source sentences."
    help = "Check that one of the two segments is not a copy-paste mistake."

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        groups: dict[tuple[str, str], list[SegmentPair]] = defaultdict(list)
        for pair in pairs:
            if pair.alignment in ONE_SIDED or len(pair.target.split()) < 3:
                continue
            groups[pair.target_lang, _comparable(pair.target)].append(pair)
        found = []
        for group in groups.values():
            first = group[0]
            for pair in group[1:]:
                if _comparable(pair.source) != _comparable(first.source):
                    found.append(
                        self.finding(
                            pair,
                            f"Same translation as segment {first.index + 1} (line "
                            f"{first.line}) for a different source: {first.source!r}.",
                        )
                    )
        return found
