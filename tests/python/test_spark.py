"""cxkit.spark on a real local Spark session (pyspark, Java 17): a few hundred thousand rows
in several partitions give exactly the single-process counts and the single-process floats to
1e-12. The single-process functions are themselves checked against published values in the
other test files."""

import os
import shutil
import sys

import numpy as np
import pandas as pd
import pytest

import cxkit

pyspark = pytest.importorskip("pyspark", reason="pyspark is installed by scripts/python-env.sh")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java (scripts/system-env.sh installs it where it can)", allow_module_level=True)

import cxkit.spark as cs  # noqa: E402

PARTITIONS = 7
from conftest import FEATURES, ITEMS  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The executors' Python must be this one, where the wheel under test is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("cxkit-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", str(PARTITIONS))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def df(spark, survey):
    d = spark.createDataFrame(survey).repartition(PARTITIONS).cache()
    assert d.rdd.getNumPartitions() == PARTITIONS
    return d


def close(a, b):
    assert a == pytest.approx(b, rel=1e-12, abs=1e-12)


def test_nps_and_csat_by_group_equal_one_process(df, survey):
    by_branch = cs.nps(df, "ltr", by="branch")
    assert set(by_branch) == set(survey["branch"])
    for branch, group in survey.groupby("branch"):
        assert by_branch[branch] == cxkit.nps(group["ltr"].to_numpy())  # counts: exact
    two = cs.nps(df, "ltr", by=["branch", "channel"])
    assert two[("Chengdu", "app")] == cxkit.nps(
        survey.query("branch == 'Chengdu' and channel == 'app'")["ltr"].to_numpy()
    )
    assert cs.nps(df, "ltr") == cxkit.nps(survey["ltr"].to_numpy())

    weighted = cs.csat(df, "csat", scale=5, top=2, weight="weight")
    whole = cxkit.csat(survey["csat"].to_numpy(), weights=survey["weight"].to_numpy())
    for a, b in [(weighted.top_box, whole.top_box), (weighted.mean, whole.mean)]:
        close(a.estimate, b.estimate)
        close(a.ci_low, b.ci_low)
        close(a.n_effective, b.n_effective)
        assert a.n == b.n
    likert = cs.likert_summary(df, "csat", scale=5)
    assert likert.counts == cxkit.likert_summary(survey["csat"].to_numpy(), scale=5).counts


def test_kano_servqual_and_alpha_equal_one_process(df, survey):
    f = [f"{x}_f" for x in FEATURES]
    d = [f"{x}_d" for x in FEATURES]
    table = cs.kano(df, f, d, features=FEATURES).table
    one = cxkit.KanoAccumulator(len(FEATURES), FEATURES)
    one.update(survey[f].to_numpy(), survey[d].to_numpy())
    pd.testing.assert_frame_equal(table, one.finish().table)

    p = [f"p_{i}" for i in ITEMS]
    e = [f"e_{i}" for i in ITEMS]
    options = dict(dimensions=["reliability", "reliability", "empathy", "tangibles"], nan_policy="omit")
    spark_sq = cs.servqual(df, p, e, items=ITEMS, **options)
    whole = cxkit.servqual(
        survey[p].set_axis(ITEMS, axis=1), survey[e].set_axis(ITEMS, axis=1), **options
    )
    np.testing.assert_allclose(spark_sq.items.to_numpy(float), whole.items.to_numpy(float), rtol=1e-12)
    np.testing.assert_allclose(spark_sq.dimensions.to_numpy(float), whole.dimensions.to_numpy(float), rtol=1e-12)
    close(spark_sq.overall.estimate, whole.overall.estimate)
    assert spark_sq.overall.n == whole.overall.n

    by_branch = cs.cronbach_alpha(df, p, by="branch")
    for branch, group in survey.groupby("branch"):
        one_alpha = cxkit.cronbach_alpha(group[p])
        close(by_branch[branch].alpha, one_alpha.alpha)
        close(by_branch[branch].ci_high, one_alpha.ci_high)
        assert by_branch[branch].n == one_alpha.n


TREE = {
    "journeys": [
        {
            "id": "mobile",
            "stages": [
                {
                    "id": "use",
                    "touchpoints": [
                        {
                            "id": "login",
                            "indicators": [
                                {"id": "login_ok", "kind": {"type": "rate"}, "target": 0.95},
                                {
                                    "id": "login_p90",
                                    "kind": {"type": "percentile", "p": 90},
                                    "direction": "lower",
                                    "scale": [20, 0],
                                },
                            ],
                        }
                    ],
                }
            ],
        }
    ]
}


def test_journey_state_equals_one_process(spark):
    rng = np.random.default_rng(7)
    n = 200_000
    indicator = rng.choice(["login_ok", "login_p90"], n)
    events = pd.DataFrame(
        {
            "indicator": indicator,
            "timestamp": rng.integers(1_780_000_000, 1_780_000_000 + 60 * 86_400, n),
            "value": np.where(indicator == "login_ok", rng.integers(0, 2, n), rng.gamma(2.0, 2.0, n)),
            "segment": rng.choice(["retail", "sme", "private"], n),
        }
    )
    tree = cxkit.IndicatorTree.from_dict(TREE)
    state = cs.journey(spark.createDataFrame(events).repartition(PARTITIONS), tree, segment="segment")
    one = cxkit.JourneyState(tree)
    one.update(events)
    assert state.events == n
    for window in ["week", "month"]:
        a, b = (
            s.evaluate(window, by="segment").reset_index().sort_values(["node", "segment"], ignore_index=True)
            for s in (state, one)
        )
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)


def test_score_customers_keeps_every_row(spark):
    rng = np.random.default_rng(3)
    n = 100_000
    freq = rng.poisson(1.5, n).astype(float)
    customers = pd.DataFrame(
        {
            "customer_id": np.arange(n),
            "frequency": freq,
            "recency": np.where(freq > 0, rng.uniform(0, 52, n), 0.0),
            "T": np.full(n, 52.0),
        }
    )
    model = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
    scored = cs.score_customers(
        spark.createDataFrame(customers).repartition(PARTITIONS), model, t=26
    ).toPandas()
    scored = scored.sort_values("customer_id").reset_index(drop=True)
    assert len(scored) == n
    f, r, t = (customers[c].to_numpy() for c in ["frequency", "recency", "T"])
    np.testing.assert_array_equal(scored["p_alive"], model.probability_alive(f, r, t))
    np.testing.assert_array_equal(scored["expected_purchases"], model.expected_purchases(26, f, r, t))


def test_errors_reach_the_driver_as_cxkit_errors(spark):
    bad = spark.createDataFrame(pd.DataFrame({"ltr": [3, 11, 9]}))
    # The executor's cxkit error is raised again on the driver, as its own class.
    with pytest.raises(cxkit.InvalidScoreError, match="score 11 .* not an integer from 0 to 10"):
        cs.nps(bad, "ltr")
    empty = spark.createDataFrame([], "ltr long")
    with pytest.raises(cxkit.EmptyInputError):
        cs.nps(empty, "ltr")


def test_topics_equal_one_process(spark):
    # Comments folded per partition into TopicAccumulators (their taxonomy and lexicon
    # travel in the bytes) give one accumulator's counts over every comment.
    rng = np.random.default_rng(5)
    comments = pd.DataFrame({
        "text": rng.choice(["手续费太贵了", "APP更新后闪退", "柜员态度很好", "排队太久", "", "谢谢"], size=3_000),
        "ltr": rng.integers(0, 11, size=3_000).astype(float),
        "channel": rng.choice(["app", "branch"], size=3_000),
    })
    df = spark.createDataFrame(comments).repartition(PARTITIONS)
    cost = cs.topics(df, "text", score="ltr", group="channel")
    one = cxkit.topic_impact(comments["text"], comments["ltr"], by=comments["channel"])
    pd.testing.assert_frame_equal(cost.table, one.table, rtol=1e-12)
    assert cost.comments == one.comments and cost.empty == one.empty == (comments["text"] == "").sum()
    assert set(cost.groups) == {"app", "branch"}
