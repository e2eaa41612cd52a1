"""Counts of strikes with no place: a tally of the day, no strike on the place told before.

"Так, за добу ворог здійснив 47 авіаційних ударів і 35 обстрілів з РСЗВ", "Over the day,
the enemy carried out 47 air strikes and 35 MLRS attacks", "за сутки противник нанес 47
авиаударов", "inamicul a efectuat 47 de lovituri aeriene": a General Staff's count over the
whole front names no place struck, so it makes no incident (labelling rules 2 and 6: a
summary of strikes, a total over several oblasts with no split); before, it was a strike of
the context it followed and made a placeless row of that context's oblast. A sentence that
counts strikes and names no place, no toll, no damage and no target is read as no strike.
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.contexts import Sentence

__all__ = ["COUNTED_STRIKES_RE", "mark_tallies"]

#: A number of strikes, in folded text: "47 авіаційних ударів", "35 обстрілів", "12 strikes",
#: "47 de lovituri aeriene", "47 авиаударов".
COUNTED_STRIKES_RE: Final = re.compile(
    r"(?<![\w.,])\d+\s+(?:de\s+)?(?:[\w'’-]+\s+)?(?:удар\w*|обстріл\w*|обстрел\w*|авіаудар\w*"
    r"|авиаудар\w*|атак\w*|(?:air\s*)?strikes|attacks|shellings|lovituri|atacuri"
    r"|bombardamente)(?!\w)"
)


def mark_tallies(sents: list[Sentence]) -> None:
    """Sentences counting strikes with no place, toll, damage or target: no strike."""
    for s in sents:
        if not s.strike or s.places or s.cas.any or s.damage or s.target:
            continue
        if any(ch.isdigit() for ch in s.folded) and COUNTED_STRIKES_RE.search(s.folded):
            s.strike = s.event = False
