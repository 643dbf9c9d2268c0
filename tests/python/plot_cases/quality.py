import cxkit
import cxkit.plot


def servqual_result(bank):
    sq = bank["servqual"]
    p = sq.pivot(index="respondent_id", columns="item", values="perception")
    e = sq.pivot(index="respondent_id", columns="item", values="expectation")
    dims = sq.drop_duplicates("item").set_index("item")["dimension"].reindex(p.columns).tolist()
    return cxkit.servqual(p, e, dimensions=dims)


def cases(bank):
    sq = servqual_result(bank)
    return {
        "servqual": (lambda ax, lang: cxkit.plot.servqual(sq, ax=ax, lang=lang), len(sq.dimensions)),
    }
