"""Acronyms kept or mapped through a table (UN → UN/UN-a/OUN); do-not-translate
terms."""

from __future__ import annotations

import re
from collections import Counter
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from tmserver.lint.checks.base import ONE_SIDED
from tmserver.lint.checks.base import Check
from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.checks.base import in_latin
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
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
        "Keep the acronym (inflected forms such as IOM-a are fine), use its local "
        "form (CNB → HNB, UN → OUN, IOM → MOM: from the acronym table, the memory or "
        "the release itself) or write the name out (Hrvatske narodne banke). Where "
        "the sentence's subject is left implicit or is a pronoun, the finding is "
        "info. Add project mappings to tmlint.toml."
    )

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        """Acronyms missing from their target.

        Translators often write out or translate acronyms (MP → član parlamenta),
        so a missing acronym is a warning when the release or the memory keeps it
        in another target, when it is in the strict table (organisation names that
        are always kept or mapped), or when it has ``acronym_warning_min_length``
        letters or more (3: two-letter ones are mostly written out, longer ones
        mostly kept; measured in benchmarks/lint_bench.py); otherwise it is info.

        Local counterparts are learnt from the release (a pair whose one missing
        acronym sits beside one target acronym the source lacks: CNB / HNB-a) and
        from the memory; a target that has a counterpart, or spells one out
        (initials of consecutive words), keeps the acronym.
        """
        missing: list[tuple[SegmentPair, Placeable, tuple[str, ...]]] = []
        kept: set[str] = set()
        learnt: dict[str, Counter[str]] = defaultdict(Counter)
        for pair in pairs:
            if pair.alignment in ONE_SIDED or not pair.target.strip():
                continue
            source, target = ctx.placeables(pair)
            target_values = {p.value.upper() for p in target if p.kind == "acronym"}
            kept.update(target_values)
            found = _missing_acronyms(pair, ctx)
            missing.extend((pair, a, f) for a, f in found)
            if len(found) == 1:
                extra = target_values - {
                    p.value.upper() for p in source if p.kind == "acronym"
                }
                if len(extra) == 1:
                    learnt[found[0][0].value.upper()][next(iter(extra))] += 1
        known = getattr(ctx.memory, "known_acronyms", None)
        from_memory = getattr(ctx.memory, "acronym_counterparts", None)
        found = []
        for pair, acronym, forms in missing:
            value = acronym.value.upper()
            counterparts = {
                other
                for other, count in learnt.get(value, {}).items()
                if count >= 2 or _similar(value, other)
            }
            if from_memory is not None:
                counterparts |= from_memory(value, pair.target_lang)
            target_values = {
                p.value.upper() for p in ctx.placeables(pair)[1] if p.kind == "acronym"
            }
            if counterparts & target_values:
                continue  # rendered by its local counterpart: CNB → HNB-a
            if _spelt_out(pair.target, {value, *counterparts, *_single(forms)}, value):
                continue  # written out: Hrvatske narodne banke
            if known is not None and value not in kept:
                if value in known(pair.target_lang):
                    kept.add(value)  # the memory keeps it
            level_cap = _code_or_name_part(pair.source, acronym)
            strict = value in ctx.config.strict_acronyms
            # An acronym with table forms (UK: VB, Velika Britanija, britanski…)
            # has every usual rendering listed: none of them is a warning.
            known_value = strict or value in kept or bool(forms)
            long_enough = len(value) >= ctx.config.acronym_warning_min_length
            level = self.level if known_value or long_enough else "info"
            implicit = _implicit_subject(pair, acronym)
            if implicit or level_cap:
                level = "info"
            accepted = [*forms, *sorted(counterparts - set(forms))]
            message = (
                f"Acronym {acronym.text!r} is not in the target"
                + (f" (accepted: {', '.join(accepted)})" if accepted else "")
                + (
                    ": the subject seems implicit or a pronoun; check it is clear."
                    if implicit
                    else ": keep it, use its local form or write the name out."
                )
            )
            finding = self.finding(
                pair, message, span=(acronym.start, acronym.end), side="source"
            )
            found.append(replace(finding, severity=level))
        return found


def _code_or_name_part(source: str, acronym: Placeable) -> bool:
    """A code with digits (SS19, WW1) or the first part of a name (JAY-Z): often
    written out or transliterated, so a hint only."""
    if any(c.isdigit() for c in acronym.value):
        return sum(c.isalpha() for c in acronym.value) <= 2
    return re.match(r"-[A-Z]", source[acronym.end : acronym.end + 2]) is not None


def _similar(acronym: str, other: str) -> bool:
    """A plausible local counterpart on one sighting: about as long, and sharing
    at least half its letters (CNB / HNB, IOM / MOM, UN / OUN)."""
    if abs(len(acronym) - len(other)) > 1:
        return False
    shared = sum(min(acronym.count(c), other.count(c)) for c in set(acronym))
    return shared * 2 >= max(len(acronym), len(other))


def _single(forms: tuple[str, ...]) -> list[str]:
    return [f.upper() for f in forms if " " not in f and f.isupper()]


_SKIP_INITIALS = frozenset("i u za od na o s sa iz of for the and de".split())
_NAME_WORD_RE = re.compile(r"[^\W\d_]+")


def _spelt_out(target: str, acronyms: set[str], english: str) -> bool:
    """Whether consecutive words of ``target`` have an acronym's initials
    (``Evropska unija`` = EU), or a name starting with a capital has the English
    acronym's initials but for the first, the country or body letter
    (``Hrvatske narodne banke`` for CNB, ``Međunarodne organizacije za migracije``
    for IOM)."""
    words = [
        w
        for w in _NAME_WORD_RE.findall(in_latin(target))
        if w.lower() not in _SKIP_INITIALS
    ]
    if len(words) < 2:
        return False
    initials = "".join(w[0].upper() for w in words)
    starts = [i for i, word in enumerate(words) if word[0].isupper()]
    for i in starts:  # a written-out name starts with a capital
        if any(len(a) >= 2 and initials.startswith(a, i) for a in acronyms):
            return True
    size = len(english)
    return size >= 3 and any(
        i + size <= len(words) and initials[i + 1 : i + size] == english[1:]
        for i in starts
    )


#: Pronouns and verbs a BCS sentence may start with when its subject is implicit.
_SUBJECT_STARTS = frozenset(
    """on ona ono oni one ta taj to ova ovaj ovo te ti njegov njen njezin njihov
    je su će bi kaže kažu navodi navode ističe ističu smatra smatraju očekuje
    očekuju procjenjuje procenjuje tvrdi tvrde""".split()
)
_VERB_ENDINGS = ("la", "lo", "li", "ao", "io", "eo", "ala", "ila")


def _implicit_subject(pair: SegmentPair, acronym: Placeable) -> bool:
    """The acronym is the source sentence's subject (among its first three words)
    and the target starts, as a proper sentence, with a pronoun or a verb."""
    head = pair.source[: acronym.start].split()
    if len(head) > 2:
        return False
    words = _NAME_WORD_RE.findall(in_latin(pair.target))
    if not words or not words[0][:1].isupper():
        return False
    first = words[0].lower()
    return first in _SUBJECT_STARTS or (
        len(first) > 4 and first.endswith(_VERB_ENDINGS)
    )


def _missing_acronyms(
    pair: SegmentPair, ctx: LintContext
) -> list[tuple[Placeable, tuple[str, ...]]]:
    source, target = ctx.placeables(pair)
    acronyms = [p for p in source if p.kind == "acronym"]
    if not acronyms or _shouting(pair.source):
        return []
    config = ctx.config
    target_values = {p.value.upper() for p in target if p.kind == "acronym"}
    latin = in_latin(pair.target)
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
            if contains_phrase(stems(in_latin(pair.target)), term):
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
