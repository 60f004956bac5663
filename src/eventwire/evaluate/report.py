"""One self-contained HTML page per evaluation: measures, per-class scores, the confusion
matrix and the worst errors with their text. No scripts, no external files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, select_autoescape

from .result import EvalResult

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>eventwire eval: {{ r.dataset }}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222}
h1,h2,h3{font-weight:600} table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:right;vertical-align:top}
th{background:#f3f3f3} td.l,th.l{text-align:left} td.text{max-width:600px;text-align:left}
.meta{color:#555} .diag{outline:2px solid #2a7} table.cm td{min-width:2.2em}
</style></head><body>
<h1>eventwire eval: {{ r.dataset }}</h1>
<p class="meta">{{ r.rows }} rows from <code>{{ r.path }}</code>,
coded in {{ "%.1f"|format(r.seconds) }} s ({{ rate }});
options {{ r.config }}; written {{ now }}.</p>

<h2>Measures</h2>
<table><tr><th class="l">measure</th><th>value</th><th>rows</th><th class="l">what</th></tr>
{% for m in r.measures.values() %}<tr><td class="l">{{ m.name }}</td>
<td>{{ fmt(m) }}</td><td>{{ m.n }}</td><td class="l">{{ m.help }}</td></tr>
{% endfor %}</table>

{% for target, scores in r.classes.items() %}
<h2>Per class: {{ target }}</h2>
<table><tr><th class="l">class</th><th>precision</th><th>recall</th><th>F1</th>
<th>support</th><th>predicted</th></tr>
{% for c in scores %}<tr><td class="l">{{ c.label }}</td>
<td>{{ "%.3f"|format(c.precision) }}</td><td>{{ "%.3f"|format(c.recall) }}</td>
<td>{{ "%.3f"|format(c.f1) }}</td><td>{{ c.support }}</td><td>{{ c.predicted }}</td></tr>
{% endfor %}</table>
{% endfor %}

{% for target, (labels, matrix) in r.confusion.items() %}
<h2 id="confusion-{{ target }}">Confusion matrix: {{ target }}</h2>
<p class="meta">Rows: the coder's class. Columns: eventwire's.</p>
<table class="cm"><tr><th class="l">gold \\ predicted</th>
{% for l in labels %}<th>{{ l }}</th>{% endfor %}</tr>
{% for row in matrix %}{% set i = loop.index0 %}<tr><th class="l">{{ labels[i] }}</th>
{% for n in row %}<td{% if i == loop.index0 %} class="diag"{% endif %}
 style="background:{{ shade(n, row) }}">{{ n }}</td>{% endfor %}</tr>
{% endfor %}</table>
{% endfor %}

<h2>Worst errors</h2>
{% for kind in r.error_kinds() %}
<h3>{{ kind }} ({{ counts[kind] }} rows)</h3>
<table><tr><th class="l">row</th><th class="l">text</th><th class="l">coder</th>
<th class="l">eventwire</th><th>severity</th></tr>
{% for e in r.worst_errors(limit, kind=kind) %}<tr><td class="l">{{ e.row_id }}</td>
<td class="text">{{ e.text }}{% if e.note %}<br><i>{{ e.note }}</i>{% endif %}</td>
<td class="l">{{ e.gold }}</td><td class="l">{{ e.predicted }}</td>
<td>{{ "%.2f"|format(e.severity) }}</td></tr>
{% endfor %}</table>
{% else %}<p>No errors.</p>
{% endfor %}

<h2>Rules</h2>
<ul>{% for n in r.notes %}<li>{{ n }}</li>{% endfor %}</ul>
</body></html>
"""

_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def format_measure(value: float | None, unit: str) -> str:
    """A measure as people read it: shares with three decimals, km with one, n/a for none."""
    if value is None:
        return "n/a"
    if unit == "km":
        return f"{value:.1f} km"
    if unit == "count":
        return f"{value:g}"
    return f"{value:.2f}" if unit == "per_article" else f"{value:.3f}"


def _shade(n: int, row: list[int]) -> str:
    total = sum(row)
    if not n or not total:
        return "#fff"
    alpha = 0.1 + 0.8 * n / total
    return f"rgba(40,110,200,{alpha:.2f})"


def render_html(result: EvalResult, *, errors_per_kind: int = 15) -> str:
    """The HTML page of one result (measures, classes, confusion matrices, worst errors)."""
    rate = f"{result.rows / result.seconds:.1f} rows/s" if result.seconds > 0 else "-"
    return _env.from_string(_TEMPLATE).render(
        r=result,
        rate=rate,
        now=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        fmt=lambda m: format_measure(m.value, m.unit),
        shade=_shade,
        limit=errors_per_kind,
        counts={k: sum(e.kind == k for e in result.errors) for k in result.error_kinds()},
    )


def write_html(result: EvalResult, path: Path, *, errors_per_kind: int = 15) -> None:
    """Writes ``render_html(result)`` to ``path``."""
    path.write_text(render_html(result, errors_per_kind=errors_per_kind), encoding="utf-8")
