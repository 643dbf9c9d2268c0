import cxkit
import cxkit.plot


def waves(bank):
    return {f"W{w}": cxkit.nps(g) for w, g in bank["survey"].groupby("wave")["ltr"]}


def likert_items(bank):
    """The CSAT (1–5) answers of each wave as a Likert item."""
    return {f"CSAT W{w}": cxkit.likert_summary(g, 5) for w, g in bank["survey"].groupby("wave")["csat"]}


def likert_bars(items):
    """Bars per item: one per point, the midpoint of an odd scale in two halves."""
    k = len(next(iter(items.values())).points)
    return len(items) * (k + k % 2)


def cases(bank):
    by_wave = waves(bank)
    items = likert_items(bank)
    return {
        "nps": (lambda ax, lang: cxkit.plot.nps(by_wave, ax=ax, lang=lang), len(by_wave)),
        "likert": (lambda ax, lang: cxkit.plot.likert(items, ax=ax, lang=lang), likert_bars(items)),
    }
