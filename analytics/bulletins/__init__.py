"""The bulletin stage: incidents extracted from news text (live blogs, administration posts).

:func:`~analytics.bulletins.extract.extract_incidents` is the entry point; the modules it
uses are :mod:`~analytics.bulletins.lexicon` (words), :mod:`~analytics.bulletins.numbers`
(number words, folding), :mod:`~analytics.bulletins.casualties` (who was killed or injured),
:mod:`~analytics.bulletins.timephrases` (dates), :mod:`~analytics.bulletins.updates` (live-blog
updates), :mod:`~analytics.bulletins.places` (settlements) and
:mod:`~analytics.bulletins.scoring` (precision and recall against labels); sentences are grouped by place in
:mod:`~analytics.bulletins.contexts`.
"""

from __future__ import annotations

from analytics.bulletins.extract import BULLETIN_COLUMNS, extract_incidents

__all__ = ["BULLETIN_COLUMNS", "extract_incidents"]
