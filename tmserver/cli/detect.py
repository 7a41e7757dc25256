"""``tmserver detect``: the language split and variety guess of files, with the
evidence, so they can be checked (by a person or CI) before a build."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from tmserver.build.detect import Detection
from tmserver.build.detect import detect_document
from tmserver.errors import EXIT_BAD_INPUT
from tmserver.errors import TMServerError


@click.command("detect")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file.")
def detect_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Guess the variety of each FILE (text or HTML; a folder means its files;
    - or nothing reads standard input).

    Prints the English/local split, the variety, its confidence and the words
    that decided it. Exits 3 when a file cannot be read or has no local text
    (the others are still reported).
    """
    failed = False
    for name, data in _inputs(files):
        try:
            result = detect_document(data, name)
        except TMServerError as error:
            failed = True
            _report_error(name, error, as_json)
            continue
        click.echo(
            json.dumps(result.as_dict(), ensure_ascii=False)
            if as_json
            else _line(result)
        )
    if failed:
        sys.exit(EXIT_BAD_INPUT)


def _inputs(files: tuple[Path, ...]) -> Iterator[tuple[str, bytes]]:
    """``(name, bytes)`` of every input, folders expanded in a stable order."""
    if not files or files == (Path("-"),):
        yield "-", sys.stdin.buffer.read()
        return
    for path in files:
        if str(path) == "-":
            yield "-", sys.stdin.buffer.read()
        elif path.is_dir():
            for inner in sorted(p for p in path.rglob("*") if p.is_file()):
                if inner.suffix.lower() in (".txt", ".text", ".html", ".htm"):
                    yield str(inner), inner.read_bytes()
        elif path.is_file():
            yield str(path), path.read_bytes()
        else:
            raise click.BadParameter(f"no such file: {path}", param_hint="FILES")


def _report_error(name: str, error: TMServerError, as_json: bool) -> None:
    message = str(error) if error.location else f"{name}: {error}"
    if as_json:
        click.echo(json.dumps({"file": name, "error": message}, ensure_ascii=False))
    else:
        click.secho(f"Error: {message}", fg="red", err=True)


def _line(result: Detection) -> str:
    guess = result.variety
    split = (
        f"English ¶1-{result.english_paragraphs}, local "
        f"¶{result.boundary + 1}-{result.boundary + result.local_paragraphs}"
        if result.boundary is not None
        else f"local only, {result.local_paragraphs} paragraph(s)"
    )
    flag = " LOW CONFIDENCE" if guess.low_confidence else ""
    markers = ", ".join(f"{k} {v}" for k, v in guess.evidence if v)
    return (
        f"{result.name}: {guess.tag} {guess.confidence:.2f}{flag} ({split}); "
        f"words: {', '.join(guess.words) or '-'}; markers: {markers or '-'}"
    )
