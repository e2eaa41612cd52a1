"""Pathological text for the place and strike-wording rules of round 10 finishes.

No time is asserted: the texts run in a subprocess under a generous hang deadline. A single
capitalised word of 200 KB made the raion pattern quadratic (minutes) before its name was
anchored at the start of a word and bounded in length.
"""

from __future__ import annotations

import json
import subprocess
import sys

#: Units repeated to 200 KB, one for each rule added in round 10 (and the raion pattern).
PATHOLOGICAL = {
    "one capitalised word": "А",
    "one capitalised latin word": "Nn",
    "places closed by a unit word": "Marhanets and ",
    "hromada adjectives": "Марганецька ",
    "raion areas": "Нікопольщина ",
    "fire a place came under": "came under ",
    "explosions heard": "пролунали вибухи ",
    "subjects of a hit": "Nikopol was hit. ",
    "possessive districts": "Kharkiv's Kyivskyi district ",
}
HANG_DEADLINE_S = 300  # a deadline against hangs, not a timing target

_SCRIPT = """
import datetime as dt, json, sys
from analytics.bulletins.extract import extract_incidents
units, size = json.loads(sys.argv[1]), int(sys.argv[2])
for name, unit in units.items():
    text = (unit * (size // len(unit) + 1))[:size]
    extract_incidents(text, published_at=dt.datetime(2025, 3, 14, 6, 30), lang="uk")
    print(name, flush=True)
"""


def test_pathological_place_texts_finish() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(PATHOLOGICAL), "200000"],
        capture_output=True,
        text=True,
        timeout=HANG_DEADLINE_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == list(PATHOLOGICAL)
