"""Round 20 (issue 11): a past-day toll of a raion or oblast told before its settlements.

"Синєгубов: уночі росіяни обстрілювали Куп'янщину, за добу – двоє поранених. ... обстріляли
село Петропавлівка Куп'янського району. Зазнав поранення чоловік": the headline's two are the
raion's day, summed over the settlements told after it (labelling rule 2: an opening total
itemised by place is no incident), not the toll of the first settlement in the same run of
sentences. In a context, a past-day toll sentence naming no settlement, followed by a
settlement with a toll of its own, loses its counts (:func:`drop_summaries`, read by
:func:`analytics.bulletins.lead_totals.mark_totals`).
"""

from __future__ import annotations

from dataclasses import replace

import analytics.bulletins.lexicon as lx
from analytics.bulletins.contexts import Context, Sentence
from analytics.bulletins.totals22 import toll_values

__all__ = ["drop_summaries"]


def _told(s: Sentence) -> bool:
    return bool(s.cas.killed or s.cas.injured)


def _settled(s: Sentence) -> bool:
    return any(p.settlement for p in s.places)


def drop_summaries(ctxs: list[Context]) -> None:
    """Clear the counts of past-day summaries that settlements told after them itemise.

    Linear: one backward pass per context records whether a settlement with a toll follows.
    """
    for ctx in ctxs:
        itemised = False  # a settlement sentence, with a toll at or after it, follows
        toll_after = False
        dropped: set[tuple[int | None, int | None]] = set()  # a headline may tell them again
        for k in range(len(ctx.sents) - 1, -1, -1):
            s = ctx.sents[k]
            if _settled(s) and (toll_after or _told(s)):
                itemised = True
            elif itemised and _told(s) and lx.PAST_DAY_RE.search(s.folded):
                dropped.add(toll_values(s))
                ctx.sents[k] = replace(s, cas=replace(s.cas, killed=None, injured=None))
                continue
            elif itemised and _told(s) and not s.places and toll_values(s) in dropped:
                ctx.sents[k] = replace(s, cas=replace(s.cas, killed=None, injured=None))
                continue
            toll_after = toll_after or _told(s)
