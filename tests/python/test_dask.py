"""cxkit.dask on dask.dataframe: partitions folded in Dask tasks and merged by a tree
reduction give the single-process counts exactly and its floats to 1e-12 (the single-process
functions are checked against published values in the other test files)."""

import numpy as np
import pandas as pd
import pytest

import cxkit

dask = pytest.importorskip("dask", reason="dask is installed by scripts/python-env.sh")
dd = pytest.importorskip("dask.dataframe")

import cxkit.dask as cd  # noqa: E402
from conftest import FEATURES, ITEMS  # noqa: E402

PARTITIONS = 20  # more than the reduction's fan-in, so the tree has two levels


@pytest.fixture(scope="module")
def ddf(survey):
    return dd.from_pandas(survey, npartitions=PARTITIONS)


def close(a, b):
    assert a == pytest.approx(b, rel=1e-12, abs=1e-12)


def test_scores_by_group_equal_one_process(ddf, survey):
    by_branch = cd.nps(ddf, "ltr", by="branch")
    for branch, group in survey.groupby("branch"):
        assert by_branch[branch] == cxkit.nps(group["ltr"].to_numpy())
    weighted = cd.csat(ddf, "csat", weight="weight")
    whole = cxkit.csat(survey["csat"].to_numpy(), weights=survey["weight"].to_numpy())
    close(weighted.top_box.estimate, whole.top_box.estimate)
    close(weighted.mean.ci_low, whole.mean.ci_low)


def test_states_cross_processes(ddf, survey):
    # The process scheduler pickles every partial state between workers.
    f = [f"{x}_f" for x in FEATURES]
    d = [f"{x}_d" for x in FEATURES]
    p = [f"p_{i}" for i in ITEMS]
    with dask.config.set(scheduler="processes", num_workers=2):
        table = cd.kano(ddf, f, d, features=FEATURES).table
        alpha = cd.cronbach_alpha(ddf, p, nan_policy="listwise")
    one = cxkit.KanoAccumulator(len(FEATURES), FEATURES)
    one.update(survey[f].to_numpy(), survey[d].to_numpy())
    pd.testing.assert_frame_equal(table, one.finish().table)
    whole = cxkit.cronbach_alpha(survey[p], nan_policy="listwise")
    close(alpha.alpha, whole.alpha)
    assert alpha.n == whole.n


def test_custom_fold_and_scoring(ddf, survey):
    acc = cd.fold(ddf, ["csat"], lambda: cxkit.TopBoxAccumulator(5, 1), lambda s, f: s.update(f["csat"].to_numpy()))
    assert acc.finish() == cxkit.csat(survey["csat"].to_numpy(), top=1)
    customers = pd.DataFrame({"frequency": [0.0, 2.0, 5.0], "recency": [0.0, 30.0, 50.0], "T": [52.0] * 3})
    model = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
    scored = cd.score_customers(dd.from_pandas(customers, npartitions=2), model, t=26).compute()
    np.testing.assert_array_equal(scored["p_alive"], model.probability_alive(*customers.to_numpy().T))


def test_bad_input_is_the_cxkit_error(ddf):
    with pytest.raises(cxkit.LengthMismatchError):
        cd.kano(ddf, ["fx_f", "chat_f"], ["fx_d"])
    bad = dd.from_pandas(pd.DataFrame({"ltr": [1, 2, 12]}), npartitions=2)
    with pytest.raises(cxkit.InvalidScoreError):
        cd.nps(bad, "ltr")
    empty = dd.from_pandas(pd.DataFrame({"ltr": pd.Series([], dtype="int64")}), npartitions=1)
    with pytest.raises(cxkit.EmptyInputError):
        cd.nps(empty, "ltr")


def _comments(n=2_000):
    rng = np.random.default_rng(11)
    texts = rng.choice(["手续费太贵了", "APP闪退", "柜员态度很好", "排队太久", "", "谢谢"], size=n)
    return pd.DataFrame({
        "text": texts,
        "ltr": rng.integers(0, 11, size=n).astype(float),
        "channel": rng.choice(["app", "branch", "call"], size=n),
    })


def test_topics_equal_one_process():
    # Each partition folds a TopicAccumulator; merged over the tree they give the counts of
    # one accumulator over every comment and its costs to rounding.
    comments = _comments()
    cost = cd.topics(dd.from_pandas(comments, npartitions=PARTITIONS), "text", score="ltr", group="channel",
                     taxonomy=cxkit.Taxonomy.default(lang="zh"))
    one = cxkit.topic_impact(comments["text"], comments["ltr"], by=comments["channel"],
                             taxonomy=cxkit.Taxonomy.default(lang="zh"))
    pd.testing.assert_frame_equal(cost.table, one.table, rtol=1e-12)
    assert cost.table.loc["fees", "name"] == "收费"
    assert set(cost.groups) == {"app", "branch", "call"}
    for g in cost.groups:
        assert (cost.groups[g].table["mentions"] == one.groups[g].table["mentions"]).all()
