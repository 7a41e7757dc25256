"""Sentence segmentation for English and Bosnian/Croatian/Serbian (pure core).

Rule-based and offline: a boundary is proposed after ``. ! ? …`` (and any closing
quotes or brackets) when whitespace and an upper-case letter or digit follow, then
vetoed by what precedes the full stop: abbreviations (``dr.``, ``npr.``, ``Mr.``),
initials (``J. Smith``), ordinal numbers and dates (``18. oktobra 2018.``) and
dotted acronyms (``U.S.``). Line breaks always end a sentence, so headlines on
their own line need no punctuation; a headline glued to its lead in running text
is found from the case the document itself uses for the words around it.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.lang import detect_script

#: Closing quotes and brackets that may follow sentence punctuation.
CLOSERS = "\"'”’“»«)]}"
#: Opening quotes, brackets and dashes that may precede the next sentence.
OPENERS = "\"'„“”‘‚»«([{–—-"
_TERMINAL = ".!?…"
#: The last character of any word that can end a sentence (a quick first test).
_END_CHARS = frozenset(_TERMINAL + CLOSERS)

#: Abbreviations after which a sentence never ends (titles, "No.", "npr.").
_NONFINAL_COMMON = {
    "dr",
    "prof",
    "st",
    "sv",
    "gen",
    "vol",
    "no",
    "nr",
    "tel",
    "fax",
    "vs",
    "cf",
    "ca",
}
#: Month abbreviations: not final before a day number ("Oct. 5"), final otherwise.
MONTH_ABBREVIATIONS = set(
    "jan feb apr aug sep sept oct nov dec avg okt mart jun jul".split()
)
NONFINAL_ABBREVIATIONS = {
    "en": _NONFINAL_COMMON
    | {
        "mr",
        "mrs",
        "ms",
        "messrs",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "capt",
        "cpt",
        "sgt",
        "maj",
        "adm",
        "rev",
        "hon",
        "pres",
        "supt",
        "mt",
        "ft",
        "fig",
        "pp",
        "approx",
        "dept",
        "univ",
        "ave",
        "blvd",
        "rd",
        "e.g",
        "i.e",
    },
    "bcs": _NONFINAL_COMMON
    | {
        "mr",
        "doc",
        "dipl",
        "ing",
        "mag",
        "akad",
        "br",
        "tzv",
        "tj",
        "odn",
        "gđa",
        "gđica",
        "g",
        "gosp",
        "ul",
        "kbr",
        "mob",
        "čl",
        "str",
        "mil",
        "mlrd",
        "mln",
        "tis",
        "pribl",
        "cca",
        "pok",
        "potpred",
        "pred",
        "prim",
        "vlč",
        "usp",
        "engl",
        "njem",
        "franc",
        "lat",
        "grč",
        "tur",
        "hrv",
        "srp",
        "bos",
        "izv",
        "prev",
        "ur",
        "red",
        "min",
        "sek",
        "v.d",
        "sc",
        "pr",
        "n",
    },
}

#: Abbreviations that end a sentence only when a typical sentence opener follows.
AMBIGUOUS_ABBREVIATIONS = {
    "en": {"etc", "inc", "ltd", "co", "corp", "jr", "sr", "bros", "a.m", "p.m", "u.s"},
    "bcs": {"itd", "itsl", "sl", "god", "st", "stoljeća", "stolj", "d.o.o", "d.d"},
}
#: Abbreviations that close a list (``itd.``, ``i sl.``, ``npr.``): whether a
#: sentence ends after them is decided by the next token (see
#: :func:`_list_abbreviation_ends`); ``True`` where a sentence ends when the
#: next token gives no sign either way.
LIST_ABBREVIATIONS = {"itd": True, "itsl": True, "sl": True, "npr": False}

#: Words that typically open a sentence; after an ambiguous abbreviation or an
#: ordinal number they show the sentence did end there.
SENTENCE_OPENERS = {
    "en": set(
        "the a an this that these those it its he she they we i you there here "
        "but and however in on at for from after before when while if as his her "
        "their our some many most all no one two three".split()
    ),
    "bcs": set(
        "u na sa s iz od do za po prema nakon tokom tijekom međutim ali a i ipak "
        "također takođe sada danas ovo ova ovaj to taj ta te on ona ono oni one mi "
        "vi ja kako kada kad gdje gde što šta ko tko koji koja koje dok iako osim "
        "prije pre posle poslije još već time tako zato stoga dakle pri uz bez kroz "
        "među neki neka mnogi mnoge svi sve više manje tri dva dvije dve jedan "
        "njegov njegova njihov njihova ovim ovom tom tim onda tada zatim potom "
        "kasnije naime no pa inače".split()
    ),
}

_WORD_RE = re.compile(r"\S+")
_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
_DATE_RE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})?$")
_DOTTED_ACRONYM_RE = re.compile(r"^(?:\w\.)+\w$")
_LETTER_WORD_RE = re.compile(r"^[^\W\d_]+$")


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence: its text and its ``[start, end)`` offsets in the input."""

    text: str
    start: int
    end: int


def language_family(lang: str) -> str:
    """``"en"`` for English, ``"bcs"`` for Bosnian/Croatian/Serbian/Montenegrin."""
    return "en" if lang.split("-")[0].lower() == "en" else "bcs"


def split_sentences(text: str, lang: str) -> list[Segment]:
    """Split ``text`` into sentences; offsets index into ``text`` unchanged.

    :param lang: a language tag; ``en`` uses English rules, anything else the
        Bosnian/Croatian/Serbian ones (both scripts).
    """
    family = language_family(lang)
    context = _Context.of(text)
    segments: list[Segment] = []
    for line in re.finditer(r"[^\n]+", text):
        segments.extend(_split_line(line.group(), line.start(), family, context))
    return segments


@dataclass(frozen=True, slots=True)
class _Context:
    """What the whole text says about its words: those it writes in lower case
    (common words, not names) and those it capitalises after a lower-case word
    (names: they are capitalised where no sentence starts)."""

    lower: frozenset[str]
    names: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Context:
        raw = text.split()
        words = [w.strip(CLOSERS + OPENERS + ".,;:!?") for w in raw]
        lower = frozenset(w.lower() for w in words if w[:1].islower())
        names = frozenset(
            word.lower()
            for before, word in zip(raw, words[1:], strict=False)
            if before[:1].islower()
            and before.rstrip(CLOSERS)[-1:] not in _TERMINAL
            and word[:1].isupper()
        )
        return cls(lower, names - lower)


def _split_line(
    line: str, offset: int, family: str, context: _Context | None = None
) -> list[Segment]:
    tokens = [m.span() for m in _WORD_RE.finditer(line)]
    if not tokens:
        return []
    words = [line[start:end] for start, end in tokens]
    context = context or _Context.of(line)
    cuts = []
    for i in range(len(words) - 1):
        if words[i][-1] not in _END_CHARS:
            continue
        lone = _lone_quote_after_sentence(words, i)
        if lone is not None:
            closing = _quotation_open(line[: tokens[i + 1][0]])
            cuts.append(i + 1 if closing else i)
        elif _ends_sentence(words, i, family, context):
            cuts.append(i)
    if family == "bcs":
        cuts = _add_glued_headline(words, cuts)
    segments = []
    first = 0
    for last in [*cuts, len(words) - 1]:
        start, end = tokens[first][0], tokens[last][1]
        segments.append(Segment(line[start:end], offset + start, offset + end))
        first = last + 1
    return segments


_QUOTE_MARKS = '"“”„«»'


def _quotation_open(text: str) -> bool:
    """Whether a quotation is open at the end of ``text`` (an odd number of
    double quotation marks so far)."""
    return sum(text.count(mark) for mark in _QUOTE_MARKS) % 2 == 1


def _lone_quote_after_sentence(words: list[str], i: int) -> str | None:
    """The quote standing alone between sentence punctuation and a capital or
    digit (``citizens. “ Out of…``), or None. The sentence ends there either way;
    whether the quote goes with it (it closes an open quotation) or with the next
    sentence (it opens one) is decided by the caller."""
    if i + 2 >= len(words) or words[i].rstrip(CLOSERS)[-1:] not in _TERMINAL:
        return None
    quote = words[i + 1]
    if not quote or any(c not in _QUOTE_MARKS for c in quote):
        return None
    head = words[i + 2].lstrip(OPENERS)[:1]
    return quote if head.isupper() or head.isdigit() else None


def _ends_sentence(
    words: list[str], i: int, family: str, context: _Context | None = None
) -> bool:
    """Whether a sentence ends after ``words[i]`` (``words[i + 1]`` exists)."""
    core = words[i].rstrip(CLOSERS)
    if not core or core[-1] not in _TERMINAL:
        return False
    following = words[i + 1].lstrip(OPENERS)
    if not following:
        return False
    head = following[0]
    if head.islower():
        return False
    if not (head.isupper() or head.isdigit() or head in "#@$€£"):
        return False
    if core[-1] != "." or core.endswith(".."):
        return True
    return _full_stop_ends(
        core[:-1], following, family, words[i] != core, context or _Context.of("")
    )


def _full_stop_ends(
    word: str, following: str, family: str, quoted: bool, context: _Context
) -> bool:
    """Decide a full stop after ``word`` with an upper-case or digit ``following``."""
    if not word or quoted:
        return True
    word = word.lstrip(OPENERS)
    key = cyrillic_to_latin(word).lower()
    opener = cyrillic_to_latin(following.rstrip(CLOSERS + ".,;:!?")).lower()
    starts_sentence = opener in SENTENCE_OPENERS[family]
    if family == "bcs" and key in LIST_ABBREVIATIONS:
        return _list_abbreviation_ends(key, following, starts_sentence, context)
    if key in NONFINAL_ABBREVIATIONS[family]:
        return False
    if key in MONTH_ABBREVIATIONS:
        return not following[0].isdigit()
    if key in AMBIGUOUS_ABBREVIATIONS[family] or _DOTTED_ACRONYM_RE.match(word):
        return starts_sentence
    if len(word) == 1 and word.isalpha() and word.isupper():
        # an initial (J. Smith), unless "… an A. This …" or "… Apolo X. Кретаће …"
        return starts_sentence or detect_script(word) != detect_script(following)
    if family == "bcs" and _is_ordinal(word):
        return starts_sentence
    return True


def _list_abbreviation_ends(
    key: str, following: str, starts_sentence: bool, context: _Context
) -> bool:
    """After ``itd.``, ``i sl.`` or ``npr.`` the next token decides: a typical
    sentence opener, or a word the text also writes in lower case, starts a new
    sentence; a word the text capitalises mid-sentence (a name), or a number, does
    not. Without either sign, a list closer (``itd.``) ends the sentence and
    ``npr.`` does not."""
    if not following[0].isalpha():
        return False
    word = following.rstrip(CLOSERS + ".,;:!?").lower()
    if starts_sentence or word in context.lower:
        return True
    if word in context.names or (word[1:] and following[1:2].isupper()):
        return False
    return LIST_ABBREVIATIONS[key]


def _is_ordinal(word: str) -> bool:
    """A number that Bosnian/Croatian/Serbian writes with a dot as an ordinal."""
    if _DATE_RE.match(word + "."):
        return False  # 22.08.2023. — a complete date ends with its year's dot
    return word.isdigit() and len(word) <= 2


def _add_glued_headline(words: list[str], cuts: list[int]) -> list[int]:
    """Find a punctuation-less headline glued to the start of running text.

    Within the first sentence, a capitalised word after a lower-case word starts a
    new sentence when it is a typical sentence opener, or when the same word
    occurs in lower case elsewhere in the text (so it is not a name).
    """
    first_end = cuts[0] if cuts else len(words) - 1
    if first_end < 5:
        return cuts
    lower_words = {w.lower() for w in words if w[:1].islower()}
    for i in range(1, first_end - 2):
        before, word = words[i], words[i + 1]
        if not (_LETTER_WORD_RE.match(before) and before[0].islower()):
            continue
        if not (_LETTER_WORD_RE.match(word) and word[0].isupper()):
            continue
        if word[1:] and word[1:].isupper():
            continue  # an acronym: EU, NATO
        if detect_script(word) != detect_script(before):
            continue  # a Latin letter in Cyrillic text: "оцену A"
        latin = cyrillic_to_latin(word).lower()
        if latin in SENTENCE_OPENERS["bcs"] or word.lower() in lower_words:
            return [i, *cuts]
    return cuts
