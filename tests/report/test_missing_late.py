"""The one-pass missing-and-late counts equal the old window-over-revisions SQL (the reference)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analytics.report.content import period_containing
from analytics.report.series import missing_and_late
from analytics.store import Store

#: The query the report ran before: the latest revision from the ``incidents`` view, joined to
#: the first record's lag and the revision count from ``revision_lag``.
_OLD = """
    with first as (
        select incident_id, min_by(lag_days, revision) as first_lag, max(revision) as revisions
        from revision_lag group by incident_id
    )
    select {cols} from incidents i join first f using (incident_id)
"""
_OLD_MEASURES = {
    "n": "true",
    "no_oblast": "i.oblast_code is null",
    "no_killed": "i.killed is null",
    "no_injured": "i.injured is null",
    "late": "f.first_lag > 7",
    "revised": "f.revisions > 1",
}


def _csv(path: Path, rows: list[str]) -> Path:
    path.write_text("source,source_event_id,occurred_on,oblast_code,killed,injured\n"
                    + "\n".join(rows) + "\n")  # fmt: skip
    return path


def test_missing_and_late_equals_the_window_sql(tmp_path: Path) -> None:
    today = dt.date.today()
    recent, old = today - dt.timedelta(days=2), today - dt.timedelta(days=40)
    first = _csv(tmp_path / "a.csv", [
        f"t,1,{recent},UA-63,1,", f"t,2,{recent},,2,3", f"t,3,{old},UA-05,,1",
        f"t,4,{old},UA-05,4,4", f"t,5,{old},,,",
    ])  # fmt: skip
    # the second file revises 1 (oblast dropped), 3 (killed now known) and 5 (oblast now known)
    second = _csv(tmp_path / "b.csv", [
        f"t,1,{recent},,1,", f"t,2,{recent},,2,3", f"t,3,{old},UA-05,7,1",
        f"t,4,{old},UA-05,4,4", f"t,5,{old},UA-63,,", f"t,6,{recent},UA-63,0,0",
    ])  # fmt: skip
    with Store(tmp_path / "db.duckdb") as store:
        store.ingest_file("csv", first)
        store.ingest_file("csv", second)
        p = period_containing(recent, "week")
        cols = ", ".join(
            f"cast(count(*) filter ({c}) as bigint) as {k}, cast(count(*) filter ({c} and "
            f"i.occurred_on between ? and ?) as bigint) as p_{k}"
            for k, c in _OLD_MEASURES.items()
        )
        params = [p.start, p.end] * len(_OLD_MEASURES)
        expected = store.query(_OLD.format(cols=cols), params).row(0, named=True)
        got = missing_and_late(store, p)
    assert got == expected
    # hand count: 6 incidents; latest revisions lack an oblast in 1 and 2, killed in 5,
    # injured in 1 and 5; 3 and 4 and 5 occurred 40 days before their first record; 1, 3, 5
    # were revised
    assert (got["n"], got["no_oblast"], got["no_killed"], got["no_injured"]) == (6, 2, 1, 2)
    assert (got["late"], got["revised"]) == (3, 3)
