"""Held-out alignment documents built from FLORES-200 dev (never used for tuning).

The announcements-dev set was used to tune the aligner, so its figures are
optimistic. This builds documents of the same shape from a different corpus:
three consecutive FLORES articles make one document, each article one paragraph
(FLORES has no headlines), English half then local half (bs, hr, sr-Cyrl, and
sr-Latn by transliterating the Cyrillic), in the exact file format of
announcements-dev (``.txt``, ``.json`` spans, ``.gold.tsv``), clean and perturbed
with the same recipe (per local line: 5 % deleted, 10 % merged into the previous
surviving line; the first line is never touched).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from tmserver.text.lang import cyrillic_to_latin

FLORES = (
    Path(__file__).resolve().parents[1].parent / "shared" / "data" / "flores" / "dev"
)
FILES = {"bs": "bos_Latn.dev", "hr": "hrv_Latn.dev", "sr-Cyrl": "srp_Cyrl.dev"}


def _articles() -> list[list[int]]:
    rows = (FLORES / "metadata_dev.tsv").read_text(encoding="utf-8").splitlines()[1:]
    articles: list[list[int]] = []
    previous = None
    for index, row in enumerate(rows):
        url = row.split("\t")[0]
        if url != previous:
            articles.append([])
            previous = url
        articles[-1].append(index)
    return articles


def _lines(name: str) -> list[str]:
    text = (FLORES / name).read_text(encoding="utf-8")
    return [" ".join(line.split()) for line in text.splitlines()]


def build(root: Path, *, per_document: int = 3) -> dict[str, Path]:
    """Write ``root/clean`` and ``root/perturbed``; return both folders."""
    english = _lines("eng_Latn.dev")
    local = {tag: _lines(name) for tag, name in FILES.items()}
    local["sr-Latn"] = [cyrillic_to_latin(line) for line in local["sr-Cyrl"]]
    articles = _articles()
    varieties = ["bs", "hr", "sr-Latn", "sr-Cyrl"]
    folders = {v: root / v for v in ("clean", "perturbed")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for number in range(len(articles) // per_document):
        group = articles[number * per_document : (number + 1) * per_document]
        variety = varieties[number % len(varieties)]
        paragraphs = [[english[i] for i in article] for article in group]
        translations = [[local[variety][i] for i in article] for article in group]
        stem = f"flores{number:03d}_{variety}"
        _write(folders["clean"] / stem, paragraphs, translations, variety, None)
        rng = random.Random(f"13/{stem}/perturb")
        _write(folders["perturbed"] / stem, paragraphs, translations, variety, rng)
    return folders


def _write(stem: Path, english, translations, variety, rng) -> None:
    # local units: (text, English line indices, paragraph)
    units: list[tuple[str, list[int], int]] = []
    line = 0
    for paragraph, sentences in enumerate(translations):
        for text in sentences:
            r = rng.random() if rng and line else 1.0
            if r < 0.05:
                pass  # deleted
            elif r < 0.15 and units:
                previous = units[-1]
                units[-1] = (f"{previous[0]} {text}", [*previous[1], line], previous[2])
            else:
                units.append((text, [line], paragraph))
            line += 1
    local_paragraphs: dict[int, list] = {}
    for unit in units:
        local_paragraphs.setdefault(unit[2], []).append(unit)
    text, position = "", 0
    english_lines: list[dict] = []
    local_lines: list[dict] = []
    numbered = iter(range(sum(len(p) for p in english)))
    english_half = [[(s, [next(numbered)]) for s in p] for p in english]
    local_half = [
        [(unit[0], unit[1]) for unit in local_paragraphs[p]]
        for p in sorted(local_paragraphs)
    ]
    for spans, paragraphs in ((english_lines, english_half), (local_lines, local_half)):
        for paragraph in paragraphs:
            for k, (sentence, sources) in enumerate(paragraph):
                if k:
                    text, position = text + " ", position + 1
                end = position + len(sentence)
                spans.append(
                    {
                        "index": len(spans),
                        "source_lines": sources,
                        "start": position,
                        "end": end,
                    }
                )
                text, position = text + sentence, end
            text, position = text + "\n\n", position + 2
    text = text.rstrip("\n") + "\n"
    stem.with_suffix(".txt").write_text(text, encoding="utf-8")
    meta = {
        "variety": variety,
        "english_lines": english_lines,
        "local_lines": local_lines,
        "n_english_paragraphs": len(english),
        "n_local_paragraphs": len(local_paragraphs),
    }
    stem.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    rows = ["english_line_index\tlocal_line_index"]
    for unit in local_lines:
        rows.extend(f"{source}\t{unit['index']}" for source in unit["source_lines"])
    stem.with_suffix(".gold.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
