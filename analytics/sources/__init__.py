"""Source adapters: one module per source, each turning a file into a :class:`SourceBatch`."""

from __future__ import annotations

from analytics.sources.base import Adapter, SourceBatch, SourceFormatError, get_adapter

__all__ = ["Adapter", "SourceBatch", "SourceFormatError", "get_adapter"]
