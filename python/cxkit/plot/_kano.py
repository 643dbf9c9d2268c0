"""KANO charts: the Better–Worse diagram and the category shares."""

from __future__ import annotations

from typing import Any

from cxkit import _cxkit
from cxkit.plot._style import axes, finish, table_rows, text

# Okabe–Ito colours (distinct for the common colour-vision deficiencies).
KANO_COLOURS = {"A": "#009E73", "O": "#0072B2", "M": "#D55E00", "I": "#999999", "R": "#CC79A7", "Q": "#000000"}

TEXT = {
    "en": {
        "kano_title": "KANO: satisfaction (Better) against dissatisfaction (Worse)",
        "kano_x": "Worse: dissatisfaction when absent (|coefficient|)",
        "kano_y": "Better: satisfaction when present (coefficient)",
        "kano_shares_title": "KANO categories by feature",
        "kano_shares_x": "Share of answers (%)",
        "A": "Attractive",
        "O": "One-dimensional",
        "M": "Must-be",
        "I": "Indifferent",
        "R": "Reverse",
        "Q": "Questionable",
    },
    "zh": {
        "kano_title": "KANO：满意系数（Better）与不满意系数（Worse）",
        "kano_x": "Worse：缺失时的不满意程度（系数绝对值）",
        "kano_y": "Better：具备时的满意程度（系数）",
        "kano_shares_title": "各功能的 KANO 类别",
        "kano_shares_x": "回答占比（%）",
        "A": "魅力型",
        "O": "期望型",
        "M": "必备型",
        "I": "无差异型",
        "R": "反向型",
        "Q": "可疑结果",
    },
}


def kano_table(result: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(str(name), row) for name, row in table_rows(result.table)]


def kano(result: Any, previous: Any = None, ax: Any = None, lang: str = "en", labels: bool = True) -> Any:
    """The Better–Worse diagram of a ``KanoResult``: one point per feature at (|Worse|,
    Better), coloured by its category, the quadrants split at 0.5; with ``previous`` (an
    earlier wave's result), an arrow from each feature's earlier position (features matched
    by name). Worse is reported negative (Berger et al. 1993); the chart plots its size.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> f = [[1, 2], [1, 3], [2, 1]]; d = [[5, 5], [4, 5], [5, 4]]
    >>> ax = cxkit.plot.kano(cxkit.kano_analyze(f, d))
    >>> len(ax.collections)
    1
    """
    t = text(lang, TEXT)
    rows = [(n, r) for n, r in kano_table(result) if r["better"] == r["better"] and r["worse"] == r["worse"]]
    if not rows:
        raise _cxkit.EmptyInputError("result: no feature with Better and Worse to plot")
    ax = axes(ax, (7.0, 6.0))
    xs = [-r["worse"] for _, r in rows]
    ys = [r["better"] for _, r in rows]
    colours = [KANO_COLOURS.get(r["category"], "#000000") for _, r in rows]
    ax.scatter(xs, ys, c=colours, s=60, zorder=3, edgecolors="white", linewidths=0.5)
    if previous is not None:
        before = {n: r for n, r in kano_table(previous)}
        for (name, r), x, y in zip(rows, xs, ys):
            p = before.get(name)
            if p is not None and p["better"] == p["better"] and p["worse"] == p["worse"]:
                ax.annotate("", (x, y), (-p["worse"], p["better"]),
                            arrowprops={"arrowstyle": "->", "color": "#555", "linewidth": 0.8})
    if labels:
        # Each label on the side of its point facing the middle, so none runs off the axes.
        for (name, _), x, y in zip(rows, xs, ys):
            right = x > 0.5
            ax.annotate(name, (x, y), textcoords="offset points", xytext=(-5 if right else 5, -10 if y > 0.9 else 4),
                        ha="right" if right else "left", fontsize=8)
    ax.axvline(0.5, color="#999", linewidth=0.8, linestyle="--")
    ax.axhline(0.5, color="#999", linewidth=0.8, linestyle="--")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    for x, y, c in [(0.02, 0.98, "A"), (0.98, 0.98, "O"), (0.98, 0.02, "M"), (0.02, 0.02, "I")]:
        ax.text(x, y, t[c], transform=ax.transAxes, ha="left" if x < 0.5 else "right",
                va="top" if y > 0.5 else "bottom", color=KANO_COLOURS[c], fontsize=9, fontweight="bold")
    present = sorted({r["category"] for _, r in rows}, key="AOMIRQ".find)
    from matplotlib.lines import Line2D

    ax.legend(handles=[Line2D([], [], marker="o", linestyle="", color=KANO_COLOURS[c], label=t[c]) for c in present],
              loc="center right", fontsize=8, framealpha=0.9)
    return finish(ax, lang, t["kano_title"], t["kano_x"], t["kano_y"])


def kano_shares(result: Any, ax: Any = None, lang: str = "en") -> Any:
    """The share of answers in each KANO category (A, O, M, I, R, Q) per feature of a
    ``KanoResult``: one stacked horizontal bar per feature.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = cxkit.plot.kano_shares(cxkit.kano_analyze([[1, 2], [1, 3]], [[5, 5], [4, 5]]))
    >>> len(ax.patches)
    12
    """
    t = text(lang, TEXT)
    rows = kano_table(result)
    if not rows:
        raise _cxkit.EmptyInputError("result: no feature to plot")
    ax = axes(ax, (7.5, 0.45 * len(rows) + 1.5))
    names = [n for n, _ in rows]
    left = [0.0] * len(rows)
    for c in "AOMIRQ":
        share = [100.0 * r[c] / r["n"] if r["n"] else 0.0 for _, r in rows]
        ax.barh(names, share, left=left, color=KANO_COLOURS[c], label=t[c], edgecolor="white", linewidth=0.5)
        left = [a + b for a, b in zip(left, share)]
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return finish(ax, lang, t["kano_shares_title"], t["kano_shares_x"])
