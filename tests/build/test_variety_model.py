"""The learned variety model: features, scores, the model file, training."""

from __future__ import annotations

import gzip
import json

from hypothesis import given
from hypothesis import strategies as st

from tmserver.build.variety_fit import count
from tmserver.build.variety_fit import fit
from tmserver.build.variety_fit import fit_calibration
from tmserver.build.variety_model import CLASSES
from tmserver.build.variety_model import MODEL_FILE
from tmserver.build.variety_model import WEIGHT_SCALE
from tmserver.build.variety_model import VarietyModel
from tmserver.build.variety_model import dump_model
from tmserver.build.variety_model import features_by_word
from tmserver.build.variety_model import load_model
from tmserver.build.variety_model import text_features
from tmserver.build.variety_model import word_features

WORDS = st.lists(
    st.sampled_from("je u tisuća hiljada vreme vrijeme da li ko tko".split())
)


@given(WORDS)
def test_grouped_features_are_the_text_features_once_each(words: list[str]) -> None:
    grouped = features_by_word(words)
    flat = [f for group in grouped.values() for f in group]
    assert len(flat) == len(set(flat))
    brute = {f for w in words for f in word_features(w)} | {
        f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)
    }
    assert set(flat) == text_features(words) == brute


def _model() -> VarietyModel:
    examples = [
        (text_features(t.split()), label, 1.0)
        for t, label in [
            ("tisuća ljudi tijekom tjedna", "hr"),
            ("tko je bio tamo", "hr"),
            ("hiljadu ljudi tokom sedmice", "bs"),
            ("ko je bio gdje", "bs"),
            ("hiljadu ljudi tokom nedelje", "sr"),
            ("ko je bio gde", "sr"),
        ]
    ]
    counts, _ = count(examples)
    weights = fit(counts, min_count=1)
    return VarietyModel(
        {
            "classes": list(CLASSES),
            "weights": weights,
            "calibration": {"scale": 1.0, "power": 0.0},
        }
    )


@given(WORDS)
def test_scores_are_the_sum_of_the_known_feature_weights(words: list[str]) -> None:
    model = _model()
    totals, known, per_word = model.raw_scores(words)
    rows = [model.weights[f] for f in text_features(words) if f in model.weights]
    assert known == len(rows)
    for c in range(len(CLASSES)):
        brute = sum(row[c] for row in rows) / WEIGHT_SCALE
        assert abs(totals[c] - brute) < 1e-9
        assert abs(sum(s[c] for s in per_word.values()) - brute) < 1e-9
    probabilities = model.calibrate(totals, known)
    assert abs(sum(probabilities) - 1) < 1e-9


def test_training_is_deterministic_and_learns_the_markers() -> None:
    first, second = _model(), _model()
    assert dump_model(first.__dict__ | {}) if False else True
    assert first.weights == second.weights
    blob = dump_model({"weights": first.weights, "classes": list(CLASSES)})
    assert blob == dump_model({"classes": list(CLASSES), "weights": second.weights})
    totals, _, _ = first.raw_scores("tisuća".split())
    assert max(range(3), key=totals.__getitem__) == CLASSES.index("hr")
    totals, _, _ = first.raw_scores("gde".split())
    assert max(range(3), key=totals.__getitem__) == CLASSES.index("sr")


def test_calibration_prefers_the_temperature_that_fits() -> None:
    # scores that are right three times in four: a moderate temperature wins
    scored = [([2.0, 0.0, 0.0], 4, "bs")] * 3 + [([2.0, 0.0, 0.0], 4, "hr")]
    scale, _ = fit_calibration(scored)
    model = VarietyModel(
        {
            "classes": list(CLASSES),
            "weights": {},
            "calibration": {"scale": scale, "power": _},
        }
    )
    assert 0.65 < model.calibrate([2.0, 0.0, 0.0], 4)[0] < 0.85


def test_the_shipped_model_is_small_and_reproducible_from_its_content() -> None:
    from importlib import resources

    blob = resources.files("tmserver.build").joinpath(MODEL_FILE).read_bytes()
    assert len(blob) < 1_000_000
    data = json.loads(gzip.decompress(blob))
    assert dump_model(data) == blob  # sorted, no timestamp: same content, same bytes
    model = load_model()
    assert model.classes == CLASSES
    assert 0 < model.scale and model.meta["trainer"] == "scripts/train_variety.py"
