"""The linter's view of a translation memory, and an in-process one over TMX (pure core).

Checks talk to :class:`MemoryLookup` only. :class:`InMemoryTM` implements it over
units held in memory (loaded from TMX files or given as pairs); the database-backed
memory of the service implements the same protocol in the service layer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rapidfuzz import fuzz

from tmserver.errors import InputDataError
from tmserver.stemming import stems

_SPACE_RE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-cased, whitespace-collapsed text: what "the same source" means."""
    return _SPACE_RE.sub(" ", text).strip().lower()


@dataclass(frozen=True, slots=True)
class MemoryMatch:
    """The memory's best unit for a source, with its quality (0–100)."""

    quality: float
    source: str
    target: str


class MemoryLookup(Protocol):
    """What the memory checks need from a translation memory."""

    def best_match(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        *,
        min_quality: float = 95.0,
    ) -> MemoryMatch | None:
        """The best unit whose source matches ``source`` at ``min_quality`` or more."""
        ...  # pragma: no cover

    def term_stems(
        self, term: str, source_lang: str, target_lang: str
    ) -> frozenset[str] | None:
        """Target stems every memory translation of ``term`` shares, or None.

        None when the memory has fewer than two units with ``term`` or their
        translations share nothing beyond function words.
        """
        ...  # pragma: no cover


#: Stems too common to characterise a term's translation.
_FUNCTION_STEMS = frozenset(
    stems(
        "i u na za od do s sa se je su da ne o po iz kao što koji koja koje ali a te "
        "bi bio bila biti će ce ovo ova ovaj taj to ta još već samo sve svi više"
    )
)


class InMemoryTM:
    """A memory held in this process: exact lookups and ≥ 95 % fuzzy lookups.

    Fuzzy candidates are the units that share the first or the last 16 characters
    of the normalised source (a 95 % match differs by a few characters, so one end
    nearly always survives); rapidfuzz's ``ratio`` scores them.
    """

    _KEY = 16

    def __init__(self) -> None:
        self._sources: list[str] = []
        self._targets: list[str] = []
        self._langs: list[tuple[str, str]] = []
        self._exact: dict[tuple[str, str, str], int] = {}
        self._heads: dict[str, list[int]] = {}
        self._tails: dict[str, list[int]] = {}
        self._term_cache: dict[tuple[str, str, str], frozenset[str] | None] = {}

    def __len__(self) -> int:
        return len(self._sources)

    def add(self, source: str, target: str, source_lang: str, target_lang: str) -> None:
        """Add one unit."""
        key = normalise(source)
        if not key or not target.strip():
            return
        index = len(self._sources)
        self._sources.append(source)
        self._targets.append(target)
        self._langs.append((source_lang, target_lang))
        self._exact.setdefault((key, source_lang, target_lang), index)
        self._heads.setdefault(key[: self._KEY], []).append(index)
        self._tails.setdefault(key[-self._KEY :], []).append(index)

    def add_all(self, units: Iterable[tuple[str, str, str, str]]) -> int:
        """Add ``(source, target, source_lang, target_lang)`` tuples; return the count."""
        count = 0
        for source, target, source_lang, target_lang in units:
            self.add(source, target, source_lang, target_lang)
            count += 1
        return count

    def best_match(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        *,
        min_quality: float = 95.0,
    ) -> MemoryMatch | None:
        key = normalise(source)
        exact = self._exact.get((key, source_lang, target_lang))
        if exact is not None:
            return MemoryMatch(100.0, self._sources[exact], self._targets[exact])
        if min_quality >= 100:
            return None
        candidates = set(self._heads.get(key[: self._KEY], ()))
        candidates.update(self._tails.get(key[-self._KEY :], ()))
        best: tuple[float, int] | None = None
        for index in candidates:
            if self._langs[index] != (source_lang, target_lang):
                continue
            score = fuzz.ratio(
                key, normalise(self._sources[index]), score_cutoff=min_quality
            )
            if score and (best is None or score > best[0]):
                best = (score, index)
        if best is None:
            return None
        return MemoryMatch(
            round(best[0], 1), self._sources[best[1]], self._targets[best[1]]
        )

    def term_stems(
        self, term: str, source_lang: str, target_lang: str
    ) -> frozenset[str] | None:
        cache_key = (term, source_lang, target_lang)
        if cache_key in self._term_cache:
            return self._term_cache[cache_key]
        needle = term.lower()
        targets = [
            self._targets[i]
            for i, source in enumerate(self._sources)
            if needle in source.lower() and self._langs[i] == (source_lang, target_lang)
        ]
        result = None
        if len(targets) >= 2:
            counts = Counter(s for t in targets for s in set(stems(t, min_length=3)))
            shared = {s for s, n in counts.items() if n == len(targets)}
            shared -= _FUNCTION_STEMS
            result = frozenset(shared) or None
        self._term_cache[cache_key] = result
        return result


def load_tmx_memory(
    paths: Iterable[Path], memory: InMemoryTM | None = None
) -> InMemoryTM:
    """An :class:`InMemoryTM` holding every unit of the TMX files in ``paths``
    (directories are searched for ``*.tmx``).

    :raises InputDataError: when a file cannot be read or is not TMX.
    """
    from tmserver.lintinput import read_tmx  # input readers sit beside this module

    memory = memory or InMemoryTM()
    for path in paths:
        files = sorted(path.rglob("*.tmx")) if path.is_dir() else [path]
        for file in files:
            try:
                data = file.read_bytes()
            except OSError as error:
                raise InputDataError(
                    f"cannot read memory: {error.strerror}", location=str(file)
                ) from error
            for pair in read_tmx(data, str(file)):
                memory.add(pair.source, pair.target, pair.source_lang, pair.target_lang)
    return memory
