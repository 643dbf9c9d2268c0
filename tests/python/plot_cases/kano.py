import cxkit
import cxkit.plot


def kano_waves(bank):
    """One KanoResult per wave of the demo's long KANO table."""
    k = bank["kano"]
    out = []
    for w in sorted(k["wave"].unique()):
        one = k[k["wave"] == w]
        f = one.pivot(index="respondent_id", columns="feature", values="functional")
        d = one.pivot(index="respondent_id", columns="feature", values="dysfunctional")
        out.append(cxkit.kano_analyze(f, d))
    return out


def cases(bank):
    before, after = kano_waves(bank)[:2]
    n = len(after.table)
    return {
        "kano": (lambda ax, lang: cxkit.plot.kano(after, previous=before, ax=ax, lang=lang), n),
        "kano_shares": (lambda ax, lang: cxkit.plot.kano_shares(after, ax=ax, lang=lang), 6 * n),
    }
