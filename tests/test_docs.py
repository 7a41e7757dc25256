"""The repository's own documents stand alone and match the code."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARCHITECTURE = REPO / "docs" / "architecture.md"
PACKAGE_HEADING = re.compile(r"^### `tmserver/(\w+)/`", re.MULTILINE)


def test_architecture_names_every_package_and_only_real_ones() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = set(PACKAGE_HEADING.findall(text))
    on_disk = {p.parent.name for p in (REPO / "tmserver").glob("*/__init__.py")}
    assert named == on_disk, (
        f"missing from docs: {sorted(on_disk - named)}; "
        f"not a package: {sorted(named - on_disk)}"
    )


def test_every_module_the_architecture_names_exists() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    missing = []
    for section in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        section = section.split("\n## ")[0]  # up to the next top-level section
        heading = re.match(r"`tmserver/(\w*)/?`", section)
        if not heading:
            continue
        base = REPO / "tmserver" / heading.group(1)
        for name in re.findall(r"`(\w+\.py)`", section):
            if name != "wsgi.py" and not (base / name).is_file():
                missing.append(f"{heading.group(1) or '.'}/{name}")
    assert missing == []


def test_stage_order_in_the_docs_is_the_one_the_layering_test_enforces() -> None:
    from tests.test_layering import STAGES

    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert " → ".join(STAGES[1:]) in text


def test_readme_links_the_architecture() -> None:
    assert "(docs/architecture.md)" in (REPO / "README.md").read_text(encoding="utf-8")


def test_nothing_refers_to_the_developers_shared_docs() -> None:
    """Users who clone the repository do not have ../shared/docs."""
    found = subprocess.run(
        ["git", "grep", "-n", "shared/docs"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if found.returncode == 128:  # not a git checkout (an sdist): grep the files
        hits = [
            str(p)
            for p in REPO.rglob("*")
            if p.is_file()
            and p.suffix in {".py", ".md", ".cfg", ".toml"}
            and "shared/docs" in p.read_text(encoding="utf-8", errors="replace")
        ]
    else:
        hits = found.stdout.splitlines()
    hits = [h for h in hits if not h.startswith("tests/test_docs.py")]
    assert hits == []
