"""Deterministic translation memory generator for benchmarks.

Builds a memory of N English → bs/hr/sr-Latn/sr-Cyrl units from the real parallel
sentences in ``../shared/data`` (NTREX news, FLORES, Tatoeba) plus realistic variants of
them, the way a real announcement memory grows: the same sentence with other numbers or
dates, a word inserted or dropped, clauses of two sentences recombined. The same seed
always gives the same memory, so benchmark runs are comparable.

Every twentieth base sentence is held out of the memory (``held_out_pairs``) so the
suggestion benchmark has realistic queries with no match.

Usage::

    python benchmarks/memgen.py 100000 --out /tmp/mem100k.tmx [--seed 0]

Library use (the import and suggestion benchmarks)::

    from benchmarks.memgen import generate
    for unit in generate(1_000_000): ...
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data"

_NTREX = {
    "bs": "newstest2019-ref.bos.txt",
    "hr": "newstest2019-ref.hrv.txt",
    "sr-Latn": "newstest2019-ref.srp-Latn.txt",
    "sr-Cyrl": "newstest2019-ref.srp-Cyrl.txt",
}
_FLORES = {"bs": "bos_Latn.dev", "hr": "hrv_Latn.dev", "sr-Cyrl": "srp_Cyrl.dev"}
_TATOEBA_LABELS = {
    "bos_Latn": "bs",
    "hrv": "hr",
    "srp_Latn": "sr-Latn",
    "srp_Cyrl": "sr-Cyrl",
}
_MONTHS_EN = (
    "January February March April May June July August September October "
    "November December"
).split()
_MONTHS_GEN = {
    "hr": "siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna "
    "listopada studenoga prosinca".split(),
    "bs": "januara februara marta aprila maja juna jula augusta septembra oktobra "
    "novembra decembra".split(),
    "sr-Latn": "januara februara marta aprila maja juna jula avgusta septembra "
    "oktobra novembra decembra".split(),
    "sr-Cyrl": "јануара фебруара марта априла маја јуна јула августа септембра "
    "октобра новембра децембра".split(),
}
_NUMBER_RE = re.compile(r"\d+")
_CLAUSE_RE = re.compile(r", | and | but | while |, и |, i |, а |, a ")


@dataclass(frozen=True, slots=True)
class GenUnit:
    """One generated unit (plain data; the benchmarks turn it into what they need)."""

    source: str
    target: str
    target_lang: str
    origin: str
    source_lang: str = "en"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def base_pairs(data_dir: Path = DATA_DIR) -> list[tuple[str, str, str, str]]:
    """All real (source, target, target_lang, corpus) pairs, in a fixed order."""
    pairs: list[tuple[str, str, str, str]] = []
    ntrex = data_dir / "ntrex" / "dev"
    english = _lines(ntrex / "newstest2019-src.eng.txt")
    for lang, name in _NTREX.items():
        for src, tgt in zip(english, _lines(ntrex / name), strict=True):
            pairs.append((src, tgt, lang, "ntrex"))
    flores = data_dir / "flores" / "dev"
    english = _lines(flores / "eng_Latn.dev")
    for lang, name in _FLORES.items():
        for src, tgt in zip(english, _lines(flores / name), strict=True):
            pairs.append((src, tgt, lang, "flores"))
    tatoeba = data_dir / "tatoeba"
    rows = zip(
        _lines(tatoeba / "tatoeba-test-v2021-08-07.eng"),
        _lines(tatoeba / "tatoeba-test-v2021-08-07.hbs"),
        _lines(tatoeba / "tatoeba-test-v2021-08-07.hbs.labels"),
        strict=True,
    )
    for src, tgt, label in rows:
        if label in _TATOEBA_LABELS:
            pairs.append((src, tgt, _TATOEBA_LABELS[label], "tatoeba"))
    return [p for p in pairs if p[0].strip() and p[1].strip()]


def _is_held_out(source: str) -> bool:
    return sum(source.encode("utf-8")) % 20 == 0


def memory_pairs(data_dir: Path = DATA_DIR) -> list[tuple[str, str, str, str]]:
    """Base pairs that go into the memory."""
    return [p for p in base_pairs(data_dir) if not _is_held_out(p[0])]


def held_out_pairs(data_dir: Path = DATA_DIR) -> list[tuple[str, str, str, str]]:
    """Base pairs never put into the memory (queries that should miss)."""
    return [p for p in base_pairs(data_dir) if _is_held_out(p[0])]


def _change_numbers(rng: random.Random, src: str, tgt: str) -> tuple[str, str]:
    numbers = _NUMBER_RE.findall(src)
    if not numbers:
        return src, tgt
    old = rng.choice(numbers)
    new = str(rng.randint(1, 10 ** len(old) + 50))
    return src.replace(old, new), tgt.replace(old, new)


def _add_date(
    rng: random.Random, src: str, tgt: str, lang: str = ""
) -> tuple[str, str]:
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    year = rng.randint(1995, 2030)
    first = src.split(" ", 1)[0]
    if first[1:].islower() and first not in {"I", "I'm", "I've", "I'll", "I'd"}:
        src = src[:1].lower() + src[1:]
    src = f"On {_MONTHS_EN[month]} {day}, {year}, {src}"
    months = _MONTHS_GEN.get(lang, _MONTHS_GEN["bs"])
    tgt = f"{day}. {months[month]} {year}. {tgt}"
    return src, tgt


def _drop_word(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    if len(words) < 4:
        return text
    del words[rng.randrange(1, len(words))]
    return " ".join(words)


def _insert_word(rng: random.Random, text: str, donor: str) -> str:
    words = text.split(" ")
    extra = rng.choice(donor.split(" "))
    words.insert(rng.randrange(len(words) + 1), extra)
    return " ".join(words)


def _recombine(
    first: tuple[str, str, str, str], second: tuple[str, str, str, str]
) -> tuple[str, str] | None:
    parts = []
    for a, b in ((first[0], second[0]), (first[1], second[1])):
        head = _CLAUSE_RE.split(a, maxsplit=1)
        tail = _CLAUSE_RE.split(b, maxsplit=1)
        if len(head) < 2 or len(tail) < 2:
            return None
        parts.append(f"{head[0]}, {tail[1]}")
    return parts[0], parts[1]


def _variant(
    rng: random.Random,
    pair: tuple[str, str, str, str],
    by_lang: dict[str, list[tuple[str, str, str, str]]],
) -> tuple[str, str, str]:
    src, tgt, lang, _ = pair
    kind = rng.random()
    if kind < 0.35:
        src, tgt = _change_numbers(rng, src, tgt)
        if not _NUMBER_RE.search(pair[0]):
            src, tgt = _add_date(rng, pair[0], pair[1], lang)
    elif kind < 0.55:
        src, tgt = _drop_word(rng, src), _drop_word(rng, tgt)
    elif kind < 0.75:
        donor = rng.choice(by_lang[lang])
        src, tgt = _insert_word(rng, src, donor[0]), _insert_word(rng, tgt, donor[1])
    else:
        other = rng.choice(by_lang[lang])
        combined = _recombine(pair, other)
        if combined is None:
            src, tgt = _add_date(rng, src, tgt, lang)
        else:
            src, tgt = combined
    if rng.random() < 0.3:
        src, tgt = _change_numbers(rng, src, tgt)
    return src, tgt, "variant"


def generate(n: int, seed: int = 0, data_dir: Path = DATA_DIR) -> Iterator[GenUnit]:
    """Yield ``n`` distinct units: every memory base pair first, then variants."""
    pairs = memory_pairs(data_dir)
    by_lang: dict[str, list[tuple[str, str, str, str]]] = {}
    for pair in pairs:
        by_lang.setdefault(pair[2], []).append(pair)
    by_corpus: dict[str, list[tuple[str, str, str, str]]] = {}
    for pair in pairs:
        by_corpus.setdefault(pair[3], []).append(pair)
    corpora = ["ntrex", "ntrex", "flores", "tatoeba"]
    rng = random.Random(seed)
    seen: set[tuple[str, str, str]] = set()
    produced = 0
    for src, tgt, lang, corpus in pairs:
        if produced >= n:
            return
        if (src, tgt, lang) not in seen:
            seen.add((src, tgt, lang))
            produced += 1
            yield GenUnit(src, tgt, lang, f"{corpus}.tmx")
    while produced < n:
        pool = by_corpus[rng.choice(corpora)]
        pair = pool[rng.randrange(len(pool))]
        src, tgt, _ = _variant(rng, pair, by_lang)
        key = (src, tgt, pair[2])
        if key in seen or not src.strip():
            continue
        seen.add(key)
        produced += 1
        yield GenUnit(src, tgt, pair[2], f"variants/{pair[3]}-{produced // 50000}.tmx")


def write_tmx(units: Iterator[GenUnit], out: Path) -> int:
    """Write ``units`` as a plain TMX 1.4b file; returns the unit count."""
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="tmserver-memgen" creationtoolversion="1" '
            'segtype="sentence" o-tmf="memgen" adminlang="en" srclang="en" '
            'datatype="plaintext"/>\n<body>\n'
        )
        for unit in units:
            handle.write(
                f'<tu><prop type="x-origin">{escape(unit.origin)}</prop>'
                f'<tuv xml:lang="en"><seg>{escape(unit.source)}</seg></tuv>'
                f'<tuv xml:lang="{unit.target_lang}"><seg>{escape(unit.target)}</seg>'
                "</tuv></tu>\n"
            )
            count += 1
        handle.write("</body>\n</tmx>\n")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of units")
    parser.add_argument("--out", type=Path, required=True, help="TMX file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    count = write_tmx(generate(args.n, args.seed), args.out)
    print(f"wrote {count} units to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
