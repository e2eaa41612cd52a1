"""Adapter for CSV files in the canonical incident columns (``ingest csv``).

The file needs a header with at least ``source`` and ``occurred_on``; other canonical columns
are optional (missing means NULL). Values that do not parse are quarantined with the column
and what was expected; a file that is not a well-formed CSV raises
:class:`~analytics.sources.base.SourceFormatError` naming the line.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import polars as pl

from analytics.schema import INCIDENT_COLUMNS
from analytics.sources.base import (
    MAX_COLUMNS,
    MAX_LINE_BYTES,
    REJECTED_SCHEMA,
    SourceBatch,
    SourceFormatError,
    TextFile,
    check_text_file,
    in_calendar,
    listing,
    parse_iso_datetime,
    refuse_long_fields,
    require_file,
    safe_column_names,
    sha256_file,
)

__all__ = [
    "CanonicalCsvAdapter", "read_csv_strings", "csv_header", "checked_csv_header", "csv_read_sql",
    "check_csv_text", "csv_header_names",
    "csv_format_error",
    "parse_columns", "resolve_regions", "column_warnings", "canonical_values", "first_source",
    "FAST_TYPES", "REQUIRED",
]  # fmt: skip

REQUIRED = ("source", "occurred_on")

#: Columns whose text DuckDB parses exactly as :func:`parse_columns` would (booleans and
#: timestamps are left to parse_columns, whose rules are wider than DuckDB's casts). Counts are
#: never read as numbers by DuckDB: DOUBLE changes integers above 2**53 and BIGINT rounds 3.5,
#: so they stay text and :func:`parse_columns` reads them exactly (digits only).
FAST_TYPES = {
    "occurred_on": "DATE",
    "latitude": "DOUBLE",
    "longitude": "DOUBLE",
}

_TRUE = ["true", "t", "yes", "y", "1"]
_FALSE = ["false", "f", "no", "n", "0"]


def read_csv_strings(
    path: Path, *, delimiter: str = ",", types: dict[str, str] | None = None
) -> pl.DataFrame:
    """Read a CSV with every column as text, strictly (ragged rows are an error).

    The header is read first; DuckDB's CSV reader then parses the body with those columns and
    no dialect guessing, so its errors name the line. Raises SourceFormatError. ``types``
    optionally gives DuckDB types for some columns (any value that does not cast is an error).
    """
    header = csv_header(path, delimiter=delimiter)
    types = types or {}
    con = duckdb.connect()
    try:
        frame = con.sql(csv_read_sql(header, delimiter, types), params=[str(path)]).pl()
    except duckdb.Error as err:
        raise csv_format_error(path, err) from None
    finally:
        con.close()
    frame = frame.rename(dict(zip(frame.columns, safe_column_names(frame.columns), strict=True)))
    numbered = frame.with_row_index("_row", offset=2)
    text_columns = [c for c, h in zip(frame.columns, header, strict=True) if types.get(h) is None]
    refuse_long_fields(numbered, path, columns=text_columns)
    return frame


def csv_header(path: Path, *, delimiter: str = ",") -> list[str]:
    """The header of a CSV file, checked: a readable UTF-8 text file with unique column names.

    Raises :class:`SourceFormatError` naming what is wrong (no header, too many columns, a
    repeated name, a byte that is not UTF-8, an overlong line).
    """
    return checked_csv_header(path, delimiter=delimiter)[0]


def checked_csv_header(path: Path, *, delimiter: str = ",") -> tuple[list[str], TextFile]:
    """:func:`csv_header`, and the file's sha256 and line counts from the same read of its
    bytes (:class:`~analytics.sources.base.TextFile`), so a caller needs no second read."""
    require_file(path)
    facts = check_csv_text(path)
    return csv_header_names(path, delimiter=delimiter), facts


def check_csv_text(path: Path) -> TextFile:
    """:func:`~analytics.sources.base.check_text_file` of a CSV ``path``, with the adapter's
    advice for a file in another encoding: the check that :func:`checked_csv_header` runs
    before reading the header, for a caller that runs it beside other work (it reads the
    whole file; hashing and file reads release the GIL)."""
    return check_text_file(path, encoding_hint=_OTHER_ENCODING)


def csv_header_names(path: Path, *, delimiter: str = ",") -> list[str]:
    """The header of ``path``, checked as :func:`csv_header` checks it (no header, too many
    columns, a repeated or empty name) but WITHOUT the UTF-8 and line-length check of the
    whole file (:func:`check_csv_text`), which must come first for the same errors: the
    header is read with undecodable bytes replaced, and an overlong first line may raise
    any error here."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
        header = next(csv.reader(fh, delimiter=delimiter), None)
    if not header or not any(h.strip() for h in header):
        raise SourceFormatError(path, 1, None, "a header line with column names")
    if len(header) > MAX_COLUMNS:
        raise SourceFormatError(
            path, 1, None,
            f"header has {len(header):,} columns, above the limit of {MAX_COLUMNS:,} (the "
            f"canonical schema has {len(INCIDENT_COLUMNS)}); keep only the incident columns",
        )  # fmt: skip
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise SourceFormatError(path, 1, dup, "unique column names in the header")
    if "" in header:  # DuckDB cannot name an empty column, nor can a reader guess its meaning
        what = f"a name for column {header.index('') + 1} of the header (it is empty)"
        raise SourceFormatError(path, 1, None, what)
    return header


def csv_read_sql(
    header: list[str],
    delimiter: str = ",",
    types: dict[str, str] | None = None,
    *,
    buffer_size: int | None = None,
) -> str:
    """DuckDB ``read_csv`` query of a file with this ``header`` (one ``?`` parameter: the path).

    Strict: no dialect guessing, ragged rows are an error, every column is VARCHAR unless
    ``types`` gives another DuckDB type (a value that does not cast is then an error).
    ``buffer_size`` (bytes, at least the line limit) sets DuckDB's read buffer, which is
    otherwise 16 times ``max_line_size`` (64 MB here).
    """
    types = types or {}
    buffer = f"buffer_size = {int(buffer_size)}, " if buffer_size else ""
    columns = "{" + ", ".join(f"'{_q(h)}': '{types.get(h, 'VARCHAR')}'" for h in header) + "}"
    return (
        f"select * from read_csv(?, header = true, auto_detect = false, strict_mode = true, "
        f"delim = '{_q(delimiter)}', quote = '\"', escape = '\"', null_padding = false, "
        f"max_line_size = {MAX_LINE_BYTES + 2}, {buffer}"
        f"columns = {columns})"
    )


def csv_format_error(path: Path, err: duckdb.Error) -> SourceFormatError:
    """The :class:`SourceFormatError` (file, line, what) for DuckDB's error reading ``path``."""
    msg = str(err)
    m = re.search(r"[Ll]ine:?\s*(\d+)", msg)
    line = int(m.group(1)) if m else None
    found = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", msg)
    if found:
        what = f"{found.group(1)} fields as in the header, found {_fields_on(path, line)}"
    else:
        what = msg.strip().splitlines()[0] if msg.strip() else "unreadable"
    return SourceFormatError(path, line, None, f"not a well-formed CSV ({what})")


_OTHER_ENCODING = (
    ", or, for a file in another encoding, describe it in a TOML mapping (encoding = ...) "
    "and read it with `ingest mapped`"
)


def _fields_on(path: Path, line: int | None) -> str:
    """How many fields a physical line holds (for error messages)."""
    if line is None:
        return "a different number"
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
        for number, text in enumerate(fh, start=1):
            if number == line:
                return str(len(next(csv.reader([text]), [])))
    return "a different number"


def _q(text: str) -> str:
    return text.replace("'", "''")


def parse_columns(
    raw: pl.DataFrame, dtypes: dict[str, pl.DataType]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Parse text columns into ``dtypes``; a value that is present but does not parse is an error.

    Returns the parsed frame (failing rows removed) and a rejected frame for the failures.
    ``raw`` must carry ``_row``. Whole numbers written as ``3.0`` (spreadsheet exports) parse
    as 3; ``3.5`` in a count column does not.

    Examples
    --------
    >>> raw = pl.DataFrame({"_row": [2, 3, 4], "killed": ["1", "2.0", "x"]})
    >>> ok, bad = parse_columns(raw, {"killed": pl.Int64()})
    >>> ok["killed"].to_list(), bad["_row"].to_list()
    ([1, 2], [4])
    """
    typed = [(n, t) for n, t in dtypes.items() if n in raw.columns and t != pl.String()]
    text = {n: pl.col(n).str.strip_chars() for n, _ in typed}
    parsed = raw.with_columns(_parse_expr(text[n], t).alias(n) for n, t in typed)
    if not typed:
        return parsed, pl.DataFrame(schema=REJECTED_SCHEMA)
    # present (non-blank) in the text but NULL after parsing = could not parse
    flags = pl.concat(
        [parsed.select("_row", *[pl.col(n).is_null().alias(n) for n, _ in typed]),
         raw.select([(text[n].fill_null("") != "").alias(f"{n}__present") for n, _ in typed])],
        how="horizontal",
    ).select(
        "_row", *[(pl.col(n) & pl.col(f"{n}__present")).alias(n) for n, _ in typed]
    )  # fmt: skip
    failing = flags.filter(pl.any_horizontal(pl.exclude("_row")))
    if failing.height == 0:
        return parsed, pl.DataFrame(schema=REJECTED_SCHEMA)
    bad_rows = failing["_row"].implode()
    raw_bad = raw.filter(pl.col("_row").is_in(bad_rows))
    raw_json = raw_bad.select(pl.struct(pl.exclude("_row")).struct.json_encode()).to_series()
    raw_rows = dict(zip(raw_bad["_row"].to_list(), raw_bad.iter_rows(named=True), strict=True))
    json_by_row = dict(zip(raw_bad["_row"].to_list(), raw_json.to_list(), strict=True))
    reasons = []
    for row in failing.iter_rows(named=True):
        cols = [n for n, _ in typed if row[n]]
        values = raw_rows[row["_row"]]
        why = "; ".join(
            f"{c}: could not parse {values[c]!r} as {_describe(dtypes[c])}" for c in cols
        )
        reasons.append((row["_row"], json_by_row[row["_row"]], ",".join(cols), why))
    rejected = pl.DataFrame(reasons, schema=REJECTED_SCHEMA, orient="row")
    return parsed.filter(~pl.col("_row").is_in(bad_rows)), rejected


def _parse_expr(col: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    if dtype == pl.Date():
        # years 1000-2999 only (polars reads years Python cannot hold, such as 0000 or 99999)
        only = pl.when(col.str.contains(r"^[12]\d{3}-\d\d-\d\d$")).then(col)
        return only.str.to_date("%Y-%m-%d", strict=False)
    if isinstance(dtype, pl.Datetime):
        return parse_iso_datetime(col)
    if dtype == pl.Boolean():
        low = col.str.to_lowercase()
        return pl.when(low.is_in(_TRUE)).then(True).when(low.is_in(_FALSE)).then(False)
    if dtype.is_integer():
        # digits only, optionally ".0" (spreadsheets): read exactly, never through a float, so
        # 9007199254740993 stays itself; 1e30, inf, NaN and numbers beyond Int64 are NULL here
        # and quarantined as "could not parse"; the schema refuses negatives and big counts.
        as_int = col.cast(pl.Int64, strict=False)
        rest = pl.when(as_int.is_null()).then(col)  # few rows: the regex runs on them only
        sheet = pl.when(rest.str.contains(r"^-?\d+\.0+$")).then(rest)
        return pl.coalesce(as_int, sheet.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False))
    if dtype.is_float():
        return col.cast(pl.Float64, strict=False)
    return col


def _describe(dtype: pl.DataType) -> str:
    if dtype == pl.Date():
        return "a date (YYYY-MM-DD)"
    if isinstance(dtype, pl.Datetime):
        return "a timestamp (ISO 8601)"
    if dtype == pl.Boolean():
        return "true/false"
    if dtype.is_integer():
        return "a whole number"
    return "a number"


def resolve_regions(
    frame: pl.DataFrame, *, region_col: str = "region_raw", bare_kyiv: str = "city"
) -> pl.DataFrame:
    """Fill ``oblast_code`` from ``region_col`` through the gazetteer where it is missing.

    Each distinct spelling is resolved once; unresolved spellings stay NULL.
    """
    from analytics.reference.oblasts import resolve_oblast

    if region_col not in frame.columns:
        return frame
    names = frame[region_col].drop_nulls().unique().to_list()
    mapping = {n: resolve_oblast(n, bare_kyiv=bare_kyiv) for n in names}  # type: ignore[arg-type]
    resolved = pl.col(region_col).replace_strict(mapping, default=None, return_dtype=pl.String)
    if "oblast_code" in frame.columns:
        return frame.with_columns(oblast_code=pl.coalesce(pl.col("oblast_code"), resolved))
    return frame.with_columns(oblast_code=resolved)


class CanonicalCsvAdapter:
    """Reads CSV files whose header uses the canonical incident column names."""

    kind = "csv"

    def __init__(self, source: str | None = None) -> None:
        self.source = source

    def read(self, path: Path) -> SourceBatch:
        path = Path(path)
        try:
            # Fast path: let DuckDB parse dates and numbers. Any value that does not parse
            # makes it fail as a whole, and the text path below finds and explains each one.
            raw = read_csv_strings(path, types=FAST_TYPES)
            if (
                "occurred_on" in raw.columns
                and raw.select(
                    pl.col("occurred_on").is_not_null()
                    & in_calendar(pl.col("occurred_on")).is_null()
                )
                .to_series()
                .any()
            ):  # DuckDB reads years polars and Python cannot hold
                raise SourceFormatError(path, None, "occurred_on", "a year between 1 and 9999")
            to_parse = {c: t for c, t in INCIDENT_COLUMNS.items() if c not in FAST_TYPES}
        except SourceFormatError:
            raw = read_csv_strings(path)
            to_parse = INCIDENT_COLUMNS
        warnings = column_warnings(path, raw.columns, source=self.source)
        raw = raw.select([c for c in raw.columns if c in INCIDENT_COLUMNS])
        raw = raw.with_row_index("_row", offset=2).with_columns(pl.col("_row").cast(pl.Int64))
        if self.source:
            raw = raw.with_columns(source=pl.coalesce(pl.col("^source$"), pl.lit(self.source)))
        parsed, rejected = parse_columns(raw, to_parse)
        parsed = canonical_values(parsed)
        return SourceBatch(
            source=self.source or _first_source(parsed),
            file=str(path),
            sha256=sha256_file(path),
            rows_read=raw.height,
            incidents=parsed,
            rejected=rejected,
            warnings=warnings,
        )


def column_warnings(path: Path, columns: list[str], *, source: str | None = None) -> list[str]:
    """Check a canonical CSV's column names: raise when a required one is missing, and
    return the warnings for columns that are ignored (not in the canonical schema)."""
    missing = [c for c in REQUIRED if c not in columns and not (c == "source" and source)]
    if missing:
        raise SourceFormatError(
            path,
            1,
            missing[0],
            f"a header with the canonical columns {list(REQUIRED)} (found {columns[:8]})",
        )
    unknown = [c for c in columns if c not in INCIDENT_COLUMNS]
    if unknown:
        return [f"ignored columns not in the canonical schema: {listing(unknown)}"]
    return []


def canonical_values(parsed: pl.DataFrame) -> pl.DataFrame:
    """Parsed canonical rows with the adapter's normal forms: ``strike_type`` in lower case
    (missing means ``unknown``), ``oblast_code`` in upper case, and ``oblast_code`` filled from
    ``region_raw`` through the gazetteer where it is missing (:func:`resolve_regions`)."""
    if "strike_type" in parsed.columns:
        parsed = parsed.with_columns(
            strike_type=pl.col("strike_type").str.to_lowercase().fill_null("unknown")
        )
    else:
        parsed = parsed.with_columns(strike_type=pl.lit("unknown"))
    if "oblast_code" in parsed.columns:
        parsed = parsed.with_columns(oblast_code=pl.col("oblast_code").str.to_uppercase())
    return resolve_regions(parsed)


def first_source(frame: pl.DataFrame) -> str:
    """The batch's ``source`` label when the adapter was given none: up to three distinct
    sources of ``frame``, sorted, joined by commas (``csv`` when there are none)."""
    return _first_source(frame)


def _first_source(frame: pl.DataFrame) -> str:
    values = (
        frame["source"].drop_nulls().unique().sort().to_list() if "source" in frame.columns else []
    )
    return ",".join(values[:3]) or "csv"
