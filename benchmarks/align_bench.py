"""Alignment quality and speed on ../shared/data/announcements-dev (clean + perturbed).

For every document tmserver reads the file itself: finds the English/local boundary,
guesses the variety, segments and aligns. Predicted beads are projected onto the
gold lines with the ``start``/``end`` spans of the JSON description (a sentence
belongs to the line containing its midpoint) and compared with the gold links.
The Gale-Church baseline (the ``galechurch`` package, whole document as one block,
the usual way to run it) gets the same sentences and the same boundary.

Run: ``PYTHONPATH=. python benchmarks/align_bench.py [--build-docs 1000]``
"""

from __future__ import annotations

import argparse
import bisect
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tmserver.build.announcement import align_document

DATA = (
    Path(__file__).resolve().parents[1].parent / "shared" / "data" / "announcements-dev"
)


def overlapping(spans: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indices of the gold lines that share characters with ``[start, end)``."""
    found = [k for k, (s, e) in enumerate(spans) if s < end and start < e]
    if not found:
        starts = [s for s, _ in spans]
        found = [max(0, bisect.bisect_right(starts, start) - 1)]
    return found


def sentence_lines(text, paragraphs, sentences, gold_lines):
    """Gold lines of every sentence: those its span overlaps (a sentence splitter
    may glue two NTREX lines, or split one)."""
    line_starts = [0]
    for line in text.split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)
    spans = [(g["start"], g["end"]) for g in gold_lines]
    result = []
    for sentence in sentences:
        paragraph = paragraphs[sentence.paragraph]
        base = line_starts[paragraph.line - 1] + paragraph.column
        result.append(overlapping(spans, base + sentence.start, base + sentence.end))
    return result


def beads_to_links(beads, en_lines, lo_lines):
    links = set()
    for english, local in beads:
        for i in english:
            for j in local:
                links.update((a, b) for a in en_lines[i] for b in lo_lines[j])
    return links


def galechurch_beads(en_texts, lo_texts):
    import galechurch

    block = galechurch.align(en_texts, lo_texts)
    return [
        (range(b.source_start, b.source_end), range(b.target_start, b.target_end))
        for b in block.beads
    ]


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(
    variant: str, min_confidence: float, errors: int, root: Path = DATA
) -> dict:
    counts = defaultdict(lambda: [0, 0, 0])
    docs = split_ok = variety_ok = pairs = 0
    units = units_right = reviewed = 0
    align_time = 0.0
    shown = 0
    for path in sorted((root / variant).glob("*.txt")):
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        gold = set()
        for row in (
            path.with_suffix(".gold.tsv").read_text(encoding="utf-8").splitlines()[1:]
        ):
            i, j = row.split("\t")[:2]
            gold.add((int(i), int(j)))
        started = time.process_time()
        doc = align_document(path.read_bytes(), path.name)
        align_time += time.process_time() - started
        docs += 1
        n_en = meta["n_english_paragraphs"]
        split_ok += (
            len(doc.english) == n_en and len(doc.local) == meta["n_local_paragraphs"]
        )
        variety_ok += doc.variety.tag == meta["variety"]
        al = doc.alignment
        paragraphs = [*doc.english, *doc.local]
        en_lines = sentence_lines(
            text, list(doc.english), al.english, meta["english_lines"]
        )
        lo_lines = sentence_lines(text, list(doc.local), al.local, meta["local_lines"])
        del paragraphs
        kept = [(k.english, k.local) for k in al.links if k.english and k.local]
        pairs += len(kept)
        confident = [
            (k.english, k.local)
            for k in al.links
            if k.english and k.local and k.confidence >= min_confidence
        ]
        reviewed += len(kept) - len(confident)
        for bead in confident:
            units += 1
            units_right += beads_to_links([bead], en_lines, lo_lines) <= gold
        baseline = galechurch_beads(
            [s.text for s in al.english], [s.text for s in al.local]
        )
        for label, beads in (
            ("tmserver", kept),
            ("tmserver≥conf", confident),
            ("gale-church", baseline),
        ):
            found = beads_to_links(beads, en_lines, lo_lines)
            for key in (meta["variety"], "all"):
                c = counts[(label, key)]
                c[0] += len(found & gold)
                c[1] += len(found - gold)
                c[2] += len(gold - found)
            if label == "tmserver" and shown < errors and found != gold:
                shown += 1
                print(
                    f"  {path.name}: FP {sorted(found - gold)} "
                    f"FN {sorted(gold - found)}"
                )
    return {
        "counts": counts,
        "docs": docs,
        "split": split_ok,
        "variety": variety_ok,
        "pairs": pairs,
        "time": align_time,
        "units": units,
        "units_right": units_right,
        "reviewed": reviewed,
    }


def speed_benchmark(repeat: int = 5) -> None:
    """Aligner throughput on one core (CPU time of this process, so that other
    load on the machine does not count), per variant: documents already read,
    split into halves and segmented, as for any sentence aligner; timed: anchors,
    paragraph and sentence alignment, refinement. The "first pass" runs after
    the rest of the benchmark, so word-level caches are already warm."""
    from tmserver.build.align import align_sentences
    from tmserver.build.align import split_half

    for variant in ("clean", "perturbed"):
        halves = []
        for path in sorted((DATA / variant).glob("*.txt")):
            doc = align_document(path.read_bytes(), path.name)
            english, _ = split_half([p.text for p in doc.english], "en")
            local, _ = split_half([p.text for p in doc.local], doc.variety.tag)
            halves.append((english, local))
        for label, rounds in (("first pass", 1), ("steady", repeat)):
            pairs = 0
            started = time.process_time()
            for _ in range(rounds):
                for english, local in halves:
                    alignment = align_sentences(english, local)
                    pairs += sum(1 for k in alignment.links if k.english and k.local)
            took = time.process_time() - started
            print(
                f"aligner, {variant}, {label}: {pairs} sentence pairs in {took:.2f}s "
                f"CPU = {pairs / took:,.0f} pairs/s "
                f"({len(halves)} documents × {rounds})"
            )


def build_benchmark(n_docs: int) -> None:
    from tmserver.services.build import build_memories

    sources = sorted((DATA / "clean").glob("*.txt")) + sorted(
        (DATA / "perturbed").glob("*.txt")
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "announcements"
        src.mkdir()
        for k in range(n_docs):
            source = sources[k % len(sources)]
            body = source.read_text(encoding="utf-8")
            # make each copy distinct: a numbered headline line and CRLF for odd ones
            body = f"Announcement {k}\n\n{body}"
            if k % 2:
                body = body.replace("\n", "\r\n")
            (src / f"doc{k:05d}.txt").write_text(body, encoding="utf-8", newline="")
        started = time.perf_counter()
        report = build_memories(src, root / "out")
        took = time.perf_counter() - started
        print(
            f"build: {n_docs} announcements → {report.units} units in {took:.1f}s "
            f"({n_docs / took:.0f} docs/s)"
        )
        started = time.perf_counter()
        again = build_memories(src, root / "out")
        print(
            f"rebuild (all unchanged, {again.skipped} skipped): "
            f"{time.perf_counter() - started:.2f}s"
        )
        shutil.rmtree(root / "out")


def variants(heldout: bool) -> list[tuple[str, Path]]:
    """(variant, root) pairs to score; the held-out set is built in a temp dir."""
    pairs = [("clean", DATA), ("perturbed", DATA)]
    if heldout:
        import heldout as flores

        root = Path(tempfile.mkdtemp(prefix="tmserver-heldout-"))
        flores.build(root)
        pairs += [("clean", root), ("perturbed", root)]
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-confidence", type=float, default=0.5)
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument(
        "--build-docs", type=int, default=0, help="also time `build` on N docs"
    )
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="also score documents built from FLORES-200 dev (see heldout.py)",
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 1
    for variant, root in variants(args.heldout):
        result = evaluate(variant, args.min_confidence, args.errors, root)
        print(f"== {variant} ({root.name}): {result['docs']} documents")
        print(f"   language split correct: {result['split']}/{result['docs']}")
        print(f"   variety correct:        {result['variety']}/{result['docs']}")
        print(
            f"   speed: {result['pairs']} sentence pairs in {result['time']:.3f}s "
            f"= {result['pairs'] / result['time']:.0f} pairs/s "
            "CPU (read + split + variety + segment + align)"
        )
        tp, fp, _ = result["counts"][("tmserver≥conf", "all")]
        print(
            f"   into the memory (confidence ≥ {args.min_confidence}): "
            f"{result['units']} units, {result['units_right']} entirely right "
            f"({result['units_right'] / max(1, result['units']):.4f}); link precision "
            f"{tp / max(1, tp + fp):.4f}; {result['reviewed']} pairs to review"
        )
        print(f"   {'aligner':15} {'variety':8} {'P':>6} {'R':>6} {'F1':>6}")
        for (label, key), (tp, fp, fn) in sorted(result["counts"].items()):
            p, r, f = prf(tp, fp, fn)
            print(f"   {label:15} {key:8} {p:6.3f} {r:6.3f} {f:6.3f}")
    speed_benchmark()
    if args.build_docs:
        build_benchmark(args.build_docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
