"""URLs, e-mail addresses, social handles and hashtags: carried over unchanged."""

from __future__ import annotations

from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair


class _Unchanged(SegmentCheck):
    """Every source placeable of ``kinds`` must appear in the target by value."""

    kinds: frozenset[str] = frozenset()
    label = ""

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        source, target = ctx.placeables(pair)
        available = [p.value for p in target if p.kind in self.kinds]
        target_lower = pair.target.lower()
        found = []
        for placeable in source:
            if placeable.kind not in self.kinds:
                continue
            if placeable.value in available:
                available.remove(placeable.value)
                continue
            if placeable.text.lower() in target_lower:
                continue
            found.append(
                self.finding(
                    pair,
                    f"{self.label} {placeable.text!r} is missing or altered in the "
                    "target: copy it unchanged.",
                    span=(placeable.start, placeable.end),
                    side="source",
                )
            )
        return found


class UrlMismatch(_Unchanged):
    id = "url-mismatch"
    code = "TM-URL-001"
    severity = "error"
    family = "addresses"
    description = "A URL or e-mail address of the source is missing or altered."
    help = "Copy links and e-mail addresses exactly as in the source."
    kinds = frozenset({"url", "email"})
    label = "Address"


class HandleMismatch(_Unchanged):
    id = "handle-mismatch"
    code = "TM-URL-002"
    severity = "error"
    family = "addresses"
    description = (
        "A social media handle or hashtag of the source is missing or altered."
    )
    help = "Copy @handles and #hashtags exactly as in the source."
    kinds = frozenset({"handle", "hashtag"})
    label = "Handle/hashtag"
