"""HTTP download machinery: retries, ``.part`` staging, verification, sha256 sidecars."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import http.client
import io
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

__all__ = ["FetchError", "FetchedFile", "Progress"]

_TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_CHUNK = 1 << 16
_USER_AGENT = "strike-analytics-fetch/0.1 (+https://github.com/strike-analytics)"

Progress = Callable[[int, int | None], None]


class FetchError(RuntimeError):
    """A download failed or was incomplete; nothing was written (one-line message)."""


@dataclass(frozen=True)
class FetchedFile:
    """One verified file in ``dest``.

    Attributes
    ----------
    source
        ``alerts``, ``ucdp`` or ``acled``.
    kind
        Adapter kind to ingest the file with (``store.ingest_file(kind, path)``).
    path
        Final location of the file; ``path.with_name(path.name + ".meta.json")`` is its sidecar.
    url
        The URL of the (first) request that produced it (no credentials in it).
    sha256, bytes
        Checksum and size of the file as written.
    retrieved_at
        When the download finished (UTC, timezone-aware).
    """

    source: str
    kind: str
    path: Path
    url: str
    sha256: str
    bytes: int
    retrieved_at: dt.datetime

    @property
    def meta_path(self) -> Path:
        """The sidecar ``<file>.meta.json``."""
        return self.path.with_name(self.path.name + ".meta.json")


# -- staging: .part files, hashes, atomic commit ---------------------------------------------


@dataclass
class _Staged:
    """A download being written to ``<final>.part``."""

    final: Path
    url: str
    part: Path = field(init=False)
    fh: BinaryIO | None = field(default=None, repr=False)
    sha: Any = field(default_factory=hashlib.sha256, repr=False)
    size: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.part = self.final.with_name(self.final.name + ".part")

    def write(self, data: bytes) -> None:
        if self.fh is None:
            self.fh = self.part.open("wb")
        self.fh.write(data)
        self.sha.update(data)
        self.size += len(data)

    def close(self) -> None:
        if self.fh is None:
            self.fh = self.part.open("wb")
        if self.fh.closed:
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()


def _stage(staged: list[_Staged], final: Path, url: str) -> _Staged:
    s = _Staged(final=final, url=url)
    staged.append(s)
    return s


def _commit(s: _Staged, source: str, kind: str) -> FetchedFile:
    """Rename a verified, closed ``.part`` into place and write its sidecar."""
    retrieved = dt.datetime.now(dt.UTC).replace(microsecond=0)
    sha = s.sha.hexdigest()
    meta = {
        "source": source,
        "kind": kind,
        "file": s.final.name,
        "url": s.url,
        "sha256": sha,
        "bytes": s.size,
        "retrieved_at": retrieved.isoformat().replace("+00:00", "Z"),
        **s.extra,
    }
    meta_path = s.final.with_name(s.final.name + ".meta.json")
    meta_part = meta_path.with_name(meta_path.name + ".part")
    meta_part.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(s.part, s.final)
    os.replace(meta_part, meta_path)
    return FetchedFile(source, kind, s.final, s.url, sha, s.size, retrieved)


# -- HTTP with retries -----------------------------------------------------------------------


class _HttpStatus(Exception):
    """A non-transient HTTP status; the caller turns it into a source-specific message."""

    def __init__(self, code: int, url: str, body: bytes) -> None:
        super().__init__(code)
        self.code, self.url, self.body = code, url, body


@dataclass
class _Http:
    timeout: float
    retries: int
    backoff: float
    progress: Progress | None
    sleep: Callable[[float], None] = time.sleep

    def request(
        self,
        url: str,
        *,
        what: str,
        data: bytes | None = None,
        secret_headers: Mapping[str, str] | None = None,
        done: int = 0,
        report_total: bool = True,
    ) -> bytes:
        """GET (or POST ``data``) ``url`` and return the complete body.

        ``secret_headers`` are not forwarded on redirects. Raises :class:`_HttpStatus` for a
        non-transient HTTP error status and :class:`FetchError` when retries are exhausted.
        """
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            req = urllib.request.Request(url, data=data, method="POST" if data else "GET")
            req.add_header("User-Agent", _USER_AGENT)
            if data is not None:
                req.add_header("Content-Type", "application/x-www-form-urlencoded")
            for key, value in (secret_headers or {}).items():
                req.add_unredirected_header(key, value)
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    return self._read(resp, done, report_total)
            except urllib.error.HTTPError as err:
                body = _safe_body(err)
                if err.code not in _TRANSIENT_STATUS:
                    raise _HttpStatus(err.code, url, body) from None
                last = f"HTTP {err.code}"
                retry_after = _retry_after(err.headers.get("Retry-After"))
                if retry_after and attempt < self.retries:
                    self.sleep(min(retry_after, 60.0))
            except _Truncated as err:
                last = str(err)
            except TimeoutError:
                last = f"no answer within {self.timeout:g} s (timed out)"
            except urllib.error.URLError as err:
                reason = err.reason
                if isinstance(reason, TimeoutError):
                    last = f"no answer within {self.timeout:g} s (timed out)"
                elif isinstance(reason, ConnectionRefusedError):
                    last = "connection refused"
                else:
                    last = f"cannot connect ({reason})"
            except (http.client.HTTPException, ConnectionError) as err:
                last = f"connection broken ({type(err).__name__})"
        tries = self.retries + 1
        raise FetchError(
            f"{what}: {last} from {url} after {tries} attempt{'s' * (tries > 1)}; "
            "check your connection or try again later"
        )

    def _read(self, resp: Any, done: int, report_total: bool) -> bytes:
        length = resp.headers.get("Content-Length")
        expected = int(length) if length and length.isdigit() else None
        total = (done + expected) if (expected is not None and report_total) else None
        buf = io.BytesIO()
        while chunk := resp.read(_CHUNK):
            buf.write(chunk)
            if self.progress:
                self.progress(done + buf.tell(), total)
        body = buf.getvalue()
        if expected is not None and len(body) != expected:
            raise _Truncated(f"download cut off ({len(body):,} of {expected:,} announced bytes)")
        return body


class _Truncated(Exception):
    pass


def _safe_body(err: urllib.error.HTTPError) -> bytes:
    try:
        return err.read()[:2000]
    except Exception:  # noqa: BLE001 - the body is only a hint for the message
        return b""
    finally:
        err.close()


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


# -- verification of bodies ------------------------------------------------------------------


def _snippet(body: bytes, n: int = 80) -> str:
    text = body[:n].decode("utf-8", errors="replace")
    return " ".join(text.split())


def _csv_header(body: bytes) -> tuple[str, ...]:
    first = body.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8-sig", errors="replace")
    try:
        return tuple(c.strip() for c in next(csv.reader([first])))
    except StopIteration:
        return ()


# -- messages --------------------------------------------------------------------------------


def _status_message(what: str, err: _HttpStatus, hints: Mapping[int, str]) -> str:
    default = {
        401: "the server wants credentials",
        403: "access is forbidden",
        404: "nothing at that address; check the URL",
    }
    hint = hints.get(err.code) or default.get(err.code) or "try again later"
    detail = _snippet(err.body)
    detail = f" ({detail})" if detail else ""
    return f"{what}: HTTP {err.code} from {err.url}{detail}: {hint}"
