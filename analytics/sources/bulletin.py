"""Adapter for news bulletins and official posts (``ingest bulletin``): text to incidents.

File formats
------------
``.txt`` / ``.md``
    One bulletin. An optional header block of ``key: value`` lines (``url``, ``published``,
    ``lang``; ``published_at`` and ``title`` are accepted too), then a blank line, then the
    text. Without a ``published`` timestamp nothing can be dated, so the file is refused.
``.json``
    One object or a list of objects with ``text``, ``published_at``, ``url`` and optional
    ``lang``.
``.jsonl``
    One such object per line.

Each bulletin goes through :func:`analytics.bulletins.extract_incidents`. Rows whose
confidence is below the threshold, and bulletins that cannot be read (missing text or
timestamp), go to ``rejected`` with the reason; ``_row`` numbers every candidate row of the
file in order, so that revisions of one incident keep their chronological order.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from analytics.bulletins.extract import MAX_BULLETIN_CHARS, extract_incidents
from analytics.schema import INCIDENT_COLUMNS
from analytics.sources.base import (
    SourceBatch,
    SourceFormatError,
    decode_text,
    rejected_frame,
    require_file,
    sha256_file,
)

__all__ = ["Bulletin", "BulletinAdapter", "read_bulletins"]

_HEADER_KEYS = {"url", "published", "published_at", "lang", "title", "source"}
_TEXT_SUFFIXES = {".txt", ".md"}
#: JSON nested deeper than Python's recursion limit (about 1,000 levels) is refused: a
#: bulletin is one flat object with text and a timestamp.
_TOO_DEEP = "JSON nested too deeply to be a bulletin (a bulletin is one flat object)"


@dataclass(frozen=True)
class Bulletin:
    """One bulletin as read from a file (``line`` is where it starts, 1-based)."""

    text: str
    published_at: dt.datetime
    url: str | None
    lang: str | None
    line: int


def _parse_time(value: object) -> dt.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _read_text_file(path: Path, text: str) -> Bulletin:
    lines = text.splitlines()
    meta: dict[str, str] = {}
    body_line = 0
    for i, line in enumerate(lines):
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _HEADER_KEYS:
            meta[key.strip().lower()] = value.strip()
            continue
        if not line.strip() and meta:
            body_line = i + 1
        break
    published_raw = meta.get("published") or meta.get("published_at")
    if published_raw is None:
        raise SourceFormatError(path, 1, "published", "a 'published: <ISO 8601 timestamp>' header")
    published = _parse_time(published_raw)
    if published is None:
        line_no = next(i for i, ln in enumerate(lines, 1) if ln.lower().startswith("published"))
        raise SourceFormatError(
            path, line_no, "published", f"an ISO 8601 timestamp (found {published_raw!r})"
        )
    body = "\n".join(lines[body_line:])
    if len(body) > MAX_BULLETIN_CHARS:
        raise SourceFormatError(path, body_line + 1, "text", _too_large(len(body)))
    return Bulletin(body, published, meta.get("url"), meta.get("lang") or None, body_line + 1)


def _too_large(size: int) -> str:
    return (
        f"a bulletin of at most {MAX_BULLETIN_CHARS:,} characters (found {size:,}); "
        "split it into its separate bulletins"
    )


def _from_object(obj: Any, line: int) -> tuple[Bulletin | None, str | None, str | None]:
    if not isinstance(obj, dict):
        return None, None, "expected a JSON object with text and published_at"
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, "text", "missing or empty text"
    if len(text) > MAX_BULLETIN_CHARS:
        return None, "text", _too_large(len(text))
    published = _parse_time(obj.get("published_at") or obj.get("published"))
    if published is None:
        return None, "published_at", "missing or invalid ISO 8601 published_at"
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    lang = obj.get("lang") if isinstance(obj.get("lang"), str) else None
    return Bulletin(text, published, url, lang, line), None, None


def read_bulletins(path: Path) -> tuple[list[Bulletin], list[tuple[int, Any, str | None, str]]]:
    """Read the bulletins of one file.

    Returns
    -------
    tuple
        The bulletins, and ``(line, raw, column, reason)`` for items that could not be read.

    Raises
    ------
    SourceFormatError
        When the file is missing, of an unknown kind, or not readable at all.
    """
    path = Path(path)
    require_file(path)
    text, bad = decode_text(path.read_bytes())
    if bad:
        raise SourceFormatError(path, None, None, f"UTF-8 text ({bad} undecodable bytes)")
    suffix = path.suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        return [_read_text_file(path, text)], []
    items: list[tuple[int, Any]] = []
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise SourceFormatError(path, err.lineno, None, f"valid JSON ({err.msg})") from None
        except RecursionError:
            raise SourceFormatError(path, None, None, _TOO_DEEP) from None
        items = [(1, d) for d in (data if isinstance(data, list) else [data])]
    elif suffix == ".jsonl":
        rejected: list[tuple[int, Any, str | None, str]] = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append((n, json.loads(line)))
            except json.JSONDecodeError as err:
                rejected.append((n, line, None, f"line {n}: not valid JSON ({err.msg})"))
            except RecursionError:
                rejected.append((n, line[:200], None, f"line {n}: {_TOO_DEEP}"))
        out, more = _objects(items)
        return out, rejected + more
    else:
        raise SourceFormatError(path, None, None, "a .txt, .md, .json or .jsonl bulletin file")
    return _objects(items)


def _objects(
    items: list[tuple[int, Any]],
) -> tuple[list[Bulletin], list[tuple[int, Any, str | None, str]]]:
    out, rejected = [], []
    for line, obj in items:
        bulletin, column, reason = _from_object(obj, line)
        if bulletin is None:
            rejected.append((line, obj, column, f"line {line}: {reason}"))
        else:
            out.append(bulletin)
    return out, rejected


class BulletinAdapter:
    """Reads bulletin files and extracts candidate incidents (see the module docstring).

    Parameters
    ----------
    threshold
        Confidence below which an extracted row is rejected (quarantined) with its reason.
    """

    kind = "bulletin"

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold

    def read(self, path: Path) -> SourceBatch:
        """Read one file into a :class:`~analytics.sources.base.SourceBatch`."""
        path = Path(path)
        bulletins, unreadable = read_bulletins(path)
        frames = [
            extract_incidents(
                b.text, published_at=b.published_at, url=b.url, lang=b.lang,
                threshold=self.threshold,
            )
            for b in bulletins
        ]  # fmt: skip
        rows = pl.concat(frames, how="vertical") if frames else None
        n = 0 if rows is None else rows.height
        rejected_rows: list[tuple[int, Any, str | None, str]] = []
        for k, (_, raw, column, reason) in enumerate(unreadable, start=n + 1):
            rejected_rows.append((k, raw, column, reason))
        warnings: list[str] = []
        if rows is None or rows.height == 0:
            incidents = pl.DataFrame(schema={**INCIDENT_COLUMNS, "_row": pl.Int64()})
        else:
            rows = rows.with_row_index("_row", offset=1).with_columns(pl.col("_row").cast(pl.Int64))
            low = rows.filter(pl.col("quarantine_reason").is_not_null())
            for rec in low.iter_rows(named=True):
                raw = {k: v for k, v in rec.items() if k != "_row"}
                rejected_rows.append((rec["_row"], raw, "confidence", rec["quarantine_reason"]))
            accepted = rows.filter(pl.col("quarantine_reason").is_null())
            incidents = accepted.select([*INCIDENT_COLUMNS, "_row"])
            if low.height:
                warnings.append(f"{low.height} extracted rows below confidence {self.threshold}")
        if bulletins and n == 0:
            warnings.append("no strike reported in the text")
        rejected_rows.sort(key=lambda r: r[0])
        return SourceBatch(
            source="bulletin",
            file=str(path),
            sha256=sha256_file(path),
            rows_read=incidents.height + len(rejected_rows),
            incidents=incidents,
            rejected=rejected_frame(rejected_rows),
            warnings=warnings,
        )
