"""clean(): HTML pages through trafilatura: main text, title, date, site; broken markup."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.clean import clean
from eventwire.config import Config, shared_data
from eventwire.errors import EmptyInputError, EventwireError, MalformedInputError
from eventwire.model import Article

REPO = Path(__file__).resolve().parents[1]
HTML_PAGES = shared_data() / "bench" / "html-pages"
PAGES = sorted(HTML_PAGES.glob("*.html")) if HTML_PAGES.is_dir() else []
EXAMPLE = REPO / "examples" / "tbilisi-arrest.html"

needs_pages = pytest.mark.skipif(not PAGES, reason=f"bench HTML pages absent at {HTML_PAGES}")


def _html(raw: str, **fields: object) -> object:
    article = Article(id="h", raw=raw, content_type="html", source="page", **fields)  # type: ignore[arg-type]
    return clean(article, config=Config())


@needs_pages
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem[:8])
def test_bench_page_gives_main_text_and_title(page: Path) -> None:
    doc = _html(page.read_text(encoding="utf-8", errors="replace"))
    assert doc.title  # type: ignore[attr-defined]
    body = doc.text[doc.paragraphs[1][0]:]  # type: ignore[attr-defined]
    assert len(body) > 500
    assert len(doc.paragraphs) >= 3  # type: ignore[attr-defined]
    assert "<div" not in doc.text and "function(" not in doc.text  # type: ignore[attr-defined]
    assert doc.site == "Brookings"  # type: ignore[attr-defined]
    assert doc.published is not None  # type: ignore[attr-defined]
    assert doc.language == "en"  # type: ignore[attr-defined]


@needs_pages
@pytest.mark.parametrize("page", PAGES[:4], ids=lambda p: p.stem[:8])
def test_truncated_page_gives_text_or_a_clear_error(page: Path) -> None:
    raw = page.read_text(encoding="utf-8", errors="replace")
    half = raw[: len(raw) // 2]
    try:
        doc = _html(half)
    except (EmptyInputError, MalformedInputError) as err:
        assert "\n" not in str(err)
        return
    assert doc.text.strip()  # type: ignore[attr-defined]


def test_example_page_metadata_and_text() -> None:
    doc = _html(EXAMPLE.read_text(encoding="utf-8"))
    assert doc.title == "Georgian police arrest opposition leader as EU weighs sanctions"  # type: ignore[attr-defined]
    assert doc.published == date(2025, 3, 14)  # type: ignore[attr-defined]
    assert doc.site == "Example Wire"  # type: ignore[attr-defined]
    assert doc.dateline == "TBILISI, Georgia"  # type: ignore[attr-defined]
    paragraphs = [doc.text[s:e] for s, e in doc.paragraphs]  # type: ignore[attr-defined]
    assert paragraphs[0] == doc.title  # type: ignore[attr-defined]
    assert paragraphs[1].startswith("TBILISI, Georgia (AP)")
    for chrome in ["Most read", "Storm closes ports", "All rights reserved", "Subscribe"]:
        assert chrome not in doc.text  # type: ignore[attr-defined]


def test_given_date_wins_over_page_metadata() -> None:
    doc = _html(EXAMPLE.read_text(encoding="utf-8"), published=date(2025, 3, 15))
    assert doc.published == date(2025, 3, 15)  # type: ignore[attr-defined]


def test_html_detected_in_text_article() -> None:
    raw = EXAMPLE.read_text(encoding="utf-8")
    doc = clean(Article(id="x", raw=raw, content_type="text"), config=Config())
    assert "<p>" not in doc.text and doc.title  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "raw",
    [
        "<html><body><p>Rebels attacked an army base near Goma on Sunday, killing four "
        "soldiers, the army said.",
        "<p>Police dispersed a protest in Dhaka with tear gas and rubber bullets on Friday, "
        "witnesses said.</p></div></span>",
        "<html><head><title>Clashes in Tripoli</title></head><body><div><div><p>Armed groups "
        "clashed in Tripoli overnight, residents said, and the airport was closed.",
    ],
)
def test_fragments_and_unclosed_tags_give_text(raw: str) -> None:
    doc = _html(raw)
    assert "said" in doc.text  # type: ignore[attr-defined]
    assert "<" not in doc.text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "raw",
    ["<html><head><script>var x = 1;</script></head><body></body></html>", "<div></div>",
     "<<<>>>"],
)
def test_html_without_text_is_a_clear_error(raw: str) -> None:
    with pytest.raises(EventwireError) as info:
        _html(raw)
    assert str(info.value).startswith(("[E101]", "[E104]"))
