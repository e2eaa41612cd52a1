"""Bulletin pages into updates and sentences, with character spans into the original text.

A live blog or an official post often holds several updates ("UPDATE 08:20", "UPDATE 7:10",
"ACTUALIZARE 09:15", "ОНОВЛЕНО", "Оновлено о 10:30", "Обновлено в 11:00") after an initial
story. :func:`split_updates` finds them, dates them in Kyiv time and orders them oldest first;
:func:`split_sentences` cuts a span of text into sentences (and clauses after ``;`` or ``:``)
without breaking at abbreviations such as "м.", "с." or initials.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analytics.bulletins.numbers import fold
from analytics.bulletins.timephrases import KYIV, to_kyiv

__all__ = ["Update", "mask_datelines", "split_updates", "split_sentences"]

_HEADER = re.compile(
    r"(?im)^[ \t>*#_\[(]*(?:(?:update[sd]?|upd\.?|actualizare|оновлено|оновлення|обновлено"
    r"|обновление|апдейт)\b[ \t]*,?[ \t]*(?:(?:at|о|об|в|la(?:[ \t]+ora)?)[ \t]+)?"
    r"(?:(?P<h>\d{1,2})[:.](?P<m>\d{2}))?|(?P<h2>\d{1,2}):(?P<m2>\d{2})(?=[ \t]*[-—–|]))"
    r"[ \t]*[)\]*_:.\-—–|]*[ \t]*"
)
_ABBREV = frozenset(
    [
        "м",
        "с",
        "смт",
        "сел",
        "обл",
        "р",
        "вул",
        "ст",
        "г",
        "ул",
        "пос",
        "пгт",
        "jud",
        "str",
        "nr",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "col",
        "lt",
        "prof",
        "vs",
        "etc",
        "т",
        "ч",
        "д",
        "ім",
        "им",
        "corp",
        "no",
        "sf",
        "bd",
        # month abbreviations before a day ("on Sept. 21", "Oct. 17", "17 сент. 2025")
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "ian",
        "noi",
        "янв",
        "февр",
        "сент",
        "окт",
        "нояб",
        "дек",
        "січ",
        "лют",
        "вер",
        "жовт",
        "лист",
        "груд",
    ]
)
#: Sentence ends. The look-behind makes a run of marks ("......") match once, from its first
#: mark: without it every mark of the run would start a failed attempt that rescans the run.
_BOUNDARY = re.compile(
    r"(?<![.!?…;:])[.!?…;:]+[\"»”’)]*\s+"
    r"|,\s+(?=(?:в|у|in|în|la)\s+(?:селі|селе|місті|городе|поселке|селищі|с\.\s?|м\.\s?|смт"
    r"|satul|orașul|orasul|the village of|the town of|the city of)?\s*[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’])"
    r"|(?<=\)),\s+"
    # a full stop with the space left out ("допомогу.За даними"): two words, then a capital
    r"|(?<=[a-zа-яіїєґăâîșşțţ]{2})[.!?](?=[A-ZА-ЯІЇЄҐĂÂÎȘŞȚŢ][a-zа-яіїєґăâîșşțţ])"
)
#: A settlement in brackets closing a clause of a damage list: "... houses (с. Черкаська
#: Лозова), a dacha (с. Вільхуватка)": each clause is about its own settlement.
_PLACE_PAREN = re.compile(r"\((?:с|м|сел|смт|с-ще|пгт|г)\.\s?[^()]{2,40}\)$")
_UPPER_START = re.compile(r"[\"«“(]?[A-ZА-ЯІЇЄҐȘȚĂÂÎŞ0-9]")


@dataclass(frozen=True)
class Update:
    """One update of a bulletin page: its body span and when it was reported (aware UTC)."""

    index: int
    start: int
    end: int
    reported_at: dt.datetime
    header: str | None


def split_updates(text: str, published_at: dt.datetime) -> list[Update]:
    """Split a bulletin page into updates, oldest first.

    Header lines such as "UPDATE 08:20", "ACTUALIZARE 09:15", "Оновлено о 10:30" start an
    update; the text before the first header is the initial story, reported at
    ``published_at`` (or at the first update time, if earlier). A header time is a Kyiv clock
    time on the publication date, rolling over midnight when times go backwards; pages
    listing the newest update first are reversed.

    Examples
    --------
    >>> import datetime as dt
    >>> ups = split_updates("Story.\\nUPDATE 08:20: More.", dt.datetime(2025, 5, 1, 4, 0))
    >>> [(u.index, u.header, u.reported_at.hour) for u in ups]
    [(0, None, 4), (1, 'UPDATE 08:20: ', 5)]
    """
    pub = to_kyiv(published_at)
    heads = list(_HEADER.finditer(text))
    timed: list[tuple[int, int] | None] = []
    for m in heads:
        h, mi = m.group("h") or m.group("h2"), m.group("m") or m.group("m2")
        timed.append((int(h), int(mi)) if h and int(h) < 24 and int(mi) < 60 else None)
    bodies: list[tuple[int, int, str | None, tuple[int, int] | None]] = []
    first_end = heads[0].start() if heads else len(text)
    if text[:first_end].strip():
        bodies.append((0, first_end, None, None))
    tail = []
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        tail.append((m.end(), end, m.group(), timed[k]))
    clocks = [t for t in timed if t is not None]
    if len(clocks) >= 2 and all(a >= b for a, b in zip(clocks, clocks[1:], strict=False)):
        tail.reverse()  # newest first on the page
    bodies.extend(tail)
    day = pub.date()
    first_clock = next((t for *_, t in tail if t is not None), None)
    start_local = pub
    if first_clock is not None:
        cand = dt.datetime.combine(day, dt.time(*first_clock), tzinfo=KYIV)
        start_local = min(pub, cand)
    out: list[Update] = []
    prev = start_local
    for s, e, header, clock in bodies:
        if header is None:
            when = start_local
        elif clock is None:
            when = prev
        else:
            when = dt.datetime.combine(day, dt.time(*clock), tzinfo=KYIV)
            if when < prev - dt.timedelta(hours=1):
                day += dt.timedelta(days=1)
                when = dt.datetime.combine(day, dt.time(*clock), tzinfo=KYIV)
        prev = max(prev, when)
        out.append(Update(len(out), s, e, when.astimezone(dt.UTC), header))
    return out


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) of ``text[start:end]``.

    Lines are sentences; within a line, ``.!?`` followed by a capital or digit ends a sentence
    unless the word before is an abbreviation ("м.", "с.", "obl.") or an initial.

    Examples
    --------
    >>> t = "Two were hurt. O. Syniehubov said so. У м. Ізюм тихо."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Two were hurt.', 'O. Syniehubov said so.', 'У м. Ізюм тихо.']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        base = start + line.start()
        chunk = line.group()
        cut = 0
        for m in _BOUNDARY.finditer(chunk):
            mark = m.group().strip()
            if not (mark[:1] in {";", ":", ","} or _UPPER_START.match(chunk, m.end())):
                continue
            if mark == "," and not _PLACE_PAREN.search(chunk, cut, m.start()):
                continue
            w = _last_word(chunk, cut, m.start() + 1)
            if fold(w) in _ABBREV or (len(w) == 1 and w.isupper()):
                continue
            spans.append((base + cut, base + m.end()))
            cut = m.end()
        spans.append((base + cut, base + len(chunk)))
    out = []
    for a, b in spans:
        seg = text[a:b]
        lead, trail = len(seg) - len(seg.lstrip()), len(seg) - len(seg.rstrip())
        if seg.strip():
            out.append((a + lead, b - trail))
    return out


_LAST_WORD = re.compile(r"(\w+)\W*$")
_WORD_WINDOW = 40


def _last_word(chunk: str, lo: int, hi: int) -> str:
    """The last word of ``chunk[lo:hi]``, looked for in its last few characters only.

    Searching the whole growing slice for every candidate boundary made a line of thousands
    of marks quadratic. A word reaching back past the window is longer than any abbreviation
    or initial, so it is returned as "" (not an abbreviation).
    """
    start = max(lo, hi - _WORD_WINDOW)
    word = _LAST_WORD.search(chunk, start, hi)
    if word is None or (word.start() == start and start > lo and chunk[start - 1].isalnum()):
        return ""
    return word.group(1)


#: A wire dateline ("KYIV, April 16 (Reuters) -", "КИЇВ, 16 квітня /Укрінформ/ -", or with no
#: date, a capitalised place and the agency: "KYIV, Ukraine (AP) —", "KYIV (Reuters) -",
#: "КИЕВ, Украина /ТАСС/ -") names where and when the story was filed, not where or when the
#: strike happened.
_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-ZА-ЯІЇЄҐ][\w'’ .-]{1,30},[ \t]+(?:\d{1,2}[ \t]+\w+|\w+[ \t]+\d{1,2})"
    r"(?:,?[ \t]+\d{4})?[ \t]*(?:\([^()\n]{1,40}\)|/[^/\n]{1,40}/)?[ \t]*[-–—]+[ \t]"
    r"|^[ \t]*[A-ZА-ЯІЇЄҐ][A-ZА-ЯІЇЄҐ'’ .-]{1,30}(?:,[ \t]+[\w'’ .-]{1,30})?[ \t]*"
    r"(?:\([^()\n]{1,40}\)|/[^/\n]{1,40}/)[ \t]*[-–—]+[ \t]"
)


def mask_datelines(text: str) -> str:
    """``text`` with datelines blanked out (same length, so spans stay valid)."""
    return _DATELINE.sub(lambda m: " " * len(m.group()), text)
