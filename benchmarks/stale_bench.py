"""Stale values: does a suggestion keep a memory number or date the query changed?

Builds a memory, then a *release* from it by changing the numbers and dates of its
units (the next year's announcement: same sentences, other figures), and runs the
public ``tmserver evaluate --json`` on that release. The report counts, with and
without placeable adaptation, the best suggestions that still carry an old value,
those offered at quality ≥ 95, and those not listed as unadapted.

Memories (``--corpus``):

* ``announcements``: ``tmserver build`` over the 60 real-sentence announcements of
  ``../shared/data/announcements-dev/clean`` (copied to the work directory), loaded with
  ``--load``;
* ``dense``: ``benchmarks/dense_corpus.py`` with ``--n`` units, imported as TMX.

Usage::

    python benchmarks/stale_bench.py --workdir /tmp/stale --corpus announcements
    python benchmarks/stale_bench.py --workdir /tmp/stale-d --corpus dense --n 100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.dense_corpus import dense_units  # noqa: E402
from benchmarks.memgen import write_tmx as write_gen_tmx  # noqa: E402

ANNOUNCEMENTS = REPO.parent / "shared" / "data" / "announcements-dev" / "clean"
_DIGITS = re.compile(r"(?<![\d.,])\d+(?![\d])")


def _tmserver(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tmserver", *args],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    )


def memory_units_announcements(env: dict[str, str], work: Path) -> list[tuple]:
    """Build and load the announcements; return their (source, target, lang) units."""
    folder = work / "announcements"
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(ANNOUNCEMENTS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    out = work / "memories"
    _tmserver(env, "build", str(folder), "--out", str(out), "--load")
    from tmserver.tmx import iter_tmx

    return [
        (unit.source, unit.target, unit.target_lang)
        for path in sorted(out.glob("*.tmx"))
        for unit in iter_tmx(path)
    ]


def memory_units_dense(env: dict[str, str], work: Path, n: int) -> list[tuple]:
    """Write and import ``n`` dense-corpus units; return them."""
    units = dense_units(n)
    tmx = work / "dense.tmx"
    write_gen_tmx(iter(units), tmx)
    _tmserver(env, "import", str(tmx))
    return [(u.source, u.target, u.target_lang) for u in units]


def release_of(units: list[tuple], count: int, seed: int = 7) -> list[tuple]:
    """Units with numbers (dates' days and years too) changed on both sides.

    The reference translation is the memory's target with the same digits replaced
    (a plain string edit, independent of the service's substitution).
    """
    rng = random.Random(seed)
    numbered = [u for u in units if _DIGITS.search(u[0])]
    rng.shuffle(numbered)
    release = []
    for source, target, lang in numbered:
        found = [m.group() for m in _DIGITS.finditer(source) if m.group() in target]
        if not found:
            continue
        new_source, new_target = source, target
        for old in sorted(set(found), key=len, reverse=True)[: rng.randint(1, 2)]:
            value = int(old)
            if len(old) == 4 and old.startswith(("19", "20")):
                new = str(value + rng.choice([-2, -1, 1, 2]))
            elif value <= 31:  # a day, month or hour stays one
                new = str(rng.choice([v for v in range(1, 13 if value <= 12 else 29)]))
            else:
                new = str(max(1, int(old) + rng.randint(1, 9) * rng.choice([1, 10])))
            new_source = re.sub(rf"(?<![\d.,]){old}(?!\d)", new, new_source)
            new_target = re.sub(rf"(?<![\d.,]){old}(?!\d)", new, new_target)
        if new_source != source:
            release.append((new_source, new_target, lang))
        if len(release) >= count:
            break
    return release


def write_release(rows: list[tuple], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '<header creationtool="stale-bench" creationtoolversion="1" '
            'segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
            'datatype="plaintext"/>\n<body>\n'
        )
        for source, target, lang in rows:
            handle.write(
                f'<tu><tuv xml:lang="en"><seg>{escape(source)}</seg></tuv>'
                f'<tuv xml:lang="{lang}"><seg>{escape(target)}</seg></tuv></tu>\n'
            )
        handle.write("</body>\n</tmx>\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument(
        "--corpus", choices=("announcements", "dense"), default="announcements"
    )
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--release-units", type=int, default=400)
    args = parser.parse_args(argv)
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TMSERVER_INSTANCE_DIR": str(work / "instance"),
        "TMSERVER_MEMORIES_DIR": str(work / "memories"),
    }
    _tmserver(env, "init-db")
    if args.corpus == "dense":
        units = memory_units_dense(env, work, args.n)
    else:
        units = memory_units_announcements(env, work)
    release = release_of(units, args.release_units)
    path = work / "release.tmx"
    write_release(release, path)
    print(f"memory {len(units):,} units, release {len(release)} units", flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = _tmserver(env, "evaluate", "--json", str(path))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads(result.stdout)
    print(f"tmserver evaluate: wall {wall:.1f} s, CPU {cpu:.1f} s")
    print(f"{'variant':20} {'hit rate':>8} {'stale':>6} {'at ≥95':>7} {'silent':>7}")
    for variant in report["variants"]:
        stale = variant["stale"]
        print(
            f"{variant['name']:20} {variant['hit_rate']:8.1%} "
            f"{stale['suggestions']:6d} {stale['near_exact']:7d} {stale['silent']:7d}"
        )
    (work / "stale.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
