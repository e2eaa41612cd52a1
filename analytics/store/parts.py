"""A CSV cut into parts at record boundaries, so that each part is read and numbered alone.

DuckDB numbers a read's rows (``row_number() over ()``) with a streaming window that keeps its
pipeline to one thread (see :mod:`analytics.store.direct`). A file cut into parts, each with
the header and its own window plus the number of lines before it, is numbered by several
pipelines at once (one ``INSERT ... SELECT`` of a ``UNION ALL``), with the same numbers as the
whole file read at once, provided every cut falls between two records and the lines before a
part are its records.

:func:`part_bounds` cuts only where that is known from one read of the bytes: after a
``\\n`` where no quoted field is open, tracked quote by quote as DuckDB's strict reader reads
them (a ``"`` opens a quoted field only at a field's start, ``""`` inside one is a quote,
a ``"`` in an unquoted field is text), in a file with no ``\\r`` outside ``\\r\\n`` and a
header without quotes, and none of whose quoted fields before the last cut holds a line break.
Every other file is not cut. A blank line before a cut (which the reader skips) still makes
a part hold fewer records than lines, and any part holds at most as many records as lines:
so the caller checks that the numbers came out as ``2 .. rows + 1`` (the largest one settles
it, :func:`analytics.store.direct.append_plain_csv`), and stages the file when they did not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from analytics.sources.base import MAX_LINE_BYTES

__all__ = ["CsvPart", "part_bounds", "write_parts", "MAX_TRACKED_QUOTES"]

#: Most ``"`` before the last cut that :func:`part_bounds` tracks one by one (a Python loop);
#: a file with more is not cut (read whole, numbered on one thread: the same rows, slower).
MAX_TRACKED_QUOTES: Final = 200_000

_BLOCK: Final = 1 << 20
_BLANKS: Final = b" \t"
_FIELD_ENDS: Final = b",\n"


@dataclass(frozen=True)
class CsvPart:
    """One part of a CSV: bytes ``start`` to ``end`` of the file, whose first line is line
    ``first_line`` of the file (the header is line 1), written with the header to ``path``
    by :func:`write_parts` (None before)."""

    start: int
    end: int
    first_line: int
    path: Path | None = None


def part_bounds(path: Path, parts: int, *, min_bytes: int) -> list[CsvPart] | None:
    """``path`` cut into up to ``parts`` parts of about equal size (each at least
    ``min_bytes``), or None when it is not cut (see the module docstring).

    Reads the bytes before the last cut: once, counting line breaks, and once more, quote by
    quote, only where quotes stand.
    """
    size = path.stat().st_size
    parts = min(parts, size // max(min_bytes, 1))
    if parts < 2:
        return None
    with path.open("rb") as fh:
        header = fh.readline()
    if not header.endswith(b"\n") or b'"' in header:
        return None
    targets = [size * k // parts for k in range(1, parts)]
    found = _cuts(path, len(header), targets)
    if found is None:
        return None
    cuts = [c for c in found[0] if c[0] < size]
    if not cuts or (found[1] and _quoted_line_break(path, len(header), cuts[-1][0])):
        return None
    starts = [(len(header), 1), *cuts]
    starts = [s for i, s in enumerate(starts) if i == 0 or s[0] > starts[i - 1][0]]
    if len(starts) < 2:
        return None
    ends = [s for s, _ in starts[1:]] + [size]
    return [CsvPart(s, e, n + 1) for (s, n), e in zip(starts, ends, strict=True)]


def _cuts(path: Path, start: int, targets: list[int]) -> tuple[list[tuple[int, int]], bool] | None:
    """(offset just past the first ``\\n`` at or after each target, lines before it), read
    from byte ``start`` (line 2), and whether a quote stands before the last; None when a
    ``\\r`` stands outside ``\\r\\n`` there. One pass of C-speed counts and searches."""
    cuts: list[tuple[int, int]] = []
    quotes = False
    targets = list(targets)
    lines, offset = 1, start
    with path.open("rb") as fh:
        fh.seek(start)
        while targets:
            chunk = fh.read(_BLOCK)
            if not chunk:
                break
            if chunk.endswith(b"\r"):
                chunk += fh.read(1)  # keep a \r\n whole
            if b"\r" in chunk and chunk.count(b"\r") != chunk.count(b"\r\n"):
                return None  # a lone \r: a reader may break a line there
            quotes = quotes or b'"' in chunk
            while targets and offset + len(chunk) > targets[0]:
                cut = chunk.find(b"\n", max(targets[0] - offset, 0)) + 1
                if cut == 0:  # the line goes on into the next chunk
                    targets[0] = offset + len(chunk)
                    break
                cuts.append((offset + cut, lines + chunk.count(b"\n", 0, cut)))
                targets.pop(0)
            lines += chunk.count(b"\n")
            offset += len(chunk)
    return cuts, quotes


def _quoted_line_break(path: Path, start: int, end: int) -> bool:
    """Whether a quoted field between bytes ``start`` (a line's start) and ``end`` (just past
    a line break) holds a line break, or more than :data:`MAX_TRACKED_QUOTES` quotes lie
    there (a Python loop tracks them), or a line there is longer than
    :data:`~analytics.sources.base.MAX_LINE_BYTES` (the text check refuses the file: it is
    not worth cutting, and carrying such a line from block to block would copy it again for
    every block); False at once for a stretch with no quote."""
    seen = 0
    with path.open("rb") as fh:
        fh.seek(start)
        left, carry = end - start, b""
        while left > 0:
            chunk = fh.read(min(_BLOCK, left))
            if not chunk:
                break
            left -= len(chunk)
            data = carry + chunk if carry else chunk
            last = data.rfind(b"\n") + 1 if left > 0 else len(data)
            block, carry = data[:last], data[last:]
            if len(carry) > MAX_LINE_BYTES:
                return True
            if b'"' not in block:
                continue
            seen += block.count(b'"')
            if seen > MAX_TRACKED_QUOTES or _spans_lines(block):
                return True
    return False


def _spans_lines(block: bytes) -> bool:
    """Whether a quoted field of ``block`` (whole lines, none open at its start) holds a line
    break or runs past its end, or a quote stands where readers differ, reading its quotes
    as DuckDB's strict reader does (2.0.1, probed quote by quote): a ``"`` opens a field at
    the field's start or after one space there (:func:`_opening`), ``""`` inside it is a
    quote, the next ``"`` closes it, and a ``"`` after the close and spaces opens it again
    (``"y" "z"`` is ``y z``, :func:`_closing`); any other ``"`` in an unquoted field is
    text."""
    pos = block.find(b'"')
    while pos != -1:
        opens = _opening(block, pos)
        if opens is None:
            return True
        if opens:
            close = _closing(block, pos)
            if close == -1 or block.find(b"\n", pos, close) != -1:
                return True
            pos = close
        pos = block.find(b'"', pos + 1)
    return False


def _opening(block: bytes, pos: int) -> bool | None:
    """Whether the ``"`` at ``pos`` (outside a quoted field) opens one: at a field's start
    or after one space there; None after two or more spaces or a tab there, where DuckDB
    2.0.1 reads text but another version or reader may not (the caller does not cut)."""
    blank = pos
    while blank > 0 and block[blank - 1] in _BLANKS:
        blank -= 1
    if blank > 0 and block[blank - 1] not in _FIELD_ENDS:
        return False  # within an unquoted field: text
    if pos - blank == 0 or block[blank:pos] == b" ":
        return True
    return None


def _closing(block: bytes, pos: int) -> int:
    """Offset of the ``"`` that closes the field opened at ``pos`` (past ``""`` quotes and
    past re-openings: the close, spaces, a ``"``), or -1 when it stays open to the end."""
    close = block.find(b'"', pos + 1)
    while close != -1:
        after = close + 1
        while block[after : after + 1] == b" ":
            after += 1
        if block[after : after + 1] != b'"':
            return close
        close = block.find(b'"', after + 1)  # ``""`` (after == close + 1) or reopened
    return -1


def write_parts(path: Path, parts: list[CsvPart], directory: Path) -> list[CsvPart]:
    """Write each part of ``path`` (:func:`part_bounds`) to ``directory`` as a CSV of its own:
    the header line, then the part's bytes (copied in the kernel where it can)."""
    with path.open("rb") as fh:
        header = fh.readline()
    written = []
    source = os.open(path, os.O_RDONLY)
    try:
        for k, part in enumerate(parts):
            target = directory / f"part{k}.csv"
            out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(out, header)
                _copy_range(source, out, part.start, part.end - part.start)
            finally:
                os.close(out)
            written.append(CsvPart(part.start, part.end, part.first_line, target))
    finally:
        os.close(source)
    return written


def _copy_range(source: int, out: int, start: int, count: int) -> None:
    """Copy ``count`` bytes of ``source`` from ``start`` to the end of ``out``."""
    while count > 0:
        try:
            done = os.copy_file_range(source, out, count, start)
        except (AttributeError, OSError):  # no copy_file_range here, or not across these files
            done = len(chunk := os.pread(source, min(count, _BLOCK), start))
            os.write(out, chunk)
        if done == 0:
            raise OSError(f"the file ended before byte {start + count:,}")
        start, count = start + done, count - done
