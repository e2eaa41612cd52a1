"""Settings: one frozen object for paths, with environment overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

__all__ = ["Settings"]


@dataclass(frozen=True)
class Settings:
    """Where strike-analytics reads and writes.

    Resolution order for each path: explicit argument, then the environment variable,
    then the default relative to the working directory.

    Attributes
    ----------
    db_path
        DuckDB file (``STRIKE_ANALYTICS_DB``, default ``strikes.duckdb``).
    data_dir
        Raw and sample data (``STRIKE_ANALYTICS_DATA``, default ``data``).
    reports_dir
        Reports root (``STRIKE_ANALYTICS_REPORTS``, default ``reports``).

    Examples
    --------
    >>> Settings(db_path=Path("x.duckdb")).db_path.name
    'x.duckdb'
    """

    db_path: Path = field(
        default_factory=lambda: Path(os.environ.get("STRIKE_ANALYTICS_DB", "strikes.duckdb"))
    )
    data_dir: Path = field(
        default_factory=lambda: Path(os.environ.get("STRIKE_ANALYTICS_DATA", "data"))
    )
    reports_dir: Path = field(
        default_factory=lambda: Path(os.environ.get("STRIKE_ANALYTICS_REPORTS", "reports"))
    )

    def with_db(self, db: Path | str | None) -> Settings:
        """Return a copy whose ``db_path`` is ``db`` when given."""
        return self if db is None else replace(self, db_path=Path(db))
