"""Row hashes in SQL: the content comparison behind revisions and the stored checksums."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["hash_sql"]


def hash_sql(columns: Sequence[str], alias: str | None = None) -> str:
    """md5 over the text of ``columns`` (NULL-aware, stable across DuckDB versions)."""
    prefix = f"{alias}." if alias else ""
    parts = ", ".join(f"coalesce(cast({prefix}\"{c}\" as varchar), '\\N')" for c in columns)
    return f"md5(concat_ws('\x1f', {parts}))"
