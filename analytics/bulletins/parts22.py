"""A place named as one of those a regional toll covers: "including on Sumy".

"У Сумській області за добу одна людина загинула, ще дев'ятеро постраждали ... ворог спрямував
два дрони у тому числі на Суми": the toll is the oblast's; Sumy is one of the places struck
within it, not the place of the toll. A settlement named after "у тому числі", "в тому числі",
"в том числе", "including" or "inclusiv" in a sentence that names its oblast (or raion, or
hromada) before it leaves the sentence's places, so the toll stays the region's (and a region's
total told before its parts is read as such by the lead-total rules). A sentence with no
region named before the word keeps its places ("two injured, including one in Sumy").
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.ellipsis27 import without_excluded
from analytics.bulletins.launches26 import without_launch_sites
from analytics.bulletins.places import Place, find_places
from analytics.bulletins.residents20 import with_residents

__all__ = ["INCLUDING_RE", "sentence_places", "without_included"]

#: The word that introduces a part of what was just named (pre-checked by a plain ``in``).
INCLUDING_RE: Final = re.compile(
    r"(?<!\w)(?:у тому числі|в тому числі|в том числе|including|inclusiv)(?!\w)", re.IGNORECASE
)
_CHEAP: Final = ("тому числ", "том числ", "includ", "inclusiv")


def without_included(text: str, places: list[Place]) -> list[Place]:
    """``places`` without the settlements named after "including" in ``text``, when a region
    (a place with an oblast and no settlement) is named before the word.

    Examples
    --------
    >>> from analytics.bulletins.places import find_places
    >>> text = "У Сумській області постраждали дев'ятеро людей, у тому числі у Сумах."
    >>> [p.raw for p in without_included(text, find_places(text))]
    ['Сумській області']
    """
    low = text.lower()
    if not any(w in low for w in _CHEAP):
        return places
    m = INCLUDING_RE.search(text)
    if m is None:
        return places
    cut = m.start()
    region = [p for p in places if p.code and not p.settlement and 0 <= text.find(p.raw) < cut]
    if not region:
        return places
    return [p for p in places if not (p.settlement and text.find(p.raw, cut) >= 0)]


def sentence_places(text: str) -> list[Place]:
    """The places of one sentence: those found, the residents' villages, less the parts."""
    found = without_excluded(text, without_launch_sites(text, find_places(text)))  # not hit
    return without_included(text, with_residents(text, found))
