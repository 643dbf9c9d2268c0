"""SERVQUAL and covariance state, and journey-state bytes: batches, merges, bytes and pickles
give what the one-pass functions give (those functions are checked against published values
and hand calculations in test_quality.py)."""

import pickle

import numpy as np
import pandas as pd
import pytest

import cxkit

ITEMS = ["speed", "fees", "staff", "app"]
DIMS = ["reliability", "reliability", "empathy", "tangibles"]


def ratings(rng, n, missing=0.05):
    x = rng.integers(1, 8, size=(n, len(ITEMS))).astype(float)
    x[rng.random(x.shape) < missing] = np.nan
    return x


def close(a, b):
    assert a == pytest.approx(b, rel=1e-12, abs=1e-12)


def test_servqual_parts_equal_the_whole(rng):
    p, e = ratings(rng, 3000), ratings(rng, 3000)
    opts = dict(dimensions=DIMS, reversed=["app"], nan_policy="omit", confidence=0.9)
    whole = cxkit.servqual(pd.DataFrame(p, columns=ITEMS), pd.DataFrame(e, columns=ITEMS), **opts)
    acc = cxkit.ServqualAccumulator(ITEMS, **opts)
    for idx in np.array_split(np.arange(3000), 7):
        part = cxkit.ServqualAccumulator(ITEMS, **opts)
        part.update(pd.DataFrame(p[idx], columns=ITEMS), e[idx])
        acc.merge(pickle.loads(pickle.dumps(part)))
    parts = acc.finish()
    assert acc.respondents == whole.overall.n
    for col in ["perception", "expectation", "gap", "ci_low", "ci_high", "sd"]:
        np.testing.assert_allclose(parts.items[col], whole.items[col], rtol=1e-12)
    assert list(parts.items.index) == ITEMS
    np.testing.assert_allclose(parts.dimensions.to_numpy(), whole.dimensions.to_numpy(), rtol=1e-12)
    close(parts.overall.estimate, whole.overall.estimate)
    close(parts.overall.ci_low, whole.overall.ci_low)
    back = cxkit.ServqualAccumulator.from_bytes(acc.to_bytes(), ITEMS)
    assert back == acc and back.items == ITEMS


def test_alpha_parts_equal_the_whole(rng):
    x = ratings(rng, 5000, missing=0.02) + 100.0  # an offset the centring must absorb
    for policy in ["pairwise", "listwise"]:
        whole = cxkit.cronbach_alpha(pd.DataFrame(x, columns=ITEMS), nan_policy=policy)
        acc = cxkit.CovarianceAccumulator(ITEMS, nan_policy=policy)
        for idx in reversed(np.array_split(np.arange(5000), 9)):
            part = cxkit.CovarianceAccumulator(len(ITEMS), nan_policy=policy)
            part.update(x[idx])
            acc.merge(cxkit.CovarianceAccumulator.from_bytes(part.to_bytes(), ITEMS))
        a = acc.cronbach_alpha()
        close(a.alpha, whole.alpha)
        close(a.ci_low, whole.ci_low)
        close(a.standardized_alpha, whole.standardized_alpha)
        assert a.n == whole.n
        np.testing.assert_allclose(a.items["alpha_if_deleted"], whole.items["alpha_if_deleted"], rtol=1e-12)
        cov = acc.covariance()
        expected = pd.DataFrame(x, columns=ITEMS)
        if policy == "listwise":
            expected = expected.dropna()
        # pandas' DataFrame.cov is pairwise-complete, the definition of the pairwise rule.
        np.testing.assert_allclose(cov.to_numpy(), expected.cov().to_numpy(), rtol=1e-10)
        assert list(cov.columns) == ITEMS
    assert pickle.loads(pickle.dumps(acc)) == acc


def test_bad_input_leaves_the_states_unchanged(rng):
    acc = cxkit.ServqualAccumulator(ITEMS, dimensions=DIMS)
    acc.update(ratings(rng, 10, 0), ratings(rng, 10, 0))
    before = pickle.dumps(acc)
    bad = ratings(rng, 10, 0)
    bad[3, 1] = 9
    with pytest.raises(cxkit.InvalidAnswerError):
        acc.update(bad, ratings(rng, 10, 0))
    with pytest.raises(cxkit.MissingAnswerError):
        acc.update(ratings(rng, 10, 0.5), ratings(rng, 10, 0))
    with pytest.raises(cxkit.LengthMismatchError):
        acc.update(ratings(rng, 10, 0), ratings(rng, 9, 0))
    with pytest.raises(cxkit.IncompatibleError, match='only perceptions has "other"'):
        acc.update(pd.DataFrame(ratings(rng, 3, 0), columns=ITEMS[:-1] + ["other"]), ratings(rng, 3, 0))
    with pytest.raises(cxkit.IncompatibleError):
        acc.merge(cxkit.ServqualAccumulator(ITEMS, dimensions=DIMS, scale=(1, 5)))
    assert pickle.dumps(acc) == before
    with pytest.raises(cxkit.CorruptBytesError):
        cxkit.ServqualAccumulator.from_bytes(acc.to_bytes()[:-3])
    with pytest.raises(cxkit.InvalidParameterError, match="3 names for a state of 4 items"):
        cxkit.ServqualAccumulator.from_bytes(acc.to_bytes(), ITEMS[:3])

    cov = cxkit.CovarianceAccumulator(ITEMS)
    cov.update(ratings(rng, 10, 0))
    before = pickle.dumps(cov)
    bad = ratings(rng, 10, 0)
    bad[2, 2] = np.inf
    with pytest.raises(cxkit.InvalidParameterError, match="infinite"):
        cov.update(bad)
    with pytest.raises(cxkit.LengthMismatchError):
        cov.update(np.ones((4, 3)))
    with pytest.raises(cxkit.IncompatibleError):
        cov.merge(cxkit.CovarianceAccumulator(ITEMS, nan_policy="listwise"))
    assert pickle.dumps(cov) == before
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.CovarianceAccumulator(0)
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.CovarianceAccumulator(3).cronbach_alpha()
    with pytest.raises(cxkit.CorruptBytesError):
        cxkit.CovarianceAccumulator.from_bytes(b"CXKA\x01\x05")


TREE = {
    "journeys": [
        {
            "id": "j",
            "stages": [
                {
                    "id": "s",
                    "touchpoints": [
                        {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]},
                    ],
                }
            ],
        }
    ]
}


def test_journey_state_bytes_carry_segment_labels():
    tree = cxkit.IndicatorTree.from_dict(TREE)
    a, b = cxkit.JourneyState(tree), cxkit.JourneyState(tree)
    a.update({"indicator": ["ok", "ok"], "timestamp": [0, 60], "value": [1, 0], "segment": ["retail", "sme"]})
    b.update({"indicator": ["ok"], "timestamp": [120], "value": [1], "segment": ["sme"]})
    a.merge(cxkit.JourneyState.from_bytes(b.to_bytes(), tree))
    one = cxkit.JourneyState(tree)
    one.update(
        {"indicator": ["ok"] * 3, "timestamp": [0, 60, 120], "value": [1, 0, 1], "segment": ["retail", "sme", "sme"]}
    )
    pd.testing.assert_frame_equal(a.evaluate("day", by="segment"), one.evaluate("day", by="segment"))
    other = cxkit.IndicatorTree.from_dict(
        {"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
            {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "nps"}}]}]}]}]}
    )
    with pytest.raises(cxkit.IncompatibleError):
        cxkit.JourneyState.from_bytes(a.to_bytes(), other)
    with pytest.raises(cxkit.CorruptBytesError):
        cxkit.JourneyState.from_bytes(a.to_bytes()[:-1], tree)
