"""strike-analytics: trustworthy statistics on strikes on Ukraine."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("strike-analytics")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "__version__",
    "Settings",
    "Store",
    "resolve_oblast",
    "match_oblast",
    "extract_incidents",
]


def __getattr__(name: str) -> object:
    # Lazy re-exports keep `import analytics` cheap (no polars/duckdb import until needed).
    if name == "Settings":
        from analytics.config import Settings

        return Settings
    if name == "Store":
        from analytics.store import Store

        return Store
    if name in {"resolve_oblast", "match_oblast"}:
        from analytics import oblasts

        return getattr(oblasts, name)
    if name == "build_report":
        from analytics.report import build_report

        return build_report
    if name == "extract_incidents":
        from analytics.bulletins import extract_incidents

        return extract_incidents
    raise AttributeError(f"module 'analytics' has no attribute {name!r}")
