"""Oblast totals told in a headline or lead, before the places they sum.

"За сутки на Харьковщине 2 погибших и 4 раненых. ... один человек погиб из-за обстрела села
Глушковка": the opening count is the oblast's day, summed over the places told after it; it is
not the toll of the first settlement that follows it in the same run of sentences.
"""

from __future__ import annotations

from dataclasses import replace

import analytics.bulletins.lexicon as lx
from analytics.bulletins.added21 import added_strikes
from analytics.bulletins.contexts import Context, Sentence, itemised_rest, mark_daily_total
from analytics.bulletins.remainders25 import late_remainder
from analytics.bulletins.summaries20 import drop_summaries
from analytics.bulletins.totals22 import restates_total
from analytics.bulletins.totals24 import split_place_count_totals

__all__ = ["mark_totals", "split_lead_total"]


def _told(s: Sentence) -> bool:
    return bool(s.cas.killed or s.cas.injured)


def _placed(s: Sentence) -> bool:
    return any(p.settlement or p.unit for p in s.places)


def _oblast_level(s: Sentence) -> bool:
    """A toll sentence naming the oblast and no settlement."""
    if not _told(s) or _placed(s) or s.shared:
        return False
    return any(p.code and not p.settlement for p in s.places)


def _sums(lead: list[Sentence], after: list[Sentence]) -> bool:
    """Whether the lead counts the oblast's day or more than the places after it count."""
    if any(lx.PAST_DAY_RE.search(s.folded) for s in lead):
        return True
    for kind in ("killed", "injured"):
        whole = max((c.value for s in lead if (c := getattr(s.cas, kind))), default=0)
        parts = sum(c.value for s in after if (c := getattr(s.cas, kind)))
        if whole > parts > 0:
            return True
    return False


def _later_tolls(ctx: Context, rest: list[Sentence], later: list[Context]) -> list[bool]:
    """Which kinds (killed, injured) a settlement of the oblast counts after the lead."""
    sents = [s for s in rest if _placed(s) or not s.places]
    sents += [s for c in later if (c.settlement or c.unit) and c.code == ctx.code for s in c.sents]
    if not any(_placed(s) and _told(s) for s in rest) and not any(
        _told(s) for c in later if (c.settlement or c.unit) and c.code == ctx.code for s in c.sents
    ):
        return [False, False]
    return [any(s.cas.killed for s in sents), any(s.cas.injured for s in sents)]


def split_lead_total(ctxs: list[Context]) -> list[Context]:
    """The first context's oblast-level tolls, when settlements of the oblast count their own
    toll after them, become a context of their own holding only the kinds no settlement
    counts (``total`` when nothing is left)."""
    k = next((i for i, c in enumerate(ctxs) if c.sents), None)
    if k is None or not ctxs[k].code or ctxs[k].closed:
        return ctxs
    ctx = ctxs[k]
    lead: list[Sentence] = []
    rest: list[Sentence] = []
    for s in ctx.sents:
        told_total = _oblast_level(s) or restates_total(s, ctx.sents, _oblast_level)
        (lead if told_total else rest).append(s)
    late = late_remainder(ctx.sents, lead, lambda s: _placed(s) and _told(s))
    remainder = [Context(late, ctx.code, ctx.region_raw, None, closed=True)] if late else []
    lead = [s for s in lead if s not in late]
    later = [s for c in ctxs[k + 1 :] if c.code == ctx.code for s in c.sents]
    if not lead or not (rest or later) or not _sums(lead, rest + later):
        return ctxs
    told = _later_tolls(ctx, rest, ctxs[k + 1 :])
    if not any(told):
        return ctxs
    kept = [
        replace(s, cas=replace(
            s.cas, killed=None if told[0] else s.cas.killed,
            injured=None if told[1] else s.cas.injured,
        ))
        for s in lead
    ]  # fmt: skip
    total = Context(kept, ctx.code, ctx.region_raw, None, closed=True)
    total.total = not any(_told(s) for s in kept)
    ctx.sents = rest
    return [*ctxs[:k], total, *ctxs[k : k + 1], *remainder, *ctxs[k + 1 :]]


def mark_totals(ctxs: list[Context]) -> list[Context]:
    """Daily totals over the oblast's settlements (:func:`split_lead_total`,
    :func:`analytics.bulletins.contexts.mark_daily_total`, and the oblast's itemised rest)."""
    added_strikes(ctxs)  # "another strike": its toll adds to the place's
    ctxs = split_place_count_totals(ctxs)  # "8 wounded in two villages, 6 in A": 2 left
    mark_daily_total(ctxs)
    ctxs = ctxs if any(c.total for c in ctxs) else split_lead_total(ctxs)
    itemised_rest(ctxs)
    drop_summaries(ctxs)  # "за добу – двоє поранених" before the raion's villages
    return ctxs
