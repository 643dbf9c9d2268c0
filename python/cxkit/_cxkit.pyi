"""Type stubs of the compiled module cxkit._cxkit (re-exported by ``cxkit``)."""

import os
from typing import Any, Generic, Literal, Mapping, Optional, Sequence, Tuple, TypeVar, Union, final, overload

import numpy as np
import numpy.typing as npt

__version__: str
_CJK_FONTS: list[str]
"""The Chinese fonts of the report's font stack, in order (``cxkit.plot`` uses the first installed)."""
_DISPLAY_NAMES: dict[str, dict[str, str]]
"""The report's display names by language (tiers, default RFM segments), for ``cxkit.plot``."""
__all__ = [
    "_CJK_FONTS",
    "_DISPLAY_NAMES",
    "_defaults",
    "BetaGeo",
    "Ces",
    "ComplaintMetrics",
    "ConstantColumnError",
    "CorruptBytesError",
    "CovarianceAccumulator",
    "CronbachAlpha",
    "Csat",
    "CxError",
    "DataFileError",
    "DidNotConvergeError",
    "EmptyFeatureError",
    "EmptyInputError",
    "GammaGamma",
    "IncompatibleError",
    "InvalidLabelError",
    "IndicatorTree",
    "InsufficientDataError",
    "InvalidAnswerError",
    "InvalidObservationError",
    "InvalidParameterError",
    "InvalidScoreError",
    "InvalidTreeError",
    "InvalidTaxonomyError",
    "InvalidWeightError",
    "JourneyState",
    "KMeans",
    "KanoAccumulator",
    "KanoFeature",
    "KanoResult",
    "KeyDrivers",
    "Lexicon",
    "LengthMismatchError",
    "Likert",
    "LikertAccumulator",
    "Mean",
    "MissingAnswerError",
    "MissingScoreError",
    "Nps",
    "NpsAccumulator",
    "ParetoNbd",
    "Proportion",
    "SegmentProfiles",
    "ValueTiers",
    "Servperf",
    "Servqual",
    "ServqualAccumulator",
    "SingularMatrixError",
    "TopBoxAccumulator",
    "WaveTest",
    "ZeroVarianceError",
    "ZoneOfTolerance",
    "__version__",
    "behavior_types",
    "ces",
    "compare_offers",
    "complaint_iceberg",
    "complaint_metrics",
    "cronbach_alpha",
    "csat",
    "customer_lifetime_value",
    "delivered_value",
    "ipa",
    "pls_pm",
    "value_at_risk",
    "mask_pii",
    "normalize",
    "term_changes",
    "topic_impact",
    "tokenize",
    "Tokenizer",
    "Taxonomy",
    "TopicAccumulator",
    "TopicImpacts",
    "PlsModel",
    "PlsResult",
    "impact_change",
    "kano_analyze",
    "keywords",
    "kano_classify",
    "kano_from_counts",
    "kano_migration",
    "key_drivers",
    "key_drivers_from_correlation",
    "kmeans_scan",
    "likert_summary",
    "load_demo_bank",
    "nps",
    "nps_from_counts",
    "nps_test",
    "pain_points",
    "profile_segments",
    "read_bank",
    "report",
    "rfm_scores",
    "sentiment",
    "service_recovery",
    "servperf",
    "servqual",
    "silhouette_samples",
    "silhouette_score",
    "summarize_transactions",
    "top_box",
    "top_box_test",
    "value_tiers",
    "wilson_interval",
    "zone_of_tolerance",
]

_ArrayLike = Union[npt.ArrayLike, Sequence[float], Any]
"""Scores or weights: a list, a 1-D numpy array of any integer or float dtype, a pandas or
polars Series. numpy arrays and numeric Series are read without a copy."""

_Scale = Union[int, Tuple[int, int]]
"""A rating scale: ``k`` for the points 1..k, or ``(min, max)`` (e.g. ``(0, 10)``)."""

_NanPolicy = Literal["raise", "omit"]
_NpsMethod = Literal["adjusted_wald", "wald"]
_Interval = Literal["wilson", "wald"]

class CxError(ValueError):
    """Base class of every cxkit error."""

class InvalidScoreError(CxError):
    """A score is not a point of the declared scale (out of range, fractional or infinite)."""

    index: int
    value: float

class MissingScoreError(CxError):
    """A score is NaN and ``nan_policy`` is ``"raise"``."""

    index: int

class InvalidAnswerError(CxError):
    """A KANO answer is not a position of the questionnaire form or a known label."""

    respondent: int
    feature: int
    value: str

class MissingAnswerError(CxError):
    """A KANO answer is missing and ``nan_policy`` is ``"raise"``."""

    respondent: int
    feature: int

class EmptyFeatureError(CxError):
    """A KANO feature has no answers left to analyse."""

    feature: int

class InvalidObservationError(CxError):
    """A customer's (frequency, recency, T, monetary value) observation is impossible."""

    index: int

class DidNotConvergeError(CxError):
    """An iterative computation (a model fit) did not converge."""

class SingularMatrixError(CxError):
    """A matrix that must be inverted is singular (perfectly collinear columns)."""

class InvalidTreeError(CxError):
    """An indicator tree is malformed or inconsistent."""

    path: str

class InvalidTaxonomyError(CxError):
    """A topic taxonomy (topics, sub-topics, word rules) is malformed or inconsistent."""

    topic: str

class DataFileError(CxError):
    """A data file is missing a column or holds a value its schema does not allow, or cannot be read or written."""

    file: str
    line: int
    column: str | None

class ConstantColumnError(CxError):
    """A column (item, driver, outcome) has no variance."""

    index: int

class EmptyInputError(CxError):
    """Nothing to compute on."""

class LengthMismatchError(CxError):
    """Two inputs that must be as long as each other are not."""

class InvalidWeightError(CxError):
    """A survey weight is negative, NaN or infinite."""

    index: int
    value: float

class InvalidParameterError(CxError):
    """An argument is outside the values it may take."""

class InsufficientDataError(CxError):
    """A statistic needs more data than it was given."""

class ZeroVarianceError(CxError):
    """A test is undefined because its standard error is zero."""

class CorruptBytesError(CxError):
    """Serialized state could not be read back."""

class IncompatibleError(CxError):
    """Two objects cannot be combined."""

class InvalidLabelError(CxError):
    """An id or label is missing or cannot be kept exactly (floats, numbers mixed with text)."""

    index: int

class _Result:
    def to_dict(self) -> dict[str, Any]:
        """The result as a dict of plain Python values."""

@final
class Nps(_Result):
    """A Net Promoter Score. Points (-100..100) for score, se, ci_low and ci_high; fractions
    for the shares; Kish's effective sample size in n_effective."""

    def plot(self, **kwargs: Any) -> Any:
        """This result's chart: ``cxkit.plot.nps(self, **kwargs)``."""

    @property
    def score(self) -> float: ...
    @property
    def promoters(self) -> float: ...
    @property
    def passives(self) -> float: ...
    @property
    def detractors(self) -> float: ...
    @property
    def n(self) -> int: ...
    @property
    def n_effective(self) -> float: ...
    @property
    def se(self) -> float: ...
    @property
    def ci_low(self) -> float: ...
    @property
    def ci_high(self) -> float: ...
    @property
    def confidence(self) -> float: ...
    @property
    def method(self) -> _NpsMethod: ...

@final
class Proportion(_Result):
    """A share (fraction) with its confidence interval."""

    @property
    def estimate(self) -> float: ...
    @property
    def ci_low(self) -> float: ...
    @property
    def ci_high(self) -> float: ...
    @property
    def n(self) -> int: ...
    @property
    def n_effective(self) -> float: ...
    @property
    def confidence(self) -> float: ...
    @property
    def method(self) -> _Interval: ...

@final
class Mean(_Result):
    """A mean with its Student-t confidence interval."""

    @property
    def estimate(self) -> float: ...
    @property
    def sd(self) -> float: ...
    @property
    def se(self) -> float: ...
    @property
    def ci_low(self) -> float: ...
    @property
    def ci_high(self) -> float: ...
    @property
    def n(self) -> int: ...
    @property
    def n_effective(self) -> float: ...
    @property
    def confidence(self) -> float: ...

@final
class Csat(_Result):
    """CSAT: the top-box share (``top_box``, also ``score``) and the mean."""

    @property
    def scale(self) -> Tuple[int, int]: ...
    @property
    def top(self) -> int: ...
    @property
    def top_box(self) -> Proportion: ...
    @property
    def mean(self) -> Mean: ...
    @property
    def score(self) -> float: ...

@final
class Ces(_Result):
    """Customer Effort Score: the mean (also ``score``) and the share at or above the
    threshold (``easy``)."""

    @property
    def scale(self) -> Tuple[int, int]: ...
    @property
    def threshold(self) -> int: ...
    @property
    def mean(self) -> Mean: ...
    @property
    def easy(self) -> Proportion: ...
    @property
    def score(self) -> float: ...

@final
class Likert(_Result):
    """A Likert item's distribution summary (per-point lists run from the lowest point)."""
    def plot(self, **kwargs: Any) -> Any:
        """This result's chart through ``cxkit.plot`` (needs matplotlib)."""

    @property
    def scale(self) -> Tuple[int, int]: ...
    @property
    def points(self) -> list[int]: ...
    @property
    def counts(self) -> list[int]: ...
    @property
    def shares(self) -> list[float]: ...
    @property
    def n(self) -> int: ...
    @property
    def n_effective(self) -> float: ...
    @property
    def mean(self) -> float: ...
    @property
    def sd(self) -> float: ...
    @property
    def median(self) -> float: ...
    @property
    def boxes(self) -> int: ...
    @property
    def top_box(self) -> float: ...
    @property
    def bottom_box(self) -> float: ...
    def to_pandas(self) -> Any:
        """The distribution as a pandas DataFrame with columns point, count, share."""
    def _repr_html_(self) -> str: ...

@final
class WaveTest(_Result):
    """A two-wave z-test: delta = a - b (NPS points or share fractions)."""

    @property
    def delta(self) -> float: ...
    @property
    def se(self) -> float: ...
    @property
    def z(self) -> float: ...
    @property
    def p_value(self) -> float: ...
    @property
    def ci_low(self) -> float: ...
    @property
    def ci_high(self) -> float: ...
    @property
    def confidence(self) -> float: ...

@overload
def nps(
    scores: _ArrayLike,
    weights: Optional[_ArrayLike] = None,
    confidence: float = 0.95,
    method: _NpsMethod = "adjusted_wald",
    nan_policy: _NanPolicy = "raise",
    by: None = None,
) -> Nps:
    """Net Promoter Score of 0-10 scores: promoters (9-10) minus detractors (0-6), in points;
    with ``by`` (a group label per score) a DataFrame with one row per group.

    ``weights`` are survey weights (Kish's effective n is used for the interval).
    ``method`` chooses the interval: adjusted Wald (default) or Wald.
    """
@overload
def nps(
    scores: _ArrayLike,
    weights: Optional[_ArrayLike] = None,
    confidence: float = 0.95,
    method: _NpsMethod = "adjusted_wald",
    nan_policy: _NanPolicy = "raise",
    *,
    by: Any,
) -> Any: ...

def nps_from_counts(
    detractors: int,
    passives: int,
    promoters: int,
    confidence: float = 0.95,
    method: _NpsMethod = "adjusted_wald",
) -> Nps:
    """Net Promoter Score from counts of detractors, passives and promoters."""

def nps_test(
    a: Union[Nps, _ArrayLike],
    b: Union[Nps, _ArrayLike],
    method: _NpsMethod = "wald",
    confidence: float = 0.95,
) -> WaveTest:
    """Two-sample z-test of NPS a against b (results or raw 0-10 scores); delta = a - b."""

def top_box(
    scores: _ArrayLike,
    scale: _Scale = 5,
    top: int = 2,
    weights: Optional[_ArrayLike] = None,
    confidence: float = 0.95,
    interval: _Interval = "wilson",
    nan_policy: _NanPolicy = "raise",
) -> Proportion:
    """Share of scores in the top ``top`` points of ``scale``."""

@overload
def csat(
    scores: _ArrayLike,
    scale: _Scale = 5,
    top: int = 2,
    weights: Optional[_ArrayLike] = None,
    confidence: float = 0.95,
    interval: _Interval = "wilson",
    nan_policy: _NanPolicy = "raise",
    by: None = None,
) -> Csat:
    """CSAT: top-box share (4-5 of 1-5 by default) with its interval, and the mean score; with ``by`` one row per group."""
@overload
def csat(
    scores: _ArrayLike,
    scale: _Scale = 5,
    top: int = 2,
    weights: Optional[_ArrayLike] = None,
    confidence: float = 0.95,
    interval: _Interval = "wilson",
    nan_policy: _NanPolicy = "raise",
    *,
    by: Any,
) -> Any: ...

@overload
def ces(
    scores: _ArrayLike,
    scale: _Scale = 7,
    threshold: int = 5,
    weights: Optional[_ArrayLike] = None,
    confidence: float = 0.95,
    interval: _Interval = "wilson",
    nan_policy: _NanPolicy = "raise",
    by: None = None,
) -> Ces:
    """Customer Effort Score: mean agreement (1..7 by default) and share >= ``threshold``; with ``by`` one row per group."""
@overload
def ces(
    scores: _ArrayLike,
    scale: _Scale = 7,
    threshold: int = 5,
    weights: Optional[_ArrayLike] = None,
    confidence: float = 0.95,
    interval: _Interval = "wilson",
    nan_policy: _NanPolicy = "raise",
    *,
    by: Any,
) -> Any: ...

def top_box_test(
    a: Union[Proportion, Csat, Ces],
    b: Union[Proportion, Csat, Ces],
    confidence: float = 0.95,
) -> WaveTest:
    """Two-proportion z-test of the top-box share a against b; delta = a - b."""

def likert_summary(
    scores: _ArrayLike,
    scale: _Scale,
    boxes: int = 2,
    weights: Optional[_ArrayLike] = None,
    nan_policy: _NanPolicy = "raise",
) -> Likert:
    """Counts and shares per point, mean, sd, median, top and bottom box of a Likert item."""

def wilson_interval(successes: float, n: float, confidence: float = 0.95) -> Tuple[float, float]:
    """Wilson score interval for ``successes`` of ``n``."""

_KanoForm = Literal["full", "short", "5", "3"]

def kano_classify(
    functional: _ArrayLike,
    dysfunctional: _ArrayLike,
    form: _KanoForm = "full",
    nan_policy: _NanPolicy = "raise",
) -> npt.NDArray[np.str_]:
    """Category letters ("A", "O", "M", "I", "R", "Q"; "" for a missing pair) of every
    functional/dysfunctional answer pair, positions or labels, in the answers' shape."""

def kano_analyze(
    functional: _ArrayLike,
    dysfunctional: _ArrayLike,
    features: Optional[Sequence[str]] = None,
    importance: Optional[_ArrayLike] = None,
    segments: Optional[_ArrayLike] = None,
    form: _KanoForm = "full",
    nan_policy: _NanPolicy = "raise",
    max_questionable: Optional[float] = None,
    max_indifferent: Optional[float] = None,
    data: Any = None,
    respondent: str = "respondent_id",
    feature: str = "feature",
) -> KanoResult:
    """A verdict per feature of a respondents x features KANO questionnaire, or of a long
    table (``data``, one row per respondent and feature) whose columns the other arguments
    name."""

def kano_migration(waves: Sequence[KanoResult], alpha: float = 0.05) -> Any:
    """Each feature's category, Better and Worse per wave, its path and whether it migrated
    (a DataFrame indexed by feature)."""

def kano_from_counts(A: int, O: int, M: int, I: int, R: int = 0, Q: int = 0) -> KanoFeature:
    """The verdict on one feature from its counts alone."""

@final
class KanoFeature:
    """The verdict on one feature."""

    @property
    def name(self) -> Optional[str]: ...
    @property
    def counts(self) -> dict[str, int]: ...
    @property
    def n(self) -> int: ...
    @property
    def mode(self) -> str: ...
    @property
    def rule_category(self) -> str: ...
    @property
    def oam_category(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def decided_by(self) -> Literal["fong", "m>o>a>i", "only"]: ...
    @property
    def category_strength(self) -> float: ...
    @property
    def total_strength(self) -> float: ...
    @property
    def better(self) -> Optional[float]: ...
    @property
    def worse(self) -> Optional[float]: ...
    @property
    def fong_significant(self) -> bool: ...
    @property
    def fong_difference(self) -> float: ...
    @property
    def fong_critical(self) -> float: ...
    @property
    def chi_square_p(self) -> Optional[float]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class KanoResult:
    """The analysis of a KANO questionnaire."""

    def plot(self, **kwargs: Any) -> Any:
        """This result's chart: ``cxkit.plot.kano(self, **kwargs)``."""

    @property
    def table(self) -> Any:
        """One row per feature: a pandas DataFrame (a dict of columns without pandas)."""
    @property
    def features(self) -> list[str]: ...
    @property
    def respondents(self) -> int: ...
    @property
    def dropped(self) -> int: ...
    @property
    def importance_cut(self) -> Optional[float]: ...
    @property
    def segments(self) -> Optional[dict[Any, KanoResult]]: ...
    def feature(self, name: str) -> KanoFeature: ...
    def category(self, name: str) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

@final
class KanoAccumulator:
    """Mergeable KANO counts per feature."""

    def __new__(cls, features: int, names: Optional[Sequence[str]] = None) -> KanoAccumulator: ...
    def update(
        self,
        functional: _ArrayLike,
        dysfunctional: _ArrayLike,
        form: _KanoForm = "full",
        nan_policy: _NanPolicy = "raise",
    ) -> None: ...
    def merge(self, other: KanoAccumulator) -> None: ...
    def finish(self) -> KanoResult: ...
    def to_bytes(self) -> bytes: ...
    @classmethod
    def from_bytes(cls, data: bytes, names: Optional[Sequence[str]] = None) -> KanoAccumulator: ...

_Freq = Literal["D", "W", "M"]

def summarize_transactions(
    customer_ids: _ArrayLike,
    dates: _ArrayLike,
    amounts: Optional[_ArrayLike] = None,
    observation_end: Any = None,
    freq: _Freq = "D",
    calibration_end: Any = None,
) -> Any:
    """Frequency, recency, T and monetary_value per customer (a DataFrame indexed by
    customer id, in order of first appearance), with lifetimes' definitions; holdout columns
    with ``calibration_end``. Ids are labels kept exactly (strings, integers of any width);
    floats, missing ids and mixed numbers and text raise ``InvalidLabelError``."""

class _Model:
    @property
    def params(self) -> dict[str, float]: ...
    @property
    def standard_errors(self) -> Optional[dict[str, float]]: ...
    @property
    def log_likelihood(self) -> Optional[float]: ...
    @property
    def converged(self) -> Optional[bool]: ...
    @property
    def iterations(self) -> Optional[int]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_bytes(self) -> bytes:
        """The fitted model as versioned bytes (without the penalizer)."""

@final
class BetaGeo(_Model):
    """The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005)."""

    def __new__(cls, penalizer: float = 0.0) -> BetaGeo: ...
    @staticmethod
    def from_params(r: float, alpha: float, a: float, b: float) -> BetaGeo: ...
    @staticmethod
    def from_bytes(data: bytes) -> BetaGeo:
        """Reads a model written by ``to_bytes``; CorruptBytesError on anything else."""
    def fit(
        self,
        frequency: _ArrayLike,
        recency: _ArrayLike,
        T: _ArrayLike,
        max_iterations: int = 200,
        tolerance: float = 1e-7,
    ) -> BetaGeo: ...
    def expected_purchases(self, t: float, frequency: Any, recency: Any, T: Any) -> Any: ...
    def probability_alive(self, frequency: Any, recency: Any, T: Any) -> Any: ...
    def unconditional_expected_purchases(self, t: float) -> float: ...
    def probability_of_purchases(self, x: int, t: float) -> float:
        """P(X(t) = x): exactly ``x`` repeat purchases of a new customer in (0, t]."""
    def period_transactions(self, frequency: _ArrayLike, T: _ArrayLike, bins: int = 7) -> Any:
        """Customers by repeat purchases in their time observed, observed and expected.

        A DataFrame indexed by ``frequency`` 0 … bins − 1 (the last row: bins − 1 or more)
        with columns ``observed`` and ``expected``.
        """

@final
class ParetoNbd(_Model):
    """The Pareto/NBD model of repeat purchases (Schmittlein, Morrison & Colombo 1987)."""

    def __new__(cls, penalizer: float = 0.0) -> ParetoNbd: ...
    @staticmethod
    def from_params(r: float, alpha: float, s: float, beta: float) -> ParetoNbd: ...
    @staticmethod
    def from_bytes(data: bytes) -> ParetoNbd:
        """Reads a model written by ``to_bytes``; CorruptBytesError on anything else."""
    def fit(
        self,
        frequency: _ArrayLike,
        recency: _ArrayLike,
        T: _ArrayLike,
        max_iterations: int = 200,
        tolerance: float = 1e-7,
    ) -> ParetoNbd: ...
    def expected_purchases(self, t: float, frequency: Any, recency: Any, T: Any) -> Any: ...
    def probability_alive(self, frequency: Any, recency: Any, T: Any) -> Any: ...
    def unconditional_expected_purchases(self, t: float) -> float: ...

@final
class GammaGamma(_Model):
    """The Gamma-Gamma model of spend per transaction."""

    def __new__(cls, penalizer: float = 0.0) -> GammaGamma: ...
    @staticmethod
    def from_params(p: float, q: float, v: float) -> GammaGamma: ...
    @staticmethod
    def from_bytes(data: bytes) -> GammaGamma:
        """Reads a model written by ``to_bytes``; CorruptBytesError on anything else."""
    def fit(
        self,
        frequency: _ArrayLike,
        monetary_value: _ArrayLike,
        max_iterations: int = 200,
        tolerance: float = 1e-7,
    ) -> GammaGamma: ...
    def expected_average_value(self, frequency: Any, monetary_value: Any) -> Any: ...

def customer_lifetime_value(
    transaction_model: Union[BetaGeo, ParetoNbd],
    spend_model: GammaGamma,
    frequency: _ArrayLike,
    recency: _ArrayLike,
    T: _ArrayLike,
    monetary_value: _ArrayLike,
    horizon: int = 12,
    freq: _Freq = "W",
    discount_rate: float = 0.01,
) -> npt.NDArray[np.float64]:
    """CLV per customer over ``horizon`` months, discounted monthly."""

def delivered_value(
    value: Any,
    cost: Any,
    value_weights: Any = None,
    cost_weights: Any = None,
) -> Any:
    """Total value, total cost, delivered value and value/cost ratio per customer."""

def compare_offers(
    our_value: dict[str, float],
    our_cost: dict[str, float],
    their_value: dict[str, float],
    their_cost: dict[str, float],
    value_weights: Any = None,
    cost_weights: Any = None,
) -> dict[str, Any]:
    """Our offer against a competitor's: surplus, ratios and ranked drivers."""

def rfm_scores(
    recency: _ArrayLike,
    frequency: _ArrayLike,
    monetary: _ArrayLike,
    bins: int = 5,
    binning: Literal["independent", "nested"] = "independent",
    segments: Optional[Sequence[dict[str, Any]]] = None,
    fallback: str = "Other",
) -> Any:
    """RFM scores 1..bins (ties share a bin), the cell and the segment, as a DataFrame."""

@final
class ValueTiers:
    """The customer pyramid: ``tiers`` per customer and the per-tier ``summary``."""

    def plot(self, **kwargs: Any) -> Any:
        """This result's chart: ``cxkit.plot.value_tiers(self, **kwargs)``."""

    @property
    def tiers(self) -> Any: ...
    @property
    def summary(self) -> Any: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

def value_tiers(
    value: _ArrayLike,
    shares: Optional[Tuple[float, float, float]] = None,
    thresholds: Optional[Tuple[float, float, float]] = None,
) -> ValueTiers:
    """The customer pyramid: the tier per customer and the per-tier summary."""

@final
class KMeans:
    """k-means with greedy k-means++ initialisation (scikit-learn's names)."""

    def __new__(
        cls,
        n_clusters: int,
        n_init: int = 1,
        max_iter: int = 300,
        tol: float = 1e-4,
        seed: int = 0,
        standardize: bool = False,
    ) -> KMeans: ...
    def fit(self, X: _ArrayLike, sample_weight: Optional[_ArrayLike] = None) -> KMeans: ...
    def to_bytes(self) -> bytes:
        """The fitted model as versioned bytes."""
    @staticmethod
    def from_bytes(data: bytes) -> KMeans:
        """Reads a model written by ``to_bytes``; CorruptBytesError on anything else."""
    def predict(self, X: _ArrayLike) -> npt.NDArray[np.uint32]: ...
    @property
    def labels_(self) -> npt.NDArray[np.uint32]: ...
    @property
    def cluster_centers_(self) -> npt.NDArray[np.float64]: ...
    @property
    def inertia_(self) -> float: ...
    @property
    def n_iter_(self) -> int: ...

def silhouette_score(
    X: _ArrayLike,
    labels: _ArrayLike,
    sample_size: Optional[int] = None,
    seed: int = 0,
) -> float:
    """Mean silhouette (Euclidean), exact or on a seeded sample of ``sample_size`` rows."""

def silhouette_samples(X: _ArrayLike, labels: _ArrayLike) -> npt.NDArray[np.float64]:
    """Silhouette of every row; 0 for a row alone in its cluster."""

def kmeans_scan(
    X: _ArrayLike,
    ks: Optional[Sequence[int]] = None,
    sample_weight: Optional[_ArrayLike] = None,
    n_init: int = 1,
    max_iter: int = 300,
    tol: float = 1e-4,
    seed: int = 0,
    standardize: bool = False,
    silhouette: bool = True,
    sample_size: Optional[int] = None,
) -> Any:
    """Inertia, iterations and silhouette per k (a DataFrame; ``attrs`` holds the elbow and
    the best silhouette's k)."""

def behavior_types(
    price: Any = None,
    service: Any = None,
    product: Any = None,
    weights: Optional[dict[str, float]] = None,
    reversed: Optional[Sequence[str]] = None,
    min_score: float = 0.6,
    margin: float = 0.1,
) -> Any:
    """Price-sensitive, service-driven, product-driven or mixed per customer, with scores."""

@final
class SegmentProfiles:
    """Segment profiles: ``summary``, ``numeric`` and ``categorical`` DataFrames."""
    def plot(self, **kwargs: Any) -> Any:
        """This result's chart through ``cxkit.plot`` (needs matplotlib)."""

    def __new__(cls, summary: Any, numeric: Any, categorical: Any) -> SegmentProfiles: ...
    @property
    def summary(self) -> Any: ...
    @property
    def numeric(self) -> Any: ...
    @property
    def categorical(self) -> Any: ...

def profile_segments(
    frame: Any,
    segment_column: Any,
    numeric: Optional[Sequence[Any]] = None,
    categorical: Optional[Sequence[Any]] = None,
    quantiles: Sequence[float] = ...,
    top: int = 3,
    value: Any = None,
    growth: Any = None,
    weights: Optional[dict[str, float]] = None,
) -> SegmentProfiles:
    """Per segment: size, share, numeric summaries with index, top categories with lift,
    and attractiveness when ``value`` or ``growth`` is named."""

_R = TypeVar("_R")
_A = TypeVar("_A", bound="_Accumulator[Any]")

class _Accumulator(Generic[_R]):
    """Mergeable state: ``update`` with batches, ``merge`` partitions, ``finish`` into a
    result; ``to_bytes``/``from_bytes`` (versioned) and pickle for storage and transport."""

    def update(
        self,
        scores: _ArrayLike,
        weights: Optional[_ArrayLike] = None,
        nan_policy: _NanPolicy = "raise",
    ) -> None:
        """Adds a batch of scores (optionally weighted); on error the state is unchanged."""
    def merge(self: _A, other: _A) -> None:
        """Adds another accumulator's state (same scale and setting) into this one."""
    @property
    def n(self) -> int:
        """Number of responses so far."""
    def to_bytes(self) -> bytes:
        """The state as versioned bytes."""
    @classmethod
    def from_bytes(cls: type[_A], data: bytes) -> _A:
        """Reads state written by ``to_bytes``; raises CorruptBytesError on anything else."""

@final
class NpsAccumulator(_Accumulator[Nps]):
    """Mergeable NPS state (0..10 scores)."""

    def __new__(cls) -> NpsAccumulator: ...
    def finish(self, confidence: float = 0.95, method: _NpsMethod = "adjusted_wald") -> Nps: ...

@final
class TopBoxAccumulator(_Accumulator[Csat]):
    """Mergeable top-box (CSAT) state on a scale."""

    def __new__(cls, scale: _Scale = 5, top: int = 2) -> TopBoxAccumulator: ...
    def finish(self, confidence: float = 0.95, interval: _Interval = "wilson") -> Csat: ...

@final
class LikertAccumulator(_Accumulator[Likert]):
    """Mergeable Likert state on a scale (required)."""

    def __new__(cls, scale: _Scale, boxes: int = 2) -> LikertAccumulator: ...
    def finish(self) -> Likert: ...

def _defaults() -> list[tuple[str, str, Any]]:
    """The core's defaults as (callable, parameter, default), for the signature test."""

@final
class CronbachAlpha(_Result):
    """Cronbach's alpha with Feldt's interval, standardized alpha and per-item statistics."""

    @property
    def alpha(self) -> float: ...
    @property
    def ci_low(self) -> float: ...
    @property
    def ci_high(self) -> float: ...
    @property
    def confidence(self) -> float: ...
    @property
    def standardized_alpha(self) -> float: ...
    @property
    def mean_inter_item_r(self) -> float: ...
    @property
    def n(self) -> int: ...
    @property
    def k(self) -> int: ...
    @property
    def items(self) -> Any:
        """Per item: mean, sd, n, item_total_r, alpha_if_deleted (a DataFrame)."""

@final
class Servqual(_Result):
    """SERVQUAL gaps per item, dimension and overall."""

    def plot(self, **kwargs: Any) -> Any:
        """This result's chart: ``cxkit.plot.servqual(self, **kwargs)``."""

    @property
    def overall(self) -> Mean: ...
    @property
    def weighted(self) -> Optional[Mean]: ...
    @property
    def items(self) -> Any: ...
    @property
    def dimensions(self) -> Any: ...

@final
class Servperf(_Result):
    """SERVPERF (perceptions only) scores per item, dimension and overall."""

    @property
    def overall(self) -> Mean: ...
    @property
    def items(self) -> Any: ...
    @property
    def dimensions(self) -> Any: ...

@final
class ZoneOfTolerance(_Result):
    """Zones of tolerance per item and dimension."""
    def plot(self, **kwargs: Any) -> Any:
        """This result's chart through ``cxkit.plot`` (needs matplotlib)."""

    @property
    def items(self) -> Any: ...
    @property
    def dimensions(self) -> Any: ...

@final
class KeyDrivers(_Result):
    """A key-driver analysis: R² and the importances per driver."""

    def plot(self, **kwargs: Any) -> Any:
        """This result's chart: ``cxkit.plot.drivers(self, **kwargs)``."""

    @property
    def r2(self) -> float: ...
    @property
    def n(self) -> Optional[int]: ...
    @property
    def method(self) -> str: ...
    @property
    def bootstrap_used(self) -> int: ...
    @property
    def r2_interval(self) -> Optional[tuple[float, float]]: ...
    @property
    def warnings(self) -> list[str]: ...
    @property
    def table(self) -> Any: ...

_DriverMethod = Literal["relative_weights", "shapley", "lmg", "correlation", "beta", "pratt"]

@final
class ServqualAccumulator:
    """Mergeable SERVQUAL state: ``update`` with batches of respondents, ``merge`` partitions,
    ``finish`` into the Servqual of all of them (without the weighted score)."""

    def __new__(
        cls,
        items: Union[int, Sequence[str]],
        dimensions: Any = None,
        scale: Tuple[float, float] = ...,
        reversed: Optional[Sequence[Any]] = None,
        nan_policy: _NanPolicy = "raise",
        confidence: float = 0.95,
    ) -> ServqualAccumulator: ...
    def update(self, perceptions: Any, expectations: Any) -> None:
        """Adds a batch of respondents; on error the state is unchanged."""
    def merge(self, other: ServqualAccumulator) -> None: ...
    @property
    def respondents(self) -> int: ...
    @property
    def items(self) -> list[str]: ...
    def finish(self) -> Servqual: ...
    def to_bytes(self) -> bytes: ...
    @classmethod
    def from_bytes(
        cls, data: bytes, items: Optional[Union[int, Sequence[str]]] = None
    ) -> ServqualAccumulator: ...

@final
class CovarianceAccumulator:
    """Mergeable covariance state (the sufficient statistics of Cronbach's alpha)."""

    def __new__(
        cls,
        columns: Union[int, Sequence[str]],
        nan_policy: Literal["pairwise", "listwise"] = "pairwise",
    ) -> CovarianceAccumulator: ...
    def update(self, data: Any) -> None:
        """Adds a batch of rows; on error the state is unchanged."""
    def merge(self, other: CovarianceAccumulator) -> None: ...
    @property
    def rows(self) -> int: ...
    @property
    def columns(self) -> list[str]: ...
    def covariance(self) -> Any:
        """The sample covariance matrix (a DataFrame)."""
    def cronbach_alpha(self, confidence: float = 0.95) -> CronbachAlpha: ...
    def to_bytes(self) -> bytes: ...
    @classmethod
    def from_bytes(
        cls, data: bytes, columns: Optional[Union[int, Sequence[str]]] = None
    ) -> CovarianceAccumulator: ...

def servqual(
    perceptions: Any,
    expectations: Any,
    dimensions: Any = None,
    weights: Any = None,
    scale: Tuple[float, float] = ...,
    reversed: Optional[Sequence[Any]] = None,
    nan_policy: _NanPolicy = "raise",
    confidence: float = 0.95,
    data: Any = None,
    respondent: str = "respondent_id",
    item: str = "item",
) -> Servqual:
    """SERVQUAL gaps (perception − expectation) per item, dimension and overall; from
    respondents × items matrices or a long table (``data``) whose columns the arguments name."""

def servperf(
    perceptions: Any,
    dimensions: Any = None,
    scale: Tuple[float, float] = ...,
    reversed: Optional[Sequence[Any]] = None,
    nan_policy: _NanPolicy = "raise",
    confidence: float = 0.95,
    data: Any = None,
    respondent: str = "respondent_id",
    item: str = "item",
) -> Servperf:
    """SERVPERF: perception scores per item, dimension and overall."""

def zone_of_tolerance(
    perceived: Any,
    adequate: Any,
    desired: Any,
    dimensions: Any = None,
    scale: Tuple[float, float] = ...,
    reversed: Optional[Sequence[Any]] = None,
    nan_policy: _NanPolicy = "raise",
    data: Any = None,
    respondent: str = "respondent_id",
    item: str = "item",
) -> ZoneOfTolerance:
    """MSA, MSS and where perceived service lies against the zone, per item and dimension."""

def cronbach_alpha(
    items: Any,
    nan_policy: Literal["pairwise", "listwise"] = "pairwise",
    confidence: float = 0.95,
) -> CronbachAlpha:
    """Cronbach's alpha with Feldt's interval and item statistics."""

def key_drivers(
    X: Any,
    y: _ArrayLike,
    method: _DriverMethod = "relative_weights",
    names: Optional[Sequence[str]] = None,
    nan_policy: Literal["pairwise", "listwise"] = "listwise",
    bootstrap: int = 0,
    confidence: float = 0.95,
    seed: int = 0,
    shapley: Optional[bool] = None,
) -> KeyDrivers:
    """Importance of each driver of ``y`` by the chosen method, next to every other measure."""

def key_drivers_from_correlation(
    correlation: Any,
    method: _DriverMethod = "relative_weights",
    names: Optional[Sequence[str]] = None,
    shapley: Optional[bool] = None,
) -> KeyDrivers:
    """Key drivers from a correlation matrix with the outcome last."""

def ipa(
    importance: _ArrayLike,
    performance: _ArrayLike,
    names: Optional[Sequence[str]] = None,
    crosshair: Union[Literal["mean", "median"], Tuple[float, float], None] = None,
) -> Any:
    """Importance–performance quadrants of each attribute (a DataFrame)."""

def value_at_risk(
    scores: _ArrayLike,
    value: _ArrayLike,
    p_alive: Optional[_ArrayLike] = None,
    purchases: Optional[_ArrayLike] = None,
    confidence: float = 0.95,
) -> dict[str, Any]:
    """Future value by NPS group and the detractors' share of it (the value at risk)."""

@final
class PlsModel:
    """A PLS path model: constructs (blocks of indicators), paths and modes."""

    def __new__(
        cls,
        constructs: Mapping[str, Sequence[str]],
        paths: Sequence[Tuple[str, str]],
        modes: Optional[Mapping[str, str]] = None,
    ) -> PlsModel: ...
    @staticmethod
    def from_json(text: str) -> PlsModel: ...
    @staticmethod
    def from_toml(text: str) -> PlsModel: ...
    @staticmethod
    def acsi(items: Mapping[str, Sequence[str]]) -> PlsModel: ...
    @staticmethod
    def ecsi(items: Mapping[str, Sequence[str]]) -> PlsModel: ...
    @staticmethod
    def ccsi(items: Mapping[str, Sequence[str]]) -> PlsModel: ...
    @property
    def constructs(self) -> dict[str, list[str]]: ...
    @property
    def modes(self) -> dict[str, str]: ...
    @property
    def paths(self) -> list[tuple[str, str]]: ...

@final
class PlsResult:
    """An estimated PLS path model with its tables, bootstrap and IPMA."""
    def plot(self, **kwargs: Any) -> Any:
        """This result's chart through ``cxkit.plot`` (needs matplotlib)."""

    @property
    def paths(self) -> Any: ...
    @property
    def weights(self) -> Any: ...
    @property
    def loadings(self) -> Any: ...
    @property
    def scores(self) -> Any: ...
    @property
    def r_squared(self) -> Any: ...
    @property
    def warnings(self) -> list[str]: ...
    @property
    def effects(self) -> Any: ...
    @property
    def reliability(self) -> Any: ...
    @property
    def htmt(self) -> Any: ...
    @property
    def fornell_larcker(self) -> Any: ...
    @property
    def cross_loadings(self) -> Any: ...
    @property
    def vif(self) -> Any: ...
    @property
    def n(self) -> int: ...
    @property
    def iterations(self) -> int: ...
    @property
    def model(self) -> PlsModel: ...
    def bootstrap(self, n: int = 5000, seed: int = 0, confidence: float = 0.95) -> dict[str, Any]: ...
    def ipma(self, target: str, scale: Union[Tuple[float, float], Mapping[str, Tuple[float, float]]]) -> Any: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

def pls_pm(
    data: Any,
    model: Optional[PlsModel] = None,
    constructs: Optional[Mapping[str, Sequence[str]]] = None,
    paths: Optional[Sequence[Tuple[str, str]]] = None,
    modes: Optional[Mapping[str, str]] = None,
    scheme: Literal["path", "factorial", "centroid"] = "path",
    nan_policy: Literal["raise", "omit", "mean"] = "raise",
    tolerance: float = 1e-10,
    max_iterations: int = 300,
    columns: Optional[Sequence[str]] = None,
) -> PlsResult:
    """PLS path modelling (Lohmöller's algorithm on standardised indicators)."""

@final
class IndicatorTree:
    """Journeys → stages → touchpoints → indicators."""

    def __new__(cls, json: str) -> IndicatorTree: ...
    @staticmethod
    def from_json(text: str) -> IndicatorTree: ...
    @staticmethod
    def from_toml(text: str) -> IndicatorTree: ...
    @staticmethod
    def from_dict(spec: Any) -> IndicatorTree: ...
    def to_json(self) -> str: ...
    @property
    def indicator_ids(self) -> list[str]: ...
    def evaluate(
        self,
        events: Any,
        window: Literal["day", "week", "month", "rolling"] = "week",
        at: Any = None,
        days: Optional[int] = None,
        by: Optional[Literal["segment"]] = None,
        alpha: float = 0.05,
        on_reject: Literal["error", "count"] = "error",
    ) -> Any:
        """Folds an event DataFrame and evaluates a window (a DataFrame per node)."""

@final
class JourneyState:
    """Events folded per indicator, segment and day; mergeable and picklable. Segments are
    named by their text (an integer segment 7 is the segment "7"), as the state is merged by
    label across batches."""
    def plot(self, **kwargs: Any) -> Any:
        """This result's chart through ``cxkit.plot`` (needs matplotlib)."""

    def __new__(cls, tree: IndicatorTree) -> JourneyState: ...
    def update(self, events: Any, on_reject: Literal["error", "count"] = "error") -> None: ...
    def merge(self, other: JourneyState) -> None: ...
    def to_bytes(self) -> bytes:
        """The state as versioned bytes with its segment labels (not the tree)."""
    @classmethod
    def from_bytes(cls, data: bytes, tree: IndicatorTree) -> JourneyState:
        """Reads ``to_bytes`` output for ``tree``; CorruptBytesError or IncompatibleError."""
    @property
    def events(self) -> int: ...
    @property
    def rejects(self) -> dict[str, int]: ...
    def evaluate(
        self,
        window: Literal["day", "week", "month", "rolling"] = "week",
        at: Any = None,
        days: Optional[int] = None,
        by: Optional[Literal["segment"]] = None,
        alpha: float = 0.05,
    ) -> Any:
        """Every node of the tree in a window (a DataFrame)."""

def pain_points(
    state: JourneyState,
    window: Literal["day", "week", "month", "rolling"] = "week",
    at: Any = None,
    days: Optional[int] = None,
    gap_to: Literal["target", "benchmark"] = "target",
    importance: Optional[dict[str, float]] = None,
) -> Any:
    """Touchpoints ranked by importance × gap to target or benchmark (a DataFrame)."""

@final
class ComplaintMetrics(_Result):
    """Complaint-handling metrics."""
    def plot(self, **kwargs: Any) -> Any:
        """This result's chart through ``cxkit.plot`` (needs matplotlib)."""

    @property
    def complaints(self) -> int: ...
    @property
    def resolved(self) -> int: ...
    @property
    def first_contact_resolution(self) -> Optional[float]: ...
    @property
    def backlog(self) -> int: ...
    @property
    def reopen_rate(self) -> Optional[float]: ...
    @property
    def per_1000(self) -> Optional[float]: ...
    @property
    def response(self) -> dict[str, Any]: ...
    @property
    def resolution(self) -> dict[str, Any]: ...
    @property
    def by_channel(self) -> Any: ...
    @property
    def by_category(self) -> Any: ...

def complaint_metrics(
    frame: Any,
    sla: Optional[dict[str, Any]] = None,
    percentiles: Sequence[float] = ...,
    as_of: Any = None,
    customers: Optional[float] = None,
    customers_by_channel: Optional[dict[str, float]] = None,
    customers_by_category: Optional[dict[str, float]] = None,
) -> ComplaintMetrics:
    """First-contact resolution, response/resolution times against SLAs, backlog, rates."""

def service_recovery(complainants: _ArrayLike, others: _ArrayLike, confidence: float = 0.95) -> dict[str, Any]:
    """Satisfaction of resolved complainants minus that of non-complainants (Welch)."""

def complaint_iceberg(
    customers: float, complainants: float, dissatisfied: float, respondents: float, confidence: float = 0.95
) -> dict[str, Any]:
    """Estimated silent dissatisfied customers, with the assumption stated."""

def load_demo_bank(seed: int = 2026, customers: int = 50_000) -> dict[str, Any]:
    """The demo bank as a dict of pandas DataFrames, one per data file (and the journey tree and the satisfaction model as JSON)."""

def read_bank(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A bank's CSV files (docs/data-schema.md, any subset) as the same dict of DataFrames."""

def report(
    data: str | os.PathLike[str] | Mapping[str, Any] | None = None,
    out: str | os.PathLike[str] | None = None,
    seed: int = 2026,
    customers: int = 50_000,
    confidence: float = 0.95,
    lang: str = "en",
) -> dict[str, Any]:
    """Writes report.html and report.json for a data directory, a dict of DataFrames or the demo bank, in English ("en") or Simplified Chinese ("zh"); returns the numbers."""

@overload
def mask_pii(texts: str) -> str: ...
@overload
def mask_pii(texts: Any) -> Any: ...
@overload
def tokenize(texts: str) -> list[str]: ...
@overload
def tokenize(texts: Any) -> Any: ...
def normalize(text: str) -> str:
    """Full-width forms folded to half-width, letters lower-cased: "ＡＴＭ　机" → "atm 机"."""

@final
class Tokenizer:
    """Chinese by jieba's dictionary segmentation (built in), other text by Unicode word boundaries; the bank's own words and replaceable stop words."""

    def __new__(cls, words: Optional[Sequence[str]] = None, stop_words: Optional[Sequence[str]] = None) -> Tokenizer: ...
    def add_words(self, words: Sequence[str]) -> None: ...
    def set_stop_words(self, words: Sequence[str]) -> None: ...
    def is_stop_word(self, word: str) -> bool: ...
    def segment(self, text: str) -> list[str]: ...
    @overload
    def tokenize(self, texts: str) -> list[str]: ...
    @overload
    def tokenize(self, texts: Any) -> Any: ...

@final
class Taxonomy:
    """Topics and sub-topics with word rules (any, all, none, window), matched in one pass per text."""

    @staticmethod
    def default(lang: str = "en") -> Taxonomy: ...
    @staticmethod
    def default_toml() -> str: ...
    @staticmethod
    def from_json(text: str, lang: str = "en") -> Taxonomy: ...
    @staticmethod
    def from_toml(text: str, lang: str = "en") -> Taxonomy: ...
    @staticmethod
    def from_dict(spec: Mapping[str, Any], lang: str = "en") -> Taxonomy: ...
    @property
    def topics(self) -> Any: ...
    def tag(self, texts: Any) -> Any: ...
    def indicators(self, texts: Any) -> Any:
        """One boolean column per topic id: whether each text carries the topic (``tag`` without the evidence, fast)."""

@final
class Lexicon:
    """A sentiment lexicon: word weights, negations, degree words and a window in words."""

    @staticmethod
    def default() -> Lexicon: ...
    @staticmethod
    def default_toml() -> str: ...
    @staticmethod
    def from_toml(text: str) -> Lexicon: ...
    @staticmethod
    def from_json(text: str) -> Lexicon: ...
    @staticmethod
    def from_dict(spec: Mapping[str, Any]) -> Lexicon: ...

def sentiment(texts: Any, lexicon: Optional[Lexicon] = None) -> Any:
    """One row per text: score, polarity, words, hits ((word, modifiers, value, start, end))."""

def keywords(
    texts: Any,
    by: Any = None,
    method: str = "tfidf",
    top: int = 20,
    min_chars: int = 2,
    window: int = 5,
    tokenizer: Optional[Tokenizer] = None,
) -> Any:
    """TF-IDF or TextRank keywords of the texts or of each group (``by``): group, rank, term, score, count, docs."""

def term_changes(
    before: Any,
    after: Any,
    min_docs: int = 5,
    min_chars: int = 2,
    tokenizer: Optional[Tokenizer] = None,
) -> Any:
    """Terms whose share of comments rose or fell between two periods, with a two-proportion z-test."""

@final
class TopicImpacts(_Result):
    """What the topics of a column of comments cost: score, comments, empty, scored, warnings, table, drivers, sentiment, groups."""

    def plot(self, **kwargs: Any) -> Any:
        """This result's chart: ``cxkit.plot.topics(self, **kwargs)``."""

    @property
    def score(self) -> Optional[float]: ...
    @property
    def comments(self) -> int: ...
    @property
    def empty(self) -> int: ...
    @property
    def scored(self) -> int: ...
    @property
    def warnings(self) -> list[str]: ...
    @property
    def table(self) -> Any: ...
    @property
    def drivers(self) -> Optional[KeyDrivers]: ...
    @property
    def sentiment(self) -> dict[str, Any]: ...
    @property
    def groups(self) -> Optional[dict[str, TopicImpacts]]: ...

def topic_impact(
    texts: Any,
    scores: Any,
    by: Any = None,
    taxonomy: Optional[Taxonomy] = None,
    lexicon: Optional[Lexicon] = None,
    metric: str = "nps",
    scale: Union[int, tuple[int, int], None] = None,
    confidence: float = 0.95,
    min_mentions: int = 10,
) -> TopicImpacts:
    """What each topic costs (share × (score without − score with)), with an interval and key drivers; ``texts`` may be the tags DataFrame of ``Taxonomy.tag`` (matched to ``scores`` by label)."""

def impact_change(before: TopicImpacts, after: TopicImpacts) -> Any:
    """The change of each topic's cost between two TopicImpacts: before, after, change, z, p_value."""

@final
class TopicAccumulator:
    """A mergeable fold of comments: topics' mentions and score sums, co-mentions, sentiment and words per group."""

    def __new__(
        cls,
        taxonomy: Optional[Taxonomy] = None,
        lexicon: Optional[Lexicon] = None,
        metric: str = "nps",
        scale: Union[int, tuple[int, int], None] = None,
        confidence: float = 0.95,
        min_mentions: int = 10,
        min_chars: int = 2,
    ) -> TopicAccumulator: ...
    def add(self, texts: Any, scores: Any = None, by: Any = None) -> None: ...
    def finish(self, group: Optional[str] = None) -> TopicImpacts: ...
    @property
    def names(self) -> list[str]: ...
    @property
    def groups(self) -> list[str]: ...
    def keywords(self, group: Optional[str] = None, top: int = 20) -> Any: ...
    def merge(self, other: TopicAccumulator) -> None: ...
    def to_bytes(self) -> bytes: ...
    @classmethod
    def from_bytes(cls, data: bytes, names: Optional[Sequence[str]] = None) -> TopicAccumulator: ...
