"""Places named by an administrative unit below the oblast: a hromada or a raion's "-щина".

"Нікопольська громада", "у Марганецькій громаді", "the hromadas of Marhanets", "comunitatea
Nikopol", "Никопольская община" name a hromada; "Нікопольщина", "на Никопольщине" the area of a
raion centre. Each gives the oblast of the unit (from the settlement gazetteer, never
guessed: a name shared by units of several oblasts gives nothing) and no settlement: a
hromada or a raion is not one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from analytics.bulletins.spans import SpanSet
from analytics.reference.settlements import (
    Settlement,
    kmu_latin,
    resolve_hromada,
    resolve_raion,
    resolve_settlement,
)

__all__ = ["UnitPlace", "find_units", "nested", "outside_unit", "raion_named"]

#: A capitalised word, only from its start (a bound that keeps a long word linear).
_CAP: Final = r"(?<![\w'’ʼ-])[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]{2,40}(?![\w'’ʼ-])"
#: "Нікопольська громада", "Марганецькій громаді", "Никопольской общины", "Myrivska hromada",
#: "hromada of Marhanets", "the hromadas of Marhanets, Myrove and Pokrov", "comunitatea Nikopol".
_HROMADA_RE: Final = re.compile(
    rf"(?P<a>{_CAP})\s+(?:громад\w*|общин\w*|hromadas?|communit(?:y|ies)|territorial community)\b"
    rf"|\b(?:hromadas?|communit(?:y|ies)|comunitat\w*|comunei|comuna)\s+(?:of\s+)?(?P<b>{_CAP})"
)
#: The area of a raion centre: "Нікопольщина", "на Никопольщине", "Nikopolshchyna".
_AREA_RE: Final = re.compile(
    r"(?<![\w'’ʼ-])(?P<n>[А-ЯІЇЄҐ][\w'’ʼ-]{2,30}?)(?:щин[аиіеуыоюй]\w*)\b"
    r"|\b(?P<l>[A-Z][a-z'-]{2,30}?)shchyn[ai]\b"
)


@dataclass(frozen=True)
class UnitPlace:
    """A unit mention: oblast code, text as written, its span, and the unit's name (the
    raion's, or "громада" and the centre's)."""

    code: str
    raw: str
    start: int
    end: int
    unit: str


def raion_named(name: str) -> Settlement | None:
    """The raion a name denotes: by its adjective ("Нікопольський", "Nikopol"), or, in Latin
    script, as the raion of the town it names ("Synelnykove district": Synelnykivskyi).

    Examples
    --------
    >>> raion_named("Synelnykove").latin, raion_named("Никопольский").latin
    ('Synelnykivskyi', 'Nikopolskyi')
    """
    raion = resolve_raion(name)
    if raion is not None or not name.isascii():
        return raion  # a Cyrillic adjective ("Таврійському") is no town's name
    town = resolve_settlement(name)
    if town is None or town.category not in {"M", "X", "T"} or not town.raion:
        return None
    raion = resolve_raion(town.raion)
    return raion if raion is not None and raion.oblast == town.oblast else None


def nested(a: str | None, b: str | None) -> bool:
    """Whether two units are one, or one lies in the other ("Nikopolskyi" holds
    "Nikopolskyi/Marhanets", the hromada of Marhanets).

    Examples
    --------
    >>> nested("Nikopolskyi", "Nikopolskyi/Marhanets"), nested("Nikopolskyi", "Pokrovskyi")
    (True, False)
    """
    if not a or not b:
        return False
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def outside_unit(unit: str | None, settlement: str | None, code: str | None) -> bool:
    """Whether a settlement lies in another raion than a raion or hromada told before it.

    "Ночью по Васильковской громаде, что в Синельниковском районе, ... Атака на Никополь":
    Nikopol is in Nikopolskyi raion, so it is another place, not the hromada's settlement.
    Unknown (a settlement not resolved, or with no raion in the gazetteer) is not outside.

    Examples
    --------
    >>> outside_unit("Synelnykivskyi", "Nikopol", "UA-12")
    True
    >>> outside_unit("Nikopolskyi/Marhanets", "Nikopol", "UA-12")
    False
    """
    if not unit or not settlement:
        return False
    town = resolve_settlement(settlement, oblasts=[code] if code else ())
    raion = resolve_raion(town.raion) if town is not None and town.raion else None
    return raion is not None and raion.latin != unit.split("/", 1)[0]


def find_units(text: str, spans: SpanSet) -> list[UnitPlace]:
    """Hromadas and raion areas in ``text`` not overlapping ``spans`` (which they join).

    Examples
    --------
    >>> [(u.code, u.raw) for u in find_units("Ворог атакував Нікопольщину.", SpanSet())]
    [('UA-12', 'Нікопольщину')]
    >>> [(u.code, u.raw) for u in find_units("у Марганецькій громаді", SpanSet())]
    [('UA-12', 'Марганецькій громаді')]
    """
    out: list[UnitPlace] = []
    for m in _HROMADA_RE.finditer(text):
        group = "a" if m.group("a") else "b"
        if spans.overlaps(*m.span(group)):
            continue
        row = resolve_hromada(m.group(group))
        if row is not None:
            unit = f"{kmu_latin(row.raion)}/{row.latin}"  # the hromada in its raion
            out.append(UnitPlace(row.oblast, m.group(), m.start(), m.end(), unit))
            spans.add(*m.span())
    for m in _AREA_RE.finditer(text):
        if spans.overlaps(*m.span()):
            continue
        raion = raion_named(m.group("n") or m.group("l"))
        if raion is not None:
            out.append(UnitPlace(raion.oblast, m.group(), m.start(), m.end(), raion.latin))
            spans.add(*m.span())
    return out
