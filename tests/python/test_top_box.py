"""CSAT, top box, CES, Likert summaries and Wilson intervals."""

import numpy as np
import pytest
from scipy import stats

import cxkit
from conftest import expand


def wilson(x, n, conf=0.95):
    """Wilson (1927) score interval, written out independently of cxkit."""
    z = stats.norm.ppf((1 + conf) / 2)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def test_delighted_csat_example():
    # Delighted's worked example: 42/32/10/9/14 for 5..1 gives 69.16 % satisfied.
    r = cxkit.csat(expand({5: 42, 4: 32, 3: 10, 2: 9, 1: 14}))
    assert round(100 * r.top_box.estimate, 2) == 69.16
    assert r.score == r.top_box.estimate
    lo, hi = wilson(74, 107)
    assert (r.top_box.ci_low, r.top_box.ci_high) == pytest.approx((lo, hi), rel=1e-12)
    assert r.top_box.method == "wilson"
    assert r.scale == (1, 5) and r.top == 2


def test_mean_interval_is_student_t(rng):
    scores = rng.integers(1, 6, size=200)
    r = cxkit.csat(scores)
    ci = stats.ttest_1samp(scores, 0).confidence_interval(0.95)
    assert r.mean.estimate == pytest.approx(scores.mean(), rel=1e-12)
    assert r.mean.sd == pytest.approx(scores.std(ddof=1), rel=1e-12)
    assert (r.mean.ci_low, r.mean.ci_high) == pytest.approx((ci.low, ci.high), rel=1e-10)


def test_wald_interval_on_request():
    r = cxkit.top_box([5, 4, 1, 2, 5, 3, 4, 4, 1, 5], interval="wald", confidence=0.9)
    p, z = 0.6, stats.norm.ppf(0.95)
    half = z * np.sqrt(p * (1 - p) / 10)
    assert (r.ci_low, r.ci_high) == pytest.approx((p - half, p + half), rel=1e-12)


def test_declared_scale_and_top():
    assert cxkit.top_box([10, 9, 8, 0], scale=(0, 10), top=3).estimate == 0.75
    assert cxkit.csat([7, 6, 1, 2], scale=7, top=2).top_box.estimate == 0.5
    with pytest.raises(cxkit.InvalidScoreError):
        cxkit.csat([6, 5])  # 6 is not on the default 1..5 scale


def test_ces():
    r = cxkit.ces([1, 2, 3, 4, 5, 6, 7])
    assert r.mean.estimate == 4.0 and r.score == 4.0
    assert r.easy.estimate == pytest.approx(3 / 7)
    assert r.threshold == 5 and r.scale == (1, 7)
    assert cxkit.ces([1, 2, 3, 4, 5, 6, 7], threshold=7).easy.estimate == pytest.approx(1 / 7)


def test_top_box_test_is_the_unpooled_two_proportion_z_test():
    a, b = cxkit.csat([5, 5, 4, 2] * 10), cxkit.csat([5, 3, 2, 1] * 10)
    t = cxkit.top_box_test(a, b)
    se = np.sqrt(0.75 * 0.25 / 40 + 0.25 * 0.75 / 40)
    assert t.delta == 0.5
    assert t.se == pytest.approx(se)
    assert t.p_value == pytest.approx(2 * stats.norm.sf(0.5 / se))
    assert cxkit.top_box_test(a.top_box, b.top_box) == t
    with pytest.raises(TypeError):
        cxkit.top_box_test(a, 0.5)


def test_likert_summary_against_numpy(rng):
    scores = rng.integers(1, 8, size=301)
    r = cxkit.likert_summary(scores, scale=7, boxes=2)
    assert r.points == [1, 2, 3, 4, 5, 6, 7]
    assert r.counts == [int((scores == k).sum()) for k in range(1, 8)]
    assert r.mean == pytest.approx(scores.mean())
    assert r.sd == pytest.approx(scores.std(ddof=1))
    assert r.median == np.median(scores)
    assert r.top_box == pytest.approx((scores >= 6).mean())
    assert r.bottom_box == pytest.approx((scores <= 2).mean())
    assert cxkit.likert_summary([1, 2, 3, 4], scale=5).median == 2.5


def test_likert_table_helpers():
    pd = pytest.importorskip("pandas")
    r = cxkit.likert_summary([1, 2, 2, 5], scale=5)
    df = r.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["point", "count", "share"]
    assert df["count"].tolist() == [1, 2, 0, 0, 1]
    assert "<table>" in r._repr_html_()


def test_wilson_interval_matches_the_formula():
    for x, n, conf in [(0, 10, 0.95), (1, 20, 0.95), (30, 80, 0.9), (7.5, 12.25, 0.99)]:
        assert cxkit.wilson_interval(x, n, conf) == pytest.approx(wilson(x, n, conf), abs=1e-12)
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.wilson_interval(11, 10)


def test_csat_and_ces_by_group_equal_one_result_per_group():
    # Independent route: each group's scores alone through cxkit.csat / cxkit.ces, and the
    # top-box share and mean by hand with pandas; labels matched by index.
    import pandas as pd

    rng = np.random.default_rng(5)
    index = [f"c{i}" for i in range(2_000)]
    sat = pd.Series(rng.integers(1, 6, 2_000), index=index)
    effort = pd.Series(rng.integers(1, 8, 2_000), index=index)
    branch = pd.Series(rng.choice(["north", "south", "east"], 2_000), index=index, name="branch")
    c = cxkit.csat(sat, by=branch.sample(frac=1.0, random_state=1))
    e = cxkit.ces(effort, by=branch)
    assert c.index.name == "branch" and list(c.columns) == [
        "top_box", "top_box_low", "top_box_high", "mean", "mean_low", "mean_high", "n"]
    for label, g in sat.groupby(branch):
        one = cxkit.csat(g)
        assert np.isclose(c.loc[label, "top_box"], (g >= 4).mean())
        assert np.isclose(c.loc[label, "mean"], g.mean()) and c.loc[label, "n"] == len(g)
        assert np.isclose(c.loc[label, "top_box_low"], one.top_box.ci_low)
        assert np.isclose(c.loc[label, "mean_high"], one.mean.ci_high)
    for label, g in effort.groupby(branch):
        one = cxkit.ces(g)
        assert np.isclose(e.loc[label, "easy"], (g >= 5).mean()) and np.isclose(e.loc[label, "mean"], g.mean())
        assert np.isclose(e.loc[label, "easy_high"], one.easy.ci_high)
    with pytest.raises(cxkit.InvalidScoreError):
        cxkit.csat([5, 6], by=["a", "b"])
