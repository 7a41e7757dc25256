"""Clean bilingual segments for the linter benchmark (NTREX, FLORES, Mozilla, seeds).

Reads ``../shared/data`` next to the repository; every loader returns SegmentPairs.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from tmserver.lint.documents import read_announcement
from tmserver.lint.findings import SegmentPair

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

NTREX = {"bs": "bos", "hr": "hrv", "sr-Latn": "srp-Latn", "sr-Cyrl": "srp-Cyrl"}
FLORES = {"bs": "bos_Latn", "hr": "hrv_Latn", "sr-Cyrl": "srp_Cyrl"}
MOZILLA = {"bs": "bs", "hr": "hr", "sr": "sr"}


def _pairs(
    name: str, sources: list[str], targets: list[str], lang: str
) -> list[SegmentPair]:
    return [
        SegmentPair(i, s, t, "en", lang, path=name, line=i + 1, unit_id=str(i + 1))
        for i, (s, t) in enumerate(zip(sources, targets, strict=True))
        if s.strip() and t.strip()
    ]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def ntrex(lang: str) -> list[SegmentPair]:
    base = DATA / "ntrex" / "dev"
    return _pairs(
        f"ntrex/{lang}",
        _lines(base / "newstest2019-src.eng.txt"),
        _lines(base / f"newstest2019-ref.{NTREX[lang]}.txt"),
        lang,
    )


def flores(lang: str) -> list[SegmentPair]:
    base = DATA / "flores" / "dev"
    return _pairs(
        f"flores/{lang}",
        _lines(base / "eng_Latn.dev"),
        _lines(base / f"{FLORES[lang]}.dev"),
        lang,
    )


_MESSAGE_RE = re.compile(r"^([a-zA-Z][\w-]*) = (.+)$")


def _ftl_messages(path: Path) -> dict[str, str]:
    messages = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _MESSAGE_RE.match(line)
        if match and "{" not in match.group(2) and "<" not in match.group(2):
            messages[match.group(1)] = match.group(2).strip()
    return messages


def mozilla(lang: str) -> list[SegmentPair]:
    base = DATA / "mozilla-www-l10n"
    sources, targets = [], []
    for local_file in sorted((base / MOZILLA[lang]).rglob("*.ftl")):
        english_file = base / "en" / local_file.relative_to(base / MOZILLA[lang])
        if not english_file.is_file():
            continue
        english = _ftl_messages(english_file)
        for key, target in _ftl_messages(local_file).items():
            if key in english:
                sources.append(english[key])
                targets.append(target)
    target_lang = {"sr": "sr"}.get(lang, lang)
    pairs = _pairs(f"mozilla/{lang}", sources, targets, target_lang)
    if lang == "sr":
        from tmserver.text.lang import normalise_tag

        pairs = [
            SegmentPair(
                p.index,
                p.source,
                p.target,
                "en",
                normalise_tag("sr", p.target),
                path=p.path,
                line=p.line,
                unit_id=p.unit_id,
            )
            for p in pairs
        ]
    return pairs


def seeds() -> list[SegmentPair]:
    found: list[SegmentPair] = []
    for path in sorted((DATA / "seeds").glob("*.txt")):
        found.extend(
            read_announcement(path.read_text(encoding="utf-8"), f"seeds/{path.name}")
        )
    return found


def corpora() -> dict[str, list[SegmentPair]]:
    """Every clean corpus by name."""
    found: dict[str, list[SegmentPair]] = {}
    for lang in NTREX:
        found[f"ntrex-{lang}"] = ntrex(lang)
    for lang in FLORES:
        found[f"flores-{lang}"] = flores(lang)
    for lang in MOZILLA:
        found[f"mozilla-{lang}"] = mozilla(lang)
    found["seeds"] = seeds()
    return found


# ------------------------------------------------------------------ releases
#
# Real-shaped bilingual releases for the release-editor benchmark (issue 14): one
# NTREX document (or three FLORES articles) becomes one announcement file: English
# headline, dateline, paragraphs, a separator line, then the same in the local
# variety. Documents are split by number: even ones are the dev split (tuned on),
# odd ones the held-out split (reported, never tuned on).

SEPARATORS = ("* * *", "***", "---", "___", "###", "• • •")
DATELINES = (
    ("SARAJEVO", {"bs": "SARAJEVO", "hr": "SARAJEVO", "sr-Latn": "SARAJEVO"}),
    ("BELGRADE", {"bs": "BEOGRAD", "hr": "BEOGRAD", "sr-Latn": "BEOGRAD"}),
    ("ZAGREB", {"bs": "ZAGREB", "hr": "ZAGREB", "sr-Latn": "ZAGREB"}),
    ("PODGORICA", {"bs": "PODGORICA", "hr": "PODGORICA", "sr-Latn": "PODGORICA"}),
)
EN_MONTHS = (
    "January February March April May June July August September October "
    "November December"
).split()


@dataclass(frozen=True)
class Release:
    """One bilingual announcement file (English half, then the local half)."""

    name: str
    text: str
    lang: str
    corpus: str
    english_only_headline: bool


def _ntrex_documents() -> list[tuple[int, str, int, int]]:
    rows = (DATA / "ntrex" / "dev" / "documents.tsv").read_text().splitlines()[1:]
    found = []
    for row in rows:
        index, doc_id, first, _, count = row.split("\t")
        found.append((int(index), doc_id, int(first) - 1, int(count)))
    return found


def _paragraphs(lines: list[str], rng: random.Random) -> list[list[int]]:
    groups: list[list[int]] = []
    position = 0
    while position < len(lines):
        size = rng.choice((1, 2, 2, 3))
        groups.append(list(range(position, min(len(lines), position + size))))
        position += size
    return groups


def _dateline(rng: random.Random, lang: str) -> tuple[str, str]:
    from tmserver.text.lang import latin_to_cyrillic
    from tmserver.text.placeables import month_name

    city, local = rng.choice(DATELINES)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2018, 2019))
    english = f"{city}, {day} {EN_MONTHS[month - 1]} {year} –"
    base = "sr-Latn" if lang.startswith("sr") else lang
    local_city = local[base]
    text = f"{local_city}, {day}. {month_name(month, lang)} {year}. –"
    if lang == "sr-Cyrl":
        text = (
            latin_to_cyrillic(f"{local_city}, ") + f"{day}. {month_name(month, lang)}"
        )
        text += f" {year}. –"
    return english, text


def _announcement(
    name: str,
    english: list[str],
    local: list[str],
    lang: str,
    headline: tuple[str, str | None],
    rng: random.Random,
) -> str:
    """The text of one announcement: headline, dateline + paragraphs with one
    separator line in the middle, in both halves; an end mark on some."""
    groups = _paragraphs(english, rng)
    cut = max(1, len(groups) // 2)
    separator = rng.choice(SEPARATORS)
    end_mark = rng.random() < 0.5
    date_en, date_local = _dateline(rng, lang)
    halves = []
    for side, lines in ((0, english), (1, local)):
        title = headline[side]
        parts = [title] if title else []
        for number, group in enumerate(groups):
            if number == cut and len(groups) > 1:
                parts.append(separator)
            paragraph = " ".join(lines[i] for i in group)
            if number == 0:
                paragraph = f"{(date_en, date_local)[side]} {paragraph}"
            parts.append(paragraph)
        if end_mark:
            parts.append("###")
        halves.append("\n\n".join(parts))
    return halves[0] + "\n\n" + halves[1] + "\n"


def releases(split: str) -> list[Release]:
    """Every release of ``split`` (``dev`` or ``heldout``)."""
    wanted = 0 if split == "dev" else 1
    found: list[Release] = []
    base = DATA / "ntrex" / "dev"
    english = _lines(base / "newstest2019-src.eng.txt")
    varieties = list(NTREX)
    for index, doc_id, first, count in _ntrex_documents():
        if index % 2 != wanted:
            continue
        lang = varieties[index % len(varieties)]
        local = _lines(base / f"newstest2019-ref.{NTREX[lang]}.txt")
        rng = random.Random(f"release/{doc_id}")
        lines = list(range(first, first + count))
        drop_headline = rng.random() < 1 / 3
        headline = (english[first], None if drop_headline else local[first])
        body_en = [english[i] for i in lines[1:]]
        body_local = [local[i] for i in lines[1:]]
        if not body_en:
            continue
        name = f"ntrex-{index:03d}-{doc_id}-{lang}.txt"
        text = _announcement(name, body_en, body_local, lang, headline, rng)
        found.append(Release(name, text, lang, "ntrex", drop_headline))
    found.extend(_flores_releases(wanted))
    return found


def _flores_releases(wanted: int) -> list[Release]:
    base = DATA / "flores" / "dev"
    rows = (base / "metadata_dev.tsv").read_text(encoding="utf-8").splitlines()[1:]
    articles: list[tuple[str, list[int]]] = []
    for index, row in enumerate(rows):
        url = row.split("\t")[0]
        if not articles or articles[-1][0] != url:
            articles.append((url, []))
        articles[-1][1].append(index)
    english = _lines(base / "eng_Latn.dev")
    varieties = list(FLORES)
    found = []
    for number in range(len(articles) // 3):
        if number % 2 != wanted:
            continue
        group = articles[number * 3 : number * 3 + 3]
        lang = varieties[number % len(varieties)]
        local = _lines(base / f"{FLORES[lang]}.dev")
        rng = random.Random(f"release/flores/{number}")
        title = group[0][0].rstrip("/").rsplit("/", 1)[-1].replace("_", " ")
        title = re.sub(r"%[0-9A-F]{2}", "", title)
        indices = [i for _, lines in group for i in lines]
        name = f"flores-{number:03d}-{lang}.txt"
        text = _announcement(
            name,
            [english[i] for i in indices],
            [local[i] for i in indices],
            lang,
            (title, None),  # FLORES has no local headlines: English-only
            rng,
        )
        found.append(Release(name, text, lang, "flores", True))
    return found
