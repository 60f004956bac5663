"""Event dates from one sentence: find the date phrase with a regex, then resolve it.

Explicit dates ("on 17 November 2024", "Nov. 17", "November 17, 2024", "2024-11-17", "in May
2020", "in 2019") have ``basis`` "explicit"; phrases that need the publication date ("on
Sunday", "yesterday", "last week", "tomorrow") have ``basis`` "relative". Rules:

- a date without its year ("Nov. 17") is the latest such date not after the publication date
  plus one day of slack; without a publication date the year comes from ``context`` (the last
  four-digit year there), else the phrase is skipped;
- a weekday ("on Sunday", "Monday night") is the most recent such day on or before the
  publication date: news reports speak of the past, and a report published on a Sunday that
  says "on Sunday" means that same day. "last Sunday" is 1-7 days back, "next Sunday" 1-7 ahead;
- "last night" is the day before publication; "this week"/"last week" give the Monday of that
  week with precision "week"; "this month"/"last month" the first of the month, precision
  "month"; future phrases ("tomorrow", "next week", "in the coming days") give future dates
  (the caller codes them as planned events);
- a range ("between 27 April and 2 May 2020", "from 6 - 7 May") gives its earliest day, with
  precision "week" when it spans at most 7 days and "month" when longer;
- a numeric date is read only when unambiguous: ISO "2024-11-17", or "17/11/2024" where one
  field is above 12 (day-first and month-first both tried); "05/06/2024" is skipped;
- impossible dates ("31 February 2024", "45 May") are skipped, never raised.

``dateparser`` is not used: on phrases this regex already isolates it adds nothing, and on whole
sentences it misfires on numbers that are no dates ("82mm", "Brigade 53").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..casefold import CaseBlind, Cased
from ..model import DateValue
from ..resources import load_yaml

logger = logging.getLogger(__name__)

__all__ = ["find_date_spans", "find_dates", "published_fallback", "resolve_date"]


def _alt(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True, slots=True)
class _Grammar:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, dict[str, Any]]
    anchored: dict[str, int]
    pattern: CaseBlind
    prefilter: CaseBlind


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    data = load_yaml("dates.yaml")
    months = {str(k).lower(): int(v) for k, v in data["months"].items()}
    weekdays = {str(k).lower(): int(v) for k, v in data["weekdays"].items()}
    relative = {" ".join(str(k).lower().split()): dict(v) for k, v in data["relative"].items()}
    anchored = {" ".join(str(k).lower().split()): int(v) for k, v in data["anchored"].items()}
    mon = rf"(?:{_alt(list(months))})\.?"
    full_wd = [w for w in weekdays if len(w) > 4]
    day = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
    year = r"(?:\d{4}|'\d{2})(?!\d)"
    lead = r"(?:(?:on\s+or\s+around|on\s+or\s+about|on|around|about|since|by|as\s+of)\s+)?"
    sep = r"\s*(?:-|–|—|to|and|until|till|through)\s*"
    parts = [
        # 27 April and 2 May 2020 / 27-30 April 2020 / from 6 - 7 May
        rf"(?P<rdmy>(?:(?:between|from)\s+)?(?P<rd1>{day})(?:\s+(?P<rm1>{mon}))?"
        rf"(?:,?\s+(?P<ry1>{year}))?{sep}(?P<rd2>{day})\s+(?P<rm2>{mon})(?:,?\s+(?P<ry2>{year}))?)",
        # April 27 to May 2, 2020 / May 6-7
        rf"(?P<rmdy>(?:(?:between|from)\s+)?(?P<sm1>{mon})\s+(?P<sd1>{day}){sep}"
        rf"(?:(?P<sm2>{mon})\s+)?(?P<sd2>{day})(?:,?\s+(?P<sy2>{year}))?)",
        # 17 November 2024 / 17th of November, 2024 / 9 May
        rf"(?P<dmy>{lead}(?P<d1>{day})(?:\s+of)?\s+(?P<m1>{mon})(?:,?\s+(?P<y1>{year}))?)",
        # November 17, 2024 / Nov. 17
        rf"(?P<mdy>{lead}(?P<m2>{mon})\s+(?P<d2>{day})(?:,?\s+(?P<y2>{year}))?)",
        # 2024-11-17
        r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?!\d))",
        # 17/11/2024, 17.11.2024
        r"(?P<num>(?P<n1>\d{1,2})[/.](?P<n2>\d{1,2})[/.](?P<n3>\d{4}|\d{2})(?![\d/.]\d))",
        # in May 2020
        rf"(?P<my>(?:(?:in|during|early|late|mid|since|by|throughout)[\s-]+)?(?P<m3>{mon}),?\s+"
        rf"(?P<y3>\d{{4}})(?!\d))",
        # in 2019
        r"(?P<yr>(?:in|during|throughout)\s+(?P<y4>(?:19|20)\d{2})(?![\d,]\d))",
        # N days ago
        r"(?P<ago>(?P<an>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few"
        r"|several)\s+(?P<au>days?|weeks?|months?|years?)\s+ago)",
        # relative phrases, then those anchored on another date ("the day before yesterday"
        # is relative, "the day before" anchored)
        rf"(?P<rel>(?:{_alt(list(relative))}))",
        rf"(?P<anch>(?:on\s+)?(?:{_alt(list(anchored))}))",
        # on Sunday / last Monday night / next Friday
        rf"(?P<wd>(?:(?P<wq>last|next|this\s+past|this\s+coming|this|on|early|late|overnight)"
        rf"\s+)?(?P<wn>{_alt(full_wd)})(?:\s+(?:night|morning|afternoon|evening))?)",
    ]
    pattern = CaseBlind(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w])")
    pre_words = [*months, *full_wd, "ago", *(k.split()[-1] for k in (*relative, *anchored))]
    prefilter = CaseBlind(r"\d|\b(?:" + _alt(sorted(set(pre_words))) + r")")
    return _Grammar(months, weekdays, relative, anchored, pattern, prefilter)


# --------------------------------------------------------------------------- helpers

_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3}  # fmt: skip


def _int(s: str | None) -> int | None:
    if not s:
        return None
    digits = re.match(r"'?(\d+)", s)
    if not digits:
        return None
    n = int(digits.group(1))
    if s.startswith("'"):
        n += 2000
    return n


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


_VERB_MONTHS = frozenset({"may", "march"})  # "they may 5 times", "will march 5 km"


def _month(g: _Grammar, s: str | None) -> int | None:
    if not s or s in _VERB_MONTHS:
        return None
    return g.months.get(s.lower().rstrip("."))


def _infer_year(m: int, d: int, published: date | None, year_hint: int | None) -> date | None:
    """The latest day (m, d) not after published + 1 day; else the context's year."""
    if published is not None:
        limit = published + timedelta(days=1)
        for y in (published.year, published.year - 1, published.year - 2):
            found = _make(y, m, d)
            if found is not None and found <= limit:
                return found
        return None
    if year_hint is not None:
        return _make(year_hint, m, d)
    return None


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + (d.month - 1) + n
    return date(k // 12, k % 12 + 1, 1)


_YEAR_RX = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def _year_hint(context: str | None) -> int | None:
    if not context:
        return None
    years = _YEAR_RX.findall(context)
    return int(years[-1]) if years else None


# --------------------------------------------------------------------------- resolving


def _resolve(
    g: _Grammar,
    m: Cased | re.Match[str],
    published: date | None,
    year_hint: int | None,
    anchor: date | None,
) -> DateValue | None:
    kind = m.lastgroup
    text = m.group(kind) if kind else m.group()
    text = text.strip()
    gd = m.group

    if kind == "rdmy" or kind == "rmdy":
        if kind == "rdmy":
            d1, d2 = _int(gd("rd1")), _int(gd("rd2"))
            m2 = _month(g, gd("rm2"))
            m1 = _month(g, gd("rm1")) or m2
            y2 = _int(gd("ry2"))
            y1 = _int(gd("ry1"))
        else:
            d1, d2 = _int(gd("sd1")), _int(gd("sd2"))
            m1 = _month(g, gd("sm1"))
            m2 = _month(g, gd("sm2")) or m1
            y2 = _int(gd("sy2"))
            y1 = None
        if None in (d1, d2, m1, m2):
            return None
        assert d1 is not None and d2 is not None and m1 is not None and m2 is not None
        if y2 is not None:
            end = _make(y2, m2, d2)
            basis = "explicit"
        else:
            end = _infer_year(m2, d2, published, year_hint)
            basis = "relative" if published is not None else "explicit"
        if end is None:
            return None
        y_start = y1 if y1 is not None else (end.year if (m1, d1) <= (m2, d2) else end.year - 1)
        start = _make(y_start, m1, d1)
        if start is None or start > end:
            return None
        precision = "week" if (end - start).days <= 7 else "month"
        return DateValue(value=start, precision=precision, basis=basis, text=text)

    if kind in ("dmy", "mdy"):
        d = _int(gd("d1") if kind == "dmy" else gd("d2"))
        mo = _month(g, gd("m1") if kind == "dmy" else gd("m2"))
        y = _int(gd("y1") if kind == "dmy" else gd("y2"))
        if d is None or mo is None:
            return None
        if y is not None:
            found = _make(y, mo, d)
            return DateValue(value=found, text=text) if found else None
        found = _infer_year(mo, d, published, year_hint)
        if found is None:
            return None
        return DateValue(value=found, basis="relative" if published else "explicit", text=text)

    if kind == "iso":
        found = _make(int(gd("iy")), int(gd("im")), int(gd("id")))
        return DateValue(value=found, text=text) if found else None

    if kind == "num":
        a, b, y = int(gd("n1")), int(gd("n2")), int(gd("n3"))
        if y < 100:
            y += 2000
        if a > 12 >= b:
            found = _make(y, b, a)
        elif b > 12 >= a or a == b:
            found = _make(y, a, b)
        else:
            return None  # 05/06/2024: day-first or month-first, cannot tell
        return DateValue(value=found, text=text) if found else None

    if kind == "my":
        mo = _month(g, gd("m3"))
        if mo is None:
            return None
        found = _make(int(gd("y3")), mo, 1)
        return DateValue(value=found, precision="month", text=text) if found else None

    if kind == "yr":
        found = _make(int(gd("y4")), 1, 1)
        return DateValue(value=found, precision="year", text=text) if found else None

    if kind == "ago":
        if published is None:
            return None
        n = _SMALL.get(" ".join(gd("an").lower().split())) or _int(gd("an")) or 1
        unit = gd("au").lower().rstrip("s")
        if unit == "day":
            return DateValue(value=published - timedelta(days=n), basis="relative", text=text)
        if unit == "week":
            return DateValue(
                value=_monday(published - timedelta(days=7 * n)),
                precision="week",
                basis="relative",
                text=text,
            )
        if unit == "month":
            return DateValue(
                value=_add_months(published, -n), precision="month", basis="relative", text=text
            )
        found = _make(published.year - n, 1, 1)
        if found is None:
            return None
        return DateValue(value=found, precision="year", basis="relative", text=text)

    if kind == "anch":
        if anchor is None:
            return None
        key = " ".join(text.lower().split())
        key = key[3:] if key.startswith("on ") and key not in g.anchored else key
        offset = g.anchored.get(key)
        if offset is None:
            return None
        return DateValue(value=anchor + timedelta(days=offset), basis="relative", text=text)

    if kind == "rel":
        if published is None:
            return None
        rule = g.relative.get(" ".join(text.lower().split()))
        if rule is None:
            return None
        unit, offset = str(rule.get("unit", "day")), int(rule.get("offset", 0))
        precision = str(rule.get("precision", unit))
        if unit == "day":
            value = published + timedelta(days=offset)
        elif unit == "week":
            value = _monday(published) + timedelta(weeks=offset)
        elif unit == "month":
            value = _add_months(published, offset)
        else:
            value = date(published.year + offset, 1, 1)
        if precision not in ("day", "week", "month", "year"):
            precision = "day"
        return DateValue(value=value, precision=precision, basis="relative", text=text)

    if kind == "wd":
        if published is None:
            return None
        wd = g.weekdays.get(gd("wn").lower())
        if wd is None:
            return None
        q = " ".join((gd("wq") or "").lower().split())
        if q in ("next", "this coming"):
            ahead = (wd - published.weekday()) % 7 or 7
            value = published + timedelta(days=ahead)
        else:
            back = (published.weekday() - wd) % 7
            if q in ("last", "this past") and back == 0:
                back = 7
            value = published - timedelta(days=back)
        return DateValue(value=value, basis="relative", text=text)
    return None


def _iter_dates(
    sentence: str, published: date | None, context: str | None
) -> Iterator[tuple[DateValue, int, int]]:
    if not sentence:
        return
    g = _grammar()
    if not g.prefilter.found(sentence):
        return
    year_hint = _year_hint(context)
    anchor: date | None = None
    last: date | None = None
    for m in g.pattern.finditer(sentence):
        if m.lastgroup == "anch" and anchor is None:
            anchor = _context_anchor(g, context, published, year_hint) or last
        try:
            found = _resolve(g, m, published, year_hint, anchor)
        except (ValueError, OverflowError, KeyError) as err:  # pragma: no cover - defensive
            logger.debug("date phrase %r not resolved: %s", m.group(), err)
            continue
        if found is not None:
            kind = m.lastgroup or ""
            start, end = m.span(kind) if kind else m.span()
            last = found.value
            yield found, start, end


def find_date_spans(
    sentence: str, published: date | None, *, context: str | None = None
) -> list[tuple[DateValue, int, int]]:
    """Every resolvable date phrase in the sentence with its (start, end) character span."""
    return list(_iter_dates(sentence, published, context))


def _context_anchor(
    g: _Grammar, context: str | None, published: date | None, year_hint: int | None
) -> date | None:
    if not context:
        return None
    last: date | None = None
    for m in g.pattern.finditer(context):
        if m.lastgroup == "anch":
            continue
        found = _resolve(g, m, published, year_hint, None)
        if found is not None and found.precision == "day":
            last = found.value
    return last


def find_dates(
    sentence: str, published: date | None, *, context: str | None = None
) -> list[DateValue]:
    """Every resolvable date phrase in the sentence, in order (offsets: ``find_date_spans``)."""
    return [d for d, _, _ in find_date_spans(sentence, published, context=context)]


def resolve_date(
    sentence: str, published: date | None, *, context: str | None = None
) -> DateValue | None:
    """The date of the sentence: its first resolvable date phrase, or None.

    ``published`` anchors relative phrases and year-less dates; ``context`` (the text before the
    sentence) gives a year when ``published`` is unknown and the anchor of "the next day"."""
    for found, _, _ in _iter_dates(sentence, published, context):
        return found
    return None


def published_fallback(published: date | None) -> DateValue | None:
    """The publication date as the event date of last resort (basis "published")."""
    if published is None:
        return None
    return DateValue(value=published, precision="day", basis="published", text=None)
