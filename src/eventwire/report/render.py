"""Writing a report as HTML (one self-contained file), Markdown (with its two SVG pictures in a
folder beside it) or PDF (the HTML through WeasyPrint)."""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..errors import ReportError
from .charts import colour, map_svg, timeline_svg, type_bars
from .data import ReportData

logger = logging.getLogger(__name__)

FORMATS = (".html", ".md", ".pdf")


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("eventwire.report", "templates"),
                      autoescape=select_autoescape(["html.j2"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(change=_change, change_class=_change_class, colour=colour, md=_md)
    return env


def _change(now: int, before: int) -> str:
    if before == 0:
        return "new" if now else "–"
    delta = (now - before) / before
    return f"{delta:+.0%}"


def _change_class(now: int, before: int) -> str:
    return "up" if now > before else "down" if now < before else "same"


def _md(text: str) -> str:
    """Text from articles in a Markdown table or list: no pipes, no markup, one line."""
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def _context(data: ReportData) -> dict[str, object]:
    figures = [
        ("incidents", data.current.incidents, data.before.incidents),
        ("people killed", data.current.killed, data.before.killed),
        ("people injured", data.current.injured, data.before.injured),
        ("places", data.current.places, data.before.places),
        ("sources (outlets)", data.current.sources, data.before.sources),
    ]
    return {"data": data, "figures": figures, "top": data.top(10),
            "located": sum(1 for v in data.incidents if v.lat is not None),
            "type_rows": list(type_bars(data.by_type))}


def render_html(data: ReportData) -> str:
    return _environment().get_template("report.html.j2").render(
        **_context(data), map_svg=map_svg(data.incidents),
        timeline_svg=timeline_svg(data.points, data.interval))


def write_report(data: ReportData, path: Path) -> Path:
    """Write the report in the format ``path``'s suffix names; returns the path."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError(f"a report is written as {', '.join(FORMATS)}, "
                          f"not {suffix or 'no suffix'}", where=str(path))
    try:
        if suffix == ".html":
            path.write_text(render_html(data), encoding="utf-8")
        elif suffix == ".md":
            pictures = path.with_name(path.stem + "_files")
            pictures.mkdir(exist_ok=True)
            (pictures / "map.svg").write_text(map_svg(data.incidents), encoding="utf-8")
            (pictures / "timeline.svg").write_text(timeline_svg(data.points, data.interval),
                                                   encoding="utf-8")
            text = _environment().get_template("report.md.j2").render(
                **_context(data), map_file=f"{pictures.name}/map.svg",
                timeline_file=f"{pictures.name}/timeline.svg")
            path.write_text(text, encoding="utf-8")
        else:
            _pdf(render_html(data), path)
    except OSError as err:
        raise ReportError(f"cannot write the report: {err}", where=str(path)) from None
    return path


def _pdf(html: str, path: Path) -> None:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as err:  # OSError: the system's Pango is missing
        raise ReportError(f"PDF needs WeasyPrint and Pango ({err}); write .html instead",
                          where=str(path)) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML(string=html).write_pdf(path)
