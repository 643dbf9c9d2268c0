"""cxkit: customer-experience analytics for retail banking.

Survey scoring (NPS, CSAT, CES, Likert summaries) with confidence intervals, survey weights,
wave-to-wave tests and mergeable accumulators, computed by a Rust core.

>>> import cxkit
>>> r = cxkit.nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
>>> r.score
30.0
>>> round(cxkit.csat([5, 4, 4, 2, 1]).top_box.estimate, 2)
0.6

Scores may be lists, numpy arrays of any integer or float dtype, pandas or polars Series.
Errors are ``cxkit.CxError`` (a ``ValueError``) subclasses.
"""

from cxkit._cxkit import (
    Ces,
    CorruptBytesError,
    Csat,
    CxError,
    EmptyFeatureError,
    EmptyInputError,
    IncompatibleError,
    InsufficientDataError,
    InvalidAnswerError,
    InvalidParameterError,
    InvalidScoreError,
    InvalidWeightError,
    KanoAccumulator,
    KanoFeature,
    KanoResult,
    LengthMismatchError,
    Likert,
    LikertAccumulator,
    Mean,
    MissingAnswerError,
    MissingScoreError,
    Nps,
    NpsAccumulator,
    Proportion,
    TopBoxAccumulator,
    WaveTest,
    ZeroVarianceError,
    __version__,
    ces,
    csat,
    kano_analyze,
    kano_classify,
    kano_from_counts,
    likert_summary,
    nps,
    nps_from_counts,
    nps_test,
    top_box,
    top_box_test,
    wilson_interval,
)

__all__ = [
    "Ces",
    "CorruptBytesError",
    "Csat",
    "CxError",
    "EmptyFeatureError",
    "EmptyInputError",
    "IncompatibleError",
    "InsufficientDataError",
    "InvalidAnswerError",
    "InvalidParameterError",
    "InvalidScoreError",
    "InvalidWeightError",
    "KanoAccumulator",
    "KanoFeature",
    "KanoResult",
    "LengthMismatchError",
    "Likert",
    "LikertAccumulator",
    "Mean",
    "MissingAnswerError",
    "MissingScoreError",
    "Nps",
    "NpsAccumulator",
    "Proportion",
    "TopBoxAccumulator",
    "WaveTest",
    "ZeroVarianceError",
    "__version__",
    "ces",
    "csat",
    "kano_analyze",
    "kano_classify",
    "kano_from_counts",
    "likert_summary",
    "nps",
    "nps_from_counts",
    "nps_test",
    "top_box",
    "top_box_test",
    "wilson_interval",
]
