"""The pure core imports no Flask, SQLAlchemy, click or werkzeug (house rule)."""

from __future__ import annotations

import ast
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


#: The flow, first to last: a module may import its own stage or an earlier one.
STAGES = (
    "base",  # errors, config, units: used by every layer
    "text",
    "build",
    "tmx",
    "formats",
    "match",
    "lint",
    "store",
    "services",
    "web",
    "cli",
)
BASE_MODULES = {"__init__", "errors", "config", "units"}


def stage_of(module: str) -> str:
    """The stage of a dotted ``tmserver`` module name."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in BASE_MODULES:
        return "base"
    if parts[0] == "__main__":
        return "cli"
    return parts[0]


def imports_of(path: Path) -> set[str]:
    """Every ``tmserver`` module a file imports (also inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "tmserver":
                for alias in node.names:  # a submodule, or a name of the package
                    is_module = (PACKAGE / alias.name).is_dir() or (
                        PACKAGE / f"{alias.name}.py"
                    ).is_file()
                    found.add(f"tmserver.{alias.name}" if is_module else "tmserver")
            elif node.module.startswith("tmserver."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("tmserver."))
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(("tmserver", *parts))


def test_every_package_is_a_known_stage() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages == set(STAGES) - {"base"}
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose <= BASE_MODULES | {"__main__"}, "a module outside any stage"


def test_stage_of_names_the_flow() -> None:
    assert stage_of("tmserver.lint.checks.numbers") == "lint"
    assert stage_of("tmserver.errors") == "base"
    assert stage_of("tmserver.__main__") == "cli"
    assert STAGES.index("match") < STAGES.index("lint")


@pytest.mark.parametrize(
    "path",
    sorted(PACKAGE.rglob("*.py")),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_stage_imports_a_later_stage(path: Path) -> None:
    own = STAGES.index(stage_of(module_name(path)))
    upward = sorted(
        imported
        for imported in imports_of(path)
        if STAGES.index(stage_of(imported)) > own
    )
    assert upward == [], f"{module_name(path)} imports later stages: {upward}"


def test_the_import_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker itself catches what it is there to catch."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from tmserver.lint.linter import lint\n")
    assert imports_of(probe) == {"tmserver.lint.linter"}
    assert STAGES.index(stage_of("tmserver.lint.linter")) > STAGES.index("match")
