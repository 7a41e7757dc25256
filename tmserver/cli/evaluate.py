"""``tmserver evaluate RELEASE.tmx``: what the memory would have saved on a release."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click

from tmserver.cli.common import open_session
from tmserver.cli.common import pass_settings
from tmserver.config import Settings
from tmserver.services.evaluate import EvaluationReport
from tmserver.services.evaluate import evaluate_release
from tmserver.services.memory import tmx_limits
from tmserver.services.suggest import MatchEngine
from tmserver.services.suggest import MatchPolicy


@click.command("evaluate")
@click.argument("release", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--min-similarity",
    type=click.FloatRange(30, 100),
    default=None,
    help="Lowest match quality counted as a suggestion (default: the setting).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@pass_settings
def evaluate_command(
    settings: Settings, release: Path, min_similarity: float | None, as_json: bool
) -> None:
    """Score the memory's best suggestions against RELEASE.tmx's translations.

    chrF, BLEU and TER (sacrebleu, signatures printed), hit rate and scores per match
    band, with and without placeable substitution, and how many suggestions still
    carry a memory number or date that the release changed (stale values). The
    release's own units (same origin) are never used as suggestions.
    """
    policy = MatchPolicy(
        min_similarity=min_similarity or float(settings.min_similarity),
        max_verify=settings.match_max_verify,
    )
    with open_session(settings) as session:
        report = evaluate_release(
            session, MatchEngine(), release, policy, limits=tmx_limits(settings)
        )
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=2))
    else:
        click.echo(render(report))


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def render(report: EvaluationReport) -> str:
    """The report as a plain-text table."""
    lines = [f"release {report.release}: {report.units} units"]
    for variant in report.variants:
        o = variant.overall
        lines.append("")
        lines.append(
            f"{variant.name}: hit rate {variant.hit_rate:.1%}; overall chrF "
            f"{_fmt(o.chrf)} BLEU {_fmt(o.bleu)} TER {_fmt(o.ter)}"
        )
        lines.append(
            f"  {'band':8} {'units':>6} {'share':>7} {'chrF':>6} {'BLEU':>6} {'TER':>6}"
        )
        for band in variant.bands:
            s = band.scores
            lines.append(
                f"  {band.band:8} {s.units:6d} {band.share:7.1%} {_fmt(s.chrf):>6} "
                f"{_fmt(s.bleu):>6} {_fmt(s.ter):>6}"
            )
        stale = variant.stale
        lines.append(
            f"  stale values: {stale.suggestions} suggestion(s) keep a memory value "
            f"the query changed; {stale.near_exact} at quality ≥ 95, "
            f"{stale.silent} not listed as unadapted"
        )
    lines.append("")
    for name, signature in report.signatures.items():
        lines.append(f"{name} signature: {signature}")
    return "\n".join(lines)
