"""How a whole article's toll is told: a toll retold later joins its happening, an old toll
is background only beside a recent one, and words about deaths still count them (issue 13).

All texts are made up for these tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import eventwire
from _records import assault
from eventwire.evaluate.articles import killed_total, violent
from eventwire.extract.assemble import toll
from eventwire.extract.context import without_background
from eventwire.extract.links import Happening
from eventwire.extract.mentions import Mention
from eventwire.extract.retellings import retold_tolls
from eventwire.model import Count, Document, Event

DOC = Document(doc_id="d", text="x" * 2000)


def event(start: int = 0, **fields: Any) -> Event:
    return assault(start, **{"text": "A man was shot.", "mode": "small-arms", "trigger": "shot",
                             **fields})


def killed(value: int) -> dict[str, Any]:
    return Count(value=value, text=f"{value} killed").model_dump()


def happening(e: Event) -> Happening:
    return Happening([Mention(e, [], None, 0)], e)  # type: ignore[arg-type]


def first(mentions: list[Mention]) -> Event:
    return mentions[0].event


def test_tolls_a_retold_toll_joins_the_happening_that_told_it() -> None:
    told = happening(event(0, killed=killed(2), date={"value": "2017-02-25",
                                                     "basis": "relative"}))
    # the same two dead, told after the sentences between moved on (a weekday of their own)
    again = happening(event(900, killed=killed(2), date={"value": "2017-02-27",
                                                        "basis": "relative"}))
    out = retold_tolls([told, again], DOC, first)
    assert len(out) == 1 and [m.start for m in out[0].mentions] == [0, 900]


@pytest.mark.parametrize("fields", [
    {"killed": killed(1)},  # another toll
    {"killed": killed(2), "status": "planned"},  # not a happening that took place
    {"killed": killed(2), "type": "PROTEST", "mode": "demonstrate"},  # another kind
    {"killed": killed(2), "date": {"value": "2016-01-14", "basis": "relative",
                                   "text": "on Jan. 14"}},  # a calendar day months before
    {"killed": None},  # no toll
])  # fmt: skip
def test_tolls_other_happenings_stay_apart(fields: dict[str, Any]) -> None:
    told = happening(event(0, killed=killed(2), date={"value": "2017-02-25",
                                                     "basis": "relative"}))
    other = happening(event(900, **fields))
    assert len(retold_tolls([told, other], DOC, first)) == 2


def test_tolls_old_toll_stays_when_the_news_tells_none_of_its_own() -> None:
    # a follow-up (an arrest) names the shooting again without its toll
    old = event(0, killed=killed(1), date={"value": "2016-03-18", "basis": "explicit"})
    again = event(300, date={"value": "2016-04-06", "basis": "relative"})
    assert without_background([old, again], date(2016, 4, 7)) == [old, again]
    # a recent shooting with its own toll makes the old one background
    news = event(600, killed=killed(3), date={"value": "2016-04-06", "basis": "relative"})
    assert without_background([old, news], date(2016, 4, 7)) == [news]
    # an old happening with no toll is background beside any recent one of its kind
    quiet = event(900, date={"value": "2015-01-01", "basis": "explicit", "precision": "year"})
    assert without_background([quiet, again], date(2016, 4, 7)) == [again]


def test_tolls_words_about_deaths_count_them() -> None:
    text = ("The county coroner has confirmed a murder-suicide that is under investigation by "
            "police in Gettysburg.\n\nThe coroner said the woman died of multiple gunshot "
            "wounds.\n\nThe man died of a gunshot wound to the head.")
    events = eventwire.extract(text, published=date(2016, 6, 14))
    assert killed_total(events) == 2
    assert len(violent(events)) == 1


def test_tolls_the_doers_death_told_apart_adds_to_a_toll_of_many() -> None:
    def told(*counts: tuple[int, str]) -> int | None:
        found = toll([Count(value=v, text=t) for v, t in counts])
        return found.value if found is not None else None

    assert told((3, "three people were killed"), (1, "the gunman then killed himself"),
                (3, "the three victims")) == 4
    # a toll that holds the doer already
    assert told((4, "killed three people and himself"), (1, "the gunman killed himself")) == 4
    # one death, told of the doer and of the victim: a child who shot himself
    assert told((1, "fatally shot himself"), (1, "killed a child")) == 1
