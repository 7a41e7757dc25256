"""Release-editor benchmark for the linter (issue 14).

Usage::

    PYTHONPATH=. python benchmarks/lint_release_bench.py --split heldout \
        [--memory-units 1000000] [--list-flagged FILE]

Builds real-shaped bilingual announcements from ../shared/data (NTREX documents and
FLORES articles with headlines, datelines, separator lines; benchmarks/lint_data.py
``releases``), reads each through the public path (``read_announcement``: the
project's reader, language split, variety guess and aligner; no ``--lang``), lints
it, and prints:

1. the clean set: share of segment pairs with a finding at warning or above, with
   verifiable upstream defects of the data (words mixing Latin and Cyrillic letters,
   C1 control characters) counted apart; findings at warning+ per announcement;
2. recall per defect class (benchmarks/lint_inject.py), one defect per damaged pair,
   every second eligible pair of a release damaged; caught = a new finding of an
   expected check at warning+ on that pair;
3. false alarms per benign rewrite class (acronyms in local form, numbers in words,
   pronoun subjects) and per page-structure class (English-only headlines, separator
   lines, sentences merged into a neighbour, low-confidence variety guesses);
4. speed: CPU time of ``lint()`` over every pair of the split, without a memory and
   with a generated memory.

The dev split (even document numbers) is for tuning; the held-out split (odd) is
reported.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.lint_data import DATA  # noqa: E402
from benchmarks.lint_data import Release  # noqa: E402
from benchmarks.lint_data import releases  # noqa: E402
from benchmarks.lint_inject import BENIGN  # noqa: E402
from benchmarks.lint_inject import DEFECTS  # noqa: E402
from tmserver.errors import TMServerError  # noqa: E402
from tmserver.lint.checks.completeness import is_headline  # noqa: E402
from tmserver.lint.documents import read_announcement  # noqa: E402
from tmserver.lint.findings import Finding  # noqa: E402
from tmserver.lint.findings import SegmentPair  # noqa: E402
from tmserver.lint.linter import is_furniture  # noqa: E402
from tmserver.lint.linter import lint  # noqa: E402
from tmserver.lint.memory import InMemoryTM  # noqa: E402

SERIOUS = ("error", "warning")
_MIXED_WORD_RE = re.compile(
    r"\w*(?:[a-zA-Z]\w*[\u0400-\u04ff]|[\u0400-\u04ff]\w*[a-zA-Z])\w*"
)
_C1_RE = re.compile(r"[\u0080-\u009f]")
#: Serbian function words typed in Latin inside a Cyrillic text (a data defect).
_LATIN_WORD_RE = re.compile(r"(?<![\w-])(?:je|i|u|na|da|se|su|od|za)(?![\w-])")
COMPLETENESS = frozenset(
    {"missing-sentence", "dropped-sentence", "length-ratio", "added-sentence"}
)


def serious(findings: tuple[Finding, ...]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for finding in findings:
        if finding.severity in SERIOUS:
            found.setdefault(finding.segment, set()).add(finding.check)
    return found


def upstream_defect(pair: SegmentPair) -> str | None:
    """Why a pair's target is verifiably defective in the data itself, or None."""
    if _MIXED_WORD_RE.search(pair.target):
        return "Latin homoglyphs inside Cyrillic words"
    if _C1_RE.search(pair.target):
        return "C1 control character"
    if '""' in pair.target:
        return "doubled quotation marks left from CSV escaping"
    if pair.target_lang == "sr-Cyrl" and _LATIN_WORD_RE.search(pair.target):
        return "Latin-script BCS word in a Cyrillic text"
    return None


def load(split: str) -> list[tuple[Release, list[SegmentPair]]]:
    loaded = []
    for release in releases(split):
        try:
            pairs = read_announcement(release.text, release.name)
        except TMServerError as error:
            print(f"  skipped {release.name}: {error}")
            continue
        loaded.append((release, pairs))
    return loaded


def linted(pairs: list[SegmentPair]) -> int:
    return sum(
        1
        for p in pairs
        if not all(is_furniture(t) for t in (p.source, p.target) if t.strip())
    )


# ------------------------------------------------------------------ 1. clean


def clean_set(data, list_file: Path | None) -> None:  # noqa: ANN001
    print("\n## 1. Clean releases\n")
    pairs_total = flagged_total = upstream_total = 0
    findings_total = findings_clean = 0
    per_check: Counter[str] = Counter()
    lines = []
    uncertain = 0
    for release, pairs in data:
        result = lint(pairs)
        flagged = serious(result.findings)
        findings_total += sum(1 for f in result.findings if f.severity in SERIOUS)
        pairs_total += linted(pairs)
        uncertain += any(p.variety_uncertain for p in pairs)
        findings_clean += sum(
            1
            for f in result.findings
            if f.severity in SERIOUS and not upstream_defect(pairs[f.segment])
        )
        for index, checks in flagged.items():
            reason = upstream_defect(pairs[index])
            if reason:
                upstream_total += 1
            else:
                flagged_total += 1
                per_check.update(checks)
            for f in result.findings:
                if f.segment == index and f.severity in SERIOUS:
                    lines.append(
                        f"{release.name}\t{index}\t{f.check}\t{reason or ''}\t"
                        f"{f.message}\t{f.source}\t{f.target}"
                    )
    n = len(data)
    print(f"- announcements: {n} ({uncertain} with a low-confidence variety guess)")
    print(f"- segment pairs linted: {pairs_total}")
    print(
        f"- pairs flagged at warning+: {flagged_total + upstream_total} "
        f"({(flagged_total + upstream_total) / pairs_total:.2%}); excluding "
        f"{upstream_total} verified upstream defects: {flagged_total} "
        f"({flagged_total / pairs_total:.2%})"
    )
    print(
        f"- findings at warning+ per announcement: {findings_total / n:.3f} "
        f"(all), {findings_clean / n:.3f} (excl. upstream); pairs flagged (excl. "
        f"upstream) per announcement: {flagged_total / n:.3f}"
    )
    print(
        "- flagged pairs per check (excl. upstream): "
        + ", ".join(f"{c} {k}" for c, k in per_check.most_common())
    )
    if list_file is not None:
        list_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"- every finding at warning+ listed in {list_file}")


# ------------------------------------------------------------------ 2./3. classes


def inject(data, injector, expected: frozenset[str] | None):  # noqa: ANN001
    """(eligible, damaged, caught) for one class; ``expected`` None = benign: count
    pairs that get any new finding at warning+."""
    damaged_count = caught = 0
    for release, pairs in data:
        rng = random.Random(f"{release.name}/{injector.__name__}")
        clean = serious(lint(pairs).findings)
        damaged_pairs = list(pairs)
        damaged_at = []
        eligible = 0
        for i, pair in enumerate(pairs):
            if pair.alignment or not pair.target.strip() or is_headline(pair.source):
                continue
            damaged = injector(pair, rng)
            if damaged is None or (
                damaged.target == pair.target and damaged.source == pair.source
            ):
                continue
            eligible += 1
            if eligible % 2:
                damaged_pairs[i] = damaged
                damaged_at.append(i)
        if not damaged_at:
            continue
        flagged = serious(lint(damaged_pairs).findings)
        for i in damaged_at:
            new = flagged.get(i, set()) - clean.get(i, set())
            damaged_count += 1
            caught += bool(new & expected) if expected is not None else bool(new)
    return damaged_count, caught


def classes(data) -> None:  # noqa: ANN001
    print("\n## 2. Recall per defect class (caught / damaged pairs)\n")
    print("| defect class | damaged | caught | recall |")
    print("|---|---|---|---|")
    for label, (injector, expected) in DEFECTS.items():
        n, k = inject(data, injector, expected)
        print(f"| {label} | {n} | {k} | {k / max(1, n):.3f} |")
    print("\n## 3. False alarms per benign class (pairs with a new warning+)\n")
    print("| benign class | pairs | new warning+ | share |")
    print("|---|---|---|---|")
    for label, injector in BENIGN.items():
        n, k = inject(data, injector, None)
        print(f"| {label} | {n} | {k} | {k / max(1, n):.3f} |")
    structure(data)


def structure(data) -> None:  # noqa: ANN001
    headlines = headline_alarms = separators = separator_alarms = 0
    uncertain = variety_alarms = 0
    for release, pairs in data:
        result = lint(pairs)
        by_segment = serious(result.findings)
        for i, pair in enumerate(pairs):
            if (
                release.english_only_headline
                and i <= 1
                and pair.alignment == "source-only"
            ):
                headlines += 1
                headline_alarms += bool(by_segment.get(i))
            if any(is_furniture(t) for t in (pair.source, pair.target) if t.strip()):
                separators += 1
                separator_alarms += bool(by_segment.get(i))
        if any(p.variety_uncertain for p in pairs):
            uncertain += 1
            variety_alarms += any(
                f.check == "variety-mix" and f.severity in SERIOUS
                for f in result.findings
            )
    print(
        f"| English-only headline (source-only pair) | {headlines} | "
        f"{headline_alarms} | {headline_alarms / max(1, headlines):.3f} |"
    )
    print(
        f"| separator / end-mark pairs | {separators} | {separator_alarms} | "
        f"{separator_alarms / max(1, separators):.3f} |"
    )
    print(
        f"| announcements with a low-confidence variety guess (variety-mix "
        f"at warning+) | {uncertain} | {variety_alarms} | "
        f"{variety_alarms / max(1, uncertain):.3f} |"
    )
    merged(data)


_SPLIT_RE = re.compile(r"(?<=[a-zčćžšđ\u0430-\u045f])\. (?=[A-ZČĆŽŠĐ\u0400-\u042f])")


def merged(data) -> None:  # noqa: ANN001
    """Join two local sentences of a paragraph into one (``X. Y`` → ``X, a y``),
    re-read and re-align the announcement: no new completeness warning may appear."""
    n = alarms = 0
    for release, pairs in data:
        halves = release.text.split("\n\n")
        rng = random.Random(f"merge/{release.name}")
        local_start = len(halves) // 2
        candidates = [
            i
            for i in range(local_start + 1, len(halves))
            if len(_SPLIT_RE.findall(halves[i])) >= 1
        ]
        if not candidates:
            continue
        index = rng.choice(candidates)
        paragraph = halves[index]
        match = rng.choice(list(_SPLIT_RE.finditer(paragraph)))
        follower = paragraph[match.end()]
        joined = ", a " if not release.lang.startswith("sr-Cyrl") else ", а "
        paragraph = (
            paragraph[: match.start()]
            + joined
            + follower.lower()
            + paragraph[match.end() + 1 :]
        )
        text = "\n\n".join([*halves[:index], paragraph, *halves[index + 1 :]])
        try:
            damaged = read_announcement(text, release.name)
        except TMServerError:
            continue
        before = {f.check for f in lint(pairs).findings if f.severity in SERIOUS}
        before_count = Counter(
            f.check for f in lint(pairs).findings if f.severity in SERIOUS
        )
        after_count = Counter(
            f.check for f in lint(damaged).findings if f.severity in SERIOUS
        )
        new = {c for c in COMPLETENESS if after_count[c] > before_count[c]}
        del before
        n += 1
        alarms += bool(new)
    print(
        f"| local sentence merged into its neighbour (re-aligned; new "
        f"completeness warning+) | {n} | {alarms} | {alarms / max(1, n):.3f} |"
    )


# ------------------------------------------------------------------ 4. speed


def clear_caches() -> None:
    """Empty every memoised function of tmserver, so each timed run is cold."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("tmserver."):
            continue
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def speed(data, memory_units: int) -> None:  # noqa: ANN001
    print("\n## 4. Speed (CPU time of lint(); one process)\n")
    pairs = [p for _, ps in data for p in ps]
    pairs = [replace(p, index=i) for i, p in enumerate(pairs)]
    lint(pairs[:50])
    runs = []
    for _ in range(3):
        clear_caches()
        start, wall = time.process_time(), time.perf_counter()
        lint(pairs)
        runs.append((time.process_time() - start, time.perf_counter() - wall))
    cpu, wall = min(runs)
    print(
        f"- without memory: {len(pairs)} pairs, CPU {cpu:.2f} s = "
        f"{len(pairs) / cpu:,.0f} pairs/s (wall {wall:.2f} s; best of 3, caches "
        "emptied before each run)"
    )
    if memory_units:
        from benchmarks.memgen import generate

        start = time.process_time()
        memory = InMemoryTM()
        for unit in generate(memory_units):
            memory.add(unit.source, unit.target, "en", unit.target_lang)
        built = time.process_time() - start
        clear_caches()
        start, wall_start = time.process_time(), time.perf_counter()
        result = lint(pairs, memory=memory)
        cpu = time.process_time() - start
        wall = time.perf_counter() - wall_start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        warned = sum(f.severity in SERIOUS for f in result.findings)
        print(
            f"- with a {len(memory):,}-unit memory (built in {built:.0f} s CPU; max "
            f"RSS {rss:,.0f} MB): CPU {cpu:.2f} s = {len(pairs) / cpu:,.0f} pairs/s "
            f"(wall {wall:.2f} s); {warned} findings at warning+"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout"), default="heldout")
    parser.add_argument("--memory-units", type=int, default=0)
    parser.add_argument("--list-flagged", type=Path, default=None)
    parser.add_argument("--skip", default="", help="sections to skip: classes,speed")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}")
        return 1
    print(f"# Release benchmark, split {args.split}")
    data = load(args.split)
    clean_set(data, args.list_flagged)
    if "classes" not in args.skip:
        classes(data)
    if "speed" not in args.skip:
        speed(data, args.memory_units)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
