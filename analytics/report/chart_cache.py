"""Charts kept on disk by a hash of everything that draws them: a chart drawn again is read back.

A scheduled report re-renders charts whose data did not change (the alerts heatmap when only
incidents were ingested, a report built again in another format, a report re-run after a
failure). Drawing a chart is a pure function of its drawing function, its arguments, the
package's code and the versions of the libraries that draw and encode it, so a chart whose key
(:meth:`ChartCache.key`) matches a stored entry has the stored entry's bytes: the cache is
exact, and a miss only costs the drawing.

The key hashes the pickled arguments (polars frames pickle their full contents; the same
frame gives the same bytes however it is chunked) with a fingerprint of the environment
(:func:`code_fingerprint`): every file of the package (code and reference data), the library versions and the
matplotlib settings the style does not pin. Entries are written atomically (a temporary file,
then a rename), so runs that share a cache never read half an entry. Entries not used for
:data:`KEEP_DAYS` days are pruned (:meth:`ChartCache.prune`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, Final

import matplotlib as mpl
import numpy as np
from matplotlib import font_manager, ft2font

__all__ = ["ChartCache", "KEEP_DAYS", "code_fingerprint"]

#: Days an unused entry is kept.
KEEP_DAYS: Final = 35
#: rc settings that say how this process runs, not how a chart looks.
_PROCESS_RC: Final = frozenset({"backend", "backend_fallback", "interactive", "webagg.port"})


def code_fingerprint(package: Path | None = None) -> str:
    """A hash of what draws a chart besides its arguments: the package's files (every file under
    ``package``, default this package, but bytecode caches: code, SQL and the reference data
    the charts read, e.g. the oblasts' names and tile positions), the versions of matplotlib,
    FreeType, numpy, Pillow and polars, the matplotlib rc settings and the font files the
    charts' text is drawn with (path, size, modification time).

    Examples
    --------
    >>> len(code_fingerprint()) == 64 and code_fingerprint() == code_fingerprint()
    True
    """
    root = package or Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    files = (p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        h.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes() + b"\x00")
    libs = (mpl.__version__, ft2font.__freetype_version__, np.__version__, version("pillow"),
            version("polars"))  # fmt: skip
    h.update(repr(libs).encode())
    # Keys first: reading ``backend`` would resolve (and import) a backend.
    rc = sorted((k, repr(mpl.rcParams[k])) for k in mpl.rcParams if k not in _PROCESS_RC)
    h.update(repr(rc).encode())
    for weight in ("normal", "bold"):
        font = Path(
            font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans", weight=weight))
        )
        info = font.stat()
        h.update(f"{font}\x00{info.st_size}\x00{info.st_mtime_ns}".encode())
    return h.hexdigest()


@dataclass(frozen=True)
class ChartCache:
    """Charts (PNG bytes and caption) stored under ``folder`` by key; picklable.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     cache = ChartCache(Path(tmp), fingerprint="f")
    ...     key = cache.key("map", divmod, {"a": 7, "b": 2})
    ...     assert key is not None
    ...     miss = cache.get(key)
    ...     cache.put(key, b"\\x89PNG...", "A caption.")
    ...     miss, cache.get(key), key == cache.key("map", divmod, {"a": 7, "b": 3})
    (None, (b'\\x89PNG...', 'A caption.'), False)
    """

    folder: Path
    fingerprint: str

    @classmethod
    def under(cls, out: Path) -> ChartCache:
        """The cache of the reports root ``out``: ``out/.cache/charts``."""
        return cls(out / ".cache" / "charts", code_fingerprint())

    def key(self, name: str, draw: Callable[..., Any], inputs: Any) -> str | None:
        """The key of chart ``name`` drawn by ``draw`` from ``inputs`` (the draw function's
        arguments, the caption's inputs); None when ``inputs`` cannot be pickled (the chart
        is then drawn, never looked up)."""
        h = hashlib.sha256(self.fingerprint.encode())
        h.update(f"\x00{name}\x00{draw.__module__}.{draw.__qualname__}\x00".encode())
        try:
            h.update(pickle.dumps(inputs, protocol=5))
        except (pickle.PicklingError, TypeError, AttributeError, ValueError):
            return None
        return h.hexdigest()

    def get(self, key: str) -> tuple[bytes, str] | None:
        """The stored PNG bytes and caption of ``key``, or None (marks the entry as used)."""
        path = self.folder / f"{key}.chart"
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        size = int.from_bytes(blob[:8], "big")  # the PNG's length, then the PNG, then the caption
        try:
            caption = blob[8 + size :].decode("utf-8")
        except UnicodeDecodeError:  # a damaged entry: a miss
            return None
        if len(blob) < 8 + size:
            return None
        with contextlib.suppress(OSError):  # a read-only cache still serves its entries
            os.utime(path)
        return blob[8 : 8 + size], caption

    def put(self, key: str, png: bytes, caption: str) -> None:
        """Store an entry (atomically); a cache that cannot be written is skipped silently:
        the report does not depend on it."""
        path = self.folder / f"{key}.chart"
        tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(len(png).to_bytes(8, "big") + png + caption.encode("utf-8"))
            tmp.replace(path)
        except OSError:
            tmp.unlink(missing_ok=True)

    def prune(self, *, keep_days: float = KEEP_DAYS, now: float | None = None) -> int:
        """Delete the entries not used for ``keep_days`` days (and stale temporary files);
        returns how many were deleted."""
        if not self.folder.is_dir():
            return 0
        cutoff = (time.time() if now is None else now) - keep_days * 86_400
        gone = 0
        for path in self.folder.iterdir():
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    gone += 1
            except OSError:
                continue
        return gone
