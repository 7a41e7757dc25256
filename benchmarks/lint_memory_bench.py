"""The HTTP linter's memory: a copy per worker (before) against lookups through the
match index (:class:`tmserver.services.lintstore.StoreMemory`).

Usage::

    PYTHONPATH=. python benchmarks/lint_memory_bench.py [--units 100000]

Stores ``--units`` generated units (:mod:`benchmarks.memgen`) in a temporary SQLite
file, then prints for both ways: the cost of the first lint request (copy, or index
build), the lint time of ``--segments`` NTREX segments, and the cost of the first
request after one unit is written (copy again, or the index delta).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.orm import Session  # noqa: E402

from benchmarks.lint_data import ntrex  # noqa: E402
from benchmarks.memgen import generate  # noqa: E402
from tmserver.lint.linter import lint  # noqa: E402
from tmserver.lint.memory import InMemoryTM  # noqa: E402
from tmserver.services.lintstore import LintMemoryCache  # noqa: E402
from tmserver.services.lintstore import StoreMemory  # noqa: E402
from tmserver.services.suggest import MatchEngine  # noqa: E402
from tmserver.store.db import make_engine  # noqa: E402
from tmserver.store.db import make_session_factory  # noqa: E402
from tmserver.store.db import upgrade_schema  # noqa: E402
from tmserver.store.queries import add_units  # noqa: E402
from tmserver.store.queries import iter_units  # noqa: E402
from tmserver.units import TranslationUnit  # noqa: E402


def _copy(session: Session, lang: str) -> InMemoryTM:
    memory = InMemoryTM()
    for unit in iter_units(session, "en", lang):
        memory.add(unit.source, unit.target, unit.source_lang, unit.target_lang)
    return memory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--segments", type=int, default=500)
    args = parser.parse_args(argv)
    pairs = ntrex("hr")[: args.segments]
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'tm.db'}")
        upgrade_schema(engine)
        factory = make_session_factory(engine)
        with factory.begin() as session:
            add_units(
                session,
                (
                    TranslationUnit(u.source, u.target, "en", u.target_lang)
                    for u in generate(args.units)
                ),
            )
        with factory() as session:
            rows = []
            start = time.perf_counter()
            memory = _copy(session, "hr")
            copied = time.perf_counter() - start
            start = time.perf_counter()
            lint(pairs, memory=memory)
            rows.append(
                ("copy per worker (before)", copied, time.perf_counter() - start)
            )
            matcher, cache = MatchEngine(Path(tmp) / "index"), LintMemoryCache()
            start = time.perf_counter()
            store = StoreMemory(session, matcher, cache)
            built = time.perf_counter() - start
            start = time.perf_counter()
            lint(pairs, memory=store)
            linted = time.perf_counter() - start
            rows.append(("match index (after)", built, linted))
            add_units(session, [TranslationUnit("A new unit.", "Nova.", "en", "hr")])
            session.commit()
            start = time.perf_counter()
            _copy(session, "hr")
            recopied = time.perf_counter() - start
            start = time.perf_counter()
            StoreMemory(session, matcher, cache)
            refreshed = time.perf_counter() - start
        engine.dispose()
    print(f"{args.units:,} stored units, {len(pairs)} ntrex-hr segments linted\n")
    print("| memory | first request setup | lint | setup after one write |")
    print("|---|---|---|---|")
    after = (recopied, refreshed)
    for (label, setup, linted), again in zip(rows, after, strict=True):
        print(f"| {label} | {setup:.2f} s | {linted:.2f} s | {again:.3f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
