"""Varieties a user pins instead of the guess (pure core).

Two ways, without editing any announcement:

* a folder named after a variety (``announcements/sr-Latn/…``, ``bs/``, ``cnr/``)
  pins every file under it (the innermost such folder wins);
* a manifest ``varieties.tsv`` beside the announcements: one ``pattern<TAB>tag``
  per line (spaces work too), ``#`` starts a comment. A pattern is a glob on the
  file's path relative to the announcements folder (``rs/*.txt``, ``2025-*``);
  one ending in ``/`` pins a whole folder. The last matching line wins, so
  general lines go first and exceptions after them. The manifest beats folder
  names; ``--lang`` beats both.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from tmserver.errors import DocumentError
from tmserver.errors import UnsupportedLanguageError
from tmserver.text.lang import LOCAL_VARIETIES
from tmserver.text.lang import normalise_tag

MANIFEST_NAME = "varieties.tsv"
#: Tags a pin may give: the local varieties, and ``sr`` (script from the text).
PINNABLE = frozenset({*LOCAL_VARIETIES, "sr"})


@dataclass(frozen=True, slots=True)
class Pin:
    """A pinned variety and where the pin came from (``manifest:LINE``,
    ``folder``)."""

    tag: str
    source: str


def pinnable_tag(tag: str) -> str | None:
    """The canonical tag when ``tag`` names a local variety, else None."""
    try:
        canonical = normalise_tag(tag)
    except UnsupportedLanguageError:
        return None
    return canonical if canonical in PINNABLE else None


def parse_manifest(text: str, name: str = MANIFEST_NAME) -> list[tuple[str, Pin]]:
    """``(pattern, pin)`` per line of a manifest.

    :raises DocumentError: a line without a pattern and a tag, or an unknown tag,
        naming the manifest's line.
    """
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise DocumentError(
                "expected a file pattern and a variety", location=f"{name}:{number}"
            )
        tag = pinnable_tag(parts[1])
        if tag is None:
            raise DocumentError(
                f"unknown variety {parts[1]!r} (use one of "
                f"{', '.join(sorted(PINNABLE))})",
                location=f"{name}:{number}",
            )
        entries.append((parts[0], Pin(tag, f"manifest:{number}")))
    return entries


def pin_for(path: str, manifest: list[tuple[str, Pin]]) -> Pin | None:
    """The pin for an announcement at ``path`` (POSIX, relative): the last
    matching manifest line, else the innermost folder named after a variety."""
    found = None
    for pattern, pin in manifest:
        if pattern.endswith("/"):
            matched = path.startswith(pattern) or fnmatch.fnmatchcase(
                path, pattern + "*"
            )
        else:
            matched = fnmatch.fnmatchcase(path, pattern)
        if matched:
            found = pin
    if found:
        return found
    for folder in reversed(path.split("/")[:-1]):
        tag = (
            pinnable_tag(folder)
            if folder[:2].lower() in ("bs", "hr", "sr", "cn")
            else None
        )
        if tag:
            return Pin(tag, "folder")
    return None
