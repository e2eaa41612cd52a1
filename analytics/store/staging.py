"""A canonical CSV staged in the store's own DuckDB: read as text, typed and checked in SQL.

The file is read into a TEMP table with every column as text (no value is lost), then typed
into ``_typed`` (``_row`` and the canonical columns). A row is accepted in SQL only when every
value has a plain form that DuckDB and the adapter's polars parsers read alike and the row
surely passes every check of :func:`analytics.schema.quick_check`; every other row (usually
few) is handed back as the adapter's raw text frame, so that the adapter's own parsing and the
pandera schema judge it and word its reasons, exactly as for a batch read in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import duckdb
import polars as pl

from analytics.schema import (
    COUNT_CEILING,
    DATA_START,
    INCIDENT_COLUMNS,
    STRIKE_TYPES,
    UKRAINE_BBOX,
    UNIT_CODES,
    max_plausible_date,
)
from analytics.sources.base import (
    MAX_FIELD_CHARS,
    in_calendar,
    refuse_long_fields,
    safe_column_names,
)
from analytics.sources.canonical import (
    FAST_TYPES,
    column_warnings,
    csv_format_error,
    csv_header,
    csv_read_sql,
    resolve_regions,
)

__all__ = ["StagedCsv", "stage_canonical_csv", "typed_columns", "TYPED"]

#: The TEMP table of typed rows: ``_row``, the canonical columns and ``_ok`` (accepted in SQL).
TYPED: Final = "_typed"

_TRUE: Final = ("true", "t", "yes", "y", "1")
_FALSE: Final = ("false", "f", "no", "n", "0")
#: Plain forms read alike by DuckDB and polars (anything else goes to the adapter's parsers).
_DATE: Final = r"[12]\d{3}-\d\d-\d\d"
_TIME: Final = r"[12]\d{3}-\d\d-\d\d[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?"
_DECIMAL: Final = r"-?\d{1,3}(\.\d{1,15})?"
_COUNT: Final = r"\d{1,6}"


@dataclass(frozen=True)
class StagedCsv:
    """A canonical CSV staged in :data:`TYPED`, and the rows SQL left to the adapter.

    Attributes
    ----------
    rows_read
        Data rows in the file.
    slow
        The rows not accepted in SQL, as the adapter's raw frame (``_row`` and the file's
        canonical columns as text; ``occurred_on``, ``latitude`` and ``longitude`` typed
        when the whole file reads with :data:`~analytics.sources.canonical.FAST_TYPES`).
    to_parse
        The dtypes the adapter's :func:`~analytics.sources.canonical.parse_columns` parses.
    warnings
        Ignored columns, as the adapter words them.
    """

    rows_read: int
    slow: pl.DataFrame
    to_parse: dict[str, pl.DataType]
    warnings: list[str]


def _q(text: str) -> str:
    return text.replace("'", "''")


def _in(values: tuple[str, ...] | list[str]) -> str:
    return "(" + ", ".join(f"'{_q(v)}'" for v in values) + ")"


def stage_canonical_csv(
    con: duckdb.DuckDBPyConnection, path: Path, *, source: str | None = None
) -> StagedCsv:
    """Read ``path`` into :data:`TYPED` on ``con`` (inside the caller's transaction).

    Raises :class:`~analytics.sources.base.SourceFormatError` for a file the canonical
    adapter refuses, with the same message.
    """
    header = csv_header(path)
    read = csv_read_sql(header).replace("read_csv(?", f"read_csv('{_q(str(path))}'", 1)
    try:
        con.execute(f"create or replace temp table _stage as {read}")
    except duckdb.Error as err:
        raise csv_format_error(path, err) from None
    # rows are numbered from 2 (the header is line 1) in file order: the order of insertion,
    # which DuckDB keeps in a table's row ids (a TEMP table's start at a high base)
    base, top, rows_read = con.execute(
        "select min(rowid), max(rowid), count(*) from _stage"
    ).fetchall()[0]
    if rows_read and top - base + 1 != rows_read:
        raise RuntimeError(f"{path}: staged rows are not numbered in file order")
    shift = 2 - int(base or 0)
    names = safe_column_names(header)
    present = [h for h in header if h in INCIDENT_COLUMNS]
    fast = _fast_columns(con, path, header, present, shift)
    _refuse_long_fields(con, path, header, names, fast is not None, shift)
    warnings = column_warnings(path, names, source=source)
    _register_regions(con, present)
    con.execute(f"create or replace temp table {TYPED} as {_typed_sql(present, source, shift)}")
    slow = _slow_rows(con, present, fast, source, shift)
    con.execute("drop table _stage")
    con.execute("drop table if exists _fast")
    con.execute("drop table if exists _regions_t")
    to_parse = INCIDENT_COLUMNS
    if fast is not None:
        to_parse = {c: t for c, t in INCIDENT_COLUMNS.items() if c not in FAST_TYPES}
    return StagedCsv(int(rows_read), slow, to_parse, warnings)


def _fast_columns(
    con: duckdb.DuckDBPyConnection, path: Path, header: list[str], present: list[str], shift: int
) -> str | None:
    """SQL giving ``occurred_on``, ``latitude``, ``longitude`` as the adapter's typed read
    gives them (by ``_row``), or None when that read fails and the adapter parses text."""
    cols = [c for c in FAST_TYPES if c in present]
    plain = {"occurred_on": _DATE, "latitude": _DECIMAL, "longitude": _DECIMAL}
    checks = [
        f'bool_and("{c}" is null or (regexp_full_match("{c}", \'{plain[c]}\') '
        f'and try_cast("{c}" as {FAST_TYPES[c]}) is not null))'
        for c in cols
    ]
    if (
        not checks
        or con.execute(f"select {', '.join(checks)} from _stage").fetchall()[0]
        == tuple([True] * len(checks))
        or con.execute("select count(*) = 0 from _stage").fetchall()[0][0]
    ):
        typed = ", ".join(f'try_cast("{c}" as {FAST_TYPES[c]}) as "{c}"' for c in cols)
        return f"select rowid + {shift} as _row{', ' if typed else ''}{typed} from _stage"
    # Unusual values: whether DuckDB's typed read takes them decides, as in the adapter. It
    # runs on a connection of its own (a failed read would abort the ingest's transaction).
    read = csv_read_sql(header, types=FAST_TYPES).replace(
        "read_csv(?", f"read_csv('{_q(str(path))}'", 1
    )
    listed = ", ".join(f'"{c}"' for c in cols)
    other = duckdb.connect()
    try:
        frame = other.sql(f"select {listed} from ({read})").pl()
    except duckdb.Error:
        return None
    finally:
        other.close()
    if (
        "occurred_on" in cols
        and frame.select(
            (
                pl.col("occurred_on").is_not_null() & in_calendar(pl.col("occurred_on")).is_null()
            ).any()
        ).item()
    ):
        return None  # DuckDB reads years polars and Python cannot hold
    con.register("_fast_arrow", frame.with_row_index("_row", offset=2).to_arrow())
    con.execute("create or replace temp table _fast as select * from _fast_arrow")
    con.unregister("_fast_arrow")
    return f"select _row, {listed} from _fast"


def _refuse_long_fields(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    header: list[str],
    names: list[str],
    typed: bool,
    shift: int,
) -> None:
    """Refuse a field longer than the adapters' limit, naming it as the adapter does."""
    lengths = ", ".join(f'max(length("{_q(h)}"))' for h in header)
    longest = con.execute(f"select {lengths} from _stage").fetchall()[0]
    long = [i for i, n in enumerate(longest) if (n or 0) > MAX_FIELD_CHARS]
    if not long or (typed and all(header[i] in FAST_TYPES for i in long)):
        return
    i = long[0]
    rows = con.sql(
        f'select rowid + {shift} as _row, "{_q(header[i])}" as "{_q(names[i])}" from _stage '
        f'where length("{_q(header[i])}") > {MAX_FIELD_CHARS} order by rowid limit 1'
    ).pl()
    refuse_long_fields(rows, path, columns=[names[i]])


def _register_regions(con: duckdb.DuckDBPyConnection, present: list[str]) -> None:
    """``_regions(region_raw, code)``: each distinct spelling resolved once (gazetteer)."""
    names = pl.DataFrame(schema={"region_raw": pl.String})
    if "region_raw" in present:
        names = con.sql("select distinct region_raw from _stage where region_raw is not null").pl()
    codes = resolve_regions(names).select("region_raw", code=pl.col("oblast_code"))
    con.register("_regions", codes.to_arrow())
    con.execute("create or replace temp table _regions_t as select * from _regions")
    con.unregister("_regions")


def _typed_sql(present: list[str], source: str | None, shift: int) -> str:
    """The query typing ``_stage`` into :data:`TYPED`, with ``_ok`` for rows accepted here."""

    def t(c: str) -> str:
        return f's."{c}"' if c in present else "cast(null as varchar)"

    src = f"coalesce({t('source')}, '{_q(source)}')" if source else t("source")
    stamp = "try_strptime(replace({}, 'T', ' '), ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M'])"
    typed: dict[str, str] = {
        "incident_id": f"coalesce({t('incident_id')}, {src} || ':' || {t('source_event_id')})",
        "source": src,
        "occurred_on": f"try_cast({t('occurred_on')} as date)",
        "occurred_at": stamp.format(t("occurred_at")),
        "oblast_code": f"coalesce(upper({t('oblast_code')}), r.code)",
        "latitude": f"try_cast({t('latitude')} as double)",
        "longitude": f"try_cast({t('longitude')} as double)",
        "strike_type": f"coalesce(lower({t('strike_type')}), 'unknown')",
        "civilian": f"case when lower({t('civilian')}) in {_in(_TRUE)} then true "
        f"when lower({t('civilian')}) in {_in(_FALSE)} then false end",
        "reported_at": stamp.format(t("reported_at")),
        **{c: f"try_cast({t(c)} as bigint)" for c in COUNT_CEILING},
    }
    columns = ", ".join(f'{typed.get(c, t(c))} as "{c}"' for c in INCIDENT_COLUMNS)
    return f"""
        select *, {_ok_sql()} as _ok from (
            select s.rowid + {shift} as _row, {columns},
                   {t("occurred_on")} as t_on, {t("occurred_at")} as t_at,
                   {t("latitude")} as t_lat, {t("longitude")} as t_lon,
                   {t("oblast_code")} as t_oblast, {t("strike_type")} as t_type,
                   {t("civilian")} as t_civ, {t("reported_at")} as t_rep,
                   {", ".join(f"{t(c)} as t_{c}" for c in COUNT_CEILING)}
            from _stage s left join _regions_t r on r.region_raw = {t("region_raw")}
        )
    """


def _ok_sql() -> str:
    """SQL true where a typed row surely passes :func:`analytics.schema.quick_check` and its
    text has only plain forms (see the module docstring); NULL counts as not accepted."""
    west, south, east, north = UKRAINE_BBOX
    high = dt.datetime.combine(max_plausible_date() + dt.timedelta(days=1), dt.time())

    def plain(text: str, pattern: str) -> str:
        return f"({text} is null or regexp_full_match({text}, '{pattern}'))"

    rules = [
        "incident_id is not null and length(incident_id) >= 3 and strlen(incident_id) >= 3",
        "source is not null and length(source) >= 1",
        f"regexp_full_match(t_on, '{_DATE}') and occurred_on >= DATE '{DATA_START}'"
        f" and occurred_on <= DATE '{max_plausible_date()}'",
        plain("t_at", _TIME),
        f"(occurred_at is null or (occurred_at >= TIMESTAMP '{DATA_START} 00:00:00'"
        f" and occurred_at < TIMESTAMP '{high}'))",
        plain("t_rep", _TIME),
        plain("t_lat", _DECIMAL),
        plain("t_lon", _DECIMAL),
        f"(latitude is null or latitude between {south} and {north})",
        f"(longitude is null or longitude between {west} and {east})",
        "((latitude is null) = (longitude is null))",
        plain("t_oblast", "[A-Za-z0-9-]+"),
        f"(oblast_code is null or oblast_code in {_in(UNIT_CODES)})",
        plain("t_type", "[A-Za-z_]+"),
        f"strike_type in {_in(STRIKE_TYPES)}",
        plain("t_civ", "[A-Za-z0-9]+"),
        "(t_civ is null or civilian is not null)",
        *(plain(f"t_{c}", _COUNT) for c in COUNT_CEILING),
        *(f"({c} is null or {c} <= {n})" for c, n in COUNT_CEILING.items()),
        "(killed_low is null or killed is null or killed_low <= killed)",
        "(killed_high is null or killed is null or killed <= killed_high)",
        "(killed_low is null or killed_high is null or killed_low <= killed_high)",
        # a timestamp in a plain form parses, so a NULL here means the text was NULL
        "((t_at is null) = (occurred_at is null)) and ((t_rep is null) = (reported_at is null))",
    ]
    return "coalesce(" + " and ".join(f"({r})" for r in rules) + ", false)"


def _slow_rows(
    con: duckdb.DuckDBPyConnection,
    present: list[str],
    fast: str | None,
    source: str | None,
    shift: int,
) -> pl.DataFrame:
    """The rows SQL did not accept, as the adapter's raw frame (see :class:`StagedCsv`)."""
    typed_fast = [c for c in present if fast is not None and c in FAST_TYPES]
    cols = ", ".join(
        f'f."{c}" as "{c}"' if c in typed_fast else f's."{c}" as "{c}"' for c in present
    )
    join = f"join ({fast}) f on f._row = s.rowid + {shift}" if typed_fast else ""
    raw = con.sql(
        f"""select s.rowid + {shift} as _row{", " if cols else ""}{cols} from _stage s {join}
            where s.rowid + {shift} in (select _row from {TYPED} where not _ok) order by s.rowid"""
    ).pl()
    raw = raw.with_columns(pl.col("_row").cast(pl.Int64))
    if source:
        raw = raw.with_columns(source=pl.coalesce(pl.col("^source$"), pl.lit(source)))
    return raw


def typed_columns() -> list[str]:
    """The columns of :data:`TYPED` a batch view takes: ``_row`` and the canonical ones."""
    return ["_row", *INCIDENT_COLUMNS]
