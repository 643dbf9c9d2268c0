"""Key-driver charts."""

from __future__ import annotations

from typing import Any

from cxkit.plot._style import BAR, axes, finish, intervals, table_rows, text

TEXT = {
    "en": {
        "drivers_title": "Key drivers ({method}; R² = {r2:.2f})",
        "drivers_x": "Share of explained variance (%)",
    },
    "zh": {
        "drivers_title": "关键驱动因素（{method}；R² = {r2:.2f}）",
        "drivers_x": "解释方差占比（%）",
    },
}


def drivers(result: Any, ax: Any = None, lang: str = "en") -> Any:
    """The key drivers of a ``KeyDrivers`` result: each driver's share of the explained
    variance (R²) by the result's method, largest first, with its bootstrap interval when the
    run had one.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> X = [[1, 2], [2, 1], [3, 5], [4, 3], [5, 6]]
    >>> ax = cxkit.plot.drivers(cxkit.key_drivers(X, [1, 2, 4, 3, 6], names=["a", "b"]))
    >>> [t.get_text() for t in ax.get_yticklabels()] in (["a", "b"], ["b", "a"])
    True
    """
    t = text(lang, TEXT)
    rows = sorted(table_rows(result.table), key=lambda r: -r[1]["share"])
    ax = axes(ax, (7.0, 0.45 * len(rows) + 1.5))
    labels = [str(n) for n, _ in rows]
    share = [r["share"] for _, r in rows]
    ends = share
    if rows and "ci_low" in rows[0][1]:
        # The interval of the importance, in the share's units (share ∝ importance).
        scale = [r["share"] / r["importance"] if r["importance"] else 0.0 for _, r in rows]
        ends = [r["ci_high"] * k for (_, r), k in zip(rows, scale)]
        intervals(ax, labels, share, [r["ci_low"] * k for (_, r), k in zip(rows, scale)], ends, BAR)
    else:
        ax.barh(labels, share, color=BAR)
        ax.invert_yaxis()
    ax.set_xlim(0, max(ends + [1.0]) * 1.2)
    for y, (v, end) in enumerate(zip(share, ends)):
        ax.annotate(f"{v:.1f}%", (max(v, end), y), textcoords="offset points", xytext=(6, -3), fontsize=8)
    return finish(ax, lang, t["drivers_title"].format(method=result.method, r2=result.r2), t["drivers_x"])
