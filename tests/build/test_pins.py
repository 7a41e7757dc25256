"""Pinning the variety without editing files: folder names and varieties.tsv."""

from __future__ import annotations

import pytest

from tmserver.build.pins import Pin
from tmserver.build.pins import parse_manifest
from tmserver.build.pins import pin_for
from tmserver.errors import DocumentError

MANIFEST = """# announcements of the Serbian offices
rs/\tsr-Latn
rs/old-*.txt  bs   # exceptions after the general line
2025-cg-*.txt cnr
zagreb.txt hr
"""


def test_manifest_lines_and_their_order() -> None:
    entries = parse_manifest(MANIFEST)
    assert [pattern for pattern, _ in entries] == [
        "rs/",
        "rs/old-*.txt",
        "2025-cg-*.txt",
        "zagreb.txt",
    ]
    assert entries[0][1] == Pin("sr-Latn", "manifest:2")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("rs/press.txt", Pin("sr-Latn", "manifest:2")),
        ("rs/deep/press.txt", Pin("sr-Latn", "manifest:2")),
        ("rs/old-1.txt", Pin("bs", "manifest:3")),
        ("2025-cg-01.txt", Pin("cnr", "manifest:4")),
        ("zagreb.txt", Pin("hr", "manifest:5")),
        ("hr/anything.html", Pin("hr", "folder")),
        ("news/sr-Cyrl/a.txt", Pin("sr-Cyrl", "folder")),
        ("bs/hr/a.txt", Pin("hr", "folder")),  # the innermost folder wins
        ("rs/hr/a.txt", Pin("sr-Latn", "manifest:2")),  # the manifest beats folders
        ("other/a.txt", None),
        ("hr.txt", None),  # a file name is not a folder
    ],
)
def test_pin_for(path: str, expected: Pin | None) -> None:
    assert pin_for(path, parse_manifest(MANIFEST)) == expected


@pytest.mark.parametrize(
    ("text", "line"),
    [("a.txt hr\nb.txt\n", 2), ("a.txt hr\n\n# c\nb.txt de\n", 4), ("x y z\n", 1)],
)
def test_a_bad_manifest_line_is_named(text: str, line: int) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_manifest(text)
    assert caught.value.location == f"varieties.tsv:{line}"
