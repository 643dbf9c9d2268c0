"""Customer value and lifetime value through Python, against independent scipy/pandas
implementations of the published formulas (Fader, Hardie & Lee 2005) and lifetimes'
summary definitions."""

import pickle

import numpy as np
import pytest
from scipy import special

import cxkit

FHL = dict(r=0.243, alpha=4.414, a=0.793, b=2.426)  # CDNOW estimates, FHL (2005)


def bgnbd_ll(r, alpha, a, b, x, tx, T):
    """FHL (2005) eq. 6 in logs, straight from the paper."""
    lb = special.betaln
    common = special.gammaln(r + x) + r * np.log(alpha) - special.gammaln(r)
    first = lb(a, b + x) - lb(a, b) + common - (r + x) * np.log(alpha + T)
    second = np.where(
        x > 0,
        lb(a + 1, b + np.maximum(x, 1) - 1) - lb(a, b) + common - (r + x) * np.log(alpha + tx),
        -np.inf,
    )
    return np.logaddexp(first, second)


def bgnbd_conditional(t, r, alpha, a, b, x, tx, T):
    """FHL (2005) eq. 10 with scipy's hyp2f1."""
    z = t / (alpha + T + t)
    f = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * f)
    den = 1 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return num / den


def simulate(rng, n, r, alpha, a, b, T):
    lam = rng.gamma(r, 1 / alpha, size=n)
    p = rng.beta(a, b, size=n)
    x = np.zeros(n)
    tx = np.zeros(n)
    for i in range(n):
        now = 0.0
        while True:
            now += rng.exponential(1 / lam[i])
            if now > T:
                break
            x[i] += 1
            tx[i] = now
            if rng.random() < p[i]:
                break
    return x, tx, np.full(n, float(T))


def test_cdnow_conditional_expectation():
    # FHL (2005): x = 2, tx = 30.43, T = 38.86 → 1.226 purchases in the next 39 weeks.
    m = cxkit.BetaGeo.from_params(**FHL)
    assert round(m.expected_purchases(39, 2, 30.43, 38.86), 3) == 1.226


def test_predictions_match_scipy(rng):
    m = cxkit.BetaGeo.from_params(**FHL)
    x = rng.integers(0, 12, size=200).astype(float)
    T = rng.uniform(20, 78, size=200)
    tx = np.where(x > 0, rng.uniform(0, 1, size=200) * T, 0.0)
    for t in (1.0, 10.0, 39.0, 200.0):
        got = m.expected_purchases(t, x, tx, T)
        assert got == pytest.approx(bgnbd_conditional(t, *FHL.values(), x, tx, T), rel=1e-9)
    odds = (x > 0) * FHL["a"] / (FHL["b"] + x - 1) * ((FHL["alpha"] + T) / (FHL["alpha"] + tx)) ** (FHL["r"] + x)
    assert m.probability_alive(x, tx, T) == pytest.approx(1 / (1 + odds), rel=1e-12)
    r, alpha, a, b = FHL.values()
    t = 52.0
    expected = (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * special.hyp2f1(r, b, a + b - 1, t / (alpha + t)))
    assert m.unconditional_expected_purchases(t) == pytest.approx(expected, rel=1e-10)


def test_fit_recovers_parameters_and_maximises_the_paper_likelihood(rng):
    truth = dict(r=0.3, alpha=5.0, a=0.9, b=2.0)
    x, tx, T = simulate(rng, 5000, *truth.values(), T=52)
    m = cxkit.BetaGeo().fit(x, tx, T)
    assert m.converged
    se = m.standard_errors
    for k, v in truth.items():
        assert abs(m.params[k] - v) < 4 * se[k], (k, m.params[k], se[k])
    at_fit = bgnbd_ll(*m.params.values(), x, tx, T).sum()
    assert m.log_likelihood == pytest.approx(at_fit, rel=1e-10)
    # No neighbouring parameter set is more likely.
    for k in truth:
        for f in (0.99, 1.01):
            p = dict(m.params)
            p[k] *= f
            assert bgnbd_ll(*p.values(), x, tx, T).sum() <= at_fit + 1e-6
    back = pickle.loads(pickle.dumps(m))
    assert back.params == m.params and back.log_likelihood == m.log_likelihood


def test_gamma_gamma(rng):
    # Spend simulated from the model: ν ~ Gamma(q, 1/v), each purchase ~ Gamma(p, 1/ν).
    p, q, v = 6.0, 4.0, 15.0
    n = 4000
    x = rng.integers(1, 10, size=n).astype(float)
    nu = rng.gamma(q, 1 / v, size=n)
    m = np.array([rng.gamma(p, 1 / nu[i], size=int(x[i])).mean() for i in range(n)])
    gg = cxkit.GammaGamma().fit(np.append(x, 0.0), np.append(m, 0.0))
    assert gg.converged
    for k, val in dict(p=p, q=q, v=v).items():
        assert abs(gg.params[k] - val) < 4 * gg.standard_errors[k], (k, gg.params[k])
    w = gg.params["p"] * 3 / (gg.params["p"] * 3 + gg.params["q"] - 1)
    pop = gg.params["p"] * gg.params["v"] / (gg.params["q"] - 1)
    assert gg.expected_average_value(3, 50.0) == pytest.approx((1 - w) * pop + w * 50.0)
    with pytest.raises(cxkit.InvalidParameterError, match="q"):
        cxkit.GammaGamma.from_params(1.0, 0.8, 2.0).expected_average_value(1, 10.0)


def test_clv_matches_a_direct_loop():
    bg = cxkit.BetaGeo.from_params(**FHL)
    gg = cxkit.GammaGamma.from_params(6.25, 3.74, 15.44)
    x, tx, T, m = np.array([2.0, 0.0, 7.0]), np.array([30.43, 0.0, 35.0]), np.array([38.86, 38.86, 38.86]), np.array([40.0, 0.0, 22.5])
    clv = cxkit.customer_lifetime_value(bg, gg, x, tx, T, m, horizon=12, freq="W", discount_rate=0.01)
    spend = gg.expected_average_value(x, m)
    expected = np.zeros(3)
    prev = np.zeros(3)
    for k in range(1, 13):
        now = bgnbd_conditional(k * 4.345, *FHL.values(), x, tx, T)
        expected += (now - prev) * spend / 1.01 ** k
        prev = now
    assert clv == pytest.approx(expected, rel=1e-9)


def lifetimes_style_summary(pd, df, end, freq):
    """lifetimes' summary_data_from_transaction_data, re-implemented with pandas."""
    df = df[df.date <= end].copy()
    df["period"] = df.date.dt.to_period(freq)
    per = df.groupby(["customer", "period"], as_index=False)["amount"].sum()
    first = per.groupby("customer")["period"].transform("min")
    end_p = pd.Timestamp(end).to_period(freq)
    g = per.groupby("customer")
    out = pd.DataFrame({
        "frequency": g.size() - 1,
        "recency": g["period"].agg(lambda s: (s.max() - s.min()).n),
        "T": g["period"].agg(lambda s: (end_p - s.min()).n),
    }).astype(float)
    repeat = per[per.period != first].groupby("customer")["amount"].mean()
    out["monetary_value"] = repeat.reindex(out.index).fillna(0.0)
    return out


@pytest.mark.parametrize("freq", ["D", "W", "M"])
def test_summary_matches_lifetimes_definitions(rng, freq):
    pd = pytest.importorskip("pandas")
    n = 3000
    df = pd.DataFrame({
        "customer": rng.integers(0, 300, size=n),
        "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 500, size=n), unit="D"),
        "amount": rng.uniform(1, 100, size=n).round(2),
    })
    end = "2024-03-31"
    got = cxkit.summarize_transactions(df.customer, df.date, df.amount, observation_end=end, freq=freq)
    expected = lifetimes_style_summary(pd, df, pd.Timestamp(end), freq)
    # cxkit lists customers in the order they first appear in the log; lifetimes sorts them.
    assert got.index.tolist() == list(dict.fromkeys(df.customer.tolist()))
    got = got.sort_index()
    assert got.index.tolist() == expected.index.tolist()
    for col in ["frequency", "recency", "T", "monetary_value"]:
        assert got[col].to_numpy() == pytest.approx(expected[col].to_numpy(), rel=1e-12), col


def test_summary_holdout_and_bad_input():
    pd = pytest.importorskip("pandas")
    s = cxkit.summarize_transactions(
        ["a", "a", "a", "b"], ["2024-01-01", "2024-01-11", "2024-02-05", "2024-02-01"], [10, 20, 40, 5],
        observation_end="2024-02-29", calibration_end="2024-01-31",
    )
    assert s.index.tolist() == ["a"]
    assert s.loc["a", "frequency_holdout"] == 1 and s.loc["a", "monetary_value_holdout"] == 40
    assert s.loc["a", "duration_holdout"] == 29
    with pytest.raises(cxkit.InvalidParameterError, match="dates"):
        cxkit.summarize_transactions(["a"], ["not a date"])
    with pytest.raises(cxkit.InvalidParameterError, match="amounts"):
        cxkit.summarize_transactions(["a"], ["2024-01-01"], [-1.0])
    with pytest.raises(cxkit.InvalidParameterError, match="freq"):
        cxkit.summarize_transactions(["a"], ["2024-01-01"], freq="Q")


def test_bad_histories_and_unfitted_models():
    with pytest.raises(cxkit.InvalidObservationError, match="customer 1: recency 6 is after T 5") as e:
        cxkit.BetaGeo().fit([1, 1], [1, 6], [5, 5])
    assert e.value.index == 1
    with pytest.raises(cxkit.CxError, match="frequency -1"):
        cxkit.BetaGeo().fit([1, -1], [1, 0], [5, 5])
    with pytest.raises(cxkit.CxError):
        cxkit.BetaGeo().fit([0, 1], [2, 1], [5, 5])
    with pytest.raises(RuntimeError, match="not fitted"):
        cxkit.BetaGeo().params
    with pytest.raises(cxkit.CxError):
        cxkit.GammaGamma().fit([1, 2], [5.0, -1.0])
    with pytest.raises(TypeError):
        cxkit.customer_lifetime_value(cxkit.GammaGamma(), cxkit.GammaGamma(), [1], [1], [2], [3])


def test_delivered_value_and_offer_comparison():
    pd = pytest.importorskip("pandas")
    value = pd.DataFrame({"product": [8.0, 4.0], "service": [6.0, 4.0]}, index=["ann", "bob"])
    cost = pd.DataFrame({"price": [5.0, 0.0], "time": [2.0, 0.0]}, index=["ann", "bob"])
    r = cxkit.delivered_value(value, cost, value_weights={"product": 0.5, "service": 0.5}, cost_weights=[0.7, 0.3])
    assert r.loc["ann", "delivered_value"] == pytest.approx(7.0 - 4.1)
    assert r.loc["ann", "value_cost_ratio"] == pytest.approx(7.0 / 4.1)
    assert np.isnan(r.loc["bob", "value_cost_ratio"])  # no cost: ratio undefined
    c = cxkit.compare_offers({"rates": 7, "app": 9}, {"fees": 3}, {"rates": 8, "app": 5}, {"fees": 4})
    assert c["value_surplus"] == 2.5 and c["drivers"][0]["name"] == "app"
    with pytest.raises(cxkit.CxError):
        cxkit.delivered_value([[1.0, np.nan]], [[1.0]])
    with pytest.raises(cxkit.CxError, match="no weight"):
        cxkit.delivered_value(value, cost, value_weights={"product": 1.0})


def test_no_interior_maximum_is_an_error_that_says_why():
    # Nobody bought again: the likelihood rises towards r → 0 without a maximum.
    with pytest.raises(cxkit.DidNotConvergeError, match="no interior maximum"):
        cxkit.BetaGeo().fit(np.zeros(300), np.zeros(300), np.full(300, 52.0))


def pnbd_ll(r, alpha, s, beta, x, tx, T):
    """Fader & Hardie (2005) closed form with scipy's hyp2f1 (both branches)."""
    rsx = r + s + x
    if alpha >= beta:
        f = lambda y: special.hyp2f1(rsx, s + 1, rsx + 1, (alpha - beta) / (alpha + y)) / (alpha + y) ** rsx
    else:
        f = lambda y: special.hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + y)) / (beta + y) ** rsx
    lead = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    return lead + np.log((alpha + T) ** -(r + x) * (beta + T) ** -s + s / rsx * (f(tx) - f(T)))


def simulate_pnbd(rng, n, r, alpha, s, beta, T):
    lam = rng.gamma(r, 1 / alpha, size=n)
    mu = rng.gamma(s, 1 / beta, size=n)
    end = np.minimum(rng.exponential(1 / mu), T)
    x = np.zeros(n)
    tx = np.zeros(n)
    for i in range(n):
        now = rng.exponential(1 / lam[i])
        while now <= end[i]:
            x[i] += 1
            tx[i] = now
            now += rng.exponential(1 / lam[i])
    return x, tx, np.full(n, float(T))


def test_pareto_nbd_fit_matches_the_closed_form_likelihood(rng):
    truth = (0.55, 10.0, 0.6, 12.0)
    x, tx, T = simulate_pnbd(rng, 3000, *truth, T=52)
    m = cxkit.ParetoNbd().fit(x, tx, T)
    assert m.converged
    p = m.params
    assert m.log_likelihood == pytest.approx(pnbd_ll(*p.values(), x, tx, T).sum(), rel=1e-9)
    for k in p:
        for f in (0.98, 1.02):
            q = dict(p)
            q[k] *= f
            assert pnbd_ll(*q.values(), x, tx, T).sum() <= m.log_likelihood + 1e-6
    # P(alive) is the alive term's share of the likelihood (Fader & Hardie 2005, eq. 18).
    r, alpha, s, beta = p.values()
    alive = (special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha) + s * np.log(beta)
             - (r + x) * np.log(alpha + T) - s * np.log(beta + T))
    expected = np.exp(alive - pnbd_ll(r, alpha, s, beta, x, tx, T))
    assert m.probability_alive(x, tx, T) == pytest.approx(expected, rel=1e-8)
    # CLV works with either transaction model.
    gg = cxkit.GammaGamma.from_params(6.25, 3.74, 15.44)
    clv = cxkit.customer_lifetime_value(m, gg, x[:5], tx[:5], T[:5], np.full(5, 30.0))
    assert (clv >= 0).all()
    back = pickle.loads(pickle.dumps(m))
    assert back.params == m.params


def test_value_at_risk_joins_by_customer_id_and_matches_a_hand_calculation():
    # Promoters 10, 9, 9; passive 7; detractors 6, 3, 0, 5 (crates/cxkit/tests/clv.rs has the
    # same case with Welch's test by hand); the values cover one more customer, and come in
    # another order: they are matched by id, never by position.
    import pandas as pd

    ids = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"]
    scores = pd.Series([10, 9, 9, 7, 6, 3, 0, 5], index=ids)
    value = pd.Series([400.0, 300.0, 100.0, 50.0, 80.0, 40.0, 20.0, 10.0, 999.0], index=ids + ["c9"])[::-1]
    r = cxkit.value_at_risk(scores, value)
    assert r["value_at_risk"] == 150.0 and r["share_at_risk"] == pytest.approx(0.15)
    assert r["respondents"] == 8 and r["customers"] == 9
    g = r["groups"]
    assert list(g.index) == ["detractor", "passive", "promoter"]
    assert g.loc["promoter", "value_total"] == 800.0 and g.loc["passive", "customers"] == 1
    p_alive = pd.Series([0.9, 0.8, 0.85, 0.7, 0.5, 0.6, 0.4, 0.55], index=ids)
    gap = cxkit.value_at_risk(scores, value, p_alive=p_alive)["p_alive_gap"]
    assert gap["difference"] == pytest.approx(0.3375)
    renamed = cxkit.value_at_risk(scores.rename(lambda i: "客户" + i), value.rename(lambda i: "客户" + i))
    assert renamed["value_at_risk"] == r["value_at_risk"]


def bgnbd_pmf(x, t, r, alpha, a, b):
    """FHL (2005) eq. 8 with scipy's negative binomial: P(X(t) = x) =
    B(a, b+x)/B(a, b)·NB(x) + 1{x>0}·B(a+1, b+x−1)/B(a, b)·(1 − NB-cdf(x − 1))."""
    from scipy import stats

    nb = stats.nbinom(r, alpha / (alpha + t))
    lb = special.betaln
    first = np.exp(lb(a, b + x) - lb(a, b)) * nb.pmf(x)
    if x == 0:
        return first
    return first + np.exp(lb(a + 1, b + x - 1) - lb(a, b)) * nb.sf(x - 1)


def test_probability_of_purchases_matches_scipy_and_r_btyd():
    m = cxkit.BetaGeo.from_params(**FHL)
    # R BTYD bgnbd.pmf on the CDNOW estimates (printed in lifetimes' comparison test).
    assert m.probability_of_purchases(0, 39) == pytest.approx(0.5737864, abs=1e-7)
    assert m.probability_of_purchases(10, 2) == pytest.approx(1.07869e-07, abs=1e-11)
    for x in range(0, 15):
        for t in (1.0, 13.5, 52.0):
            assert m.probability_of_purchases(x, t) == pytest.approx(bgnbd_pmf(x, t, **FHL), rel=1e-9, abs=1e-15)


def test_period_transactions_expect_what_a_simulated_panel_shows(rng):
    # Customers drawn from the model itself: observed and expected bins agree within sampling
    # error (5 standard deviations of a binomial count), and each expected bin is the sum of
    # the customers' own P(X(T) = k) by scipy, the last one "6 or more".
    panels = [simulate(rng, 6000, **FHL, T=t) for t in (26.0, 39.0, 52.0)]
    x = np.concatenate([p[0] for p in panels])
    T = np.concatenate([p[2] for p in panels])
    m = cxkit.BetaGeo.from_params(**FHL)
    table = m.period_transactions(x, T)
    assert table.index.name == "frequency" and list(table.index) == list(range(7))
    assert table.attrs["open_last_bin"] is True
    counts = np.bincount(np.minimum(x.astype(int), 6), minlength=7)
    assert table["observed"].tolist() == counts.tolist()
    by_hand = [sum(np.sum(T == t) * bgnbd_pmf(k, t, **FHL) for t in (26.0, 39.0, 52.0)) for k in range(6)]
    np.testing.assert_allclose(table["expected"].to_numpy()[:6], by_hand, rtol=1e-9)
    assert table["expected"].sum() == pytest.approx(T.size, rel=1e-12)
    sd = np.sqrt(table["expected"] * (1 - table["expected"] / T.size))
    assert (np.abs(table["observed"] - table["expected"]) < 5 * sd).all()


def test_period_transactions_refuse_bad_input():
    m = cxkit.BetaGeo.from_params(**FHL)
    with pytest.raises(cxkit.InvalidObservationError, match="frequency 1.5"):
        m.period_transactions([1.5], [3.0])
    with pytest.raises(cxkit.LengthMismatchError):
        m.period_transactions([1, 2], [3.0])
    with pytest.raises(cxkit.InvalidParameterError, match="bins"):
        m.period_transactions([1], [3.0], bins=0)
    with pytest.raises(cxkit.InvalidParameterError):
        m.probability_of_purchases(1, float("nan"))
