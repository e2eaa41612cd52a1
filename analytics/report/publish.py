"""Writing reports safely: a lock, a staging folder renamed into place, ``latest``, a manifest.

A report folder ``<out>/<period>/<as-of>/`` is written in full to a hidden sibling folder and
then renamed into place, so a crash never leaves half a report: readers see the old folder or
the new one. ``<out>/latest`` is a relative symlink, replaced atomically, to the report with the
newest as-of date. ``<out>/.lock`` is held with ``fcntl.flock`` while a run writes, so two runs
(say cron and a person) never collide: the second fails at once with :class:`ReportLocked`.
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
from analytics.report.content import ReportContent, ReportLocked
from analytics.report.render import render_html, render_markdown, render_pdf

__all__ = [
    "lock",
    "staging",
    "unchanged",
    "existing_files",
    "write_formats",
    "write_manifest",
    "update_latest",
    "FILE_NAMES",
]

FILE_NAMES = {"html": "report.html", "md": "report.md", "pdf": "report.pdf"}
_MANIFEST = "report.json"


@contextlib.contextmanager
def lock(out: Path) -> Iterator[None]:
    """Hold ``<out>/.lock`` exclusively (non-blocking); :class:`ReportLocked` when taken."""
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
                shutil.rmtree(item, ignore_errors=True)
            elif item.name.startswith(".replaced-"):
                final = parent / item.name.removeprefix(".replaced-")
                if final.exists():
                    shutil.rmtree(item, ignore_errors=True)
                else:
                    item.rename(final)


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A fresh folder beside ``target``; on success it replaces ``target``, on error vanishes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = target.parent / f".staging-{target.name}-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    try:
        yield stage
        for f in stage.iterdir():
            _fsync(f)
        old = target.parent / f".replaced-{target.name}"
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
        stage.rename(target)  # the new report appears whole
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
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


def write_formats(content: ReportContent, stage: Path, formats: tuple[str, ...]) -> dict[str, Path]:
    """Render ``content`` into ``stage`` in each format (PNG charts beside the Markdown)."""
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
        render_pdf(content, files["pdf"])
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
    """Point ``<out>/latest`` at ``target`` unless it points at a report with a later as-of."""
    link = out / "latest"
    rel = target.relative_to(out)
    if link.is_symlink():
        current = Path(os.readlink(link))
        if (out / current).exists() and current.name > target.name:
            return link
    tmp = out / f".latest-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(rel, target_is_directory=True)
    tmp.replace(link)
    return link
