"""TMX import throughput and memory: ``iter_tmx`` over generated N-unit files.

Writes a deterministic N-unit en→hr TMX (real-looking announcement sentences, a few
with inline markup, notes and props) into a temporary directory with ``write_tmx``,
then parses it in a fresh child process so each run's peak RSS is its own. Prints
units per second for writing and parsing and the parser's peak RSS; RSS should stay
flat as N grows (the parser frees every ``<tu>`` it has read).

Run from the repository root::

    PYTHONPATH=$PWD /work/venv/bin/python benchmarks/tmx_parse_bench.py [N ...]
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from pathlib import Path

from lxml import etree

from tmserver.tmx import TMXLimits
from tmserver.tmx import iter_tmx
from tmserver.tmx import iter_tmx_entries
from tmserver.tmx import iter_variant_pairs
from tmserver.tmx import write_tmx
from tmserver.units import TranslationUnit

SUBJECTS = [
    ("The ministry", "Ministarstvo"),
    ("The city council", "Gradsko vijeće"),
    ("The agency", "Agencija"),
    ("The embassy", "Veleposlanstvo"),
    ("The office", "Ured"),
]
VERBS = [
    ("announced", "je objavilo"),
    ("published", "je objavilo"),
    ("confirmed", "je potvrdilo"),
    ("postponed", "je odgodilo"),
]
OBJECTS = [
    ("the new schedule for public consultations", "novi raspored javnih savjetovanja"),
    ("the results of the tender", "rezultate natječaja"),
    ("a call for applications", "poziv za prijave"),
    ("the annual report on road safety", "godišnje izvješće o sigurnosti prometa"),
]
DATE = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
#: 1,000,000 units make a ~400 MiB file, over the default 200 MiB cap.
NO_LIMITS = TMXLimits(max_bytes=1 << 40, max_units=1 << 40)


def generate_units(count: int) -> Iterator[TranslationUnit]:
    """``count`` deterministic en→hr units, one in ten with markup, note and props."""
    rng = random.Random(42)
    for number in range(count):
        (s_en, s_hr), (v_en, v_hr), (o_en, o_hr) = (
            rng.choice(SUBJECTS),
            rng.choice(VERBS),
            rng.choice(OBJECTS),
        )
        source = f"{s_en} {v_en} {o_en} on {number % 28 + 1} March {number}."
        target = f"{s_hr} {v_hr} {o_hr} {number % 28 + 1}. ožujka {number}."
        extra = {}
        if number % 10 == 0:
            extra = {
                "source_markup": f'<bpt i="1">&lt;b&gt;</bpt>{source}<ept i="1">'
                "&lt;/b&gt;</ept>",
                "target_markup": f'<bpt i="1">&lt;b&gt;</bpt>{target}<ept i="1">'
                "&lt;/b&gt;</ept>",
                "note": "checked by the desk",
                "props": (("x-document", f"release-{number // 50}"),),
            }
        yield TranslationUnit(
            source=source,
            target=target,
            source_lang="en",
            target_lang="hr",
            context=f"release-{number // 50}",
            origin="bench.tmx",
            created=DATE,
            **extra,
        )


def _timed(units: Iterator[object]) -> tuple[int, float, float]:
    started, cpu_started = time.perf_counter(), time.process_time()
    count = sum(1 for _ in units)
    return count, time.perf_counter() - started, time.process_time() - cpu_started


def _bare_iterparse(path: str) -> Iterator[object]:
    """lxml alone: the same parser options and freeing, no Python work per unit."""
    for _, element in etree.iterparse(
        path, events=("end",), tag="tu", resolve_entities=False, no_network=True
    ):
        element.clear(keep_tail=True)
        while element.getprevious() is not None:
            del element.getparent()[0]
        yield element


def parse(path: str) -> dict[str, object]:
    """Parse ``path`` four ways; return units/s (wall, CPU) and peak RSS (MiB).

    ``iter_tmx`` runs first so the peak RSS is its own (the later passes free as
    they go too).
    """
    result: dict[str, object] = {}
    for label, units in (
        ("iter_tmx", iter_tmx(path, limits=NO_LIMITS)),
        ("iter_tmx_entries", iter_tmx_entries(path, limits=NO_LIMITS)),
        (
            "iter_variant_pairs",
            iter_variant_pairs(path, limits=NO_LIMITS, keep_one_sided=True),
        ),
        ("bare lxml iterparse", _bare_iterparse(path)),
    ):
        count, seconds, cpu_seconds = _timed(units)
        result[label] = (count, count / seconds, count / cpu_seconds)
        if label == "iter_tmx":
            peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            result["peak_rss_mib"] = peak_kib / 1024
    return result


def run(count: int, directory: Path) -> None:
    path = directory / f"bench-{count}.tmx"
    started = time.perf_counter()
    write_tmx(generate_units(count), path, creation_date=DATE)
    write_seconds = time.perf_counter() - started
    child = subprocess.run(
        [sys.executable, __file__, "--parse", str(path)],
        capture_output=True,
        text=True,
    )
    if child.returncode:
        sys.exit(f"parse of {path} failed:\n{child.stderr}")
    result = json.loads(child.stdout)
    size_mib = path.stat().st_size / 1024 / 1024
    print(
        f"N={count:,}: file {size_mib:.1f} MiB, write_tmx "
        f"{count / write_seconds:,.0f} units/s, iter_tmx peak RSS "
        f"{result.pop('peak_rss_mib'):.1f} MiB"
    )
    for label, (units, wall, cpu) in result.items():
        print(
            f"  {label:<20} {units:>9,} units {wall:>9,.0f}/s wall {cpu:>9,.0f}/s CPU"
        )
    path.unlink()


def main(argv: list[str]) -> None:
    if argv[:1] == ["--parse"]:
        print(json.dumps(parse(argv[1])))
        return
    counts = [int(arg) for arg in argv] or [100_000, 1_000_000]
    with tempfile.TemporaryDirectory() as directory:
        for count in counts:
            run(count, Path(directory))


if __name__ == "__main__":
    main(sys.argv[1:])
