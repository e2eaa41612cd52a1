"""``data_state`` identifies the data by the ingest history: same files in the same order give
the same state, anything an ingest stores changes it, and a snapshot gives the state of then."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from analytics.store import Store
from analytics.store.snapshot import STATE_TABLE, data_state, snapshot

ALERTS = sorted((Path(__file__).parents[1] / "fixtures" / "alerts").glob("*.csv"))[0]


def _csv(path: Path, rows: list[str]) -> Path:
    path.write_text("source,source_event_id,occurred_on,oblast_code,killed,injured\n"
                    + "\n".join(rows) + "\n")  # fmt: skip
    return path


def _build(db: Path, files: list[tuple[str, Path]], when: dt.datetime) -> dict[str, object]:
    """Ingest ``files`` in order with the store's clock at ``when``; the final data state."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("analytics.store.ingest._utcnow", lambda: when)
        with Store(db) as store:
            for kind, path in files:
                store.ingest_file(kind, path)
            return data_state(store)


def test_same_files_same_order_same_state_whenever_and_wherever(tmp_path: Path) -> None:
    a = _csv(tmp_path / "a.csv", ["t,1,2025-06-02,UA-63,1,", "t,2,2025-06-03,UA-32,,2"])
    b = _csv(tmp_path / "b.csv", ["t,1,2025-06-02,UA-63,3,"])
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    b2 = moved / "renamed.csv"
    b2.write_bytes(b.read_bytes())  # same bytes under another path: same sha256
    files = [("csv", a), ("csv", b)]
    one = _build(tmp_path / "one.duckdb", files, dt.datetime(2026, 1, 1))
    two = _build(tmp_path / "two.duckdb", [("csv", a), ("csv", b2)], dt.datetime(2026, 5, 5))
    assert one == two
    other_order = _build(tmp_path / "three.duckdb", files[::-1], dt.datetime(2026, 1, 1))
    assert other_order["checksum"] != one["checksum"]  # another history (b's row is revised)
    assert one["ingests"] == 2 and one["max_ingest_id"] == 2


def test_state_is_the_md5_of_the_ingest_records_and_their_row_counts(tmp_path: Path) -> None:
    """Recomputed independently: the documented record fields and revision counts, md5'd."""
    with Store(tmp_path / "db.duckdb") as store:
        store.ingest_file("csv", _csv(tmp_path / "a.csv", ["t,1,2025-06-02,UA-63,1,"]))
        store.ingest_file("csv", _csv(tmp_path / "b.csv", ["t,1,2025-06-02,UA-63,2,",
                                                            "t,2,2025-06-04,UA-63,,"]))  # fmt: skip
        rec = store.query(
            "select ingest_id, source, kind, sha256, package_version, rows_read, rows_new, "
            "rows_revised, rows_unchanged, rows_quarantined from ingests order by ingest_id"
        ).rows()
        state = data_state(store)
    # ingest 1 stored revision 1 of t:1; ingest 2 stored revision 2 of t:1 and t:2 (2 rows)
    lines = ["incident ingests:2"] + [
        "|".join(str(v) for v in r) + f"|{n}" for r, n in zip(rec, (1, 2), strict=True)
    ]
    assert state["checksum"] == hashlib.md5("\n".join(lines).encode()).hexdigest()
    assert rec[1][5:8] == (2, 1, 1)  # read 2, new 1, revised 1: the counts stored above


def test_every_ingest_that_stores_rows_changes_the_state(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        a = _csv(tmp_path / "a.csv", ["t,1,2025-06-02,UA-63,1,"])
        store.ingest_file("csv", a)
        first = data_state(store)
        store.ingest_file("csv", a)  # the same file again: nothing stored, nothing changed
        again = data_state(store)
        assert (again["checksum"], again["data_checksum"]) == (
            first["checksum"], first["data_checksum"])  # fmt: skip
        assert again["ingests"] == first["ingests"] + 1
        store.ingest_file("alerts", ALERTS)  # alerts change the data, not the incident history
        alerts = data_state(store)
        assert "alerts" in alerts["tables"]
        assert alerts["checksum"] == first["checksum"]
        assert alerts["data_checksum"] != first["data_checksum"]
        store.ingest_file("csv", _csv(tmp_path / "b.csv", ["t,1,2025-06-02,UA-63,2,"]))
        revised = data_state(store)
        assert revised["checksum"] != first["checksum"]
        assert revised["data_checksum"] != alerts["data_checksum"]
        # a row deleted behind the package's back changes a count, so the state
        store.con.execute("delete from incident_revisions where revision = 2")
        assert data_state(store)["checksum"] != revised["checksum"]


def test_snapshot_state_is_the_state_of_then_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    a = _csv(tmp_path / "a.csv", ["t,1,2025-06-02,UA-63,1,"])
    then = _build(db, [("csv", a)], dt.datetime(2026, 1, 1))
    b = _csv(tmp_path / "b.csv", ["t,1,2025-06-02,UA-63,2,"])
    now = _build(db, [("csv", b)], dt.datetime(2026, 1, 2))
    assert now["checksum"] != then["checksum"]
    with Store(db, read_only=True) as ro:
        assert data_state(ro) == now
        with snapshot(ro, dt.datetime(2026, 1, 1, 12)) as snap:
            assert data_state(snap) == then
        listed = ro.query("select count(*) as n from duckdb_tables() where table_name = ?",
                          [STATE_TABLE])  # fmt: skip
        assert listed["n"][0] == 0  # a read is a read: no cache table appears
