"""Lint use cases for the edges: the served memory as a :class:`MemoryLookup`,
and linting request texts (announcements or TMX) in one call."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tmserver.errors import InvalidRequestError
from tmserver.findings import SegmentPair
from tmserver.lang import normalise_tag
from tmserver.lintconfig import LintConfig
from tmserver.lintdocs import read_announcement
from tmserver.lintdocs import read_announcement_pair
from tmserver.linter import LintResult
from tmserver.linter import lint
from tmserver.lintinput import read_tmx
from tmserver.lintmemory import InMemoryTM
from tmserver.store.queries import change_counter
from tmserver.store.queries import iter_units


@dataclass
class MemoryCache:
    """In-process copies of the stored memory, rebuilt when the memory changes."""

    counter: int = -1
    memories: dict[tuple[str, str], InMemoryTM] | None = None

    def get(self, session: Session, source_lang: str, target_lang: str) -> InMemoryTM:
        """The memory for one language pair, current as of ``change_counter``."""
        counter = change_counter(session)
        if counter != self.counter or self.memories is None:
            self.counter, self.memories = counter, {}
        key = (source_lang, target_lang)
        if key not in self.memories:
            memory = InMemoryTM()
            for unit in iter_units(session, source_lang, target_lang):
                memory.add(unit.source, unit.target, unit.source_lang, unit.target_lang)
            self.memories[key] = memory
        return self.memories[key]


def pairs_from_request(
    *,
    text: str | None = None,
    source_text: str | None = None,
    target_text: str | None = None,
    tmx: str | None = None,
    target_lang: str | None = None,
) -> list[SegmentPair]:
    """Segment pairs from one of the request shapes of ``POST /api/v1/lint``.

    :raises InvalidRequestError: when none or several shapes are given.
    """
    given = [
        name
        for name, value in (("text", text), ("source_text", source_text), ("tmx", tmx))
        if value
    ]
    if len(given) != 1 or (source_text is not None) != (target_text is not None):
        raise InvalidRequestError(
            'give exactly one of "text", "source_text" + "target_text" or "tmx"'
        )
    lang = normalise_tag(target_lang) if target_lang else None
    if text:
        return read_announcement(text, "text", target_lang=lang)
    if source_text:
        return read_announcement_pair(
            source_text,
            target_text or "",
            "source_text",
            "target_text",
            target_lang=lang,
        )
    return read_tmx((tmx or "").encode("utf-8"), "tmx", target_lang=lang)


def lint_request(
    pairs: list[SegmentPair],
    config: LintConfig,
    *,
    session: Session | None = None,
    cache: MemoryCache | None = None,
) -> LintResult:
    """Lint ``pairs``, against the stored memory when a session and cache are given."""
    memory = None
    if session is not None and cache is not None and pairs:
        first = pairs[0]
        memory = cache.get(session, first.source_lang, first.target_lang)
    return lint(pairs, config, memory)
