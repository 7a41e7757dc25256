"""The registry of lint checks: ``CHECKS`` maps each stable id to its class.

Families: completeness, numbers, dates, addresses, acronyms, punctuation, script,
consistency. Ids and codes never change once released; CI baselines depend on them.
"""

from __future__ import annotations

from tmserver.checks.acronyms import AcronymMissing
from tmserver.checks.acronyms import DoNotTranslate
from tmserver.checks.addresses import HandleMismatch
from tmserver.checks.addresses import UrlMismatch
from tmserver.checks.base import Check
from tmserver.checks.completeness import AddedSentence
from tmserver.checks.completeness import DroppedSentence
from tmserver.checks.completeness import EmptyTarget
from tmserver.checks.completeness import LengthRatio
from tmserver.checks.completeness import MergedSentences
from tmserver.checks.completeness import MissingSentence
from tmserver.checks.completeness import Untranslated
from tmserver.checks.consistency import InconsistentTranslation
from tmserver.checks.consistency import MemoryMismatch
from tmserver.checks.consistency import ReusedTranslation
from tmserver.checks.consistency import TermMismatch
from tmserver.checks.dates import DateFormat
from tmserver.checks.dates import DateMismatch
from tmserver.checks.dates import TimeMismatch
from tmserver.checks.numbers import NumberFormat
from tmserver.checks.numbers import NumberMismatch
from tmserver.checks.punctuation import BracketMismatch
from tmserver.checks.punctuation import CorruptCharacters
from tmserver.checks.punctuation import EndPunctuation
from tmserver.checks.punctuation import QuoteMismatch
from tmserver.checks.punctuation import RepeatedWord
from tmserver.checks.punctuation import Whitespace
from tmserver.checks.script import ScriptMix
from tmserver.checks.script import VarietyMix

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
    DateMismatch,
    TimeMismatch,
    DateFormat,
    UrlMismatch,
    HandleMismatch,
    AcronymMissing,
    DoNotTranslate,
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
