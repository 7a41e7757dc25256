"""Import, export and synchronisation of TMX memories with the database.

Imports are all-or-nothing: every file of one call is parsed into one staging table
inside the caller's transaction and merged into the memory in one statement at the
end (:mod:`tmserver.store.bulk`), so the first bad file aborts the lot (the caller
rolls back) with the error naming that file and line, and the memory's write lock is
held only for the merge.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from tmserver.config import Settings
from tmserver.store import queries
from tmserver.text.lang import normalise_tag
from tmserver.text.letters import is_letterless_pair
from tmserver.tmx import TMXLimits
from tmserver.tmx import iter_tmx
from tmserver.tmx import write_tmx
from tmserver.tmx.background import iter_tmx_file
from tmserver.units import TranslationUnit

#: Called with the number of units read so far, for progress bars.
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import read and wrote."""

    files: int
    read: int
    added: int
    #: units skipped because their source or target has no letter (separator lines)
    letterless: int = 0


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What synchronising the memories directory changed."""

    loaded: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    added: int


def tmx_limits(settings: Settings, *, upload: bool = False) -> TMXLimits:
    """The TMX caps configured in ``settings`` (``upload``: for an HTTP body)."""
    return TMXLimits(
        max_bytes=settings.max_upload_bytes if upload else settings.max_tmx_bytes,
        max_units=settings.max_units,
        max_segment_chars=settings.max_segment_chars,
    )


@dataclass(frozen=True, slots=True)
class NamedSource:
    """The units of one input file, with the name errors give as their location."""

    name: str
    units: Iterable[TranslationUnit]

    def __iter__(self) -> Iterator[TranslationUnit]:
        return iter(self.units)


def tmx_sources(paths: Iterable[Path], *, limits: TMXLimits) -> Iterator[NamedSource]:
    """The units of each file; a large file's parser starts as its turn is taken."""
    for path in paths:
        yield NamedSource(str(path), iter_tmx_file(Path(path), limits=limits))


def import_files(
    session: Session,
    sources: Iterable[Iterable[TranslationUnit]],
    *,
    progress: Progress | None = None,
) -> ImportReport:
    """Stream the units of every source (one per TMX file) into the memory.

    The caller commits. Use :func:`tmx_sources` to read files.

    :raises TMServerError: the first unreadable, unsafe or oversized file.
    :raises MemoryBusyError: another writer held the memory past the lock timeout.
    """
    files = read = letterless = 0
    stage = queries.UnitStage(session)
    for units in sources:
        counter = _Counter(progress, offset=read)
        location = units.name if isinstance(units, NamedSource) else None
        stage.stage(counter.wrap(units), location=location)
        files += 1
        read += counter.count
        letterless += counter.letterless
    added = queries.merge_staged(stage)
    return ImportReport(files=files, read=read, added=added, letterless=letterless)


def import_stream(
    session: Session, stream: BinaryIO, *, name: str, limits: TMXLimits
) -> ImportReport:
    """Import one uploaded TMX document (caller commits).

    :raises InputDataError: a unit the memory cannot hold (too long an origin).
    """
    counter = _Counter()
    added = queries.add_units(
        session,
        counter.wrap(iter_tmx(stream, limits=limits, origin=name)),
        location=name,
    )
    return ImportReport(
        files=1, read=counter.count, added=added, letterless=counter.letterless
    )


class _Counter:
    """Counts units as they stream past and reports progress every 10,000.

    Units whose source or target has no letter (separator lines such as ``******``)
    are counted and held back: they are no translation.
    """

    def __init__(
        self,
        progress: Progress | None = None,
        offset: int = 0,
        *,
        keep_all: bool = False,
    ) -> None:
        self.count = 0
        self.letterless = 0
        self._keep_all = keep_all
        self._progress = progress
        self._offset = offset

    def wrap(self, units: Iterable[TranslationUnit]) -> Iterator[TranslationUnit]:
        for unit in units:
            self.count += 1
            if self._progress and self.count % 10_000 == 0:
                self._progress(self._offset + self.count)
            if not self._keep_all and is_letterless_pair(unit.source, unit.target):
                self.letterless += 1
                continue
            yield unit
        if self._progress:
            self._progress(self._offset + self.count)


def count_letterless(session: Session) -> int:
    """How many stored units have a source or target without any letter (junk)."""
    return sum(1 for s, t in queries.iter_texts(session) if is_letterless_pair(s, t))


def export_memory(
    session: Session,
    out: BinaryIO,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    creation_date: datetime | None = None,
) -> int:
    """Write the memory (or one language pair) to ``out`` as TMX 1.4b; returns units."""
    slang = normalise_tag(source_lang) if source_lang else None
    tlang = normalise_tag(target_lang) if target_lang else None
    counter = _Counter(keep_all=True)
    write_tmx(
        counter.wrap(queries.iter_units(session, slang, tlang)),
        out,
        source_lang=slang or "en",
        creation_date=creation_date,
    )
    return counter.count


def memory_files(directory: Path) -> list[Path]:
    """The TMX files of a memories directory, in a stable order."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.rglob("*.tmx") if p.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sync_memories(
    session: Session, directory: Path, *, limits: TMXLimits
) -> SyncReport:
    """Make the database reflect the TMX files of ``directory`` (caller commits).

    Files whose content hash is unchanged are skipped; changed files replace the units
    they loaded before; vanished files take their units with them. Units added through
    the write API are never touched.
    """
    known = queries.memory_file_hashes(session)
    loaded: list[str] = []
    unchanged = added = 0
    present = set()
    for path in memory_files(directory):
        name = path.relative_to(directory).as_posix()
        present.add(name)
        digest = _sha256(path)
        if known.get(name) == digest:
            unchanged += 1
            continue
        file_id = queries.replace_memory_file(session, name, digest)
        units = _Counter().wrap(iter_tmx_file(path, limits=limits))
        added += queries.add_units(session, units, file_id=file_id, location=name)
        loaded.append(name)
    removed = sorted(set(known) - present)
    for name in removed:
        queries.forget_memory_file(session, name)
    return SyncReport(tuple(loaded), tuple(removed), unchanged, added)
