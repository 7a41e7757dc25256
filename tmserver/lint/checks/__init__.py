"""The registry of lint checks: ``CHECKS`` maps each stable id to its class.

Families: completeness, numbers, dates, addresses, acronyms, punctuation, script,
consistency. Ids and codes never change once released; CI baselines depend on them.
"""

from __future__ import annotations

from tmserver.lint.checks.acronyms import AcronymMissing
from tmserver.lint.checks.acronyms import DoNotTranslate
from tmserver.lint.checks.addresses import HandleMismatch
from tmserver.lint.checks.addresses import UrlMismatch
from tmserver.lint.checks.base import Check
from tmserver.lint.checks.completeness import AddedSentence
from tmserver.lint.checks.completeness import DroppedSentence
from tmserver.lint.checks.completeness import EmptyTarget
from tmserver.lint.checks.completeness import LengthRatio
from tmserver.lint.checks.completeness import MergedSentences
from tmserver.lint.checks.completeness import MissingSentence
from tmserver.lint.checks.completeness import Untranslated
from tmserver.lint.checks.consistency import InconsistentTranslation
from tmserver.lint.checks.consistency import MemoryMismatch
from tmserver.lint.checks.consistency import ReusedTranslation
from tmserver.lint.checks.consistency import TermMismatch
from tmserver.lint.checks.dates import DateFormat
from tmserver.lint.checks.dates import DateMismatch
from tmserver.lint.checks.dates import TimeMismatch
from tmserver.lint.checks.names import NameMissing
from tmserver.lint.checks.numbers import NumberAdded
from tmserver.lint.checks.numbers import NumberFormat
from tmserver.lint.checks.numbers import NumberMismatch
from tmserver.lint.checks.punctuation import BracketMismatch
from tmserver.lint.checks.punctuation import CorruptCharacters
from tmserver.lint.checks.punctuation import EndPunctuation
from tmserver.lint.checks.punctuation import QuoteMismatch
from tmserver.lint.checks.punctuation import RepeatedWord
from tmserver.lint.checks.punctuation import Whitespace
from tmserver.lint.checks.script import ScriptMix
from tmserver.lint.checks.script import VarietyMix
from tmserver.lint.checks.timewords import FrequencyMismatch
from tmserver.lint.checks.timewords import WeekdayMismatch

_ALL: tuple[type[Check], ...] = (
    EmptyTarget,
    Untranslated,
    MissingSentence,
    AddedSentence,
    MergedSentences,
    DroppedSentence,
    LengthRatio,
    NumberMismatch,
    NumberFormat,
    NumberAdded,
    DateMismatch,
    TimeMismatch,
    DateFormat,
    WeekdayMismatch,
    FrequencyMismatch,
    UrlMismatch,
    HandleMismatch,
    AcronymMissing,
    DoNotTranslate,
    NameMissing,
    QuoteMismatch,
    BracketMismatch,
    EndPunctuation,
    Whitespace,
    RepeatedWord,
    CorruptCharacters,
    ScriptMix,
    VarietyMix,
    MemoryMismatch,
    TermMismatch,
    InconsistentTranslation,
    ReusedTranslation,
)

#: Every check by its stable id, in report order.
CHECKS: dict[str, type[Check]] = {check.id: check for check in _ALL}

__all__ = ["CHECKS", "Check"]
