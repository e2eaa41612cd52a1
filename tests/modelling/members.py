"""Test doubles of a combination's members."""

from __future__ import annotations

import numpy as np


class Fixed:
    """A member that always gives the same samples (or none)."""

    def __init__(self, name: str, samples: np.ndarray | None) -> None:
        self.name = name
        self.samples = samples

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        return self.samples
