"""What the API takes in and gives out (pydantic), kept apart from the store's tables.

An event as the API gives it is the event record (``eventwire.model.Event``, JSON v1) with the
analysts' edits laid over it, plus ``review`` (its state), ``machine`` (the machine's values of
the edited fields, so that every read shows both) and ``article`` (where it was told).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..model import Event

Day = date  # fields named "date" hide the type inside their class

NO_NUL = r"^[^\x00]*$"  # text fields: PostgreSQL cannot store the NUL character

ReviewStateName = Literal["accepted", "rejected", "edited"]
Sort = Literal["date", "-date", "killed", "-killed", "confidence", "-confidence"]
Interval = Literal["day", "week"]
ExportFormat = Literal["acled", "csv", "geojson", "jsonl", "parquet"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorOut(_Out):
    """Every error the API itself answers (not request validation): a code and one line."""

    code: str = Field(description="eventwire error code, e.g. E800 (access), E201 (URL refused)")
    detail: str


class ArticleRef(_Out):
    id: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    site: str | None = None


class ArticleFull(ArticleRef):
    language: str | None = None
    text: str | None = Field(None, description="The cleaned text; the events' evidence "
                             "offsets (start, end) index it. None for articles stored before "
                             "the text was kept.")
    n_events: int = 0


class ReviewInfo(_Out):
    state: ReviewStateName | None = None
    reviewer: str | None = None
    at: datetime | None = None


class EventItem(Event):
    """An event record with the review laid over it."""

    review: ReviewInfo
    machine: dict[str, Any] = Field(
        default_factory=dict, description="The machine's values of the fields analysts edited, "
        "by field name (the names `fields` takes in a review); the record shows their values.")
    article: ArticleRef


class ReviewOut(_Out):
    id: int
    verdict: Literal["accept", "reject", "edit"]
    fields: dict[str, Any] = Field(default_factory=dict)
    comment: str | None = None
    reviewer: str | None = None
    at: datetime


class EventDetail(EventItem):
    """One event with its article (text included) and every review it has had."""

    article: ArticleFull  # type: ignore[assignment]
    history: list[ReviewOut]


class EventPage(_Out):
    items: list[EventItem]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; "
                                    "null on the last page.")


class IncidentItem(_Out):
    """A real-world event told by one or more articles. Until clustering fills the incidents
    table, each event is its own incident."""

    id: str
    type: str | None = None
    title: str | None = None
    date: Day | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    killed: int | None = None
    injured: int | None = None
    n_events: int
    n_sources: int
    event_ids: list[str]
    review: ReviewInfo


class IncidentPage(_Out):
    items: list[IncidentItem]
    next_cursor: str | None = None


class SeriesPoint(_Out):
    date: Day = Field(description="The day, or the Monday that starts the week.")
    events: int
    killed: int = Field(description="Killed in events that occurred or are ongoing.")
    injured: int = Field(description="Injured in events that occurred or are ongoing.")


class SeriesOut(_Out):
    interval: Interval
    points: list[SeriesPoint]


class DateRange(_Out):
    first: date | None = None
    last: date | None = None


class MetaOut(_Out):
    """What the filter menus offer, and how this server is set up."""

    events: int
    countries: list[str]
    types: list[str]
    acled_types: list[str]
    statuses: list[str]
    dates: DateRange
    editable_fields: list[str]
    sorts: list[str]
    reads_keyed: bool = Field(description="Whether reads need `Authorization: Bearer KEY`.")
    tile_url: str | None = None


class HealthOut(_Out):
    status: Literal["ok"]
    version: str
    database: str


class ArticleIn(BaseModel):
    """One article to code and store: exactly one of `text`, `html` or `url`."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, min_length=1, pattern=NO_NUL)
    html: str | None = Field(None, min_length=1, pattern=NO_NUL)
    url: str | None = Field(None, min_length=1, max_length=2000, pattern=NO_NUL)
    published: date | None = Field(None, description="Publication date, for texts that carry "
                                   "none; relative dates resolve to it.")
    title: str | None = Field(None, max_length=1000, pattern=NO_NUL)

    @model_validator(mode="after")
    def _one_source(self) -> ArticleIn:
        given = [name for name in ("text", "html", "url") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class ArticleOut(ArticleFull):
    created: bool = Field(description="False when the article was stored already (same id, "
                          "text or canonical URL); the stored one is returned.")
    events: list[EventItem]


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Literal["accept", "reject", "edit"]
    fields: dict[str, Any] | None = Field(
        None, description="For an edit: field name to the analyst's value (see "
        "GET /api/meta `editable_fields`).")
    comment: str | None = Field(None, max_length=5000, pattern=NO_NUL)


class ReviewResult(_Out):
    review: ReviewOut
    event: EventItem


__all__ = [
    "NO_NUL", "ArticleFull", "ArticleIn", "ArticleOut", "ArticleRef", "DateRange", "ErrorOut",
    "EventDetail", "EventItem", "EventPage", "ExportFormat", "HealthOut", "IncidentItem",
    "IncidentPage", "Interval", "MetaOut", "ReviewIn", "ReviewInfo", "ReviewOut",
    "ReviewResult", "SeriesOut", "SeriesPoint", "Sort",
]  # fmt: skip
