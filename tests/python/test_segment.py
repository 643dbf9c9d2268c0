"""RFM scores and the customer pyramid, against hand calculations."""

import numpy as np
import pytest

import cxkit


def test_rfm_cells_segments_and_ties():
    s = cxkit.rfm_scores([2, 40, 10, 90, 5], [12, 1, 4, 1, 8], [900, 20, 150, 35, 400])
    # Recency reversed: 2 days beats 5, 10, 40 and 90 → 1 + floor(5·4/5) = 5.
    assert s["cell"].tolist() == [555, 211, 333, 112, 444]
    assert s["segment"].tolist() == ["Champions", "Hibernating", "Need Attention", "Lost", "Loyal"]
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
    tiers, summary = cxkit.value_tiers(list(range(1, 21)))
    assert summary["customers"].tolist() == [1, 3, 6, 10]
    assert summary.index.tolist() == ["platinum", "gold", "iron", "lead"]
    assert tiers.tolist()[-1] == "platinum" and tiers.tolist()[0] == "lead"
    assert summary["value_share"].sum() == pytest.approx(1.0)
    # Three tied at the top: all platinum although platinum is 5 %.
    tiers, _ = cxkit.value_tiers([100, 100, 100, 50, 40, 30, 20, 10, 5, 1])
    assert tiers.tolist()[:3] == ["platinum"] * 3
    tiers, _ = cxkit.value_tiers([500, 150, 60, 5], thresholds=(400, 100, 50))
    assert tiers.tolist() == ["platinum", "gold", "iron", "lead"]
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.value_tiers([1, 2], shares=(0.5, 0.4, 0.3))
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.value_tiers([1, 2], shares=(0.1, 0.1, 0.1), thresholds=(3, 2, 1))
