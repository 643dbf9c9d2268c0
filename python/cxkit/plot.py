"""Charts of cxkit's results, one call each (matplotlib, an optional dependency:
``pip install "cxkit[plot]"``).

Every function takes the result object cxkit returns, draws on ``ax`` when given (else on a
new figure), and returns the matplotlib ``Axes``, with a title, axis labels and units in
``lang`` ("en" or "zh"; Chinese through the CJK font stack the HTML report names, the first
one installed). No global style is changed: colours, fonts and sizes are set on the chart's
own artists.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import cxkit, cxkit.plot
>>> ax = cxkit.plot.nps({"Q1": cxkit.nps([10, 9, 3, 7]), "Q2": cxkit.nps([10, 10, 6, 9])})
>>> ax.get_title(), len(ax.lines) >= 1
('NPS by wave', True)
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from cxkit import _cxkit

__all__ = ["nps", "kano", "kano_shares", "servqual", "drivers", "topics", "value_tiers", "period_transactions"]

# Okabe–Ito colours (distinct for the common colour-vision deficiencies).
KANO_COLOURS = {"A": "#009E73", "O": "#0072B2", "M": "#D55E00", "I": "#999999", "R": "#CC79A7", "Q": "#000000"}
_BAR = "#0072B2"
_BAD = "#D55E00"

_TEXT = {
    "en": {
        "nps_title": "NPS by wave", "nps_one": "NPS", "nps_y": "NPS (points, −100 to 100)", "wave": "Wave",
        "kano_title": "KANO: satisfaction (Better) against dissatisfaction (Worse)",
        "kano_x": "Worse: dissatisfaction when absent (|coefficient|)",
        "kano_y": "Better: satisfaction when present (coefficient)",
        "kano_shares_title": "KANO categories by feature", "kano_shares_x": "Share of answers (%)",
        "A": "Attractive", "O": "One-dimensional", "M": "Must-be", "I": "Indifferent", "R": "Reverse",
        "Q": "Questionable",
        "servqual_title": "SERVQUAL gaps by {what} (perception − expectation)",
        "servqual_x": "Gap (scale points; below 0: expectations not met)",
        "dimension": "dimension", "item": "item",
        "drivers_title": "Key drivers ({method}; R² = {r2:.2f})", "drivers_x": "Share of explained variance (%)",
        "topics_title": "What each topic costs",
        "topics_x": "Points of the score the topic costs (NPS points for NPS), with interval",
        "tiers_title": "Customer pyramid", "tiers_x": "Bar width: share of customers",
        "tiers_y": "Tier (by value, highest first)", "tiers_label": "{c:.0%} of customers, {v:.0%} of value",
        "platinum": "Platinum", "gold": "Gold", "iron": "Iron", "lead": "Lead",
        "period_title": "Customers by repeat purchases: observed and as the model expects",
        "period_x": "Repeat purchases in the time observed", "period_y": "Customers",
        "observed": "Observed", "expected": "Expected (model)",
    },
    "zh": {
        "nps_title": "各期 NPS", "nps_one": "NPS", "nps_y": "NPS（分，−100 至 100）", "wave": "期次",
        "kano_title": "KANO：满意系数（Better）与不满意系数（Worse）",
        "kano_x": "Worse：缺失时的不满意程度（系数绝对值）",
        "kano_y": "Better：具备时的满意程度（系数）",
        "kano_shares_title": "各功能的 KANO 类别", "kano_shares_x": "回答占比（%）",
        "A": "魅力型", "O": "期望型", "M": "必备型", "I": "无差异型", "R": "反向型", "Q": "可疑结果",
        "servqual_title": "各{what}的 SERVQUAL 差距（感知 − 期望）",
        "servqual_x": "差距（量表分；低于 0 表示未达期望）",
        "dimension": "维度", "item": "题项",
        "drivers_title": "关键驱动因素（{method}；R² = {r2:.2f}）", "drivers_x": "解释方差占比（%）",
        "topics_title": "各话题造成的损失", "topics_x": "话题造成的评分损失（NPS 为 NPS 分，含区间）",
        "tiers_title": "客户金字塔", "tiers_x": "条宽：客户占比",
        "tiers_y": "层级（按价值，由高到低）", "tiers_label": "客户 {c:.0%}，价值 {v:.0%}",
        "platinum": "白金", "gold": "黄金", "iron": "铁", "lead": "铅",
        "period_title": "按重复购买次数的客户数：实际与模型预期",
        "period_x": "观察期内的重复购买次数", "period_y": "客户数",
        "observed": "实际", "expected": "预期（模型）",
    },
}


def _text(lang: str) -> dict[str, str]:
    if lang not in _TEXT:
        raise _cxkit.InvalidParameterError(f"lang: {lang!r} is not one of 'en', 'zh'")
    return _TEXT[lang]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - the tests install matplotlib
        raise ImportError('cxkit.plot needs matplotlib: pip install "cxkit[plot]"') from e
    return plt


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    _, ax = _pyplot().subplots(figsize=size, layout="constrained")
    return ax


def _family(lang: str) -> Optional[list[str]]:
    """The font family for ``lang``: for Chinese the first font of the report's stack that is
    installed, then matplotlib's own for Latin glyphs; None (the default) for English."""
    if lang != "zh":
        return None
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in _cxkit._CJK_FONTS:
        if name in installed:
            return [name, "DejaVu Sans"]
    return None


def _finish(ax: Any, lang: str, title: str, xlabel: str = "", ylabel: str = "") -> Any:
    """Sets the labels, in ``lang``'s font on every text artist of ``ax`` (nothing global)."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    family = _family(lang)
    if family is not None:
        for t in [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]:
            t.set_fontfamily(family)
        ax.tick_params(labelfontfamily=family)
        legend = ax.get_legend()
        if legend is not None:
            for t in legend.get_texts():
                t.set_fontfamily(family)
    return ax


def _rows(table: Any) -> list[tuple[Any, dict[str, Any]]]:
    """(label, row) pairs of a result's DataFrame (``cxkit[plot]`` installs pandas)."""
    return [(label, dict(row)) for label, row in table.iterrows()]


def nps(results: Any, ax: Any = None, lang: str = "en", title: Optional[str] = None) -> Any:
    """NPS with its interval, one point per group: ``results`` is one ``Nps``, a mapping
    label → ``Nps`` (waves, segments, in the mapping's order) or a DataFrame with columns
    ``score``, ``ci_low`` and ``ci_high`` indexed by the label.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = cxkit.plot.nps(cxkit.nps([10, 9, 9, 7, 3]))
    >>> ax.get_ylabel()
    'NPS (points, −100 to 100)'
    """
    t = _text(lang)
    if isinstance(results, _cxkit.Nps):
        points = [("", results.score, results.ci_low, results.ci_high)]
    elif isinstance(results, Mapping):
        points = [(str(k), r.score, r.ci_low, r.ci_high) for k, r in results.items()]
    else:
        points = [(str(k), row["score"], row["ci_low"], row["ci_high"]) for k, row in _rows(results)]
    if not points:
        raise _cxkit.EmptyInputError("results: no NPS to plot")
    ax = _axes(ax, (6.4, 4.0))
    x = list(range(len(points)))
    y = [p[1] for p in points]
    err = [[p[1] - p[2] for p in points], [p[3] - p[1] for p in points]]
    ax.errorbar(x, y, yerr=err, fmt="o-", color=_BAR, capsize=4)
    for xi, p in zip(x, points):
        ax.annotate(f"{p[1]:.1f}", (xi, p[1]), textcoords="offset points", xytext=(8, 4))
    ax.axhline(0, color="#666", linewidth=0.8)
    ax.set_xticks(x, [p[0] for p in points])
    low, high = min(p[2] for p in points), max(p[3] for p in points)
    pad = max(5.0, 0.15 * (high - low))
    ax.set_ylim(max(-100.0, low - pad), min(100.0, high + pad))
    ax.set_xlim(-0.5, len(points) - 0.5)
    many = len(points) > 1
    return _finish(ax, lang, title or (t["nps_title"] if many else t["nps_one"]), t["wave"] if many else "",
                   t["nps_y"])


def _kano_table(result: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(str(name), row) for name, row in _rows(result.table)]


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
    t = _text(lang)
    rows = [(n, r) for n, r in _kano_table(result) if r["better"] == r["better"] and r["worse"] == r["worse"]]
    if not rows:
        raise _cxkit.EmptyInputError("result: no feature with Better and Worse to plot")
    ax = _axes(ax, (7.0, 6.0))
    xs = [-r["worse"] for _, r in rows]
    ys = [r["better"] for _, r in rows]
    colours = [KANO_COLOURS.get(r["category"], "#000000") for _, r in rows]
    ax.scatter(xs, ys, c=colours, s=60, zorder=3, edgecolors="white", linewidths=0.5)
    if previous is not None:
        before = {n: r for n, r in _kano_table(previous)}
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
    return _finish(ax, lang, t["kano_title"], t["kano_x"], t["kano_y"])


def kano_shares(result: Any, ax: Any = None, lang: str = "en") -> Any:
    """The share of answers in each KANO category (A, O, M, I, R, Q) per feature of a
    ``KanoResult``: one stacked horizontal bar per feature.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = cxkit.plot.kano_shares(cxkit.kano_analyze([[1, 2], [1, 3]], [[5, 5], [4, 5]]))
    >>> len(ax.patches)
    12
    """
    t = _text(lang)
    rows = _kano_table(result)
    if not rows:
        raise _cxkit.EmptyInputError("result: no feature to plot")
    ax = _axes(ax, (7.5, 0.45 * len(rows) + 1.5))
    names = [n for n, _ in rows]
    left = [0.0] * len(rows)
    for c in "AOMIRQ":
        share = [100.0 * r[c] / r["n"] if r["n"] else 0.0 for _, r in rows]
        ax.barh(names, share, left=left, color=KANO_COLOURS[c], label=t[c], edgecolor="white", linewidth=0.5)
        left = [a + b for a, b in zip(left, share)]
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return _finish(ax, lang, t["kano_shares_title"], t["kano_shares_x"])


def _intervals(ax: Any, labels: list[str], values: list[float], low: list[float], high: list[float],
               colour: str) -> None:
    ax.barh(labels, values, color=colour)
    err = [[v - lo for v, lo in zip(values, low)], [hi - v for v, hi in zip(values, high)]]
    ax.errorbar(values, labels, xerr=err, fmt="none", ecolor="#333", capsize=3)
    ax.axvline(0, color="#666", linewidth=0.8)
    ax.invert_yaxis()
    span = [*low, *high, 0.0]
    pad = 0.08 * (max(span) - min(span) or 1.0)
    ax.set_xlim(min(span) - pad, max(span) + pad)


def servqual(result: Any, ax: Any = None, lang: str = "en", by: str = "dimensions") -> Any:
    """The SERVQUAL gaps of a ``Servqual`` result with their t-intervals, one bar per
    dimension (``by="dimensions"``) or item (``by="items"``), in the result's order.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> r = cxkit.servqual([[5, 6], [4, 6], [6, 7]], [[6, 6], [6, 7], [7, 7]], dimensions=["a", "b"])
    >>> len(cxkit.plot.servqual(r).patches)
    2
    """
    t = _text(lang)
    if by not in ("dimensions", "items"):
        raise _cxkit.InvalidParameterError(f"by: {by!r} is not one of 'dimensions', 'items'")
    rows = _rows(getattr(result, by))
    ax = _axes(ax, (7.0, 0.45 * len(rows) + 1.5))
    _intervals(ax, [str(n) for n, _ in rows], [r["gap"] for _, r in rows], [r["ci_low"] for _, r in rows],
               [r["ci_high"] for _, r in rows], _BAD)
    return _finish(ax, lang, t["servqual_title"].format(what=t["dimension" if by == "dimensions" else "item"]),
                   t["servqual_x"])


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
    t = _text(lang)
    rows = sorted(_rows(result.table), key=lambda r: -r[1]["share"])
    ax = _axes(ax, (7.0, 0.45 * len(rows) + 1.5))
    labels = [str(n) for n, _ in rows]
    share = [r["share"] for _, r in rows]
    ends = share
    if rows and "ci_low" in rows[0][1]:
        # The interval of the importance, in the share's units (share ∝ importance).
        scale = [r["share"] / r["importance"] if r["importance"] else 0.0 for _, r in rows]
        ends = [r["ci_high"] * k for (_, r), k in zip(rows, scale)]
        _intervals(ax, labels, share, [r["ci_low"] * k for (_, r), k in zip(rows, scale)], ends, _BAR)
    else:
        ax.barh(labels, share, color=_BAR)
        ax.invert_yaxis()
    ax.set_xlim(0, max(ends + [1.0]) * 1.2)
    for y, (v, end) in enumerate(zip(share, ends)):
        ax.annotate(f"{v:.1f}%", (max(v, end), y), textcoords="offset points", xytext=(6, -3), fontsize=8)
    return _finish(ax, lang, t["drivers_title"].format(method=result.method, r2=result.r2), t["drivers_x"])


def topics(result: Any, ax: Any = None, lang: str = "en", top: int = 10) -> Any:
    """What the topics of a ``TopicImpacts`` cost: the ``top`` costliest topics mentioned (by
    the points they cost, with their delta-method intervals), named as in the result.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> r = cxkit.topic_impact(["手续费太贵", "年费乱收费", "柜员很耐心", "服务很好"], [2, 4, 10, 9])
    >>> [t.get_text() for t in cxkit.plot.topics(r).get_yticklabels()]
    ['Fees and charges', 'Staff attitude']
    """
    t = _text(lang)
    rows = [(n, r) for n, r in _rows(result.table) if r["mentions"] > 0 and r["cost"] == r["cost"]]
    rows = sorted(rows, key=lambda r: -r[1]["cost"])[:top]
    if not rows:
        raise _cxkit.EmptyInputError("result: no topic with a cost to plot")
    ax = _axes(ax, (7.0, 0.45 * len(rows) + 1.5))
    low = [r["cost_low"] if r["cost_low"] == r["cost_low"] else r["cost"] for _, r in rows]
    high = [r["cost_high"] if r["cost_high"] == r["cost_high"] else r["cost"] for _, r in rows]
    _intervals(ax, [str(r["name"]) for _, r in rows], [r["cost"] for _, r in rows], low, high, _BAD)
    return _finish(ax, lang, t["topics_title"], t["topics_x"])


def value_tiers(result: Any, ax: Any = None, lang: str = "en") -> Any:
    """The customer pyramid of a ``ValueTiers`` result: one centred bar per tier (platinum on
    top), its width the tier's share of customers, labelled with its share of value.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = cxkit.plot.value_tiers(cxkit.value_tiers(list(range(1, 101))))
    >>> len(ax.patches)
    4
    """
    t = _text(lang)
    rows = _rows(result.summary)
    ax = _axes(ax, (6.4, 4.5))
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
    return _finish(ax, lang, t["tiers_title"], t["tiers_x"], t["tiers_y"])


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
    t = _text(lang)
    rows = _rows(table)
    if not rows:
        raise _cxkit.EmptyInputError("table: no bins to plot")
    ax = _axes(ax, (7.0, 4.5))
    at = list(range(len(rows)))
    ax.bar([i - 0.2 for i in at], [r["observed"] for _, r in rows], width=0.4, color=_BAR, label=t["observed"])
    ax.bar([i + 0.2 for i in at], [r["expected"] for _, r in rows], width=0.4, color="#E69F00",
           label=t["expected"])
    labels = [str(k) for k, _ in rows]
    if getattr(table, "attrs", {}).get("open_last_bin"):
        labels[-1] += "+"
    ax.set_xticks(at, labels)
    ax.legend(frameon=False)
    return _finish(ax, lang, t["period_title"], t["period_x"], t["period_y"])
