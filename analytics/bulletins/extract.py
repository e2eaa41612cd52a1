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
from dataclasses import dataclass, replace

import polars as pl

import analytics.bulletins.lexicon as lx
from analytics.bulletins.casualties import CasualtyReading, Count, combine
from analytics.bulletins.clauses import split_contrasts
from analytics.bulletins.contexts import (
    Context,
    Sentence,
    air_defence_only,
    analyse_sentence,
    carry_damage,
    group_contexts,
    inherit_oblast,
    recalled,
    split_dated,
)
from analytics.bulletins.corrections import carry_figures, restates_death
from analytics.bulletins.incident_cues import damage_after, no_hit, summary_list
from analytics.bulletins.incident_units import other_unit, unit_under_strike
from analytics.bulletins.lead_totals import mark_totals
from analytics.bulletins.non_events20 import untold_unit
from analytics.bulletins.places import normalize_settlement, same_settlement
from analytics.bulletins.roundup24 import split_lists
from analytics.bulletins.scope import keep_in_scope
from analytics.bulletins.sentences27 import prepare_sentences
from analytics.bulletins.timephrases import (
    KYIV,
    TimeReading,
    after_publication,
    resolve_time,
    to_kyiv,
)
from analytics.bulletins.updates import Update, mask_datelines, split_sentences, split_updates
from analytics.bulletins.zero_tolls import spread_no_casualties
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
    unit: str | None = None  # the raion or hromada of an incident with no settlement


def _incident_key(url: str | None, code: str | None, sett: str | None, day: dt.date) -> str:
    raw = "|".join([url or "", code or "", normalize_settlement(sett) or "", day.isoformat()])
    return hashlib.sha1(raw.encode()).hexdigest()[:12]


def _best_weapon(sents: list[Sentence]) -> tuple[str, str, int] | None:
    found = [(k, n, p, w, t) for n, s in enumerate(sents) for p, w, t, k in s.weapons]
    if not found:
        return None
    _, _, _, w, t = min(found)
    tier = min(found)[0]
    return w, t, tier


def _mixed(s: Sentence) -> bool:
    return len({t for _, _, t, k in s.weapons if k < 2}) > 1


def _apply(inc: _Incident, ctx: Context, intro: list[Sentence]) -> None:
    """Update an incident with what one context of one update says."""
    for s in ctx.sents:
        c = s.cas
        moved = _moved_by(inc, c, restates_death(s, ctx.sents))
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
        injured = _on_items(_relative(c.injured, s, ctx.sents), s, ctx.sents, inc.injured)
        inc.injured = combine(inc.injured, injured)
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


def _relative(count: Count | None, s: Sentence, sents: list[Sentence]) -> Count | None:
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


def _on_items(
    count: Count | None, s: Sentence, sents: list[Sentence], told: int | None
) -> Count | None:
    """ "Пострадали пятеро. 60-летний мужчина госпитализирован. Еще четверо ...": "еще" adds
    to the person the sentence before itemised (1 + 4), not to the total told (5)."""
    if count is None or count.op != "add" or told is None:
        return count
    k = next((i for i, x in enumerate(sents) if x is s), 0)
    prev = sents[k - 1].cas.injured if k else None
    if prev is None or prev.op != "max" or prev.value >= told:
        return count
    value = prev.value + count.value
    return Count(value, value, None if count.high is None else value, "max")


def _moved_by(inc: _Incident, c: CasualtyReading, told: bool) -> int:
    """How many people a "died of wounds" sentence moves from injured to killed: deaths not told
    yet ("another of the wounded died" is new; "the wounded man died in hospital" restates a lead
    whose killed man "was taken to hospital, but died"). A hospital death whose person the killed
    name already (``told``: "у лікарні дитина померла") leaves the killed: injured less one."""
    if not c.transfer:
        return 0
    moved = c.transfer if c.another else max(c.transfer - inc.wound_deaths, 0)
    inc.wound_deaths += moved
    if moved and told and not (c.another or c.of_wounded):
        inc.injured = None if inc.injured is None else max(inc.injured - moved, 0)
        return 0
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


def _anchor(ctx: Context) -> Sentence:
    for test in (
        lambda s: s.cas.killed or s.cas.injured or s.cas.transfer,
        lambda s: s.strike,
        lambda s: True,
    ):
        hit = next((s for s in ctx.sents if test(s)), None)
        if hit is not None:
            return hit
    raise ValueError("empty context")  # pragma: no cover


def _time_of(sents: list[Sentence], reported: dt.datetime) -> TimeReading | None:
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
            analyse_sentence(text, a, b, lang, masked, day0)
            for a, b in split_sentences(text, up.start, up.end)
        ]
        sents = split_contrasts(sents, text, lang, masked, day0)
        carry_figures(sents)  # "specified the number of victims", "the figure rose to 35"
        if not sents:
            continue
        sents, ctxs = _contexts(sents, text, lang, up.reported_at)
        intro = ctxs[0].sents if ctxs and not ctxs[0].placed else sents[:1]
        # Settlements itemised under a strike report's opening total are parts of that strike.
        intro_strike = any(s.strike for c in ctxs if c.total for s in c.sents) or any(
            s.strike for s in intro
        )
        seg_time = _time_of(intro, up.reported_at)
        last: _Incident | None = None
        backref: TimeReading | None = None  # the date of a back-reference just told
        for ctx in ctxs:
            relevant = any(s.strike or s.cas.any or s.damage for s in ctx.sents)
            own_time = _time_of(ctx.sents, up.reported_at) or ctx.covers or backref
            backref = recalled(ctx, up.reported_at) or (backref if own_time is None else None)
            if not relevant or ctx.total:
                continue
            when = own_time or seg_time
            if when and after_publication(
                when, [x.folded for x in ctx.sents + intro], up.reported_at
            ):
                continue
            inc = _link(incidents, ctx, own_time)
            if inc is None:
                carried = (last is not None and last.strike and _continues(ctx, sents)) or (
                    unit_under_strike(ctx, ctxs)
                )
                if not (_is_new_strike(ctx, intro_strike) or carried):
                    continue
                day = when.date if when else to_kyiv(up.reported_at).date()
                inc = _incident_for(incidents, ctx, url, day, when, intro_strike or carried)
            _apply(inc, ctx, intro)
            last = inc
            if not ctx.struck:  # a place only named as hit takes no later revision
                touch += 1
                inc.touched = touch
            rows.append(_row(inc, ctx, up, url, lang, threshold))
    if not rows:
        return pl.DataFrame(schema=BULLETIN_COLUMNS)
    return pl.DataFrame(rows, schema=BULLETIN_COLUMNS, orient="row")


def _contexts(
    sents: list[Sentence], text: str, lang: str, reported: dt.datetime
) -> tuple[list[Sentence], list[Context]]:
    """The sentences of one update (breakdown lists split) and their contexts."""
    sents = split_lists(sents, text, lang, reported)
    prepare_sentences(sents)  # canonical places (communities: hromadas); strike tallies
    carry_damage(sents)
    ctxs = split_dated(group_contexts(sents), reported)
    inherit_oblast(ctxs, sents)
    ctxs = mark_totals(ctxs)
    # strikes by Ukraine, on Russian soil: out; a closing "no casualties" covers every place
    return sents, spread_no_casualties(keep_in_scope(ctxs))


def _incident_for(
    incidents: list[_Incident], ctx: Context, url: str | None, day: dt.date,
    when: TimeReading | None, strike: bool,
) -> _Incident:  # fmt: skip
    """The incident of this place and day (a new one, added to ``incidents``, if none)."""
    place = ctx.settlement or ctx.unit or (ctx.region_raw if ctx.closed else None)
    key = _incident_key(url, ctx.code, place, day)
    inc = next((i for i in incidents if i.key == key), None)
    if inc is None:
        inc = _Incident(key, ctx.code, ctx.region_raw, ctx.settlement, day)
        inc.unit = None if ctx.settlement else ctx.unit
        if when is not None:
            inc.clock, inc.explicit_time = when.clock, True
        inc.strike = strike
        incidents.append(inc)
    return inc


def _continues(ctx: Context, sents: list[Sentence]) -> bool:
    """Whether a context with a toll is the next clause of a semicolon list of places.

    "у с. A внаслідок обстрілу постраждав чоловік; в м. B постраждали дві жінки": the strike
    named in the first clause covers the places of the clauses after it.
    """
    first = ctx.sents[0]
    k = next((i for i, s in enumerate(sents) if s.start == first.start), 0)
    counted = any(s.cas.killed or s.cas.injured for s in ctx.sents)
    return k > 0 and counted and sents[k - 1].text.rstrip().endswith(";")


def _is_new_strike(ctx: Context, intro_strike: bool) -> bool:
    """A context starts a new incident when it reports a strike with some substance: a strike
    word needs casualties, damage (also told after it), a target or a named weapon kind, and
    with no settlement a toll (labelling rule 3); counts under an introductory strike sentence
    ("the enemy shelled the region 48 times. In X two were injured.") count as well."""
    if ctx.struck:
        return True  # a place named as hit: an incident even with no toll (labelling rule 2)
    if air_defence_only(ctx) or untold_unit(ctx.settlement, ctx.unit, ctx.sents):
        return False
    counted = any(s.cas.killed or s.cas.injured or s.cas.no_killed for s in ctx.sents)
    if not counted and (no_hit(ctx.sents) or summary_list(ctx.sents)):  # heard; a list of places
        return False
    if any(s.strike for s in ctx.sents):
        told = counted or damage_after(ctx.sents, ctx.settlement)  # "Explosions ... damaged."
        return told or any(
            s.cas.any or s.damage or s.target or any(k <= 1 for *_, k in s.weapons)
            for s in ctx.sents
            if s.strike
        )
    # "В Яровой повреждены 4 дома": damage to a named settlement under a strike report
    damaged = bool(ctx.settlement) and any(s.damage for s in ctx.sents)
    return intro_strike and (counted or damaged)


def _summary(s: Sentence) -> bool:
    """A past-day summary with no place ("Последствия обстрелов за сутки") types no place."""
    return not s.places and bool(lx.PAST_DAY_RE.search(s.folded))


def _link(incidents: list[_Incident], ctx: Context, own: TimeReading | None) -> _Incident | None:
    """The earlier incident this context revises, if any."""
    if not incidents:
        return None
    ordered = sorted(incidents, key=lambda i: i.touched, reverse=True)
    if not ctx.placed:  # a closed toll over several oblasts (several26, regions22): none's
        return None if ctx.closed and ctx.ambiguous else ordered[0]
    if ctx.closed:  # a place of a breakdown list revises only a toll of that very place
        return next((i for i in ordered if i.code == ctx.code and _same_place(i, ctx)), None)
    for inc in ordered:
        if ctx.code and inc.code and ctx.code != inc.code:
            continue
        if not (inc.code or inc.settlement) and ctx.code:
            continue
        if not same_settlement(inc.settlement, ctx.settlement):
            continue
        if other_unit(inc.unit, inc.settlement, ctx):
            continue  # another raion or hromada
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


def _same_place(inc: _Incident, ctx: Context) -> bool:
    if inc.settlement is None or ctx.settlement is None:
        return (
            inc.settlement is None and ctx.settlement is None and inc.region_raw == ctx.region_raw
        )
    return same_settlement(inc.settlement, ctx.settlement)


def _reports_anew(ctx: Context) -> bool:
    """Whether a context states casualties or damage of its own (not only a transfer)."""
    return any(
        (s.cas.killed and s.cas.killed.op != "set") or (s.cas.injured and s.cas.injured.op != "set")
        or s.damage
        for s in ctx.sents
        if not s.cas.transfer
    )  # fmt: skip


def _conflicts(inc: _Incident, ctx: Context) -> bool:
    """A context that names another weapon kind or target than the incident is another strike."""
    best = _best_weapon(ctx.sents)
    if best and inc.strike_type != "unknown" and best[1] != inc.strike_type and best[2] < 2:
        return True
    target = next((s.target for s in ctx.sents if s.target), None)
    return bool(target and inc.target and target != inc.target and ctx.settlement)


def _row(
    inc: _Incident, ctx: Context, up: Update, url: str | None, lang: str, threshold: float
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
