"""Evaluate what the memory saves on a release: best suggestion vs the real translation.

For every unit of a release TMX the best suggestion from the memory (the release's own
units excluded, recognised by their origin) is compared with the translation that was
actually published, with sacrebleu's chrF, BLEU and TER (signatures reported so the
figures are reproducible), overall and per match band, once with placeable
substitution and once without. Units without a suggestion count with an empty
hypothesis, so the overall figures say how much of the release the memory covers.

Each variant also counts *stale* suggestions: targets that still carry a number or
date of the memory's source where the query has another (at any quality, at ≥ 95, and
without saying so). Without substitution that is what a memory served before the
values were adapted; with it, the target is 0 at ≥ 95 and 0 silent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path

from sacrebleu.metrics import BLEU
from sacrebleu.metrics import CHRF
from sacrebleu.metrics import TER
from sqlalchemy.orm import Session

from tmserver.match.rank import Suggestion
from tmserver.match.substitute import placeables_of
from tmserver.match.substitute import same_value
from tmserver.services.suggest import MatchEngine
from tmserver.services.suggest import MatchPolicy
from tmserver.services.suggest import suggest
from tmserver.tmx import TMXLimits
from tmserver.tmx import iter_tmx
from tmserver.units import TranslationUnit

#: Match bands (name, lowest quality), best first; below the last one is "none".
BANDS = (
    ("100", 100.0),
    ("95-99", 95.0),
    ("85-94", 85.0),
    ("75-84", 75.0),
    ("70-74", 70.0),
)


@dataclass(frozen=True, slots=True)
class Scores:
    """Corpus-level scores of hypotheses against references (None when empty)."""

    units: int
    chrf: float | None
    bleu: float | None
    ter: float | None


@dataclass(frozen=True, slots=True)
class BandReport:
    """One match band: how many units fell in it and how good its suggestions were."""

    band: str
    share: float
    scores: Scores


@dataclass(frozen=True, slots=True)
class StaleReport:
    """Best suggestions that still carry a memory value the query does not have.

    A *stale* value is a number, percentage, date or time of the memory's source that
    differs from the query's and is still in the suggested target. ``near_exact``
    counts those offered at quality ≥ 95 (the band that promises adjusted values),
    ``silent`` those not listed as unadapted (the translator was not told).
    """

    suggestions: int
    near_exact: int
    silent: int


@dataclass(frozen=True, slots=True)
class VariantReport:
    """Results with or without placeable substitution."""

    name: str
    hit_rate: float
    overall: Scores
    bands: tuple[BandReport, ...]
    stale: StaleReport = StaleReport(0, 0, 0)


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """The whole evaluation of one release."""

    release: str
    units: int
    variants: tuple[VariantReport, ...]
    signatures: dict[str, str]


def band_of(quality: float | None) -> str:
    """The band name of a suggestion quality (``none`` without a suggestion)."""
    if quality is not None:
        for name, lowest in BANDS:
            if quality >= lowest - 1e-9:
                return name
    return "none"


def _metrics() -> tuple[CHRF, BLEU, TER]:
    return CHRF(), BLEU(effective_order=True), TER()


def score(hypotheses: list[str], references: list[str]) -> Scores:
    """chrF, BLEU and TER of ``hypotheses`` against ``references``."""
    if not references:
        return Scores(0, None, None, None)
    chrf, bleu, ter = _metrics()
    refs = [references]
    return Scores(
        len(references),
        chrf.corpus_score(hypotheses, refs).score,
        bleu.corpus_score(hypotheses, refs).score,
        ter.corpus_score(hypotheses, refs).score,
    )


def signatures() -> dict[str, str]:
    """sacrebleu signatures of the three metrics as configured here."""
    chrf, bleu, ter = _metrics()
    for metric in (chrf, bleu, ter):  # a signature needs the reference count
        metric.corpus_score(["x"], [["x"]])
    return {
        "chrF": str(chrf.get_signature()),
        "BLEU": str(bleu.get_signature()),
        "TER": str(ter.get_signature()),
    }


def _best(
    session: Session,
    engine: MatchEngine,
    unit: TranslationUnit,
    policy: MatchPolicy,
    excluded: set[str],
) -> Suggestion | None:
    for item in suggest(
        session, engine, unit.source, unit.source_lang, unit.target_lang, policy
    ):
        if not set(item.origins) <= excluded:
            return item
    return None


def evaluate_units(
    session: Session,
    engine: MatchEngine,
    units: Iterable[TranslationUnit],
    policy: MatchPolicy,
    *,
    release: str = "",
) -> EvaluationReport:
    """Evaluate ``units`` (a release) against the memory behind ``engine``."""
    units = [u for u in units if u.source.strip() and u.target.strip()]
    excluded = {u.origin for u in units}
    variants = []
    wide = replace(policy, max_candidates=max(policy.max_candidates, 10))
    for name, placeables in (("with placeables", True), ("without placeables", False)):
        variant_policy = replace(wide, placeables=placeables)
        best = [_best(session, engine, u, variant_policy, excluded) for u in units]
        variants.append(replace(_variant(name, units, best), stale=_stale(units, best)))
    return EvaluationReport(release, len(units), tuple(variants), signatures())


def _variant(
    name: str, units: list[TranslationUnit], best: list[Suggestion | None]
) -> VariantReport:
    references = [u.target for u in units]
    hypotheses = [b.target if b else "" for b in best]
    bands = []
    for band in [n for n, _ in BANDS] + ["none"]:
        chosen = [
            i for i, b in enumerate(best) if band_of(b.quality if b else None) == band
        ]
        bands.append(
            BandReport(
                band,
                len(chosen) / len(units) if units else 0.0,
                score([hypotheses[i] for i in chosen], [references[i] for i in chosen]),
            )
        )
    hits = sum(1 for b in best if b is not None)
    return VariantReport(
        name,
        hits / len(units) if units else 0.0,
        score(hypotheses, references),
        tuple(bands),
    )


_VALUE_KINDS = frozenset({"number", "percent", "date", "time"})


def stale_values(query: str, item: Suggestion) -> int:
    """How many values of the memory source, absent from the query, ``item`` keeps."""
    in_query = placeables_of(query, item.source_lang)
    in_target = placeables_of(item.target, item.target_lang)
    old = [
        p
        for p in placeables_of(item.source, item.source_lang)
        if p.kind in _VALUE_KINDS and not any(same_value(p, q) for q in in_query)
    ]
    return sum(1 for p in old if any(same_value(p, t) for t in in_target))


def _stale(units: list[TranslationUnit], best: list[Suggestion | None]) -> StaleReport:
    stale = [
        b for u, b in zip(units, best, strict=True) if b and stale_values(u.source, b)
    ]
    return StaleReport(
        len(stale),
        sum(1 for b in stale if b.quality >= 95.0 - 1e-9),
        sum(1 for b in stale if not b.unadapted),
    )


def evaluate_release(
    session: Session,
    engine: MatchEngine,
    release: Path,
    policy: MatchPolicy,
    *,
    limits: TMXLimits,
) -> EvaluationReport:
    """Evaluate the units of the release TMX at ``release``."""
    units = list(iter_tmx(release, limits=limits))
    return evaluate_units(session, engine, units, policy, release=str(release))
