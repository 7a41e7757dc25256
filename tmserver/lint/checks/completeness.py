"""Completeness: empty, untranslated, missing or added sentences, odd length."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from tmserver.build.segment import split_sentences
from tmserver.lint.checks.base import ONE_SIDED
from tmserver.lint.checks.base import Check
from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.checks.base import in_latin
from tmserver.lint.checks.names import name_present
from tmserver.lint.checks.names import source_names
from tmserver.lint.documents import align_lengths
from tmserver.lint.documents import split_uneven_beads
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
from tmserver.text.stemming import words

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
            english = {w.lower() for w in words(pair.source)} & _IDENTICAL_HINTS
            if english and len(_content_words(pair, ctx)) >= 2:
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


#: Words that show an identical target is English left untranslated (a French
#: quotation or a product name copied over is not).
_IDENTICAL_HINTS = _ENGLISH_WORDS | frozenset(
    "a in not your you our we now more about all new get this above after over up "
    "out into how what why".split()
)
_CLOSERS = "\"'”’“»«) "
_LOWER_WORD_RE = re.compile(r"[^\W\d_]+")


def _content_words(pair: SegmentPair, ctx: LintContext) -> list[str]:
    """Words of the source outside placeables that a translation would change.

    Capitalised words are names, except in a Title Case headline, where every word
    is capitalised: then words of three letters or more count.
    """
    text = pair.source
    for placeable in reversed(ctx.placeables(pair)[0]):
        text = text[: placeable.start] + " " + text[placeable.end :]
    found = [w for w in words(text) if len(w) > 1]
    capitalised = [w for w in found if w[0].isupper()]
    if len(found) >= 3 and len(capitalised) >= 0.7 * len(found):
        return [w for w in found if len(w) >= 3]
    return [w for w in found if not w[0].isupper()]


class MissingSentence(Check):
    id = "missing-sentence"
    code = "TM-ALN-001"
    severity = "error"
    family = "completeness"
    description = "A source sentence has no translation in the target text."
    help = "Translate the sentence, or check whether it was merged into a neighbour."

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        found = []
        for position, pair in enumerate(pairs):
            if pair.alignment != "source-only" or not _has_words(pair.source):
                continue
            host = _merged_into(pairs, position)
            if host is not None:
                finding = self.finding(
                    pair,
                    f"Source sentence seems translated inside target segment "
                    f"{host.index + 1} (merged): check nothing is left out.",
                    side="source",
                )
                found.append(replace(finding, severity="info"))
                continue
            if is_headline(pair.source) or _opens_file(pairs, position):
                finding = self.finding(
                    pair,
                    "English headline has no counterpart in the translation "
                    "(page structure; translate it if the page needs it).",
                    side="source",
                )
                found.append(replace(finding, severity="info"))
                continue
            found.append(
                self.finding(
                    pair,
                    "Source sentence has no counterpart in the translation: "
                    "translate it.",
                    side="source",
                )
            )
        return found


class AddedSentence(Check):
    id = "added-sentence"
    code = "TM-ALN-002"
    severity = "warning"
    family = "completeness"
    description = "A target sentence has no counterpart in the source."
    help = "Remove the added sentence, or add it to the English source."

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        found = []
        for position, pair in enumerate(pairs):
            if pair.alignment != "target-only" or not _has_words(pair.target):
                continue
            finding = self.finding(
                pair, "Target sentence has no counterpart in the source."
            )
            host = _split_from(pairs, position)
            if host is not None:
                finding = replace(
                    finding,
                    severity="info",
                    message=f"Target sentence seems to continue the translation of "
                    f"segment {host.index + 1} (split in two).",
                )
            elif is_headline(pair.target):
                finding = replace(
                    finding,
                    severity="info",
                    message="Target headline has no counterpart in the source.",
                )
            found.append(finding)
        return found


_SENTENCE_END = ".!?…:;"


def _opens_file(pairs: Sequence[SegmentPair], position: int) -> bool:
    """The pair is the first text of its document (its first line, or the first
    pair of the release): the headline of an announcement."""
    pair = pairs[position]
    first = pair.source_line == 1 or position == 0
    return first and len(pair.source.split()) <= 15


def _merged_into(pairs: Sequence[SegmentPair], position: int) -> SegmentPair | None:
    """The neighbouring two-sided pair whose target also translates the source-only
    sentence at ``position`` (an n-1 bead the aligner left as 1-1 plus 1-0)."""
    lone = pairs[position]
    for other in (position - 1, position + 1):
        if not 0 <= other < len(pairs):
            continue
        host = pairs[other]
        if host.alignment in ONE_SIDED or host.path != lone.path:
            continue
        if not host.target.strip() or not host.source.strip():
            continue
        if covers(host.target, host.source, lone.source):
            return host
    return None


def _split_from(pairs: Sequence[SegmentPair], position: int) -> SegmentPair | None:
    """The neighbouring two-sided pair whose source the target-only sentence at
    ``position`` helps translate (one source sentence rendered as two)."""
    lone = pairs[position]
    for other in (position - 1, position + 1):
        if not 0 <= other < len(pairs):
            continue
        host = pairs[other]
        if host.alignment in ONE_SIDED or host.path != lone.path:
            continue
        if not host.target.strip() or not host.source.strip():
            continue
        both = len(host.target) + len(lone.target)
        alone = abs(math.log(len(host.source) / max(1, len(host.target))))
        together = abs(math.log(len(host.source) / both))
        if 0.7 <= both / len(host.source) <= 1.5 and together + 0.1 < alone:
            return host
    return None


def covers(target: str, source: str, extra: str) -> bool:
    """Whether ``target`` translates ``source`` and ``extra`` together: its length
    fits both far better than ``source`` alone, and every name and number of
    ``extra`` is in it (``The said complaint was lodged in Bujanovac.`` inside
    ``…, i to u Bujanovcu.``)."""
    both = len(source) + len(extra)
    if not 0.7 <= len(target) / both <= 1.5:
        return False
    alone = abs(math.log(len(target) / max(1, len(source))))
    short = len(extra) < 40  # too short to move the length ratio much
    if not short and abs(math.log(len(target) / both)) + 0.1 >= alone:
        return False
    return anchors_present(extra, target)


_DIGITS_RE = re.compile(r"\d+")


def anchors_present(sentence: str, target: str) -> bool:
    """Every name and number of an English sentence is in ``target`` (a sentence
    without any counts as present)."""
    latin = in_latin(target)
    words = _LATIN_WORD_RE.findall(latin)
    lowered = latin.lower()
    for name, _, _ in source_names(sentence):
        if not name_present(name, words, lowered):
            return False
    digits = set(_DIGITS_RE.findall(target))
    return all(number in digits for number in _DIGITS_RE.findall(sentence))


_LATIN_WORD_RE = re.compile(r"[^\W\d_]+")


def is_headline(text: str) -> bool:
    """A headline or title line: short and without sentence-final punctuation."""
    stripped = text.rstrip(_CLOSERS)
    return (
        bool(stripped) and stripped[-1] not in _SENTENCE_END and len(text.split()) <= 25
    )


def _has_anchor(text: str) -> bool:
    return bool(source_names(text)) or _DIGITS_RE.search(text) is not None


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
    description = (
        "A sentence of a multi-sentence source has no counterpart in the target."
    )
    help = "A sentence of the source seems to be missing from the translation."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        source = [(s.text, s.start) for s in split_sentences(pair.source, "en")]
        if len(source) < 2:
            return []
        target = [
            (s.text, s.start) for s in split_sentences(pair.target, pair.target_lang)
        ]
        if len(target) >= len(source):
            return []
        source_lengths = [len(text) for text, _ in source]
        target_lengths = [len(text) for text, _ in target]
        beads = split_uneven_beads(
            align_lengths(source_lengths, target_lengths),
            source_lengths,
            target_lengths,
            margin=0.05,
        )
        found = []
        questions = [(t, o) for t, o in source if t.rstrip(_CLOSERS).endswith("?")]
        if len(questions) > sum(t.rstrip(_CLOSERS).endswith("?") for t, _ in target):
            text, offset = questions[0]
            return [
                self.finding(
                    pair,
                    f"Source question {text[:60]!r} seems to have no translation.",
                    span=(offset, offset + len(text)),
                    side="source",
                )
            ]
        overall = len(pair.target) / max(1, len(pair.source))
        explained = False
        for i, di, _, dj in beads:
            if di and not dj:
                text, offset = source[i]
                if len(text) < 20 or len(text.split()) < 3:
                    continue  # too short to tell from a split attribution
                merged = bool(pair.alignment)  # the aligner's own n-m bead
                if (merged or 0.8 <= overall <= 1.4) and _has_anchor(text):
                    if anchors_present(text, pair.target):
                        explained = True
                        continue  # merged into a neighbour: its names are there
                elif merged:
                    explained = True
                    continue  # no names or numbers to tell: trust the aligner
                found.append(
                    self.finding(
                        pair,
                        f"Source sentence {text[:60]!r} seems to have no translation.",
                        span=(offset, offset + len(text)),
                        side="source",
                    )
                )
        ratio = len(pair.target) / max(1, len(pair.source))
        if not found and not explained and ratio < 0.8:
            # Fewer sentences and a much shorter target: a sentence is missing even
            # where lengths alone cannot say which one.
            found.append(
                self.finding(
                    pair,
                    f"Source has {len(source)} sentences, target {len(target)} and is "
                    f"{ratio:.0%} as long: a sentence seems to be missing.",
                )
            )
        return found


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
