"""Sentence alignment: bead shapes, anchors, confidence, seeds and the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tmserver.build.align import AlignParams
from tmserver.build.align import _group_ratio
from tmserver.build.align import align_paragraphs
from tmserver.build.align_model import Item
from tmserver.build.align_model import Sentence
from tmserver.build.align_model import Spans
from tmserver.build.align_model import Vocabulary
from tmserver.build.align_model import make_item
from tmserver.build.align_refine import refine
from tmserver.build.anchors import anchors
from tmserver.build.anchors import skeleton
from tmserver.build.announcement import align_document
from tmserver.build.announcement import document_date
from tmserver.build.announcement import document_units

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "memories" / "announcements").glob("*.txt"))


def shapes(english: list[str], local: list[str], lang: str = "hr") -> list[str]:
    return [link.kind for link in align_paragraphs(english, local, "en", lang).links]


SHAPES = [
    # (English paragraphs, local paragraphs, expected bead shapes)
    (
        ["The meeting was held on 5 May 2020 in Zagreb. It lasted two hours."],
        ["Sastanak je održan 5. svibnja 2020. u Zagrebu. Trajao je dva sata."],
        ["1-1", "1-1"],
    ),
    (
        ["The meeting was held in Zagreb, where 300 people came. It lasted two hours."],
        ["Sastanak je održan u Zagrebu, gdje je došlo 300 ljudi i trajao je dva sata."],
        ["2-1"],
    ),
    (
        [
            "The project cost 4,500 euros. It was funded by the European Union. "
            "The work ended in 2021."
        ],
        ["Projekt je koštao 4.500 eura. Rad je završen 2021. godine."],
        ["1-1", "1-0", "1-1"],
    ),
    (
        ["Untranslated title", "IOM donated equipment to 30 officers of the Ministry."],
        ["IOM je donirao opremu za 30 službenika Ministarstva."],
        ["1-0", "1-1"],
    ),
]


@pytest.mark.parametrize(("english", "local", "expected"), SHAPES)
def test_bead_shapes(english: list[str], local: list[str], expected: list[str]):
    assert shapes(english, local) == expected


def test_a_sentence_moved_to_the_previous_paragraph_is_still_linked() -> None:
    english = [
        "The mayor opened the new bridge on Monday.",
        "It cost 12 million euros. Traffic starts next week.",
    ]
    local = [
        "Gradonačelnik je u ponedjeljak otvorio novi most. Koštao je 12 milijuna eura.",
        "Promet počinje sljedeći tjedan.",
    ]
    alignment = align_paragraphs(english, local, "en", "hr")
    pairs = [
        (
            [alignment.english[i].text for i in link.english],
            [alignment.local[j].text for j in link.local],
        )
        for link in alignment.links
    ]
    assert (["It cost 12 million euros."], ["Koštao je 12 milijuna eura."]) in pairs


@pytest.mark.parametrize(
    ("text", "english", "expected"),
    [
        ("It cost 2.8 per cent in 2018.", True, {"#28", "#%", "#2018"}),
        ("Koštalo je 2,8% u 2018.", False, {"#28", "#%", "#2018"}),
        ("On Sunday, three people came.", True, {"$d7", "#3"}),
        ("U nedjelju su došla tri čovjeka.", False, {"$d7", "#3"}),
        ("Visit https://www.iom.int/news today.", True, {"@https://www.iom.int/news"}),
    ],
)
def test_anchors(text: str, english: bool, expected: set[str]) -> None:
    assert expected <= anchors(text, english=english)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Dwyer", "Dvajera"), ("Sullivan", "Саливан"), ("Patrick", "Patrika")],
)
def test_transcribed_names_share_a_skeleton(a: str, b: str) -> None:
    assert skeleton(a, 3) == skeleton(b, 3)


def confidences(english: list[str], local: list[str]) -> list[tuple[str, float]]:
    links = align_paragraphs(english, local, "en", "hr").links
    return [(link.kind, link.confidence) for link in links]


def test_confidence_is_high_for_good_pairs_and_zero_for_unaligned() -> None:
    assert all(c > 0.9 for _, c in confidences(*SHAPES[0][:2]))
    # beside the omission, the pairs sharing a number stay in the memory (≥ 0.5)
    found = confidences(*SHAPES[2][:2])
    assert [k for k, _ in found] == ["1-1", "1-0", "1-1"]
    assert found[1][1] == 0.0
    assert min(found[0][1], found[2][1]) > 0.6


OMISSIONS = [
    # (English, local, expected shapes, expected keep-in-memory flags (≥ 0.5)):
    # a dropped short sentence fits the local one worse than none: not a merge
    (
        [
            "The committee met on Monday to discuss the new budget for schools. "
            "It was a long day. Members agreed on most points."
        ],
        [
            "Odbor se sastao u ponedjeljak kako bi raspravio novi proračun za "
            "škole. Članovi su se složili oko većine točaka."
        ],
        ["1-1", "1-0", "1-1"],
        [True, False, True],
    ),
    # two sentences of about the same length, one dropped, nothing shared: a guess
    (
        [
            "The weather was cold and windy all week. "
            "Nobody wanted to leave the house at all."
        ],
        ["Nitko nije htio izaći iz kuće."],
        None,
        [False, False],
    ),
]


@pytest.mark.parametrize(("english", "local", "kinds", "kept"), OMISSIONS)
def test_omissions_are_not_merges_and_guesses_go_to_review(
    english: list[str], local: list[str], kinds: list[str] | None, kept: list[bool]
) -> None:
    found = confidences(english, local)
    if kinds is not None:
        assert [k for k, _ in found] == kinds
    assert [c >= 0.5 for _, c in found] == kept


def test_a_real_merge_keeps_its_confidence() -> None:
    found = confidences(*SHAPES[1][:2])
    assert found == [("2-1", found[0][1])] and found[0][1] > 0.9


def test_min_confidence_moves_links_to_review() -> None:
    data = SEEDS[1].read_bytes()
    document = align_document(data, SEEDS[1].name)
    kept, review = document_units(document, origin="x", min_confidence=0.5)
    none, everything = document_units(document, origin="x", min_confidence=1.01)
    assert len(kept) == 8 and len(review) == 1
    assert none == [] and len(everything) == len(document.alignment.links)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Held on October 18, 2018 in Sarajevo.", "2018-10-18"),
        ("Održano 22. avgusta 2023. godine.", "2023-08-22"),
        ("Održano 18.10.2018. u Sarajevu.", "2018-10-18"),
        ("Одржано 3. марта 2021.", "2021-03-03"),
        ("No date here.", "2000-01-01"),
    ],
)
def test_document_date(text: str, expected: str) -> None:
    assert document_date(text).date().isoformat() == expected


# Hand-checked sentence pairs of the two seed announcements (see the report).
SEED_PAIRS = {
    "000_6b75173c87418f4b.txt": [
        ("On the occasion the European", "U okviru obilježavanja"),
        ("The conference was held at the UN House", "Konferencija je održana"),
        ("The event was an opportunity", "Tom prilikom predstavljeni"),
        ("Presenters at the press conference", "Izlagačice na konferenciji"),
        ("The conference was also attended", "Na konferenciji su prisustvovali"),
        ("This event is part of", "Ovaj događaj dio je kampanje"),
    ],
    "004_e5dd8d32741df1c3.txt": [
        ("In a significant step", "Kao značajan korak"),
        ("This equipment will significantly", "Ova oprema značajno"),
        ("The donation ceremony", "Ova donacija na čijoj"),
        ("The migration situation", "Migracijska situacija"),
        ("Migrants and asylum seekers", "Migranti i tražioci azila"),
        ("Leveraging risk", "Korišćenje analiza rizika"),
        ("IOM Serbia remains committed", "IOM Srbija ostaje"),
        ("Within the", "U okviru projekta"),
    ],
}


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_pairs_are_the_hand_checked_ones(path: Path) -> None:
    document = align_document(path.read_bytes(), path.name)
    units, _ = document_units(document, origin="x", min_confidence=0.5)
    got = [(u.source, u.target) for u in units]
    expected = SEED_PAIRS[path.name]
    assert len(got) == len(expected)
    for (source, target), (en_start, local_start) in zip(got, expected, strict=True):
        assert source.startswith(en_start) and target.startswith(local_start)


def _links(path: Path, params: AlignParams | None = None) -> tuple[set, set]:
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    document = align_document(path.read_bytes(), path.name, params=params)
    line_starts = [0]
    for line in path.read_text(encoding="utf-8").split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)

    def lines(paragraphs, sentences, gold):
        result = []
        for sentence in sentences:
            p = paragraphs[sentence.paragraph]
            start = line_starts[p.line - 1] + p.column + sentence.start
            end = start + len(sentence.text)
            result.append(
                [g["index"] for g in gold if g["start"] < end and start < g["end"]]
            )
        return result

    al = document.alignment
    en = lines(document.english, al.english, meta["english_lines"])
    lo = lines(document.local, al.local, meta["local_lines"])
    found = {
        (a, b)
        for link in al.links
        for i in link.english
        for j in link.local
        for a in en[i]
        for b in lo[j]
    }
    gold = set()
    for row in (
        path.with_suffix(".gold.tsv").read_text(encoding="utf-8").splitlines()[1:]
    ):
        i, j = row.split("\t")[:2]
        gold.add((int(i), int(j)))
    return found, gold


@pytest.mark.parametrize(("variant", "floor"), [("clean", 0.995), ("perturbed", 0.98)])
def test_link_f1_on_announcements_dev(shared_data: Path, variant: str, floor: float):
    """A regression guard under the measured figures (benchmarks/align_bench.py)."""
    tp = fp = fn = 0
    for path in sorted((shared_data / "announcements-dev" / variant).glob("*.txt")):
        found, gold = _links(path)
        tp, fp, fn = (
            tp + len(found & gold),
            fp + len(found - gold),
            fn + len(gold - found),
        )
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= floor


def _sentences(lengths: list[int]) -> list[Sentence]:
    """Sentences of the given lengths made of short words (no anchors)."""
    result = []
    for index, length in enumerate(lengths):
        text = ("ab " * length)[: length - 1] + "."
        result.append(Sentence(text, 0, index, 0, length))
    return result


@pytest.mark.parametrize(
    ("en_lengths", "lo_lengths", "expected"),
    [
        # the second English sentence has no counterpart: 2-2 → 1-2 + 1-0
        ([100, 60], [55, 44], [(1, 2), (1, 0)]),
        # a 2-2 bead whose first local sentence has no counterpart → 0-1 + 2-1
        ([50, 49], [40, 100], [(0, 1), (2, 1)]),
        # a real merge: lengths add up, the bead stays as it is
        ([60, 39], [100], [(2, 1)]),
    ],
)
def test_a_sentence_that_fits_worse_than_none_is_left_unaligned(
    en_lengths: list[int], lo_lengths: list[int], expected: list[tuple[int, int]]
) -> None:
    en, lo = _sentences(en_lengths), _sentences(lo_lengths)
    vocabulary = Vocabulary()
    spans = Spans(
        [make_item(s.text, english=True, vocabulary=vocabulary) for s in en],
        [make_item(s.text, english=False, vocabulary=vocabulary) for s in lo],
        1.0,
        AlignParams(),
        vocabulary,
    )
    bead = (0, len(en), 0, len(lo))
    pieces = refine(en, lo, bead, spans.cost(*bead), spans)
    assert [(len(p[0]), len(p[1])) for p in pieces] == expected


def test_length_ratio_ignores_a_paragraph_that_lost_a_sentence() -> None:
    """The ratio is the paragraph pairs' median: one pair short of a sentence
    does not make every local sentence look too long."""
    en = [Item(100, paragraph=p) for p in (0, 0, 1, 1, 2, 2)]
    lo = [Item(110, paragraph=p) for p in (0, 0, 1, 2, 2)]
    groups_en, groups_lo = [0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2]
    document = sum(i.length for i in lo) / sum(i.length for i in en)
    assert document < 1.0
    assert _group_ratio(en, lo, groups_en, groups_lo, document) == 1.1
