"""Alerts: rules a user writes in YAML, fired on ingest once per incident.

A rules file (``resources/alerts.yaml`` is an example; point ``alerts_rules`` or
``EVENTWIRE_ALERTS_RULES`` at your own)::

    webhook: https://example.org/hook      # optional; also ``alerts_webhook``
    rules:
      - name: mass-casualty strikes in Ukraine
        when: ASSAULT with killed >= 10 in UKR
      - name: North Korean mobilisation
        when: any MOBILIZE by PRK
      - name: Sumy escalates
        when: escalation in admin1 Sumy

The ``when`` line reads ``[any] TYPE|any [with FIELD OP N [and ...]] [in ISO3 | in admin1 NAME]
[by ACTOR]``: TYPE a PLOVER type (several as ``ASSAULT|COERCE``), FIELD one of ``killed``,
``injured``, ``sources``, ``articles``, OP one of ``>= > <= < ==``; ACTOR an ISO3 country or a
name. Only incidents that took place (occurred, ongoing) fire. ``escalation in ...`` rules fire
on the escalation flags the analysis raises (``AlertRunner.on_escalation``), once per place and
period.

Once per incident: an incident that fired a rule does not fire it again when more outlets
report it, and when incidents merge, their alerts follow. A higher death toll updates the
stored alert and is sent again, marked as an update. Every alert is stored (table ``alerts``),
written as one JSON line to stdout (or the sink given) and POSTed to the webhook if one is set.
"""

from __future__ import annotations

import json
import logging
import operator
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, and_, select, update
from sqlalchemy.exc import SQLAlchemyError

from .cluster import Incident
from .errors import ConfigError, StoreError
from .model import COUNTED_STATUSES, EVENT_TYPES
from .store import schema
from .store.incidents import IncidentChange, unclustered_docs, update_incidents

logger = logging.getLogger(__name__)

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
    "==": operator.eq, "=": operator.eq,
}
_FIELDS = ("killed", "injured", "sources", "articles")
_WHEN = re.compile(
    r"^\s*(?:(?P<any>any)\s+)?(?P<types>[A-Za-z|]+)"
    r"(?:\s+with\s+(?P<conds>.+?))?"
    r"(?:\s+in\s+(?:(?P<admin1_kw>admin1)\s+)?(?P<place>.+?))?"
    r"(?:\s+by\s+(?P<actor>.+?))?\s*$",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"^\s*(?P<field>\w+)\s*(?P<op>>=|<=|==|=|>|<)\s*(?P<value>\d+)\s*$")


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: int

    def holds(self, incident: Incident) -> bool:
        have = {"killed": incident.killed.value, "injured": incident.injured.value,
                "sources": incident.n_sources, "articles": len(incident.doc_ids)}[self.field]
        return have is not None and _OPS[self.op](have, self.value)

    def __str__(self) -> str:
        return f"{self.field} {self.op} {self.value}"


@dataclass(frozen=True)
class Rule:
    """One alert rule: what kind (incident or escalation), which types, conditions, place."""

    name: str
    when: str
    kind: str = "incident"  # incident, escalation
    types: frozenset[str] = frozenset()  # empty: any type
    conditions: tuple[Condition, ...] = ()
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None

    def matches(self, incident: Incident) -> bool:
        """Whether ``incident`` fires this rule (an incident rule, on a counted incident)."""
        if self.kind != "incident" or incident.status not in COUNTED_STATUSES:
            return False
        if self.types and incident.type not in self.types:
            return False
        loc = incident.location or {}
        if self.country and (loc.get("country") or "").upper() != self.country:
            return False
        if self.admin1 and not _same_admin1(loc.get("admin1"), self.admin1):
            return False
        if self.actor and not self._actor_in(incident):
            return False
        return all(c.holds(incident) for c in self.conditions)

    def _actor_in(self, incident: Incident) -> bool:
        wanted = self.actor.casefold() if self.actor else ""
        for mention in incident.mentions:
            actor = mention.event.actor
            if actor is None or (self.types and mention.event.type not in self.types):
                continue
            if wanted in {(actor.country or "").casefold(), (actor.name or "").casefold(),
                          actor.text.casefold()}:
                return True
        return False

    def matches_place(self, country: str | None, admin1: str | None) -> bool:
        if self.country and (country or "").upper() != self.country:
            return False
        return not (self.admin1 and not _same_admin1(admin1, self.admin1))


def _same_admin1(have: str | None, wanted: str) -> bool:
    """"Sumy" matches the admin1 "Sumy" and "Sumy Oblast"."""
    if not have:
        return False
    have, wanted = have.casefold(), wanted.casefold()
    return have == wanted or have.startswith(wanted + " ")


def parse_rule(name: str, when: str) -> Rule:
    """A rule from its ``when`` line; ``ConfigError`` saying what is wrong otherwise."""
    words = when.split()
    if words and words[0].lower() == "escalation":
        match = re.match(r"^\s*escalation\s+in\s+(?:(admin1)\s+)?(.+?)\s*$", when, re.I)
        if not match:
            raise ConfigError(f"rule {name!r}: write 'escalation in ISO3' or 'escalation in "
                              f"admin1 NAME' (got {when!r})")
        country, admin1 = _place(bool(match.group(1)), match.group(2), name)
        return Rule(name, when, kind="escalation", country=country, admin1=admin1)
    match = _WHEN.match(when)
    if not match:
        raise ConfigError(f"rule {name!r}: cannot read {when!r}")
    raw_types = match.group("types").upper()
    types: set[str] = set()
    if raw_types != "ANY":
        for t in raw_types.split("|"):
            if t not in EVENT_TYPES:
                raise ConfigError(f"rule {name!r}: {t!r} is not a PLOVER type "
                                  f"({', '.join(EVENT_TYPES)})")
            types.add(t)
    conditions = []
    for part in re.split(r"\s+and\s+", match.group("conds") or "", flags=re.I):
        if not part.strip():
            continue
        cond = _CONDITION.match(part)
        if not cond or cond.group("field").lower() not in _FIELDS:
            raise ConfigError(f"rule {name!r}: cannot read the condition {part.strip()!r}; "
                              f"write FIELD OP NUMBER with FIELD one of {', '.join(_FIELDS)}")
        conditions.append(Condition(cond.group("field").lower(), cond.group("op"),
                                    int(cond.group("value"))))
    country = admin1 = None
    if match.group("place"):
        country, admin1 = _place(bool(match.group("admin1_kw")), match.group("place"), name)
    return Rule(name, when, types=frozenset(types), conditions=tuple(conditions),
                country=country, admin1=admin1, actor=match.group("actor"))


def _place(is_admin1: bool, place: str, name: str) -> tuple[str | None, str | None]:
    place = place.strip()
    if is_admin1:
        return None, place
    if not re.fullmatch(r"[A-Za-z]{3}", place):
        raise ConfigError(f"rule {name!r}: 'in {place}': give an ISO3 country code, or "
                          f"'in admin1 {place}' for a region")
    return place.upper(), None


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    webhook: str | None = None


def load_rules(path: str | Path) -> RuleSet:
    """The rules of a YAML file; ``ConfigError`` naming the file and the rule when wrong."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(f"cannot read alert rules: {err}", where=str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError("an alert rules file has a list 'rules' of {name, when}",
                          where=str(path))
    rules = []
    for n, item in enumerate(data["rules"], 1):
        if not isinstance(item, dict) or not item.get("when"):
            raise ConfigError(f"rule {n} has no 'when' line", where=str(path))
        rules.append(parse_rule(str(item.get("name") or item["when"]), str(item["when"])))
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise ConfigError("two rules share a name; each alert is stored under its rule's name",
                          where=str(path))
    return RuleSet(tuple(rules), data.get("webhook"))


# -- firing ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class EscalationFlag:
    """What the analysis says when a place escalates (the hook ``on_escalation`` takes)."""

    country: str | None
    admin1: str | None
    period: date  # the first day of the week (or day) flagged
    method: str  # e.g. "acled-surge", "poisson"
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Alert:
    rule: str
    kind: str
    message: str
    record: dict[str, Any]
    incident_id: str | None = None
    place: str | None = None
    killed: int | None = None
    update: bool = False


def _message(rule: Rule, incident: Incident, *, update: bool) -> str:
    loc = incident.location or {}
    place = ", ".join(p for p in (loc.get("name"), loc.get("admin1"), loc.get("country")) if p)
    killed = incident.killed.value
    toll = f", {killed} killed" if killed is not None else ""
    if killed is not None and incident.killed.low != incident.killed.high:
        toll += f" (reports {incident.killed.low}-{incident.killed.high})"
    head = "UPDATE " if update else ""
    return (f"{head}[{rule.name}] {incident.type} {incident.date or '?'} {place or '?'}{toll}; "
            f"{incident.n_sources} source(s)")


Sink = Callable[[Alert], None]


def stdout_sink(alert: Alert) -> None:
    """One JSON line per alert on stdout: the alert's own channel, for pipes and logs."""
    sys.stdout.write(json.dumps({"alert": alert.rule, "update": alert.update,
                                 "message": alert.message, "incident": alert.incident_id,
                                 "place": alert.place, "killed": alert.killed},
                                ensure_ascii=False) + "\n")
    sys.stdout.flush()


class AlertRunner:
    """Checks changed incidents (and escalation flags) against the rules; stores and sends."""

    def __init__(self, engine: Engine, ruleset: RuleSet, *, webhook: str | None = None,
                 sinks: Sequence[Sink] | None = None, timeout: float = 5.0) -> None:
        self.engine = engine
        self.rules = ruleset.rules
        self.webhook = webhook or ruleset.webhook
        self.sinks = list(sinks) if sinks is not None else [stdout_sink]
        self.timeout = timeout

    def on_incidents(self, changes: Iterable[IncidentChange]) -> list[Alert]:
        """Fire or update the alerts the changed incidents call for; returns them."""
        fired: list[Alert] = []
        for change in changes:
            incident = change.incident
            for rule in self.rules:
                if rule.matches(incident):
                    alert = self._fire_once(rule, incident)
                    if alert is not None:
                        fired.append(alert)
        return fired

    def on_escalation(self, flag: EscalationFlag) -> list[Alert]:
        """Fire the escalation rules whose place ``flag`` is in, once per place and period."""
        fired = []
        place = flag.admin1 or flag.country or ""
        for rule in self.rules:
            if rule.kind != "escalation" or not rule.matches_place(flag.country, flag.admin1):
                continue
            key = f"escalation:{flag.country}:{flag.admin1}:{flag.period.isoformat()}"
            if self._stored(rule.name, key) is not None:
                continue
            alert = Alert(rule.name, "escalation",
                          f"[{rule.name}] escalation in {place} from {flag.period} "
                          f"({flag.method})",
                          {"country": flag.country, "admin1": flag.admin1,
                           "period": flag.period.isoformat(), "method": flag.method,
                           **flag.detail}, incident_id=key, place=place)
            self._store(alert)
            fired.append(alert)
        return fired

    def _stored(self, rule: str, incident_id: str) -> dict[str, Any] | None:
        al = schema.alerts.c
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.alerts).where(and_(
                al.rule == rule, al.incident_id == incident_id)).order_by(al.id)).first()
        return dict(row._mapping) if row else None

    def _fire_once(self, rule: Rule, incident: Incident) -> Alert | None:
        stored = self._stored(rule.name, incident.id)
        killed = incident.killed.value
        if stored is not None:
            if killed is None or (stored["killed"] is not None and killed <= stored["killed"]):
                return None  # fired already; no higher toll to tell
            alert = Alert(rule.name, "incident", _message(rule, incident, update=True),
                          incident.record(), incident.id, killed=killed, update=True)
            self._update(stored["id"], alert)
            return alert
        loc = incident.location or {}
        alert = Alert(rule.name, "incident", _message(rule, incident, update=False),
                      incident.record(), incident.id,
                      place=loc.get("admin1") or loc.get("country"), killed=killed)
        self._store(alert)
        return alert

    def _store(self, alert: Alert) -> None:
        now = datetime.now(UTC)
        delivered = self._deliver(alert)
        try:
            with self.engine.begin() as conn:
                conn.execute(schema.alerts.insert().values(
                    rule=alert.rule, kind=alert.kind, incident_id=alert.incident_id,
                    place=alert.place, killed=alert.killed, message=alert.message,
                    record=alert.record, fired_at=now, updated_at=now, updates=0,
                    delivered=delivered))
        except SQLAlchemyError as err:
            raise StoreError(f"cannot store an alert: {str(err).splitlines()[0]}") from err

    def _update(self, alert_id: int, alert: Alert) -> None:
        delivered = self._deliver(alert)
        al = schema.alerts.c
        try:
            with self.engine.begin() as conn:
                conn.execute(update(schema.alerts).where(al.id == alert_id).values(
                    killed=alert.killed, message=alert.message, record=alert.record,
                    updated_at=datetime.now(UTC), updates=al.updates + 1,
                    delivered=delivered))
        except SQLAlchemyError as err:
            raise StoreError(f"cannot update an alert: {str(err).splitlines()[0]}") from err

    def _deliver(self, alert: Alert) -> str | None:
        for sink in self.sinks:
            sink(alert)
        if not self.webhook:
            return None
        import httpx

        payload = {"rule": alert.rule, "kind": alert.kind, "update": alert.update,
                   "message": alert.message, "incident_id": alert.incident_id,
                   "place": alert.place, "killed": alert.killed, "incident": alert.record}
        try:
            response = httpx.post(self.webhook, json=payload, timeout=self.timeout)
        except httpx.HTTPError as err:
            logger.warning("alert %s: webhook %s failed: %s", alert.rule, self.webhook, err)
            return f"error: {type(err).__name__}"[:255]
        if response.status_code >= 400:
            logger.warning("alert %s: webhook answered %s", alert.rule, response.status_code)
        return str(response.status_code)


class IncidentWatch:
    """What ingest runs after each stored batch: its articles join the incidents, then the
    alert rules (if any) look at the incidents that changed."""

    def __init__(self, engine: Engine, *, rules_path: str | None = None,
                 webhook: str | None = None, sinks: Sequence[Sink] | None = None) -> None:
        self.engine = engine
        self.alerts = (AlertRunner(engine, load_rules(rules_path), webhook=webhook,
                                   sinks=sinks) if rules_path else None)

    def catch_up(self) -> list[Alert]:
        """Cluster what an interrupted run stored but did not cluster (run before a run)."""
        pending = unclustered_docs(self.engine)
        return self(pending) if pending else []

    def __call__(self, doc_ids: Sequence[str]) -> list[Alert]:
        # the changes only if alert rules read them: a long article's are each of its events
        changes = update_incidents(self.engine, doc_ids, keep_changes=self.alerts is not None)
        if self.alerts is None or not changes:
            return []
        fired = self.alerts.on_incidents(changes)
        if any(rule.kind == "escalation" for rule in self.alerts.rules):
            for flag in escalation_flags_for(self.engine, changes):
                fired += self.alerts.on_escalation(flag)
        return fired


def escalation_flags_for(engine: Engine, changes: Sequence[IncidentChange]) -> list[EscalationFlag]:
    """The escalation flags (``analyze``, both methods, per admin1 and week) of the weeks and
    countries the changed incidents fall in: what a batch may have tipped over."""
    from .analyze import escalation_flags, period_start, units_from_store

    weeks: dict[str, set[date]] = {}
    for change in changes:
        incident = change.incident
        country = (incident.location or {}).get("country")
        if country and incident.date and incident.status in COUNTED_STATUSES:
            weeks.setdefault(country, set()).add(period_start(incident.date, "week"))
    flags = []
    for country, periods in sorted(weeks.items()):
        units = units_from_store(engine, country=country, until=max(periods) + timedelta(days=6))
        for flag in escalation_flags(units, level="admin1"):
            if flag.period in periods:
                _, _, admin1 = flag.place.partition("/")
                flags.append(EscalationFlag(country, admin1 or None, flag.period, flag.method,
                                            flag.as_dict()))
    return flags


def list_alerts(engine: Engine, *, rule: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    """Stored alerts, oldest first, optionally of one rule."""
    al = schema.alerts.c
    stmt = select(schema.alerts).order_by(al.fired_at, al.id)
    if rule:
        stmt = stmt.where(al.rule == rule)
    if limit:
        stmt = stmt.limit(limit)
    try:
        with engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(stmt)]
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read alerts: {err}") from None
