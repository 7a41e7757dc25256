"""Opening a TMX source (a path or a binary file object) under a byte limit."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tmserver.errors import NotFoundError
from tmserver.errors import PayloadTooLargeError
from tmserver.errors import TMXFormatError

#: What ``iter_tmx`` reads: a file system path or an open binary file object.
TMXSource = str | os.PathLike | BinaryIO


def display_name(source: TMXSource) -> str:
    """The name error messages use: the path as given, or the file object's name."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def origin_name(source: TMXSource) -> str:
    """The file name (without directories) recorded as a unit's origin by default."""
    name = display_name(source)
    return "" if name == "<stream>" else Path(name).name


class LimitedReader:
    """A ``read()``-only view of a binary file that refuses to go past ``max_bytes``.

    lxml pulls the input through ``read``; raising here aborts the parse, and lxml
    re-raises our exception unchanged. The first bytes are inspected before parsing
    (the prolog guard reads them and gives them back with :meth:`unread`), so an
    empty or text-mode source gets a clear message instead of a parser error.
    """

    def __init__(self, stream: BinaryIO, max_bytes: int, name: str) -> None:
        self._stream = stream
        self._max_bytes = max_bytes
        self._name = name
        self._pushed = b""
        self.bytes_read = 0

    def unread(self, data: bytes) -> None:
        """Give back bytes already read (the prolog guard's look-ahead)."""
        self._pushed = data + self._pushed
        self.bytes_read -= len(data)

    def read(self, size: int = -1) -> bytes:
        if self._pushed:
            cut = len(self._pushed) if size < 0 else size
            chunk, self._pushed = self._pushed[:cut], self._pushed[cut:]
            self.bytes_read += len(chunk)
            return chunk
        chunk = self._stream.read(size)
        if not isinstance(chunk, bytes):
            raise TMXFormatError(
                "TMX must be read as bytes (open the file in binary mode)",
                location=self._name,
            )
        self.bytes_read += len(chunk)
        if self.bytes_read > self._max_bytes:
            raise PayloadTooLargeError(
                f"file is larger than the limit of {self._max_bytes} bytes",
                location=self._name,
            )
        return chunk


@contextmanager
def open_source(source: TMXSource, max_bytes: int) -> Iterator[LimitedReader]:
    """Yield a size-limited reader for ``source``; paths are opened and closed here.

    Paths over the limit are refused before a single byte is parsed.

    :raises PayloadTooLargeError: when the input exceeds ``max_bytes``.
    :raises TMXFormatError: when the path cannot be opened.
    """
    name = display_name(source)
    if not isinstance(source, str | os.PathLike):
        yield LimitedReader(source, max_bytes, name)
        return
    try:
        size = os.stat(source).st_size
        stream = open(source, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError as error:
        raise NotFoundError("no such TMX file", location=name) from error
    except OSError as error:
        raise TMXFormatError(
            f"cannot open TMX file: {error.strerror}", location=name
        ) from error
    if size > max_bytes:
        stream.close()
        raise PayloadTooLargeError(
            f"file of {size} bytes is larger than the limit of {max_bytes} bytes",
            location=name,
        )
    with stream:
        yield LimitedReader(stream, max_bytes, name)
