"""Wordings of a strike that the strike lexicon lacks: fire a place "came under", passives.

Read on the folded sentence (lower case, diacritics kept as :func:`analytics.bulletins.numbers.fold`
leaves them). A match makes a sentence report a strike, as a strike word does; whether that is
an incident still needs casualties, damage, a target or a weapon (see ``extract``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Protocol

__all__ = ["HEARD_RE", "IN_FLIGHT_RE", "STRIKE_WORDING_RE", "no_hit"]

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


class _Read(Protocol):
    folded: str
    strike: bool
    event: bool
    damage: bool
    target: str | None


def no_hit(sents: Sequence[_Read]) -> bool:
    """Whether every strike sentence only hears explosions or sees a weapon on its way.

    A sentence with a verb of a hit ("explosions were heard as a missile hit the centre") is
    not such a sentence.

    "В Киеве раздались звуки взрывов", "из области в направлении столицы летит беспилотник":
    no place is named as hit, so with no damage, target or toll (checked by the caller) the
    context is no incident.
    """
    told = [s for s in sents if s.strike]
    return (
        bool(told)
        and not any(s.damage or s.target for s in sents)
        and all(
            not s.event and (HEARD_RE.search(s.folded) or IN_FLIGHT_RE.search(s.folded))
            for s in told
        )
    )
