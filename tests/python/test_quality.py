"""Service quality, reliability and key drivers, against published values (pingouin's and
rwa's documentation) and independent numpy/pandas/scipy computations of the definitions."""

import itertools
import math
import pickle

import numpy as np
import pytest
from scipy import stats

import cxkit

pd = pytest.importorskip("pandas")

# pingouin's `cronbach_alpha` dataset (15 subjects × 10 items, wide).
PINGOUIN = np.array([
    [3, 5, 7, 2, 6, 1, 4, 2, 6, 5, 4, 4, 5, 6, 4],
    [2, 4, 3, 4, 5, 2, 3, 4, 5, 4, 3, 2, 5, 5, 3],
    [4, 6, 5, 3, 6, 3, 5, 4, 5, 6, 5, 3, 6, 5, 5],
    [1, 3, 5, 3, 5, 4, 3, 3, 5, 4, 2, 2, 2, 4, 5],
    [4, 5, 6, 2, 4, 2, 5, 7, 1, 3, 5, 5, 3, 2, 3],
    [5, 1, 4, 2, 4, 5, 2, 2, 6, 5, 3, 3, 3, 2, 1],
    [1, 2, 3, 2, 4, 2, 1, 2, 5, 3, 2, 4, 2, 1, 3],
    [4, 5, 3, 6, 6, 3, 2, 4, 2, 1, 3, 2, 4, 4, 2],
    [3, 5, 6, 6, 7, 5, 4, 6, 3, 7, 4, 3, 4, 6, 3],
    [2, 5, 5, 3, 5, 2, 3, 5, 2, 2, 1, 4, 5, 5, 4],
], dtype=float).T

# mtcars (R datasets): mpg, cyl, disp, hp, wt.
MTCARS = np.array([
    [21.0, 6, 160.0, 110, 2.620], [21.0, 6, 160.0, 110, 2.875], [22.8, 4, 108.0, 93, 2.320],
    [21.4, 6, 258.0, 110, 3.215], [18.7, 8, 360.0, 175, 3.440], [18.1, 6, 225.0, 105, 3.460],
    [14.3, 8, 360.0, 245, 3.570], [24.4, 4, 146.7, 62, 3.190], [22.8, 4, 140.8, 95, 3.150],
    [19.2, 6, 167.6, 123, 3.440], [17.8, 6, 167.6, 123, 3.440], [16.4, 8, 275.8, 180, 4.070],
    [17.3, 8, 275.8, 180, 3.730], [15.2, 8, 275.8, 180, 3.780], [10.4, 8, 472.0, 205, 5.250],
    [10.4, 8, 460.0, 215, 5.424], [14.7, 8, 440.0, 230, 5.345], [32.4, 4, 78.7, 66, 2.200],
    [30.4, 4, 75.7, 52, 1.615], [33.9, 4, 71.1, 65, 1.835], [21.5, 4, 120.1, 97, 2.465],
    [15.5, 8, 318.0, 150, 3.520], [15.2, 8, 304.0, 150, 3.435], [13.3, 8, 350.0, 245, 3.840],
    [19.2, 8, 400.0, 175, 3.845], [27.3, 4, 79.0, 66, 1.935], [26.0, 4, 120.3, 91, 2.140],
    [30.4, 4, 95.1, 113, 1.513], [15.8, 8, 351.0, 264, 3.170], [19.7, 6, 145.0, 175, 2.770],
    [15.0, 8, 301.0, 335, 3.570], [21.4, 4, 121.0, 109, 2.780],
])


def pingouin_alpha(df, ci=0.95):
    """pingouin's formula: pandas' pairwise covariance, Feldt's interval with n = rows."""
    C = df.cov()
    n, k = df.shape
    a = k / (k - 1) * (1 - np.trace(C) / C.to_numpy().sum())
    lo = 1 - (1 - a) * stats.f.isf((1 - ci) / 2, n - 1, (n - 1) * (k - 1))
    hi = 1 - (1 - a) * stats.f.isf(1 - (1 - ci) / 2, n - 1, (n - 1) * (k - 1))
    return a, lo, hi


def test_alpha_matches_pingouin_documentation():
    # pingouin.cronbach_alpha docstring: (0.591719, array([0.195, 0.84])).
    a = cxkit.cronbach_alpha(PINGOUIN)
    assert a.alpha == pytest.approx(0.591719, abs=5e-7)
    assert (round(a.ci_low, 3), round(a.ci_high, 3)) == (0.195, 0.84)
    assert (a.n, a.k) == (15, 10)


def test_alpha_pairwise_listwise_and_items_against_pandas(rng):
    n = 400
    latent = rng.normal(size=n)
    df = pd.DataFrame({f"q{j}": latent + rng.normal(scale=1 + j / 4, size=n) for j in range(6)})
    df = df.mask(rng.random(df.shape) < 0.05)  # 5 % missing
    a = cxkit.cronbach_alpha(df)
    want = pingouin_alpha(df)
    assert (a.alpha, a.ci_low, a.ci_high) == pytest.approx(want, rel=1e-10)
    complete = df.dropna()
    l = cxkit.cronbach_alpha(df, nan_policy="listwise", confidence=0.9)
    assert (l.alpha, l.ci_low, l.ci_high) == pytest.approx(pingouin_alpha(complete, 0.9), rel=1e-10)
    assert l.n == len(complete)
    # Items on complete data: corrected item-total r and alpha if deleted, by definition.
    items = cxkit.cronbach_alpha(complete).items
    assert items.index.tolist() == list(df.columns)
    for col in complete.columns:
        rest = complete.drop(columns=col)
        r = np.corrcoef(complete[col], rest.sum(axis=1))[0, 1]
        assert items.loc[col, "item_total_r"] == pytest.approx(r, rel=1e-10)
        assert items.loc[col, "alpha_if_deleted"] == pytest.approx(pingouin_alpha(rest)[0], rel=1e-10)
        assert items.loc[col, "mean"] == pytest.approx(complete[col].mean())
    R = complete.corr().to_numpy()
    rbar = R[np.triu_indices(6, 1)].mean()
    s = cxkit.cronbach_alpha(complete)
    assert s.standardized_alpha == pytest.approx(6 * rbar / (1 + 5 * rbar), rel=1e-10)
    assert pickle.loads(pickle.dumps(s)) == s


def test_alpha_bad_input():
    with pytest.raises(cxkit.InsufficientDataError):
        cxkit.cronbach_alpha([[1], [2], [3]])
    with pytest.raises(cxkit.ConstantColumnError) as e:
        cxkit.cronbach_alpha([[1, 3], [2, 3], [3, 3]])
    assert e.value.index == 1
    with pytest.raises(cxkit.InvalidParameterError, match="no values"):
        cxkit.cronbach_alpha([[1, np.nan], [2, np.nan], [3, np.nan]])
    with pytest.raises(cxkit.InvalidParameterError, match="nan_policy"):
        cxkit.cronbach_alpha(PINGOUIN, nan_policy="omit")


def test_relative_weights_match_rwa_documentation():
    # rwa vignette "Regression methods": rwa_multiregress(mtcars, "mpg", c("cyl", "disp",
    # "hp", "wt")): raw 0.2096904 0.1883043 0.1799590 0.2706812; rescaled 24.70914 22.18908
    # 21.20570 31.89607; R² 0.8486.
    X = pd.DataFrame(MTCARS[:, 1:], columns=["cyl", "disp", "hp", "wt"])
    k = cxkit.key_drivers(X, MTCARS[:, 0])
    t = k.table
    assert t.index.tolist() == ["cyl", "disp", "hp", "wt"]
    np.testing.assert_allclose(t["importance"], [0.2096904, 0.1883043, 0.1799590, 0.2706812], atol=5e-8)
    np.testing.assert_allclose(t["share"], [24.70914, 22.18908, 21.20570, 31.89607], atol=5e-6)
    assert round(k.r2, 4) == 0.8486 and k.n == 32


def r2_of(X, y):
    A = np.column_stack([np.ones(len(y)), X])
    resid = y - A @ np.linalg.lstsq(A, y, rcond=None)[0]
    return 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))


def test_shapley_beta_pratt_against_numpy_regressions():
    X, y = MTCARS[:, 1:], MTCARS[:, 0]
    k = cxkit.key_drivers(X, y, method="shapley")
    p = X.shape[1]
    # LMG by brute force: mean over all 4! orders of each driver's R² gain (numpy lstsq).
    gains = np.zeros(p)
    for order in itertools.permutations(range(p)):
        for i, j in enumerate(order):
            before = list(order[:i])
            gains[j] += r2_of(X[:, before + [j]], y) - (r2_of(X[:, before], y) if before else 0.0)
    np.testing.assert_allclose(k.table["importance"], gains / math.factorial(p), atol=1e-12)
    assert k.r2 == pytest.approx(r2_of(X, y), rel=1e-12)
    # Standardized betas: regression on z-scores.
    z = lambda a: (a - a.mean(axis=0)) / a.std(axis=0, ddof=1)
    beta = np.linalg.lstsq(z(X), z(y), rcond=None)[0]
    np.testing.assert_allclose(k.table["beta"], beta, atol=1e-10)
    r = [np.corrcoef(X[:, j], y)[0, 1] for j in range(p)]
    np.testing.assert_allclose(k.table["pratt"], beta * r / k.r2, atol=1e-10)
    # The same from the correlation matrix, outcome last.
    R = np.corrcoef(np.column_stack([X, y]).T)
    c = cxkit.key_drivers_from_correlation(R, method="shapley", names=["cyl", "disp", "hp", "wt"])
    np.testing.assert_allclose(c.table["importance"], k.table["importance"], atol=1e-12)
    assert c.n is None


def test_bootstrap_pairwise_and_bad_input(rng):
    X, y = MTCARS[:, 1:], MTCARS[:, 0]
    a = cxkit.key_drivers(X, y, bootstrap=100, seed=3)
    b = cxkit.key_drivers(X, y, bootstrap=100, seed=3)
    assert a == b and a.bootstrap_used == 100
    t = a.table
    assert (t["ci_low"] <= t["importance"]).all() and (t["importance"] <= t["ci_high"]).all()
    Xm = X.copy()
    Xm[3, 1] = np.nan
    assert cxkit.key_drivers(Xm, y).n == 31
    assert cxkit.key_drivers(Xm, y, nan_policy="pairwise").n == 32
    dup = np.column_stack([X[:, 0], 2 * X[:, 0]])
    with pytest.raises(cxkit.SingularMatrixError):
        cxkit.key_drivers(dup, y)
    with pytest.raises(cxkit.ConstantColumnError):
        cxkit.key_drivers(np.column_stack([X[:, 0], np.ones(32)]), y)
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.key_drivers(X, y[:10])
    with pytest.raises(cxkit.InvalidParameterError, match="method"):
        cxkit.key_drivers(X, y, method="random_forest")
    with pytest.raises(cxkit.InvalidParameterError, match="correlation"):
        cxkit.key_drivers_from_correlation([[1, 2, 0], [2, 1, 0], [0, 0, 1]])


def test_ipa_quadrants_and_crosshairs():
    imp = pd.Series([0.4, 0.3, 0.1, 0.2], index=["fees", "app", "branch", "cards"])
    perf = [3.0, 6.0, 2.0, 6.5]
    t = cxkit.ipa(imp, perf)
    assert t.index.tolist() == ["fees", "app", "branch", "cards"]
    assert t.attrs == {"importance_cut": pytest.approx(0.25), "performance_cut": pytest.approx(4.375)}
    high_imp, high_perf = imp >= 0.25, np.array(perf) >= 4.375
    expected = np.select(
        [high_imp & ~high_perf, high_imp & high_perf, ~high_imp & ~high_perf],
        ["concentrate here", "keep up the good work", "low priority"],
        "possible overkill",
    )
    assert t["quadrant"].tolist() == expected.tolist()
    mid = cxkit.ipa(imp, perf, crosshair=(0.1, 4.0))
    assert mid["quadrant"].tolist()[2] == "concentrate here"
    assert cxkit.ipa(imp, perf, crosshair="median").attrs["performance_cut"] == pytest.approx(4.5)
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.ipa([1, 2], [1])
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.ipa([1, 2], [1, 2], crosshair="mode")


DIMS = ["tangibles"] * 4 + ["reliability"] * 5 + ["responsiveness"] * 4 + ["assurance"] * 4 + ["empathy"] * 5


def test_servqual_22_items_against_numpy(rng):
    n = 120
    P = rng.integers(1, 8, size=(n, 22)).astype(float)
    E = rng.integers(3, 8, size=(n, 22)).astype(float)
    r = cxkit.servqual(P, E)
    G = P - E
    np.testing.assert_allclose(r.items["gap"], G.mean(axis=0))
    np.testing.assert_allclose(r.items["sd"], G.std(axis=0, ddof=1))
    half = stats.t.ppf(0.975, n - 1) * G.std(axis=0, ddof=1) / np.sqrt(n)
    np.testing.assert_allclose(r.items["ci_high"], G.mean(axis=0) + half)
    labels = np.array(DIMS)
    D = np.column_stack([G[:, labels == d].mean(axis=1) for d in dict.fromkeys(DIMS)])
    assert r.dimensions.index.tolist() == list(dict.fromkeys(DIMS))
    np.testing.assert_allclose(r.dimensions["gap"], D.mean(axis=0))
    assert r.overall.estimate == pytest.approx(D.mean(axis=1).mean())
    assert r.weighted is None
    # Weighted SERVQUAL with overall and per-respondent points.
    w = [10, 30, 20, 20, 20]
    rw = cxkit.servqual(P, E, weights=w)
    assert rw.weighted.estimate == pytest.approx((D @ np.array(w) / 100).mean())
    W = rng.dirichlet(np.ones(5), size=n) * 100
    rp = cxkit.servqual(P, E, weights=W)
    assert rp.weighted.estimate == pytest.approx(((D * W).sum(axis=1) / 100).mean())
    # SERVPERF is the perception side alone.
    sp = cxkit.servperf(P)
    np.testing.assert_allclose(sp.items["score"], P.mean(axis=0))
    assert sp.overall.estimate == pytest.approx(
        np.column_stack([P[:, labels == d].mean(axis=1) for d in dict.fromkeys(DIMS)]).mean(axis=1).mean())
    assert pickle.loads(pickle.dumps(r)) == r


def test_servqual_frames_custom_dimensions_reversed_and_missing():
    P = pd.DataFrame({"clean": [5, 6, 7], "modern": [4, 6, 6], "on_time": [3, 5, 2]})
    E = pd.DataFrame({"clean": [6, 6, 6], "modern": [6, 6, 6], "on_time": [7, 7, 7]})
    r = cxkit.servqual(P, E, dimensions={"tangibles": ["clean", "modern"], "reliability": ["on_time"]},
                       reversed=["on_time"])
    # on_time reversed on 1–7 in both: P 5, 3, 6 and E 1 → gaps 4, 2, 5.
    assert r.items.loc["on_time", "gap"] == pytest.approx(11 / 3)
    assert r.items.index.tolist() == ["clean", "modern", "on_time"]
    P2 = P.astype(float)
    P2.iloc[1, 0] = np.nan
    with pytest.raises(cxkit.MissingAnswerError):
        cxkit.servqual(P2, E, dimensions=["t", "t", "r"])
    o = cxkit.servqual(P2, E, dimensions=["t", "t", "r"], nan_policy="omit")
    assert o.items.loc["clean", "n"] == 2
    with pytest.raises(cxkit.InvalidAnswerError):
        cxkit.servqual(P, E + 5, dimensions=["t", "t", "r"])
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.servqual(P, E.iloc[:, :2].to_numpy(), dimensions=["t", "t", "r"])
    with pytest.raises(cxkit.IncompatibleError, match='only perceptions has "clean"'):
        cxkit.servqual(P, E.iloc[:, 1:], dimensions=["t", "t", "r"])
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.servqual(P, E)  # three items, the 22-item map
    with pytest.raises(cxkit.InvalidParameterError, match="sum to 100"):
        cxkit.servqual(P, E, dimensions=["t", "t", "r"], weights=[50, 40])
    with pytest.raises(cxkit.InvalidParameterError, match="no dimension"):
        cxkit.servqual(P, E, dimensions={"t": ["clean"]})


def test_zone_of_tolerance_against_numpy(rng):
    n = 200
    A = rng.integers(2, 5, size=(n, 22)).astype(float)
    D = np.minimum(A + rng.integers(0, 3, size=(n, 22)), 7)
    Pc = rng.integers(1, 8, size=(n, 22)).astype(float)
    z = cxkit.zone_of_tolerance(Pc, A, D)
    np.testing.assert_allclose(z.items["msa"], Pc.mean(axis=0) - A.mean(axis=0))
    np.testing.assert_allclose(z.items["mss"], Pc.mean(axis=0) - D.mean(axis=0))
    np.testing.assert_allclose(z.items["share_below"], (Pc < A).mean(axis=0))
    np.testing.assert_allclose(z.items["share_above"], (Pc > D).mean(axis=0))
    pos = np.where(Pc.mean(0) < A.mean(0), "below", np.where(Pc.mean(0) > D.mean(0), "above", "within"))
    assert z.items["position"].tolist() == pos.tolist()
    labels = np.array(DIMS)
    dmean = lambda M: np.column_stack([M[:, labels == d].mean(axis=1) for d in dict.fromkeys(DIMS)])
    np.testing.assert_allclose(z.dimensions["msa"], dmean(Pc).mean(0) - dmean(A).mean(0))
    np.testing.assert_allclose(z.dimensions["share_within"],
                               ((dmean(Pc) >= dmean(A)) & (dmean(Pc) <= dmean(D))).mean(0))


def test_key_drivers_say_when_they_explain_almost_nothing():
    # The case: an outcome unrelated to the drivers still gets shares adding to 100 %;
    # R² (0.002-ish) comes with its interval and a warning.
    rng = np.random.default_rng(11)
    X, y = rng.normal(size=(400, 3)), rng.normal(size=400)
    k = cxkit.key_drivers(X, y, bootstrap=200, seed=1)
    assert k.table["share"].sum() == pytest.approx(100.0)
    assert k.r2 < 0.1 and len(k.warnings) == 1 and "below 0.1" in k.warnings[0]
    lo, hi = k.r2_interval
    assert lo <= k.r2 <= hi
    # mtcars: R² = 0.849 (R's lm), no warning; without a bootstrap no interval.
    k = cxkit.key_drivers(MTCARS[:, 1:], MTCARS[:, 0])
    assert k.warnings == [] and k.r2_interval is None


def test_lmg_is_the_shapley_method():
    # "lmg" (Lindeman, Merenda & Gold) names the same exact Shapley decomposition of R²: the
    # same importances, reported under the method's first name.
    rng = np.random.default_rng(4)
    X = rng.normal(size=(300, 4))
    y = X @ [0.8, 0.4, 0.2, 0.0] + rng.normal(size=300)
    a = cxkit.key_drivers(X, y, method="lmg")
    b = cxkit.key_drivers(X, y, method="shapley")
    assert a.method == b.method == "shapley"
    assert np.allclose(a.table["importance"], b.table["importance"])
    assert np.isclose(a.table["importance"].sum(), a.r2)


def test_long_tables_are_read_as_servqual_csv_holds_them():
    # Issue 24: the demo's SERVQUAL frame is long (respondent, item, dimension, ratings);
    # servqual / servperf / zone_of_tolerance read it with the column names as arguments and
    # give what the pandas pivot gives.
    import pandas as pd

    sq = cxkit.load_demo_bank(customers=2_000)["servqual"]
    p = sq.pivot(index="respondent_id", columns="item", values="perception")
    e = sq.pivot(index="respondent_id", columns="item", values="expectation")
    dims = sq.drop_duplicates("item").set_index("item")["dimension"].reindex(p.columns).tolist()
    wide = cxkit.servqual(p, e, dimensions=dims)
    long = cxkit.servqual("perception", "expectation", dimensions="dimension", data=sq.sample(frac=1.0, random_state=3))
    # Items and dimensions in order of first appearance in the rows, here shuffled.
    pd.testing.assert_frame_equal(long.dimensions.sort_index(), wide.dimensions.sort_index())
    pd.testing.assert_frame_equal(long.items.sort_index(), wide.items.sort_index(), check_index_type=False)
    assert long.overall.estimate == pytest.approx(wide.overall.estimate, abs=1e-12)
    perf = cxkit.servperf("perception", dimensions="dimension", data=sq)
    pd.testing.assert_frame_equal(perf.dimensions, cxkit.servperf(p, dimensions=dims).dimensions)
    # The zone of tolerance from three rating columns: adequate one point below the
    # expectation, desired the expectation (a made-up but valid zone).
    z_long = sq.assign(adequate=(sq["expectation"] - 1).clip(lower=1), desired=sq["expectation"])
    z = cxkit.zone_of_tolerance("perception", "adequate", "desired", dimensions="dimension", data=z_long)
    a = z_long.pivot(index="respondent_id", columns="item", values="adequate")
    expected = cxkit.zone_of_tolerance(p, a, e, dimensions=dims)
    pd.testing.assert_frame_equal(z.dimensions, expected.dimensions)
