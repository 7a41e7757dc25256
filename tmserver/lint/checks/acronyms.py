"""Acronyms kept or mapped through a table (UN → UN/UN-a/OUN); do-not-translate
terms."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from tmserver.lint.checks.base import ONE_SIDED
from tmserver.lint.checks.base import Check
from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.placeables import Placeable
from tmserver.text.stemming import contains_phrase
from tmserver.text.stemming import stem
from tmserver.text.stemming import stems


class AcronymMissing(Check):
    id = "acronym-missing"
    code = "TM-COD-001"
    severity = "warning"
    family = "acronyms"
    description = "An acronym of the source is neither kept nor mapped in the target."
    help = (
        "Keep the acronym (inflected forms such as IOM-a are fine) or use its local "
        "form from the acronym table (OSCE → OEBS); add project mappings to "
        "tmlint.toml."
    )

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        """Acronyms missing from their target.

        Translators often write out or translate acronyms (MP → član parlamenta),
        so a missing acronym is a warning when the release or the memory keeps it
        in another target, when it is in the strict table (organisation names that
        are always kept or mapped), or when it has ``acronym_warning_min_length``
        letters or more (3: two-letter ones are mostly written out, longer ones
        mostly kept; measured in benchmarks/lint_bench.py); otherwise it is info.
        """
        missing: list[tuple[SegmentPair, Placeable, tuple[str, ...]]] = []
        kept: set[str] = set()
        for pair in pairs:
            if pair.alignment in ONE_SIDED or not pair.target.strip():
                continue
            source, target = ctx.placeables(pair)
            kept.update(p.value.upper() for p in target if p.kind == "acronym")
            missing.extend((pair, a, f) for a, f in _missing_acronyms(pair, ctx))
        known = getattr(ctx.memory, "known_acronyms", None)
        found = []
        for pair, acronym, forms in missing:
            if known is not None and acronym.value.upper() not in kept:
                if acronym.value.upper() in known(pair.target_lang):
                    kept.add(acronym.value.upper())  # the memory keeps it
            value = acronym.value.upper()
            strict = value in ctx.config.strict_acronyms
            known_value = strict or value in kept
            long_enough = len(value) >= ctx.config.acronym_warning_min_length
            level = self.level if known_value or long_enough else "info"
            finding = self.finding(
                pair,
                f"Acronym {acronym.text!r} is not in the target"
                + (f" (accepted: {', '.join(forms)})" if forms else "")
                + ": keep it or map it in the acronym table.",
                span=(acronym.start, acronym.end),
                side="source",
            )
            found.append(replace(finding, severity=level))
        return found


def _missing_acronyms(
    pair: SegmentPair, ctx: LintContext
) -> list[tuple[Placeable, tuple[str, ...]]]:
    source, target = ctx.placeables(pair)
    acronyms = [p for p in source if p.kind == "acronym"]
    if not acronyms or _shouting(pair.source):
        return []
    config = ctx.config
    target_values = {p.value.upper() for p in target if p.kind == "acronym"}
    latin = cyrillic_to_latin(pair.target)
    lowered = latin.lower()
    target_words = {
        w.strip(".,;:!?()\"'„“”»«").lower() for w in latin.replace("-", " ").split()
    }
    stem_list: list[str] | None = None
    found = []
    for acronym in acronyms:
        value = acronym.value
        upper = value.upper()
        if upper in config.acronym_ignore or upper in target_values:
            continue
        if _in_caps_run(pair.source, acronym.start, acronym.end):
            continue  # a word of a title in capitals, not an acronym
        if value.lower() in target_words:
            continue  # written as a word: Nato, Unicef, Covid
        if re.search(rf"(?<![^\W\d_]){re.escape(value)}[a-zčćđšž]", latin):
            continue  # inflected without a hyphen: IOMovog
        if (
            len(upper) > 5
            and upper not in config.strict_acronyms
            and upper not in config.acronyms
        ):
            continue  # long all-caps words are usually emphasis, not acronyms
        forms = config.acronyms.get(value) or config.acronyms.get(upper) or ()
        if forms:
            single = [f for f in forms if " " not in f]
            if any(
                f.upper() in target_values or f.lower() in target_words for f in single
            ):
                continue
            if any(len(f) > 4 and f.lower() in lowered for f in single):
                continue
            if stem_list is None:
                stem_list = stems(latin)
            if any(stem(f) in stem_list for f in single):
                continue
            if any(contains_phrase(stem_list, f) for f in forms if " " in f):
                continue
        found.append((acronym, forms))
    return found


#: Three or more all-caps words in a row: a title in capitals (CHILDREN ON THE MOVE).
_CAPS_RUN_RE = re.compile(r"\b[A-ZČĆĐŠŽ]{2,}(?:[ \t]+[A-ZČĆĐŠŽ]{2,}\b){2,}")


def _in_caps_run(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of a run of capitalised words."""
    return any(
        m.start() <= start and end <= m.end() for m in _CAPS_RUN_RE.finditer(text)
    )


def _shouting(text: str) -> bool:
    """Headlines in capitals are full of all-caps words that are no acronyms."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


class DoNotTranslate(SegmentCheck):
    id = "dnt-term"
    code = "TM-DNT-001"
    severity = "error"
    family = "acronyms"
    description = "A do-not-translate term of the source was changed in the target."
    help = "Keep configured do-not-translate terms as written (inflection is fine)."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        found = []
        for term in ctx.config.do_not_translate:
            position = pair.source.find(term)
            if position < 0 or term in pair.target:
                continue
            if contains_phrase(stems(cyrillic_to_latin(pair.target)), term):
                continue
            found.append(
                self.finding(
                    pair,
                    f"Do-not-translate term {term!r} is missing or changed in the "
                    "target.",
                    span=(position, position + len(term)),
                    side="source",
                )
            )
        return found
