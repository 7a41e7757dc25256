"""Sentence alignment of the English and local halves of an announcement (pure core).

Three steps, the first two with one dynamic program (DP):

1. paragraphs are aligned (beads 1-1, 1-0, 0-1, 2-1, 1-2), unless both halves have
   as many paragraphs and every pair is cheap;
2. sentences are aligned (beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, and the rare
   condensed 3-1, 1-3, 4-1, 1-4) inside the paragraph
   pairs, in a band that reaches two sentences into the neighbouring pairs, so a
   sentence a translator moved into the previous paragraph is still paired (at a
   small cost). Runs of easy paragraph pairs (as many sentences on both sides, every
   1-1 pair cheap) skip the DP; that keeps alignment fast;
3. 1-2, 2-1 and 1-1 beads are split into 1-1 beads at a boundary the segmenter did
   not take (``U.S. Rosa``, a colon, a missing full stop) when that fits better;
   a 2-1 or 1-2 bead whose second sentence fits worse than none (it adds length
   the other side lacks) becomes a 1-1 and a 1-0 (or 0-1) bead, and a 1-1 bead
   beside an unaligned sentence that fits it about as well loses confidence
   (which sentence lost its translation is then a guess).

Bead costs and link confidence are in :mod:`tmserver.build.align_model`, the
splitting of step 3 in :mod:`tmserver.build.align_refine`.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import bisect
import collections
import math
from collections.abc import Sequence

from tmserver.build.align_model import BEAD_PRIORS
from tmserver.build.align_model import Alignment
from tmserver.build.align_model import AlignParams
from tmserver.build.align_model import Bead
from tmserver.build.align_model import Item
from tmserver.build.align_model import Link
from tmserver.build.align_model import Sentence
from tmserver.build.align_model import Spans
from tmserver.build.align_model import Vocabulary
from tmserver.build.align_model import make_item
from tmserver.build.align_model import merge_items
from tmserver.build.align_refine import assemble
from tmserver.build.align_refine import refine
from tmserver.build.align_refine import rival_support
from tmserver.build.segment import split_sentences
from tmserver.errors import AlignmentError

__all__ = [
    "Alignment",
    "AlignParams",
    "Link",
    "Sentence",
    "align_paragraphs",
    "align_sentences",
    "split_half",
]

PARAGRAPH_BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))


def split_half(
    paragraphs: Sequence[str], lang: str
) -> tuple[list[Sentence], list[int]]:
    """Segment every paragraph; return the sentences and each one's paragraph."""
    sentences = []
    for number, text in enumerate(paragraphs):
        for index, segment in enumerate(split_sentences(text, lang)):
            sentences.append(
                Sentence(segment.text, number, index, segment.start, segment.end)
            )
    return sentences, [s.paragraph for s in sentences]


def align_paragraphs(
    english: Sequence[str],
    local: Sequence[str],
    english_lang: str = "en",
    local_lang: str = "hr",
    *,
    params: AlignParams | None = None,
    location: str = "",
) -> Alignment:
    """Segment two halves given as paragraphs and align them (see
    :func:`align_sentences`).

    :raises AlignmentError: when either half has no sentence.
    """
    en_sentences, _ = split_half(english, english_lang)
    lo_sentences, _ = split_half(local, local_lang)
    return align_sentences(en_sentences, lo_sentences, params=params, location=location)


def align_sentences(
    en_sentences: Sequence[Sentence],
    lo_sentences: Sequence[Sentence],
    *,
    params: AlignParams | None = None,
    location: str = "",
) -> Alignment:
    """Align two halves given as sentences (with their paragraph numbers):
    paragraphs first, then sentences inside and across neighbouring pairs.

    :raises AlignmentError: when either half has no sentence.
    """
    params = params or AlignParams()
    if not en_sentences or not lo_sentences:
        raise AlignmentError("nothing to align on one side", location=location or None)
    en_par = [s.paragraph for s in en_sentences]
    lo_par = [s.paragraph for s in lo_sentences]
    vocabulary = Vocabulary()
    en_items = [
        make_item(s.text, english=True, vocabulary=vocabulary, paragraph=s.paragraph)
        for s in en_sentences
    ]
    lo_items = [
        make_item(s.text, english=False, vocabulary=vocabulary, paragraph=s.paragraph)
        for s in lo_sentences
    ]
    prior = params.ratio_prior_weight
    ratio = (sum(i.length for i in lo_items) + prior) / (
        sum(i.length for i in en_items) + prior
    )
    en_groups, lo_groups = _paragraph_groups(
        en_items,
        en_par,
        en_par[-1] + 1,
        lo_items,
        lo_par,
        lo_par[-1] + 1,
        ratio,
        params,
    )
    ratio = _group_ratio(en_items, lo_items, en_groups, lo_groups, ratio)
    spans = Spans(en_items, lo_items, ratio, params, vocabulary)
    beads = _align_blocks(spans, en_groups, lo_groups)
    pieces = []
    for (i0, i1, j0, j1), cost in beads:
        en, lo = en_sentences[i0:i1], lo_sentences[j0:j1]
        pieces.extend(refine(list(en), list(lo), (i0, i1, j0, j1), cost, spans))
    return assemble(rival_support(pieces, spans), params)


def _group_ratio(
    en_items: list[Item],
    lo_items: list[Item],
    en_groups: list[int],
    lo_groups: list[int],
    ratio: float,
) -> float:
    """The local/English length ratio as the length-weighted median over the
    paragraph pairs (``ratio``, the whole document's, when there are fewer than
    three): a dropped sentence makes its pair's ratio wrong, not the document's,
    so merges no longer look cheaper than omissions after a few omissions."""
    count = max(en_groups[-1], lo_groups[-1]) + 1
    if count < 3:
        return ratio
    en_length = [0] * count
    lo_length = [0] * count
    for item, group in zip(en_items, en_groups, strict=True):
        en_length[group] += item.length
    for item, group in zip(lo_items, lo_groups, strict=True):
        lo_length[group] += item.length
    pairs = sorted(
        (lo / en, en) for en, lo in zip(en_length, lo_length, strict=True) if en and lo
    )
    if len(pairs) < 3:
        return ratio
    half = sum(weight for _, weight in pairs) / 2
    for value, weight in pairs:
        half -= weight
        if half <= 0:
            return value
    return ratio


def _align_blocks(
    spans: Spans, en_groups: list[int], lo_groups: list[int]
) -> list[Bead]:
    """Sentence beads for the whole document.

    A paragraph pair with as many sentences on both sides, each 1-1 pair cheap
    (below ``params.easy_cost``), is taken as it is when its neighbours are like
    it too (so a wrong paragraph alignment is not trusted); runs of the others go
    through the banded dynamic program together, so sentences can still move
    across their seams. Most paragraphs of a real announcement are easy, which
    keeps alignment fast.
    """
    en_sizes = collections.Counter(en_groups)
    lo_sizes = collections.Counter(lo_groups)
    candidates: list[list[Bead] | None] = []
    i_end = j_end = 0
    for group in range(max(en_groups[-1], lo_groups[-1]) + 1):
        n, m = en_sizes[group], lo_sizes[group]
        candidates.append(_easy_beads(spans, i_end, j_end, n, m))
        i_end, j_end = i_end + n, j_end + m
    beads: list[Bead] = []
    i = j = i_end = j_end = 0  # start of the pending hard run; end of what was read
    for group, easy in enumerate(candidates):
        n, m = en_sizes[group], lo_sizes[group]
        neighbours = candidates[max(0, group - 1) : group + 2]
        if all(c is not None for c in neighbours):
            beads.extend(_run_dp(spans, i, i_end, j, j_end, en_groups, lo_groups))
            beads.extend(easy or [])
            i, j = i_end + n, j_end + m
        i_end, j_end = i_end + n, j_end + m
    beads.extend(_run_dp(spans, i, i_end, j, j_end, en_groups, lo_groups))
    return beads


def _easy_beads(spans: Spans, i0: int, j0: int, n: int, m: int) -> list[Bead] | None:
    """1-1 beads for a paragraph pair when that is clearly right, else None."""
    if n != m or not n:
        return None
    one_one = -math.log(BEAD_PRIORS[(1, 1)])
    beads = []
    for k in range(n):
        cost = one_one + spans.cost(i0 + k, i0 + k + 1, j0 + k, j0 + k + 1)
        if cost > spans.params.easy_cost:
            return None
        beads.append(((i0 + k, i0 + k + 1, j0 + k, j0 + k + 1), cost))
    return beads


def _run_dp(
    spans: Spans,
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    en_groups: list[int],
    lo_groups: list[int],
) -> list[Bead]:
    """The banded dynamic program over sentences ``[i0, i1)`` × ``[j0, j1)``."""
    if i0 == i1 or j0 == j1:
        return [((i, i + 1, j0, j0), 0.0) for i in range(i0, i1)] + [
            ((i1, i1, j, j + 1), 0.0) for j in range(j0, j1)
        ]
    groups = (en_groups[i0:i1], lo_groups[j0:j1])
    beads = _align_dp(spans, BEAD_PRIORS, (i0, i1, j0, j1), groups)
    return [((a + i0, b + i0, c + j0, d + j0), cost) for (a, b, c, d), cost in beads]


def _paragraph_groups(
    en_items: list[Item],
    en_par: list[int],
    n_en_par: int,
    lo_items: list[Item],
    lo_par: list[int],
    n_lo_par: int,
    ratio: float,
    params: AlignParams,
) -> tuple[list[int], list[int]]:
    """Align paragraphs; return the paragraph-pair number of every sentence.

    As many paragraphs on both sides, each pair cheap, are taken pair by pair;
    otherwise a banded dynamic program decides.
    """
    en_paras = _paragraph_items(en_items, en_par, n_en_par)
    lo_paras = _paragraph_items(lo_items, lo_par, n_lo_par)
    spans = Spans(en_paras, lo_paras, ratio, params)
    if _easy_beads(spans, 0, 0, n_en_par, n_lo_par) is not None:
        return en_par, lo_par
    priors = {shape: BEAD_PRIORS[shape] for shape in PARAGRAPH_BEADS}
    beads = _align_dp(spans, priors, (0, n_en_par, 0, n_lo_par))
    en_group = [0] * n_en_par
    lo_group = [0] * n_lo_par
    for number, ((i0, i1, j0, j1), _cost) in enumerate(beads):
        for i in range(i0, i1):
            en_group[i] = number
        for j in range(j0, j1):
            lo_group[j] = number
    return [en_group[p] for p in en_par], [lo_group[p] for p in lo_par]


def _paragraph_items(items: list[Item], par: list[int], count: int) -> list[Item]:
    grouped: list[list[Item]] = [[] for _ in range(count)]
    for item, number in zip(items, par, strict=True):
        grouped[number].append(item)
    return [merge_items(g) if g else Item(0) for g in grouped]


def _align_dp(
    spans: Spans,
    priors: dict[tuple[int, int], float],
    block: tuple[int, int, int, int],
    groups: tuple[list[int], list[int]] | None = None,
) -> list[Bead]:
    """Best-cost bead sequence over English ``[i0, i1)`` × local ``[j0, j1)`` of
    ``spans`` (``block``), in local positions; ``groups`` restricts the search to
    a band around the paragraph pairs and charges beads that pair sentences of
    two pairs.

    A pairing bead is only costed when it could beat the best step found so far:
    its length cost and penalties are never negative, so the previous cost plus
    the prior minus the largest possible anchor bonus is a lower bound."""
    i0, i1, j0, j1 = block
    n, m = i1 - i0, j1 - j0
    params = spans.params
    steps = [(di, dj, -math.log(p)) for (di, dj), p in priors.items()]
    lo_range = _band(n, m, groups, params.band if groups else params.paragraph_band)
    pair_cost = spans.cost
    en_runs, lo_runs = spans.with_condensed_runs().en_runs, spans.lo_runs
    bonus = max(params.anchor_bonus, params.cognate_bonus)
    en_group, lo_group = groups or ([0] * n, [0] * m)
    seam = params.seam_penalty
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float]]] = [[] for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        low, high = lo_range[i]
        back[i] = [(0, 0, 0.0)] * (m + 1)
        row = cost[i]
        for j in range(low, high + 1):
            best, best_step = inf, None
            for di, dj, prior in steps:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                previous = cost[pi][pj]
                if previous == inf:
                    continue
                bead = prior
                if di and dj:
                    a = en_runs[di][i0 + pi]
                    b = lo_runs[dj][j0 + pj]
                    shared = (a.anchors & b.anchors).bit_count()
                    if previous + prior - bonus * shared >= best:
                        continue
                    bead += pair_cost(i0 + pi, i0 + i, j0 + pj, j0 + j)
                    if en_group[pi] != lo_group[pj]:
                        bead += seam
                if previous + bead < best:
                    best, best_step = previous + bead, (di, dj, bead)
            if best_step is not None:
                row[j] = best
                back[i][j] = best_step
    if cost[n][m] == inf:
        raise AlignmentError("no alignment path found")
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj, bead = back[i][j]
        beads.append(((i - di, i, j - dj, j), bead))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _diagonal_band(n: int, m: int, width: int) -> list[tuple[int, int]]:
    """Local positions within ``width`` of the diagonal, for each English position."""
    ranges = []
    for i in range(n + 1):
        centre = round(i * m / n)
        ranges.append((max(0, centre - width), min(m, centre + width)))
    return ranges


def _band(
    n: int, m: int, groups: tuple[list[int], list[int]] | None, width: int
) -> list[tuple[int, int]]:
    """For each English position, the range of local positions the DP visits:
    the local sentences of the same paragraph pair and ``width`` more on each
    side (paragraph-pair numbers never decrease, so each range is contiguous).
    Without groups, a diagonal band of ``width`` plus the length difference."""
    if not n or not m:
        return [(0, m)] * (n + 1)
    if not groups:
        return _diagonal_band(n, m, width + abs(n - m))
    en_group, lo_group = groups
    ranges = []
    for i in range(n + 1):
        group = en_group[min(i, n - 1)]
        low = bisect.bisect_left(lo_group, group) - width
        high = bisect.bisect_right(lo_group, group) + width
        if i == 0:
            low = 0
        if i == n:
            high = m
        ranges.append((max(0, min(low, m)), max(min(high, m), 0)))
    return ranges
