"""Romanian city names with the enclitic article: "Hersonul", "Harkovul", "asupra Harkovului".

Romanian names a region with a noun ("regiunea Herson", "regiunea Harkovului"); the name with
the masculine article ("Hersonul a fost lovit", "rușii au lovit Harkovul") is the city itself,
and so is a genitive after "asupra" (an attack "on" a place: "atac asupra Hersonului", "asupra
Odesei"). Before round 22 every oblique form whose stem named an oblast's centre gave the oblast
and no settlement, so a toll told of "Hersonul" had no settlement. A region word right before
the name ("regiunea", "regiunii", "oblastul", "județul", "administrația regională a") keeps the
region, and a genitive after any other word ("guvernatorul Hersonului", "primarul Odesei" is
ambiguous between the city and its region in the press) is left as the region.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["REGION_BEFORE_RE", "oblique_city"]

#: A region noun (or a regional authority) just before the name: the name is the region's.
REGION_BEFORE_RE: Final = re.compile(
    r"(?:regiun\w*|oblast\w*|jude[tțţ]\w*|provinci\w*|regional[aăe]?(?:\s+a)?|zon[aăei]\w*)"
    r"\s+(?:a\s+|al\s+)?$",
    re.IGNORECASE,
)
#: "asupra" (on, against) before a genitive: the attack's target, a city.
_ON_BEFORE: Final = re.compile(r"\basupra\s+$", re.IGNORECASE)
_WINDOW = 32  # characters looked at before the name: fixed, so the check is constant time


def oblique_city(text: str, start: int, ending: str, stem: str) -> str | None:
    """The city ``stem`` names, when its Romanian article form at ``start`` of ``text`` (with
    ``ending`` "ul", "ului" or "ei") is the city rather than the region; else None.

    Examples
    --------
    >>> oblique_city("Rușii au lovit Hersonul.", 15, "ul", "Herson")
    'Herson'
    >>> oblique_city("în regiunea Hersonului", 12, "ului", "Herson") is None
    True
    >>> oblique_city("un atac asupra Odesei", 15, "ei", "Odesa")
    'Odesa'
    """
    before = text[max(0, start - _WINDOW) : start]
    if REGION_BEFORE_RE.search(before):
        return None
    if ending == "ul" or _ON_BEFORE.search(before):
        return stem
    return None
