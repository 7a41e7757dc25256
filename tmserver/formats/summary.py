"""The run summary of a pre-translation, and the draft as JSON.

Per level: sentences and words; the words a translator still has to translate
weighted by the analysis grid of :mod:`tmserver.formats.levels` and the words that
saves; how many placeable values were adapted and how many are left for review.
"""

from __future__ import annotations

from typing import Any

from tmserver.formats.levels import LEVELS
from tmserver.formats.levels import WORK_LEFT
from tmserver.formats.levels import word_count
from tmserver.formats.model import Draft


def summarise(draft: Draft) -> dict[str, Any]:
    """The summary as a JSON-ready dict (the CLI prints it, the API returns it)."""
    levels = {level: {"sentences": 0, "words": 0} for level in LEVELS}
    weighted = 0.0
    words = adapted = review = 0
    for item in draft.segments:
        count = word_count(item.segment.text)
        levels[item.level]["sentences"] += 1
        levels[item.level]["words"] += count
        words += count
        weighted += count * WORK_LEFT[item.level]
        adapted += len(item.adapted)
        review += len(item.unadapted)
    return {
        "release": draft.release.name,
        "target_lang": draft.target_lang,
        "sentences": len(draft.segments),
        "words": words,
        "levels": levels,
        "weighted_words": round(weighted, 1),
        "words_saved": round(words - weighted, 1),
        "values_adapted": adapted,
        "values_for_review": review,
        "untranslated": sum(1 for s in draft.segments if not s.translated),
    }


def draft_json(draft: Draft) -> dict[str, Any]:
    """Every segment with its suggestion, level and adaptations, plus the summary."""
    return {
        "summary": summarise(draft),
        "segments": [
            {
                "id": item.segment.id,
                "source": item.segment.text,
                "target": item.target,
                "level": item.level,
                "quality": round(item.quality, 2),
                "origin": item.origin,
                "memory_source": item.match_source,
                "copied_source": item.copied,
                "adapted": [
                    {"kind": a.kind, "old": a.old, "new": a.new} for a in item.adapted
                ],
                "unadapted": list(item.unadapted),
                "location": item.segment.location,
            }
            for item in draft.segments
        ],
    }
