"""Training the variety model from labelled texts (pure core; used by
``scripts/train_variety.py`` and the variety benchmark, never at run time).

Counting is binarised (a feature counts once per text), smoothed with
``alpha``; a feature is kept when it was seen at least ``min_count`` times and
ranks among the ``keep`` most informative (count × spread of its class weights),
which keeps the shipped file small. Weights are centred per feature (only their
differences matter) and rounded to hundredths of a nat; ties are broken by the
feature's text, so the same data always gives the same model.

The calibration (softmax temperature ``scale / known ** power``) is fitted on
scores of texts the model did not see (out-of-fold), by grid search for the
lowest log loss.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from collections.abc import Sequence

from tmserver.build.variety_model import CLASSES
from tmserver.build.variety_model import WEIGHT_SCALE

#: A training text: its features, its class, and how much it counts.
Example = tuple[set[str], str, float]


def count(examples: Iterable[Example]) -> tuple[dict[str, list[float]], list[float]]:
    """Per feature, its (weighted) number of texts per class; texts per class."""
    counts: dict[str, list[float]] = {}
    totals = [0.0] * len(CLASSES)
    index = {name: k for k, name in enumerate(CLASSES)}
    for features, label, weight in examples:
        c = index[label]
        totals[c] += weight
        for feature in features:
            row = counts.get(feature)
            if row is None:
                row = counts[feature] = [0.0] * len(CLASSES)
            row[c] += weight
    return counts, totals


def fit(
    counts: dict[str, list[float]],
    *,
    alpha: float = 0.5,
    min_count: float = 2.0,
    keep: int = 60_000,
) -> dict[str, list[int]]:
    """Centred integer log-probability weights for the kept features."""
    classes = range(len(CLASSES))
    mass = [sum(row[c] for row in counts.values()) for c in classes]
    vocabulary = len(counts)
    ranked: list[tuple[float, str, list[float]]] = []
    for feature, row in counts.items():
        total = sum(row)
        if total < min_count:
            continue
        logs = [
            math.log((row[c] + alpha) / (mass[c] + alpha * vocabulary)) for c in classes
        ]
        mean = sum(logs) / len(logs)
        centred = [value - mean for value in logs]
        spread = max(centred) - min(centred)
        ranked.append((total * spread, feature, centred))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    weights = {}
    for _, feature, centred in ranked[:keep]:
        row = [round(value * WEIGHT_SCALE) for value in centred]
        if any(row):
            weights[feature] = row
    return dict(sorted(weights.items()))


def fit_calibration(
    scored: Sequence[tuple[Sequence[float], int, str]],
) -> tuple[float, float]:
    """``(scale, power)`` minimising the log loss of ``softmax(scores * scale /
    known ** power)`` over out-of-fold ``(scores, known, label)`` triples."""
    best = (math.inf, 1.0, 0.0)
    for power in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        for step in range(1, 121):
            scale = step * 0.025
            loss = log_loss(scored, scale, power)
            if loss < best[0]:
                best = (loss, scale, power)
    return round(best[1], 3), best[2]


def log_loss(
    scored: Sequence[tuple[Sequence[float], int, str]], scale: float, power: float
) -> float:
    """Mean negative log-probability of the true class."""
    index = {name: k for k, name in enumerate(CLASSES)}
    total = 0.0
    for scores, known, label in scored:
        factor = scale / max(1.0, known) ** power
        values = [s * factor for s in scores]
        top = max(values)
        norm = top + math.log(sum(math.exp(v - top) for v in values))
        total += norm - values[index[label]]
    return total / max(1, len(scored))
