"""Readers for the Gun Violence Archive incidents and the news articles that told them.

The folder (``../shared/data/eval/gva-incidents/``, SemEval-2018 task 5's registry) holds
``incidents.jsonl`` (one US shooting per line: date, state, city, address, killed, injured) and
``articles.jsonl`` (the local news stories that reported each incident). Read in place, never
copied. Traps its SOURCE.txt and a look at the data show:

- ``incident_id`` of an article is the gold answer: eventwire is given only the article's id,
  title, published date, URL and text (``GvaArticle.to_article``).
- Some stories stand twice under one incident, the same text at two URLs (an update and its
  first version, a syndicated copy): ``read_articles(..., unique_texts=True)`` keeps the first.
- ``published`` is the page's date, often a day or more after the incident and for follow-ups
  (arrests, trials) months later: the incident's date is in ``incidents.jsonl``.
- This folder is the development half of the registry (incidents whose sha1 is even); the other
  half is held out for acceptance. Within it, ``half_of`` splits incidents again, so that rules
  are tuned on one half ("dev") and checked on the other ("check").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..errors import MalformedInputError
from ..model import Article

Half = Literal["dev", "check", "all"]
HALVES: tuple[str, ...] = ("dev", "check", "all")

ARTICLES_FILE = "articles.jsonl"
INCIDENTS_FILE = "incidents.jsonl"


@dataclass(frozen=True)
class GvaIncident:
    incident_id: str
    date: date
    state: str
    city: str
    address: str
    killed: int
    injured: int
    n_articles: int = 0


@dataclass(frozen=True)
class GvaArticle:
    id: str
    incident_id: str
    title: str
    published: date | None
    url: str
    text: str

    def to_article(self) -> Article:
        """What eventwire reads: everything but the gold ``incident_id``."""
        return Article(id=self.id, raw=self.text, title=self.title or None,
                       published=self.published, url=self.url or None)


def half_of(incident_id: str) -> Literal["dev", "check"]:
    """The half an incident belongs to, "dev" or "check", fixed by a hash of its id.

    All articles of one incident fall in the same half, so the check half holds incidents whose
    stories no rule was tuned on. (The folder itself holds the even-sha1 incidents; this uses
    the second byte of sha256 so the split is not correlated with that one.)
    """
    digest = hashlib.sha256(incident_id.encode("utf-8")).digest()
    return "dev" if digest[1] % 2 == 0 else "check"


def in_half(incident_id: str, half: str) -> bool:
    """Whether an incident is in ``half`` ("dev", "check" or "all")."""
    if half not in HALVES:
        raise ValueError(f"unknown half {half!r}; known: {', '.join(HALVES)}")
    return half == "all" or half_of(incident_id) == half


def _folder_file(path: Path, name: str) -> Path:
    return path / name if path.is_dir() else path


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as err:
                    raise MalformedInputError(f"line {number}: not JSON: {err.msg}",
                                              where=str(path)) from None
                if not isinstance(item, dict):
                    raise MalformedInputError(f"line {number}: expected an object",
                                              where=str(path))
                yield number, item
    except (OSError, UnicodeDecodeError) as err:
        raise MalformedInputError(f"cannot read: {err}", where=str(path)) from None


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _count(value: object) -> int:
    try:
        return int(value) if value not in (None, "") else 0  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def read_articles(path: Path, *, half: str = "all", unique_texts: bool = True
                  ) -> Iterator[GvaArticle]:
    """The articles of ``articles.jsonl`` (``path`` is the file or its folder), in file order.

    Articles without text are skipped; with ``unique_texts`` a text seen before (the same story
    at a second URL) is skipped too. ``half`` keeps one half of the incidents (see ``half_of``).
    Raises ``MalformedInputError`` for an unreadable file or a line that is not a JSON object.
    """
    seen: set[bytes] = set()
    for number, item in _lines(_folder_file(path, ARTICLES_FILE)):
        text = str(item.get("text") or "")
        incident_id = str(item.get("incident_id") or "")
        if not text.strip() or not incident_id or not in_half(incident_id, half):
            continue
        if unique_texts:
            key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
            if key in seen:
                continue
            seen.add(key)
        yield GvaArticle(
            id=str(item.get("id") or f"line-{number}"),
            incident_id=incident_id,
            title=str(item.get("title") or "").strip(),
            published=_date(item.get("published")),
            url=str(item.get("url") or ""),
            text=text,
        )


def read_incidents(path: Path) -> dict[str, GvaIncident]:
    """The incidents of ``incidents.jsonl`` (``path`` is the file or its folder), by id.

    Lines without an id or a valid date are skipped. Raises ``MalformedInputError`` for an
    unreadable file or a line that is not a JSON object.
    """
    incidents: dict[str, GvaIncident] = {}
    for _, item in _lines(_folder_file(path, INCIDENTS_FILE)):
        incident_id = str(item.get("incident_id") or "")
        when = _date(item.get("date"))
        if not incident_id or when is None:
            continue
        incidents[incident_id] = GvaIncident(
            incident_id=incident_id,
            date=when,
            state=str(item.get("state") or ""),
            city=str(item.get("city") or ""),
            address=str(item.get("address") or ""),
            killed=_count(item.get("killed")),
            injured=_count(item.get("injured")),
            n_articles=_count(item.get("n_articles")),
        )
    return incidents
