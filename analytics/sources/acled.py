"""Adapter for ACLED exports (export tool or API CSV, ACLED codebook columns) (``acled``).

One ACLED event becomes one incident ``acled:<event_id_cnty>``. ``event_date`` may be ISO
(``2023-03-16``), day/month/year (``16/03/2023 00:00:00``, as Excel re-saves it) or the export
tool's ``16 March 2023``. ``admin1`` is the region: ACLED's "Kyiv" is the oblast and
"Kyiv City" the city. ``fatalities`` is ``killed``; ``injured`` stays NULL (ACLED does not
report injuries). ``timestamp`` (Unix seconds, when ACLED last changed the row) is
``reported_at``; ``notes`` plus the ACLED source, event type, actors and precision codes make
``notes``.

Strike type from ``sub_event_type`` (notes are searched as whole words, any case):

======================================  ==================================================
Air/drone strike                        ``drone`` if notes name drone/UAV/Shahed/Geran/
                                        Lancet/FPV/quadcopter/loitering munition, else
                                        ``air_strike``
Shelling/artillery/missile attack       ``missile`` if notes name missile/Iskander/Kalibr/
                                        Kh-<n>/S-300/S-400/Tochka, else ``artillery``
Remote explosive/landmine/IED           ``explosive``
Grenade, Suicide bomb                   ``explosive``
Chemical weapon                         ``other``
Armed clash, Government regains         ``ground_clash``
territory, Non-state actor overtakes
territory
Attack (violence against civilians)     ``other``
======================================  ==================================================

Everything else (Protests, Riots, Strategic developments, and the non-strike violence
against civilians: Sexual violence, Abduction/forced disappearance) and every event outside
Ukraine goes to the table ``acled_other_events`` (``sql/acled.sql``) with the reason, so that
``rows read = incidents accepted + other events + quarantined``. A sub-event type that is not
in the codebook under a violent event type is read as ``unknown`` and listed in a warning;
an event type not in the codebook sends its row to quarantine.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl

from analytics.sources.base import (
    SourceBatch,
    SourceFormatError,
    listing,
    sha256_file,
    split_checks,
)
from analytics.sources.canonical import resolve_regions
from analytics.sources.mapped import decode_file, parse_whole_numbers, read_csv_text

__all__ = [
    "AcledAdapter",
    "parse_acled_date",
    "acled_strike_type",
    "STRIKE_SUB_EVENTS",
    "OTHER_EVENT_TYPES",
    "OTHER_SUB_EVENTS",
    "OTHER_EVENTS_TABLE",
]

OTHER_EVENTS_TABLE = "acled_other_events"

REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type")
EXPECTED = (
    "year", "time_precision", "disorder_type", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "civilian_targeting", "country", "admin1", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)  # fmt: skip

#: sub_event_type -> strike type (before the notes refine air/drone and shelling/missile).
STRIKE_SUB_EVENTS: dict[str, str] = {
    "Air/drone strike": "air_strike",
    "Shelling/artillery/missile attack": "artillery",
    "Remote explosive/landmine/IED": "explosive",
    "Grenade": "explosive",
    "Suicide bomb": "explosive",
    "Chemical weapon": "other",
    "Armed clash": "ground_clash",
    "Government regains territory": "ground_clash",
    "Non-state actor overtakes territory": "ground_clash",
    "Attack": "other",
}
VIOLENT_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
OTHER_EVENT_TYPES = ("Protests", "Riots", "Strategic developments")
OTHER_SUB_EVENTS = ("Sexual violence", "Abduction/forced disappearance")

_DRONE = re.compile(
    r"\b(drones?|uavs?|shaheds?|geran(-?2)?|lancets?|fpvs?|quadcopters?|loitering munitions?)\b",
    re.IGNORECASE,
)
_MISSILE = re.compile(
    r"\b(missiles?|iskanders?|kalibrs?|kh-\d+|s-300s?|s-400s?|tochka(-u)?)\b", re.IGNORECASE
)

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = {n: i + 1 for i, n in enumerate(_MONTH_NAMES)} | {
    n[:3]: i + 1 for i, n in enumerate(_MONTH_NAMES)
}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_NAMED = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?,?[ -](\d{4})")
_DATE_FORMS = "YYYY-MM-DD, DD/MM/YYYY [hh:mm:ss] or '16 March 2023'"


def parse_acled_date(text: str | None) -> dt.date | None:
    """Parse an ACLED ``event_date``; slashed dates are day/month/year. None if it fails.

    Examples
    --------
    >>> parse_acled_date("16/03/2023 00:00:00"), parse_acled_date("16 March 2023")
    (datetime.date(2023, 3, 16), datetime.date(2023, 3, 16))
    >>> parse_acled_date("2023-03-16"), parse_acled_date("03/16/2023")
    (datetime.date(2023, 3, 16), None)
    """
    if text is None:
        return None
    text = text.strip()
    if m := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
    elif (m := _NAMED.fullmatch(text)) and m.group(2).lower() in _MONTHS:
        day, month, year = int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3))
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def acled_strike_type(sub_event_type: str | None, notes: str | None) -> str | None:
    """Strike type for an ACLED sub-event (see the module table); None if not a strike type.

    Examples
    --------
    >>> acled_strike_type("Air/drone strike", "Russian forces launched Shahed-136 drones")
    'drone'
    >>> acled_strike_type("Shelling/artillery/missile attack", "Artillery shelling of Kherson")
    'artillery'
    """
    base = STRIKE_SUB_EVENTS.get((sub_event_type or "").strip())
    text = notes or ""
    if base == "air_strike" and _DRONE.search(text):
        return "drone"
    if base == "artillery" and _MISSILE.search(text):
        return "missile"
    return base


class AcledAdapter:
    """Reads an ACLED CSV export: strikes as incidents, the rest as ``acled_other_events``."""

    kind = "acled"
    source = "acled"

    def read(self, path: Path) -> SourceBatch:
        """Read one ACLED export file."""
        path = Path(path)
        text, warnings = decode_file(path)
        raw, n_blank = read_csv_text(text, path, delimiter=None, lower_header=True)
        if n_blank:
            warnings.append(f"skipped {n_blank} blank row(s)")
        missing = [c for c in REQUIRED if c not in raw.columns]
        if missing:
            raise SourceFormatError(
                path,
                1,
                missing[0],
                f"ACLED codebook columns {list(REQUIRED)} (found {raw.columns[1:9]})",
            )
        absent = [c for c in EXPECTED if c not in raw.columns]
        if absent:
            warnings.append(f"ACLED columns absent, read as empty: {absent}")
            raw = raw.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in absent])
        raw = raw.with_columns(
            [pl.col(c).str.strip_chars() for c in raw.columns if c != "_row"]
        ).with_columns(
            [pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in raw.columns if c != "_row"]
        )
        parsed, rejected = _parse(raw)
        parsed = _classify(parsed)
        unknown_sub = (
            parsed.filter(pl.col("_kind") == "incident", pl.col("_strike").is_null())
            .group_by("sub_event_type")
            .len()
            .sort("sub_event_type", nulls_last=True)
        )
        if unknown_sub.height:
            listed = listing([f"{v!r} ({n})" for v, n in unknown_sub.iter_rows()], quote=False)
            warnings.append(
                f"sub_event_type values not in the ACLED codebook, read as 'unknown': {listed}"
            )
        parsed = resolve_regions(parsed, region_col="admin1", bare_kyiv="oblast")
        incidents = _incidents(parsed.filter(pl.col("_kind") == "incident"))
        others = _other_events(parsed.filter(pl.col("_kind") == "other"))
        return SourceBatch(
            source=self.source,
            file=str(path),
            sha256=sha256_file(path),
            rows_read=raw.height,
            incidents=incidents,
            rejected=rejected,
            extra_tables={OTHER_EVENTS_TABLE: others},
            warnings=warnings,
            primary_tables=(OTHER_EVENTS_TABLE,),
        )


def _parse(raw: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Parse dates, numbers and flags; quarantine rows that fail, with the reason."""
    dates = {v: parse_acled_date(v) for v in raw["event_date"].drop_nulls().unique().to_list()}
    lookup = {k: v for k, v in dates.items() if v is not None}
    ts = pl.col("timestamp")
    frame = raw.with_columns(
        _event_date=pl.col("event_date").replace_strict(lookup, default=None, return_dtype=pl.Date),
        _fatalities=parse_whole_numbers("fatalities"),
        _year=pl.col("year").cast(pl.Int64, strict=False),
        _latitude=pl.col("latitude").cast(pl.Float64, strict=False),
        _longitude=pl.col("longitude").cast(pl.Float64, strict=False),
        _reported_at=pl.when(ts.str.contains(r"^\d{9,11}$"))
        .then(pl.from_epoch(ts.cast(pl.Int64, strict=False), time_unit="s"))
        .cast(pl.Datetime("us")),
        _civilian=pl.col("civilian_targeting")
        .replace_strict({"Civilian targeting": True}, default=None, return_dtype=pl.Boolean),
    )  # fmt: skip
    known_types = list(VIOLENT_EVENT_TYPES + OTHER_EVENT_TYPES)
    checks: list[tuple[str, pl.Expr, pl.Expr]] = [
        ("event_id_cnty", pl.col("event_id_cnty").is_null(),
         pl.lit("event_id_cnty is empty (ACLED events are identified by it)")),
        ("event_date", pl.col("event_date").is_null(), pl.lit("event_date is empty")),
        ("event_date", pl.col("event_date").is_not_null() & pl.col("_event_date").is_null(),
         pl.format(f"event_date: could not parse {{}} as a date ({_DATE_FORMS})", pl.col("event_date"))),
        ("event_date,year", pl.col("_year").is_not_null()
         & (pl.col("_event_date").dt.year() != pl.col("_year")),
         pl.format("event_date {} is in {} but year says {} (day/month order?)",
                   pl.col("event_date"), pl.col("_event_date").dt.year(), pl.col("year"))),
        ("year", pl.col("year").is_not_null() & pl.col("_year").is_null(),
         pl.format("year: could not parse {} as a year", pl.col("year"))),
        ("event_type", ~pl.col("event_type").is_in(known_types).fill_null(False),
         pl.format("event_type {} is not an ACLED event type ({})",
                   pl.col("event_type").fill_null("(empty)"), pl.lit(", ".join(known_types)))),
        ("fatalities", pl.col("fatalities").is_not_null() & pl.col("_fatalities").is_null(),
         pl.format("fatalities: could not parse {} as a whole number of deaths", pl.col("fatalities"))),
        ("civilian_targeting", pl.col("civilian_targeting").is_not_null() & pl.col("_civilian").is_null(),
         pl.format("civilian_targeting: {} is neither 'Civilian targeting' nor empty",
                   pl.col("civilian_targeting"))),
        ("timestamp", pl.col("timestamp").is_not_null() & pl.col("_reported_at").is_null(),
         pl.format("timestamp: could not parse {} as Unix seconds", pl.col("timestamp"))),
    ]  # fmt: skip
    for c in ("latitude", "longitude"):
        checks.append(
            (c, pl.col(c).is_not_null() & pl.col(f"_{c}").is_null(),
             pl.format(f"{c}: could not parse {{}} as a number", pl.col(c)))
        )  # fmt: skip
    return split_checks(frame, raw, checks)


def _classify(frame: pl.DataFrame) -> pl.DataFrame:
    """Add ``_kind`` (incident/other), ``_strike`` and ``_kept_out`` (why not an incident)."""
    pairs = frame.select("sub_event_type", "notes").unique()
    strikes = {(s, n): acled_strike_type(s, n) for s, n in pairs.iter_rows()}
    strike_col = pl.Series(
        "_strike",
        [strikes[(s, n)] for s, n in frame.select("sub_event_type", "notes").iter_rows()],
        dtype=pl.String,
    )
    not_strike = pl.col("event_type").is_in(list(OTHER_EVENT_TYPES)) | pl.col(
        "sub_event_type"
    ).is_in(list(OTHER_SUB_EVENTS)).fill_null(False)
    abroad = pl.col("country").is_not_null() & (pl.col("country") != "Ukraine")
    kept_out = (
        pl.when(abroad)
        .then(pl.format("outside Ukraine: {}", pl.col("country")))
        .when(not_strike)
        .then(
            pl.format(
                "not a strike: {} / {}",
                pl.col("event_type"),
                pl.col("sub_event_type").fill_null("(empty)"),
            )
        )
    )
    return frame.with_columns(strike_col).with_columns(
        _kept_out=kept_out,
        _kind=pl.when(kept_out.is_null()).then(pl.lit("incident")).otherwise(pl.lit("other")),
    )


def _actor(n: str) -> pl.Expr:
    return (
        pl.when(pl.col(f"assoc_actor_{n}").is_not_null())
        .then(pl.format("{} (with {})", pl.col(f"actor{n}"), pl.col(f"assoc_actor_{n}")))
        .otherwise(pl.col(f"actor{n}"))
    )


def _incidents(frame: pl.DataFrame) -> pl.DataFrame:
    """Canonical incident columns for strike events (plus ``_row``)."""
    acled = pl.concat_str(
        [
            pl.format(
                "ACLED {} / {}", pl.col("event_type"), pl.col("sub_event_type").fill_null("?")
            ),
            pl.when(pl.col("actor1").is_not_null() | pl.col("actor2").is_not_null()).then(
                pl.format(
                    "actors: {} vs {}", _actor("1").fill_null("?"), _actor("2").fill_null("?")
                )
            ),
            pl.when(pl.col("source").is_not_null()).then(
                pl.format(
                    "source: {} ({})", pl.col("source"), pl.col("source_scale").fill_null("?")
                )
            ),
            pl.when(pl.col("tags").is_not_null()).then(pl.format("tags: {}", pl.col("tags"))),
            pl.format(
                "precision: time {}, geo {}",
                pl.col("time_precision").fill_null("?"),
                pl.col("geo_precision").fill_null("?"),
            ),
        ],
        separator="; ",
        ignore_nulls=True,
    )
    notes = pl.concat_str(
        [pl.col("notes"), pl.format("[{}]", acled)], separator=" ", ignore_nulls=True
    )
    return frame.select(
        pl.concat_str(pl.lit("acled:"), pl.col("event_id_cnty")).alias("incident_id"),
        pl.lit("acled").alias("source"),
        pl.col("event_id_cnty").alias("source_event_id"),
        pl.col("_event_date").alias("occurred_on"),
        pl.col("oblast_code"),
        pl.col("admin1").alias("region_raw"),
        pl.col("location").alias("settlement"),
        pl.col("_latitude").alias("latitude"),
        pl.col("_longitude").alias("longitude"),
        pl.col("_strike").fill_null("unknown").alias("strike_type"),
        pl.col("_fatalities").alias("killed"),
        pl.lit(None, dtype=pl.Int64).alias("injured"),
        pl.col("_civilian").alias("civilian"),
        pl.col("_reported_at").alias("reported_at"),
        notes.alias("notes"),
        pl.col("_row"),
    )


def _other_events(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows of ``acled_other_events`` (see ``sql/acled.sql``)."""
    return frame.select(
        pl.col("event_id_cnty").alias("row_key"),
        pl.col("_row").alias("source_row"),
        pl.col("event_id_cnty"),
        pl.col("_event_date").alias("event_date"),
        pl.col("_kept_out").alias("kept_out_because"),
        pl.col("disorder_type"),
        pl.col("event_type"),
        pl.col("sub_event_type"),
        pl.col("actor1"),
        pl.col("actor2"),
        pl.col("country"),
        pl.col("admin1"),
        pl.col("oblast_code"),
        pl.col("location"),
        pl.col("_latitude").alias("latitude"),
        pl.col("_longitude").alias("longitude"),
        pl.col("_fatalities").alias("fatalities"),
        pl.col("_civilian").alias("civilian_targeting"),
        pl.col("_reported_at").alias("reported_at"),
        pl.col("source"),
        pl.col("notes"),
    )
