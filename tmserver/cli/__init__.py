"""The ``tmserver`` command line (an edge: reads settings, prints, exits).

Exit codes: 0 ok, 1 findings, 2 usage error, 3 bad input data, 4 internal error.
"""

from __future__ import annotations

import click

from tmserver import __version__
from tmserver.cli.build import align_command
from tmserver.cli.build import build_command
from tmserver.cli.common import TMServerGroup
from tmserver.cli.evaluate import evaluate_command
from tmserver.cli.lint import lint_command
from tmserver.cli.memory import export_command
from tmserver.cli.memory import import_command
from tmserver.cli.memory import init_db
from tmserver.cli.memory import stats_command
from tmserver.cli.serve import serve
from tmserver.config import Settings


@click.group(
    cls=TMServerGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="tmserver")
@click.option(
    "--database-url",
    envvar="TMSERVER_DATABASE_URL",
    default=None,
    help="SQLAlchemy URL of the memory database (default: embedded SQLite file).",
)
@click.pass_context
def cli(ctx: click.Context, database_url: str | None) -> None:
    """Translation memory, aligner and release linter for BCS announcements."""
    ctx.obj = Settings.from_env(database_url=database_url)


cli.add_command(serve)
cli.add_command(init_db)
cli.add_command(import_command)
cli.add_command(export_command)
cli.add_command(stats_command)
cli.add_command(align_command)
cli.add_command(build_command)
cli.add_command(lint_command)
cli.add_command(evaluate_command)
