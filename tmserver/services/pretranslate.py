"""Pre-translate a release, and bring the reviewed translation back into the memory.

Pre-translation asks :func:`tmserver.services.suggest.suggest` (the same engine, policy
and placeable adaptation as the API) for every sentence of the release and keeps the
best suggestion with its level (:mod:`tmserver.formats.levels`). An exact match is
*in-context* when the memory unit's previous and next sentences in its document (the
``x-document``/``x-sentences`` props the build and review imports store) are the
release's previous and next sentences; a missing neighbour on both sides counts as a
match, as in memoQ.

A near-exact suggestion that ``suggest`` left unadapted (a one-digit change scores
higher raw than substituted) is adapted here with the same
:func:`~tmserver.match.substitute.substitute`. Values the suggestion could not
adapt are read from the suggestion's ``unadapted`` attribute when the engine
reports it (older engines report only ``substitutions``, and then nothing is marked).

Bringing work back (:func:`import_reviewed_files`) reads XLIFF, PO, TSV and TMX files
in one transaction: every file is parsed before the first insert, and the first bad
file aborts the lot (the caller rolls back).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import replace
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tmserver import __version__
from tmserver.config import Settings
from tmserver.formats.bilingual import kind_of as reviewed_kind
from tmserver.formats.bilingual import read_reviewed
from tmserver.formats.levels import NONE
from tmserver.formats.levels import level_of
from tmserver.formats.model import Adaptation
from tmserver.formats.model import Candidate
from tmserver.formats.model import Draft
from tmserver.formats.model import DraftSegment
from tmserver.formats.model import Release
from tmserver.formats.model import SourceSegment
from tmserver.match.rank import Suggestion
from tmserver.match.substitute import substitute
from tmserver.services.memory import ImportReport
from tmserver.services.suggest import MatchEngine
from tmserver.services.suggest import MatchPolicy
from tmserver.services.suggest import resolve_target
from tmserver.services.suggest import suggest
from tmserver.store import context_queries
from tmserver.store import queries
from tmserver.text.lang import normalise_tag
from tmserver.tmx import TMXLimits
from tmserver.tmx.background import iter_tmx_file
from tmserver.units import TranslationUnit

#: Candidates kept per segment for ``mtc:matches`` / ``alt-trans``.
CANDIDATES = 3
_SPACES_RE = re.compile(r"\s+")


def policy_for(base: MatchPolicy, min_similarity: float) -> MatchPolicy:
    """The suggestion policy of a pre-translation run."""
    return replace(base, min_similarity=min_similarity, max_candidates=CANDIDATES)


def settings_policy(settings: Settings, min_similarity: float) -> MatchPolicy:
    """The configured suggestion policy (penalties, recall cap) for a run, so a
    draft offers what the suggestion API would."""
    base = MatchPolicy(
        context_penalty=float(settings.match_context_penalty),
        age_penalty_per_year=float(settings.match_age_penalty_per_year),
        max_verify=settings.match_max_verify,
    )
    return policy_for(base, min_similarity)


def pretranslate(
    session: Session,
    engine: MatchEngine,
    release: Release,
    target_lang: str,
    policy: MatchPolicy,
    *,
    copy_source: bool = False,
    now: datetime | None = None,
) -> Draft:
    """The release with every sentence's best suggestion (see the module docstring)."""
    target = resolve_target(target_lang)
    context = _DocumentContext(session)
    segments = release.segments
    drafted = []
    for position, segment in enumerate(segments):
        found = suggest(
            session, engine, segment.text, release.source_lang, target, policy
        )
        before = segments[position - 1].text if position else None
        after = segments[position + 1].text if position + 1 < len(segments) else None
        drafted.append(
            _draft_segment(segment, found, context, (before, after), copy_source)
        )
    return Draft(
        release,
        target,
        tuple(drafted),
        now or datetime.now(UTC),
        min_similarity=policy.min_similarity,
        tool_version=__version__,
    )


def _draft_segment(
    segment: SourceSegment,
    found: list[Suggestion],
    context: _DocumentContext,
    neighbours: tuple[str | None, str | None],
    copy_source: bool,
) -> DraftSegment:
    if not found:
        return DraftSegment(
            segment,
            segment.text if copy_source else "",
            NONE,
            copied=copy_source,
        )
    best = _adapted(segment, found[0])
    candidates = tuple(
        Candidate(s.source, s.target, s.quality, s.origin, _level(segment, s, None))
        for s in found
    )
    return DraftSegment(
        segment,
        best.target,
        _level(segment, best, (context, neighbours)),
        quality=best.quality,
        origin=best.origin,
        match_source=best.source,
        adapted=tuple(Adaptation(s.kind, s.old, s.new) for s in best.substitutions),
        unadapted=_unadapted(best),
        candidates=candidates,
    )


def _adapted(segment: SourceSegment, suggestion: Suggestion) -> Suggestion:
    """The suggestion with the segment's placeable values written in.

    ``suggest`` substitutes only when that raises the quality; a one-digit change
    (``30`` → ``35`` officers) already scores 99 % raw and comes back with the
    memory's value. A draft must not carry the old number, so adapt it here.
    """
    if suggestion.substitutions or suggestion.raw_quality >= 100.0:
        return suggestion
    result = substitute(
        segment.text,
        suggestion.source,
        suggestion.target,
        suggestion.source_lang,
        suggestion.target_lang,
    )
    if result is None or not result.substitutions:
        return suggestion
    # substitute() succeeds only when every changed value was found and replaced,
    # so nothing is left unadapted (engines that report ``unadapted`` are told so).
    cleared = {"unadapted": ()} if hasattr(suggestion, "unadapted") else {}
    return replace(
        suggestion,
        target=result.target,
        substitutions=result.substitutions,
        **cleared,
    )


def _level(
    segment: SourceSegment,
    suggestion: Suggestion,
    context: tuple[_DocumentContext, tuple[str | None, str | None]] | None,
) -> str:
    identical = (
        suggestion.raw_quality >= 100.0
        and not suggestion.substitutions
        and not suggestion.transliterated
        and suggestion.source == segment.text
    )
    in_context = False
    if identical and context is not None:
        lookup, neighbours = context
        in_context = lookup.neighbours(suggestion) == tuple(
            _norm(n) for n in neighbours
        )
    return level_of(suggestion.quality, identical=identical, in_context=in_context)


def _unadapted(suggestion: Suggestion) -> tuple[str, ...]:
    """The suggestion's unadapted values as text, whatever shape the engine gives."""
    values = getattr(suggestion, "unadapted", None) or ()
    shown = []
    for value in values:
        if isinstance(value, str):
            shown.append(value)
            continue
        kind = getattr(value, "kind", "value")
        stale = getattr(value, "target", "") or getattr(value, "memory", "")
        wanted = getattr(value, "query", "")
        shown.append(f"{kind} {stale or '(missing)'}, the release says {wanted or '-'}")
    return tuple(shown)


def _norm(text: str | None) -> str | None:
    return _SPACES_RE.sub(" ", text).strip() if text is not None else None


class _DocumentContext:
    """Previous and next source of memory units in their documents, cached per
    document for one run."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._documents: dict[tuple[str, str], dict[int, tuple]] = {}

    def neighbours(
        self, suggestion: Suggestion
    ) -> tuple[str | None, str | None] | None:
        """``(previous, next)`` source of the suggestion's unit; None when unplaced."""
        placed = context_queries.placement(self._session, suggestion.unit_id)
        if placed is None:
            return None
        origin, unit = placed
        key = (origin, unit.document)
        if key not in self._documents:
            self._documents[key] = _order(
                context_queries.units_of_document(self._session, origin, unit.document)
            )
        return self._documents[key].get(unit.id)


def _position(reference: str) -> tuple[int, int]:
    """``"3.2"`` or ``"3.2-4"`` → (3, 2)."""
    first = reference.split("-")[0]
    paragraph, _, sentence = first.partition(".")
    try:
        return int(paragraph), int(sentence or 0)
    except ValueError:
        return (0, 0)


def _order(
    units: list[context_queries.PlacedUnit],
) -> dict[int, tuple[str | None, str | None]]:
    documents: dict[tuple[str, str], list[context_queries.PlacedUnit]] = {}
    for unit in units:
        documents.setdefault((unit.document, unit.target_lang), []).append(unit)
    found: dict[int, tuple[str | None, str | None]] = {}
    for members in documents.values():
        members.sort(key=lambda u: (_position(u.sentences), u.id))
        for i, unit in enumerate(members):
            before = _norm(members[i - 1].source) if i else None
            after = _norm(members[i + 1].source) if i + 1 < len(members) else None
            found[unit.id] = (before, after)
    return found


# ----------------------------------------------------------------- bringing work back


@dataclass(frozen=True, slots=True)
class ReviewImportReport:
    """An import of reviewed files: what was read, added, and left out as drafts."""

    files: int
    read: int
    added: int
    drafts: int

    def as_import_report(self) -> ImportReport:
        return ImportReport(files=self.files, read=self.read, added=self.added)


def is_reviewed_file(name: str) -> bool:
    """True for the XLIFF, PO and TSV files :func:`import_reviewed_files` reads."""
    return reviewed_kind(name) is not None


def read_reviewed_units(
    files: Iterable[tuple[str, bytes]],
    *,
    target_lang: str | None = None,
    include_drafts: bool = False,
    origin_prefix: str = "",
    now: datetime | None = None,
) -> tuple[list[TranslationUnit], int, int]:
    """Parse every reviewed file first (all or nothing): units, segments, drafts."""
    moment = now or datetime.now(UTC)
    tag = normalise_tag(resolve_target(target_lang)) if target_lang else None
    units: list[TranslationUnit] = []
    segments = drafts = 0
    for name, data in files:
        reviewed = read_reviewed(
            data,
            name,
            target_lang=tag,
            include_drafts=include_drafts,
            now=moment,
            origin=f"{origin_prefix}{name}",
        )
        units.extend(reviewed.units)
        segments += reviewed.segments
        drafts += reviewed.drafts
    return units, segments, drafts


def import_reviewed_files(
    session: Session,
    paths: Iterable[Path],
    *,
    limits: TMXLimits,
    target_lang: str | None = None,
    include_drafts: bool = False,
) -> ReviewImportReport:
    """Import reviewed XLIFF/PO/TSV files and TMX files, all or nothing.

    Every file is read before anything is written; the caller commits.

    :raises TMServerError: the first unreadable file (naming file and line).
    """
    paths = [Path(p) for p in paths]
    reviewed = [(p.name, p.read_bytes()) for p in paths if is_reviewed_file(p.name)]
    units, segments, drafts = read_reviewed_units(
        reviewed, target_lang=target_lang, include_drafts=include_drafts
    )
    tmx_read = [0]

    def tmx_units() -> Iterator[TranslationUnit]:
        # streamed: a TMX error surfaces mid-insert and the caller's rollback undoes
        # the reviewed units written before it, so the import stays all or nothing
        for path in paths:
            if not is_reviewed_file(path.name):
                for unit in iter_tmx_file(path, limits=limits):
                    tmx_read[0] += 1
                    yield unit

    added = queries.add_units(session, itertools.chain(units, tmx_units()))
    return ReviewImportReport(
        files=len(paths),
        read=len(units) + tmx_read[0],
        added=added,
        drafts=drafts,
    )


def import_reviewed_upload(
    session: Session,
    name: str,
    data: bytes,
    *,
    target_lang: str | None = None,
    include_drafts: bool = False,
) -> ReviewImportReport:
    """Import one uploaded reviewed file (the write API); the caller commits."""
    units, _, drafts = read_reviewed_units(
        [(name, data)],
        target_lang=target_lang,
        include_drafts=include_drafts,
        origin_prefix="api/",
    )
    added = queries.add_units(session, units)
    return ReviewImportReport(files=1, read=len(units), added=added, drafts=drafts)


def several_translations(session: Session) -> int:
    """Sources stored with more than one translation (``tmserver stats``)."""
    return context_queries.sources_with_several_translations(session)


def describe(report: ReviewImportReport) -> dict[str, Any]:
    """The report as JSON."""
    return {
        "files": report.files,
        "read": report.read,
        "added": report.added,
        "drafts_skipped": report.drafts,
    }
