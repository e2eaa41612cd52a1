"""The store stage: an append-only DuckDB database of revisions, ingests and quarantine.

:class:`Store` connects, initialises (the ``sql/`` files, in :data:`SQL_FILES` order) and
queries; :mod:`~analytics.store.ingest` validates and writes one transaction per ingest;
:mod:`~analytics.store.snapshot` gives what the database knew at a moment;
:mod:`~analytics.store.status` and :mod:`~analytics.store.export` describe and export it.
"""

from __future__ import annotations

from analytics.store.database import SQL_FILES, STORAGE_COMPATIBILITY, Store, sql_files
from analytics.store.ingest import IngestResult

__all__ = ["Store", "IngestResult", "SQL_FILES", "STORAGE_COMPATIBILITY", "sql_files"]
