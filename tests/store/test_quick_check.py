"""The polars pre-check of ingest validation agrees with pandera (the reference) row by row."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.schema import conform, failure_rows, incident_schema, quick_check

#: Values on and around every limit of the schema (None: the column is NULL on that row).
_ROW = st.fixed_dictionaries(
    {
        "incident_id": st.sampled_from([None, "", "ab", "abc", "é:", "é:1", "x:1"]),
        "source": st.sampled_from([None, "", "x"]),
        "occurred_on": st.sampled_from(
            [
                None,
                dt.date(2013, 12, 31),
                dt.date(2014, 1, 1),
                dt.date(2024, 5, 1),
                dt.date.today() + dt.timedelta(days=1),
                dt.date.today() + dt.timedelta(days=2),
            ]
        ),  # fmt: skip
        "occurred_at": st.sampled_from(
            [
                None,
                dt.datetime(2013, 12, 31, 23, 59),
                dt.datetime(2014, 1, 1),
                dt.datetime(2024, 5, 1, 12),
                dt.datetime(2100, 1, 1),
            ]
        ),  # fmt: skip
        "oblast_code": st.sampled_from([None, "UA-63", "UA-99", "ua-63"]),
        "latitude": st.sampled_from([None, 44.2, 44.1, 50.0, 52.5, 52.6, math.nan]),
        "longitude": st.sampled_from([None, 22.0, 21.9, 30.0, 40.3, 40.4, math.nan]),
        "strike_type": st.sampled_from([None, "drone", "missile", "bogus", "Drone"]),
        "killed": st.sampled_from([None, -1, 0, 3, 100_000, 100_001]),
        "killed_low": st.sampled_from([None, 0, 2, 5]),
        "killed_high": st.sampled_from([None, 1, 4, 100_001]),
        "injured": st.sampled_from([None, -1, 0, 7, 100_001]),
    }
)


def _frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    schema = {
        "incident_id": pl.String, "source": pl.String, "occurred_on": pl.Date,
        "occurred_at": pl.Datetime("us"), "oblast_code": pl.String, "latitude": pl.Float64,
        "longitude": pl.Float64, "strike_type": pl.String, "killed": pl.Int64,
        "killed_low": pl.Int64, "killed_high": pl.Int64, "injured": pl.Int64,
    }  # fmt: skip
    return conform(pl.DataFrame(rows, schema=schema, orient="row"), keep=())


def _pandera_passes(frame: pl.DataFrame) -> bool:
    try:
        incident_schema().validate(frame, lazy=True)
    except Exception:  # noqa: BLE001 - any pandera failure means "does not pass"
        return False
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ROW, min_size=1, max_size=12))
def test_quick_check_never_passes_a_row_pandera_fails(rows: list[dict[str, object]]) -> None:
    frame = _frame(rows)
    ok = quick_check(frame)
    assert ok is not None and ok.len() == frame.height
    for i in ok.arg_true().to_list():
        assert _pandera_passes(frame[i : i + 1]), frame.row(i, named=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ROW, min_size=1, max_size=12))
def test_failure_rows_equal_pandera_on_the_whole_frame(rows: list[dict[str, object]]) -> None:
    frame = _frame(rows)
    # an extra column makes quick_check decline, so pandera alone judges every row (the
    # schema filters the column out): the reference the pre-checked path must reproduce
    reference = failure_rows(frame.with_columns(extra=pl.lit(1)))
    assert quick_check(frame.with_columns(extra=pl.lit(1))) is None
    assert failure_rows(frame).equals(reference)


def test_clean_rows_pass_without_pandera_and_bad_rows_keep_their_index() -> None:
    good = {"incident_id": "x:1", "source": "x", "occurred_on": dt.date(2024, 5, 1),
            "strike_type": "drone", "killed": 2}  # fmt: skip
    frame = _frame([good, {**good, "killed": -1}, good, {**good, "oblast_code": "UA-99"}])
    assert quick_check(frame).to_list() == [True, False, True, False]  # type: ignore[union-attr]
    failures = failure_rows(frame)
    assert failures["index"].to_list() == [1, 3]
    assert failures["column"].to_list() == ["killed", "oblast_code"]
