"""Adapter for a user's own spreadsheet export, described by a small TOML mapping (``mapped``).

The mapping names the file's delimiter, encoding and decimal mark, renames its columns to the
canonical incident columns, lists the date formats, maps its strike-type words to the canonical
strike types and gives a default source name. See ``docs/mapped_csv.md`` for an example.

Nothing is dropped silently: a value that does not parse sends its row to quarantine with the
column and what was expected; strike-type values the mapping does not know become ``unknown``
and are listed in a warning; region strings that do not resolve keep ``region_raw`` with a NULL
``oblast_code``.

This module also holds :func:`read_csv_text`, the strict all-text CSV reader over already
decoded text that the UCDP and ACLED adapters share.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from analytics.schema import INCIDENT_COLUMNS, STRIKE_TYPES
from analytics.sources.base import (
    MAX_COLUMNS,
    REJECTED_SCHEMA,
    SourceBatch,
    SourceFormatError,
    decode_text,
    listing,
    refuse_long_fields,
    rejected_frame,
    require_file,
    safe_column_names,
    sha256_file,
)
from analytics.sources.canonical import resolve_regions

__all__ = [
    "MappedCsvAdapter",
    "CsvMapping",
    "load_mapping",
    "read_csv_text",
    "sniff_delimiter",
    "decode_file",
    "parse_whole_numbers",
]

_TRUE = ("true", "t", "yes", "y", "1")
_FALSE = ("false", "f", "no", "n", "0")
_DATETIME_COLUMNS = ("occurred_at", "reported_at")
_COUNT_COLUMNS = ("killed", "killed_low", "killed_high", "injured")
_FLOAT_COLUMNS = ("latitude", "longitude")


# -- shared CSV helpers ------------------------------------------------------------------------
def decode_file(path: Path, encoding: str = "utf-8") -> tuple[str, list[str]]:
    """Read and decode a file; invalid bytes become U+FFFD and are reported, not fatal.

    Returns the text and a list of warnings (empty when the bytes decoded cleanly).
    """
    require_file(path)
    data = path.read_bytes()
    if encoding.replace("_", "-").lower() in {"utf-8", "utf8", "utf-8-sig"}:
        text, n_bad = decode_text(data)
    else:
        try:
            text = data.decode(encoding, errors="replace")
        except LookupError:
            raise SourceFormatError(
                path, None, None, f"a known text encoding, not {encoding!r}"
            ) from None
        n_bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    warnings = []
    if n_bad:
        warnings.append(
            f"{n_bad} byte sequence(s) were not valid {encoding} and were replaced with U+FFFD"
        )
    return text, warnings


def read_csv_text(
    text: str,
    path: Path | str,
    *,
    delimiter: str | None = ",",
    lower_header: bool = False,
) -> tuple[pl.DataFrame, int]:
    """Parse decoded CSV text with every column as text, strictly (ragged rows are an error).

    Returns the frame with ``_row`` (1-based row number, header = 1) and the number of blank
    rows skipped. A file that is not well-formed raises :class:`SourceFormatError` naming the
    line of the first bad row.
    """
    if not text.strip():
        raise SourceFormatError(path, 1, None, "a CSV header (the file is empty)")
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    header = _first_record(text, delimiter)
    if len(header) > MAX_COLUMNS:
        raise SourceFormatError(
            path, 1, None,
            f"header has {len(header):,} columns, above the limit of {MAX_COLUMNS:,}; "
            "keep only the columns the source defines",
        )  # fmt: skip
    try:
        frame = pl.read_csv(
            io.StringIO(text),
            infer_schema=False,
            separator=delimiter,
            truncate_ragged_lines=False,
            raise_if_empty=True,
        )
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as err:
        line, expected = _locate_csv_error(text, delimiter)
        raise SourceFormatError(
            path, line, None, expected or f"a well-formed CSV ({err})"
        ) from None
    if lower_header:  # other releases and spreadsheet round trips change header case
        renamed = {c: c.strip().lower() for c in frame.columns}
        if len(set(renamed.values())) == len(renamed):
            frame = frame.rename(renamed)
    frame = frame.rename(dict(zip(frame.columns, safe_column_names(frame.columns), strict=True)))
    dupes = {c for c in frame.columns if c.endswith("_duplicated_0")}
    if dupes:
        raise SourceFormatError(path, 1, sorted(dupes)[0], "a header without repeated column names")
    frame = frame.with_row_index("_row", offset=2).with_columns(pl.col("_row").cast(pl.Int64))
    refuse_long_fields(frame, path)
    data_cols = [c for c in frame.columns if c != "_row"]
    blank = pl.all_horizontal(
        [pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in data_cols]
    )
    n_blank = frame.filter(blank).height
    return frame.filter(~blank), n_blank


def sniff_delimiter(text: str) -> str:
    r"""The delimiter of a CSV from its header line: ``,``, ``;`` (spreadsheets in many European
    locales) or a tab, whichever splits the header into the most fields (``,`` on a tie).

    Examples
    --------
    >>> sniff_delimiter("a;b;c\n1;2,5;3"), sniff_delimiter("a,b\n"), sniff_delimiter("a\tb")
    (';', ',', '\t')
    """
    # a quoted newline in the header is one line here (a bare newline would stop csv.reader)
    header = " ".join("".join(_first_record(text, "\x00")[:1]).splitlines())
    counts = {d: _field_count(header, d) for d in (",", ";", "\t")}
    best = max(counts.values())
    return next(d for d in (",", ";", "\t") if counts[d] == best)


def _field_count(line: str, delimiter: str) -> int:
    """Fields of one header line split at ``delimiter`` (plain split if csv cannot read it)."""
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:
        return len(line.split(delimiter))


def _first_record(text: str, delimiter: str) -> list[str]:
    """The first CSV record of ``text`` (quoted newlines kept); the first line if malformed."""
    text = text.lstrip("\ufeff")
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return text.splitlines()[0].split(delimiter) if text.splitlines() else []


def _locate_csv_error(text: str, delimiter: str) -> tuple[int | None, str | None]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        for row in reader:
            if row and len(row) != len(header):
                return reader.line_num, f"{len(header)} fields as in the header, found {len(row)}"
    except csv.Error as err:
        return reader.line_num, f"a well-formed CSV ({err})"
    except StopIteration:
        return 1, "a CSV header"
    return None, None


def parse_whole_numbers(col: str) -> pl.Expr:
    """Text -> Int64 for counts: ``"12"``, ``"12.0"`` parse; empty is NULL; others are NULL.

    Pair with :func:`_bad` to tell "missing" from "did not parse".
    """
    text = pl.col(col).str.strip_chars()
    num = text.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)
    return pl.when(text.str.contains(r"^\d+(\.0+)?$")).then(num).otherwise(None)


def _present(col: str) -> pl.Expr:
    return pl.col(col).is_not_null() & (pl.col(col).str.strip_chars() != "")


# -- the mapping -------------------------------------------------------------------------------
@dataclass(frozen=True)
class CsvMapping:
    """A parsed mapping file (see ``docs/mapped_csv.md``)."""

    path: Path
    source: str | None
    columns: Mapping[str, str]
    date_formats: tuple[str, ...] = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
    strike_types: Mapping[str, str] = field(default_factory=dict)
    delimiter: str = ","
    encoding: str = "utf-8"
    decimal_comma: bool = False
    timezone: str = "UTC"
    bare_kyiv: str = "city"
    true_values: tuple[str, ...] = _TRUE
    false_values: tuple[str, ...] = _FALSE


_KEYS = {
    "source", "columns", "date_formats", "strike_types", "delimiter", "encoding",
    "decimal_comma", "timezone", "bare_kyiv", "true_values", "false_values",
}  # fmt: skip


#: key -> (allowed TOML types, what to write), checked before any value is used.
_KEY_TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "source": (str, 'a text such as "my_ngo"'),
    "columns": (dict, "a [columns] table: your header -> canonical column"),
    "date_formats": ((str, list), 'a list of strptime formats such as ["%d.%m.%Y"]'),
    "strike_types": (dict, "a [strike_types] table: your word -> canonical strike type"),
    "delimiter": (str, 'a single character such as ";" (or "tab")'),
    "encoding": (str, 'a text encoding name such as "cp1251"'),
    "decimal_comma": (bool, "true or false"),
    "timezone": (str, 'an IANA time zone name in quotes, such as "Europe/Kyiv"'),
    "bare_kyiv": (str, "one of 'city', 'oblast', 'none'"),
    "true_values": (list, 'a list of strings such as ["yes", "y"]'),
    "false_values": (list, 'a list of strings such as ["no", "n"]'),
}


def load_mapping(path: Path) -> CsvMapping:
    """Read and check a TOML mapping file; problems raise :class:`SourceFormatError`."""
    path = Path(path)
    require_file(path, "a mapping file (TOML)")
    try:
        doc: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise SourceFormatError(
            path, getattr(err, "lineno", None), None, f"valid TOML ({err})"
        ) from None

    def bad(key: str, expected: str) -> SourceFormatError:
        return SourceFormatError(path, None, key, expected)

    unknown = sorted(set(doc) - _KEYS)
    if unknown:
        raise bad(unknown[0], f"one of the mapping keys {sorted(_KEYS)}")
    for key, (types, expected) in _KEY_TYPES.items():
        if key in doc and not isinstance(doc[key], types):
            raise bad(key, f"{expected} (got {str(doc[key])[:60]!r})")
    for key in ("true_values", "false_values"):
        if key in doc and not all(isinstance(v, str) for v in doc[key]):
            raise bad(key, 'a list of strings such as ["yes", "y"]')
    columns = doc.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise bad("columns", "a [columns] table: your header -> canonical column")
    for theirs, ours in columns.items():
        if not isinstance(ours, str) or ours not in INCIDENT_COLUMNS or ours == "incident_id":
            raise bad(f"columns.{theirs}", f"a canonical column name, not {ours!r}")
    targets = list(columns.values())
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        raise bad("columns", f"each canonical column mapped once ({twice[0]!r} is mapped twice)")
    if "occurred_on" not in targets:
        raise bad("columns", "a column mapped to 'occurred_on' (the date of the strike)")
    source = doc.get("source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise bad("source", "a non-empty source name")
    if source is None and "source" not in targets:
        raise bad("source", "a default source name, or a column mapped to 'source'")
    strike_types = {str(k).strip().lower(): v for k, v in doc.get("strike_types", {}).items()}
    for theirs, ours in strike_types.items():
        if not isinstance(ours, str) or ours not in STRIKE_TYPES:
            raise bad(f"strike_types.{theirs}", f"one of {list(STRIKE_TYPES)}, not {ours!r}")
    formats = doc.get("date_formats", list(CsvMapping.date_formats))
    if isinstance(formats, str):
        formats = [formats]
    if not formats or not all(isinstance(f, str) and "%" in f for f in formats):
        raise bad("date_formats", 'a list of strptime formats such as "%d.%m.%Y"')
    delimiter = doc.get("delimiter", ",")
    if delimiter in {"\\t", "tab"}:
        delimiter = "\t"
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise bad("delimiter", "a single character")
    try:
        zoneinfo.ZoneInfo(doc.get("timezone", "UTC"))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise bad("timezone", 'an IANA time zone such as "Europe/Kyiv"') from None
    if doc.get("bare_kyiv", "city") not in {"city", "oblast", "none"}:
        raise bad("bare_kyiv", "one of 'city', 'oblast', 'none'")
    return CsvMapping(
        path=path,
        source=source.strip() if source else None,
        columns=dict(columns),
        date_formats=tuple(formats),
        strike_types=strike_types,
        delimiter=delimiter,
        encoding=str(doc.get("encoding", "utf-8")),
        decimal_comma=bool(doc.get("decimal_comma", False)),
        timezone=str(doc.get("timezone", "UTC")),
        bare_kyiv=str(doc.get("bare_kyiv", "city")),
        true_values=tuple(str(v).lower() for v in doc.get("true_values", _TRUE)),
        false_values=tuple(str(v).lower() for v in doc.get("false_values", _FALSE)),
    )


def _parse_datetime(text: str | None, formats: Sequence[str]) -> dt.datetime | None:
    if text is None or not text.strip():
        return None
    for fmt in formats:
        try:
            return dt.datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
    return None


# -- the adapter -------------------------------------------------------------------------------
class MappedCsvAdapter:
    """Reads a user's CSV export as incidents, following a TOML mapping.

    Parameters
    ----------
    mapping
        Path of the TOML mapping file (read when :meth:`read` runs).
    """

    kind = "mapped"

    def __init__(self, mapping: Path | str) -> None:
        self.mapping_path = Path(mapping)

    def read(self, path: Path) -> SourceBatch:
        """Read ``path`` as described by the mapping."""
        path = Path(path)
        m = load_mapping(self.mapping_path)
        text, warnings = decode_file(path, m.encoding)
        raw, n_blank = read_csv_text(text, path, delimiter=m.delimiter)
        if n_blank:
            warnings.append(f"skipped {n_blank} blank row(s)")
        missing = [c for c in m.columns if c not in raw.columns]
        if missing:
            raise SourceFormatError(
                path,
                1,
                missing[0],
                f"the column named in the mapping (header has {raw.columns[1:9]})",
            )
        ignored = [c for c in raw.columns if c != "_row" and c not in m.columns]
        if ignored:
            warnings.append(f"ignored columns not in the mapping: {listing(ignored)}")
        frame = raw.select("_row", *[pl.col(k).alias(v) for k, v in m.columns.items()])
        parsed, rejected = self._parse(frame, raw, m)
        parsed, unmapped = self._strike_types(parsed, m)
        if unmapped:
            listed = listing([f"{v!r} ({n})" for v, n in unmapped], quote=False)
            warnings.append(f"strike-type values not in the mapping, read as 'unknown': {listed}")
        parsed = resolve_regions(parsed, bare_kyiv=m.bare_kyiv)
        source = m.source or "mapped"
        return SourceBatch(
            source=source,
            file=str(path),
            sha256=sha256_file(path),
            rows_read=raw.height,
            incidents=parsed,
            rejected=rejected,
            warnings=warnings,
        )

    @staticmethod
    def _parse(
        frame: pl.DataFrame, raw: pl.DataFrame, m: CsvMapping
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Parse mapped text columns; return accepted rows and rejected rows with reasons."""
        tz = zoneinfo.ZoneInfo(m.timezone)
        out: list[pl.Expr] = [pl.col("_row")]
        checks: list[tuple[str, pl.Expr, pl.Expr]] = []  # column, failed?, reason
        for name in frame.columns[1:]:
            text = pl.col(name).str.strip_chars()
            text = pl.when(text == "").then(None).otherwise(text)
            dtype = INCIDENT_COLUMNS[name]
            if name == "occurred_on" or name in _DATETIME_COLUMNS:
                values = frame[name].drop_nulls().unique().to_list()
                stamps = {v: _parse_datetime(v, m.date_formats) for v in values}
                if name == "occurred_on":
                    lookup = {k: v.date() for k, v in stamps.items() if v is not None}
                    rtype: pl.DataType = pl.Date()
                else:
                    lookup = {  # a value with its own offset (%z) keeps it; others are in tz
                        k: (v if v.tzinfo else v.replace(tzinfo=tz))
                        .astimezone(dt.UTC)
                        .replace(tzinfo=None)
                        for k, v in stamps.items()
                        if v is not None
                    }
                    rtype = pl.Datetime("us")
                e = pl.col(name).replace_strict(lookup, default=None, return_dtype=rtype)
                expected = f"a date in one of the formats {list(m.date_formats)}"
            elif name in _COUNT_COLUMNS:
                e = parse_whole_numbers(name)
                expected = "a whole number of people (0 or more)"
            elif name in _FLOAT_COLUMNS:
                num = text.str.replace(",", ".") if m.decimal_comma else text
                e = num.cast(pl.Float64, strict=False)
                expected = "a number" + (" (decimal comma)" if m.decimal_comma else "")
            elif dtype == pl.Boolean():
                low = text.str.to_lowercase()
                e = (
                    pl.when(low.is_in(list(m.true_values)))
                    .then(True)
                    .when(low.is_in(list(m.false_values)))
                    .then(False)
                )
                expected = f"one of {list(m.true_values) + list(m.false_values)}"
            else:
                out.append(text.alias(name))
                continue
            out.append(e.alias(name))
            why = pl.format(f"{name}: could not parse {{}} as {expected}", pl.col(name))
            checks.append((name, e.is_null() & _present(name), why))
        checks.append(
            (
                "occurred_on",
                ~_present("occurred_on"),
                pl.lit("occurred_on: empty (a date is required)"),
            )
        )
        flagged = frame.with_columns(
            _why=pl.concat_str(
                [pl.when(bad).then(why) for _, bad, why in checks],
                separator="; ",
                ignore_nulls=True,
            ),
            _cols=pl.concat_str(
                [pl.when(bad).then(pl.lit(c)) for c, bad, _ in checks],
                separator=",",
                ignore_nulls=True,
            ),
        )
        failing = flagged.filter(pl.col("_why") != "")
        rejected = pl.DataFrame(schema=REJECTED_SCHEMA)
        if failing.height:
            raw_rows = {
                r["_row"]: r
                for r in raw.filter(pl.col("_row").is_in(failing["_row"].implode())).iter_rows(
                    named=True
                )
            }
            rejected = rejected_frame(
                ((r, {k: v for k, v in raw_rows[r].items() if k != "_row"}, c, why)
                 for r, c, why in failing.select("_row", "_cols", "_why").iter_rows())
            )  # fmt: skip
        ok = flagged.filter(pl.col("_why") == "").drop("_why", "_cols")
        parsed = ok.select(out)
        if m.source:
            if "source" in parsed.columns:
                parsed = parsed.with_columns(pl.col("source").fill_null(m.source))
            else:
                parsed = parsed.with_columns(source=pl.lit(m.source))
        return parsed, rejected

    @staticmethod
    def _strike_types(
        frame: pl.DataFrame, m: CsvMapping
    ) -> tuple[pl.DataFrame, list[tuple[str, int]]]:
        """Map strike-type values; unknown values become 'unknown' and are returned with counts."""
        if "strike_type" not in frame.columns:
            return frame.with_columns(strike_type=pl.lit("unknown")), []
        lookup = {t: t for t in STRIKE_TYPES} | dict(m.strike_types)
        key = pl.col("strike_type").str.strip_chars().str.to_lowercase()
        mapped = key.replace_strict(lookup, default=None, return_dtype=pl.String)
        counts = (
            frame.filter(pl.col("strike_type").is_not_null() & mapped.is_null())
            .group_by("strike_type")
            .len()
            .sort(["len", "strike_type"], descending=[True, False])
        )
        unmapped = [(str(v), int(n)) for v, n in counts.iter_rows()]
        return frame.with_columns(strike_type=mapped.fill_null("unknown")), unmapped
