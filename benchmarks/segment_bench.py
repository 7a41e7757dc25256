"""Sentence-boundary precision/recall/F1 on UD Croatian-SET and Serbian-SET.

Each ``# newdoc`` becomes one running text: its gold ``# text`` sentences joined with
one space (no paragraph information exists). A boundary is the character offset
after a sentence; only boundaries inside a document count. The regex baseline is the
usual naive splitter (``(?<=[.!?…])\\s+(?=["„“»(]?[A-ZČĆŽŠĐА-Я…0-9])``).

Run: ``PYTHONPATH=. python benchmarks/segment_bench.py [--errors N]``
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from tmserver.build.segment import split_sentences

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ud-set"
FILES = {
    "hr": [
        "UD_Croatian-SET/hr_set-ud-dev.conllu",
        "UD_Croatian-SET/hr_set-ud-test.conllu",
    ],
    "sr": [
        "UD_Serbian-SET/sr_set-ud-dev.conllu",
        "UD_Serbian-SET/sr_set-ud-test.conllu",
    ],
}
BASELINE_RE = re.compile(r"(?<=[.!?…])\s+(?=[\"„“»(]?[A-ZČĆŽŠĐА-Я…0-9])")


def read_documents(path: Path) -> list[list[str]]:
    """Gold sentences of every ``# newdoc`` in a CoNLL-U file."""
    docs: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            docs.append([])
        elif line.startswith("# text = "):
            docs[-1].append(line[len("# text = ") :])
    return docs


def gold_boundaries(sentences: list[str]) -> tuple[str, set[int]]:
    text, cuts, pos = "", set(), 0
    for sentence in sentences:
        if text:
            text += " "
            pos += 1
        text += sentence
        pos += len(sentence)
        cuts.add(pos)
    cuts.discard(len(text))
    return text, cuts


def tmserver_boundaries(text: str, lang: str) -> set[int]:
    return {seg.end for seg in split_sentences(text, lang)[:-1]}


def baseline_boundaries(text: str, lang: str) -> set[int]:
    return {m.start() for m in BASELINE_RE.finditer(text)}


def score(docs, splitter, lang, errors):
    tp = fp = fn = 0
    for sentences in docs:
        text, gold = gold_boundaries(sentences)
        found = splitter(text, lang)
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
        for cut in sorted((found - gold) | (gold - found)):
            kind = "FP" if cut in found else "FN"
            errors.append(
                f"{kind} {text[max(0, cut - 50) : cut]} ‖ {text[cut : cut + 40]}"
            )
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0, tp + fn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", type=int, default=0, help="print N errors per cell")
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 1
    print(
        f"{'lang':4} {'split':5} {'splitter':9} {'bounds':>6} "
        f"{'P':>6} {'R':>6} {'F1':>6}"
    )
    for lang, files in FILES.items():
        for name in files:
            split = "dev" if "-dev." in name else "test"
            if args.split not in ("all", split):
                continue
            docs = read_documents(DATA / name)
            for label, fn in (
                ("baseline", baseline_boundaries),
                ("tmserver", tmserver_boundaries),
            ):
                errors: list[str] = []
                started = time.perf_counter()
                p, r, f, n = score(docs, fn, lang, errors)
                took = time.perf_counter() - started
                print(
                    f"{lang:4} {split:5} {label:9} {n:6d} "
                    f"{p:6.3f} {r:6.3f} {f:6.3f}  ({took:.2f}s)"
                )
                if label == "tmserver":
                    for line in errors[: args.errors]:
                        print("    ", line)
        all_docs = [d for name in files for d in read_documents(DATA / name)]
        for label, fn in (
            ("baseline", baseline_boundaries),
            ("tmserver", tmserver_boundaries),
        ):
            p, r, f, n = score(all_docs, fn, lang, [])
            print(f"{lang:4} {'both':5} {label:9} {n:6d} {p:6.3f} {r:6.3f} {f:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
