"""Second look at beads: split a 1-2, 2-1 or 1-1 bead into 1-1 beads at a
sentence boundary the segmenter did not take (pure core).

The segmenter is cautious (``U.S. Rosa``, a colon, a missing full stop all keep
one sentence); when the other side of the bead has two sentences that fit the two
halves better, the bead is split. A bead with two sentences on a side that fits
better without one of them loses it (an omission, not a merge), and beads that
barely beat a rival get a lower confidence. Also builds the final
:class:`Alignment`.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import math
import re

from tmserver.build.align_model import BEAD_PRIORS
from tmserver.build.align_model import Alignment
from tmserver.build.align_model import AlignParams
from tmserver.build.align_model import Link
from tmserver.build.align_model import Sentence
from tmserver.build.align_model import Spans
from tmserver.build.align_model import confidence
from tmserver.build.align_model import make_item
from tmserver.build.align_model import pair_cost
from tmserver.build.segment import NONFINAL_ABBREVIATIONS
from tmserver.build.segment import OPENERS

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
    anchors) than the bead as it is. A 1-2, 2-1 or 2-2 bead kept as it is gets
    the support of its merge (:func:`merge_support`), or loses the sentence
    that fits worse than none, which is left unaligned. ``bead`` gives the
    sentences' indices in ``spans``."""
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
    elif shape == (2, 2) or max(shape) > 2:
        return _settle_merge(en, lo, bead, cost, spans)
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


Span = tuple[int, int, int, int]


def merge_support(bead: Span, spans: Spans) -> tuple[float, Span, Span]:
    """How much better (in nats, bead priors aside) a bead with two sentences on
    a side fits than it would without the worse of them; that smaller bead, and
    the left-out sentence as an unaligned bead. Negative when a sentence adds
    length (or anchors) the other side lacks: the mark of a dropped translation
    rather than a translator's merge, which the merge's prior alone would hide."""
    i0, i1, j0, j1 = bead
    options: list[tuple[Span, Span]] = []
    if i1 - i0 >= 2:
        options += [
            ((i0, i1 - 1, j0, j1), (i1 - 1, i1, j1, j1)),
            ((i0 + 1, i1, j0, j1), (i0, i0 + 1, j0, j0)),
        ]
    if j1 - j0 >= 2:
        options += [
            ((i0, i1, j0, j1 - 1), (i1, i1, j1 - 1, j1)),
            ((i0, i1, j0 + 1, j1), (i0, i0, j0, j0 + 1)),
        ]
    costs = [spans.cost(*smaller) for smaller, _ in options]
    best = min(range(len(options)), key=costs.__getitem__)
    return costs[best] - spans.cost(i0, i1, j0, j1), *options[best]


def _settle_merge(
    en: list[Sentence], lo: list[Sentence], bead: Span, cost: float, spans: Spans
) -> list[Piece]:
    """The bead as it is, with its merge support, or (support below 0) the bead
    without its worse sentence (settled again) and that sentence unaligned."""
    support, smaller, left_out = merge_support(bead, spans)
    if support >= 0:
        return [(en, lo, cost, support)]
    i0, _, j0, _ = bead

    def sentences(span: Span) -> tuple[list[Sentence], list[Sentence]]:
        return en[span[0] - i0 : span[1] - i0], lo[span[2] - j0 : span[3] - j0]

    a0, a1, b0, b1 = smaller
    kept_en, kept_lo = sentences(smaller)
    kept_cost = -math.log(BEAD_PRIORS[(a1 - a0, b1 - b0)]) + spans.cost(*smaller)
    kept = (
        _settle_merge(kept_en, kept_lo, smaller, kept_cost, spans)
        if len(kept_en) + len(kept_lo) > 2
        else [(kept_en, kept_lo, kept_cost, math.inf)]
    )
    dropped: list[Piece] = [(*sentences(left_out), 0.0, math.inf)]
    first = left_out[0] < a0 or left_out[2] < b0
    return dropped + kept if first else kept + dropped


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


def condensed_discount(n_en: int, n_lo: int) -> float:
    """What a condensed bead's (3-1, 1-4 …) prior costs beyond a merge's: its
    low prior keeps such beads rare when aligning, but once chosen it is a merge
    of more sentences and its confidence should say how well it fits, as a 2-1
    bead's does."""
    if max(n_en, n_lo) <= 2 or min(n_en, n_lo) != 1:
        return 0.0
    return math.log(BEAD_PRIORS[(2, 1)]) - math.log(BEAD_PRIORS[(n_en, n_lo)])


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
        sure = confidence(
            cost - condensed_discount(len(en), len(lo)), len(en), len(lo), params
        )
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
