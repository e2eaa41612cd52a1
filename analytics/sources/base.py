"""The adapter interface every source implements, and helpers shared by adapters.

An adapter reads one file and returns a :class:`SourceBatch`: canonical incident rows (each
with ``_row``, its 1-based row number in the file), rows it could not parse (``rejected``,
with the reason), and any source-specific tables (``extra_tables``). The store validates,
quarantines and writes the batch in one transaction. A file that cannot be read as the kind at
all raises :class:`SourceFormatError`, naming file, line and column.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import polars as pl

__all__ = [
    "Adapter",
    "SourceBatch",
    "SourceFormatError",
    "REJECTED_SCHEMA",
    "ADAPTERS",
    "get_adapter",
    "sha256_file",
    "rejected_frame",
    "decode_text",
    "require_file",
    "split_checks",
    "listing",
    "parse_iso_datetime",
    "in_calendar",
    "check_text_file",
    "MAX_FIELD_CHARS",
    "MAX_LINE_CHARS",
    "MAX_COLUMNS",
    "refuse_long_fields",
]

#: Longest field (in characters) any adapter accepts. No canonical value (a note, a source's
#: article text, a URL) comes near it; a longer one means a broken quote or a hostile file, and
#: the file is refused with the line, instead of loading megabytes into one cell.
MAX_FIELD_CHARS = 100_000
#: Longest physical line (in characters) any adapter reads: ten fields at the limit, or a
#: header of some 100,000 column names. Checked while streaming, before a parser sees the line.
MAX_LINE_CHARS = 1_000_000
#: Most columns a CSV may have. The widest real source (ACLED) has 31, UCDP GED 49; thousands
#: of columns are not a dataset of incidents (and cost the CSV readers minutes), so the file is
#: refused with this limit in the message.
MAX_COLUMNS = 2_000

REJECTED_SCHEMA: dict[str, pl.DataType] = {
    "_row": pl.Int64(),
    "raw": pl.String(),
    "column": pl.String(),
    "reason": pl.String(),
}

#: kind -> "module:Class" of its adapter; imported only when used.
ADAPTERS: dict[str, str] = {
    "csv": "analytics.sources.canonical:CanonicalCsvAdapter",
    "acled": "analytics.sources.acled:AcledAdapter",
    "ucdp": "analytics.sources.ucdp:UcdpAdapter",
    "missiles": "analytics.sources.missiles:MissilesAdapter",
    "alerts": "analytics.sources.alerts:AlertsAdapter",
    "mapped": "analytics.sources.mapped:MappedCsvAdapter",
    "bulletin": "analytics.sources.bulletin:BulletinAdapter",
}


class SourceFormatError(ValueError):
    """A file cannot be read as the requested kind (nothing is written).

    Parameters
    ----------
    file, line, column
        Where the problem is (line is 1-based and counts the header; None when unknown).
    expected
        What was expected there, in words.
    """

    def __init__(
        self, file: str | Path, line: int | None, column: str | None, expected: str
    ) -> None:
        self.file, self.line, self.column, self.expected = str(file), line, column, expected
        where = self.file + (f", line {line}" if line is not None else "")
        where += f", column {column!r}" if column else ""
        # "a header with ..." reads as what was expected; other texts say what was found
        said = f"expected {expected}" if expected.startswith(("a ", "an ", "the ")) else expected
        super().__init__(f"{where}: {said}")


@dataclass(frozen=True)
class SourceBatch:
    """What an adapter read from one file."""

    source: str
    file: str
    sha256: str
    rows_read: int
    incidents: pl.DataFrame
    rejected: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=REJECTED_SCHEMA))
    extra_tables: Mapping[str, pl.DataFrame] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Extra tables whose rows count as accepted input rows (besides ``incidents``). None means
    #: the first extra table when ``incidents`` is empty, else none. Derived tables (one input
    #: row -> many rows, e.g. attack_wave_targets) must not be listed.
    primary_tables: tuple[str, ...] | None = None

    def counted_tables(self) -> tuple[str, ...]:
        """Names of the extra tables whose rows count towards ``rows_read``."""
        if self.primary_tables is not None:
            return self.primary_tables
        if self.incidents.height == 0 and self.extra_tables:
            return (next(iter(self.extra_tables)),)
        return ()


class Adapter(Protocol):
    """A source adapter: ``kind`` names it on the command line, ``read`` parses one file."""

    kind: str

    def read(self, path: Path) -> SourceBatch: ...


def get_adapter(kind: str, **options: Any) -> Adapter:
    """Instantiate the adapter registered for ``kind`` (see :data:`ADAPTERS`)."""
    try:
        target = ADAPTERS[kind]
    except KeyError:
        raise ValueError(
            f"unknown source kind {kind!r}; choose one of {sorted(ADAPTERS)}"
        ) from None
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)(**options)


def require_file(path: Path, what: str = "a file") -> None:
    """Raise :class:`SourceFormatError` unless ``path`` is an existing, readable file.

    The message says which: not found, a directory, or not readable.
    """
    if path.is_dir():
        raise SourceFormatError(path, None, None, f"this is a directory (expected {what})")
    if not path.is_file():
        raise SourceFormatError(path, None, None, "file not found")
    if not os.access(path, os.R_OK):
        raise SourceFormatError(path, None, None, "permission denied (not readable)")


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def rejected_frame(
    rows: Iterable[tuple[int, Mapping[str, Any] | str, str | None, str]],
) -> pl.DataFrame:
    """Build a ``rejected`` frame from ``(row, raw, column, reason)`` tuples."""
    data = [
        (
            r,
            raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str),
            c,
            why,
        )
        for r, raw, c, why in rows
    ]
    return pl.DataFrame(data, schema=REJECTED_SCHEMA, orient="row")


def decode_text(data: bytes) -> tuple[str, int]:
    """Decode bytes as UTF-8 (BOM tolerated), replacing invalid bytes.

    Returns the text and the number of replacement characters introduced, so a caller can
    report it instead of crashing or hiding it.
    """
    text = data.decode("utf-8-sig", errors="replace")
    if "\ufffd" not in text:
        return text, 0
    clean = data.decode("utf-8-sig", errors="ignore")
    return text, text.count("\ufffd") - clean.count("\ufffd")


def split_checks(
    frame: pl.DataFrame, raw: pl.DataFrame, checks: list[tuple[str, pl.Expr, pl.Expr]]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split ``frame`` into rows passing every check and a ``rejected`` frame for the rest.

    Each check is ``(columns, bad, why)``: ``bad`` is a boolean expression true for a failing
    row (NULL counts as passing) and ``why`` a string expression giving the reason. A row that
    fails several checks gets their columns and reasons joined. The columns of ``raw`` (the
    file's own columns, which ``frame`` still carries) are kept as the row's JSON.
    """
    flagged = frame.with_columns(
        _why=pl.concat_str(
            [pl.when(bad.fill_null(False)).then(why) for _, bad, why in checks],
            separator="; ",
            ignore_nulls=True,
        ),
        _cols=pl.concat_str(
            [pl.when(bad.fill_null(False)).then(pl.lit(c)) for c, bad, _ in checks],
            separator=",",
            ignore_nulls=True,
        ),
    )
    failing = flagged.filter(pl.col("_why") != "")
    rejected = pl.DataFrame(schema=REJECTED_SCHEMA)
    if failing.height:
        raw_cols = [c for c in raw.columns if c != "_row"]
        rejected = rejected_frame(
            (row["_row"], {c: row[c] for c in raw_cols}, row["_cols"], row["_why"])
            for row in failing.iter_rows(named=True)
        )
    return flagged.filter(pl.col("_why") == "").drop("_why", "_cols"), rejected


def listing(items: Iterable[object], limit: int = 10, *, quote: bool = True) -> str:
    """Items as ``'a', 'b', 'c' and N more``: a warning never lists thousands of names.

    Examples
    --------
    >>> listing(["a", "b"]), listing(range(12), limit=3)
    ("'a', 'b'", '0, 1, 2 and 9 more')
    """
    items = list(items)
    shown = ", ".join(repr(i) if quote and isinstance(i, str) else str(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


_ISO_WITH_OFFSET = (
    "%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M%#z", "%Y-%m-%d %H:%M%#z",
)  # fmt: skip
_ISO_NAIVE = (
    "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
)  # fmt: skip


def parse_iso_datetime(text: pl.Expr) -> pl.Expr:
    """ISO 8601 text -> naive UTC ``Datetime("us")``; NULL where it does not parse.

    A value with an offset (``+02:00``, ``+0200``, ``+02`` or ``Z``) is converted to UTC; a
    value without one is taken as UTC already. ``T`` or a space may separate date and time;
    seconds and fractions are optional. A bare date is midnight. Each value is parsed on its
    own, so a file mixing forms parses every row (no format is inferred from the first row).

    Examples
    --------
    >>> s = pl.Series(["2024-05-01T10:00:00+02:00", "2024-05-01 08:00", "2024-05-01T08:00Z"])
    >>> pl.select(parse_iso_datetime(pl.lit(s))).to_series().dt.hour().to_list()
    [8, 8, 8]
    """
    t = text.str.strip_chars().str.replace(r"(?i)z$", "+00:00")
    exprs = [
        t.str.to_datetime(f, strict=False, time_unit="us", time_zone="UTC").dt.replace_time_zone(
            None
        )
        for f in _ISO_WITH_OFFSET
    ]
    exprs += [t.str.to_datetime(f, strict=False, time_unit="us") for f in _ISO_NAIVE]
    exprs.append(t.str.to_date("%Y-%m-%d", strict=False).cast(pl.Datetime("us")))
    return in_calendar(pl.coalesce(exprs))


def in_calendar(when: pl.Expr) -> pl.Expr:
    """``when`` where its year is 1..9999, else NULL (polars parses years Python cannot hold).

    A date such as ``+99999-01-01`` or ``0000-01-01`` would otherwise crash the conversion
    of a quarantined row to Python or JSON; as NULL it is reported as "could not parse".
    """
    return pl.when(when.dt.year().is_between(1, 9999)).then(when)


def check_text_file(path: Path, *, max_line: int = MAX_LINE_CHARS, encoding_hint: str = "") -> None:
    """Refuse a file that is not UTF-8 or holds an overlong line, naming the line.

    Reads the file line by line (bounded memory). Raises :class:`SourceFormatError` with the
    line number, the offending byte or length, and what to do. ``encoding_hint`` is added to
    the advice for invalid bytes (e.g. how to declare another encoding).
    """
    limit = 4 * max_line + 2  # UTF-8 takes at most 4 bytes a character
    with path.open("rb") as fh:
        number = 0
        while line := fh.readline(limit):
            number += 1
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as err:
                if len(line) < limit or err.start < len(line) - 4:  # not a cut at the limit
                    byte = line[err.start : err.start + 1].hex()
                    raise SourceFormatError(
                        path, number, None,
                        f"byte 0x{byte} (byte {err.start + 1} of the line) is not valid UTF-8; "
                        f"re-save the file as UTF-8 (CSV UTF-8 in a spreadsheet){encoding_hint}",
                    ) from None  # fmt: skip
                text = line[: err.start].decode("utf-8", errors="replace")
            if len(text.rstrip("\r\n")) > max_line or len(line) >= limit:
                raise SourceFormatError(
                    path, number, None,
                    f"this line is longer than the limit of {max_line:,} characters; a line "
                    "this long is a broken quote or not incident data, so the file is refused "
                    "(check for an unclosed quote)",
                )  # fmt: skip


def refuse_long_fields(frame: pl.DataFrame, path: Path | str) -> None:
    """Raise SourceFormatError naming the first field longer than :data:`MAX_FIELD_CHARS`."""
    cols = [c for c in frame.columns if c != "_row"]
    if not cols:
        return
    longest = frame.select(pl.max_horizontal(pl.col(cols).str.len_chars().max()))[0, 0]
    if longest is None or longest <= MAX_FIELD_CHARS:
        return
    for c in cols:
        hit = frame.filter(pl.col(c).str.len_chars() > MAX_FIELD_CHARS)
        if hit.height:
            raise SourceFormatError(
                path, int(hit["_row"][0]), c,
                f"this field has {hit[c].str.len_chars()[0]:,} characters, above the limit "
                f"of {MAX_FIELD_CHARS:,}: a broken quote or not incident data, so the file "
                "is refused (check for an unclosed quote)",
            )  # fmt: skip
