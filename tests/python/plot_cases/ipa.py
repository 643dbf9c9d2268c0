import pandas as pd

import cxkit
import cxkit.plot
from plot_cases.journey import journey_state, last_month, touchpoint_shares


def journey_ipa(bank):
    """The report's importance–performance of the touchpoints: share of the tree's weight
    against the last month's index, crosshair at the means."""
    shares = touchpoint_shares(bank["journey_tree"])
    window = journey_state(bank).evaluate(window="month", at=pd.Period(last_month(bank)).start_time)
    names = [n for n in window.index if n in shares]
    return cxkit.ipa([shares[n] for n in names], window.loc[names, "index"].tolist(), names=names, crosshair="mean")


def cases(bank):
    table = journey_ipa(bank)
    return {
        "ipa": (lambda ax, lang: cxkit.plot.ipa(table, ax=ax, lang=lang), len(table)),
    }
