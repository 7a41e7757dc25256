"""Lint use cases for the edges: the served memory as a :class:`MemoryLookup`,
and linting request texts (announcements or TMX) in one call."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tmserver.errors import InvalidRequestError
from tmserver.lint.config import LintConfig
from tmserver.lint.documents import read_announcement
from tmserver.lint.documents import read_announcement_pair
from tmserver.lint.findings import SegmentPair
from tmserver.lint.inputs import read_tmx
from tmserver.lint.linter import LintResult
from tmserver.lint.linter import lint
from tmserver.services.lintstore import LintMemoryCache
from tmserver.services.lintstore import StoreMemory
from tmserver.services.suggest import MatchEngine
from tmserver.text.lang import normalise_tag


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
    engine: MatchEngine | None = None,
    cache: LintMemoryCache | None = None,
) -> LintResult:
    """Lint ``pairs``, against the stored memory when a session and the match engine
    are given (looked up through the engine's index, see :mod:`.lintstore`)."""
    memory = None
    if session is not None and engine is not None and pairs:
        memory = StoreMemory(session, engine, cache)
    return lint(pairs, config, memory)
