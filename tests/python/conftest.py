"""Shared fixtures for the Python tests. They run against the installed wheel (scripts/test.sh
builds it and installs it into .venv), never against the source tree."""

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(20261122)


def expand(counts):
    """Scores from {score: count}."""
    return [score for score, count in counts.items() for _ in range(count)]


# The survey behind the Spark and Dask tests.
N = 300_000
ITEMS = ["speed", "fees", "staff", "app"]
FEATURES = ["fx", "chat", "cashback"]


@pytest.fixture(scope="session")
def survey():
    """A survey of N rows: branch, channel, NPS and CSAT answers, weights, KANO answer
    pairs per feature and SERVQUAL perceptions (2 % missing) and expectations per item."""
    rng = np.random.default_rng(20261201)
    frame = pd.DataFrame(
        {
            "branch": rng.choice(["Beijing", "Shanghai", "Shenzhen", "Chengdu"], N),
            "channel": rng.choice(["app", "branch"], N),
            "ltr": rng.integers(0, 11, N),
            "csat": rng.integers(1, 6, N),
            "weight": rng.uniform(0.5, 2.0, N),
        }
    )
    for f in FEATURES:
        frame[f"{f}_f"] = rng.integers(1, 6, N)
        frame[f"{f}_d"] = rng.integers(1, 6, N)
    latent = rng.normal(size=N)  # shared by the items, so they hang together (alpha ≈ 0.6)
    for i, item in enumerate(ITEMS):
        p = np.clip(np.round(4 + latent + rng.normal(size=N)), 1, 7)
        p[rng.random(N) < 0.02] = np.nan
        frame[f"p_{item}"] = p
        frame[f"e_{item}"] = np.clip(np.round(5 + 0.5 * latent + rng.normal(size=N) + i * 0.1), 1, 7)
    return frame
