"""Page furniture: never aligned, never stored; a one-sided dateline still pairs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmserver.build.announcement import align_document
from tmserver.build.announcement import document_units
from tmserver.build.document import Paragraph
from tmserver.build.furniture import dateline_prefix
from tmserver.build.furniture import furniture_kind
from tmserver.build.furniture import remove_furniture


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("******", "no-letter"),
        ("***", "no-letter"),
        ("*" * 22, "no-letter"),
        ("* * *", "no-letter"),
        ("———", "no-letter"),
        ("12.03.2025", "no-letter"),
        ("Read more", "links"),
        ("Share | Print | Email", "links"),
        ("Opširnije »", "links"),
        ("Podijeli  Štampaj", "links"),
        ("Photo: IOM/Jane Doe", "credit"),
        ("Foto: MUP Srbije", "credit"),
        ("(Photo credit: OSCE/Mladen Ivanović)", "credit"),
        ("© IOM 2025", "credit"),
        ("SARAJEVO, 15 March 2025", "dateline"),
        ("Sarajevo, 15. marta 2025. godine", "dateline"),
        ("БЕОГРАД, 15. март 2025.", "dateline"),
    ],
)
def test_furniture_lines(line: str, kind: str) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The Ministry said it would share the report.",
        "More than 300 people took part in Sarajevo on 15 March 2025.",
        "Photographs of the event were shown to 200 guests.",
        "Read more about the project on the Ministry's website, it said.",
        "Print media and television covered the conference.",
        "Sarajevo, the capital, hosted the meeting.",
    ],
)
def test_text_is_not_furniture(line: str) -> None:
    assert furniture_kind(line) is None
    assert dateline_prefix(line) == 0


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        (
            "SARAJEVO, 15 March 2025 — The Ministry of Security presented the report.",
            "The Ministry of Security presented the report.",
        ),
        (
            "Banja Luka, 2. aprila 2025. – Vlada Republike Srpske usvojila je plan.",
            "Vlada Republike Srpske usvojila je plan.",
        ),
        (
            "BEOGRAD, 3.4.2025. - Zaštitnik građana je posetio centar.",
            "Zaštitnik građana je posetio centar.",
        ),
        # no date, or no sentence after the dash: not a dateline
        ("UNICEF — The agency said.", "UNICEF — The agency said."),
        (
            "Sarajevo, 15 March 2025 – and then it rained.",
            "Sarajevo, 15 March 2025 – and then it rained.",
        ),
    ],
)
def test_dateline_prefix(text: str, rest: str) -> None:
    assert text[dateline_prefix(text) :] == rest


def test_removed_lines_keep_their_line_numbers_and_columns() -> None:
    paragraphs = [
        Paragraph("Title", 1),
        Paragraph("******", 3),
        Paragraph("SARAJEVO, 15 March 2025 — The text starts here.", 5),
    ]
    kept, removed = remove_furniture(paragraphs)
    assert [p.text for p in kept] == ["Title", "The text starts here."]
    assert kept[1].column == len("SARAJEVO, 15 March 2025 — ")
    assert [(f.line, f.kind) for f in removed] == [(3, "no-letter"), (5, "dateline")]


REAL_PAGE = "\n".join(
    [
        "News",
        "Local",
        "",
        "Ministry presents the annual report on trafficking",
        "",
        "SARAJEVO, 15 March 2025 — The Ministry of Security presented the "
        "annual report on trafficking in human beings on Monday. More than 120 "
        "victims were identified in 2024.",
        "",
        "Photo: IOM/Jane Doe",
        "",
        "The report was prepared with the support of IOM and the Government of "
        "Switzerland.",
        "",
        "Read more",
        "Share | Print",
        "",
        "**********************",
        "",
        "Ministarstvo predstavilo godišnji izvještaj o trgovini ljudima",
        "",
        "Ministarstvo sigurnosti predstavilo je u ponedjeljak godišnji "
        "izvještaj o trgovini ljudima. U 2024. godini identificirano je više od"
        " 120 žrtava.",
        "",
        "Foto: IOM/Jane Doe",
        "",
        "Izvještaj je pripremljen uz podršku IOM-a i Vlade Švicarske.",
        "",
        "Opširnije",
        "Podijeli | Štampaj",
        "",
    ]
)


def test_a_real_page_aligns_without_its_furniture() -> None:
    document = align_document(REAL_PAGE.encode(), "page.txt")
    units, review = document_units(document, origin="x", min_confidence=0.5)
    stored = " ".join(f"{u.source} {u.target}" for u in units)
    for furniture in ("***", "Read more", "Share", "Photo:", "Foto:", "Opširnije"):
        assert furniture not in stored
    assert "SARAJEVO" not in stored
    pairs = {u.source: u.target for u in units}
    first = (
        "The Ministry of Security presented the annual report on trafficking in "
        "human beings on Monday."
    )
    assert pairs[first].startswith("Ministarstvo sigurnosti predstavilo je")
    assert "More than 120 victims were identified in 2024." in pairs
    assert all(u.props and dict(u.props)["x-bead"] == "1-1" for u in units)
    assert not [r for r in review if "*" in r.english + r.local]
    kinds = sorted({f.kind for f in document.furniture})
    assert kinds == ["credit", "dateline", "links", "no-letter"]
    assert document.date.year == 2025 and document.date.month == 3


LINES = st.sampled_from(
    [
        "******",
        "Read more",
        "Photo: IOM",
        "SARAJEVO, 15 March 2025",
        "SARAJEVO, 15 March 2025 — The text starts here.",
        "The Ministry said so.",
        "Ministarstvo je to reklo.",
        "— 12 —",
    ]
)


@given(st.lists(LINES, max_size=12))
def test_removal_keeps_text_as_suffixes_and_drops_every_letterless_line(
    lines: list[str],
) -> None:
    paragraphs = [Paragraph(text, number) for number, text in enumerate(lines, 1)]
    kept, removed = remove_furniture(paragraphs)
    by_line = {p.line: p for p in paragraphs}
    for paragraph in kept:
        original = by_line[paragraph.line].text
        assert original.endswith(paragraph.text)
        assert paragraph.column == len(original) - len(paragraph.text)
        assert furniture_kind(paragraph.text) is None
    brute_letterless = [
        p.line for p in paragraphs if not any(c.isalpha() for c in p.text)
    ]
    assert [f.line for f in removed if f.kind == "no-letter"] == brute_letterless
    whole = {f.line for f in removed if f.line not in {p.line for p in kept}}
    assert len(kept) + len(whole) == len(paragraphs)
