"""The HTML report and the JSON of an evaluation result, on a result built by hand."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.evaluate.report import render_html, write_html
from eventwire.evaluate.result import ErrorCase, EvalResult
from eventwire.evaluate.scoring import UNCODED, confusion_matrix, per_class

GOLD = ["Battles", "Battles", "Protests"]
PRED = ["Battles", "Riots", UNCODED]


def _result() -> EvalResult:
    result = EvalResult("acled", "/data/acled.csv", 3, 1.5, {"trigger_shortcut": True},
                        notes=["a rule"])
    result.add("event_type_accuracy", 1 / 3, 3, "type equals the coder's")
    result.add("location_median_km", 12.25, 2, "median", unit="km")
    result.add("date_exact", None, 0)
    result.classes["event_type"] = per_class(GOLD, PRED)
    result.confusion["event_type"] = confusion_matrix(GOLD, PRED)
    result.errors += [
        ErrorCase("event_type", "r2", "Gunmen <b>attacked</b> a post.", "Battles", "Riots", 0.9),
        ErrorCase("event_type", "r3", "People marched.", "Protests", UNCODED, 0.5),
        ErrorCase("date", "r1", "On 9 May 2020, shelling.", "2020-05-09", "(none)", 0.4),
    ]
    return result


def test_html_report_holds_the_matrix_measures_and_errors(tmp_path: Path) -> None:
    html = render_html(_result())
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert 'id="confusion-event_type"' in html
    matrix = html[html.index('id="confusion-event_type"'):html.index("Worst errors")]
    for label in ("Battles", "Protests", "Riots", UNCODED):
        assert f"<th>{label}</th>" in matrix
    assert matrix.count('class="diag"') == 4  # one diagonal cell per label
    assert ">1</td>" in matrix
    assert "0.333" in html and "12.2 km" in html and "n/a" in html
    # the text of errors is escaped, never injected
    assert "Gunmen &lt;b&gt;attacked&lt;/b&gt; a post." in html
    assert "<b>attacked</b>" not in html
    assert html.index("r2") < html.index("r3")  # worst first
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")
    out = tmp_path / "r.html"
    write_html(_result(), out)
    assert out.read_text(encoding="utf-8").count("<table") >= 4


def test_json_keeps_measures_classes_matrix_and_worst_errors(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    _result().write_json(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["measures"]["event_type_accuracy"]["value"] == 1 / 3
    labels = data["confusion"]["event_type"]["labels"]
    assert labels == ["Battles", "Protests", "Riots", UNCODED]
    assert data["confusion"]["event_type"]["matrix"] == [[1, 0, 1, 0], [0, 0, 0, 1],
                                                         [0, 0, 0, 0], [0, 0, 0, 0]]
    assert data["error_counts"] == {"event_type": 2, "date": 1}
    assert [e["row_id"] for e in data["errors"]] == ["r2", "r3", "r1"]
    assert data["classes"]["event_type"][0]["label"] == "Battles"
