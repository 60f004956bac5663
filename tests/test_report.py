"""Situation reports: the seed article and the examples coded into a real SQLite store, then
written as HTML, Markdown and PDF; the PDF's pages are turned into PNG files to look at."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.config import shared_data
from eventwire.errors import ReportError
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.report import gather, render_html, write_report
from eventwire.report.charts import View, view_for
from eventwire.store import CodedArticle, Store, article_key, open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTIFACTS = Path(os.environ.get("EVENTWIRE_TEST_ARTIFACTS", "build/test-artifacts")) / "report"
SUMY = (50.9216, 34.80029)
ODESA = (46.47747, 30.73262)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed article (published 2024-11-18) and two invented stories set on days near it."""
    seed = shared_data() / "seed" / "seed-article.txt"
    if not seed.exists():
        pytest.skip(f"the seed article is not at {seed}")
    articles = [
        Article(id="seed", raw=seed.read_text(encoding="utf-8"), published=date(2024, 11, 18),
                url="https://seed.example.org/ukraine-war-latest"),
        Article(id="kharkiv", raw=(EXAMPLES / "kharkiv-shelling.txt").read_text("utf-8"),
                published=date(2024, 11, 6), url="https://wire.example.com/kharkiv-market"),
        Article(id="nairobi", raw=(EXAMPLES / "nairobi-protest.txt").read_text("utf-8"),
                published=date(2024, 11, 12), url="https://news.example.co.ke/nairobi"),
    ]
    db = str(tmp_path_factory.mktemp("report") / "report.db")
    coded = []
    for item in Pipeline().process(articles):
        assert item.error is None, item.error
        coded.append(CodedArticle(item.article, article_key(item.article),
                                  document=item.document, events=item.events))
    Store(db).write_batch(coded)
    return db


def _markers(html: str) -> dict[str, tuple[float, float, float, float, int, int]]:
    """place -> (lat, lon, cx, cy, killed, precision) of every marker on the map."""
    found = {}
    for attrs in re.findall(r"<circle class=\"marker\"([^>]*)>", html):
        get = dict(re.findall(r'([\w-]+)="([^"]*)"', attrs))
        found[get["data-place"]] = (float(get["data-lat"]), float(get["data-lon"]),
                                    float(get["cx"]), float(get["cy"]), int(get["data-killed"]),
                                    int(get["data-precision"]))
    return found


def test_report_html_has_map_chart_figures_and_sourced_incidents(store_path: str) -> None:
    data = gather(open_store(store_path), since=date(2024, 11, 4), until=date(2024, 11, 18))
    html = render_html(data)
    markers = _markers(html)
    sumy = next(v for k, v in markers.items() if "Sumy" in k)
    odesa = next(v for k, v in markers.items() if "Odesa" in k)
    assert abs(sumy[0] - SUMY[0]) < 0.3 and abs(sumy[1] - SUMY[1]) < 0.3
    assert abs(odesa[0] - ODESA[0]) < 0.3 and abs(odesa[1] - ODESA[1]) < 0.3
    # on the map: Sumy lies north-east of Odesa, and each marker is where the projection puts it
    assert sumy[2] > odesa[2] and sumy[3] < odesa[3]
    view = view_for([(v[1], v[0]) for v in markers.values() if v[5] < 3])
    assert (sumy[2], sumy[3]) == view.xy(sumy[1], sumy[0])
    assert sumy[4] >= 11  # the Sumy strike killed 11: the biggest marker
    assert html.count('<path d="M') > 5  # country borders drawn
    assert "Ukraine" in html and "Kenya" in html  # both countries in view
    # the timeline: one bar a day over 15 days, and the fatality line
    assert len(re.findall(r'<rect class="bar"', html)) == 15
    assert '<polyline class="killed"' in html
    # headline figures against the previous period, and the incident table with sources
    assert data.current.incidents >= 3 and data.current.killed >= 11 + 8
    assert re.search(r"<td>incidents</td><td class=\"num big\">\d+</td><td class=\"num\">0</td>",
                     html)
    assert "seed.example.org" in html and "wire.example.com" in html
    sumy_row = next(v for v in data.top() if v.place and "Sumy" in v.place)
    assert sumy_row.outlets == ["seed.example.org"]
    assert "Sumy" in sumy_row.sources[0].evidence
    assert data.top()[0].killed == max(v.killed for v in data.incidents)


def test_report_escapes_article_text(store_path: str, tmp_path: Path) -> None:
    from eventwire.store.incident_views import IncidentView, Source

    data = gather(open_store(store_path), since=date(2024, 11, 4), until=date(2024, 11, 18))
    hostile = IncidentView("x", date(2024, 11, 10), "ASSAULT", None, "<script>alert(1)</script>",
                           None, "UKR", 49.0, 32.0, 1, 1, 0, (1, 1), -10.0, ("e",),
                           (Source("evil.example", "javascript:alert(1)", None, None,
                                   '<img src=x onerror="alert(1)">'),))
    data.incidents.append(hostile)
    html = render_html(data)
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_report_written_as_pdf_and_markdown_and_pages_as_png(store_path: str) -> None:
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 renders the PDF's pages")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    result = CliRunner().invoke(app, ["report", "--db", store_path, "--since", "2024-11-04",
                                      "--until", "2024-11-18", "-o", str(ARTIFACTS / "seed.pdf")])
    assert result.exit_code == 0, result.output
    pdf = pdfium.PdfDocument(str(ARTIFACTS / "seed.pdf"))
    assert 1 <= len(pdf) <= 6
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    for words in ("Headline figures", "Sumy", "Odesa", "Top incidents", "Escalation flags"):
        assert words in text
    for number, page in enumerate(pdf, start=1):
        image = page.render(scale=1.4).to_pil()
        assert image.width > 700
        image.save(ARTIFACTS / f"seed-page{number}.png")
    write_report(gather(open_store(store_path)), ARTIFACTS / "seed.md")
    markdown = (ARTIFACTS / "seed.md").read_text(encoding="utf-8")
    assert "![map of incidents](seed_files/map.svg)" in markdown
    assert (ARTIFACTS / "seed_files" / "map.svg").read_text().count('class="marker"') >= 3
    write_report(gather(open_store(store_path)), ARTIFACTS / "seed.html")


def test_report_refuses_what_it_cannot_write(store_path: str, tmp_path: Path) -> None:
    data = gather(open_store(store_path))
    with pytest.raises(ReportError, match=r"not \.docx"):
        write_report(data, tmp_path / "x.docx")
    result = CliRunner().invoke(app, ["report", "--db", store_path, "-o",
                                      str(tmp_path / "missing" / "r.html")])
    assert result.exit_code != 0 and "no folder" in result.output
    empty = CliRunner().invoke(app, ["report", "--db", store_path, "--country", "BRA",
                                     "-o", str(tmp_path / "none.html")])
    assert empty.exit_code == 0, empty.output
    assert "No incident in this period" in (tmp_path / "none.html").read_text()


def test_view_keeps_a_point_where_it_belongs() -> None:
    view = View(30.0, 45.0, 40.0, 52.0)
    west_x, _ = view.xy(30.0, 48.0)
    east_x, _ = view.xy(40.0, 48.0)
    _, north_y = view.xy(35.0, 52.0)
    _, south_y = view.xy(35.0, 45.0)
    assert west_x < east_x and north_y < south_y
    assert west_x >= 0 and east_x <= view.width and north_y >= 0 and south_y <= view.height
