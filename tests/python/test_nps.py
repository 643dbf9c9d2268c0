"""NPS, its intervals, weights and the wave test, against hand calculations and scipy."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import cxkit
from conftest import expand


def test_point_estimate_and_shares():
    r = cxkit.nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
    assert (r.score, r.promoters, r.passives, r.detractors, r.n) == (30.0, 0.5, 0.3, 0.2, 10)
    assert r.method == "adjusted_wald" and r.confidence == 0.95


def test_wald_interval_uses_the_coded_variance():
    # Var of +1/0/-1 coding = p + d - (p - d)^2, checked against numpy's own variance.
    scores = expand({10: 50, 8: 30, 2: 20})
    coded = np.array([1] * 50 + [0] * 30 + [-1] * 20)
    r = cxkit.nps(scores, method="wald")
    se = 100 * math.sqrt(coded.var() / len(coded))
    z = stats.norm.ppf(0.975)
    assert r.se == pytest.approx(se, rel=1e-12)
    assert r.ci_low == pytest.approx(30 - z * se, rel=1e-12)
    assert r.ci_high == pytest.approx(30 + z * se, rel=1e-12)


def test_adjusted_wald_by_hand():
    # Sauro & Lewis: add 0.75 detractor, 1.5 passive, 0.75 promoter, n + 3.
    r = cxkit.nps_from_counts(2, 3, 5, confidence=0.90)
    p, d = 5.75 / 13, 2.75 / 13
    se = math.sqrt((p + d - (p - d) ** 2) / 13)
    z = stats.norm.ppf(0.95)
    assert r.score == pytest.approx(30.0)
    assert r.ci_low == pytest.approx(100 * (p - d - z * se), rel=1e-12)
    assert r.ci_high == pytest.approx(100 * (p - d + z * se), rel=1e-12)


def test_weights_use_kish_effective_n(rng):
    scores = rng.integers(0, 11, size=500)
    w = rng.uniform(0.2, 3.0, size=500)
    r = cxkit.nps(scores, weights=w, method="wald")
    p = w[scores >= 9].sum() / w.sum()
    d = w[scores <= 6].sum() / w.sum()
    n_eff = w.sum() ** 2 / (w**2).sum()
    assert r.score == pytest.approx(100 * (p - d), rel=1e-12)
    assert r.n_effective == pytest.approx(n_eff, rel=1e-12)
    assert r.se == pytest.approx(100 * math.sqrt((p + d - (p - d) ** 2) / n_eff), rel=1e-12)
    assert r.n == 500


def test_counts_and_scores_agree():
    a = cxkit.nps(expand({0: 4, 7: 5, 10: 11}))
    b = cxkit.nps_from_counts(4, 5, 11)
    assert a == b


def test_wave_test_matches_scipy():
    a, b = cxkit.nps_from_counts(20, 30, 50), cxkit.nps_from_counts(30, 30, 40)
    t = cxkit.nps_test(a, b)
    se = math.sqrt(0.61 / 100 + 0.69 / 100)
    assert t.delta == pytest.approx(20.0)
    assert t.se == pytest.approx(100 * se)
    assert t.z == pytest.approx(0.2 / se)
    assert t.p_value == pytest.approx(2 * stats.norm.sf(0.2 / se), rel=1e-10)
    # Raw scores are scored first; the order of the waves flips the sign only.
    raw = cxkit.nps_test(expand({10: 50, 7: 30, 0: 20}), expand({10: 40, 7: 30, 0: 30}))
    assert raw.z == pytest.approx(t.z)
    assert cxkit.nps_test(b, a).z == pytest.approx(-t.z)
    adjusted = cxkit.nps_test(a, b, method="adjusted_wald")
    assert adjusted.p_value != t.p_value


def test_wave_test_without_variance_raises():
    unanimous = cxkit.nps_from_counts(0, 0, 10)
    with pytest.raises(cxkit.ZeroVarianceError):
        cxkit.nps_test(unanimous, unanimous)


def test_nps_by_group_equals_one_nps_per_group():
    # Independent route: a pandas groupby, each group's NPS by hand (share of 9–10 minus share
    # of 0–6, ×100) and by cxkit.nps on the group alone; rows in order of first appearance,
    # labels matched by index (shuffled), a weighted run equal per group too.
    rng = np.random.default_rng(11)
    index = [f"r{i}" for i in range(3_000)]
    ltr = pd.Series(rng.integers(0, 11, 3_000), index=index)
    wave = pd.Series(rng.choice(["2026Q3", "2026Q1", "2026Q2"], 3_000), index=index, name="wave")
    weights = pd.Series(rng.uniform(0.5, 2.0, 3_000), index=index)
    t = cxkit.nps(ltr, by=wave.sample(frac=1.0, random_state=2))
    assert t.index.name == "wave" and t.index.tolist() == list(dict.fromkeys(wave))
    for label, g in ltr.groupby(wave):
        hand = 100 * ((g >= 9).mean() - (g <= 6).mean())
        assert np.isclose(t.loc[label, "score"], hand)
        one = cxkit.nps(g)
        assert t.loc[label, "n"] == one.n and np.isclose(t.loc[label, "ci_low"], one.ci_low)
    tw = cxkit.nps(ltr, weights=weights, by=wave)
    for label in t.index:
        mask = wave == label
        assert np.isclose(tw.loc[label, "score"], cxkit.nps(ltr[mask], weights=weights[mask]).score)
    # Errors as without groups, naming the whole input's row; missing labels refused.
    bad = ltr.copy()
    bad.iloc[7] = 11
    with pytest.raises(cxkit.InvalidScoreError, match="7"):
        cxkit.nps(bad, by=wave)
    with pytest.raises(cxkit.InvalidLabelError):
        cxkit.nps([10, 9], by=["a", None])
    with pytest.raises(cxkit.IncompatibleError):
        cxkit.nps(ltr, by=pd.Series(wave.to_numpy(), index=range(3_000)))
    # The table is what cxkit.plot.nps draws.
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import cxkit.plot as plot

    ax = plot.nps(t)
    assert np.allclose(ax.lines[0].get_ydata(), t["score"])
