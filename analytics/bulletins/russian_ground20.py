"""Round 20 (issue 11): a strike told as in a Russian region, with a village it names.

"A avut loc o explozie în districtul Novooskolski din Belgorod (Rusia) ... în satul Olhovatka":
the village is Russian, though a Ukrainian village has the same name. A context that places
its strike in a Russian region ("in Belgorod", "în regiunea Kursk", "в Белгородской области",
"у Брянській області") and names no Ukrainian oblast or raion (only settlements, which may be
namesakes) is out of scope (labelling rule 6). A region named as where weapons came from
("from Kursk region", "з Курщини") is not a place struck, so it does not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, Protocol

from analytics.bulletins.places import Place

__all__ = ["LOCATIVE_RE", "on_russian_ground", "russian_ground_at"]

#: A locative preposition right before a region name, with an optional region word ("in the
#: Belgorod region", "în regiunea Kursk", "din Belgorod", "в Белгородской", "у Брянській").
LOCATIVE_RE: Final = re.compile(
    r"(?:(?<!\w)(?:in|în|la|din|near|over|в|во|у|на|под|біля|поблизу)\s+(?:the\s+)?"
    r"(?:(?:regiunea|regiunii|districtul|raionul|orasul|satul|region|oblast|области"
    r"|області|городе|місті|селе|селі)\s+)?)$"
)
#: Characters read before a region name for the preposition (keeps the rule linear).
_WINDOW: Final = 32


class _Sent(Protocol):
    folded: str
    strike: bool
    damage: bool
    event: bool

    @property
    def places(self) -> Sequence[Place]: ...


class _Ctx(Protocol):
    sents: list[Any]


def russian_ground_at(sents: Sequence[_Sent], regions: re.Pattern[str]) -> int | None:
    """Index of the first sentence placing a strike in a Russian region (None if none, or if
    the context names a Ukrainian oblast or raion).

    ``regions`` matches Russian regions in folded text (``scope.RUSSIAN_REGION_RE``).

    Examples
    --------
    >>> from types import SimpleNamespace as S
    >>> belgorod = re.compile(r"\\bbelgorod\\w*")
    >>> s = S(folded="o drona a explodat in belgorod", strike=True, damage=False, event=True,
    ...       places=[])
    >>> russian_ground_at([s], belgorod)
    0
    >>> s = S(folded="drones launched from belgorod hit sumy", strike=True, damage=False,
    ...       event=True, places=[])
    >>> russian_ground_at([s], belgorod) is None
    True
    """
    if any(p.code and not p.settlement for s in sents for p in s.places):
        return None  # a Ukrainian oblast or raion is named: the rules of scope decide
    for k, s in enumerate(sents):
        if not (s.strike or s.damage or s.event):
            continue
        for m in regions.finditer(s.folded):
            if LOCATIVE_RE.search(s.folded[max(0, m.start() - _WINDOW) : m.start()]):
                return k
    return None


def on_russian_ground(ctx: _Ctx, regions: re.Pattern[str]) -> bool:
    """Whether a context is about a strike in Russia: a sentence places a strike in a Russian
    region before any place of the context is named. Told after the context's place, the
    sentence and those after it are trimmed off ``ctx.sents`` (the other side's strike told
    next), and the context stays."""
    k = russian_ground_at(ctx.sents, regions)
    if k is None:
        return False
    if any(s.places for s in ctx.sents[:k]):
        ctx.sents = ctx.sents[:k]
        return False
    return True
