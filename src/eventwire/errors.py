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


class TruncatedInputError(MalformedInputError):
    """A record or compressed member cut short: it is never stored as if whole."""

    code = "E107"


class CorruptInputError(MalformedInputError):
    """Bytes that fail their own check (gzip CRC, WARC block digest, a record's length)."""

    code = "E108"


class UnreadablePathError(InputError):
    """A file or folder that exists but cannot be read (permissions)."""

    code = "E109"


class UsageError(EventwireError):
    """An option or argument the command cannot use (named in the message, with the fix)."""

    code = "E110"


class OutputPathError(UsageError):
    """An output file that cannot be written: checked before any work is done."""

    code = "E111"


class FetchError(EventwireError):
    code = "E200"


class BadUrlError(FetchError):
    """A URL that cannot be fetched as written (malformed, an unknown scheme)."""

    code = "E201"


class UnsafeUrlError(FetchError):
    """A URL the server will not fetch: its host is not public (private, loopback, link-local,
    metadata), or fetching is switched off."""

    code = "E202"


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


class StoreMissingError(StoreError):
    """A command that reads the store was pointed at a database that does not exist."""

    code = "E401"


class NotFoundError(StoreError):
    """No stored item with that id (an event, an article)."""

    code = "E403"


class StoreReadOnlyError(StoreError):
    code = "E402"


class SchedulerError(EventwireError):
    """The Dask scheduler cannot be reached within the timeout."""

    code = "E410"


class ConfigError(EventwireError):
    code = "E500"


class CodingError(EventwireError):
    """An unexpected failure while coding one article: a bug; the article is logged and skipped."""

    code = "E600"


class IdClashWarning(EventwireError):
    """Not an error: two records of one input share an id but not their text; both are kept."""

    code = "W101"


class AccessError(EventwireError):
    """The REST API refuses a request: no key, an unknown or revoked key."""

    code = "E800"


class ReportError(EventwireError):
    """A situation report could not be made or written."""

    code = "E900"


class EvaluationError(EventwireError):
    """An evaluation or benchmark cannot run (unknown dataset, missing scorer or data)."""

    code = "E700"


class EvaluationUnavailableError(EvaluationError):
    """The scorer a dataset needs is not there yet (e.g. the geo stage's GeoWebNews scorer)."""

    code = "E701"
