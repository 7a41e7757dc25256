"""Small TMX documents for tests, written out literally so the tests do not depend on
our own writer to produce their input."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
    '<header creationtool="test" creationtoolversion="1" segtype="sentence" '
    'o-tmf="test" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n'
)
FOOTER = "</body>\n</tmx>\n"


def tu(source: str, target: str, lang: str = "hr") -> str:
    return (
        f'<tu><tuv xml:lang="en"><seg>{source}</seg></tuv>'
        f'<tuv xml:lang="{lang}"><seg>{target}</seg></tuv></tu>\n'
    )


def write_tmx(path: Path, pairs: list[tuple[str, str]], lang: str = "hr") -> Path:
    path.write_text(
        HEADER + "".join(tu(s, t, lang) for s, t in pairs) + FOOTER, encoding="utf-8"
    )
    return path


SEED_PAIRS = [
    (
        "The conference was held at the UN House in Sarajevo on October 18, 2018.",
        "Konferencija je održana u zgradi UN-a u Sarajevu 18.10.2018.",
    ),
    (
        "Presenters at the press conference were representatives of IOM.",
        "Izlagači na konferenciji za medije bili su predstavnici IOM-a.",
    ),
    ("European Antitrafficking Day", "Europski dan borbe protiv trgovine ljudima"),
]
