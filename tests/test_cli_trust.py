"""No traceback, no silent no-op: every bad option or input is one coded line that names it,
output paths are checked before the work, and exit codes say what happened."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import _store_fixtures as fx
from eventwire.cli import app
from eventwire.model import Actor, Evidence
from eventwire.store import CodedArticle, Store, identified

EVENTWIRE = str(Path(sys.executable).parent / "eventwire")
STORY = ("Rebels attacked an army post near Goma on Friday, killing seven soldiers, the army "
         "said. Thousands of people fled the fighting.")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A store with an occurred strike, a planned one, a protest without coordinates, and an
    event whose actor and evidence begin like spreadsheet formulas."""
    path = str(tmp_path / "events.db")
    article, key = identified(fx.make_article(1))
    events = [
        fx.make_event(article.id, 0),
        fx.make_event(article.id, 1, status="planned"),
        fx.make_event(article.id, 2, type="PROTEST", acled=None, cameo="141", killed=None,
                      location=None),
        fx.make_event(article.id, 3, actor=Actor(text="=HYPERLINK(\"http://x\")",
                                                 name="=HYPERLINK(\"http://x\")"),
                      evidence=Evidence(text="@SUM(A1) -2 dead, 50% of the town hit.",
                                        start=30, end=70)),
    ]
    Store(path).write_batch([CodedArticle(article, key, events=events)])
    return path


def one_coded_line(stderr: str, code: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1 and lines[0].startswith(f"[{code}]"), lines
    return lines[0]


# -- output paths checked before any work ------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["extract", "-", "-o", "{tmp}/no/such/folder/out.csv"],
    ["extract", "-", "-o", "{tmp}/a-file/out.csv"],
    ["events", "--db", "{db}", "-o", "{tmp}/no/such/folder/out.csv"],
    ["eval", "acled", "{tmp}/missing.csv", "--json", "{tmp}/no/such/folder/s.json"],
    ["eval", "acled", "{tmp}/missing.csv", "--report", "{tmp}/no/folder/r.html"],
])
def test_cli_output_path_refused_before_the_work(runner: CliRunner, tmp_path: Path, db: str,
                                                 args: list[str]) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    args = [a.format(tmp=tmp_path, db=db) for a in args]
    result = runner.invoke(app, args, input=STORY)
    assert result.exit_code == 2, result.output
    line = one_coded_line(result.stderr, "E111")
    assert ("--output" in line or "--json" in line or "--report" in line)


def _unprivileged() -> list[str]:
    """Run as nobody when we are root (root reads every file whatever its mode)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A folder anyone may use (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="eventwire-perm-"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o777)
    shutil.rmtree(folder)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_unprivileged(), EVENTWIRE, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "HOME": str(cwd)})


@pytest.mark.slow
def test_cli_unreadable_folder_in_a_glob_is_one_line_and_the_rest_goes_on(
        open_dir: Path) -> None:
    locked = open_dir / "locked"
    locked.mkdir()
    (locked / "secret.txt").write_text(STORY)
    locked.chmod(0o000)
    (open_dir / "good.txt").write_text(STORY)
    result = _run(["ingest", "-q", "locked/*.txt", "good.txt", "locked", "--db", "s.db"],
                  open_dir)
    assert result.returncode == 1, result.stderr  # some inputs failed
    assert "Traceback" not in result.stderr
    assert "E109" in result.stderr or "E100" in result.stderr
    summary = _run(["articles", "--db", "s.db", "--json"], open_dir)
    assert len(summary.stdout.splitlines()) == 1


@pytest.mark.slow
def test_cli_read_only_database_is_one_coded_line(open_dir: Path) -> None:
    (open_dir / "good.txt").write_text(STORY)
    first = _run(["ingest", "-q", "good.txt", "--db", "s.db"], open_dir)
    assert first.returncode == 0, first.stderr
    (open_dir / "s.db").chmod(0o444)
    open_dir.chmod(0o555)
    (open_dir / "other.txt").exists()
    result = _run(["ingest", "-q", "good.txt", "--db", "s.db"], open_dir)
    open_dir.chmod(0o777)
    assert result.returncode == 4
    assert "[E402]" in result.stderr and "Traceback" not in result.stderr


# -- inputs that broke whole runs ---------------------------------------------------------------

def test_cli_broken_url_is_one_coded_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "-q", "http://[::1", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 3  # nothing could be read
    assert "[E201]" in result.stderr and "Traceback" not in result.output
    extract = runner.invoke(app, ["extract", "http://[::1"])
    assert extract.exit_code == 3 and "[E201]" in extract.stderr


def test_cli_unreachable_database_is_one_coded_line(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(STORY)
    result = runner.invoke(app, ["ingest", "-q", str(story), "--timeout", "2", "--db",
                                 "postgresql://postgres@127.0.0.1:9/nowhere"])
    assert result.exit_code == 4
    assert "[E400]" in result.stderr and "Traceback" not in result.output


@pytest.mark.slow
def test_cli_unreachable_dask_scheduler_is_one_coded_line(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(STORY)
    result = subprocess.run([EVENTWIRE, "ingest", "-q", str(story), "--engine", "dask",
                             "--scheduler", "tcp://127.0.0.1:9", "--timeout", "2",
                             "--db", str(tmp_path / "s.db")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 4
    assert "[E410]" in result.stderr and "--timeout" in result.stderr
    assert "Traceback" not in result.stderr


def test_library_extract_takes_bytes_and_refuses_binary() -> None:
    import eventwire
    from eventwire.errors import BinaryInputError

    events = eventwire.extract(STORY.encode("utf-8"))
    assert any(e.type == "ASSAULT" for e in events)
    with pytest.raises(BinaryInputError):
        eventwire.extract(b"\x00\x01\x02" * 100)


# -- silent no-ops ------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "code", "words"), [
    (["ingest", "{story}", "--batch-size", "0"], "E110", "--batch-size"),
    (["ingest", "{story}", "--published", "24-11-18"], "E110", "ambiguous"),
    (["extract", "{story}", "--published", "11/18/24"], "E110", "--published"),
    (["events", "--db", "{db}", "--since", "yesterday"], "E110", "--since"),
    (["events", "--db", "{db}", "--until", "2024-02-30"], "E110", "--until"),
    (["events", "--db", "{db}", "--country", "Ukraine"], "E110", "UKR"),
    (["events", "--db", "{db}", "--type", "FOO"], "E110", "--type"),
    (["events", "--db", "{db}", "--type", "protset"], "E110", "PROTEST"),
    (["events", "--db", "{db}", "--status", "happened"], "E110", "occurred"),
    (["events", "--db", "{tmp}/typo.db"], "E401", "no such database"),
    (["errors", "--db", "{tmp}/typo.db"], "E401", "no such database"),
    (["runs", "--db", "{tmp}/typo.db"], "E401", "no such database"),
    (["incidents", "--db", "{tmp}/typo.db"], "E401", "no such database"),
    (["cluster", "--db", "{tmp}/typo.db"], "E401", "no such database"),
    (["alerts", "--db", "{tmp}/typo.db"], "E401", "no such database"),
    (["series", "--db", "{tmp}/typo.db"], "E401", "no such database"),
    (["report", "--db", "{tmp}/typo.db", "-o", "{tmp}/r.html"], "E401", "no such database"),
])
def test_cli_bad_option_named_with_the_fix(runner: CliRunner, tmp_path: Path, db: str,
                                           args: list[str], code: str, words: str) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    args = [a.format(story=story, db=db, tmp=tmp_path) for a in args]
    result = runner.invoke(app, [*args, *(["--db", db] if args[0] == "ingest" else [])])
    assert result.exit_code == 2, result.output
    assert words in one_coded_line(result.stderr, code)
    assert not (tmp_path / "typo.db").exists()  # a mistyped database is not created


def test_cli_extract_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(STORY)
    empty.write_text("")
    assert runner.invoke(app, ["extract", str(good), "-f", "jsonl"]).exit_code == 0
    assert runner.invoke(app, ["extract", str(good), str(empty), "-f", "jsonl"]).exit_code == 1
    nothing = runner.invoke(app, ["extract", str(empty), str(tmp_path / "missing.txt")])
    assert nothing.exit_code == 3  # every input failed


def test_cli_version(runner: CliRunner) -> None:
    from eventwire import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"eventwire {__version__}"


def test_exit_codes_are_documented() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "ingest.md").read_text()
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |"):
        assert code in docs


# -- exports that say what they hold ---------------------------------------------------------

def test_cli_acled_export_carries_what_happened_and_says_what_it_left_out(
        runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "-f", "acled"])
    assert result.exit_code == 0, result.output
    frame = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(frame) == 2  # the occurred strike and the formula-looking one
    line = result.stderr.strip()
    assert "2 events written (acled); 2 left out" in line
    assert "1 status planned" in line and "1 no ACLED event type" in line
    assert "--status all" in line
    everything = runner.invoke(app, ["events", "--db", db, "-f", "acled", "--status", "all"])
    assert len(list(csv.DictReader(io.StringIO(everything.stdout)))) == 3


def test_cli_geojson_says_what_it_left_out(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "-f", "geojson"])
    assert len(json.loads(result.stdout)["features"]) == 3
    assert "1 no coordinates" in result.stderr


def test_cli_csv_escapes_formulas_and_keeps_numbers(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "-f", "csv-full"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    risky = next(r for r in rows if "HYPERLINK" in r["actor"])
    assert risky["actor"].startswith("'=") and risky["evidence"].startswith("'@")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value
    assert any(r["lon"] and float(r["lon"]) for r in rows)  # numbers stay numbers


def test_cli_text_filter_is_literal(runner: CliRunner, db: str) -> None:
    percent = runner.invoke(app, ["events", "--db", db, "-f", "jsonl", "--text", "%"])
    assert len(percent.stdout.splitlines()) == 1  # only the evidence with a real "%"
    underscore = runner.invoke(app, ["events", "--db", db, "-f", "jsonl", "--text", "_"])
    assert underscore.stdout.strip() == ""


def test_cli_extract_and_events_csv_share_one_schema(runner: CliRunner, db: str,
                                                     tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    extracted = runner.invoke(app, ["extract", str(story), "-f", "csv"])
    stored = runner.invoke(app, ["events", "--db", db, "-f", "csv"])
    assert extracted.stdout.splitlines()[0] == stored.stdout.splitlines()[0]
    assert "event_type" in stored.stdout.splitlines()[0]
