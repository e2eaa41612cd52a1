"""The SQL pass's "plain form" checks (``_ok`` of :func:`analytics.store.staging.typed_sql`)
accept exactly the texts the regular expressions they replaced accepted.

The reference here is written independently in Python: each value must match the pattern the
module's docstring states ([12]ddd-dd-dd dates, [A-Za-z0-9-]+ oblast codes, [A-Za-z_]+ strike
types, [A-Za-z0-9]+ civilian words, 1-6 ASCII digits for counts) and pass the schema's value
checks. Patterns use ``[0-9]``: RE2's ``\\d`` (DuckDB's) is ASCII only, Python's is not.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.schema import COUNT_CEILING, DATA_START, STRIKE_TYPES, UNIT_CODES, max_plausible_date
from analytics.sources.base import MAX_FIELD_CHARS
from analytics.sources.canonical import csv_read_sql
from analytics.store.staging import quote, typed_sql

HEADER = ["source", "source_event_id", "occurred_on", "oblast_code", "strike_type", "killed",
          "civilian"]  # fmt: skip
VALID = {"occurred_on": "2024-03-01", "oblast_code": "UA-63", "strike_type": "drone",
         "killed": "1", "civilian": "yes"}  # fmt: skip
#: Texts near each form's edges: other digits, padding, signs, case, non-ASCII look-alikes
#: (dotless i, long s, the Kelvin sign, whose lower case is k, Cyrillic a,
#: Arabic-Indic digits), leading zeros, years out of range.
TRICKY = {
    "occurred_on": ["2024-03-01", "2024-3-01", "2024-03-1", " 2024-03-01", "2024-03-01 ",
                    "2024-02-30", "2024-02-29", "2023-02-29", "0999-01-01", "3024-03-01",
                    "2013-12-31", "2014-01-01", "+2024-03-01", "2024/03/01", "٢٠٢٤-03-01",
                    "2024-03-01T00:00", "20240301"],
    "oblast_code": ["UA-63", "ua-63", "Ua-63", "UA-6", "UA-63 ", " UA-63", "UA_63", "UА-63",
                    "UA-99", "uа-63", "UA—63", "UA-80"],
    "strike_type": ["drone", "DRONE", "Drone", "drone ", "dr one", "air_strike", "AIR_STRIKE",
                    "air-strike", "air_stri\u212ae", "drоne", "mıssile", "MISSILE", "unknown", "kite"],
    "killed": ["0", "1", "007", "000000", "0000000", "100000", "100001", "999999", "-1", "+1",
               " 1", "1 ", "1.0", "1e3", "١", "12345678"],
    "civilian": ["yes", "YES", "Yes", "y", "t", "1", "0", "no", "false", "FALSE", "ye s",
                 "yes ", "ýes", "maybe", "2"],
}  # fmt: skip
TRUE_FALSE = ("true", "t", "yes", "y", "1", "false", "f", "no", "n", "0")


def _expected(column: str, text: str | None) -> bool:
    """Whether a row valid but for ``column`` = ``text`` is accepted (None: empty field)."""
    if text is None:
        return column not in ("occurred_on",)
    if column == "occurred_on":
        if not re.fullmatch(r"[12][0-9]{3}-[0-9]{2}-[0-9]{2}", text):
            return False
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return False
        return dt.date.fromisoformat(str(DATA_START)) <= day <= max_plausible_date()
    if column == "oblast_code":
        return bool(re.fullmatch(r"[A-Za-z0-9-]+", text)) and text.upper() in UNIT_CODES
    if column == "strike_type":
        return bool(re.fullmatch(r"[A-Za-z_]+", text)) and text.lower() in STRIKE_TYPES
    if column == "civilian":
        return bool(re.fullmatch(r"[A-Za-z0-9]+", text)) and text.lower() in TRUE_FALSE
    return bool(re.fullmatch(r"[0-9]{1,6}", text)) and int(text) <= COUNT_CEILING["killed"]


def _accepted(path: Path, rows: list[tuple[str, str | None]]) -> list[bool]:
    """``_ok`` of each row (column, text) of a file written to ``path``, in file order."""
    lines = [",".join(HEADER)]
    for i, (column, text) in enumerate(rows):
        values = {**VALID, column: text}
        fields = [f'"{v}"' if v is not None else "" for v in (values[c] for c in HEADER[2:])]
        lines.append(",".join(["s", f"E{i}", *fields]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = csv_read_sql(HEADER).replace("read_csv(?", f"read_csv('{quote(str(path))}'", 1)
    con = duckdb.connect()
    try:
        found = con.execute(
            f"select incident_id, _ok from ({typed_sql(HEADER, read, None)})"
        ).fetchall()
    finally:
        con.close()
    ok = dict(found)
    return [ok[f"s:E{i}"] for i in range(len(rows))]


def test_edge_texts_are_accepted_as_their_patterns_say(tmp_path: Path) -> None:
    rows: list[tuple[str, str | None]] = [(c, t) for c, texts in TRICKY.items() for t in texts]
    # over the field limit: these columns' lengths are bounded by their forms alone
    rows += [(c, "1" * (MAX_FIELD_CHARS + 1)) for c in TRICKY]
    rows += [("oblast_code", "UA-63" * 20_001), ("strike_type", "drone" * 20_001)]
    rows += [(c, None) for c in TRICKY]
    got = _accepted(tmp_path / "edges.csv", rows)
    wrong = [(c, t, ok) for (c, t), ok in zip(rows, got, strict=True) if ok != _expected(c, t)]
    assert not wrong
    assert sum(got) >= 20  # the reference accepts some of each column: not all refused


ALPHABET = "0123456789-_ /+.aAdeiknorstuUyYT" + "\u0131\u017f\u212a\u00e1\u0430\u0661"


@settings(max_examples=40)  # each example is a file read by DuckDB
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(TRICKY)), st.text(ALPHABET, min_size=1, max_size=11)),
        min_size=1,
        max_size=40,
    )
)
def test_random_texts_are_accepted_as_their_patterns_say(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str]]
) -> None:
    # texts with a quote or line break never reach here (the alphabet has none)
    path = tmp_path_factory.mktemp("plain") / "random.csv"
    got = _accepted(path, list(rows))
    assert got == [_expected(c, t) for c, t in rows]
