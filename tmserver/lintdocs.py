"""Bilingual announcements as lint input: split, segment, align (pure core).

An announcement is one file with the English text followed by its translation, or an
English file and a local file. Paragraphs are paired in order; sentences inside a
paragraph pair are aligned by length (1-1, 1-2, 2-1, 1-0, 0-1). A sentence with no
counterpart becomes a ``source-only``/``target-only`` pair and merged sentences an
``n-m`` pair, which the completeness checks report.

This is a small self-contained aligner so the linter works on its own; the project's
full segmenter/aligner can replace :func:`align_texts` without changing the checks.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tmserver.errors import DocumentError
from tmserver.findings import SegmentPair
from tmserver.lang import detect_script
from tmserver.lang import normalise_tag

_ENGLISH = frozenset(
    "the and of to in is are was were for with that this on by from has have will "
    "said its their be as at an".split()
)
_LOCAL = frozenset(
    "i u je su na za od da se koji koja koje iz sa kao što će bi ili ali te о и у је "
    "су на за од да се".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph: its text, first line (1-based) and character offset in the file."""

    text: str
    line: int


def paragraphs(text: str) -> list[Block]:
    """Non-empty lines as paragraphs (announcements put one paragraph on a line)."""
    blocks = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().strip("\u00a0"):
            blocks.append(Block(line.strip(), number))
    return blocks


def is_english(text: str) -> bool:
    """Whether a paragraph reads as English rather than Bosnian/Croatian/Serbian."""
    if detect_script(text) == "Cyrl":
        return False
    words = [w.lower() for w in _WORD_RE.findall(text)]
    english = sum(w in _ENGLISH for w in words)
    local = sum(w in _LOCAL for w in words) + 2 * sum(
        1 for c in text if c in "čćšžđČĆŠŽĐ"
    )
    return english > local


def split_bilingual(text: str, path: str) -> tuple[list[Block], list[Block]]:
    """English paragraphs and local paragraphs of a one-file announcement.

    The English part is the first run of paragraphs up to the first local one that
    is followed by more local than English text.

    :raises DocumentError: when no local (or no English) part is found.
    """
    blocks = paragraphs(text)
    if not blocks:
        raise DocumentError("empty announcement", location=path)
    flags = [is_english(b.text) for b in blocks]
    best, best_score = None, -math.inf
    for cut in range(1, len(blocks)):
        score = (
            sum(flags[:cut])
            - cut / 2
            + sum(not f for f in flags[cut:])
            - (len(blocks) - cut) / 2
        )
        if score > best_score:
            best, best_score = cut, score
    if best is None:
        raise DocumentError(
            "no translation found after the English text", location=path
        )
    return blocks[:best], blocks[best:]


_SENTENCE_END_RE = re.compile(
    r"(?<=[.!?…])[\"'”’“»)]*\s+(?=[„“\"'«»(]?[A-ZČĆĐŠŽА-ЯЂЈЉЊЋЏ0-9])"
)
_NO_END = frozenset(
    "dr mr mrs ms prof st sv gen no br tel npr tj itd sl god sc ing jr vs etc inc ltd "
    "co gosp gđa dipl mag str".split()
)


def sentences(text: str) -> list[tuple[str, int]]:
    """Sentences of one paragraph with their offsets.

    No break after ordinals and dates (``18.``, ``2018.`` followed by a lower-case or
    month word is kept by the capital-letter rule), abbreviations or initials.
    """
    found = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        before = text[start : match.start()].rstrip("\"'”’“»)")
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        word = last.rstrip(".!?…").lower()
        if last.endswith(".") and (
            word in _NO_END or len(word) == 1 or _ordinal(word, text, match.end())
        ):
            continue
        found.append((text[start : match.start()].strip(), start))
        start = match.end()
    found.append((text[start:].strip(), start))
    return [(s, o) for s, o in found if s]


def _ordinal(word: str, text: str, next_start: int) -> bool:
    """``18.`` before a digit or a month-ish capital stays in its sentence."""
    return word.isdigit() and (
        len(word) <= 2 or text[next_start : next_start + 1].isdigit()
    )


# Alignment by length (Gale & Church style costs, simplified).
_MOVES = ((1, 1, 0.0), (1, 0, 4.5), (0, 1, 4.5), (2, 1, 2.3), (1, 2, 2.3))


def _cost(source: int, target: int) -> float:
    if source == 0 or target == 0:
        return 0.0
    mean = (source + target / 1.05) / 2
    delta = (target - source * 1.05) / math.sqrt(6.8 * max(mean, 1))
    return delta * delta / 2


def align_lengths(
    source: list[int], target: list[int]
) -> list[tuple[int, int, int, int]]:
    """Alignment beads ``(source start, source count, target start, target count)``."""
    n, m = len(source), len(target)
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj, penalty in _MOVES:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                value = cost[i][j] + penalty + _cost(sum(source[i:a]), sum(target[j:b]))
                if value < cost[a][b]:
                    cost[a][b], back[a][b] = value, (di, dj)
    beads = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]  # type: ignore[misc]
        i, j = i - di, j - dj
        beads.append((i, di, j, dj))
    return beads[::-1]


def _fits(target: int, source: int) -> bool:
    return 0.7 <= target / max(1, source) <= 1.45


def _better_alone(target: int, alone: int, both: int) -> bool:
    """The lone sentence explains the other side's length clearly better than both."""
    if not _fits(target, alone):
        return False
    miss_alone = abs(math.log(max(1, target) / max(1, alone)))
    miss_both = abs(math.log(max(1, target) / max(1, both)))
    return miss_alone + 0.15 < miss_both


def split_uneven_beads(
    beads: list[tuple[int, int, int, int]], source: list[int], target: list[int]
) -> list[tuple[int, int, int, int]]:
    """Turn a 2-1 (1-2) bead whose lone side fits one sentence far better than both
    into a 1-1 bead plus a one-sided one: a dropped (added) sentence, not a merge."""
    out: list[tuple[int, int, int, int]] = []
    for i, di, j, dj in beads:
        if di == 2 and dj == 1:
            a, b, t = source[i], source[i + 1], target[j]
            if _better_alone(t, a, a + b):
                out += [(i, 1, j, 1), (i + 1, 1, j + 1, 0)]
                continue
            if _better_alone(t, b, a + b):
                out += [(i, 1, j, 0), (i + 1, 1, j, 1)]
                continue
        if di == 1 and dj == 2:
            s_, a, b = source[i], target[j], target[j + 1]
            if _better_alone(s_, a, a + b):
                out += [(i, 1, j, 1), (i + 1, 0, j + 1, 1)]
                continue
            if _better_alone(s_, b, a + b):
                out += [(i, 0, j, 1), (i, 1, j + 1, 1)]
                continue
        out.append((i, di, j, dj))
    return out


def align_texts(
    english: list[Block],
    local: list[Block],
    *,
    path: str,
    target_lang: str,
    target_path: str | None = None,
) -> list[SegmentPair]:
    """Align paragraphs, then sentences, into segment pairs with line numbers."""
    pairs: list[SegmentPair] = []
    para_beads = align_lengths(
        [len(b.text) for b in english], [len(b.text) for b in local]
    )
    for s_start, s_count, t_start, t_count in para_beads:
        source_sents = [
            (text, block.line)
            for block in english[s_start : s_start + s_count]
            for text, _ in sentences(block.text)
        ]
        target_sents = [
            (text, block.line)
            for block in local[t_start : t_start + t_count]
            for text, _ in sentences(block.text)
        ]
        source_lengths = [len(s) for s, _ in source_sents]
        target_lengths = [len(t) for t, _ in target_sents]
        beads = split_uneven_beads(
            align_lengths(source_lengths, target_lengths),
            source_lengths,
            target_lengths,
        )
        for i, di, j, dj in beads:
            src = source_sents[i : i + di]
            tgt = target_sents[j : j + dj]
            alignment = (
                ""
                if di == dj == 1
                else (
                    "source-only"
                    if dj == 0
                    else "target-only"
                    if di == 0
                    else f"{di}-{dj}"
                )
            )
            line = tgt[0][1] if tgt else src[0][1]
            pairs.append(
                SegmentPair(
                    index=len(pairs),
                    source=" ".join(s for s, _ in src),
                    target=" ".join(t for t, _ in tgt),
                    source_lang="en",
                    target_lang=target_lang,
                    path=target_path if (tgt and target_path) else path,
                    line=line,
                    unit_id=str(len(pairs) + 1),
                    alignment=alignment,
                    source_line=src[0][1] if src else None,
                )
            )
    return pairs


def guess_target_lang(text: str) -> str:
    """The local variety of ``text`` when nothing says it: script, then markers."""
    from tmserver.checks.script import variety_markers  # the marker tables live there

    if detect_script(text) == "Cyrl":
        return "sr-Cyrl"
    markers = variety_markers(text)
    hr = len(markers.get("hr", ())) + len(markers.get("month-hr", ()))
    ekavian = len(markers.get("ekavian", ())) + len(markers.get("month-sr", ()))
    other = len(markers.get("not-hr", ()))
    if hr > other and hr > ekavian:
        return "hr"
    if ekavian > len(markers.get("ijekavian", ())):
        return "sr-Latn"
    return "bs"


def read_announcement(
    text: str, path: str, *, target_lang: str | None = None
) -> list[SegmentPair]:
    """Pairs of a one-file bilingual announcement."""
    english, local = split_bilingual(text, path)
    lang = (
        normalise_tag(target_lang)
        if target_lang
        else guess_target_lang(" ".join(b.text for b in local))
    )
    if lang == "sr":
        lang = normalise_tag("sr", " ".join(b.text for b in local))
    return align_texts(english, local, path=path, target_lang=lang)


def read_announcement_pair(
    source_text: str,
    target_text: str,
    source_path: str,
    target_path: str,
    *,
    target_lang: str | None = None,
) -> list[SegmentPair]:
    """Pairs of an English file and its local translation (lines of the local file)."""
    english, local = paragraphs(source_text), paragraphs(target_text)
    if not english or not local:
        raise DocumentError(
            "empty announcement", location=source_path if not english else target_path
        )
    lang = (
        normalise_tag(target_lang, target_text)
        if target_lang
        else guess_target_lang(target_text)
    )
    return align_texts(
        english, local, path=source_path, target_lang=lang, target_path=target_path
    )
