"""The announcement reader on arbitrary input: it reads the document or refuses it
with one of the project's errors, never anything else (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from tmserver.build.announcement import align_document
from tmserver.errors import TMServerError

ENGLISH = "The office in Sarajevo employs 25 people. It opened on 18 October 2018."
LOCAL = "Ured u Sarajevu zapošljava 25 osoba. Otvoren je 18. oktobra 2018."
PIECES = st.sampled_from(
    [
        ENGLISH,
        LOCAL,
        "\n\n",
        "\n",
        "<p>",
        "</p>",
        "<br>",
        "&amp;",
        "\ufeff",
        "\x00",
        "Здраво свете.",
        "25.10.2018.",
        "IOM",
        " ",
        "\r\n",
        "<script>x</script>",
    ]
)
DOCUMENT = st.one_of(
    st.binary(max_size=400),
    st.lists(PIECES, max_size=30).map(lambda parts: "".join(parts).encode("utf-8")),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


def reads_or_refuses(call) -> None:
    try:
        call()
    except TMServerError:
        pass


@settings(max_examples=150, deadline=None)
@given(data=DOCUMENT, lang=st.sampled_from([None, "bs", "hr", "sr-Latn", "sr-Cyrl"]))
def test_one_file_announcement(data: bytes, lang: str | None) -> None:
    reads_or_refuses(lambda: align_document(data, "doc.txt", lang=lang))


@settings(max_examples=100, deadline=None)
@given(english=DOCUMENT, local=DOCUMENT)
def test_english_and_local_files(english: bytes, local: bytes) -> None:
    reads_or_refuses(
        lambda: align_document(english, "en.txt", local_data=local, local_name="hr.txt")
    )
