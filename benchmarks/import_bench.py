"""Import throughput and peak memory of ``tmserver import``.

Generates a deterministic N-unit TMX from the real sentences in ``../shared/data`` plus
variants (``benchmarks/memgen.py``), then runs the real CLI in a child process and
reports units per second and the child's peak RSS. The TMX is written before the clock
starts; the figure is parse + insert + commit.

    python benchmarks/import_bench.py                     # 100k and 1M into SQLite
    python benchmarks/import_bench.py --sizes 100000 --postgres postgresql://...
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_tmx(n: int, directory: Path) -> Path:
    """The N-unit TMX, generated in a child process: generating it here would grow
    this process, and a child forked from a big parent reports the parent's RSS as
    its own peak (``ru_maxrss`` counts the moment before ``exec``)."""
    path = directory / f"memory-{n}.tmx"
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "benchmarks.memgen", str(n), "--out", str(path)],
            env={**os.environ, "PYTHONPATH": str(REPO)},
            check=True,
        )
    return path


def run_import(tmx: Path, database_url: str) -> tuple[float, float, float]:
    """(seconds, peak RSS in MB, CPU seconds) of one ``tmserver import`` child.

    The RSS is that of the import process and of its TMX parsing worker, whichever
    is larger (``wait4`` reports the child with its waited-for descendants).
    """
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMSERVER_DATABASE_URL": database_url}
    if database_url.startswith("postgresql"):
        subprocess.run(
            [sys.executable, "-m", "tmserver", "init-db"], env=env, check=True
        )
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "tmserver", "import", str(tmx)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"tmserver import failed with exit code {child.returncode}")
    # user + system time of the import and its waited-for parsing worker
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy import text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def row(target: str, n: int, seconds: float, rss: float, cpu: float) -> str:
    return (
        f"{target:<12}{n:>10,}{seconds:>10.1f}{n / seconds:>12,.0f}{cpu:>9.1f}"
        f"{cpu / n * 1e6:>10.1f}{rss:>13.0f}"
    )


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--postgres", help="also import every size into this URL")
    parser.add_argument(
        "--no-sqlite", action="store_true", help="only the PostgreSQL import"
    )
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tmserver-import-"))
    print(
        f"{'target':<12}{'units':>10}{'seconds':>10}{'units/s':>12}{'CPU s':>9}"
        f"{'CPU µs/u':>10}{'peak RSS MB':>13}   load average before"
    )
    for n in sizes:
        tmx = make_tmx(n, workdir)
        if not args.no_sqlite:
            database = workdir / f"import-{n}.db"
            database.unlink(missing_ok=True)
            load = load_average()
            print(row("sqlite", n, *run_import(tmx, f"sqlite:///{database}")), load)
        if args.postgres:
            reset_postgres(args.postgres)
            load = load_average()
            print(row("postgresql", n, *run_import(tmx, args.postgres)), load)


if __name__ == "__main__":
    main()
