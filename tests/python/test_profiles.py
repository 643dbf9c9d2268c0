"""Behavioural types and segment profiles, against pandas computations of the same
definitions and hand calculations."""

import pickle

import numpy as np
import pytest

import cxkit

pd = pytest.importorskip("pandas")


def mid_percentile(s):
    # (values lower + half the values equal) / n = (average rank − 1/2) / n.
    return (s.rank(method="average") - 0.5) / len(s)


def test_behavior_types_against_pandas_ranks(rng):
    n = 500
    df = pd.DataFrame({
        "rate_sensitivity": rng.integers(1, 8, n).astype(float),
        "promo_use": rng.random(n),
        "tenure": rng.integers(0, 30, n).astype(float),
        "contacts": rng.poisson(3, n).astype(float),
        "products": rng.integers(1, 6, n).astype(float),
    }, index=pd.RangeIndex(100, 100 + n))
    t = cxkit.behavior_types(
        price=df[["rate_sensitivity", "promo_use", "tenure"]],
        service={"contacts": df["contacts"]},
        product=df["products"],
        weights={"rate_sensitivity": 2.0},
        reversed=["tenure"],
        min_score=0.55, margin=0.05,
    )
    price = (2 * mid_percentile(df["rate_sensitivity"]) + mid_percentile(df["promo_use"])
             + (1 - mid_percentile(df["tenure"]))) / 4
    scores = pd.DataFrame({"price_sensitive": price,
                           "service_driven": mid_percentile(df["contacts"]),
                           "product_driven": mid_percentile(df["products"])})
    np.testing.assert_allclose(t[scores.columns], scores, atol=1e-12)
    assert t.index.equals(df.index)
    ordered = np.sort(scores.to_numpy(), axis=1)
    top, second = ordered[:, -1], ordered[:, -2]
    wins = (top >= 0.55) & (top - second >= 0.05) & (top > second)
    expected = np.where(wins, scores.idxmax(axis=1), "mixed")
    assert t["type"].tolist() == expected.tolist()


def test_behavior_types_bad_input():
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.behavior_types()
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.behavior_types(price=[1, 2, 3], service=[1, 2])
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.behavior_types(price=[1, np.nan, 3])
    with pytest.raises(cxkit.InvalidParameterError, match="names no indicator"):
        cxkit.behavior_types(price=[1, 2, 3], weights={"nope": 2})
    with pytest.raises(cxkit.InvalidParameterError, match="min_score"):
        cxkit.behavior_types(price=[1, 2, 3], min_score=2)


@pytest.fixture
def customers(rng):
    n = 1000
    return pd.DataFrame({
        "segment": rng.choice(["mass", "affluent", "private"], n, p=[0.6, 0.3, 0.1]),
        "balance": np.where(rng.random(n) < 0.05, np.nan, rng.lognormal(8, 1, n)),
        "products": pd.array(rng.integers(1, 6, n), dtype="Int64"),
        "growth": rng.normal(0.02, 0.05, n),
        "channel": rng.choice(["app", "branch", "phone", None], n, p=[0.5, 0.3, 0.15, 0.05]),
        "digital": rng.random(n) < 0.6,
    })


def test_profiles_match_pandas_groupby(customers):
    p = cxkit.profile_segments(customers, "segment", quantiles=[0.1, 0.25, 0.75])
    g = customers.groupby("segment")
    # Summary: sizes and shares, segments in sorted order.
    assert p.summary.index.tolist() == ["affluent", "mass", "private"]
    assert p.summary.index.name == "segment"
    assert p.summary["size"].tolist() == g.size().tolist()
    np.testing.assert_allclose(p.summary["share"], g.size() / len(customers))
    # Numeric: every numeric, non-boolean column, NaN/NA counted as missing.
    assert sorted(p.numeric.index.get_level_values("attribute").unique()) == \
        ["balance", "growth", "products"]
    for col in ["balance", "growth", "products"]:
        x = customers[col].astype("float64")
        stats = x.groupby(customers["segment"])
        got = p.numeric.xs(col, level="attribute")
        np.testing.assert_allclose(got["mean"], stats.mean(), rtol=1e-12)
        np.testing.assert_allclose(got["std"], stats.std(), rtol=1e-12)  # n − 1, as pandas
        np.testing.assert_allclose(got["median"], stats.median(), rtol=1e-12)
        np.testing.assert_allclose(got["q10"], stats.quantile(0.1), rtol=1e-12)
        np.testing.assert_allclose(got["q75"], stats.quantile(0.75), rtol=1e-12)
        np.testing.assert_allclose(got["min"], stats.min())
        np.testing.assert_allclose(got["max"], stats.max())
        assert got["count"].tolist() == stats.count().tolist()
        assert got["missing"].tolist() == (g.size() - stats.count()).tolist()
        np.testing.assert_allclose(got["index"], stats.mean() / x.mean(), rtol=1e-12)
        np.testing.assert_allclose(got["population_mean"], x.mean(), rtol=1e-12)
    # Categorical: object and boolean columns; top levels with shares and lift.
    cats = p.categorical
    assert set(cats.index.get_level_values("attribute")) == {"channel", "digital"}
    for seg, frame in customers.groupby("segment"):
        shares = frame["channel"].value_counts(normalize=True)
        population = customers["channel"].value_counts(normalize=True)
        got = cats.loc[(seg, "channel")]
        assert got.index.tolist() == shares.index[:3].tolist()
        np.testing.assert_allclose(got["share"], shares.iloc[:3])
        np.testing.assert_allclose(got["population_share"], population[shares.index[:3]])
        np.testing.assert_allclose(got["lift"], shares.iloc[:3] / population[shares.index[:3]])
    assert pickle.loads(pickle.dumps(p)).summary.equals(p.summary)
    assert "SegmentProfiles" in repr(p)


def test_attractiveness_by_hand():
    # Shares .5, .3, .2 → size 1, 1/3, 0; value means 100, 300, 200 → 0, 1, .5;
    # growth .01, .05, .03 → 0, 1, .5. Weights 2, 1, 1: 100·(2s + v + g)/4 = 50, 66.7, 25.
    df = pd.DataFrame({
        "seg": [1] * 5 + [2] * 3 + [3] * 2,
        "value": [100.0] * 5 + [300.0] * 3 + [200.0] * 2,
        "growth": [0.01] * 5 + [0.05] * 3 + [0.03] * 2,
    })
    p = cxkit.profile_segments(df, "seg", value="value", growth="growth",
                               weights={"size": 2, "value": 1, "growth": 1})
    np.testing.assert_allclose(p.summary["attractiveness"], [50, 200 / 3, 25])
    np.testing.assert_allclose(p.summary["size_score"], [1, 1 / 3, 0])
    assert p.summary["rank"].tolist() == [2, 1, 3]
    assert p.summary.index.name == "seg" and p.numeric.index.names == ["seg", "attribute"]
    with pytest.raises(cxkit.InvalidParameterError, match="keys"):
        cxkit.profile_segments(df, "seg", value="value", weights={"price": 1})
    with pytest.raises(cxkit.InvalidParameterError, match="not a profiled"):
        cxkit.profile_segments(df, "seg", numeric=["growth"], value="value")


def test_profiles_bad_input():
    df = pd.DataFrame({"seg": ["a", None, "b"], "x": [1.0, 2.0, 3.0]})
    with pytest.raises(cxkit.InvalidLabelError, match="index 1 is missing"):
        cxkit.profile_segments(df, "seg")
    df = pd.DataFrame({"seg": ["a", "b"], "x": [1.0, np.inf]})
    with pytest.raises(cxkit.InvalidParameterError, match="infinite"):
        cxkit.profile_segments(df, "seg")
    with pytest.raises(cxkit.InvalidParameterError, match="quantiles"):
        cxkit.profile_segments(df.replace(np.inf, 2.0), "seg", quantiles=[1.5])
    with pytest.raises(KeyError):
        cxkit.profile_segments(df, "nope")
