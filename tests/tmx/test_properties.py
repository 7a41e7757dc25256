"""Properties of the streaming TMX reader, against brute-force references.

Random well-formed TMX documents (random languages, one-sided units, line breaks and
white space anywhere XML allows them, inline markup, comments, notes and props) are
read by the streaming reader and by lxml's whole-document parser; every ``<seg>``
line and ``<tu>`` line must agree, and lint's pairs must carry the lines a
first-match search of the tree gives. Random byte mutations of a valid document may
be refused, but only ever with the project's own errors.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from lxml import etree

from tmserver.errors import TMServerError
from tmserver.errors import TMXFormatError
from tmserver.lint.inputs import read_tmx
from tmserver.tmx import iter_tmx
from tmserver.tmx import iter_tmx_entries
from tmserver.tmx import iter_variant_pairs

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("en", "hr", "bs", "sr-Latn", "de")
SPACE = st.text(alphabet=" \t\n\r", max_size=3)
WORDS = st.text(alphabet="abc šđ 1,.\n&<>\"'", min_size=0, max_size=12)
ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def escape(text: str) -> str:
    return "".join(ESCAPES.get(char, char) for char in text)


@st.composite
def inline(draw: st.DrawFn, depth: int = 0) -> str:
    """Segment content: text mixed with ``hi``/``ph``/``bpt``/``ept`` elements."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["text", "hi", "ph", "bpt", "ept"]))
        if kind == "text" or depth > 1:
            parts.append(escape(draw(WORDS)))
        elif kind == "hi":
            parts.append(f"<hi{draw(SPACE)}>{draw(inline(depth + 1))}</hi>")
        else:
            attrs = ' i="1"' if kind != "ph" else ""
            parts.append(f"<{kind}{attrs}>{escape(draw(WORDS))}</{kind}>")
    return "".join(parts)


@st.composite
def tuv(draw: st.DrawFn) -> str:
    lang = draw(st.sampled_from(LANGUAGES))
    attribute = draw(st.sampled_from(["xml:lang", "lang"]))
    extras = draw(st.lists(st.sampled_from(["note", "prop"]), max_size=2))
    before = "".join(
        f'{draw(SPACE)}<prop type="x-{n}">{escape(draw(WORDS))}</prop>'
        if kind == "prop"
        else f"{draw(SPACE)}<note>{escape(draw(WORDS))}</note>"
        for n, kind in enumerate(extras)
    )
    comment = draw(st.sampled_from(["", "<!-- c\n -->"]))
    return (
        f'<tuv{draw(SPACE)} {attribute}="{lang}"{draw(SPACE)}>{before}{comment}'
        f"{draw(SPACE)}<seg>{draw(inline())}</seg>{draw(SPACE)}</tuv>"
    )


@st.composite
def tu(draw: st.DrawFn, number: int) -> str:
    variants = draw(st.lists(tuv(), min_size=1, max_size=4))
    tuid = draw(st.sampled_from(["", f' tuid="u{number}"']))
    date = draw(st.sampled_from(["", ' creationdate="20240301T093000Z"']))
    joined = "".join(draw(SPACE) + variant for variant in variants)
    return f"<tu{tuid}{date}>{joined}{draw(SPACE)}</tu>"


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A well-formed TMX 1.4 document, encoded as UTF-8 or UTF-16."""
    units = [draw(tu(number)) for number in range(draw(st.integers(0, 6)))]
    srclang = draw(st.sampled_from(["en", "*all*"]))
    doctype = draw(st.sampled_from(["", '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n']))
    body = "".join(draw(SPACE) + unit for unit in units)
    encoding = draw(st.sampled_from(["UTF-8", "UTF-16"]))
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>{draw(SPACE)}{doctype}'
        f'<tmx version="1.4">{draw(SPACE)}<header creationtool="t" '
        f'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"'
        f'{draw(SPACE)} srclang="{srclang}" datatype="plaintext"/>{draw(SPACE)}'
        f"<body>{body}{draw(SPACE)}</body>{draw(SPACE)}</tmx>\n"
    )
    return text.encode(encoding.lower())


def reference_lines(data: bytes) -> list[tuple[int, list[int]]]:
    """``(tu line, [seg line of each tuv])`` from lxml's whole-document tree."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    return [
        (
            unit.sourceline,
            [variant.find("seg").sourceline for variant in unit.iter("tuv")],
        )
        for unit in root.iter("tu")
    ]


def reference_pair_lines(data: bytes) -> list[tuple[int, int]]:
    """``(source seg line, target seg line or the source's)`` per ``tu`` with a source.

    The source is the first English variant (with ``srclang="*all*"`` the first
    variant), the target the first variant in another language.
    """
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    everyone = root.find("header").get("srclang") == "*all*"
    lines = []
    for unit in root.iter("tu"):
        variants = [
            (tuv.get(XML_LANG) or tuv.get("lang"), tuv.find("seg").sourceline)
            for tuv in unit.iter("tuv")
        ]
        sources = variants if everyone else [v for v in variants if v[0] == "en"]
        if not sources:
            continue
        lang, line = sources[0]
        targets = [v for v in variants if v[0] != lang]
        lines.append((line, targets[0][1] if targets else line))
    return lines


@SETTINGS
@given(documents())
def test_variant_lines_equal_the_tree_s_seg_lines(data: bytes) -> None:
    entries = list(iter_tmx_entries(io.BytesIO(data)))
    assert [
        (entry.line, [variant.line for variant in entry.variants]) for entry in entries
    ] == reference_lines(data)


@SETTINGS
@given(documents())
def test_lint_pairs_point_at_the_seg_lines(data: bytes) -> None:
    pairs = read_tmx(data, "r.tmx")
    assert [(p.source_line, p.line) for p in pairs] == reference_pair_lines(data)


@SETTINGS
@given(documents())
def test_one_sided_option_keeps_exactly_the_units_with_a_source(data: bytes) -> None:
    kept = list(iter_variant_pairs(io.BytesIO(data), keep_one_sided=True))
    strict = list(iter_variant_pairs(io.BytesIO(data)))
    assert {p.number for p in strict} <= {p.number for p in kept}
    for pair in strict:
        assert pair.target is not None
        assert pair.source.text.strip() and pair.target.text.strip()
    for pair in kept:
        if pair.target is None:
            assert all(v.lang == pair.source.lang for v in pair.entry.variants)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid document with a few bytes flipped, inserted, deleted or cut off."""
    data = bytearray(draw(documents()))
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        byte = draw(st.sampled_from([0, 0x26, 0x3C, 0x3E, 0x5B, 0x80, 0xFF, 0x22]))
        if action == "flip":
            data[at] = byte
        elif action == "insert":
            data.insert(at, byte)
        elif action == "delete":
            del data[at]
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_bytes_raise_only_project_errors(data: bytes) -> None:
    for read in (
        lambda: list(iter_tmx(io.BytesIO(data))),
        lambda: list(iter_variant_pairs(io.BytesIO(data), keep_one_sided=True)),
        lambda: read_tmx(data, "r.tmx"),
    ):
        try:
            read()
        except TMServerError:
            pass


class ShortReads(io.RawIOBase):
    """A binary stream that hands out at most ``size`` bytes per read, as a pipe or
    socket may: the prolog guard must decide the same however the bytes arrive."""

    def __init__(self, data: bytes, size: int) -> None:
        self._data, self._size, self._at = data, size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        chunk = self._data[self._at : self._at + min(self._size, len(buffer))]
        buffer[: len(chunk)] = chunk
        self._at += len(chunk)
        return len(chunk)


PROLOG_ITEMS = st.sampled_from(
    [
        "<?pi data?>",
        "<?pi <!DOCTYPE tmx [<!ENTITY a 'b'>]> ?>",
        "<!-- a\ncomment -->",
        "<!-- <!DOCTYPE tmx [<!ENTITY a 'b'>]> -->",
        "\n",
        "  ",
    ]
)
DOCTYPES = st.sampled_from(
    [
        ("", False),
        ('<!DOCTYPE tmx SYSTEM "t[1].dtd">', False),
        ("<!DOCTYPE tmx [ <!-- only a comment --> ]>", False),
        ("<!DOCTYPE tmx [\n<!ENTITY a 'b'>]>", True),
        ("<!DOCTYPE tmx SYSTEM 'x.dtd' [<!ATTLIST tuv a CDATA 'b'>]>", True),
    ]
)


@SETTINGS
@given(
    st.lists(PROLOG_ITEMS, max_size=5),
    DOCTYPES,
    st.lists(PROLOG_ITEMS, max_size=3),
    st.integers(1, 40),
    st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]),
)
def test_prolog_guard_decides_alike_for_any_read_size(
    before: list[str],
    doctype: tuple[str, bool],
    after: list[str],
    size: int,
    codec: str,
) -> None:
    declaration = f'<?xml version="1.0" encoding="{codec[:6].upper()}"?>'
    head = declaration + "".join(before)
    text = (
        f'{head}{doctype[0]}{"".join(after)}<tmx version="1.4"><header '
        'srclang="en"/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv>'
        '<tuv xml:lang="hr"><seg>b</seg></tuv></tu></body></tmx>'
    )
    data = ("\ufeff" if codec != "utf-8" else "").encode(codec) + text.encode(codec)
    if doctype[1]:
        line = head.count("\n") + 1  # the DOCTYPE's own line
        with pytest.raises(TMXFormatError) as raised:
            list(iter_tmx_entries(ShortReads(data, size)))
        assert raised.value.location == f"<stream>:{line}"
    else:
        [entry] = iter_tmx_entries(ShortReads(data, size))
        assert [v.text for v in entry.variants] == ["a", "b"]
