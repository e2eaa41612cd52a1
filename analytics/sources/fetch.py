"""Download public sources into ``data/raw/<source>/``, verified, checksummed and atomic.

Three sources, each saved in a format its adapter reads (``FetchedFile.kind``):

``alerts``
    Vadym Klymenko's air-raid sirens dataset, raw CSV files from the GitHub repository
    ``Vadimkin/ukrainian-air-raid-sirens-dataset`` (``datasets/{official,volunteer}_data_{en,uk}
    .csv``); ``dataset`` and ``lang`` choose the file(s) (``"all"`` for both values).
``ucdp``
    UCDP GED events for Ukraine (``Country=369``) from the UCDP API
    (``https://ucdpapi.pcr.uu.se/api/gedevents/<version>``), paged through ``NextPageUrl``
    and saved as one JSON document in the API's own page format. Since February 2026 the API
    wants a token in the ``x-ucdp-access-token`` header: set ``UCDP_ACCESS_TOKEN``.
``acled``
    ACLED events for Ukraine as CSV. ACLED's OAuth flow: ``POST https://acleddata.com/oauth/token``
    (form: ``username`` = account e-mail, ``password``, ``grant_type=password``,
    ``client_id=acled``) returns an ``access_token``; pages of
    ``https://acleddata.com/api/acled/read?_format=csv&country=Ukraine&limit=..&page=..`` are read
    with ``Authorization: Bearer <token>``. Credentials come from ``ACLED_USERNAME`` and
    ``ACLED_PASSWORD``.

Every download goes to ``<name>.part`` first, is checked, hashed, and only then renamed into
place together with a ``<name>.meta.json`` sidecar (url, sha256, bytes, retrieved_at). A
failure raises :class:`FetchError` with a one-line message and leaves no ``.part`` file and
no new file behind; a source with several files is renamed into place only when all of them
downloaded. Secrets are sent in headers that are not forwarded on redirects and never written
to the sidecar.

Limits: an overall ``deadline`` (seconds) and a size cap ``max_bytes`` per fetch (see
:mod:`analytics.sources.download`). Mirrors: each source's base URL comes from the
``base_urls`` argument, else the environment variable in :data:`URL_ENV`
(``STRIKE_ANALYTICS_ALERTS_URL``, ``STRIKE_ANALYTICS_UCDP_URL``, ``STRIKE_ANALYTICS_ACLED_URL``),
else :data:`DEFAULT_BASE_URLS`.

Completeness, never assumed from ``Content-Length`` alone:

``alerts``
    the CSV header is the dataset's, the last line is complete (ends with a newline), every
    record has the header's number of fields, and the body was framed (``Content-Length`` or
    chunked): the files carry no row count or checksum, so an unframed body (the server just
    closed the connection) cannot be told from a cut one and is refused.
``ucdp``
    every page is valid JSON with a ``Result`` list, and the events add up to the API's
    ``TotalCount``.
``acled``
    every record of every page has the header's number of fields; a page shorter than the
    page size ends the download only when it was framed, else the next page must be empty
    (a page cut on a line boundary is followed by more rows).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import urllib.parse
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from analytics.config import Settings
from analytics.sources.download import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BYTES,
    FetchedFile,
    FetchError,
    HttpClient,
    HttpStatusError,
    Progress,
    Response,
    StagedFile,
    check_csv_file,
    commit_staged,
    count_csv_records,
    csv_header,
    snippet,
    stage,
    status_message,
)
from analytics.sources.endpoints import (
    DEFAULT_BASE_URLS,
    LIMIT_ENV,
    URL_ENV,
    fetch_limit,
    source_url,
)

__all__ = [
    "FetchError",
    "FetchedFile",
    "fetch",
    "SOURCES",
    "DEFAULT_BASE_URLS",
    "URL_ENV",
    "LIMIT_ENV",
    "source_url",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_BYTES",
    "ALERTS_HEADERS",
    "UCDP_VERSION",
]

#: source -> adapter kind its files are ingested with.
SOURCES: dict[str, str] = {"alerts": "alerts", "ucdp": "ucdp", "acled": "acled"}

#: Header of each air-raid sirens file (the same in the English and Ukrainian files).
ALERTS_HEADERS: dict[str, tuple[str, ...]] = {
    "official": ("oblast", "raion", "hromada", "level", "started_at", "finished_at", "source"),
    "volunteer": ("region", "started_at", "finished_at", "naive"),
}

#: Default UCDP GED release (the yearly release of 2026; monthly candidates look like 26.0.9).
UCDP_VERSION = "26.1"
UCDP_UKRAINE = 369
UCDP_MAX_PAGESIZE = 1000
ACLED_PAGE_SIZE = 5000
ACLED_REQUIRED = ("event_id_cnty", "event_date")


def fetch(
    source: str,
    *,
    dest: Path | None = None,
    since: dt.date | None = None,
    timeout: float = 60,
    env: Mapping[str, str] = os.environ,
    base_urls: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    dataset: str = "official",
    lang: str = "en",
    ucdp_version: str = UCDP_VERSION,
    page_size: int | None = None,
    retries: int = 3,
    backoff: float = 1.0,
    deadline: float | None = None,
    max_bytes: int | None = None,
) -> list[FetchedFile]:
    """Download ``source`` into ``dest`` and return the verified files.

    Parameters
    ----------
    source
        ``"alerts"``, ``"ucdp"`` or ``"acled"``.
    dest
        Download folder (created when missing); default ``<data_dir>/raw/<source>``.
    since
        Only events on or after this date (UCDP ``StartDate``; ACLED ``event_date`` BETWEEN
        since and today). Not available for ``alerts``, whose files come whole.
    timeout
        Seconds to wait for a connection or for each read.
    env
        Where ``UCDP_ACCESS_TOKEN``, ``ACLED_USERNAME``, ``ACLED_PASSWORD`` and the mirror
        variables of :data:`URL_ENV` are looked up.
    base_urls
        Overrides of :data:`DEFAULT_BASE_URLS` (keys ``alerts``, ``ucdp``, ``acled``); they
        win over the environment (see :func:`source_url`).
    progress
        Called as ``progress(bytes_so_far, total_or_None)`` while the current file downloads.
    dataset, lang
        Alerts only: ``official``/``volunteer``/``all`` and ``en``/``uk``/``all``.
    ucdp_version
        UCDP GED release, e.g. ``"26.1"`` (yearly) or a candidate such as ``"26.0.9"``.
    page_size
        Rows per API page (UCDP at most 1000, default 1000; ACLED default 5000).
    retries, backoff
        Retries of transient failures (timeouts, refused or reset connections, truncated
        bodies, HTTP 408/425/429/5xx) with waits of ``backoff * 2**attempt`` seconds.
    deadline
        Overall seconds for the whole fetch (every request, page, retry and wait); a server
        that trickles bytes is cut off when it passes. Default: ``STRIKE_ANALYTICS_FETCH_
        DEADLINE`` in ``env``, else :data:`DEFAULT_DEADLINE` (1800 s).
    max_bytes
        Size cap over all responses of the fetch; a larger body is refused while streaming.
        Default: ``STRIKE_ANALYTICS_FETCH_MAX_BYTES`` in ``env``, else
        :data:`DEFAULT_MAX_BYTES` (1 GiB).

    Returns
    -------
    list[FetchedFile]
        The files renamed into place, in download order.

    Raises
    ------
    FetchError
        Download refused, failed, incomplete, too slow (deadline) or too large (cap), or a
        mirror URL that is not http(s) (``dest`` holds no partial or new file).
    ValueError
        Unknown source or option.
    """
    deadline, max_bytes = _checked_limits(
        source, env, timeout=timeout, retries=retries, backoff=backoff,
        deadline=deadline, max_bytes=max_bytes,
    )  # fmt: skip
    if dest is None:
        dest = Settings().data_dir / "raw" / source
    url = source_url(source, base_urls=base_urls, env=env)
    http = HttpClient(
        timeout=timeout, retries=retries, backoff=backoff, progress=progress,
        deadline=deadline, max_bytes=max_bytes,
    )  # fmt: skip
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    staged: list[StagedFile] = []
    http.watchdog.start()
    try:
        _stage_source(
            http, source, url, dest, staged, since=since, env=env, dataset=dataset, lang=lang,
            ucdp_version=ucdp_version, page_size=page_size,
        )  # fmt: skip
        for s in staged:
            s.close()
            if s.size == 0:
                raise FetchError(f"{source}: empty download from {s.url}; try again later")
        return [commit_staged(s, source, SOURCES[source]) for s in staged]
    finally:
        http.watchdog.stop()
        for s in staged:
            if s.fh is not None and not s.fh.closed:
                s.fh.close()
            s.part.unlink(missing_ok=True)


def _checked_limits(
    source: str,
    env: Mapping[str, str],
    *,
    timeout: float,
    retries: int,
    backoff: float,
    deadline: float | None,
    max_bytes: int | None,
) -> tuple[float, int]:
    """The fetch's deadline and size cap, after checking the source and every option.

    Raises
    ------
    ValueError
        Unknown source, or a negative or zero limit.
    """
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; choose one of {sorted(SOURCES)}")
    limit = fetch_limit("deadline", deadline, env, DEFAULT_DEADLINE)
    cap = int(fetch_limit("max_bytes", max_bytes, env, DEFAULT_MAX_BYTES))
    if retries < 0 or backoff < 0 or timeout <= 0 or limit <= 0 or cap <= 0:
        raise ValueError(
            "retries and backoff must be >= 0; timeout, deadline and max_bytes must be > 0"
        )
    return limit, cap


def _stage_source(
    http: HttpClient,
    source: str,
    url: str,
    dest: Path,
    staged: list[StagedFile],
    *,
    since: dt.date | None,
    env: Mapping[str, str],
    dataset: str,
    lang: str,
    ucdp_version: str,
    page_size: int | None,
) -> None:
    """Download one source's files into ``staged`` (partial files in ``dest``)."""
    if source == "alerts":
        if since is not None:
            raise ValueError("alerts files are published whole; `since` does not apply")
        _fetch_alerts(http, url, dest, staged, dataset=dataset, lang=lang)
    elif source == "ucdp":
        _fetch_ucdp(
            http, url, dest, staged, since=since, env=env, version=ucdp_version,
            page_size=page_size or UCDP_MAX_PAGESIZE,
        )  # fmt: skip
    else:
        _fetch_acled(
            http, url, dest, staged, since=since, env=env,
            page_size=page_size or ACLED_PAGE_SIZE,
        )  # fmt: skip


# -- alerts ----------------------------------------------------------------------------------


def _fetch_alerts(
    http: HttpClient, base: str, dest: Path, staged: list[StagedFile], *, dataset: str, lang: str
) -> None:
    datasets = _choice("dataset", dataset, ("official", "volunteer"))
    langs = _choice("lang", lang, ("en", "uk"))
    for ds in datasets:
        for lg in langs:
            name = f"{ds}_data_{lg}.csv"
            url = f"{base.rstrip('/')}/{name}"
            what = f"air-raid alerts file {name}"
            s = stage(staged, dest / name, url)
            try:
                resp = http.request(url, what=what, sink=s)
            except HttpStatusError as err:
                raise FetchError(status_message(what, err, _ALERTS_HINTS)) from None
            s.close()
            header = csv_header(resp.head)
            if header != ALERTS_HEADERS[ds]:
                raise FetchError(
                    f"{what}: {url} is not the expected CSV (header {snippet(resp.head)!r}, "
                    f"expected {','.join(ALERTS_HEADERS[ds])!r}); check the URL or the upstream "
                    "format"
                )
            _check_alerts_body(what, url, resp, s, len(header))
            s.extra = {"dataset": ds, "lang": lg}


def _check_alerts_body(what: str, url: str, resp: Response, s: StagedFile, width: int) -> None:
    """Refuse a cut alerts file: incomplete last line, a short record, or no framing."""
    if not resp.tail.endswith(b"\n"):
        raise FetchError(
            f"{what}: {url} ends inside a line (last bytes {snippet(resp.tail[-40:])!r}): the "
            "download was cut off; nothing was saved, try again later"
        )
    check_csv_file(s.part, width, what, url)
    if not resp.framed:
        raise FetchError(
            f"{what}: {url} sent the file without a length (no Content-Length, not chunked), so "
            "a cut-off download cannot be told from a complete one, and this source publishes "
            "no row count or checksum; nothing was saved: try again, or use a mirror that "
            "sends Content-Length"
        )


_ALERTS_HINTS = {
    404: "the file is not at that address; check the repository layout on GitHub",
}


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if value == "all":
        return allowed
    if value not in allowed:
        raise ValueError(f"{name} must be one of {[*allowed, 'all']}, not {value!r}")
    return (value,)


# -- UCDP ------------------------------------------------------------------------------------


def _fetch_ucdp(
    http: HttpClient,
    base: str,
    dest: Path,
    staged: list[StagedFile],
    *,
    since: dt.date | None,
    env: Mapping[str, str],
    version: str,
    page_size: int,
) -> None:
    page_size = max(1, min(page_size, UCDP_MAX_PAGESIZE))
    params: dict[str, str] = {"pagesize": str(page_size), "Country": str(UCDP_UKRAINE)}
    if since is not None:
        params["StartDate"] = since.isoformat()
    first_url = f"{base.rstrip('/')}/gedevents/{version}?{urllib.parse.urlencode(params)}"
    token = env.get("UCDP_ACCESS_TOKEN", "").strip()
    headers = {"x-ucdp-access-token": token} if token else {}
    suffix = f"_since-{since.isoformat()}" if since else ""
    # events are written page by page (memory holds one page), as {"Result": [...], ...}
    s = stage(staged, dest / f"ucdp_ged_{version}_ukraine{suffix}.json", first_url)
    s.write(b'{"Result": [')
    n_events = 0
    totals: dict[str, int | None] = {}
    pages = 0
    for page in _ucdp_pages(http, first_url, headers=headers, version=version, totals=totals):
        pages += 1
        for event in page["Result"]:
            s.write((b", " if n_events else b"") + json.dumps(event, ensure_ascii=False).encode())
            n_events += 1
    total, total_pages = totals.get("TotalCount"), totals.get("TotalPages")
    if total is not None and total != n_events:
        raise FetchError(
            f"UCDP: {first_url} announced {total} events but the pages held {n_events}; "
            "the data may have changed while paging, try again"
        )
    tail = {
        "TotalCount": n_events,
        "TotalPages": total_pages,
        "PreviousPageUrl": None,
        "NextPageUrl": None,
    }
    s.write(b"], " + json.dumps(tail)[1:].encode("utf-8"))
    s.close()
    s.extra = {"version": version, "pages": pages, "rows": n_events}


def _ucdp_pages(
    http: HttpClient,
    first_url: str,
    *,
    headers: Mapping[str, str],
    version: str,
    totals: dict[str, int | None],
) -> Iterator[dict[str, Any]]:
    """Yield the API's pages in order through ``NextPageUrl`` (same host only, no loops).

    ``totals`` receives the first page's ``TotalCount`` and ``TotalPages`` (None if absent).
    """
    host = urllib.parse.urlsplit(first_url).hostname
    seen: set[str] = set()
    url: str | None = first_url
    done = 0
    while url:
        if url in seen or len(seen) > 100_000:
            raise FetchError(f"UCDP: the API's NextPageUrl loops back to {url}; try again later")
        seen.add(url)
        if urllib.parse.urlsplit(url).hostname != host:
            raise FetchError(
                f"UCDP: NextPageUrl {url} leaves {host}; refusing to send the token elsewhere"
            )
        what = f"UCDP GED {version} page {len(seen)}"
        try:
            body = http.request(
                url, what=what, secret_headers=headers, done=done, report_total=False
            ).body
        except HttpStatusError as err:
            raise FetchError(_ucdp_status(what, err, bool(headers), version)) from None
        done += len(body)
        page = _json_page(body, url, what)
        if not totals:
            for key in ("TotalCount", "TotalPages"):
                totals[key] = page.get(key) if isinstance(page.get(key), int) else None
        yield page
        nxt = page.get("NextPageUrl")
        url = nxt if isinstance(nxt, str) and nxt.strip() else None


def _json_page(body: bytes, url: str, what: str) -> dict[str, Any]:
    if not body.strip():
        raise FetchError(f"{what}: empty response from {url}; try again later")
    try:
        page = json.loads(body.decode("utf-8-sig"))
    except RecursionError:
        raise FetchError(
            f"{what}: {url} returned JSON nested too deeply to be a UCDP page; check the API "
            "address"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FetchError(
            f"{what}: {url} did not return valid JSON ({err}; starts {snippet(body)!r}); "
            "try again later or check the API address"
        ) from None
    if not isinstance(page, dict) or not isinstance(page.get("Result"), list):
        raise FetchError(
            f"{what}: {url} returned JSON without a 'Result' list (starts {snippet(body)!r}); "
            "check the API address and version"
        )
    return page


def _ucdp_status(what: str, err: HttpStatusError, has_token: bool, version: str) -> str:
    if err.code in (401, 403):
        todo = (
            "check UCDP_ACCESS_TOKEN"
            if has_token
            else "set UCDP_ACCESS_TOKEN (the API needs a free token: see https://ucdp.uu.se/apidocs/)"
        )
        return f"{what}: UCDP refused the request (HTTP {err.code}) at {err.url}: {todo}"
    hints = {
        404: f"check that GED version {version!r} exists (see https://ucdp.uu.se/apidocs/)",
        400: "the API rejected the query parameters",
    }
    return status_message(what, err, hints)


# -- ACLED -----------------------------------------------------------------------------------


def _fetch_acled(
    http: HttpClient,
    base: str,
    dest: Path,
    staged: list[StagedFile],
    *,
    since: dt.date | None,
    env: Mapping[str, str],
    page_size: int,
) -> None:
    user = env.get("ACLED_USERNAME", "").strip()
    password = env.get("ACLED_PASSWORD", "")
    missing = [k for k, v in (("ACLED_USERNAME", user), ("ACLED_PASSWORD", password)) if not v]
    if missing:
        raise FetchError(
            f"ACLED needs your myACLED account: set {' and '.join(missing)} "
            "(ACLED_USERNAME = account e-mail, ACLED_PASSWORD = password)"
        )
    root = base.rstrip("/")
    token = _acled_token(http, f"{root}/oauth/token", user, password)
    auth = {"Authorization": f"Bearer {token}"}
    params: dict[str, str] = {"_format": "csv", "country": "Ukraine", "limit": str(page_size)}
    if since is not None:
        today = dt.datetime.now(dt.UTC).date()
        params["event_date"] = f"{since.isoformat()}|{today.isoformat()}"
        params["event_date_where"] = "BETWEEN"
    read = f"{root}/api/acled/read"
    first_url = f"{read}?{urllib.parse.urlencode(params)}"
    suffix = f"_since-{since.isoformat()}" if since else ""
    s = stage(staged, dest / f"acled_ukraine{suffix}.csv", first_url)
    header: bytes | None = None
    rows = 0
    page = 0
    short: int | None = None  # rows of a short, unframed page whose end must be confirmed
    while True:
        page += 1
        url = f"{read}?{urllib.parse.urlencode({**params, 'page': str(page)})}"
        what = f"ACLED page {page}"
        try:
            resp = http.request(
                url, what=what, secret_headers=auth, done=s.size, report_total=False
            )
        except HttpStatusError as err:
            raise FetchError(_acled_status(what, err)) from None
        body = resp.body
        if not body.strip():
            if page == 1:
                raise FetchError(f"{what}: empty response from {url}; try again later")
            break
        first, rest, n = _acled_page(body, header, what, url)
        if header is None:
            header = first
            s.write(first + b"\n")
        if short is not None:
            if n:
                raise FetchError(
                    f"ACLED page {page - 1}: held {short} rows, fewer than the page size "
                    f"{page_size}, yet page {page} holds {n} more: page {page - 1} was cut off "
                    "(sent without a length); nothing was saved, try again later"
                )
            break
        if n:
            s.write(rest if rest.endswith(b"\n") else rest + b"\n")
        rows += n
        if n < page_size:
            if resp.framed:
                break
            short = n  # an unframed page may have been cut on a line boundary: look further
    s.close()
    s.extra = {"pages": page, "rows": rows}


def _acled_page(body: bytes, header: bytes | None, what: str, url: str) -> tuple[bytes, bytes, int]:
    """Split a page into (header line, records, number of records), checking both."""
    first, _, rest = body.partition(b"\n")
    first = first.rstrip(b"\r")
    columns = csv_header(first)
    if not all(c in columns for c in ACLED_REQUIRED):
        raise FetchError(
            f"{what}: {url} did not return ACLED CSV (starts {snippet(body)!r}); "
            "check that the account has API access"
        )
    if header is not None and first != header:
        raise FetchError(f"{what}: {url} returned different columns than page 1; try again")
    return first, rest, count_csv_records(rest, len(columns), what, url)


def _acled_token(http: HttpClient, url: str, user: str, password: str) -> str:
    form = urllib.parse.urlencode(
        {"username": user, "password": password, "grant_type": "password", "client_id": "acled"}
    ).encode()
    what = "ACLED token request"
    try:
        body = http.request(url, what=what, data=form).body
    except HttpStatusError as err:
        if err.code in (400, 401, 403):
            raise FetchError(
                f"{what}: ACLED refused the credentials (HTTP {err.code}) at {url}: "
                "check ACLED_USERNAME/ACLED_PASSWORD"
            ) from None
        raise FetchError(status_message(what, err, {})) from None
    try:
        token = json.loads(body).get("access_token")
    except (ValueError, AttributeError):
        token = None
    if not isinstance(token, str) or not token:
        raise FetchError(
            f"{what}: {url} answered without an access_token (starts {snippet(body)!r}); "
            "check the token endpoint"
        )
    return token


def _acled_status(what: str, err: HttpStatusError) -> str:
    if err.code == 401:
        return (
            f"{what}: ACLED refused the access token (HTTP 401) at {err.url}: "
            "check ACLED_USERNAME/ACLED_PASSWORD and try again"
        )
    if err.code == 403:
        return (
            f"{what}: ACLED denied data access (HTTP 403) at {err.url}: check that the account "
            "has API access and has accepted ACLED's terms of use"
        )
    return status_message(what, err, {400: "the API rejected the query parameters"})
