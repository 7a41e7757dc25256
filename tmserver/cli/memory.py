"""Commands that manage the memory: init-db, import, export, stats."""

from __future__ import annotations

import itertools
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress
from rich.progress import SpinnerColumn
from rich.progress import TextColumn
from rich.progress import TimeElapsedColumn
from rich.table import Table

from tmserver.cli.common import open_session
from tmserver.cli.common import pass_settings
from tmserver.config import Settings
from tmserver.services.memory import count_letterless
from tmserver.services.memory import export_memory
from tmserver.services.memory import import_files
from tmserver.services.memory import tmx_limits
from tmserver.services.memory import tmx_sources
from tmserver.services.pretranslate import is_reviewed_file
from tmserver.services.pretranslate import several_translations
from tmserver.store import queries
from tmserver.store.db import make_engine
from tmserver.store.db import schema_revision
from tmserver.store.db import upgrade_schema


@click.command("init-db")
@pass_settings
def init_db(settings: Settings) -> None:
    """Create the database schema, or upgrade it to this release's revision."""
    engine = make_engine(
        settings.resolved_database_url(), lock_timeout=settings.db_lock_timeout
    )
    try:
        before = schema_revision(engine)
        upgrade_schema(engine)
        after = schema_revision(engine)
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"Database schema is up to date (revision {after}).")
    else:
        click.echo(f"Database schema upgraded from {before or 'nothing'} to {after}.")


class _LazyProgress:
    """A progress display that appears only once an import has taken a second."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._started = time.monotonic()
        self._progress: Progress | None = None
        self._task = None

    def __call__(self, units: int) -> None:
        if self._progress is None:
            if time.monotonic() - self._started < 1.0:
                return
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("importing: {task.completed:,} units"),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("import", total=None)
        self._progress.update(self._task, completed=units)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


@click.command("import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False)
)
@click.option(
    "--include-drafts",
    is_flag=True,
    help="Also import XLIFF/PO segments not in a final state.",
)
@click.option("--target-lang", help="Target language of PO/TSV files that omit it.")
@pass_settings
def import_command(
    settings: Settings,
    files: tuple[str, ...],
    include_drafts: bool,
    target_lang: str | None,
) -> None:
    """Import TMX, XLIFF 1.2/2.x, PO and bilingual TSV FILES, all or nothing."""
    if any(is_reviewed_file(f) for f in files):
        from tmserver.cli.pretranslate import import_reviewed

        import_reviewed(settings, files, include_drafts, target_lang)
        return
    progress = _LazyProgress(Console(stderr=True))
    started = time.monotonic()
    sources = tmx_sources([Path(f) for f in files], limits=tmx_limits(settings))
    first = next(sources)  # parse the first file while the database is prepared
    try:
        with open_session(settings) as session:
            report = import_files(
                session, itertools.chain([first], sources), progress=progress
            )
    finally:
        progress.stop()
    elapsed = time.monotonic() - started
    click.echo(
        f"Imported {report.read:,} units from {report.files} file(s): "
        f"{report.added:,} new, "
        f"{report.read - report.added - report.letterless:,} already stored"
        + (
            f", {report.letterless:,} without a letter skipped"
            if report.letterless
            else ""
        )
        + f" ({elapsed:.1f} s)."
    )


@contextmanager
def _atomic_output(path: Path) -> Iterator:
    """Write to a temporary file beside ``path`` and rename it into place on success."""
    handle = tempfile.NamedTemporaryFile(
        "wb", dir=path.parent or ".", prefix=f".{path.name}.", delete=False
    )
    try:
        with handle:
            yield handle
        os.replace(handle.name, path)
    except BaseException:
        os.unlink(handle.name)
        raise


@click.command("export")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="TMX file to write.",
)
@click.option("--source-lang", help="Only units with this source language.")
@click.option("--target-lang", help="Only units with this target language.")
@pass_settings
def export_command(
    settings: Settings, output: str, source_lang: str | None, target_lang: str | None
) -> None:
    """Export the memory (or one language pair) as TMX 1.4b."""
    with open_session(settings) as session, _atomic_output(Path(output)) as handle:
        count = export_memory(
            session, handle, source_lang=source_lang, target_lang=target_lang
        )
    click.echo(f"Exported {count:,} units to {output}.")


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_settings
def stats_command(settings: Settings, as_json: bool) -> None:
    """Show units per language pair and origin, and how many units have no letter
    in their source or target (separator lines: never served)."""
    with open_session(settings) as session:
        result = queries.stats(session)
        letterless = count_letterless(session)
        several = several_translations(session)
    if as_json:
        payload = _stats_dict(result) | {
            "sources_with_several_translations": several,
            "letterless": letterless,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(
        title=f"{result.total:,} units; {several:,} sources with several translations;"
        f" {letterless:,} without a letter (never served)"
    )
    for column in ("source", "target", "origin", "units", "last update"):
        table.add_column(column, justify="right" if column == "units" else "left")
    for pair in result.pairs:
        for origin in pair.origins:
            table.add_row(
                pair.source_lang,
                pair.target_lang,
                origin.origin or "-",
                f"{origin.units:,}",
                origin.last_update.strftime("%Y-%m-%d %H:%M")
                if origin.last_update
                else "",
            )
    Console().print(table)


def _stats_dict(result: queries.MemoryStats) -> dict:
    return {
        "total": result.total,
        "last_update": result.last_update.isoformat() if result.last_update else None,
        "pairs": [
            {
                "source_lang": p.source_lang,
                "target_lang": p.target_lang,
                "units": p.units,
                "origins": [{"origin": o.origin, "units": o.units} for o in p.origins],
            }
            for p in result.pairs
        ],
    }
