"""Suggestion benchmark: recall against brute force, latency, throughput, memory.

Builds (or reuses) a memory of N generated units (``benchmarks/memgen.py``, or
``--corpus dense``: ``benchmarks/dense_corpus.py``, near-duplicate-dense) in a
database, builds the match index, and measures for three query groups (exact, near,
miss):

* recall@1 / recall@5 against a brute-force rapidfuzz scan of the same memory (same
  quality figure, same target languages, threshold 70), of the index alone and
  through ``suggest()`` (the path users call; ``max_candidates`` 1 and 5, placeables
  on), and how many answers came back empty although the scan found a match;
* latency in-process (index search alone, and the whole suggest use case with the
  database fetch, substitution and ranking) and over HTTP against a real
  ``tmserver serve`` (gunicorn, 2 workers) on 127.0.0.1;
* HTTP throughput with concurrent clients, peak RSS of each worker;
* index build time;
* the same queries, on a subset, through a brute-force rapidfuzz scan and
  translate-toolkit's ``translate.search.match.matcher`` (max_length 1000), so the
  table shows ratios.

Usage::

    python benchmarks/suggest_bench.py --n 100000 --workdir /tmp/bench100k
    python benchmarks/suggest_bench.py --corpus dense --n 100000 --workdir /tmp/d100k
    python benchmarks/suggest_bench.py --n 1000000 --workdir /tmp/bench1m \
        [--database-url postgresql://postgres@127.0.0.1:5432/bench]

Prints a table and writes ``results.json`` in the work directory.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.dense_corpus import dense_units  # noqa: E402
from benchmarks.dense_corpus import held_out_queries  # noqa: E402
from benchmarks.memgen import generate  # noqa: E402
from benchmarks.memgen import held_out_pairs  # noqa: E402
from benchmarks.serving import serve_and_wait  # noqa: E402
from tmserver.config import Settings  # noqa: E402
from tmserver.services import suggest as service  # noqa: E402
from tmserver.store import queries  # noqa: E402
from tmserver.store.db import make_engine  # noqa: E402
from tmserver.store.db import make_session_factory  # noqa: E402
from tmserver.store.db import upgrade_schema  # noqa: E402
from tmserver.units import TranslationUnit  # noqa: E402

THRESHOLD = 70.0
K = 5


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds."""
    if not values:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan")}
    array = np.asarray(values) * 1000.0
    p50, p95, p99 = np.percentile(array, [50, 95, 99])
    return {"p50": float(p50), "p95": float(p95), "p99": float(p99)}


# ------------------------------------------------------------------ memory


def corpus_units(corpus: str, n: int) -> list:
    """The ``n`` units of the memgen or the near-duplicate-dense corpus."""
    return dense_units(n) if corpus == "dense" else list(generate(n))


def load_memory(settings: Settings, n: int, corpus: str = "memgen") -> float:
    """Fill the database with ``n`` generated units unless it holds them already."""
    engine = make_engine(settings.resolved_database_url())
    upgrade_schema(engine)
    factory = make_session_factory(engine)
    with factory() as session:
        if queries.count_units(session) >= n:
            return 0.0
    started = time.perf_counter()
    units = (
        TranslationUnit(
            source=u.source,
            target=u.target,
            source_lang="en",
            target_lang=u.target_lang,
            origin=u.origin,
        )
        for u in corpus_units(corpus, n)
    )
    with factory.begin() as session:
        queries.add_units(session, units)
    engine.dispose()
    return time.perf_counter() - started


# ------------------------------------------------------------------ queries


def _edit(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    choice = rng.random()
    if choice < 0.3 and len(words) > 3:
        del words[rng.randrange(len(words))]
    elif choice < 0.6:
        words.insert(rng.randrange(len(words) + 1), rng.choice(["new", "also", "all"]))
    elif choice < 0.8:
        position = rng.randrange(len(words))
        word = words[position]
        if len(word) > 3:
            cut = rng.randrange(1, len(word) - 1)
            words[position] = word[:cut] + word[cut + 1 :]
    else:
        words[rng.randrange(len(words))] = str(rng.randint(2, 2000))
    return " ".join(words)


def make_queries(
    index_texts: list[str], rng: random.Random, per_group: int, units: list
) -> list[tuple[str, str, str]]:
    """(group, text, target_lang) for the three groups."""
    found = []
    for _ in range(per_group):
        unit = units[rng.randrange(len(units))]
        found.append(("exact", unit.source, unit.target_lang))
    for _ in range(per_group):
        unit = units[rng.randrange(len(units))]
        text = _edit(rng, _edit(rng, unit.source))
        found.append(("near", text, unit.target_lang))
    held = held_out_pairs()
    for _ in range(per_group):
        src, _tgt, lang, _ = held[rng.randrange(len(held))]
        found.append(("miss", src, lang))
    return found


# ------------------------------------------------------------------ brute force


def brute_force(index, text: str, target_lang: str, texts: list[str]) -> list[float]:
    """True top-k qualities (≥ threshold) by scanning every source text."""
    bits = index.target_bits(
        [
            target_lang,
            *(
                [service._SCRIPT_TWIN[target_lang]]
                if target_lang in service._SCRIPT_TWIN
                else []
            ),
        ]
    )
    mask = (index.entry_targets & np.uint64(bits)) != 0
    scores = process.cdist(
        [text],
        texts,
        scorer=Levenshtein.normalized_similarity,
        score_cutoff=THRESHOLD / 100,
        workers=-1,
        dtype=np.float64,
    )[0]
    scores = np.where(mask, scores * 100.0, 0.0)
    top = np.argsort(-scores, kind="stable")[:K]
    return [float(s) for s in scores[top] if s >= THRESHOLD]


def brute_force_timed(text: str, texts: list[str]) -> float:
    """One single-threaded brute-force top-k query (the baseline's latency)."""
    started = time.perf_counter()
    process.extract(
        text,
        texts,
        scorer=Levenshtein.normalized_similarity,
        score_cutoff=THRESHOLD / 100,
        limit=K,
    )
    return time.perf_counter() - started


def _by_source(answer: list) -> list[float]:
    """Raw qualities of the distinct sources of a suggest() answer, best first."""
    best: dict[str, float] = {}
    for item in answer:
        best[item.source] = max(best.get(item.source, 0.0), item.raw_quality)
    return sorted(best.values(), reverse=True)


def recall(truth: list[float], got: list[float], k: int) -> tuple[int, int]:
    """(found, wanted) of the true top-k qualities (multiset match, 1e-6 slack)."""
    wanted = truth[:k]
    pool = list(got[:k])
    found = 0
    for value in wanted:
        for i, candidate in enumerate(pool):
            if abs(candidate - value) < 1e-4:
                found += 1
                del pool[i]
                break
    return found, len(wanted)


# ------------------------------------------------------------------ translate-toolkit


class _TieBreakingComparer:
    """translate-toolkit's Levenshtein comparer with ties broken by a tiny epsilon.

    The matcher keeps a heap of ``(score, unit)``; two equal scores make Python compare
    pounits, which raises TypeError. A unique 1e-9 step per comparison avoids that
    without changing any ranking that matters.
    """

    def __init__(self) -> None:
        from translate.search.lshtein import LevenshteinComparer

        self._inner = LevenshteinComparer(1000)
        self._step = 0

    def similarity(self, a: str, b: str, stoppercentage: float = 40) -> float:
        self._step += 1
        return self._inner.similarity(a, b, stoppercentage) + self._step * 1e-12


def toolkit_matcher(index, target_lang: str, limit_units: int | None = None):
    """translate-toolkit's matcher over the same memory (one target language)."""
    from translate.search import match
    from translate.storage import po

    store = po.pofile()
    bits = index.target_bits([target_lang])
    count = 0
    for entry in range(index.size):
        if not int(index.entry_targets[entry]) & bits:
            continue
        unit = store.addsourceunit(index.text(entry))
        unit.target = "x"
        count += 1
        if limit_units and count >= limit_units:
            break
    matcher = match.matcher(
        store,
        max_candidates=K,
        min_similarity=THRESHOLD,
        max_length=1000,
        comparer=_TieBreakingComparer(),
    )
    return matcher


def toolkit_query(matcher, text: str) -> float:
    """Time one toolkit query; ties make it raise TypeError, so we retry distinct."""
    started = time.perf_counter()
    try:
        matcher.matches(text)
    except TypeError:
        pass  # equal scores compare pounits; the work was done, the time counts
    return time.perf_counter() - started


# ------------------------------------------------------------------ HTTP


def start_server(
    settings_env: dict[str, str], port: int, workers: int
) -> subprocess.Popen:
    env = dict(os.environ, **settings_env, PYTHONPATH=str(REPO))
    command = [
        sys.executable,
        "-m",
        "tmserver",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    return serve_and_wait(command, env, port, timeout=300)


def http_get(port: int, path: str) -> float:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status} for {path}")
    return time.perf_counter() - started


def unit_path(text: str, target_lang: str) -> str:
    wire = target_lang.replace("-", "_").lower()
    return f"/tmserver/en/{wire}/unit/{quote(text[:500], safe='')}"


def _raw_get(port: int, request: bytes) -> None:
    """One GET over a raw socket (the server closes the connection after it)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        head = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            head += chunk
    if not head.startswith(b"HTTP/1.1 200") and not head.startswith(b"HTTP/1.0 200"):
        raise RuntimeError(head[:100])


def _load_worker(port: int, requests: list[bytes], stop: float, seed: int, out) -> None:
    rng = random.Random(seed)
    count = 0
    while time.time() < stop:
        _raw_get(port, requests[rng.randrange(len(requests))])
        count += 1
    out.put(count)


def throughput(port: int, paths: list[str], clients: int, seconds: float) -> float:
    """Requests per second with ``clients`` concurrent client processes.

    Raw sockets and separate processes keep the load generator's own CPU use small
    (it shares the two cores with the server).
    """
    import multiprocessing

    requests = [
        f"GET {p} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
        "Connection: close\r\n\r\n".encode()
        for p in paths
    ]
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    stop = time.time() + seconds
    started = time.time()
    workers = [
        context.Process(target=_load_worker, args=(port, requests, stop, i, out))
        for i in range(clients)
    ]
    for worker in workers:
        worker.start()
    total = sum(out.get() for _ in workers)
    for worker in workers:
        worker.join()
    return total / (time.time() - started)


def workers_cpu_seconds(server: subprocess.Popen) -> float:
    """User + system CPU time used so far by the server's worker processes."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    ticks = 0
    for pid in children.read_text().split():
        # the fields after the command name (which may hold spaces); utime, stime
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_rss(server: subprocess.Popen) -> list[dict[str, int]]:
    """Peak RSS (VmHWM) and current file-backed/anonymous RSS of each worker, MB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    result = []
    for pid in children.read_text().split():
        fields = {}
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in {"VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem"}:
                fields[name] = int(value.split()[0]) // 1024
        result.append(fields)
    return result


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--corpus", choices=("memgen", "dense"), default="memgen")
    parser.add_argument(
        "--max-verify",
        type=int,
        default=service.MatchPolicy().max_verify,
        help="the policy's verification cap (0: the exact search)",
    )
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--queries", type=int, default=150, help="per group")
    parser.add_argument("--baseline-queries", type=int, default=20)
    parser.add_argument("--toolkit-queries", type=int, default=10)
    parser.add_argument(
        "--clients", default="2,4", help="concurrent client counts, comma-separated"
    )
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--no-toolkit", action="store_true")
    args = parser.parse_args(argv)

    args.workdir.mkdir(parents=True, exist_ok=True)
    (args.workdir / "memories").mkdir(exist_ok=True)
    env = {
        "TMSERVER_INSTANCE_DIR": str(args.workdir / "instance"),
        "TMSERVER_MEMORIES_DIR": str(args.workdir / "memories"),
        "TMSERVER_MAX_QUERY_CHARS": "2000",
        "TMSERVER_MATCH_MAX_VERIFY": str(args.max_verify),
    }
    if args.database_url:
        env["TMSERVER_DATABASE_URL"] = args.database_url
    settings = Settings.from_env(env)
    results: dict = {
        "n": args.n,
        "database": settings.resolved_database_url().split(":")[0],
    }
    print(f"loading {args.n} units ...", flush=True)
    results["load_seconds"] = load_memory(settings, args.n, args.corpus)

    db = make_engine(settings.resolved_database_url())
    factory = make_session_factory(db)
    cache = Path(settings.instance_dir).resolve() / "match-index"
    import shutil

    shutil.rmtree(cache, ignore_errors=True)
    engine = service.MatchEngine(cache)
    with factory() as session:
        started = time.perf_counter()
        engine.ensure_fresh(session, force=True)
        results["index_build_seconds"] = time.perf_counter() - started
        results["index_build_only_seconds"] = engine.last_build_seconds
        snapshot = engine.snapshot(session)
    index = snapshot.indexes["en"]
    results["distinct_sources"] = index.size
    print(
        f"index: {index.size} sources, build {results['index_build_seconds']:.1f} s",
        flush=True,
    )
    texts = index.texts(np.arange(index.size))
    memory_units = corpus_units(args.corpus, args.n)
    rng = random.Random(42)
    references: list[list[float] | None]
    if args.corpus == "dense":
        dense = held_out_queries(memory_units, 3 * args.queries, threshold=THRESHOLD)
        query_list = [(q.group, q.text, q.target_lang) for q in dense]
        references = [[value for value, _ in q.reference] for q in dense]
    else:
        query_list = make_queries(texts, rng, args.queries, memory_units)
        references = [None] * len(query_list)
    del memory_units

    policy = service.MatchPolicy(max_verify=args.max_verify)
    policy_one = service.MatchPolicy(max_candidates=1, max_verify=args.max_verify)
    groups: dict[str, dict] = {}
    for group in ("exact", "near", "miss"):
        groups[group] = {
            "index": [],
            "cpu": [],
            "suggest": [],
            "suggest_cpu": [],
            "r1": [0, 0],
            "r5": [0, 0],
            "s1": [0, 0],
            "s5": [0, 0],
            "empty": 0,
        }
    with factory() as session:
        for _group, text, lang in query_list[:20]:  # warm caches
            service.suggest(session, engine, text, "en", lang, policy)
        found_by_query = []
        through_suggest = []
        for group, text, lang in query_list:  # timing pass: nothing in between
            targets = [lang] + (
                [service._SCRIPT_TWIN[lang]] if lang in service._SCRIPT_TWIN else []
            )
            bits = index.target_bits(targets)
            started = time.perf_counter()
            cpu = time.process_time()
            hits = index.search(
                text, bits, min_quality=THRESHOLD, limit=K, max_verify=args.max_verify
            )
            groups[group]["cpu"].append(time.process_time() - cpu)
            groups[group]["index"].append(time.perf_counter() - started)
            found_by_query.append([h.quality for h in hits])
            started = time.perf_counter()
            cpu = time.process_time()
            answer = service.suggest(session, engine, text, "en", lang, policy)
            groups[group]["suggest_cpu"].append(time.process_time() - cpu)
            groups[group]["suggest"].append(time.perf_counter() - started)
            one = service.suggest(session, engine, text, "en", lang, policy_one)
            through_suggest.append((_by_source(answer), _by_source(one)))
        print("brute force ...", flush=True)
        for (group, text, lang), got, (five, one), truth in zip(
            query_list, found_by_query, through_suggest, references, strict=True
        ):
            if truth is None:
                truth = brute_force(index, text, lang, texts)
            for key, k, answer in (
                ("r1", 1, got),
                ("r5", 5, got),
                ("s1", 1, one),
                ("s5", 5, five),
            ):
                found, wanted = recall(truth, answer, k)
                groups[group][key][0] += found
                groups[group][key][1] += wanted
            if truth and not five:
                groups[group]["empty"] += 1
    all_index = [t for g in groups.values() for t in g["index"]]
    all_suggest = [t for g in groups.values() for t in g["suggest"]]
    results["corpus"] = args.corpus
    results["max_verify"] = args.max_verify
    results["groups"] = {
        name: {
            "queries": len(g["index"]),
            "recall@1": g["r1"][0] / max(1, g["r1"][1]),
            "recall@5": g["r5"][0] / max(1, g["r5"][1]),
            "suggest_recall@1": g["s1"][0] / max(1, g["s1"][1]),
            "suggest_recall@5": g["s5"][0] / max(1, g["s5"][1]),
            "empty_answers": g["empty"],
            "true_matches@5": g["r5"][1],
            "index_ms": percentiles(g["index"]),
            "index_cpu_ms": percentiles(g["cpu"]),
            "suggest_ms": percentiles(g["suggest"]),
            "suggest_cpu_ms": percentiles(g["suggest_cpu"]),
        }
        for name, g in groups.items()
    }
    for key in ("r1", "r5", "s1", "s5"):
        wanted = sum(g[key][1] for g in groups.values())
        found = sum(g[key][0] for g in groups.values())
        name = {"r1": "recall@1", "r5": "recall@5"}.get(key, f"suggest_recall@{key[1]}")
        results[name] = found / max(1, wanted)
    results["empty_answers"] = sum(g["empty"] for g in groups.values())
    results["index_ms"] = percentiles(all_index)
    results["index_cpu_ms"] = percentiles(
        [t for g in groups.values() for t in g["cpu"]]
    )
    results["suggest_ms"] = percentiles(all_suggest)
    results["suggest_cpu_ms"] = percentiles(
        [t for g in groups.values() for t in g["suggest_cpu"]]
    )
    print(
        json.dumps(
            {
                k: results[k]
                for k in (
                    "recall@1",
                    "recall@5",
                    "suggest_recall@1",
                    "suggest_recall@5",
                    "empty_answers",
                    "index_ms",
                    "suggest_ms",
                    "suggest_cpu_ms",
                )
            }
        ),
        flush=True,
    )

    per_group = max(1, args.baseline_queries // 3)
    subset = _spread(query_list, per_group)
    brute = [brute_force_timed(text, texts) for _g, text, _l in subset]
    results["brute_force_ms"] = percentiles(brute)
    mine = []
    for _g, text, lang in subset:
        bits = index.target_bits([lang])
        started = time.perf_counter()
        index.search(
            text, bits, min_quality=THRESHOLD, limit=K, max_verify=args.max_verify
        )
        mine.append(time.perf_counter() - started)
    results["index_ms_subset"] = percentiles(mine)
    print(f"brute force p50 {results['brute_force_ms']['p50']:.0f} ms", flush=True)

    if not args.no_toolkit:
        lang = "hr"
        started = time.perf_counter()
        matcher = toolkit_matcher(index, lang)
        results["toolkit_build_seconds"] = time.perf_counter() - started
        tk = [
            toolkit_query(matcher, text)
            for _g, text, _l in _spread(subset, max(1, args.toolkit_queries // 3))
        ]
        results["toolkit_ms"] = percentiles(tk)
        del matcher
        print(f"toolkit p50 {results['toolkit_ms']['p50']:.0f} ms", flush=True)

    if not args.no_http:
        server = start_server(env, args.port, args.workers)
        try:
            paths = [unit_path(text, lang) for _g, text, lang in query_list]
            for path in paths[:20]:
                http_get(args.port, path)
            cpu = workers_cpu_seconds(server)
            latencies = [http_get(args.port, path) for path in paths]
            cpu = workers_cpu_seconds(server) - cpu
            results["http_ms"] = percentiles(latencies)
            # server CPU per request (gunicorn + Flask + suggest), sequential GETs:
            # what bounds the throughput of a box with that many cores to spare
            results["server_cpu_ms_per_request"] = 1000.0 * cpu / len(paths)
            results["http_rps_by_clients"] = {
                int(n): throughput(args.port, paths, int(n), args.seconds)
                for n in args.clients.split(",")
            }
            results["http_rps"] = max(results["http_rps_by_clients"].values())
            results["worker_rss_mb"] = worker_rss(server)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        print(
            f"HTTP p50 {results['http_ms']['p50']:.1f} ms, "
            f"{results['http_rps']:.0f} req/s",
            flush=True,
        )

    (args.workdir / "results.json").write_text(json.dumps(results, indent=2))
    print_table(results)
    return 0


def _spread(items: list, per_group: int) -> list:
    """The first ``per_group`` queries of each group."""
    taken: dict[str, int] = {}
    chosen = []
    for item in items:
        if taken.get(item[0], 0) < per_group:
            taken[item[0]] = taken.get(item[0], 0) + 1
            chosen.append(item)
    return chosen


def print_table(results: dict) -> None:
    print()
    print(
        f"corpus {results['corpus']}, N = {results['n']:,} units "
        f"({results['distinct_sources']:,} distinct sources), "
        f"database {results['database']}"
    )
    print(
        f"index build {results['index_build_seconds']:.1f} s "
        f"(DB read + arrays {results['index_build_only_seconds']:.1f} s; then saving)"
    )
    print(
        f"{'group':8} {'index r@1':>9} {'index r@5':>9} {'sugg r@1':>9} "
        f"{'sugg r@5':>9} {'empty':>5} {'true@5':>7} "
        f"{'index p50/p95/p99 ms':>24} {'suggest p50/p95/p99 ms':>24} "
        f"{'suggest CPU p50/p99':>20}"
    )
    for name, g in results["groups"].items():
        i, s, c = g["index_ms"], g["suggest_ms"], g["suggest_cpu_ms"]
        print(
            f"{name:8} {g['recall@1']:9.3f} {g['recall@5']:9.3f} "
            f"{g['suggest_recall@1']:9.3f} {g['suggest_recall@5']:9.3f} "
            f"{g['empty_answers']:5d} {g['true_matches@5']:7d} "
            f"{i['p50']:8.2f}/{i['p95']:6.2f}/{i['p99']:6.2f} "
            f"{s['p50']:8.2f}/{s['p95']:6.2f}/{s['p99']:6.2f} "
            f"{c['p50']:9.2f}/{c['p99']:6.2f}"
        )
    i, s, c = results["index_ms"], results["suggest_ms"], results["suggest_cpu_ms"]
    print(
        f"{'all':8} {results['recall@1']:9.3f} {results['recall@5']:9.3f} "
        f"{results['suggest_recall@1']:9.3f} {results['suggest_recall@5']:9.3f} "
        f"{results['empty_answers']:5d} {'':7} "
        f"{i['p50']:8.2f}/{i['p95']:6.2f}/{i['p99']:6.2f} "
        f"{s['p50']:8.2f}/{s['p95']:6.2f}/{s['p99']:6.2f} "
        f"{c['p50']:9.2f}/{c['p99']:6.2f}"
    )
    cpu = results["index_cpu_ms"]
    print(
        "index CPU time (immune to other processes on the box) p50/p95/p99 "
        f"{cpu['p50']:.2f}/{cpu['p95']:.2f}/{cpu['p99']:.2f} ms; by group p50: "
        + ", ".join(
            f"{n} {g['index_cpu_ms']['p50']:.2f}" for n, g in results["groups"].items()
        )
    )
    sub = results["index_ms_subset"]["p50"]
    bf = results["brute_force_ms"]["p50"]
    print(
        f"baseline subset p50: index {sub:.2f} ms, brute-force rapidfuzz {bf:.1f} ms "
        f"(×{bf / sub:.0f})",
        end="",
    )
    if "toolkit_ms" in results:
        tk = results["toolkit_ms"]["p50"]
        print(
            f", translate-toolkit matcher {tk:.0f} ms (×{tk / sub:.0f}; "
            f"build {results['toolkit_build_seconds']:.0f} s)"
        )
    else:
        print()
    if "http_ms" in results:
        h = results["http_ms"]
        print(
            f"HTTP p50/p95/p99 {h['p50']:.2f}/{h['p95']:.2f}/{h['p99']:.2f} ms, "
            f"throughput {results['http_rps']:.0f} req/s "
            f"(by clients: {results['http_rps_by_clients']})"
        )
        print(
            "server CPU per request (workers' user+system time over the sequential "
            f"GETs) {results['server_cpu_ms_per_request']:.2f} ms"
        )
        for number, rss in enumerate(results["worker_rss_mb"]):
            print(
                f"worker {number}: peak RSS {rss.get('VmHWM')} MB "
                f"(now {rss.get('VmRSS')} MB:"
                f" anon {rss.get('RssAnon')}, file-backed shared {rss.get('RssFile')})"
            )
    _ = statistics


if __name__ == "__main__":
    raise SystemExit(main())
