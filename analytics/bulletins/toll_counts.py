"""Counts of a casualty toll and how a sentence's count combines with what is known.

:class:`Count` and :class:`CasualtyReading` are what :func:`analytics.bulletins.casualties.
read_casualties` returns; :func:`combine` applies a count to the toll known so far;
:func:`singular_counts` reads one person from a singular verb with no count. Split from
:mod:`analytics.bulletins.casualties` (which re-exports them) to keep modules small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from analytics.bulletins.singular23 import ONE_DEAD, ONE_HURT

__all__ = ["CasualtyReading", "Count", "Op", "combine", "singular_counts"]

Op = Literal["max", "add", "set", "prior"]


@dataclass(frozen=True)
class Count:
    """A count read from text: ``value`` (the point), ``low``/``high`` bounds, how it combines."""

    value: int
    low: int
    high: int | None
    op: Op = "max"


@dataclass
class CasualtyReading:
    """What one sentence says about casualties."""

    killed: Count | None = None
    injured: Count | None = None
    transfer: int = 0
    #: People whose death of wounds the sentence tells (a transfer, or a hospital death story),
    #: and whether it says "another" (a death not told before).
    wound_deaths: int = 0
    another: bool = False
    #: Whether the dead person is told as one of the wounded ("one of the wounded", "the
    #: wounded man"), not only as dying in hospital ("у лікарні дитина померла").
    of_wounded: bool = False
    no_killed: bool = False
    no_injured: bool = False
    mentions_killed: bool = False
    mentions_injured: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def any(self) -> bool:
        """Whether the sentence says anything about casualties."""
        return bool(
            self.killed or self.injured or self.transfer or self.no_killed or self.no_injured
            or self.mentions_killed or self.mentions_injured
        )  # fmt: skip


#: A death or injury verb in the singular with no count: one person ("погиб специалист",
#: "она погибла на месте", "загинув чоловік", "постраждала жінка"); participles ("поранений")
#: describe someone already counted and are left out.
_ONE_KILLED = re.compile(
    rf"(?<![\w-])(?:(?:загинув|загинула|помер|померла|погиб|погибла|умер|умерла)\b|{ONE_DEAD})"
)
_ONE_INJURED = re.compile(
    rf"(?<![\w-])(?:(?:постраждав|постраждала|пострадал|пострадала)\b|{ONE_HURT})"
)
_THING_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:будин\w*|будівл\w*|будівел\w*|дім|дом|здани\w*|квартир\w*|авто\w*"
    r"|машин\w*|об'єкт\w*|объект\w*|підприємств\w*|предприяти\w*|магазин\w*|склад\w*|гараж\w*)\b"
)
_NOT_BEFORE = re.compile(r"(?:\bне|\bні|\bни|\bникто|\bніхто)\s+$")


def singular_counts(out: CasualtyReading, folded: str, lang: str) -> None:
    """One killed or injured for a singular verb with no count in a Ukrainian or Russian sentence."""
    if lang not in {"uk", "ru"}:
        return
    for attr, pattern, none in (("killed", _ONE_KILLED, out.no_killed),
                                ("injured", _ONE_INJURED, out.no_injured)):  # fmt: skip
        if getattr(out, attr) is not None or none or out.transfer:
            continue
        m = pattern.search(folded)
        if m and not _NOT_BEFORE.search(folded[max(0, m.start() - 8) : m.start()]):
            if _THING_AFTER.match(folded, m.end()):  # "постраждав приватний будинок": damage
                continue
            setattr(out, attr, Count(1, 1, 1, "max"))


def combine(prev: int | None, count: Count | None) -> int | None:
    """Apply a sentence's count to the count known so far.

    Examples
    --------
    >>> combine(3, Count(1, 1, 1, "max")), combine(3, Count(1, 1, 1, "add"))
    (3, 4)
    >>> combine(None, Count(2, 2, 2, "add")), combine(5, Count(4, 4, 4, "set"))
    (2, 4)
    """
    if count is None:
        return prev
    if count.op == "prior":  # "previously reported three": only when nothing newer is known
        return count.value if prev is None else prev
    if prev is None or count.op == "set":
        return count.value
    if count.op == "add":
        return prev + count.value
    return max(prev, count.value)
