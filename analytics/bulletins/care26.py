"""Care told before a hospitalised "another" (review of bulletin round 26, issue 11).

"Поранено п'ятьох людей, з них двох госпіталізували, ще одну жінку госпіталізували згодом":
the "another" is one more of the hospitalised, who are some of the five, not a sixth injured.
After a hospital or discharge word earlier in the sentence ("госпіталізували", "відпустили
додому", "released") a hospitalised group told as "another" is no longer additive; with no such
word ("постраждав водій, ще одну жінку госпіталізовано") it still adds one (round 26).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Protocol

__all__ = ["CARED_RE", "mark_cared"]

#: A hospital, transport or discharge word ("госпіталізували", "rushed", "відпустили додому").
CARED_RE: Final = re.compile(
    r"госпітал\w*|шпитал\w*|госпитал\w*|hospitali\w*|spitaliz\w*|taken|rushed|brought|admitted"
    r"|transported|evacuated|доставлен\w*|доставили|доправлен\w*|доправили|transportat\w*"
    r"|internat\w*|dus[ie]?|dusa|released|discharged|(?:від|от)пустил\w*|(?:ви|вы)пис\w*"
)


class _Told(Protocol):
    additive: bool


def mark_cared(
    group: Sequence[_Told], toks: Sequence[str], seen: int, cut: int, cared: bool
) -> tuple[bool, int]:
    """Clear ``additive`` on a hospitalised ``group`` when care is told before ``cut``.

    ``toks[seen:cut]`` are the tokens not yet scanned (each token is read once per sentence, so
    the scan stays linear); returns whether care was told so far and the new scanned end.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> g = [NS(additive=True)]
    >>> toks = "з них двох госпіталізували ще одну".split()
    >>> mark_cared(g, toks, 0, 4, False), g[0].additive
    ((True, 4), False)
    >>> g = [NS(additive=True)]
    >>> mark_cared(g, "постраждав водій ще одну".split(), 0, 2, False), g[0].additive
    ((False, 2), True)
    """
    end = max(seen, cut)
    cared = cared or any(CARED_RE.fullmatch(t) for t in toks[seen:end])
    for m in group:
        m.additive = m.additive and not cared
    return cared, end
