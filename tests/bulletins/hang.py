"""Pathological bulletins for hang tests: extraction of long repeated text in a subprocess.

No time is asserted: the subprocess runs under a generous deadline against hangs (the figures
per MB are measured in ``benchmarks/bench_bulletins.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping

HANG_DEADLINE_S = 300  # a deadline against hangs, not a timing target

_SCRIPT = """
import datetime as dt, json, sys
from analytics.bulletins.extract import extract_incidents
units, size, lang, prefix = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
for name, unit in units.items():
    text = (prefix + unit * (size // len(unit) + 1))[:size]
    extract_incidents(text, published_at=dt.datetime(2025, 3, 14, 6, 30), lang=lang)
    print(name, flush=True)
"""


def finished(
    units: Mapping[str, str], *, lang: str, size: int = 200_000, prefix: str = ""
) -> list[str]:
    """Names of ``units`` whose text (``prefix`` then the unit repeated, ``size`` characters)
    was extracted, in order, by one subprocess under ``HANG_DEADLINE_S``; its stderr on failure."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(dict(units)), str(size), lang, prefix],
        capture_output=True,
        text=True,
        timeout=HANG_DEADLINE_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()
