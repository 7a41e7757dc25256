"""``tmserver pretranslate RELEASE --to hr``: the whole draft of a new release."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tmserver.cli.common import open_session
from tmserver.cli.common import pass_settings
from tmserver.config import Settings
from tmserver.formats.levels import LEVELS
from tmserver.formats.outputs import FORMATS
from tmserver.formats.outputs import render
from tmserver.formats.release import read_release
from tmserver.formats.summary import summarise
from tmserver.formats.word import write_review_table
from tmserver.services.build import write_atomically
from tmserver.services.memory import tmx_limits
from tmserver.services.pretranslate import import_reviewed_files
from tmserver.services.pretranslate import pretranslate
from tmserver.services.pretranslate import settings_policy
from tmserver.services.suggest import MatchEngine


@click.command("pretranslate")
@click.argument("release", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "target_lang", required=True, help="Target: bs, hr, sr-Latn …")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Draft format [default: docx for a DOCX release, else xliff (2.1)].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Draft file [default: RELEASE.<to>.<ext> beside the release].",
)
@click.option(
    "--min-similarity",
    type=click.FloatRange(30, 100),
    default=75.0,
    show_default=True,
    help="Lowest quality (%) a suggestion needs to be used.",
)
@click.option(
    "--copy-source",
    is_flag=True,
    help="Put the English into targets nothing matched (still marked untranslated).",
)
@click.option(
    "--summary-json",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the run summary as JSON to this file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_settings
def pretranslate_command(
    settings: Settings,
    release: Path,
    target_lang: str,
    output_format: str | None,
    output: Path | None,
    min_similarity: float,
    copy_source: bool,
    summary_json: Path | None,
    as_json: bool,
) -> None:
    """Pre-translate RELEASE (text/HTML announcement, DOCX, XLIFF or PO).

    Every sentence gets the memory's best suggestion after placeable adaptation,
    with its match level; a DOCX release also gets a bilingual review table
    (OUT.review.docx). Nothing is written when the release cannot be read.
    """
    loaded = read_release(release.read_bytes(), release.name)
    fmt = output_format or ("docx" if loaded.kind == "docx" else "xliff")
    # The server's index files (named for the memory state) are reused when the
    # memory has not changed since, instead of rebuilding a million-unit index.
    engine = MatchEngine(Path(settings.instance_dir).resolve() / "match-index")
    with open_session(settings) as session:
        draft = pretranslate(
            session,
            engine,
            loaded,
            target_lang,
            settings_policy(settings, min_similarity),
            copy_source=copy_source,
        )
    rendered = render(draft, fmt)
    target = output or release.with_name(
        f"{release.stem}.{draft.target_lang}{rendered.suffix}"
    )
    write_atomically(target, rendered.data)
    written = [target]
    if fmt == "docx":
        review = target.with_name(f"{target.stem}.review.docx")
        write_atomically(review, write_review_table(draft))
        written.append(review)
    summary = summarise(draft)
    if summary_json is not None:
        payload = json.dumps(summary, ensure_ascii=False, indent=2) + "\n"
        write_atomically(summary_json, payload.encode("utf-8"))
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        click.echo(_table(summary))
        click.echo("Wrote " + ", ".join(str(p) for p in written) + ".")


def _table(summary: dict) -> str:
    lines = [
        f"{summary['release']} → {summary['target_lang']}: "
        f"{summary['sentences']} sentences, {summary['words']} words",
        f"  {'level':13} {'sentences':>9} {'words':>7}",
    ]
    for level in LEVELS:
        row = summary["levels"][level]
        lines.append(f"  {level:13} {row['sentences']:9d} {row['words']:7d}")
    lines.append(
        f"  words saved (CAT-weighted): {summary['words_saved']:.1f}; "
        f"still to translate: {summary['weighted_words']:.1f}"
    )
    lines.append(
        f"  values adapted: {summary['values_adapted']}; "
        f"left for review: {summary['values_for_review']}"
    )
    return "\n".join(lines)


def import_reviewed(
    settings: Settings,
    files: tuple[str, ...],
    include_drafts: bool,
    target_lang: str | None,
) -> None:
    """``tmserver import`` of reviewed XLIFF/PO/TSV (and TMX) files, all or nothing."""
    with open_session(settings) as session:
        report = import_reviewed_files(
            session,
            [Path(f) for f in files],
            limits=tmx_limits(settings),
            target_lang=target_lang,
            include_drafts=include_drafts,
        )
    drafts = (
        f"; {report.drafts:,} draft segment(s) left out (--include-drafts takes them)"
        if report.drafts
        else ""
    )
    click.echo(
        f"Imported {report.read:,} units from {report.files} file(s): "
        f"{report.added:,} new, {report.read - report.added:,} already stored{drafts}."
    )
