"""A settlement named only as the landmark of a place near it: "near Kharkiv", "под Харьковом".

"Patru morți ... în apropiere de Harkov", "on the outskirts of Kharkiv", "в окрестностях
Харькова", "поблизу Харкова": the strike was near the city, not in it (labelling rule 1: the
most specific place the text names; a place near a city is none of its settlements), so the
mention keeps its oblast and gives no settlement. A settlement named elsewhere in the sentence
without such a word ("a village near Kharkiv, Mala Danylivka") keeps its own. A city named
together with its region ("Суми та область атакували дрони: один загиблий") is no settlement
of the toll either.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from analytics.bulletins.numbers import fold
from analytics.bulletins.places import Place

__all__ = ["NEAR_RE", "WITH_REGION_RE", "near_places"]

#: A "near" wording right before a place name (folded text, matched at its end).
NEAR_RE: Final = re.compile(
    r"(?:\b(?:near|outside|close to|(?:(?:on|in) )?the (?:outskirts|suburbs?) of|suburbs? of"
    r"|(?:in|on) the (?:vicinity|edge) of)\s+(?:the\s+)?(?:(?:city|town|village) of\s+"
    r"|regional (?:capital|centre|center),?\s+)?"
    r"|(?<!\w)(?:под|возле|вблизи|около|недалеко от|в окрестностях|на окраине|в пригороде"
    r"|під|біля|поблизу|неподалік від|неподалік|на околиці|в околицях|(?:[ув] )?передміст\w*"
    r"|(?:в )?пригород\w*)\s+(?:города\s+|міста\s+|г\.\s*|м\.\s*)?"
    r"|\b(?:in apropiere de|langa|la periferia|in imprejurimile|in afara|aproape de"
    r"|(?:in )?suburbi(?:ile|a|ul)?)\s+"
    r"(?:orasului\s+|municipiului\s+)?)$"
)


#: The city named together with its region ("Суми та область", "Kharkiv and the region",
#: "Harkov și regiunea"): a toll of both, not of the city (folded text after the name).
WITH_REGION_RE: Final = re.compile(
    r"\s+(?:та|і|й|и|and|si)\s+(?:the\s+)?(?:област\w*|region\b|oblast\b|regiun\w*)"
)
#: The "near" wordings anywhere: a sentence with none of them (nor WITH_REGION_RE) is left as it is.
_NEAR_ANY: Final = re.compile(NEAR_RE.pattern.removesuffix("$"))
#: Distinct names past which a sentence is a list, not read (keeps the rule linear).
_MAX_NAMES: Final = 8


def near_places(text: str, places: list[Place], folded: str | None = None) -> list[Place]:
    """``places`` with no settlement for each one every mention of which follows "near".

    Examples
    --------
    >>> p = Place("UA-63", "Kharkiv", "Kharkiv")
    >>> near_places("Two killed near Kharkiv.", [p])[0].settlement is None
    True
    >>> near_places("Two killed in Kharkiv.", [p])[0].settlement
    'Kharkiv'
    """
    raws = list(dict.fromkeys(p.raw for p in places if p.settlement))
    folded = fold(text) if folded is None else folded  # the sentence folded, if at hand
    cue = _NEAR_ANY.search(folded) or WITH_REGION_RE.search(folded)
    if not raws or len(raws) > _MAX_NAMES or not cue:
        return places  # no "near" at all, or a long list (each name read once: linear)
    near = {raw: _always_near(text, raw) for raw in raws}
    return [replace(p, settlement=None, raion=None) if near.get(p.raw) else p for p in places]


def _always_near(text: str, raw: str) -> bool:
    """Whether every mention of ``raw`` in ``text`` follows "near" or precedes "and region"."""
    spans = [m.span() for m in re.finditer(re.escape(raw), text)]
    return bool(spans) and all(
        NEAR_RE.search(fold(text[max(0, a - 40) : a]))
        or WITH_REGION_RE.match(fold(text[b : b + 30]))
        for a, b in spans
    )
