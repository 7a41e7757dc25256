"""The learned part of the variety guesser: features, the model file, and scores
(pure core).

A text becomes a set of features: its words (``w:``), pairs of neighbouring
words (``b:``) and the character 2- to 5-grams of each word padded with ``<``
and ``>`` (``c:``), all after Cyrillic is transliterated and the text lower-cased,
so one model serves both scripts. Features are counted once per text, so a name
repeated ten times is one piece of evidence, not ten.

The model is a binarised multinomial naive Bayes over three classes (``bs``,
``hr``, ``sr``), trained by ``scripts/train_variety.py`` and shipped as
``variety_model.json.gz`` beside this module: one row of three integer weights
(hundredths of a nat, centred so they sum to about 0) per kept feature, and the
calibration constants. A text's score for a class is the sum of its features'
weights; the scores become probabilities with a softmax whose temperature grows
with the square root of the number of known features (naive Bayes treats
overlapping n-grams as independent, so raw sums are overconfident, the more the
longer the text).

Reading the model is lazy and cached; nothing is ever downloaded.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CLASSES = ("bs", "hr", "sr")
MODEL_FILE = "variety_model.json.gz"
#: Weights are stored as integers in these units of a nat.
WEIGHT_SCALE = 100
NGRAM_SIZES = (2, 3, 4, 5)

_WORD_RE = re.compile(r"[^\W\d_]+")


def word_features(word: str) -> list[str]:
    """The word feature and the character n-grams of one lower-case word."""
    padded = f"<{word}>"
    found = [f"w:{word}"]
    for size in NGRAM_SIZES:
        found.extend(f"c:{padded[k : k + size]}" for k in range(len(padded) - size + 1))
    return found


def text_words(latin_lower: str) -> list[str]:
    """The letter-only words of a transliterated, lower-cased text."""
    return _WORD_RE.findall(latin_lower)


def features_by_word(words: list[str]) -> dict[str, list[str]]:
    """Each distinct feature of a text, grouped under the first word that has it
    (word pairs go to their first word), so evidence can be told word by word."""
    seen: set[str] = set()
    grouped: dict[str, list[str]] = {}
    for k, word in enumerate(words):
        own = [*word_features(word)]
        if k + 1 < len(words):
            own.append(f"b:{word} {words[k + 1]}")
        fresh = [f for f in own if f not in seen]
        seen.update(fresh)
        grouped.setdefault(word, []).extend(fresh)
    return grouped


def text_features(words: list[str]) -> set[str]:
    """The distinct features of a text given as its words."""
    return {f for group in features_by_word(words).values() for f in group}


@dataclass(frozen=True, slots=True)
class Scores:
    """A text's calibrated probability per class, and the words that weighed most
    for the winner against the runner-up (with their weight in nats)."""

    probabilities: tuple[tuple[str, float], ...]
    words: tuple[tuple[str, float], ...]
    known: int

    @property
    def best(self) -> str:
        """The most probable class."""
        return max(self.probabilities, key=lambda item: item[1])[0]

    @property
    def confidence(self) -> float:
        """The probability of the most probable class."""
        return max(p for _, p in self.probabilities)


class VarietyModel:
    """A trained model: feature weights per class and calibration constants."""

    def __init__(self, data: dict) -> None:
        self.classes: tuple[str, ...] = tuple(data["classes"])
        self.weights: dict[str, list[int]] = data["weights"]
        calibration = data["calibration"]
        self.scale = float(calibration["scale"])
        self.power = float(calibration["power"])
        self.marker_weight = float(data.get("marker_weight", 0.0))
        #: per-class offsets (a prior) in raw score units, fitted out-of-fold
        self.bias = [float(b) for b in data.get("bias", [0.0] * len(self.classes))]
        self.meta: dict = data.get("meta", {})

    def raw_scores(self, words: list[str]) -> tuple[list[float], int, dict]:
        """Summed weights per class (nats), the number of known features, and the
        per-word sums (for evidence)."""
        totals = [0.0] * len(self.classes)
        per_word: dict[str, list[float]] = {}
        known = 0
        weights = self.weights
        for word, features in features_by_word(words).items():
            sums = [0.0] * len(self.classes)
            for feature in features:
                row = weights.get(feature)
                if row is None:
                    continue
                known += 1
                for c, value in enumerate(row):
                    sums[c] += value
            if any(sums):
                per_word[word] = [s / WEIGHT_SCALE for s in sums]
                for c, value in enumerate(sums):
                    totals[c] += value / WEIGHT_SCALE
        return totals, known, per_word

    def calibrate(
        self,
        totals: Iterable[float],
        known: int,
        bonus: Iterable[float] = (0.0, 0.0, 0.0),
    ) -> list[float]:
        """Softmax of the scores at the calibrated temperature; ``bonus`` (nats
        per class) is evidence from rules, added after the temperature."""
        factor = self.scale / max(1.0, known) ** self.power
        values = [t * factor + b for t, b in zip(totals, bonus, strict=True)]
        top = max(values)
        exps = [math.exp(v - top) for v in values]
        total = sum(exps)
        return [e / total for e in exps]


def evidence_words(
    per_word: dict[str, list[float]], winner: int, runner: int, limit: int = 6
) -> tuple[tuple[str, float], ...]:
    """The words that favour the winner over the runner-up most (in nats)."""
    margins = sorted(
        ((sums[winner] - sums[runner], word) for word, sums in per_word.items()),
        key=lambda item: (-item[0], item[1]),
    )
    return tuple((word, round(m, 2)) for m, word in margins[:limit] if m > 0.5)


@lru_cache(maxsize=1)
def load_model() -> VarietyModel:
    """The model shipped with the package (read once)."""
    blob = resources.files("tmserver.build").joinpath(MODEL_FILE).read_bytes()
    return VarietyModel(json.loads(gzip.decompress(blob)))


def dump_model(model: dict) -> bytes:
    """The model file's bytes: sorted compact JSON, gzip without a timestamp, so
    the same training data gives the same file."""
    text = json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
