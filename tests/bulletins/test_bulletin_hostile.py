"""Hostile bulletins: pathological text finishes, oversized and deeply nested input is refused.

No test here asserts a time. Pathological texts run in a subprocess under a generous hang
deadline (before the fix, 200 KB of them did not finish in minutes; now they take about a
second each); the measured figures are in ``benchmarks/bench_bulletins.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analytics.bulletins.extract import (
    MAX_BULLETIN_CHARS,
    BulletinTooLarge,
    check_size,
    extract_incidents,
)
from analytics.bulletins.spans import SpanSet
from analytics.sources.base import SourceFormatError
from analytics.sources.bulletin import BulletinAdapter, read_bulletins
from tests.bulletins.hang import finished

#: Units repeated to 200 KB: each made at least one stage quadratic before.
PATHOLOGICAL = {
    "number words": "two, ",
    "number words on lines": "two\n",
    "full stops": ".",
    "digits": "7",
    "digit groups": "1 000 ",
    "counts and casualty words": "two killed, ",
    "dashes": "two - ",
    "weapons": "drone, ",
    "places": "Kharkiv, ",
    "rise to": "rose to two ",
}


def test_pathological_bulletins_finish() -> None:
    assert finished(PATHOLOGICAL, lang="en") == list(PATHOLOGICAL)


def test_size_limit_names_the_bulletin() -> None:
    text = "x" * (MAX_BULLETIN_CHARS + 1)
    with pytest.raises(BulletinTooLarge, match=r"https://example\.org/live .*1,000,001"):
        extract_incidents(text, published_at="2025-03-14T06:30:00", url="https://example.org/live")
    check_size("x" * MAX_BULLETIN_CHARS)  # at the limit is fine


def test_oversized_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("published: 2025-03-14T06:30:00+02:00\n\n" + "a" * (MAX_BULLETIN_CHARS + 5))
    with pytest.raises(SourceFormatError, match=r"huge\.txt.*at most 1,000,000 characters"):
        read_bulletins(path)


def test_oversized_object_is_rejected_others_kept(tmp_path: Path) -> None:
    ok = {"text": "Two people were injured in a drone strike on Kharkiv region.",
          "published_at": "2025-03-14T06:30:00+02:00"}  # fmt: skip
    big = {"text": "a" * (MAX_BULLETIN_CHARS + 1), "published_at": "2025-03-14T06:30:00+02:00"}
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(ok) + "\n" + json.dumps(big) + "\n")
    bulletins, rejected = read_bulletins(path)
    assert len(bulletins) == 1
    assert [(line, reason.split(":")[0]) for line, _, _, reason in rejected] == [(2, "line 2")]
    assert "at most 1,000,000 characters" in rejected[0][3]
    batch = BulletinAdapter().read(path)
    assert batch.rows_read == batch.incidents.height + batch.rejected.height
    assert batch.incidents.height == 1


def test_deeply_nested_json_is_a_clear_error(tmp_path: Path) -> None:
    depth = 100_000
    path = tmp_path / "deep.json"
    path.write_text("[" * depth + "]" * depth)
    with pytest.raises(SourceFormatError, match="nested too deeply"):
        read_bulletins(path)
    lines = tmp_path / "deep.jsonl"
    ok = {"text": "A drone hit a house in Sumy; one man was injured.",
          "published_at": "2025-03-14T06:30:00+02:00"}  # fmt: skip
    lines.write_text(json.dumps(ok) + "\n" + "[" * depth + "]" * depth + "\n")
    bulletins, rejected = read_bulletins(lines)
    assert len(bulletins) == 1
    assert rejected[0][0] == 2 and "nested too deeply" in rejected[0][3]


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=40), st.data())
def test_spanset_agrees_with_pairwise_overlap(
    spans: list[tuple[int, int]], data: st.DataObject
) -> None:
    taken = SpanSet()
    plain: list[tuple[int, int]] = []
    for start, length in spans:
        end = start + length
        expected = any(a < end and start < b for a, b in plain)
        assert taken.overlaps(start, end) == expected
        if data.draw(st.booleans()):
            taken.add(start, end)
            plain.append((start, end))
    merged = taken.intervals()
    assert all(a < b for a, b in merged)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(merged, merged[1:], strict=False))
