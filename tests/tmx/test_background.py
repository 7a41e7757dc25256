"""Parsing large TMX files in a worker process gives the same units and errors."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tests.tmxdata import SEED_PAIRS
from tests.tmxdata import write_tmx
from tmserver.errors import PayloadTooLargeError
from tmserver.errors import TMXFormatError
from tmserver.tmx import TMXLimits
from tmserver.tmx import iter_tmx
from tmserver.tmx.background import iter_tmx_file
from tmserver.units import TranslationUnit

LIMITS = TMXLimits()


def test_worker_yields_the_same_units(tmp_path: Path) -> None:
    path = write_tmx(tmp_path / "a.tmx", SEED_PAIRS * 1500)
    expected = list(iter_tmx(path, limits=LIMITS))
    got = list(iter_tmx_file(path, limits=LIMITS, background_min_bytes=0))
    assert got == expected and len(got) == 4500


def test_worker_errors_keep_class_and_location(tmp_path: Path) -> None:
    path = write_tmx(tmp_path / "bad.tmx", SEED_PAIRS * 1000)
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(TMXFormatError) as caught:
        list(iter_tmx_file(path, limits=LIMITS, background_min_bytes=0))
    assert caught.value.location and caught.value.location.startswith(str(path))


def test_worker_enforces_limits(tmp_path: Path) -> None:
    path = write_tmx(tmp_path / "big.tmx", SEED_PAIRS * 10)
    with pytest.raises(PayloadTooLargeError):
        list(iter_tmx_file(path, limits=TMXLimits(max_units=5), background_min_bytes=0))


def test_units_and_errors_pickle_faithfully() -> None:
    unit = TranslationUnit("a", "b", "en", "hr", props=(("x-a", "1"),), note="n")
    assert pickle.loads(pickle.dumps(unit)) == unit
    error = pickle.loads(pickle.dumps(TMXFormatError("broken", location="f.tmx:3")))
    assert type(error) is TMXFormatError
    assert (error.message, error.location, str(error)) == (
        "broken",
        "f.tmx:3",
        "f.tmx:3: broken",
    )


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("read_first", [True, False])
def test_an_abandoned_worker_is_stopped(tmp_path: Path, read_first: bool) -> None:
    path = write_tmx(tmp_path / "a.tmx", SEED_PAIRS * 3000)
    units = iter_tmx_file(path, limits=LIMITS, background_min_bytes=0)
    if read_first:
        assert next(units).source == SEED_PAIRS[0][0]
    units.close()  # the consumer stops early: the worker must be gone
    assert _workers_for(path) == 0


def _workers_for(path: Path) -> int:
    """Live ``tmserver.tmx.background`` processes parsing ``path`` (Linux /proc)."""
    count = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "tmserver.tmx.background" in text and str(path) in text:
            count += 1
    return count
