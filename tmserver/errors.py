"""The project's one exception root and its subclasses.

Every error knows how the edges report it: ``status_code`` for HTTP, ``exit_code`` for
the CLI and ``code`` as a stable machine-readable slug. Nothing else is ever raised on
purpose by tmserver code; the edges turn these into one JSON body or one CLI message.

Hierarchy::

    TMServerError                      500 / exit 4  internal error
    ├── InvalidRequestError            400 / exit 2  bad parameters or usage
    │   └── UnsupportedLanguageError   404 / exit 2  unknown or unusable language
    ├── NotFoundError                  404 / exit 2  no such resource
    ├── AuthError                      401 / exit 2  missing or wrong API token
    ├── PayloadTooLargeError           413 / exit 3  input over a configured cap
    ├── MemoryBusyError                503 / exit 3  another writer holds the memory
    └── InputDataError                 422 / exit 3  input data that cannot be used
        ├── TMXFormatError             422 / exit 3  not TMX, malformed or unsafe XML
        ├── DocumentError              422 / exit 3  unusable announcement
        ├── BilingualFileError         422 / exit 3  unusable XLIFF, PO, DOCX or TSV
        └── AlignmentError             422 / exit 3  the two halves cannot be aligned
"""

from __future__ import annotations

from typing import ClassVar

#: CLI exit codes, documented in README.md.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_INTERNAL = 4


class TMServerError(Exception):
    """Root of every error tmserver raises.

    :param message: what went wrong, phrased for the person who has to fix it.
    :param location: where: a file name, optionally with ``:line``.
    """

    status_code: ClassVar[int] = 500
    exit_code: ClassVar[int] = EXIT_INTERNAL
    code: ClassVar[str] = "internal_error"

    def __init__(self, message: str, *, location: str | None = None) -> None:
        self.message = message
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)

    def __reduce__(self) -> tuple:
        # Keep class, message and location across processes (background parsing).
        return (_rebuild, (type(self), self.message, self.location))


def _rebuild(
    cls: type[TMServerError], message: str, location: str | None
) -> TMServerError:
    return cls(message, location=location)


class InvalidRequestError(TMServerError):
    """Parameters or usage the caller can correct."""

    status_code = 400
    exit_code = EXIT_USAGE
    code = "invalid_request"


class UnsupportedLanguageError(InvalidRequestError):
    """A language tag we cannot parse, or a language the memory does not hold."""

    status_code = 404
    code = "unsupported_language"


class NotFoundError(TMServerError):
    """The requested resource does not exist."""

    status_code = 404
    exit_code = EXIT_USAGE
    code = "not_found"


class AuthError(TMServerError):
    """A write request without the right bearer token."""

    status_code = 401
    exit_code = EXIT_USAGE
    code = "unauthorized"


class PayloadTooLargeError(TMServerError):
    """Input over one of the configured caps; refused, never silently truncated."""

    status_code = 413
    exit_code = EXIT_BAD_INPUT
    code = "payload_too_large"


class MemoryBusyError(TMServerError):
    """Another writer held the memory for longer than the lock timeout.

    Nothing was written; the same request or import can simply be tried again, so the
    web edge answers 503 with ``Retry-After``.
    """

    status_code = 503
    exit_code = EXIT_BAD_INPUT
    code = "memory_busy"


class InputDataError(TMServerError):
    """Input data (a file or a request body) that cannot be used as it is."""

    status_code = 422
    exit_code = EXIT_BAD_INPUT
    code = "bad_input"


class TMXFormatError(InputDataError):
    """Not TMX, malformed XML, or XML we refuse for safety (DTDs, entities)."""

    code = "bad_tmx"


class DocumentError(InputDataError):
    """An announcement that cannot be split, decoded or read."""

    code = "bad_document"


class BilingualFileError(InputDataError):
    """An XLIFF, PO, DOCX or bilingual TSV file that cannot be read or used."""

    code = "bad_bilingual_file"


class AlignmentError(InputDataError):
    """The English and local halves of a document cannot be aligned."""

    code = "alignment_failed"
