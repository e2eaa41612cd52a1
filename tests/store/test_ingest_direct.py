"""The direct path of the staged ingest (``analytics.store.direct``): plain files appended in
one pass, every other file staged, the stored result the same as the Python path's either way.

Which way a file went is seen by making the staging step fail: a file that must go directly
never reaches it. The files are written by hand; comments say what each row exercises.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import duckdb
import polars as pl
import pytest

import analytics.sources.base as base_module
import analytics.sources.canonical as canonical_module
import analytics.store.direct as direct_module
import analytics.store.ingest as ingest_module
from analytics.sources.base import SourceFormatError, check_text_file
from analytics.sources.canonical import CanonicalCsvAdapter
from analytics.store import Store
from analytics.store.direct import READ_BUFFER_BYTES
from analytics.store.ingest import ingest_canonical_csv
from tests.store.parity import store_contents

HEADER = "source,source_event_id,occurred_on,oblast_code,region_raw,strike_type,killed,notes"
PLAIN = [
    "s,E1,2024-03-01,UA-63,,drone,1,plain",
    "s,E2,2024-03-02,UA-51,Odesa oblast,missile,,code given: the gazetteer is not needed",
    "s,E3,2024-03-03,,,artillery,0,no oblast at all",
    "t,E1,2024-03-04,UA-32,,drone,2,another source's E1: another incident",
]
#: Files that must be staged: each adds one row (to the plain ones) the direct path cannot take.
STAGED = {
    "version": "s,E1,2024-03-01,UA-63,,drone,2,a second version of s:E1 in the same file",
    "region": "s,E4,2024-03-05,,Sumy oblast,drone,,oblast from the gazetteer",
    "hashed": "s,,2024-03-06,UA-63,,drone,,no source id: a hashed id",
    "quarantined": "s,E5,2024-03-07,UA-63,,drone,-1,negative count",
    "not plain": "s,E6,2024-03-08,UA-63,,drone, 3 ,padded count",
}


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _refuse_staging(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plain file was staged")

    monkeypatch.setattr(ingest_module, "stage_canonical_csv", refuse)


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("called once too often")


def _both_ways(paths: list[Path]) -> tuple[dict[str, pl.DataFrame], dict[str, pl.DataFrame]]:
    with Store(":memory:") as staged, Store(":memory:") as python:
        for path in paths:
            ingest_canonical_csv(staged, path)
            python.ingest(CanonicalCsvAdapter().read(path), kind="csv")
        return store_contents(staged), store_contents(python)


def test_a_plain_file_goes_directly_and_stores_what_the_python_path_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "plain.csv", PLAIN)
    _refuse_staging(monkeypatch)
    ours, theirs = _both_ways([path])
    for table, frame in ours.items():
        assert frame.equals(theirs[table]), table
    # four rows, four incidents (s:E1 and t:E1 differ by source), each on its own line
    revisions = ours["revisions"]
    assert revisions["incident_id"].to_list() == ["s:E1", "s:E2", "s:E3", "t:E1"]
    assert revisions["source_row"].to_list() == [2, 3, 4, 5]
    assert ours["ingests"]["rows_new"].to_list() == [4]


@pytest.mark.parametrize("case", sorted(STAGED))
def test_a_file_the_direct_path_cannot_take_is_staged(tmp_path: Path, case: str) -> None:
    path = _write(tmp_path / "mixed.csv", [*PLAIN, STAGED[case]])
    ours, theirs = _both_ways([path])
    for table, frame in ours.items():
        assert frame.equals(theirs[table]), table
    # nothing the direct attempt appended survives: five rows read, each counted once
    summary = ours["ingests"].row(0, named=True)
    counted = summary["rows_new"] + summary["rows_revised"] + summary["rows_unchanged"]
    assert (summary["rows_read"], counted + summary["rows_quarantined"]) == (5, 5)


def test_a_second_release_of_a_plain_file_is_staged_against_the_stored_revisions(
    tmp_path: Path,
) -> None:
    first = _write(tmp_path / "r1.csv", PLAIN)
    # s:E1 corrected, s:E3 unchanged, s:E2 and t:E1 dropped, s:E9 new
    second = _write(
        tmp_path / "r2.csv",
        ["s,E1,2024-03-01,UA-63,,drone,3,corrected", PLAIN[2], "s,E9,2024-03-09,UA-63,,drone,,new"],
    )
    ours, theirs = _both_ways([first, second, second])
    for table, frame in ours.items():
        assert frame.equals(theirs[table]), table
    counts = ours["ingests"].select("rows_new", "rows_revised", "rows_unchanged").rows()
    assert counts == [(4, 0, 0), (1, 1, 1), (0, 0, 3)]


def test_every_row_keeps_its_line_when_appended_directly_over_many_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 300,000 plain rows (several of DuckDB's 122,880-row groups); the event id is the line
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER + "\n")
        for line in range(2, 300_002):
            fh.write(f"s,{line},2024-03-01,UA-63,,drone,{line % 7},n\n")
    _refuse_staging(monkeypatch)
    with Store(tmp_path / "x.duckdb") as store:
        result = ingest_canonical_csv(store, path)
        n, wrong, wrong_count = store.con.execute(
            "select count(*), count(*) filter (source_row::varchar <> source_event_id), "
            "count(*) filter (killed <> source_row % 7) from incident_revisions"
        ).fetchall()[0]
    assert (result.rows_read, result.rows_new, n, wrong, wrong_count) == (300_000,) * 3 + (0, 0)


def test_a_plain_file_with_crlf_line_ends_goes_directly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "\r" makes the line count no bound on the records: the rows are counted by a read
    path = tmp_path / "crlf.csv"
    path.write_bytes(("\r\n".join([HEADER, *PLAIN]) + "\r\n").encode())
    _refuse_staging(monkeypatch)
    ours, theirs = _both_ways([path])
    for table, frame in ours.items():
        assert frame.equals(theirs[table]), table
    assert ours["revisions"]["source_row"].to_list() == [2, 3, 4, 5]


def test_every_row_keeps_its_line_over_several_read_buffers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 200,000 rows of 110+ bytes: over 22 MB, several of the direct read's 4 MB buffers
    # (READ_BUFFER_BYTES), so the numbering crosses buffers read by several threads
    path = tmp_path / "wide.csv"
    pad = "n" * 80
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER + "\n")
        for line in range(2, 200_002):
            fh.write(f"s,{line},2024-03-01,UA-63,,drone,{line % 7},{pad}\n")
    assert path.stat().st_size > 5 * READ_BUFFER_BYTES
    _refuse_staging(monkeypatch)
    with Store(tmp_path / "x.duckdb") as store:
        store.con.execute("SET threads = 2")
        result = ingest_canonical_csv(store, path)
        n, wrong = store.con.execute(
            "select count(*), count(*) filter (source_row::varchar <> source_event_id "
            "or killed <> source_row % 7) from incident_revisions"
        ).fetchall()[0]
    assert (result.rows_read, result.rows_new, n, wrong) == (200_000, 200_000, 200_000, 0)


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (HEADER, b"s,E9,2024-03-09,UA-63,,drone,1,caf\xe9 in Latin-1"),  # the insert reads it
        (HEADER + ",source", b"s,E9,2024-03-09,UA-63,,drone,1,caf\xe9,s"),  # header refused too
        (HEADER, b"s,E9,2024-03-09,UA-63,,drone,1," + b"x" * 4_000_001),  # an overlong line
    ],
)
def test_a_file_the_text_check_refuses_is_refused_as_the_adapter_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: str, row: bytes
) -> None:
    # the text check runs beside the header and the insert: its error must still be the one
    # raised (as when it ran first), and the transaction must leave nothing behind
    path = tmp_path / "bad.csv"
    body = "\n".join([header, *PLAIN]).encode() + b"\n" + row + b"\n"
    path.write_bytes(body)
    _refuse_staging(monkeypatch)
    with pytest.raises(SourceFormatError) as adapter:
        CanonicalCsvAdapter().read(path)
    with Store(":memory:") as store:
        with pytest.raises(SourceFormatError) as ours:
            ingest_canonical_csv(store, path)
        assert str(ours.value) == str(adapter.value)
        assert f", line {len(PLAIN) + 2}: " in str(ours.value)  # the bad row's line
        assert not isinstance(ours.value.__context__, duckdb.Error)  # not raised handling it
        left = store.query("select (select count(*) from incident_revisions) + "
                           "(select count(*) from ingests) as n")  # fmt: skip
        assert left["n"].item() == 0


def test_a_staged_file_is_checked_and_hashed_in_one_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the direct attempt's text check (UTF-8, lines, sha256) serves the staged path too
    path = _write(tmp_path / "versions.csv", [*PLAIN, STAGED["version"]])
    reads: list[Path] = []

    def counted(file: Path, **kwargs: object) -> object:
        reads.append(file)
        return check_text_file(file, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(canonical_module, "check_text_file", counted)
    for module in (base_module, canonical_module):  # nothing may hash the file again
        monkeypatch.setattr(module, "sha256_file", _refuse)
    with Store(":memory:") as store:
        result = ingest_canonical_csv(store, path)
        stored = store.query("select sha256 from ingests")["sha256"].item()
    assert reads == [path]
    assert result.rows_revised == 1  # staged: s:E1 has two versions in the file
    assert stored == result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("newline", [b"", b"\n"])
@pytest.mark.parametrize("extra", [0, 1])
def test_the_text_check_measures_a_line_over_several_blocks_to_the_byte(
    tmp_path: Path, newline: bytes, extra: int
) -> None:
    # the check measures only the line each 1 MiB block continues: a line of the limit passes,
    # one byte more is refused on its own line, with or without a final line break
    path = tmp_path / "long.csv"
    path.write_bytes(b"h\n" + b"x" * (base_module.MAX_LINE_BYTES + extra) + newline)
    if extra:
        with pytest.raises(SourceFormatError, match=", line 2: "):
            check_text_file(path)
    else:
        assert check_text_file(path).lines == 2


def test_a_byte_order_mark_inside_the_file_is_text_not_stripped(tmp_path: Path) -> None:
    # U+FEFF starting the second 1 MiB block, inside a line one byte over the limit: only
    # the file's first three bytes may be taken as a byte order mark, so the line is refused
    head = b"h\n" + b"x" * ((1 << 20) - 2)
    line_rest = base_module.MAX_LINE_BYTES + 1 - (len(head) - 2) - 3
    path = tmp_path / "bom.csv"
    path.write_bytes(head + "\ufeff".encode() + b"x" * line_rest + b"\n")
    with pytest.raises(SourceFormatError, match=", line 2: "):
        check_text_file(path)


def test_a_file_not_cut_needs_no_temporary_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a one-row file is never cut: no temporary directory is made, so none is needed
    path = _write(tmp_path / "one.csv", PLAIN[:1])
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such directory"))
    _refuse_staging(monkeypatch)
    ours, theirs = _both_ways([path])
    for table, frame in ours.items():
        assert frame.equals(theirs[table]), table
    assert ours["revisions"]["incident_id"].to_list() == ["s:E1"]


def test_a_bad_file_not_cut_is_not_read_again_for_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the whole file's read already names the file's line: no second read of it
    path = _write(tmp_path / "ragged.csv", [*PLAIN, "s,E9,2024-03-09,UA-63,,drone,1,n,extra"])
    monkeypatch.setattr(direct_module, "_whole_file_error", _refuse)
    with pytest.raises(SourceFormatError) as adapter:
        CanonicalCsvAdapter().read(path)
    with Store(":memory:") as store, pytest.raises(SourceFormatError) as ours:
        ingest_canonical_csv(store, path)
    assert str(ours.value) == str(adapter.value)
    assert f", line {len(PLAIN) + 2}: " in str(ours.value)
