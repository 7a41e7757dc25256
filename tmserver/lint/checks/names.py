"""Proper names of the source missing from the target (pure core).

A name may be inflected (``Preševo`` → ``Preševa``, ``Preševu``, ``Bujanovac`` →
``Bujanovcu``), transliterated (``Washington`` → ``Vašington``, ``Jeremy`` →
``Džeremi``), written in Cyrillic, or replaced by its usual local name (``Vienna`` →
``Beč``); any of these keeps it. What counts as a name: a capitalised source word
that does not start a sentence and is no title, institution word, month, weekday
or nationality adjective (those are translated, and the term check covers
institutions).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.checks.base import in_latin
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair

_CAPITAL_RE = re.compile(
    r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞČĆŽŠĐ][a-zß-öø-ÿčćžšđ]+(?:['’-][^\W\d_]+)*(?![\w'’])"
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_OPENERS = frozenset('.!?:;"“„«(—–-')


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, quotation or clause (only
    the few characters before it are looked at)."""
    before = text[max(0, start - 4) : start].rstrip()
    if not before:
        return not text[:start].strip()
    return before[-1] in _OPENERS


#: Capitalised English words that are not names a translation must keep.
_NOT_NAMES = frozenset(
    """
    I The A An In On At Of For And To By With From As But Or If So It Its This That
    These Those There Their They We He She His Her Our You Your My Mr Mrs Ms Dr Prof
    Sir Lord Lady Dame Saint St Mt Ft Jr Sr President Minister Prime Secretary General
    King Queen Prince Princess Pope Senator Governor Mayor Chief Director Professor
    Judge Captain Officer Chairman Chancellor Ambassador Commissioner Premier Leader
    Deputy Vice Foreign Interior Defence Defense Health Justice Finance Economy Head
    Ministry Government Department University College School Court Council Committee
    Party Union Bank National International Organization Organisation Agency Office
    Parliament Assembly Commission Police Army Force Forces Navy Republic State States
    United Kingdom Nations House Senate Congress Street Road Avenue Square River Lake
    Mountain Mountains Island Islands Sea Ocean Bay Gulf Coast Valley Park Bridge
    North South East West Northern Southern Eastern Western Central Middle New Old
    Great Grand Upper Lower Fort Port Cup League Championship Games Olympic Olympics
    World Prize Award Awards Festival Day Christmas Easter Internet God Church Catholic
    Muslim Christian Islamic Jewish Orthodox Democrats Democrat Republicans Republican
    Conservative Conservatives Labour Liberal Tory Tories Brexit Federal Supreme High
    Royal Institute Center Centre Museum Hospital Airport Station Hall Tower Palace
    Cathedral Stadium Group Company Corporation Inc Ltd Co Association Federation
    Foundation Society Network News Times Post Daily Service Services Programme
    Program Project Initiative Plan Act Law Treaty Agreement Declaration Convention
    Summit Conference Forum Report Index Club Team Stock Exchange Market Fund Trust
    Board Authority Authorities Administration Bureau Institution Region Province
    County District City Town Village Municipality Capital Community Zone Area
    Hurricane Storm Typhoon Tropical Category Grade Class Division Section Chapter
    Part Article Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
    February March April May June July August September October November December
    Mondays Tuesdays Wednesdays Thursdays Fridays Saturdays Sundays Today Yesterday
    Tomorrow Earth Sun Moon Web Facebook Twitter Instagram Google Apple Microsoft
    Amazon YouTube Netflix WhatsApp Statement Minister's President's Mr. Mrs. Ms.
    English French German Dutch Greek Thai Swiss Irish British Scottish Welsh Danish
    Swedish Polish Turkish Spanish Finnish Jewish Czech Slovak Chinese Japanese
    Vietnamese Portuguese Lebanese Sudanese Congolese Maltese Arab Arabic Islam
    Western Eastern Asian African European American Latin Nordic Baltic Balkan
    Southwest Northwest Southeast Northeast Midwest Stateside
    """.split()
)
#: English adjective endings of nationalities and languages (Croatian → hrvatski).
_ADJECTIVE_ENDINGS = (
    "ian",
    "ean",
    "ese",
    "ish",
    "ans",
    "ians",
    "ic",
    "ern",
    "ist",
    "ism",
    "ous",
    "ary",
)

#: Usual local names (stems) of places whose English name they do not resemble.
EXONYMS = {
    "germany": ("njemačk", "nemačk", "germanij"),
    "hungary": ("mađarsk", "madjarsk"),
    "greece": ("grčk",),
    "vienna": ("beč",),
    "belgrade": ("beograd",),
    "rome": ("rim",),
    "brussels": ("brisel", "bruxelles", "briselu"),
    "netherlands": ("nizozemsk", "holandij"),
    "holland": ("nizozemsk", "holandij"),
    "switzerland": ("švicarsk", "švajcarsk"),
    "china": ("kin",),
    "egypt": ("egip",),
    "britain": ("britanij", "britan"),
    "england": ("englesk",),
    "scotland": ("škotsk",),
    "wales": ("vels",),
    "ireland": ("irsk",),
    "spain": ("španij", "španjolsk"),
    "italy": ("italij",),
    "france": ("francusk",),
    "russia": ("rusij",),
    "turkey": ("tursk",),
    "poland": ("poljsk",),
    "sweden": ("švedsk",),
    "norway": ("norvešk",),
    "finland": ("finsk",),
    "denmark": ("dansk",),
    "croatia": ("hrvatsk",),
    "serbia": ("srbij",),
    "montenegro": ("crn", "crnogor"),
    "albania": ("albanij",),
    "macedonia": ("makedonij",),
    "europe": ("europ", "evrop"),
    "asia": ("azij",),
    "africa": ("afrik",),
    "america": ("amerik", "sad"),
    "mexico": ("meksik",),
    "moscow": ("moskv",),
    "geneva": ("ženev",),
    "athens": ("atin", "aten"),
    "prague": ("prag",),
    "warsaw": ("varšav",),
    "israel": ("izrael",),
    "syria": ("sirij",),
    "iraq": ("irak",),
    "india": ("indij",),
    "korea": ("kore",),
    "jesus": ("isus",),
    "japan": ("japan",),
    "cyprus": ("kipar", "kipr"),
    "lisbon": ("lisabon",),
    "munich": ("münchen", "minhen", "münchenu"),
    "cologne": ("köln", "keln"),
    "venice": ("venecij", "venecij"),
    "florence": ("firenc",),
    "naples": ("napulj",),
    "milan": ("milan",),
    "copenhagen": ("kopenhagen",),
    "beijing": ("peking",),
    "thames": ("temz",),
    "danube": ("dunav",),
    "alps": ("alp",),
    "halloween": ("noć vještica", "noć veštica", "noći vještica", "noći veštica"),
}

#: English spellings and BCS transliterations read alike (Washington / Vašington,
#: Schmidt / Šmit, Jeremy / Džeremi): both sides are reduced to this skeleton.
_SKELETON_STEPS = (
    ("eau", "o"),
    ("ough", "au"),
    ("ight", "ait"),
    ("gh", "g"),
    ("oo", "u"),
    ("ou", "u"),
    ("ow", "au"),
    ("ee", "i"),
    ("ea", "i"),
    ("ie", "i"),
    ("ey", "i"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("th", "t"),
    ("ph", "f"),
    ("ck", "k"),
    ("qu", "kv"),
    ("dž", "j"),
    ("dj", "j"),
    ("đ", "j"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("c", "k"),
    ("č", "k"),
    ("ć", "k"),
    ("š", "s"),
    ("ž", "z"),
    ("j", "i"),
)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling-neutral form of a name: lower case, Latin, digraphs folded,
    doubled letters single (``Schmidt`` → ``smidt``, ``Šmit`` → ``smit``)."""
    text = in_latin(word).lower()
    for old, new in _SKELETON_STEPS:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def _prefix_match(name: str, word: str) -> bool:
    """``word`` is ``name`` with a BCS case ending (``Preševo``/``Preševu``,
    ``Bujanovac``/``Bujanovcu``): they share all but the last three letters."""
    need = max(3, len(name) - 3)
    return len(word) >= need and word[:need] == name[:need]


def name_present(
    name: str,
    target_words: list[str],
    target_lower: str,
    taken: frozenset[str] = frozenset(),
) -> bool:
    """Whether the target carries ``name`` inflected, transliterated or as its
    usual local name; ``target_words`` are the target's words in Latin script;
    ``taken`` are target words other source names already account for (they are
    no loose match for this one)."""
    lowered = name.lower()
    head = lowered[: max(3, len(lowered) - 3)]
    if head in target_lower and any(w.lower().startswith(head) for w in target_words):
        return True
    for stem in EXONYMS.get(lowered, ()):
        if stem in target_lower:
            return True
    shape = skeleton(name)
    for word in target_words:
        other = skeleton(word)
        if _prefix_match(shape, other):
            return True
        if word in taken or not _same_sound(shape[:1], other[:1]):
            continue
        if word[:1].isupper():
            if len(shape) >= 3 and _alike(shape, other, 60):
                return True  # transliterated: Blake → Blejku
        elif len(shape) >= 5 and _alike(shape, other, 85):
            return True  # written as a common word: Renaissance → renesansa
    return False


#: First letters a transliteration may change (Giants → Džajantsi, Unite →
#: Junajt, Krushchev → Hruščov).
_SOUND_CLASSES = ("aeiouj", "gjdi", "khc")


def _same_sound(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _SOUND_CLASSES)


def _alike(shape: str, other: str, threshold: int) -> bool:
    """Skeletons alike once the other's case ending is cut off (a rendering is
    not much shorter than the name: Bivši is no Bolivia)."""
    if len(other) < len(shape) - 1:
        return False
    best = max(
        fuzz.ratio(shape, other[: len(shape)]),
        fuzz.ratio(shape, other[: len(shape) + 1]),
    )
    return best >= threshold


@lru_cache(maxsize=32768)
def source_names(text: str) -> tuple[tuple[str, int, int], ...]:
    """Candidate names of an English text: capitalised words inside a sentence."""
    matches = list(_CAPITAL_RE.finditer(text))
    if not matches:
        return ()
    size = text.count(" ") + 1
    if size >= 3 and len(matches) >= 0.6 * size:
        return ()  # a Title Case headline: every word is capitalised
    found = []
    for index, match in enumerate(matches):
        word = match.group()
        if len(word) < 3 or word in _NOT_NAMES or "-" in word:
            continue
        if word.endswith(_ADJECTIVE_ENDINGS) or word.endswith("'s"):
            if word.endswith("'s") and word[:-2] not in _NOT_NAMES:
                word = word[:-2]
            else:
                continue
        if len(word) < 3 or _starts_sentence(text, match.start()):
            continue
        if _in_run(text, matches, index):
            continue  # multi-word names are mostly translated: the term check
        found.append((word, match.start(), match.start() + len(word)))
    return tuple(found)


_RUN_JOINERS = frozenset(
    {"", "of", "of the", "to", "de", "van", "von", "der", "del", "de la", "&", "and"}
)


def _in_run(text: str, matches: list[re.Match[str]], index: int) -> bool:
    """Whether capitalised word ``index`` has a capitalised neighbour (``Grand
    Prix``, ``Planned Parenthood``), joined by a space or ``of``."""
    match = matches[index]
    for other in (index - 1, index + 1):
        if 0 <= other < len(matches):
            a, b = sorted((match, matches[other]), key=lambda m: m.start())
            gap = text[a.end() : b.start()]
            if gap.strip() in _RUN_JOINERS:
                return True
    return False


#: Endings of English common nouns capitalised for emphasis or in titles.
_COMMON_ENDINGS = (
    "ion",
    "ions",
    "ing",
    "ment",
    "ness",
    "ity",
    "ure",
    "ance",
    "ence",
    "ory",
    "ship",
    "hood",
)
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z]{3,}")


def _score(shape: str, other: str) -> float:
    """How well a target word's skeleton renders a name's (100: inflected)."""
    if _prefix_match(shape, other):
        return 100.0
    if not _same_sound(shape[:1], other[:1]) or len(other) < len(shape) - 1:
        return 0.0
    return max(
        fuzz.ratio(shape, other[: len(shape)]),
        fuzz.ratio(shape, other[: len(shape) + 1]),
    )


def _taken(source: str, target_words: list[str], name: str) -> frozenset[str]:
    """Capitalised target words another capitalised source word renders at least
    as well as ``name`` (``Sejn`` is Sane's, not Sterling's; ``Burt’s`` is
    Burt's, not Boots')."""
    others = [skeleton(w) for w in _CAPITAL_RE.findall(source) if w != name]
    shape = skeleton(name)
    taken = set()
    for word in target_words:
        if not word[:1].isupper():
            continue
        other = skeleton(word)
        own = _score(shape, other)
        if any(_score(s, other) >= own for s in others):
            taken.add(word)
    return frozenset(taken)


def release_vocabulary(pairs: Sequence[SegmentPair]) -> frozenset[str]:
    """Words the release's sources write in lower case: a capitalised word among
    them (``the Falls``, ``War``) is a common word, not a name."""
    found: set[str] = set()
    for pair in pairs:
        found.update(_LOWER_WORD_RE.findall(pair.source))
    return frozenset(found)


class NameMissing(SegmentCheck):
    id = "name-missing"
    code = "TM-NAM-001"
    severity = "warning"
    family = "names"
    description = "A proper name of the source is missing from the target."
    help = (
        "Carry every name over; case endings (Preševo → Preševa, Preševu), "
        "transliteration (Washington → Vašington) and usual local names (Vienna → "
        "Beč) are fine."
    )

    def run(self, pairs: Sequence[SegmentPair], ctx: LintContext) -> list[Finding]:
        self._vocabulary = release_vocabulary(pairs)
        return super().run(pairs, ctx)

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        candidates = source_names(pair.source)
        if not candidates:
            return []
        vocabulary = getattr(self, "_vocabulary", frozenset())
        candidates = [
            c
            for c in candidates
            if not c[0].endswith(_COMMON_ENDINGS)
            and c[0].lower() not in vocabulary
            and c[0].lower().rstrip("s") not in vocabulary
        ]
        if not candidates:
            return []
        protected = [
            (p.start, p.end) for p in ctx.placeables(pair)[0] if p.kind != "number"
        ]
        latin = in_latin(pair.target)
        target_words = _WORD_RE.findall(latin)
        target_lower = latin.lower()
        found = []
        reported: set[str] = set()
        for name, start, end in candidates:
            if name in reported or any(a <= start < b for a, b in protected):
                continue
            if name_present(name, target_words, target_lower, frozenset(target_words)):
                continue  # inflected or written alike
            taken = _taken(pair.source, target_words, name)
            if name_present(name, target_words, target_lower, taken):
                continue
            reported.add(name)
            found.append(
                self.finding(
                    pair,
                    f"Name {name!r} of the source is not in the target (any case "
                    "ending or transliteration would do).",
                    span=(start, end),
                    side="source",
                )
            )
        return found
