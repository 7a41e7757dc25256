"""Clean bilingual segments for the linter benchmark (NTREX, FLORES, Mozilla, seeds).

Reads ``../shared/data`` next to the repository; every loader returns SegmentPairs.
"""

from __future__ import annotations

import re
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
