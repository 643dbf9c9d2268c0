import cxkit
import cxkit.plot


def tiers_result(bank):
    return cxkit.value_tiers(bank["customers"]["balance"].clip(lower=0))


def cases(bank):
    tiers = tiers_result(bank)
    return {
        "value_tiers": (lambda ax, lang: cxkit.plot.value_tiers(tiers, ax=ax, lang=lang), 4),
    }
