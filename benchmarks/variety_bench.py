"""Variety guesser accuracy, cross-validated, with confusion matrices and calibration.

    python benchmarks/variety_bench.py [--data ../shared/data]

Five folds by document (``scripts/train_variety.py:fold_of``) over the DSLCC items,
the Tatoeba sentences and the NTREX/FLORES local halves: each fold is guessed by
``guess_variety`` (the public path, rules included) with a model trained on the
other four (the calibration, marker weight and class offsets are the shipped
model's, themselves fitted out-of-fold on the same folds). Sentence accuracy is
per item; document accuracy is per NTREX/FLORES document and per DSLCC
pseudo-document (consecutive test items of one label joined until they reach
120-220 words). The two seeds are guessed by the
shipped model through ``split_languages``. Prints CPU time per guess.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO))

from train_variety import DEFAULT_DATA  # noqa: E402
from train_variety import FOLDS  # noqa: E402
from train_variety import Item  # noqa: E402
from train_variety import featurise  # noqa: E402
from train_variety import fold_of  # noqa: E402
from train_variety import load_corpus  # noqa: E402
from train_variety import train  # noqa: E402

from tmserver.build.document import read_paragraphs  # noqa: E402
from tmserver.build.variety import guess_variety  # noqa: E402
from tmserver.build.variety import split_languages  # noqa: E402
from tmserver.build.variety_model import CLASSES  # noqa: E402
from tmserver.build.variety_model import VarietyModel  # noqa: E402
from tmserver.build.variety_model import load_model  # noqa: E402

SEED_LABELS = {"000_6b75173c87418f4b.txt": "bs", "004_e5dd8d32741df1c3.txt": "sr"}


def documents(items: list[Item]) -> list[Item]:
    """Whole NTREX/FLORES documents per language; DSLCC pseudo-documents."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for item in items:
        if item.source in ("ntrex", "flores"):
            grouped.setdefault((item.source, item.document, item.label), []).append(
                item.text
            )
    result = [
        Item(" ".join(texts), label, source, document)
        for (source, document, label), texts in grouped.items()
    ]
    pending: dict[str, list[str]] = collections.defaultdict(list)
    for item in items:
        if item.source != "dslcc":
            continue
        pending[item.label].append(item.text)
        words = sum(len(t.split()) for t in pending[item.label])
        if words >= 120:
            text = " ".join(pending.pop(item.label))
            if words <= 220:
                result.append(Item(text, item.label, "dslcc", f"doc{len(result)}"))
    return result


def base(tag: str) -> str:
    return "sr" if tag.startswith("sr") else tag


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    shipped = load_model()
    calibration = {"scale": shipped.scale, "power": shipped.power}
    items = load_corpus(args.data)
    featured = featurise(items)
    folds = [fold_of(item) for item in items]
    results: dict[tuple[str, str], list[tuple[str, str, float]]] = (
        collections.defaultdict(list)
    )
    cpu = {"sentence": [0.0, 0], "document": [0.0, 0]}
    for fold in range(FOLDS):
        train_at = [k for k, f in enumerate(folds) if f != fold]
        model = VarietyModel(
            {
                **train([items[k] for k in train_at], [featured[k] for k in train_at]),
                "calibration": calibration,
                "marker_weight": shipped.marker_weight,
                "bias": shipped.bias,
            }
        )
        test = [items[k] for k, f in enumerate(folds) if f == fold]
        for level, batch in (("sentence", test), ("document", documents(test))):
            start = time.process_time()
            for item in batch:
                guess = guess_variety(item.text, model=model)
                results[level, item.source].append(
                    (item.label, base(guess.tag), guess.confidence)
                )
            cpu[level][0] += time.process_time() - start
            cpu[level][1] += len(batch)
    report(results)
    calibration_table(results)
    for level, (seconds, n) in cpu.items():
        print(f"CPU per {level} guess: {seconds / n * 1000:.2f} ms over {n:,}")
    seeds(args.data)


def report(results: dict) -> None:
    print("level     source   n      accuracy  (per class)")
    for (level, source), rows in sorted(results.items()):
        right = sum(1 for gold, guess, _ in rows if gold == guess)
        per_class = " ".join(
            f"{c} {_acc([r for r in rows if r[0] == c]):.3f}"
            for c in CLASSES
            if any(r[0] == c for r in rows)
        )
        print(
            f"{level:9} {source:8} {len(rows):6} {right / len(rows):.4f}    {per_class}"
        )
        if source in ("dslcc", "ntrex", "flores"):
            confusion(rows)


def _acc(rows: list) -> float:
    return sum(1 for gold, guess, _ in rows if gold == guess) / max(1, len(rows))


def confusion(rows: list) -> None:
    labels = [*CLASSES, "cnr"]
    table = collections.Counter((gold, guess) for gold, guess, _ in rows)
    print("    gold\\guess " + " ".join(f"{c:>6}" for c in labels))
    for gold in CLASSES:
        if any(g == gold for g, _ in table):
            cells = " ".join(f"{table[gold, c]:6}" for c in labels)
            print(f"    {gold:11} {cells}")


def calibration_table(results: dict) -> None:
    """Accuracy per confidence bucket, all non-Tatoeba guesses."""
    print("calibration (DSLCC+NTREX+FLORES, both levels): confidence bucket → accuracy")
    rows = [
        r
        for (_, source), batch in results.items()
        if source != "tatoeba"
        for r in batch
    ]
    edges = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01)
    gap = 0.0
    for low, high in zip(edges, edges[1:], strict=False):
        bucket = [r for r in rows if low <= r[2] < high]
        if not bucket:
            continue
        mean = sum(r[2] for r in bucket) / len(bucket)
        accuracy = _acc(bucket)
        gap += abs(mean - accuracy) * len(bucket)
        print(
            f"    [{low:.2f}, {min(high, 1):.2f}) n={len(bucket):5} "
            f"mean confidence {mean:.3f} accuracy {accuracy:.3f}"
        )
    print(f"    expected calibration error {gap / len(rows):.3f}")


def seeds(data: Path) -> None:
    for path in sorted((data / "seeds").glob("*.txt")):
        paragraphs = [p.text for p in read_paragraphs(path.read_bytes(), path.name)]
        guess = split_languages(paragraphs).variety
        print(
            f"seed {path.name}: {guess.tag} (expected {SEED_LABELS[path.name]}) "
            f"confidence {guess.confidence} low={guess.low_confidence} "
            f"words {', '.join(guess.words)}"
        )


if __name__ == "__main__":
    main()
