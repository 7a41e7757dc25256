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

import bisect
import collections
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
    straddle_penalty: float = 3.0
    band: int = 1
    easy_cost: float = 3.0
    paragraph_band: int = 3
    capital_cut_margin: float = 0.5
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
    strong: int = 0
    paragraph: int = 0
    heading: bool = False


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
    en_items = [
        _item(s.text, english=True, paragraph=s.paragraph) for s in en_sentences
    ]
    lo_items = [
        _item(s.text, english=False, paragraph=s.paragraph) for s in lo_sentences
    ]
    ratio = sum(i.length for i in lo_items) / max(1, sum(i.length for i in en_items))
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
    beads = _align_blocks(en_items, lo_items, en_groups, lo_groups, ratio, params)
    pieces = [
        _refine(en_sentences[i0:i1], lo_sentences[j0:j1], cost, ratio, params)
        for (i0, i1, j0, j1), cost in beads
    ]
    return _assemble([piece for group in pieces for piece in group], params)


def _align_blocks(
    en: list[_Item],
    lo: list[_Item],
    en_groups: list[int],
    lo_groups: list[int],
    ratio: float,
    params: AlignParams,
) -> list[Bead]:
    """Sentence beads for the whole document.

    A paragraph pair with as many sentences on both sides, each 1-1 pair cheap
    (below ``params.easy_cost``), is taken as it is when its neighbours are like
    it too (so a wrong paragraph alignment is not trusted); runs of the others go
    through the banded dynamic program together, so sentences can still move
    across their seams. Most paragraphs of a real announcement are easy, which
    keeps alignment fast.
    """
    spans = _Spans(en, lo)
    en_sizes = collections.Counter(en_groups)
    lo_sizes = collections.Counter(lo_groups)
    candidates: list[list[Bead] | None] = []
    i_end = j_end = 0
    for group in range(max(en_groups[-1], lo_groups[-1]) + 1):
        n, m = en_sizes[group], lo_sizes[group]
        candidates.append(_easy_beads(spans, i_end, j_end, n, m, ratio, params))
        i_end, j_end = i_end + n, j_end + m
    beads: list[Bead] = []
    i = j = i_end = j_end = 0  # start of the pending hard run; end of what was read
    for group, easy in enumerate(candidates):
        n, m = en_sizes[group], lo_sizes[group]
        neighbours = candidates[max(0, group - 1) : group + 2]
        if all(c is not None for c in neighbours):
            beads.extend(
                _run_dp(spans, i, i_end, j, j_end, en_groups, lo_groups, ratio, params)
            )
            beads.extend(easy or [])
            i, j = i_end + n, j_end + m
        i_end, j_end = i_end + n, j_end + m
    beads.extend(
        _run_dp(spans, i, i_end, j, j_end, en_groups, lo_groups, ratio, params)
    )
    return beads


def _easy_beads(
    spans: _Spans, i0: int, j0: int, n: int, m: int, ratio: float, params: AlignParams
) -> list[Bead] | None:
    """1-1 beads for a paragraph pair when that is clearly right, else None."""
    if n != m or not n:
        return None
    one_one = -math.log(BEAD_PRIORS[(1, 1)])
    beads = []
    for k in range(n):
        cost = one_one + spans.cost(
            i0 + k, i0 + k + 1, j0 + k, j0 + k + 1, ratio, params
        )
        if cost > params.easy_cost:
            return None
        beads.append(((i0 + k, i0 + k + 1, j0 + k, j0 + k + 1), cost))
    return beads


def _run_dp(
    spans: _Spans,
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    en_groups: list[int],
    lo_groups: list[int],
    ratio: float,
    params: AlignParams,
) -> list[Bead]:
    """The banded dynamic program over sentences ``[i0, i1)`` × ``[j0, j1)``."""
    if i0 == i1 or j0 == j1:
        return [((i, i + 1, j0, j0), 0.0) for i in range(i0, i1)] + [
            ((i1, i1, j, j + 1), 0.0) for j in range(j0, j1)
        ]
    sub = _Spans(spans.en[i0:i1], spans.lo[j0:j1])
    groups = (en_groups[i0:i1], lo_groups[j0:j1])
    beads = _align_dp(
        sub.en, sub.lo, ratio, params, BEAD_PRIORS, groups=groups, spans=sub
    )
    return [((a + i0, b + i0, c + j0, d + j0), cost) for (a, b, c, d), cost in beads]


_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’“»«)\]]*$")
_WEAK_CUT_RE = re.compile(
    r"(?<=[.!?…:;])([\"'”’“»«)\]]*)\s+(?=[\"„“»«(]?[A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ0-9])"
    r"|()\s+(?=[„“»«][A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ])"
)
_Piece = tuple[list[Sentence], list[Sentence], float]


_CAPITAL_CUT_RE = re.compile(r"(?<=[^\W\d_])(\s+)(?=[^\W\d_][^\W\d_]*[^\W\d_A-ZА-Я])")


def weak_cuts(
    sentence: Sentence, margin: float | None
) -> list[tuple[Sentence, Sentence, float]]:
    """Ways to cut a sentence in two where the segmenter chose not to, each with
    the margin a cut must win by: after a colon or an ambiguous abbreviation
    (``U.S. Rosa``) or before an opening quote (no margin); between a lower-case
    word and a capitalised one, the trace of a missing full stop (``margin``).
    Known titles and initials never cut; ``margin=None`` leaves out the
    lower/upper-case cuts."""
    text = sentence.text
    cuts = []
    for match in _WEAK_CUT_RE.finditer(text):
        head = text[: match.start()]
        last_word = head.rsplit(None, 1)[-1] if head.strip() else ""
        if last_word.endswith(".") and _is_title_or_initial(last_word[:-1]):
            continue
        end = match.end(1) if match.group(1) is not None else match.start()
        cuts.append(
            (_cut(sentence, 0, end), _cut(sentence, match.end(), len(text)), 0.0)
        )
    if margin is None:
        return cuts
    for match in _CAPITAL_CUT_RE.finditer(text):
        before = text[: match.start()].rsplit(None, 1)[-1]
        after = text[match.end() :]
        if before[0].islower() and after[0].isupper() and not before[-1:].isupper():
            first = _cut(sentence, 0, match.start())
            cuts.append((first, _cut(sentence, match.end(), len(text)), margin))
    return cuts


def _is_title_or_initial(word: str) -> bool:
    key = word.lstrip(OPENERS).lower()
    return len(key) == 1 or any(
        key in table for table in NONFINAL_ABBREVIATIONS.values()
    )


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
    margin = params.capital_cut_margin
    if shape == (1, 2):
        options = [([a, b], lo, m) for a, b, m in weak_cuts(en[0], margin)]
    elif shape == (2, 1):
        options = [(en, [a, b], m) for a, b, m in weak_cuts(lo[0], margin)]
    elif shape == (1, 1):
        en_cuts = weak_cuts(en[0], None)
        lo_cuts = weak_cuts(lo[0], None) if en_cuts else []
        options = [([a, b], [c, d], 0.0) for a, b, _ in en_cuts for c, d, _ in lo_cuts]
    else:
        return [(en, lo, cost)]
    one_one = -math.log(BEAD_PRIORS[(1, 1)])
    best: list[_Piece] = [(en, lo, cost)]
    best_cost = cost
    for english, local, needed in options:
        costs = [
            one_one
            + _bead_cost(
                [_item(e.text, english=True)],
                [_item(f.text, english=False)],
                ratio,
                params,
            )
            for e, f in zip(english, local, strict=True)
        ]
        if sum(costs) + needed < best_cost:
            best_cost = sum(costs) + needed
            best = [
                ([e], [f], c) for e, f, c in zip(english, local, costs, strict=True)
            ]
    return best


def _cut(sentence: Sentence, start: int, end: int) -> Sentence:
    text = sentence.text[start:end]
    return Sentence(
        text,
        sentence.paragraph,
        sentence.index,
        sentence.start + start,
        sentence.start + end,
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
            Sentence(
                sentence.text, sentence.paragraph, index, sentence.start, sentence.end
            )
        )
    return tuple(result)


def _item(text: str, *, english: bool, paragraph: int = 0) -> _Item:
    found = anchors(text, english=english)
    heading = not _SENTENCE_END_RE.search(text)
    return _Item(len(text), found, _strong(found), paragraph, heading)


def _strong(found: frozenset[str]) -> int:
    return sum(1 for anchor in found if anchor[0] in STRONG_KINDS)


def _merge(items: Sequence[_Item]) -> _Item:
    if len(items) == 1:
        return items[0]
    merged = frozenset().union(*(i.anchors for i in items))
    length = sum(i.length for i in items) + len(items) - 1
    return _Item(length, merged, _strong(merged), items[0].paragraph)


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
    """Align paragraphs; return the paragraph-pair number of every sentence.

    As many paragraphs on both sides, each pair cheap, are taken pair by pair;
    otherwise a banded dynamic program decides.
    """
    en_paras = _paragraph_items(en_items, en_par, n_en_par)
    lo_paras = _paragraph_items(lo_items, lo_par, n_lo_par)
    easy = _easy_beads(
        _Spans(en_paras, lo_paras), 0, 0, n_en_par, n_lo_par, ratio, params
    )
    if easy is not None:
        return en_par, lo_par
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
    return [_merge(g) if g else _Item(0, frozenset(), 0) for g in grouped]


Bead = tuple[tuple[int, int, int, int], float]


def _align_dp(
    en: Sequence[_Item],
    lo: Sequence[_Item],
    ratio: float,
    params: AlignParams,
    priors: dict[tuple[int, int], float],
    groups: tuple[list[int], list[int]] | None = None,
    spans: _Spans | None = None,
) -> list[Bead]:
    """Best-cost bead sequence; ``groups`` restricts the search to a band of
    neighbouring paragraph pairs and charges beads that cross pairs."""
    n, m = len(en), len(lo)
    steps = [(di, dj, -math.log(p)) for (di, dj), p in priors.items()]
    lo_range = _band(n, m, groups, params.band if groups else params.paragraph_band)
    spans = spans or _Spans(en, lo)
    inf = math.inf
    cost: list[dict[int, float]] = [{} for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int, float]]] = [{} for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        low, high = lo_range[i]
        for j in range(low, high + 1):
            if i == j == 0:
                continue
            best, best_step = inf, None
            for di, dj, prior in steps:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                previous = cost[pi].get(pj)
                if previous is None:
                    continue
                bead = prior + spans.cost(pi, i, pj, j, ratio, params)
                if groups and di and dj and groups[0][pi] != groups[1][pj]:
                    bead += params.seam_penalty
                if previous + bead < best:
                    best, best_step = previous + bead, (di, dj, bead)
            if best_step is not None:
                cost[i][j] = best
                back[i][j] = best_step
    if m not in cost[n]:
        raise AlignmentError("no alignment path found")
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj, bead = back[i][j]
        beads.append(((i - di, i, j - dj, j), bead))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


class _Spans:
    """Merged items of runs of consecutive sentences, computed once per run."""

    def __init__(self, en: Sequence[_Item], lo: Sequence[_Item]) -> None:
        self.en, self.lo = en, lo
        self.merged: dict[tuple[bool, int, int], _Item] = {}

    def item(self, english: bool, start: int, end: int) -> _Item:
        key = (english, start, end)
        found = self.merged.get(key)
        if found is None:
            items = (self.en if english else self.lo)[start:end]
            found = self.merged[key] = _merge(items)
        return found

    def cost(
        self, i0: int, i1: int, j0: int, j1: int, ratio: float, params: AlignParams
    ) -> float:
        if i0 == i1 or j0 == j1:
            return 0.0
        a, b = self.item(True, i0, i1), self.item(False, j0, j1)
        orphans = straddles = 0
        if i1 - i0 > 1:
            orphans += _orphans(self.en[i0:i1], b.anchors)
            straddles += _straddles(self.en[i0:i1])
        if j1 - j0 > 1:
            orphans += _orphans(self.lo[j0:j1], a.anchors)
            straddles += _straddles(self.lo[j0:j1])
        return (
            _pair_cost(a, b, ratio, params)
            + params.orphan_penalty * orphans
            + params.straddle_penalty * straddles
        )


def _straddles(items: Sequence[_Item]) -> bool:
    """The title (a first paragraph without final punctuation) merged with the
    next paragraph's text: usually an untranslated title, not a translator's merge."""
    first = items[0]
    return first.heading and first.paragraph == 0 and items[-1].paragraph != 0


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
    """For each English position, the range of local positions the DP visits
    (paragraph-pair numbers never decrease, so each range is contiguous)."""
    if not n or not m:
        return [(0, m)] * (n + 1)
    if not groups:
        return _diagonal_band(n, m, width + abs(n - m))
    en_group, lo_group = groups
    padded = [*lo_group, lo_group[-1]]  # position m belongs to the last group
    ranges = []
    for i in range(n + 1):
        group = en_group[min(i, n - 1)]
        low = bisect.bisect_left(padded, group - width)
        high = bisect.bisect_right(padded, group + width) - 1
        if i == 0:
            low = 0
        if i == n:
            high = m
        ranges.append((min(low, m), max(min(high, m), 0)))
    return ranges


def _bead_cost(
    en: Sequence[_Item], lo: Sequence[_Item], ratio: float, params: AlignParams
) -> float:
    if not en or not lo:
        return 0.0
    a, b = _merge(en), _merge(lo)
    orphans = _orphans(en, b.anchors) + _orphans(lo, a.anchors)
    return _pair_cost(a, b, ratio, params) + params.orphan_penalty * orphans


def _pair_cost(a: _Item, b: _Item, ratio: float, params: AlignParams) -> float:
    """Length cost minus anchor bonuses plus penalties for one-sided numbers."""
    cost = _length_cost(a.length, b.length, ratio, params.variance)
    shared = a.anchors & b.anchors
    if not shared and not a.strong and not b.strong:
        return cost
    cognates = strong = 0
    for anchor in shared:
        if anchor[0] == "%":
            cognates += 1
        elif anchor[0] in STRONG_KINDS:
            strong += 1
    unshared = a.strong + b.strong - 2 * strong
    return (
        cost
        - params.anchor_bonus * (len(shared) - cognates)
        - params.cognate_bonus * cognates
        + params.anchor_penalty * unshared
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
