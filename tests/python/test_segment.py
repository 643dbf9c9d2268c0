"""RFM scores and the customer pyramid, against hand calculations."""

import pickle

import numpy as np
import pandas as pd
import pytest

import cxkit


def test_rfm_cells_segments_and_ties():
    s = cxkit.rfm_scores([2, 40, 10, 90, 5], [12, 1, 4, 1, 8], [900, 20, 150, 35, 400])
    # Recency reversed: 2 days beats 5, 10, 40 and 90 → 1 + floor(5·4/5) = 5.
    assert s["cell"].tolist() == [555, 211, 333, 112, 444]
    assert s["segment"].tolist() == ["Champions", "Hibernating", "Need Attention", "Lost", "Loyal"]
    # A categorical column: codes and the map's names, not one string per customer.
    assert s["segment"].dtype == "category"
    assert "Can't Lose Them" in s["segment"].cat.categories
    # Ties share a bin: four equal frequencies all score 1.
    t = cxkit.rfm_scores([1, 2, 3, 4, 5], [1, 1, 1, 1, 9], [1, 2, 3, 4, 5])
    assert t["f"].tolist() == [1, 1, 1, 1, 5]


def test_rfm_with_pandas_index_nested_bins_and_custom_map():
    pd = pytest.importorskip("pandas")
    recency = pd.Series([1.0, 2.0, 10.0, 20.0], index=["a", "b", "c", "d"])
    s = cxkit.rfm_scores(recency, [5, 1, 9, 3], [1, 1, 1, 1], bins=2, binning="nested",
                         segments=[{"name": "Top", "r": (2, 2), "f": (2, 2)}], fallback="Rest")
    assert s.index.tolist() == ["a", "b", "c", "d"]
    assert s["f"].tolist() == [2, 1, 2, 1]
    assert s["segment"].tolist() == ["Top", "Rest", "Rest", "Rest"]


def test_rfm_bad_input():
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.rfm_scores([1, 2], [1], [1, 2])
    with pytest.raises(cxkit.InvalidParameterError, match="recency"):
        cxkit.rfm_scores([np.nan], [1], [1])
    with pytest.raises(cxkit.IncompatibleError):
        cxkit.rfm_scores([1, 2], [1, 2], [1, 2], bins=3)
    with pytest.raises(cxkit.InvalidParameterError, match="binning"):
        cxkit.rfm_scores([1], [1], [1], binning="stacked")


def test_value_tiers_shares_thresholds_and_ties():
    t = cxkit.value_tiers(list(range(1, 21)))
    tiers, summary = t.tiers, t.summary
    assert tiers.name == "tier" and tiers.dtype == "category"
    assert tiers.cat.categories.tolist() == ["platinum", "gold", "iron", "lead"]
    assert summary["customers"].tolist() == [1, 3, 6, 10]
    assert summary.index.tolist() == ["platinum", "gold", "iron", "lead"]
    assert tiers.tolist()[-1] == "platinum" and tiers.tolist()[0] == "lead"
    assert summary["value_share"].sum() == pytest.approx(1.0)
    # Three tied at the top (30 %, six times platinum's 5 %) share a tier, placed by the middle
    # of their ranks, 1.5/10 = 15 %: gold (platinum is left empty rather than six times its size).
    tiers = cxkit.value_tiers([100, 100, 100, 50, 40, 30, 20, 10, 5, 1]).tiers
    assert tiers.tolist()[:3] == ["gold"] * 3
    tiers = cxkit.value_tiers([500, 150, 60, 5], thresholds=(400, 100, 50)).tiers
    assert tiers.tolist() == ["platinum", "gold", "iron", "lead"]
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.value_tiers([1, 2], shares=(0.5, 0.4, 0.3))
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.value_tiers([1, 2], shares=(0.1, 0.1, 0.1), thresholds=(3, 2, 1))


def blobs(rng, centres, per=50, spread=0.5):
    return np.vstack([c + rng.normal(0, spread, size=(per, len(c))) for c in centres])


def test_kmeans_recovers_blobs_and_matches_the_direct_inertia(rng):
    centres = np.array([[0.0, 0.0, 0.0], [10.0, 0.0, 5.0], [0.0, 10.0, -5.0]])
    X = blobs(rng, centres)
    km = cxkit.KMeans(3, n_init=3, seed=4).fit(X)
    labels = km.labels_
    # Every blob in one cluster, different blobs in different clusters.
    groups = [set(labels[i * 50:(i + 1) * 50].tolist()) for i in range(3)]
    assert all(len(g) == 1 for g in groups) and len(set.union(*groups)) == 3
    # Inertia recomputed directly from the labels and centres.
    direct = ((X - km.cluster_centers_[labels]) ** 2).sum()
    assert km.inertia_ == pytest.approx(direct, rel=1e-12)
    assert (km.predict(centres) == labels[[0, 50, 100]]).all()
    # Same seed, same answer; pickling keeps the model.
    again = cxkit.KMeans(3, n_init=3, seed=4).fit(X)
    assert (again.labels_ == labels).all() and again.inertia_ == km.inertia_
    import pickle
    back = pickle.loads(pickle.dumps(km))
    assert back.inertia_ == km.inertia_ and (back.labels_ == labels).all()


def test_kmeans_bad_input():
    with pytest.raises(cxkit.InvalidParameterError, match="n_clusters"):
        cxkit.KMeans(5).fit([[0.0], [1.0]])
    with pytest.raises(cxkit.InvalidParameterError, match="n_clusters"):
        cxkit.KMeans(0).fit([[0.0], [1.0]])
    with pytest.raises(cxkit.InvalidParameterError, match="not finite"):
        cxkit.KMeans(1).fit([[0.0], [np.nan]])
    with pytest.raises(cxkit.InvalidParameterError, match="zero variance"):
        cxkit.KMeans(1, standardize=True).fit([[0.0, 1.0], [1.0, 1.0]])
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.KMeans(1).fit([[0.0], [1.0]], sample_weight=[1.0])
    with pytest.raises(RuntimeError, match="not fitted"):
        cxkit.KMeans(2).inertia_


def test_value_tiers_is_a_result_object_that_keeps_the_callers_index_and_pickles():
    # The same shape as every other result: attributes, to_dict, repr, pickle (issue 20).
    ids = ["6222021234567890128", "007", "七", "A-1"]
    t = cxkit.value_tiers(pd.Series([500.0, 150.0, 60.0, 5.0], index=ids), thresholds=(400, 100, 50))
    assert t.tiers.index.tolist() == ids
    assert t.tiers.to_dict() == dict(zip(ids, ["platinum", "gold", "iron", "lead"]))
    assert repr(t) == "ValueTiers(platinum=1, gold=1, iron=1, lead=1)"
    assert t.to_dict()["tier"] == [0, 1, 2, 3]
    back = pickle.loads(pickle.dumps(t))
    pd.testing.assert_series_equal(back.tiers, t.tiers)
    pd.testing.assert_frame_equal(back.summary, t.summary)
    assert "<table" in t._repr_html_()
