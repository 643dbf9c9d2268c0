"""cxkit on Apache Spark: survey scores, KANO tables, SERVQUAL gaps, Cronbach's alpha and
journey indicators of a Spark DataFrame, computed where its partitions live.

Each partition folds its rows into cxkit accumulators with ``DataFrame.mapInArrow`` (one
state per group with ``by``); the small partial states come back to the driver as pickles
and merge there. Counts equal a single-process run exactly; floating-point results agree to
rounding (about 1e-15 relative). The executors need cxkit installed (``pip install cxkit`` on
the cluster's image, or ``spark.submit.pyFiles``); pyspark is imported only when a function
here runs, so ``import cxkit.spark`` works without it.

>>> from pyspark.sql import SparkSession                      # doctest: +SKIP
>>> spark = SparkSession.builder.getOrCreate()                 # doctest: +SKIP
>>> df = spark.read.parquet("s3://bank/surveys/2026/")         # doctest: +SKIP
>>> cxkit.spark.nps(df, "ltr", by="branch")["Shanghai"].score  # doctest: +SKIP
41.2

Any accumulator folds the same way through ``fold``: give the columns, how to make an empty
state and how a pandas frame of those columns updates it.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence

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

_STATE_SCHEMA = "key binary, state binary"


def _run(df: Any, metric: Metric, by: By) -> Any:
    """Folds every partition of ``df`` with ``metric`` and merges the parts on the driver."""
    import pyarrow as pa  # type: ignore[import-untyped]

    columns = parts.columns(metric, by)

    def per_partition(batches):
        states = parts.fold((b.to_pandas() for b in batches), metric, by)
        rows = parts.dumps(states)
        if rows:
            keys, values = zip(*rows)
            yield pa.RecordBatch.from_arrays(
                [pa.array(keys, pa.binary()), pa.array(values, pa.binary())], names=["key", "state"]
            )

    try:
        collected = df.select(*columns).mapInArrow(per_partition, _STATE_SCHEMA).collect()
    except Exception as error:
        raise _cxkit_error(error) from error
    return parts.finish(parts.loads((r["key"], r["state"]) for r in collected), metric, by)


def _cxkit_error(error: Exception) -> Exception:
    """The cxkit error an executor raised, as its own class (Spark wraps it in a
    PythonException whose text holds the worker's traceback), else ``error`` itself."""
    import re

    import cxkit

    found = re.search(r"cxkit\.(\w+Error): ([^\n]*)", str(error))
    if found is None:
        return error
    cls = getattr(cxkit, found.group(1), None)
    if isinstance(cls, type) and issubclass(cls, cxkit.CxError):
        return cls(found.group(2))
    return error


fold, nps, csat, likert_summary, kano, servqual, cronbach_alpha, journey, topics = parts.bind(_run)


def score_customers(
    df: Any,
    model: Any,
    t: Optional[float] = None,
    frequency: str = "frequency",
    recency: str = "recency",
    T: str = "T",
) -> Any:
    """The customer table ``df`` (one row per customer with frequency, recency and T) with
    ``p_alive`` and, when ``t`` is given, ``expected_purchases`` in the next ``t`` periods from
    a fitted ``cxkit.BetaGeo`` or ``cxkit.ParetoNbd``, scored partition by partition (a new
    Spark DataFrame; nothing is collected)."""
    import pyarrow as pa  # type: ignore[import-untyped]
    from pyspark.sql.types import DoubleType, StructField, StructType

    fields = list(df.schema.fields) + [StructField("p_alive", DoubleType(), False)]
    if t is not None:
        fields.append(StructField("expected_purchases", DoubleType(), False))
    schema = StructType(fields)

    def per_partition(batches):
        for batch in batches:
            frame = parts.score_frame(batch.to_pandas(), model, t, frequency, recency, T)
            yield pa.RecordBatch.from_pandas(frame, preserve_index=False)

    return df.mapInArrow(per_partition, schema)

