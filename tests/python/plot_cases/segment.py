import cxkit
import cxkit.plot

from plot_cases.clv import history

# The behaviour k-means clusters the demo's customers on, and the variables their profiles show.
BEHAVIOUR = ["age", "income_band", "products", "balance"]


def tiers_result(bank):
    return cxkit.value_tiers(bank["customers"]["balance"].clip(lower=0))


def rfm_result(bank):
    """RFM scores of the customers of the weekly summary (recency counted back from the end)."""
    hist, _ = history(bank)
    return cxkit.rfm_scores(hist["T"] - hist["recency"], hist["frequency"], hist["monetary_value"])


def scan_result(bank):
    """k = 1 … 10 on the standardised behaviour, the silhouette on a seeded sample of 1,000."""
    return cxkit.kmeans_scan(bank["customers"][BEHAVIOUR], ks=range(1, 11), standardize=True, sample_size=1_000)


def profiles_result(bank):
    return cxkit.profile_segments(bank["customers"], "segment", numeric=BEHAVIOUR, categorical=["channel"])


def cases(bank):
    tiers = tiers_result(bank)
    rfm = rfm_result(bank)
    scan = scan_result(bank)
    profiles = profiles_result(bank)
    return {
        "value_tiers": (lambda ax, lang: cxkit.plot.value_tiers(tiers, ax=ax, lang=lang), 4),
        "rfm_segments": (lambda ax, lang: cxkit.plot.rfm_segments(rfm, ax=ax, lang=lang),
                         int((rfm["segment"].value_counts() > 0).sum())),
        "kmeans_scan": (lambda ax, lang: cxkit.plot.kmeans_scan(scan, ax=ax, lang=lang), len(scan)),
        "segment_profiles": (lambda ax, lang: cxkit.plot.segment_profiles(profiles, ax=ax, lang=lang),
                             len(profiles.summary) * profiles.numeric.index.get_level_values(1).nunique()),
    }
