"""GET /api/report: the situation report for a filter, as HTML (no script may run in it) or
PDF, from the real app on real SQLite and PostgreSQL databases."""

from __future__ import annotations

import re

import _api_fixtures as fx
from _api_fixtures import Api

db_url, pg_url, api = fx.db_url, fx.pg_url, fx.api


def test_api_report_html_has_the_map_and_the_incidents(api: Api) -> None:
    response = api.client.get("/api/report", params={"country": "UKR"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script" not in policy
    html = response.text
    places = set(re.findall(r'data-place="([^"]*)"', html))
    assert {"Sumy", "Odesa"} <= places and "Nairobi" not in places
    assert "Top incidents" in html and "news.example.com" in html
    assert "<script" not in html


def test_api_report_pdf_and_bad_filters(api: Api) -> None:
    pdf = api.client.get("/api/report", params={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    bad = api.client.get("/api/report", params={"since": "2024-12-01", "until": "2024-11-01"})
    assert bad.status_code == 400 and bad.json()["code"].startswith("E1")
    assert api.client.get("/api/report", params={"format": "docx"}).status_code in (400, 422)


def test_api_report_is_listed_in_the_schema(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    content = spec["paths"]["/api/report"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"text/html", "application/pdf"}
