"""Where the English part of an announcement ends, and which variety the rest is in.

Pure core. The split uses function words: each paragraph gets a score (English
function words minus Bosnian/Croatian/Serbian ones, Cyrillic and the letters
``čćžšđ`` counting as local) and the boundary is the cut that best separates
positive from negative scores. Short neutral paragraphs (titles, names) follow
their neighbours.

The variety of the local part comes from the script (Cyrillic ⇒ ``sr-Cyrl``) and,
for Latin text, from lexical markers: the yat reflex (ekavian ``vreme``, ``gde`` ⇒
Serbian; ijekavian ``vrijeme``, ``gdje`` ⇒ Bosnian or Croatian), then Croatian
vocabulary (``tisuća``, ``tjedan``, ``sveučilište``, ``tijekom``, month names
``siječanj`` … ``prosinac``, ``-irati`` verbs) against the Eastern vocabulary
Bosnian shares with Serbian (``hiljada``, ``sedmica``, ``univerzitet``, ``tokom``,
``-ovati`` verbs). Off-the-shelf language identifiers cannot do this (see
docs/reference/alignment-and-data.md §4).

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tmserver.errors import DocumentError
from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.lang import detect_script
from tmserver.text.lang import normalise_tag

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

ENGLISH_WORDS = frozenset(
    "the of and to in a is that for on with as by was were are be has have had it its "
    "this from at which an or their his her they he she we our not but been will would "
    "who also than after more about into over said says can all new one two between "
    "during against under while these those there other such through should could "
    "people year years first last week before when where what how I you my me "
    "don't doesn't didn't it's we're i'm isn't won't can't".split()
)
LOCAL_WORDS = frozenset(
    "i u je na se da su za od s sa o iz koji koja koje kao što šta ali a te ili "
    "do po bi će ne to su bio bila bilo biti nije prema nakon tokom tijekom ovaj "
    "ova ovo taj ta svoje svoj njegov njihov godine godina kako kada gdje gde dok "
    "još već samo više između protiv zbog prije pre posle poslije rekao izjavio".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: Words with a letter English lacks (čćžšđ) or in Cyrillic: certainly local.
_LOCAL_TOKEN_RE = re.compile(
    r"[^\W\d_]*[čćžšđČĆŽŠĐ\u0400-\u04ff][^\W\d_]*(?:['’][^\W\d_]+)?"
)

#: Ekavian (Serbian) forms and their ijekavian (Bosnian/Croatian) counterparts.
_EKAVIAN = (
    r"vreme|vremen\w*|mest[aoiu]\w*|mesec\w*|reč|reči|rečima|dete|dece|deca|decu|"
    r"lep\w*|svet|sveta|svetu|svetsk\w*|ceo|cel[aeiou]\w*|pre|posle|gde|ovde|"
    r"sever\w*|reka|reke|rek[iu]|deo|del[aeiu]|delov\w*|telo|tela|vest|vesti|"
    r"nedelj\w*|pesm\w*|mlek\w*|hleb\w*|bel[aiou]\w*|zvezd\w*|uvek|predlog\w*|"
    r"predsedni\w*|primer\w*|promen\w*|mer[aeiu]|mere|merama|vera|veru|vere|"
    r"verova\w*|uspe\w*|leto|leta|letnj\w*|cen[aeiu]|cenama|sedi\w*|"
    r"sedišt\w*|vek|veka|veku|večn\w*|zamen\w*|izmen\w*|napred|dve|dvema|"
    r"videti|videla|želeo|želela|živeo|živela|hteo|htela|voleo|volela|"
    r"razume\w*|sme|smeo|smela|trebalo|odeljen\w*|odel[aeiu]|nameravа\w*|"
    r"obezbed\w*|bezbedn\w*|sprovede\w*|sprovod\w*|greš\w*|poseti\w*|posete|"
    r"poseta|poseć\w*|posled\w*|poslednj\w*|ocen\w*|podele|podeli\w*|nesreć\w*|"
    r"istorij\w*|savet\w*|nezavisn\w*|"
    r"obeleži\w*|ispoveda\w*|pobed\w*|belež\w*|pesnik\w*|stvaraoc\w*|"
    r"zaveš\w*"
)
_IJEKAVIAN = (
    r"vrijeme|mjest[aoiu]\w*|mjesec\w*|riječ\w*|dijete|djece|djeca|djecu|"
    r"lijep\w*|svijet|svijeta|svijetu|svjetsk\w*|cijel\w*|prije|poslije|gdje|"
    r"ovdje|sjever\w*|rijek\w*|dio|dijel\w*|tijel\w*|vijest\w*|nedjelj\w*|"
    r"pjesm\w*|mlijek\w*|hljeb\w*|bijel\w*|zvijezd\w*|uvijek|prijedlog\w*|"
    r"predsjedni\w*|primjer\w*|promjen\w*|mjer\w*|vjer\w*|uspje\w*|ljeto|ljeta|"
    r"ljetnj?\w*|lijek\w*|cijen\w*|sjedi\w*|sjedišt\w*|vijek\w*|vječn\w*|"
    r"zamjen\w*|izmjen\w*|naprijed|dvije|dvjema|vidjeti|vidio|vidjela|želio|"
    r"željela|živio|živjela|htio|htjela|volio|voljela|razumje\w*|smije|smio|"
    r"smjela|odjel\w*|namjerava\w*|sprovodi\w*|grije\w*|posjet\w*|"
    r"posljed\w*|posljednj\w*|ocjen\w*|podjel\w*|nesrjeć\w*|"
    r"savjet\w*|neovisn\w*|obilježi\w*|pobjed\w*|bilježi\w*|"
    r"pjesnik\w*|stupanj\w*|stupnj\w*|tijekom|dvjesto\w*|sjećanj\w*|vjerojatno"
)
_CROATIAN = (
    r"tisuć\w*|zaklad\w*|tjed\w*|sveučilišt\w*|kruh\w*|vlak\w*|tijekom|glede|tko|"
    r"siječ\w*|veljač\w*|ožuj\w*|travanj|travnja|svib\w*|lipanj|lipnja|srpanj|"
    r"srpnja|kolovoz\w*|rujan|rujna|listopad\w*|studen\w*|prosin\w*|točn\w*|"
    r"točk\w*|povijest\w*|znanost\w*|izvješć\w*|obitelj\w*|glazb\w*|kazališt\w*|"
    r"nogomet\w*|gospodarstv\w*|gospodarsk\w*|udrug\w*|tvrtk\w*|postot\w*|"
    r"priopćenj\w*|sudionik\w*|tajnik\w*|ravnatelj\w*|čimbenik\w*|sukladno|"
    r"zrakoplov\w*|zračn\w*|zrak|europ\w*|kemij\w*|vanjsk\w*|"
    r"\w+irati|\w+iran[aeiou]?\w*|\w+irao|\w+irala|\w+iraju|\w+ira|"
    r"odvjetni\w*|sabor\w*|stranac|stranci|"
    r"uvjet\w*|surad\w*|suradnj\w*|vojarn\w*|"
    r"dužnosni\w*|zastupni\w*|prosvjed\w*|"
    r"je li|hoće li|mora li|svibnja|ozbilj\w*|dakako|svejedno|nazoč\w*|"
    r"bit će|morat će|moći će|trebat će"
)
_EASTERN = (
    r"hiljad\w*|izvještaj\w*|fondacij\w*|sedmic\w*|univerzitet\w*|voz|voza|vozom|tokom|ko|šta|"
    r"januar\w*|februar\w*|mart\w*|april\w*|maj[aeu]?|jun[aeu]?|jul[aeu]?|"
    r"avgust\w*|august\w*|septemb\w*|oktob\w*|novemb\w*|decemb\w*|tačn\w*|"
    r"tačk\w*|historij\w*|istorij\w*|nauk\w*|nauč\w*|porodic\w*|muzik\w*|"
    r"pozorišt\w*|fudbal\w*|privred\w*|udruženj\w*|preduzeć\w*|"
    r"procen\w*|učesni\w*|sekretar\w*|evrop\w*|hemij\w*|"
    r"spoljn\w*|inostran\w*|opštin\w*|opšt\w*|advokat\w*|skupštin\w*|plata|"
    r"plate|uslov\w*|kancelarij\w*|saradnj\w*|sarađ\w*|kasarn\w*|"
    r"zvaničn\w*|poslani\w*|takođe|da li|"
    r"\w+ovati|\w+ovan[aeiou]?\w*|\w+ovao|\w+ovala|"
    r"\w+iće|\w+ićemo|\w+ićete|\w+aće|\w+aćemo|\w+aćete|biće|lahko|hljeb"
)

_MARKER_RES = {
    name: re.compile(rf"(?:{pattern})")
    for name, pattern in (
        ("ekavian", _EKAVIAN),
        ("ijekavian", _IJEKAVIAN),
        ("croatian", _CROATIAN),
        ("eastern", _EASTERN),
    )
}

#: Any letter ``_LOCAL_TOKEN_RE`` needs: without one, no token can be local.
_LOCAL_LETTER_RE = re.compile(r"[čćžšđČĆŽŠĐ\u0400-\u04ff]")
#: Characters of the Cyrillic blocks: text without any is not Cyrillic.
_CYRILLIC_RE = re.compile(r"[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")

_ANY_MARKER_RE = re.compile("|".join(f"(?:{r.pattern})" for r in _MARKER_RES.values()))


@dataclass(frozen=True, slots=True)
class VarietyGuess:
    """The variety of a local text: a canonical tag and how sure we are of it.

    ``evidence`` counts the marker words seen, e.g. ``(("ekavian", 4), ...)``.
    """

    tag: str
    confidence: float
    low_confidence: bool
    evidence: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class LanguageSplit:
    """Index of the first local paragraph and the local part's variety."""

    boundary: int
    end: int
    variety: VarietyGuess


def english_score(text: str) -> float:
    """In [-1, 1]: positive for English text, negative for Bosnian/Croatian/Serbian."""
    tokens = _TOKEN_RE.findall(text)
    if not tokens:
        return 0.0
    lowered = [t.lower() if t != "I" else t for t in tokens]
    english = sum(1 for t in lowered if t in ENGLISH_WORDS)
    marked = len(_LOCAL_TOKEN_RE.findall(text)) if _LOCAL_LETTER_RE.search(text) else 0
    local = marked + sum(1 for t in lowered if t in LOCAL_WORDS and t.isascii())
    if english == local == 0:
        return 0.0
    return (english - local) / (english + local) * min(1.0, (english + local) / 3)


def find_boundary(texts: Sequence[str], *, location: str = "") -> tuple[int, int]:
    """``(start, end)`` of the local part: paragraphs ``[start, end)`` are local.

    The English part is ``[0, start)``; trailing English paragraphs after the local
    part (``[end, len)``, such as an untranslated footer) are left out.

    :raises DocumentError: when there is no English or no local part.
    """
    scores = [english_score(text) for text in texts]
    if not any(s < 0 for s in scores):
        raise DocumentError("no local-language part found", location=location or None)
    if not any(s > 0 for s in scores):
        raise DocumentError("no English part found", location=location or None)
    best, start = None, 0
    suffix = sum(scores)
    prefix = 0.0
    for cut in range(1, len(scores)):
        prefix += scores[cut - 1]
        value = prefix - (suffix - prefix)
        if best is None or value > best:
            best, start = value, cut
    if not any(s > 0 for s in scores[:start]):
        raise DocumentError("no English part found", location=location or None)
    if not any(s < 0 for s in scores[start:]):
        raise DocumentError("no local-language part found", location=location or None)
    end = len(scores)
    while end - 1 > start and scores[end - 1] > 0.5:
        end -= 1
    return start, end


def latin_text(text: str) -> str:
    """``text`` with Serbian Cyrillic letters transliterated; Latin text as it is
    (without the cost of a translation table that would change nothing)."""
    return cyrillic_to_latin(text) if _CYRILLIC_RE.search(text) else text


def marker_counts(text: str) -> dict[str, int]:
    """How many distinct words of each marker class (ekavian, ijekavian, croatian,
    eastern); distinct, so one name or term repeated does not decide alone."""
    words = _WORD_RE.findall(latin_text(text).lower())
    candidates = set(words) | {
        f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if b in PHRASE_ENDS
    }
    counts = dict.fromkeys(_MARKER_RES, 0)
    for word in candidates:
        for name in _marker_classes(word):
            counts[name] += 1
    return counts


#: Last words of the two-word markers (``je li``, ``bit će``): only word pairs
#: ending so can be markers, which keeps the candidates few.
PHRASE_ENDS = frozenset({"li", "će"})
_CLASS_CACHE: dict[str, tuple[str, ...]] = {}


def _marker_classes(word: str) -> tuple[str, ...]:
    """The marker classes a (lower-case) word or word pair belongs to; cached,
    since the same words come back in every document."""
    found = _CLASS_CACHE.get(word)
    if found is None:
        found = ()
        if _ANY_MARKER_RE.fullmatch(word):
            found = tuple(
                name for name, regex in _MARKER_RES.items() if regex.fullmatch(word)
            )
        if len(_CLASS_CACHE) > 200_000:
            _CLASS_CACHE.clear()
        _CLASS_CACHE[word] = found
    return found


def guess_variety(text: str, *, min_margin: float = 0.6) -> VarietyGuess:
    """Guess ``bs``, ``hr``, ``sr-Latn`` or ``sr-Cyrl`` for a local text.

    :param min_margin: below this confidence the guess is flagged ``low_confidence``.
    """
    counts = marker_counts(text)
    evidence = tuple(sorted(counts.items()))
    if _CYRILLIC_RE.search(text) and detect_script(text) == "Cyrl":
        return VarietyGuess("sr-Cyrl", 1.0, False, evidence)
    ekavian, ijekavian = counts["ekavian"], counts["ijekavian"]
    if ekavian > ijekavian:
        confidence = _confidence(ekavian, ijekavian)
        return VarietyGuess("sr-Latn", confidence, confidence < min_margin, evidence)
    croatian, eastern = counts["croatian"], counts["eastern"]
    tag = "hr" if croatian > eastern else "bs"
    confidence = min(_confidence(ijekavian, ekavian), _confidence(croatian, eastern))
    return VarietyGuess(tag, confidence, confidence < min_margin, evidence)


def _confidence(winner: int, loser: int) -> float:
    """A margin in [0, 1]: 0 for a tie, near 1 for many markers on one side only."""
    total = winner + loser
    if total == 0:
        return 0.0
    return round((winner - loser) / total * min(1.0, total / 4), 3)


def split_languages(
    texts: Sequence[str], *, lang: str | None = None, location: str = ""
) -> LanguageSplit:
    """Find the English/local boundary and the local variety (``lang`` overrides).

    :raises DocumentError: when there is no English or no local part.
    """
    start, end = find_boundary(texts, location=location)
    local_text = "\n".join(texts[start:end])
    if lang:
        tag = normalise_tag(lang, local_text)
        variety = VarietyGuess(tag, 1.0, False, (("given", 1),))
    else:
        variety = guess_variety(local_text)
    return LanguageSplit(start, end, variety)
