import pandas as pd

import cxkit
import cxkit.plot

# The HTML report's settings: missing answers replaced by the item's mean, 500 resamples,
# seed 0, the 1–10 answer scale.
BOOTSTRAP = {"n": 500, "seed": 0}
SCALE = (1, 10)


def satisfaction_data(bank):
    """The satisfaction questionnaire as one row per customer, one column per item, both in
    the order they first appear in the file (as the report reads it, so that the bootstrap
    draws the same resamples)."""
    s = bank["satisfaction"]
    wide = s.pivot(index="customer_id", columns="item", values="answer")
    return wide.reindex(index=pd.unique(s["customer_id"]), columns=pd.unique(s["item"]))


def satisfaction_fit(bank):
    model = cxkit.PlsModel.from_json(bank["satisfaction_model"])
    return cxkit.pls_pm(satisfaction_data(bank), model=model, nan_policy="mean")


def final_target(fit):
    """The model's last construct without successors that has predecessors (the report's target)."""
    paths = fit.model.paths
    return [c for c in fit.model.constructs if not any(a == c for a, _ in paths) and any(b == c for _, b in paths)][-1]


def cases(bank):
    fit = satisfaction_fit(bank)
    boot = fit.bootstrap(**BOOTSTRAP)
    table = fit.ipma(final_target(fit), SCALE)
    return {
        "pls_paths": (lambda ax, lang: cxkit.plot.pls_paths(fit, ax=ax, lang=lang, bootstrap=boot),
                      len(fit.model.constructs) + len(fit.paths)),
        "ipma": (lambda ax, lang: cxkit.plot.ipma(table, ax=ax, lang=lang), len(table)),
    }
