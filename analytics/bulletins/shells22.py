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
from typing import Final

__all__ = ["SHELLS_COUNTED_RE", "shells_counted"]

#: A number and a word for shells or mortar mines, on the folded sentence.
SHELLS_COUNTED_RE: Final = re.compile(
    r"(?<![\w.,])\d{1,5}\s+(?:de\s+)?(?:(?:artillery|tank|mortar)\s+)?"
    r"(?:shells\b|obuze\b|proiectile\b|снаряд\w*|артснаряд\w*|мін\b|мины\b)"
)
_CHEAP: Final = ("shell", "obuz", "proiectil", "снаряд", "мін", "мин")


def shells_counted(folded: str) -> bool:
    """Whether a folded sentence counts shells or mortar mines ("28 de obuze").

    Examples
    --------
    >>> shells_counted("orasul herson a fost lovit cu 28 de obuze.")
    True
    >>> shells_counted("russia launched 50 drones at kherson.")
    False
    """
    if not any(w in folded for w in _CHEAP):
        return False
    return bool(SHELLS_COUNTED_RE.search(folded))
