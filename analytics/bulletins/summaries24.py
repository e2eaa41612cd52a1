"""A summary over the oblast keeps no settlement of the context it ends (round 24).

"Russian forces struck the village of A ... Russian forces targeted 14 settlements in Kherson
Oblast during the previous day. The strikes killed one person and injured six": the summary is
split off A's context as its own dated incident (``contexts.split_dated``) and, naming the
oblast and no settlement, it is the oblast's, not A's, whatever its date phrase (labelling rule 2: no single settlement).
A summary over a raion or hromada with at most its centre was already read so
(:func:`analytics.bulletins.non_events20.district_wide`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from analytics.bulletins.non_events20 import district_wide
from analytics.bulletins.places import Place

__all__ = ["oblast_summary", "summary_place"]


class _Placed(Protocol):
    @property
    def places(self) -> Sequence[Place]: ...


def oblast_summary(past_day: bool, s: _Placed) -> bool:
    """Whether a part of a context dated apart, opening with sentence ``s``, is about more than
    the context's place: it names the oblast and no settlement or unit, or (a past-day summary,
    ``past_day``) a raion or hromada with at most its centre.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> oblast_summary(True, NS(places=[Place("UA-65", "Kherson Oblast", None)]))
    True
    >>> oblast_summary(True, NS(places=[Place("UA-65", "Kherson", "Kherson")]))
    False
    >>> oblast_summary(False, NS(places=[]))  # "an attack on Sept. 20 injured 15": the place's
    False
    """
    region = any(p.code and not p.settlement and not p.unit for p in s.places)
    if region and not any(p.settlement or p.unit for p in s.places):
        return True  # "14 settlements in Kherson Oblast during the previous day"
    return past_day and district_wide(s)  # type: ignore[arg-type]


def summary_place(s: _Placed) -> bool:
    """Whether sentence ``s`` may be a past-day summary after a toll of its context: it names no
    settlement (round 26: the oblast alone is allowed, "за прошедшие сутки ... обстреляли
    Донецкую область"), or a raion or hromada with at most its centre.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> summary_place(NS(places=[Place("UA-14", "Донецкую область", None)]))
    True
    >>> summary_place(NS(places=[Place("UA-14", "Курахово", "Kurakhove")]))
    False
    """
    return not any(p.settlement for p in s.places) or district_wide(s)  # type: ignore[arg-type]
