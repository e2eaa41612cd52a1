"""A canonical CSV staged in the store's own DuckDB: read, typed and checked in one SQL pass.

One ``CREATE TEMP TABLE ... AS SELECT`` reads the file (every column as text, so no value is
lost) and types each row straight into :data:`TYPED`: the canonical columns the file can fill,
``_ok`` and, for the rows not accepted in SQL only, the file's text (``_raw``, a list in header
order).
A row is accepted in SQL only when every value has a plain form that DuckDB and the adapter's
polars parsers read alike, no field is overlong, and the row surely passes every check of
:func:`analytics.schema.quick_check`; every other row (usually few) is handed back as the
adapter's raw text frame, so that the adapter's own parsing and the pandera schema judge it and
word its reasons, exactly as for a batch read in Python. ``oblast_code`` is filled from
``region_raw`` (the gazetteer, each spelling once) after the pass, on the rows that need it.

Row numbers: the table keeps the file's order (DuckDB preserves insertion order, which this
module relies on: ``preserve_insertion_order`` must stay true), so a row's line is its
``rowid`` plus :attr:`StagedCsv.shift` (the header is line 1).
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

__all__ = ["StagedCsv", "stage_canonical_csv", "stored_columns", "TYPED", "typed_sql", "quote"]

#: The TEMP table of the file's rows: the canonical columns of :func:`stored_columns`, ``_ok``
#: (accepted in SQL) and ``_raw``, the row's text in header order on the rows not accepted
#: (NULL on accepted rows).
TYPED: Final = "_typed"

_TRUE: Final = ("true", "t", "yes", "y", "1")
_FALSE: Final = ("false", "f", "no", "n", "0")
#: Plain forms read alike by DuckDB and polars (anything else goes to the adapter's parsers).
_DATE: Final = r"[12]\d{3}-\d\d-\d\d"
_TIME: Final = r"[12]\d{3}-\d\d-\d\d[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?"
_DECIMAL: Final = r"-?\d{1,3}(\.\d{1,15})?"
_COUNT: Final = r"\d{1,6}"
_PLAIN: Final = {"occurred_on": _DATE, "latitude": _DECIMAL, "longitude": _DECIMAL}
#: Columns whose text a row accepted in SQL has in a plain form of at most a few dozen
#: characters (:func:`_ok_sql`: a date, a timestamp, a decimal, an oblast code, a strike type,
#: a yes/no word, a count), so only the other columns' lengths are measured against
#: MAX_FIELD_CHARS (8 ``strlen`` calls a row were 0.08 s CPU on 1,000,000 rows).
_PINNED: Final = frozenset(
    {"occurred_on", "occurred_at", "reported_at", "latitude", "longitude", "oblast_code",
     "strike_type", "civilian", *COUNT_CEILING}
)  # fmt: skip


@dataclass(frozen=True)
class StagedCsv:
    """A canonical CSV staged in :data:`TYPED`, and the rows SQL left to the adapter.

    Attributes
    ----------
    rows_read
        Data rows in the file.
    shift
        What turns a ``rowid`` of :data:`TYPED` into the row's line in the file (``_row``).
    columns
        The canonical columns :data:`TYPED` holds (the others are NULL on every row).
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
    shift: int
    columns: tuple[str, ...]
    slow: pl.DataFrame
    to_parse: dict[str, pl.DataType]
    warnings: list[str]

    def canonical_sql(self) -> str:
        """The select list of the canonical columns from :data:`TYPED` (absent ones NULL)."""
        return ", ".join(
            c if c in self.columns else f"cast(null as {_SQL_TYPES[t]}) as {c}"
            for c, t in INCIDENT_COLUMNS.items()
        )


_SQL_TYPES: Final = {
    pl.String(): "VARCHAR", pl.Date(): "DATE", pl.Datetime("us"): "TIMESTAMP",
    pl.Float64(): "DOUBLE", pl.Int64(): "BIGINT", pl.Boolean(): "BOOLEAN",
}  # fmt: skip


def quote(text: str) -> str:
    """``text`` as the body of a SQL string literal (quotes doubled)."""
    return text.replace("'", "''")


_q = quote


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _in(values: tuple[str, ...] | list[str]) -> str:
    return "(" + ", ".join(f"'{_q(v)}'" for v in values) + ")"


def stage_canonical_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    source: str | None = None,
    header: list[str] | None = None,
) -> StagedCsv:
    """Read ``path`` into :data:`TYPED` on ``con`` (inside the caller's transaction).

    ``header``, when given, is the file's header as
    :func:`~analytics.sources.canonical.csv_header` gave it (the whole file checked), and the
    file is not checked again. Raises :class:`~analytics.sources.base.SourceFormatError` for
    a file the canonical adapter refuses, with the same message.
    """
    header = csv_header(path) if header is None else header
    read = csv_read_sql(header).replace("read_csv(?", f"read_csv('{_q(str(path))}'", 1)
    try:
        con.execute(f"create or replace temp table {TYPED} as {typed_sql(header, read, source)}")
    except (duckdb.ParserException, duckdb.BinderException):
        raise  # the query itself is wrong: a bug here, not a fault of the file
    except duckdb.Error as err:
        raise csv_format_error(path, err) from None
    present = [h for h in header if h in INCIDENT_COLUMNS]
    cols = [c for c in FAST_TYPES if c in present]
    plain = [
        f"bool_and(_ok or _raw[{header.index(c) + 1}] is null or "
        f"(regexp_full_match(_raw[{header.index(c) + 1}], '{_PLAIN[c]}') and {c} is not null))"
        for c in cols
    ]
    lengths = [f"max(length(_raw[{i + 1}]))" for i in range(len(header))]
    stats = con.execute(
        f"select count(*), coalesce(min(rowid), 0), {', '.join([*plain, *lengths])} from {TYPED}"
    ).fetchall()[0]
    rows_read, shift = int(stats[0]), 2 - int(stats[1])
    all_plain = all(v is not False for v in stats[2 : 2 + len(plain)])
    # where the slow rows' typed dates and coordinates come from, as the adapter's typed read
    # gives them: this table's own columns, the read of _fast_rows, or none (parsed as text)
    fast = "typed" if all_plain else _fast_rows(con, path, header, cols)
    long = [i for i, n in enumerate(stats[2 + len(plain) :]) if (n or 0) > MAX_FIELD_CHARS]
    if long and not (fast and all(header[i] in FAST_TYPES for i in long)):
        _refuse_long_field(con, path, header, long[0], shift)
    warnings = column_warnings(path, safe_column_names(header), source=source)
    if "region_raw" in present:
        _fill_regions(con)
    slow = _slow_rows(con, header, fast, cols, source, shift)
    con.execute("drop table if exists _fast")
    to_parse = INCIDENT_COLUMNS
    if fast is not None:
        to_parse = {c: t for c, t in INCIDENT_COLUMNS.items() if c not in FAST_TYPES}
    return StagedCsv(rows_read, shift, stored_columns(header), slow, to_parse, warnings)


def _fast_rows(
    con: duckdb.DuckDBPyConnection, path: Path, header: list[str], cols: list[str]
) -> str | None:
    """``"read"`` after storing in ``_fast`` (by ``_row``) ``occurred_on``, ``latitude`` and
    ``longitude`` as the adapter's typed read gives them, for a file with values that are not
    plain; None when that read fails and the adapter parses text.

    Whether DuckDB's typed read takes them decides, as in the adapter. It runs on a
    connection of its own (a failed read would abort the ingest's transaction).
    """
    read = csv_read_sql(header, types=FAST_TYPES).replace(
        "read_csv(?", f"read_csv('{_q(str(path))}'", 1
    )
    listed = ", ".join(_ident(c) for c in cols)
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
    return "read"


def _refuse_long_field(
    con: duckdb.DuckDBPyConnection, path: Path, header: list[str], i: int, shift: int
) -> None:
    """Refuse the first field of header column ``i`` longer than the adapters' limit, naming
    it as the adapter does (an overlong row is never accepted in SQL, so its text is kept)."""
    name = safe_column_names(header)[i]
    rows = con.sql(
        f"select rowid + {shift} as _row, _raw[{i + 1}] as {_ident(name)} from {TYPED} "
        f"where length(_raw[{i + 1}]) > {MAX_FIELD_CHARS} order by rowid limit 1"
    ).pl()
    refuse_long_fields(rows, path, columns=[name])


def _fill_regions(con: duckdb.DuckDBPyConnection) -> None:
    """Fill a missing ``oblast_code`` from ``region_raw`` through the gazetteer, each distinct
    spelling resolved once (:func:`~analytics.sources.canonical.resolve_regions`)."""
    names = con.sql(
        f"select distinct region_raw from {TYPED} "
        "where oblast_code is null and region_raw is not null"
    ).pl()
    codes = resolve_regions(names).filter(pl.col("oblast_code").is_not_null())
    if codes.height == 0:
        return
    odd = codes.filter(~pl.col("oblast_code").is_in(list(UNIT_CODES)))
    if odd.height:  # a row accepted in SQL must still pass the schema's oblast_code check
        raise RuntimeError(f"the gazetteer resolves to codes outside UNIT_CODES: {odd.rows()}")
    con.register("_regions", codes.to_arrow())
    con.execute(
        f"update {TYPED} set oblast_code = r.oblast_code from _regions r "
        f"where {TYPED}.oblast_code is null and {TYPED}.region_raw = r.region_raw"
    )
    con.unregister("_regions")


def stored_columns(header: list[str]) -> tuple[str, ...]:
    """The canonical columns :data:`TYPED` holds for a file with this ``header``: those it
    has, the ids and labels always filled, and ``oblast_code`` when ``region_raw`` fills it."""
    derived = {"incident_id", "source", "strike_type"}
    if "region_raw" in header:
        derived.add("oblast_code")
    return tuple(c for c in INCIDENT_COLUMNS if c in header or c in derived)


def typed_sql(header: list[str], read: str, source: str | None) -> str:
    """The one pass: ``read`` typed into the columns of :data:`TYPED`."""
    text = {c: f"_t{i}" for i, c in enumerate(header) if c in INCIDENT_COLUMNS}

    def t(c: str) -> str:
        return _ident(c) if c in text else "cast(null as varchar)"

    src = f"coalesce({t('source')}, '{_q(source)}')" if source else t("source")
    stamp = "try_strptime(replace({}, 'T', ' '), ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M'])"
    typed: dict[str, str] = {
        "incident_id": f"coalesce({t('incident_id')}, {src} || ':' || {t('source_event_id')})",
        "source": src,
        "occurred_on": f"try_cast({t('occurred_on')} as date)",
        "occurred_at": stamp.format(t("occurred_at")),
        "oblast_code": f"upper({t('oblast_code')})",
        "latitude": f"try_cast({t('latitude')} as double)",
        "longitude": f"try_cast({t('longitude')} as double)",
        "strike_type": f"coalesce(lower({t('strike_type')}), 'unknown')",
        "civilian": f"case when lower({t('civilian')}) in {_in(_TRUE)} then true "
        f"when lower({t('civilian')}) in {_in(_FALSE)} then false end",
        "reported_at": stamp.format(t("reported_at")),
        **{c: f"try_cast({t(c)} as bigint)" for c in COUNT_CEILING},
    }
    columns = ", ".join(f"{typed.get(c, t(c))} as {c}" for c in INCIDENT_COLUMNS)
    raw = ", ".join(f"{_ident(h)} as _t{i}" for i, h in enumerate(header))
    # bytes, not characters: never fewer, so a row within the limit here is within it there;
    # a column in a plain form of a few characters (_PINNED) is bounded by that rule already
    free = [f"strlen(_t{i})" for i, h in enumerate(header) if h not in _PINNED]
    longest = f"coalesce(greatest({', '.join(free)}), 0)" if free else "0"
    kept = ", ".join(f"_t{i}" for i in range(len(header)))
    return f"""
        select {", ".join(stored_columns(header))}, _ok,
               case when not _ok then [{kept}] end as _raw from (
            select *, {_ok_sql(text)} and {longest} <= {MAX_FIELD_CHARS} as _ok from (
                select {columns}, {raw} from ({read})
            )
        )
    """


def _ok_sql(text: dict[str, str]) -> str:
    """SQL true where a typed row surely passes :func:`analytics.schema.quick_check` and its
    text (columns named by ``text``) has only plain forms; NULL counts as not accepted.

    Where a typed value pins its text down, the plain form is checked on the value instead of
    by a regular expression, with the same result (:func:`_plain_date`, :func:`_plain_count`,
    :func:`_ascii`): the regular expressions were 0.20 of the pass's 0.47 s CPU on 1,000,000
    rows.
    """
    west, south, east, north = UKRAINE_BBOX
    high = dt.datetime.combine(max_plausible_date() + dt.timedelta(days=1), dt.time())

    def raw(c: str) -> str:
        return text.get(c, "cast(null as varchar)")

    def plain(c: str, pattern: str) -> str:
        return f"({raw(c)} is null or regexp_full_match({raw(c)}, '{pattern}'))"

    rules = [
        "incident_id is not null and length(incident_id) >= 3 and strlen(incident_id) >= 3",
        "source is not null and length(source) >= 1",
        _plain_date(raw("occurred_on"), "occurred_on")
        + f" and occurred_on >= DATE '{DATA_START}' and occurred_on <= DATE '{max_plausible_date()}'",
        plain("occurred_at", _TIME),
        f"(occurred_at is null or (occurred_at >= TIMESTAMP '{DATA_START} 00:00:00'"
        f" and occurred_at < TIMESTAMP '{high}'))",
        plain("reported_at", _TIME),
        plain("latitude", _DECIMAL),
        plain("longitude", _DECIMAL),
        f"(latitude is null or latitude between {south} and {north})",
        f"(longitude is null or longitude between {west} and {east})",
        "((latitude is null) = (longitude is null))",
        # upper() of ASCII text in UNIT_CODES: the text is [A-Za-z0-9-]+
        f"({raw('oblast_code')} is null or {_ascii(raw('oblast_code'))})",
        f"(oblast_code is null or oblast_code in {_in(UNIT_CODES)})",
        # lower() of ASCII text in STRIKE_TYPES: the text is [A-Za-z_]+
        f"({raw('strike_type')} is null or {_ascii(raw('strike_type'))})",
        f"strike_type in {_in(STRIKE_TYPES)}",
        # civilian is not NULL only when lower() of the text is a word of _TRUE or _FALSE
        f"({raw('civilian')} is null or ({_ascii(raw('civilian'))} and civilian is not null))",
        *(_plain_count(raw(c)) for c in COUNT_CEILING),
        *(f"({c} is null or {c} <= {n})" for c, n in COUNT_CEILING.items()),
        "(killed_low is null or killed is null or killed_low <= killed)",
        "(killed_high is null or killed is null or killed <= killed_high)",
        "(killed_low is null or killed_high is null or killed_low <= killed_high)",
        # a timestamp in a plain form parses, so a NULL here means the text was NULL
        f"(({raw('occurred_at')} is null) = (occurred_at is null))"
        f" and (({raw('reported_at')} is null) = (reported_at is null))",
    ]
    return "coalesce(" + " and ".join(f"({r})" for r in rules) + ", false)"


def _ascii(text: str) -> str:
    """SQL true where ``text`` is ASCII only (as many bytes as characters)."""
    return f"strlen({text}) = length({text})"


def _plain_date(text: str, value: str) -> str:
    """SQL true where ``text`` matches :data:`_DATE` and casts to the DATE ``value``: the
    text is the date's own ``YYYY-MM-DD`` (the same rows, for years 1000-2999, cheaper)."""
    years = f"{value} between DATE '1000-01-01' and DATE '2999-12-31'"
    return f"({value} is not null and cast({value} as varchar) = {text} and {years})"


def _plain_count(text: str) -> str:
    """SQL true where ``text`` is NULL or matches :data:`_COUNT` (1-6 ASCII digits)."""
    return f"({text} is null or (strlen({text}) between 1 and 6 and not ({text} glob '*[!0-9]*')))"


def _slow_rows(
    con: duckdb.DuckDBPyConnection,
    header: list[str],
    fast: str | None,
    cols: list[str],
    source: str | None,
    shift: int,
) -> pl.DataFrame:
    """The rows SQL did not accept, as the adapter's raw frame (see :class:`StagedCsv`)."""
    typed = {"typed": "t", "read": "s"}.get(fast or "")
    picked = [
        f"{typed}.{h} as {h}" if typed and h in cols else f"t._raw[{i + 1}] as {_ident(h)}"
        for i, h in enumerate(header)
        if h in INCIDENT_COLUMNS
    ]
    join = f"join _fast s on s._row = t.rowid + {shift}" if fast == "read" and cols else ""
    raw = con.sql(
        f"select t.rowid + {shift} as _row{', ' if picked else ''}{', '.join(picked)} "
        f"from {TYPED} t {join} where not t._ok order by t.rowid"
    ).pl()
    raw = raw.with_columns(pl.col("_row").cast(pl.Int64))
    if source:
        raw = raw.with_columns(source=pl.coalesce(pl.col("^source$"), pl.lit(source)))
    return raw
