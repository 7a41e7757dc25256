"""Pre-translation benchmark: sentences per second through the public use case.

Builds (or reuses) a memory of N generated units (``benchmarks/memgen.py``, the same
memory as the suggestion benchmark), builds the match index once, then pre-translates
releases made of memory sentences as they are, memory sentences edited (a word
dropped, added or misspelt, a number changed) and sentences the memory has never
seen (held out of it), a third each. Each run is the whole use case a translator
triggers: read the release (segmentation), ``pretranslate`` (suggest per sentence,
adaptation, levels, in-context look-ups), write XLIFF 2.1 and the summary.

Reports sentences per second on CPU time (``time.process_time``, this process only,
one core) and on wall time, with the level counts.

With ``--api`` the same release is also posted to ``/api/v1/pretranslate`` of the real
app (``create_app(...).test_client()``, the index mapped from the instance directory).

Usage::

    python benchmarks/pretranslate_bench.py --n 1000000 --workdir /tmp/bench1m \
        [--sentences 600] [--runs 5] [--api] [--database-url postgresql://...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

from sqlalchemy import select

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.memgen import held_out_pairs  # noqa: E402
from benchmarks.suggest_bench import _edit  # noqa: E402
from benchmarks.suggest_bench import load_memory  # noqa: E402
from tmserver.config import Settings  # noqa: E402
from tmserver.formats.outputs import render  # noqa: E402
from tmserver.formats.release import read_release  # noqa: E402
from tmserver.formats.summary import summarise  # noqa: E402
from tmserver.services.pretranslate import policy_for  # noqa: E402
from tmserver.services.pretranslate import pretranslate  # noqa: E402
from tmserver.services.suggest import MatchEngine  # noqa: E402
from tmserver.services.suggest import MatchPolicy  # noqa: E402
from tmserver.store.db import make_engine  # noqa: E402
from tmserver.store.db import make_session_factory  # noqa: E402
from tmserver.store.models import UnitRow  # noqa: E402

TARGET = "hr"


def release_text(session, n: int, sentences: int, rng: random.Random) -> str:
    """A release: memory sentences, edited ones and unseen ones, 3 per paragraph."""
    step = max(1, n // (sentences * 10))
    rows = session.execute(
        select(UnitRow.source)
        .where(UnitRow.target_lang == TARGET, UnitRow.id % step == 0)
        .limit(sentences * 2)
    ).all()
    known = [r[0] for r in rows if r[0].rstrip().endswith((".", "!", "?"))]
    rng.shuffle(known)
    third = sentences // 3
    exact = known[:third]
    edited = [_edit(rng, s) for s in known[third : 2 * third]]
    unseen = [s for s, _t, lang, _ in held_out_pairs() if lang == TARGET]
    rng.shuffle(unseen)
    picked = exact + edited + unseen[: sentences - 2 * third]
    rng.shuffle(picked)
    paragraphs = [" ".join(picked[i : i + 3]) for i in range(0, len(picked), 3)]
    return "\n\n".join(paragraphs) + "\n"


def api_runs(settings: Settings, text: str, runs: int, count: int) -> list[dict]:
    """CPU and wall time of ``POST /api/v1/pretranslate`` (JSON, then XLIFF)."""
    from tmserver.web import create_app

    client = create_app(settings).test_client()
    found = []
    for number in range(runs):
        fmt = "xliff" if number == runs - 1 else "json"
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.post(
            "/api/v1/pretranslate",
            json={"text": text, "target_lang": TARGET, "format": fmt},
        )
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        assert response.status_code == 200, response.data[:200]
        found.append(
            {
                "format": fmt,
                "cpu_seconds": round(cpu, 3),
                "wall_seconds": round(wall, 3),
                "sentences_per_cpu_second": round(count / cpu, 1),
            }
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--api",
        action="store_true",
        help="also POST the release to /api/v1/pretranslate of the real app",
    )
    args = parser.parse_args(argv)

    args.workdir.mkdir(parents=True, exist_ok=True)
    env = {
        "TMSERVER_INSTANCE_DIR": str(args.workdir / "instance"),
        "TMSERVER_MEMORIES_DIR": str(args.workdir / "memories"),
    }
    if args.database_url:
        env["TMSERVER_DATABASE_URL"] = args.database_url
    settings = Settings.from_env(env)
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()}")
    print(f"loading {args.n:,} units ...", flush=True)
    load_seconds = load_memory(settings, args.n)

    factory = make_session_factory(make_engine(settings.resolved_database_url()))
    cache = Path(settings.instance_dir).resolve() / "match-index"
    shutil.rmtree(cache, ignore_errors=True)
    engine = MatchEngine(cache)
    with factory() as session:
        started = time.perf_counter()
        engine.ensure_fresh(session, force=True)
        build = time.perf_counter() - started
        text = release_text(session, args.n, args.sentences, random.Random(7))
    policy = policy_for(MatchPolicy(), 75.0)
    data = text.encode("utf-8")
    runs = []
    for _ in range(args.runs):
        with factory() as session:
            cpu, wall = time.process_time(), time.perf_counter()
            release = read_release(data, "release.txt")
            draft = pretranslate(session, engine, release, TARGET, policy)
            render(draft, "xliff")
            summary = summarise(draft)
            runs.append(
                (time.process_time() - cpu, time.perf_counter() - wall, summary)
            )
    cpu, wall, summary = min(runs, key=lambda r: r[0])
    count = summary["sentences"]
    results = {
        "n": args.n,
        "database": settings.resolved_database_url().split(":")[0],
        "load_seconds": round(load_seconds, 1),
        "index_build_seconds": round(build, 1),
        "sentences": count,
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(wall, 3),
        "sentences_per_cpu_second": round(count / cpu, 1),
        "sentences_per_wall_second": round(count / wall, 1),
        "cpu_ms_per_sentence": round(1000 * cpu / count, 2),
        "runs_cpu_seconds": [round(r[0], 3) for r in runs],
        "levels": {k: v["sentences"] for k, v in summary["levels"].items()},
        "load_average_after": Path("/proc/loadavg").read_text().strip(),
        "pid": os.getpid(),
    }
    if args.api:
        results["api"] = api_runs(settings, text, args.runs, count)
    print(json.dumps(results, indent=2))
    (args.workdir / "pretranslate-results.json").write_text(
        json.dumps(results, indent=2)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
