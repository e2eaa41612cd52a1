"""check_text_file: the sha256 and line counts it takes in the same read as its checks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analytics.sources.base import SourceFormatError, check_text_file, sha256_file
from analytics.sources.canonical import checked_csv_header


@pytest.mark.parametrize(
    ("body", "lines", "bound"),
    [
        (b"a,b\n1,2\n3,4\n", 3, 2),  # final line break starts no line
        (b"a,b\n1,2\n3,4", 3, 2),  # no final line break
        (b"a,b\n", 1, 0),
        (b"", 0, 0),
        (b'a,b\n"x\ny",2\n', 3, 2),  # a quoted break: 1 record, the bound stays above it
        (b"a,b\n\n1,2\n", 3, 2),  # a blank line counts as a line
        (b"\xef\xbb\xbfa,b\n1,2\n", 2, 1),  # BOM
    ],
)
def test_lines_and_sha256(tmp_path: Path, body: bytes, lines: int, bound: int) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(body)
    facts = check_text_file(path)
    assert facts.sha256 == hashlib.sha256(body).hexdigest() == sha256_file(path)
    assert facts.lines == lines
    assert facts.carriage_returns == 0
    assert facts.records_at_most() == bound


def test_carriage_returns_give_no_bound(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\r\n1,2\r\n")
    facts = check_text_file(path)
    assert (facts.carriage_returns, facts.records_at_most()) == (2, None)


def test_lines_across_blocks(tmp_path: Path) -> None:
    """Blocks are 1 MiB: a line split across two blocks is counted once."""
    path = tmp_path / "f.csv"
    line = b"x" * 999 + b"\n"  # 1,000 bytes: block edges fall inside lines
    path.write_bytes(line * 3000)
    facts = check_text_file(path)
    assert facts.lines == 3000
    assert facts.sha256 == sha256_file(path)


def test_refusals_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a,b\n1,2\n3,\xff\n")
    with pytest.raises(SourceFormatError, match="line 3"):
        check_text_file(path)
    path.write_bytes(b"a,b\n" + b"y" * 50 + b"\n")
    with pytest.raises(SourceFormatError, match="line 2"):
        check_text_file(path, max_line=40)


def test_checked_csv_header(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"source,occurred_on\nx,2024-01-01\n")
    header, facts = checked_csv_header(path)
    assert header == ["source", "occurred_on"]
    assert (facts.lines, facts.sha256) == (2, sha256_file(path))
