"""Journeys and complaints against pandas/numpy/scipy computations of the same definitions."""

import pickle

import numpy as np
import pytest
from scipy import stats

import cxkit

pd = pytest.importorskip("pandas")

TREE = {"journeys": [{"id": "digital", "stages": [
    {"id": "onboard", "weight": 2, "touchpoints": [
        {"id": "signup", "indicators": [
            {"id": "csat", "kind": {"type": "mean"}, "scale": [1, 5], "target": 4.5},
            {"id": "ok", "kind": {"type": "rate"}, "target": 0.9},
        ]}]},
    {"id": "use", "touchpoints": [
        {"id": "app", "weight": 3, "indicators": [
            {"id": "nps", "kind": {"type": "nps"}},
            {"id": "wait_p90", "kind": {"type": "percentile", "p": 90}, "direction": "lower",
             "scale": [60, 0]},
        ]},
        {"id": "branch", "indicators": [
            {"id": "visits", "kind": {"type": "count"}, "scale": [0, 1000]},
            {"id": "top", "kind": {"type": "top_box", "threshold": 4}},
        ]}]},
]}]}


@pytest.fixture
def events(rng):
    n = 6000
    ind = rng.choice(["csat", "ok", "nps", "wait_p90", "visits", "top"], n)
    value = np.select(
        [ind == "csat", ind == "ok", ind == "nps", ind == "wait_p90", ind == "top"],
        [rng.integers(1, 6, n), rng.integers(0, 2, n), rng.integers(0, 11, n),
         rng.exponential(20, n), rng.integers(1, 6, n)],
        1.0,
    ).astype(float)
    ts = pd.Timestamp("2025-03-01") + pd.to_timedelta(rng.integers(0, 45 * 86400, n), unit="s")
    return pd.DataFrame({"indicator": ind, "timestamp": ts, "value": value,
                         "segment": rng.choice(["mass", "premium"], n)})


def expected_values(ev):
    out = {}
    g = dict(tuple(ev.groupby("indicator")["value"]))
    out["csat"] = g["csat"].mean()
    out["ok"] = g["ok"].mean()
    nps = g["nps"]
    out["nps"] = 100 * ((nps >= 9).mean() - (nps <= 6).mean())
    out["wait_p90"] = np.percentile(g["wait_p90"], 90)  # linear, as type 7
    out["visits"] = float(len(g["visits"]))
    out["top"] = (g["top"] >= 4).mean()
    return out


def test_month_window_values_and_roll_up_against_pandas(events):
    tree = cxkit.IndicatorTree.from_dict(TREE)
    r = tree.evaluate(events, window="month", at="2025-03-15")
    march = events[events.timestamp < "2025-04-01"]
    want = expected_values(march)
    for ind, v in want.items():
        assert r.loc[ind, "value"] == pytest.approx(v, rel=1e-12), ind
        assert r.loc[ind, "n"] == (march.indicator == ind).sum()
    index = {
        "csat": 100 * (want["csat"] - 1) / 4, "ok": 100 * want["ok"], "nps": (want["nps"] + 100) / 2,
        "wait_p90": np.clip(100 * (60 - want["wait_p90"]) / 60, 0, 100),
        "visits": np.clip(100 * want["visits"] / 1000, 0, 100), "top": 100 * want["top"],
    }
    for ind, v in index.items():
        assert r.loc[ind, "index"] == pytest.approx(v, rel=1e-12), ind
    signup = (index["csat"] + index["ok"]) / 2
    app = (index["nps"] + index["wait_p90"]) / 2
    branch = (index["visits"] + index["top"]) / 2
    use = (3 * app + branch) / 4
    assert r.loc["use", "index"] == pytest.approx(use)
    assert r.loc["digital", "index"] == pytest.approx((2 * signup + use) / 3)
    assert r.loc["digital", "level"] == "journey" and r.loc["app", "parent"] == "use"
    # February has no events: no previous values.
    assert r["previous"].isna().all()
    # April vs March: the rate's change test is the pooled two-proportion z.
    a = tree.evaluate(events, window="month", at="2025-04-10")
    april = events[events.timestamp >= "2025-04-01"]
    x1, n1 = april.value[april.indicator == "ok"].sum(), (april.indicator == "ok").sum()
    x0, n0 = march.value[march.indicator == "ok"].sum(), (march.indicator == "ok").sum()
    p = (x1 + x0) / (n1 + n0)
    z = (x1 / n1 - x0 / n0) / np.sqrt(p * (1 - p) * (1 / n1 + 1 / n0))
    assert a.loc["ok", "p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-9)
    csat1, csat0 = april.value[april.indicator == "csat"], march.value[march.indicator == "csat"]
    assert a.loc["csat", "p_value"] == pytest.approx(stats.ttest_ind(csat1, csat0, equal_var=False).pvalue, rel=1e-8)


def test_segments_rolling_windows_merge_and_pickle(events):
    tree = cxkit.IndicatorTree.from_dict(TREE)
    st = cxkit.JourneyState(tree)
    st.update(events)
    end = pd.Timestamp("2025-03-20")
    r = st.evaluate(window="rolling", days=7, at=end, by="segment")
    in_window = events[(events.timestamp >= end - pd.Timedelta(days=6)) & (events.timestamp < end + pd.Timedelta(days=1))]
    for seg in ["mass", "premium"]:
        want = expected_values(in_window[in_window.segment == seg])
        got = r[r.segment == seg]
        assert got.loc["csat", "value"] == pytest.approx(want["csat"])
        assert got.loc["wait_p90", "value"] == pytest.approx(want["wait_p90"])
    # Two halves folded apart and merged equal the whole.
    a, b = cxkit.JourneyState(tree), cxkit.JourneyState(tree)
    a.update(events.iloc[:2500])
    b.update(events.iloc[2500:].assign(segment=lambda d: d.segment))
    a.merge(b)
    whole = st.evaluate(window="week", at=end, by="segment")
    merged = a.evaluate(window="week", at=end, by="segment")
    pd.testing.assert_frame_equal(whole.sort_values(["segment", "level"]), merged.sort_values(["segment", "level"]),
                                  check_exact=False, rtol=1e-12)
    back = pickle.loads(pickle.dumps(st))
    pd.testing.assert_frame_equal(back.evaluate(window="week", at=end), st.evaluate(window="week", at=end))
    assert back.events == len(events)


def test_categorical_and_string_ids_fold_alike(events):
    tree = cxkit.IndicatorTree.from_dict(TREE)
    as_text, as_category = cxkit.JourneyState(tree), cxkit.JourneyState(tree)
    as_text.update(events)
    coded = events.astype({"indicator": "category", "segment": "category"})
    assert coded["indicator"].cat.codes.dtype == np.int8
    as_category.update(coded)
    assert pickle.dumps(as_text) == pickle.dumps(as_category)
    # A missing id (NaN in a Categorical) is an unknown indicator, named as missing.
    gap = coded.copy()
    gap.loc[3, "indicator"] = None
    st = cxkit.JourneyState(tree)
    with pytest.raises(cxkit.InvalidParameterError, match=r"event 3: the tree has no indicator \(missing\)"):
        st.update(gap)
    st.update(gap, on_reject="count")
    assert st.rejects["unknown_indicator"] == 1 and st.events == len(events) - 1


def test_rejects_alerts_and_bad_trees():
    tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
        {"id": "t", "indicators": [{"id": "ok", "kind": {"type": "rate"},
                                    "alert": {"warning": 0.8, "critical": 0.5}}]}]}]}]})
    ev = pd.DataFrame({"indicator": ["ok", "ok", "nope"], "timestamp": [0, 0, 0], "value": [1, 0, 1]})
    st = cxkit.JourneyState(tree)
    with pytest.raises(cxkit.InvalidParameterError, match="event 2"):
        st.update(ev)
    assert st.events == 0
    st.update(ev, on_reject="count")
    assert st.rejects == {"unknown_touchpoint": 0, "unknown_indicator": 1, "invalid_value": 0}
    assert st.evaluate(window="day").loc["ok", "alert"] == "critical"  # 0.5 ≤ 0.5
    # Events may name their touchpoint: one the tree does not have is rejected.
    tp = pd.DataFrame({"touchpoint": ["t", "atm"], "indicator": ["ok", "ok"], "timestamp": [0, 0], "value": [1, 1]})
    with pytest.raises(cxkit.InvalidParameterError, match='not measured at touchpoint "atm"'):
        st.update(tp)
    st.update(tp, on_reject="count")
    assert st.rejects["unknown_touchpoint"] == 1 and st.events == 3
    assert st.evaluate(window="day").loc["ok", "alert"] == "warning"  # 2/3 ≤ 0.8
    with pytest.raises(cxkit.InvalidTreeError) as e:
        cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
            {"id": "t", "indicators": [{"id": "t", "kind": {"type": "rate"}}]}]}]}]})
    assert "duplicate" in str(e.value) and "touchpoint t" in e.value.path
    with pytest.raises(cxkit.InvalidTreeError):
        cxkit.IndicatorTree.from_json("{")
    with pytest.raises(cxkit.InvalidParameterError, match="window"):
        st.evaluate(window="quarter")
    with pytest.raises(cxkit.InvalidParameterError, match="timestamp"):
        st.update(pd.DataFrame({"indicator": ["ok"], "timestamp": [pd.NaT], "value": [1]}))


def test_pain_points_rank_by_importance_times_gap(events):
    tree = cxkit.IndicatorTree.from_dict(TREE)
    st = cxkit.JourneyState(tree)
    st.update(events)
    p = cxkit.pain_points(st, window="month", at="2025-03-10")
    r = st.evaluate(window="month", at="2025-03-10")
    # Only signup has targets: gap = mean(max(0, 87.5 − csat index), max(0, 90 − ok index)).
    gaps = [max(0, 87.5 - r.loc["csat", "index"]), max(0, 90 - r.loc["ok", "index"])]
    assert p["touchpoint"].tolist() == ["signup"]
    assert p.loc[0, "gap"] == pytest.approx(np.mean(gaps))
    assert p.loc[0, "score"] == pytest.approx(2 / 3 * np.mean(gaps))
    assert [e["indicator"] for e in p.loc[0, "evidence"]] == ["csat", "ok"]
    custom = cxkit.pain_points(st, window="month", at="2025-03-10", importance={"signup": 1.0})
    assert custom.loc[0, "score"] == pytest.approx(np.mean(gaps))


def test_complaint_metrics_against_pandas(rng):
    n = 500
    opened = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 30 * 24, n), unit="h")
    resp = opened + pd.to_timedelta(rng.exponential(6, n), unit="h")
    res = resp + pd.to_timedelta(rng.exponential(48, n), unit="h")
    open_now = rng.random(n) < 0.2
    res = res.where(~open_now, pd.NaT)
    no_resp = rng.random(n) < 0.05
    resp = resp.where(~no_resp, pd.NaT)
    res = res.where(~no_resp, pd.NaT)
    # cxkit reads times to the second.
    resp, res = resp.floor("s"), res.floor("s")
    f = pd.DataFrame({"opened": opened, "first_response": resp, "resolved": res,
                      "contacts": rng.integers(1, 4, n), "reopened": rng.random(n) < 0.1,
                      "channel": rng.choice(["app", "branch", "phone"], n)})
    as_of = pd.Timestamp("2025-01-20")
    m = cxkit.complaint_metrics(f, sla={"response": 4, "resolution": pd.Timedelta(days=3)}, as_of=as_of,
                                customers=50_000, customers_by_channel={"app": 30_000, "branch": 15_000, "phone": 5_000})
    secs = lambda s: s.dt.total_seconds()
    rt = secs(f.first_response - f.opened).dropna()
    st = secs(f.resolved - f.opened).dropna()
    assert m.response["n"] == len(rt)
    np.testing.assert_allclose([p[1] for p in m.response["percentiles"]], np.percentile(rt, [50, 90, 95]))
    # Within the service level: of the complaints due — those with a time, and those without
    # one that are older than the service level at as_of (breaches) — the share that met it.
    age = secs(as_of - f.opened)
    for times, sla, d in ((secs(f.first_response - f.opened), 4 * 3600, m.response),
                          (secs(f.resolved - f.opened), 3 * 86400, m.resolution)):
        met, late = (times <= sla).sum(), (times > sla).sum()
        overdue = (times.isna() & (age > sla)).sum()
        assert d["within_sla"] == pytest.approx(met / (met + late + overdue))
        assert (d["breached"], d["breached_outstanding"]) == (late + overdue, overdue)
        assert d["pending"] == (times.isna() & (age <= sla)).sum()
    done = f.resolved.notna()
    assert m.first_contact_resolution == pytest.approx((f.contacts[done] == 1).mean())
    assert m.reopen_rate == pytest.approx(f.reopened[done].mean())
    backlog = ((f.opened <= as_of) & (f.resolved.isna() | (f.resolved > as_of))).sum()
    assert m.backlog == backlog
    assert m.per_1000 == pytest.approx(1000 * n / 50_000)
    by = f.channel.value_counts()
    assert m.by_channel.loc["phone", "complaints"] == by["phone"]
    assert m.by_channel.loc["phone", "per_1000"] == pytest.approx(1000 * by["phone"] / 5_000)
    assert pickle.loads(pickle.dumps(m)) == m
    bad = f.copy()
    bad.loc[3, "resolved"] = bad.loc[3, "opened"] - pd.Timedelta(hours=1)
    with pytest.raises(cxkit.InvalidParameterError, match="complaint 3: resolved before"):
        cxkit.complaint_metrics(bad)


def test_recovery_and_iceberg():
    a, b = [8, 9, 7, 9, 10, 6], [7, 7, 8, 6, 7, 5, 6]
    r = cxkit.service_recovery(a, b)
    t = stats.ttest_ind(a, b, equal_var=False)
    assert r["p_value"] == pytest.approx(t.pvalue, rel=1e-9)
    ci = t.confidence_interval(0.95)
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((ci.low, ci.high), rel=1e-9)
    i = cxkit.complaint_iceberg(200_000, 1_200, dissatisfied=45, respondents=900)
    assert i["dissatisfied"] == pytest.approx(45 / 900 * 200_000)
    assert i["silent"] == pytest.approx(45 / 900 * 200_000 - 1_200)
    lo = stats.binomtest(45, 900).proportion_ci(method="wilson").low
    assert i["silent_ci"][0] == pytest.approx(lo * 200_000 - 1_200, rel=1e-9)
    assert "assumption" in i
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.complaint_iceberg(100, 500, dissatisfied=5, respondents=100)
