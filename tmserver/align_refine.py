"""Second look at beads: split a 1-2, 2-1 or 1-1 bead into 1-1 beads at a
sentence boundary the segmenter did not take (pure core).

The segmenter is cautious (``U.S. Rosa``, a colon, a missing full stop all keep
one sentence); when the other side of the bead has two sentences that fit the two
halves better, the bead is split. Also builds the final :class:`Alignment`.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import math
import re

from tmserver.align_model import BEAD_PRIORS
from tmserver.align_model import Alignment
from tmserver.align_model import AlignParams
from tmserver.align_model import Link
from tmserver.align_model import Sentence
from tmserver.align_model import Spans
from tmserver.align_model import confidence
from tmserver.align_model import make_item
from tmserver.align_model import pair_cost
from tmserver.segment import NONFINAL_ABBREVIATIONS
from tmserver.segment import OPENERS

_WEAK_CUT_RE = re.compile(
    r"(?<=[.!?…:;])([\"'”’“»«)\]]*)\s+(?=[\"„“»«(]?[A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ0-9])"
    r"|()\s+(?=[„“»«][A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ])"
)
#: English and local sentences of a bead, its cost, and its support: by how many
#: nats it beats its rival, beyond the margin required (:func:`merge_support`,
#: :func:`rival_support`; ``math.inf`` when it has none). A link's confidence is
#: at most what its cost would give for ``confidence_midpoint - support``, so 0.5
#: for a support of 0.
Piece = tuple[list[Sentence], list[Sentence], float, float]
SPLIT = True


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


def refine(
    en: list[Sentence],
    lo: list[Sentence],
    bead: tuple[int, int, int, int],
    cost: float,
    spans: Spans,
) -> list[Piece]:
    """Split a 1-2, 2-1 or 1-1 bead into two 1-1 beads at a weak boundary of the
    lone sentence(s) when the two halves fit the other side better (length and
    anchors) than the bead as it is. A 1-2 or 2-1 bead kept as it is gets the
    support of its merge (:func:`merge_support`), or becomes a 1-1 and a 1-0
    bead when a single sentence fits at least as well as both."""
    shape = (len(en), len(lo))
    params = spans.params
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
        return [(en, lo, cost, math.inf)]
    one_one = -math.log(BEAD_PRIORS[(1, 1)])
    best: list[Piece] = [(en, lo, cost, math.inf)]
    best_cost = cost
    vocabulary = spans.vocabulary
    for english, local, needed in options:
        costs = [
            one_one
            + pair_cost(
                make_item(e.text, english=True, vocabulary=vocabulary),
                make_item(f.text, english=False, vocabulary=vocabulary),
                spans.ratio,
                params,
            )
            for e, f in zip(english, local, strict=True)
        ]
        if sum(costs) + needed < best_cost:
            best_cost = sum(costs) + needed
            best = [
                ([e], [f], c, math.inf)
                for e, f, c in zip(english, local, costs, strict=True)
            ]
    if len(best) == 1 and shape != (1, 1):
        return _settle_merge(en, lo, bead, cost, spans)
    return best


def merge_support(bead: tuple[int, int, int, int], spans: Spans) -> tuple[float, int]:
    """How much better (in nats, bead priors aside) the two sentences of a 2-1
    or 1-2 bead fit the lone one than the better of them alone, and which one
    that is (0 or 1). Negative when the second sentence adds length (or
    anchors) the other side lacks: the mark of a dropped translation rather
    than a translator's merge, which the 2-1 prior alone would hide."""
    i0, i1, j0, j1 = bead
    merged = spans.cost(i0, i1, j0, j1)
    if i1 - i0 == 2:
        singles = [spans.cost(i, i + 1, j0, j1) for i in (i0, i0 + 1)]
    else:
        singles = [spans.cost(i0, i1, j, j + 1) for j in (j0, j0 + 1)]
    best = 0 if singles[0] <= singles[1] else 1
    return singles[best] - merged, best


def _settle_merge(
    en: list[Sentence],
    lo: list[Sentence],
    bead: tuple[int, int, int, int],
    cost: float,
    spans: Spans,
) -> list[Piece]:
    support, best = merge_support(bead, spans)
    if support >= 0 or not SPLIT:
        return [(en, lo, cost, support)]
    i0, i1, j0, j1 = bead
    one_one = -math.log(BEAD_PRIORS[(1, 1)])
    if len(en) == 2:
        single = one_one + spans.cost(i0 + best, i0 + best + 1, j0, j1)
        kept = ([en[best]], lo, single, math.inf)
        dropped = ([en[1 - best]], [], 0.0, math.inf)
    else:
        single = one_one + spans.cost(i0, i1, j0 + best, j0 + best + 1)
        kept = (en, [lo[best]], single, math.inf)
        dropped = ([], [lo[1 - best]], 0.0, math.inf)
    return [dropped, kept] if best else [kept, dropped]


def _cut(sentence: Sentence, start: int, end: int) -> Sentence:
    text = sentence.text[start:end]
    return Sentence(
        text,
        sentence.paragraph,
        sentence.index,
        sentence.start + start,
        sentence.start + end,
    )


def rival_support(pieces: list[Piece], spans: Spans) -> list[Piece]:
    """Lower the support of a 1-1 bead next to an unaligned sentence to the
    margin (in nats) by which it beats its rival: the unaligned sentence paired
    with the bead's other side, the bead's own sentence left unaligned. When
    both fit as well, which sentence lost its translation is a guess."""
    vocabulary = spans.vocabulary

    def cost(english: Sentence, local: Sentence) -> float:
        return pair_cost(
            make_item(english.text, english=True, vocabulary=vocabulary),
            make_item(local.text, english=False, vocabulary=vocabulary),
            spans.ratio,
            spans.params,
        )

    result = list(pieces)
    for k, (en, lo, bead_cost, support) in enumerate(pieces):
        if len(en) != 1 or len(lo) != 1:
            continue
        rivals = []
        neighbours = [pieces[n] for n in (k - 1, k + 1) if 0 <= n < len(pieces)]
        for other_en, other_lo, _, _ in neighbours:
            if len(other_en) == 1 and not other_lo:
                rivals.append(cost(other_en[0], lo[0]))
            elif len(other_lo) == 1 and not other_en:
                rivals.append(cost(en[0], other_lo[0]))
        if rivals:
            margin = min(rivals) - cost(en[0], lo[0]) - spans.params.rival_margin
            result[k] = (en, lo, bead_cost, min(support, margin))
    return result


def assemble(pieces: list[Piece], params: AlignParams) -> Alignment:
    """Number the (possibly refined) sentences and build the links."""
    english: list[Sentence] = []
    local: list[Sentence] = []
    links = []
    for en, lo, cost, support in pieces:
        en_ids = tuple(range(len(english), len(english) + len(en)))
        lo_ids = tuple(range(len(local), len(local) + len(lo)))
        english.extend(en)
        local.extend(lo)
        sure = confidence(cost, len(en), len(lo), params)
        if support < math.inf:
            sure = min(
                sure,
                confidence(params.confidence_midpoint - support, 1, 1, params),
            )
        links.append(Link(en_ids, lo_ids, sure))
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
