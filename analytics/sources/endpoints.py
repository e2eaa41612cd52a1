"""Where each fetchable source lives, and how a user points it elsewhere or limits it.

A mirror's base URL comes from the ``base_urls`` argument of :func:`~analytics.sources.fetch.
fetch`, else the environment variable in :data:`URL_ENV`, else :data:`DEFAULT_BASE_URLS`; the
deadline and size cap of a fetch come from its arguments, else :data:`LIMIT_ENV`, else the
defaults of :mod:`analytics.sources.download`.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Mapping

from analytics.sources.download import FetchError

__all__ = ["DEFAULT_BASE_URLS", "URL_ENV", "LIMIT_ENV", "source_url", "fetch_limit"]

#: Where each source lives; tests (and mirrors) override them through ``base_urls``.
DEFAULT_BASE_URLS: dict[str, str] = {
    "alerts": (
        "https://raw.githubusercontent.com/Vadimkin/ukrainian-air-raid-sirens-dataset/main/datasets"
    ),
    "ucdp": "https://ucdpapi.pcr.uu.se/api",
    "acled": "https://acleddata.com",
}

#: source -> environment variable holding a mirror's base URL (same layout as the default).
URL_ENV: dict[str, str] = {
    "alerts": "STRIKE_ANALYTICS_ALERTS_URL",
    "ucdp": "STRIKE_ANALYTICS_UCDP_URL",
    "acled": "STRIKE_ANALYTICS_ACLED_URL",
}

#: Environment variables that set a fetch's limits when the arguments are left out.
LIMIT_ENV: dict[str, str] = {
    "deadline": "STRIKE_ANALYTICS_FETCH_DEADLINE",
    "max_bytes": "STRIKE_ANALYTICS_FETCH_MAX_BYTES",
}


def fetch_limit(name: str, value: float | None, env: Mapping[str, str], default: float) -> float:
    """``value``, else the number in ``env[LIMIT_ENV[name]]``, else ``default``.

    Raises :class:`FetchError` naming the variable when it holds no positive number.
    """
    if value is not None:
        return value
    text = env.get(LIMIT_ENV[name], "").strip()
    if not text:
        return default
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not 0 < number < float("inf"):
        raise FetchError(
            f"{LIMIT_ENV[name]} is {text[:40]!r}, not a positive number "
            f"({'seconds' if name == 'deadline' else 'bytes'})"
        )
    return number


def source_url(
    source: str,
    *,
    base_urls: Mapping[str, str] | None = None,
    env: Mapping[str, str] = os.environ,
) -> str:
    """The base URL ``source`` is fetched from: ``base_urls``, else :data:`URL_ENV`, else default.

    Raises :class:`FetchError` naming the argument or variable when the URL is not http(s).

    Examples
    --------
    >>> source_url("alerts", env={"STRIKE_ANALYTICS_ALERTS_URL": "https://mirror.example/d"})
    'https://mirror.example/d'
    """
    if base_urls and base_urls.get(source):
        url, origin = base_urls[source], f"base_urls[{source!r}]"
    elif env.get(URL_ENV[source], "").strip():
        url, origin = env[URL_ENV[source]].strip(), URL_ENV[source]
    else:
        return DEFAULT_BASE_URLS[source]
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError(
            f"{origin} is {url[:200]!r}, not an http(s) address; give the mirror's base URL "
            f"such as {DEFAULT_BASE_URLS[source]!r}"
        )
    return url
