import pandas as pd

import cxkit
import cxkit.plot

# The HTML report's service levels (hours).
SLA = {"response": 24, "resolution": 72}


def channel_metrics(bank, sla=SLA):
    """ComplaintMetrics per channel, each at the date of the whole table (as the report does,
    so that every channel's open complaints are aged alike)."""
    c = bank["complaints"]
    whole = cxkit.complaint_metrics(c, sla=sla)
    as_of = pd.Timestamp(whole.to_dict()["metrics"]["as_of"], unit="s")
    return {ch: cxkit.complaint_metrics(g, sla=sla, as_of=as_of) for ch, g in c.groupby("channel", sort=False)}


def due(metrics, which):
    return sum(1 for m in metrics.values() if getattr(m, which)["within_sla"] is not None)


def cases(bank):
    by_channel = channel_metrics(bank)
    return {
        "complaints_sla": (lambda ax, lang: cxkit.plot.complaints_sla(by_channel, ax=ax, lang=lang, target=0.9,
                                                                      sla=SLA["resolution"]),
                           due(by_channel, "resolution")),
    }
