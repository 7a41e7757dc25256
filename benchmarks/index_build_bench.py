"""Index build benchmark: wall and CPU time and peak memory of one full build.

Builds the match index of a stored memory the way a server process does
(``MatchEngine.ensure_fresh``: rows streamed from the database sorted by length,
the arrays built in chunks, saved under the instance directory and mapped back),
in a fresh process so the peak RSS (``ru_maxrss``) is the build's own.

Usage::

    python benchmarks/index_build_bench.py --workdir /tmp/bench1m \\
        [--database-url postgresql://postgres@127.0.0.1:5432/bench]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tmserver.config import Settings  # noqa: E402
from tmserver.services import suggest as service  # noqa: E402
from tmserver.store.db import make_engine  # noqa: E402
from tmserver.store.db import make_session_factory  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)
    env = {"TMSERVER_INSTANCE_DIR": str(args.workdir / "instance")}
    if args.database_url:
        env["TMSERVER_DATABASE_URL"] = args.database_url
    settings = Settings.from_env(env)
    factory = make_session_factory(make_engine(settings.resolved_database_url()))
    cache = args.workdir / "build-bench-index"
    shutil.rmtree(cache, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    engine = service.MatchEngine(cache)
    with factory() as session:
        started, cpu = time.perf_counter(), time.process_time()
        engine.ensure_fresh(session, force=True)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        snapshot = engine.snapshot(session)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    entries = sum(index.size for index in snapshot.indexes.values())
    families = sum(index.family_rep.size for index in snapshot.indexes.values())
    size = sum(f.stat().st_size for f in cache.rglob("*.npy"))
    print(
        f"{snapshot.indexed_count} units, {entries} distinct sources, {families} "
        f"families; build wall {wall:.1f} s, CPU {cpu:.1f} s (DB read and arrays "
        f"{engine.last_build_seconds:.1f} s wall); peak RSS {peak / 1024:.0f} MB "
        f"(process start {before / 1024:.0f} MB); index files {size / 2**20:.0f} MB"
    )
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
