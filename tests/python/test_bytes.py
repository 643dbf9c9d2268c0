"""Every accumulator and fitted model pickles and round-trips through its versioned bytes, as
Spark and Dask need when they ship partial states between processes."""

import pickle

import numpy as np
import pytest

import cxkit

TREE = {
    "journeys": [
        {
            "id": "j",
            "stages": [
                {
                    "id": "s",
                    "touchpoints": [{"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}],
                }
            ],
        }
    ]
}


def states():
    """(name, state, from_bytes) for one state of every kind."""
    nps = cxkit.NpsAccumulator()
    nps.update([10, 9, 3])
    top = cxkit.TopBoxAccumulator(scale=5)
    top.update([5, 1, 4])
    likert = cxkit.LikertAccumulator(scale=(1, 7))
    likert.update([7, 2])
    kano = cxkit.KanoAccumulator(2, ["fees", "app"])
    kano.update([[1, 2]], [[5, 4]])
    cov = cxkit.CovarianceAccumulator(["q1", "q2"])
    cov.update([[1, 2], [2, 5], [3, 4]])
    sq = cxkit.ServqualAccumulator(["a1", "a2"], dimensions=["a", "a"])
    sq.update([[5, 6], [4, 7]], [[6, 6], [7, 7]])
    tree = cxkit.IndicatorTree.from_dict(TREE)
    journey = cxkit.JourneyState(tree)
    journey.update({"indicator": ["ok"], "timestamp": [0], "value": [1], "segment": ["sme"]})
    return [
        ("nps", nps, cxkit.NpsAccumulator.from_bytes),
        ("top box", top, cxkit.TopBoxAccumulator.from_bytes),
        ("likert", likert, cxkit.LikertAccumulator.from_bytes),
        ("kano", kano, lambda b: cxkit.KanoAccumulator.from_bytes(b, ["fees", "app"])),
        ("covariance", cov, lambda b: cxkit.CovarianceAccumulator.from_bytes(b, ["q1", "q2"])),
        ("servqual", sq, lambda b: cxkit.ServqualAccumulator.from_bytes(b, ["a1", "a2"])),
        ("journey", journey, lambda b: cxkit.JourneyState.from_bytes(b, tree)),
    ]


@pytest.mark.parametrize("name", [s[0] for s in states()])
def test_accumulators_round_trip(name):
    _, state, from_bytes = next(s for s in states() if s[0] == name)
    data = state.to_bytes()
    assert isinstance(data, bytes) and data[:4] == b"CXKA"
    back = from_bytes(data)
    again = pickle.loads(pickle.dumps(state))
    assert back.to_bytes() == data
    assert again.to_bytes() == data
    for cut in [0, 3, 6, len(data) // 2, len(data) - 1]:
        with pytest.raises(cxkit.CorruptBytesError):
            from_bytes(data[:cut])


@pytest.mark.parametrize("name", [s[0] for s in states()])
def test_every_accumulator_pickles_through_its_from_bytes(name):
    # One mechanism for every accumulator class: the pickle is (type.from_bytes, (bytes, what
    # the bytes do not hold)), so a pickle is exactly the versioned bytes plus the names or tree;
    # the unpickled state equals the original.
    _, state, _ = next(s for s in states() if s[0] == name)
    constructor, args = state.__reduce__()
    assert constructor == type(state).from_bytes
    assert args[0] == state.to_bytes()
    assert pickle.loads(pickle.dumps(state)) == state


def test_every_result_class_pickles_through_its_from_state():
    # One mechanism for result objects: (type._from_state, state), the class rebuilding itself.
    results = [
        cxkit.nps([10, 9, 3]),
        cxkit.csat([5, 4, 1], scale=5),
        cxkit.servqual([[5, 6], [4, 7]], [[6, 6], [7, 7]], dimensions=["a", "a"]),
        cxkit.cronbach_alpha([[1, 2, 2], [2, 2, 3], [4, 5, 4]]),
        cxkit.key_drivers([[1, 2], [2, 1], [3, 4], [4, 3], [5, 5]], [1.5, 2.0, 3.5, 3.5, 5.0]),
        cxkit.kano_analyze([[1, 3]] * 5, [[5, 5]] * 5),
        cxkit.kano_from_counts(10, 25, 40, 15),
    ]
    for r in results:
        constructor, _ = r.__reduce__()
        assert constructor == type(r)._from_state, type(r).__name__
        back = pickle.loads(pickle.dumps(r))
        assert type(back) is type(r) and back.to_dict() == r.to_dict()


def test_models_round_trip(rng):
    f = rng.poisson(2, 500).astype(float)
    t = np.full(500, 40.0)
    r = np.where(f > 0, rng.uniform(1, 40, 500), 0.0)
    models = [
        cxkit.BetaGeo().fit(f, r, t),
        cxkit.ParetoNbd.from_params(0.55, 10.58, 0.61, 11.67),
        cxkit.GammaGamma.from_params(6.25, 3.74, 15.44),
    ]
    for m in models:
        back = type(m).from_bytes(m.to_bytes())
        assert back.params == m.params
        assert back.log_likelihood == m.log_likelihood
        assert pickle.loads(pickle.dumps(m)).params == m.params
    bg, back = models[0], cxkit.BetaGeo.from_bytes(models[0].to_bytes())
    np.testing.assert_array_equal(back.probability_alive(f, r, t), bg.probability_alive(f, r, t))
    x = rng.normal(size=(300, 3)) * [1, 10, 100]
    km = cxkit.KMeans(4, standardize=True).fit(x)
    for back in [cxkit.KMeans.from_bytes(km.to_bytes()), pickle.loads(pickle.dumps(km))]:
        np.testing.assert_array_equal(back.predict(x), km.predict(x))
        np.testing.assert_array_equal(back.cluster_centers_, km.cluster_centers_)
    with pytest.raises(cxkit.CorruptBytesError):
        cxkit.BetaGeo.from_bytes(cxkit.GammaGamma.from_params(1, 2, 3).to_bytes())
    with pytest.raises(RuntimeError, match="not fitted"):
        cxkit.KMeans(2).to_bytes()
