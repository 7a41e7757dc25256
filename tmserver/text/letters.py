"""Whether a segment has any letter: separator lines are no translation (pure).

Real announcements separate their English and local halves with lines such as
``******`` or ``* * *``; an aligner pairs them with headlines and a memory then serves
them at quality 100. A unit whose source or target has no letter (in any script) is
junk: it is never built, imported or served.
"""

from __future__ import annotations


def has_letter(text: str) -> bool:
    """True when ``text`` holds at least one letter of any script."""
    return any(character.isalpha() for character in text)


def is_letterless_pair(source: str, target: str) -> bool:
    """True when the source or the target of a unit has no letter (a junk unit)."""
    return not has_letter(source) or not has_letter(target)
