"""Charts of customer comments: what each topic costs."""

from __future__ import annotations

from typing import Any

from cxkit import _cxkit
from cxkit.plot._style import BAD, axes, finish, intervals, table_rows, text

TEXT = {
    "en": {
        "topics_title": "What each topic costs",
        "topics_x": "Points of the score the topic costs (NPS points for NPS), with interval",
    },
    "zh": {
        "topics_title": "各话题造成的损失",
        "topics_x": "话题造成的评分损失（NPS 为 NPS 分，含区间）",
    },
}


def topics(result: Any, ax: Any = None, lang: str = "en", top: int = 10) -> Any:
    """What the topics of a ``TopicImpacts`` cost: the ``top`` costliest topics mentioned (by
    the points they cost, with their delta-method intervals), named as in the result.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> r = cxkit.topic_impact(["手续费太贵", "年费乱收费", "柜员很耐心", "服务很好"], [2, 4, 10, 9])
    >>> [t.get_text() for t in cxkit.plot.topics(r).get_yticklabels()]
    ['Fees and charges', 'Staff attitude']
    """
    t = text(lang, TEXT)
    rows = [(n, r) for n, r in table_rows(result.table) if r["mentions"] > 0 and r["cost"] == r["cost"]]
    rows = sorted(rows, key=lambda r: -r[1]["cost"])[:top]
    if not rows:
        raise _cxkit.EmptyInputError("result: no topic with a cost to plot")
    ax = axes(ax, (7.0, 0.45 * len(rows) + 1.5))
    low = [r["cost_low"] if r["cost_low"] == r["cost_low"] else r["cost"] for _, r in rows]
    high = [r["cost_high"] if r["cost_high"] == r["cost_high"] else r["cost"] for _, r in rows]
    intervals(ax, [str(r["name"]) for _, r in rows], [r["cost"] for _, r in rows], low, high, BAD)
    return finish(ax, lang, t["topics_title"], t["topics_x"])
