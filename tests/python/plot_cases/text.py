import cxkit
import cxkit.plot


def topics_result(bank):
    c = bank["comments"]
    return cxkit.topic_impact(c["text"], c["score"])


def cases(bank):
    ti = topics_result(bank)
    costed = int(((ti.table["mentions"] > 0) & ti.table["cost"].notna()).sum())
    return {
        "topics": (lambda ax, lang: cxkit.plot.topics(ti, ax=ax, lang=lang), min(10, costed)),
    }
