"""Lint's input readers: TMX through the streaming reader, XLIFF with the same guard.

Lines matter here: every pair's ``line`` is what SARIF ``startLine`` and GitHub
annotations point at, so the tests name them exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from lxml import etree

from tests.cli.test_lint import PO
from tests.cli.test_lint import XLIFF12
from tests.cli.test_lint import XLIFF20
from tmserver.errors import PayloadTooLargeError
from tmserver.errors import TMServerError
from tmserver.errors import TMXFormatError
from tmserver.lint.inputs import read_file_pairs
from tmserver.lint.inputs import read_tmx
from tmserver.lint.inputs import read_xliff

PROLOG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'  # 1
    '<tmx version="1.4">\n'  # 2
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" '
    'o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>\n'  # 3
    "<body>\n"  # 4
)
EPILOG = "</body>\n</tmx>\n"


def tmx(body: str) -> bytes:
    """A TMX document whose ``body`` starts on line 5."""
    return (PROLOG + body + "\n" + EPILOG).encode("utf-8")


def test_lines_are_those_of_each_seg() -> None:
    body = (
        '<tu tuid="greeting">\n'  # 5
        '  <tuv xml:lang="en">\n'  # 6
        "    <seg>Good morning.</seg>\n"  # 7
        "  </tuv>\n"  # 8
        '  <tuv xml:lang="hr">\n'  # 9
        "\n"  # 10
        "    <seg>Dobro jutro.</seg>\n"  # 11
        "  </tuv>\n"  # 12
        "</tu>"  # 13
    )
    [pair] = read_tmx(tmx(body), "release.tmx")
    assert (pair.source, pair.target) == ("Good morning.", "Dobro jutro.")
    assert (pair.source_line, pair.line) == (7, 11)
    assert (pair.path, pair.unit_id, pair.index) == ("release.tmx", "greeting", 0)
    assert (pair.source_lang, pair.target_lang) == ("en", "hr")


def test_one_sided_units_are_kept_for_the_checks() -> None:
    body = (
        '<tu><tuv xml:lang="en"><seg>Only English.</seg></tuv></tu>\n'  # 5
        '<tu><tuv xml:lang="en"><seg>Empty target.</seg></tuv>\n'  # 6
        '<tuv xml:lang="hr"><seg/></tuv></tu>\n'  # 7
        '<tu><tuv xml:lang="hr"><seg>Bez izvornika.</seg></tuv></tu>\n'  # 8
        '<tu><tuv xml:lang="en"><seg>Both.</seg></tuv>'
        '<tuv xml:lang="hr"><seg>Oba.</seg></tuv></tu>'  # 9
    )
    pairs = read_tmx(tmx(body), "r.tmx", target_lang="hr")
    # The unit without an English variant has nothing to check; the others stay,
    # numbered by their position in the file.
    assert [(p.unit_id, p.source, p.target, p.line) for p in pairs] == [
        ("1", "Only English.", "", 5),
        ("2", "Empty target.", "", 7),
        ("4", "Both.", "Oba.", 9),
    ]
    assert [p.target_lang for p in pairs] == ["hr", "hr", "hr"]
    assert [p.index for p in pairs] == [0, 1, 2]


def test_target_language_picks_the_variant_and_resolves_the_script() -> None:
    body = (
        '<tu><tuv xml:lang="en"><seg>Ministry of Health</seg></tuv>'
        '<tuv xml:lang="hr"><seg>Ministarstvo zdravstva</seg></tuv>'
        '<tuv xml:lang="sr"><seg>Министарство здравља</seg></tuv></tu>'
    )
    [first] = read_tmx(tmx(body), "r.tmx")
    [serbian] = read_tmx(tmx(body), "r.tmx", target_lang="sr")
    assert (first.target, first.target_lang) == ("Ministarstvo zdravstva", "hr")
    assert (serbian.target, serbian.target_lang) == ("Министарство здравља", "sr-Cyrl")


def test_native_code_is_not_text_to_check() -> None:
    """Inline markup reads as the import reads it: ``<bpt>`` content is code."""
    body = (
        '<tu><tuv xml:lang="en"><seg><bpt i="1">&lt;b&gt;</bpt>Open 9-17'
        '<ept i="1">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="hr"><seg>'
        '<bpt i="1">&lt;b&gt;</bpt>Otvoreno 9-17<ept i="1">&lt;/b&gt;</ept>'
        "</seg></tuv></tu>"
    )
    [pair] = read_tmx(tmx(body), "r.tmx")
    assert (pair.source, pair.target) == ("Open 9-17", "Otvoreno 9-17")


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('<tu>\n<tuv xml:lang="en"><seg>a</seg></tuv>\n<tuv xml:lang="hr"/>\n</tu>', 7),
        (
            '<tu creationdate="yesterday"><tuv xml:lang="en"><seg>a</seg></tuv>'
            '<tuv xml:lang="hr"><seg>b</seg></tuv></tu>',
            5,
        ),
        ('<tu><tuv xml:lang="en"><seg>a</seg></tuv>\n<tuv><seg>b</seg></tuv></tu>', 6),
        (
            '<tu><tuv xml:lang="en"><seg>a</seg></tuv>\n'
            '<tuv xml:lang="no such tag!"><seg>b</seg></tuv></tu>',
            6,
        ),
        ('<tu><tuv xml:lang="en"><seg>&nbsp;</seg></tuv></tu>', 5),
        ("<tu>\n</tu>", 5),
    ],
    ids=["tuv-without-seg", "bad-date", "no-lang", "bad-lang", "entity", "no-tuv"],
)
def test_bad_tmx_is_refused_with_file_and_line(body: str, line: int) -> None:
    with pytest.raises(TMXFormatError) as raised:
        read_tmx(tmx(body), "release.tmx")
    assert raised.value.location == f"release.tmx:{line}"


def test_internal_subset_is_refused_in_tmx_and_xliff(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    tmx_path = tmp_path / "r.tmx"
    tmx_path.write_bytes(
        tmx('<tu><tuv xml:lang="en"><seg>&e;</seg></tuv></tu>').replace(
            declaration.encode(), (declaration + doctype).encode()
        )
    )
    xliff_path = tmp_path / "r.xliff"
    xliff_path.write_text(
        f'{declaration}<!-- a release -->\n{doctype}<xliff version="1.2"><file '
        'source-language="en" target-language="hr"><body><trans-unit id="1">'
        "<source>&e;</source><target>x</target></trans-unit></body></file></xliff>",
        encoding="utf-16",
    )
    for path, line in ((tmx_path, 2), (xliff_path, 3)):
        with pytest.raises(TMXFormatError) as raised:
            read_file_pairs(path)
        assert raised.value.location == f"{path}:{line}"


def test_malformed_xliff_names_file_and_line() -> None:
    data = b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n'
    with pytest.raises(TMXFormatError) as raised:
        read_xliff(data, "r.xliff")
    assert raised.value.location == "r.xliff:4"


def test_tmx_file_is_streamed_from_its_path(tmp_path: Path) -> None:
    path = tmp_path / "release.tmx"
    path.write_bytes(
        tmx(
            '<tu><tuv xml:lang="en"><seg>Hi.</seg></tuv>'
            '<tuv xml:lang="hr"><seg>Bok.</seg></tuv></tu>'
        )
    )
    [pair] = read_file_pairs(path)
    assert (pair.path, pair.line, pair.target) == (str(path), 5, "Bok.")


def test_segment_over_the_import_limit_is_refused() -> None:
    long = "x" * 20_001
    body = (
        f'<tu><tuv xml:lang="en"><seg>{long}</seg></tuv>'
        '<tuv xml:lang="hr"><seg>y</seg></tuv></tu>'
    )
    with pytest.raises(PayloadTooLargeError) as raised:
        read_tmx(tmx(body), "r.tmx")
    assert raised.value.location == "r.tmx:5"


@pytest.mark.shared
def test_every_third_party_tmx_reads_with_seg_lines(shared_data: Path) -> None:
    """The LISA kit and Okapi files (UTF-16, BOMs, any casing) all read for lint, and
    every pair points at a line where lxml's whole tree has a ``<seg>``."""
    files = sorted((shared_data / "tmx-fixtures").rglob("*.tmx"))
    assert files
    for path in files:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False))
        seg_lines = {seg.sourceline for seg in root.iter("seg")}
        for pair in read_file_pairs(path):
            assert {pair.line, pair.source_line} <= seg_lines, (path, pair)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([("r.xliff", XLIFF12), ("r.xliff", XLIFF20), ("r.po", PO)]),
    st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=3)), max_size=4),
    st.integers(0, 10_000),
)
def test_mutated_xliff_and_po_raise_only_project_errors(
    tmp_path_factory: pytest.TempPathFactory,
    document: tuple[str, str],
    edits: list[tuple[int, bytes]],
    cut: int,
) -> None:
    """Bytes replaced at random places and the tail cut off: the readers either
    read the file or refuse it with one of the project's errors."""
    name, text = document
    data = bytearray(text.encode("utf-8"))
    for at, replacement in edits:
        at %= len(data) + 1
        data[at : at + len(replacement)] = replacement
    path = tmp_path_factory.mktemp("mutated") / name
    path.write_bytes(bytes(data[: len(data) - cut % (len(data) + 1)]))
    try:
        read_file_pairs(path)
    except TMServerError:
        pass
