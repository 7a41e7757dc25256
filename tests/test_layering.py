"""The pure core imports no Flask, SQLAlchemy, click or werkzeug (house rule)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tmserver"
#: Layers allowed to use frameworks: storage, services, and the two edges.
UPPER_LAYERS = {"store", "services", "web", "cli", "__main__"}
FORBIDDEN = ("flask", "sqlalchemy", "click", "werkzeug")


def core_modules() -> list[str]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] in UPPER_LAYERS or "migrations" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(("tmserver", *parts)))
    return modules


def test_core_modules_are_found() -> None:
    found = core_modules()
    assert {"tmserver.text.lang", "tmserver.errors", "tmserver.config"} <= set(found)
    assert not any(m.startswith(("tmserver.web", "tmserver.store")) for m in found)


@pytest.mark.parametrize("module", core_modules())
def test_core_module_imports_no_framework(module: str) -> None:
    probe = (
        f"import sys, json, {module}\n"
        f"print(json.dumps([m for m in {FORBIDDEN!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    )
    assert json.loads(result.stdout) == [], f"{module} pulls in a framework"
