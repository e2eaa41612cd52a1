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
]

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
