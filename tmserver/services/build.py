"""Build TMX memories from bilingual announcements (use case; the rest is core).

``build_memories`` turns every announcement under a directory into one TMX file
under the output directory, deterministically: the same input gives byte-identical
output (unit and header dates come from the document, never from the clock).
Unchanged announcements are skipped by content hash, recorded in a small manifest
next to the TMX files. All documents are aligned in memory first and only then
written, each file through a temporary file and a rename, so a bad document
leaves nothing half-written. ``load_memories`` loads the result into the database.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from tmserver.build.align import AlignParams
from tmserver.build.announcement import AlignedDocument
from tmserver.build.announcement import ReviewRow
from tmserver.build.announcement import align_document
from tmserver.build.announcement import document_units
from tmserver.build.pins import MANIFEST_NAME as PINS_NAME
from tmserver.build.pins import Pin
from tmserver.build.pins import parse_manifest
from tmserver.build.pins import pin_for
from tmserver.build.variety import VarietyGuess
from tmserver.errors import InvalidRequestError
from tmserver.services.memory import SyncReport
from tmserver.services.memory import sync_memories
from tmserver.text.letters import is_letterless_pair
from tmserver.tmx import TMXLimits
from tmserver.tmx import write_tmx
from tmserver.units import TranslationUnit

__all__ = [
    "AlignResult",
    "BuildReport",
    "align_files",
    "align_document",
    "announcement_files",
    "build_memories",
    "load_memories",
    "review_tsv",
    "units_tsv",
    "tmx_bytes",
]

#: Bump when the same input would now give different output, to rebuild everything.
BUILD_VERSION = "3"
ANNOUNCEMENT_SUFFIXES = (".txt", ".text", ".html", ".htm")
MANIFEST_NAME = "build-manifest.json"
REVIEW_DIR = "review"

#: Called with (file name, files done, files in total) while building.
BuildProgress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote (relative TMX paths), skipped and kept for review."""

    built: tuple[str, ...]
    skipped: int
    units: int
    review: int
    removed: tuple[str, ...] = ()
    #: Announcements whose variety was a low-confidence guess, each with its
    #: evidence: "name: tag (confidence 0.62; words …; markers …)"; unchanged
    #: files too (the manifest keeps the evidence).
    uncertain: tuple[str, ...] = ()
    #: Lines of page furniture left out (separators, links, credits, datelines).
    furniture: int = 0
    #: aligned units skipped because their source or target has no letter
    letterless: int = 0


@dataclass(frozen=True, slots=True)
class _Output:
    source: str
    tmx_path: str
    tmx: bytes
    review: bytes | None
    units: int
    review_rows: int
    variety: str
    uncertain: bool
    evidence: str = ""
    furniture: int = 0
    letterless: int = 0


def announcement_files(directory: Path) -> list[Path]:
    """The announcements under ``directory`` (text or HTML), in a stable order."""
    if not directory.is_dir():
        raise InvalidRequestError(f"not a directory: {directory}")
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.suffix.lower() in ANNOUNCEMENT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def tmx_bytes(units: Iterable[TranslationUnit], *, document: AlignedDocument) -> bytes:
    """The TMX file of one document's units, dated by the document."""
    buffer = io.BytesIO()
    write_tmx(units, buffer, source_lang="en", creation_date=document.date)
    return buffer.getvalue()


def review_tsv(rows: Iterable[ReviewRow]) -> bytes:
    """Review rows as tab-separated UTF-8 with a header line."""
    lines = ["document\tkind\tconfidence\tenglish_ref\tlocal_ref\tenglish\tlocal"]
    for row in rows:
        fields = (
            row.document,
            row.kind,
            f"{row.confidence:.3f}",
            row.english_ref,
            row.local_ref,
            row.english,
            row.local,
        )
        lines.append("\t".join(_tsv_field(f) for f in fields))
    return ("\n".join(lines) + "\n").encode("utf-8")


def units_tsv(units: Iterable[TranslationUnit]) -> bytes:
    """Units as ``english<TAB>local<TAB>confidence<TAB>sentences`` lines."""
    lines = ["english\tlocal\tconfidence\tsentences"]
    for unit in units:
        props = dict(unit.props)
        fields = (
            unit.source,
            unit.target,
            props.get("x-align-confidence", ""),
            props.get("x-sentences", ""),
        )
        lines.append("\t".join(_tsv_field(f) for f in fields))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_field(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def build_memories(
    directory: Path,
    out_dir: Path,
    *,
    min_confidence: float = 0.5,
    lang: str | None = None,
    params: AlignParams | None = None,
    force: bool = False,
    progress: BuildProgress | None = None,
) -> BuildReport:
    """Align every announcement of ``directory`` into ``out_dir/<name>.tmx``.

    :param min_confidence: links below it go to ``out_dir/review/<name>.tsv``.
    :param lang: the local variety of every document (default: pinned by a
        folder name or ``varieties.tsv`` beside the announcements, else guessed
        per file; see :mod:`tmserver.build.pins`).
    :param force: rebuild files whose content has not changed.
    :raises DocumentError: the first unusable announcement (or a bad
        ``varieties.tsv`` line); nothing is written.
    """
    files = announcement_files(directory)
    pins = _read_pins(directory)
    _refuse_clashing_names(files, directory)
    manifest_path = out_dir / MANIFEST_NAME
    manifest = _read_manifest(manifest_path)
    settings = (
        f"{BUILD_VERSION}|{min_confidence}|{lang or ''}|{params or AlignParams()}"
    )
    fingerprint = hashlib.sha256(settings.encode("utf-8")).hexdigest()[:16]
    outputs: list[_Output] = []
    entries: dict[str, dict[str, str | int]] = {}
    skipped = 0
    for done, path in enumerate(files):
        name = path.relative_to(directory).as_posix()
        if progress:
            progress(name, done, len(files))
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        pin = None if lang else pin_for(name, pins)
        file_fingerprint = fingerprint
        if pin:
            file_fingerprint = hashlib.sha256(
                f"{settings}|{pin.tag}".encode()
            ).hexdigest()[:16]
        known = manifest.get(name)
        tmx_path = str(Path(name).with_suffix(".tmx").as_posix())
        if (
            not force
            and known
            and known.get("sha256") == digest
            and known.get("settings") == file_fingerprint
            and (out_dir / tmx_path).is_file()
        ):
            entries[name] = known
            skipped += 1
            continue
        origin = _origin(path, directory, out_dir)
        output = _build_one(
            data, name, origin, tmx_path, min_confidence, lang, params, pin
        )
        outputs.append(output)
        entries[name] = {
            "sha256": digest,
            "settings": file_fingerprint,
            "tmx": tmx_path,
            "units": output.units,
            "review": output.review_rows,
        }
        if output.uncertain:
            entries[name]["uncertain"] = f"{output.variety} ({output.evidence})"
    if progress:
        progress("", len(files), len(files))
    removed = _write_outputs(out_dir, outputs, manifest, entries)
    return BuildReport(
        built=tuple(o.tmx_path for o in outputs),
        skipped=skipped,
        units=sum(o.units for o in outputs),
        review=sum(o.review_rows for o in outputs),
        removed=removed,
        uncertain=tuple(
            f"{name}: {entry['uncertain']}"
            for name, entry in entries.items()
            if entry.get("uncertain")
        ),
        furniture=sum(o.furniture for o in outputs),
        letterless=sum(o.letterless for o in outputs),
    )


def _read_pins(directory: Path) -> list[tuple[str, Pin]]:
    """The ``varieties.tsv`` manifest beside the announcements (none: no pins)."""
    path = directory / PINS_NAME
    if not path.is_file():
        return []
    return parse_manifest(path.read_text(encoding="utf-8-sig"), path.name)


def _refuse_clashing_names(files: list[Path], directory: Path) -> None:
    """Two announcements that would write the same TMX file (``a.txt``, ``a.html``)."""
    seen: dict[Path, Path] = {}
    for path in files:
        target = path.relative_to(directory).with_suffix(".tmx")
        if target in seen:
            raise InvalidRequestError(
                f"{seen[target].name} and {path.name} would both become {target}; "
                "rename one of them"
            )
        seen[target] = path


def _origin(path: Path, directory: Path, out_dir: Path) -> str:
    """The announcement's path relative to the memories directory (or, when it lies
    elsewhere, relative to its own directory's parent) — never machine-specific."""
    try:
        return path.resolve().relative_to(out_dir.resolve()).as_posix()
    except ValueError:
        return (Path(directory.resolve().name) / path.relative_to(directory)).as_posix()


def _build_one(
    data: bytes,
    name: str,
    origin: str,
    tmx_path: str,
    min_confidence: float,
    lang: str | None,
    params: AlignParams | None,
    pin: Pin | None = None,
) -> _Output:
    document = align_document(
        data,
        name,
        lang=lang or (pin.tag if pin else None),
        params=params,
        pinned_by=pin.source if pin and not lang else "given",
    )
    aligned, review = document_units(
        document, origin=origin, min_confidence=min_confidence
    )
    # separator lines ("******") aligned with headlines are no translation
    units = [u for u in aligned if not is_letterless_pair(u.source, u.target)]
    return _Output(
        source=name,
        tmx_path=tmx_path,
        tmx=tmx_bytes(units, document=document),
        review=review_tsv(review) if review else None,
        units=len(units),
        review_rows=len(review),
        variety=document.variety.tag,
        uncertain=document.variety.low_confidence,
        evidence=describe_guess(document.variety),
        furniture=len(document.furniture),
        letterless=len(aligned) - len(units),
    )


def describe_guess(guess: VarietyGuess) -> str:
    """One line of evidence for a variety guess (for reports)."""
    parts = [f"confidence {guess.confidence:.2f}"]
    if guess.words:
        parts.append("words " + ", ".join(guess.words))
    markers = [f"{name} {n}" for name, n in guess.evidence if n]
    if markers:
        parts.append("markers " + ", ".join(markers))
    return "; ".join(parts)


def _read_manifest(path: Path) -> dict[str, dict[str, str | int]]:
    if not path.is_file():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}  # a damaged manifest only costs a rebuild
    return manifest.get("documents", {}) if isinstance(manifest, dict) else {}


def _write_outputs(
    out_dir: Path,
    outputs: list[_Output],
    previous: dict[str, dict[str, str | int]],
    entries: dict[str, dict[str, str | int]],
) -> tuple[str, ...]:
    """Write TMX and review files, drop those of vanished announcements, then the
    manifest last (a crash in between only causes a rebuild next time)."""
    for output in outputs:
        write_atomically(out_dir / output.tmx_path, output.tmx)
        review_path = out_dir / REVIEW_DIR / Path(output.source).with_suffix(".tsv")
        if output.review is not None:
            write_atomically(review_path, output.review)
        elif review_path.exists():
            review_path.unlink()
    removed = []
    for name, entry in sorted(previous.items()):
        if name not in entries:
            review_path = out_dir / REVIEW_DIR / Path(name).with_suffix(".tsv")
            for path in (out_dir / str(entry.get("tmx", "")), review_path):
                if path.is_file():
                    path.unlink()
            removed.append(str(entry.get("tmx", name)))
    manifest = {"version": BUILD_VERSION, "documents": dict(sorted(entries.items()))}
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if outputs or removed or not (out_dir / MANIFEST_NAME).exists():
        write_atomically(out_dir / MANIFEST_NAME, text.encode("utf-8"))
    return tuple(removed)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class AlignResult:
    """One aligned announcement rendered for ``tmserver align``."""

    document: AlignedDocument
    output: bytes
    review: bytes
    units: int
    review_rows: int


def align_files(
    path: Path,
    local_path: Path | None = None,
    *,
    lang: str | None = None,
    min_confidence: float = 0.5,
    output_format: str = "tmx",
    params: AlignParams | None = None,
) -> AlignResult:
    """Align one announcement (or an English file and its local version).

    :param output_format: ``tmx`` or ``tsv``.
    :raises DocumentError: unusable input.
    :raises InvalidRequestError: an unknown format.
    """
    if output_format not in ("tmx", "tsv"):
        raise InvalidRequestError(f"unknown output format: {output_format!r}")
    document = align_document(
        path.read_bytes(),
        path.name,
        local_data=local_path.read_bytes() if local_path else None,
        local_name=local_path.name if local_path else "",
        lang=lang,
        params=params,
    )
    units, review = document_units(
        document, origin=path.name, min_confidence=min_confidence
    )
    if output_format == "tmx":
        output = tmx_bytes(units, document=document)
    else:
        output = units_tsv(units)
    return AlignResult(document, output, review_tsv(review), len(units), len(review))


def load_memories(session: Session, out_dir: Path, *, limits: TMXLimits) -> SyncReport:
    """Load the built TMX files into the database (changed files only)."""
    return sync_memories(session, out_dir, limits=limits)
