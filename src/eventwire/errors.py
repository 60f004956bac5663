"""Every error eventwire raises, in one place, each message with a code.

Stages raise; the orchestrator decides whether to skip and log; the user sees one line with the
code and what to do. All exceptions derive from ``EventwireError``.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every eventwire error. ``str(err)`` is the one line a user sees."""

    code = "E000"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        prefix = f"[{self.code}] "
        return prefix + (f"{self.where}: {self.message}" if self.where else self.message)


class InputError(EventwireError):
    """The input cannot be read as an article (empty, binary, undecodable, too large)."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class InputTooLargeError(InputError):
    code = "E103"


class MalformedInputError(InputError):
    """Broken HTML, JSON, XML, WARC or CSV."""

    code = "E104"


class UnsupportedLanguageError(InputError):
    code = "E105"


class BadDateError(InputError):
    code = "E106"


class FetchError(EventwireError):
    code = "E200"


class ModelError(EventwireError):
    """The spaCy pipeline cannot be loaded."""

    code = "E300"


class ResourceError(EventwireError):
    """A YAML resource (triggers, actors, weapons, mappings) is missing or malformed."""

    code = "E301"


class GazetteerError(EventwireError):
    code = "E302"


class StoreError(EventwireError):
    code = "E400"


class ConfigError(EventwireError):
    code = "E500"


class CodingError(EventwireError):
    """An unexpected failure while coding one article: a bug; the article is logged and skipped."""

    code = "E600"


class ReportError(EventwireError):
    """A situation report could not be made or written."""

    code = "E900"


class EvaluationError(EventwireError):
    """An evaluation or benchmark cannot run (unknown dataset, missing scorer or data)."""

    code = "E700"


class EvaluationUnavailableError(EvaluationError):
    """The scorer a dataset needs is not there yet (e.g. the geo stage's GeoWebNews scorer)."""

    code = "E701"
