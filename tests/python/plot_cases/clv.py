import cxkit
import cxkit.plot


def history(bank):
    """The demo's transactions summarised by week, and a BG/NBD fitted to them."""
    tx = bank["transactions"]
    hist = cxkit.summarize_transactions(tx["customer_id"], tx["date"], tx["amount"], freq="W")
    bg = cxkit.BetaGeo(penalizer=0.001).fit(hist["frequency"], hist["recency"], hist["T"])
    return hist, bg


def cases(bank):
    hist, bg = history(bank)
    period = bg.period_transactions(hist["frequency"], hist["T"])
    return {
        "period_transactions": (lambda ax, lang: cxkit.plot.period_transactions(period, ax=ax, lang=lang),
                                2 * len(period)),
    }
