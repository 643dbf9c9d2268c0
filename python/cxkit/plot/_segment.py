"""Segment charts: the customer pyramid."""

from __future__ import annotations

from typing import Any

from cxkit.plot._style import axes, finish, table_rows, text

TEXT = {
    "en": {
        "tiers_title": "Customer pyramid",
        "tiers_x": "Bar width: share of customers",
        "tiers_y": "Tier (by value, highest first)",
        "tiers_label": "{c:.0%} of customers, {v:.0%} of value",
        "platinum": "Platinum",
        "gold": "Gold",
        "iron": "Iron",
        "lead": "Lead",
    },
    "zh": {
        "tiers_title": "客户金字塔",
        "tiers_x": "条宽：客户占比",
        "tiers_y": "层级（按价值，由高到低）",
        "tiers_label": "客户 {c:.0%}，价值 {v:.0%}",
        "platinum": "白金",
        "gold": "黄金",
        "iron": "铁",
        "lead": "铅",
    },
}


def value_tiers(result: Any, ax: Any = None, lang: str = "en") -> Any:
    """The customer pyramid of a ``ValueTiers`` result: one centred bar per tier (platinum on
    top), its width the tier's share of customers, labelled with its share of value.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = cxkit.plot.value_tiers(cxkit.value_tiers(list(range(1, 101))))
    >>> len(ax.patches)
    4
    """
    t = text(lang, TEXT)
    rows = table_rows(result.summary)
    ax = axes(ax, (6.4, 4.5))
    colours = ["#56B4E9", "#E69F00", "#999999", "#555555"]
    for y, ((tier, r), colour) in enumerate(zip(rows, colours * 2)):
        width = r["customer_share"]
        ax.barh(y, width, left=-width / 2, color=colour, height=0.8)
        ax.text(0.52, y, t["tiers_label"].format(c=r["customer_share"], v=r["value_share"]), va="center",
                fontsize=9)
    ax.set_yticks(range(len(rows)), [t.get(str(n), str(n)) for n, _ in rows])
    ax.invert_yaxis()
    ax.set_xlim(-0.55, 1.25)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    return finish(ax, lang, t["tiers_title"], t["tiers_x"], t["tiers_y"])
