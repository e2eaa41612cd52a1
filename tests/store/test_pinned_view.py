"""The ``incidents`` view ranks only revised incidents; its rows equal the plain definition, the
latest revision of each incident by a window over every revision."""

from __future__ import annotations

from pathlib import Path

from analytics.store import Store
from analytics.store.pinned import pinned_incidents, pinned_views

WINDOW = """
    select * exclude (rn) from (
        select r.*, row_number() over (partition by incident_id order by revision desc) as rn
        from incident_revisions r
    ) where rn = 1
"""


def _csv(path: Path, killed: dict[int, int | None]) -> Path:
    rows = [f"t,{i},2025-06-0{1 + i % 9},UA-63,{'' if k is None else k},"
            for i, k in killed.items()]  # fmt: skip
    path.write_text("source,source_event_id,occurred_on,oblast_code,killed,injured\n"
                    + "\n".join(rows) + "\n")  # fmt: skip
    return path


def test_view_equals_the_window_over_every_revision(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        # 1..8 recorded; 2 and 3 revised once; 3 revised again; 7 set to unknown; 9 added late
        store.ingest_file("csv", _csv(tmp_path / "a.csv", {i: i for i in range(1, 9)}))
        store.ingest_file("csv", _csv(tmp_path / "b.csv", {2: 20, 3: 30, 7: None}))
        store.ingest_file("csv", _csv(tmp_path / "c.csv", {3: 31, 9: 9}))
        revisions = dict(
            store.con.execute(
                "select cast(source_event_id as int), max(revision) from incident_revisions "
                "group by all"
            ).fetchall()
        )
        assert revisions == {1: 1, 2: 2, 3: 3, 4: 1, 5: 1, 6: 1, 7: 2, 8: 1, 9: 1}
        window = sorted(store.con.execute(WINDOW).fetchall(), key=str)
        assert sorted(store.con.execute("select * from incidents").fetchall(), key=str) == window
        with pinned_incidents(store) as pinned:  # the pin copies the view: the same rows
            assert pinned
            pin = store.con.execute("select * from temp.incidents").fetchall()
        assert sorted(pin, key=str) == window
        killed = dict(
            store.con.execute(
                "select cast(source_event_id as int), killed from incidents"
            ).fetchall()
        )
        assert killed == {1: 1, 2: 20, 3: 31, 4: 4, 5: 5, 6: 6, 7: None, 8: 8, 9: 9}


def test_pinned_views_hold_the_views_rows_and_are_dropped(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        days = {i: i for i in range(1, 9)}
        store.ingest_file("csv", _csv(tmp_path / "a.csv", days))
        names = ("source_gaps", "source_day_coverage", "no_such_view", "incident_coverage")
        plain = {n: sorted(store.con.execute(f"select * from {n}").fetchall(), key=str)
                 for n in names if n != "no_such_view"}  # fmt: skip
        with pinned_incidents(store), pinned_views(store, names) as pinned:
            assert pinned == ("source_gaps", "source_day_coverage", "incident_coverage")
            for name, rows in plain.items():
                temp = store.con.execute(f"select * from temp.{name}").fetchall()
                assert sorted(temp, key=str) == rows
            with pinned_views(store, ("source_gaps",)) as inner:
                assert inner == ()  # pinned already: left to the outer block
        left = store.con.execute(
            "select count(*) from duckdb_tables() where database_name = 'temp'"
        ).fetchall()[0][0]
        assert left == 0
