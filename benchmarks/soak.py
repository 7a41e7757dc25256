"""Soak test: a real ``tmserver serve`` on 127.0.0.1 under a fixed-duration mixed load.

Builds an N-unit memory (``benchmarks/memgen.py``, real sentences plus variants),
imports it with the real CLI, starts the real server, and runs C client threads for
a fixed time. The mix: suggestions (amaGama GET) for edited memory sentences, multi-
segment ``POST /api/v1/suggest``, concordance searches and lint requests, every text
distinct so that per-process caches see new keys all the time. Reports throughput,
p50/p99 per kind, errors (a 5xx or a broken connection; 4xx answers are counted apart as
refusals), server CPU time
per request, and each worker's RSS after warm-up and at the end.

    python benchmarks/soak.py --duration 600 --clients 8 --units 100000

Talks to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

from benchmarks.memgen import generate
from benchmarks.memgen import write_tmx
from benchmarks.serving import serve_and_wait

REPO = Path(__file__).resolve().parents[1]
KINDS = ("suggest", "suggest_many", "concordance", "lint")
WEIGHTS = (70, 10, 12, 8)


def build_memory(workdir: Path, units: int) -> tuple[str, list[tuple[str, str]]]:
    """Import ``units`` generated units into a fresh SQLite file; its URL and pairs."""
    tmx = workdir / f"soak-{units}.tmx"
    pairs = [(u.source, u.target) for u in generate(units) if u.target_lang == "hr"]
    if not tmx.exists():
        write_tmx(generate(units), tmx)
    database = workdir / f"soak-{units}.db"
    url = f"sqlite:///{database}"
    if not database.exists():
        env = {**os.environ, "PYTHONPATH": str(REPO), "TMSERVER_DATABASE_URL": url}
        subprocess.run(
            [sys.executable, "-m", "tmserver", "import", str(tmx)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return url, pairs


def start_server(url: str, port: int, workers: int, workdir: Path) -> subprocess.Popen:
    memories = workdir / "no-memories"
    memories.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TMSERVER_DATABASE_URL": url,
        "TMSERVER_MEMORIES_DIR": str(memories),
        "TMSERVER_INSTANCE_DIR": str(workdir / "instance"),
    }
    command = [sys.executable, "-m", "tmserver", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers)]
    return serve_and_wait(command, env, port, timeout=600)


def worker_pids(server: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _edit(rng: random.Random, text: str) -> str:
    """A distinct near-copy of a memory sentence (a word dropped or a number)."""
    words = text.split()
    if len(words) > 3 and rng.random() < 0.5:
        del words[rng.randrange(len(words))]
    else:
        words.insert(rng.randrange(len(words) + 1), str(rng.randrange(10_000)))
    return " ".join(words)


def make_request(
    rng: random.Random, kind: str, pairs: list[tuple[str, str]]
) -> tuple[str, str, bytes | None]:
    source, target = rng.choice(pairs)
    if kind == "suggest":
        text = urllib.parse.quote(_edit(rng, source)[:1000], safe="")
        return "GET", f"/tmserver/en/hr/unit/{text}", None
    if kind == "suggest_many":
        texts = [_edit(rng, rng.choice(pairs)[0])[:1000] for _ in range(5)]
        body = {"source_lang": "en", "target_lang": "hr", "segments": texts}
        return "POST", "/api/v1/suggest", json.dumps(body).encode()
    if kind == "concordance":
        words = [w for w in source.split() if len(w) > 3] or source.split()
        query = urllib.parse.quote(" ".join(rng.sample(words, min(2, len(words)))))
        return "GET", f"/api/v1/en/hr/concordance?q={query}", None
    while len(source.split()) < 6:  # short lines may not read as an announcement
        source, target = rng.choice(pairs)
    body = {
        "source_text": _edit(rng, source),
        "target_text": target,
        "target_lang": "hr",
    }
    return "POST", "/api/v1/lint", json.dumps(body).encode()


class Client(threading.Thread):
    """One keep-alive connection sending the mix until the deadline."""

    def __init__(self, port: int, pairs, seed: int, deadline: float) -> None:
        super().__init__(daemon=True)
        self.port, self.pairs, self.deadline = port, pairs, deadline
        self.rng = random.Random(seed)
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.refused: dict[str, int] = defaultdict(int)

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        while time.monotonic() < self.deadline:
            kind = self.rng.choices(KINDS, WEIGHTS)[0]
            method, path, body = make_request(self.rng, kind, self.pairs)
            headers = {"Content-Type": "application/json"} if body else {}
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=60
                )
            self.latencies[kind].append(time.perf_counter() - started)
            if status >= 500 or status == 0:
                self.errors[f"{kind} {status}"] += 1
            elif status != 200:
                self.refused[f"{kind} {status}"] += 1
        connection.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def run_load(port: int, pairs, clients: int, seconds: float, seed: int) -> list[Client]:
    deadline = time.monotonic() + seconds
    threads = [Client(port, pairs, seed + i, deadline) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=600.0, help="seconds")
    parser.add_argument("--warmup", type=float, default=30.0, help="seconds")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=18790)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tmserver-soak-"))
    workdir.mkdir(parents=True, exist_ok=True)
    url, pairs = build_memory(workdir, args.units)
    server = start_server(url, args.port, args.workers, workdir)
    try:
        run_load(args.port, pairs, args.clients, args.warmup, seed=1000)
        pids = worker_pids(server)
        rss_start = {pid: rss_mb(pid) for pid in pids}
        cpu_start = cpu_seconds(pids)
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        started = time.monotonic()
        threads = run_load(args.port, pairs, args.clients, args.duration, seed=1)
        elapsed = time.monotonic() - started
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists()]
        cpu = cpu_seconds(alive) - cpu_start
        rss_end = {pid: rss_mb(pid) for pid in alive}
        restarted = sorted(set(worker_pids(server)) - set(pids))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(args, threads, elapsed, cpu, load, rss_start, rss_end, restarted)


def report(args, threads, elapsed, cpu, load, rss_start, rss_end, restarted) -> None:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    refused: dict[str, int] = defaultdict(int)
    for thread in threads:
        for kind, values in thread.latencies.items():
            latencies[kind].extend(values)
        for kind, count in thread.errors.items():
            errors[kind] += count
        for kind, count in thread.refused.items():
            refused[kind] += count
    every = [v for values in latencies.values() for v in values]
    total = len(every)
    print(
        f"soak: {elapsed:.0f} s, {args.clients} clients, {args.workers} workers, "
        f"{args.units:,} units; load average before: {load}"
    )
    print(
        f"requests {total:,}  throughput {total / elapsed:,.1f} req/s  "
        f"errors {sum(errors.values())}  {dict(errors) or ''}"
    )
    print(
        f"server CPU {cpu:.1f} s = {cpu / max(total, 1) * 1000:.2f} ms per request "
        f"({cpu / elapsed:.2f} cores busy)"
    )
    print(f"{'kind':<14}{'requests':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for kind in KINDS:
        values = latencies.get(kind, [])
        if values:
            print(
                f"{kind:<14}{len(values):>10,}{percentile(values, 0.5):>10.1f}"
                f"{percentile(values, 0.99):>10.1f}"
            )
    print(
        f"{'all':<14}{total:>10,}{percentile(every, 0.5):>10.1f}"
        f"{percentile(every, 0.99):>10.1f}"
    )
    for pid, start in rss_start.items():
        end = rss_end.get(pid)
        if end is None:
            print(f"worker {pid}: RSS {start:.0f} MB at start, gone at the end")
        else:
            print(
                f"worker {pid}: RSS {start:.0f} MB -> {end:.0f} MB "
                f"({(end - start) / start * 100:+.1f} %)"
            )
    if restarted:
        print(f"workers started during the run: {restarted}")


if __name__ == "__main__":
    main()
