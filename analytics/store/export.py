"""Export the latest revisions as Parquet, partitioned by year and month."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analytics.store.database import Store

__all__ = ["export_parquet"]


def export_parquet(store: Store, out_dir: str | Path) -> Path:
    """Write incidents as Parquet partitioned by ``year`` and ``month`` (Hive layout).

    Re-running into the same folder replaces the earlier export as a whole: the new one is
    written beside it and swapped in, so no stale month or duplicate file survives. A
    folder that holds anything but an earlier export is refused (``FileExistsError``) and
    left untouched.
    """
    out = Path(out_dir)
    if out.exists() and not _is_parquet_export(out):
        raise FileExistsError(
            f"{out} exists and is neither an empty folder nor an earlier Parquet export "
            "(year=YYYY/month=M/*.parquet); choose another folder. Nothing was written."
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        store.con.execute(
            f"""copy (select *, year(occurred_on) as year, month(occurred_on) as month
                      from incidents order by occurred_on, incident_id)
                to '{_sql_str(tmp)}' (format parquet, partition_by (year, month))"""
        )
        tmp.mkdir(exist_ok=True)  # no incidents: an empty export folder
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old)
        else:
            tmp.rename(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _is_parquet_export(folder: Path) -> bool:
    """True for an empty folder or one holding only ``year=*/month=*/*.parquet``."""
    if not folder.is_dir():
        return False
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        ok = (
            parts[0].startswith("year=")
            and (len(parts) < 2 or parts[1].startswith("month="))
            and (len(parts) < 3 or (len(parts) == 3 and path.suffix == ".parquet"))
        )
        if not ok:
            return False
    return True


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")
