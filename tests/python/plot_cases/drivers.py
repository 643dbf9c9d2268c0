import numpy as np

import cxkit
import cxkit.plot


def drivers_result(bank):
    sq = bank["servqual"]
    p = sq.pivot(index="respondent_id", columns="item", values="perception").astype(float)
    y = p.iloc[:, :3].mean(axis=1) * 2 + np.random.default_rng(1).normal(size=len(p))
    return cxkit.key_drivers(p.iloc[:, :6], y, bootstrap=100, seed=3)


def cases(bank):
    kd = drivers_result(bank)
    return {
        "drivers": (lambda ax, lang: cxkit.plot.drivers(kd, ax=ax, lang=lang), len(kd.table)),
    }
