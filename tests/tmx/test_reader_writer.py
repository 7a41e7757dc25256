"""TMX import and export: structure, provenance, markup, limits, safety, writer."""

from __future__ import annotations

import encodings.aliases
import io
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from pathlib import Path

import pytest
from lxml import etree

from tests.tmx_dtd import assert_valid_tmx14
from tmserver.errors import NotFoundError
from tmserver.errors import PayloadTooLargeError
from tmserver.errors import TMXFormatError
from tmserver.tmx import TMXLimits
from tmserver.tmx import iter_tmx
from tmserver.tmx import iter_tmx_entries
from tmserver.tmx import iter_variant_pairs
from tmserver.tmx import write_tmx
from tmserver.units import TranslationUnit

HEADER = (
    '<header creationtool="test" creationtoolversion="1" segtype="sentence" '
    'o-tmf="test" adminlang="en" srclang="{srclang}" datatype="plaintext"/>'
)
FIXED_DATE = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def tmx_text(body: str, *, srclang: str = "en", prolog: str = "") -> str:
    """A TMX document; ``body`` starts on line 5 (handy for line assertions)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{prolog}"
        '<tmx version="1.4">\n'
        f"{HEADER.format(srclang=srclang)}\n"
        "<body>\n"
        f"{body}\n"
        "</body>\n"
        "</tmx>\n"
    )


def tu(*variants: tuple[str, str], extra: str = "", attrs: str = "") -> str:
    """A ``<tu>`` from ``(lang, seg content)`` pairs, one line each."""
    tuvs = "".join(
        f'<tuv xml:lang="{lang}"><seg>{seg}</seg></tuv>' for lang, seg in variants
    )
    return f"<tu{attrs}>{extra}{tuvs}</tu>"


@pytest.fixture
def tmx_file(tmp_path: Path):
    """Write a TMX text to ``announcements.tmx`` and return its path."""

    def write(text: str, encoding: str = "utf-8", name: str = "announcements.tmx"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


def read(path: Path, **kwargs) -> list[TranslationUnit]:
    return list(iter_tmx(path, **kwargs))


# --- basic structure --------------------------------------------------------------


def test_bilingual_unit_has_every_field(tmx_file):
    path = tmx_file(
        tmx_text(
            tu(
                ("en-US", "The office is closed on Monday."),
                ("hr-HR", "Ured je zatvoren u ponedjeljak."),
                attrs=' creationdate="20240301T093000Z" changedate="20240302T101500Z"',
                extra='<note>Checked.</note><prop type="x-context">release-7</prop>'
                '<prop type="x-document">notice.docx</prop>',
            )
        )
    )
    assert read(path) == [
        TranslationUnit(
            source="The office is closed on Monday.",
            target="Ured je zatvoren u ponedjeljak.",
            source_lang="en",
            target_lang="hr",
            context="release-7",
            origin="announcements.tmx",
            note="Checked.",
            created=datetime(2024, 3, 1, 9, 30, tzinfo=UTC),
            changed=datetime(2024, 3, 2, 10, 15, tzinfo=UTC),
            props=(("x-document", "notice.docx"),),
        )
    ]


@pytest.mark.parametrize(
    ("srclang", "tu_attrs", "source_lang", "expected"),
    [
        ("en", "", None, [("en", "bs"), ("en", "hr"), ("en", "sr-Latn")]),
        ("hr", "", None, [("hr", "en"), ("hr", "bs"), ("hr", "sr-Latn")]),
        ("en", ' srclang="bs"', None, [("bs", "en"), ("bs", "hr"), ("bs", "sr-Latn")]),
        (
            "en",
            ' srclang="bs"',
            "sr-Latn",
            [("sr-Latn", "en"), ("sr-Latn", "bs"), ("sr-Latn", "hr")],
        ),
        (
            "en",
            ' srclang="sr"',
            None,
            [("sr-Latn", "en"), ("sr-Latn", "bs"), ("sr-Latn", "hr")],
        ),
        (
            "*all*",
            "",
            None,
            [
                (s, t)
                for s in ("en", "bs", "hr", "sr-Latn")
                for t in ("en", "bs", "hr", "sr-Latn")
                if s != t
            ],
        ),
    ],
    ids=["header", "header-hr", "tu-srclang", "argument-wins", "bare-sr", "all"],
)
def test_multilingual_tu_gives_one_unit_per_pair(
    tmx_file, srclang, tu_attrs, source_lang, expected
):
    texts = {
        "en": "Road closed.",
        "bs": "Put zatvoren.",
        "hr": "Cesta zatvorena.",
        "sr-Latn": "Put je zatvoren.",
    }
    path = tmx_file(
        tmx_text(
            tu(
                ("en", texts["en"]),
                ("bs", texts["bs"]),
                ("hr", texts["hr"]),
                ("sr-Latn", texts["sr-Latn"]),
                attrs=tu_attrs,
            ),
            srclang=srclang,
        )
    )
    units = read(path, source_lang=source_lang)
    assert [(u.source_lang, u.target_lang) for u in units] == expected
    assert all(u.source == texts[u.source_lang] for u in units)
    assert all(u.target == texts[u.target_lang] for u in units)


@pytest.mark.parametrize(
    ("attribute", "value", "expected"),
    [
        ("xml:lang", "hr-HR", "hr"),
        ("lang", "hr-HR", "hr"),
        ("xml:lang", "HR", "hr"),
        ("lang", "bs_BA", "bs"),
        ("xml:lang", "sr-Cyrl-RS", "sr-Cyrl"),
        ("xml:lang", "sr@latin", "sr-Latn"),
        ("xml:lang", "fr-ca", "fr-CA"),
    ],
)
def test_language_attribute_and_tag_normalisation(tmx_file, attribute, value, expected):
    body = (
        '<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv>'
        f'<tuv {attribute}="{value}"><seg>Zdravo.</seg></tuv></tu>'
    )
    [unit] = read(tmx_file(tmx_text(body)))
    assert unit.target_lang == expected


@pytest.mark.parametrize("version", ["1.1", "1.2", "1.3", "1.4", "1.4b", None])
def test_older_versions_with_lang_attribute(tmx_file, version):
    body = (
        '<tu><tuv lang="EN"><seg>Hi.</seg></tuv>'
        '<tuv lang="HR"><seg>Bok.</seg></tuv></tu>'
    )
    text = tmx_text(body)
    if version is None:
        text = text.replace(' version="1.4"', "")
    else:
        text = text.replace('version="1.4"', f'version="{version}"')
    [unit] = read(tmx_file(text))
    assert (unit.source_lang, unit.target_lang, unit.target) == ("en", "hr", "Bok.")


@pytest.mark.parametrize(
    ("tag", "text", "expected"),
    [
        ("sr", "Канцеларија је затворена.", "sr-Cyrl"),
        ("sr", "Kancelarija je zatvorena.", "sr-Latn"),
        ("sr-RS", "Канцеларија је затворена.", "sr-Cyrl"),
        ("SR", "Kancelarija je zatvorena.", "sr-Latn"),
        ("sr-Latn", "Канцеларија", "sr-Latn"),  # an explicit script is kept
        ("sr", "2024.", "sr"),  # nothing to tell the script from
    ],
)
def test_bare_serbian_resolves_script_from_text(tmx_file, tag, text, expected):
    [unit] = read(tmx_file(tmx_text(tu(("en", "The office is closed."), (tag, text)))))
    assert unit.target_lang == expected


def test_serbian_scripts_in_one_tu_stay_apart(tmx_file):
    body = tu(("en", "Closed."), ("sr", "Затворено."), ("sr", "Zatvoreno."))
    units = read(tmx_file(tmx_text(body)))
    assert [(u.target_lang, u.target) for u in units] == [
        ("sr-Cyrl", "Затворено."),
        ("sr-Latn", "Zatvoreno."),
    ]


# --- provenance ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "origin_argument", "expected_origin", "expected_props"),
    [
        ("", None, "announcements.tmx", ()),
        ("", "upload-42", "upload-42", ()),
        ("", "", "", ()),
        (
            '<prop type="x-origin">press/2024-03.docx</prop>',
            "upload-42",
            "press/2024-03.docx",
            (),
        ),
        (
            '<prop type="x-origin">a</prop><prop type="x-origin">b</prop>',
            None,
            "a",
            (("x-origin", "b"),),
        ),
        (
            '<prop type="client">IOM</prop><prop type="domain">health</prop>',
            None,
            "announcements.tmx",
            (("client", "IOM"), ("domain", "health")),
        ),
    ],
    ids=["file-name", "argument", "none", "prop-wins", "first-prop", "other-props"],
)
def test_origin_and_props(
    tmx_file, extra, origin_argument, expected_origin, expected_props
):
    path = tmx_file(tmx_text(tu(("en", "Hi."), ("hr", "Bok."), extra=extra)))
    [unit] = read(path, origin=origin_argument)
    assert unit.origin == expected_origin
    assert unit.props == expected_props


def test_notes_and_props_of_tu_and_both_variants_are_kept(tmx_file):
    body = (
        '<tu><note>tu note</note><prop type="x-context">ctx</prop>'
        '<prop type="client">IOM</prop>'
        '<tuv xml:lang="en"><note>en note</note><prop type="x-q">1</prop>'
        "<seg>Hi.</seg></tuv>"
        '<tuv xml:lang="hr"><prop type="client">IOM</prop><note>tu note</note>'
        "<note>hr note</note><seg>Bok.</seg></tuv>"
        '<tuv xml:lang="bs"><note>bs note</note><seg>Zdravo.</seg></tuv></tu>'
    )
    hr, bs = read(tmx_file(tmx_text(body)))
    assert hr.context == bs.context == "ctx"
    assert hr.note == "tu note\nen note\nhr note"  # duplicates once
    assert bs.note == "tu note\nen note\nbs note"
    assert hr.props == (("client", "IOM"), ("x-q", "1"))


@pytest.mark.parametrize(
    ("tu_attrs", "tuv_attrs", "created", "changed"),
    [
        ("", "", None, None),
        (' creationdate=""', ' changedate=""', None, None),
        (' creationdate="20240301T093000Z"', "", datetime(2024, 3, 1, 9, 30), None),
        ("", ' changedate="20240105T000001Z"', None, datetime(2024, 1, 5, 0, 0, 1)),
        (' changedate="20240301T093000"', "", None, datetime(2024, 3, 1, 9, 30)),
        (
            ' creationdate="2024-03-01T11:30:00+02:00"',
            "",
            datetime(2024, 3, 1, 9, 30),
            None,
        ),
        (
            ' creationdate="20240301T093000Z"',
            ' creationdate="20200101T000000Z"',
            datetime(2024, 3, 1, 9, 30),
            None,
        ),
    ],
    ids=["none", "empty", "tu", "tuv-fallback", "no-z", "iso-offset", "tu-wins"],
)
def test_dates_are_aware_utc(tmx_file, tu_attrs, tuv_attrs, created, changed):
    body = (
        f'<tu{tu_attrs}><tuv xml:lang="en"><seg>Hi.</seg></tuv>'
        f'<tuv xml:lang="hr"{tuv_attrs}><seg>Bok.</seg></tuv></tu>'
    )
    [unit] = read(tmx_file(tmx_text(body)))
    assert unit.created == (created and created.replace(tzinfo=UTC))
    assert unit.changed == (changed and changed.replace(tzinfo=UTC))
    for value in (unit.created, unit.changed):
        assert value is None or value.utcoffset() == timedelta(0)


# --- inline markup -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("seg", "plain", "markup"),
    [
        ("Plain &amp; simple &lt;text&gt;", "Plain & simple <text>", None),
        (
            'The <bpt i="1" x="1">&lt;b&gt;</bpt>new<ept i="1">&lt;/b&gt;</ept> rules',
            "The new rules",
            'The <bpt i="1" x="1">&lt;b&gt;</bpt>new<ept i="1">&lt;/b&gt;</ept> rules',
        ),
        (
            "See <ph x='1' type='image'>&lt;img src=\"a.png\"/&gt;</ph> here.",
            "See  here.",
            'See <ph x="1" type="image">&lt;img src="a.png"/&gt;</ph> here.',
        ),
        (
            'First <it pos="begin" x="1">&lt;i&gt;</it>part',
            "First part",
            'First <it pos="begin" x="1">&lt;i&gt;</it>part',
        ),
        (
            'A <hi type="term">highlighted <bpt i="1">{b}</bpt>word<ept i="1">{/b}'
            "</ept></hi>.",
            "A highlighted word.",
            'A <hi type="term">highlighted <bpt i="1">{b}</bpt>word<ept i="1">{/b}'
            "</ept></hi>.",
        ),
        ("Old <ut>{\\b}</ut>code", "Old code", "Old <ut>{\\b}</ut>code"),
        (
            'Click <ph x="1">&lt;img alt="<sub>Start</sub>"&gt;</ph> now',
            "Click  now",
            'Click <ph x="1">&lt;img alt="<sub>Start</sub>"&gt;</ph> now',
        ),
    ],
    ids=["plain", "bpt-ept", "ph", "it", "hi-nested", "ut", "sub"],
)
def test_inline_markup_kept_and_flattened(tmx_file, seg, plain, markup):
    [unit] = read(tmx_file(tmx_text(tu(("en", seg), ("hr", seg)))))
    assert (unit.source, unit.source_markup) == (plain, markup)
    assert (unit.target, unit.target_markup) == (plain, markup)


def test_comments_inside_segments_are_dropped(tmx_file):
    body = tu(("en", "Open <!-- note --> today"), ("hr", "Otvoreno<?pi x?> danas"))
    [unit] = read(tmx_file(tmx_text(body)))
    assert (unit.source, unit.source_markup) == ("Open  today", None)
    assert unit.target == "Otvoreno danas"


# --- skipped units -------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (tu(("en", "Only English.")), "fewer than two variants with text"),
        (tu(("en", "Hello."), ("hr", "   ")), "fewer than two variants with text"),
        (
            tu(("en", "Hello."), ("hr", '<ph x="1">{x}</ph>')),
            "fewer than two variants with text",
        ),
        (tu(("de", "Hallo."), ("hr", "Bok.")), "no variant in the source language en"),
        (
            tu(("en-US", "Color."), ("en-GB", "Colour.")),
            "all variants are in the same language",
        ),
    ],
    ids=["single", "blank", "code-only", "no-source", "same-language"],
)
def test_tus_without_a_pair_are_skipped_and_reported(tmx_file, body, reason):
    good = tu(("en", "Kept."), ("hr", "Zadržano."))
    path = tmx_file(tmx_text(f"{body}\n{good}"))
    skipped: list[tuple[str, str]] = []
    units = read(path, on_skip=lambda location, why: skipped.append((location, why)))
    assert [u.source for u in units] == ["Kept."]
    assert skipped == [(f"{path}:5", reason)]


# --- errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (tmx_text("<tu><tuv xml:lang='en'><seg>x</seg></tu>"), 5, "not well-formed"),
        (tmx_text("\n\n" + tu(("en", "a & b"), ("hr", "x"))), 7, "not well-formed"),
        (tmx_text("<tu><tuv><seg>No language</seg></tuv></tu>"), 5, "without xml:lang"),
        (tmx_text("\n<tu><note>n</note></tu>"), 6, "without any <tuv>"),
        (tmx_text('<tu>\n<tuv xml:lang="en"></tuv></tu>'), 6, "without <seg>"),
        (tmx_text(tu(("english!", "x"), ("hr", "y"))), 5, "invalid language tag"),
        (
            tmx_text(tu(("en", "x"), ("hr", "y"), attrs=' creationdate="yesterday"')),
            5,
            "invalid creationdate",
        ),
        (
            tmx_text(tu(("en", "x"), ("hr", "y"), attrs=' srclang="??"')),
            5,
            "invalid language tag",
        ),
        (tmx_text("", srclang="").replace('srclang=""', ""), 3, "without srclang"),
        (
            '<?xml version="1.0"?>\n<xliff version="1.2"><file/></xliff>',
            2,
            "root element is <xliff>",
        ),
        (
            '<?xml version="1.0"?>\n<tmx version="2.0"><header srclang="en"/></tmx>',
            2,
            "unsupported TMX version",
        ),
        ('<tmx version="1.4">\n<body>\n<tu/></body></tmx>', 3, "before any <header>"),
        ('<tmx version="1.4"><body/></tmx>', 1, "without a <header>"),
        ("", None, "empty file"),
        ("Dear colleagues,\nplease find the release.", 1, "not well-formed"),
    ],
    ids=[
        "tag-mismatch",
        "bare-ampersand",
        "no-lang",
        "no-tuv",
        "no-seg",
        "bad-lang",
        "bad-date",
        "bad-srclang",
        "no-srclang",
        "xliff",
        "version",
        "no-header",
        "header-missing",
        "empty",
        "plain-text",
    ],
)
def test_format_errors_name_file_and_line(tmx_file, text, line, message):
    path = tmx_file(text)
    with pytest.raises(TMXFormatError) as raised:
        read(path)
    expected = f"{path}:{line}" if line else str(path)
    assert raised.value.location == expected
    assert message in raised.value.message
    assert str(raised.value).startswith(expected)


def test_missing_srclang_is_fine_when_the_caller_names_the_source(tmx_file):
    text = tmx_text(tu(("hr", "Bok."), ("en", "Hi.")), srclang="").replace(
        'srclang=""', ""
    )
    [unit] = read(tmx_file(text), source_lang="hr_HR")
    assert (unit.source_lang, unit.target_lang) == ("hr", "en")


def test_missing_file_is_not_found(tmp_path):
    with pytest.raises(NotFoundError):
        read(tmp_path / "nope.tmx")


def test_text_mode_file_object_is_refused(tmx_file):
    path = tmx_file(tmx_text(tu(("en", "Hi."), ("hr", "Bok."))))
    with path.open(encoding="utf-8") as handle, pytest.raises(TMXFormatError):
        list(iter_tmx(handle))


# --- encodings and sources -----------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "declared", "bom", "target"),
    [
        ("utf-8", "UTF-8", b"", "Министарство здравља"),
        ("utf-8", "UTF-8", b"\xef\xbb\xbf", "Министарство здравља"),
        ("utf-16-le", "UTF-16", b"\xff\xfe", "Министарство здравља"),
        ("utf-16-be", "UTF-16", b"\xfe\xff", "Министарство здравља"),
        ("utf-16-le", "UTF-16", b"", "Министарство здравља"),
        ("cp1250", "windows-1250", b"", "Ministarstvo zdravlja, čćžšđ"),
        ("cp1251", "windows-1251", b"", "Министарство здравља"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "cp1250",
        "cp1251",
    ],
)
def test_encodings_and_boms(tmx_file, codec, declared, bom, target):
    text = tmx_text(tu(("en", "Ministry of Health"), ("sr", target)))
    data = bom + text.replace('encoding="UTF-8"', f'encoding="{declared}"').encode(
        codec
    )
    path = tmx_file("")
    path.write_bytes(data)
    [unit] = read(path)
    assert unit.target == target
    assert unit.target_lang == ("sr-Latn" if codec == "cp1250" else "sr-Cyrl")


def test_binary_file_object_with_and_without_name(tmx_file):
    path = tmx_file(tmx_text(tu(("en", "Hi."), ("hr", "Bok."))))
    with path.open("rb") as handle:
        [named] = iter_tmx(handle)
    [anonymous] = iter_tmx(io.BytesIO(path.read_bytes()))
    assert named.origin == "announcements.tmx"
    assert anonymous.origin == ""
    assert (named.source, anonymous.source) == ("Hi.", "Hi.")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE tmx SYSTEM "{missing}">',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<!DOCTYPE tmx PUBLIC "-//LISA OSCAR:1998//DTD for TMX//EN" "tmx14.dtd">',
        '<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx[1.4].dtd">',
        "<!DOCTYPE tmx [ ]>",
        "<!DOCTYPE tmx [<!-- nothing declared -->]>",
    ],
)
def test_external_or_empty_doctype_is_accepted_and_not_loaded(
    tmx_file, tmp_path, doctype
):
    prolog = doctype.format(missing=tmp_path / "missing" / "tmx14.dtd") + "\n"
    path = tmx_file(tmx_text(tu(("en", "Hi."), ("hr", "Bok.")), prolog=prolog))
    assert [u.target for u in read(path)] == ["Bok."]


# --- safety --------------------------------------------------------------------

BILLION_LAUGHS = """<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


@pytest.mark.parametrize(
    ("prolog", "seg"),
    [
        (BILLION_LAUGHS, "&lol9;"),
        ('<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n', "&xxe;"),
        ('<!DOCTYPE tmx [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n', "x"),
        ('<!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ELEMENT tmx ANY>]>\n', "x"),
        ('<!DOCTYPE tmx [<!ENTITY greeting "Hello">]>\n', "&greeting;"),
        ('<!DOCTYPE tmx SYSTEM "tmx14.dtd" [<!ATTLIST tuv lang CDATA "hr">]>\n', "x"),
        ('<!DOCTYPE tmx [<!NOTATION gif SYSTEM "viewer">]>\n', "x"),
    ],
    ids=[
        "billion-laughs",
        "xxe",
        "parameter-entity",
        "element-decl",
        "harmless-entity",
        "attlist",
        "notation",
    ],
)
def test_internal_subset_is_refused_before_any_unit(tmx_file, prolog, seg):
    first = tu(("en", "Innocent first unit."), ("hr", "Nevina prva jedinica."))
    path = tmx_file(tmx_text(f"{first}\n{tu(('en', seg), ('hr', 'x'))}", prolog=prolog))
    units = iter_tmx(path)
    with pytest.raises(TMXFormatError) as raised:
        next(units)  # the very first unit is never produced
    # Our guard names the DOCTYPE's line (2); libxml2's own refusals do not.
    assert raised.value.location == f"{path}:2"


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_internal_subset_is_refused_in_every_encoding(tmx_file, codec, bom):
    text = tmx_text(tu(("en", "&lol9;"), ("hr", "x")), prolog=BILLION_LAUGHS)
    declared = "UTF-8" if codec == "utf-8" else "UTF-16"
    data = bom + text.replace("UTF-8", declared).encode(codec)
    path = tmx_file("")
    path.write_bytes(data)
    with pytest.raises(TMXFormatError) as raised:
        next(iter_tmx(path))
    assert raised.value.location == f"{path}:2"


def test_internal_subset_after_a_long_comment_is_refused(tmx_file):
    """The guard reads on until the prolog ends, far past its first read."""
    comment = "<!--" + "\n".join("x" * 70 for _ in range(2000)) + "-->\n"
    prolog = comment + '<!DOCTYPE tmx [<!ENTITY a "b">]>\n'
    path = tmx_file(tmx_text(tu(("en", "&a;"), ("hr", "x")), prolog=prolog))
    with path.open("rb") as stream, pytest.raises(TMXFormatError) as raised:
        next(iter_tmx(stream))
    assert raised.value.location == f"{path}:2002"  # after 2,000 comment lines


def test_prolog_too_long_to_hold_is_refused(tmx_file):
    """Memory stays bounded: the guard does not buffer an endless comment."""
    prolog = "<!--" + "x" * (2 * 1024 * 1024) + "-->\n"
    path = tmx_file(tmx_text(tu(("en", "Hi."), ("hr", "Bok.")), prolog=prolog))
    with pytest.raises(TMXFormatError) as raised:
        read(path)
    assert raised.value.location == str(path)
    shorter = "<!--" + "x" * (512 * 1024) + "-->\n"
    path = tmx_file(tmx_text(tu(("en", "Hi."), ("hr", "Bok.")), prolog=shorter))
    assert [u.target for u in read(path)] == ["Bok."]


@pytest.mark.parametrize(
    "prolog",
    [
        '<!-- <!DOCTYPE tmx [<!ENTITY a "b">]> -->\n',
        '<?pi <!DOCTYPE tmx [<!ENTITY a "b">]> ?>\n',
        "<!DOCTYPE tmx PUBLIC \"-//x y//EN\" 't[1].dtd'>\n",
    ],
    ids=["in-comment", "in-pi", "in-literals"],
)
def test_brackets_outside_a_subset_are_accepted(tmx_file, prolog):
    path = tmx_file(tmx_text(tu(("en", "Hi."), ("hr", "Bok.")), prolog=prolog))
    assert [u.target for u in read(path)] == ["Bok."]


@pytest.mark.parametrize(
    "declared", ["rot13", "zlib", "base64", "idna", "utf-7", "no-such", "UTF-16"]
)
def test_odd_declared_encodings_give_only_format_errors(tmx_file, declared):
    text = tmx_text(tu(("en", "Hi."), ("hr", "Bok.")), prolog=BILLION_LAUGHS)
    path = tmx_file(text.replace("UTF-8", declared))
    try:
        units = read(path)
    except TMXFormatError as error:
        assert error.location.startswith(str(path))
    else:
        raise AssertionError(f"an internal subset was read: {units}")


def test_internal_subset_is_found_in_a_stateful_encoding(tmx_file):
    """ISO-2022-JP spells "、" with a quote byte; read as bytes, the system literal
    would end inside that character and hide the subset after it."""
    assert b'"' in "、".encode("iso-2022-jp")
    prolog = '<!DOCTYPE tmx SYSTEM "、.dtd" [<!ENTITY a "b">]>\n'
    text = tmx_text(tu(("en", "Hi."), ("hr", "Bok.")), prolog=prolog)
    path = tmx_file(text.replace("UTF-8", "ISO-2022-JP"), encoding="iso-2022-jp")
    with pytest.raises(TMXFormatError) as raised:
        read(path)
    assert raised.value.location == f"{path}:2"


EVERY_CODEC = sorted(set(encodings.aliases.aliases.values()) - {"mbcs", "oem"})


@pytest.mark.parametrize("codec", EVERY_CODEC)
def test_internal_subset_is_refused_in_every_python_codec(tmx_file, codec):
    """Whatever the declaration names, the subset never reaches libxml2: it is
    refused at its line (EBCDIC files as a whole)."""
    prolog = '<!DOCTYPE tmx [<!ENTITY a "b">]>\n'
    text = tmx_text(tu(("en", "Hi."), ("hr", "Bok.")), prolog=prolog)
    text = text.replace("UTF-8", codec)
    try:
        data = text.encode(codec)
    except (TypeError, LookupError, UnicodeError):  # not a text codec: bytes as is
        data = text.encode("latin-1")
    path = tmx_file("")
    path.write_bytes(data)
    with pytest.raises(TMXFormatError) as raised:
        read(path)
    ebcdic = data.startswith(b"\x4c\x6f\xa7\x94")
    assert raised.value.location == (str(path) if ebcdic else f"{path}:2")


def test_ebcdic_is_refused(tmx_file):
    path = tmx_file("")
    path.write_bytes(tmx_text(tu(("en", "Hi."), ("hr", "Bok."))).encode("cp500"))
    with pytest.raises(TMXFormatError) as raised:
        read(path)
    assert raised.value.location == str(path)


def test_deeply_nested_markup_is_refused(tmx_file):
    seg = "<hi>" * 300 + "deep" + "</hi>" * 300
    path = tmx_file(tmx_text(tu(("en", seg), ("hr", "duboko"))))
    with pytest.raises(TMXFormatError, match="depth") as raised:
        read(path)
    assert raised.value.location == f"{path}:5"


def test_undeclared_entity_is_a_format_error(tmx_file):
    path = tmx_file(tmx_text(tu(("en", "&nbsp;"), ("hr", "x"))))
    with pytest.raises(TMXFormatError, match="nbsp"):
        read(path)


# --- limits --------------------------------------------------------------------


def test_file_over_byte_limit_is_refused_before_parsing(tmx_file):
    path = tmx_file(tmx_text(tu(("en", "Hi."), ("hr", "Bok."))))
    limits = TMXLimits(max_bytes=path.stat().st_size - 1)
    units = iter_tmx(path, limits=limits)
    with pytest.raises(PayloadTooLargeError) as raised:
        next(units)
    assert raised.value.location == str(path)


def test_stream_over_byte_limit_is_refused(tmx_file):
    body = "\n".join(
        tu(("en", f"Unit {n}."), ("hr", f"Jedinica {n}.")) for n in range(3000)
    )
    data = tmx_file(tmx_text(body)).read_bytes()
    with pytest.raises(PayloadTooLargeError, match="limit of 50000 bytes"):
        list(iter_tmx(io.BytesIO(data), limits=TMXLimits(max_bytes=50_000)))
    assert (
        len(list(iter_tmx(io.BytesIO(data), limits=TMXLimits(max_bytes=len(data)))))
        == 3000
    )


@pytest.mark.parametrize(("cap", "refused"), [(3, False), (2, True)])
def test_unit_limit(tmx_file, cap, refused):
    body = "\n".join(tu(("en", f"U{n}"), ("hr", f"J{n}")) for n in range(3))
    units = iter_tmx(tmx_file(tmx_text(body)), limits=TMXLimits(max_units=cap))
    if refused:
        with pytest.raises(PayloadTooLargeError, match="more than 2 translation units"):
            list(units)
    else:
        assert len(list(units)) == 3


@pytest.mark.parametrize(
    ("seg", "cap", "refused"),
    [
        ("x" * 10, 10, False),
        ("x" * 11, 10, True),
        ('<bpt i="1">{b}</bpt>xxxx<ept i="1">{/b}</ept>', 10, True),  # markup counts
    ],
)
def test_segment_limit_names_the_line(tmx_file, seg, cap, refused):
    body = tu(("en", "short"), ("hr", "kratko")) + "\n\n" + tu(("en", seg), ("hr", "x"))
    path = tmx_file(tmx_text(body))
    units = iter_tmx(path, limits=TMXLimits(max_segment_chars=cap))
    if not refused:
        assert len(list(units)) == 2
        return
    with pytest.raises(PayloadTooLargeError) as raised:
        list(units)
    assert raised.value.location == f"{path}:7"


# --- writer --------------------------------------------------------------------

UNITS = [
    TranslationUnit(
        source="The office is closed on 1 May.",
        target="Ured je zatvoren 1. svibnja.",
        source_lang="en",
        target_lang="hr",
        context="release-2024-17",
        origin="press/2024-17.docx",
        note="Public holiday.\nChecked by the desk.",
        created=datetime(2024, 4, 30, 8, 0, tzinfo=UTC),
        changed=datetime(2024, 4, 30, 9, 15, 30, tzinfo=UTC),
        props=(("x-document", "2024-17"), ("client", "IOM")),
    ),
    TranslationUnit(
        source="Read the new rules.",
        target="Прочитајте нова правила.",
        source_lang="en",
        target_lang="sr-Cyrl",
        origin="web",
        source_markup='Read the <bpt i="1" x="1">&lt;b&gt;</bpt>new<ept i="1">'
        "&lt;/b&gt;</ept> rules.",
        target_markup='Прочитајте <bpt i="1" x="1">&lt;b&gt;</bpt>нова<ept i="1">'
        "&lt;/b&gt;</ept> правила.",
    ),
    TranslationUnit(
        source="Zatvoreno & <zaključano>",
        target="Closed & <locked>",
        source_lang="bs",
        target_lang="en",
        origin="web",
    ),
]


def export(units, **kwargs) -> bytes:
    out = io.BytesIO()
    write_tmx(units, out, creation_date=FIXED_DATE, **kwargs)
    return out.getvalue()


def test_export_is_valid_tmx14():
    data = export(UNITS)
    document = etree.fromstring(data)
    assert_valid_tmx14(document)
    header = document.find("header")
    assert header.attrib == {
        "creationtool": "tmserver",
        "creationtoolversion": header.get("creationtoolversion"),
        "segtype": "sentence",
        "o-tmf": "tmserver",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
        "creationdate": "20260102T030405Z",
    }
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE tmx")
    langs = [
        tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
        for tuv in document.iter("tuv")
    ]
    assert langs == ["en", "hr", "en", "sr-Cyrl", "bs", "en"]
    first = document.find("body/tu")
    assert first.attrib == {
        "creationdate": "20240430T080000Z",
        "changedate": "20240430T091530Z",
    }
    assert [(p.get("type"), p.text) for p in first.iter("prop")] == [
        ("x-context", "release-2024-17"),
        ("x-origin", "press/2024-17.docx"),
        ("x-document", "2024-17"),
        ("client", "IOM"),
    ]
    assert document.findall("body/tu")[2].get("srclang") == "bs"


def test_export_is_deterministic():
    assert export(UNITS) == export(list(UNITS))
    assert export(UNITS) != export(UNITS[:2])


def test_export_import_export_roundtrip(tmp_path):
    first = export(UNITS)
    path = tmp_path / "memory.tmx"
    path.write_bytes(first)
    again = read(path)
    assert again == UNITS
    assert export(again) == first


def test_translate_toolkit_reads_our_export():
    from translate.storage.tmx import tmxfile

    store = tmxfile.parsestring(export(UNITS[:1] + UNITS[2:]))
    assert [(u.source, u.target) for u in store.units] == [
        (UNITS[0].source, UNITS[0].target),
        (UNITS[2].source, UNITS[2].target),
    ]
    assert store.units[0].getcontext() == "release-2024-17"
    assert "Public holiday." in store.units[0].getnotes()


@pytest.mark.parametrize(
    ("when", "written"),
    [
        (datetime(2024, 1, 2, 3, 4, 5, 678, tzinfo=UTC), "20240102T030405Z"),
        (datetime(2024, 1, 2, 3, 4, 5), "20240102T030405Z"),  # naive = UTC
        (
            datetime(2024, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2))),
            "20240102T030405Z",
        ),
    ],
)
def test_export_dates(when, written):
    unit = UNITS[2]
    data = export([TranslationUnit(**{**_fields(unit), "created": when})])
    assert etree.fromstring(data).find("body/tu").get("creationdate") == written


def test_export_drops_characters_xml_cannot_hold():
    unit = TranslationUnit(
        source="Page\x0cbreak\x00",
        target="Prijelom\x1bstranice",
        source_lang="en",
        target_lang="hr",
    )
    segs = [seg.text for seg in etree.fromstring(export([unit])).iter("seg")]
    assert segs == ["Pagebreak", "Prijelomstranice"]


def test_export_refuses_broken_markup():
    unit = TranslationUnit(
        source="a",
        target="b",
        source_lang="en",
        target_lang="hr",
        source_markup="<bpt i='1'>unclosed",
    )
    with pytest.raises(TMXFormatError, match="not well-formed"):
        export([unit])


def test_export_to_path_returns_count(tmp_path):
    path = tmp_path / "out.tmx"
    assert write_tmx(iter(UNITS), path, creation_date=FIXED_DATE) == 3
    assert path.read_bytes() == export(UNITS)


def test_entries_keep_multilingual_structure(tmx_file):
    body = tu(("en", "Hi."), ("hr", "Bok."), ("sr", "Здраво."), attrs=' tuid="7"')
    [entry] = iter_tmx_entries(tmx_file(tmx_text(body)))
    assert entry.line == 5
    assert entry.srclang == "en"
    assert [(v.lang, v.text) for v in entry.variants] == [
        ("en", "Hi."),
        ("hr", "Bok."),
        ("sr-Cyrl", "Здраво."),
    ]
    assert entry.tuid == "7"
    assert [v.line for v in entry.variants] == [5, 5, 5]


def test_variant_pairs_one_per_tu_with_seg_lines(tmx_file):
    body = "\n".join(
        [
            tu(("en", "Hi."), ("hr", "Bok."), ("sr", "Здраво.")),  # 5
            tu(("en", "Only English.")),  # 6
            tu(("en", "Blank."), ("hr", "  ")),  # 7
            tu(("hr", "Bez izvora."), ("sr", "Без извора.")),  # 8
            '<tu><tuv xml:lang="en">\n<seg>Two\nlines.</seg></tuv>\n'  # 9-11
            '<tuv xml:lang="sr"><seg>Два реда.</seg></tuv></tu>',  # 12
        ]
    )
    path = tmx_file(tmx_text(body))
    skipped: list[tuple[str, str]] = []
    strict = list(iter_variant_pairs(path, on_skip=lambda *s: skipped.append(s)))
    assert [(p.number, p.source.line, p.target.line) for p in strict] == [
        (1, 5, 5),
        (5, 10, 12),
    ]
    assert [where for where, _ in skipped] == [f"{path}:{n}" for n in (6, 7, 8)]
    kept = list(iter_variant_pairs(path, target_lang="sr", keep_one_sided=True))
    assert [(p.number, p.target and p.target.text) for p in kept] == [
        (1, "Здраво."),
        (2, None),
        (3, None),  # no Serbian variant; the blank Croatian one is not a target
        (5, "Два реда."),
    ]
    blank = list(iter_variant_pairs(path, target_lang="hr", keep_one_sided=True))
    assert [p.target and p.target.text for p in blank][:3] == ["Bok.", None, "  "]


def _fields(unit: TranslationUnit) -> dict:
    return {name: getattr(unit, name) for name in unit.__dataclass_fields__}
