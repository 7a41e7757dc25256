"""The ``tmserver`` command line (an edge: reads settings, prints, exits).

Exit codes: 0 ok, 1 findings, 2 usage error, 3 bad input data, 4 internal error.
"""

from __future__ import annotations

import click

from tmserver import __version__
from tmserver.cli.group import TMServerGroup
from tmserver.config import Settings

#: command name → "module:attribute", imported when the command runs.
COMMANDS = {
    "serve": "tmserver.cli.serve:serve",
    "init-db": "tmserver.cli.memory:init_db",
    "import": "tmserver.cli.memory:import_command",
    "export": "tmserver.cli.memory:export_command",
    "stats": "tmserver.cli.memory:stats_command",
    "align": "tmserver.cli.build:align_command",
    "build": "tmserver.cli.build:build_command",
    "detect": "tmserver.cli.detect:detect_command",
    "lint": "tmserver.cli.lint:lint_command",
    "evaluate": "tmserver.cli.evaluate:evaluate_command",
    "pretranslate": "tmserver.cli.pretranslate:pretranslate_command",
}


@click.group(
    cls=TMServerGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
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
