"""A near-duplicate-dense memory and held-out queries with brute-force references.

Real announcement archives repeat boilerplate: the same sentence with another number,
date or town, a word changed, two clauses swapped, two sentences joined. This builds
such a memory from about 2,000 real base sentence pairs of ``../shared/data`` (NTREX
news and FLORES, English → bs / hr / sr-Latn / sr-Cyrl) expanded to ``n`` units by 1–4
edits each, so many stored sources sit within a few characters of each other: the
hard case for any candidate filter and for a top-k cut.

Deterministic: the same ``n`` and ``seed`` always give the same units and queries.

Library use::

    from benchmarks.dense_corpus import dense_units, held_out_queries
    units = dense_units(100_000)
    queries = held_out_queries(units, 300)   # each with .reference (brute force)

Usage (writes a TMX)::

    python benchmarks/dense_corpus.py 100000 --out /tmp/dense100k.tmx
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.memgen import _MONTHS_EN  # noqa: E402
from benchmarks.memgen import _MONTHS_GEN as _MONTHS_LOCAL  # noqa: E402
from benchmarks.memgen import GenUnit  # noqa: E402
from benchmarks.memgen import write_tmx  # noqa: E402
from tmserver.text.lang import latin_to_cyrillic  # noqa: E402

DATA_DIR = REPO.parent / "shared" / "data"
BASE_COUNT = 2000
LANGS = ("bs", "hr", "sr-Latn", "sr-Cyrl")
SCRIPT_TWIN = {"sr-Latn": "sr-Cyrl", "sr-Cyrl": "sr-Latn"}

_NTREX = {
    "bs": "newstest2019-ref.bos.txt",
    "hr": "newstest2019-ref.hrv.txt",
    "sr-Latn": "newstest2019-ref.srp-Latn.txt",
    "sr-Cyrl": "newstest2019-ref.srp-Cyrl.txt",
}
_FLORES = {"bs": "bos_Latn.dev", "hr": "hrv_Latn.dev", "sr-Cyrl": "srp_Cyrl.dev"}
# town: (English name, locative in Latin script) — the form after "U"
_TOWNS = (
    ("Sarajevo", "Sarajevu"),
    ("Tuzla", "Tuzli"),
    ("Mostar", "Mostaru"),
    ("Zenica", "Zenici"),
    ("Bihać", "Bihaću"),
    ("Banja Luka", "Banjoj Luci"),
    ("Zagreb", "Zagrebu"),
    ("Split", "Splitu"),
    ("Osijek", "Osijeku"),
    ("Rijeka", "Rijeci"),
    ("Niš", "Nišu"),
    ("Novi Sad", "Novom Sadu"),
    ("Kragujevac", "Kragujevcu"),
    ("Preševo", "Preševu"),
)
_NUMBER = re.compile(r"\d+")
_TOWN_PREFIX = re.compile(r"^In ([^,]+), ")
_LOCAL_TOWN_PREFIX = re.compile(r"^(?:U|У) ([^,]+), ")
_DATE_PREFIX = re.compile(r"^On [A-Z][a-z]+ \d+, \d{4}, ")
_LOCAL_DATE_PREFIX = re.compile(r"^\d+\. \S+ \d{4}\. ")
_FILLERS = ("also", "now", "again", "officially", "still", "all")
_LOCAL_FILLERS = ("također", "sada", "opet", "službeno", "još", "sve")


@dataclass(frozen=True, slots=True)
class DenseQuery:
    """A query with its brute-force reference.

    ``reference`` is the true top ``k`` of distinct stored sources with a unit in the
    query's target language (or its script twin): ``(quality, source)`` pairs, best
    first, quality the amaGama Levenshtein figure, only those ≥ the threshold.
    """

    group: str
    text: str
    target_lang: str
    reference: tuple[tuple[float, str], ...]


def _lines(path: Path) -> list[str]:
    return [" ".join(line.split()) for line in path.read_text("utf-8").splitlines()]


def base_pairs(data_dir: Path = DATA_DIR) -> list[tuple[str, str, str]]:
    """About 2,000 real (source, target, target_lang) pairs, in a fixed order.

    Each English sentence is used once, with one of the four targets in turn (sr-Latn
    FLORES lines are transliterated from the Cyrillic file).
    """
    found: list[tuple[str, str, str]] = []
    ntrex = data_dir / "ntrex" / "dev"
    english = _lines(ntrex / "newstest2019-src.eng.txt")
    local = {lang: _lines(ntrex / name) for lang, name in _NTREX.items()}
    for number, source in enumerate(english):
        lang = LANGS[number % len(LANGS)]
        found.append((source, local[lang][number], lang))
    flores = data_dir / "flores" / "dev"
    english = _lines(flores / "eng_Latn.dev")
    local = {lang: _lines(flores / name) for lang, name in _FLORES.items()}
    for number, source in enumerate(english):
        lang = LANGS[number % len(LANGS)]
        if lang == "sr-Latn":
            from tmserver.text.lang import cyrillic_to_latin

            target = cyrillic_to_latin(local["sr-Cyrl"][number])
        else:
            target = local[lang][number]
        found.append((source, target, lang))
    seen: set[str] = set()
    unique = []
    for pair in found:
        if pair[0] and pair[1] and pair[0] not in seen and len(pair[0]) < 400:
            seen.add(pair[0])
            unique.append(pair)
    return unique[:BASE_COUNT]


def _is_held_out(number: int) -> bool:
    return number % 25 == 7


def _local(text: str, lang: str) -> str:
    return latin_to_cyrillic(text) if lang == "sr-Cyrl" else text


def _change_number(rng: random.Random, src: str, tgt: str, lang: str) -> tuple:
    numbers = [n for n in _NUMBER.findall(src) if n in tgt]
    if not numbers:
        return _add_number(rng, src, tgt, lang)
    old = rng.choice(numbers)
    new = str(rng.randint(1, 10 ** len(old) + 50))
    return src.replace(old, new, 1), tgt.replace(old, new, 1)


def _add_number(rng: random.Random, src: str, tgt: str, lang: str) -> tuple:
    count = rng.randint(2, 900)
    words = {"hr": "osoba", "bs": "osoba", "sr-Latn": "osoba", "sr-Cyrl": "особа"}
    return (
        f"{src.rstrip('.')} ({count} people).",
        f"{tgt.rstrip('.')} ({count} {words[lang]}).",
    )


def _change_date(rng: random.Random, src: str, tgt: str, lang: str) -> tuple:
    src = _DATE_PREFIX.sub("", src)
    tgt = _LOCAL_DATE_PREFIX.sub("", tgt)
    month, day, year = rng.randrange(12), rng.randint(1, 28), rng.randint(2010, 2030)
    months = _MONTHS_LOCAL.get(lang, _MONTHS_LOCAL["sr-Latn"])
    local_date = _local(f"{day}. {months[month]} {year}. ", lang)
    return f"On {_MONTHS_EN[month]} {day}, {year}, {_lower(src)}", local_date + tgt


def _change_town(rng: random.Random, src: str, tgt: str, lang: str) -> tuple:
    src = _TOWN_PREFIX.sub("", src)
    tgt = _LOCAL_TOWN_PREFIX.sub("", tgt)
    name, locative = rng.choice(_TOWNS)
    return f"In {name}, {_lower(src)}", _local(f"U {locative}, ", lang) + tgt


def _lower(text: str) -> str:
    """Lower the first letter of a sentence put after a prefix (not a name's)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower() and first[0].isupper():
        return text[:1].lower() + text[1:]
    return text


def _change_word(rng: random.Random, src: str, tgt: str, lang: str) -> tuple:
    words, local = src.split(" "), tgt.split(" ")
    choice = rng.random()
    if choice < 0.4 and len(words) > 4 and len(local) > 4:
        del words[rng.randrange(1, len(words))]
        del local[rng.randrange(1, len(local))]
    elif choice < 0.8:
        pick = rng.randrange(len(_FILLERS))
        words.insert(rng.randrange(1, len(words) + 1), _FILLERS[pick])
        local.insert(
            rng.randrange(1, len(local) + 1), _local(_LOCAL_FILLERS[pick], lang)
        )
    else:
        position = rng.randrange(len(words))
        word = words[position]
        if len(word) > 3:
            cut = rng.randrange(1, len(word) - 1)
            words[position] = word[:cut] + word[cut + 1 :]
    return " ".join(words), " ".join(local)


def _swap_clauses(rng: random.Random, src: str, tgt: str, lang: str) -> tuple:
    head, comma, tail = src.rstrip(".").partition(", ")
    local_head, local_comma, local_tail = tgt.rstrip(".").partition(", ")
    if not comma or not local_comma or not tail or not local_tail:
        return _change_word(rng, src, tgt, lang)
    return (
        f"{tail[:1].upper()}{tail[1:]}, {head[:1].lower()}{head[1:]}.",
        f"{local_tail[:1].upper()}{local_tail[1:]}, "
        f"{local_head[:1].lower()}{local_head[1:]}.",
    )


_EDITS = (
    (_change_number, 0.30),
    (_change_date, 0.15),
    (_change_town, 0.15),
    (_change_word, 0.30),
    (_swap_clauses, 0.10),
)


def _edited(
    rng: random.Random, pair: tuple[str, str, str], family: list[tuple[str, str, str]]
) -> tuple[str, str]:
    src, tgt, lang = pair
    if rng.random() < 0.08:  # two sentences of one family joined
        other = family[rng.randrange(len(family))]
        src, tgt = f"{src} {other[0]}", f"{tgt} {other[1]}"
    for _ in range(rng.randint(1, 4)):
        edit = rng.choices([e for e, _ in _EDITS], [w for _, w in _EDITS])[0]
        src, tgt = edit(rng, src, tgt, lang)
    return src, tgt


def dense_units(n: int, seed: int = 0, data_dir: Path = DATA_DIR) -> list[GenUnit]:
    """``n`` distinct units: the memory's base pairs, then edited variants of them.

    One base pair in 25 is held out (queries that should find only its variants);
    one variant in 50 is a second translation of an existing source (several
    translations of one source compete for the top-k slots).
    """
    bases = base_pairs(data_dir)
    kept = [p for i, p in enumerate(bases) if not _is_held_out(i)]
    rng = random.Random(f"dense/{seed}")
    seen: set[tuple[str, str, str]] = set()
    units: list[GenUnit] = []

    def add(src: str, tgt: str, lang: str, origin: str) -> None:
        key = (src, tgt, lang)
        if src and tgt and key not in seen:
            seen.add(key)
            units.append(GenUnit(src, tgt, lang, origin))

    for src, tgt, lang in kept:
        if len(units) >= n:
            return units
        add(src, tgt, lang, "dense/base.tmx")
    attempts = 0
    while len(units) < n and attempts < 20 * n:
        attempts += 1
        if units and rng.random() < 0.02:
            unit = units[rng.randrange(len(units))]
            src, tgt = _change_word(rng, unit.target, unit.target, unit.target_lang)
            add(unit.source, tgt, unit.target_lang, "dense/alternative.tmx")
            continue
        number = rng.randrange(len(kept))
        family = kept[max(0, number - 3) : number + 4]
        src, tgt = _edited(rng, kept[number], family)
        add(src, tgt, kept[number][2], f"dense/variants-{len(units) // 50000}.tmx")
    return units


def held_out_queries(
    units: list[GenUnit],
    count: int,
    seed: int = 1,
    *,
    threshold: float = 70.0,
    k: int = 5,
    data_dir: Path = DATA_DIR,
) -> list[DenseQuery]:
    """``count`` queries in three groups with their brute-force references.

    * ``near`` (half): a stored unit edited once or twice more (numbers, dates, towns,
      words) — the translator's usual case;
    * ``exact`` (a fifth): a stored source as it is;
    * ``miss`` (the rest): a held-out base sentence, edited or not (no variant of it
      is stored; it can match only a concatenation with a neighbour).
    """
    rng = random.Random(f"dense-queries/{seed}")
    bases = base_pairs(data_dir)
    held = [p for i, p in enumerate(bases) if _is_held_out(i)]
    found: list[tuple[str, str, str]] = []
    for number in range(count):
        if number < count // 2:
            unit = units[rng.randrange(len(units))]
            pair = (unit.source, unit.target, unit.target_lang)
            src, _ = _edited(rng, pair, [pair])
            found.append(("near", src, unit.target_lang))
        elif number < count // 2 + count // 5:
            unit = units[rng.randrange(len(units))]
            found.append(("exact", unit.source, unit.target_lang))
        else:
            pair = held[rng.randrange(len(held))]
            src = pair[0] if rng.random() < 0.5 else _edited(rng, pair, [pair])[0]
            found.append(("miss", src, pair[2]))
    return brute_force_references(units, found, threshold=threshold, k=k)


def brute_force_references(
    units: list[GenUnit],
    queries: list[tuple[str, str, str]],
    *,
    threshold: float = 70.0,
    k: int = 5,
) -> list[DenseQuery]:
    """Scan every distinct source for each ``(group, text, target_lang)`` query."""
    by_source: dict[str, set[str]] = {}
    for unit in units:
        by_source.setdefault(unit.source, set()).add(unit.target_lang)
    sources = list(by_source)
    langs = [by_source[s] for s in sources]
    masks = {
        lang: np.fromiter(
            (lang in s or SCRIPT_TWIN.get(lang, "") in s for s in langs),
            dtype=bool,
            count=len(langs),
        )
        for lang in LANGS
    }
    result = []
    for group, text, lang in queries:
        scores = process.cdist(
            [text],
            sources,
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=threshold / 100.0,
            dtype=np.float64,
            workers=-1,
        )[0]
        scores = np.where(masks[lang], scores * 100.0, 0.0)
        top = np.argsort(-scores, kind="stable")[: k * 3]
        reference = tuple(
            (float(scores[i]), sources[i]) for i in top if scores[i] >= threshold
        )
        result.append(DenseQuery(group, text, lang, reference[:k]))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of units")
    parser.add_argument("--out", type=Path, required=True, help="TMX file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    count = write_tmx(iter(dense_units(args.n, args.seed)), args.out)
    print(f"wrote {count} units to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
