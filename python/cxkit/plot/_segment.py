"""Segment charts: the customer pyramid, RFM segment sizes, the k-means scan over k and the
segment profile heat map."""

from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from cxkit import _cxkit
from cxkit.plot._clv import ORANGE, colorbar
from cxkit.plot._style import BAD, BAR, axes, family, finish, shown, table_rows, text

TEXT = {
    "en": {
        "tiers_title": "Customer pyramid",
        "tiers_x": "Bar width: share of customers",
        "tiers_y": "Tier (by value, highest first)",
        "tiers_label": "{c:.0%} of customers, {v:.0%} of value",
        "rfm_title": "RFM segments: customers per segment",
        "rfm_x": "Customers (label: number and share of all customers scored)",
        "rfm_y": "RFM segment (largest first)",
        "scan_title": "k-means by number of clusters: inertia and silhouette",
        "scan_x": "Number of clusters k",
        "scan_y": "Inertia (within-cluster sum of squared distances)",
        "scan_y2": "Mean silhouette (−1 … 1, higher is better)",
        "inertia": "Inertia",
        "silhouette": "Mean silhouette",
        "elbow": "Elbow: k = {k}",
        "best": "Best silhouette: k = {k}",
        "profiles_title": "Segment profiles: each segment's mean against all customers",
        "profiles_x": "Variable (cell: the segment's mean)",
        "profiles_y": "Segment (share of customers)",
        "profiles_bar": "Standardised difference from all customers:\n(segment mean − mean of all) ÷ sd of all",
    },
    "zh": {
        "tiers_title": "客户金字塔",
        "tiers_x": "条宽：客户占比",
        "tiers_y": "层级（按价值，由高到低）",
        "tiers_label": "客户 {c:.0%}，价值 {v:.0%}",
        "rfm_title": "RFM 细分：各细分群体的客户数",
        "rfm_x": "客户数（标注：人数及占全部评分客户的比例）",
        "rfm_y": "RFM 细分群体（由大到小）",
        "scan_title": "按聚类数的 k-means：组内平方和与轮廓系数",
        "scan_x": "聚类数 k",
        "scan_y": "组内平方和（到聚类中心距离的平方和）",
        "scan_y2": "平均轮廓系数（−1 … 1，越高越好）",
        "inertia": "组内平方和",
        "silhouette": "平均轮廓系数",
        "elbow": "肘部：k = {k}",
        "best": "轮廓系数最佳：k = {k}",
        "profiles_title": "细分画像：各细分群体的均值与全体客户的比较",
        "profiles_x": "变量（格内：该群体的均值）",
        "profiles_y": "细分群体（客户占比）",
        "profiles_bar": "与全体客户的标准化差异：\n（群体均值 − 全体均值）÷ 全体标准差",
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
    ax.set_yticks(range(len(rows)), [shown(lang, n) for n, _ in rows])
    ax.invert_yaxis()
    ax.set_xlim(-0.55, 1.25)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    return finish(ax, lang, t["tiers_title"], t["tiers_x"], t["tiers_y"])


def rfm_segments(scores: Any, ax: Any = None, lang: str = "en") -> Any:
    """RFM segment sizes: one bar per named segment of ``scores`` (the DataFrame of
    ``cxkit.rfm_scores``, or its ``segment`` column), its length the number of customers in
    it, labelled with that number and its share of all customers scored; largest first,
    segments without customers left out — as the HTML report's RFM chart. The default map's
    names are shown in ``lang``; a bank's own names as they are.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> s = cxkit.rfm_scores([1, 5, 30, 60, 90, 2], [9, 8, 2, 1, 1, 7], [900, 700, 40, 10, 5, 800])
    >>> ax = cxkit.plot.rfm_segments(s)
    >>> [t.get_text() for t in ax.get_yticklabels()], [int(p.get_width()) for p in ax.patches]
    (['Lost', 'Champions', 'Loyal', 'Potential Loyalist', 'Hibernating'], [2, 1, 1, 1, 1])
    """
    t = text(lang, TEXT)
    column = scores["segment"] if hasattr(scores, "columns") and "segment" in scores.columns else scores
    if hasattr(scores, "columns") and column is scores:
        raise _cxkit.InvalidParameterError("scores: no column 'segment' (cxkit.rfm_scores gives it)")
    if not hasattr(column, "value_counts"):
        raise _cxkit.InvalidParameterError("scores: the DataFrame of cxkit.rfm_scores or its segment column")
    if len(column) == 0:
        raise _cxkit.EmptyInputError("scores: no customers")
    # Categories in the map's order (first appearance otherwise), then largest first, ties kept.
    counts = [(name, int(n)) for name, n in column.value_counts(sort=False, dropna=True).items() if n > 0]
    counts.sort(key=lambda c: -c[1])
    if not counts:
        raise _cxkit.EmptyInputError("scores: no customer has a segment")
    total = len(column)
    ax = axes(ax, (7.5, 0.4 * len(counts) + 1.6))
    names = [shown(lang, name) for name, _ in counts]
    bars = ax.barh(range(len(counts)), [n for _, n in counts], color=BAR, height=0.7)
    ax.bar_label(bars, labels=[f"{n:,} ({n / total:.1%})" for _, n in counts], padding=3, fontsize=8)
    ax.set_yticks(range(len(counts)), names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.25 * counts[0][1])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return finish(ax, lang, t["rfm_title"], t["rfm_x"], t["rfm_y"])


def kmeans_scan(scan: Any, ax: Any = None, lang: str = "en") -> Any:
    """The scan over the number of clusters of ``cxkit.kmeans_scan`` (a DataFrame indexed by k):
    inertia per k (left axis, with the elbow its ``attrs`` name as a dashed line) and the mean
    silhouette per k (right axis, the best k starred), to choose k.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> X = [[0, 0], [0, 1], [1, 0], [9, 9], [9, 8], [8, 9], [20, 0], [20, 1], [21, 0]]
    >>> ax = cxkit.plot.kmeans_scan(cxkit.kmeans_scan(X, ks=[1, 2, 3, 4, 5]))
    >>> ax.lines[0].get_xdata().tolist()
    [1, 2, 3, 4, 5]
    """
    t = text(lang, TEXT)
    if not hasattr(scan, "columns") or "inertia" not in scan.columns:
        raise _cxkit.InvalidParameterError("scan: the DataFrame of cxkit.kmeans_scan (a column 'inertia' per k)")
    if len(scan) == 0:
        raise _cxkit.EmptyInputError("scan: no k scanned")
    ks = [int(k) for k in scan.index]
    attrs = getattr(scan, "attrs", {})
    ax = axes(ax, (7.5, 4.5))
    handles = ax.plot(ks, np.asarray(scan["inertia"], dtype=float), marker="o", color=BAR, label=t["inertia"])
    elbow = attrs.get("elbow")
    if elbow is not None:
        handles.append(ax.axvline(int(elbow), color=BAR, linestyle="--", linewidth=1,
                                  label=t["elbow"].format(k=int(elbow))))
    ax.set_xticks(ks)
    # Headroom above the first k's inertia too, as above the silhouette.
    ax.set_ylim(0, float(np.nanmax(np.asarray(scan["inertia"], dtype=float))) * 1.05)
    silhouette = np.asarray(scan["silhouette"], dtype=float) if "silhouette" in scan.columns else np.array([])
    if np.isfinite(silhouette).any():
        twin = ax.twinx()
        # The inertia axes above the twin, so its legend is not drawn over by the silhouette line.
        ax.set_zorder(twin.get_zorder() + 1)
        ax.patch.set_visible(False)
        handles += twin.plot(ks, silhouette, marker="s", linestyle="-", color=ORANGE, label=t["silhouette"])
        best = attrs.get("best_silhouette")
        if best is not None and int(best) in ks:
            handles += twin.plot([int(best)], [silhouette[ks.index(int(best))]], linestyle="", marker="*",
                                 markersize=16, color=BAD, label=t["best"].format(k=int(best)))
        # Headroom above the silhouette line for the legend in the upper right corner.
        low, high = min(0.0, float(np.nanmin(silhouette))), float(np.nanmax(silhouette))
        twin.set_ylim(low, max(low + (high - low) / 0.68, low + 0.1))
        twin.set_ylabel(t["scan_y2"])
        fonts = family(lang)
        if fonts is not None:
            twin.yaxis.label.set_fontfamily(fonts)
            twin.tick_params(labelfontfamily=fonts)
    ax.legend(handles=handles, loc="upper right", fontsize=8, framealpha=0.9)
    return finish(ax, lang, t["scan_title"], t["scan_x"], t["scan_y"])


def number(x: float) -> str:
    """A segment mean, short enough for a cell: 34,528 / 347.5 / 40.8 / 2.03."""
    if x != x:
        return ""
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def profile_cells(profiles: Any, variables: Optional[Sequence[Any]] = None) -> tuple[list[Any], list[Any], Any, Any]:
    """Segments, variables, the segments' means and their standardised differences
    (mean − mean of all) ÷ sd of all, the sd over every customer profiled recovered from the
    table (within plus between segments: Σ(nᵢ − 1)sᵢ² + Σnᵢ(x̄ᵢ − x̄)², over n − 1)."""
    table = profiles.numeric
    if len(table) == 0:
        raise _cxkit.EmptyInputError("profiles: no numeric variable profiled (profile_segments(numeric=...))")
    segments = list(dict.fromkeys(table.index.get_level_values(0)))
    present = list(dict.fromkeys(table.index.get_level_values(1)))
    if variables is None:
        variables = present
    else:
        variables = list(variables)
        unknown = [v for v in variables if v not in present]
        if unknown or not variables:
            raise _cxkit.InvalidParameterError(
                f"variables: {unknown[0]!r} is not a numeric variable of the profiles" if unknown
                else "variables: none named")
    means = np.full((len(segments), len(variables)), np.nan)
    z = np.full(means.shape, np.nan)
    for j, v in enumerate(variables):
        rows = table.xs(v, level=1)
        n = np.asarray(rows["count"].reindex(segments).fillna(0), dtype=float)
        m = np.asarray(rows["mean"].reindex(segments), dtype=float)
        s = np.nan_to_num(np.asarray(rows["std"].reindex(segments), dtype=float))
        grand = float(rows["population_mean"].iloc[0])
        have = n > 0
        ss = float(((n[have] - 1) * s[have] ** 2).sum() + (n[have] * (m[have] - grand) ** 2).sum())
        sd = np.sqrt(ss / (n.sum() - 1)) if n.sum() > 1 else 0.0
        means[:, j] = m
        if sd > 0:
            z[:, j] = (m - grand) / sd
    return segments, variables, means, z


def segment_profiles(profiles: Any, ax: Any = None, lang: str = "en",
                     variables: Optional[Sequence[Any]] = None) -> Any:
    """The segment profile heat map of ``cxkit.profile_segments`` (``SegmentProfiles``): one row
    per segment, one column per numeric variable (or those of ``variables``), each cell the
    segment's mean written in it and coloured by its standardised difference from all
    customers, (segment mean − mean of all) ÷ standard deviation of all (diverging, centred on
    0: purple above, orange below); the segment's share of customers beside its name.

    >>> import matplotlib, pandas as pd; matplotlib.use("Agg")
    >>> frame = pd.DataFrame({"segment": ["a", "a", "b", "b"], "age": [30, 34, 50, 58], "products": [1, 2, 4, 3]})
    >>> ax = cxkit.plot.segment_profiles(cxkit.profile_segments(frame, "segment", numeric=["age", "products"]))
    >>> ax.images[0].get_array().shape, [t.get_text() for t in ax.texts]
    ((2, 2), ['32.0', '1.50', '54.0', '3.50'])
    """
    t = text(lang, TEXT)
    segments, variables, means, z = profile_cells(profiles, variables)
    shares = profiles.summary["share"] if "share" in getattr(profiles.summary, "columns", ()) else None
    ax = axes(ax, (max(6.5, 1.2 * len(variables) + 3.5), max(4.5, 0.55 * len(segments) + 2.2)))
    top = float(np.nanmax(np.abs(z))) if np.isfinite(z).any() else 1.0
    top = top if top > 0 else 1.0
    from matplotlib import colormaps

    colours = colormaps["PuOr"].with_extremes(bad="#E8E8E8")
    image = ax.imshow(np.ma.masked_invalid(z), cmap=colours, vmin=-top, vmax=top, aspect="auto",
                      interpolation="nearest")
    for i in range(len(segments)):
        for j in range(len(variables)):
            dark = z[i, j] == z[i, j] and abs(z[i, j]) > 0.6 * top
            ax.text(j, i, number(means[i, j]), ha="center", va="center", fontsize=8,
                    color="white" if dark else "black")
    names = [str(s) if shares is None or s not in shares.index else f"{s} ({shares[s]:.0%})" for s in segments]
    ax.set_yticks(range(len(segments)), names)
    ax.set_xticks(range(len(variables)), [str(v) for v in variables],
                  rotation=30 if len(variables) > 5 else 0, ha="right" if len(variables) > 5 else "center")
    ax.tick_params(length=0)
    colorbar(ax, image, t["profiles_bar"], lang)
    return finish(ax, lang, t["profiles_title"], t["profiles_x"], t["profiles_y"])
