"""PLOVER coding of one-event sentences: type, status, source and target country.

Every sentence here is written for this test (none comes from an evaluation set). Each row says
what a PLOVER coder would write for the sentence: the event type, its status, and the ISO3
country of the source (actor) and target (recipient) where the sentence names them (``None``:
not checked). The sentence's event is ``choice.plover_event``: one that happened first, then
the most confident (the governing trigger outranks the ones it governs), then the earliest.
"""

from __future__ import annotations

import pytest

from eventwire.config import Config
from eventwire.extract.choice import plover_event, stated_intent
from eventwire.model import Article, Event
from eventwire.pipeline import Pipeline

# (sentence, type, status, source country, target country)
CASES: list[tuple[str, str, str, str | None, str | None]] = [
    # AGREE: agreements, and intentions to cooperate (CAMEO 03)
    ("Kenya and Uganda agreed on Monday to reopen their shared border.", "AGREE", "occurred",
     "KEN", None),
    ("The Peruvian government has promised to provide 2,000 tons of rice to flood victims.",
     "AGREE", "occurred", "PER", None),
    ("Norway will send medical supplies to Yemen next month, its foreign ministry said.",
     "AGREE", "occurred", "NOR", "YEM"),
    ("Chile said it is willing to withdraw its troops from the disputed border area.", "AGREE",
     "occurred", "CHL", None),
    ("The Indian prime minister offered to negotiate with Pakistan over the dam.", "AGREE",
     "occurred", "IND", "PAK"),
    ("Ghana will host talks between the two factions in Accra next week.", "AGREE", "occurred",
     "GHA", None),
    ("Morocco said it would release 40 Algerian prisoners before the holiday.", "AGREE",
     "occurred", "MAR", "DZA"),
    ("The Egyptian president is ready to mediate between the rival Libyan governments.", "AGREE",
     "occurred", "EGY", None),
    # CONSULT: meetings, visits, talks, calls
    ("The Japanese foreign minister met his Chinese counterpart in Beijing on Tuesday.",
     "CONSULT", "occurred", "JPN", "CHN"),
    ("French President Emmanuel Macron visited Senegal on Thursday.", "CONSULT", "occurred",
     "FRA", "SEN"),
    ("Officials from Sudan and South Sudan held talks in Addis Ababa on oil fees.", "CONSULT",
     "occurred", "SDN", None),
    ("The Turkish president spoke by phone with the Russian president about grain exports.",
     "CONSULT", "occurred", "TUR", "RUS"),
    ("Brazil hosted a delegation of Argentine ministers on Friday.", "CONSULT", "occurred",
     "BRA", "ARG"),
    # SUPPORT: praise, endorsement, verbal defence, recognition, signing, apology
    ("The German chancellor praised Poland for its handling of the refugee crisis.", "SUPPORT",
     "occurred", "DEU", "POL"),
    ("Canada welcomed the election of the new Lebanese president.", "SUPPORT", "occurred",
     "CAN", None),
    ("The Nigerian government endorsed the candidacy of a Ghanaian diplomat for the post.",
     "SUPPORT", "occurred", "NGA", None),
    ("Venezuela defended Cuba against American criticism of its human rights record.",
     "SUPPORT", "occurred", "VEN", "CUB"),
    ("Spain apologized to Mexico for abuses committed during the conquest.", "SUPPORT",
     "occurred", "ESP", "MEX"),
    # COOPERATE: material, military, judicial and intelligence cooperation
    ("Kenyan and Somali forces launched a joint operation against the militants.", "COOPERATE",
     "occurred", "KEN", None),
    ("Colombia extradited a suspected drug trafficker to the United States on Wednesday.",
     "COOPERATE", "occurred", "COL", "USA"),
    ("Jordanian intelligence shared information with Iraq about the smuggling network.",
     "COOPERATE", "occurred", "JOR", "IRQ"),
    # AID: giving aid, weapons, asylum
    ("Japan gave Cambodia 20 million dollars in aid for rural roads.", "AID", "occurred", "JPN",
     "KHM"),
    ("The United States delivered anti-tank weapons to Ukraine last week.", "AID", "occurred",
     "USA", "UKR"),
    ("Sweden granted asylum to three Belarusian opposition activists.", "AID", "occurred", "SWE",
     None),
    ("The World Food Programme distributed food aid to 30,000 families in Malawi.", "AID",
     "occurred", None, None),
    # CONCEDE: yielding to demands, easing restrictions, resigning
    ("The Bolivian government lifted the ban on opposition rallies.", "CONCEDE", "occurred",
     "BOL", None),
    ("The embattled Peruvian interior minister resigned on Sunday.", "CONCEDE", "occurred", "PER",
     None),
    ("The Thai government accepted the protesters' demand for a new constitution.", "CONCEDE",
     "occurred", "THA", None),
    # RETREAT: withdrawals, surrender, release, disarmament
    ("Armenian troops withdrew from three villages on Friday.", "RETREAT", "occurred", "ARM",
     None),
    ("Hundreds of rebel fighters surrendered to the Congolese army.", "RETREAT", "occurred", None,
     "COD"),
    ("The militia laid down its arms after the peace deal.", "RETREAT", "occurred", None, None),
    # REQUEST: appeals, demands, calls
    ("Pakistan urged India to withdraw its troops from the border.", "REQUEST", "occurred", "PAK",
     "IND"),
    ("The Ukrainian president called on Germany to send more air defence systems.", "REQUEST",
     "occurred", "UKR", "DEU"),
    ("Haiti asked the United Nations for emergency food aid.", "REQUEST", "occurred", "HTI",
     None),
    ("The opposition demanded the release of all political prisoners.", "REQUEST", "occurred",
     None, None),
    ("Bangladesh appealed to Myanmar to take back the refugees.", "REQUEST", "occurred", "BGD",
     "MMR"),
    ("The Chinese foreign ministry said Japan must stop interfering in its affairs.", "REQUEST",
     "occurred", "CHN", None),
    # ACCUSE: accusations, criticism, investigations, lawsuits
    ("Iran accused Israel of sabotaging its nuclear facility.", "ACCUSE", "occurred", "IRN",
     "ISR"),
    ("The Algerian government condemned the bombing of the embassy.", "ACCUSE", "occurred", "DZA",
     None),
    ("Human Rights Watch criticized Egypt over its treatment of detainees.", "ACCUSE", "occurred",
     None, "EGY"),
    ("Kenyan police opened an investigation into the killing of a journalist in Nairobi.",
     "ACCUSE", "occurred", "KEN", None),
    ("Ethiopia lodged a formal complaint with Sudan over the border incursion.", "ACCUSE",
     "occurred", "ETH", "SDN"),
    # REJECT: refusals, denials, vetoes
    ("Russia vetoed the Security Council resolution on Syria.", "REJECT", "occurred", "RUS",
     None),
    ("Israel rejected the French proposal for a ceasefire.", "REJECT", "occurred", "ISR", None),
    ("Serbia refused to recognize the independence of Kosovo.", "REJECT", "occurred", "SRB",
     None),
    ("The Hungarian government declined to sign the migration pact.", "REJECT", "occurred",
     "HUN", None),
    ("Turkey said it will not accept any more refugees from Syria.", "REJECT", "occurred", "TUR",
     None),
    ("Rebel leaders dismissed the government's offer of amnesty.", "REJECT", "occurred", None,
     None),
    # THREATEN: threats and conflictual intentions (CAMEO 13)
    ("North Korea threatened to strike American bases in Guam.", "THREATEN", "occurred", "PRK",
     "USA"),
    ("The European Union warned Belarus of new sanctions.", "THREATEN", "occurred", None, "BLR"),
    ("Teachers' unions said they would strike if wages were not raised.", "THREATEN",
     "occurred", None, None),
    ("The Malian junta is prepared to impose a curfew in the capital.", "THREATEN", "occurred",
     None, None),
    ("Washington will impose sanctions on Iranian oil exports, the Treasury said.", "THREATEN",
     "occurred", None, None),
    # PROTEST: demonstrations, strikes, boycotts, riots
    ("Thousands of students demonstrated in Dhaka against the new quota system.", "PROTEST",
     "occurred", "BGD", None),
    ("Nurses in Kenya went on strike over unpaid salaries.", "PROTEST", "occurred", "KEN", None),
    ("Opposition supporters staged a sit-in outside parliament in Tbilisi.", "PROTEST",
     "occurred", "GEO", None),
    ("Farmers blocked the main highway to demand higher prices for their crops.", "PROTEST",
     "occurred", None, None),
    # SANCTION: breaking relations, cutting aid, expelling diplomats, halting talks
    ("Morocco recalled its ambassador from Spain on Monday.", "SANCTION", "occurred", "MAR",
     "ESP"),
    ("The Netherlands suspended development aid to Burundi.", "SANCTION", "occurred", "NLD",
     "BDI"),
    ("Lithuania expelled two Russian diplomats for spying.", "SANCTION", "occurred", "LTU", "RUS"),
    ("Australia imposed sanctions on Myanmar's military leaders.", "SANCTION", "occurred", "AUS",
     "MMR"),
    ("Colombia broke off diplomatic relations with Nicaragua.", "SANCTION", "occurred", "COL",
     "NIC"),
    # MOBILIZE: troops, alerts, exercises
    ("Azerbaijan deployed tanks along the border with Armenia.", "MOBILIZE", "occurred", "AZE",
     None),
    ("The Greek army was put on high alert after the incident.", "MOBILIZE", "occurred", "GRC",
     None),
    ("Chinese warships held military exercises near Taiwan.", "MOBILIZE", "occurred", "CHN",
     None),
    # COERCE: arrests, bans, curfews, expulsions of people, seizures
    ("Egyptian police arrested twelve activists in Cairo on Saturday.", "COERCE", "occurred",
     "EGY", "EGY"),
    ("The Tunisian government imposed a night curfew in the capital.", "COERCE", "occurred",
     "TUN", None),
    ("The Kazakh authorities banned the main opposition party.", "COERCE", "occurred", "KAZ",
     None),
    ("Indian customs officers seized a shipment of weapons at the port.", "COERCE", "occurred",
     "IND", None),
    # ASSAULT: violence
    ("Gunmen killed five villagers in northern Burkina Faso on Sunday.", "ASSAULT", "occurred",
     None, None),
    ("Turkish warplanes bombed Kurdish positions in northern Iraq.", "ASSAULT", "occurred", "TUR",
     None),
    ("Sudanese soldiers clashed with rebels near the Chadian border.", "ASSAULT", "occurred",
     "SDN", None),
]


@pytest.fixture(scope="module")
def coded() -> dict[str, list[Event]]:
    pipeline = Pipeline(Config())
    articles = [Article(id=str(i), raw=text) for i, (text, *_rest) in enumerate(CASES)]
    return {c.article.id: list(c.events) for c in pipeline.process(articles)}


@pytest.mark.parametrize(
    ("index", "text", "type_", "status", "source", "target"),
    [(i, *case) for i, case in enumerate(CASES)],
    ids=[f"{case[1]}-{i}" for i, case in enumerate(CASES)],
)
def test_plover_sentence(
    coded: dict[str, list[Event]],
    index: int,
    text: str,
    type_: str,
    status: str,
    source: str | None,
    target: str | None,
) -> None:
    events = coded[str(index)]
    event = plover_event(events)
    found = [(e.type, e.trigger, e.status, e.confidence) for e in events]
    assert event is not None, f"no event in {text!r}"
    assert event.type == type_, f"{text!r}: {found}"
    assert event.status == status, f"{text!r}: {found}"
    if source is not None:
        assert event.actor is not None and event.actor.country == source, event.actor
    if target is not None:
        assert event.recipient is not None and event.recipient.country == target, event.recipient


def test_plover_event_prefers_what_happened_then_confidence() -> None:
    from eventwire.model import Evidence

    def make(type_: str, status: str, confidence: float, start: int) -> Event:
        return Event(id=type_, doc_id="d", type=type_, status=status, confidence=confidence,
                     evidence=Evidence(text="x", start=start, end=start + 1))

    planned = make("AID", "planned", 0.9, 0)
    weak = make("REQUEST", "occurred", 0.5, 5)
    strong = make("ASSAULT", "occurred", 0.7, 9)
    assert plover_event([planned, weak]) is weak
    assert plover_event([planned, weak, strong]) is strong
    tied = plover_event([make("AID", "occurred", 0.5, 3), make("AID", "occurred", 0.5, 1)])
    assert tied is not None and tied.evidence.start == 1
    assert plover_event([]) is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Chile will send doctors to Haiti.", "send", (True, False)),
        ("Chile offered to send doctors to Haiti.", "send", (True, False)),
        ("Chile will not send doctors to Haiti.", "send", (True, True)),
        ("Chile sent doctors to Haiti.", "sent", None),
        ("Peru urged Chile to send doctors to Haiti.", "send", None),
        ("If Chile sends doctors, Haiti will be grateful.", "sends", None),
        ("Chile would send doctors if Haiti asked.", "send", (True, False)),
        ("The ministry will send doctors to Haiti.", "send", (True, False)),
        # no one's intention: a passive, a past that did not happen, a thing as the subject
        ("More doctors will be sent to Haiti.", "sent", None),
        ("The plan would have sent doctors to Haiti.", "sent", None),
        ("The bill would send doctors to Haiti.", "send", None),
    ],
)
def test_stated_intent(text: str, trigger: str, expected: tuple[bool, bool] | None) -> None:
    from eventwire.nlp import load

    doc = load(Config().model)(text)
    head = next(t for t in doc if t.text == trigger)
    assert stated_intent(head) == expected
