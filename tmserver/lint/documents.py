"""Bilingual announcements as lint input, and length-based sentence alignment inside
one segment (pure core).

Announcements go through the project's reader, language split and aligner
(:mod:`tmserver.build.announcement`); every alignment link becomes a segment pair, and a
sentence with no counterpart (``source-only``/``target-only``) or merged sentences
(``n-m``) keep that shape so the completeness checks report them.

:func:`align_lengths` and :func:`split_uneven_beads` are a small Gale–Church style
aligner for the sentences of one segment (the dropped-sentence check).
"""

from __future__ import annotations

import math

from tmserver.build.announcement import AlignedDocument
from tmserver.build.announcement import align_document
from tmserver.lint.findings import SegmentPair

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


def _better_alone(target: int, alone: int, both: int, margin: float = 0.15) -> bool:
    """The lone sentence explains the other side's length clearly better than both."""
    if not _fits(target, alone):
        return False
    miss_alone = abs(math.log(max(1, target) / max(1, alone)))
    miss_both = abs(math.log(max(1, target) / max(1, both)))
    return miss_alone + margin < miss_both


def split_uneven_beads(
    beads: list[tuple[int, int, int, int]],
    source: list[int],
    target: list[int],
    *,
    margin: float = 0.15,
) -> list[tuple[int, int, int, int]]:
    """Turn a 2-1 (1-2) bead whose lone side fits one sentence far better than both
    into a 1-1 bead plus a one-sided one: a dropped (added) sentence, not a merge."""
    out: list[tuple[int, int, int, int]] = []
    for i, di, j, dj in beads:
        if di == 2 and dj == 1:
            a, b, t = source[i], source[i + 1], target[j]
            if _better_alone(t, a, a + b, margin):
                out += [(i, 1, j, 1), (i + 1, 1, j + 1, 0)]
                continue
            if _better_alone(t, b, a + b, margin):
                out += [(i, 1, j, 0), (i + 1, 1, j, 1)]
                continue
        if di == 1 and dj == 2:
            s_, a, b = source[i], target[j], target[j + 1]
            if _better_alone(s_, a, a + b, margin):
                out += [(i, 1, j, 1), (i + 1, 0, j + 1, 1)]
                continue
            if _better_alone(s_, b, a + b, margin):
                out += [(i, 0, j, 1), (i, 1, j + 1, 1)]
                continue
        out.append((i, di, j, dj))
    return out


def read_announcement(
    text: str, path: str, *, target_lang: str | None = None
) -> list[SegmentPair]:
    """Pairs of a one-file bilingual announcement (English, then the translation).

    Uses the project's reader, language split and aligner
    (:func:`tmserver.build.announcement.align_document`).
    """
    document = align_document(text.encode("utf-8"), path, lang=target_lang)
    return pairs_from_alignment(document, path, path)


def read_announcement_pair(
    source_text: str,
    target_text: str,
    source_path: str,
    target_path: str,
    *,
    target_lang: str | None = None,
) -> list[SegmentPair]:
    """Pairs of an English file and its translation (target lines of the local file)."""
    document = align_document(
        source_text.encode("utf-8"),
        source_path,
        local_data=target_text.encode("utf-8"),
        local_name=target_path,
        lang=target_lang,
    )
    return pairs_from_alignment(document, source_path, target_path)


def pairs_from_alignment(
    document: AlignedDocument, source_path: str, target_path: str
) -> list[SegmentPair]:
    """One pair per alignment link; one-sided and n-m links keep their shape in
    ``alignment`` so the completeness checks can report them."""
    alignment = document.alignment
    tag = document.variety.tag
    uncertain = document.variety.low_confidence
    pairs: list[SegmentPair] = []
    for link in alignment.links:
        english = [alignment.english[i] for i in link.english]
        local = [alignment.local[i] for i in link.local]
        source_line = document.english[english[0].paragraph].line if english else None
        target_line = document.local[local[0].paragraph].line if local else None
        if not english:
            shape = "target-only"
        elif not local:
            shape = "source-only"
        else:
            shape = "" if link.kind == "1-1" else link.kind
        pairs.append(
            SegmentPair(
                index=len(pairs),
                source=" ".join(s.text for s in english),
                target=" ".join(s.text for s in local),
                source_lang="en",
                target_lang=tag,
                path=target_path if local else source_path,
                line=target_line if target_line is not None else source_line or 1,
                unit_id=str(len(pairs) + 1),
                alignment=shape,
                source_line=source_line,
                variety_uncertain=uncertain,
            )
        )
    return pairs
