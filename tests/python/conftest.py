"""Shared fixtures for the Python tests. They run against the installed wheel (scripts/test.sh
builds it and installs it into .venv), never against the source tree."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(20261122)


def expand(counts):
    """Scores from {score: count}."""
    return [score for score, count in counts.items() for _ in range(count)]
