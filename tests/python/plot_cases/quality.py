import numpy as np

import cxkit
import cxkit.plot


def servqual_result(bank):
    sq = bank["servqual"]
    p = sq.pivot(index="respondent_id", columns="item", values="perception")
    e = sq.pivot(index="respondent_id", columns="item", values="expectation")
    dims = sq.drop_duplicates("item").set_index("item")["dimension"].reindex(p.columns).tolist()
    return cxkit.servqual(p, e, dimensions=dims)


def zone_inputs(bank):
    """The demo's SERVQUAL answers as a zone-of-tolerance survey (the demo has no adequate or
    desired level): perceptions as perceived; desired service the expectation, one point
    lower for assurance (perceived lies above its zone); adequate service one or two points
    (seeded) below desired, one point for reliability (perceived lies below its zone)."""
    sq = bank["servqual"]
    p = sq.pivot(index="respondent_id", columns="item", values="perception")
    e = sq.pivot(index="respondent_id", columns="item", values="expectation")
    dims = sq.drop_duplicates("item").set_index("item")["dimension"].reindex(p.columns).tolist()
    dim = np.array(dims)
    d = (e - np.where(dim == "assurance", 1, 0)).clip(lower=1)
    width = np.random.default_rng(5).integers(1, 3, size=d.shape)
    a = (d - np.where(dim == "reliability", 1, width)).clip(lower=1)
    return p, a, d, dims


def zone_result(bank):
    p, a, d, dims = zone_inputs(bank)
    return cxkit.zone_of_tolerance(p, a, d, dimensions=dims)


def cases(bank):
    sq = servqual_result(bank)
    zone = zone_result(bank)
    return {
        "servqual": (lambda ax, lang: cxkit.plot.servqual(sq, ax=ax, lang=lang), len(sq.dimensions)),
        "zone_of_tolerance": (lambda ax, lang: cxkit.plot.zone_of_tolerance(zone, ax=ax, lang=lang),
                              len(zone.dimensions)),
    }
