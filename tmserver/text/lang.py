"""Language tags, scripts and Serbian transliteration (pure core).

Tags are BCP 47 with the script where it matters: ``en``, ``bs``, ``hr``, ``sr-Latn``,
``sr-Cyrl``, ``cnr``. Serbian Latin and Cyrillic are never merged; a bare ``sr`` is
resolved from the text's script when there is text to look at.

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import re
import unicodedata

from tmserver.errors import UnsupportedLanguageError

#: Languages whose region subtag we drop: the memory does not distinguish hr-HR from hr.
_REGIONLESS = {"en", "bs", "hr", "sr", "cnr", "sh", "me"}
_ALIASES = {"me": "cnr", "sh": "hbs"}
_VARIANT_SCRIPTS = {"latin": "Latn", "latn": "Latn", "cyrillic": "Cyrl", "cyrl": "Cyrl"}
_TAG_RE = re.compile(r"^[A-Za-z]{2,3}([-_@][A-Za-z0-9]{1,8})*$")

#: The local varieties this project is built for, in display order.
LOCAL_VARIETIES = ("bs", "hr", "sr-Latn", "sr-Cyrl", "cnr")


def normalise_tag(tag: str, text: str | None = None) -> str:
    """Return the canonical BCP 47 spelling of ``tag``.

    Accepts ``sr_Latn``, ``sr@latin``, ``SR-latn``, ``hr_HR``, ``sr_latn`` (Weblate's
    wire form). A bare Serbian tag becomes ``sr-Latn`` or ``sr-Cyrl`` when ``text`` is
    given and shows its script; otherwise it stays ``sr``.

    :raises UnsupportedLanguageError: when ``tag`` is not a language tag at all.
    """
    raw = (tag or "").strip()
    if not _TAG_RE.match(raw):
        raise UnsupportedLanguageError(f"not a language tag: {tag!r}")
    variant = None
    if "@" in raw:
        raw, variant = raw.split("@", 1)
    parts = re.split(r"[-_]", raw)
    language = _ALIASES.get(parts[0].lower(), parts[0].lower())
    script = region = None
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            region = part.upper()
    if variant and variant.lower() in _VARIANT_SCRIPTS:
        script = _VARIANT_SCRIPTS[variant.lower()]
    if language == "sr" and script is None and text:
        script = detect_script(text)
    if language in _REGIONLESS:
        region = None
    if language != "sr" and script in {"Latn", "Cyrl"} and language in _REGIONLESS:
        script = None  # bs/hr/en are written in one script here; the subtag is noise
    return "-".join(p for p in (language, script, region) if p)


def wire_code(tag: str) -> str:
    """The lower-case, underscore form Weblate clients send (``sr_latn``)."""
    return normalise_tag(tag).replace("-", "_").lower()


def base_language(tag: str) -> str:
    """The primary language subtag (``sr-Latn`` → ``sr``)."""
    return normalise_tag(tag).split("-")[0]


def detect_script(text: str) -> str | None:
    """``"Cyrl"`` or ``"Latn"``, whichever alphabet most letters of ``text`` use.

    Returns None when the text has no letters of either script.
    """
    latin = cyrillic = 0
    for char in text:
        if char.isascii():
            latin += char.isalpha()
        elif "\u0400" <= char <= "\u04ff":
            cyrillic += char.isalpha()
        elif "\u00c0" <= char <= "\u024f":
            latin += char.isalpha()
        elif char.isalpha():  # rarer blocks: ask the character's name
            name = unicodedata.name(char, "")
            cyrillic += name.startswith("CYRILLIC")
            latin += name.startswith("LATIN")
    if latin == cyrillic == 0:
        return None
    return "Cyrl" if cyrillic > latin else "Latn"


_CYR_TO_LAT = dict(
    zip(
        "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",
        "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š "
        "A B V G D Đ E Ž Z I J K L Lj M N Nj O P R S T Ć U F H C Č Dž Š".split(),
        strict=True,
    )
)
_LAT_TO_CYR = {lat: cyr for cyr, lat in _CYR_TO_LAT.items()}
_LAT_TO_CYR.update({"LJ": "Љ", "NJ": "Њ", "DŽ": "Џ"})
_LAT_DIGRAPH_RE = re.compile(r"lj|nj|dž|Lj|Nj|Dž|LJ|NJ|DŽ|[A-Za-zčćđšžČĆĐŠŽ]")

#: Tokens left in Latin script when writing Cyrillic: URLs, e-mail addresses, handles,
#: hashtags, all-caps acronyms (IOM, UN, EU) and words with letters Serbian lacks.
_PROTECTED_RE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[#@]\w+"
    r"|\b[A-Z]{2,}[A-Z0-9]*(?:-[a-z]{1,3})?\b|\b\w*[qwxyQWXY]\w*\b"
)


_CYR_TO_LAT_TABLE = str.maketrans(_CYR_TO_LAT)


def cyrillic_to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic to Latin, one letter at a time (lossless)."""
    return text.translate(_CYR_TO_LAT_TABLE)


def latin_to_cyrillic(text: str) -> str:
    """Transliterate Serbian Latin to Cyrillic, leaving protected tokens in Latin.

    Digraphs lj, nj and dž become one letter; acronyms, URLs, addresses, handles and
    foreign words (letters q, w, x, y) are kept as written, since Serbian Cyrillic
    texts keep them so.
    """
    out: list[str] = []
    position = 0
    for match in _PROTECTED_RE.finditer(text):
        out.append(_latin_run_to_cyrillic(text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(_latin_run_to_cyrillic(text[position:]))
    return "".join(out)


def _latin_run_to_cyrillic(text: str) -> str:
    return _LAT_DIGRAPH_RE.sub(lambda m: _LAT_TO_CYR.get(m.group(), m.group()), text)


def transliterate(text: str, to_tag: str) -> str:
    """Write ``text`` in the script of ``to_tag`` (only Serbian has two scripts)."""
    tag = normalise_tag(to_tag)
    if tag == "sr-Cyrl":
        return latin_to_cyrillic(text)
    if tag == "sr-Latn":
        return cyrillic_to_latin(text)
    return text
