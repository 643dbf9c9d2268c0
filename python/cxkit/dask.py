"""cxkit on Dask: the functions of ``cxkit.spark`` for ``dask.dataframe`` DataFrames.

Each partition folds its rows into cxkit accumulators in a Dask task (one state per group
with ``by``); the partial states are merged by a tree reduction, so no worker holds more than
a few of them; the last merge finishes the result. Counts equal a single-process run exactly;
floating-point results agree to rounding. dask is imported only when a function here runs.

>>> import dask.dataframe as dd                                   # doctest: +SKIP
>>> ddf = dd.read_parquet("s3://bank/surveys/2026/")              # doctest: +SKIP
>>> cxkit.dask.csat(ddf, "csat", by="branch")["Chengdu"].top_box  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, Optional

from cxkit import _partitions as parts
from cxkit._partitions import By, Metric

__all__ = [
    "cronbach_alpha",
    "csat",
    "fold",
    "journey",
    "kano",
    "likert_summary",
    "nps",
    "score_customers",
    "servqual",
    "topics",
]

# States merged per task of the reduction tree.
_FAN_IN = 8


def _run(ddf: Any, metric: Metric, by: By) -> Any:
    """Folds every partition of ``ddf`` with ``metric``, merges the parts in a tree of Dask
    tasks and finishes the result."""
    import dask

    columns = parts.columns(metric, by)
    level = [dask.delayed(parts.fold)([p], metric, by) for p in ddf[columns].to_delayed()]
    while len(level) > 1:
        level = [
            dask.delayed(parts.merge_states)(level[i : i + _FAN_IN]) for i in range(0, len(level), _FAN_IN)
        ]
    return parts.finish(level[0].compute() if level else {}, metric, by)


fold, nps, csat, likert_summary, kano, servqual, cronbach_alpha, journey, topics = parts.bind(_run)


def score_customers(
    ddf: Any,
    model: Any,
    t: Optional[float] = None,
    frequency: str = "frequency",
    recency: str = "recency",
    T: str = "T",
) -> Any:
    """The customer table ``ddf`` with ``p_alive`` and, when ``t`` is given,
    ``expected_purchases`` from a fitted ``cxkit.BetaGeo`` or ``cxkit.ParetoNbd``, partition by
    partition (a new lazy Dask DataFrame)."""
    meta = ddf._meta.assign(p_alive=0.0)
    if t is not None:
        meta = meta.assign(expected_purchases=0.0)
    return ddf.map_partitions(parts.score_frame, model, t, frequency, recency, T, meta=meta)
