"""The cost model of sentence alignment: bead priors, parameters, and what a
bead of English and local sentences costs (pure core).

A bead's cost is Gale-Church's (−log prior of the bead type, −log probability of
the length difference under their normal model) minus a bonus for every lexical
anchor (:mod:`tmserver.build.anchors`) both sides share, plus a penalty for every
number, address or date only one side has (names and cognates are often translated or
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

from tmserver.build.anchors import STRONG_KINDS
from tmserver.build.anchors import anchors

#: Bead shapes (English count, local count) with Gale & Church's prior probabilities.
BEAD_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.089,
    (1, 2): 0.089,
    (2, 2): 0.011,
    # Condensed translations: three or four sentences as one (or the reverse).
    # Rare, so their priors are far below a merge's; the length model and the
    # orphan penalty (per sentence sharing no anchor) keep them rarer still.
    (3, 1): 0.002,
    (1, 3): 0.002,
    (4, 1): 0.0005,
    (1, 4): 0.0005,
}
#: The most sentences one side of a bead may hold.
MAX_RUN = max(max(shape) for shape in BEAD_PRIORS)


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
    ``1 / (1 + exp(-confidence_slope * (confidence_midpoint - cost)))``, at most
    0.5 for a 1-1 bead beside an unaligned sentence that beats its rival pairing
    by only ``rival_margin`` (nats). ``ratio_prior_weight``: characters of a
    1:1 length ratio mixed into the document's estimate (short documents).
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
    rival_margin: float = 0.5
    ratio_prior_weight: float = 250.0


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
    """What the cost model knows of a sentence (or of several merged): its length,
    and its anchors as bit sets over a :class:`Vocabulary` (all of them, the strong
    ones, the cognates), so that comparing two items is integer arithmetic."""

    length: int
    anchors: int = 0
    strong: int = 0
    cognates: int = 0
    paragraph: int = 0
    heading: bool = False


class Vocabulary:
    """Numbers the anchors of one alignment, one bit each. Only intersections and
    their sizes matter, so which bit an anchor gets does not change any cost."""

    def __init__(self) -> None:
        self._bits: dict[str, int] = {}
        #: items already made, by text and side (see :func:`make_item`)
        self.items: dict[tuple[str, bool], Item] = {}

    def encode(self, found: frozenset[str]) -> tuple[int, int, int]:
        """All, strong and cognate anchors of a set, as bit sets."""
        every = strong = cognates = 0
        bits = self._bits
        for anchor in found:
            bit = bits.get(anchor)
            if bit is None:
                bit = bits[anchor] = 1 << len(bits)
            every |= bit
            kind = anchor[0]
            if kind in STRONG_KINDS:
                strong |= bit
            elif kind == "%":
                cognates |= bit
        return every, strong, cognates


_SENTENCE_END_RE = re.compile(r"[.!?…:;][\"'”’“»«)\]]*$")


def make_item(
    text: str, *, english: bool, vocabulary: Vocabulary, paragraph: int = 0
) -> Item:
    """What the cost model needs of one sentence: length, anchors, paragraph
    (made once per text and side of an alignment)."""
    known = vocabulary.items.get((text, english))
    if known is None:
        every, strong, cognates = vocabulary.encode(anchors(text, english=english))
        heading = not _SENTENCE_END_RE.search(text)
        known = Item(len(text), every, strong, cognates, paragraph, heading)
        vocabulary.items[text, english] = known
    if known.paragraph == paragraph:
        return known
    return Item(
        known.length,
        known.anchors,
        known.strong,
        known.cognates,
        paragraph,
        known.heading,
    )


def merge_items(items: Sequence[Item]) -> Item:
    """Several consecutive sentences (or paragraphs) as one item."""
    if len(items) == 1:
        return items[0]
    every = strong = cognates = 0
    for item in items:
        every |= item.anchors
        strong |= item.strong
        cognates |= item.cognates
    return Item(
        sum(i.length for i in items) + len(items) - 1,
        every,
        strong,
        cognates,
        items[0].paragraph,
    )


Bead = tuple[tuple[int, int, int, int], float]


class Spans:
    """Items of single sentences and of runs of up to :data:`MAX_RUN` neighbours,
    merged once, and the cost of pairing them.

    ``ratio`` (expected local/English length ratio), ``params`` and the anchor
    ``vocabulary`` are fixed per alignment."""

    def __init__(
        self,
        en: Sequence[Item],
        lo: Sequence[Item],
        ratio: float,
        params: AlignParams,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.en, self.lo = en, lo
        self.ratio, self.params = ratio, params
        self.vocabulary = vocabulary or Vocabulary()
        #: ``en_runs[k][i]``: English sentences ``i`` … ``i + k - 1`` merged.
        self.en_runs = _runs(en)
        self.lo_runs = _runs(lo)
        self.en_pairs = self.en_runs[2]
        self.lo_pairs = self.lo_runs[2]
        self._condensed = False
        self.en_straddles = [_straddles(en[k : k + 2]) for k in range(len(en) - 1)]
        self.lo_straddles = [_straddles(lo[k : k + 2]) for k in range(len(lo) - 1)]

    def with_condensed_runs(self) -> Spans:
        """Merge the runs of three and four sentences (once), which only the
        dynamic program needs: easy paragraphs never pay for them."""
        if not self._condensed:
            self.en_runs = _runs(self.en, MAX_RUN)
            self.lo_runs = _runs(self.lo, MAX_RUN)
            self._condensed = True
        return self

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Cost of the bead English ``[i0, i1)`` × local ``[j0, j1)`` (neither
        empty)."""
        params = self.params
        a = self.en_runs[i1 - i0][i0]
        b = self.lo_runs[j1 - j0][j0]
        cost = pair_cost(a, b, self.ratio, params)
        if i1 - i0 > 1:
            cost += params.orphan_penalty * _orphans(self.en, i0, i1, b.anchors)
            if self.en_straddles[i0]:
                cost += params.straddle_penalty
        if j1 - j0 > 1:
            cost += params.orphan_penalty * _orphans(self.lo, j0, j1, a.anchors)
            if self.lo_straddles[j0]:
                cost += params.straddle_penalty
        return cost


def _runs(items: Sequence[Item], longest: int = 2) -> dict[int, list[Item]]:
    """Merged items of every run of 1 … ``longest`` neighbours, by length (a
    plain dict: the dynamic program reads it in its innermost loop)."""
    runs = {1: list(items)}
    for size in range(2, longest + 1):
        runs[size] = [
            merge_items(items[k : k + size]) for k in range(len(items) - size + 1)
        ]
    return runs


def _straddles(items: Sequence[Item]) -> bool:
    """The title (a first paragraph without final punctuation) merged with the
    next paragraph's text: usually an untranslated title, not a translator's merge."""
    first = items[0]
    return first.heading and first.paragraph == 0 and items[-1].paragraph != 0


_SQRT_HALF = math.sqrt(0.5)


def pair_cost(a: Item, b: Item, ratio: float, params: AlignParams) -> float:
    """Gale & Church's length cost (−log P of the length difference under their
    normal model) minus anchor bonuses plus penalties for one-sided numbers."""
    mean = (a.length + b.length / ratio) / 2
    if mean > 0:
        delta = abs(b.length - a.length * ratio) / math.sqrt(mean * params.variance)
        cost = -math.log(max(math.erfc(delta * _SQRT_HALF), 1e-300))
    else:
        cost = 0.0
    shared_bits = a.anchors & b.anchors
    if not shared_bits and not a.strong and not b.strong:
        return cost
    shared = shared_bits.bit_count()
    cognates = (a.cognates & b.cognates).bit_count()
    unshared = (a.strong ^ b.strong).bit_count()
    return (
        cost
        - params.anchor_bonus * (shared - cognates)
        - params.cognate_bonus * cognates
        + params.anchor_penalty * unshared
    )


def _orphans(items: Sequence[Item], start: int, end: int, other: int) -> int:
    """Sentences of a several-sentence side (``start`` … ``end - 1``) that share
    none of their (2+) anchors with the other side: the mark of a sentence whose
    translation was dropped."""
    count = 0
    for item in items[start:end]:
        bits = item.anchors
        if not bits & other and bits.bit_count() >= 2:
            count += 1
    return count


def confidence(cost: float, n_en: int, n_lo: int, params: AlignParams) -> float:
    """Map a bead's cost to (0, 1); unaligned sentences get 0."""
    if not n_en or not n_lo:
        return 0.0
    z = params.confidence_slope * (params.confidence_midpoint - cost)
    return round(1 / (1 + math.exp(-z)), 3)
