"""Reference data every stage uses: the gazetteer of the 27 units (:mod:`~analytics.reference.oblasts`,
its spelling rules in :mod:`~analytics.reference.toponymy`), weapon names
(:mod:`~analytics.reference.weapons`) and source citations (:mod:`~analytics.reference.citations`)."""
