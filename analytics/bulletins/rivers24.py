"""A river named like a city is no place: "the right bank of the Dnipro estuary" (round 24).

"Six civilians were wounded in the village of Stanislav on the right bank of the Dnipro
estuary" names one place, Stanislav; "Dnipro" there is the river, not the city of Dnipro, and
read as a city it put the sentence in two oblasts (so its toll was given to the region's
opening sentence). A name found by the place finder is dropped when every time the text writes
it, it is a river: followed by a river word ("Dnipro River", "Dnipro estuary", "Дніпро-річка")
or after one ("the river Dnipro", "річки Дніпро", "реке Днепр", "râul Nipru", "the banks of the
Dnipro", "берегу Дніпра", "берегу Днепра", "malul Niprului").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Protocol, TypeVar

__all__ = ["RIVER_RE", "drop_rivers"]

#: A name starts at a word's start, its letters taken possessively (a run of capitals is
#: tried once, not from each of its letters: no quadratic search).
_NAME = r"(?<![\w'’ʼ])[A-ZА-ЯІЇЄҐȘȚĂÂÎ][\w'’ʼ]++"
#: A capitalised name used as a river, in the original text (names in named groups).
RIVER_RE: Final = re.compile(
    r"(?P<a>" + _NAME + r")\s+(?:[Rr]iver|estuary|riverbank|[Rr]eservoir|лиман\w*|[Rr]ічк\w*"
    r"|[Рр]ек\w*|водосховищ\w*|водохранилищ\w*)\b"
    r"|\b(?:[Rr]iver|[Rr]ivers|річк[аиуіо]\w*|річц[іи]|р\.|рек[аеиуой]\w*|[Rr][aâ]ul\w*"
    r"|[Ff]luviul\w*|[Ee]stuarul\w*)\s+(?P<b>" + _NAME + r")"
    r"|\b(?:banks?\s+of(?:\s+the)?|березі|берегу|берега|березів|берегов|malul\s+(?:\w+\s+)?al)"
    r"\s+(?P<c>" + _NAME + r")"
)


class _Named(Protocol):
    @property
    def raw(self) -> str: ...


P = TypeVar("P", bound=_Named)


def drop_rivers(text: str, places: Sequence[P]) -> list[P]:
    """``places`` without those whose name the text uses only as a river.

    Examples
    --------
    >>> from collections import namedtuple
    >>> Pl = namedtuple("Pl", "raw")
    >>> drop_rivers("Stanislav on the bank of the Dnipro estuary", [Pl("Stanislav"), Pl("Dnipro")])
    [Pl(raw='Stanislav')]
    >>> drop_rivers("in Dnipro, on the Dnipro River", [Pl("Dnipro")])
    [Pl(raw='Dnipro')]
    """
    if not places or not any(w in text for w in _CUES):
        return list(places)  # cheap pre-check: no river word
    rivers: dict[str, int] = {}
    for m in RIVER_RE.finditer(text):
        name = m.group("a") or m.group("b") or m.group("c")
        rivers[name] = rivers.get(name, 0) + 1
    return [p for p in places if not rivers.get(p.raw) or rivers[p.raw] < text.count(p.raw)]


_CUES: Final = (
    "iver", "estuar", "eservoir", "лиман", "ічк", "ічц", "р. ", "рек", "Рек", "водосх",
    "водохр", "âul", "aul", "luviul", "stuarul", "bank", "берег", "берез", "malul",
)  # fmt: skip
