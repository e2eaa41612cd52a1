"""Adapter for Ukrainian air-raid alert datasets (``ingest alerts``).

Reads Vadym Klymenko's ``ukrainian-air-raid-sirens-dataset`` files in any of their four
formats, told apart by the header (dataset) and the values (language):

* official (``oblast,raion,hromada,level,started_at,finished_at,source``), English or
  Ukrainian: alerts announced by the state system, at oblast, raion or hromada level;
* volunteer (``region,started_at,finished_at,naive``), English or Ukrainian: alerts collected
  from Telegram; ``naive`` means no end message was seen (finished_at = start + 30 min).

One row of table ``alerts`` (``sql/alerts.sql``) is one alert, times in UTC. The oblast comes
from the gazetteer, once per distinct name. Timestamps are ISO 8601 with or without an offset
(``+02:00``, ``+0200``, ``Z``; converted to UTC; without one they are UTC). Quarantined: a start or end that is not a
timestamp, a missing end, an end before the start, a start before
:data:`~analytics.schema.DATA_START` (2014-01-01) or after tomorrow, an end after tomorrow, an
unknown ``level`` and a region the
gazetteer does not resolve -- including the official row whose ``oblast`` column holds a raion
name (its raion and oblast columns look swapped; that is not guessed).

``row_key`` = sha1(dataset | language | level | region | raion | hromada | started_at |
occurrence): stable across releases of the same file. English and Ukrainian files are separate
rows; the views count an alert once per (dataset, level, oblast, start) whatever the language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import polars as pl

from analytics.schema import DATA_START, max_plausible_date
from analytics.sources.base import (
    SourceBatch,
    SourceFormatError,
    parse_iso_datetime,
    rejected_frame,
    sha256_file,
)
from analytics.sources.canonical import read_csv_strings

__all__ = ["AlertsAdapter", "ALERT_COLUMNS", "FORMATS", "detect_format", "LEVELS"]

#: dataset -> header columns, in file order.
FORMATS: dict[str, tuple[str, ...]] = {
    "official": ("oblast", "raion", "hromada", "level", "started_at", "finished_at", "source"),
    "volunteer": ("region", "started_at", "finished_at", "naive"),
}

LEVELS: tuple[str, ...] = ("oblast", "raion", "hromada")

ALERT_COLUMNS: dict[str, pl.DataType] = {
    "row_key": pl.String(),
    "source_row": pl.Int64(),
    "oblast_code": pl.String(),
    "region_raw": pl.String(),
    "raion": pl.String(),
    "hromada": pl.String(),
    "level": pl.String(),
    "started_at": pl.Datetime("us"),
    "finished_at": pl.Datetime("us"),
    "dataset": pl.String(),
    "lang": pl.String(),
    "source": pl.String(),
    "naive": pl.Boolean(),
}

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_RAION = re.compile(r"\b(raion|район)\b", re.IGNORECASE)
_TRUE = {"true", "t", "1", "yes"}
_FALSE = {"false", "f", "0", "no"}
_LEVEL_NAMES = {"область": "oblast", "район": "raion", "громада": "hromada"}


def detect_format(columns: list[str], region_values: list[str | None]) -> tuple[str, str] | None:
    """(dataset, language) of a file from its header and its region names; None if unknown.

    Examples
    --------
    >>> detect_format(["region", "started_at", "finished_at", "naive"], ["Київ"])
    ('volunteer', 'uk')
    """
    cols = tuple(c.strip().lower() for c in columns)
    dataset = next((name for name, header in FORMATS.items() if cols == header), None)
    if dataset is None:
        return None
    names = [v for v in region_values if v]
    cyrillic = sum(1 for v in names if _CYRILLIC.search(v))
    return dataset, ("uk" if names and cyrillic * 2 >= len(names) else "en")


class AlertsAdapter:
    """Reads one air-raid alert file (official or volunteer, English or Ukrainian).

    Parameters
    ----------
    source
        Name recorded in ``ingests.source``; default ``air_raid_alerts:<dataset>:<lang>``.
    """

    kind = "alerts"

    def __init__(self, source: str | None = None) -> None:
        self.source = source

    def read(self, path: Path) -> SourceBatch:
        path = Path(path)
        raw = read_csv_strings(path)
        region_col = "oblast" if "oblast" in raw.columns else "region"
        values = raw[region_col].unique().to_list() if region_col in raw.columns else []
        detected = detect_format(raw.columns, values)
        if detected is None:
            expected = " or ".join(",".join(h) for h in FORMATS.values())
            raise SourceFormatError(
                path,
                1,
                None,
                f"an air-raid alert header ({expected}); found {','.join(raw.columns)}",
            )
        dataset, lang = detected
        warnings: list[str] = []
        frame = raw.with_row_index("source_row", offset=2).with_columns(
            pl.col("source_row").cast(pl.Int64)
        )
        frame = _standardise(frame, dataset)
        frame = _resolve(frame)
        frame, problems = _check(frame)
        rejected = _rejected(raw, problems)
        frame = frame.filter(~pl.col("source_row").is_in(problems["source_row"].implode()))
        frame = frame.with_columns(dataset=pl.lit(dataset), lang=pl.lit(lang))
        frame = _with_keys(frame)
        mixed = sum(1 for v in values if v and bool(_CYRILLIC.search(v)) != (lang == "uk"))
        if mixed:
            warnings.append(f"{mixed} region names are not in the file's language ({lang})")
        return SourceBatch(
            source=self.source or f"air_raid_alerts:{dataset}:{lang}",
            file=str(path),
            sha256=sha256_file(path),
            rows_read=raw.height,
            incidents=pl.DataFrame(schema={"_row": pl.Int64()}),
            rejected=rejected,
            extra_tables={"alerts": frame.select(list(ALERT_COLUMNS))},
            warnings=warnings,
            primary_tables=("alerts",),
        )


def _strip(name: str) -> pl.Expr:
    col = pl.col(name).str.strip_chars()
    return pl.when(col == "").then(None).otherwise(col)


def _standardise(frame: pl.DataFrame, dataset: str) -> pl.DataFrame:
    """Rename to the table's columns and parse times (UTC) and flags; keep the raw text."""
    if dataset == "official":
        frame = frame.with_columns(
            region_raw=_strip("oblast"),
            raion=_strip("raion"),
            hromada=_strip("hromada"),
            level_raw=_strip("level"),
            source=_strip("source"),
            naive=pl.lit(None, dtype=pl.Boolean),
            naive_raw=pl.lit(None, dtype=pl.String),
        )
    else:
        frame = frame.with_columns(
            region_raw=_strip("region"),
            raion=pl.lit(None, dtype=pl.String),
            hromada=pl.lit(None, dtype=pl.String),
            level_raw=pl.lit("oblast"),
            source=pl.lit(None, dtype=pl.String),
            naive_raw=_strip("naive"),
        )
        low = pl.col("naive_raw").str.to_lowercase()
        frame = frame.with_columns(
            naive=pl.when(low.is_in(list(_TRUE)))
            .then(True)
            .when(low.is_in(list(_FALSE)))
            .then(False)
        )
    level = pl.col("level_raw").str.to_lowercase()
    frame = frame.with_columns(
        level=level.replace(_LEVEL_NAMES),
        started_raw=_strip("started_at"),
        finished_raw=_strip("finished_at"),
    )
    return frame.with_columns(
        started_at=_utc(frame, "started_raw"), finished_at=_utc(frame, "finished_raw")
    )


def _utc(frame: pl.DataFrame, column: str) -> pl.Expr:
    """Parse ISO timestamps with an offset (or naive = UTC) into naive UTC."""
    return parse_iso_datetime(pl.col(column))


def _resolve(frame: pl.DataFrame) -> pl.DataFrame:
    """oblast_code for each distinct region name (never for a raion name in that column)."""
    from analytics.reference.oblasts import resolve_oblast

    names = frame["region_raw"].drop_nulls().unique().to_list()
    mapping = {
        n: (None if _RAION.search(n) else resolve_oblast(n, bare_kyiv="city")) for n in names
    }
    return frame.with_columns(
        oblast_code=pl.col("region_raw").replace_strict(
            mapping, default=None, return_dtype=pl.String
        )
    )


_START = dt.datetime.combine(DATA_START, dt.time())


def _end_of_plausible() -> dt.datetime:
    return dt.datetime.combine(max_plausible_date() + dt.timedelta(days=1), dt.time())


def _check(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows that cannot be accepted, with (column, reason); several reasons join with '; '."""
    rules: list[tuple[str, pl.Expr, pl.Expr]] = [
        (
            "oblast" if "oblast" in frame.columns else "region",
            pl.col("region_raw").is_not_null()
            & pl.col("oblast_code").is_null()
            & pl.col("region_raw").str.contains(r"(?i)\b(raion|район)\b"),
            pl.format(
                "holds a raion name ({}), not an oblast (raion column: {}); not guessed",
                pl.col("region_raw"),
                pl.col("raion").fill_null("empty"),
            ),
        ),
        (
            "oblast" if "oblast" in frame.columns else "region",
            pl.col("region_raw").is_not_null()
            & pl.col("oblast_code").is_null()
            & ~pl.col("region_raw").str.contains(r"(?i)\b(raion|район)\b"),
            pl.format("{} is not an oblast the gazetteer knows", pl.col("region_raw")),
        ),
        ("oblast", pl.col("region_raw").is_null(), pl.lit("missing region")),
        (
            "level",
            ~pl.col("level").is_in(list(LEVELS)) | pl.col("level").is_null(),
            pl.format("unknown level {} (expected oblast, raion or hromada)", pl.col("level_raw")),
        ),
        (
            "started_at",
            pl.col("started_at").is_null(),
            pl.format("could not parse {} as a timestamp", pl.col("started_raw").fill_null("''")),
        ),
        (
            "finished_at",
            pl.col("finished_at").is_null() & pl.col("finished_raw").is_not_null(),
            pl.format("could not parse {} as a timestamp", pl.col("finished_raw")),
        ),
        (
            "finished_at",
            pl.col("finished_raw").is_null(),
            pl.lit("missing end (alert still running when the file was exported?)"),
        ),
        (
            "finished_at",
            pl.col("finished_at") < pl.col("started_at"),
            pl.format(
                "ends ({}) before it starts ({})", pl.col("finished_raw"), pl.col("started_raw")
            ),
        ),
        (
            "started_at",
            (pl.col("started_at") < _START) | (pl.col("started_at") >= _end_of_plausible()),
            pl.format(
                "{} is outside the data's time range ({} to tomorrow): not plausible",
                pl.col("started_raw"),
                pl.lit(DATA_START.isoformat()),
            ),
        ),
        (
            "finished_at",
            pl.col("finished_at") >= _end_of_plausible(),
            pl.format("{} is in the future: not plausible", pl.col("finished_raw")),
        ),
        (
            "naive",
            pl.col("naive_raw").is_not_null() & pl.col("naive").is_null(),
            pl.format("could not parse {} as true/false", pl.col("naive_raw")),
        ),
    ]
    parts = []
    for column, condition, reason in rules:
        hit = frame.filter(condition.fill_null(False))
        if hit.height:
            parts.append(
                hit.select(
                    "source_row",
                    pl.lit(column).alias("column"),
                    pl.format("{}: {}", pl.lit(column), reason).alias("reason"),
                )
            )
    if not parts:
        empty = pl.DataFrame(
            schema={"source_row": pl.Int64, "column": pl.String, "reason": pl.String}
        )
        return frame, empty
    problems = (
        pl.concat(parts)
        .group_by("source_row", maintain_order=True)
        .agg(pl.col("column").str.join(","), pl.col("reason").str.join("; "))
        .sort("source_row")
    )
    return frame, problems


def _rejected(raw: pl.DataFrame, problems: pl.DataFrame) -> pl.DataFrame:
    if problems.height == 0:
        return rejected_frame([])
    rows = set(problems["source_row"].to_list())
    records: dict[int, dict[str, Any]] = {
        i + 2: rec for i, rec in enumerate(raw.to_dicts()) if i + 2 in rows
    }
    return rejected_frame((r, records[r], c, why) for r, c, why in problems.iter_rows())


def _with_keys(frame: pl.DataFrame) -> pl.DataFrame:
    """row_key from the natural key plus an occurrence index (duplicates never collapse)."""
    parts = ["dataset", "lang", "level", "region_raw", "raion", "hromada", "started_raw"]
    natural = pl.concat_str([pl.col(c).fill_null("") for c in parts], separator="\x1f")
    frame = frame.with_columns(_natural=natural)
    frame = frame.with_columns(
        _occurrence=pl.int_range(pl.len()).over("_natural", order_by="source_row")
    )
    keys = [
        hashlib.sha1(f"{n}\x1f{o}".encode()).hexdigest()
        for n, o in zip(frame["_natural"].to_list(), frame["_occurrence"].to_list(), strict=True)
    ]
    return frame.with_columns(row_key=pl.Series(keys, dtype=pl.String)).drop(
        "_natural", "_occurrence"
    )
