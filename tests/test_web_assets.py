"""The dashboard's files as the package ships them: complete, pinned, licensed, CSP-clean."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import eventwire

WEB = Path(eventwire.__file__).parent / "web"
ASSETS = WEB / "assets"
VENDOR = ASSETS / "vendor"
TOOLS = Path(__file__).resolve().parents[1] / "tools" / "web-assets"
OWN_JS = sorted(ASSETS.glob("*.js"))


class _Refs(HTMLParser):
    """Every script, stylesheet and icon the page loads, and any inline script or handler."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self.style_attributes: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if "style" in values:
            self.style_attributes.append(tag)
        if tag == "script":
            if values.get("src"):
                self.refs.append(values["src"] or "")
            else:
                self._in_script = True
        if tag == "link" and values.get("href"):
            self.refs.append(values["href"] or "")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def _page() -> _Refs:
    parser = _Refs()
    parser.feed((WEB / "index.html").read_text(encoding="utf-8"))
    return parser


def test_index_loads_only_files_the_package_ships() -> None:
    refs = _page().refs
    assert any(ref.endswith("leaflet.js") for ref in refs)
    for ref in refs:
        assert ref.startswith("/assets/"), f"{ref}: the page must load nothing from elsewhere"
        assert (ASSETS / ref.removeprefix("/assets/")).is_file(), f"{ref} is not in the package"


def test_index_has_no_inline_script_handler_or_style() -> None:
    page = _page()
    assert page.inline_scripts == 0
    assert page.handlers == []
    assert page.style_attributes == [], "inline style attributes break the CSP"


@pytest.mark.parametrize("path", OWN_JS, ids=lambda p: p.name)
def test_own_scripts_never_parse_data_as_html_or_code(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for pattern in (r"\.innerHTML\b", r"\.outerHTML\b", r"insertAdjacentHTML", r"\beval\(",
                    r"new Function\(", r"document\.write", r"setAttribute\(\s*[\"']style"):
        assert not re.search(pattern, source), f"{path.name} uses {pattern}"


def test_own_scripts_import_only_files_that_exist() -> None:
    for path in OWN_JS:
        for target in re.findall(r"from \"(\./[^\"]+)\"", path.read_text(encoding="utf-8")):
            assert (ASSETS / target).is_file(), f"{path.name} imports missing {target}"


def test_vendored_libraries_match_the_pins_and_carry_their_licences() -> None:
    pins = json.loads((TOOLS / "package.json").read_text())["dependencies"]
    copied = json.loads((VENDOR / "VERSIONS.json").read_text())
    assert copied == pins, "run `make web-assets` after changing tools/web-assets/package.json"
    lock = json.loads((TOOLS / "package-lock.json").read_text())["packages"]
    for name, version in pins.items():
        assert lock[f"node_modules/{name}"]["version"] == version
        assert lock[f"node_modules/{name}"]["integrity"].startswith("sha512-")
        licence = VENDOR / name / "LICENSE"
        assert licence.is_file() and licence.stat().st_size > 200, f"{name} has no licence"


def test_basemap_borders_are_shipped() -> None:
    topo = json.loads((VENDOR / "world-atlas" / "countries-50m.json").read_text())
    countries = topo["objects"]["countries"]["geometries"]
    names = {c["properties"]["name"] for c in countries}
    assert {"Ukraine", "Kenya", "Sudan", "Georgia"} <= names
    assert len(countries) > 200
