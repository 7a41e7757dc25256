"""Concordance benchmark: latency of ``services.suggest.concordance`` on a memory.

Queries are one or two words (or a quoted phrase) drawn from the stored sources and
targets, the way a translator looks a term up; every query runs on the public
service path (the store query, the count and one page of 20). Prints p50/p95/p99
wall and CPU time (the CPU time of this process only: on PostgreSQL most of the
work is the server's, so the wall time is the figure there).

Usage (the database of a ``suggest_bench.py`` run, filled if empty)::

    python benchmarks/concordance_bench.py --workdir /tmp/bench1m --n 1000000 \\
        [--database-url postgresql://postgres@127.0.0.1:5432/bench]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.suggest_bench import load_memory  # noqa: E402
from benchmarks.suggest_bench import percentiles  # noqa: E402
from tmserver.config import Settings  # noqa: E402
from tmserver.services import suggest as service  # noqa: E402
from tmserver.store.db import make_engine  # noqa: E402
from tmserver.store.db import make_session_factory  # noqa: E402
from tmserver.store.models import UnitRow  # noqa: E402


def make_queries(session, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(query, side) pairs from words of stored units."""
    rows = session.query(UnitRow.source, UnitRow.target).limit(20_000).all()
    found = []
    for _ in range(count):
        source, target = rows[rng.randrange(len(rows))]
        side = rng.choice(["both", "source", "target"])
        words = [
            w.strip(".,;:!?()\"'")
            for w in (target if side == "target" else source).split()
        ]
        words = [w for w in words if len(w) >= 3] or ["the"]
        kind = rng.random()
        if kind < 0.5:
            query = rng.choice(words)
        elif kind < 0.8:
            query = " ".join(rng.sample(words, min(2, len(words))))
        else:
            start = rng.randrange(len(words))
            query = '"' + " ".join(words[start : start + 2]) + '"'
        found.append((query, side))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--corpus", choices=("memgen", "dense"), default="memgen")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args(argv)
    env = {"TMSERVER_INSTANCE_DIR": str(args.workdir / "instance")}
    if args.database_url:
        env["TMSERVER_DATABASE_URL"] = args.database_url
    settings = Settings.from_env(env)
    args.workdir.mkdir(parents=True, exist_ok=True)
    load_memory(settings, args.n, args.corpus)
    factory = make_session_factory(make_engine(settings.resolved_database_url()))
    walls, cpus, totals = [], [], []
    with factory() as session:
        queries = make_queries(session, random.Random(7), args.queries)
        for query, side in queries[:10]:  # warm the caches
            service.concordance(
                session, query, "en", "hr", side=side, page=1, per_page=20
            )
        for query, side in queries:
            started, cpu = time.perf_counter(), time.process_time()
            total, _ = service.concordance(
                session, query, "en", "hr", side=side, page=1, per_page=20
            )
            cpus.append(time.process_time() - cpu)
            walls.append(time.perf_counter() - started)
            totals.append(total)
    wall, cpu = percentiles(walls), percentiles(cpus)
    print(
        f"database {settings.resolved_database_url().split(':')[0]}, {len(queries)} "
        f"queries, median hits {sorted(totals)[len(totals) // 2]}\n"
        f"wall p50/p95/p99 {wall['p50']:.1f}/{wall['p95']:.1f}/{wall['p99']:.1f} ms, "
        f"client CPU p50/p95/p99 {cpu['p50']:.1f}/{cpu['p95']:.1f}/{cpu['p99']:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
