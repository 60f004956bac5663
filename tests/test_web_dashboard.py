"""The dashboard in real headless Chromium against `eventwire serve` on a real SQLite file.

The seed article, the examples and a hostile article are ingested (see tests/_browser.py).
Screenshots land in out/browser/ (or $EVENTWIRE_ARTIFACTS) for a person to look at.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from datetime import date

import pytest

from _browser import (
    ServedDashboard,
    artifacts_dir,
    dashboard_browser,  # noqa: F401  (fixture)
    free_port,
    serve,
    served_dashboard,  # noqa: F401  (fixture)
    watch,
)

pytestmark = pytest.mark.slow

SUMY = (50.9077, 34.7981)
ODESA = (46.4775, 30.7326)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.fixture
def page(dashboard_browser, served_dashboard: ServedDashboard) -> Iterator[object]:  # noqa: F811
    context = dashboard_browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.watch = watch(page, served_dashboard.url)
    page.goto(served_dashboard.url + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    yield page
    assert page.watch.foreign_requests == [], "the dashboard must work with no internet"
    assert page.watch.dialogs == []
    context.close()


def _until(page, expression: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until `expression` is true in the page. A function, not a string: the page's CSP
    forbids eval, which Playwright would use to poll a bare expression."""
    page.wait_for_function(f"() => ({expression})")


def _search(page, words: str) -> None:  # type: ignore[no-untyped-def]
    """Type `words` in the text filter and wait until the table shows only events with them."""
    page.fill("#f-q", words)
    _until(page, "(() => { const rows = [...document.querySelectorAll('#events tbody tr')];"
                 " return rows.length > 0 && rows.every(r => r.cells[5].title.toLowerCase()"
                 f".includes({words.lower()!r})); }})()")


def _rows(page) -> list[dict]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        "#events tbody tr",
        "rows => rows.map(r => ({id: r.dataset.id, date: r.cells[0].textContent,"
        " text: r.textContent}))")


def _markers(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every marker and cluster on the map: its lat/lon and where it is drawn on screen."""
    return page.eval_on_selector_all(
        "#map .ew-marker, #map .ew-cluster",
        "els => els.map(e => { const b = e.getBoundingClientRect();"
        " return {lat: +e.dataset.lat, lon: +e.dataset.lon, id: e.dataset.id || null,"
        " count: +(e.dataset.count || 1), x: b.x + b.width / 2, y: b.y + b.height / 2}; })")


def _near(markers: list[dict], place: tuple[float, float], km: float = 15) -> dict | None:
    close = [m for m in markers if _km((m["lat"], m["lon"]), place) < km]
    return close[0] if close else None


def test_map_shows_markers_at_sumy_and_odesa(page, served_dashboard: ServedDashboard) -> None:  # noqa: F811
    page.select_option("#f-country", "UKR")
    _until(page, "(() => { const rows = [...document.querySelectorAll('#events tbody tr')];"
           " return rows.length > 0 && rows.every(r => r.textContent.includes('UKR')); })()")
    page.wait_for_selector("#map .ew-marker, #map .ew-cluster")
    page.wait_for_timeout(400)
    page.screenshot(path=str(artifacts_dir() / "map-ukraine.png"))
    markers = _markers(page)
    sumy, odesa = _near(markers, SUMY), _near(markers, ODESA)
    for _ in range(3):  # as an analyst would: click the cluster that holds Sumy to open it
        if sumy and odesa:
            break
        place = "Sumy" if not sumy else "Odesa"
        page.locator(f"#map .ew-cluster[data-places*='{place}']").first.click()
        page.wait_for_timeout(700)
        markers = _markers(page)
        sumy, odesa = sumy or _near(markers, SUMY), odesa or _near(markers, ODESA)
    assert sumy, f"no marker within 15 km of Sumy: {markers}"
    assert odesa, f"no marker within 15 km of Odesa: {markers}"
    # drawn where the places are: Sumy north-east of Odesa, both inside the map
    box = page.locator("#map").bounding_box()
    for marker in (sumy, odesa):
        assert box["x"] <= marker["x"] <= box["x"] + box["width"]
        assert box["y"] <= marker["y"] <= box["y"] + box["height"]
    assert sumy["x"] > odesa["x"] and sumy["y"] < odesa["y"]
    # the Sumy strike of the seed is among the events the map shows (with its 11 killed)
    events = served_dashboard.api("/api/events", country="UKR", limit="500")["items"]
    sumy_strike = [e for e in events if e["location"] and e["location"]["name"] == "Sumy"
                   and e.get("killed") and e["killed"]["value"] == 11]
    assert sumy_strike, "the seed's Sumy strike is not in the database"
    assert page.watch.errors == []


def _timeline_x(page, day: date) -> float:  # type: ignore[no-untyped-def]
    """The screen x of `day` on the timeline, from the scale the chart reports."""
    info = page.eval_on_selector(
        "#timeline", "el => ({min: +el.dataset.xMin, max: +el.dataset.xMax,"
        " box: el.querySelector('.u-over').getBoundingClientRect().toJSON()})")
    seconds = (day - date(1970, 1, 1)).days * 86400
    fraction = (seconds - info["min"]) / (info["max"] - info["min"])
    return info["box"]["x"] + fraction * info["box"]["width"]


def test_brushing_the_timeline_filters_the_table(page, served_dashboard: ServedDashboard) -> None:  # noqa: F811
    page.wait_for_selector("#timeline .u-over")
    before = _rows(page)
    assert len({r["date"] for r in before}) > 1, "the corpus needs events on several dates"
    # drag from the chart's left edge (the seed's days are the first on it) to the month's end,
    # as an analyst would with the mouse
    y = page.locator("#timeline .u-over").bounding_box()
    mid_y = y["y"] + y["height"] / 2
    x0 = max(y["x"] + 2, _timeline_x(page, date(2024, 11, 13)))
    x1 = _timeline_x(page, date(2024, 11, 30))
    page.mouse.move(x0, mid_y)
    page.mouse.down()
    page.mouse.move(x1, mid_y, steps=8)
    page.mouse.up()
    page.wait_for_selector("#range:not([hidden])")
    _until(page, f"document.querySelectorAll('#events tbody tr').length < {len(before)}")
    since, until = page.eval_on_selector("#timeline", "el => [el.dataset.since, el.dataset.until]")
    after = _rows(page)
    assert after, "the brushed range holds the seed's events"
    assert all(since <= r["date"] <= until for r in after), (since, until, after)
    assert since <= "2024-11-18" <= until
    assert any("Sumy" in r["text"] for r in after)
    # zoom narrows the chart to the range (the table keeps its rows), "all dates" widens it again
    full = page.eval_on_selector("#timeline", "el => [+el.dataset.xMin, +el.dataset.xMax]")
    page.click("#range-zoom")
    zoomed = page.eval_on_selector("#timeline", "el => [+el.dataset.xMin, +el.dataset.xMax]")
    assert zoomed[1] - zoomed[0] < (full[1] - full[0]) / 4
    assert len(_rows(page)) == len(after)
    page.screenshot(path=str(artifacts_dir() / "timeline-brushed.png"))
    page.click("#range-zoom")
    assert page.eval_on_selector("#timeline", "el => [+el.dataset.xMin, +el.dataset.xMax]") == full
    # clearing the range brings every event back
    page.click("#range-clear")
    _until(page, f"document.querySelectorAll('#events tbody tr').length == {len(before)}")
    assert page.watch.errors == []


def _open(page, words: str) -> dict:  # type: ignore[no-untyped-def]
    row = page.locator("#events tbody tr", has_text=words).first
    event_id = row.get_attribute("data-id")
    row.click()
    page.wait_for_selector(f"#detail:not([hidden])[data-id='{event_id}']")
    return {"id": event_id}


def test_opening_an_event_highlights_its_evidence(page, served_dashboard: ServedDashboard) -> None:  # noqa: F811
    _search(page, "ballistic missile strike")
    opened = _open(page, "Sumy")
    event = served_dashboard.api(f"/api/events/{opened['id']}")
    evidence = event["evidence"]
    highlighted = page.eval_on_selector_all(
        "#article-text .hl-evidence", "els => els.map(e => e.textContent).join('')")
    assert highlighted == evidence["text"]
    assert event["article"]["text"][evidence["start"]:evidence["end"]] == evidence["text"]
    # the highlight is scrolled into view inside the article pane
    pane = page.locator(".detail-article").bounding_box()
    mark = page.locator("#article-text .hl-evidence").first.bounding_box()
    assert pane["y"] <= mark["y"] <= pane["y"] + pane["height"]
    # every field shows the words it came from, and those words are marked in the text
    location_words = page.locator("#article-text [data-field~=location]").first.text_content()
    assert location_words == event["location"]["text"] == "Sumy"
    killed_words = "".join(page.locator("#article-text [data-field~=killed]").all_text_contents())
    assert killed_words == event["killed"]["text"] and "11" in killed_words
    assert page.locator("#fields tr[data-field=killed] td").first.text_content().startswith("11")
    page.screenshot(path=str(artifacts_dir() / "event-sumy.png"))
    assert page.watch.errors == []


def test_rejecting_with_a_key_hides_the_event_and_keeps_its_history(
        page, served_dashboard: ServedDashboard) -> None:  # noqa: F811
    # the review queue opens the least confident unreviewed event first
    page.click("#queue-button")
    page.wait_for_selector("#detail:not([hidden]).in-queue")
    first = page.get_attribute("#detail", "data-id")
    queue = served_dashboard.api("/api/events", reviewed="false", sort="confidence",
                                 limit="500")["items"]
    assert first == queue[0]["id"]
    assert queue[0]["confidence"] <= min(e["confidence"] for e in queue)
    # j moves on, k comes back
    page.keyboard.press("j")
    _until(page, f"document.getElementById('detail').dataset.id !== '{first}'")
    page.keyboard.press("k")
    _until(page, f"document.getElementById('detail').dataset.id === '{first}'")

    # without a key, and with a wrong one, nothing is written
    page.keyboard.press("r")
    page.wait_for_selector("#review-msg.error")
    page.fill("#api-key", "not-a-key")
    page.dispatch_event("#api-key", "change")
    page.fill("#comment", "wrong key")
    page.click("#detail-title")  # focus off the inputs so that the shortcut applies
    page.keyboard.press("r")
    _until(page, "document.getElementById('review-msg').textContent.includes('refused')")
    assert served_dashboard.api(f"/api/events/{first}")["history"] == []

    page.fill("#api-key", served_dashboard.key)
    page.dispatch_event("#api-key", "change")
    page.fill("#comment", "not an event: a warning about one")
    page.click("#detail-title")
    page.keyboard.press("r")
    # the queue moves on to the next event
    _until(page, f"document.getElementById('detail').dataset.id !== '{first}'")
    assert page.evaluate("sessionStorage.getItem('eventwire.apiKey')") == served_dashboard.key

    page.keyboard.press("Escape")
    assert first not in {r["id"] for r in _rows(page)}, "a rejected event left the default view"
    stored = served_dashboard.api(f"/api/events/{first}")
    assert stored["review"]["state"] == "rejected"
    assert [r["verdict"] for r in stored["history"]] == ["reject"]
    assert stored["history"][0]["comment"] == "not an event: a warning about one"

    # shown again on request, struck through, with its history in the event view
    page.check("#f-rejected")
    page.wait_for_selector(f"#events tbody tr.state-rejected[data-id='{first}']")
    page.click(f"#events tbody tr[data-id='{first}']")
    page.wait_for_selector(f"#detail:not([hidden])[data-id='{first}']")
    history = page.locator("#history li").all_text_contents()
    assert len(history) == 1 and "reject" in history[0] and "not an event" in history[0]
    assert page.text_content("#detail-state") == "rejected"
    page.screenshot(path=str(artifacts_dir() / "event-rejected.png"))
    # the browser logs the refused wrong-key request; nothing else may go wrong
    assert [e for e in page.watch.errors if "status of 401" not in e] == []


def test_hostile_article_markup_runs_nothing(page, served_dashboard: ServedDashboard) -> None:  # noqa: F811
    page.check("#f-rejected")  # whatever other tests did to it
    _search(page, "tear gas")
    _open(page, "Lviv")
    page.wait_for_timeout(500)
    text = page.text_content("#article-text")
    assert "<script>window.__pwned='script'" in text, "the markup is shown as text"
    assert "onerror=" in text and "javascript:" in text
    assert page.text_content("#article-title").startswith("Protest in Lviv <img")
    assert page.evaluate("window.__pwned") is None
    for selector in ("script", "img", "svg", "a[href^='javascript']", "[onerror]", "[onload]"):
        assert page.locator(f"#detail {selector}, #events {selector}").count() == 0, selector
    assert page.locator("a[href^='javascript']").count() == 0
    page.screenshot(path=str(artifacts_dir() / "event-hostile.png"))
    assert page.watch.dialogs == []
    assert page.watch.errors == []


def test_exports_follow_the_current_filter(page, served_dashboard: ServedDashboard) -> None:  # noqa: F811
    page.select_option("#f-type", "ASSAULT")
    _until(page, "document.getElementById('export-csv').href.includes('type=ASSAULT')")
    csv_href = page.get_attribute("#export-csv", "href")
    geojson_href = page.get_attribute("#export-geojson", "href")
    assert "format=acled" in csv_href and "format=geojson" in geojson_href
    csv = page.request.get(served_dashboard.url + csv_href)
    assert csv.ok
    header = csv.text().splitlines()[0]
    assert "event_date" in header and "fatalities" in header
    geojson = page.request.get(served_dashboard.url + geojson_href).json()
    assert geojson["type"] == "FeatureCollection" and geojson["features"]
    # the situation report is offered for the same filter, and answers with a report
    _until(page, "!document.getElementById('export-sitrep').hidden")
    sitrep_href = page.get_attribute("#export-sitrep", "href")
    assert sitrep_href.startswith("/api/report") and "type=ASSAULT" in sitrep_href
    report = page.request.get(served_dashboard.url + sitrep_href)
    assert report.ok and "Top incidents" in report.text()
    page.screenshot(path=str(artifacts_dir() / "dashboard-assault.png"))


def test_page_is_served_under_a_content_security_policy(served_dashboard: ServedDashboard) -> None:  # noqa: F811
    import httpx

    response = httpx.get(served_dashboard.url + "/")
    policy = response.headers.get("content-security-policy", "")
    assert "script-src" in policy or "default-src" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[-1].split(";")[0]
    assert "<script>" not in response.text, "no inline script: every script comes from /assets"
    assert not re.search(r"\son[a-z]+\s*=", response.text), "no inline event handler"


def test_editing_a_field_keeps_the_machine_value_beside_it(
        page, served_dashboard: ServedDashboard) -> None:  # noqa: F811
    page.fill("#api-key", served_dashboard.key)
    page.dispatch_event("#api-key", "change")
    _search(page, "apartment buildings in Odesa")
    opened = _open(page, "Odesa")
    page.select_option("#edit-field", "killed")
    assert page.input_value("#edit-value") == "8", "the edit starts from the current value"
    page.fill("#comment", "the governor updated the toll")
    page.fill("#edit-value", "9")
    page.press("#edit-value", "Enter")  # Enter saves the edit, and the page stays
    _until(page, "document.querySelector('#fields tr[data-field=killed] .machine') !== null")
    killed_cell = page.locator("#fields tr[data-field=killed] td").first.text_content()
    assert killed_cell.startswith("9") and "machine: 8" in killed_cell
    assert page.text_content("#detail-state") == "edited"
    # then accepted with the keyboard: the edit stands, the history holds both verdicts
    page.click("#detail-title")
    page.keyboard.press("a")
    _until(page, "document.getElementById('detail-state').textContent === 'accepted'")
    stored = served_dashboard.api(f"/api/events/{opened['id']}")
    assert [r["verdict"] for r in stored["history"]] == ["edit", "accept"]
    assert stored["killed"]["value"] == 9 and stored["machine"]["killed"] == 8
    row = page.locator(f"#events tbody tr[data-id='{opened['id']}']")
    assert "9" in row.locator("td").nth(4).text_content()
    page.screenshot(path=str(artifacts_dir() / "event-edited.png"))
    assert page.watch.errors == []


def test_incidents_on_the_map_and_table_sorting_and_keys(
        page, served_dashboard: ServedDashboard) -> None:  # noqa: F811
    page.select_option("#f-country", "UKR")
    _until(page, "document.getElementById('map-note').textContent.includes('events on the map')")
    incidents = served_dashboard.api("/api/incidents", country="UKR", limit="500")["items"]
    placed = [i for i in incidents if i["lat"] is not None]
    page.click("#show-incidents")
    _until(page, f"document.getElementById('map-note').textContent"
                 f".startsWith('{len(placed)} incidents on the map')")
    markers = _markers(page)
    assert sum(m["count"] for m in markers) == len(placed)
    assert _near(markers, ODESA), "the Odesa strike is an incident on the map too"
    page.click("#show-events")

    # sorting by fatalities puts the Sumy strike (11 killed) first
    page.click("#events th[data-sort=killed]")
    _until(page, "document.querySelector('#events tbody tr td:nth-child(5)').textContent === '11'")
    assert page.get_attribute("#events th[data-sort=killed]", "class").endswith("desc")
    rows = _rows(page)
    # j and k walk the table's rows from the open event
    page.click(f"#events tbody tr[data-id='{rows[0]['id']}']")
    page.wait_for_selector(f"#detail[data-id='{rows[0]['id']}']")
    page.keyboard.press("j")
    page.wait_for_selector(f"#detail[data-id='{rows[1]['id']}']")
    assert page.text_content("#queue-pos") == f"2 of {len(rows)}"
    assert "selected" in page.get_attribute(f"#events tbody tr[data-id='{rows[1]['id']}']",
                                            "class")
    page.keyboard.press("k")
    page.wait_for_selector(f"#detail[data-id='{rows[0]['id']}']")
    page.keyboard.press("Escape")
    assert page.locator("#detail").is_hidden()
    assert page.watch.errors == []


def test_web_tiles_only_when_a_setting_names_them(
        dashboard_browser, served_dashboard: ServedDashboard, tmp_path) -> None:  # noqa: F811
    # the default page draws the bundled borders and asks no tile server for anything
    context = dashboard_browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(served_dashboard.url + "/")
    page.wait_for_selector("body[data-ready=true]")
    _until(page, "document.querySelectorAll('#map.offline svg path').length > 200")
    assert page.locator("#map img.leaflet-tile").count() == 0
    context.close()

    # with EVENTWIRE_API_TILE_URL set, the map asks that server for tiles instead
    port = free_port()
    tiles = f"http://127.0.0.1:{port}/tiles/{{z}}/{{x}}/{{y}}.png"
    env = {**os.environ, "EVENTWIRE_API_TILE_URL": tiles}
    url, process, _log = serve(served_dashboard.db, tmp_path / "serve-tiles.log", env, port=port)
    try:
        context = dashboard_browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready=true]")
        page.wait_for_selector("#map img.leaflet-tile", state="attached")
        _until(page, "document.querySelectorAll('#map svg path').length === 0")  # no borders
        assert any("/tiles/" in u and u.endswith(".png") for u in asked)
        assert "offline" not in page.get_attribute("#map", "class")
        context.close()
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_link_reopens_the_same_view(
        page, dashboard_browser, served_dashboard: ServedDashboard) -> None:  # noqa: F811
    page.select_option("#f-country", "UKR")
    page.select_option("#f-type", "ASSAULT")
    _until(page, "document.getElementById('events').dataset.query.includes('type=ASSAULT')")
    page.click("#events th[data-sort=confidence]")
    _until(page, "document.getElementById('events').dataset.query.includes('sort=-confidence')")
    assert "sort=-confidence" in page.url
    rows = _rows(page)
    page.click(f"#events tbody tr[data-id='{rows[1]['id']}']")
    _until(page, f"location.hash.includes('event={rows[1]['id']}')")
    link = page.url
    assert "country=UKR" in link

    other = dashboard_browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    other.goto(link)
    other.wait_for_selector("body[data-ready=true]")
    assert other.input_value("#f-country") == "UKR"
    assert other.input_value("#f-type") == "ASSAULT"
    assert [r["id"] for r in _rows(other)] == [r["id"] for r in rows]
    assert other.get_attribute("#detail", "data-id") == rows[1]["id"]
    assert other.locator("#detail").is_visible()
    other.keyboard.press("Escape")
    _until(other, "!location.hash.includes('event=')")
    other.context.close()
