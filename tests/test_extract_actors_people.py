"""The people of actors.yaml: one entry per person, so no name is written as someone else's."""

from __future__ import annotations

import pytest

from eventwire.extract.actors import actor_dictionary
from eventwire.resources import load_yaml


def _words(name: str) -> set[str]:
    return {word.casefold()[:4] for word in name.replace("-", " ").split()}


def test_actors_each_people_entry_names_one_person() -> None:
    # every spelling shares a word with the entry's first name ("Kim Jong Un", "Erdoğan")
    for entry in load_yaml("actors.yaml")["people"]:
        first = _words(str(entry["names"][0]))
        for name in entry["names"][1:]:
            assert first & _words(str(name)), entry["names"]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Trump", "Donald Trump"),
        ("Biden", "Joe Biden"),
        ("Harris", "Kamala Harris"),
        ("Blinken", "Antony Blinken"),
        ("Sunak", "Rishi Sunak"),
        ("Starmer", "Keir Starmer"),
        ("Peskov", "Dmitry Peskov"),
        ("Lavrov", "Sergei Lavrov"),
        ("Kuleba", "Dmytro Kuleba"),
        ("Zelensky", "Volodymyr Zelenskyy"),
    ],
)
def test_actors_a_surname_is_written_as_its_own_person(written: str, name: str) -> None:
    assert actor_dictionary().named[written].name == name
