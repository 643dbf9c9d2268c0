"""Accumulators: batches, merge, bytes and pickling give the same result as one pass."""

import pickle
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

import cxkit


def fold(acc_factory, parts):
    acc = acc_factory()
    for part in parts:
        acc.update(part)
    return acc


def test_nps_accumulator_matches_one_pass(rng):
    scores = rng.integers(0, 11, size=10_000)
    parts = np.array_split(scores, 7)
    left = fold(cxkit.NpsAccumulator, parts[:3])
    right = fold(cxkit.NpsAccumulator, parts[3:])
    left.merge(right)
    assert left.n == 10_000
    assert left.finish() == cxkit.nps(scores)
    assert left.finish(confidence=0.9, method="wald") == cxkit.nps(scores, confidence=0.9, method="wald")


def test_weighted_updates(rng):
    scores = rng.integers(1, 6, size=1000)
    w = rng.uniform(0.5, 2, size=1000)
    acc = cxkit.TopBoxAccumulator()
    acc.update(scores[:400], weights=w[:400])
    acc.update(scores[400:], weights=w[400:])
    whole = cxkit.csat(scores, weights=w)
    r = acc.finish()
    assert r.top_box.estimate == pytest.approx(whole.top_box.estimate, rel=1e-12)
    assert r.mean.ci_high == pytest.approx(whole.mean.ci_high, rel=1e-12)


def test_likert_accumulator(rng):
    scores = rng.integers(1, 8, size=500)
    acc = cxkit.LikertAccumulator(scale=7, boxes=3)
    acc.update(scores)
    assert acc.finish() == cxkit.likert_summary(scores, scale=7, boxes=3)


@pytest.mark.parametrize(
    "make",
    [cxkit.NpsAccumulator, lambda: cxkit.TopBoxAccumulator(scale=(0, 10), top=3),
     lambda: cxkit.LikertAccumulator(scale=5)],
)
def test_bytes_and_pickle_round_trip(make):
    acc = make()
    acc.update([1, 2, 3, 4, 5], weights=[1, 2, 3, 4, 5])
    assert type(acc).from_bytes(acc.to_bytes()) == acc
    assert pickle.loads(pickle.dumps(acc)) == acc


def test_corrupt_bytes_and_mismatched_merges():
    data = bytearray(cxkit.NpsAccumulator().to_bytes())
    with pytest.raises(cxkit.CorruptBytesError):
        cxkit.NpsAccumulator.from_bytes(bytes(data[:-1]))
    data[4] = 42
    with pytest.raises(cxkit.CorruptBytesError, match="version 42"):
        cxkit.NpsAccumulator.from_bytes(bytes(data))
    with pytest.raises(cxkit.CorruptBytesError):
        cxkit.TopBoxAccumulator.from_bytes(cxkit.NpsAccumulator().to_bytes())
    a = cxkit.TopBoxAccumulator(scale=5)
    with pytest.raises(cxkit.IncompatibleError):
        a.merge(cxkit.TopBoxAccumulator(scale=7))
    with pytest.raises(cxkit.IncompatibleError):
        a.merge(cxkit.TopBoxAccumulator(scale=5, top=1))


def test_failed_update_leaves_state_unchanged():
    acc = cxkit.NpsAccumulator()
    acc.update([10, 9])
    with pytest.raises(cxkit.InvalidScoreError):
        acc.update([1, 2, 30])
    assert acc.n == 2


def _partition_state(scores):
    acc = cxkit.NpsAccumulator()
    acc.update(scores)
    return acc


def test_accumulators_travel_between_processes(rng):
    scores = rng.integers(0, 11, size=4000)
    with ProcessPoolExecutor(max_workers=2) as pool:
        parts = list(pool.map(_partition_state, np.array_split(scores, 4)))
    total = cxkit.NpsAccumulator()
    for part in parts:
        total.merge(part)
    assert total.finish() == cxkit.nps(scores)


@pytest.mark.parametrize(
    "result",
    [cxkit.nps([10, 3, 8]), cxkit.csat([5, 4, 1]), cxkit.ces([7, 2, 5]),
     cxkit.likert_summary([1, 5, 3], scale=5), cxkit.nps_test([10, 9, 3], [1, 2, 10]),
     cxkit.top_box([5, 4, 1])],
)
def test_results_pickle_and_convert_to_dict(result):
    assert pickle.loads(pickle.dumps(result)) == result
    d = result.to_dict()
    assert isinstance(d, dict) and d
    assert type(result).__name__ in repr(result)
