"""``python -m tmserver`` runs the CLI."""

from tmserver.cli import cli

if __name__ == "__main__":
    cli(prog_name="tmserver")
