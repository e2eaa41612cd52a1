"""A "no casualties" sentence told after several struck places covers all of them.

"В Чернигове ... произошел пожар. А в Семеновке дрон попал в жилой дом. К счастью,
человеческих жертв нет": the closing sentence names no place of its own and follows a run of
places none of which told a toll, so it is the toll (zero killed, zero injured) of each of
them, not only of the last place it was grouped with. The same in Ukrainian ("Без
постраждалих"), English ("No casualties were reported") and Romanian ("Nu au fost victime").

The run stops at a place that tells a toll or mentions casualties at all ("a woman was hurt in
A. In B a drone hit a house. No one was hurt" says nothing about A): the zero then stays with
the place it was told after. A zero sentence naming a settlement or a raion of its own is that
place's toll only.
"""

from __future__ import annotations

from dataclasses import replace

from analytics.bulletins.casualties import CasualtyReading
from analytics.bulletins.contexts import Context, Sentence
from analytics.bulletins.incident_cues import no_hit

__all__ = ["spread_no_casualties"]


def _placeless_zero(s: Sentence) -> bool:
    """A sentence telling no casualties that names no settlement or raion."""
    zero = s.cas.no_killed or s.cas.no_injured
    told = s.cas.killed or s.cas.injured or s.cas.transfer
    return zero and not told and not any(p.settlement or p.unit for p in s.places)


def _silent_place(ctx: Context) -> bool:
    """A context about one place named as hit that says nothing about casualties.

    The hit or the damage must be told in a sentence naming the place: a place where
    explosions were only heard ("Взрыв раздался в Харькове") under a placeless headline
    strike is not one.
    """
    if ctx.total or not (ctx.settlement or ctx.unit) or any(s.cas.any for s in ctx.sents):
        return False
    return any(_names_hit(s, ctx) for s in ctx.sents)


def _names_hit(s: Sentence, ctx: Context) -> bool:
    """A sentence naming the context's place and a strike on it or damage there."""
    here = any(
        p.settlement == ctx.settlement
        if ctx.settlement
        else p.unit is not None and p.unit == ctx.unit
        for p in s.places
    )
    return here and (s.strike or s.damage) and not no_hit([s])


def _own_toll(ctx: Context, zero: Sentence) -> bool:
    """Whether a context tells a toll or casualty word other than its zero sentence."""
    return any(s.cas.any for s in ctx.sents if s is not zero)


def _contradicted(ctx: Context) -> Context:
    """``ctx`` without a zero told after a count of its own: that zero is another strike's.

    "12 жовтня ворог атакував громаду дроном - поранення дістали чоловік та жінка. Крім того,
    дрон атакував автомобіль. Люди не постраждали": nobody hurt cannot be the toll of the
    place where two were hurt; it is the car's, a strike the text places nowhere, so it sets
    no zero on the place (its killed stays unknown). "Two were injured. No one was killed"
    is no contradiction (no injured zero), nor is "A drone killed two. No one was injured"
    (only an injured count before it contradicts an injured zero).
    """
    out, injured = [], False
    for s in ctx.sents:
        if injured and s.cas.no_injured and not (s.cas.killed or s.cas.injured):
            s = replace(s, cas=CasualtyReading())
        injured = injured or bool(s.cas.injured)
        out.append(s)
    return ctx if out == ctx.sents else replace(ctx, sents=out)


def spread_no_casualties(ctxs: list[Context]) -> list[Context]:
    """Give a placeless no-casualty sentence to the silent places told before it.

    Parameters
    ----------
    ctxs
        The contexts of one update, in text order.

    Returns
    -------
    list[Context]
        The same contexts, a zero told after a count of its own context dropped (another
        strike's, see ``_contradicted``); each place of the run of places with no casualty word just before
        the context holding the zero sentence gets that sentence appended (a new ``Context``).
    """
    ctxs = [_contradicted(c) for c in ctxs]
    out = list(ctxs)
    for k, ctx in enumerate(ctxs):
        zero = next((s for s in ctx.sents if _placeless_zero(s)), None)
        if zero is None or not (ctx.settlement or ctx.unit) or _own_toll(ctx, zero):
            continue
        j = k
        while j > 0 and _silent_place(ctxs[j - 1]):
            j -= 1
        for i in range(j, k):
            if (ctxs[i].settlement, ctxs[i].unit) != (ctx.settlement, ctx.unit):
                out[i] = replace(out[i], sents=[*out[i].sents, zero])
    return out
