"""Places a user imports into the gazetteer: GeoNames dumps, CSV files, downloads on request."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.errors import GazetteerError
from eventwire.geo import imports
from eventwire.geo.gazetteer import cache_path


def _row(gid: str, name: str, lat: str, lon: str, code: str, *, admin1: str = "05",
         population: str = "0", aliases: str = "") -> list[str]:
    """One row of a GeoNames dump (19 tab-separated columns)."""
    feature_class = {"PPL": "P", "PPLH": "P", "HLL": "T", "ADM2": "A"}[code]
    return [gid, name, name, aliases, lat, lon, feature_class, code, "UA", "", admin1, "", "",
            "", population, "", "150", "Europe/Kyiv", "2024-01-01"]


# invented places that no registry package knows
_VILLAGE = _row("99000001", "Kozachyi Yar", "48.1234", "37.9012", "PPL",
                aliases="Kozachii Yar,Козачий Яр")
_HAMLET = _row("99000002", "Staromlynivka Druha", "47.7011", "36.9022", "PPL", population="120")
_HILL = _row("99000003", "Lysa Hora", "47.7", "36.9", "HLL")
_RAION = _row("99000004", "Pivnichnyi Raion", "48.0", "37.5", "ADM2")
_HISTORICAL = _row("99000005", "Stara Sich", "47.5", "35.1", "PPLH", admin1="08")


def _dump(rows: list[list[str]]) -> str:
    return "".join("\t".join(row) + "\n" for row in rows)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EVENTWIRE_CACHE", str(folder))
    return folder


def test_geonames_rows_are_read_filtered_and_bad_ones_reported() -> None:
    text = _dump([_VILLAGE, _HILL, _RAION, _HISTORICAL, ["12", "too", "short"]])
    text += "abc\t" + "\t".join(_HAMLET[1:]) + "\n"  # an id that is not a number
    summary = imports.ImportSummary(source="UA.txt", kind="geonames")
    places = list(imports.read_geonames(text.splitlines(keepends=True), summary))
    assert [(p.name, p.feature) for p in places] == [
        ("Kozachyi Yar", "city"), ("Pivnichnyi Raion", "admin2")]
    village = places[0]
    assert (village.country, village.admin1_code, village.geonameid) == ("UKR", "UA.05", 99000001)
    assert (village.lat, village.lon) == (48.1234, 37.9012)
    assert "Kozachii Yar" in village.alternate_names
    assert summary.filtered == 2  # the hill and the historical place
    assert summary.bad_rows == 2
    assert summary.problems[0] == "line 5: 3 columns, a GeoNames row has 19"
    assert summary.problems[1].startswith("line 6: ")


def test_feature_classes_and_countries_can_be_chosen() -> None:
    text = _dump([_VILLAGE, _HILL]).splitlines(keepends=True)
    summary = imports.ImportSummary(source="x", kind="geonames")
    hills = list(imports.read_geonames(text, summary, features=("T",)))
    assert [p.name for p in hills] == ["Lysa Hora"]
    elsewhere = list(imports.read_geonames(text, summary, countries=frozenset({"SYR"})))
    assert elsewhere == []


def test_user_csv_names_countries_and_admin1_as_people_write_them() -> None:
    text = (
        "name,alternate_names,lat,lon,country,admin1\n"
        "Kozachyi Yar,Kozachii Yar|Kozache,48.1234,37.9012,Ukraine,Donetsk Oblast\n"
        "Wad Ashana,,13.45,32.10,SD,White Nile\n"
        "Nowhere,,not-a-number,1,UA,\n"
        "Atlantis,,10,10,Atlantis,\n"
    )
    summary = imports.ImportSummary(source="mine.csv", kind="csv")
    places = list(imports.read_user_csv(text.splitlines(keepends=True), summary))
    assert [(p.name, p.country, p.admin1_name) for p in places] == [
        ("Kozachyi Yar", "UKR", "Donetsk Oblast"), ("Wad Ashana", "SDN", "White Nile")]
    assert places[0].alternate_names == ("Kozachii Yar", "Kozache")
    assert summary.bad_rows == 2
    assert "lat/lon" in summary.problems[0]
    assert "unknown country 'Atlantis'" in summary.problems[1]


def test_import_keeps_places_apart_replaces_on_reimport_and_changes_the_key(
    cache: Path, tmp_path: Path
) -> None:
    before = cache_path(500)
    dump = tmp_path / "UA.txt"
    dump.write_text(_dump([_VILLAGE, _HAMLET]), encoding="utf-8")
    summary = imports.import_file(dump)
    assert (summary.places, summary.kind) == (2, "geonames")
    assert (cache / imports.IMPORTS_FILE).exists()
    after = cache_path(500)
    assert after != before  # the next use builds a gazetteer with the imports
    dump.write_text(_dump([_VILLAGE]), encoding="utf-8")  # a corrected file, same name
    imports.import_file(dump)
    assert [p.name for p in imports.imported_places()] == ["Kozachyi Yar"]
    assert [(s["name"], s["places"]) for s in imports.sources()] == [("UA.txt", 1)]
    assert cache_path(500) not in (before, after)
    assert imports.remove_source("UA.txt") == 1
    assert imports.sources() == [] and cache_path(500) == before
    with pytest.raises(GazetteerError, match=r"nothing was imported from 'UA\.txt'"):
        imports.remove_source("UA.txt")


def test_geonames_zip_is_read_past_its_readme(cache: Path, tmp_path: Path) -> None:
    archive = tmp_path / "UA.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "about GeoNames\tnot\ta\tdump\n")
        zf.writestr("UA.txt", _dump([_VILLAGE, _HAMLET, _RAION]))
    assert imports.import_file(archive).places == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "neither a GeoNames dump"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"just some prose, not a table\n", "neither a GeoNames dump"),
        (b"a,b\n1,2\n", "header names name, lat, lon"),
    ],
)
def test_files_that_are_not_gazetteers_are_refused_clearly(
    cache: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    with pytest.raises(GazetteerError, match=message) as err:
        imports.import_file(path)
    assert "odd.txt" in str(err.value)
    assert imports.sources() == []


def test_a_file_whose_every_row_is_bad_imports_nothing(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,lat,lon\nA,x,y\nB,,\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="no place could be imported; first problem: line 2"):
        imports.import_file(path)


class _Dumps(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def dump_server(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 serving the files the test writes in ``served/``."""
    served = tmp_path / "served"
    served.mkdir()
    with zipfile.ZipFile(served / "UA.zip", "w") as zf:
        zf.writestr("UA.txt", _dump([_VILLAGE, _HAMLET]))
    (served / "SY.zip").write_text("<html>not found page</html>")

    def handler(*args: object, **kw: object) -> _Dumps:
        return _Dumps(*args, directory=str(served), **kw)  # type: ignore[arg-type]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/dump/"
    finally:
        server.shutdown()
        server.server_close()


def test_download_fetches_country_dumps_from_the_given_server(
    cache: Path, dump_server: str
) -> None:
    base = dump_server.replace("/dump/", "/")
    files = imports.download(["ua"], base_url=base)
    assert [f.name for f in files] == ["UA.zip"]
    assert imports.import_file(files[0]).places == 2
    with pytest.raises(GazetteerError, match="HTTP 404"):
        imports.download(["SD"], base_url=base)
    with pytest.raises(GazetteerError, match="not a zip file"):
        imports.download(["SY"], base_url=base)
    with pytest.raises(GazetteerError, match="ISO2 codes"):
        imports.download(["Ukraine"], base_url=base)
    assert not list((cache / "downloads").glob("*.part"))


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True,
                          text=True, env=env, timeout=900, check=False)


@pytest.mark.slow
def test_imported_villages_place_events(cache: Path, tmp_path: Path, dump_server: str) -> None:
    """The analyst's two commands: download a country's villages, then code news about them."""
    env = {**os.environ, "EVENTWIRE_CACHE": str(cache),
           "EVENTWIRE_GEONAMES_URL": dump_server.replace("/dump/", "/")}
    done = _cli("gazetteer", "download", "UA", env=env)
    assert done.returncode == 0, done.stderr
    assert "2 places imported" in done.stderr
    story = tmp_path / "story.txt"
    story.write_text(
        "Russian forces shelled the village of Kozachyi Yar in the Donetsk region on Monday, "
        "killing two civilians, the regional governor said.\n", encoding="utf-8")
    coded = _cli("extract", str(story), "--format", "jsonl", "--published", "2024-05-07", env=env)
    assert coded.returncode == 0, coded.stderr
    events = [json.loads(line) for line in coded.stdout.splitlines()]
    location = next(e["location"] for e in events if e["type"] == "ASSAULT")
    assert (location["name"], location["lat"], location["lon"]) == (
        "Kozachyi Yar", 48.1234, 37.9012)
    assert (location["admin1"], location["country"], location["precision"]) == (
        "Donetsk", "UKR", 1)
    info = _cli("gazetteer", "info", "--json", env=env)
    summary = json.loads(info.stdout)
    assert summary["imported_places"] == 2
    assert [s["name"] for s in summary["imports"]] == ["UA.zip"]
