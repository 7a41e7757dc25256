"""Where the English part of an announcement ends, and which variety the rest is in.

Pure core. The split uses function words: each paragraph gets a score (English
function words minus Bosnian/Croatian/Serbian ones, Cyrillic and the letters
``čćžšđ`` counting as local) and the boundary is the cut that best separates
positive from negative scores. Short neutral paragraphs (titles, names) follow
their neighbours.

The variety of the local part: Cyrillic is Serbian by script. Latin text is
scored by a learned character n-gram model (:mod:`tmserver.build.variety_model`,
trained by ``scripts/train_variety.py`` on labelled news, Tatoeba and
NTREX/FLORES text) plus the lexical markers below, which count as strong
evidence: the yat reflex (ekavian ``vreme``, ``gde`` ⇒ Serbian; ijekavian
``vrijeme``, ``gdje`` ⇒ Bosnian, Croatian or ijekavian Serbian), Croatian
vocabulary (``tisuća``, ``tjedan``, ``sveučilište``, ``tijekom``, month names
``siječanj`` … ``prosinac``, ``-irati`` verbs) against the Eastern vocabulary
Bosnian shares with Serbian (``hiljada``, ``sedmica``, ``univerzitet``, ``tokom``,
``-ovati`` verbs). The rules of :mod:`tmserver.build.variety_rules` add what the
training data lacks: ijekavian Serbian and Montenegrin. The result is a
calibrated probability with the words that decided it. Off-the-shelf language
identifiers cannot do this (none separates bs/hr/sr reliably offline).

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tmserver.build.variety_model import CLASSES
from tmserver.build.variety_model import VarietyModel
from tmserver.build.variety_model import evidence_words
from tmserver.build.variety_model import load_model
from tmserver.build.variety_model import text_words
from tmserver.build.variety_rules import montenegrin
from tmserver.build.variety_rules import serbian_ijekavian
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

    ``confidence`` is a calibrated probability (about 0.9 means about nine such
    guesses in ten are right); ``evidence`` counts the marker words seen, e.g.
    ``(("ekavian", 4), ...)``, and the rules that fired; ``words`` are the words
    that weighed most for the tag against the runner-up; ``probabilities`` the
    model's probability of each of ``bs``, ``hr``, ``sr``; ``source`` says where
    the tag came from (``model``, ``script``, ``given``, ``folder``, ``manifest``).
    """

    tag: str
    confidence: float
    low_confidence: bool
    evidence: tuple[tuple[str, int], ...] = ()
    words: tuple[str, ...] = ()
    probabilities: tuple[tuple[str, float], ...] = ()
    source: str = "model"

    def as_dict(self) -> dict:
        """A JSON-ready view (for ``tmserver detect --json`` and reports)."""
        return {
            "variety": self.tag,
            "confidence": self.confidence,
            "low_confidence": self.low_confidence,
            "source": self.source,
            "words": list(self.words),
            "markers": dict(self.evidence),
            "probabilities": dict(self.probabilities),
        }


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


#: Below this calibrated probability a guess is reported as low confidence.
LOW_CONFIDENCE = 0.8
#: Nats (after calibration) added to Serbian per unit of ijekavian-Serbian
#: evidence (see :mod:`tmserver.build.variety_rules`).
SERBIAN_IJEKAVIAN_NATS = 1.0
#: Croatian and Eastern markers, at least this many of each: a text mixing
#: Croatian and Bosnian forms, reported as low confidence whatever the model says.
MIXED = 3
#: Confidence of a ``cnr`` guess: this plus 0.1 per distinct Montenegrin form, at
#: most 0.95. A rule, not a calibrated probability: no labelled Montenegrin text
#: was available, so one form alone stays under :data:`LOW_CONFIDENCE`.
MONTENEGRIN_BASE = 0.55


def marker_vote(counts: dict[str, int]) -> list[float]:
    """The markers' vote per class (``bs``, ``hr``, ``sr``), centred: ekavian
    against ijekavian decides Serbian, Croatian against Eastern vocabulary
    Croatian; the model file says how much a vote weighs."""
    yat = counts["ekavian"] - counts["ijekavian"]
    west = counts["croatian"] - counts["eastern"]
    vote = [-yat - west / 2, -yat + west, 2 * yat - west / 2]
    mean = sum(vote) / 3
    return [v - mean for v in vote]


def guess_variety(
    text: str,
    *,
    min_margin: float = LOW_CONFIDENCE,
    model: VarietyModel | None = None,
) -> VarietyGuess:
    """Guess ``bs``, ``hr``, ``sr-Latn``, ``sr-Cyrl`` or ``cnr`` for a local text,
    with a calibrated confidence and the evidence.

    Cyrillic is Serbian by script. Latin text is scored by the learned model
    (:mod:`tmserver.build.variety_model`) plus the lexical markers, plus the
    ijekavian-Serbian and Montenegrin rules (:mod:`tmserver.build.variety_rules`).

    :param min_margin: below this confidence the guess is flagged ``low_confidence``.
    :param model: another model than the shipped one (benchmarks, tests).
    """
    counts = marker_counts(text)
    evidence = tuple(sorted(counts.items()))
    lowered = latin_text(text).lower()
    words = text_words(lowered)
    model = model or load_model()
    totals, known, per_word = model.raw_scores(words)
    scores = [
        t + model.marker_weight * v + b
        for t, v, b in zip(totals, marker_vote(counts), model.bias, strict=True)
    ]
    serbian, bosnian, serbian_words = serbian_ijekavian(lowered)
    rule_words: tuple[str, ...] = ()
    ijekavian = counts["ijekavian"] >= counts["ekavian"]
    bonus = [0.0] * len(CLASSES)
    if ijekavian and serbian >= 2 and serbian > 2 * bosnian:
        bonus[CLASSES.index("sr")] = SERBIAN_IJEKAVIAN_NATS * (serbian - 2 * bosnian)
        evidence += (("serbian-ijekavian", serbian),)
        rule_words = serbian_words
    probabilities = model.calibrate(scores, known, bonus)
    order = sorted(range(len(CLASSES)), key=lambda c: (-probabilities[c], c))
    winner, runner = order[0], order[1]
    deciding = evidence_words(per_word, winner, runner)
    confidence = round(probabilities[winner], 3)
    tag = CLASSES[winner]
    shown = tuple((c, round(p, 3)) for c, p in zip(CLASSES, probabilities, strict=True))
    if _CYRILLIC_RE.search(text) and detect_script(text) == "Cyrl":
        evidence += (("script-cyrl", 1),)
        return VarietyGuess(
            "sr-Cyrl",
            1.0,
            False,
            evidence,
            tuple(w for w, _ in deciding),
            shown,
            "script",
        )
    forms, topic, montenegrin_words = montenegrin(lowered)
    uncertain = False
    if forms and ijekavian and tag != "hr":
        evidence += (("montenegrin", forms),)
        rule_words = montenegrin_words
        tag, confidence = "cnr", round(min(0.95, MONTENEGRIN_BASE + 0.1 * forms), 3)
    elif topic >= 2 and ijekavian and tag != "hr":
        evidence += (("montenegro-topic", topic),)
        uncertain = True
    if tag in ("bs", "hr") and min(counts["croatian"], counts["eastern"]) >= MIXED:
        evidence += (("mixed-markers", counts["croatian"] + counts["eastern"]),)
        uncertain = True
    if tag == "sr":
        tag = "sr-Latn"
    words_shown = tuple(dict.fromkeys([*rule_words, *(w for w, _ in deciding)]))
    return VarietyGuess(
        tag,
        confidence,
        uncertain or confidence < min_margin,
        evidence,
        words_shown[:8],
        shown,
    )


def split_languages(
    texts: Sequence[str],
    *,
    lang: str | None = None,
    location: str = "",
    pinned_by: str = "given",
) -> LanguageSplit:
    """Find the English/local boundary and the local variety (``lang`` overrides;
    ``pinned_by`` says who gave it: ``given``, ``manifest:3``, ``folder``).

    :raises DocumentError: when there is no English or no local part.
    """
    start, end = find_boundary(texts, location=location)
    local_text = "\n".join(texts[start:end])
    if lang:
        variety = pinned_variety(lang, local_text, pinned_by)
    else:
        variety = guess_variety(local_text)
    return LanguageSplit(start, end, variety)


def pinned_variety(lang: str, text: str, pinned_by: str = "given") -> VarietyGuess:
    """The guess-free variety for a tag the user gave (a bare ``sr`` takes its
    script from ``text``)."""
    tag = normalise_tag(lang, text)
    return VarietyGuess(tag, 1.0, False, (("given", 1),), source=pinned_by)
