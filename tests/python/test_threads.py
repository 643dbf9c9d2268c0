"""Python threads: cxkit releases the GIL while it computes, so threads run at once; every
result equals the serial one, whether the threads call functions, share one model, update one
shared accumulator or fold their own states and merge them."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

import cxkit

THREADS = 8


def in_threads(fn, items):
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(fn, items))


def test_functions_and_shared_models_give_the_serial_results(rng):
    batches = [rng.integers(0, 11, 200_000) for _ in range(THREADS)]
    assert in_threads(cxkit.nps, batches) == [cxkit.nps(b) for b in batches]
    ratings = [pd.DataFrame(rng.integers(1, 8, (5_000, 4)).astype(float)) for _ in range(THREADS)]
    alphas = in_threads(lambda x: cxkit.cronbach_alpha(x).alpha, ratings)
    assert alphas == [cxkit.cronbach_alpha(x).alpha for x in ratings]
    model = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
    histories = []
    for _ in range(THREADS):
        f = rng.poisson(2, 10_000).astype(float)
        histories.append((f, np.where(f > 0, rng.uniform(0, 30, 10_000), 0.0), np.full(10_000, 40.0)))
    for (f, r, t), p in zip(histories, in_threads(lambda h: model.probability_alive(*h), histories)):
        np.testing.assert_array_equal(p, model.probability_alive(f, r, t))
    x = rng.normal(size=(20_000, 3))
    km = cxkit.KMeans(5, seed=3).fit(x)
    for labels in in_threads(lambda _: km.predict(x), range(THREADS)):
        np.testing.assert_array_equal(labels, km.predict(x))


def test_one_accumulator_updated_by_many_threads_equals_serial_updates(rng):
    scores = rng.integers(0, 11, 1_600_000).astype(np.int8)
    chunks = np.array_split(scores, 160)
    shared = cxkit.NpsAccumulator()
    in_threads(shared.update, chunks)
    assert shared.n == scores.size
    assert shared.finish() == cxkit.nps(scores)

    f = rng.integers(1, 6, (40_000, 3))
    d = rng.integers(1, 6, (40_000, 3))
    kano = cxkit.KanoAccumulator(3)
    in_threads(lambda i: kano.update(f[i::THREADS], d[i::THREADS]), range(THREADS))
    serial = cxkit.KanoAccumulator(3)
    serial.update(f, d)
    assert kano == serial

    x = rng.integers(1, 8, (40_000, 4)).astype(float)
    x[rng.random(x.shape) < 0.01] = np.nan
    cov = cxkit.CovarianceAccumulator(4)
    in_threads(lambda i: cov.update(x[i::THREADS]), range(THREADS))
    whole = cxkit.cronbach_alpha(x)
    assert cov.rows == 40_000
    assert abs(cov.cronbach_alpha().alpha - whole.alpha) < 1e-12

    p, e = x, np.clip(x + 1, 1, 7)
    sq = cxkit.ServqualAccumulator(4, dimensions=["a", "a", "b", "b"], nan_policy="omit")
    in_threads(lambda i: sq.update(p[i::THREADS], e[i::THREADS]), range(THREADS))
    one = cxkit.servqual(p, e, dimensions=["a", "a", "b", "b"], nan_policy="omit")
    assert sq.respondents == one.overall.n
    assert abs(sq.finish().overall.estimate - one.overall.estimate) < 1e-12


def test_journey_states_updated_by_threads_equal_one_state(rng):
    tree = cxkit.IndicatorTree.from_dict(
        {"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
            {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]}
    )
    n = 80_000
    events = pd.DataFrame(
        {
            "indicator": ["ok"] * n,
            "timestamp": rng.integers(0, 30 * 86_400, n),
            "value": rng.integers(0, 2, n),
            "segment": rng.choice(["mass", "premium"], n),
        }
    )

    def fold(i):
        state = cxkit.JourneyState(tree)
        state.update(events.iloc[i::THREADS])
        return state

    merged = cxkit.JourneyState(tree)
    for state in in_threads(fold, range(THREADS)):
        merged.merge(state)
    shared = cxkit.JourneyState(tree)  # one state, updated by every thread at once
    in_threads(lambda i: shared.update(events.iloc[i::THREADS]), range(THREADS))
    one = cxkit.JourneyState(tree)
    one.update(events)
    expected = one.evaluate("month", by="segment").sort_values("segment")
    for state in (merged, shared):
        assert state.events == n
        pd.testing.assert_frame_equal(state.evaluate("month", by="segment").sort_values("segment"), expected)
