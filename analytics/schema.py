"""The canonical incident schema: columns, dtypes, the strike-type enum and pandera checks.

One row is one incident. Casualty counts are nullable: NULL means *not reported*, never 0
(ACLED, for example, does not report injuries at all).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Final

import polars as pl

__all__ = [
    "STRIKE_TYPES",
    "INCIDENT_COLUMNS",
    "CONTENT_COLUMNS",
    "UKRAINE_BBOX",
    "UNIT_CODES",
    "DATA_START",
    "COUNT_CEILING",
    "WAVE_COUNT_CEILING",
    "max_plausible_date",
    "incident_schema",
    "quick_check",
    "conform",
    "failure_rows",
    "describe_failure",
]

#: Strike types. ``missile``: ballistic or cruise missiles, including S-300 used on ground
#: targets; ``drone``: one-way attack drones, FPV and loitering munitions; ``air_strike``:
#: aircraft, including guided aerial bombs; ``artillery``: tube and rocket artillery, MLRS,
#: mortars, tank fire; ``explosive``: mines, IEDs, remote explosives; ``ground_clash``: armed
#: clashes; ``other``: a strike of a known kind outside this list; ``unknown``: not stated.
STRIKE_TYPES: Final[tuple[str, ...]] = (
    "missile",
    "drone",
    "air_strike",
    "artillery",
    "explosive",
    "ground_clash",
    "other",
    "unknown",
)

#: West, south, east, north limits (degrees) of Ukraine within its internationally
#: recognised borders, with a small margin for coastal and border geocodes.
UKRAINE_BBOX: Final[tuple[float, float, float, float]] = (22.0, 44.2, 40.3, 52.5)

#: The 27 first-level units of Ukraine (ISO 3166-2:UA): 24 oblasts, the Autonomous Republic of
#: Crimea (UA-43) and the cities with special status Kyiv (UA-30) and Sevastopol (UA-40). An
#: ``oblast_code`` outside this list is refused, never guessed.
UNIT_CODES: Final[tuple[str, ...]] = (
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26",
    "UA-30", "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53",
    "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
)  # fmt: skip

#: The earliest date the data can hold: the war began with the occupation of Crimea in
#: February 2014 and UCDP GED's Ukraine series starts in January 2014. Incidents and alerts
#: dated before it are quarantined as implausible (a typo such as 1924 or a spreadsheet's
#: 1900-01-00 epoch), never clipped.
DATA_START: Final[dt.date] = dt.date(2014, 1, 1)

#: Plausibility ceiling of each casualty count on ONE incident row (values above it are
#: quarantined, not clipped). The largest events in the sources are aggregated UCDP events
#: over weeks of a siege (best estimates in the thousands, high estimates in the low tens of
#: thousands); 100,000 leaves an order of magnitude of room above them. Because every accepted
#: count is at most 1e5, a sum over fewer than 9e13 rows cannot overflow a 64-bit integer, so
#: no report, view or aggregate can overflow on accepted data.
COUNT_CEILING: Final[dict[str, int]] = {
    "killed": 100_000,
    "killed_low": 100_000,
    "killed_high": 100_000,
    "injured": 100_000,
}

#: Plausibility ceiling of a count of weapons in one attack wave (launched, destroyed, ...):
#: the largest waves reported are in the high hundreds; 10,000 per row is refused.
WAVE_COUNT_CEILING: Final[int] = 10_000

INCIDENT_COLUMNS: Final[dict[str, pl.DataType]] = {
    "incident_id": pl.String(),
    "source": pl.String(),
    "source_event_id": pl.String(),
    "occurred_on": pl.Date(),
    "occurred_at": pl.Datetime("us"),
    "oblast_code": pl.String(),
    "region_raw": pl.String(),
    "settlement": pl.String(),
    "latitude": pl.Float64(),
    "longitude": pl.Float64(),
    "strike_type": pl.String(),
    "weapon": pl.String(),
    "target_type": pl.String(),
    "killed": pl.Int64(),
    "killed_low": pl.Int64(),
    "killed_high": pl.Int64(),
    "injured": pl.Int64(),
    "civilian": pl.Boolean(),
    "reported_at": pl.Datetime("us"),
    "source_url": pl.String(),
    "notes": pl.String(),
}

#: Columns whose change makes a new revision (everything but the identity).
CONTENT_COLUMNS: Final[tuple[str, ...]] = tuple(c for c in INCIDENT_COLUMNS if c != "incident_id")


def max_plausible_date() -> dt.date:
    """The latest date an incident or alert may carry: tomorrow (one day of slack for zones).

    Anything later is in the future and quarantined.
    """
    return dt.date.today() + dt.timedelta(days=1)


def _count(pa: Any, name: str) -> Any:
    # Any, as pa.Field itself returns: the field sits behind a column's type annotation
    return pa.Field(nullable=True, ge=0, le=COUNT_CEILING[name])


@functools.cache
def incident_schema() -> Any:
    """The pandera model of a canonical incident frame (polars backend), built on first use.

    pandera (and the pandas it imports, about 120 MiB) is loaded only when a frame has a row
    that :func:`quick_check` cannot pass; a clean ingest never needs it. ``IncidentSchema``
    (a module attribute) is this same class.
    """
    import pandera.polars as pa  # lazily: memory, not a cycle (see the docstring)

    class IncidentSchema(pa.DataFrameModel):  # type: ignore[misc]
        """pandera model of a canonical incident frame (polars backend)."""

        incident_id: str = pa.Field(nullable=False, str_length={"min_value": 3})
        source: str = pa.Field(nullable=False, str_length={"min_value": 1})
        source_event_id: str = pa.Field(nullable=True)
        occurred_on: dt.date = pa.Field(nullable=False, ge=DATA_START)
        occurred_at: dt.datetime = pa.Field(nullable=True)
        oblast_code: str = pa.Field(nullable=True, isin=list(UNIT_CODES))
        region_raw: str = pa.Field(nullable=True)
        settlement: str = pa.Field(nullable=True)
        latitude: float = pa.Field(
            nullable=True, in_range={"min_value": UKRAINE_BBOX[1], "max_value": UKRAINE_BBOX[3]}
        )
        longitude: float = pa.Field(
            nullable=True, in_range={"min_value": UKRAINE_BBOX[0], "max_value": UKRAINE_BBOX[2]}
        )
        strike_type: str = pa.Field(nullable=False, isin=list(STRIKE_TYPES))
        weapon: str = pa.Field(nullable=True)
        target_type: str = pa.Field(nullable=True)
        killed: int = _count(pa, "killed")
        killed_low: int = _count(pa, "killed_low")
        killed_high: int = _count(pa, "killed_high")
        injured: int = _count(pa, "injured")
        civilian: bool = pa.Field(nullable=True)
        reported_at: dt.datetime = pa.Field(nullable=True)
        source_url: str = pa.Field(nullable=True)
        notes: str = pa.Field(nullable=True)

        class Config:
            strict = "filter"
            coerce = False

        @pa.check("occurred_on", name="must not be in the future")
        def occurred_not_in_future(cls, data: Any) -> pl.LazyFrame:
            # Named without the date itself, so a quarantine reason reads the same on any day.
            return data.lazyframe.select(pl.col(data.key) <= max_plausible_date())

        @pa.check("occurred_at", name=f"must lie between {DATA_START} and tomorrow")
        def occurred_at_in_range(cls, data: Any) -> pl.LazyFrame:
            return data.lazyframe.select(_occurred_at_ok(pl.col(data.key)))

        @pa.dataframe_check(name="killed_low <= killed <= killed_high")
        def killed_bounds(cls, data: Any) -> pl.LazyFrame:
            return data.lazyframe.select(_killed_bounds_ok())

        @pa.dataframe_check(name="latitude and longitude must be both present or both missing")
        def coordinates_paired(cls, data: Any) -> pl.LazyFrame:
            return data.lazyframe.select(_coordinates_paired_ok())

    return IncidentSchema


def __getattr__(name: str) -> Any:
    """``IncidentSchema``: the pandera model, built (and pandera imported) on first access."""
    if name == "IncidentSchema":
        return incident_schema()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _occurred_at_ok(when: pl.Expr) -> pl.Expr:
    low = dt.datetime.combine(DATA_START, dt.time())
    high = dt.datetime.combine(max_plausible_date() + dt.timedelta(days=1), dt.time())
    return when.is_null() | ((when >= low) & (when < high))


def _killed_bounds_ok() -> pl.Expr:
    k, lo, hi = pl.col("killed"), pl.col("killed_low"), pl.col("killed_high")
    ok_lo = lo.is_null() | k.is_null() | (lo <= k)
    ok_hi = hi.is_null() | k.is_null() | (k <= hi)
    ok_lh = lo.is_null() | hi.is_null() | (lo <= hi)
    return ok_lo & ok_hi & ok_lh


def _coordinates_paired_ok() -> pl.Expr:
    return pl.col("latitude").is_null() == pl.col("longitude").is_null()


def quick_check(frame: pl.DataFrame) -> pl.Series | None:
    """Per row, True where every check of :func:`incident_schema` surely passes.

    The same checks as polars expressions, written to be at least as strict as pandera's (a
    string's length counted in characters and in bytes, NaN coordinates refused), so a row
    marked True passes pandera and a row marked False goes to pandera for its reasons.
    Returns None when ``frame`` does not have exactly the canonical columns and dtypes (pandera
    then judges the whole frame).
    """
    if dict(frame.schema) != INCIDENT_COLUMNS:
        return None

    def within(name: str, low: Any, high: Any) -> pl.Expr:
        c = pl.col(name)
        return c.is_null() | ((c >= low) & (c <= high))

    def text(name: str, least: int) -> pl.Expr:
        c = pl.col(name)
        return c.is_not_null() & (c.str.len_chars() >= least) & (c.str.len_bytes() >= least)

    lat, lon = pl.col("latitude"), pl.col("longitude")
    checks = [
        text("incident_id", 3),
        text("source", 1),
        pl.col("occurred_on").is_not_null()
        & (pl.col("occurred_on") >= DATA_START)
        & (pl.col("occurred_on") <= max_plausible_date()),
        _occurred_at_ok(pl.col("occurred_at")),
        pl.col("oblast_code").is_null() | pl.col("oblast_code").is_in(list(UNIT_CODES)),
        within("latitude", UKRAINE_BBOX[1], UKRAINE_BBOX[3]) & ~lat.is_nan().fill_null(False),
        within("longitude", UKRAINE_BBOX[0], UKRAINE_BBOX[2]) & ~lon.is_nan().fill_null(False),
        pl.col("strike_type").is_not_null() & pl.col("strike_type").is_in(list(STRIKE_TYPES)),
        *(within(name, 0, ceiling) for name, ceiling in COUNT_CEILING.items()),
        _killed_bounds_ok(),
        _coordinates_paired_ok(),
    ]
    return frame.select(pl.all_horizontal(checks).fill_null(False).alias("ok")).to_series()


def conform(frame: pl.DataFrame, *, keep: tuple[str, ...] = ("_row",)) -> pl.DataFrame:
    """Add missing canonical columns as NULL and cast to the canonical dtypes.

    Casts are strict: a value that cannot be cast raises, so adapters must parse first.
    Columns in ``keep`` (bookkeeping such as ``_row``) are carried along.
    """
    if frame.width == 0:  # a frame with no columns: select(lit) would invent a row
        frame = pl.DataFrame(schema={"_row": pl.Int64()})
    exprs = []
    for name, dtype in INCIDENT_COLUMNS.items():
        if name in frame.columns:
            exprs.append(pl.col(name).cast(dtype, strict=True))
        else:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
    exprs.extend(pl.col(k) for k in keep if k in frame.columns)
    return frame.select(exprs)


def failure_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """Validate ``frame`` and return one row per failing row index with its column and reason.

    Returns a frame with columns ``index`` (0-based position in ``frame``), ``column`` and
    ``reason``; empty when every row passes. Several failures of one row are joined. Reasons
    are plain words a reader can check against the raw row (see :func:`describe_failure`).

    Examples
    --------
    >>> bad = conform(pl.DataFrame({"incident_id": ["x:1"], "source": ["x"],
    ...     "occurred_on": [dt.date(2024, 1, 1)], "strike_type": ["drone"], "killed": [-1]}))
    >>> failure_rows(bad)["reason"].to_list()
    ['killed must be ≥ 0 (got -1)']
    """
    ok = quick_check(frame)
    if ok is None:
        return _pandera_failures(frame)
    suspect = ok.not_().arg_true()
    if suspect.len() == 0:
        return pl.DataFrame(schema=_FAILURE_SCHEMA)
    # pandera checks row by row, so the suspect rows alone give the same cases and reasons
    found = _pandera_failures(frame[suspect])
    return found.with_columns(index=suspect.cast(pl.Int64).gather(found["index"]))


_FAILURE_SCHEMA: Final = {"index": pl.Int64, "column": pl.String, "reason": pl.String}


def _pandera_failures(frame: pl.DataFrame) -> pl.DataFrame:
    """:func:`failure_rows` by pandera itself, for every row of ``frame``."""
    from pandera.errors import SchemaErrors  # lazily, as in incident_schema

    try:
        incident_schema().validate(frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        if "index" not in cases.columns or cases["index"].null_count() == cases.height:
            raise
        cases = cases.filter(pl.col("index").is_not_null())
        rows: dict[int, tuple[list[str], list[str]]] = {}
        for case in cases.iter_rows(named=True):
            index = int(case["index"])
            columns, reason = describe_failure(
                case["column"], case["check"], case["failure_case"], frame.row(index, named=True)
            )
            cols, reasons = rows.setdefault(index, ([], []))
            cols.extend(c for c in columns if c not in cols)
            if reason not in reasons:
                reasons.append(reason)
        return pl.DataFrame(
            [(i, ",".join(c), "; ".join(r)) for i, (c, r) in sorted(rows.items())],
            schema=_FAILURE_SCHEMA,
            orient="row",
        )
    return pl.DataFrame(schema=_FAILURE_SCHEMA)


_CHECK = re.compile(r"^(?P<name>\w+)\((?P<args>.*)\)$", re.S)
_COMPARE = {
    "greater_than_or_equal_to": "≥",
    "greater_than": ">",
    "less_than_or_equal_to": "≤",
    "less_than": "<",
    "equal_to": "=",
    "not_equal_to": "≠",
}


def describe_failure(
    column: str | None, check: str, value: object, row: dict[str, object]
) -> tuple[list[str], str]:
    """Turn one pandera failure case into (columns involved, a reason in plain words).

    ``column`` and ``check`` are as pandera reports them; ``row`` is the failing row, used for
    checks over several columns (whose ``column`` is the schema name).

    Examples
    --------
    >>> describe_failure("latitude", "in_range(44.2, 52.5)", "10.0", {})
    (['latitude'], 'latitude must be between 44.2 and 52.5 (got 10.0)')
    >>> describe_failure("strike_type", "isin(['drone', 'missile'])", "bogus", {})
    (['strike_type'], "strike_type must be one of drone, missile (got 'bogus')")
    >>> describe_failure("IncidentSchema", "killed_low <= killed <= killed_high", "{}",
    ...                  {"killed_low": None, "killed": 2, "killed_high": 1})[1]
    'killed_low <= killed <= killed_high must hold (got killed_low missing, killed 2, killed_high 1)'

    """
    if column not in INCIDENT_COLUMNS:  # a check over several columns: name them and show them
        involved = [c for c in re.findall(r"[a-z_]+", check) if c in INCIDENT_COLUMNS]
        involved = list(dict.fromkeys(involved))
        shown = ", ".join(
            f"{c} {'missing' if row.get(c) is None else row.get(c)}" for c in involved
        )
        verb = "" if " must " in f" {check} " else " must hold"
        return involved or [str(column)], f"{check}{verb} (got {shown})"
    got = "missing" if value is None else str(value)[:80]
    m = _CHECK.match(check)
    name, args = (m["name"], m["args"]) if m else (check, "")
    if check == "not_nullable":
        return [column], f"{column} is required but missing"
    if name in _COMPARE:
        return [column], f"{column} must be {_COMPARE[name]} {args} (got {got})"
    if name == "in_range":
        low, _, high = args.partition(", ")
        return [column], f"{column} must be between {low} and {high} (got {got})"
    if name == "isin":
        values = re.findall(r"'([^']*)'", args)
        allowed = ", ".join(values) or args
        if len(values) > 8:  # a long list (the 27 unit codes) is summarised, not printed whole
            allowed = f"the {len(values)} values {', '.join(values[:3])}, ..., {values[-1]}"
        return [column], f"{column} must be one of {allowed} (got {got!r})"
    if name == "str_matches":
        return [column], f"{column} does not have the expected form {args} (got {got!r})"
    if name == "str_length":
        low, _, high = args.partition(", ")
        limits = " and ".join(
            p for p in (f"at least {low}" if low not in {"", "None"} else "",
                        f"at most {high}" if high not in {"", "None"} else "") if p
        )  # fmt: skip
        return [column], f"{column} must be {limits} characters long (got {got!r})"
    if name == "dtype" or check.startswith("dtype("):
        return [column], f"{column} has the wrong type: expected {args or check} (got {got})"
    return [column], f"{column} {check} (got {got})"


#: ``source`` of every row the demo generator writes; a report over it is labelled synthetic.
SYNTHETIC_SOURCE: Final = "synthetic-demo"
#: The label every chart and page shows when the data include synthetic rows.
SYNTHETIC_LABEL: Final = "SYNTHETIC DATA - generated by strike-analytics demo, not real events"
