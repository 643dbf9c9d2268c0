"""Peer comparison: customer lifetime value with cxkit against the `lifetimes` package.

Run from the repository root with a release wheel of cxkit and lifetimes installed:

    .venv/bin/maturin build --release --out target/wheels
    .venv/bin/pip install --force-reinstall --no-deps target/wheels/cxkit-*.whl
    .venv/bin/pip install lifetimes
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benches/peers/clv.py

Workloads: BG/NBD and Gamma-Gamma fits on simulated customers (known parameters), predictions
for all of them, and the summary of a transaction log. Both fits are scored with the same
log-likelihood (FHL 2005, eq. 6, written out with scipy) so that "equal log-likelihood" is
checked, not assumed. The table gives the best of `--repeat` runs.
"""

import argparse
import warnings

import numpy as np
import pandas as pd
from scipy import special

import cxkit
from timing import best

warnings.filterwarnings("ignore")


def bgnbd_ll(r, alpha, a, b, x, tx, T):
    lb = special.betaln
    common = special.gammaln(r + x) + r * np.log(alpha) - special.gammaln(r)
    first = lb(a, b + x) - lb(a, b) + common - (r + x) * np.log(alpha + T)
    second = np.where(x > 0, lb(a + 1, b + np.maximum(x, 1) - 1) - lb(a, b) + common - (r + x) * np.log(alpha + tx), -np.inf)
    return np.logaddexp(first, second).sum()


def simulate(rng, n, r=0.25, alpha=4.0, a=0.8, b=2.5, T=52.0):
    lam = rng.gamma(r, 1 / alpha, size=n)
    p = rng.beta(a, b, size=n)
    x = np.zeros(n)
    tx = np.zeros(n)
    now = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    while alive.any():
        idx = np.flatnonzero(alive)
        now[idx] += rng.exponential(1 / lam[idx])
        done = now[idx] > T
        alive[idx[done]] = False
        buy = idx[~done]
        x[buy] += 1
        tx[buy] = now[buy]
        drop = rng.random(buy.size) < p[buy]
        alive[buy[drop]] = False
    return x, tx, np.full(n, T)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--transactions", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data

    rng = np.random.default_rng(1)
    x, tx, T = simulate(rng, args.customers)
    rows = []

    t_cx, m = best(lambda: cxkit.BetaGeo().fit(x, tx, T), args.repeat)
    t_lt, bgf = best(lambda: BetaGeoFitter().fit(x, tx, T), args.repeat)
    ll_cx = bgnbd_ll(*m.params.values(), x, tx, T)
    ll_lt = bgnbd_ll(*[bgf.params_[k] for k in ("r", "alpha", "a", "b")], x, tx, T)
    rows.append(("BG/NBD fit", t_lt, t_cx, f"LL cxkit {ll_cx:.3f}, lifetimes {ll_lt:.3f}"))

    t_cx, e_cx = best(lambda: m.expected_purchases(39.0, x, tx, T), args.repeat)
    p = m.params
    ref = BetaGeoFitter()
    ref.params_ = pd.Series(p)
    t_lt, e_lt = best(lambda: ref.conditional_expected_number_of_purchases_up_to_time(39.0, x, tx, T), args.repeat)
    rows.append(("BG/NBD predictions", t_lt, t_cx, f"max |diff| {np.max(np.abs(e_cx - np.asarray(e_lt))):.2e}"))

    keep = x > 0
    spend = np.where(keep, rng.gamma(6.0, 1 / rng.gamma(4.0, 1 / 15.0, size=x.size)), 0.0)
    t_cx, gg = best(lambda: cxkit.GammaGamma().fit(x, spend), args.repeat)
    t_lt, ggf = best(lambda: GammaGammaFitter().fit(x[keep], spend[keep]), args.repeat)
    rows.append(("Gamma-Gamma fit", t_lt, t_cx, f"p,q,v cxkit {[round(v, 3) for v in gg.params.values()]}, lifetimes {[round(ggf.params_[k], 3) for k in ('p', 'q', 'v')]}"))

    n = args.transactions
    log = pd.DataFrame({
        "customer": rng.integers(0, n // 10, size=n),
        "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 730, size=n), unit="D"),
        "amount": rng.uniform(1, 200, size=n),
    })
    end = pd.Timestamp("2023-12-31")
    t_cx, s_cx = best(lambda: cxkit.summarize_transactions(log.customer, log.date, log.amount, observation_end=end, freq="W"), 1)
    t_lt, s_lt = best(lambda: summary_data_from_transaction_data(log, "customer", "date", "amount", observation_period_end=end, freq="W"), 1)
    same = np.allclose(s_cx[["frequency", "recency", "T"]].to_numpy(), s_lt[["frequency", "recency", "T"]].to_numpy())
    rows.append((f"summary of {n:,} transactions", t_lt, t_cx, f"same frequency/recency/T: {same}"))

    print(f"{'workload':<34} {'lifetimes s':>12} {'cxkit s':>9} {'speed-up':>9}  check")
    for name, a, b, check in rows:
        print(f"{name:<34} {a:12.3f} {b:9.3f} {a / b:8.1f}x  {check}")


if __name__ == "__main__":
    main()
