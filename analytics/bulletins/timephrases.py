"""When a reported strike happened: relative time phrases resolved in Kyiv time.

Bulletins date events relative to when they were written: "overnight", "this morning",
"yesterday", "вночі", "цієї ночі", "вчора", "ночью", "вчера", "noaptea trecută", "ieri",
weekday names, or explicit dates ("14 March", "14 березня", "14 марта", "14 martie").
:func:`resolve_time` turns them into a calendar date in Europe/Kyiv (daylight saving time
included, via :mod:`zoneinfo`). Convention: a night attack belongs to the date of the morning
that ends the night ("overnight" in a 07:00 report is that day); a clock time of 18:00 or
later in a night phrase is the evening before.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final
from zoneinfo import ZoneInfo

import analytics.bulletins.gates as gates

__all__ = [
    "DAY_EARLIER_RE",
    "KYIV",
    "MONTHS",
    "TimeReading",
    "after_publication",
    "earlier_year",
    "resolve_time",
    "to_kyiv",
]

KYIV: Final = ZoneInfo("Europe/Kyiv")


def _months() -> dict[str, int]:
    names = {
        "en": "january february march april may june july august september october november december",
        "en3": "jan feb mar apr may jun jul aug sep oct nov dec",
        "en4": "jan. feb. mar. apr. may. jun. jul. aug. sept. oct. nov. dec.",
        "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
        "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
        "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie"
        " noiembrie decembrie",
    }
    out: dict[str, int] = {}
    for words in names.values():
        for i, w in enumerate(words.split(), start=1):
            out[w] = i
    out["sep."] = 9
    return out


#: Folded month names (genitive in Ukrainian and Russian) -> month number.
MONTHS: Final[dict[str, int]] = _months()
_MONTH_ALT = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))

#: The day before the day a text is about, told of an earlier strike: "the day before",
#: "a day earlier", "cu o zi înainte", "накануне", "напередодні", "comes a day after".
#: Read as the day before publication (the story itself is of today or the night just ended).
DAY_EARLIER_RE: Final = re.compile(
    r"\b(?:the day before|the previous day|(?:a|one) (?:day|night) (?:earlier|before)"
    r"|(?:comes|came) (?:only |just )?(?:a|one) (?:day|night) after"
    r"|cu o (?:zi|noapte) (?:inainte|in urma|mai devreme)|in ziua precedenta"
    r"|vine (?:la )?(?:doar |numai )?o (?:zi|noapte) dupa"
    r"|накануне|напередодні|днем ранее|днем раніше|за день до того|за день до цього)\b"
)
_DAY_BEFORE = re.compile(r"day before yesterday|позавчора|позавчера|alaltaieri")
#: "вчорашній удар", "вчерашнего удара": the adjective dates the event like the adverb.
_YESTERDAY = re.compile(
    r"\byesterday\b|\bвчора\b|\bучора\b|\bвчера\b|\bieri\b|\b[ву]чорашн\w*|\bвчерашн\w*"
)
_NIGHT = re.compile(
    r"last night|overnight|\btonight\b|during the night|in the night|early hours|\bвночі\b|\bуночі\b"
    r"|цієї ночі|минулої ночі|в ніч на|у ніч на|\bночью\b|этой ночью|прошлой ночью|в ночь на"
    r"|noaptea trecuta|azi-noapte|in cursul noptii|in timpul noptii|\bnoaptea\b|in noaptea de"
)
_TODAY = re.compile(
    r"this (?:morning|afternoon|evening)|\btoday\b|сьогодні|сегодня|\bвранці\b|\bзранку\b"
    r"|\bутром\b|\bastazi\b|\bazi\b|in aceasta dimineata|\bdimineata\b|\bввечері\b|\bвечером\b"
)
_EVENING = re.compile(r"\bevening\b|ввечері|вечером|\bseara\b|\bвечора\b")
_WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "понеділ": 0, "вівтор": 1, "серед": 2, "четвер": 3, "п'ятниц": 4, "субот": 5,
    "неділ": 6, "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятниц": 4,
    "суббот": 5, "воскресень": 6, "marti": 1, "miercuri": 2, "joi": 3, "vineri": 4,
    "sambata": 5, "duminica": 6,
}  # fmt: skip
_WEEKDAY_RE = re.compile(
    r"\b(?:on|last|early|late) (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?= (?:night|morning|evening"
    r"|afternoon)\b)"
    r"|\b(?:у|в|во) (понеділ|вівтор|серед|четвер|п'ятниц|субот|неділ|понедельник|вторник|среду"
    r"|четверг|пятниц|суббот|воскресень)\w*"
    r"|\b(marti|miercuri|joi|vineri|sambata|duminica)(?: (?:noaptea|seara|dimineata))?\b"
)
_DATE_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_ALT})\b")
_DATE_MD = re.compile(rf"\b({_MONTH_ALT})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")
_DATE_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(20\d\d)\b")
_CLOCK = re.compile(
    r"(?:\bat|\bо|\bоб|\bв|\bпро|\bблизько|\bоколо|\bla|\bla ora|\baround|\babout|\bcirca)\s+"
    r"(\d{1,2})[:.](\d{2})\b"
)


@dataclass(frozen=True)
class TimeReading:
    """A resolved time: Kyiv calendar date, optional Kyiv clock time, and what said so."""

    date: dt.date
    clock: dt.time | None
    phrase: str


def to_kyiv(moment: dt.datetime) -> dt.datetime:
    """Convert to Kyiv time; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(KYIV)


#: "the worst strike since September 30": a date compared with, not the strike's own.
_SINCE = re.compile(r"\bsince (?:on )?$")
_DATED_MAY = re.compile(r"\b(?:of|on|in|since|from|until|to|by|and) may$")


def _explicit_date(folded: str, ref: dt.date) -> tuple[dt.date, str] | None:
    m = gates.search(_DATE_NUM, folded)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.group()
        except ValueError:
            pass
    for rx, day_g, mon_g in ((_DATE_DM, 1, 2), (_DATE_MD, 2, 1)):
        m = next(
            (
                x
                for x in gates.finditer(rx, folded)
                if not _SINCE.search(folded[max(0, x.start() - 9) : x.start()])
            ),
            None,
        )
        if not m:
            continue
        word = m.group(mon_g)
        if word == "may" and rx is _DATE_MD and not _DATED_MAY.search(folded, 0, m.start() + 3):
            continue  # "may 5 people" is not a date; "on May 5", "of May 27" are
        try:
            cand = dt.date(ref.year, MONTHS[word], int(m.group(day_g)))
        except ValueError:
            continue
        if cand > ref + dt.timedelta(days=1):
            cand = cand.replace(year=ref.year - 1)
        return cand, m.group()
    return None


def resolve_time(folded: str, reported: dt.datetime) -> TimeReading | None:
    """Resolve the first time phrase of folded text relative to ``reported``.

    Parameters
    ----------
    folded
        Folded text (:func:`analytics.bulletins.numbers.fold`).
    reported
        When the text was published (aware, or naive UTC).

    Returns
    -------
    TimeReading or None
        None when the text has no time phrase (the caller falls back to ``reported``).

    Examples
    --------
    >>> import datetime as dt
    >>> r = resolve_time("ieri, la ora 23:40", dt.datetime(2025, 3, 30, 6, 0))
    >>> r.date, r.clock
    (datetime.date(2025, 3, 29), datetime.time(23, 40))
    """
    local = to_kyiv(reported)
    today = local.date()
    clock_m = gates.search(_CLOCK, folded)
    clock = None
    if clock_m and int(clock_m.group(1)) < 24 and int(clock_m.group(2)) < 60:
        clock = dt.time(int(clock_m.group(1)), int(clock_m.group(2)))
    explicit = _explicit_date(folded, today)
    if explicit:
        day, phrase = explicit
        night = gates.search(_NIGHT, folded)
        if (
            night
            and clock is not None
            and clock.hour >= 18
            and re.search(r"в ніч на|у ніч на|в ночь на|night (?:of|to)", folded)
        ):
            day -= dt.timedelta(days=1)
        return TimeReading(day, clock, phrase)
    m = gates.search(_DAY_BEFORE, folded)
    if m:
        return TimeReading(today - dt.timedelta(days=2), clock, m.group())
    m = gates.search(_YESTERDAY, folded) or gates.search(DAY_EARLIER_RE, folded)
    if m:
        return TimeReading(today - dt.timedelta(days=1), clock, m.group())
    m = gates.search(_NIGHT, folded)
    if m:
        # The night that ends this morning; an evening report's "tonight" is also this date.
        day = today
        if clock is not None and clock.hour >= 18 and local.hour < 18:
            day = today - dt.timedelta(days=1)
        return TimeReading(day, clock, m.group())
    m = gates.search(_WEEKDAY_RE, folded)
    if m:
        key = next(g for g in m.groups() if g)
        target = next(v for k, v in _WEEKDAYS.items() if key.startswith(k))
        back = (today.weekday() - target) % 7
        return TimeReading(today - dt.timedelta(days=back), clock, m.group())
    m = gates.search(_TODAY, folded)
    if m:
        return TimeReading(today, clock, m.group())
    if clock is not None and clock_m is not None:  # a clock time is read from clock_m
        day = today
        if dt.datetime.combine(today, clock) > local.replace(tzinfo=None) + dt.timedelta(hours=1):
            day -= dt.timedelta(days=1)  # a clock time later than the report: the day before
        return TimeReading(day, clock, clock_m.group())
    return None


_YEAR = re.compile(r"\b(20\d\d)\b")


def earlier_year(folded: str, published: dt.date) -> bool:
    """Whether a sentence dates its event in an earlier year ("a 2022 missile strike").

    In January the previous year may still be the night just ended, so it does not count.
    """
    year, month = published.year, published.month
    return any(
        int(y) < year and not (month == 1 and int(y) == year - 1) for y in _YEAR.findall(folded)
    )


def after_publication(when: TimeReading, folded: list[str], reported: dt.datetime) -> bool:
    """Whether a date lies after the day of publication ("графики на 19 ноября"): no past strike.

    The night to the next day ("в ніч на 15 березня" posted late on the 14th) is not.
    """
    if when.date <= to_kyiv(reported).date():
        return False
    return not any(re.search(r"\bніч|\bноч|night|noapte", f) for f in folded)
