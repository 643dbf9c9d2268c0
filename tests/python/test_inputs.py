"""Scores arrive as lists, numpy arrays of any numeric dtype, pandas and polars Series."""

import numpy as np
import pytest

import cxkit

SCORES = [10, 9, 8, 7, 6, 0, 10, 3]
EXPECTED = cxkit.nps(SCORES)


@pytest.mark.parametrize(
    "dtype",
    [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64,
     np.float32, np.float64],
)
def test_every_numeric_dtype(dtype):
    assert cxkit.nps(np.array(SCORES, dtype=dtype)) == EXPECTED


def test_non_contiguous_views():
    doubled = np.repeat(np.array(SCORES), 2)[::2]
    assert not doubled.flags["C_CONTIGUOUS"]
    assert cxkit.nps(doubled) == EXPECTED
    assert cxkit.nps(np.array(SCORES[::-1])[::-1]) == EXPECTED


def test_lists_with_none_are_missing():
    assert cxkit.nps([10, None, 3], nan_policy="omit").n == 2
    with pytest.raises(cxkit.MissingScoreError):
        cxkit.nps([10, None, 3])


def test_pandas_series_and_nullable_dtypes():
    pd = pytest.importorskip("pandas")
    assert cxkit.nps(pd.Series(SCORES)) == EXPECTED
    assert cxkit.nps(pd.Series(SCORES, dtype="Int64")) == EXPECTED
    with_na = pd.Series([10, None, 3], dtype="Int64")
    assert cxkit.nps(with_na, nan_policy="omit").n == 2
    with pytest.raises(cxkit.MissingScoreError):
        cxkit.nps(with_na)
    frame = pd.DataFrame({"ltr": SCORES, "w": [1.0] * len(SCORES)})
    assert cxkit.nps(frame["ltr"], weights=frame["w"]).score == pytest.approx(EXPECTED.score)


def test_polars_series():
    pl = pytest.importorskip("polars")
    assert cxkit.nps(pl.Series(SCORES)) == EXPECTED


def test_large_input_runs_in_parallel_chunks(rng):
    # Larger than one chunk (2^18) so the parallel path and its ordered merge are used.
    scores = rng.integers(0, 11, size=1_000_003).astype(np.int8)
    r = cxkit.nps(scores)
    p = (scores >= 9).mean()
    d = (scores <= 6).mean()
    assert r.score == pytest.approx(100 * (p - d), rel=1e-12)
    scores[700_001] = 12
    with pytest.raises(cxkit.InvalidScoreError, match="index 700001"):
        cxkit.nps(scores)
