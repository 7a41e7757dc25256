"""The lint look-up cache is bounded by size and drops the least recently used
answers first (hypothesis against a brute-force reference LRU)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tmserver.services.lintstore import _UNKNOWN
from tmserver.services.lintstore import LintMemoryCache
from tmserver.services.lintstore import _approx_size

KEYS = st.text(alphabet="abcdefgh", min_size=1, max_size=3)
OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["get", "put"]), KEYS, st.text(max_size=50)),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(operations=OPERATIONS, budget=st.integers(200, 3000))
def test_the_cache_is_an_lru_bounded_by_size(operations, budget: int) -> None:
    cache = LintMemoryCache(max_bytes=budget)
    reference: list[tuple[str, str, int]] = []  # (key, value, size), oldest first
    for operation, key, value in operations:
        found = next((entry for entry in reference if entry[0] == key), None)
        if operation == "get":
            got = cache.get("term", (key,))
            if found is None:
                assert got is _UNKNOWN
            else:
                assert got == found[1]
                reference.remove(found)
                reference.append(found)
            continue
        cache.put("term", (key,), value)
        if found is not None:
            reference.remove(found)
        size = _approx_size(("term", key)) + _approx_size(value)
        if size <= budget:
            reference.append((key, value, size))
        while sum(entry[2] for entry in reference) > budget:
            reference.pop(0)
        assert cache.size <= budget
        assert len(cache) == len(reference)


def test_a_new_change_counter_empties_the_cache() -> None:
    cache = LintMemoryCache(max_bytes=10_000)
    cache.reset(1)
    cache.put("match", ("a",), None)
    assert cache.get("match", ("a",)) is None  # a cached "no match"
    cache.reset(1)
    assert cache.get("match", ("a",)) is None
    cache.reset(2)
    assert cache.get("match", ("a",)) is _UNKNOWN
    assert cache.size == 0
