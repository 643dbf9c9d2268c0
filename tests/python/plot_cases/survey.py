import cxkit
import cxkit.plot


def waves(bank):
    return {f"W{w}": cxkit.nps(g) for w, g in bank["survey"].groupby("wave")["ltr"]}


def cases(bank):
    by_wave = waves(bank)
    return {
        "nps": (lambda ax, lang: cxkit.plot.nps(by_wave, ax=ax, lang=lang), len(by_wave)),
    }
