"""A place named as where a weapon was launched from is no place of the sentence (round 26).

"A missile launched from Crimea hit Kherson, injuring two people", "Ракета, запущенная с
территории Крыма, попала в Херсон": Crimea is the launch site, not a place struck, so the
sentence names one oblast, not two; before, the toll was read as a toll over several oblasts
and no incident was made at all. :data:`analytics.bulletins.non_events20.LAUNCH_RE` finds the
launch wording; the first place named within :data:`WINDOW` characters after it is dropped.
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.non_events20 import LAUNCH_RE
from analytics.bulletins.numbers import fold
from analytics.bulletins.places import Place

__all__ = ["MAX_SITES", "WINDOW", "without_launch_sites"]

#: Characters between the launch wording and the site's name ("from occupied", "с территории").
WINDOW: Final = 32
#: What may stand between the launch wording and the site's name ("occupied", "the territory
#: of", "території", "регіону", "peninsula"), in folded text.
_GAP_RE: Final = re.compile(
    r"\s*(?:(?:the|temporarily|occupied|territory|of|тимчасово|временно|окупован\w*"
    r"|оккупирован\w*|території|территории|peninsula|peninsulei|ocupat\w*"
    r"|teritoriul|teritoriului|din|de|pe)\s+)*"
)
#: Launch wordings read per sentence (a bound, so that a run of them stays linear).
MAX_SITES: Final = 4
#: Literals one of which the launch wording holds (a cheap pre-check on the lower-cased text).
_CHEAP: Final = ("launched", "fired from", "запуст", "запущ", "выпуст", "випуст", "lansat")


def without_launch_sites(text: str, places: list[Place]) -> list[Place]:
    """``places`` less those named right after a launch wording in ``text``.

    Examples
    --------
    >>> crimea, kherson = Place("UA-43", "Crimea", None), Place("UA-65", "Kherson", "Kherson")
    >>> text = "A missile launched from Crimea hit Kherson."
    >>> [p.raw for p in without_launch_sites(text, [crimea, kherson])]
    ['Kherson']
    >>> [p.raw for p in without_launch_sites("A missile hit Crimea.", [crimea])]
    ['Crimea']
    """
    if not places:
        return places
    low = text.lower()
    if not any(w in low for w in _CHEAP):
        return places
    folded = fold(text)
    raws = {p.raw for p in places}
    sites: set[str] = set()
    for k, m in enumerate(LAUNCH_RE.finditer(folded)):
        if k == MAX_SITES:
            break  # a bounded number of launch wordings per sentence: linear time
        window = text[m.end() : m.end() + WINDOW + 64]
        found = [(at, raw) for raw in raws if 0 <= (at := window.find(raw)) <= WINDOW]
        if not found:
            continue
        at, raw = min(found)  # the first place named after the wording, right after it:
        if _GAP_RE.fullmatch(fold(window[:at])):  # not "from the Belgorod region hit Kharkiv"
            sites.add(raw)
    return [p for p in places if p.raw not in sites] if sites else places
