"""A toll told right after strikes on places of several oblasts is theirs together (round 26).

"Forțele ruse au atacat orașele Sumî și Novhorod-Siverskîi, din regiunile Sumî și Cernihiv.
... patru civili au murit, iar alți 16 au fost răniți": the placeless toll sentence that follows
a strike sentence naming two or more oblasts counts over those oblasts with no split (labelling
rule 6: no incident of its own); before, the first settlement named later (Sumy) adopted it.
A place-told toll after it ("In Sumy two were killed") is that place's own, as before; only the
toll right after the lead is read so (an aside naming two cities later in a story is not).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from analytics.bulletins.places import Place
from analytics.bulletins.toll_counts import CasualtyReading

__all__ = ["tolls_after_several"]


class _Sent(Protocol):
    @property
    def cas(self) -> CasualtyReading: ...
    @property
    def places(self) -> Sequence[Place]: ...
    @property
    def strike(self) -> bool: ...


def tolls_after_several(sents: Sequence[_Sent]) -> set[int]:
    """The id of the toll sentence right after the update's first placed sentence (its lead),
    when the lead tells a strike on places of two or more oblasts and no toll, and the toll
    names no place. Only the lead is read: after "Dnipro: 30 killed. Russia also struck Kyiv
    and Kharkiv.", "73 were injured" is still the story's.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> from analytics.bulletins.toll_counts import Count
    >>> two = [Place("UA-59", "Sumy", None), Place("UA-74", "Chernihiv region", None)]
    >>> hit = NS(cas=CasualtyReading(), places=two, strike=True)
    >>> toll = NS(cas=CasualtyReading(killed=Count(4, 4, 4, "max")), places=[], strike=False)
    >>> tolls_after_several([hit, toll]) == {id(toll)}
    True
    >>> tolls_after_several([NS(cas=CasualtyReading(), places=two[:1], strike=True), toll])
    set()
    """
    lead = next((k for k, s in enumerate(sents) if s.places), None)
    if lead is None or lead + 1 >= len(sents):
        return set()
    prev, s = sents[lead], sents[lead + 1]
    codes = {p.code for p in prev.places if p.code}
    if not prev.strike or len(codes) < 2 or prev.cas.killed or prev.cas.injured:
        return set()
    return {id(s)} if (s.cas.killed or s.cas.injured) and not s.places else set()
