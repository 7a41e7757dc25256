"""The "has no letter" predicate that keeps separator lines out of the memory."""

from __future__ import annotations

import pytest

from tmserver.text.letters import has_letter
from tmserver.text.letters import is_letterless_pair


@pytest.mark.parametrize(
    "text", ["******", "***", "*" * 22, "* * *", "---", "2018.", "100 %", "", " "]
)
def test_separators_numbers_and_blanks_have_no_letter(text: str) -> None:
    assert not has_letter(text)


@pytest.mark.parametrize("text", ["a", "IOM", "Ђ", "ž", "*** News ***", "5 km"])
def test_any_script_letter_counts(text: str) -> None:
    assert has_letter(text)


def test_a_pair_is_junk_when_either_side_has_no_letter() -> None:
    assert is_letterless_pair("******", "Vijesti")
    assert is_letterless_pair("News", "******")
    assert not is_letterless_pair("News", "Vijesti")
