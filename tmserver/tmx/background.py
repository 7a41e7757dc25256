"""Parse a TMX file in a second process while the caller stores what it yields.

On this project's two-core machines a large import is CPU-bound in two halves of
similar cost: parsing (lxml, building units) and inserting (SQLite). Running them in
two processes overlaps the halves. The worker is ``python -m tmserver.tmx.background``
(a plain subprocess, so it never re-imports the caller's main module or inherits its
threads or database connections); units travel back in pickled batches through a pipe,
whose buffer bounds memory whatever the file size. Small files are parsed in process:
starting a worker costs more than it saves.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import signal
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tmserver.errors import TMServerError
from tmserver.tmx.entries import TMXLimits
from tmserver.tmx.pairs import iter_tmx
from tmserver.units import TranslationUnit

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None  # type: ignore[assignment]

#: Files smaller than this are parsed in the calling process.
BACKGROUND_MIN_BYTES = 8 * 1024 * 1024
_BATCH = 2000
_HEADER = struct.Struct("<Q")
#: Pipe capacity asked for (Linux), so the parser runs ahead of the inserter.
_PIPE_BYTES = 1 << 20


def iter_tmx_file(
    path: Path,
    *,
    limits: TMXLimits,
    background_min_bytes: int = BACKGROUND_MIN_BYTES,
) -> Iterator[TranslationUnit]:
    """``iter_tmx`` over a file, parsed in a worker process when the file is large.

    The worker starts at once, not at the first ``next()``, so a caller can let it
    parse while it prepares the database. Errors raised by the parser reach the
    caller unchanged (same class, message and location); leaving the loop early
    stops the worker.
    """
    if path.stat().st_size < background_min_bytes:
        return iter_tmx(path, limits=limits)
    command = [
        sys.executable,
        "-m",
        "tmserver.tmx.background",
        str(path),
        json.dumps(dataclasses.asdict(limits)),
    ]
    worker = subprocess.Popen(
        command, stdout=subprocess.PIPE, env=_worker_env(), bufsize=_PIPE_BYTES
    )
    assert worker.stdout is not None
    _widen_pipe(worker.stdout.fileno())
    return _WorkerUnits(worker)


class _WorkerUnits:
    """The units a worker sends; closing (or dropping) it stops the worker.

    A class rather than a generator so that a worker is stopped even when the caller
    never asked for a unit (a generator's ``finally`` only runs once it started).
    """

    def __init__(self, worker: subprocess.Popen) -> None:
        self._worker: subprocess.Popen | None = worker
        self._units = _consume(worker.stdout)

    def __iter__(self) -> _WorkerUnits:
        return self

    def __next__(self) -> TranslationUnit:
        try:
            return next(self._units)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Stop the worker (if it still runs) and release the pipe."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        if worker.poll() is None:
            worker.kill()
        worker.stdout.close()
        worker.wait()

    def __del__(self) -> None:
        self.close()


def _widen_pipe(fd: int) -> None:
    """Ask Linux for a larger pipe buffer; elsewhere, or when refused, keep it."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if set_size is None:
        return
    try:
        fcntl.fcntl(fd, set_size, _PIPE_BYTES)
    except OSError:
        return


def _worker_env() -> dict[str, str]:
    """The caller's environment, with this package importable whatever the cwd."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, path]))}


def _read_frame(stream: BinaryIO) -> tuple[str, object]:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise TMServerError("the TMX parser process died unexpectedly")
    (size,) = _HEADER.unpack(header)
    body = stream.read(size)
    if len(body) < size:
        raise TMServerError("the TMX parser process died unexpectedly")
    return pickle.loads(body)


def _consume(stream: BinaryIO) -> Iterator[TranslationUnit]:
    while True:
        kind, payload = _read_frame(stream)
        if kind == "units":
            yield from payload
        elif kind == "done":
            return
        elif kind == "error":
            raise payload
        else:
            raise TMServerError(f"the TMX parser failed: {payload}")


def _produce(path: Path, limits: TMXLimits, out: BinaryIO) -> None:
    def send(kind: str, payload: object) -> None:
        # Length-prefixed frames: the reader takes a whole batch in one read instead
        # of unpickling in step with the writer through a 64 KiB pipe.
        body = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_HEADER.pack(len(body)))
        out.write(body)

    batch: list[TranslationUnit] = []
    try:
        for unit in iter_tmx(path, limits=limits):
            batch.append(unit)
            if len(batch) >= _BATCH:
                send("units", batch)
                batch = []
        send("units", batch)
        send("done", None)
    except BrokenPipeError:
        return  # the reader went away (it failed or stopped early): nothing to do
    except TMServerError as error:
        send("error", error)
    except Exception as error:  # report, do not hide: the parent raises it
        send("crash", f"{type(error).__name__}: {error}")
    out.flush()


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # a closed reader ends us quietly
    _produce(Path(sys.argv[1]), TMXLimits(**json.loads(sys.argv[2])), sys.stdout.buffer)
