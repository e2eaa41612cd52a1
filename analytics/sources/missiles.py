"""Adapter for Petro Ivaniuk's "Massive missile and drone attacks on Ukraine" (``ingest missiles``).

One row of the file is one *attack wave* of one weapon model (launched, destroyed, ...), not an
incident, so the adapter fills two tables of their own (created by ``sql/attack_waves.sql``):

``attack_waves`` (primary: one row per accepted input row)
    ``time_start``/``time_end`` as written, in Kyiv wall-clock time (the Air Force reports in
    local time; they are *not* converted to UTC), with ``time_precision`` 'date' or 'minute';
    ``model`` as written with its ``weapon_class`` and ``weapon_family``
    (:mod:`analytics.reference.weapons`); counts as BIGINT (NULL when empty, never 0); the row's own
    ``source`` (post id or URL) with ``reporter`` (the channel, e.g. ``kpszsu``) and
    ``reporter_level`` ('national' for the Air Force command, General Staff and
    Commander-in-Chief; 'regional' for the regional air commands PvK South/East/Center/West and
    regional administrations; 'unknown' otherwise).
``attack_wave_targets`` (derived: many rows per wave, not counted as input rows)
    ``target``, ``target_main``, ``affected region``, ``destroyed_details`` and
    ``launched_details`` in long form: one row per named place (or model, for
    ``launched_details``) with ``oblast_code`` from the gazetteer or a ``target_label`` such as
    'Ukraine', 'macro-region:south', 'Russia:Kursk', 'Black Sea', and ``count`` where the
    details give one. Free text is split on `` and `` first; each part yields one row per
    oblast it names (a raion or city resolves to its oblast), else one row with its non-oblast
    label, else one unresolved row (both NULL) so nothing is dropped.

Identity (``row_key``): sha1 of ``time_start`` (normalised to ISO text) | ``model`` |
``launch_place`` | ``target`` | ``source`` | occurrence, where occurrence numbers rows sharing
that natural key counting from the *bottom* of the file (rows are newest first, so new rows at
the top do not renumber old ones). A correction of any of these five fields therefore makes a
new wave; a change in the counts or details makes a new version of the same wave.

Quarantined: a ``time_start``/``time_end`` that is neither ``YYYY-MM-DD`` nor
``YYYY-MM-DD HH:MM`` (surrounding spaces and one-digit hours are accepted), a ``time_end``
before ``time_start``, a count that is not a non-negative whole number. A ``*_details`` literal
that cannot be parsed keeps its wave and becomes a warning. Literals are parsed with
:func:`parse_literal` (``ast.literal_eval`` after replacing bare NaN/inf; never ``eval``).
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from analytics.reference.weapons import weapon_class, weapon_family
from analytics.schema import DATA_START, WAVE_COUNT_CEILING, max_plausible_date
from analytics.sources.base import SourceBatch, SourceFormatError, rejected_frame, sha256_file
from analytics.sources.canonical import read_csv_strings

__all__ = [
    "MissilesAdapter",
    "WAVE_COLUMNS",
    "TARGET_COLUMNS",
    "COUNT_COLUMNS",
    "parse_literal",
    "parse_wave_time",
    "parse_count",
    "reporter_of",
    "resolve_place",
]

REQUIRED = ("time_start", "time_end", "model", "launched", "destroyed")

#: Count columns of the file (floats in the file, whole numbers here).
COUNT_COLUMNS: tuple[str, ...] = (
    "launched", "destroyed", "not_reach_goal", "still_attacking", "num_hit_location",
    "num_fall_fragment_location", "turbojet", "turbojet_destroyed",
)  # fmt: skip

WAVE_COLUMNS: dict[str, pl.DataType] = {
    "row_key": pl.String(),
    "source_row": pl.Int64(),
    "time_start": pl.Datetime("us"),
    "time_end": pl.Datetime("us"),
    "time_precision": pl.String(),
    "time_end_precision": pl.String(),
    "model": pl.String(),
    "weapon_class": pl.String(),
    "weapon_family": pl.String(),
    **{c: pl.Int64() for c in COUNT_COLUMNS},
    "launch_place": pl.String(),
    "target": pl.String(),
    "target_main": pl.String(),
    "carrier": pl.String(),
    "border_crossing": pl.String(),
    "affected_region": pl.String(),
    "destroyed_details": pl.String(),
    "launched_details": pl.String(),
    "launch_place_details": pl.String(),
    "source": pl.String(),
    "reporter": pl.String(),
    "reporter_level": pl.String(),
    "details_hash": pl.String(),
}

TARGET_COLUMNS: dict[str, pl.DataType] = {
    "row_key": pl.String(),
    "source_row": pl.Int64(),
    "wave_key": pl.String(),
    "field": pl.String(),
    "position": pl.Int64(),
    "text": pl.String(),
    "oblast_code": pl.String(),
    "target_label": pl.String(),
    "weapon_class": pl.String(),
    "count": pl.Int64(),
    "details_hash": pl.String(),
}

_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_BARE_NUMBER = re.compile(r"(?<![\w.])-?(?:nan|NaN|NAN|inf|Inf|INF|Infinity)(?![\w.])")
_QUOTED = re.compile(r"('(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")")

#: Channel (lower case) -> reporter level. Regional air commands report waves over their
#: region that the national Air Force post may also include.
REPORTERS: dict[str, str] = {
    "kpszsu": "national",
    "generalstaff.ua": "national",
    "cincafu": "national",
    "chiefukrdiu": "national",
    "pvkpivden": "regional",
    "pvkshid": "regional",
    "pvkcenter": "regional",
    "pvkzahid": "regional",
    "pvkpivnich": "regional",
}

# The file's column name -> ours (detail fields of attack_wave_targets).
_TEXT_FIELDS = (("target", "target"), ("target_main", "target_main"))
_LIST_FIELDS = (("affected region", "affected_region"),)
_DICT_FIELDS = (
    ("destroyed_details", "destroyed_details"),
    ("launched_details", "launched_details"),
)


def parse_literal(text: str | None) -> Any:
    """Parse a Python literal (dict, list, number) that may contain bare NaN/inf.

    Bare ``NaN``/``nan``/``inf`` outside quotes become None; strings are left alone. Uses
    :func:`ast.literal_eval`, never ``eval``. Returns None for empty text; raises ValueError
    when the text is not a literal.

    Examples
    --------
    >>> parse_literal("{'south': 27, 'north': NaN}")
    {'south': 27, 'north': None}
    >>> parse_literal("['Kharkiv oblast', 'NaN town']")
    ['Kharkiv oblast', 'NaN town']
    """
    if text is None or not text.strip():
        return None
    pieces = _QUOTED.split(text.strip())
    cleaned = "".join(p if i % 2 else _BARE_NUMBER.sub("None", p) for i, p in enumerate(pieces))
    try:
        return ast.literal_eval(cleaned)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as err:
        raise ValueError(f"not a Python literal: {text[:80]!r} ({type(err).__name__})") from None


def parse_wave_time(text: str | None) -> tuple[dt.datetime | None, str | None]:
    """Parse ``YYYY-MM-DD`` or ``YYYY-MM-DD H[H]:MM[:SS]`` into (timestamp, precision).

    Empty text gives (None, None); text that is not understood raises ValueError.

    Examples
    --------
    >>> parse_wave_time(" 2023-05-16 3:30 ")
    (datetime.datetime(2023, 5, 16, 3, 30), 'minute')
    >>> parse_wave_time("2024-05-16")
    (datetime.datetime(2024, 5, 16, 0, 0), 'date')
    """
    if text is None or not text.strip():
        return None, None
    m = _TIME.fullmatch(text.strip())
    if not m:
        raise ValueError(f"could not understand {text!r} as YYYY-MM-DD or YYYY-MM-DD HH:MM")
    y, mo, d, h, mi, s = m.groups()
    try:
        value = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError as err:
        raise ValueError(f"{text.strip()!r} is not a valid date or time ({err})") from None
    return value, ("date" if h is None else "minute")


def parse_count(text: str | None) -> int | None:
    """A count written as a float (``'52.0'``): whole number, None when empty or NaN.

    Raises ValueError for text that is not a number, a negative, a fractional or infinite
    count, or one above :data:`~analytics.schema.WAVE_COUNT_CEILING`.

    Examples
    --------
    >>> parse_count("52.0"), parse_count(""), parse_count("nan")
    (52, None, None)
    """
    if text is None or not text.strip():
        return None
    text = text.strip()
    if _WHOLE.fullmatch(text):  # exact, never through a float (2**53 + 1 stays itself)
        value = int(text.split(".")[0])
    else:
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"could not parse {text!r} as a number") from None
        if math.isnan(number):
            return None
        if math.isinf(number) or number < 0 or number != int(number):
            raise ValueError(f"{text!r} is not a non-negative whole number")
        value = int(number)
    if value > WAVE_COUNT_CEILING:
        raise ValueError(
            f"{text!r} is above the plausibility ceiling of {WAVE_COUNT_CEILING:,} per wave"
        )
    return value


_WHOLE = re.compile(r"\d+(\.0*)?")


def reporter_of(source: str | None) -> tuple[str | None, str]:
    """The reporting channel of a ``source`` value and its level.

    Examples
    --------
    >>> reporter_of("PvKPivden/posts/pfbid0NV8")
    ('pvkpivden', 'regional')
    >>> reporter_of("https://t.me/kpszsu/20048")
    ('kpszsu', 'national')
    """
    if source is None or not source.strip():
        return None, "unknown"
    text = source.strip()
    text = re.sub(r"^https?://", "", text)
    parts = [p for p in text.split("/") if p]
    if parts and parts[0].lower() in {"t.me", "www.facebook.com", "facebook.com", "fb.com"}:
        parts = parts[1:]
    if not parts:
        return None, "unknown"
    channel = parts[0].lower()
    if channel.startswith("watch"):
        return None, "unknown"
    level = REPORTERS.get(channel)
    if level is None:
        # regional state administrations (kharkivoda.gov.ua, ...) speak for one region
        level = "regional" if re.match(r"^[a-z]+oda(\.gov\.ua)?$", channel) else "unknown"
    return channel, level


@lru_cache(maxsize=8192)
def resolve_place(text: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """Resolve one place text into ``(part, oblast_code, target_label)`` rows.

    The text is split on `` and ``; each part gives one row per distinct oblast it names
    (:func:`analytics.reference.oblasts.find_oblasts`), else one row with its
    :func:`~analytics.reference.oblasts.non_oblast_target` label, else one unresolved row.
    """
    from analytics.reference.oblasts import find_oblasts, non_oblast_target

    rows: list[tuple[str, str | None, str | None]] = []
    for part in re.split(r"\s+and\s+", text.strip()):
        part = part.strip()
        if not part:
            continue
        codes: list[str] = []
        for match in find_oblasts(part):
            if match.code and match.code not in codes:
                codes.append(match.code)
        if codes:
            rows.extend((part, code, None) for code in codes)
            continue
        rows.append((part, None, non_oblast_target(part)))
    return tuple(rows)


def _sha1(*parts: object) -> str:
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


class MissilesAdapter:
    """Reads ``missile_attacks_daily.csv`` into ``attack_waves`` and ``attack_wave_targets``.

    Parameters
    ----------
    source
        Name recorded in ``ingests.source``.
    """

    kind = "missiles"

    def __init__(self, source: str = "missile_attacks") -> None:
        self.source = source

    def read(self, path: Path) -> SourceBatch:
        path = Path(path)
        raw = read_csv_strings(path)
        missing = [c for c in REQUIRED if c not in raw.columns]
        if missing:
            raise SourceFormatError(
                path, 1, missing[0], f"a header with the missile-attack columns {list(REQUIRED)}"
                f" (found {raw.columns[:8]})"
            )  # fmt: skip
        records = raw.to_dicts()
        rows_read = len(records)
        rejected: list[tuple[int, dict[str, Any], str | None, str]] = []
        waves: list[dict[str, Any]] = []
        for index, rec in enumerate(records):
            row = index + 2
            wave, problems = _parse_wave(rec)
            if problems:
                cols = ",".join(c for c, _ in problems)
                rejected.append((row, rec, cols, "; ".join(f"{c}: {why}" for c, why in problems)))
                continue
            wave["source_row"] = row
            waves.append(wave)
        _assign_keys(waves)
        warnings: list[str] = []
        targets = _target_rows(waves, warnings.append)
        inconsistent = sum(
            1
            for w in waves
            if w["launched"] is not None
            and w["destroyed"] is not None
            and w["destroyed"] > w["launched"]
        )
        if inconsistent:
            warnings.append(f"{inconsistent} waves report more destroyed than launched (kept)")
        for w in waves:
            del w["_natural"]
        wave_frame = pl.DataFrame(waves, schema=WAVE_COLUMNS, orient="row")
        target_frame = pl.DataFrame(targets, schema=TARGET_COLUMNS, orient="row")
        return SourceBatch(
            source=self.source,
            file=str(path),
            sha256=sha256_file(path),
            rows_read=rows_read,
            incidents=pl.DataFrame(schema={"_row": pl.Int64()}),
            rejected=rejected_frame(rejected),
            extra_tables={"attack_waves": wave_frame, "attack_wave_targets": target_frame},
            warnings=warnings,
            primary_tables=("attack_waves",),
        )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _parse_wave(rec: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One file row -> (wave dict, problems); problems non-empty means quarantine."""
    problems: list[tuple[str, str]] = []
    wave: dict[str, Any] = {}
    for col in ("time_start", "time_end"):
        try:
            value, precision = parse_wave_time(rec.get(col))
        except ValueError as err:
            problems.append((col, str(err)))
            value, precision = None, None
        wave[col] = value
        wave["time_precision" if col == "time_start" else "time_end_precision"] = precision
    if wave["time_start"] is None and not any(c == "time_start" for c, _ in problems):
        problems.append(("time_start", "missing (a wave needs at least its date)"))
    start, end = wave["time_start"], wave["time_end"]
    for col, when in (("time_start", start), ("time_end", end)):
        if when is not None and not DATA_START <= when.date() <= max_plausible_date():
            problems.append((col, f"{rec.get(col)!r} is outside {DATA_START} to tomorrow"))
    if start is not None and end is not None:
        coarse = "date" in (wave["time_precision"], wave["time_end_precision"])
        if (end.date() < start.date()) if coarse else (end < start):
            problems.append(("time_end", f"{rec.get('time_end')!r} is before time_start"))
    for col in COUNT_COLUMNS:
        try:
            wave[col] = parse_count(rec.get(col))
        except ValueError as err:
            problems.append((col, str(err)))
            wave[col] = None
    model = _clean(rec.get("model"))
    wave["model"] = model
    wave["weapon_class"] = weapon_class(model)
    wave["weapon_family"] = weapon_family(model)
    for col in ("launch_place", "target", "target_main", "carrier", "border_crossing"):
        wave[col] = _clean(rec.get(col))
    wave["affected_region"] = _clean(rec.get("affected region"))
    for col in ("destroyed_details", "launched_details", "launch_place_details"):
        wave[col] = _clean(rec.get(col))
    wave["source"] = _clean(rec.get("source"))
    wave["reporter"], wave["reporter_level"] = reporter_of(wave["source"])
    wave["details_hash"] = _sha1(*(wave[f] for _, f in _TEXT_FIELDS + _LIST_FIELDS + _DICT_FIELDS))
    start_text = None
    if start is not None:
        start_text = start.isoformat(sep=" ", timespec="minutes")
        start_text = start_text[:10] if wave["time_precision"] == "date" else start_text
    wave["_natural"] = (start_text, model, wave["launch_place"], wave["target"], wave["source"])
    return wave, problems


def _assign_keys(waves: list[dict[str, Any]]) -> None:
    """row_key = sha1(natural key | occurrence), occurrences counted from the file's bottom."""
    seen: Counter[tuple[Any, ...]] = Counter()
    for wave in reversed(waves):
        natural = wave["_natural"]
        occurrence = seen[natural]
        seen[natural] += 1
        wave["row_key"] = _sha1(*natural, occurrence)


def _target_rows(waves: list[dict[str, Any]], warn: Callable[[str], None]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    bad_literals: Counter[str] = Counter()

    def add(wave: dict[str, Any], field: str, position: int, text: str, **values: Any) -> None:
        rows.append(
            {
                "row_key": _sha1(wave["row_key"], field, position, text),
                "source_row": wave["source_row"],
                "wave_key": wave["row_key"],
                "field": field,
                "position": position,
                "text": text,
                "oblast_code": values.get("oblast_code"),
                "target_label": values.get("target_label"),
                "weapon_class": values.get("weapon_class"),
                "count": values.get("count"),
                "details_hash": wave["details_hash"],
            }
        )

    def add_places(wave: dict[str, Any], field: str, start: int, text: str, count: Any) -> int:
        places = resolve_place(text)
        if len(places) > 1:
            count = None  # one count for several places cannot be attributed to any of them
        position = start
        for part, code, label in places:
            add(wave, field, position, part, oblast_code=code, target_label=label, count=count)
            position += 1
        return position

    for wave in waves:
        for _, field in _TEXT_FIELDS:
            if wave[field]:
                add_places(wave, field, 0, wave[field], None)
        for _, field in _LIST_FIELDS + _DICT_FIELDS:
            text = wave[field]
            if not text:
                continue
            try:
                value = parse_literal(text)
            except ValueError:
                bad_literals[field] += 1
                continue
            items: list[tuple[str, Any]]
            if isinstance(value, dict):
                items = [(str(k), v) for k, v in value.items()]
            elif isinstance(value, list | tuple):
                items = [(str(v), None) for v in value if v is not None]
            else:
                bad_literals[field] += 1
                continue
            position = 0
            for name, raw_count in items:
                count = _literal_count(raw_count)
                if field == "launched_details":  # keys are models, not places
                    add(wave, field, position, name, weapon_class=weapon_class(name), count=count)
                    position += 1
                else:
                    position = add_places(wave, field, position, name, count)
    for field, n in sorted(bad_literals.items()):
        warn(f"{n} rows: {field} is not a Python literal dict/list (wave kept, details skipped)")
    return rows


def _literal_count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if value != int(value) or not 0 <= value <= WAVE_COUNT_CEILING:
        return None
    return int(value)
