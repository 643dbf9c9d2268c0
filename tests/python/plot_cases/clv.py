import numpy as np
import pandas as pd

import cxkit
import cxkit.plot


def history(bank):
    """The demo's transactions summarised by week, and a BG/NBD fitted to them."""
    tx = bank["transactions"]
    hist = cxkit.summarize_transactions(tx["customer_id"], tx["date"], tx["amount"], freq="W")
    bg = cxkit.BetaGeo(penalizer=0.001).fit(hist["frequency"], hist["recency"], hist["T"])
    return hist, bg


def clv_values(bank):
    """12-month CLV of every customer of the log with the report's settings (report/sections/
    value.rs): weekly summary, BG/NBD and Gamma-Gamma with penalizer 0.001, customers without a
    repeat purchase at the population's mean spend p·v/(q − 1), monthly discount 1 %."""
    hist, bg = history(bank)
    gg = cxkit.GammaGamma(penalizer=0.001).fit(hist["frequency"], hist["monetary_value"])
    p = gg.params
    spend = np.where(hist["monetary_value"] > 0, hist["monetary_value"], p["p"] * p["v"] / (p["q"] - 1))
    return cxkit.customer_lifetime_value(bg, gg, hist["frequency"], hist["recency"], hist["T"], spend,
                                         horizon=12, freq="W", discount_rate=0.01)


def holdout(bank):
    """The demo's log split 26 weeks before its end: the weekly summary with holdout columns, and
    a BG/NBD fitted on the calibration columns."""
    tx = bank["transactions"]
    end = pd.Timestamp(tx["date"].max()) - pd.Timedelta(weeks=26)
    frame = cxkit.summarize_transactions(tx["customer_id"], tx["date"], tx["amount"], freq="W",
                                         calibration_end=end.strftime("%Y-%m-%d"))
    bg = cxkit.BetaGeo(penalizer=0.001).fit(frame["frequency"], frame["recency"], frame["T"])
    return frame, bg


def cases(bank):
    hist, bg = history(bank)
    period = bg.period_transactions(hist["frequency"], hist["T"])
    clv = clv_values(bank)
    T = float(hist["T"].max())
    top = int(hist["frequency"].max())
    cells = (top + 1) * (int(T) + 1)
    frame, cal = holdout(bank)
    groups = frame.loc[frame["frequency"] <= 6, "frequency"].nunique()
    return {
        "period_transactions": (lambda ax, lang: cxkit.plot.period_transactions(period, ax=ax, lang=lang),
                                2 * len(period)),
        "clv_deciles": (lambda ax, lang: cxkit.plot.clv_deciles(clv, ax=ax, lang=lang), 10),
        "probability_alive_matrix": (
            lambda ax, lang: cxkit.plot.probability_alive_matrix(bg, T, top, ax=ax, lang=lang, freq="W"), cells),
        "expected_purchases_matrix": (
            lambda ax, lang: cxkit.plot.expected_purchases_matrix(bg, 52, T, top, ax=ax, lang=lang, freq="W"), cells),
        "calibration_holdout": (
            lambda ax, lang: cxkit.plot.calibration_holdout(cal, frame, ax=ax, lang=lang, freq="W"), groups),
    }
