"""Punctuation and form: quotes and brackets paired (local styles), end punctuation,
whitespace, repeated words, invisible or corrupt characters."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair


def quotes_balanced(text: str) -> bool:
    """True when the double quotes of ``text`` pair up in any usual style.

    Styles: ``„…“``, ``„…”`` and ``„…"`` (bs/hr/sr), ``»…«`` and ``«…»``, ``“…”``,
    ``"…"``. Each ``„`` needs one of ``“ ” "`` to close it; the remaining closers
    pair with each other; guillemets pair with each other.
    """
    low = text.count("„")
    closers = text.count("“") + text.count("”") + text.count('"')
    if closers < low or (closers - low) % 2:
        return False
    return text.count("»") == text.count("«")


_SINGLE_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[„“\"—–-]))['‘‚’](?=\S)")
_SINGLE_CLOSE_RE = re.compile(r"(?<=\S)['’‘](?=$|[\s.,;:!?)\]\"”“»])")
_POSSESSIVE_RE = re.compile(r"(?<=s)['’](?=$|[\s.,;:!?)])")


def single_quotes_balanced(text: str) -> bool:
    """True when single quotation marks pair up; apostrophes (don't, boys') do not
    count."""
    opens = len(_SINGLE_OPEN_RE.findall(text))
    closes = len(_SINGLE_CLOSE_RE.findall(text))
    if opens == closes:
        return True
    return opens < closes <= opens + len(_POSSESSIVE_RE.findall(text))


def brackets_balanced(text: str) -> bool:
    """True when round and square brackets open and close in order."""
    if not any(char in text for char in "()[]"):
        return True
    depth = {"(": 0, "[": 0}
    closing = {")": "(", "]": "["}
    for char in text:
        if char in depth:
            depth[char] += 1
        elif char in closing:
            depth[closing[char]] -= 1
            if depth[closing[char]] < 0:
                return False
    return all(value == 0 for value in depth.values())


class QuoteMismatch(SegmentCheck):
    id = "quotes"
    code = "TM-PUN-001"
    severity = "warning"
    family = "punctuation"
    description = "Quotation marks in the target do not pair up."
    help = "Close every quotation: „…“ (or „…”, »…«) in bs/hr/sr."

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        """Targets whose quotes do not pair, except where they pair together with
        a neighbour's whose source is balanced: one quotation the translation
        splits over two sentences differently from the source."""
        found = super().run(pairs, ctx)
        if not found:
            return found
        position = {(p.path, p.index): i for i, p in enumerate(pairs)}
        kept = []
        for finding in found:
            i = position[(finding.path, finding.segment)]
            before = pairs[i - 1] if i > 0 else None
            after = pairs[i + 1] if i + 1 < len(pairs) else None
            if any(
                n is not None
                and n.path == finding.path
                and not quotes_balanced(n.target)
                and quotes_balanced(n.source)  # the split is the target's own
                and quotes_balanced(
                    f"{n.target} {pairs[i].target}"
                    if n is before
                    else f"{pairs[i].target} {n.target}"
                )
                for n in (before, after)
            ):
                continue
            kept.append(finding)
        return kept

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        if quotes_balanced(pair.target):
            return []
        if not quotes_balanced(pair.source) or not single_quotes_balanced(pair.source):
            return []  # a quotation running over several segments
        return [self.finding(pair, "Quotation marks in the target do not pair up.")]


class BracketMismatch(SegmentCheck):
    id = "brackets"
    code = "TM-PUN-003"
    severity = "warning"
    family = "punctuation"
    description = "Brackets in the target do not pair up."
    help = "Close every bracket that is opened."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        if brackets_balanced(pair.target) or not brackets_balanced(pair.source):
            return []
        return [self.finding(pair, "Brackets in the target do not pair up.")]


_END_CLASSES = {"?": "?", "!": "!", ":": ":", "…": "…", ".": ".", ";": "."}
_TRAILING = "\"'”’“»«)] "


def _end_class(text: str) -> str:
    stripped = text.rstrip(_TRAILING)
    if stripped.endswith("..."):
        return "…"
    return _END_CLASSES.get(stripped[-1:], "") if stripped else ""


class EndPunctuation(SegmentCheck):
    id = "end-punctuation"
    code = "TM-PUN-002"
    severity = "info"
    family = "punctuation"
    description = "The target ends with different punctuation than the source."
    help = "End the target as the source ends (question, exclamation, colon)."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        source, target = _end_class(pair.source), _end_class(pair.target)
        if source == target or {source, target} <= {".", ""}:
            return []
        return [
            self.finding(
                pair,
                f"Source ends with {source or 'no punctuation'!r}, target with "
                f"{target or 'no punctuation'!r}.",
            )
        ]


_DOUBLE_SPACE_RE = re.compile(r"(?<=\S)  +(?=\S)")


class Whitespace(SegmentCheck):
    id = "whitespace"
    code = "TM-WSP-001"
    severity = "info"
    family = "punctuation"
    description = "Double spaces, or leading/trailing whitespace unlike the source's."
    help = "Use single spaces; keep leading and trailing whitespace as in the source."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        found = []
        if not _DOUBLE_SPACE_RE.search(pair.source):
            for match in _DOUBLE_SPACE_RE.finditer(pair.target):
                found.append(
                    self.finding(pair, "Double space in the target.", span=match.span())
                )
        for name, strip in (("leading", str.lstrip), ("trailing", str.rstrip)):
            source_ws = len(pair.source) != len(strip(pair.source))
            target_ws = len(pair.target) != len(strip(pair.target))
            if source_ws != target_ws:
                found.append(
                    self.finding(
                        pair, f"The {name} whitespace differs from the source's."
                    )
                )
        return found


_WORD_SPAN_RE = re.compile(r"[^\W\d_]{2,}|\S")


def repeated_words(text: str) -> list[tuple[str, int, int]]:
    """Words written twice in a row (case-insensitive), with the span of the pair."""
    found = []
    previous: re.Match[str] | None = None
    for match in _WORD_SPAN_RE.finditer(text):
        if (
            previous is not None
            and len(match.group()) > 1
            and match.group().lower() == previous.group().lower()
            and text[previous.end() : match.start()].isspace()
        ):
            found.append((match.group(), previous.start(), match.end()))
        previous = match
    return found


_FAST_WORD_RE = re.compile(r"\w+")


class RepeatedWord(SegmentCheck):
    id = "repeated-word"
    code = "TM-REP-001"
    severity = "warning"
    family = "punctuation"
    description = "The same word twice in a row in the target."
    help = "Delete the repeated word."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        lowered = _FAST_WORD_RE.findall(pair.target.lower())
        if all(a != b for a, b in zip(lowered, lowered[1:], strict=False)):
            return []  # fast path: no word follows itself
        repeats = repeated_words(pair.target)
        if not repeats:
            return []
        in_source = {word.lower() for word, _, _ in repeated_words(pair.source)}
        return [
            self.finding(
                pair, f"Repeated word {word!r}: delete one.", span=(start, end)
            )
            for word, start, end in repeats
            if word.lower() not in in_source
        ]


#: UTF-8 read as Latin-1/Windows-1252: Ä‡ (ć), Å¡ (š), Å¾ (ž), Ä (č), â€œ (“), Ã© (é).
_MOJIBAKE_RE = re.compile(
    r"[ÃÄÅÐÑ][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    r"\u02c6\u02dc\u2020\u2021\u2026\u2030\u20ac\u2122]"
    r"|â€[\u0080-\u00bf\u2018-\u203a\u0153\u0161\u017e\u2122\u20ac\"]"
    r"|\ufffd"
)
_INVISIBLE_RE = re.compile(
    r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u200c\u200d\u2060\ufeff\u00ad]"
)


class CorruptCharacters(SegmentCheck):
    id = "corrupt-characters"
    code = "TM-CHR-001"
    severity = "error"
    family = "punctuation"
    description = "Mojibake (Ä‡ for ć), replacement, control or zero-width characters."
    help = (
        "Re-save the text as UTF-8 and retype the damaged letters; remove invisible "
        "characters."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        found = []
        for match in _MOJIBAKE_RE.finditer(pair.target):
            if match.group() in pair.source:
                continue
            found.append(
                self.finding(
                    pair,
                    f"Corrupt characters {match.group()!r} (text decoded with the "
                    "wrong encoding): retype them.",
                    span=match.span(),
                )
            )
        for match in _INVISIBLE_RE.finditer(pair.target):
            if match.group() in pair.source:
                continue
            found.append(
                self.finding(
                    pair,
                    f"Invisible character U+{ord(match.group()):04X} in the target: "
                    "remove it.",
                    span=match.span(),
                )
            )
        return found
