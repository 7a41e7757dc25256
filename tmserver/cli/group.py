"""The command group: lazy command loading and error → exit code translation."""

from __future__ import annotations

import importlib
import sys
import traceback
from typing import Any

import click

from tmserver.errors import EXIT_INTERNAL
from tmserver.errors import TMServerError


class TMServerGroup(click.Group):
    """A click group that loads a command's module only when that command runs,
    and turns tmserver errors into a message and an exit code.

    Lazy loading keeps ``tmserver lint`` in a pre-commit hook from importing Flask,
    numpy and the match engine it never uses.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self._lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self._lazy and name not in self.commands:
            module, attribute = self._lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TMServerError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception:  # the edge reports what nothing below expected
            traceback.print_exc(file=sys.stderr)
            click.secho("Internal error (see the traceback above).", err=True)
            ctx.exit(EXIT_INTERNAL)
