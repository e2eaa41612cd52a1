"""Tolls of a raion or hromada told under a strike on its oblast.

"Ворог атакував область 20 разів. У Нікопольському районі загинула жінка. У
Синельниківському районі поранено трьох людей.": the strike named once for the oblast covers
the tolls of its units listed after it, each an incident of its own (as settlements listed
under an opening strike report are, see ``extract``).
"""

from __future__ import annotations

from analytics.bulletins.contexts import Context
from analytics.bulletins.place_units import nested, outside_unit
from analytics.bulletins.places import same_settlement

__all__ = ["other_unit", "unit_under_strike"]


def unit_under_strike(ctx: Context, ctxs: list[Context]) -> bool:
    """Whether ``ctx``, a unit of an oblast (or a list of its places, round 25) with a toll,
    follows a strike told in that oblast.

    Examples
    --------
    >>> unit_under_strike(Context(code="UA-12"), [])
    False
    """
    listed = any(s.shared for s in ctx.sents)  # a toll over a list of places (lists25)
    if (
        not (ctx.unit or listed)
        or ctx.settlement
        or not any(s.cas.killed or s.cas.injured for s in ctx.sents)
    ):
        return False
    k = next((i for i, c in enumerate(ctxs) if c is ctx), 0)
    return any(c.code == ctx.code and any(s.strike for s in c.sents) for c in ctxs[:k])


def other_unit(unit: str | None, settlement: str | None, ctx: Context) -> bool:
    """Whether ``ctx``, about a raion or hromada, is another place than an incident's.

    A unit's own toll does not revise an incident of another unit, or of a settlement other
    than the unit's centre ("удар по Запорожью ... При атаке по Пологовскому району погиб
    мужчина"); it does revise an incident of the raion that holds the hromada, or of the
    hromada's centre. A unit context with no toll is no other place.

    Examples
    --------
    >>> other_unit(None, "Zaporizhzhia", Context(code="UA-23", unit="Polohivskyi"))
    False
    >>> other_unit(None, "Marhanets", Context(code="UA-12", unit="Nikopolskyi/Marhanets"))
    False

    A settlement of another raion is another place than an incident of a unit ("по
    Васильковской громаде, что в Синельниковском районе ... Атака на Никополь"):

    >>> other_unit("Synelnykivskyi", None, Context(code="UA-12", settlement="Nikopol"))
    True
    """
    if settlement is None and ctx.settlement:
        return outside_unit(unit, ctx.settlement, ctx.code)
    if not ctx.unit or ctx.settlement or not (unit or settlement):
        return False
    if not any(s.cas.killed or s.cas.injured for s in ctx.sents):
        return False  # damage in a unit, no toll: told of the place before (not an incident)
    if unit:
        return not nested(unit, ctx.unit)
    return not same_settlement(settlement, ctx.unit.rsplit("/", 1)[-1])
