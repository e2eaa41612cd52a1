"""Wordings of a strike that the strike lexicon lacks: fire a place "came under", passives.

Read on the folded sentence (lower case, diacritics kept as :func:`analytics.bulletins.numbers.fold`
leaves them). A match makes a sentence report a strike, as a strike word does; whether that is
an incident still needs casualties, damage, a target or a weapon (see ``extract``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Protocol

from analytics.bulletins.alerts24 import REPORTED_BLASTS_RE, casualties_told
from analytics.bulletins.non_events20 import LAUNCH_RE, NO_HIT_MORE_RE
from analytics.bulletins.places import Place
from analytics.bulletins.toll_counts import CasualtyReading

__all__ = [
    "HEARD_RE",
    "HITS_TOLD_RE",
    "INTERCEPTED_OF_RE",
    "IN_FLIGHT_RE",
    "STRIKE_WORDING_RE",
    "WARNING_RE",
    "damage_after",
    "no_hit",
    "summary_list",
]

STRIKE_WORDING_RE: Final = re.compile(
    # "came under fire", "came under heavy Russian fire", "was under fire", "opened fire on",
    # "fired at", "was hit by", "were targeted"
    r"\b(?:came|come|comes|was|were|is|are|been)\s+under\s+(?:[a-z-]+\s+){0,2}fire\b"
    r"|\bopened fire (?:on|at)\b|\bfired (?:on|at|upon)\b"
    r"|\b(?:was|were|has been|have been|got)\s+(?:\w+\s+)?(?:hit|targeted)\b"
    # the attacker as the subject of "hit": "Russia hit an energy facility", "the enemy targeted"
    r"|\b(?:russia|russians|the enemy|enemy|occupiers|russian (?:forces|troops|army|military))"
    r"\s+(?:\w+\s+)?(?:hit|targeted)\b"
    # "потрапило під обстріл", "під ворожим вогнем", "попал под обстрел", "под огнём",
    # "гатили по", "накрили", "накрыли"
    r"|(?<!\w)(?:під|под)\s+(?:\w+\s+){0,2}(?:вогонь|вогнем|огонь|огнем|огнём)"
    r"|(?<!\w)(?:гатил\w*|гатять|гатив|накрил\w*|накрыл\w*)(?!\w)"
    # "a fost ținta unui atac", "sub focul artileriei", "a fost vizat", "au tras asupra"
    r"|\bsub (?:focul|foc)\b|\b(?:a|au) tras asupra\b|\b(?:a|au) fost (?:vizat\w*|tint\w*|țint\w*)",
)

#: Explosions heard (labelling rule: no incident without a hit, damage or a toll): "В Киеве
#: раздались звуки взрывов", "у місті пролунали вибухи", "explosions were heard", "s-au auzit
#: explozii".
HEARD_RE: Final = re.compile(
    r"звук\w*\s+(?:\w+\s+)?(?:взрыв|вибух)\w*|(?:раздал|прогремел|прогрим|пролуна|чути|слышн)\w*"
    r"\s+(?:\w+\s+){0,2}(?:взрыв|вибух)\w*|(?:взрыв|вибух)\w*\s+(?:\w+\s+){0,2}(?:раздал|прогремел"
    r"|пролуна|прогрим|было слышно|було чути)\w*"
    r"|\b(?:explosions?|blasts?) (?:were|was|could be) heard\b|\bheard (?:\w+ )?(?:explosions?|blasts?)\b"
    r"|\bs-au auzit (?:\w+ )?explozi\w*|\bexplozi\w* (?:\w+ )?(?:s-au|au fost) auzit\w*"
)
#: A weapon on its way, not a hit: "летит вражеский беспилотник", "дрон рухається курсом на",
#: "drones heading towards", "o dronă se îndreaptă spre".
IN_FLIGHT_RE: Final = re.compile(
    r"(?<!\w)(?:лет(?:ит|ят|ел\w*)|лет(?:ить|ять|ів)|рухає\w*|рухают\w*|движ\w*|курсом на"
    r"|направля\w*|прямує\w*|прямують)(?!\w)"
    r"|\b(?:heading|headed|flying|moving) (?:toward|towards|to|in the direction)\b"
    r"|\bse (?:indreapta|îndreaptă)\b|\bse indreptau\b|\bzboara\b"
)

#: A warning or a call to take cover, not a hit: "warned of a ballistic threat", "urged
#: residents to stay in shelters", "a îndemnat locuitorii să fie prudenți", "предупредил об
#: угрозе", "закликав мешканців залишатися в укриттях".
WARNING_RE: Final = re.compile(
    r"\b(?:warn(?:ed|s|ing)|urg(?:ed|es) (?:\w+ ){0,2}residents|ask(?:ed|s) (?:\w+ ){0,2}residents"
    r"|called on (?:\w+ ){0,2}residents|threat of)\b"
    r"|\b(?:a|au|au fost) (?:indemnat|îndemnat|avertizat|cerut|chemat)\b|\bavertiz\w*|\bamenint\w*"
    r"|(?<!\w)(?:предупре\w*|попереди\w*|попереджа\w*|призва\w*|призыва\w*|закликав\w*|заклика\w*"
    r"|угроз\w*|загроз\w*)(?!\w)"
)
#: Air defence destroying a number of the launched weapons: "the air defence destroyed 15 of
#: them", "знищили 15 з них", "уничтожили 15 из них", "au distrus 15 dintre ele". A count of
#: downed weapons, not damage on the ground (cut out before damage is read).
INTERCEPTED_OF_RE: Final = re.compile(
    r"(?<!\w)(?:destroyed|downed|intercepted|shot down|знищ\w*|збил\w*|збит\w*|уничтож\w*|сбил\w*"
    r"|сбит\w*|(?:au |a )?(?:distrus|doborat|interceptat)\w*)\s+(?:\w+\s+)?\d+\s+"
    r"(?:of them|of the \w+|з них|из них|dintre (?:ele|acestea|ei))(?!\w)"
)


#: Two or more further capitalised names after a place, joined by commas or a conjunction:
#: ", Новояковлевке, Терноватому и ...", ", B and C", ", B și C" (bounded, linear).
_MORE_NAMES_RE: Final = re.compile(
    r"(?:(?:\s*,\s*(?:(?:and|și|si|и|і|й|та)\s+)?|\s+(?:and|și|si|и|і|й|та)\s+)"
    r"[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]{1,40}(?:\s+[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]{1,40})?){2}"
)


def _lists_three(text: str, places: Sequence[Place]) -> bool:
    """Whether a sentence names three or more settlements, or one followed by two more names."""
    if len({p.settlement for p in places if p.settlement}) >= 3:
        return True
    for p in places:
        at = text.find(p.raw) if p.settlement else -1
        if at >= 0 and _MORE_NAMES_RE.match(text, at + len(p.raw)):
            return True
    return False


#: Hits told as a noun: "есть попадания в Павлограде", "є влучання в Нікополі", "зафіксовано
#: прильоти", "there were hits in Pavlohrad", "au fost înregistrate lovituri la Pavlohrad".
#: A place named as hit, as damage there is (a ``damage`` cue of the sentence). Negated
#: ("не было попаданий", "не було влучань", "there were no hits", "nu au fost lovituri") it
#: tells no hit: no match (the filler word is never a negation).
HITS_TOLD_RE: Final = re.compile(
    r"(?<!\w)(?<!не )(?<!ні )(?:есть|были|было|зафиксирован\w*|є|були|було|зафіксован\w*)\s+"
    r"(?:(?!не\b|ни\b|ні\b|никаких\b|жодних\b)\w+\s+)?"
    r"(?:попадани[яйе]\w*|влучан\w*|прил[её]т\w*|прильот\w*)(?!\w)"
    r"|\bthere (?:were|was|have been) (?:(?!no\b|not\b|any\b)\w+ )?(?:direct )?hits? "
    r"(?:in|on|at)\b"
    r"|(?<!\bnu )\b(?:au fost (?:inregistrate |raportate )?|s-au (?:inregistrat|raportat) )"
    r"lovituri (?:in|la|asupra)\b"
)


class _Listed(Protocol):
    text: str
    strike: bool
    damage: bool
    places: list[Place]


def summary_list(sents: Sequence[_Listed]) -> bool:
    """Whether every strike sentence only lists three or more settlements under fire.

    "российская армия провела 16 авиационных ударов по Веселянке, Новояковлевке, Терноватому
    ...", "strikes hit A, B, C and D", "a lovit localitățile A, B și C", "під обстрілами
    перебували A, B, C": a summary list (labelling rule 2), no incident of its own unless a
    sentence of the context tells damage (a toll is checked by the caller); a target word does
    not say which place it was in ("по ..., Железнодорожному": a village, not a railway). One
    or two places named as hit are incidents (``contexts.struck_places``).

    Examples
    --------
    >>> summary_list([])
    False
    """
    told = [s for s in sents if s.strike]
    return (
        bool(told)
        and not any(s.damage for s in sents)
        and all(_lists_three(s.text, s.places) for s in told)
    )


_NO_HIT_CUES: Final = (HEARD_RE, IN_FLIGHT_RE, WARNING_RE, NO_HIT_MORE_RE, REPORTED_BLASTS_RE)


class _Read(Protocol):
    folded: str
    strike: bool
    event: bool
    damage: bool
    target: str | None
    cas: CasualtyReading


def no_hit(sents: Sequence[_Read]) -> bool:
    """Whether every strike sentence only hears explosions, sees a weapon on its way or warns.

    A sentence with a verb of a hit ("explosions were heard as a missile hit the centre") is
    not such a sentence.

    "В Киеве раздались звуки взрывов", "из области в направлении столицы летит беспилотник":
    no place is named as hit, so with no damage, target or toll (checked by the caller) the
    context is no incident.
    """
    told = [s for s in sents if s.strike]
    return (
        bool(told)
        and not any(s.damage or s.target or casualties_told(s) for s in sents)
        and all(
            (not s.event and any(r.search(s.folded) for r in _NO_HIT_CUES))
            or LAUNCH_RE.search(s.folded)  # "launched from Crimea": the launch site, not hit
            for s in told
        )
    )


class _Damaged(Protocol):
    @property
    def strike(self) -> bool: ...
    @property
    def damage(self) -> bool: ...
    @property
    def folded(self) -> str: ...


#: Damage ruled out, still unknown or of another time ("no damage was reported", "про
#: пошкодження не повідомляється", "нет информации о разрушениях", "nu au fost raportate
#: pagube", "in 2022 the same building was damaged"): no hit (review of round 26).
_NOT_DAMAGE_NOW: Final = re.compile(
    r"\bno (?:\w+ )?(?:damage|destruction|information|reports?)\b|\bnot (?:been )?(?:reported|damaged)"
    r"|(?<!\w)(?:не (?:повідомля|сообща|надход|поступа|зафіксов|зафиксир)\w*|немає|нема|нет|без)"
    r"(?!\w)|\bnu (?:au fost|a fost|exista|sunt)\b|\bfara\b|\b(?:19|20)\d\d\b|\b\d{1,2}\.\d{2}\b"
)


def damage_after(sents: Sequence[_Damaged], settlement: str | None) -> bool:
    """Whether damage is told after the first strike sentence of a settlement's context (round
    26): "Explosions were heard in Kharkiv. A residential building was damaged." is a hit on
    Kharkiv (labelling rule 3); damage told before the strike or of no settlement is not.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> heard = NS(strike=True, damage=False, folded="")
    >>> hit = NS(strike=False, damage=True, folded="a house was damaged")
    >>> damage_after([heard, hit], "Kharkiv"), damage_after([hit, heard], "Kharkiv")
    (True, False)
    >>> damage_after([heard, hit], None)
    False
    >>> damage_after([heard, NS(strike=False, damage=True, folded="no damage was reported")], "Kyiv")
    False
    """
    if not settlement:
        return False
    first = next((k for k, s in enumerate(sents) if s.strike), len(sents))
    return any(s.damage and not _NOT_DAMAGE_NOW.search(s.folded) for s in sents[first + 1 :])
