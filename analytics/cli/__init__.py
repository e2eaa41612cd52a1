"""The command line: :data:`~analytics.cli.app.app` (``strike-analytics``)."""

from __future__ import annotations

from analytics.cli.app import app

__all__ = ["app"]
