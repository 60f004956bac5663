"""Page chrome in scraped text, by the rules of ``resources/boilerplate.yaml``.

A block (a line, or a stretch scraped text runs together) is chrome when it is a known line of
page furniture ("Share this article") or matches a rule's pattern over its whole length. The
rules also name what opens or closes a block without being part of the story: an alert label
("BREAKING:"), a credit ("- Reuters", "(AP)"), hashtags; ``trim_block`` cuts those, never the
whole block. A user file of the same shape adds rules (``[extra] boilerplate = "my.yaml"``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .config import Config
from .errors import ResourceError
from .offsets import MappedText
from .resources import news_outlets, parse_vocabulary

TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
TRIM = " :|•·›»-–—\t"
# a block left with fewer words than this after trimming keeps what was cut
_MIN_TRIMMED_WORDS = 3
# how far from a block's end a closing credit may start
_TAIL_REACH = 90
# a block in capitals: at least this many letters, nearly all upper case
_SHOUTING_MIN_LETTERS = 12
_SHOUTING_SHARE = 0.9


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    max_words: int
    sentences: bool


@dataclass(frozen=True)
class ChromeRules:
    """Compiled boilerplate rules: exact lines, whole-block patterns, footer cut markers, and
    the labels and credits that open (``lead``) or close (``tail``) a block."""

    lines: frozenset[str]
    rules: tuple[_Rule, ...]
    cut: re.Pattern[str] | None
    cut_after: float
    lead: re.Pattern[str] | None = None
    tail: re.Pattern[str] | None = None
    list_headers: frozenset[str] = frozenset()
    list_max_words: int = 25


def _read_rules_file(text: str, where: str) -> dict[str, Any]:
    try:
        data = parse_vocabulary(text) or {}
    except yaml.YAMLError as err:
        raise ResourceError(f"cannot read boilerplate rules: {err}", where=where) from None
    if not isinstance(data, dict):
        raise ResourceError("boilerplate rules must be a mapping", where=where)
    return data


def _alternatives(patterns: list[str], what: str, suffix: str = "") -> re.Pattern[str] | None:
    if not patterns:
        return None
    try:
        return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")" + suffix)
    except re.error as err:
        raise ResourceError(f"bad {what} pattern: {err}") from None


def _with_outlets(pattern: str) -> str:
    """``pattern`` with its outlet placeholders filled from ``outlets.yaml``: ``{wires}`` the
    wire agencies, ``{credited}`` those and the broadcasters credited in brackets as they are,
    ``{signing}`` every outlet that signs a story after a dash or bar."""
    if "{" not in pattern:
        return pattern
    outlets = news_outlets()
    groups = {"{wires}": ("wires",), "{credited}": ("wires", "broadcasters"),
              "{signing}": ("wires", "broadcasters", "signing", "signing_only")}
    for placeholder, names in groups.items():
        if placeholder in pattern:
            pattern = pattern.replace(placeholder, "|".join(
                re.escape(name) for group in names for name in outlets[group]))
    return pattern


@lru_cache(maxsize=8)
def load_rules(extra_files: tuple[str, ...] = ()) -> ChromeRules:
    """The built-in chrome rules plus those of ``extra_files`` (same YAML shape), compiled once."""
    builtin = resources.files("eventwire.resources").joinpath("boilerplate.yaml")
    sources = [(_read_rules_file(builtin.read_text("utf-8"), "boilerplate.yaml"), "built-in")]
    for name in extra_files:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except OSError as err:
            raise ResourceError(f"cannot read boilerplate rules: {err}", where=name) from None
        sources.append((_read_rules_file(text, name), name))
    date_pattern = str(sources[0][0].get("date", r"\d{4}-\d{2}-\d{2}")).strip()
    lines: set[str] = set()
    list_headers: set[str] = set()
    rules: list[_Rule] = []
    cuts: list[str] = []
    leads: list[str] = []
    tails: list[str] = []
    cut_after = float(sources[0][0].get("cut_after", 0.5))
    list_max_words = int(sources[0][0].get("list_max_words", 25))
    for data, where in sources:
        lines.update(str(line).casefold() for line in data.get("lines") or [])
        list_headers.update(str(line).casefold() for line in data.get("list_headers") or [])
        for rule in data.get("rules") or []:
            flags = 0 if rule.get("case_sensitive") else re.IGNORECASE
            for pattern in rule.get("patterns") or []:
                try:
                    compiled = re.compile(str(pattern).replace("{date}", date_pattern), flags)
                except re.error as err:
                    raise ResourceError(
                        f"rule {rule.get('name')!r}: bad pattern {pattern!r}: {err}", where=where
                    ) from None
                rules.append(_Rule(str(rule.get("name", "?")), compiled,
                                   int(rule.get("max_words", 12)), bool(rule.get("sentences"))))
        cuts.extend(str(c) for c in data.get("cut") or [])
        leads.extend(_with_outlets(str(c)) for c in data.get("lead") or [])
        tails.extend(_with_outlets(str(c)) for c in data.get("tail") or [])
    try:
        cut = re.compile("|".join(f"(?:{c})" for c in cuts), re.IGNORECASE) if cuts else None
    except re.error as err:
        raise ResourceError(f"bad cut pattern: {err}") from None
    return ChromeRules(frozenset(lines | list_headers), tuple(rules), cut, cut_after,
                       _alternatives(leads, "lead"), _alternatives(tails, "tail", "$"),
                       frozenset(list_headers), list_max_words)


def rules_for(config: Config) -> ChromeRules:
    extra = config.extra.get("boilerplate") if config.extra else None
    files = (extra,) if isinstance(extra, str) else tuple(extra or ())
    return load_rules(tuple(str(f) for f in files))


def words(block: str) -> int:
    return len(block.split())


def _is_sentence(block: str) -> bool:
    return words(block) >= 6 and bool(TERMINAL.search(block))


def is_chrome_line(block: str, rules: ChromeRules) -> bool:
    """Whether ``block`` is nothing but a known line of page furniture ("Share", "Advertisement")
    or separators: chrome for certain, where a rule's pattern is a guess."""
    core = block.strip(TRIM)
    return not core or core.casefold() in rules.lines


def heads_a_list(block: str, rules: ChromeRules) -> bool:
    """Whether ``block`` is the header of a list of other stories' headlines ("Related
    articles", "Trending Stories"): the lines under it that are no sentences are chrome too."""
    return block.strip(TRIM).casefold() in rules.list_headers


def is_chrome(block: str, rules: ChromeRules) -> bool:
    """Whether one block of text is page chrome by ``rules``."""
    if is_chrome_line(block, rules):
        return True
    core = block.strip(TRIM)
    count = words(core)
    sentence = _is_sentence(core)
    for rule in rules.rules:
        if (count <= rule.max_words and (rule.sentences or not sentence)
                and rule.pattern.fullmatch(core)):
            return True
    return False


def trim_block(block: MappedText, rules: ChromeRules) -> MappedText:
    """``block`` without an opening alert label or a closing credit, and in sentence case when
    it is all in capitals (a parser reads "GUNMEN KILL 12" as a string of names)."""
    text = block.text
    start, end = 0, len(text)
    if rules.lead is not None:
        found = rules.lead.match(text)
        if found and found.end() < end:
            start = found.end()
    if rules.tail is not None:
        found = rules.tail.search(text, max(start, end - _TAIL_REACH))
        if found and found.start() > start:
            end = found.start()
    if (start, end) != (0, len(text)) and words(text[start:end]) >= _MIN_TRIMMED_WORDS:
        block = block.slice(start, end).strip()
    return _unshouted(block)


def _unshouted(block: MappedText) -> MappedText:
    if not _shouting(block.text[:200]) or not _shouting(block.text):
        return block
    return MappedText(_title_case(block.text), block.map)


def _shouting(text: str) -> bool:
    upper = sum(map(str.isupper, text))
    cased = upper + sum(map(str.islower, text))
    return cased >= _SHOUTING_MIN_LETTERS and upper >= _SHOUTING_SHARE * cased


def _title_case(text: str) -> str:
    """Each word's first letter kept, the rest lower case, character for character (so the
    offsets stay those of the capitals)."""
    out: list[str] = []
    previous_letter = False
    for char in text:
        lower = char.lower()
        out.append(lower if previous_letter and len(lower) == 1 else char)
        previous_letter = char.isalpha() or (previous_letter and char in "'’")
    return "".join(out)
