"""The bulletin stage: incidents extracted from news text (live blogs, administration posts).

:func:`~analytics.bulletins.extract.extract_incidents` is the entry point; the modules it
uses are :mod:`~analytics.bulletins.lexicon` (words), :mod:`~analytics.bulletins.numbers`
(number words, folding), :mod:`~analytics.bulletins.casualties` (who was killed or injured),
:mod:`~analytics.bulletins.timephrases` (dates), :mod:`~analytics.bulletins.updates` (live-blog
updates), :mod:`~analytics.bulletins.places` (settlements) and
:mod:`~analytics.bulletins.scoring` (precision and recall against labels); sentences are grouped by place in
:mod:`~analytics.bulletins.contexts`, tolls listed by place are split in
:mod:`~analytics.bulletins.breakdown`, ages and dates that are not counts are read in
:mod:`~analytics.bulletins.ages`, and cues of structure (back-references, air defence, the
oblast as a whole) live in :mod:`~analytics.bulletins.cues`.
"""

from __future__ import annotations

from analytics.bulletins.extract import BULLETIN_COLUMNS, extract_incidents

__all__ = ["BULLETIN_COLUMNS", "extract_incidents"]
