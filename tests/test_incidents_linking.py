"""How reports of one shooting by several outlets are linked (cluster.link_score and its
parts), on events written here: a report's own place may be a namesake where the rest of its
article names the city; the names that tell one shooting from another may sit in the sentences
that support an event rather than in its lead; catch-all doers ("a gunman", "people") set no
two reports apart; an outlet's name in its page titles ties none of its stories together."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventwire.cluster import Mention, cluster, headline_of, in_context, link_score
from eventwire.extract.happening import conflict, evidence_similarity, same_happening
from eventwire.model import Event

DAYTON = {"name": "Dayton", "country": "USA", "admin1": "Ohio", "lat": 39.76, "lon": -84.19,
          "feature": "city"}
# a namesake the geocoder may pick for a street or a suburb: Dayton, Texas
DAYTON_TX = {"name": "Dayton", "country": "USA", "admin1": "Texas", "lat": 30.05,
             "lon": -94.89, "feature": "city"}
KETTERING = {"name": "Kettering", "country": "USA", "admin1": "Ohio", "lat": 39.69,
             "lon": -84.17, "feature": "city"}
GUNMAN = {"text": "a gunman", "name": "Unidentified Armed Group (United States)",
          "country": "USA", "sector": "MLT", "basis": "text"}
POLICE = {"text": "police", "name": "Police Forces of United States", "country": "USA",
          "sector": "COP", "basis": "text"}
PEOPLE = {"text": "people", "name": "Civilians (United States)", "country": "USA",
          "sector": "CVL", "basis": "text"}
RUSSIA = {"text": "Russian forces", "name": "Military Forces of Russia", "country": "RUS",
          "sector": "MIL", "basis": "text"}
UKRAINE = {"text": "Ukrainian troops", "name": "Military Forces of Ukraine", "country": "UKR",
           "sector": "MIL", "basis": "text"}


def event(doc: str, text: str, start: int = 0, **fields: Any) -> Event:
    record: dict[str, Any] = {
        "id": f"{doc}-{start}", "doc_id": doc, "type": "ASSAULT", "mode": "small-arms",
        "evidence": {"text": text, "start": start, "end": start + len(text)},
        "date": {"value": "2016-05-14", "basis": "relative", "precision": "day"},
    }  # fmt: skip
    record.update(fields)
    return Event.model_validate(record)


def mention(e: Event, site: str, title: str = "", published: date = date(2016, 5, 15)
            ) -> Mention:
    return Mention(event=e, published=published, site=site, title=title)


def test_headline_leaves_the_outlets_name_out() -> None:
    assert headline_of("Man shot dead on Elm Street - WXYZ.com Dayton Ohio News") == (
        "Man shot dead on Elm Street")
    assert headline_of("News | Man killed on Elm Street | Daily Courier") == (
        "Man killed on Elm Street")
    assert headline_of("Teen killed in drive-by shooting") == "Teen killed in drive-by shooting"
    assert headline_of(None) == ""


def test_two_stories_of_one_outlet_share_no_evidence_by_its_name() -> None:
    a = mention(event("a", "A man was shot on Elm Street.", location=DAYTON), "wxyz.com",
                "Man shot on Elm Street - WXYZ Dayton Ohio News Weather Sports")
    b = mention(event("b", "A woman was shot on Oak Avenue.", location=DAYTON), "wxyz.com",
                "Woman shot on Oak Avenue - WXYZ Dayton Ohio News Weather Sports")
    a, b = in_context([a, b])
    assert "WXYZ" not in a.signature and "Elm" in a.signature
    assert link_score(a, b) == 0.0


def test_names_in_supporting_sentences_tie_two_reports() -> None:
    """Outlet one leads with the shooting and names the victim in the sentence that gives the
    toll (merged into the event as a support); outlet two names him in its lead."""
    lead = event("one", "A man was shot on Wayne Avenue early Saturday.", location=DAYTON,
                 supports=[{"text": "Ray Dunn, 20, of Huber Heights, was pronounced dead.",
                            "start": 60, "end": 111}])
    other = event("two", "Ray Dunn of Huber Heights was shot and killed on Wayne Avenue.",
                  location=DAYTON)
    a, b = in_context([mention(lead, "one.com"), mention(other, "two.com")])
    assert {"Dunn", "Huber", "Heights"} <= a.signature
    assert evidence_similarity(a.signature, b.signature) == 1.0
    assert link_score(a, b) > 0.5
    bare = lead.model_copy(update={"supports": []})
    a, b = in_context([mention(bare, "one.com"), mention(other, "two.com")])
    assert "Dunn" not in a.signature
    # "Wayne" alone ties them less than the victim's name and town do
    assert evidence_similarity(a.signature, b.signature) < 0.5


def test_a_namesake_place_is_overruled_by_the_place_of_the_whole_article() -> None:
    """Outlet one's lead sentence was placed at a namesake (Dayton, Texas), but its article's
    other events are told in Dayton, Ohio, as is outlet two's report: one incident. Another
    shooting told at the namesake stays apart."""
    one = [event("one", "Ray Dunn was shot dead on Wayne Avenue in Dayton.", location=DAYTON_TX),
           event("one", "Police in Dayton are looking for the Wayne Avenue gunman.", 80,
                 type="COERCE", location=DAYTON),
           event("one", "Dayton police said Dunn died at the scene.", 160, location=DAYTON)]
    two = event("two", "Ray Dunn was killed on Wayne Avenue, Dayton police said.",
                location=DAYTON)
    far = event("far", "Lena Ortiz was shot dead on Main Street.", location=DAYTON_TX)
    mentions = in_context([*(mention(e, "one.com") for e in one), mention(two, "two.com"),
                           mention(far, "far.com")])
    by_id = {m.id: m for m in mentions}
    assert by_id["one-0"].article_place is not None
    assert by_id["one-0"].article_place.admin1 == "Ohio"
    assert link_score(by_id["one-0"], by_id["two-0"]) >= 0.5
    assert link_score(by_id["far-0"], by_id["two-0"]) == 0.0
    incidents = [set(i.doc_ids) for i in cluster(mentions)]
    assert any({"one", "two"} <= docs for docs in incidents)
    assert {"far"} in incidents
    # without the article's place, the namesake keeps the two reports apart
    alone = in_context([mention(one[0], "one.com"), mention(two, "two.com")])
    assert link_score(*alone) == 0.0


def test_catch_all_doers_set_no_two_reports_apart() -> None:
    """One outlet's parse reads "a gunman" as the doer, another's "people" (the neighbours who
    called police): across articles those catch-alls are not compared; within an article the
    shared rule still compares them. Particular doers still set reports apart."""
    a = event("a", "A gunman shot Ray Dunn on Wayne Avenue.", location=DAYTON, actor=GUNMAN)
    b = event("b", "People heard shots on Wayne Avenue.", location=DAYTON, actor=PEOPLE)
    c = event("c", "Police shot Ray Dunn on Wayne Avenue.", location=DAYTON, actor=POLICE)
    assert conflict(b, c) == "actor"
    assert conflict(b, c, across_articles=True) is None
    assert conflict(a, c, across_articles=True) is None
    assert same_happening(b, c, across_articles=True) > 0.0
    kyiv = {"name": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52, "feature": "city"}
    russian = event("r", "Russian forces shelled Kyiv.", location=kyiv, actor=RUSSIA)
    ukrainian = event("u", "Ukrainian troops shelled Kyiv.", location=kyiv, actor=UKRAINE)
    assert conflict(russian, ukrainian, across_articles=True) == "actor"


def test_two_shootings_in_one_city_on_one_day_stay_two() -> None:
    """Same city, same day, same kind: different victims and streets keep them apart."""
    a = event("a", "Ray Dunn was shot dead on Wayne Avenue.", location=DAYTON)
    b = event("b", "Ray Dunn, 20, died on Wayne Avenue, police said.", location=DAYTON)
    c = event("c", "Lena Ortiz was shot on Salem Avenue near Kettering.", location=KETTERING)
    incidents = {frozenset(i.doc_ids) for i in cluster(in_context(
        [mention(a, "a.com"), mention(b, "b.com"), mention(c, "c.com")]))}
    assert incidents == {frozenset({"a", "b"}), frozenset({"c"})}


def test_a_bare_namesake_does_not_keep_two_reports_apart() -> None:
    from eventwire.extract.happening import places_compatible
    from eventwire.model import Location

    illinois = Location(text="Springfield, Ill.", name="Springfield", admin1="Illinois",
                        country="USA", lat=39.80, lon=-89.64, geonameid=4250542)
    missouri = Location(text="Springfield", name="Springfield", admin1="Missouri",
                        country="USA", lat=37.22, lon=-93.30, geonameid=4409896)
    assert places_compatible(illinois, missouri) is True  # one story's guess
    qualified = missouri.model_copy(update={"text": "Springfield, Missouri"})
    assert places_compatible(illinois, qualified) is False  # both say which
