"""The cost model of sentence alignment: bead priors, parameters, and what a
bead of English and local sentences costs (pure core).

A bead's cost is Gale-Church's (−log prior of the bead type, −log probability of
the length difference under their normal model) minus a bonus for every lexical
anchor (:mod:`tmserver.anchors`) both sides share, plus a penalty for every number,
address or date only one side has (names and cognates are often translated or
dropped, so their absence costs nothing). Two penalties tell merges from omissions:
a sentence of a 2-1 bead sharing none of its anchors with the other side (its
translation was probably dropped), and an unpunctuated title glued to the next
paragraph (untranslated titles are common). A link's confidence in [0, 1] comes
from its bead's cost.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tmserver.anchors import STRONG_KINDS
from tmserver.anchors import anchors

#: Bead shapes (English count, local count) with Gale & Church's prior probabilities.
BEAD_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.089,
    (1, 2): 0.089,
    (2, 2): 0.011,
}


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Tunable constants of the cost model (defaults tuned on announcements-dev).

    Costs are in nats. ``variance`` is Gale-Church's s² (6.8); the expected
    local/English length ratio is estimated per document. ``anchor_bonus`` and
    ``cognate_bonus`` reward each shared anchor or cognate, ``anchor_penalty`` each
    number, address or date on one side only. ``orphan_penalty``: per sentence of a
    2-1/1-2 bead sharing no anchor with the other side; ``straddle_penalty``: a title
    merged with the next paragraph; ``seam_penalty``: a bead pairing sentences of two
    paragraph pairs. ``band``: sentences reached into neighbouring paragraph pairs;
    ``paragraph_band``: width of the paragraph DP's diagonal band; ``easy_cost``:
    the highest 1-1 cost that still counts as easy; ``capital_cut_margin``: what a
    split at a lower/upper-case seam must win by. A link's confidence is
    ``1 / (1 + exp(-confidence_slope * (confidence_midpoint - cost)))``.
    """

    variance: float = 6.8
    anchor_bonus: float = 2.0
    anchor_penalty: float = 0.7
    cognate_bonus: float = 0.7
    orphan_penalty: float = 3.0
    seam_penalty: float = 1.5
    straddle_penalty: float = 3.0
    band: int = 2
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
class Item:
    length: int
    anchors: frozenset[str]
    strong: frozenset[str] = frozenset()
    cognates: frozenset[str] = frozenset()
    paragraph: int = 0
    heading: bool = False


_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’“»«)\]]*$")


def make_item(text: str, *, english: bool, paragraph: int = 0) -> Item:
    """What the cost model needs of one sentence: length, anchors, paragraph."""
    found = anchors(text, english=english)
    heading = not _SENTENCE_END_RE.search(text)
    return Item(len(text), found, *_kinds(found), paragraph, heading)


def _kinds(found: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The strong anchors (numbers, addresses, dates) and the cognates of a set."""
    strong = frozenset(x for x in found if x[0] in STRONG_KINDS)
    return strong, frozenset(x for x in found if x[0] == "%")


def merge_items(items: Sequence[Item]) -> Item:
    """Several consecutive sentences (or paragraphs) as one item."""
    if len(items) == 1:
        return items[0]
    return Item(
        sum(i.length for i in items) + len(items) - 1,
        frozenset().union(*(i.anchors for i in items)),
        frozenset().union(*(i.strong for i in items)),
        frozenset().union(*(i.cognates for i in items)),
        items[0].paragraph,
    )


Bead = tuple[tuple[int, int, int, int], float]


class Spans:
    """Items of single sentences and of pairs of neighbours, merged once, and the
    cost of pairing them (beads take at most two sentences a side)."""

    def __init__(self, en: Sequence[Item], lo: Sequence[Item]) -> None:
        self.en, self.lo = en, lo
        self.en_pairs: dict[int, Item] = {}
        self.lo_pairs: dict[int, Item] = {}

    @staticmethod
    def _pair(items: Sequence[Item], cache: dict[int, Item], start: int) -> Item:
        found = cache.get(start)
        if found is None:
            found = cache[start] = merge_items(items[start : start + 2])
        return found

    def cost(
        self, i0: int, i1: int, j0: int, j1: int, ratio: float, params: AlignParams
    ) -> float:
        """Cost of the bead English ``[i0, i1)`` × local ``[j0, j1)`` (neither
        empty)."""
        a = self.en[i0] if i1 - i0 == 1 else self._pair(self.en, self.en_pairs, i0)
        b = self.lo[j0] if j1 - j0 == 1 else self._pair(self.lo, self.lo_pairs, j0)
        cost = _pair_cost(a, b, ratio, params)
        if i1 - i0 > 1:
            cost += _many_side_cost(self.en[i0:i1], b.anchors, params)
        if j1 - j0 > 1:
            cost += _many_side_cost(self.lo[j0:j1], a.anchors, params)
        return cost


def _many_side_cost(
    items: Sequence[Item], other: frozenset[str], params: AlignParams
) -> float:
    """Penalties of the side of a bead that holds several sentences."""
    cost = params.orphan_penalty * _orphans(items, other)
    if _straddles(items):
        cost += params.straddle_penalty
    return cost


def _straddles(items: Sequence[Item]) -> bool:
    """The title (a first paragraph without final punctuation) merged with the
    next paragraph's text: usually an untranslated title, not a translator's merge."""
    first = items[0]
    return first.heading and first.paragraph == 0 and items[-1].paragraph != 0


def bead_cost(
    en: Sequence[Item], lo: Sequence[Item], ratio: float, params: AlignParams
) -> float:
    if not en or not lo:
        return 0.0
    return Spans(en, lo).cost(0, len(en), 0, len(lo), ratio, params)


_SQRT_HALF = math.sqrt(0.5)


def _pair_cost(a: Item, b: Item, ratio: float, params: AlignParams) -> float:
    """Gale & Church's length cost (−log P of the length difference under their
    normal model) minus anchor bonuses plus penalties for one-sided numbers."""
    mean = (a.length + b.length / ratio) / 2
    if mean > 0:
        delta = abs(b.length - a.length * ratio) / math.sqrt(mean * params.variance)
        cost = -math.log(max(math.erfc(delta * _SQRT_HALF), 1e-300))
    else:
        cost = 0.0
    shared = len(a.anchors & b.anchors)
    if not shared and not a.strong and not b.strong:
        return cost
    cognates = len(a.cognates & b.cognates)
    unshared = len(a.strong ^ b.strong)
    return (
        cost
        - params.anchor_bonus * (shared - cognates)
        - params.cognate_bonus * cognates
        + params.anchor_penalty * unshared
    )


def _orphans(items: Sequence[Item], other: frozenset[str]) -> int:
    """Sentences of a many-side that share none of their (2+) anchors with the
    other side: the mark of a sentence whose translation was dropped."""
    count = 0
    for item in items:
        if len(item.anchors) >= 2 and item.anchors.isdisjoint(other):
            count += 1
    return count if len(items) > 1 else 0


def confidence(cost: float, n_en: int, n_lo: int, params: AlignParams) -> float:
    """Map a bead's cost to (0, 1); unaligned sentences get 0."""
    if not n_en or not n_lo:
        return 0.0
    z = params.confidence_slope * (params.confidence_midpoint - cost)
    return round(1 / (1 + math.exp(-z)), 3)
