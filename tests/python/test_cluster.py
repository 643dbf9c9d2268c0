"""Silhouettes and the k scan, against scikit-learn's values stored in
crates/cxkit/tests/fixtures/sklearn_segment.json (made by make_sklearn_segment.py beside it)."""

import json
import pathlib
import pickle

import numpy as np
import pytest

import cxkit

FIXTURES = json.loads(
    (pathlib.Path(__file__).parents[2] / "crates" / "cxkit" / "tests" / "fixtures" / "sklearn_segment.json").read_text()
)["cases"]


@pytest.mark.parametrize("case", [c for c in FIXTURES if "silhouette" in c], ids=lambda c: c["name"])
def test_silhouette_equals_scikit_learn(case):
    X, labels = np.array(case["X"]), np.array(case["labels"])
    assert cxkit.silhouette_score(X, labels) == pytest.approx(case["silhouette"], abs=1e-12)
    np.testing.assert_allclose(cxkit.silhouette_samples(X, labels), case["silhouette_samples"],
                               atol=1e-12)
    # Label values do not matter: strings, shifted integers, Fortran-ordered X.
    names = np.array(["c%d" % l for l in labels])
    assert cxkit.silhouette_score(np.asfortranarray(X), names) == pytest.approx(case["silhouette"])
    assert cxkit.silhouette_score(X, labels + 7) == pytest.approx(case["silhouette"])


@pytest.mark.parametrize("case", FIXTURES, ids=lambda c: c["name"])
def test_kmeans_inertia_equals_scikit_learn(case):
    X = np.array(case["X"])
    km = cxkit.KMeans(case["k"], n_init=10).fit(X, sample_weight=case["weights"])
    # Equal or better inertia than scikit-learn's KMeans(n_init=10, random_state=0).
    assert km.inertia_ <= case["inertia"] * (1 + 1e-9)
    assert km.inertia_ == pytest.approx(case["inertia"], rel=1e-9)


def test_sampled_silhouette_is_seeded_and_close():
    case = FIXTURES[1]
    X, labels = np.array(case["X"]), np.array(case["labels"])
    a = cxkit.silhouette_score(X, labels, sample_size=200, seed=5)
    assert a == cxkit.silhouette_score(X, labels, sample_size=200, seed=5)
    assert a != cxkit.silhouette_score(X, labels, sample_size=200, seed=6)
    assert a == pytest.approx(case["silhouette"], abs=0.05)
    assert cxkit.silhouette_score(X, labels, sample_size=10_000) == pytest.approx(case["silhouette"])


def test_silhouette_bad_input():
    X = [[0.0], [1.0], [2.0]]
    with pytest.raises(cxkit.InvalidParameterError, match="distinct labels"):
        cxkit.silhouette_score(X, [1, 1, 1])  # a single label
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.silhouette_score(X, [0, 1, 2])  # as many labels as samples
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.silhouette_score(X, [0, 1])
    with pytest.raises(cxkit.InvalidParameterError, match="not finite"):
        cxkit.silhouette_score([[0.0], [np.nan], [2.0]], [0, 0, 1])
    with pytest.raises(cxkit.InvalidParameterError, match="two-dimensional"):
        cxkit.silhouette_score([0.0, 1.0, 2.0], [0, 0, 1])


def test_scan_reports_inertia_silhouette_elbow():
    case = FIXTURES[0]  # four separated blobs
    X = np.array(case["X"])
    scan = cxkit.kmeans_scan(X, ks=range(1, 9), n_init=5)
    assert scan.index.tolist() == list(range(1, 9)) and scan.index.name == "k"
    assert np.isnan(scan.loc[1, "silhouette"])
    assert scan["inertia"].is_monotonic_decreasing
    assert scan.loc[4, "inertia"] == pytest.approx(case["inertia"], rel=1e-9)
    assert scan.loc[4, "silhouette"] == pytest.approx(case["silhouette"], abs=1e-12)
    # (Two of make_blobs' four centres lie close together, so k = 3 scores well too.)
    assert scan.attrs["best_silhouette"] == scan["silhouette"].idxmax()
    # Kneedle by hand: rescale k and inertia to [0, 1]; the elbow is the k farthest below
    # the chord from (0, 1) to (1, 0).
    u = (scan.index - 1) / 7
    v = (scan["inertia"] - scan["inertia"].iloc[-1]) / (scan["inertia"].iloc[0] - scan["inertia"].iloc[-1])
    assert scan.attrs["elbow"] == ((1 - u) - v).idxmax()
    # Each row is the KMeans fit with that k.
    assert scan.loc[3, "inertia"] == cxkit.KMeans(3, n_init=5).fit(X).inertia_
    off = cxkit.kmeans_scan(X, ks=[2, 3], silhouette=False)
    assert off["silhouette"].isna().all() and off.attrs["best_silhouette"] is None
    with pytest.raises(cxkit.InvalidParameterError, match="n_clusters"):
        cxkit.kmeans_scan(X, ks=[2, 1000])
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.kmeans_scan(X, ks=[])


def test_kmeans_zero_variance_with_standardisation():
    X = [[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]
    with pytest.raises(cxkit.InvalidParameterError, match="zero variance"):
        cxkit.KMeans(2, standardize=True).fit(X)
    with pytest.raises(cxkit.InvalidParameterError, match="n_init"):
        cxkit.KMeans(2, n_init=0).fit(X)
    with pytest.raises(cxkit.InvalidParameterError, match="tol"):
        cxkit.KMeans(2, tol=float("nan")).fit(X)
