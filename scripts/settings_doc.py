"""Regenerate docs/settings.md from tmserver.config (run after adding a setting)."""

from __future__ import annotations

from pathlib import Path

from tmserver.config import documented_settings

HEADER = """# Settings

tmserver reads its settings from environment variables; nothing needs setting for the
embedded default (SQLite in `instance/`, memories from `memories/`).
Command-line options
such as `tmserver serve --port` override the variables.
`tests/test_config.py` checks that every setting appears here; regenerate this file with
`python scripts/settings_doc.py` after adding one.

| variable | default | meaning |
|---|---|---|
"""


def main() -> None:
    rows = [
        f"| `{name}` | `{default!s}` | {help} |"
        for name, default, help in documented_settings()
    ]
    out = Path(__file__).resolve().parents[1] / "docs" / "settings.md"
    out.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
