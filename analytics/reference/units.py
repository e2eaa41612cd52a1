"""Hromadas named with their raion: "Шахтарській громаді Синельниківського району".

A hromada's name is its centre's adjective, and centres of several oblasts share names
("Шахтарська" is the hromada of Shakhtarske, Dnipropetrovsk oblast, or of Shakhtarsk,
Donetsk oblast), so a bare hromada name shared so is never placed. Named with its raion
(Ukrainian and Russian case forms, "Shakhtarska hromada of the Synelnykove district",
"comunitatea Șahtarske din raionul Sinelnikove") it is resolved within that raion: KATOTTG gives
each settlement its hromada, raion and oblast. A raion is named by its adjective
("Синельниківського", "Синельниковского", "Synelnykivskyi") or, in Latin script, by its
centre's name ("Synelnykove district").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Protocol

from analytics.reference.settlements import (
    Settlement,
    kmu_latin,
    resolve_hromada,
    resolve_raion,
    resolve_settlement,
)

__all__ = ["Claims", "RaionUnit", "hromadas_in_raions", "raion_of"]

#: A capitalised word, only from its start (a bound that keeps a long word linear).
_CAP: Final = r"(?<![\w'’ʼ-])[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]{2,40}(?![\w'’ʼ-])"
_HROMADA_WORD: Final = r"(?:громад\w{0,3}|общин\w{0,3}|hromada|(?:territorial\s+)?community)"
_THAT_IN: Final = r"(?:,?\s+(?:що|что|яка|которая)\s+(?:в|у|во)|,|\s+(?:of|in)(?:\s+the)?)"
_PATTERNS: Final = (
    # "Шахтарській громаді Синельниківського району", "Shakhtarska hromada of the Synelnykove
    # district", "Шахтерской общине, что в Синельниковском районе"
    re.compile(
        rf"(?P<h>{_CAP})\s+{_HROMADA_WORD}{_THAT_IN}?\s+(?P<r>{_CAP})\s+(?:район\w{{0,3}}|raion|district)\b"
    ),
    # "the hromada of Shakhtarske in the Synelnykove district"
    re.compile(
        rf"\b(?:hromada|community)\s+of\s+(?P<h>{_CAP})\s+(?:in|of)\s+(?:the\s+)?(?P<r>{_CAP})"
        r"\s+(?:raion|district)\b"
    ),
    # "comunitatea Șahtarske din raionul Sinelnikove", "hromada Șahtarske, raionul Sinelnikove"
    re.compile(
        rf"\b(?:comunitat\w{{0,4}}|comun\w{{0,4}}|hromad\w{{0,4}})\s+(?P<h>{_CAP}),?\s+"
        rf"(?:din\s+|în\s+)?raion\w{{0,4}}\s+(?P<r>{_CAP})"
    ),
)


class Claims(Protocol):
    """The text a caller has already given to a place (``bulletins.spans.SpanSet``)."""

    def overlaps(self, start: int, end: int) -> bool: ...

    def add(self, start: int, end: int) -> None: ...


@dataclass(frozen=True)
class RaionUnit:
    """A hromada placed by its raion: oblast code, text as written, its span, and the unit
    ("Synelnykivskyi/Shakhtarske": the raion's and the centre's KMU Latin names)."""

    code: str
    raw: str
    start: int
    end: int
    unit: str


def raion_of(name: str) -> Settlement | None:
    """The raion a name denotes: by its adjective in any case, or, in Latin script, as the
    raion of the town it names ("Synelnykove", "Sinelnikove": Synelnykivskyi).

    Examples
    --------
    >>> raion_of("Синельниківського").latin, raion_of("Sinelnikove").latin
    ('Synelnykivskyi', 'Synelnykivskyi')
    """
    raion = resolve_raion(name)
    if raion is not None or not name.isascii() and not re.search(r"[șțăâî]", name, re.I):
        return raion
    town = resolve_settlement(name)
    if town is None or town.category not in {"M", "X", "T"} or not town.raion:
        return None
    raion = resolve_raion(town.raion)
    return raion if raion is not None and raion.oblast == town.oblast else None


def hromadas_in_raions(text: str, claims: Claims) -> list[RaionUnit]:
    """Hromadas named with their raion in ``text`` and not overlapping ``claims`` (joined).

    Examples
    --------
    >>> class Open:
    ...     def overlaps(self, start, end): return False
    ...     def add(self, start, end): pass
    >>> [(u.code, u.unit) for u in hromadas_in_raions(
    ...     "у Шахтарській громаді Синельниківського району", Open())]
    [('UA-12', 'Synelnykivskyi/Shakhtarske')]
    """
    out: list[RaionUnit] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if claims.overlaps(*m.span()):
                continue
            raion = raion_of(m.group("r"))
            row = resolve_hromada(m.group("h"), raion=raion) if raion is not None else None
            if row is not None:
                unit = f"{kmu_latin(row.raion)}/{row.latin}"
                out.append(RaionUnit(row.oblast, m.group(), m.start(), m.end(), unit))
                claims.add(*m.span())
    return out
