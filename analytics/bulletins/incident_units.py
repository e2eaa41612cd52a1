"""Tolls of a raion or hromada told under a strike on its oblast.

"Ворог атакував область 20 разів. У Нікопольському районі загинула жінка. У
Синельниківському районі поранено трьох людей.": the strike named once for the oblast covers
the tolls of its units listed after it, each an incident of its own (as settlements listed
under an opening strike report are, see ``extract``).
"""

from __future__ import annotations

from analytics.bulletins.contexts import Context

__all__ = ["unit_under_strike"]


def unit_under_strike(ctx: Context, ctxs: list[Context]) -> bool:
    """Whether ``ctx``, a unit of an oblast with a toll, follows a strike told in that oblast.

    Examples
    --------
    >>> unit_under_strike(Context(code="UA-12"), [])
    False
    """
    if not ctx.unit or ctx.settlement or not any(s.cas.killed or s.cas.injured for s in ctx.sents):
        return False
    k = next((i for i, c in enumerate(ctxs) if c is ctx), 0)
    return any(c.code == ctx.code and any(s.strike for s in c.sents) for c in ctxs[:k])
