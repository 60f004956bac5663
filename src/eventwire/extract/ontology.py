"""From PLOVER type and mode to CAMEO, Goldstein intensity and ACLED; and weapons.

The tables are ``resources/ontology.yaml`` and ``resources/weapons.yaml``. The order in which
sentence context refines an ACLED sub-event is here, in ``acled_type``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..casefold import CaseBlind
from ..model import AcledType, Weapon
from ..resources import load_yaml
from .classify import RuleView, subtype_classifier

# how much a weapon's mode says about the attack, most first
_MODE_RANK = {mode: rank for rank, mode in enumerate(
    ["suicide", "chemical", "drone", "aerial", "missile", "artillery", "grenade", "explosives",
     "small-arms", "primitive", "disperse"]
)}  # fmt: skip
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "MLT", "CRM"})
STATE_SECTORS = frozenset({"MIL", "COP", "GOV"})
_CROWD_SECTORS = frozenset({"CVL", "PRO", "RIO", "OPP"})
_FIGHTING_SECTORS = frozenset({"MIL", "REB"})
_NON_STATE_ARMED = frozenset({"REB", "MLT", "CRM"})
_ARMED = re.compile(r"\barmed\b", re.IGNORECASE)
# people moving: fleeing, evacuated, displaced, surrendering (in a war, or from a fire, a flood or
# a robbery gone wrong)
_FLIGHT_TYPES = frozenset({"RETREAT", "MOBILIZE"})
# PLOVER types with no ACLED category of their own that ACLED records when armed actors act so
_ARMED_ACTIVITY = frozenset({"AID", "COOPERATE", "MOBILIZE", "COERCE", "RETREAT"})
_BARE_HANDED = frozenset({None, "clash", "primitive", "beat"})
_EXCESSIVE_FORCE = AcledType(
    event_type="Protests", sub_event_type="Excessive force against protesters"
)
_SHELLING = AcledType(
    event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"
)
# modes that tell an attack by themselves: no disaster or robbery in the sentence undoes them
# (not aircraft and drones: they crash, and the word of their strike is in `hostile`)
_HOSTILE_MODES = frozenset({
    "clash", "missile", "suicide", "grenade", "chemical", "abduct", "sexual", "territory",
    "arson", "loot", "small-arms",
})  # fmt: skip


@dataclass(frozen=True)
class Coding:
    cameo: str | None
    intensity: float | None
    acled: AcledType | None


def _alternatives(phrases: list[str]) -> str:
    return "|".join(sorted({re.escape(p.lower()) for p in phrases}, key=len, reverse=True))


def _phrase_pattern(phrases: list[str]) -> CaseBlind:
    return CaseBlind(r"(?<![\w-])(?:" + _alternatives(phrases) + r")(?![\w-])")


class Ontology:
    def __init__(self, ontology: dict, weapons: dict) -> None:
        self.types: dict[str, dict] = ontology["types"]
        self.modes: dict[str, dict[str, dict]] = ontology["modes"]
        self.context = {k: _phrase_pattern(v) for k, v in ontology["context"].items()}
        self.classifier: dict = ontology["classifier"]
        self.taking_verbs = frozenset(ontology["taking_verbs"])
        self.foiling_verbs = frozenset(ontology["foiling_verbs"])
        self.plan_nouns = frozenset(ontology["plan_nouns"])
        self.plan_foiling_verbs = frozenset(ontology["plan_foiling_verbs"])
        self.seizing_verbs = frozenset(ontology["seizing_verbs"])
        self.lone_people = frozenset(ontology["lone_people"])
        self.protest_not_held: dict[str, list[str]] = ontology["protest_not_held"]
        self.crime_unrecorded_in = frozenset(ontology["crime_unrecorded_in"])
        self.use_classifier = bool(self.classifier.get("use"))
        # set by training (extract/train.py): what the rules chose, keyed by sentence and type
        self.trace: dict[tuple[str, str], RuleView] | None = None
        force = ontology["force_on_crowd"]
        # "shot dead five demonstrators", not "the killing of protesters" (what a protest is about)
        crowds = _alternatives(force["crowds"])
        passive = r"(?:" + _alternatives(force["passive"]) + r")"
        self.force_on_crowd = CaseBlind(
            r"(?<!\bthe )(?<![\w-])(?:" + _alternatives(force["verbs"]) + r")"
            r"(?:\s+(?!of\b)[\w-]+){0,3}?\s+(?:" + crowds + r")(?![\w-])"
            # "two marchers shot dead by police", "were gunned down by troops"
            r"|(?<![\w-])(?:" + crowds + r")\s+(?:(?:" + _alternatives(force["auxiliaries"])
            + r")\s+" + passive + r"(?![\w-])|" + passive + r"(?=\s*[,.;:]|\s*$|\s+(?:"
            + _alternatives(force["scene"]) + r")\b))"
        )
        self.weapon_by_phrase: dict[str, tuple[str, str]] = {}
        for name, info in weapons.items():
            for phrase in info["names"]:
                self.weapon_by_phrase[phrase.lower()] = (name, info["mode"])
        self.weapon_pattern = _phrase_pattern(list(self.weapon_by_phrase))
        primitive = [p for p, (_, mode) in self.weapon_by_phrase.items() if mode == "primitive"]
        # "villagers armed with sticks and machetes" are a crowd, not an armed group
        self.armed_with_primitive = re.compile(
            r"\barmed with\s+(?:[\w-]+\s+)??(?:" + _alternatives(primitive) + r")\b"
            r"(?:(?:,|\s+and|\s+or)\s+(?:[\w-]+\s+){0,1}?(?:" + _alternatives(primitive)
            + r")\b)*",
            re.IGNORECASE,
        )

    def weapons_in(self, text: str) -> list[tuple[Weapon, str, int]]:
        """Weapons named in ``text``: (weapon, the mode it implies, offset in text), the one
        that says most about how the attack was made first ("explosives dropped from a drone"
        is a drone strike)."""
        found = []
        for match in self.weapon_pattern.finditer(text):
            name, mode = self.weapon_by_phrase[match.group(0).lower()]
            if mode != "none":  # ("a gold mine" is a place)
                found.append((Weapon(text=match.group(0), name=name), mode, match.start()))
        return sorted(found, key=lambda w: (_MODE_RANK.get(w[1], len(_MODE_RANK)), w[2]))

    def has(self, context: str, text: str) -> bool:
        return self.context[context].found(text)

    def not_political(self, mode: str | None, sentence: str) -> str | None:
        """What a death or blast is when nothing in the sentence tells an attack: "mishap" (a
        disaster or an accident: "a fire at a garment factory killed 17 workers") or "crime"
        (a robbery, a brawl, a killing within a family: "robbers shot dead a shopkeeper");
        ``None`` where it may be political violence. Terror or an attack said not to be
        there ("was not a terrorist attack") is not read."""
        said = sentence
        sentence = self.undisclaimed(sentence)
        if self.has("domestic", sentence) and not self.has("war_doers", sentence):
            return "crime"  # "a gunman killed his wife and two children": the family's killer
        if self.has("animals", sentence) and not self.has("war_doers", sentence):
            return "mishap"  # "a woman died after being attacked by dogs"
        if self.has("hostile", sentence):
            return None
        if mode in ("primitive", "beat", "clash") and self.has("brawl_places", sentence):
            return "crime"  # "stabbed to death outside a nightclub", "a fight outside a bar"
        if any(self.has(kind, sentence)
               for kind in ("ordinary_crime", "interpersonal", "court_verdict")) and (
            # a robber's gun is a robber's, and what burglars steal is theirs to steal
            mode not in _HOSTILE_MODES or mode in ("small-arms", "loot")
        ):
            return "crime"
        if sentence != said:
            return "mishap"  # "the explosion at the depot was not a terrorist attack"
        # (what a fire or a flood destroys is destroyed by no one: "fire destroys 300 shops")
        destroyed = mode == "loot" and not self.has("war_doers", sentence)
        return "mishap" if (mode not in _HOSTILE_MODES or destroyed) and self.has(
            "mishap", sentence) else None

    def undisclaimed(self, text: str) -> str:
        """``text`` without what it says is not there ("not a terrorist attack")."""
        for match in reversed(list(self.context["disclaimed"].finditer(text))):
            text = text[:match.start()] + text[match.end():]
        return text

    def crime_unrecorded(self, country: str | None, text: str) -> bool:
        """Whether violence told in ``text`` is crime where it happened, unless a state force or
        rebels did it: a country where ACLED records political violence only, and nothing in
        the text political ("Two dead, five hurt in Chicago drive-by shooting", "a boy was
        arrested after a fatal stabbing in east London"); riots are recorded everywhere."""
        text = self.undisclaimed(text)
        return country in self.crime_unrecorded_in and not any(
            self.has(kind, text)
            for kind in ("political_motive", "violent_crowd", "crowd_violence", "mob"))

    def armed_said(self, sentence: str) -> bool:
        """Whether the sentence calls someone armed, not counting "armed with sticks"."""
        return bool(_ARMED.search(self.armed_with_primitive.sub(" ", sentence)))

    def intervened(self, text: str) -> bool:
        """Whether the state stepped in: dispersal, or arrests by a named security force (not
        a crowd that "dispersed peacefully" of its own accord, nor the detained whose release
        the crowd demands)."""
        for kind in ("self_dispersal", "release_demanded"):
            for match in reversed(list(self.context[kind].finditer(text))):
                text = text[:match.start()] + text[match.end():]
        return self.has("intervention", text) or (
            self.has("intervention_by_force", text) and self.has("security_force", text)
        )

    def coding(self, type_: str, mode: str | None) -> Coding:
        modes = self.modes.get(type_, {})
        entry = modes.get(mode or "") or modes.get("_default") or {}
        base = self.types[type_]
        acled = entry.get("acled")
        return Coding(
            cameo=str(entry.get("cameo", base["cameo"])),
            intensity=float(entry.get("intensity", base["intensity"])),
            acled=AcledType(event_type=acled[0], sub_event_type=acled[1]) if acled else None,
        )

    def acled_type(
        self,
        type_: str,
        mode: str | None,
        sentence: str,
        *,
        actor_sector: str | None,
        recipient_sector: str | None,
        armed_mentioned: bool = True,
        firearms: bool = True,
        context: str | None = None,
        lone: bool = False,
        one_doer: bool = False,
    ) -> AcledType | None:
        """ACLED event and sub-event type for an event: the rules' (``rule_acled_type``), then
        the trained classifier's second opinion where it is adopted (see extract/classify.py)."""
        acled = self.rule_acled_type(
            type_, mode, sentence, actor_sector=actor_sector, recipient_sector=recipient_sector,
            armed_mentioned=armed_mentioned, firearms=firearms, context=context, lone=lone,
            one_doer=one_doer,
        )  # fmt: skip
        if acled is None or (self.trace is None and not self.use_classifier):
            return acled
        view = RuleView(
            type=type_, mode=mode, actor_sector=actor_sector, recipient_sector=recipient_sector,
            weapon_modes=tuple(sorted({m for _, m, _ in self.weapons_in(sentence)})),
            rule_sub=acled.sub_event_type,
        )  # fmt: skip
        if self.trace is not None:  # training: what the rules saw and chose, by sentence
            self.trace[(sentence, type_)] = view
            return acled
        return self.second_opinion(sentence, view, acled)

    def second_opinion(self, sentence: str, view: RuleView, acled: AcledType) -> AcledType:
        """The classifier's sub-type where it is surer of it than of the rules' by the margin,
        among the sub-types the rules' PLOVER type can take."""
        model = subtype_classifier()
        settings = self.classifier
        if model is None or view.type not in settings["types"]:
            return acled
        allowed = settings["compatible"].get(view.type, [])
        best, best_p, rule_p = model.best(sentence, view, allowed)
        if best and best != acled.sub_event_type and best_p - rule_p > settings["margin"]:
            return model.acled(best)
        return acled

    def rule_acled_type(
        self,
        type_: str,
        mode: str | None,
        sentence: str,
        *,
        actor_sector: str | None,
        recipient_sector: str | None,
        armed_mentioned: bool = True,
        firearms: bool = True,
        context: str | None = None,
        lone: bool = False,
        one_doer: bool = False,
    ) -> AcledType | None:
        """ACLED event and sub-event type for an event by the rules, refined by who and what
        surrounds it (``one_doer``: one civilian is the doer, no crowd; ``lone``: and nothing
        tells a war or a mob, so crime)."""
        acled = self.coding(type_, mode).acled
        if type_ == "ASSAULT" and actor_sector not in STATE_SECTORS and (
            lone or self.not_political(mode, sentence) is not None
        ):
            return None  # crime, not political violence: ACLED codes none of it
        if type_ in _FLIGHT_TYPES and (
            self.has("mishap", sentence) or self.has("ordinary_crime", sentence)
        ) and not self.has("hostile", sentence):
            return None  # "wildfires force thousands to flee", "bank robbers surrender"
        if (
            armed_mentioned
            and not firearms
            and _ARMED.search(sentence)
            and not self.armed_said(sentence)
            and not {actor_sector, recipient_sector} & ARMED_SECTORS
        ):  # "armed with sticks and machetes": no arms but a crowd's
            armed_mentioned = False
        lethal_on_crowd = self.force_on_crowd.found(sentence)
        if type_ == "PROTEST" or (type_ == "COERCE" and mode in ("disperse", "repress")):
            if mode == "mob" or (self.has("mob", sentence) and type_ != "PROTEST"):
                return AcledType(event_type="Riots", sub_event_type="Mob violence")
            if (
                mode == "riot"
                or self.has("violent_crowd", sentence)
                or self.has("crowd_violence", context or sentence)
            ):
                return AcledType(event_type="Riots", sub_event_type="Violent demonstration")
            # what the police did often follows in the next sentence
            intervened = self.intervened(context or sentence)
            if intervened and self.has("excessive_force", sentence):
                return _EXCESSIVE_FORCE
            if lethal_on_crowd and self.has("security_force", sentence):
                return _EXCESSIVE_FORCE  # "soldiers shot dead five demonstrators"
            if intervened or type_ == "COERCE":
                return AcledType(event_type="Protests", sub_event_type="Protest with intervention")
            return AcledType(event_type="Protests", sub_event_type="Peaceful protest")
        if acled is None and actor_sector in ARMED_SECTORS and type_ in _ARMED_ACTIVITY:
            # what armed forces and groups do besides fighting ("a cartel handed out food",
            # "a joint patrol"): ACLED's strategic developments
            return AcledType(
                event_type="Strategic developments", sub_event_type="Change to group/activity"
            )
        if (
            type_ == "COERCE"
            and mode == "arrest"
            and any(self.has(kind, sentence)
                    for kind in ("ordinary_crime", "domestic", "interpersonal", "brawl_places"))
            and not self.has("hostile", sentence)
            # (an opposition figure or an official held on such a charge is political news)
            and recipient_sector not in ("OPP", "GOV", "LEG", "JUD", "MED")
            and not self.has("public_figures", sentence)
        ):  # "held a suspect over a burglary": police work, no political event
            return None
        if type_ == "COERCE" and mode == "arrest" and actor_sector in _NON_STATE_ARMED:
            # only a state arrests; an armed group holding people abducts them
            return AcledType(
                event_type="Violence against civilians",
                sub_event_type="Abduction/forced disappearance",
            )
        if type_ != "ASSAULT" or acled is None:
            return acled
        if mode == "territory" and (
            actor_sector in STATE_SECTORS
            or (actor_sector is None and (
                recipient_sector in _NON_STATE_ARMED or self.has("regained", sentence)))
        ):  # ("the ministry said its forces had retaken the district": the doer named later)
            return AcledType(event_type="Battles", sub_event_type="Government regains territory")
        if (
            mode in ("beat", "primitive")
            and actor_sector == "MLT"
            and recipient_sector in ("CVL", "PRO")
            and not armed_mentioned
            and not firearms
            and self.has("demonstration", sentence)
        ):  # "masked men wielding bats attacked students protesting": thugs on a crowd, a riot
            return AcledType(event_type="Riots", sub_event_type="Mob violence")
        crowd = (
            # a crowd turning on anyone but an armed group (tribesmen fighting rebels is a battle;
            # residents beating suspected thieves, a mob)
            (actor_sector in _CROWD_SECTORS and not one_doer and (
                recipient_sector not in _NON_STATE_ARMED
                or (recipient_sector == "CRM" and mode in ("beat", "primitive"))
                # "residents beat two suspected kidnappers to death": lynched, not fought
                or (mode in ("beat", "primitive") and self.has("mob", sentence))
            ))
            # "police fought with market vendors": a crowd on the other side of a brawl; not
            # civilians in fighting no one is named in ("civilians killed as fighting flares in
            # the east", "fighting drove thousands of residents from the city": a war's)
            or (
                mode == "clash"
                and recipient_sector in _CROWD_SECTORS
                and actor_sector is not None
                and actor_sector not in (*_NON_STATE_ARMED, "MIL")
            )
            or (
                actor_sector is None
                and mode in _BARE_HANDED  # an arson by no one named is no crowd's
                and (
                    (mode == "clash" and recipient_sector == "COP")
                    or self.has("crowd_violence", sentence)
                    or self.has("dispute", sentence)
                )
            )
        )
        if crowd and not lone and not firearms and not self.armed_said(sentence) and mode in (
            *_BARE_HANDED, "arson", "loot"
        ):  # "armed clashes between two families" are a battle
            demonstrating = self.has("demonstration", sentence)
            if mode == "loot" and not demonstrating and self.has("crops", sentence):
                # "settlers uprooted olive trees": property destroyed, no riot
                return AcledType(
                    event_type="Strategic developments",
                    sub_event_type="Looting/property destruction",
                )
            if demonstrating or (mode in ("arson", "loot") and not self.has("mob", sentence)):
                return AcledType(event_type="Riots", sub_event_type="Violent demonstration")
            # a crowd with stones and sticks, demonstrating for nothing: ACLED's mob violence
            return AcledType(event_type="Riots", sub_event_type="Mob violence")
        if lethal_on_crowd and (
            actor_sector in STATE_SECTORS
            or (actor_sector is None and self.has("security_force", sentence))
        ):  # "security forces opened fire on protesters"
            return _EXCESSIVE_FORCE
        if actor_sector in STATE_SECTORS and mode in (None, "small-arms", "beat") and self.has(
            "during_protest", sentence
        ):  # "police shot dead two young men during the demonstration"
            return _EXCESSIVE_FORCE
        if (
            mode is None
            # ("the Russians killed ...": a people named for its army reads as civilians)
            and actor_sector in (None, "MIL", "CVL")
            and recipient_sector in (None, "CVL")
            and self.has("war_tally", sentence)
        ):  # a day's toll of civilians across a region: the shells', not a gunman's
            return _SHELLING
        fought_back = any(
            self.has(words, context or sentence) for words in ("exchange", "returned_fire", "feud")
        )
        if fought_back and mode not in ("aerial", "drone", "suicide"):
            return AcledType(event_type="Battles", sub_event_type="Armed clash")
        unarmed = not armed_mentioned and mode in _BARE_HANDED and not lone
        # ("heavy fighting in Bakhmut", "clashes raged overnight": fighting with no one named is
        # a war's, not a crowd's; so is fighting that only names the civilians it killed,
        # "civilians killed as fighting flares in the east")
        named = actor_sector is not None or recipient_sector not in (None, "CVL")
        if unarmed and (
            (mode == "clash" and named)
            or actor_sector in _CROWD_SECTORS or self.has("mob", sentence)
        ):
            # violence among people with no arms but stones and sticks: ACLED's riots
            return AcledType(event_type="Riots", sub_event_type="Mob violence")
        if acled.event_type == "Violence against civilians" and mode != "sexual":
            if recipient_sector in ARMED_SECTORS or (
                recipient_sector is None and actor_sector in _FIGHTING_SECTORS and mode != "abduct"
            ):  # forces and rebels attacking (or seizing soldiers), no civilian named: fighting
                return AcledType(event_type="Battles", sub_event_type="Armed clash")
            if recipient_sector == "PRO" and actor_sector in STATE_SECTORS and mode != "abduct":
                return _EXCESSIVE_FORCE  # (an activist taken away is disappeared, not a crowd)
        return acled


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    return Ontology(load_yaml("ontology.yaml"), load_yaml("weapons.yaml"))
