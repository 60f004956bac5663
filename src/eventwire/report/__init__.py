"""Situation reports: what an analyst sends a colleague.

``gather(engine, country=, admin1=, since=, until=)`` reads the store: headline figures against
the previous period, incidents with their sources and evidence, a timeline, escalation flags
and the alerts that fired. ``write_report(data, path)`` writes it as HTML, Markdown or PDF, with
the map and the timeline drawn as SVG (country borders bundled; no tile server, no network).
"""

from __future__ import annotations

from .data import ReportData, gather
from .render import FORMATS, render_html, write_report

__all__ = ["FORMATS", "ReportData", "gather", "render_html", "write_report"]
