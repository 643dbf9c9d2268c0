"""Bad input raises a cxkit.CxError subclass naming the problem; nothing crashes."""

import math

import numpy as np
import pytest

import cxkit

ERRORS = [
    cxkit.InvalidScoreError,
    cxkit.MissingScoreError,
    cxkit.EmptyInputError,
    cxkit.LengthMismatchError,
    cxkit.InvalidWeightError,
    cxkit.InvalidParameterError,
    cxkit.InsufficientDataError,
    cxkit.ZeroVarianceError,
    cxkit.CorruptBytesError,
    cxkit.IncompatibleError,
    cxkit.InvalidAnswerError,
    cxkit.MissingAnswerError,
    cxkit.EmptyFeatureError,
    cxkit.InvalidObservationError,
    cxkit.DidNotConvergeError,
]


@pytest.mark.parametrize("cls", ERRORS)
def test_every_error_is_a_cx_error_and_a_value_error(cls):
    assert issubclass(cls, cxkit.CxError) and issubclass(cls, ValueError)


def test_out_of_range_score_names_index_and_value():
    with pytest.raises(cxkit.InvalidScoreError, match="score 11 at index 2") as e:
        cxkit.nps([9, 10, 11])
    assert (e.value.index, e.value.value) == (2, 11.0)


def test_fractional_and_infinite_scores():
    with pytest.raises(cxkit.InvalidScoreError):
        cxkit.nps([9.5])
    with pytest.raises(cxkit.InvalidScoreError):
        cxkit.csat(np.array([4.0, math.inf]))


def test_nan_raises_by_default_and_is_skipped_on_request():
    with pytest.raises(cxkit.MissingScoreError, match="index 1") as e:
        cxkit.nps([10, float("nan"), 3])
    assert e.value.index == 1
    assert cxkit.nps([10, float("nan"), 3], nan_policy="omit").n == 2
    with pytest.raises(cxkit.InvalidParameterError, match="nan_policy"):
        cxkit.nps([10], nan_policy="ignore")


def test_empty_input():
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.nps([])
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.nps([float("nan")], nan_policy="omit")
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.nps_from_counts(0, 0, 0)


def test_bad_weights():
    with pytest.raises(cxkit.LengthMismatchError, match="expected length 3, got 2"):
        cxkit.nps([9, 8, 7], weights=[1, 2])
    with pytest.raises(cxkit.InvalidWeightError) as e:
        cxkit.nps([9, 8, 7], weights=[1, -2, 1])
    assert (e.value.index, e.value.value) == (1, -2.0)
    with pytest.raises(cxkit.InvalidWeightError):
        cxkit.csat([5, 4], weights=[1, float("nan")])
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.nps([9, 8], weights=[0, 0])


@pytest.mark.parametrize("confidence", [0.0, 1.0, -0.5, 1.5, float("nan")])
def test_confidence_outside_the_unit_interval(confidence):
    with pytest.raises(cxkit.InvalidParameterError, match="confidence"):
        cxkit.nps([9, 10], confidence=confidence)
    with pytest.raises(cxkit.InvalidParameterError, match="confidence"):
        cxkit.csat([5, 4], confidence=confidence)
    with pytest.raises(cxkit.InvalidParameterError, match="confidence"):
        cxkit.wilson_interval(1, 2, confidence)


def test_bad_options():
    with pytest.raises(cxkit.InvalidParameterError, match="method"):
        cxkit.nps([9], method="exact")
    with pytest.raises(cxkit.InvalidParameterError, match="interval"):
        cxkit.csat([5, 4], interval="exact")
    with pytest.raises(cxkit.InvalidParameterError, match="scale"):
        cxkit.csat([5, 4], scale=(5, 1))
    with pytest.raises(cxkit.InvalidParameterError, match="scale"):
        cxkit.csat([5, 4], scale="five")
    with pytest.raises(cxkit.InvalidParameterError, match="top"):
        cxkit.csat([5, 4], top=5)
    with pytest.raises(cxkit.InvalidParameterError, match="threshold"):
        cxkit.ces([5, 4], threshold=1)


def test_statistics_that_need_more_data():
    with pytest.raises(cxkit.InsufficientDataError):
        cxkit.csat([5])
    with pytest.raises(cxkit.InsufficientDataError):
        cxkit.likert_summary([3], scale=5)


def test_unsupported_inputs():
    # Text and booleans are not scores: the argument's CxError (issue 19), not a TypeError.
    with pytest.raises(cxkit.InvalidParameterError, match="dtype"):
        cxkit.nps(["9", "10"])
    with pytest.raises(cxkit.InvalidParameterError, match="dtype"):
        cxkit.nps(np.array([True, False]))
    with pytest.raises(cxkit.InvalidParameterError, match="invalid scores: must be one-dimensional"):
        cxkit.nps(np.array([[9, 10], [1, 2]]))
    with pytest.raises(cxkit.InvalidParameterError, match="invalid weights: must be one-dimensional"):
        cxkit.nps([9, 10], weights=np.ones((2, 1)))


def test_likert_scale_is_required_never_guessed():
    with pytest.raises(TypeError):
        cxkit.likert_summary([1, 2, 3])
    with pytest.raises(TypeError):
        cxkit.LikertAccumulator()
