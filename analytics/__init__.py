"""strike-analytics: trustworthy statistics on strikes on Ukraine.

The package follows the data: :mod:`~analytics.sources` (and :mod:`~analytics.bulletins` for
news text) -> :mod:`~analytics.schema` -> :mod:`~analytics.store` -> :mod:`~analytics.aggregate`
-> :mod:`~analytics.modelling` -> :mod:`~analytics.charts` -> :mod:`~analytics.report` ->
:mod:`~analytics.cli`. Importing ``analytics`` is cheap: the names below load on first use.
"""

from __future__ import annotations

import importlib
from typing import Final

from analytics._version import __version__

__all__ = [
    "__version__",
    "Settings",
    "Store",
    "build_report",
    "extract_incidents",
    "match_oblast",
    "resolve_oblast",
    "aggregate",
    "forecast",
]

#: Public name -> (module, attribute); attribute None re-exports the module itself.
_LAZY: Final[dict[str, tuple[str, str | None]]] = {
    "Settings": ("analytics.config", "Settings"),
    "Store": ("analytics.store", "Store"),
    "build_report": ("analytics.report", "build_report"),
    "extract_incidents": ("analytics.bulletins", "extract_incidents"),
    "match_oblast": ("analytics.reference.oblasts", "match_oblast"),
    "resolve_oblast": ("analytics.reference.oblasts", "resolve_oblast"),
    "aggregate": ("analytics.aggregate", None),
    "forecast": ("analytics.modelling.forecast", None),
}


def __getattr__(name: str) -> object:
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'analytics' has no attribute {name!r}") from None
    loaded = importlib.import_module(module)
    return loaded if attr is None else getattr(loaded, attr)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
