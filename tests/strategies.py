"""Hypothesis strategies shared by the test packages (one place, as ibis keeps them)."""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["ADVERSARIAL", "canonical_versions", "cell", "dated_oblast_counts", "strike_places"]

#: Rows of a canonical CSV as (event id, killed, injured, strike type): duplicate event ids are
#: successive versions of one incident; negative counts and unknown types must be quarantined.
canonical_versions = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=8),
        st.one_of(st.none(), st.integers(min_value=-2, max_value=5)),
        st.one_of(st.none(), st.integers(min_value=0, max_value=5)),
        st.sampled_from(["drone", "missile", "bogus"]),
    ),
    max_size=25,
)

#: (day offset, oblast code or None, killed or None): incidents to aggregate by period.
dated_oblast_counts = st.lists(
    st.tuples(
        st.integers(0, 120),
        st.sampled_from(["UA-05", "UA-63", None]),
        st.one_of(st.none(), st.integers(0, 5)),
    ),
    min_size=1,
    max_size=40,
)

#: (oblast code, settlement, strike type, day offset, killed): strikes without a source id;
#: killed is not part of an incident's identity.
strike_places = st.tuples(
    st.sampled_from(["UA-63", "UA-51", "UA-32", None]),
    st.sampled_from(["Kharkiv", "Odesa", None]),
    st.sampled_from(["drone", "missile"]),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=0, max_value=5),
)

#: Cells that broke a reader once or could: absurd numbers, dates out of range, offsets,
#: quotes, separators, control characters, formula and SQL injection text.
ADVERSARIAL = [
    "1e30", "inf", "-inf", "NaN", "1e19", "9223372036854775807", "9223372036854775808",
    "9007199254740993", "-1", "0", "3.5", "2.0", "", " ", '"', '""', "\x00", "\r", "\n",
    ",", ";", "\t", "2099-01-01", "1900-01-01", "2024-02-30", "2024-05-01T10:00:00+02:00",
    "2024-05-01 10:00:00+00:00", "13/45/2022", "UA-99", "UA-32", "Київ", "Kharkiv oblast",
    "\ufeff", "\ufffd", "=cmd|' /C calc'!A0", "'; drop table incidents; --", "Battles",
    "Explosions/Remote violence", "Air/drone strike", "{'a': 1e309}", "[NaN, inf]",
    "True", "naive", "9" * 40, "+99999-01-01", "0000-01-01", "-0001-01-01",
    "0000-01-01T00:00+23:59", "9999-12-31T23:59:59-23:59",
]  # fmt: skip

cell = st.one_of(st.sampled_from(ADVERSARIAL), st.text(max_size=12))
