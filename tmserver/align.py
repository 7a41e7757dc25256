"""Sentence alignment of the English and local halves of an announcement (pure core).

Two passes of one dynamic program:

1. paragraphs are aligned (beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2) on character length
   and lexical anchors;
2. sentences are aligned inside the aligned paragraphs, in a band that also lets a
   sentence pair across the seam of two neighbouring paragraph pairs (a translator
   who moved a sentence into the previous paragraph), at a small cost.

A bead's cost is Gale-Church's (−log prior of the bead type, −log probability of
the length difference under a normal model) minus a bonus for every lexical anchor
(:mod:`tmserver.anchors`) both sides share, plus a penalty for every number, address
or date only one side has (names and cognates are often translated or dropped, so
their absence costs nothing). Every link
gets a confidence in [0, 1] from its own bead cost.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tmserver.anchors import STRONG_KINDS
from tmserver.anchors import anchors
from tmserver.errors import AlignmentError
from tmserver.segment import NONFINAL_ABBREVIATIONS
from tmserver.segment import OPENERS
from tmserver.segment import split_sentences

#: Bead shapes (English count, local count) with Gale & Church's prior probabilities;
#: 3-1 and 1-3 cover a translator merging three sentences.
BEAD_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.089,
    (1, 2): 0.089,
    (2, 2): 0.011,
    (3, 1): 0.005,
    (1, 3): 0.005,
}
PARAGRAPH_BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Tunable constants of the cost model (defaults measured on announcements-dev).

    ``variance`` is Gale-Church's s² (6.8); the expected local/English length ratio
    is estimated per document. ``anchor_bonus``/``anchor_penalty`` are in nats per
    shared/unshared anchor; ``seam_penalty`` is charged when a bead pairs sentences
    of two different paragraph pairs; ``confidence_midpoint`` is the bead cost at
    which a link's confidence is 0.5.
    """

    variance: float = 6.8
    anchor_bonus: float = 2.0
    anchor_penalty: float = 0.7
    cognate_bonus: float = 0.7
    orphan_penalty: float = 3.0
    seam_penalty: float = 1.5
    band: int = 1
    confidence_midpoint: float = 6.0
    confidence_slope: float = 0.8


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one half: paragraph index in that half, index in the paragraph,
    and ``[start, end)`` offsets in the paragraph's text."""

    text: str
    paragraph: int
    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Link:
    """One bead: English and local sentence indices (into the halves' sentence
    lists; either may be empty for an unaligned sentence) and a confidence."""

    english: tuple[int, ...]
    local: tuple[int, ...]
    confidence: float

    @property
    def kind(self) -> str:
        """The bead shape, e.g. ``"1-2"``."""
        return f"{len(self.english)}-{len(self.local)}"


@dataclass(frozen=True, slots=True)
class Alignment:
    """Both halves as sentences and every bead between them, in order."""

    english: tuple[Sentence, ...]
    local: tuple[Sentence, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class _Item:
    length: int
    anchors: frozenset[str]


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
    """Align two halves given as paragraphs: paragraphs first, then sentences.

    :raises AlignmentError: when either half has no sentence.
    """
    params = params or AlignParams()
    en_sentences, en_par = split_half(english, english_lang)
    lo_sentences, lo_par = split_half(local, local_lang)
    if not en_sentences or not lo_sentences:
        raise AlignmentError("nothing to align on one side", location=location or None)
    en_items = [_item(s.text, english=True) for s in en_sentences]
    lo_items = [_item(s.text, english=False) for s in lo_sentences]
    ratio = sum(i.length for i in lo_items) / max(1, sum(i.length for i in en_items))
    en_groups, lo_groups = _paragraph_groups(
        en_items, en_par, len(english), lo_items, lo_par, len(local), ratio, params
    )
    beads = _align_dp(
        en_items,
        lo_items,
        ratio,
        params,
        BEAD_PRIORS,
        groups=(en_groups, lo_groups),
    )
    pieces = [
        _refine(en_sentences[i0:i1], lo_sentences[j0:j1], cost, ratio, params)
        for (i0, i1, j0, j1), cost in beads
    ]
    return _assemble([piece for group in pieces for piece in group], params)


_WEAK_CUT_RE = re.compile(
    r"(?<=[.!?…:;])([\"'”’“»«)\]]*)\s+(?=[\"„“»«(]?[A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ0-9])"
    r"|()\s+(?=[„“»«][A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ])"
)
_Piece = tuple[list[Sentence], list[Sentence], float]


def weak_cuts(sentence: Sentence) -> list[tuple[Sentence, Sentence]]:
    """Ways to cut a sentence in two where the segmenter chose not to: after a
    colon or an ambiguous abbreviation (``U.S. Rosa``), before an opening quote
    that follows a missing full stop. Known titles and initials never cut."""
    cuts = []
    for match in _WEAK_CUT_RE.finditer(sentence.text):
        head = sentence.text[: match.start()]
        last_word = head.rsplit(None, 1)[-1] if head.strip() else ""
        if last_word.endswith(".") and _is_title_or_initial(last_word[:-1]):
            continue
        end = match.end(1) if match.group(1) is not None else match.start()
        cuts.append((_cut(sentence, 0, end), _cut(sentence, match.end(), len(sentence.text))))
    return cuts


def _is_title_or_initial(word: str) -> bool:
    key = word.lstrip(OPENERS).lower()
    return len(key) == 1 or any(key in table for table in NONFINAL_ABBREVIATIONS.values())


def _refine(
    en: list[Sentence],
    lo: list[Sentence],
    cost: float,
    ratio: float,
    params: AlignParams,
) -> list[_Piece]:
    """Split a 1-2, 2-1 or 1-1 bead into two 1-1 beads at a weak boundary of the
    lone sentence(s) when the two halves fit the other side better (length and
    anchors) than the bead as it is."""
    shape = (len(en), len(lo))
    if shape == (1, 2):
        options = [([a, b], lo) for a, b in weak_cuts(en[0])]
    elif shape == (2, 1):
        options = [(en, [a, b]) for a, b in weak_cuts(lo[0])]
    elif shape == (1, 1):
        options = [
            ([a, b], [c, d]) for a, b in weak_cuts(en[0]) for c, d in weak_cuts(lo[0])
        ]
    else:
        return [(en, lo, cost)]
    one_one = -math.log(BEAD_PRIORS[(1, 1)])
    best: list[_Piece] = [(en, lo, cost)]
    best_cost = cost
    for english, local in options:
        costs = [
            one_one
            + _bead_cost(
                [_item(e.text, english=True)], [_item(f.text, english=False)], ratio, params
            )
            for e, f in zip(english, local, strict=True)
        ]
        if sum(costs) < best_cost:
            best_cost = sum(costs)
            best = [([e], [f], c) for e, f, c in zip(english, local, costs, strict=True)]
    return best


def _cut(sentence: Sentence, start: int, end: int) -> Sentence:
    text = sentence.text[start:end]
    return Sentence(
        text, sentence.paragraph, sentence.index, sentence.start + start, sentence.start + end
    )


def _assemble(pieces: list[_Piece], params: AlignParams) -> Alignment:
    """Number the (possibly refined) sentences and build the links."""
    english: list[Sentence] = []
    local: list[Sentence] = []
    links = []
    for en, lo, cost in pieces:
        en_ids = tuple(range(len(english), len(english) + len(en)))
        lo_ids = tuple(range(len(local), len(local) + len(lo)))
        english.extend(en)
        local.extend(lo)
        links.append(Link(en_ids, lo_ids, _confidence(cost, len(en), len(lo), params)))
    return Alignment(_renumber(english), _renumber(local), tuple(links))


def _renumber(sentences: list[Sentence]) -> tuple[Sentence, ...]:
    """Index sentences within their paragraph again (after refinement splits)."""
    result = []
    for k, sentence in enumerate(sentences):
        previous = sentences[k - 1] if k else None
        same = previous is not None and previous.paragraph == sentence.paragraph
        index = result[-1].index + 1 if same else 0
        result.append(
            Sentence(sentence.text, sentence.paragraph, index, sentence.start, sentence.end)
        )
    return tuple(result)


def _item(text: str, *, english: bool) -> _Item:
    return _Item(len(text), anchors(text, english=english))


def _merge(items: Sequence[_Item]) -> _Item:
    if len(items) == 1:
        return items[0]
    anchors_ = frozenset().union(*(i.anchors for i in items))
    return _Item(sum(i.length for i in items) + len(items) - 1, anchors_)


def _paragraph_groups(
    en_items: list[_Item],
    en_par: list[int],
    n_en_par: int,
    lo_items: list[_Item],
    lo_par: list[int],
    n_lo_par: int,
    ratio: float,
    params: AlignParams,
) -> tuple[list[int], list[int]]:
    """Align paragraphs; return the paragraph-pair number of every sentence."""
    en_paras = _paragraph_items(en_items, en_par, n_en_par)
    lo_paras = _paragraph_items(lo_items, lo_par, n_lo_par)
    priors = {shape: BEAD_PRIORS[shape] for shape in PARAGRAPH_BEADS}
    beads = _align_dp(en_paras, lo_paras, ratio, params, priors)
    en_group = [0] * n_en_par
    lo_group = [0] * n_lo_par
    for number, ((i0, i1, j0, j1), _cost) in enumerate(beads):
        for i in range(i0, i1):
            en_group[i] = number
        for j in range(j0, j1):
            lo_group[j] = number
    return [en_group[p] for p in en_par], [lo_group[p] for p in lo_par]


def _paragraph_items(items: list[_Item], par: list[int], count: int) -> list[_Item]:
    grouped: list[list[_Item]] = [[] for _ in range(count)]
    for item, number in zip(items, par, strict=True):
        grouped[number].append(item)
    return [_merge(g) if g else _Item(0, frozenset()) for g in grouped]


Bead = tuple[tuple[int, int, int, int], float]


def _align_dp(
    en: Sequence[_Item],
    lo: Sequence[_Item],
    ratio: float,
    params: AlignParams,
    priors: dict[tuple[int, int], float],
    groups: tuple[list[int], list[int]] | None = None,
) -> list[Bead]:
    """Best-cost bead sequence; ``groups`` restricts the search to a band of
    neighbouring paragraph pairs and charges beads that cross pairs."""
    n, m = len(en), len(lo)
    prior_cost = {shape: -math.log(p) for shape, p in priors.items()}
    lo_range = _band(n, m, groups, params.band)
    inf = math.inf
    cost = [dict.fromkeys(range(lo_range[i][0], lo_range[i][1] + 1), inf) for i in range(n + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [{} for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        row = cost[i]
        for j in range(lo_range[i][0], lo_range[i][1] + 1):
            if i == j == 0:
                continue
            best, best_step = inf, None
            for (di, dj), prior in prior_cost.items():
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                previous = cost[pi].get(pj, inf)
                if previous == inf:
                    continue
                bead = prior + _bead_cost(en[pi:i], lo[pj:j], ratio, params)
                if groups and di and dj and groups[0][pi] != groups[1][pj]:
                    bead += params.seam_penalty
                if previous + bead < best:
                    best, best_step = previous + bead, (di, dj, bead)
            if best_step is not None:
                row[j] = best
                back[i][j] = best_step
    if cost[n].get(m, inf) == inf:
        raise AlignmentError("no alignment path found")
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj, bead = back[i][j]
        beads.append(((i - di, i, j - dj, j), bead))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _band(
    n: int, m: int, groups: tuple[list[int], list[int]] | None, width: int
) -> list[tuple[int, int]]:
    """For each English position, the range of local positions the DP visits."""
    if not groups:
        return [(0, m)] * (n + 1)
    en_group, lo_group = groups
    ranges = []
    for i in range(n + 1):
        group = en_group[min(i, n - 1)] if n else 0
        allowed = [j for j in range(m + 1) if abs(lo_group[min(j, m - 1)] - group) <= width]
        low = min(allowed, default=0)
        high = max(allowed, default=m)
        if i == 0:
            low = 0
        if i == n:
            high = m
        ranges.append((low, high))
    return ranges


def _bead_cost(
    en: Sequence[_Item], lo: Sequence[_Item], ratio: float, params: AlignParams
) -> float:
    if not en or not lo:
        return 0.0
    a, b = _merge(en), _merge(lo)
    cost = _length_cost(a.length, b.length, ratio, params.variance)
    shared = a.anchors & b.anchors
    cognates = sum(1 for x in shared if x[0] == "%")
    unshared = sum(1 for x in a.anchors ^ b.anchors if x[0] in STRONG_KINDS)
    orphans = _orphans(en, b.anchors) + _orphans(lo, a.anchors)
    return (
        cost
        - params.anchor_bonus * (len(shared) - cognates)
        - params.cognate_bonus * cognates
        + params.anchor_penalty * unshared
        + params.orphan_penalty * orphans
    )


def _orphans(items: Sequence[_Item], other: frozenset[str]) -> int:
    """Sentences of a many-side that share none of their (2+) anchors with the
    other side: the mark of a sentence whose translation was dropped."""
    if len(items) < 2:
        return 0
    return sum(1 for i in items if len(i.anchors) >= 2 and not i.anchors & other)


def _length_cost(en_len: int, lo_len: int, ratio: float, variance: float) -> float:
    """−log P(length difference) under Gale & Church's normal model."""
    mean = (en_len + lo_len / ratio) / 2
    if mean <= 0:
        return 0.0
    delta = (lo_len - en_len * ratio) / math.sqrt(mean * variance)
    probability = math.erfc(abs(delta) / math.sqrt(2))
    return -math.log(max(probability, 1e-300))


def _confidence(cost: float, n_en: int, n_lo: int, params: AlignParams) -> float:
    """Map a bead's cost to (0, 1); unaligned sentences get 0."""
    if not n_en or not n_lo:
        return 0.0
    z = params.confidence_slope * (params.confidence_midpoint - cost)
    return round(1 / (1 + math.exp(-z)), 3)
