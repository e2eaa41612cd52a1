"""News bulletins to candidate incidents: rule-based, offline, in Ukrainian, Russian, English, Romanian.

A live-blog page or an official post is split into updates ("UPDATE 08:20", "ACTUALIZARE
09:15", "Оновлено о 10:30", the initial story), each update into sentences, and the sentences
into *contexts*: runs of sentences about one place (a sentence naming a new oblast or
settlement starts a new context). A context that reports a strike becomes an incident; a
context in a later update that names the same place and date, or no place at all, revises
the incident it follows (same ``incident_id``), so each update becomes a new revision.

Counts follow :mod:`analytics.bulletins.casualties` (restatements do not add up, "another" does, "rose
to" sets, "one of the wounded died" moves one person from injured to killed); places come
from the gazetteer (:func:`analytics.reference.oblasts.find_oblasts`), never guessed; dates from
:mod:`analytics.bulletins.timephrases` in Kyiv time. Every row carries the sentence it came from (span
and quoted text) and a confidence; rows below the threshold carry a ``quarantine_reason``.

``occurred_at`` and ``reported_at`` are naive UTC; ``occurred_on`` is the Kyiv calendar date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace

import polars as pl

import analytics.bulletins.lexicon as lx
from analytics.bulletins.casualties import CasualtyReading, Count, combine, read_casualties
from analytics.bulletins.numbers import fold
from analytics.bulletins.places import (
    Place,
    canonical_place,
    find_places,
    normalize_settlement,
    same_settlement,
)
from analytics.bulletins.timephrases import (
    KYIV,
    TimeReading,
    after_publication,
    earlier_year,
    resolve_time,
    to_kyiv,
)
from analytics.bulletins.updates import Update, mask_datelines, split_sentences, split_updates
from analytics.schema import INCIDENT_COLUMNS

__all__ = [
    "BULLETIN_COLUMNS",
    "DEFAULT_THRESHOLD",
    "EXTRA_COLUMNS",
    "MAX_BULLETIN_CHARS",
    "BulletinTooLarge",
    "check_size",
    "extract_incidents",
]

DEFAULT_THRESHOLD = 0.5

#: The longest bulletin read, in characters (1,000,000: about 1 MB of Latin text, 2 MB of
#: Cyrillic UTF-8). Real bulletins and live-blog pages are a few thousand characters; the
#: limit keeps a hostile or broken file from holding the extractor for long (extraction time
#: grows linearly with the text, about 10 s per million characters on one core).
MAX_BULLETIN_CHARS = 1_000_000


class BulletinTooLarge(ValueError):
    """A bulletin longer than :data:`MAX_BULLETIN_CHARS`; nothing is extracted from it."""

    def __init__(self, name: str, size: int, limit: int = MAX_BULLETIN_CHARS) -> None:
        self.name, self.size, self.limit = name, size, limit
        super().__init__(
            f"bulletin {name} has {size:,} characters, more than the limit of {limit:,}: "
            "split it into its separate bulletins or updates"
        )


def check_size(text: str, name: str | None = None, limit: int = MAX_BULLETIN_CHARS) -> None:
    """Raise :class:`BulletinTooLarge` when ``text`` is longer than ``limit`` characters.

    Examples
    --------
    >>> check_size("Two were injured.", "news.txt")
    >>> check_size("x" * 11, "news.txt", limit=10)
    Traceback (most recent call last):
    ...
    analytics.bulletins.extract.BulletinTooLarge: bulletin news.txt has 11 characters, more than the limit of 10: split it into its separate bulletins or updates
    """
    if len(text) > limit:
        raise BulletinTooLarge(name or "(unnamed)", len(text), limit)


#: Extraction columns added to the canonical incident columns.
EXTRA_COLUMNS: dict[str, pl.DataType] = {
    "lang": pl.String(),
    "confidence": pl.Float64(),
    "span_start": pl.Int64(),
    "span_end": pl.Int64(),
    "update_index": pl.Int64(),
    "settlement_normalized": pl.String(),
    "quarantine_reason": pl.String(),
}
BULLETIN_COLUMNS: dict[str, pl.DataType] = {**INCIDENT_COLUMNS, **EXTRA_COLUMNS}


@dataclass
class _Sent:
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


def _analyse(
    text: str, start: int, end: int, lang: str, masked: str | None = None,
    published: dt.date | None = None,
) -> _Sent:  # fmt: skip
    body = text[start:end]
    folded = fold(body if masked is None else masked[start:end])
    attacker = bool(lx.ATTACKER_LOSSES_RE.search(folded))  # the attacker's own losses
    cas = read_casualties("" if attacker else folded, lang)
    weapons = lx.find_weapons(folded)
    damage = bool(lx.DAMAGE_RE.search(folded))
    counted = cas.killed is not None or cas.injured is not None or cas.transfer > 0
    target = lx.find_target(folded)
    non_event = (
        (bool(lx.NON_EVENT_RE.search(folded)) and not counted)
        or bool(lx.CUMULATIVE_RE.search(folded))
        or attacker
        or (published is not None and earlier_year(folded, published))
    )
    strike = (bool(lx.STRIKE_RE.search(folded)) or bool(weapons)) and not non_event
    return _Sent(
        start=start, end=end, text=body, folded=folded, cas=cas,
        places=find_places(body if masked is None else masked[start:end]),
        strike=strike, event=bool(lx.EVENT_RE.search(folded)), damage=damage,
        non_event=non_event, weapons=weapons, target=target if strike else None,
        civilian=bool(lx.CIVILIAN_RE.search(folded)), hedge=bool(lx.HEDGE_RE.search(folded)),
    )  # fmt: skip


@dataclass
class _Context:
    sents: list[_Sent] = field(default_factory=list)
    code: str | None = None
    region_raw: str | None = None
    settlement: str | None = None
    ambiguous: bool = False
    total: bool = False  # the sum over the regions of a roundup, not an incident

    def place(self, code: str | None, raw: str | None, settlement: str | None) -> None:
        if code and not self.code:
            self.code = code
            if raw and (not self.region_raw or self.region_raw == self.settlement):
                self.region_raw = raw
        if settlement and not self.settlement:
            self.settlement = settlement
        if not self.region_raw:
            self.region_raw = raw

    def fits(self, code: str | None, settlement: str | None) -> bool:
        if code and self.code and code != self.code:
            return False
        return same_settlement(self.settlement, settlement)

    @property
    def placed(self) -> bool:
        return bool(self.code or self.settlement)


def _is_roundup(sents: list[_Sent]) -> bool:
    """Whether an update goes region by region: sentences naming different single oblasts."""
    codes = set()
    for s in sents:
        own = {p.code for p in s.places if p.code}
        if len(own) == 1:
            codes |= own
    return len(codes) > 1


def _contexts(sents: list[_Sent]) -> list[_Context]:
    """Group sentences into contexts, one per place.

    In a region-by-region roundup, an opening sentence with counts but no place is the total
    of the regions that follow: it stays a context of its own (``total``) instead of being
    adopted by the first region.
    """
    ctxs: list[_Context] = []
    cur: _Context | None = None
    roundup = _is_roundup(sents)
    for s in sents:
        codes = list(dict.fromkeys(p.code for p in s.places if p.code))
        sett = next((p.settlement for p in s.places if p.settlement), None)
        sett_place = next((p for p in s.places if p.settlement), None)
        if len(codes) > 1:
            if cur is not None and cur.code in codes:
                cur.sents.append(s)
                continue
            if s.cas.killed or s.cas.injured:
                cur = _Context([s], None, ", ".join(p.raw for p in s.places), None, True)
                ctxs.append(cur)
                continue
            codes, sett = [], None
        if codes or sett:
            code = codes[0] if codes else (sett_place.code if sett_place else None)
            raw = next((p.raw for p in s.places if p.code == code), sett)
            if sett_place is not None and code and sett_place.code not in {None, code}:
                sett = None
            target = None
            if cur is not None and not cur.placed and roundup and any(x.cas.any for x in cur.sents):
                cur.total = True
            elif cur is not None and sett and _opens_daily_total(cur):
                target = None  # a settlement itemised under the region's past-day total
            elif cur is not None and (cur.fits(code, sett) or not cur.placed):
                target = cur
            else:
                target = next(
                    (c for c in ctxs if c.placed and c.fits(code, sett)
                     and not (sett and _opens_daily_total(c))),
                    None,
                )  # fmt: skip
                if target is not None and target.settlement and sett is None and cur is not None:
                    target = None if cur.fits(code, None) else target
            if target is None:
                target = _Context()
                ctxs.append(target)
            target.place(code, raw, sett)
            target.sents.append(s)
            cur = target
        else:
            if cur is None:
                cur = _Context()
                ctxs.append(cur)
            cur.sents.append(s)
    return ctxs


@dataclass
class _Incident:
    key: str
    code: str | None
    region_raw: str | None
    settlement: str | None
    occurred_on: dt.date
    clock: dt.time | None = None
    explicit_time: bool = False
    strike_type: str = "unknown"
    weapon: str | None = None
    tier: int = 9
    target: str | None = None
    killed: int | None = None
    killed_extra: int | None = 0  # killed_high - killed; None when open-ended ("at least")
    injured: int | None = None
    civilian: bool | None = None
    strike: bool = False
    damage: bool = False
    hedge: bool = False
    ambiguous: bool = False
    touched: int = 0
    wound_deaths: int = 0  # deaths of wounded people the text has told so far


def _incident_key(url: str | None, code: str | None, sett: str | None, day: dt.date) -> str:
    raw = "|".join([url or "", code or "", normalize_settlement(sett) or "", day.isoformat()])
    return hashlib.sha1(raw.encode()).hexdigest()[:12]


def _best_weapon(sents: list[_Sent]) -> tuple[str, str, int] | None:
    found = [(k, n, p, w, t) for n, s in enumerate(sents) for p, w, t, k in s.weapons]
    if not found:
        return None
    _, _, _, w, t = min(found)
    tier = min(found)[0]
    return w, t, tier


def _mixed(s: _Sent) -> bool:
    return len({t for _, _, t, k in s.weapons if k < 2}) > 1


def _apply(inc: _Incident, ctx: _Context, intro: list[_Sent]) -> None:
    """Update an incident with what one context of one update says."""
    for s in ctx.sents:
        c = s.cas
        moved = _moved_by(inc, c)
        if moved:
            inc.killed = (inc.killed or 0) + moved
            if inc.injured is not None:
                inc.injured = max(inc.injured - moved, 0)
        if c.killed is not None:
            before = inc.killed
            inc.killed = combine(inc.killed, c.killed)
            if inc.killed != before or c.killed.op == "set":
                k = c.killed
                inc.killed_extra = None if k.high is None else k.high - k.low
        inc.injured = combine(inc.injured, _relative(c.injured, s, ctx.sents))
        if c.wound_deaths and not c.transfer and (inc.killed or 0) >= c.wound_deaths:
            inc.wound_deaths = max(inc.wound_deaths, c.wound_deaths)  # told within the toll
    if any(s.cas.no_killed for s in ctx.sents) and inc.killed is None:
        inc.killed = 0
    if any(s.cas.no_injured for s in ctx.sents) and inc.injured is None:
        inc.injured = 0
    # A sentence naming several kinds of weapon ("90 drones and 3 missiles") says which one hit
    # here only if it is itself about this place or these casualties.
    single = [s for s in ctx.sents if not _mixed(s)]
    own = [s for s in ctx.sents if _mixed(s) and s.cas.any]
    best = _best_weapon(single) or _best_weapon(own)
    if best is None and not any(_mixed(s) or _summary(s) for s in intro):
        best = _best_weapon(intro)
    if best and best[2] < min(inc.tier, 2):  # "shelling" alone names no kind of weapon
        inc.weapon, inc.strike_type, inc.tier = best
    inc.target = inc.target or next((s.target for s in ctx.sents if s.target), None)
    if any(s.civilian for s in ctx.sents):
        inc.civilian = True
    inc.strike = inc.strike or any(s.strike for s in ctx.sents)
    inc.damage = inc.damage or any(s.damage for s in ctx.sents)
    inc.hedge = inc.hedge or any(s.hedge for s in ctx.sents)
    inc.ambiguous = inc.ambiguous or ctx.ambiguous
    if ctx.code and not inc.code:
        inc.code, inc.region_raw = ctx.code, ctx.region_raw
    if ctx.settlement and not inc.settlement:
        inc.settlement = ctx.settlement
    inc.region_raw = inc.region_raw or ctx.region_raw


def _relative(count: Count | None, s: _Sent, sents: list[_Sent]) -> Count | None:
    """ "Одна людина загинула. Ще 8 людей постраждали.": "ще" counts on from the dead.

    An additive injured count right after a sentence about the dead alone adds to nothing
    already told about the injured, so it is read as a plain figure.
    """
    if count is None or count.op != "add":
        return count
    k = next((i for i, x in enumerate(sents) if x is s), 0)
    prev = sents[k - 1].cas if k else None
    if prev is not None and prev.mentions_killed and not prev.mentions_injured:
        return replace(count, op="max")
    return count


def _moved_by(inc: _Incident, c: CasualtyReading) -> int:
    """How many people a "died of wounds" sentence moves from injured to killed.

    Only deaths the incident has not told yet: a lead "one killed and three injured" whose
    killed man "was taken to hospital, but died" already counts him, so a later update "the
    wounded man died in hospital" restates that death instead of adding one. "Another of
    the wounded died" is always a new death.
    """
    if not c.transfer:
        return 0
    moved = c.transfer if c.another else max(c.transfer - inc.wound_deaths, 0)
    inc.wound_deaths += moved
    return moved


def _confidence(inc: _Incident) -> tuple[float, list[str]]:
    """Confidence in 0..1 from what the text supports, and the list of what it lacks.

    A strike named: 0.25; oblast resolved: 0.3; casualties stated (a count or "no
    casualties"): 0.25, or else damage or a target: 0.15; strike type known: 0.1; an explicit
    time phrase: 0.1; hedged wording ("reportedly", "попередньо"): -0.15. So a report without
    an oblast is accepted only if it states casualties or damage *and* a strike type or time.
    """
    score, missing = 0.0, []
    if inc.strike:
        score += 0.25
    else:
        missing.append("no strike named")
    if inc.code:
        score += 0.3
    else:
        missing.append("oblast not stated" if not inc.ambiguous else "several oblasts")
    if inc.killed is not None or inc.injured is not None:
        score += 0.25
    elif inc.damage or inc.target:
        score += 0.15
    else:
        missing.append("no casualties, damage or target")
    if inc.strike_type != "unknown":
        score += 0.1
    else:
        missing.append("strike type unknown")
    if inc.explicit_time:
        score += 0.1
    else:
        missing.append("no time phrase")
    if inc.hedge:
        score -= 0.15
        missing.append("hedged wording")
    return round(min(max(score, 0.0), 1.0), 2), missing


def _anchor(ctx: _Context) -> _Sent:
    for test in (
        lambda s: s.cas.killed or s.cas.injured or s.cas.transfer,
        lambda s: s.strike,
        lambda s: True,
    ):
        hit = next((s for s in ctx.sents if test(s)), None)
        if hit is not None:
            return hit
    raise ValueError("empty context")  # pragma: no cover


def _time_of(sents: list[_Sent], reported: dt.datetime) -> TimeReading | None:
    """The first time phrase, taken from a sentence reporting the strike when one has it."""
    for s in sorted(sents, key=lambda s: not s.strike):
        r = resolve_time(s.folded, reported)
        if r is not None:
            return r
    return None


def extract_incidents(
    text: str,
    *,
    published_at: dt.datetime | str,
    url: str | None = None,
    lang: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> pl.DataFrame:
    """Extract candidate incidents from the text of a news bulletin or official post.

    Parameters
    ----------
    text
        The bulletin text, possibly holding several updates.
    published_at
        When the page was published (tz-aware, or naive UTC; an ISO 8601 string is accepted).
    url
        Source URL (kept in ``source_url`` and part of ``incident_id``).
    lang
        ``"uk"``, ``"ru"``, ``"en"`` or ``"ro"``; detected from the text when None.
    threshold
        Rows with a confidence below this get a ``quarantine_reason``.

    Raises
    ------
    BulletinTooLarge
        When the text is longer than :data:`MAX_BULLETIN_CHARS` (named by ``url``).

    Returns
    -------
    pl.DataFrame
        One row per (incident, update) version in chronological order, with the columns of
        :data:`BULLETIN_COLUMNS`; empty when the text reports no strike.

    Examples
    --------
    >>> import datetime as dt
    >>> df = extract_incidents(
    ...     "Two people were injured when a guided bomb hit a residential building in "
    ...     "Kharkiv region overnight, the governor said.",
    ...     published_at=dt.datetime(2025, 3, 14, 6, 30),
    ... )
    >>> df.select("oblast_code", "injured", "strike_type", "occurred_on").row(0)
    ('UA-63', 2, 'air_strike', datetime.date(2025, 3, 14))
    """
    check_size(text, url)
    if isinstance(published_at, str):
        published_at = dt.datetime.fromisoformat(published_at)
    lang = lang or lx.detect_language(text)
    incidents: list[_Incident] = []
    rows: list[dict[str, object]] = []
    touch = 0
    masked = mask_datelines(text)
    day0 = to_kyiv(published_at).date()
    for up in split_updates(text, published_at):
        sents = [
            _analyse(text, a, b, lang, masked, day0)
            for a, b in split_sentences(text, up.start, up.end)
        ]
        if not sents:
            continue
        _canonical_places(sents)
        _carry_damage(sents)
        ctxs = _split_dated(_contexts(sents), up.reported_at)
        _inherit_oblast(ctxs, sents)
        _mark_daily_total(ctxs)
        intro = ctxs[0].sents if ctxs and not ctxs[0].placed else sents[:1]
        # Settlements itemised under a strike report's opening total are parts of that strike.
        intro_strike = any(s.strike for c in ctxs if c.total for s in c.sents) or any(
            s.strike for s in intro
        )
        seg_time = _time_of(intro, up.reported_at)
        last: _Incident | None = None
        for ctx in ctxs:
            relevant = any(s.strike or s.cas.any or s.damage for s in ctx.sents)
            if not relevant or ctx.total:
                continue
            own_time = _time_of(ctx.sents, up.reported_at)
            when = own_time or seg_time
            if when and after_publication(
                when, [x.folded for x in ctx.sents + intro], up.reported_at
            ):
                continue
            inc = _link(incidents, ctx, own_time)
            if inc is None:
                carried = last is not None and last.strike and _continues(ctx, sents)
                if not (_is_new_strike(ctx, intro_strike) or carried):
                    continue
                day = when.date if when else to_kyiv(up.reported_at).date()
                key = _incident_key(url, ctx.code, ctx.settlement, day)
                inc = next((i for i in incidents if i.key == key), None)
                if inc is None:
                    inc = _Incident(key, ctx.code, ctx.region_raw, ctx.settlement, day)
                    if when is not None:
                        inc.clock, inc.explicit_time = when.clock, True
                    inc.strike = intro_strike or carried
                    incidents.append(inc)
            _apply(inc, ctx, intro)
            last = inc
            touch += 1
            inc.touched = touch
            rows.append(_row(inc, ctx, up, url, lang, threshold))
    if not rows:
        return pl.DataFrame(schema=BULLETIN_COLUMNS)
    return pl.DataFrame(rows, schema=BULLETIN_COLUMNS, orient="row")


def _continues(ctx: _Context, sents: list[_Sent]) -> bool:
    """Whether a context with a toll is the next clause of a semicolon list of places.

    "у с. A внаслідок обстрілу постраждав чоловік; в м. B постраждали дві жінки": the strike
    named in the first clause covers the places of the clauses after it.
    """
    first = ctx.sents[0]
    k = next((i for i, s in enumerate(sents) if s.start == first.start), 0)
    counted = any(s.cas.killed or s.cas.injured for s in ctx.sents)
    return k > 0 and counted and sents[k - 1].text.rstrip().endswith(";")


def _is_new_strike(ctx: _Context, intro_strike: bool) -> bool:
    """A context starts a new incident when it reports a strike with some substance.

    A strike word alone ("attack", "hit") is not enough: it needs casualties, damage, a
    target or a named weapon kind. Casualty counts under an introductory strike sentence
    ("Over the day the enemy shelled the region 48 times. In X two people were injured.")
    count as well.
    """
    counted = any(s.cas.killed or s.cas.injured or s.cas.no_killed for s in ctx.sents)
    if any(s.strike for s in ctx.sents):
        return counted or any(
            s.cas.any or s.damage or s.target or any(k <= 1 for *_, k in s.weapons)
            for s in ctx.sents
            if s.strike
        )
    # "В Яровой повреждены 4 дома": damage to a named settlement under a strike report
    damaged = bool(ctx.settlement) and any(s.damage for s in ctx.sents)
    return intro_strike and (counted or damaged)


def _split_dated(ctxs: list[_Context], reported: dt.datetime) -> list[_Context]:
    """A toll dated by a calendar date other than its context's day starts a context of its own.

    "... wounding 13 people on Sept. 21. A guided bomb attack on Sept. 20 injured at least 15
    people": the second toll is a back-reference, its own incident of the same place.
    """
    out: list[_Context] = []
    for ctx in ctxs:
        day: dt.date | None = None
        cur = ctx
        out.append(cur)
        for k, s in enumerate(ctx.sents):
            when = resolve_time(s.folded, reported)
            if when is None:
                continue
            counted = s.cas.killed is not None or s.cas.injured is not None
            dated = any(ch.isdigit() for ch in when.phrase)  # "on Sept. 20", "23 вересня"
            if day is not None and when.date != day and counted and dated and cur.sents[0] is not s:
                rest = ctx.sents[k:]
                del cur.sents[cur.sents.index(s) :]
                cur = _Context(list(rest), ctx.code, ctx.region_raw, ctx.settlement, ctx.ambiguous)
                out.append(cur)
                break
            day = day or when.date
    return out


def _carry_damage(sents: list[_Sent]) -> None:
    """A clause of a bracketed damage list takes the damage verb of the clause before it.

    "пошкоджено 5 будинків (с. A), гараж (с. B)": the garage in B is damaged as well.
    """
    for prev, s in zip(sents, sents[1:], strict=False):
        if prev.damage and prev.text.endswith("),") and s.places and not s.cas.any:
            s.damage = True


def _canonical_places(sents: list[_Sent]) -> None:
    """Settlements in KMU 2010 Latin with their oblast, resolved by the oblasts the update names."""
    codes = frozenset(p.code for s in sents for p in s.places if p.code)
    for s in sents:
        s.places = [canonical_place(p, codes) for p in s.places]


def _inherit_oblast(ctxs: list[_Context], sents: list[_Sent]) -> None:
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


def _summary(s: _Sent) -> bool:
    """A past-day summary with no place ("Последствия обстрелов за сутки") types no place."""
    return not s.places and bool(lx.PAST_DAY_RE.search(s.folded))


def _opens_daily_total(ctx: _Context) -> bool:
    """Whether a context is one oblast's past-day count with no settlement of its own."""
    first = ctx.sents[0] if ctx.sents else None
    return bool(
        first and ctx.code and not ctx.settlement and first.cas.any
        and lx.PAST_DAY_RE.search(first.folded)
    )  # fmt: skip


def _mark_daily_total(ctxs: list[_Context]) -> None:
    """An opening past-day count for one oblast, itemised below by settlement, is a total.

    "У Херсонській області за минулу добу загинули двоє людей, ще 14 поранені. ... У
    Станіславі загинула жінка ...": the opening counts sum the settlements that follow.
    """
    first = next((c for c in ctxs if c.sents), None)
    if first is None or not _opens_daily_total(first):
        return
    items = [
        c for c in ctxs[1:]
        if c.settlement and c.code == first.code and any(s.cas.any for s in c.sents)
    ]  # fmt: skip
    if len(items) >= 2:
        first.total = True


def _link(incidents: list[_Incident], ctx: _Context, own: TimeReading | None) -> _Incident | None:
    """The earlier incident this context revises, if any."""
    if not incidents:
        return None
    ordered = sorted(incidents, key=lambda i: i.touched, reverse=True)
    if not ctx.placed:
        return ordered[0]
    for inc in ordered:
        if ctx.code and inc.code and ctx.code != inc.code:
            continue
        if not (inc.code or inc.settlement) and ctx.code:
            continue
        if not same_settlement(inc.settlement, ctx.settlement):
            continue
        if ctx.settlement and not inc.settlement and _reports_anew(ctx):
            continue  # "In Izium, a shell hit a house": another place, not a refinement
        if own is not None and own.date != inc.occurred_on:
            continue
        if _conflicts(inc, ctx):
            continue
        return inc
    if ctx.code and not _reports_anew(ctx) and not any(s.strike for s in ctx.sents):
        # "Authorities in Sumy corrected the toll": a revision that names the city of a
        # region where an incident was reported, without reporting a strike of its own.
        return next((i for i in ordered if i.code == ctx.code), None)
    return None


def _reports_anew(ctx: _Context) -> bool:
    """Whether a context states casualties or damage of its own (not only a transfer)."""
    return any(
        (s.cas.killed and s.cas.killed.op != "set") or (s.cas.injured and s.cas.injured.op != "set")
        or s.damage
        for s in ctx.sents
        if not s.cas.transfer
    )  # fmt: skip


def _conflicts(inc: _Incident, ctx: _Context) -> bool:
    """A context that names another weapon kind or target than the incident is another strike."""
    best = _best_weapon(ctx.sents)
    if best and inc.strike_type != "unknown" and best[1] != inc.strike_type and best[2] < 2:
        return True
    target = next((s.target for s in ctx.sents if s.target), None)
    return bool(target and inc.target and target != inc.target and ctx.settlement)


def _row(
    inc: _Incident, ctx: _Context, up: Update, url: str | None, lang: str, threshold: float
) -> dict[str, object]:
    anchor = _anchor(ctx)
    conf, missing = _confidence(inc)
    occurred_at = None
    if inc.clock is not None:
        local = dt.datetime.combine(inc.occurred_on, inc.clock, tzinfo=KYIV)
        occurred_at = local.astimezone(dt.UTC).replace(tzinfo=None)
    reason = None
    if conf < threshold:
        reason = f"confidence {conf:.2f} below {threshold:.2f}: " + "; ".join(missing)
    elif inc.code is None:
        # Every incident is in one oblast; a toll without one is a strike outside Ukraine's
        # oblasts (Belgorod, Kursk), a total over several oblasts, or a place never stated.
        reason = "no oblast: " + ("several oblasts" if inc.ambiguous else "place outside the "
                                  "oblasts or not stated")  # fmt: skip
    return {
        "incident_id": f"bulletin:{inc.key}",
        "source": "bulletin",
        "source_event_id": inc.key,
        "occurred_on": inc.occurred_on,
        "occurred_at": occurred_at,
        "oblast_code": inc.code,
        "region_raw": inc.region_raw,
        "settlement": inc.settlement,
        "latitude": None,
        "longitude": None,
        "strike_type": inc.strike_type,
        "weapon": inc.weapon,
        "target_type": inc.target,
        "killed": inc.killed,
        "killed_low": inc.killed,
        "killed_high": _high(inc),
        "injured": inc.injured,
        "civilian": inc.civilian,
        "reported_at": up.reported_at.replace(tzinfo=None),
        "source_url": url,
        "notes": f"“{anchor.text}”",
        "lang": lang,
        "confidence": conf,
        "span_start": anchor.start,
        "span_end": anchor.end,
        "update_index": up.index,
        "settlement_normalized": normalize_settlement(inc.settlement),
        "quarantine_reason": reason,
    }


def _high(inc: _Incident) -> int | None:
    if inc.killed is None or inc.killed_extra is None:
        return None
    return inc.killed + inc.killed_extra
