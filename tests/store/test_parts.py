"""A canonical CSV cut into parts (``analytics.store.parts``) and appended by the direct path
with one numbering window per part: every row keeps its line, as when the file is read whole.

Files are written by hand; the expected lines are counted from the text itself (the event id
of each row is its line, or the line is found by splitting the file's bytes).
"""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl
import pytest

import analytics.store.direct as direct_module
import analytics.store.ingest as ingest_module
import analytics.store.parts as parts_module
from analytics.sources.base import SourceFormatError
from analytics.sources.canonical import CanonicalCsvAdapter, csv_read_sql
from analytics.store import Store
from analytics.store.ingest import ingest_canonical_csv
from analytics.store.parts import CsvPart, part_bounds, write_parts
from tests.store.parity import store_contents

#: Seconds after which a test that should take well under one is stopped as hung.
HANG_GUARD_S = 20

HEADER = "source,source_event_id,occurred_on,oblast_code,region_raw,strike_type,killed,notes"


def _row(line: int, notes: str = "n") -> str:
    """A plain row whose event id is its own line number."""
    return f"s,{line},2024-03-01,UA-63,,drone,{line % 7},{notes}"


def _file(path: Path, notes: list[str], *, end: str = "\n", last_newline: bool = True) -> Path:
    rows = [_row(line, note) for line, note in enumerate(notes, start=2)]
    text = end.join([HEADER, *rows]) + (end if last_newline else "")
    path.write_bytes(text.encode())
    return path


def _records(path: Path) -> list[tuple[str, ...]]:
    """The rows DuckDB's strict read (the direct path's) finds in ``path``."""
    header = HEADER.split(",")
    return duckdb.sql(
        csv_read_sql(header).replace("read_csv(?", f"read_csv('{path}'", 1)
    ).fetchall()


NOTES = {
    "plain": ["n"] * 40,
    "quoted commas": ['"Kyiv, centre"', '"a, b, c"', "n", '"say ""hi"", then go"'] * 10,
    "a quote inside an unquoted field": ['5"5 mm', "n", 'x"y"z', "n"] * 10,
}
ENDS = {"LF": ("\n", True), "CRLF": ("\r\n", True), "no last newline": ("\n", False)}


def _as_the_python_path_stores(path: Path, *, threads: int) -> dict[str, pl.DataFrame]:
    """The store's tables after ``ingest_canonical_csv`` of ``path`` with DuckDB on
    ``threads`` threads, checked equal to what the Python adapter path stores."""
    with Store(":memory:") as ours, Store(":memory:") as python:
        ours.con.execute(f"SET threads = {threads}")
        ingest_canonical_csv(ours, path)
        python.ingest(CanonicalCsvAdapter().read(path), kind="csv")
        mine, theirs = store_contents(ours), store_contents(python)
    for table, frame in mine.items():
        assert frame.equals(theirs[table]), table
    return mine


@pytest.mark.parametrize("end", sorted(ENDS))
@pytest.mark.parametrize("case", sorted(NOTES))
@pytest.mark.parametrize("parts", [2, 3, 7])
def test_parts_hold_the_files_rows_in_order_each_from_its_own_line(
    tmp_path: Path, case: str, end: str, parts: int
) -> None:
    newline, last = ENDS[end]
    path = _file(tmp_path / "f.csv", NOTES[case], end=newline, last_newline=last)
    bounds = part_bounds(path, parts, min_bytes=1)
    assert bounds is not None and len(bounds) == parts
    data = path.read_bytes()
    for part in bounds:  # each cut just after a line break, its line counted from the bytes
        assert data[part.start - 1 : part.start] == b"\n"
        assert part.first_line == data[: part.start].count(b"\n") + 1
    written = write_parts(path, bounds, tmp_path)
    whole = _records(path)
    numbered = []
    for part in written:
        assert part.path is not None
        rows = _records(part.path)
        numbered += [(part.first_line + i, row) for i, row in enumerate(rows)]
    # the parts, read apart, give every record once, in order, each numbered by its line
    assert [row for _, row in numbered] == whole
    assert all(int(row[1]) == line for line, row in numbered)


@pytest.mark.parametrize(
    ("case", "text"),
    [
        ("a quoted line break", HEADER + "\n" + _row(2, '"two\nlines"') + "\n"),
        ("a lone carriage return", HEADER + "\n" + _row(2, "a\rb") + "\n"),
        ("a quote in the header", HEADER.replace("notes", '"notes"') + "\n" + _row(2) + "\n"),
        ("a field opened after a stray quote", HEADER + "\n" + _row(2, 'x"') + "\n"
         + _row(3, '"y\nz"') + "\n"),
        # DuckDB opens a quoted field after one space at the field's start ...
        ("a field opened after a space", HEADER + "\n" + _row(2, ' "y\nz"') + "\n"),
        ("a line opened after a space", HEADER + "\n" + ' "y\nz",' + _row(2)[2:] + "\n"),
        # ... and again after a closed one and spaces: "y" "z" is one field, y z
        ("a field opened again", HEADER + "\n" + _row(2, '"y" "\nz"') + "\n"),
        ("a field opened a third time", HEADER + "\n" + _row(2, '"y" "q"  "\nz"') + "\n"),
        # two spaces or a tab before a quote: text for DuckDB 2.0.1, not for every reader
        ("a quote after two spaces", HEADER + "\n" + _row(2, '  "y,"a\nb"') + "\n"),
        ("a quote after a tab", HEADER + "\n" + _row(2, '\t"y') + "\n"),
    ],
)  # fmt: skip
def test_a_file_whose_lines_may_not_be_its_records_is_not_cut(
    tmp_path: Path, case: str, text: str
) -> None:
    path = tmp_path / "f.csv"
    # the odd line near the start, then enough plain rows that a cut falls after it
    path.write_bytes((text + "".join(_row(n) + "\n" for n in range(5, 60))).encode())
    assert part_bounds(path, 2, min_bytes=1) is None, case


@pytest.mark.parametrize("note", ['"a" "b"', ' "a, b"', '"a" ""', 'x "y', '5"5 mm', ' y"x'])
def test_quotes_that_close_on_their_line_still_let_the_file_be_cut(
    tmp_path: Path, note: str
) -> None:
    # each note is one record on one line for DuckDB's strict read (checked below)
    path = _file(tmp_path / "f.csv", [note, *["n"] * 40])
    assert len(_records(path)) == 41
    assert part_bounds(path, 2, min_bytes=1) is not None


def test_a_line_longer_than_the_limit_is_not_carried_from_block_to_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a quote, then 16 MiB with no line break, read in blocks of 1 KiB: carrying the line
    # whole from block to block copies it once per block (16,384 copies of up to 16 MiB);
    # past the line limit (here 64 KiB) the file is not cut, whatever follows
    monkeypatch.setattr(parts_module, "_BLOCK", 1 << 10)
    monkeypatch.setattr(parts_module, "MAX_LINE_BYTES", 1 << 16, raising=False)
    path = tmp_path / "long.csv"
    with path.open("wb") as fh:
        fh.write(HEADER.encode() + b"\n" + b'"' + b"x" * (16 << 20) + b"\n")
        fh.write("".join(_row(n) + "\n" for n in range(3, 1000)).encode())
    with _hang_guard(HANG_GUARD_S):
        assert part_bounds(path, 2, min_bytes=1) is None


@contextmanager
def _hang_guard(seconds: int) -> Iterator[None]:
    """Fail (rather than hang) when the block runs past ``seconds``: a guard against a
    hang, far above the time it takes, not a measure of it."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_small_file_is_not_cut(tmp_path: Path) -> None:
    path = _file(tmp_path / "f.csv", ["n"] * 10)
    assert part_bounds(path, 2, min_bytes=path.stat().st_size) is None
    assert part_bounds(path, 1, min_bytes=1) is None


def _cut_everything(monkeypatch: pytest.MonkeyPatch) -> list[list[CsvPart]]:
    """Cut every file (however small) and refuse staging; the parts each ingest was read as."""
    seen: list[list[CsvPart]] = []

    def recorded(path: Path, parts: list[CsvPart], directory: Path) -> list[CsvPart]:
        seen.append(parts)
        return write_parts(path, parts, directory)

    monkeypatch.setattr(direct_module, "SPLIT_MIN_BYTES", 1)
    monkeypatch.setattr(direct_module, "write_parts", recorded)
    return seen


@pytest.mark.parametrize("end", sorted(ENDS))
@pytest.mark.parametrize("case", sorted(NOTES))
def test_a_file_cut_into_parts_stores_what_the_python_path_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, end: str
) -> None:
    newline, last = ENDS[end]
    path = _file(tmp_path / "f.csv", NOTES[case], end=newline, last_newline=last)
    seen = _cut_everything(monkeypatch)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plain file was staged")

    monkeypatch.setattr(ingest_module, "stage_canonical_csv", refuse)
    mine = _as_the_python_path_stores(path, threads=3)
    assert [len(parts) for parts in seen] == [3]
    revisions = mine["revisions"]
    assert revisions.height == len(NOTES[case])
    assert (revisions["source_row"].cast(str) == revisions["source_event_id"]).all()


@pytest.mark.parametrize("blank", ["\n", "\r\n"])
def test_a_blank_line_before_a_cut_sends_the_file_to_staging_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blank: str
) -> None:
    # the reader skips a blank line, so the parts after it would be numbered one too high:
    # the largest source_row shows it, and the file is staged (numbered by its records)
    path = tmp_path / "f.csv"
    rows = [_row(line) for line in range(2, 40)]
    path.write_bytes((blank.join([HEADER, rows[0], "", *rows[1:]]) + blank).encode())
    seen = _cut_everything(monkeypatch)
    staged: list[Path] = []
    stage = ingest_module.stage_canonical_csv

    def counted(con: duckdb.DuckDBPyConnection, file: Path, **kwargs: object) -> object:
        staged.append(file)
        return stage(con, file, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_module, "stage_canonical_csv", counted)
    mine = _as_the_python_path_stores(path, threads=3)
    assert [len(parts) for parts in seen] == [3] and staged == [path]
    # records numbered in order (the blank line holds none): 2 .. 39
    assert sorted(mine["revisions"]["source_row"].to_list()) == list(range(2, 40))


def test_a_bad_row_in_a_later_part_is_refused_naming_its_line_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = ["n"] * 40
    path = _file(tmp_path / "f.csv", notes)
    lines = path.read_text().splitlines(keepends=True)
    lines[35] = lines[35].rstrip("\n") + ",an extra field\n"  # line 36, in the third part
    path.write_text("".join(lines))
    seen = _cut_everything(monkeypatch)
    with pytest.raises(SourceFormatError) as adapter:
        CanonicalCsvAdapter().read(path)
    with Store(":memory:") as store:
        store.con.execute("SET threads = 3")
        with pytest.raises(SourceFormatError) as ours:
            ingest_canonical_csv(store, path)
        left = store.query("select count(*) as n from incident_revisions")["n"].item()
    assert seen and seen[0][-1].first_line <= 36  # the bad line was read in the last part
    assert str(ours.value) == str(adapter.value)
    assert ", line 36: " in str(ours.value)
    assert left == 0


def _straddling(path: Path, note: str) -> bytes:
    """A file of plain rows (event id = line) and one row ``s,odd,...`` with ``note``, placed
    so that the middle byte (a cut's target in two parts) falls on the odd row's first line."""
    for before in range(2, 60):
        rows = [_row(line) for line in range(2, 2 + before)]
        rows += [_row(0, note).replace("s,0,", "s,odd,", 1)]
        rows += [_row(line) for line in range(2 + before + note.count("\n") + 1, 70)]
        data = ("\n".join([HEADER, *rows]) + "\n").encode()
        odd = data.index(b"s,odd,")
        if odd <= len(data) // 2 < data.index(b"\n", odd):
            path.write_bytes(data)
            return data
    raise AssertionError("no placement puts the middle on the odd row")


@pytest.mark.parametrize(
    "note",
    [
        ' "opened after a space' + "x" * 400 + '\nlines"',
        '"closed" "and opened' + "x" * 400 + '\nagain"',
    ],
)
def test_a_quoted_line_break_after_a_space_is_stored_as_the_python_path_stores_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, note: str
) -> None:
    # the first line break after the middle is inside the odd row's quoted field
    path = tmp_path / "f.csv"
    _straddling(path, note)
    assert len(_records(path)) == 67  # lines 2-69 hold 67 records, the odd one on two lines
    monkeypatch.setattr(direct_module, "SPLIT_MIN_BYTES", 1)
    mine = _as_the_python_path_stores(path, threads=2)
    assert mine["revisions"].height == 67


def test_a_cut_inside_a_record_falls_back_to_the_whole_file_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # whatever the cut, results do not depend on it: a cut just after the line break inside
    # line 3's quoted field (a cut no tracker makes) fails to read, the file reads whole
    rows = [_row(2), _row(3, '"two\nlines"'), *(_row(line) for line in range(5, 40))]
    path = tmp_path / "f.csv"
    path.write_bytes(("\n".join([HEADER, *rows]) + "\n").encode())
    data = path.read_bytes()
    inside = data.index(b'"two\n') + len(b'"two\n')
    header = data.index(b"\n") + 1
    wrong = [CsvPart(header, inside, 2), CsvPart(inside, len(data), 4)]
    monkeypatch.setattr(direct_module, "part_bounds", lambda *args, **kwargs: wrong)
    seen = _cut_everything(monkeypatch)
    mine = _as_the_python_path_stores(path, threads=2)
    assert seen == [wrong]  # the parts were written and read, and failed
    assert mine["revisions"].height == len(rows)
    assert mine["ingests"].height == 1


def test_a_cut_file_with_no_temporary_directory_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path / "f.csv", ["n"] * 40)
    seen = _cut_everything(monkeypatch)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such directory"))
    mine = _as_the_python_path_stores(path, threads=3)
    assert seen == []  # no parts written
    assert sorted(mine["revisions"]["source_row"].to_list()) == list(range(2, 42))
