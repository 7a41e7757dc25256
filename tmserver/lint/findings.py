"""What the release linter reads and reports: segment pairs and findings (pure core).

Every input format (TMX, XLIFF, PO, bilingual announcements) becomes a sequence of
:class:`SegmentPair`; every check returns :class:`Finding` objects; every reporter
(text, JSON, SARIF, GitHub, GitLab, JUnit) reads only these.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

#: Severities from most to least serious; ``--fail-on`` compares against this order.
SEVERITIES = ("error", "warning", "info")
_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


def severity_at_least(severity: str, threshold: str) -> bool:
    """True when ``severity`` is as serious as ``threshold`` or more."""
    return _RANK[severity] <= _RANK[threshold]


@dataclass(frozen=True, slots=True)
class SegmentPair:
    """One source/target pair of a release, with where it came from.

    :param index: 0-based position in its file.
    :param line: 1-based line in the input file (of the target when the pair has one).
    :param unit_id: the format's own id (``tuid``, ``trans-unit id``, ``msgid``
        context) or the 1-based segment number.
    :param alignment: ``""`` for an ordinary pair; for announcements ``source-only``
        (a source sentence with no translation), ``target-only`` (an added sentence)
        or ``n-m`` (``2-1``: two source sentences merged into one target sentence).
    :param variety_uncertain: the target variety was guessed from the text with
        low confidence (announcements without ``--lang``): variety findings about
        it are only hints.
    """

    index: int
    source: str
    target: str
    source_lang: str
    target_lang: str
    path: str = ""
    line: int = 1
    unit_id: str = ""
    alignment: str = ""
    source_line: int | None = None
    variety_uncertain: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a release.

    :param check: the stable check id (``number-mismatch``).
    :param code: the stable rule code (``TM-NUM-001``) used by SARIF and GitLab.
    :param span: character offsets in the text named by ``side``, or None.
    """

    check: str
    code: str
    severity: str
    message: str
    path: str
    line: int
    segment: int
    source: str
    target: str
    span: tuple[int, int] | None = None
    side: str = "target"
    unit_id: str = ""
    memory_source: str | None = None
    memory_target: str | None = None

    def fingerprint(self) -> str:
        """A stable identity: check, file, unit and texts, not the line number.

        Line numbers move when a file is edited above the finding; the texts and the
        unit id do not, so CI tools keep matching the same finding across runs.
        """
        parts = (self.check, self.path, self.unit_id, self.source, self.target)
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8"))
        span = f":{self.span[0]}" if self.span else ""
        return f"{digest.hexdigest()[:32]}{span}"

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of the API contract (``POST /api/v1/lint``)."""
        return {
            "check": self.check,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "segment": self.segment,
            "unit_id": self.unit_id,
            "source": self.source,
            "target": self.target,
            "span": list(self.span) if self.span else None,
            "side": self.side,
            "memory_source": self.memory_source,
            "memory_target": self.memory_target,
            "fingerprint": self.fingerprint(),
        }


def summarise(findings: list[Finding]) -> dict[str, int]:
    """Count findings per severity (every severity present, possibly 0)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
