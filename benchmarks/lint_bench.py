"""Release linter benchmark: false alarms, recall per defect class, speed, and
translate-toolkit's pofilter (StandardChecker) on the same segments.

Usage::

    PYTHONPATH=. python benchmarks/lint_bench.py [--quick] [--memory-units 1000000]

Prints four tables:

1. False positives on clean professional translations (NTREX and FLORES dev, Mozilla
   bs/hr/sr strings, the two seed announcements): share of segments with a finding at
   warning or above, per corpus and per check, for tmserver and for pofilter. Findings
   that are verifiably true defects of the data (words mixing Latin and Cyrillic
   letters, C1 control characters such as U+0084 left for „, the same source
   translated two ways in one corpus) are shown and also counted separately.
2. Recall: a deterministic injector puts one defect class at a time into clean
   segments (every second eligible segment, so clean occurrences stay in the release);
   a defect counts as caught when the damaged segment gets a finding of the expected
   check at warning or above that the clean segment did not have. pofilter counts when
   the damaged unit gets any failing test the clean unit did not have.
3. Announcements: a sentence dropped from, or left in English in, each clean synthetic
   announcement (announcements-dev), found through segmentation and alignment.
4. Speed in segments per second, without a memory and with a large generated memory.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.lint_data import DATA  # noqa: E402
from benchmarks.lint_data import corpora  # noqa: E402
from tmserver.lint.checks.consistency import _comparable  # noqa: E402
from tmserver.lint.documents import read_announcement  # noqa: E402
from tmserver.lint.findings import Finding  # noqa: E402
from tmserver.lint.findings import SegmentPair  # noqa: E402
from tmserver.lint.linter import lint  # noqa: E402
from tmserver.lint.memory import InMemoryTM  # noqa: E402
from tmserver.text.lang import cyrillic_to_latin  # noqa: E402
from tmserver.text.lang import latin_to_cyrillic  # noqa: E402
from tmserver.text.placeables import MONTH_INDEX  # noqa: E402
from tmserver.text.placeables import extract  # noqa: E402
from tmserver.text.stemming import prefix_stem  # noqa: E402
from tmserver.text.stemming import stem  # noqa: E402

SERIOUS = ("error", "warning")
_MIXED_WORD_RE = re.compile(
    r"\w*(?:[a-zA-Z]\w*[\u0400-\u04ff]|[\u0400-\u04ff]\w*[a-zA-Z])\w*"
)
_C1_RE = re.compile(r"[\u0080-\u009f]")


# ----------------------------------------------------------------------- pofilter


def pofilter_checker(lang: str):  # noqa: ANN201 - translate-toolkit object
    from translate.filters.checks import CheckerConfig
    from translate.filters.checks import StandardChecker

    return StandardChecker(
        checkerconfig=CheckerConfig(targetlanguage=lang.split("-")[0])
    )


def pofilter_failures(checker, source: str, target: str) -> set[str]:  # noqa: ANN001
    from translate.storage.pypo import pounit

    unit = pounit(source)
    unit.target = target
    return set(checker.run_filters(unit))


# ----------------------------------------------------------------------- helpers


def serious_by_segment(findings: tuple[Finding, ...]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for finding in findings:
        if finding.severity in SERIOUS:
            found.setdefault(finding.segment, set()).add(finding.check)
    return found


def verified_defect(pair: SegmentPair, checks: set[str]) -> bool:
    """True when every serious finding of the segment is a provable data defect."""
    proofs = set()
    if _MIXED_WORD_RE.search(pair.target):
        proofs |= {"script-mix", "date-mismatch", "number-mismatch", "acronym-missing"}
    if _C1_RE.search(pair.target):
        proofs |= {"corrupt-characters", "quotes"}
    proofs.add("inconsistent-translation")
    return checks <= proofs


# ------------------------------------------------------------ false positives


def false_positives(data: dict[str, list[SegmentPair]], with_pofilter: bool) -> None:
    print("\n## 1. Clean translations: segments flagged at warning or above\n")
    print(
        "| corpus | segments | tmserver flagged | excl. verified data defects "
        "| pofilter flagged |"
    )
    print("|---|---|---|---|---|")
    per_check: Counter[str] = Counter()
    per_pofilter: Counter[str] = Counter()
    totals = [0, 0, 0, 0]
    for name, pairs in data.items():
        result = lint(pairs)
        flagged = serious_by_segment(result.findings)
        for checks in flagged.values():
            per_check.update(checks)
        real = sum(
            1 for i, checks in flagged.items() if not verified_defect(pairs[i], checks)
        )
        po = "-"
        if with_pofilter:
            checker = pofilter_checker(pairs[0].target_lang if pairs else "hr")
            failing = 0
            for p in pairs:
                fails = pofilter_failures(checker, p.source, p.target)
                per_pofilter.update(fails)
                failing += bool(fails)
            po = f"{failing} ({failing / len(pairs):.1%})"
            totals[3] += failing
        totals[0] += len(pairs)
        totals[1] += len(flagged)
        totals[2] += real
        print(
            f"| {name} | {len(pairs)} | "
            f"{len(flagged)} ({len(flagged) / len(pairs):.1%}) "
            f"| {real} ({real / len(pairs):.1%}) | {po} |"
        )
    n = totals[0]
    po_total = f"{totals[3]} ({totals[3] / n:.1%})" if with_pofilter else "-"
    print(
        f"| **all** | {n} | {totals[1]} ({totals[1] / n:.1%}) | "
        f"{totals[2]} ({totals[2] / n:.2%}) | {po_total} |"
    )
    print("\ntmserver segments flagged per check (a segment can count for several):")
    print(", ".join(f"{c} {k} ({k / n:.2%})" for c, k in per_check.most_common()))
    if with_pofilter:
        print("\npofilter failures per test:")
        print(
            ", ".join(f"{c} {k} ({k / n:.1%})" for c, k in per_pofilter.most_common(12))
        )


# ----------------------------------------------------------------------- injectors

Injector = Callable[[SegmentPair, random.Random], SegmentPair | None]


def _numbers(pair: SegmentPair) -> list:
    """Target numbers carried over from the source (same value on both sides)."""
    source = {
        p.value for p in extract(pair.source, "en") if p.kind in {"number", "percent"}
    }
    return [
        p
        for p in extract(pair.target, pair.target_lang)
        if p.kind in {"number", "percent"} and p.value in source
    ]


def _edit(pair: SegmentPair, start: int, end: int, text: str) -> SegmentPair:
    return replace(pair, target=pair.target[:start] + text + pair.target[end:])


def change_number(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    numbers = [n for n in _numbers(pair) if any(ch.isdigit() for ch in n.text)]
    if not numbers:
        return None
    number = rng.choice(numbers)
    digits = [i for i, ch in enumerate(number.text) if ch.isdigit()]
    i = digits[-1] if rng.random() < 0.5 else digits[0]
    new_digit = str((int(number.text[i]) + rng.randint(1, 8)) % 10)
    text = number.text[:i] + new_digit + number.text[i + 1 :]
    return _edit(pair, number.start, number.end, text)


def drop_number(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    numbers = _numbers(pair)
    if not numbers:
        return None
    number = rng.choice(numbers)
    end = number.end + (1 if pair.target[number.end : number.end + 1] == " " else 0)
    return _edit(pair, number.start, end, "")


def english_format(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    numbers = [
        n
        for n in _numbers(pair)
        if n.style == "local" and re.match(r"\d+[.,]\d", n.text)
    ]
    if not numbers:
        return None
    number = rng.choice(numbers)
    digits = re.match(r"\d[\d.,]*\d", number.text).group()
    swapped = digits.translate(str.maketrans({",": ".", ".": ","}))
    return _edit(pair, number.start, number.start + len(digits), swapped)


def wrong_date(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    dates = [p for p in extract(pair.target, pair.target_lang) if p.kind == "date"]
    if not dates:
        return None
    date = rng.choice(dates)
    year, month, day = date.value
    if day is not None:
        match = re.match(r"\d+", date.text)
        if match:
            new_day = day + 1 if day < 28 else day - 1
            return _edit(pair, date.start, date.start + match.end(), str(new_day))
    if date.unit:
        form = MONTH_INDEX.get(date.unit.lower())
        if form is not None:
            for word, other in MONTH_INDEX.items():
                if (
                    other.month == form.month % 12 + 1
                    and other.case == form.case
                    and (other.systems & form.systems and other.script == form.script)
                ):
                    start = date.start + date.text.lower().index(date.unit.lower())
                    return _edit(pair, start, start + len(date.unit), word)
    return None


def alter_url(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    source = {p.value for p in extract(pair.source, "en") if p.kind in {"url", "email"}}
    urls = [
        p
        for p in extract(pair.target, pair.target_lang)
        if p.kind in {"url", "email"} and p.value in source
    ]
    if not urls:
        return None
    url = rng.choice(urls)
    letters = [i for i, ch in enumerate(url.text) if ch.isalpha()]
    i = letters[len(letters) // 2]
    new = "x" if url.text[i] != "x" else "y"
    return _edit(pair, url.start + i, url.start + i + 1, new)


def drop_acronym(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    source = {p.value for p in extract(pair.source, "en") if p.kind == "acronym"}
    acronyms = [
        p
        for p in extract(pair.target, pair.target_lang)
        if p.kind == "acronym" and p.value in source and len(p.value) <= 5
    ]
    if not acronyms:
        return None
    acronym = rng.choice(acronyms)
    damaged = _edit(pair, acronym.start, acronym.end, "")
    if any(
        p.kind == "acronym" and p.value == acronym.value
        for p in extract(damaged.target, damaged.target_lang)
    ):
        return None  # the acronym is there twice; dropping one is no omission
    return damaged


def mix_script(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    words = [
        m for m in re.finditer(r"[^\W\d_]{4,}", pair.target) if not m.group().isupper()
    ]
    if not words:
        return None
    word = rng.choice(words)
    if pair.target_lang == "sr-Cyrl":
        other = cyrillic_to_latin(word.group())
    else:
        other = latin_to_cyrillic(word.group())
    if other == word.group():
        return None
    return _edit(pair, word.start(), word.end(), other)


def drop_sentence(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    from tmserver.build.segment import split_sentences

    target = [s.text for s in split_sentences(pair.target, pair.target_lang)]
    if len(target) < 2 or len(split_sentences(pair.source, "en")) < 2:
        return None
    keep = target[:-1] if rng.random() < 0.5 else target[1:]
    return replace(pair, target=" ".join(keep))


def untranslate(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    if len(pair.source.split()) < 4:
        return None
    return replace(pair, target=pair.source)


_QUOTE_CLOSERS = '“”"«»'


def break_quote(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    from tmserver.lint.checks.punctuation import quotes_balanced
    from tmserver.lint.checks.punctuation import single_quotes_balanced

    if not (
        quotes_balanced(pair.target)
        and quotes_balanced(pair.source)
        and single_quotes_balanced(pair.source)
    ):
        return None  # a quotation running over several segments is no test case
    positions = [i for i, ch in enumerate(pair.target) if ch in _QUOTE_CLOSERS + "„"]
    if not positions:
        return None
    i = rng.choice(positions)
    return _edit(pair, i, i + 1, "")


def mojibake(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    words = [m for m in re.finditer(r"\w*[čćšžđČĆŠŽĐ]\w*", pair.target)]
    if not words:
        return None
    word = rng.choice(words)
    broken = word.group().encode("utf-8").decode("cp1252", errors="replace")
    return _edit(pair, word.start(), word.end(), broken)


def reword(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """Translate a memory sentence differently: swap two content words and drop one."""
    words = pair.target.split()
    if len(words) < 6:
        return None
    i = rng.randrange(1, len(words) - 2)
    words[i], words[i + 1] = words[i + 1], words[i]
    del words[rng.randrange(len(words))]
    return replace(pair, target=" ".join(words))


INJECTORS: dict[str, tuple[Injector, frozenset[str]]] = {
    "changed number": (change_number, frozenset({"number-mismatch"})),
    "dropped number": (drop_number, frozenset({"number-mismatch"})),
    "English-format number": (
        english_format,
        frozenset({"number-format", "number-mismatch"}),
    ),
    "wrong date": (wrong_date, frozenset({"date-mismatch", "number-mismatch"})),
    "altered URL/e-mail": (alter_url, frozenset({"url-mismatch"})),
    "dropped acronym": (drop_acronym, frozenset({"acronym-missing"})),
    "mixed script": (mix_script, frozenset({"script-mix"})),
    "dropped sentence": (
        drop_sentence,
        frozenset({"dropped-sentence", "length-ratio"}),
    ),
    "untranslated": (untranslate, frozenset({"untranslated"})),
    "broken quote": (break_quote, frozenset({"quotes"})),
    "mojibake": (mojibake, frozenset({"corrupt-characters"})),
}


def recall(data: dict[str, list[SegmentPair]], with_pofilter: bool, cap: int) -> None:
    print("\n## 2. Recall: one defect class at a time (caught / injected)\n")
    print(
        "| defect class | injected | tmserver caught | recall | pofilter caught "
        "| pofilter recall |"
    )
    print("|---|---|---|---|---|---|")
    corpora_items = [(k, v) for k, v in data.items() if not k.startswith("seeds")]
    clean_results = {
        name: serious_by_segment(lint(pairs).findings) for name, pairs in corpora_items
    }
    checkers = {}
    for label, (injector, expected) in INJECTORS.items():
        injected = caught = po_caught = 0
        for name, pairs in corpora_items:
            rng = random.Random(f"{label}/{name}")
            damaged_pairs = list(pairs)
            damaged_at = []
            eligible = 0
            for i, pair in enumerate(pairs):
                if len(damaged_at) >= cap:
                    break
                damaged = injector(pair, rng)
                if damaged is None or damaged.target == pair.target:
                    continue
                eligible += 1
                if eligible % 2:  # every second eligible segment stays clean
                    damaged_pairs[i] = damaged
                    damaged_at.append(i)
            if not damaged_at:
                continue
            flagged = serious_by_segment(lint(damaged_pairs).findings)
            clean = clean_results[name]
            for i in damaged_at:
                new = flagged.get(i, set()) - clean.get(i, set())
                injected += 1
                caught += bool(new & expected)
                if with_pofilter:
                    lang = pairs[i].target_lang
                    checker = checkers.setdefault(lang, pofilter_checker(lang))
                    before = pofilter_failures(
                        checker, pairs[i].source, pairs[i].target
                    )
                    after = pofilter_failures(
                        checker, damaged_pairs[i].source, damaged_pairs[i].target
                    )
                    po_caught += bool(after - before)
        po = (
            f"{po_caught} | {po_caught / injected:.2f}"
            if with_pofilter and injected
            else "- | -"
        )
        print(
            f"| {label} | {injected} | {caught} | "
            f"{caught / max(1, injected):.3f} | {po} |"
        )
    memory_recall(data, cap)


def memory_recall(data: dict[str, list[SegmentPair]], cap: int) -> None:
    """Inconsistent translation of a memory sentence and of a memory term."""
    for label, corpus in (
        ("inconsistent memory sentence", "ntrex-hr"),
        ("inconsistent memory sentence", "flores-bs"),
    ):
        pairs = data[corpus]
        memory = InMemoryTM()
        memory.add_all(
            (p.source, p.target, p.source_lang, p.target_lang) for p in pairs
        )
        rng = random.Random(label + corpus)
        release = []
        for pair in pairs:
            damaged = reword(pair, rng)
            if damaged is not None:
                release.append(replace(damaged, index=len(release)))
            if len(release) >= cap:
                break
        clean_release = [
            replace(p, target=next(q.target for q in pairs if q.source == p.source))
            for p in release
        ]
        clean = serious_by_segment(lint(clean_release, memory=memory).findings)
        flagged = serious_by_segment(lint(release, memory=memory).findings)
        caught = sum(
            1
            for i in range(len(release))
            if "memory-mismatch" in flagged.get(i, set()) - clean.get(i, set())
        )
        print(
            f"| {label} ({corpus}) | {len(release)} | {caught} | "
            f"{caught / len(release):.3f} | - | - |"
        )
    term_recall(data, cap)


def term_recall(data: dict[str, list[SegmentPair]], cap: int) -> None:
    """A memory term (a name with an established translation) translated differently."""
    from tmserver.lint.checks.consistency import candidate_terms
    from tmserver.text.stemming import prefix_stem

    for corpus in ("ntrex-hr", "ntrex-sr-Latn"):
        pairs = data[corpus]
        memory = InMemoryTM()
        memory.add_all(
            (p.source, p.target, p.source_lang, p.target_lang) for p in pairs
        )
        release: list[SegmentPair] = []
        for pair in pairs:
            if len(release) >= cap:
                break
            for term, _, _ in candidate_terms(pair.source):
                expected = memory.term_stems(term, "en", pair.target_lang)
                if not expected:
                    continue
                words = list(re.finditer(r"[^\W\d_]+", pair.target))
                counts = Counter(prefix_stem(w.group()) for w in words)
                hit = next(
                    (
                        w
                        for w in words
                        if prefix_stem(w.group()) in expected
                        and w.group()[:1].isupper()
                        and counts[prefix_stem(w.group())] == 1  # the only occurrence
                    ),
                    None,
                )
                if hit is None:
                    continue
                new = hit.group()[0] + "x" + hit.group()[1:]
                release.append(
                    replace(
                        _edit(pair, hit.start(), hit.end(), new), index=len(release)
                    )
                )
                break
        clean = {i: set() for i in range(len(release))}
        flagged = serious_by_segment(lint(release, memory=memory).findings)
        caught = sum(
            1
            for i in range(len(release))
            if "term-mismatch" in flagged.get(i, set()) - clean[i]
        )
        print(
            f"| inconsistent memory term ({corpus}) | {len(release)} | {caught} | "
            f"{caught / max(1, len(release)):.3f} | - | - |"
        )


# ----------------------------------------------------------------------- announcements


def announcements() -> None:
    print("\n## 3. Announcements (announcements-dev/clean): sentence-level defects\n")
    docs = sorted((DATA / "announcements-dev" / "clean").glob("*.txt"))
    rows = {
        "clean (segments flagged)": [0, 0],
        "clean, excl. verified data defects": [0, 0],
        "dropped sentence": [0, 0],
        "untranslated sentence": [0, 0],
    }
    for path in docs:
        text = path.read_text(encoding="utf-8")
        lang = path.stem.rsplit("_", 1)[-1]
        clean = read_announcement(text, path.name, target_lang=lang)
        flagged = serious_by_segment(lint(clean).findings)
        rows["clean (segments flagged)"][0] += len(clean)
        rows["clean (segments flagged)"][1] += len(flagged)
        rows["clean, excl. verified data defects"][0] += len(clean)
        rows["clean, excl. verified data defects"][1] += sum(
            1 for i, checks in flagged.items() if not verified_defect(clean[i], checks)
        )
        two_sided = [p for p in clean if p.alignment == "" and len(p.target) > 40]
        if not two_sided:
            continue
        victim = two_sided[len(two_sided) // 2]
        for label, new in (
            ("dropped sentence", ""),
            ("untranslated sentence", victim.source),
        ):
            damaged_text = text.replace(victim.target, new, 1)
            if damaged_text == text:
                continue
            damaged = read_announcement(damaged_text, path.name, target_lang=lang)
            checks = {f.check for f in lint(damaged).findings if f.severity in SERIOUS}
            want = (
                {"missing-sentence", "dropped-sentence", "length-ratio"}
                if not new
                else {"untranslated"}
            )
            rows[label][0] += 1
            rows[label][1] += bool(checks & want)
    print("| case | documents / segments | caught / flagged |")
    print("|---|---|---|")
    for label, (n, k) in rows.items():
        print(f"| {label} | {n} | {k} ({k / max(1, n):.1%}) |")


# ----------------------------------------------------------------------- speed


def speed(
    data: dict[str, list[SegmentPair]], memory_units: int, with_pofilter: bool
) -> None:
    print("\n## 4. Speed (one process)\n")
    pairs = [
        p
        for name, ps in data.items()
        if name.startswith(("ntrex", "flores"))
        for p in ps
    ]
    pairs = [replace(p, index=i) for i, p in enumerate(pairs)]
    lint(pairs[:50])
    runs = []
    for _ in range(3):  # best of three cold runs: the machine is shared
        _comparable.cache_clear()
        stem.cache_clear()
        prefix_stem.cache_clear()
        start = time.perf_counter()
        lint(pairs)
        runs.append(time.perf_counter() - start)
    elapsed = min(runs)
    print(
        f"- tmserver without memory: {len(pairs)} segments in {elapsed:.2f} s = "
        f"{len(pairs) / elapsed:,.0f} segments/s (best of 3; slowest "
        f"{len(pairs) / max(runs):,.0f}/s)"
    )
    if with_pofilter:
        checkers = {}
        start = time.perf_counter()
        for p in pairs:
            checker = checkers.setdefault(
                p.target_lang, pofilter_checker(p.target_lang)
            )
            pofilter_failures(checker, p.source, p.target)
        elapsed = time.perf_counter() - start
        print(f"- pofilter StandardChecker: {len(pairs) / elapsed:,.0f} segments/s")
    if memory_units:
        from benchmarks.memgen import generate

        start = time.perf_counter()
        memory = InMemoryTM()
        for unit in generate(memory_units):
            memory.add(unit.source, unit.target, "en", unit.target_lang)
        built = time.perf_counter() - start
        start = time.perf_counter()
        lint(pairs, memory=memory)
        elapsed = time.perf_counter() - start
        print(
            f"- tmserver with a {len(memory):,}-unit memory (built in {built:.0f} s): "
            f"{len(pairs) / elapsed:,.0f} segments/s"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="skip pofilter and the memory"
    )
    parser.add_argument("--memory-units", type=int, default=1_000_000)
    parser.add_argument(
        "--cap", type=int, default=300, help="injections per class and corpus"
    )
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"shared data not found at {DATA}")
        return 1
    data = corpora()
    with_pofilter = not args.quick
    false_positives(data, with_pofilter)
    recall(data, with_pofilter, args.cap)
    announcements()
    speed(data, 0 if args.quick else args.memory_units, with_pofilter)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
