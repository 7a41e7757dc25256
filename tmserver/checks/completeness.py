"""Completeness: empty, untranslated, missing or added sentences, length out of range."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tmserver.checks.base import Check
from tmserver.checks.base import LintContext
from tmserver.checks.base import SegmentCheck
from tmserver.findings import Finding
from tmserver.findings import SegmentPair
from tmserver.stemming import words

_ENGLISH_WORDS = frozenset(
    "the and of to is are was were have has had this that with for from which will "
    "would been their they it its by be on an at as not but or who said".split()
)


class EmptyTarget(Check):
    id = "empty-target"
    code = "TM-EMP-001"
    severity = "error"
    family = "completeness"
    description = "Target is empty or whitespace only."
    help = "Translate the segment, or remove it from the release."

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        return [
            self.finding(pair, "Target is empty: translate the segment.")
            for pair in pairs
            if pair.alignment == "" and pair.source.strip() and not pair.target.strip()
        ]


class Untranslated(SegmentCheck):
    id = "untranslated"
    code = "TM-SRC-001"
    severity = "warning"
    family = "completeness"
    description = "Target is the English source, or reads as English."
    help = "Translate the text; names, numbers and URLs alone may stay as they are."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        if (
            " ".join(pair.source.split()).lower()
            == " ".join(pair.target.split()).lower()
        ):
            if len(_content_words(pair, ctx)) >= 3:
                return [
                    self.finding(
                        pair, "Target is identical to the source: translate it."
                    )
                ]
            return []
        target_words = pair.target.lower().split()
        english = sum(1 for w in target_words if w in _ENGLISH_WORDS)
        if english >= 3 and english >= 0.2 * len(target_words):
            return [
                self.finding(
                    pair,
                    f"Target reads as English ({english} English function words): "
                    "translate it.",
                )
            ]
        return []


_LOWER_WORD_RE = re.compile(r"[^\W\d_]+")


def _content_words(pair: SegmentPair, ctx: LintContext) -> list[str]:
    """Lower-case words of the source outside placeables (names are capitalised)."""
    text = pair.source
    for placeable in reversed(ctx.placeables(pair)[0]):
        text = text[: placeable.start] + " " + text[placeable.end :]
    return [w for w in words(text) if len(w) > 1 and not w[0].isupper()]


class MissingSentence(Check):
    id = "missing-sentence"
    code = "TM-ALN-001"
    severity = "error"
    family = "completeness"
    description = "A source sentence has no translation in the target text."
    help = "Translate the sentence, or check whether it was merged into a neighbour."

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        return [
            self.finding(
                pair,
                "Source sentence has no counterpart in the translation: translate it.",
                side="source",
            )
            for pair in pairs
            if pair.alignment == "source-only" and _has_words(pair.source)
        ]


class AddedSentence(Check):
    id = "added-sentence"
    code = "TM-ALN-002"
    severity = "warning"
    family = "completeness"
    description = "A target sentence has no counterpart in the source."
    help = "Remove the added sentence, or add it to the English source."

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        return [
            self.finding(pair, "Target sentence has no counterpart in the source.")
            for pair in pairs
            if pair.alignment == "target-only" and _has_words(pair.target)
        ]


def _has_words(text: str) -> bool:
    return len(words(text)) >= 2


class MergedSentences(Check):
    id = "merged-sentences"
    code = "TM-ALN-003"
    severity = "info"
    family = "completeness"
    description = "Several sentences on one side align with one on the other."
    help = "Usually fine; check that nothing was left out of the merged sentence."

    _ALIGN_RE = re.compile(r"^(\d+)-(\d+)$")

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        found = []
        for pair in pairs:
            match = self._ALIGN_RE.match(pair.alignment)
            if match and match.group(1) != match.group(2):
                found.append(
                    self.finding(
                        pair,
                        f"{match.group(1)} source sentence(s) align with "
                        f"{match.group(2)} target sentence(s).",
                    )
                )
        return found


class DroppedSentence(SegmentCheck):
    id = "dropped-sentence"
    code = "TM-ALN-004"
    severity = "warning"
    family = "completeness"
    description = "Target has fewer sentences than the source and is much shorter."
    help = "A sentence of the source seems to be missing from the translation."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        source_count = count_sentences(pair.source, pair.source_lang)
        if source_count < 2:
            return []
        target_count = count_sentences(pair.target, pair.target_lang)
        ratio = len(pair.target) / max(1, len(pair.source))
        if target_count < source_count and ratio < 0.8:
            return [
                self.finding(
                    pair,
                    f"Source has {source_count} sentences, target {target_count} and "
                    f"is {ratio:.0%} as long: a sentence may be missing.",
                )
            ]
        return []


class LengthRatio(SegmentCheck):
    id = "length-ratio"
    code = "TM-LEN-001"
    severity = "warning"
    family = "completeness"
    description = "Target much shorter or longer than translations usually are."
    help = "Check for left-out or added text."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        minimum = ctx.config.length_ratio_min_chars
        if len(pair.source) < minimum or len(pair.target) < 1:
            return []
        low, high = ctx.config.length_ratio_bounds
        bounds = getattr(ctx.memory, "ratio_bounds", None)
        learned = bounds(pair.source_lang, pair.target_lang) if bounds else None
        if learned:
            low, high = min(low, learned[0]), max(high, learned[1])
        if len(pair.source) < 60:  # short segments vary more
            low, high = low * 0.8, high * 1.25
        ratio = len(pair.target) / len(pair.source)
        if ratio < low or ratio > high:
            return [
                self.finding(
                    pair,
                    f"Target is {ratio:.0%} of the source length (usual: "
                    f"{low:.0%}–{high:.0%}): check for left-out or added text.",
                )
            ]
        return []


#: A sentence ends at . ! ? … followed by space and an upper-case letter (or a quote
#: and one), unless the full stop belongs to an ordinal, a date, an initial or an
#: abbreviation. A simple counter; the aligner's segmenter does the full job.
_BOUNDARY_RE = re.compile(
    r"(?<=[.!?…])[\"'”’“»)]*\s+(?=[„“\"'«»(]?[A-ZČĆĐŠŽА-ЯЂЈЉЊЋЏ])"
)
_NO_END = frozenset(
    "dr mr mrs ms prof st sv gen no br tel npr tj itd sl god mr sc ing jr sr vs etc "
    "inc ltd co gosp gđa gđica dipl mag str".split()
)


def count_sentences(text: str, lang: str) -> int:
    """How many sentences ``text`` has (at least 1 for non-empty text)."""
    count = 1
    for match in _BOUNDARY_RE.finditer(text):
        before = text[: match.start()].rstrip("\"'”’“»)")
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        word = last.rstrip(".!?…").lower()
        if last.endswith(".") and (word in _NO_END or word.isdigit() or len(word) == 1):
            continue
        count += 1
    return count
