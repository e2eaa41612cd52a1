"""Sentences of one update, read and grouped into contexts: runs of sentences about one place.

A sentence naming a new oblast or settlement starts a new context; a sentence with no place
joins the context before it. A region-by-region roundup keeps its opening total apart, a toll
dated by another calendar day starts a context of its own, and an oblast's past-day count
itemised below by settlement is marked as a total (not an incident).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

import analytics.bulletins.cues as cues
import analytics.bulletins.lexicon as lx
from analytics.bulletins.besides26 import another_day
from analytics.bulletins.bullets import bullet_head
from analytics.bulletins.casualties import CasualtyReading, Count, combine, read_casualties
from analytics.bulletins.gates import seen
from analytics.bulletins.incident_cues import HITS_TOLD_RE, INTERCEPTED_OF_RE, STRIKE_WORDING_RE
from analytics.bulletins.lists25 import list_raw, shared_places
from analytics.bulletins.non_events20 import over_period, told_hurt
from analytics.bulletins.numbers import fold
from analytics.bulletins.outskirts import near_places
from analytics.bulletins.parts22 import sentence_places
from analytics.bulletins.place_units import nested, outside_unit
from analytics.bulletins.places import Place, canonical_place, same_settlement
from analytics.bulletins.regions22 import spans_regions
from analytics.bulletins.several26 import tolls_after_several
from analytics.bulletins.shells22 import aimed_weapons, shells_counted
from analytics.bulletins.summaries24 import oblast_summary, summary_place
from analytics.bulletins.timephrases import (
    DAY_EARLIER_RE,
    TimeReading,
    earlier_year,
    resolve_time,
    to_kyiv,
)

__all__ = [
    "Context",
    "air_defence_only",
    "Sentence",
    "analyse_sentence",
    "canonical_places",
    "carry_damage",
    "context_toll",
    "group_contexts",
    "inherit_oblast",
    "is_roundup",
    "itemised_rest",
    "mark_daily_total",
    "new_unit",
    "opens_daily_total",
    "recalled",
    "split_dated",
    "struck_places",
]


@dataclass
class Sentence:
    """One sentence of an update (``text[start:end]``) with what the rules read in it."""

    start: int
    end: int
    text: str
    folded: str
    cas: CasualtyReading
    places: list[Place]
    strike: bool
    event: bool
    damage: bool
    non_event: bool
    weapons: list[tuple[int, str, str, int]]
    target: str | None
    civilian: bool
    hedge: bool
    #: Set by :func:`analytics.bulletins.breakdown.split_breakdowns`: the opening toll of a
    #: breakdown list (``total``), one listed place with its count (``item``), and a count
    #: with no place right after the list (``remainder``, the rest of the region).
    total: bool = False
    item: bool = False
    remainder: bool = False
    #: A toll told over a list of settlements ("в сёлах A и B погибли двое"): it names places
    #: (no one of which takes it), so it is no oblast-level total.
    shared: bool = False


def analyse_sentence(
    text: str, start: int, end: int, lang: str, masked: str | None = None,
    published: dt.date | None = None,
) -> Sentence:  # fmt: skip
    """Read one sentence: casualties, places, weapons, target and the strike and event flags."""
    body = text[start:end]
    src = body if masked is None else masked[start:end]
    folded = fold(src)
    attacker = seen(lx.ATTACKER_LOSSES_RE, folded)  # the attacker's own losses
    cumulative = seen(lx.CUMULATIVE_RE, folded) or over_period(folded)  # > a day
    cas = read_casualties("" if attacker or cumulative else folded, lang)
    weapons = aimed_weapons(folded, lx.find_weapons(folded))  # not "defused 45 shells"
    damage = (
        seen(lx.DAMAGE_RE, INTERCEPTED_OF_RE.sub(" ", folded))
        or seen(HITS_TOLD_RE, folded)
        or shells_counted(folded)  # "lovit cu 28 de obuze": hit
    )  # not "destroyed 15 of them"; "есть попадания в Павлограде" is a hit there
    counted = cas.killed is not None or cas.injured is not None or cas.transfer > 0
    target = lx.find_target(folded)
    non_event = (
        (seen(lx.NON_EVENT_RE, folded) and not counted)
        or cumulative
        or attacker
        or (published is not None and earlier_year(folded, published))
    )
    worded = seen(STRIKE_WORDING_RE, folded)  # "came under fire", "was hit"
    strike = (bool(lx.STRIKE_RE.search(folded)) or bool(weapons) or worded) and not non_event
    return Sentence(
        start=start, end=end, text=body, folded=folded, cas=cas,
        places=sentence_places(src),
        strike=strike, event=worded or seen(lx.EVENT_RE, folded), damage=damage,
        non_event=non_event, weapons=weapons, target=target if strike else None,
        civilian=seen(lx.CIVILIAN_RE, folded), hedge=seen(lx.HEDGE_RE, folded),
    )  # fmt: skip


@dataclass
class Context:
    """A run of sentences about one place, with the place they name."""

    sents: list[Sentence] = field(default_factory=list)
    code: str | None = None
    region_raw: str | None = None
    settlement: str | None = None
    ambiguous: bool = False
    total: bool = False  # the sum over the regions of a roundup, not an incident
    closed: bool = False  # one place of a breakdown list: takes no other place's sentences
    covers: TimeReading | None = None  # a past-day summary split off a toll of today: its day
    struck: bool = False  # one of two places a sentence reports as hit, with no toll
    unit: str | None = None  # the raion or hromada a context with no settlement is about

    def place(self, code: str | None, raw: str | None, settlement: str | None) -> None:
        if code and not self.code:
            self.code = code
            if raw and (not self.region_raw or self.region_raw == self.settlement):
                self.region_raw = raw
        if settlement and not self.settlement:
            self.settlement = settlement
        if not self.region_raw:
            self.region_raw = raw

    def fits(self, code: str | None, settlement: str | None, unit: str | None = None) -> bool:
        if self.closed and (code or settlement):
            return False
        if code and self.code and code != self.code:
            return False
        if unit and (self.unit or self.settlement) and not nested(unit, self.unit):
            return False  # "У Нікопольському районі ...": another place than Марганець
        if not self.settlement and outside_unit(self.unit, settlement, code or self.code):
            return False  # a town of another raion than the hromada or raion told
        return same_settlement(self.settlement, settlement)

    @property
    def placed(self) -> bool:
        return bool(self.code or self.settlement)


def is_roundup(sents: list[Sentence]) -> bool:
    """Whether an update goes region by region: sentences naming different single oblasts."""
    codes = set()
    for s in sents:
        own = {p.code for p in s.places if p.code}
        if len(own) == 1:
            codes |= own
    return len(codes) > 1


def group_contexts(sents: list[Sentence]) -> list[Context]:
    """Group sentences into contexts, one per place.

    In a region-by-region roundup, an opening sentence with counts but no place is the total
    of the regions that follow: it stays a context of its own (``total``) instead of being
    adopted by the first region.
    """
    ctxs: list[Context] = []
    cur, roundup = None, is_roundup(sents)
    region: Context | None = None  # the opening total of the last breakdown list
    itemised, several = _itemised(sents), tolls_after_several(sents)  # several26: no place's
    for s in sents:
        if s.total or s.item or s.remainder:
            cur = _breakdown_context(s, region)
            region = cur if s.total else region
            ctxs.append(cur)
            continue
        hit = struck_places(s)
        if hit:
            ctxs.extend(
                Context([s], p.code, p.raw, p.settlement, closed=True, struck=True) for p in hit
            )
            continue
        codes = list(dict.fromkeys(p.code for p in s.places if p.code))
        sett = next((p.settlement for p in s.places if p.settlement), None)
        sett_place = next((p for p in s.places if p.settlement), None)
        if len(codes) > 1 or id(s) in several or (s.cas.any and spans_regions(s.folded, s.places)):
            if cur is not None and cur.code in codes:
                cur.sents.append(s)
                continue
            if s.cas.killed or s.cas.injured:
                joined = ", ".join(p.raw for p in s.places)  # a toll over several oblasts:
                cur = Context([s], None, joined, None, True, closed=True)  # no place adopts it
                ctxs.append(cur)
                continue
            codes, sett = [], None
        if (
            not sett
            and cur is not None
            and cur.settlement
            and cur.code in codes
            and (s.shared or _region_wide(s))  # a toll over a list of places (lists25): all
        ):
            cur = Context([s], cur.code, list_raw(s, cur.region_raw), None, closed=True)  # all
            ctxs.append(cur)
            continue
        if codes or sett:
            code = codes[0] if codes else (sett_place.code if sett_place else None)
            raw = next((p.raw for p in s.places if p.code == code), sett)
            if sett_place is not None and code and sett_place.code not in {None, code}:
                sett = None
            unit = None if sett else next((p.unit for p in s.places if p.unit), None)
            target = None
            if (
                cur is not None
                and not cur.placed
                and (roundup or itemised)
                and any(x.cas.any for x in cur.sents)
            ):
                cur.total = True
            elif cur is not None and unit and new_unit(cur, code, unit, s):
                target = None  # "Також у Пологівському районі ...": a place of its own
            elif cur is not None and sett and opens_daily_total(cur, itemised):
                target = None  # a settlement itemised under the region's past-day total
            elif cur is not None and (cur.fits(code, sett, unit) or not (cur.placed or cur.closed)):
                target = cur
            else:
                target = next(
                    (c for c in ctxs if c.placed and c.fits(code, sett, unit)
                     and not (sett and opens_daily_total(c, itemised))),
                    None,
                )  # fmt: skip
                if target is not None and target.settlement and sett is None and cur is not None:
                    target = None if cur.fits(code, None) else target
            if target is None:
                target = Context()
                ctxs.append(target)
            target.place(code, raw, sett)
            target.unit = target.unit or unit
            target.sents.append(s)
            cur = target
        else:
            if cur is not None and cur.settlement and _region_wide(s):
                cur = Context([], cur.code, cur.region_raw, None, closed=True)
                ctxs.append(cur)
            elif cur is None:
                cur = Context()
                ctxs.append(cur)
            cur.sents.append(s)
    return ctxs


#: What joins two places struck together: "A and B", "A, and the northeastern city of B",
#: "A și B", "A і B", "A и B".
_PAIRED = re.compile(r"^[\s,]*(?:and|si|і|й|та|и)\s+(?:[\w'-]+\s+){0,4}$")


def struck_places(s: Sentence) -> list[Place]:
    """The two places a sentence without a toll reports as hit, each an incident of its own.

    "Russia also struck the capital, Kyiv, and Kharkiv", "orașele Uman și Dnipro au fost
    lovite", "обстріляли Нікополь і Марганець" (labelling rule 2). A place named with its
    oblast counts once; a list of three or more places that "came under fire" is a summary
    and not itemised, and one place is left to the ordinary grouping (its toll may follow).
    """
    if s.non_event or not s.strike or s.cas.killed or s.cas.injured or s.cas.no_killed:
        return []
    if not cues.HIT_ON_RE.search(s.folded):
        return []
    named = [p for p in s.places if p.code and p.settlement]
    held = {p.code for p in named}
    places = named + [p for p in s.places if p.code and not p.settlement and p.code not in held]
    distinct = list({(p.code, p.settlement): p for p in places}.values())
    if len(distinct) != 2:
        return []
    first, second = sorted(distinct, key=lambda p: s.text.find(p.raw))
    a, b = s.text.find(first.raw), s.text.find(second.raw)
    if a < 0 or b < 0 or not _PAIRED.match(fold(s.text[a + len(first.raw) : b])):
        return []  # "the village of A, close to the regional capital B": one place
    return [first, second]


def new_unit(cur: Context, code: str | None, unit: str, s: Sentence) -> bool:
    """Whether a sentence naming a raion or hromada (and no settlement) starts a context.

    It does after a context of another unit (not one holding it) or of a settlement other
    than its centre ("У Марганці ...
    Також у Пологівському районі ..."), and after the oblast's own context only when both
    tell a toll ("В области погиб человек. В Никопольском районе ранены двое."); a unit named
    right after the oblast's toll with none of its own says where that toll was.
    """
    if cur.closed or (code and cur.code and code != cur.code) or nested(cur.unit, unit):
        return False  # the same unit, or a hromada of the raion told ("На Нікопольщині ...
        # У Марганецькій громаді ..."): the same place, more precisely
    if cur.unit:
        return True
    if cur.settlement:
        return not same_settlement(cur.settlement, unit.rsplit("/", 1)[-1])
    told = any(x.cas.killed or x.cas.injured for x in cur.sents)
    return told and bool(s.cas.killed or s.cas.injured)


def _region_wide(s: Sentence) -> bool:
    """A toll for the whole oblast after a settlement's ("Ще 9 людей в області поранені", "По
    данным полиции в Донецкой области за сутки погибли трое")."""
    return bool((s.cas.killed or s.cas.injured) and cues.REGION_WIDE_RE.search(s.folded))


def _breakdown_context(s: Sentence, region: Context | None) -> Context:
    """The context of a sentence of a breakdown list: each its own (see ``breakdown``).

    The opening total is a ``total`` context; each listed place and the remainder after the
    list get a context of their own in the oblast of the total unless they name another.
    """
    codes = list(dict.fromkeys(p.code for p in s.places if p.code))
    code = codes[0] if len(codes) == 1 else None
    raw = next((p.raw for p in s.places if p.code == code), None)
    ctx = Context([s], total=s.total, closed=True)
    if s.total:
        ctx.place(code, raw, None)
        return ctx
    sett = next((p for p in s.places if p.settlement), None) if s.item else None
    if region is not None and region.code and sett and sett.code not in {None, region.code}:
        code, sett = None, None  # a namesake in another oblast: the list is about one oblast
    if sett is not None and code in {None, sett.code}:
        ctx.place(code or sett.code, raw or sett.raw, sett.settlement)
    if region is not None and region.code and not ctx.code:
        ctx.place(region.code, region.region_raw, None)
    if s.item and not ctx.settlement and s.places:  # a village no gazetteer knows
        ctx.region_raw = s.places[0].raw
    return ctx


def split_dated(ctxs: list[Context], reported: dt.datetime) -> list[Context]:
    """A toll dated by another day than its context's starts a context of its own.

    "... wounding 13 people on Sept. 21. A guided bomb attack on Sept. 20 injured at least 15
    people": the second toll is a back-reference, its own incident of the same place. So is
    a dated back-reference ("Напомним, 17 сентября россияне ударили по маршрутке ...") whose
    toll may follow in the next sentence, and a past-day summary after a toll of today ("the
    enemy attacked 40 settlements over the past day. Ten people were injured."). The part
    before keeps the context's settlement only if it names it.
    """
    out: list[Context] = []
    today = reported.date()
    for ctx in ctxs:
        day: dt.date | None = None
        cur = ctx
        out.append(cur)
        for k, s in enumerate(ctx.sents):
            when = resolve_time(s.folded, reported) or _summary_after_toll(ctx.sents, k, reported)
            if when is None:
                continue
            apart = _dated_apart(ctx.sents, k, when.phrase, dated=day is not None)
            if k and when.date != (day or today) and apart:
                rest = ctx.sents[k:]
                del cur.sents[k:]
                cur = Context(list(rest), ctx.code, ctx.region_raw, ctx.settlement, ctx.ambiguous)
                cur.covers = when if when.phrase == _PAST_DAY else None
                cur.settlement = None if oblast_summary(bool(cur.covers), s) else cur.settlement
                out.append(cur)
                if not any(same_settlement(p.settlement, ctx.settlement)
                           for x in ctx.sents for p in x.places if p.settlement):  # fmt: skip
                    ctx.settlement = None
                break
            day = day or when.date
    return out


_PAST_DAY = "past day"


def _summary_after_toll(sents: list[Sentence], k: int, reported: dt.datetime) -> TimeReading | None:
    """The day a past-day summary covers, when it follows a toll of its context's own.

    "A boy and a woman were injured. ... the enemy attacked 40 settlements over the past
    day. Ten people were injured.": the summary is the oblast's day, not a revision of the
    toll before it. Published in the morning it covers the day before (see
    ``docs/bulletin_labelling.md``), else the day of publication.
    """
    s = sents[k]
    if not (summary_place(s) and lx.PAST_DAY_RE.search(s.folded)):
        return None
    if not any(x.cas.killed or x.cas.injured for x in sents[:k]):
        return None
    local = to_kyiv(reported)
    back = 1 if local.hour < 12 else 0
    return TimeReading(local.date() - dt.timedelta(days=back), None, _PAST_DAY)


#: A time phrase that is a clock time only ("близько 13:20"), not a calendar date.
_CLOCK_ONLY = re.compile(r"\d[:.]\d\d$")


def _dated_apart(sents: list[Sentence], k: int, phrase: str, dated: bool = False) -> bool:
    """Whether sentence ``k``, dated by ``phrase`` to another day, tells a toll of its own
    (or, after a toll or damage its context ``dated`` by a time phrase of its own, a hit
    "yesterday": the strike of another day on the same place)."""
    s = sents[k]
    counted = s.cas.killed is not None or s.cas.injured is not None
    nxt = sents[k + 1] if k + 1 < len(sents) else None
    follows = nxt is not None and not nxt.places and bool(nxt.cas.killed or nxt.cas.injured)
    told = s.strike or s.damage or bool(cues.HIT_ON_RE.search(s.folded))
    if any(ch.isdigit() for ch in phrase):  # "on Sept. 20", "23 вересня", "близько 13:20"
        told = told and not _CLOCK_ONLY.search(phrase)  # a clock time alone dates no strike
        # a dated past day's strike on a place of its own ("за минувшие сутки, 27 октября, ...
        # выпустили по Херсону 20 снарядов"): that day's incident, even with no toll
        own_day = told and bool(s.places) and bool(lx.PAST_DAY_RE.search(s.folded))
        return counted or own_day or (follows and (told or bool(cues.BACKREF_RE.search(s.folded))))
    if DAY_EARLIER_RE.search(phrase):  # "the day before", "cu o zi înainte", "накануне"
        return counted or (follows and told)
    if dated and another_day(s, phrase) and any(x.cas.any for x in sents[:k]):
        return True  # "Doi oameni au fost răniți ... tot ieri a lovit": yesterday's own hit
    return bool(lx.PAST_DAY_RE.search(s.folded)) and (counted or follows)


def carry_damage(sents: list[Sentence]) -> None:
    """A clause of a bracketed damage list takes the damage verb of the clause before it.

    "пошкоджено 5 будинків (с. A), гараж (с. B)": the garage in B is damaged as well.
    """
    for prev, s in zip(sents, sents[1:], strict=False):
        if prev.damage and prev.text.endswith("),") and s.places and not s.cas.any:
            s.damage = True


def canonical_places(sents: list[Sentence]) -> None:
    """Settlements in KMU 2010 Latin with their oblast, resolved by the oblasts the update names.

    A toll told over a list of settlements keeps their oblast and no settlement.
    """
    for s in sents:
        s.places = bullet_head(s.text, s.places)  # "• Корюківка: ...": that item's place
    codes = frozenset(p.code for s in sents for p in s.places if p.code)
    for s in sents:
        s.places = near_places(s.text, [canonical_place(p, codes) for p in s.places], s.folded)
        if (s.cas.killed or s.cas.injured) and (shared := shared_places(s.text, s.places)):
            s.shared, s.places = True, shared  # "in A and B, 3 hurt": neither


def inherit_oblast(ctxs: list[Context], sents: list[Sentence]) -> None:
    """Contexts with a settlement but no oblast take the oblast when the update names only one."""
    codes = {p.code for s in sents for p in s.places if p.code}
    if len(codes) != 1:
        return
    (code,) = codes
    raw = next(p.raw for s in sents for p in s.places if p.code == code)
    for ctx in ctxs:
        if ctx.settlement and not ctx.code:
            ctx.code = code
            ctx.region_raw = ctx.region_raw or raw


def opens_daily_total(ctx: Context, itemised: bool = False) -> bool:
    """Whether a context is one oblast's count with no settlement of its own: a past-day
    count, or (``itemised``: the update gives tolls for two or more settlements) any toll."""
    first = ctx.sents[0] if ctx.sents else None
    return bool(
        first and ctx.code and not ctx.settlement and first.cas.any
        and (lx.PAST_DAY_RE.search(first.folded)
             or (itemised and (first.cas.killed or first.cas.injured)))
    )  # fmt: skip


def _itemised(sents: list[Sentence]) -> bool:
    """Whether two or more different settlements have a toll of their own: in the sentence
    naming the settlement, or in the placeless sentence after one naming it with a strike."""
    names = set()
    for k, s in enumerate(sents):
        sett = next((p.settlement or p.unit for p in s.places if p.settlement or p.unit), None)
        nxt = sents[k + 1] if k + 1 < len(sents) else None
        told = bool(s.cas.killed or s.cas.injured) or (
            s.strike and nxt is not None and not nxt.places
            and bool(nxt.cas.killed or nxt.cas.injured)
        )  # fmt: skip
        if sett and told:
            names.add(sett)
    return len(names) >= 2


def mark_daily_total(ctxs: list[Context]) -> None:
    """An opening count for one oblast, itemised below by settlement, is a total.

    "У Херсонській області за минулу добу загинули двоє людей, ще 14 поранені. ... У
    Станіславі загинула жінка ...": the opening counts sum the settlements that follow. What
    the total counts of a kind no settlement counts ("three killed and five injured", then
    one killed in A and two in B, no injured named) is the oblast's remainder: a context of
    its own (five injured in the oblast, no settlement).
    """
    # the first context, past a placeless headline already marked total ("П'ятеро поранених")
    k = next((i for i, c in enumerate(ctxs) if c.sents and (c.code or not c.total)), 0)
    first = ctxs[k] if ctxs else None
    if first is None or not opens_daily_total(first, itemised=True):
        return
    daily = opens_daily_total(first)
    items = [
        c for c in ctxs[k + 1 :]
        if (c.settlement or c.unit) and c.code == first.code
        and any(s.cas.any if daily else (s.cas.killed or s.cas.injured) for s in c.sents)
    ]  # fmt: skip
    rest = [c for c in ctxs[k + 1 :] if c.closed and not c.settlement and c.code == first.code]
    if not items or len(items) + len(rest[:1]) < 2:  # the oblast's rest, told after a place
        return
    first.total = True
    left = _remainder(first, items + rest)
    if left is not None:
        ctxs.append(left)


def itemised_rest(ctxs: list[Context]) -> None:
    """An oblast-wide count itemised by the settlements after it counts nothing of its own.

    "Ещё 14 человек в области получили ранения. ... В Константиновке 10 ранены, в Ямполе
    ранен человек, ...": the 14 are the people listed after it. A kind no later settlement
    counts stays ("Ще 9 людей в області поранені" with no list after it).
    """
    for k, ctx in enumerate(ctxs):
        if not (ctx.closed and ctx.code and not ctx.settlement) or ctx.total:
            continue
        if any(s.item for s in ctx.sents):  # a listed place of a breakdown, not the rest
            continue
        later = [context_toll(c) for c in ctxs[k + 1 :] if c.settlement and c.code == ctx.code]
        told = [any(t[i] is not None for t in later) for i in (0, 1)]
        if not any(told):
            continue
        ctx.sents = [
            replace(s, cas=replace(
                s.cas, killed=None if told[0] else s.cas.killed,
                injured=None if told[1] else s.cas.injured,
            ))
            for s in ctx.sents
        ]  # fmt: skip
        ctx.total = not any(s.cas.killed or s.cas.injured for s in ctx.sents)


def context_toll(ctx: Context) -> tuple[int | None, int | None]:
    """Killed and injured over a context's sentences (NULL where none of them counts)."""
    killed = injured = None
    for s in ctx.sents:
        killed = combine(killed, s.cas.killed)
        injured = combine(injured, s.cas.injured)
    return killed, injured


def _remainder(total: Context, items: list[Context]) -> Context | None:
    """The counts of an itemised total of a kind that no listed settlement counts, if any."""
    tolls = [context_toll(c) for c in items]
    rest: list[Count | None] = []
    for k, whole in enumerate(context_toll(total)):
        # Only a kind no settlement counts at all: the rest of a partly itemised figure may
        # belong to the listed places ("14 injured ... in Kherson a drone injured five").
        told = any(t[k] is not None for t in tolls)
        rest.append(Count(whole, whole, whole) if whole and not told else None)
    if rest == [None, None]:
        return None
    anchor = next(s for s in total.sents if s.cas.killed or s.cas.injured)
    cas = CasualtyReading(killed=rest[0], injured=rest[1])
    sent = replace(anchor, cas=cas, places=[], remainder=True)
    ctx = Context([sent], total.code, total.region_raw, None, closed=True)
    return ctx


def air_defence_only(ctx: Context) -> bool:
    """ "В Киеве работала ПВО", "a drone was shot down, no one was hurt": air defence at work
    with no one hurt, nothing damaged and nothing named as hit is no incident."""
    sents = ctx.sents
    if not any(cues.AIR_DEFENCE_RE.search(s.folded) for s in sents):
        return False
    if any(cues.DEBRIS_RE.search(s.folded) for s in sents):  # debris fell somewhere: a hit
        return False
    hurt = any((s.cas.killed and s.cas.killed.value) or (s.cas.injured and s.cas.injured.value)
               for s in sents)  # fmt: skip
    damaged = any((s.damage and not cues.NO_DAMAGE_RE.search(s.folded)) or s.target for s in sents)
    return not (hurt or damaged or told_hurt(sents))  # "є загиблі і поранені": someone hurt


def recalled(ctx: Context, reported: dt.datetime) -> TimeReading | None:
    """The date of a back-reference ending a context ("Нагадаємо, 27 липня, громаду
    атакували дрони."): the places told right after it are of that day."""
    for s in reversed(ctx.sents):
        if cues.BACKREF_RE.search(s.folded):
            return resolve_time(s.folded, reported)
    return None
