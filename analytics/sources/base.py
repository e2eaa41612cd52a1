"""The adapter interface every source implements, and helpers shared by adapters.

An adapter reads one file and returns a :class:`SourceBatch`: canonical incident rows (each
with ``_row``, its 1-based row number in the file), rows it could not parse (``rejected``,
with the reason), and any source-specific tables (``extra_tables``). The store validates,
quarantines and writes the batch in one transaction. A file that cannot be read as the kind at
all raises :class:`SourceFormatError`, naming file, line and column.
"""

from __future__ import annotations

import codecs
import hashlib
import importlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

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
    "parse_iso_series",
    "ISO_FORMATS",
    "in_calendar",
    "check_text_file",
    "TextFile",
    "MAX_FIELD_CHARS",
    "MAX_LINE_BYTES",
    "MAX_COLUMNS",
    "refuse_long_fields",
    "safe_column_names",
]

#: Longest field (in characters) any adapter accepts. No canonical value (a note, a source's
#: article text, a URL) comes near it; a longer one means a broken quote or a hostile file, and
#: the file is refused with the line, instead of loading megabytes into one cell.
MAX_FIELD_CHARS = 100_000
#: Longest physical line (in bytes) any adapter reads: at least ten fields at the limit.
#: Checked while streaming, before a parser sees the line.
MAX_LINE_BYTES = 4_000_000
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


#: ISO 8601 forms tried, most common first: (strptime format, has an offset). Text is first
#: normalised (``T`` -> space, ``Z`` -> ``+00:00``).
ISO_FORMATS: tuple[tuple[str, bool], ...] = (
    ("%Y-%m-%d %H:%M:%S", False),
    ("%Y-%m-%d %H:%M:%S%#z", True),
    ("%Y-%m-%d %H:%M", False),
    ("%Y-%m-%d %H:%M%#z", True),
    ("%Y-%m-%d %H:%M:%S%.f", False),
    ("%Y-%m-%d %H:%M:%S%.f%#z", True),
)


def parse_iso_datetime(text: pl.Expr) -> pl.Expr:
    """ISO 8601 text -> naive UTC ``Datetime("us")``; NULL where it does not parse.

    A value with an offset (``+02:00``, ``+0200``, ``+02`` or ``Z``) is converted to UTC; a
    value without one is taken as UTC already. ``T`` or a space may separate date and time;
    seconds and fractions are optional. A bare date is midnight. Years outside 1000-2999 do
    not parse (no date of this data lies there, and polars reads years Python cannot hold).
    Each value is parsed on its own, so a file mixing forms parses every row (no format is
    inferred from the first row).

    Examples
    --------
    >>> s = pl.Series(["2024-05-01T10:00:00+02:00", "2024-05-01 08:00", "2024-05-01T08:00Z"])
    >>> pl.select(parse_iso_datetime(pl.lit(s))).to_series().dt.hour().to_list()
    [8, 8, 8]
    """
    return text.map_batches(parse_iso_series, return_dtype=pl.Datetime("us"))


def parse_iso_series(values: pl.Series) -> pl.Series:
    """:func:`parse_iso_datetime` on a Series (each form tried only on rows still unparsed)."""
    t = pl.col("t").str.strip_chars()
    plausible = t.str.slice(0, 1).is_in(["1", "2"]) & (t.str.slice(4, 1) == "-")
    t = pl.when(plausible).then(t.str.replace("T", " ", literal=True))
    frame = pl.DataFrame({"t": values.cast(pl.String)}).select(
        t.str.replace("Z", "+00:00", literal=True).alias("t"),
        pl.lit(None, dtype=pl.Datetime("us")).alias("r"),
    )
    rest = pl.when(pl.col("r").is_null()).then(pl.col("t"))
    for fmt, offset in ISO_FORMATS:
        if frame.select((pl.col("r").is_null() & pl.col("t").is_not_null()).any()).item() is False:
            break  # every value parsed: a file in one form costs one parse
        if offset:
            parsed = rest.str.to_datetime(fmt, strict=False, time_unit="us", time_zone="UTC")
            parsed = parsed.dt.replace_time_zone(None)
        else:
            parsed = rest.str.to_datetime(fmt, strict=False, time_unit="us")
        frame = frame.with_columns(r=pl.coalesce("r", parsed))
    date = rest.str.to_date("%Y-%m-%d", strict=False).cast(pl.Datetime("us"))
    return frame.select(pl.coalesce("r", date))["r"].alias(values.name)


def in_calendar(when: pl.Expr) -> pl.Expr:
    """``when`` where its year is 1..9999, else NULL (polars parses years Python cannot hold).

    A date such as ``+99999-01-01`` or ``0000-01-01`` would otherwise crash the conversion
    of a quarantined row to Python or JSON; as NULL it is reported as "could not parse".
    """
    return pl.when(when.dt.year().is_between(1, 9999)).then(when)


@dataclass(frozen=True)
class TextFile:
    """What :func:`check_text_file` learnt from its one read of a file.

    Attributes
    ----------
    sha256
        Hex sha256 of the file's bytes (as :func:`sha256_file` gives it).
    lines
        Lines holding any byte (a final line break does not start a line), counted by
        ``\\n``; meaningful as an upper bound on a CSV's records only when ``carriage_returns``
        is 0 (a reader may also break lines at ``\\r``).
    carriage_returns
        ``\\r`` bytes in the file.
    """

    sha256: str
    lines: int
    carriage_returns: int

    def records_at_most(self) -> int | None:
        """Most data records (lines after the header) a CSV reader can find in the file; None
        when a ``\\r`` makes the line count no bound. A quoted line break only lowers it."""
        if self.carriage_returns:
            return None
        return max(self.lines - 1, 0)


def check_text_file(
    path: Path, *, max_line: int = MAX_LINE_BYTES, encoding_hint: str = ""
) -> TextFile:
    """Refuse a file that is not UTF-8 or holds an overlong line, naming the line; return its
    sha256 and line counts (:class:`TextFile`), taken in the same read.

    Reads the file in blocks of 1 MiB (bounded memory, C-speed checks: a line inside a block
    is no longer than the block, so only the line each block continues is measured, unless
    ``max_line`` is below the block's size). Raises
    :class:`SourceFormatError` with the line number, the offending byte or length, and what to
    do. ``encoding_hint`` is added to the advice for invalid bytes (e.g. how to declare
    another encoding).
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    digest = hashlib.sha256()
    line_no, current, first = 1, b"", True  # current: the unfinished last line so far
    returns = 0
    with path.open("rb") as fh:
        while True:
            block = fh.read(1 << 20)
            digest.update(block)
            returns += block.count(b"\r") if b"\r" in block else 0
            if first and block.startswith(codecs.BOM_UTF8):
                block = block[3:]
            first = False
            pending = len(decoder.getstate()[0])  # bytes of a character split across blocks
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as err:
                start = err.start - pending
                _raise_not_utf8(path, line_no, current, block, start, encoding_hint)
            if not block:
                lines = line_no - 1 + (1 if current else 0)
                return TextFile(digest.hexdigest(), lines, returns)
            if max_line < len(block):  # a line within the block may be too long
                _check_line_lengths(path, block.split(b"\n"), current, line_no, max_line)
            brk = block.find(b"\n")  # the end of the line the block continues
            if len(current) + (len(block) if brk == -1 else brk) > max_line:
                line = block if brk == -1 else block[:brk]
                _check_line_lengths(path, [line], current, line_no, max_line)
            line_no += block.count(b"\n")
            tail = current + block if brk == -1 else block[block.rfind(b"\n") + 1 :]
            current = tail[-max_line - 1 :]


def _check_line_lengths(
    path: Path, lines: list[bytes], current: bytes, line_no: int, max_line: int
) -> None:
    """Raise when one of a block's ``lines`` (the first continues ``current``, the last one so
    far, which begins on line ``line_no``) is longer than ``max_line`` bytes."""
    lengths = [len(current) + len(lines[0]), *map(len, lines[1:])]
    if max(lengths) > max_line:
        at = next(i for i, n in enumerate(lengths) if n > max_line)
        raise SourceFormatError(
            path, line_no + at, None,
            f"this line is longer than the limit of {max_line:,} bytes; a line this "
            "long is a broken quote or not incident data, so the file is refused "
            "(check for an unclosed quote)",
        )  # fmt: skip


def _raise_not_utf8(
    path: Path, line_no: int, current: bytes, block: bytes, start: int, hint: str
) -> None:
    # ``start`` may be negative when the bad sequence began in the previous block
    start = max(start, 0)
    before = block[:start]
    line = line_no + before.count(b"\n")
    in_line = len(before) - (before.rfind(b"\n") + 1) + (0 if b"\n" in before else len(current))
    byte = block[start : start + 1].hex()
    what = f"byte 0x{byte} (byte {in_line + 1} of the line)" if byte else "its last character"
    raise SourceFormatError(
        path, line, None,
        f"{what} is not valid UTF-8; re-save the file as UTF-8 (CSV UTF-8 in a "
        f"spreadsheet){hint}",
    )  # fmt: skip


def refuse_long_fields(
    frame: pl.DataFrame, path: Path | str, *, columns: Iterable[str] | None = None
) -> None:
    """Raise SourceFormatError naming the first field longer than :data:`MAX_FIELD_CHARS`.

    ``frame`` must carry ``_row`` (the line of each row); ``columns`` (default: every text
    column but ``_row``) are checked. Columns are taken by name, never as patterns.
    """
    names = [c for c in (frame.columns if columns is None else columns) if c != "_row"]
    series = [frame.get_column(c) for c in names]
    for column in (s for s in series if s.dtype == pl.String):
        lengths = column.str.len_chars()
        if (cast(int | None, lengths.max()) or 0) <= MAX_FIELD_CHARS:  # an integer column
            continue
        at = int((lengths > MAX_FIELD_CHARS).arg_true()[0])
        raise SourceFormatError(
            path, int(frame.get_column("_row")[at]), column.name,
            f"this field has {lengths[at]:,} characters, above the limit of "
            f"{MAX_FIELD_CHARS:,}: a broken quote or not incident data, so the file is refused "
            "(check for an unclosed quote)",
        )  # fmt: skip


def safe_column_names(names: Iterable[str]) -> list[str]:
    """Header names that polars cannot mistake for patterns, and that leave ``_row`` free.

    ``*`` and ``^...$`` are wildcards and regular expressions to ``pl.col``, and ``_row`` is
    the adapters' own line number; such names get `` (column N)`` appended, so every column
    is still read and named in messages.

    Examples
    --------
    >>> safe_column_names(["id", "*", "^a$", "_row"])
    ['id', '* (column 2)', '^a$ (column 3)', '_row (column 4)']
    """
    out = []
    for i, name in enumerate(names, start=1):
        risky = name in {"*", "_row"} or (name.startswith("^") and name.endswith("$"))
        out.append(f"{name} (column {i})" if risky else name)
    return out
