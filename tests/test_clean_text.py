"""clean(): scraped plain text, chrome rules, title, paragraphs, datelines, language, bad input."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.clean import clean, find_dateline, is_chrome, load_rules, parse_published
from eventwire.config import Config, shared_data
from eventwire.errors import (
    BadDateError,
    BinaryInputError,
    EmptyInputError,
    EventwireError,
    InputTooLargeError,
    ResourceError,
    UnsupportedLanguageError,
)
from eventwire.model import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = shared_data()
SEED = SHARED / "seed" / "seed-article.txt"
EXAMPLES = REPO / "examples"


def _clean(raw: str, config: Config | None = None, **fields: object) -> object:
    article = Article(id="t", raw=raw, source="test", **fields)  # type: ignore[arg-type]
    return clean(article, config=config or Config())


def _paragraphs(doc: object) -> list[str]:
    return [doc.text[s:e] for s, e in doc.paragraphs]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def seed_doc() -> object:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (shared data absent)")
    return _clean(SEED.read_text(encoding="utf-8"))


def test_seed_title_is_the_headline(seed_doc: object) -> None:
    assert seed_doc.title is not None  # type: ignore[attr-defined]
    assert seed_doc.title.startswith("North Korean Troops to Join")  # type: ignore[attr-defined]
    assert _paragraphs(seed_doc)[0] == seed_doc.title  # type: ignore[attr-defined]


def test_seed_first_body_paragraph_is_the_first_sentence(seed_doc: object) -> None:
    assert _paragraphs(seed_doc)[1].startswith("In a significant escalation")


@pytest.mark.parametrize(
    "chrome", ["Connect with us", "Published", "News", "In Russian Uniforms"]
)
def test_seed_chrome_and_caption_are_gone(seed_doc: object, chrome: str) -> None:
    text = seed_doc.text  # type: ignore[attr-defined]
    assert chrome not in text
    assert not re.search(r"^on$", text, re.M)


def test_seed_no_paragraph_mixes_header_and_body(seed_doc: object) -> None:
    for paragraph in _paragraphs(seed_doc):
        assert not ("Published" in paragraph and "escalation" in paragraph)
    assert seed_doc.text.count("\n\n") == len(seed_doc.paragraphs) - 1  # type: ignore[attr-defined]


def test_seed_keeps_every_body_sentence(seed_doc: object) -> None:
    raw = SEED.read_text(encoding="utf-8")
    body_lines = [line for line in raw.splitlines() if len(line.split()) > 20]
    assert len(body_lines) == 6
    for line in body_lines:
        assert line in seed_doc.text  # type: ignore[attr-defined]


def test_seed_language_is_english(seed_doc: object) -> None:
    assert seed_doc.language == "en"  # type: ignore[attr-defined]


def test_paragraph_spans_index_the_text() -> None:
    doc = _clean("Headline about talks in Doha\n\nFirst paragraph here, it is long enough to be "
                 "prose and ends well.\n\n\n\nSecond one ends too, with more words in it.")
    assert _paragraphs(doc) == [
        "Headline about talks in Doha",
        "First paragraph here, it is long enough to be prose and ends well.",
        "Second one ends too, with more words in it.",
    ]


LONG = "Word " * 30 + "end."


@pytest.mark.parametrize(
    ("block", "chrome"),
    [
        ("Connect with us", True),
        ("Click to share on Facebook (Opens in new window)", True),
        ("Click to share on X (Opens in new window)", True),
        ("Share this article", True),
        ("Advertisement", True),
        ("ADVERTISEMENT", True),
        ("Story continues below advertisement", True),
        ("Read more: Kenya's finance bill explained in five charts", True),
        ("Follow us on Facebook and X for the latest updates", True),
        ("Subscribe to our daily newsletter", True),
        ("We use cookies to improve your experience. By continuing you accept our cookie "
         "policy.", True),
        ("Home | World | Politics | Business", True),
        ("By Jane Example and John Sample, Example Wire", True),
        ("Published on August 17, 2025", True),
        ("Updated: 10:45 AM IST, Nov 18, 2024", True),
        ("November 18, 2024", True),
        ("Photo: Reuters/Jane Example", True),
        ("(Reporting by Jane Example; Editing by John Sample)", True),
        ("5 min read", True),
        # a related story's headline, scraped with or without a space after its number
        ("list 2 of 4 Army says it retook two villages near the river", True),
        ("list 3 of 4Ceasefire talks end without a deal in Doha", True),
        # a related-story header with its headline on the same line
        ("Related Coverage Two hurt in drive-by shooting on Elm Street", True),
        ("RELATED VIDEO: Police release footage of the chase", True),
        ("Related Headlines Photos: Crowd gathers for vigil at the park", True),
        # a tabloid's link to another story, its kind in brackets after the headline
        ("Minister furious at envoy over border protest jibe [INSIGHT]|", True),
        ("Capital 'threatened with military intervention' [REACTION]", True),
        # a local news site's video list: each headline after its running time
        ("2:14 Family of teen shot outside store asks for answers", True),
        ("0:45 Crews battle fire at warehouse on the east side Pause", True),
        # the caption of a photo from an earlier occasion
        ("Two leaders shake hands at a summit in Example City, May 2, 2019. "
         "REUTERS/Jane Example/File Photo Purchase Licensing Rights", True),
        ("FILE - Soldiers patrol a market street in Example City, Jan. 3, 2021.", True),
        ("Police stand guard outside the court building. (File photo)", True),
        ("Exclusive news, data and analytics for financial market professionalsLearn more "
         "aboutExampleData", True),
        # real sentences, even when they start like chrome
        ("File - a dossier - was leaked on Monday, and officials said it named ten suspects.",
         False),
        ("The file photo showed the commander at a parade, prosecutors told the court.", False),
        ("By Monday, Russian troops had withdrawn from the village.", False),
        ("By Monday, Russian troops withdrew", False),
        ("The advertisement drew criticism from rights groups.", False),
        ("Subscribers to the service reported outages across Kyiv on Tuesday.", False),
        ("Read more than 200 pages of the report and you find the same pattern.", False),
        ("Published figures show 11 people were killed in Sumy.", False),
        ("Police said the cookies were laced with a sedative, officials told reporters.",
         False),
        ("Share prices fell sharply after the missile strike on the port of Odesa.", False),
        ("More news is expected after the police chief briefs reporters on Monday.", False),
        ("2:30 a.m. Officers found a man shot in the leg on Elm Street", False),
        ("9:15 Police arrived at the home and found two men shot, a spokesman said.", False),
        ("More videos of the strike were shared online by residents of Kherson.", False),
        (LONG, False),
    ],
)
def test_chrome_rules(block: str, chrome: bool) -> None:
    assert is_chrome(block, load_rules()) is chrome


def test_chrome_lines_removed_from_scraped_example() -> None:
    doc = _clean((EXAMPLES / "nairobi-protest.txt").read_text(encoding="utf-8"))
    for chrome in ["Click to share", "Advertisement", "Read more", "Follow us", "Subscribe",
                   "Connect with us", "Published"]:
        assert chrome not in doc.text  # type: ignore[attr-defined]
    assert doc.title.startswith("Police fire tear gas")  # type: ignore[attr-defined]
    assert _paragraphs(doc)[1].startswith("NAIROBI, Kenya")
    assert "At least 40 people were arrested" in doc.text  # type: ignore[attr-defined]


def test_headlines_under_a_related_stories_header_are_chrome_up_to_the_next_sentence() -> None:
    doc = _clean(
        "Rebels seize second town in eastern push\n\n"
        "Rebels captured the town of Kalembe on Sunday after a day of fighting, residents "
        "said.\n\nRelated Stories\n\nArmy chief sacked after border defeat\n\n"
        "Aid convoy attacked on road to the lake\n\n"
        "The army said it had withdrawn to defensive positions south of the town.\n\n"
        "Refugees cross into neighbouring country")
    text = doc.text  # type: ignore[attr-defined]
    assert "Army chief sacked" not in text and "Aid convoy attacked" not in text
    assert "withdrawn to defensive positions" in text
    assert text.endswith("Refugees cross into neighbouring country")  # no list above it


def test_headlines_under_a_dont_miss_header_are_chrome() -> None:
    doc = _clean(
        "Rebels seize second town in eastern push\n\n"
        "Rebels captured the town of Kalembe on Sunday after a day of fighting, residents "
        "said.\n\nDON'T MISS\n\nArmy chief sacked after border defeat\n\n"
        "The army said it had withdrawn to defensive positions south of the town.")
    text = doc.text  # type: ignore[attr-defined]
    assert "Army chief sacked" not in text and "DON'T MISS" not in text
    assert "withdrawn to defensive positions" in text


def test_title_case_lines_closing_a_story_are_its_page_list_of_other_stories() -> None:
    story = ("Mediators end second round of talks early\n\n"
             "The second round of talks between the two delegations ended after three hours on "
             "Thursday, officials on both sides said.\n\n"
             "The envoy said positions remained far apart on the border question.\n\n")
    listed = ["Envoy Says Both Sides Must Show Flexibility Before the Summit",
              "Army Chief Visits Front as Shelling Resumes Near the Border",
              "What to Know About the Ceasefire Proposal. Here Are the Key Points"]
    doc = _clean(story + "\n\n".join(listed))
    text = doc.text  # type: ignore[attr-defined]
    assert not any(headline[:20] in text for headline in listed)
    assert text.endswith("far apart on the border question.")
    # two closing Title Case lines may be the story's own (a sign-off, a credit): kept
    doc = _clean(story + "\n\n".join(listed[:2]))
    assert listed[1] in doc.text  # type: ignore[attr-defined]
    # a feed of headlines and nothing else is the news itself
    feed = [*listed[:2], "Rebels Free Forty Hostages Seized at a Checkpoint in the North"]
    doc = _clean("\n\n".join(feed))
    assert all(headline in doc.text for headline in feed)  # type: ignore[attr-defined]


def test_footer_cut_in_flattened_text() -> None:
    body = " ".join(["Troops shelled the town of Example overnight, officials said."] * 20)
    doc = _clean(body + " Copyright © 2025 Example Media. All rights reserved. Terms of use.")
    assert "Copyright" not in doc.text  # type: ignore[attr-defined]
    assert doc.text.endswith("officials said.")  # type: ignore[attr-defined]


def test_footer_marker_early_in_text_is_kept() -> None:
    text = ("The court ruled that all rights reserved. by the treaty stayed in force, "
            "judges said. " + " ".join(["Talks resumed in Geneva on Monday, envoys said."] * 5))
    doc = _clean(text)
    assert "all rights reserved." in doc.text  # type: ignore[attr-defined]


def test_flattened_text_split_at_double_spaces_after_sentences() -> None:
    doc = _clean("Protesters marched in Lagos on Monday, police said.  Officers fired tear gas "
                 "near the governor's office, witnesses said.")
    assert len(doc.paragraphs) == 2  # type: ignore[attr-defined]


def test_user_rules_extend_builtin(tmp_path: Path) -> None:
    extra = tmp_path / "chrome.yaml"
    extra.write_text("lines:\n  - example wire exclusive\n", encoding="utf-8")
    config = Config(extra={"boilerplate": str(extra)})
    doc = _clean("Example Wire Exclusive\n\nRebels seized the town of Example on Monday, "
                 "residents said by telephone.", config)
    assert "Exclusive" not in doc.text  # type: ignore[attr-defined]


def test_bad_user_rules_are_a_resource_error(tmp_path: Path) -> None:
    extra = tmp_path / "chrome.yaml"
    extra.write_text("rules:\n  - name: broken\n    patterns: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="bad pattern"):
        _clean("Some text about a protest in Lagos.", Config(extra={"boilerplate": str(extra)}))


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("KYIV, Ukraine (Reuters) - Russian drones struck the capital overnight.",
         "KYIV, Ukraine"),
        ("SUMY, Ukraine — A ballistic missile hit a residential block.", "SUMY, Ukraine"),
        ("Odesa (AFP) – Drones hit the port of Odesa on Sunday.", "Odesa"),
        ("NEW DELHI: The Supreme Court on Thursday sought a response.", "NEW DELHI"),
        ("DOHA (AFP) – Sudan's army agreed to a truce.", "DOHA"),
        ("Officials said: the talks failed.", None),
        ("Kyiv - the capital - was hit again.", None),
        ("In a significant escalation of the conflict in Ukraine, the US said.", None),
    ],
)
def test_find_dateline(paragraph: str, place: str | None) -> None:
    assert find_dateline(paragraph) == place


def test_dateline_recorded_and_sentence_kept() -> None:
    raw = ("Drone strike hits Kyiv\n\nKYIV, Ukraine (Reuters) - Russian drones struck a "
           "residential building in Kyiv overnight, killing two people, officials said.")
    doc = _clean(raw)
    assert doc.dateline == "KYIV, Ukraine"  # type: ignore[attr-defined]
    assert "KYIV, Ukraine (Reuters) - Russian drones struck" in doc.text  # type: ignore


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Las fuerzas rusas atacaron la ciudad de Járkov el martes por la mañana, matando a "
         "cinco civiles e hiriendo a otros veinte, según el gobernador regional. Los equipos "
         "de rescate siguen buscando entre los escombros.", "Spanish"),
        ("Российские войска обстреляли Харьков во вторник утром, погибли пять мирных "
         "жителей и ещё двадцать получили ранения, сообщил губернатор области. Спасатели "
         "продолжают разбирать завалы.", "Russian"),
    ],
)
def test_foreign_language_is_refused_with_its_name(text: str, language: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as info:
        _clean(text)
    message = str(info.value)
    assert message.startswith("[E105]")
    assert f"nothing to code in {language}" in message
    assert "eventwire codes: en" in message
    assert "\n" not in message


@pytest.mark.parametrize("text", [
    "Nigerian army loses 20 soldiers in Boko Haram ambush.",
    "Nigeria's Boko Haram kills 30 farmers in Borno state.",
    "Islamic State militants behead 11 Christians in Nigeria.",
])  # fmt: skip
def test_english_naming_a_creoles_land_is_english(text: str) -> None:
    # the identifier calls these Nigerian Pidgin (0.6-0.8 sure): no Pidgin grammar word in them
    assert _clean(text).language == "en"  # type: ignore[attr-defined]


def test_a_creole_with_its_own_grammar_words_stays_refused() -> None:
    with pytest.raises(UnsupportedLanguageError) as info:
        _clean("Gunmen don kidnap 30 pikin for Kaduna school, dem say na bandits do am.")
    assert "Nigerian Pidgin" in str(info.value)


def test_configured_language_is_accepted() -> None:
    text = ("Las fuerzas rusas atacaron la ciudad de Járkov el martes por la mañana, matando "
            "a cinco civiles, según el gobernador regional.")
    doc = _clean(text, Config(languages=("en", "es")))
    assert doc.language == "es"  # type: ignore[attr-defined]


def test_short_text_skips_language_detection() -> None:
    doc = _clean("Kyiv hit.")
    assert doc.language is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("raw", "error", "code"),
    [
        ("", EmptyInputError, "E101"),
        ("   \n\t \n  ", EmptyInputError, "E101"),
        ("abc\x00\x01\x02def" * 20, BinaryInputError, "E102"),
        ("".join(chr(c) for c in range(1, 9)) * 100, BinaryInputError, "E102"),
        ("Advertisement\n\nShare\n\nSubscribe", EmptyInputError, "E101"),
    ],
)
def test_bad_input_is_one_coded_line(raw: str, error: type, code: str) -> None:
    with pytest.raises(error) as info:
        _clean(raw)
    message = str(info.value)
    assert message.startswith(f"[{code}] test: ")
    assert "\n" not in message


def test_too_large_says_the_limit_and_how_to_raise_it() -> None:
    with pytest.raises(InputTooLargeError) as info:
        _clean("Troops advanced. " * 100, Config(max_bytes=1000))
    assert "1,000 bytes" in str(info.value)
    assert "EVENTWIRE_MAX_BYTES" in str(info.value)


def test_odd_whitespace_collapsed_and_nfc() -> None:
    doc = _clean("Cafe\u0301 owners\u00a0protested\u200b in\u2009Tbilisi on Monday, police "
                 "said, and more than 300 people joined them.")
    assert doc.text.startswith("Café owners protested in Tbilisi")  # type: ignore[attr-defined]


def test_given_metadata_wins() -> None:
    doc = _clean("Headline text here\n\nRebels attacked an army post near Goma on Sunday.",
                 title="Given title", published=date(2024, 11, 17), url="https://example.org/a")
    assert doc.title == "Given title"  # type: ignore[attr-defined]
    assert doc.published == date(2024, 11, 17)  # type: ignore[attr-defined]
    # a title given apart from plain text stays metadata, so offsets index the text as given
    assert _paragraphs(doc)[0] == "Headline text here"
    assert "Given title" not in doc.text  # type: ignore[attr-defined]


def test_given_title_the_text_repeats_stays_where_it_is() -> None:
    raw = "Rebels attack army post\n\nRebels attacked an army post near Goma on Sunday."
    doc = _clean(raw, title="Rebels attack army post")
    assert doc.text == raw  # type: ignore[attr-defined]


def test_published_date_from_header_line() -> None:
    doc = _clean("Troops clash at border post\n\nPublished on November 18, 2024\n\n"
                 "Troops exchanged fire at a border post overnight, officials said on Monday.")
    assert doc.published == date(2024, 11, 18)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("2024-11-17", date(2024, 11, 17)),
        ("2024-11-17T08:30:00Z", date(2024, 11, 17)),
        ("17 November 2024", date(2024, 11, 17)),
        ("Nov. 17, 2024", date(2024, 11, 17)),
        (date(2024, 11, 17), date(2024, 11, 17)),
    ],
)
def test_parse_published(value: object, expected: date | None) -> None:
    assert parse_published(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["yesterday-ish", "2024-13-45", "not a date 99", "0001-01-01"])
def test_parse_published_bad_dates(value: str) -> None:
    with pytest.raises(BadDateError) as info:
        parse_published(value)
    assert value[:10] in str(info.value)
    assert str(info.value).startswith("[E106]")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_clean_never_raises_but_eventwire_errors(text: str) -> None:
    try:
        doc = _clean(text)
    except EventwireError:
        return
    for start, end in doc.paragraphs:  # type: ignore[attr-defined]
        assert 0 <= start < end <= len(doc.text)  # type: ignore[attr-defined]
        assert doc.text[start:end].strip()  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "Connect with us", "News", "Published", "on", "Advertisement", "Share",
    "Rebels shelled the town of Example overnight, killing three people, officials said.",
    "Protest in Example City", "<p>", "</div>", "\t", "  ", "Read more: x", "©2024",
]), max_size=30))
def test_clean_never_raises_on_chrome_mixtures(lines: list[str]) -> None:
    try:
        doc = _clean("\n".join(lines))
    except EventwireError:
        return
    assert doc.text.strip()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("+ 487.20 + 167.35 + 141.00 + 6,481.00 + 24,823.00", None),
        ("| Photo Credit:", None),
        ("Forgot Your Password?", None),
        ("Militants storm police station in northern Example",
         "Militants storm police station in northern Example"),
    ],
)
def test_header_title_candidates(header: str, title: str | None) -> None:
    doc = _clean(header + "\n\nMilitants stormed a police station overnight, killing two "
                 "officers, a local official said on Tuesday.")
    assert doc.title == title  # type: ignore[attr-defined]


def test_clean_keeps_english_paragraphs_of_a_mixed_article() -> None:
    from eventwire.clean import clean
    from eventwire.config import load_config
    from eventwire.model import Article

    english = "Soldiers were killed near Luhansk on Tuesday, the army said in a statement."
    russian = (
        "В Луганской области потеряли связь с военным самолетом сегодня утром, сообщили в штабе."
    )
    document = clean(Article(id="m", raw=f"{english}\n\n{russian}"), config=load_config())
    assert document.text == english and document.language == "en"


def test_every_outlet_in_the_one_list_is_cut_where_it_signs_a_story() -> None:
    # outlets.yaml is read by the chrome rules (and the role rules): a name added there is cut
    # after a dash at once, and a wire's credit also before the story and in brackets
    from eventwire.resources import news_outlets

    rules = load_rules()
    outlets = news_outlets()
    body = "Protesters marched through the capital on Friday, police said"
    for group in ("wires", "broadcasters", "signing", "signing_only"):
        for name in outlets[group]:
            found = rules.tail.search(f"{body} - {name}")
            assert found and found.start() == len(body), name
    for name in outlets["wires"]:
        assert rules.lead.match(f"({name}) - {body}"), name
        found = rules.tail.search(f"{body} ({name})")
        assert found and found.start() == len(body), name
    for name in outlets["reporting"]:  # named in running text only
        assert not rules.tail.search(f"{body} - {name}"), name
