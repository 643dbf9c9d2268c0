"""Folding partitions of a distributed DataFrame into cxkit state, shared by ``cxkit.spark``
and ``cxkit.dask``.

A *metric* says which columns it reads, how to make an empty state, how to fold a pandas
frame of those columns into it and how to finish the merged state into a result. Each
partition folds its rows into one state per group; the parts travel as pickles (every cxkit
state pickles through its versioned bytes) and merge on the driver, in any order.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Hashable, Iterable, List, Literal, Optional, Sequence, Union

import numpy as np

import cxkit

By = Union[None, str, Sequence[str]]


def by_columns(by: By) -> List[str]:
    """The group columns of ``by`` (None, a column or several)."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def columns(metric: "Metric", by: By) -> List[str]:
    """The columns a fold reads: the group columns, then the metric's, each once."""
    return list(dict.fromkeys(by_columns(by) + metric.columns))


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (so group keys are plain dict keys)."""
    return value.item() if isinstance(value, np.generic) else value


@dataclass(frozen=True)
class Metric:
    """What to fold: the columns read, an empty state, how a frame updates it, and the result."""

    columns: List[str]
    new: Callable[[], Any]
    update: Callable[[Any, Any], None]
    finish: Callable[[Any], Any] = field(default=lambda state: state)


def fold(frames: Iterable[Any], metric: Metric, by: By = None) -> Dict[Hashable, Any]:
    """One state per group (key None without ``by``) of the rows of some pandas frames."""
    group = by_columns(by)
    states: Dict[Hashable, Any] = {}
    for frame in frames:
        if len(frame) == 0:
            continue
        if not group:
            parts: Iterable[Any] = [(None, frame)]
        else:
            parts = frame.groupby(group, sort=False, dropna=False)
        for key, part in parts:
            if group:
                key = tuple(_plain(k) for k in key)
                key = key[0] if isinstance(by, str) else key
            state = states.get(key)
            if state is None:
                state = states[key] = metric.new()
            metric.update(state, part[metric.columns])
    return states


def dumps(states: Dict[Hashable, Any]) -> List[tuple]:
    """(pickled key, pickled state) rows of a partition's states."""
    return [(pickle.dumps(k), pickle.dumps(s)) for k, s in states.items()]


def merge_states(parts: Iterable[Dict[Hashable, Any]]) -> Dict[Hashable, Any]:
    """One dict of states by group from several (the first state of a group absorbs the rest)."""
    merged: Dict[Hashable, Any] = {}
    for states in parts:
        for key, state in states.items():
            if key in merged:
                merged[key].merge(state)
            else:
                merged[key] = state
    return merged


def loads(rows: Iterable[tuple]) -> Dict[Hashable, Any]:
    """The merged states of (pickled key, pickled state) rows from every partition."""
    return merge_states({pickle.loads(k): pickle.loads(s)} for k, s in rows)


def finish(states: Dict[Hashable, Any], metric: Metric, by: By = None) -> Any:
    """The result of merged states: one without ``by`` (of no rows when there were none), else
    a dict of results by group key (a tuple for several columns)."""
    if by is None:
        state = states.get(None)
        return metric.finish(state if state is not None else metric.new())
    return {k: metric.finish(s) for k, s in states.items()}


def _scores(column: str, new: Callable[[], Any], weight: Optional[str], nan_policy: str, finish) -> Metric:
    def update(state, frame):
        w = frame[weight].to_numpy() if weight else None
        state.update(frame[column].to_numpy(), weights=w, nan_policy=nan_policy)

    return Metric([column] + ([weight] if weight else []), new, update, finish)


def nps_metric(score: str, weight: Optional[str], nan_policy: str, confidence: float, method: str) -> Metric:
    """NPS of a 0-10 score column."""
    return _scores(score, cxkit.NpsAccumulator, weight, nan_policy, lambda s: s.finish(confidence, method))


def csat_metric(score, scale, top, weight, nan_policy, confidence, interval) -> Metric:
    """Top-box share and mean (CSAT) of a score column."""
    return _scores(
        score,
        lambda: cxkit.TopBoxAccumulator(scale, top),
        weight,
        nan_policy,
        lambda s: s.finish(confidence, interval),
    )


def likert_metric(score, scale, boxes, weight, nan_policy) -> Metric:
    """Likert distribution summary of a score column."""
    return _scores(score, lambda: cxkit.LikertAccumulator(scale, boxes), weight, nan_policy, lambda s: s.finish())


def kano_metric(functional: Sequence[str], dysfunctional: Sequence[str], names, form, nan_policy) -> Metric:
    """KANO answer-pair counts of paired functional/dysfunctional columns."""
    functional, dysfunctional = list(functional), list(dysfunctional)
    if len(functional) != len(dysfunctional):
        raise cxkit.LengthMismatchError(
            f"length mismatch in dysfunctional columns: expected {len(functional)}, got {len(dysfunctional)}"
        )
    names = list(names) if names is not None else functional

    def update(state, frame):
        state.update(frame[functional].to_numpy(), frame[dysfunctional].to_numpy(), form, nan_policy)

    return Metric(
        functional + dysfunctional,
        lambda: cxkit.KanoAccumulator(len(functional), names),
        update,
        lambda s: s.finish(),
    )


def servqual_metric(perceptions, expectations, items, options: dict) -> Metric:
    """SERVQUAL gaps of paired perception/expectation columns."""
    perceptions, expectations = list(perceptions), list(expectations)
    items = list(items) if items is not None else perceptions

    def update(state, frame):
        state.update(frame[perceptions].to_numpy(dtype=float), frame[expectations].to_numpy(dtype=float))

    return Metric(
        perceptions + expectations,
        lambda: cxkit.ServqualAccumulator(items, **options),
        update,
        lambda s: s.finish(),
    )


def alpha_metric(items: Sequence[str], nan_policy: Literal["pairwise", "listwise"], confidence: float) -> Metric:
    """Cronbach's alpha (through the covariance sums) of item columns."""
    items = list(items)

    def update(state, frame):
        state.update(frame.to_numpy(dtype=float))

    return Metric(
        items,
        lambda: cxkit.CovarianceAccumulator(items, nan_policy),
        update,
        lambda s: s.cronbach_alpha(confidence),
    )


def journey_metric(tree, columns: Dict[str, Optional[str]], on_reject: str) -> Metric:
    """Journey events folded into a JourneyState (columns: indicator, timestamp, value and
    optionally segment, touchpoint, each mapped to the frame's column name)."""
    used = {role: col for role, col in columns.items() if col is not None}

    def update(state, frame):
        state.update({role: frame[col] for role, col in used.items()}, on_reject=on_reject)

    return Metric(list(used.values()), lambda: cxkit.JourneyState(tree), update)


def topics_metric(text: str, score: Optional[str], group: Optional[str], template: Any) -> Metric:
    """Comments folded into a TopicAccumulator like ``template`` (an empty one: its taxonomy,
    lexicon and options travel to the workers in its bytes; groups are its own, by ``group``)."""
    empty, names = template.to_bytes(), template.names
    used = [c for c in (text, score, group) if c is not None]

    def update(state, frame):
        state.add(
            frame[text],
            frame[score] if score is not None else None,
            by=frame[group] if group is not None else None,
        )

    return Metric(
        list(dict.fromkeys(used)),
        lambda: cxkit.TopicAccumulator.from_bytes(empty, names),
        update,
        lambda s: s.finish(),
    )


def bind(run: Callable[[Any, Metric, By], Any]) -> tuple:
    """The public functions shared by ``cxkit.spark`` and ``cxkit.dask`` over the engine's
    ``run``: fold, nps, csat, likert_summary, kano, servqual, cronbach_alpha, journey, topics."""
    f = Frontend(run)
    return f.fold, f.nps, f.csat, f.likert_summary, f.kano, f.servqual, f.cronbach_alpha, f.journey, f.topics


class Frontend:
    """The public functions of ``cxkit.spark`` and ``cxkit.dask``, over the engine's ``run``
    (a DataFrame, a Metric and ``by`` in; the merged, finished result out)."""

    def __init__(self, run: Callable[[Any, Metric, By], Any]) -> None:
        self._run = run

    def fold(self, df: Any, columns: Sequence[str], new: Any, update: Any, by: By = None) -> Any:
        """The merged state of any cxkit accumulator over ``df``: ``new()`` makes an empty state,
        ``update(state, frame)`` folds a pandas frame of ``columns`` into it. Returns the state
        (a dict of states by group key with ``by``); finish it yourself.

        >>> acc = cxkit.spark.fold(df, ["csat"], lambda: cxkit.TopBoxAccumulator(5, 1),  # doctest: +SKIP
        ...                        lambda s, f: s.update(f["csat"].to_numpy()))
        >>> acc.finish().top_box.estimate                                                 # doctest: +SKIP
        0.31
        """
        return self._run(df, Metric(list(columns), new, update), by)

    def nps(
        self,
        df: Any,
        score: str,
        by: By = None,
        weight: Optional[str] = None,
        confidence: float = 0.95,
        method: str = "adjusted_wald",
        nan_policy: str = "raise",
    ) -> Any:
        """Net Promoter Score of the 0-10 column ``score`` (optionally weighted by ``weight``), as
        ``cxkit.nps`` gives it; a dict of Nps by group with ``by``."""
        return self._run(df, nps_metric(score, weight, nan_policy, confidence, method), by)

    def csat(
        self,
        df: Any,
        score: str,
        scale: Any = 5,
        top: int = 2,
        by: By = None,
        weight: Optional[str] = None,
        confidence: float = 0.95,
        interval: str = "wilson",
        nan_policy: str = "raise",
    ) -> Any:
        """CSAT (top-box share and mean) of ``score``, as ``cxkit.csat`` gives it."""
        return self._run(df, csat_metric(score, scale, top, weight, nan_policy, confidence, interval), by)

    def likert_summary(
        self,
        df: Any,
        score: str,
        scale: Any,
        boxes: int = 2,
        by: By = None,
        weight: Optional[str] = None,
        nan_policy: str = "raise",
    ) -> Any:
        """Likert summary of ``score``, as ``cxkit.likert_summary`` gives it."""
        return self._run(df, likert_metric(score, scale, boxes, weight, nan_policy), by)

    def kano(
        self,
        df: Any,
        functional: Sequence[str],
        dysfunctional: Sequence[str],
        features: Optional[Sequence[str]] = None,
        by: By = None,
        form: str = "full",
        nan_policy: str = "raise",
    ) -> Any:
        """KANO table of paired answer columns (feature i: ``functional[i]``,
        ``dysfunctional[i]``), as a ``cxkit.KanoAccumulator`` over every row gives it."""
        return self._run(df, kano_metric(functional, dysfunctional, features, form, nan_policy), by)

    def servqual(
        self,
        df: Any,
        perceptions: Sequence[str],
        expectations: Sequence[str],
        items: Optional[Sequence[str]] = None,
        by: By = None,
        **options: Any,
    ) -> Any:
        """SERVQUAL gaps of paired perception/expectation columns, as ``cxkit.servqual`` gives
        them (without the weighted score); ``options`` are ``cxkit.ServqualAccumulator``'s
        (dimensions, scale, reversed, nan_policy, confidence)."""
        return self._run(df, servqual_metric(perceptions, expectations, items, options), by)

    def cronbach_alpha(
        self,
        df: Any,
        items: Sequence[str],
        by: By = None,
        nan_policy: Literal["pairwise", "listwise"] = "pairwise",
        confidence: float = 0.95,
    ) -> Any:
        """Cronbach's alpha of the ``items`` columns, as ``cxkit.cronbach_alpha`` gives it."""
        return self._run(df, alpha_metric(items, nan_policy, confidence), by)

    def journey(
        self,
        df: Any,
        tree: Any,
        indicator: str = "indicator",
        timestamp: str = "timestamp",
        value: str = "value",
        segment: Optional[str] = None,
        touchpoint: Optional[str] = None,
        on_reject: str = "error",
    ) -> Any:
        """A ``cxkit.JourneyState`` of every event of ``df`` (column names as given); evaluate
        it or pass it to ``cxkit.pain_points`` on the driver."""
        columns: Dict[str, Optional[str]] = {
            "indicator": indicator,
            "timestamp": timestamp,
            "value": value,
            "segment": segment,
            "touchpoint": touchpoint,
        }
        return self._run(df, journey_metric(tree, columns, on_reject), None)


    def topics(
        self,
        df: Any,
        text: str,
        score: Optional[str] = None,
        group: Optional[str] = None,
        taxonomy: Any = None,
        lexicon: Any = None,
        metric: str = "nps",
        scale: Any = None,
        confidence: float = 0.95,
        min_mentions: int = 10,
    ) -> Any:
        """What the topics of the comments in column ``text`` cost, by the scores in ``score``
        (optional) and per ``group`` (optional), as ``cxkit.topic_impact`` gives it: each
        partition folds a ``cxkit.TopicAccumulator`` and the driver merges them (its
        ``groups`` hold each group's result)."""
        template = cxkit.TopicAccumulator(taxonomy, lexicon, metric, scale, confidence, min_mentions)
        return self._run(df, topics_metric(text, score, group, template), None)


def score_frame(frame, model, t: Optional[float], frequency: str, recency: str, T: str):
    """The customer table with P(alive) and, when ``t`` is given, expected purchases in the
    next ``t`` periods, from a fitted BG/NBD or Pareto/NBD model."""
    out = frame.copy()
    f, r, tt = (frame[c].to_numpy(dtype=float) for c in (frequency, recency, T))
    out["p_alive"] = model.probability_alive(f, r, tt)
    if t is not None:
        out["expected_purchases"] = model.expected_purchases(t, f, r, tt)
    return out
