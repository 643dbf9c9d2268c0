"""cxkit against the Python tools analysts use today, side by side, in one table.

One command from a fresh checkout (it builds a release wheel into the project's .venv and
installs the peers of benches/peers/requirements.txt, then runs this script):

    scripts/bench-peers.sh [--quick] [--only WORKLOAD ...] [--repeat N]

For every workload and size both sides get the same data, generated here outside the
timings; they run alternately (the order rotates every repetition) and, where the workload has
one, beside a physical limit (a plain numpy sum over the same arrays for the survey scores, one
BLAS X.T @ X for the covariance workloads) that says how far cxkit is from the memory pass or
the cross-product it cannot avoid. The table gives each side's median, the ratio (peer / cxkit), the extra peak memory of
one call (resident memory above what it was just before the call: Linux's high-water mark
VmHWM, reset through /proc/self/clear_refs) beside the size of the input, and an equality
check of the two results. The results go to benches/peers/results.md and results.json with
the date, the machine and the versions; the README shows the Markdown.

Workloads and targets (../shared/DESIGN.md, "Performance targets"): NPS + CSAT on 10 M scores
(>= 3x numpy); KANO analysis of 1 M respondents x 20 features (>= 20x a pandas crosstab);
BG/NBD + Gamma-Gamma fits on 1 M customers (>= 20x lifetimes at equal log-likelihood), the
period-transaction check (observed and expected customers per number of repeat purchases, against
lifetimes' exact pmf summed per customer, equal bins), the
transaction summary of 10 M rows (lifetimes); k-means 1 M x 8, k = 8 (>= 1x scikit-learn at
equal inertia); Cronbach's alpha and relative weights on 1 M x 22 (>= 10x pingouin / numpy);
journey event folding of 50 M events (a pandas groupby); a PLS path model of 6 constructs x 4
items on 250 and 5 000 respondents (>= 50x Python's plspm at equal path coefficients);
tokenising 1 M comments of about 60 characters (>= 10x Python jieba's jieba.lcut, same words)
and tagging them with the default taxonomy (>= 20x pandas str.contains over the same rules,
same tags). With
--only, the other workloads' rows stay as they were, each with its own date and CPU.
"""

import argparse
import datetime
import gc
import importlib.metadata
import json
import math
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import special

import cxkit

warnings.filterwarnings("ignore")
HERE = Path(__file__).resolve().parent


# --- timing and memory -------------------------------------------------------------------

def _status_bytes(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1]) * 1024
    return None


def _rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_extra(fn):
    """Bytes of resident memory one call of `fn` needs above what the process held before it
    (None where Linux's peak counter cannot be reset)."""
    gc.collect()
    before = _rss()
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the current resident set
    except OSError:
        return None
    fn()
    return max(0, _status_bytes("VmHWM") - before)


def alternate(fns, repeat, calls=1):
    """Medians of `repeat` rounds of timed calls of each function in `fns` (each after a short
    pause; the order rotates every round, so no side always runs first), and each one's last
    result. A round times `calls` calls in a row and counts their mean."""
    times = [[] for _ in fns]
    last = [None] * len(fns)
    for r in range(repeat):
        order = list(range(len(fns)))
        order = order[r % len(order):] + order[:r % len(order)]
        if r % 2:
            order.reverse()
        for i in order:
            # A pause first: BLAS worker threads spin for a while after a call, and would
            # otherwise take a core from whichever side runs next.
            time.sleep(0.05)
            t0 = time.perf_counter()
            for _ in range(calls):
                last[i] = fns[i]()
            times[i].append((time.perf_counter() - t0) / calls)
    return [statistics.median(t) for t in times], last


def nbytes(data):
    """Bytes of the arrays and frames in `data` (the input both sides read)."""
    if isinstance(data, np.ndarray):
        return data.nbytes
    if isinstance(data, (pd.DataFrame, pd.Series)):
        return int(data.memory_usage(deep=True).sum()) if isinstance(data, pd.DataFrame) else int(data.memory_usage(deep=True))
    if isinstance(data, dict):
        return sum(nbytes(v) for v in data.values())
    if isinstance(data, (tuple, list)):
        return sum(nbytes(v) for v in data)
    return 0


def close(a, b, rel):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


# --- workloads -----------------------------------------------------------------------------

class Workload:
    """One comparison: `make(n, rng)` builds the data, `ours` / `theirs` compute, `check`
    compares (ok, words)."""

    name = ""
    peer = ""
    unit = ""
    sizes = ()
    repeat = 5
    # Calls per timed round, for work of about a millisecond: one call after the pause times
    # waking the thread pool and cold caches as much as the work.
    calls = 1
    target = None  # minimum ratio peer / cxkit, None without a stated target
    # The physical limit timed beside both sides (a plain pass over the same data), and the
    # largest multiple of it cxkit may take; None where the workload has none.
    baseline_name = None
    baseline_target = None

    def baseline(self, data):
        raise NotImplementedError

    def make(self, n, rng):
        raise NotImplementedError

    def ours(self, data):
        raise NotImplementedError

    def theirs(self, data):
        raise NotImplementedError

    def check(self, ours, theirs, data):
        raise NotImplementedError


class Survey(Workload):
    peer = "numpy"
    unit = "scores"
    sizes = (100_000, 1_000_000, 10_000_000)
    repeat = 9
    target = 3.0
    baseline_name = "numpy sum"
    baseline_target = 1.3

    def __init__(self, dtype):
        self.dtype = dtype
        self.name = f"NPS + CSAT ({np.dtype(dtype).name})"

    def make(self, n, rng):
        return rng.integers(0, 11, size=n).astype(self.dtype), rng.integers(1, 6, size=n).astype(self.dtype)

    def ours(self, data):
        ltr, sat = data
        c = cxkit.csat(sat)
        return cxkit.nps(ltr).score, c.top_box.estimate, c.mean.estimate

    def baseline(self, data):
        # One read of both arrays, the least any NPS + CSAT can do.
        ltr, sat = data
        return ltr.sum() + sat.sum()

    def theirs(self, data):
        ltr, sat = data
        nps = 100.0 * (np.count_nonzero(ltr >= 9) - np.count_nonzero(ltr <= 6)) / ltr.size
        return nps, np.count_nonzero(sat >= 4) / sat.size, sat.mean()

    def check(self, ours, theirs, data):
        ok = all(close(a, b, 1e-12) for a, b in zip(ours, theirs))
        return ok, f"NPS {ours[0]:.6f} vs {theirs[0]:.6f}; CSAT and mean equal to 1e-12"


KANO_TABLE = np.array([list(row) for row in ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]])


class Kano(Workload):
    name = "KANO analysis, 20 features"
    peer = "pandas crosstab"
    unit = "respondents"
    sizes = (10_000, 100_000, 1_000_000)
    repeat = 3
    target = 20.0

    def make(self, n, rng):
        cols = [f"F{j}" for j in range(1, 21)]
        f = pd.DataFrame(rng.integers(1, 6, size=(n, 20), dtype=np.int8), columns=cols)
        d = pd.DataFrame(rng.integers(1, 6, size=(n, 20), dtype=np.int8), columns=cols)
        return f, d

    def ours(self, data):
        return cxkit.kano_analyze(*data).table

    def theirs(self, data):
        f, d = data
        letters = KANO_TABLE[f.to_numpy() - 1, d.to_numpy() - 1]
        long = pd.DataFrame(letters, columns=f.columns).melt(var_name="feature", value_name="category")
        counts = pd.crosstab(long["feature"], long["category"]).reindex(columns=list("AOMIRQ"), fill_value=0)
        aomi = counts[["A", "O", "M", "I"]].sum(axis=1)
        counts["better"] = (counts["A"] + counts["O"]) / aomi
        counts["worse"] = -(counts["O"] + counts["M"]) / aomi
        counts["category"] = counts[list("AOMIRQ")].idxmax(axis=1)
        return counts.loc[f.columns]

    def check(self, ours, theirs, data):
        same_counts = (ours[list("AOMIRQ")].to_numpy() == theirs[list("AOMIRQ")].to_numpy()).all()
        same_bw = np.allclose(ours["better"], theirs["better"], rtol=1e-12) and np.allclose(ours["worse"], theirs["worse"], rtol=1e-12)
        return bool(same_counts and same_bw), "same counts per category and feature, Better/Worse to 1e-12"


class KanoLong(Kano):
    """The same analysis from the long table a bank's kano.csv holds (one row per respondent
    and feature): cxkit reads it as it is, the peer pivots it first."""

    name = "KANO analysis from a long table, 20 features"
    peer = "pandas pivot + crosstab"
    sizes = (10_000, 100_000)
    target = None

    def make(self, n, rng):
        f, d = super().make(n, rng)
        ids = np.char.add("C", np.arange(n).astype(str)).astype(object)
        return pd.DataFrame({
            "respondent_id": np.repeat(ids, 20),
            "feature": np.tile(f.columns.to_numpy(dtype=object), n),
            "functional": f.to_numpy().ravel(),
            "dysfunctional": d.to_numpy().ravel(),
        })

    def ours(self, data):
        return cxkit.kano_analyze("functional", "dysfunctional", data=data).table

    def theirs(self, data):
        # Features in order of first appearance, as cxkit lists them (pivot sorts them).
        order = data["feature"].unique()
        wide = [data.pivot(index="respondent_id", columns="feature", values=v)[order]
                for v in ("functional", "dysfunctional")]
        return super().theirs(wide)


class Summary(Workload):
    name = "transaction summary (frequency, recency, T, monetary)"
    peer = "lifetimes"
    unit = "transactions"
    sizes = (100_000, 1_000_000, 10_000_000)
    repeat = 3

    def make(self, n, rng):
        log = pd.DataFrame({
            "customer": rng.integers(0, max(n // 10, 1), size=n),
            "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 730, size=n), unit="D"),
            "amount": rng.uniform(1, 200, size=n).round(2),
        })
        return log

    END = pd.Timestamp("2023-12-31")

    def ours(self, log):
        return cxkit.summarize_transactions(log.customer, log.date, log.amount, observation_end=self.END, freq="W")

    def theirs(self, log):
        from lifetimes.utils import summary_data_from_transaction_data
        return summary_data_from_transaction_data(log, "customer", "date", "amount", observation_period_end=self.END, freq="W")

    def check(self, ours, theirs, data):
        cols = ["frequency", "recency", "T", "monetary_value"]
        a = ours[cols].sort_index().to_numpy()
        b = theirs[cols].sort_index().to_numpy()
        ok = a.shape == b.shape and np.allclose(a, b, rtol=1e-9, atol=1e-9)
        return bool(ok), f"{len(a):,} customers, all four columns equal to 1e-9"


class SummaryAccountIds(Summary):
    """The same summary keyed by the ids banks hold: 19-digit account numbers as a pandas
    str column. Both sides must keep every account its own customer (no float round-trip)."""

    name = "transaction summary, 19-digit account ids (pandas str)"
    sizes = (100_000, 1_000_000, 5_000_000)

    def make(self, n, rng):
        log = super().make(n, rng)
        accounts = np.char.add("6222", np.char.zfill(log.customer.to_numpy().astype(str), 15))
        return log.assign(customer=pd.Series(accounts, dtype="str"))

    def check(self, ours, theirs, data):
        ok, words = super().check(ours, theirs, data)
        same_ids = ours.index.sort_values().tolist() == theirs.index.sort_values().tolist()
        return ok and same_ids, f"{words}; the same account numbers as the index"


def bgnbd_ll(r, alpha, a, b, x, tx, T):
    """BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6), written out independently."""
    lb = special.betaln
    common = special.gammaln(r + x) + r * np.log(alpha) - special.gammaln(r)
    first = lb(a, b + x) - lb(a, b) + common - (r + x) * np.log(alpha + T)
    second = np.where(x > 0, lb(a + 1, b + np.maximum(x, 1) - 1) - lb(a, b) + common - (r + x) * np.log(alpha + tx), -np.inf)
    return float(np.logaddexp(first, second).sum())


def gamma_gamma_ll(p, q, v, x, m):
    """Gamma-Gamma log-likelihood of the repeat customers' mean spend (Fader & Hardie 2013)."""
    return float((special.gammaln(p * x + q) - special.gammaln(p * x) - special.gammaln(q) + q * np.log(v)
                  + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v)).sum())


class Fits(Workload):
    name = "BG/NBD + Gamma-Gamma fits"
    peer = "lifetimes"
    unit = "customers"
    sizes = (10_000, 100_000, 1_000_000)
    repeat = 3
    target = 20.0

    def make(self, n, rng, r=0.25, alpha=4.0, a=0.8, b=2.5, T=52.0):
        lam = rng.gamma(r, 1 / alpha, size=n)
        p = rng.beta(a, b, size=n)
        x, tx, now = np.zeros(n), np.zeros(n), np.zeros(n)
        alive = np.ones(n, dtype=bool)
        while alive.any():
            idx = np.flatnonzero(alive)
            now[idx] += rng.exponential(1 / lam[idx])
            done = now[idx] > T
            alive[idx[done]] = False
            buy = idx[~done]
            x[buy] += 1
            tx[buy] = now[buy]
            alive[buy[rng.random(buy.size) < p[buy]]] = False
        spend = np.where(x > 0, rng.gamma(6.0, 1 / rng.gamma(4.0, 1 / 15.0, size=n)), 0.0)
        return {"x": x, "tx": tx, "T": np.full(n, T), "spend": spend}

    def ours(self, d):
        bg = cxkit.BetaGeo().fit(d["x"], d["tx"], d["T"])
        gg = cxkit.GammaGamma().fit(d["x"], d["spend"])
        return bg.params, gg.params

    def theirs(self, d):
        from lifetimes import BetaGeoFitter, GammaGammaFitter
        bg = BetaGeoFitter().fit(d["x"], d["tx"], d["T"])
        keep = d["x"] > 0
        gg = GammaGammaFitter().fit(d["x"][keep], d["spend"][keep])
        return dict(bg.params_), dict(gg.params_)

    def check(self, ours, theirs, d):
        bg = [bgnbd_ll(*[p[k] for k in ("r", "alpha", "a", "b")], d["x"], d["tx"], d["T"]) for p in (ours[0], theirs[0])]
        keep = d["x"] > 0
        gg = [gamma_gamma_ll(*[p[k] for k in ("p", "q", "v")], d["x"][keep], d["spend"][keep]) for p in (ours[1], theirs[1])]
        rel_bg = abs(bg[0] - bg[1]) / abs(bg[1])
        rel_gg = abs(gg[0] - gg[1]) / abs(gg[1])
        # cxkit's optimum may be the better one; equal means within 1e-6 relative either way.
        ok = rel_bg <= 1e-6 and rel_gg <= 1e-6
        return ok, f"log-likelihood BG/NBD {bg[0]:.4f} vs {bg[1]:.4f} ({rel_bg:.1e}), Gamma-Gamma {gg[0]:.4f} vs {gg[1]:.4f} ({rel_gg:.1e})"


class PeriodTransactions(Workload):
    """Customers by repeat purchases, observed and expected under a BG/NBD model (the check
    lifetimes' plot_period_transactions draws): lifetimes' exact eq. 8,
    probability_of_n_purchases_up_to_time (one t a call: once per distinct T, times its
    customers), for each bin, against
    BetaGeo.period_transactions."""

    name = "BG/NBD period transactions (7 bins)"
    peer = "lifetimes"
    unit = "customers"
    sizes = (100_000, 1_000_000, 10_000_000)
    params = dict(r=0.243, alpha=4.414, a=0.793, b=2.426)
    bins = 7

    def make(self, n, rng):
        T = rng.integers(1, 105, size=n).astype(float)  # customers joined over two years, weeks
        x = rng.negative_binomial(0.5, 0.5, size=n).astype(float)
        return {"x": x, "T": T}

    def ours(self, d):
        table = cxkit.BetaGeo.from_params(**self.params).period_transactions(d["x"], d["T"], bins=self.bins)
        return table["observed"].to_numpy(), table["expected"].to_numpy()

    def theirs(self, d):
        from lifetimes import BetaGeoFitter
        f = BetaGeoFitter()
        f.params_ = pd.Series(self.params)
        observed = np.bincount(np.minimum(d["x"].astype(np.int64), self.bins - 1), minlength=self.bins)
        # lifetimes' pmf takes one t: one call per distinct T, weighted by its customers.
        ts, counts = np.unique(d["T"], return_counts=True)
        expected = [sum(c * f.probability_of_n_purchases_up_to_time(t, k) for t, c in zip(ts, counts))
                    for k in range(self.bins - 1)]
        return observed, np.array(expected + [d["x"].size - sum(expected)])

    def check(self, ours, theirs, d):
        same_counts = np.array_equal(ours[0], theirs[0])
        worst = float(np.max(np.abs(ours[1] - theirs[1]) / np.maximum(theirs[1], 1e-300)))
        return same_counts and worst <= 1e-9, f"observed equal: {same_counts}; expected within {worst:.1e} relative"


class KMeansWork(Workload):
    name = "k-means, 8 features, k = 8, n_init = 3"
    peer = "scikit-learn"
    unit = "customers"
    sizes = (10_000, 100_000, 1_000_000)
    repeat = 5
    target = 1.0

    def make(self, n, rng):
        centres = rng.normal(0.0, 2.5, size=(8, 8))
        return centres[rng.integers(0, 8, size=n)] + rng.normal(0.0, 1.0, size=(n, 8))

    def ours(self, X):
        m = cxkit.KMeans(8, n_init=3, seed=0).fit(X)
        return m.labels_.astype(np.intp), m.cluster_centers_

    def theirs(self, X):
        from sklearn.cluster import KMeans
        m = KMeans(8, n_init=3, random_state=0, algorithm="lloyd").fit(X)
        return m.labels_, m.cluster_centers_

    def check(self, ours, theirs, X):
        inertia = [float(((X - c[lab]) ** 2).sum()) for lab, c in (ours, theirs)]
        ratio = inertia[0] / inertia[1]
        return ratio <= 1.01, f"inertia {inertia[0]:.6e} vs {inertia[1]:.6e} (ratio {ratio:.4f}; each from its own labels and centres)"


class Silhouette(Workload):
    name = "silhouette score (every row), 8 features"
    peer = "scikit-learn"
    unit = "customers"
    sizes = (2_000, 5_000, 20_000)
    repeat = 3

    def make(self, n, rng):
        X = KMeansWork().make(n, rng)
        return X, rng.integers(0, 8, size=n)

    def ours(self, data):
        return cxkit.silhouette_score(*data)

    def theirs(self, data):
        from sklearn.metrics import silhouette_score
        return silhouette_score(*data)

    def check(self, ours, theirs, data):
        return close(ours, theirs, 1e-9), f"{ours:.12f} vs {theirs:.12f}"


class Rfm(Workload):
    name = "RFM quintile scores"
    peer = "pandas rank + qcut"
    unit = "customers"
    sizes = (100_000, 1_000_000, 10_000_000)
    repeat = 3

    def make(self, n, rng):
        return {"recency": rng.integers(0, 730, size=n).astype(float),
                "frequency": rng.integers(1, 60, size=n).astype(float),
                "monetary": rng.uniform(1, 5000, size=n)}

    def ours(self, d):
        return cxkit.rfm_scores(d["recency"], d["frequency"], d["monetary"])

    def theirs(self, d):
        # The common recipe: rank (ties broken by position) so that qcut finds unique edges.
        def score(x):
            return pd.qcut(pd.Series(x).rank(method="first"), 5, labels=False).to_numpy() + 1
        return score(-d["recency"]), score(d["frequency"]), score(d["monetary"])

    def check(self, ours, theirs, d):
        # Monetary values have no ties, so both rules give the same quintiles; recency and
        # frequency differ by design (cxkit keeps tied customers in one bin).
        same = bool((ours["m"].to_numpy() == theirs[2]).all())
        return same, "same M score for every customer (R and F: ties share a bin in cxkit, by design)"


def _items(n, rng, k=22):
    latent = rng.normal(size=n)
    loadings = 0.5 + np.arange(k) / (2 * k)
    X = np.round(4 + latent[:, None] * loadings + rng.normal(size=(n, k)))
    y = 5 + 2 * latent + rng.normal(size=n)
    return pd.DataFrame(X, columns=[f"q{j + 1}" for j in range(k)]), y


class Alpha(Workload):
    peer = "pingouin"
    unit = "respondents"
    sizes = (10_000, 100_000, 1_000_000)
    repeat = 5
    target = 10.0

    def __init__(self, missing):
        self.missing = missing
        self.name = "Cronbach's alpha, 22 items" + (", 1 % missing" if missing else ", complete")

    def make(self, n, rng):
        df, _ = _items(n, rng)
        return df.mask(rng.random(df.shape) < 0.01) if self.missing else df

    baseline_name = "BLAS X.T @ X"

    def baseline(self, df):
        # The cross-product matrix every covariance needs, by one BLAS call on the float64 array.
        x = df.to_numpy()
        return x.T @ x

    def ours(self, df):
        return cxkit.cronbach_alpha(df).alpha

    def theirs(self, df):
        import pingouin
        return pingouin.cronbach_alpha(df)[0]

    def check(self, ours, theirs, df):
        return close(ours, theirs, 1e-9), f"alpha {ours:.12f} vs {theirs:.12f}"


class RelativeWeights(Workload):
    name = "relative weights, 22 drivers"
    peer = "numpy"
    unit = "respondents"
    sizes = (10_000, 100_000, 1_000_000)
    repeat = 5
    target = 10.0

    def make(self, n, rng):
        return _items(n, rng)

    baseline_name = "BLAS X.T @ X"

    def baseline(self, data):
        x = np.column_stack([data[0].to_numpy(), data[1]])
        return x.T @ x

    def ours(self, data):
        df, y = data
        return cxkit.key_drivers(df, y, shapley=False).table["relative_weight"].to_numpy()

    def theirs(self, data):
        df, y = data
        R = np.corrcoef(np.column_stack([df.to_numpy(), y]), rowvar=False)
        rxx, rxy = R[:-1, :-1], R[:-1, -1]
        evals, evecs = np.linalg.eigh(rxx)
        lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T
        beta = np.linalg.solve(lam, rxy)
        return (lam ** 2) @ (beta ** 2)

    def check(self, ours, theirs, data):
        diff = float(np.max(np.abs(ours - theirs)))
        return diff <= 1e-9, f"max |difference| of the 22 weights {diff:.1e}"


JOURNEY_INDICATORS = [f"i{j}" for j in range(10)]
JOURNEY_TREE = {"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
    {"id": f"t{t}", "indicators": [
        {"id": f"i{2 * t + k}", "kind": {"type": "rate"} if k else {"type": "mean"}, "scale": [1, 5]}
        for k in range(2)]} for t in range(5)]}]}]}


class Journey(Workload):
    name = "journey event folding, 10 indicators"
    peer = "pandas groupby"
    unit = "events"
    sizes = (500_000, 5_000_000, 50_000_000)
    repeat = 3

    def make(self, n, rng):
        codes = rng.integers(0, 10, size=n).astype(np.int8)
        rate = (codes % 2).astype(bool)
        value = np.where(rate, rng.integers(0, 2, size=n), rng.integers(1, 6, size=n)).astype(float)
        return pd.DataFrame({
            "indicator": pd.Categorical.from_codes(codes, JOURNEY_INDICATORS),
            "timestamp": 1_735_689_600 + rng.integers(0, 365 * 86_400, size=n),  # 2025
            "value": value,
        })

    def ours(self, events):
        state = cxkit.JourneyState(cxkit.IndicatorTree.from_dict(JOURNEY_TREE))
        state.update(events)
        return state

    def theirs(self, events):
        # The same cells as the state keeps: per indicator and day, the count and the sum.
        return events.groupby(["indicator", events["timestamp"] // 86_400], observed=True)["value"].agg(["count", "sum"])

    def check(self, state, cells, events):
        year = state.evaluate(window="rolling", days=366, at="2025-12-31")
        totals = cells.groupby(level=0, observed=True).sum()
        n_ok = all(int(year.loc[i, "n"]) == int(totals.loc[i, "count"]) for i in JOURNEY_INDICATORS)
        v_ok = all(close(year.loc[i, "value"], totals.loc[i, "sum"] / totals.loc[i, "count"], 1e-12) for i in JOURNEY_INDICATORS)
        return n_ok and v_ok, "per indicator over the year: same count, mean/rate equal to 1e-12"


PLS_CONSTRUCTS = {f"C{j}": [f"c{j}_{i}" for i in range(4)] for j in range(6)}
PLS_PATHS = [(f"C{j}", f"C{j + 1}") for j in range(5)] + [("C0", "C5"), ("C1", "C4")]


class Pls(Workload):
    """PLS path modelling (path scheme, mode A, standardised) against Python's plspm, which
    needs pandas 2.1–2.2: it runs in its own interpreter (.venv-plspm, made by
    scripts/bench-peers.sh) behind plspm_worker.py, sent the data once and then only "run"
    per call (a few hundred microseconds of pipe traffic against plspm's tenth of a
    second).

    plspm's own `scaled=True` divides all indicators by one pooled standard deviation instead of
    each by its own, which gave path coefficients up to 1e-2 away from seminr's (and cxkit's);
    the worker standardises each column itself inside the timed call, after which the two agree
    to plspm's convergence tolerance."""

    name = "PLS path model, 6 constructs × 4 items"
    peer = "plspm (Python)"
    unit = "respondents"
    sizes = (250, 5_000)
    repeat = 5
    calls = 20
    target = 50.0

    def __init__(self):
        self.worker = None

    def _ask(self, request):
        self.worker.stdin.write(json.dumps(request) + "\n")
        self.worker.stdin.flush()
        return json.loads(self.worker.stdout.readline())

    def make(self, n, rng):
        # A chain of six standard-normal latents, each item 0.85 × its latent plus noise.
        latent = rng.normal(size=(n, 6))
        for j in range(1, 6):
            latent[:, j] = 0.6 * latent[:, j - 1] + 0.8 * latent[:, j]
        data = pd.DataFrame({item: 0.85 * latent[:, j] + 0.5 * rng.normal(size=n)
                             for j, items in enumerate(PLS_CONSTRUCTS.values()) for item in items})
        if self.worker is None:
            import subprocess
            python = os.environ.get("CXKIT_PLSPM_PYTHON", str(HERE.parents[1] / ".venv-plspm" / "bin" / "python"))
            self.worker = subprocess.Popen([python, str(HERE / "plspm_worker.py")], stdin=subprocess.PIPE,
                                           stdout=subprocess.PIPE, text=True)
        path = HERE / f"pls-{n}.csv"
        data.to_csv(path, index=False)
        self._ask({"load": str(path), "constructs": PLS_CONSTRUCTS, "paths": PLS_PATHS})
        path.unlink()
        return data

    def ours(self, data):
        return cxkit.pls_pm(data, constructs=PLS_CONSTRUCTS, paths=PLS_PATHS)

    def theirs(self, data):
        return self._ask({"run": True})["paths"]

    def check(self, ours, theirs, data):
        # plspm stops when the squared weight changes sum below 1e-6 (its default), cxkit at a
        # largest change of 1e-10: they agree to about 1e-8.
        mine = ours.paths.set_index(["from", "to"])["coefficient"]
        diff = max(abs(mine.loc[(a, b)] - v) for a, b, v in theirs)
        return diff <= 1e-5, f"max |difference| of the {len(theirs)} path coefficients {diff:.1e}"


_CLAUSES = None


def _comments(n, rng):
    """`n` comments of 55 characters or more, each of the demo bank's clauses drawn at random
    (the demo's comments are Chinese, with some English words and numbers)."""
    global _CLAUSES
    if _CLAUSES is None:
        import re
        texts = cxkit.load_demo_bank(customers=20_000)["comments"]["text"]
        _CLAUSES = np.array(sorted({c for t in texts for c in re.split("[，。！]", t) if len(c) >= 4}), dtype=object)
    out = []
    picks = rng.integers(0, len(_CLAUSES), size=(n, 12))
    for row in picks:
        text, i = "", 0
        while len(text) < 55:
            text += _CLAUSES[row[i % 12]] + "，"
            i += 1
        out.append(text)
    return pd.Series(out, dtype=object)


class Tokenise(Workload):
    """cxkit.tokenize (jieba's dictionary and HMM through jieba-rs, normalised, stop words and
    punctuation out, texts in parallel) against Python jieba's precise mode, one jieba.lcut
    per comment. The check: on every comment cxkit's words are jieba's words of the
    normalised text without spaces, punctuation and cxkit's stop words."""

    name = "tokenising comments, ~60 characters"
    peer = "jieba.lcut"
    unit = "comments"
    sizes = (10_000, 100_000, 1_000_000)
    repeat = 3
    target = 10.0

    def make(self, n, rng):
        import jieba
        jieba.setLogLevel(60)
        jieba.initialize()  # the dictionary loads once, outside the timings
        cxkit.tokenize("预热")
        return _comments(n, rng)

    def ours(self, data):
        return cxkit.tokenize(data)

    def theirs(self, data):
        import jieba
        return [jieba.lcut(t) for t in data]

    def check(self, ours, theirs, data):
        import jieba
        tok = cxkit.Tokenizer()
        words = lambda t: [w for w in jieba.lcut(cxkit.normalize(t)) if any(c.isalnum() for c in w) and not tok.is_stop_word(w)]
        sample = range(0, len(data), max(1, len(data) // 2_000))
        same = sum(list(ours.iloc[i]) == words(data.iloc[i]) for i in sample)
        raw = sum(tok.segment(data.iloc[i]) == theirs[i] for i in sample)
        return same == raw == len(sample), (f"{same} of {len(sample)} sampled comments: the same words as jieba's "
                                            f"(and {raw} the same raw segments)")


class Tagging(Workload):
    """Taxonomy.default("zh").indicators (one pass per comment, the text normalised on the way:
    a comments × topics DataFrame of booleans) against the same rules written as pandas
    str.contains into the same DataFrame: per rule, a regular expression of its `any` terms,
    one contains per `all` term and a regular expression of its `none` terms, on the
    lower-cased comments, then each sub-topic's match given to its parent. The check: the two
    frames are equal, and equal to the topics of Taxonomy.tag (with evidence) on a sample."""

    name = "tagging comments, default taxonomy (15 topics)"
    peer = "pandas str.contains"
    unit = "comments"
    sizes = (10_000, 100_000, 1_000_000)
    repeat = 3
    target = 20.0

    def __init__(self):
        import tomllib
        self.taxonomy = cxkit.Taxonomy.default("zh")
        self.topics = tomllib.loads(cxkit.Taxonomy.default_toml())["topics"]
        assert not any("window" in r for t in self.topics for r in t.get("rules", [])), "no window rules to write"

    def make(self, n, rng):
        return _comments(n, rng)

    def ours(self, data):
        return self.taxonomy.indicators(data)

    def theirs(self, data):
        import re
        lower = data.str.lower()
        found = {}
        for t in self.topics:
            hit = pd.Series(False, index=data.index)
            for rule in t.get("rules", []):
                m = pd.Series(True, index=data.index)
                if rule.get("any"):
                    m &= lower.str.contains("|".join(map(re.escape, rule["any"])), regex=True)
                for term in rule.get("all", []):
                    m &= lower.str.contains(term, regex=False)
                if rule.get("none"):
                    m &= ~lower.str.contains("|".join(map(re.escape, rule["none"])), regex=True)
                hit |= m
            found[t["id"]] = hit
        for t in reversed(self.topics):  # parents come before their sub-topics
            if t.get("parent"):
                found[t["parent"]] |= found[t["id"]]
        return pd.DataFrame(found)

    def check(self, ours, theirs, data):
        same = ours.equals(theirs[ours.columns])
        sample = data.iloc[:: max(1, len(data) // 2_000)]
        tags = self.taxonomy.tag(sample)
        tagged = {(i, t) for (i, t), v in ours.loc[sample.index].stack().items() if v}
        with_evidence = tagged == set(zip(tags["text"], tags["topic"]))
        return same and with_evidence, (f"{int(ours.to_numpy().sum()):,} (comment, topic) tags, "
                                        f"{int((ours != theirs[ours.columns]).to_numpy().sum())} differ; "
                                        f"Taxonomy.tag's on a sample of {len(sample):,}: "
                                        f"{'the same' if with_evidence else 'DIFFERENT'}")


WORKLOADS = [Survey(np.int8), Survey(np.float64), Kano(), KanoLong(), Summary(), SummaryAccountIds(), Fits(), PeriodTransactions(),
             KMeansWork(),
             Silhouette(), Rfm(), Alpha(True), Alpha(False), RelativeWeights(), Journey(), Pls(), Tokenise(), Tagging()]


# --- the run ----------------------------------------------------------------------------------

def machine():
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = _status_bytes("VmRSS")  # placeholder when /proc/meminfo is missing
    try:
        with open("/proc/meminfo") as f:
            mem = int(next(line for line in f if line.startswith("MemTotal")).split()[1]) * 1024
    except (OSError, StopIteration):
        pass
    versions = {}
    for pkg in ("cxkit", "numpy", "pandas", "scipy", "scikit-learn", "lifetimes", "pingouin", "jieba"):
        try:
            versions[pkg] = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            versions[pkg] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem / 2**30, 1) if mem else None,
            "python": platform.python_version(), "versions": versions}


def growth(rows):
    """Exponent e of cost ∝ size^e between the smallest and the largest size, per side."""
    out = []
    by = {}
    for r in rows:
        by.setdefault(r["workload"], []).append(r)
    for name, rs in by.items():
        if len(rs) < 2:
            continue
        a, b = rs[0], rs[-1]
        span = math.log(b["size"] / a["size"])
        out.append({"workload": name,
                    "cxkit": math.log(b["cxkit_s"] / a["cxkit_s"]) / span,
                    "peer": math.log(b["peer_s"] / a["peer_s"]) / span})
    return out


def mib(b):
    return "–" if b is None else f"{b / 2**20:,.0f}"


def limit(row):
    """cxkit's time as a multiple of the physical limit timed beside it, e.g. "1.1× numpy sum
    (≤ 1.3× ✓)"; empty for rows without one (and rows measured before it was timed)."""
    if row.get("vs_baseline") is None:
        return ""
    text = f"{row['vs_baseline']:.2f}× {row['baseline']} ({row['baseline_s']:.4f} s)"
    if row.get("baseline_target"):
        ok = row["vs_baseline"] <= row["baseline_target"]
        text += f", ≤ {row['baseline_target']:g}× {'✓' if ok else '✗'}"
    return text


def kept_rows(previous, rows):
    """The rows of an --only run among those of the previous results: its workloads' rows
    replaced, every other row kept (each keeps its own date and CPU; rows from before rows
    carried them get the previous run's), in the order of WORKLOADS."""
    fresh = {r["workload"] for r in rows}
    old = [r for r in previous["rows"] if r["workload"] not in fresh]
    for r in old:
        r.setdefault("date", previous["date"])
        r.setdefault("cpu", previous["machine"]["cpu"])
    order = {w.name: i for i, w in enumerate(WORKLOADS)}
    return sorted(old + rows, key=lambda r: order.get(r["workload"], len(order)))


def markdown(result):
    m = result["machine"]
    other = {}
    for r in result["rows"]:
        when = (r.get("date", result["date"]), r.get("cpu", m["cpu"]))
        if when != (result["date"], m["cpu"]):
            other.setdefault(when, []).append(r["workload"])
    notes = "".join(f" The rows of {'; '.join(f'`{n}`' for n in dict.fromkeys(names))} were measured on {d} on {cpu}."
                    for (d, cpu), names in sorted(other.items()))
    lines = [
        f"Measured {result['date']} on {m['cpu']} ({m['cores']} cores, {m['memory_gib']} GiB), Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v) + "." + notes,
        "",
        "| workload | size | peer | cxkit s | peer s | ratio | target | cxkit / physical limit | memory MiB: input / cxkit / peer | check |",
        "|---|---:|---|---:|---:|---:|---:|---|---|---|",
    ]
    for r in result["rows"]:
        target = "" if r["target"] is None else f"≥ {r['target']:g}×" + (" ✓" if r["ratio"] >= r["target"] else " ✗")
        lines.append(
            f"| {r['workload']} | {r['size']:,} {r['unit']} | {r['peer']} | {r['cxkit_s']:.4f} | {r['peer_s']:.4f} | "
            f"{r['ratio']:.1f}× | {target} | {limit(r)} | {mib(r['input_bytes'])} / {mib(r['cxkit_peak_bytes'])} / {mib(r['peer_peak_bytes'])} | "
            f"{'✓' if r['check'] else '✗'} {r['check_detail']} |")
    lines += ["", "How cost grows with size (exponent e of time ∝ size^e, smallest to largest size):", "",
              "| workload | cxkit | peer |", "|---|---:|---:|"]
    lines += [f"| {g['workload']} | {g['cxkit']:.2f} | {g['peer']:.2f} |" for g in result["growth"]]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes / 100, one repetition less: a smoke run")
    parser.add_argument("--only", nargs="+", metavar="WORKLOAD", help="workloads whose name contains one of these words")
    parser.add_argument("--repeat", type=int, help="repetitions of every workload (default: each its own)")
    parser.add_argument("--out", type=Path, default=HERE, help="directory for results.md and results.json")
    args = parser.parse_args()
    chosen = [w for w in WORKLOADS if not args.only or any(o.lower() in w.name.lower() for o in args.only)]
    rows = []
    started = time.perf_counter()
    for w in chosen:
        sizes = sorted({max(n // 100, 1_000) for n in w.sizes}) if args.quick else w.sizes
        for n in sizes:
            data = w.make(n, np.random.default_rng(2026))
            repeat = args.repeat or (max(w.repeat - 1, 1) if args.quick else w.repeat)
            fns = [lambda: w.ours(data), lambda: w.theirs(data)]
            if w.baseline_name:
                fns.append(lambda: w.baseline(data))
            medians, last = alternate(fns, repeat, w.calls)
            (t_ours, t_theirs), (ours, theirs) = medians[:2], last[:2]
            t_base = medians[2] if w.baseline_name else None
            ok, detail = w.check(ours, theirs, data)
            del ours, theirs
            row = {"workload": w.name, "peer": w.peer, "size": n, "unit": w.unit, "repeat": repeat,
                   "cxkit_s": t_ours, "peer_s": t_theirs, "ratio": t_theirs / t_ours, "target": w.target,
                   "baseline": w.baseline_name, "baseline_s": t_base,
                   "vs_baseline": None if t_base is None else t_ours / t_base,
                   "baseline_target": w.baseline_target,
                   "input_bytes": nbytes(data),
                   "cxkit_peak_bytes": peak_extra(lambda: w.ours(data)),
                   "peer_peak_bytes": peak_extra(lambda: w.theirs(data)),
                   "check": bool(ok), "check_detail": detail}
            rows.append(row)
            print(f"{w.name:<50} {n:>12,} {t_ours:9.4f} s {t_theirs:9.4f} s {row['ratio']:7.1f}x {limit(row)} "
                  f"mem {mib(row['input_bytes'])}/{mib(row['cxkit_peak_bytes'])}/{mib(row['peer_peak_bytes'])} MiB "
                  f"{'ok' if ok else 'FAILED'}: {detail}", flush=True)
            del data
            gc.collect()
    today, here = datetime.date.today().isoformat(), machine()
    for row in rows:
        row["date"], row["cpu"] = today, here["cpu"]
    if args.only and (args.out / "results.json").exists():
        rows = kept_rows(json.loads((args.out / "results.json").read_text()), rows)
    result = {"date": today, "machine": here, "quick": args.quick,
              "seconds": round(time.perf_counter() - started, 1), "rows": rows, "growth": growth(rows)}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "results.md").write_text(markdown(result))
    print(f"\n{markdown(result)}\nWrote {args.out / 'results.md'} and results.json in {result['seconds']:.0f} s.")
    failed = [r for r in rows if not r["check"]]
    if failed:
        print(f"{len(failed)} equality check(s) FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
