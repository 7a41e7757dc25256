"""``tmserver lint``: check bilingual releases in CI (an edge).

Exit codes: 0 no finding at or above ``--fail-on``, 1 findings, 2 usage or
configuration error, 3 unreadable input.
"""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from pathlib import Path

import click

from tmserver.errors import EXIT_FINDINGS
from tmserver.errors import EXIT_OK
from tmserver.errors import InvalidRequestError
from tmserver.errors import TMServerError
from tmserver.lint.checks import CHECKS
from tmserver.lint.config import load_config
from tmserver.lint.findings import SegmentPair
from tmserver.lint.inputs import read_release
from tmserver.lint.linter import lint
from tmserver.lint.memory import MemoryLookup
from tmserver.lint.memory import load_tmx_memory
from tmserver.lint.report import FORMATS
from tmserver.lint.report import render_report
from tmserver.lint.report.github import github_summary


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--explain",
    "explain_rule",
    default=None,
    metavar="RULE",
    help="Print the help of one check (id such as number-added, or code such as "
    "TM-NUM-003) and exit.",
)
@click.option(
    "--memory",
    "memory_ref",
    default=None,
    help="Memory to check consistency against: a TMX file or directory, or a "
    "database URL (sqlite:///…, postgresql://…).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Report format (default: text, or github when GITHUB_ACTIONS=true).",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the report here.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default=None,
    help="Lowest severity that makes the exit code 1 "
    "(default: from the config, else error).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    default=None,
    help="tmlint.toml or setup.cfg with a [tmserver:lint] section.",
)
@click.option(
    "--lang",
    "target_lang",
    default=None,
    help="Target language (bs, hr, sr-Latn, sr-Cyrl).",
)
def lint_command(
    paths: tuple[Path, ...],
    explain_rule: str | None,
    memory_ref: str | None,
    fmt: str | None,
    output: Path | None,
    fail_on: str | None,
    config_path: Path | None,
    target_lang: str | None,
) -> None:
    """Check bilingual releases: TMX, XLIFF, PO or announcements (EN then local, or
    NAME.en.txt + NAME.hr.txt)."""
    if explain_rule is not None:
        try:
            click.echo(explain(explain_rule))
        except InvalidRequestError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            sys.exit(error.exit_code)
        sys.exit(EXIT_OK)
    if not paths:
        raise click.UsageError("give the files to lint (or --explain RULE)")
    try:
        code = run_lint(
            paths, memory_ref, fmt, output, fail_on, config_path, target_lang
        )
    except TMServerError as error:
        click.secho(f"Error: {error}", fg="red", err=True)
        sys.exit(error.exit_code)
    sys.exit(code)


def explain(rule: str) -> str:
    """The help of one check, by id or rule code, as a translator reads it.

    :raises InvalidRequestError: when no check has that id or code.
    """
    wanted = rule.strip().lower()
    for check in CHECKS.values():
        if wanted in {check.id, check.code.lower()}:
            return (
                f"{check.code} {check.id} (default severity: {check.severity}, "
                f"family: {check.family})\n"
                f"{check.description}\n\n{check.help}"
                + ("\nNeeds a memory (--memory)." if check.needs_memory else "")
            )
    raise InvalidRequestError(f"no check {rule!r}; known: {', '.join(sorted(CHECKS))}")


def run_lint(
    paths: tuple[Path, ...],
    memory_ref: str | None,
    fmt: str | None,
    output: Path | None,
    fail_on: str | None,
    config_path: Path | None,
    target_lang: str | None,
) -> int:
    """Lint ``paths``, write the report, return the exit code."""
    config = load_config(config_path)
    config = config.with_overrides(target_lang=target_lang, fail_on=fail_on)
    files = expand_paths(paths)
    pairs: list[SegmentPair] = [
        pair
        for group in read_release(files, target_lang=config.target_lang)
        for pair in group
    ]
    with ExitStack() as stack:
        memory = open_memory(memory_ref or config.memory, config_path, stack)
        result = lint(pairs, config, memory)
    in_github = os.environ.get("GITHUB_ACTIONS") == "true"
    fmt = fmt or ("github" if in_github else "text")
    color = fmt == "text" and output is None and sys.stdout.isatty()
    report = render_report(result, fmt, color=color)
    if output is not None:
        output.write_text(report, encoding="utf-8")
    else:
        click.echo(report, nl=False)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if in_github and summary_file:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(github_summary(result))
    return EXIT_FINDINGS if result.fails(config.fail_on) else EXIT_OK


#: What a directory given on the command line is searched for.
LINTABLE = (".tmx", ".xlf", ".xliff", ".po", ".txt")


def expand_paths(paths: tuple[Path, ...]) -> list[Path]:
    """Files to lint: the given files, and the lintable files inside directories.

    :raises InvalidRequestError: for a path that does not exist.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*")) if p.suffix.lower() in LINTABLE
            )
        elif path.exists():
            files.append(path)
        else:
            raise InvalidRequestError(f"no such file: {path}")
    return files


def open_memory(
    reference: str | None, config_path: Path | None, stack: ExitStack
) -> MemoryLookup | None:
    """The memory named on the command line or in the config: TMX files loaded in
    memory, or a database looked up through the match index (open until ``stack``
    closes)."""
    if not reference:
        return None
    if "://" in reference:
        return _database_memory(reference, stack)
    path = Path(reference)
    if not path.is_absolute() and config_path is not None:
        path = config_path.parent / path
    if not path.exists():
        raise InvalidRequestError(f"memory not found: {path}")
    return load_tmx_memory([path])


def _database_memory(url: str, stack: ExitStack) -> MemoryLookup:
    """A tmserver database as the memory: its sources indexed in this process by the
    match engine (seconds at 1M units; no copy of the units), looked up on demand."""
    from tmserver.services.lintstore import StoreMemory  # the store only for a URL
    from tmserver.services.suggest import MatchEngine
    from tmserver.store.db import make_engine
    from tmserver.store.db import make_session_factory

    engine = make_engine(url)
    stack.callback(engine.dispose)
    session = stack.enter_context(make_session_factory(engine)())
    return StoreMemory(session, MatchEngine(refresh_seconds=3600))
