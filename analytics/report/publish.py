"""Writing reports safely: a lock, a staging folder renamed into place, ``latest``, a manifest.

A report folder ``<out>/<period>/<as-of>/`` is written in full to a hidden sibling folder and
then renamed into place, so a crash never leaves half a report: readers see the old folder or
the new one. ``<out>/<period>/latest`` (``week/latest``, ``month/latest``) is a relative symlink,
replaced atomically, to that period's report with the newest as-of date, so weekly and monthly
runs writing to one ``<out>`` never flip each other's link. ``<out>/latest`` points at the same
report as ``week/latest`` when there is a weekly report, else as ``month/latest``: it stays the
newest *weekly* report when monthly reports are written too. ``<out>/.lock`` is held with
``fcntl.flock`` while a run writes, so two runs (say cron and a person) never collide: the
second fails at once with :class:`ReportLocked`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from analytics._version import __version__
from analytics.report.content import PERIODS, ReportContent, ReportError, ReportLocked
from analytics.report.render import render_html, render_markdown, render_pdf

__all__ = [
    "lock",
    "staging",
    "unchanged",
    "existing_files",
    "write_formats",
    "write_manifest",
    "update_latest",
    "remove",
    "FILE_NAMES",
]

FILE_NAMES = {"html": "report.html", "md": "report.md", "pdf": "report.pdf"}
_MANIFEST = "report.json"


@contextlib.contextmanager
def lock(out: Path) -> Iterator[None]:
    """Hold ``<out>/.lock`` exclusively (non-blocking); :class:`ReportLocked` when taken.

    :class:`ReportError` when ``out`` is a file or a symlink to nothing (nothing is created).
    """
    if out.is_symlink() and not out.exists():
        raise ReportError(
            f"{out} is a symlink to {os.readlink(out)}, which does not exist; create that folder "
            "or choose another reports folder"
        )
    if out.exists() and not out.is_dir():
        raise ReportError(f"{out} is a file, not a folder; choose a folder for the reports")
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReportLocked(f"another report run holds {out / '.lock'}") from None
        _recover(out)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _recover(out: Path) -> None:
    """Clean up after a run that crashed: drop staging folders, restore a moved-away report."""
    for parent in sorted(p for p in out.iterdir() if p.is_dir() and not p.is_symlink()):
        for item in sorted(parent.glob(".*")):
            if item.name.startswith(".staging-"):
                remove(item)
            elif item.name.startswith(".replaced-"):
                final = parent / item.name.removeprefix(".replaced-")
                if final.exists() or final.is_symlink():
                    remove(item)
                else:
                    item.rename(final)


def remove(path: Path) -> None:
    """Remove ``path`` if present: a symlink or file is unlinked (what a link points at is never
    touched), a folder is deleted with its contents."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A fresh folder beside ``target``; on success it replaces ``target``, on error vanishes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = target.parent / f".staging-{target.name}-{os.getpid()}"
    remove(stage)
    stage.mkdir()
    try:
        yield stage
        for f in stage.iterdir():
            _fsync(f)
        old = target.parent / f".replaced-{target.name}"
        if target.exists() or target.is_symlink():  # a folder, or a link to one
            remove(old)
            target.rename(old)
        stage.rename(target)  # the new report appears whole
        remove(old)  # a replaced link is unlinked, never followed
    except BaseException:
        remove(stage)
        raise


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


def unchanged(target: Path, state: dict[str, Any], known_at: dt.datetime | None,
              formats: tuple[str, ...]) -> bool:  # fmt: skip
    """True when ``target`` holds a complete report built from the same data and options."""
    try:
        manifest = json.loads((target / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    same = (
        manifest.get("max_ingest_id") == state["max_ingest_id"]
        and manifest.get("checksum") == state["checksum"]
        and manifest.get("data_checksum") == state["data_checksum"]
        and manifest.get("known_at") == (None if known_at is None else known_at.isoformat())
    )
    return same and all((target / FILE_NAMES[f]).exists() for f in formats)


def existing_files(target: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    return {f: target / FILE_NAMES[f] for f in formats if (target / FILE_NAMES[f]).exists()}


def write_formats(
    content: ReportContent, stage: Path, formats: tuple[str, ...], *, pdf: Any | None = None
) -> dict[str, Path]:
    """Render ``content`` into ``stage`` in each format (PNG charts beside the Markdown);
    ``pdf``: an unused document from :func:`analytics.report.render.new_pdf` to render into."""
    files: dict[str, Path] = {}
    if "html" in formats:
        files["html"] = stage / FILE_NAMES["html"]
        files["html"].write_text(render_html(content), encoding="utf-8")
    if "md" in formats:
        files["md"] = stage / FILE_NAMES["md"]
        files["md"].write_text(render_markdown(content), encoding="utf-8")
        for chart in content.charts:
            (stage / chart.filename).write_bytes(chart.png)
    if "pdf" in formats:
        files["pdf"] = stage / FILE_NAMES["pdf"]
        render_pdf(content, files["pdf"], pdf=pdf)
    return files


def write_manifest(
    stage: Path,
    content: ReportContent,
    state: dict[str, Any],
    known_at: dt.datetime | None,
) -> Path:
    """``report.json``: period, data state (for ``--if-changed``) and each file's sha256."""
    p = content.period
    manifest = {
        "period": p.kind,
        "period_start": p.start.isoformat(),
        "as_of": p.end.isoformat(),
        "known_at": None if known_at is None else known_at.isoformat(),
        "max_ingest_id": state["max_ingest_id"],
        "ingests": state["ingests"],
        "checksum": state["checksum"],
        "data_checksum": state["data_checksum"],
        "synthetic": content.synthetic,
        "package_version": __version__,
        "generated": content.generated_line,
        "files": {
            path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(stage.iterdir())
            if path.is_file()
        },
    }
    path = stage / _MANIFEST
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def update_latest(out: Path, target: Path) -> Path:
    """Point ``<out>/<period>/latest`` at ``target`` unless it points at a later as-of, then
    ``<out>/latest`` at the report ``week/latest`` names, else ``month/latest``.

    ``target`` is ``<out>/<period>/<as-of>``; returns the period's link.
    """
    period_dir = target.parent
    link = period_dir / "latest"
    current = _link_target(link)
    if current is None or current.name <= target.name:
        _replace_link(link, Path(target.name))
    for period in PERIODS:  # the finest period that has a report
        newest = _link_target(out / period / "latest")
        if newest is not None:
            _replace_link(out / "latest", Path(period) / newest)
            break
    return link


def _link_target(link: Path) -> Path | None:
    """Where ``link`` points (relative to its folder) when it leads to an existing folder."""
    if not link.is_symlink():
        return None
    where = Path(os.readlink(link))
    return where if (link.parent / where).is_dir() else None


def _replace_link(link: Path, to: Path) -> None:
    """Make ``link`` a relative symlink to ``to``, atomically (a reader never sees no link)."""
    if link.is_symlink() and Path(os.readlink(link)) == to:
        return
    if link.exists() and not link.is_symlink():
        raise ReportError(f"{link} is a real file or folder, not a link; move it away")
    tmp = link.parent / f".latest-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(to, target_is_directory=True)
    tmp.replace(link)
