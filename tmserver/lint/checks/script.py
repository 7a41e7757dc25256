"""Script and variety: Cyrillic in Latin-script targets, Latin words in sr-Cyrl,
ekavian vs ijekavian, Croatian vs Serbian/Bosnian words and month names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from tmserver.lint.checks.base import ONE_SIDED
from tmserver.lint.checks.base import Check
from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.checks.base import in_latin
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
from tmserver.text.placeables import MONTH_INDEX

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_PROTECTED_KINDS = frozenset({"url", "email", "handle", "hashtag", "acronym"})


def _target_tag(pair: SegmentPair, ctx: LintContext) -> str:
    return ctx.target_tag(pair)


class ScriptMix(SegmentCheck):
    id = "script-mix"
    code = "TM-SCR-001"
    severity = "error"
    family = "script"
    description = "Words in the wrong script for the target variety."
    help = (
        "Write the whole text in one script: no Cyrillic letters in bs/hr/sr-Latn, no "
        "Latin words in sr-Cyrl except acronyms, addresses and foreign names."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        tag = _target_tag(pair, ctx)
        cyrillic_target = tag == "sr-Cyrl"
        other_script = _LATIN_RE if cyrillic_target else _CYRILLIC_RE
        if not other_script.search(pair.target):
            return []
        protected = [
            (p.start, p.end)
            for p in ctx.placeables(pair)[1]
            if p.kind in _PROTECTED_KINDS
        ]
        source_words = {w.lower() for w in _WORD_RE.findall(pair.source)}
        found = []
        for match in _PART_RE.finditer(pair.target):
            word = match.group()
            has_cyr = bool(_CYRILLIC_RE.search(word))
            has_lat = bool(_LATIN_RE.search(word))
            if has_cyr and has_lat:
                problem = "mixes Latin and Cyrillic letters"
            elif cyrillic_target and has_lat:
                if _is_allowed_latin(word, match.start(), protected, source_words):
                    continue
                problem = "is in Latin script in a Cyrillic text"
            elif not cyrillic_target and has_cyr:
                if word.lower() in source_words:
                    continue
                problem = "is in Cyrillic script in a Latin text"
            else:
                continue
            found.append(
                self.finding(
                    pair,
                    f"Word {word!r} {problem}: transliterate it.",
                    span=match.span(),
                )
            )
        return found


#: Words without hyphens: "Microsoft-а" is a Latin name with a Cyrillic ending.
_PART_RE = re.compile(r"[^\W\d_]+")
#: Unit symbols Serbian Cyrillic texts keep in Latin.
_LATIN_UNITS = frozenset(
    "km m cm mm kg g mg h min s l ml ha t kW MW GW kWh MWh GB MB TB Hz kHz MHz GHz "
    "dB mph ppm".split()
)


def _is_allowed_latin(
    word: str, start: int, protected: list[tuple[int, int]], source_words: set[str]
) -> bool:
    """Acronyms, addresses, units, foreign letters and names from the source."""
    if any(a <= start < b for a, b in protected):
        return True
    if word.isupper() or word in _LATIN_UNITS or word.lower() in source_words:
        return True
    if re.search(r"[qwxyQWXY]", word):
        return True
    if word[:1].isupper():  # a name written as in the source ("Apolo" for "Apollo")
        lowered = word.lower()
        return any(fuzz.ratio(lowered, other) >= 75 for other in source_words)
    return False


# Variety markers: lower-case Latin forms (Cyrillic is transliterated first).
#: Words only Croatian uses (standard Bosnian and Serbian use other words).
HR_ONLY = frozenset(
    """tisuća tisuće tisuću tisućama tjedan tjedna tjednu tjedno tjedana veleposlanstvo
    veleposlanstva veleposlanstvu veleposlanik veleposlanika veleposlanica sveučilište
    sveučilišta sveučilištu kolodvor kolodvora zrakoplov zrakoplova zrakoplovi vlak
    vlaka vlakom kruh kruha glazba glazbe glazbu kazalište kazališta tijekom uporaba
    uporabe uporabu priopćenje priopćenja priopćio priopćila izvješće izvješća
    izvješću tajnik tajnika tajnica ozračje europski europska europske europsku
    povijest povijesti obitelj obitelji znanstvenik znanstvenici""".split()
)
#: Words Croatian avoids (Serbian and/or Bosnian).
NOT_HR = frozenset(
    """hiljada hiljade hiljadu hiljadama ambasada ambasade ambasadi ambasador
    ambasadora univerzitet univerziteta univerzitetu voz voza vozom hleb hljeb hleba
    muzika muzike muziku pozorište pozorišta tokom saopštenje
    saopštio saopštila opština opštine opštini izveštaj izveštaja sedmica sedmice
    evropski evropska evropske evropsku istorija istorije
    naučnik naučnici""".split()
)
#: Ekavian forms and their ijekavian counterparts (whole words).
EKAVIAN_TO_IJEKAVIAN = {
    "vreme": "vrijeme",
    "vremena": "vremena",
    "mesto": "mjesto",
    "mesta": "mjesta",
    "mestu": "mjestu",
    "dete": "dijete",
    "deca": "djeca",
    "dece": "djece",
    "deci": "djeci",
    "reka": "rijeka",
    "reke": "rijeke",
    "cena": "cijena",
    "cene": "cijene",
    "vest": "vijest",
    "vesti": "vijesti",
    "gde": "gdje",
    "uvek": "uvijek",
    "posle": "poslije",
    "pre": "prije",
    "nedelja": "nedjelja",
    "nedelje": "nedjelje",
    "nedelju": "nedjelju",
    "reč": "riječ",
    "reči": "riječi",
    "lepo": "lijepo",
    "lep": "lijep",
    "lek": "lijek",
    "lekova": "lijekova",
    "lekar": "ljekar",
    "lekari": "ljekari",
    "lekara": "ljekara",
    "vek": "vijek",
    "veka": "vijeka",
    "veku": "vijeku",
    "beli": "bijeli",
    "bela": "bijela",
    "celi": "cijeli",
    "celog": "cijelog",
    "ceo": "cio",
    "hteo": "htio",
    "htela": "htjela",
    "videti": "vidjeti",
    "razumeti": "razumjeti",
    "želeo": "želio",
    "želela": "željela",
    "sedište": "sjedište",
    "devojka": "djevojka",
    "devojke": "djevojke",
    "mleko": "mlijeko",
    "primer": "primjer",
    "primera": "primjera",
    "promene": "promjene",
    "promena": "promjena",
    "procena": "procjena",
    "procene": "procjene",
    "obaveštenje": "obavještenje",
    "izveštaj": "izvještaj",
    "izveštaja": "izvještaja",
    "deo": "dio",
    "dela": "dijela",
    "delu": "dijelu",
    "smer": "smjer",
    "sredstva": "sredstva",
    "zvaničnik": "zvaničnik",
    "poseta": "posjeta",
    "posete": "posjete",
    "posetio": "posjetio",
    "posetila": "posjetila",
    "tekuće": "tekuće",
    "preko": "preko",
    "uslovi": "uslovi",
    "podeljen": "podijeljen",
    "odeljenje": "odjeljenje",
    "područje": "područje",
    "zadatak": "zadatak",
}
EKAVIAN = frozenset(k for k, v in EKAVIAN_TO_IJEKAVIAN.items() if k != v)
IJEKAVIAN = frozenset(v for k, v in EKAVIAN_TO_IJEKAVIAN.items() if k != v)


def variety_markers(text: str) -> dict[str, list[tuple[str, int, int]]]:
    """Marker words in ``text`` by kind: ``hr``, ``not-hr``, ``ekavian``, ``ijekavian``,
    ``month-hr``, ``month-sr`` (``avgust``), ``month-bs`` (``august``, ``juni``)."""
    latin = in_latin(text)
    found: dict[str, list[tuple[str, int, int]]] = {}
    if _ALL_MARKERS.isdisjoint(_LOWER_WORD_RE.findall(latin.lower())):
        return found
    for match in _WORD_RE.finditer(latin):
        written = match.group()
        if written.isupper() and len(written) > 1:
            continue  # acronyms (CEO) are no variety markers
        word = written.lower()
        kinds = []
        if word in HR_ONLY:
            kinds.append("hr")
        elif word in NOT_HR:
            kinds.append("not-hr")
        if word in EKAVIAN:
            kinds.append("ekavian")
        elif word in IJEKAVIAN:
            kinds.append("ijekavian")
        month = MONTH_INDEX.get(word)
        if month is not None and written.islower():
            if month.systems == {"hr"}:
                kinds.append("month-hr")
            elif "hr" not in month.systems:
                kinds.append("month-" + "-".join(sorted(month.systems)))
        for kind in kinds:
            found.setdefault(kind, []).append(
                (match.group(), match.start(), match.end())
            )
    return found


_ALL_MARKERS = HR_ONLY | NOT_HR | EKAVIAN | IJEKAVIAN | frozenset(MONTH_INDEX)
_LOWER_WORD_RE = re.compile(r"[^\W\d_]+")

#: Which markers do not belong to a variety (by expected variety).
_FOREIGN = {
    "hr": ("not-hr", "ekavian", "month-sr", "month-bs", "month-bs-sr"),
    "bs": ("hr", "ekavian", "month-sr"),
    "cnr": ("hr", "ekavian", "month-hr"),
    "sr": ("hr", "month-hr"),
}


class VarietyMix(Check):
    id = "variety-mix"
    code = "TM-VAR-001"
    severity = "warning"
    family = "script"
    description = (
        "Words of another variety (hr vs sr/bs, ekavian vs ijekavian, months)."
    )
    help = (
        "Use the expected variety throughout: e.g. hr tisuća/tjedan/listopada, "
        "sr/bs hiljada/sedmica/oktobra; do not mix ekavian (vreme) and ijekavian "
        "(vrijeme). Where the variety was guessed from the text with low "
        "confidence (no --lang, no variety in tmlint.toml), findings are info: "
        "set the variety to make them warnings."
    )

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        markers = {}
        for pair in pairs:
            if pair.alignment in ONE_SIDED or not pair.target.strip():
                continue
            markers[pair.index, pair.path] = (pair, variety_markers(pair.target))
        ekavian: Counter[str] = Counter()
        ijekavian: Counter[str] = Counter()
        for pair, marks in markers.values():
            ekavian[pair.target_lang] += len(marks.get("ekavian", ()))
            ijekavian[pair.target_lang] += len(marks.get("ijekavian", ()))
        found = []
        for pair, marks in markers.values():
            base = _target_tag(pair, ctx).split("-")[0]
            foreign = list(_FOREIGN.get(base, ()))
            ek, ijek = ekavian[pair.target_lang], ijekavian[pair.target_lang]
            if base == "sr" and ek and ijek:
                foreign.append("ijekavian" if ijek < ek else "ekavian")
            guessed = pair.variety_uncertain and not ctx.config.variety
            for kind in foreign:
                for word, start, end in marks.get(kind, ()):
                    finding = self.finding(
                        pair,
                        f"{word!r} is a {_LABELS[kind]} word in a {base} text"
                        + (
                            " (variety guessed with low confidence)"
                            if guessed
                            else ": use the expected variety's word"
                        )
                        + ".",
                        span=(start, end),
                    )
                    found.append(
                        replace(finding, severity="info") if guessed else finding
                    )
        return found


_LABELS = {
    "hr": "Croatian",
    "not-hr": "Serbian/Bosnian",
    "ekavian": "ekavian",
    "ijekavian": "ijekavian",
    "month-hr": "Croatian month",
    "month-sr": "Serbian month",
    "month-bs": "Bosnian month",
    "month-bs-sr": "Bosnian/Serbian month",
}
