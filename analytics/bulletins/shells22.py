"""Artillery shells counted on a place: the place was hit, a report of its own.

"Oraşul Herson a fost lovit cu 28 de obuze", "Russian troops fired 20 shells at Kherson",
"росіяни випустили 20 снарядів по Херсону", "выпустили по Херсону 20 снарядов": a number of
shells (or mortar mines) fired at a place says the place was struck (labelling rule 3: "20
shells on Kherson" is an incident with no toll). Read as damage (a hit), such a sentence is a
report of its own, so a city struck with shells after an oblast's past-day toll is the city's
own incident, not the place of the oblast's toll. Only shells and mines: drones and missiles
are counted as launched or shot down as often as they are counted as hits.
"""

from __future__ import annotations

import re
from typing import Final, TypeVar

W = TypeVar("W", bound=tuple[object, ...])

__all__ = ["NOT_A_HIT_RE", "SHELLS_COUNTED_RE", "aimed_weapons", "shells_counted"]

_N: Final = r"(?:(?<![\w.,])\d{1,5}|dozens|hundreds|scores|десятк\w*|сотн\w*|десятки|zeci|sute)"
_SHELL: Final = (
    r"(?:(?:of|de)\s+)?(?:(?:artillery|tank|mortar)\s+)?"
    r"(?:shells\b|obuze\b|proiectile\b|снаряд\w*|артснаряд\w*|мін\b|мины\b|мін(?=\s))"
)
#: A number of shells or mortar mines aimed at a place, on the folded sentence: "fired 20
#: shells at", "20 снарядів по", "au tras 20 de obuze asupra", "lovit cu 28 de obuze", "hit by
#: 20 shells", "выпустили по Херсону 20 снарядов" (gaps of at most three words).
SHELLS_COUNTED_RE: Final = re.compile(
    _N + r"\s+" + _SHELL + r"\s+(?:\w+\s+){0,3}?(?:at|on|upon|into|asupra|по|на)\s"
    r"|\b(?:hit|struck|shelled|attacked|pounded|lovit\w*|bombardat\w*|atacat\w*)\s+"
    r"(?:\w+\s+){0,2}?(?:by|with|cu)\s+"
    + _N
    + r"\s+"
    + _SHELL
    + r"|(?<!\w)(?:по|на)\s+\w+\s+(?:\w+\s+){0,2}?"
    + _N
    + r"\s+"
    + _SHELL
)
_VERB: Final = (
    r"(?<!\w)(?:produc\w*|produs\w*|manufactur\w*|receiv\w*|deliver\w*|sent|send\w*|suppl\w*"
    r"|defus\w*|found|discover\w*|disarm\w*|primi\w*|livr\w*|trimi\w*|dezamors\w*|gasi\w*"
    r"|neutraliz\w*|fabricat\w*|виготов\w*|вироб\w*|отрима\w*|постав\w*|передал\w*"
    r"|знешкод\w*|знайш\w*|знайден\w*|виявил\w*|виявлен\w*|изготов\w*|произв\w*|получ\w*"
    r"|достав\w*|передал\w*|обезвред\w*|нашли|найден\w*|обнаруж\w*)"
)
#: Shells made, sent, found or made safe (the verb right before the number or the shells),
#: short, or fired by Ukrainian forces: no hit on a Ukrainian place.
NOT_A_HIT_RE: Final = re.compile(
    _VERB + r"\s+(?:(?:the|a|about|some|over|up to|nearly|aproximativ|peste|около|близько|понад"
    r"|почти|майже)\s+)?(?:" + _N + r"|" + _SHELL + r")"
    r"|\b(?:shortage|lack) of (?:\w+ )?shells\b|(?<!\w)(?:нестач\w*|брак\w*|нехватк\w*) снаряд"
    r"|\bukrainian (?:gunners|forces|troops|artillery|army|military|defenders|soldiers)\b"
    r"|\b(?:artileristi\w*|fortel\w*|trupel\w*|militari\w*|soldati\w*) ucrainen\w*"
    r"|(?<!\w)(?:зсу|всу)(?!\w)|(?<!\w)(?:українськ|украинск)\w* (?:військов|артилерист|сил"
    r"|захисник|бійц|военн|артиллерист|защитник|бойц)\w*"
)
_CHEAP: Final = ("shell", "obuz", "proiectil", "снаряд", "мін", "мин")


def shells_counted(folded: str) -> bool:
    """Whether a folded sentence counts shells or mortar mines aimed at a place ("lovit cu 28
    de obuze"), not made, sent, found, defused or fired by Ukrainians.

    Examples
    --------
    >>> shells_counted("orasul herson a fost lovit cu 28 de obuze.")
    True
    >>> shells_counted("russia launched 50 drones at kherson.")
    False
    >>> shells_counted("kharkiv received 5000 shells from germany")
    False
    """
    if not any(w in folded for w in _CHEAP):
        return False
    return bool(SHELLS_COUNTED_RE.search(folded)) and not NOT_A_HIT_RE.search(folded)


def aimed_weapons(folded: str, weapons: list[W]) -> list[W]:
    """``weapons`` without artillery when the sentence's shells are made, sent, found, defused
    or fired by Ukrainians ("Deminers defused 45 shells in Kherson"): no strike on the place.

    Examples
    --------
    >>> aimed_weapons("deminers defused 45 shells in kherson", [(20, "artillery", "artillery", 1)])
    []
    >>> aimed_weapons("20 shells hit kherson", [(3, "artillery", "artillery", 1)])
    [(3, 'artillery', 'artillery', 1)]
    """
    if not weapons or not any(w in folded for w in _CHEAP) or not NOT_A_HIT_RE.search(folded):
        return weapons
    return [w for w in weapons if w[2] != "artillery"]
