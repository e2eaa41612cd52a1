"""A strike told "besides" on another day: its own incident (round 26, issue 11).

"Учора ворог атакував Очаків ... поранено двох. ... Крім того, уночі ворог спрямував на місто
Очаків понад десяток БпЛА": a context dated by a time phrase of its own, then a sentence that
opens with "besides / in addition / крім того / кроме того / de asemenea / în plus", tells a
strike on a named place and is dated to another day, is that day's incident (labelling rule 1:
one incident per place and day), not a restatement of the context's strike. Without the opener
a second time phrase in a story is as often the same strike told more precisely ("The bomb hit
... on Wednesday night", "в понедельник поздно вечером БпЛА попал в дом"), so it is required.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Protocol

from analytics.bulletins.places import Place

__all__ = ["BESIDES_RE", "another_day", "told_besides"]

#: The opener, anchored at the sentence start (folded text: lower case, no diacritics).
BESIDES_RE: Final = re.compile(
    r"(?:крім того|кроме того|окрім того|помимо этого|in addition|besides|additionally"
    r"|separately|de asemenea|in plus|totodata)\b"
)
#: A time phrase that is "yesterday" alone (round 18: "tot ieri a lovit" after today's toll).
_YESTERDAY: Final = re.compile(r"yesterday|ieri|вчера|вчора|учора")


class _Told(Protocol):
    @property
    def folded(self) -> str: ...
    @property
    def event(self) -> bool: ...
    @property
    def strike(self) -> bool: ...
    @property
    def places(self) -> Sequence[Place]: ...


def told_besides(s: _Told) -> bool:
    """Whether sentence ``s`` opens with "besides" and tells a strike on a named place.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> p = [Place("UA-48", "Очаків", "Ochakiv")]
    >>> told_besides(NS(folded="крім того, уночі ворог атакував очаків", strike=True, places=p))
    True
    >>> told_besides(NS(folded="уночі ворог атакував очаків", strike=True, places=p))
    False
    >>> told_besides(NS(folded="in addition, the governor said", strike=False, places=[]))
    False
    """
    return bool(s.strike and s.places and BESIDES_RE.match(s.folded))


def another_day(s: _Told, phrase: str) -> bool:
    """Whether sentence ``s``, dated by ``phrase`` to another day than its dated context, tells
    that day's own hit: a hit told "yesterday" (round 18) or a strike told "besides"."""
    return bool(_YESTERDAY.fullmatch(phrase) and s.event) or told_besides(s)
