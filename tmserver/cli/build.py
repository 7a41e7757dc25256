"""Commands that build the memory from announcements: ``align`` and ``build``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn
from rich.progress import MofNCompleteColumn
from rich.progress import Progress
from rich.progress import TextColumn
from rich.progress import TimeElapsedColumn

from tmserver.cli.common import open_session
from tmserver.cli.common import pass_settings
from tmserver.config import Settings
from tmserver.services.build import align_files
from tmserver.services.build import build_memories
from tmserver.services.build import describe_guess
from tmserver.services.build import load_memories
from tmserver.services.build import write_atomically
from tmserver.services.memory import tmx_limits

_min_confidence_option = click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    help="Lowest link confidence (0-1) kept "
    "[default: TMSERVER_ALIGN_MIN_CONFIDENCE / 100].",
)


def _min_confidence(settings: Settings, given: float | None) -> float:
    return given if given is not None else settings.align_min_confidence / 100


@click.command("align")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument(
    "local_file",
    required=False,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--lang",
    help="Local variety (bs, hr, sr-Latn, sr-Cyrl); default: guessed from the text.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write the aligned sentence pairs to.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["tmx", "tsv"]),
    default="tmx",
    show_default=True,
    help="TMX 1.4b, or tab-separated text for a quick look.",
)
@click.option(
    "--review",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write unaligned and low-confidence links to this TSV file.",
)
@_min_confidence_option
@pass_settings
def align_command(
    settings: Settings,
    file: Path,
    local_file: Path | None,
    lang: str | None,
    output: Path,
    output_format: str,
    review: Path | None,
    min_confidence: float | None,
) -> None:
    """Align a bilingual announcement FILE (or FILE and its LOCAL_FILE)."""
    result = align_files(
        file,
        local_file,
        lang=lang,
        min_confidence=_min_confidence(settings, min_confidence),
        output_format=output_format,
    )
    write_atomically(output, result.output)
    if review:
        write_atomically(review, result.review)
    variety = result.document.variety
    note = (
        f" (low confidence: {describe_guess(variety)}; check or pass --lang)"
        if variety.low_confidence
        else ""
    )
    click.echo(
        f"{file}: {variety.tag}{note}; {result.units} sentence pairs written to "
        f"{output}, {result.review_rows} left for review."
    )


@click.command("build")
@click.argument(
    "directory",
    required=False,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the TMX files go [default: TMSERVER_MEMORIES_DIR].",
)
@click.option(
    "--lang",
    help="Local variety of every announcement; default: pinned by a folder named "
    "after a variety or by varieties.tsv beside the announcements, else guessed "
    "per file.",
)
@_min_confidence_option
@click.option("--force", is_flag=True, help="Rebuild unchanged announcements too.")
@click.option(
    "--load/--no-load",
    default=False,
    show_default=True,
    help="Load the built memories into the database.",
)
@pass_settings
def build_command(
    settings: Settings,
    directory: Path | None,
    out_dir: Path | None,
    lang: str | None,
    min_confidence: float | None,
    force: bool,
    load: bool,
) -> None:
    """Build TMX memories from every announcement in DIRECTORY.

    DIRECTORY defaults to the announcements folder of the memories directory.
    """
    out_dir = out_dir or Path(settings.memories_dir)
    directory = directory or out_dir / "announcements"
    console = Console(stderr=True)
    with Progress(
        TextColumn("aligning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(name: str, done: int, total: int) -> None:
            bar.update(task, description=name, completed=done, total=total)

        report = build_memories(
            directory,
            out_dir,
            min_confidence=_min_confidence(settings, min_confidence),
            lang=lang,
            force=force,
            progress=progress,
        )
    click.echo(
        f"Built {len(report.built)} memory file(s) with {report.units:,} units in "
        f"{out_dir}; {report.skipped} unchanged, {report.review} link(s) for review"
        + (f", {len(report.removed)} removed" if report.removed else "")
        + (
            f", {report.furniture} line(s) of page furniture left out"
            if report.furniture
            else ""
        )
        + (
            f", {report.letterless:,} unit(s) without a letter skipped"
            if report.letterless
            else ""
        )
        + "."
    )
    for item in report.uncertain:
        click.secho(
            f"Warning: low-confidence variety guess for {item}; pin it with --lang, "
            "a folder named after the variety or a line in varieties.tsv.",
            fg="yellow",
            err=True,
        )
    if load:
        with open_session(settings) as session:
            synced = load_memories(session, out_dir, limits=tmx_limits(settings))
        click.echo(
            f"Loaded {len(synced.loaded)} file(s) ({synced.added:,} units) "
            f"into the database."
        )
