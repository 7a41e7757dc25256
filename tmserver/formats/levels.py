"""Match levels as CAT tools name them, and the word weights of their analyses.

Levels follow memoQ's bands (``docs.memoq.com`` "Match rates"): *in-context* exact
(101 %: the same sentence with the same previous and next sentence in the same
document), *exact* (100 %), *near-exact* (95–99 %: only numbers, dates, punctuation
or spaces differ, which placeable adaptation repairs), then the high (85–94), medium
(75–84) and low (50–74) fuzzy bands, and *none*.

A translator's quote weights each band by how much work is left; the grid below is
the common one (context matches free, exact matches a quarter of the rate ...).
"Words saved" is the words of each level times the share of work it spares.
"""

from __future__ import annotations

import re

IN_CONTEXT = "in-context"
EXACT = "exact"
NEAR_EXACT = "near-exact"
FUZZY_HIGH = "fuzzy-high"
FUZZY_MEDIUM = "fuzzy-medium"
FUZZY_LOW = "fuzzy-low"
NONE = "none"

#: Best first, as summaries list them.
LEVELS = (IN_CONTEXT, EXACT, NEAR_EXACT, FUZZY_HIGH, FUZZY_MEDIUM, FUZZY_LOW, NONE)

#: Share of a full translation's work still needed per level (the analysis grid).
WORK_LEFT = {
    IN_CONTEXT: 0.0,
    EXACT: 0.25,
    NEAR_EXACT: 0.5,
    FUZZY_HIGH: 0.6,
    FUZZY_MEDIUM: 0.8,
    FUZZY_LOW: 1.0,
    NONE: 1.0,
}

#: The memoQ percentage a level stands for, for tools that want a number.
PERCENT = {IN_CONTEXT: 101, EXACT: 100}

_WORD_RE = re.compile(r"\w+(?:[-'’.,/]\w+)*")


def level_of(quality: float, *, identical: bool, in_context: bool = False) -> str:
    """The level of a suggestion.

    :param quality: its adjusted quality (after placeable adaptation).
    :param identical: the memory source is the segment itself (raw 100 %, nothing
        adapted); only then is it exact.
    :param in_context: the neighbours match too (see the module docstring).
    """
    if identical:
        return IN_CONTEXT if in_context else EXACT
    if quality >= 95.0:
        return NEAR_EXACT
    if quality >= 85.0:
        return FUZZY_HIGH
    if quality >= 75.0:
        return FUZZY_MEDIUM
    if quality >= 50.0:
        return FUZZY_LOW
    return NONE


def is_exact(level: str) -> bool:
    """Exact or in-context exact: a translator may skip it."""
    return level in (IN_CONTEXT, EXACT)


def word_count(text: str) -> int:
    """Words as CAT analyses count them (``2.5`` and ``UN-a`` are one word each)."""
    return len(_WORD_RE.findall(text))
