"""Lifetime-value charts: the checks of a BG/NBD fit."""

from __future__ import annotations

from typing import Any

from cxkit import _cxkit
from cxkit.plot._style import BAR, axes, finish, table_rows, text

TEXT = {
    "en": {
        "period_title": "Customers by repeat purchases: observed and as the model expects",
        "period_x": "Repeat purchases in the time observed",
        "period_y": "Customers",
        "observed": "Observed",
        "expected": "Expected (model)",
    },
    "zh": {
        "period_title": "按重复购买次数的客户数：实际与模型预期",
        "period_x": "观察期内的重复购买次数",
        "period_y": "客户数",
        "observed": "实际",
        "expected": "预期（模型）",
    },
}


def period_transactions(table: Any, ax: Any = None, lang: str = "en") -> Any:
    """Customers by their number of repeat purchases, observed against the model's expectation
    — the first check of a fit (lifetimes' plot_period_transactions, here exact): ``table`` is
    the DataFrame of ``BetaGeo.period_transactions``, one pair of bars per row, the last
    labelled "k+" when it counts k or more.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> m = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
    >>> ax = cxkit.plot.period_transactions(m.period_transactions([0, 0, 1, 4], [39] * 4, bins=3))
    >>> len(ax.patches), [t.get_text() for t in ax.get_xticklabels()]
    (6, ['0', '1', '2+'])
    """
    t = text(lang, TEXT)
    rows = table_rows(table)
    if not rows:
        raise _cxkit.EmptyInputError("table: no bins to plot")
    ax = axes(ax, (7.0, 4.5))
    at = list(range(len(rows)))
    ax.bar([i - 0.2 for i in at], [r["observed"] for _, r in rows], width=0.4, color=BAR, label=t["observed"])
    ax.bar([i + 0.2 for i in at], [r["expected"] for _, r in rows], width=0.4, color="#E69F00",
           label=t["expected"])
    labels = [str(k) for k, _ in rows]
    if getattr(table, "attrs", {}).get("open_last_bin"):
        labels[-1] += "+"
    ax.set_xticks(at, labels)
    ax.legend(frameon=False)
    return finish(ax, lang, t["period_title"], t["period_x"], t["period_y"])
