"""Reviewed files back to units: final states only, provenance kept, TSV too."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime

import pytest

from tests.draftdata import sample_draft
from tmserver.errors import BilingualFileError
from tmserver.formats.bilingual import read_reviewed
from tmserver.formats.po import write_po
from tmserver.formats.xliff import write_xliff2
from tmserver.formats.xliff import write_xliff12

NOW = datetime(2026, 12, 4, 19, 0, tzinfo=UTC)


def test_xliff2_drafts_stay_out_unless_asked_for() -> None:
    data = write_xliff2(sample_draft())
    plain = read_reviewed(data, "r.xlf", now=NOW)
    assert plain.units == () and plain.drafts == 3  # the empty target is not a draft
    drafts = read_reviewed(data, "r.xlf", now=NOW, include_drafts=True)
    assert len(drafts.units) == 3


def test_final_xliff2_units_carry_their_provenance() -> None:
    data = write_xliff2(sample_draft()).replace(b'state="translated"', b'state="final"')
    (unit,) = read_reviewed(data, "r.hr.xlf", now=NOW).units
    props = dict(unit.props)
    assert unit.target_lang == "hr" and unit.source_lang == "en"
    assert unit.origin == "r.hr.xlf"
    assert props["x-state"] == "final"
    assert props["x-file"].startswith("r.hr.xlf:")
    assert (props["x-document"], props["x-sentences"]) == ("release.txt", "1.1")
    assert unit.changed == NOW


def test_xliff12_signed_off_counts_as_final() -> None:
    data = write_xliff12(sample_draft()).replace(
        b'state="needs-review-translation"', b'state="signed-off"'
    )
    units = read_reviewed(data, "r.xlf", now=NOW).units
    assert [u.target for u in units] == [s.target for s in sample_draft().segments[1:3]]


def test_po_fuzzy_entries_are_drafts_and_header_gives_translator() -> None:
    data = write_po(sample_draft()).replace(
        b"X-Generator", b'Last-Translator: Ana A. <ana@example.org>\\n"\n"X-Generator'
    )
    reviewed = read_reviewed(data, "r.po", now=NOW)
    assert [u.source for u in reviewed.units] == [
        sample_draft().segments[0].segment.text
    ]
    assert dict(reviewed.units[0].props)["x-translator"] == "Ana A. <ana@example.org>"
    assert reviewed.units[0].changed == datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
    props = dict(reviewed.units[0].props)
    assert (props["x-document"], props["x-sentences"]) == ("release.txt", "1.1")
    assert reviewed.drafts == 2


def test_tsv_with_a_state_column() -> None:
    data = (
        b"english\tlocal\tstate\n"
        b"Hello world.\tZdravo svijete.\tfinal\n"
        b"Second one.\tDrugi.\tdraft\n"
    )
    reviewed = read_reviewed(data, "r.tsv", target_lang="bs", now=NOW)
    assert [(u.source, u.target, u.target_lang) for u in reviewed.units] == [
        ("Hello world.", "Zdravo svijete.", "bs")
    ]
    assert reviewed.drafts == 1


def test_tsv_without_a_target_language_or_a_column_is_refused() -> None:
    with pytest.raises(BilingualFileError):
        read_reviewed(b"english\tlocal\nA.\tB.\n", "r.tsv", now=NOW)
    with pytest.raises(BilingualFileError) as error:
        read_reviewed(b"english\tfoo\nA.\tB.\n", "r.tsv", target_lang="hr", now=NOW)
    assert error.value.location == "r.tsv:1"
    with pytest.raises(BilingualFileError) as error:
        read_reviewed(b"english\tlocal\nA.\n", "r.tsv", target_lang="hr", now=NOW)
    assert error.value.location == "r.tsv:2"
