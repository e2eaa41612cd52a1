"""Adapter for the UCDP Georeferenced Event Dataset (GED), as CSV or API JSON (``ucdp``).

One GED event becomes one incident ``ucdp:<id>``: ``best``/``low``/``high`` give ``killed``,
``killed_low`` and ``killed_high``; ``adm_1`` is the region (``region_raw``, resolved to an
oblast through the gazetteer); ``date_start`` is ``occurred_on``.

Dates come in every form a spreadsheet round trip leaves: ``9/30/2022 12:00:00 AM``,
``02/12/2023 00:00`` (both month/day/year, as UCDP is US-formatted), ``2022-09-30``,
``2022-09-30 00:00:00.000`` and the API's ``2022-09-30T00:00:00``.

Strike type. GED records deaths, not weapons, so ``strike_type`` is ``unknown`` unless the
source's own words (``source_headline`` and ``source_article``) name exactly one kind of
weapon (whole words, any case):

===============  ==============================================================
``drone``        drone(s), UAV(s), Shahed, Geran, kamikaze drone, loitering munition
``missile``      missile(s), Iskander, Kalibr, Kh-<number>, S-300, ballistic, cruise
``artillery``    shell(s/ed/ing), artillery, mortar(s), Grad, MLRS, howitzer(s)
``air_strike``   air strike(s), airstrike(s), air raid(s), warplane(s), aerial bomb(s)
===============  ==============================================================

Text naming two or more kinds stays ``unknown`` (a multi-source event is not one strike
type); "rocket" is not used because it means both missiles and MLRS in the press.

Interpret, flag, don't drop. ``best`` is the primary figure: a row whose ``best``, ``id`` or
dates cannot be read is quarantined with the reason. A row whose ``best`` is sound but whose
secondary values cannot be read or disagree with it (``low > best``, ``best > high``,
``deaths_a + deaths_b + deaths_civilians + deaths_unknown != best``, both UCDP definitions, or
a secondary value above :data:`~analytics.schema.COUNT_CEILING`) is ACCEPTED with its best
estimate: the inconsistent values become NULL, the raw values are kept in ``notes`` ("as
given: low=5") and the extra column ``quality_flag`` says what was set aside and why (NULL on
clean rows). Everything the canonical columns cannot hold (the deaths breakdown, date span and
precision, the source's own words) goes into ``notes``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import polars as pl

from analytics.schema import COUNT_CEILING
from analytics.sources.base import (
    SourceBatch,
    SourceFormatError,
    decode_text,
    require_file,
    safe_column_names,
    sha256_file,
    split_checks,
)
from analytics.sources.canonical import resolve_regions
from analytics.sources.mapped import parse_whole_numbers, read_csv_text

__all__ = ["UcdpAdapter", "parse_ucdp_date", "strike_type_from_text", "STRIKE_WORDS"]

REQUIRED = ("id", "date_start", "best")
EXPECTED = (
    "type_of_violence", "side_a", "side_b", "source_article", "source_headline",
    "source_original", "where_prec", "where_coordinates", "adm_1", "latitude", "longitude",
    "date_prec", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "high", "low",
)  # fmt: skip
COUNTS = ("best", "low", "high", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
BREAKDOWN = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")

VIOLENCE = {"1": "state-based", "2": "non-state", "3": "one-sided"}

#: strike type -> regular expression over the source's words (case-insensitive, whole words).
STRIKE_WORDS: dict[str, str] = {
    "drone": r"\b(drones?|uavs?|shaheds?|geran(-?2)?|kamikaze drones?|loitering munitions?)\b",
    "missile": r"\b(missiles?|iskanders?|kalibrs?|kh-\d+|s-300|ballistic|cruise)\b",
    "artillery": r"\b(shell(s|ed|ing)?|artillery|mortars?|grads?|mlrs|howitzers?)\b",
    "air_strike": r"\b(air ?strikes?|air-strikes?|air raids?|warplanes?|aerial bombs?)\b",
}
_STRIKE_RE = {k: re.compile(v, re.IGNORECASE) for k, v in STRIKE_WORDS.items()}

_MDY = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?"
)
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_DATE_FORMS = "M/D/YYYY [h:mm[:ss] [AM|PM]] or YYYY-MM-DD [hh:mm[:ss[.fff]]]"


def parse_ucdp_date(text: str | None) -> dt.date | None:
    """Parse a UCDP date in any of the forms the GED files hold; None when it does not parse.

    Slashed dates are month/day/year. The time of day (always midnight in GED) is checked
    for sanity and dropped.

    Examples
    --------
    >>> parse_ucdp_date("9/30/2022 12:00:00 AM"), parse_ucdp_date("02/12/2023 00:00")
    (datetime.date(2022, 9, 30), datetime.date(2023, 2, 12))
    >>> parse_ucdp_date("2022-09-30 00:00:00.000"), parse_ucdp_date("30/9/2022")
    (datetime.date(2022, 9, 30), None)
    """
    if text is None:
        return None
    text = text.strip()
    if m := _MDY.fullmatch(text):
        month, day, year, hour, minute, _sec, ampm = m.groups()
        if hour is not None:
            h = int(hour)
            if (ampm and not 1 <= h <= 12) or h > 23 or int(minute) > 59:
                return None
    elif m := _ISO.fullmatch(text):
        year, month, day, hour, minute, *_ = m.groups()
        if hour is not None and (int(hour) > 23 or int(minute) > 59):
            return None
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def strike_type_from_text(text: str | None) -> str:
    """The strike type named by ``text``: exactly one kind of weapon, else ``unknown``.

    Examples
    --------
    >>> strike_type_from_text("Two killed in shelling of Donetsk")
    'artillery'
    >>> strike_type_from_text("Missile and drone attack on Kyiv")
    'unknown'
    """
    if not text:
        return "unknown"
    kinds = [k for k, rx in _STRIKE_RE.items() if rx.search(text)]
    return kinds[0] if len(kinds) == 1 else "unknown"


def _quoted(col: str) -> pl.Expr:
    """``col: "the source's words"`` (inner double quotes become single), NULL when empty."""
    text = pl.col(col).str.strip_chars()
    quoted = pl.format(f'{col}: "{{}}"', text.str.replace_all('"', "'", literal=True))
    return pl.when(text != "").then(quoted)


class UcdpAdapter:
    """Reads UCDP GED events from a CSV download or a saved API response (JSON).

    JSON may be one API page (``{"TotalCount": .., "Result": [...], "NextPageUrl": ..}``), a
    list of such pages, or a plain list of result objects.
    """

    kind = "ucdp"
    source = "ucdp"

    def read(self, path: Path) -> SourceBatch:
        """Read one UCDP file (CSV or JSON, told apart by content)."""
        path = Path(path)
        require_file(path)
        text, n_bad = decode_text(path.read_bytes())
        warnings: list[str] = []
        if n_bad:
            warnings.append(
                f"{n_bad} byte sequence(s) were not valid UTF-8 and were replaced with U+FFFD"
            )
        if text.lstrip()[:1] in {"{", "["}:
            raw = _read_json(text, path, warnings)
            header_line: int | None = None
        else:
            raw, n_blank = read_csv_text(text, path, delimiter=None, lower_header=True)
            if n_blank:
                warnings.append(f"skipped {n_blank} blank row(s)")
            header_line = 1
        missing = [c for c in REQUIRED if c not in raw.columns]
        if missing:
            raise SourceFormatError(
                path,
                header_line,
                missing[0],
                f"UCDP GED columns {list(REQUIRED)} (found {raw.columns[1:9]})",
            )
        absent = [c for c in EXPECTED if c not in raw.columns]
        if absent:
            warnings.append(f"UCDP columns absent, read as empty: {absent}")
            raw = raw.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in absent])
        dupes = raw.filter(pl.col("id").is_duplicated())["id"].drop_nulls().unique().to_list()
        if dupes:
            warnings.append(
                f"{len(dupes)} id(s) appear more than once; later rows are read as revisions"
                f" of earlier ones: {sorted(dupes)[:5]}"
            )
        parsed, rejected = _parse(raw)
        incidents = resolve_regions(_canonical(parsed), bare_kyiv="city")
        flagged = incidents["quality_flag"].is_not_null().sum()
        if flagged:
            warnings.append(
                f"{flagged} event(s) accepted with their best estimate while low/high or the "
                "deaths breakdown disagreed with it: those values were set to NULL (raw values "
                "in notes, reason in quality_flag)"
            )
        return SourceBatch(
            source=self.source,
            file=str(path),
            sha256=sha256_file(path),
            rows_read=raw.height,
            incidents=incidents,
            rejected=rejected,
            warnings=warnings,
        )


def _read_json(text: str, path: Path, warnings: list[str]) -> pl.DataFrame:
    """Flatten a saved UCDP API response into an all-text frame with ``_row`` (1-based)."""
    try:
        doc: Any = json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceFormatError(path, err.lineno, None, f"valid JSON ({err.msg})") from None
    except RecursionError:
        raise SourceFormatError(
            path, None, None,
            "JSON nested too deeply to be a UCDP file (API pages are three levels deep); "
            "check that this is the saved API response",
        ) from None  # fmt: skip
    if isinstance(doc, dict):
        doc = [doc]
    if not isinstance(doc, list):
        raise SourceFormatError(path, None, None, "a UCDP API page or a list of events")
    if doc and all(isinstance(p, dict) and "Result" in p for p in doc):
        results: list[Any] = []
        for page in doc:
            if not isinstance(page["Result"], list):
                raise SourceFormatError(path, None, "Result", "a list of events in each page")
            results.extend(page["Result"])
        total = doc[0].get("TotalCount")
        if isinstance(total, int) and total != len(results):
            warnings.append(
                f"the API reported TotalCount {total} but the file holds {len(results)} events"
            )
        next_url = doc[-1].get("NextPageUrl")
        if next_url:
            warnings.append(f"the file ends before the last API page (next page: {next_url})")
    else:
        results = doc
    if not all(isinstance(r, dict) for r in results):
        raise SourceFormatError(path, None, None, "each UCDP event to be a JSON object")
    columns: dict[str, None] = {}
    for r in results:
        columns.update(dict.fromkeys(r))
    names = dict(zip(columns, safe_column_names(columns), strict=True))
    data = {names[c]: [None if r.get(c) is None else str(r[c]) for r in results] for c in columns}
    frame = pl.DataFrame(data, schema=dict.fromkeys(names.values(), pl.String))
    return frame.with_row_index("_row", offset=1).with_columns(pl.col("_row").cast(pl.Int64))


def _parse(raw: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Parse dates, counts and coordinates; quarantine rows that fail or disagree."""
    dates: dict[str, dt.date | None] = {}
    for c in ("date_start", "date_end"):
        for v in raw[c].drop_nulls().unique().to_list():
            dates[v] = parse_ucdp_date(v)
    lookup = {k: v for k, v in dates.items() if v is not None}

    def present(c: str) -> pl.Expr:
        return pl.col(c).is_not_null() & (pl.col(c).str.strip_chars() != "")

    frame = raw.with_columns(
        [pl.col(c).replace_strict(lookup, default=None, return_dtype=pl.Date).alias(f"_{c}")
         for c in ("date_start", "date_end")]
        + [parse_whole_numbers(c).alias(f"_{c}") for c in COUNTS]
        + [pl.col(c).str.strip_chars().cast(pl.Float64, strict=False).alias(f"_{c}")
           for c in ("latitude", "longitude")]
    )  # fmt: skip
    b = pl.col("_best")
    checks: list[tuple[str, pl.Expr, pl.Expr]] = [
        ("id", ~present("id"), pl.lit("id is empty (UCDP events are identified by id)")),
        ("date_start", ~present("date_start"), pl.lit("date_start is empty")),
    ]
    for c in ("date_start", "date_end"):
        why = pl.format(f"{c}: could not parse {{}} as a date ({_DATE_FORMS})", pl.col(c))
        checks.append((c, present(c) & pl.col(f"_{c}").is_null(), why))
    checks.append(
        ("date_end", pl.col("_date_end") < pl.col("_date_start"),
         pl.format("date_end {} is before date_start {}", pl.col("_date_end"), pl.col("_date_start")))
    )  # fmt: skip
    checks.append(
        ("best", ~present("best"), pl.lit("best is empty (UCDP always gives a best estimate)"))
    )
    why = pl.format("best: could not parse {} as a whole number of deaths", pl.col("best"))
    checks.append(("best", present("best") & b.is_null(), why))
    for c in ("latitude", "longitude"):
        why = pl.format(f"{c}: could not parse {{}} as a number", pl.col(c))
        checks.append((c, present(c) & pl.col(f"_{c}").is_null(), why))
    accepted, rejected = split_checks(frame, raw, checks)
    return _flag_secondary(accepted), rejected


def _flag_secondary(frame: pl.DataFrame) -> pl.DataFrame:
    """Set secondary counts that disagree with ``best`` (or do not parse) to NULL, with a flag.

    ``best`` is UCDP's primary figure; ``low``/``high`` and the deaths breakdown are secondary.
    A secondary value that cannot be read, is above :data:`COUNT_CEILING`, or breaks UCDP's
    definitions (``low <= best <= high``; ``a + b + civilians + unknown = best``) is set to
    NULL. The row keeps its best estimate, ``quality_flag`` says why (NULL when nothing was
    changed) and ``_raw_kept`` holds the values as the file gave them, for ``notes``.
    """
    b, lo, hi = pl.col("_best"), pl.col("_low"), pl.col("_high")
    ceiling = COUNT_CEILING["killed"]
    flags: list[tuple[tuple[str, ...], pl.Expr, pl.Expr]] = []
    for c in COUNTS[1:]:
        text = pl.col(c).str.strip_chars()
        unreadable = (text != "") & pl.col(f"_{c}").is_null()
        flags.append(((c,), unreadable, pl.format(f"{c} {{}} is not a whole number", text)))
        flags.append(
            (
                (c,),
                pl.col(f"_{c}") > ceiling,
                pl.format(f"{c} {{}} is above the ceiling {ceiling:,}", pl.col(f"_{c}")),
            )
        )
    flags.append((("low",), lo > b, pl.format("low {} > best {}", lo, b)))
    flags.append((("high",), b > hi, pl.format("best {} > high {}", b, hi)))
    parts = pl.sum_horizontal([pl.col(f"_{c}") for c in BREAKDOWN])
    all_parts = pl.all_horizontal([pl.col(f"_{c}").is_not_null() for c in BREAKDOWN])
    flags.append(
        (
            BREAKDOWN,
            all_parts & (parts != b),
            pl.format("deaths breakdown a+b+civilians+unknown = {} but best = {}", parts, b),
        )
    )
    flagged = frame.with_columns(
        [cond.fill_null(False).alias(f"_flag{i}") for i, (_, cond, _) in enumerate(flags)]
    )  # fmt: skip
    hit = {c: pl.lit(False) for c in COUNTS[1:]}
    for i, (cols, _, _) in enumerate(flags):
        for c in cols:
            hit[c] = hit[c] | pl.col(f"_flag{i}")
    reason = pl.concat_str(
        [pl.when(pl.col(f"_flag{i}")).then(why) for i, (_, _, why) in enumerate(flags)],
        separator="; ",
        ignore_nulls=True,
    )
    kept = pl.concat_str(
        [pl.when(hit[c]).then(pl.format(f"{c}={{}}", pl.col(c).fill_null(""))) for c in hit],
        separator=", ",
        ignore_nulls=True,
    )
    return flagged.with_columns(
        quality_flag=pl.when(reason != "").then(
            pl.format("UCDP secondary values set to NULL: {} (best kept)", reason)
        ),
        _raw_kept=pl.when(kept != "").then(pl.format("as given: {}", kept)),
        **{f"_{c}": pl.when(~hit[c]).then(pl.col(f"_{c}")) for c in hit},
    ).drop([f"_flag{i}" for i in range(len(flags))])


def _canonical(frame: pl.DataFrame) -> pl.DataFrame:
    """Map parsed UCDP columns to canonical incident columns (plus ``_row``)."""
    words = pl.concat_str(
        [pl.col("source_headline"), pl.col("source_article")], separator=" ", ignore_nulls=True
    )
    distinct = frame.select(words.unique().alias("w"))["w"].drop_nulls().to_list()
    strike = words.replace_strict(
        {w: strike_type_from_text(w) for w in distinct}, default="unknown", return_dtype=pl.String
    )
    span = pl.col("_date_end").is_not_null() & (pl.col("_date_end") != pl.col("_date_start"))
    imprecise = pl.col("date_prec").is_not_null() & (pl.col("date_prec").str.strip_chars() != "1")
    violence = pl.col("type_of_violence").str.strip_chars()
    place_is_settlement = pl.col("where_prec").str.strip_chars().is_in(["1", "2"])
    text = {c: pl.col(c).str.strip_chars() for c in ("where_coordinates", "adm_1", "id")}
    notes = pl.concat_str(
        [
            pl.format(
                "UCDP deaths: a={}, b={}, civilians={}, unknown={}",
                *[pl.col(f"_{c}").cast(pl.String).fill_null("?") for c in BREAKDOWN],
            ),
            pl.when(violence.is_not_null()).then(
                pl.format(
                    "type_of_violence {} ({})",
                    violence,
                    violence.replace_strict(VIOLENCE, default="not in the codebook"),
                )
            ),
            pl.when(pl.col("side_a").is_not_null() | pl.col("side_b").is_not_null()).then(
                pl.format(
                    "sides: {} vs {}",
                    pl.col("side_a").fill_null("?"),
                    pl.col("side_b").fill_null("?"),
                )
            ),
            pl.when(span | imprecise).then(
                pl.format(
                    "dates {} to {} (date_prec {})",
                    pl.col("_date_start"),
                    pl.col("_date_end").cast(pl.String).fill_null("?"),
                    pl.col("date_prec").fill_null("?"),
                )
            ),
            pl.when(pl.col("where_prec").is_not_null()).then(
                pl.format(
                    "place: {} (where_prec {})",
                    pl.col("where_coordinates").fill_null("?"),
                    pl.col("where_prec"),
                )
            ),
            pl.col("_raw_kept"),
            _quoted("source_original"),
            _quoted("source_headline"),
        ],
        separator="; ",
        ignore_nulls=True,
    )
    adm_1 = pl.when(text["adm_1"] != "").then(text["adm_1"])
    place = pl.when(place_is_settlement & (text["where_coordinates"] != "")).then(
        text["where_coordinates"]
    )
    return frame.select(
        pl.concat_str(pl.lit("ucdp:"), text["id"]).alias("incident_id"),
        pl.lit("ucdp").alias("source"),
        text["id"].alias("source_event_id"),
        pl.col("_date_start").alias("occurred_on"),
        adm_1.alias("region_raw"),
        place.alias("settlement"),
        pl.col("_latitude").alias("latitude"),
        pl.col("_longitude").alias("longitude"),
        strike.alias("strike_type"),
        pl.col("_best").alias("killed"),
        pl.col("_low").alias("killed_low"),
        pl.col("_high").alias("killed_high"),
        pl.when(pl.col("_deaths_civilians").is_not_null())
        .then(pl.col("_deaths_civilians") > 0)
        .alias("civilian"),
        notes.alias("notes"),
        pl.col("quality_flag"),
        pl.col("_row"),
    )
