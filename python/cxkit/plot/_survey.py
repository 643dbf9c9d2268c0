"""NPS, CSAT, CES and Likert charts (``cxkit.survey``)."""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from cxkit import _cxkit
from cxkit.plot._style import BAR, axes, family, finish, table_rows, text

# The neutral midpoint of a Likert scale (Okabe–Ito grey).
NEUTRAL = "#BBBBBB"

TEXT = {
    "en": {
        "nps_title": "NPS by wave",
        "nps_one": "NPS",
        "nps_y": "NPS (points, −100 to 100)",
        "wave": "Wave",
        "likert_title": "Likert answers by item (scale {low}–{high})",
        "likert_x": "Share of answers (%; disagreeing left of 0, agreeing right, the midpoint split)",
        "likert_y": "Item",
        "likert_point": "Answer",
    },
    "zh": {
        "nps_title": "各期 NPS",
        "nps_one": "NPS",
        "nps_y": "NPS（分，−100 至 100）",
        "wave": "期次",
        "likert_title": "各题项的李克特量表回答（{low}–{high} 分）",
        "likert_x": "回答占比（%；0 左侧为不同意，右侧为同意，中点各占一半）",
        "likert_y": "题项",
        "likert_point": "回答",
    },
}


def nps(results: Any, ax: Any = None, lang: str = "en", title: Optional[str] = None) -> Any:
    """NPS with its interval, one point per group: ``results`` is one ``Nps``, a mapping
    label → ``Nps`` (waves, segments, in the mapping's order) or a DataFrame with columns
    ``score``, ``ci_low`` and ``ci_high`` indexed by the label.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = cxkit.plot.nps(cxkit.nps([10, 9, 9, 7, 3]))
    >>> ax.get_ylabel()
    'NPS (points, −100 to 100)'
    """
    t = text(lang, TEXT)
    if isinstance(results, _cxkit.Nps):
        points = [("", results.score, results.ci_low, results.ci_high)]
    elif isinstance(results, Mapping):
        points = [(str(k), r.score, r.ci_low, r.ci_high) for k, r in results.items()]
    else:
        points = [(str(k), row["score"], row["ci_low"], row["ci_high"]) for k, row in table_rows(results)]
    if not points:
        raise _cxkit.EmptyInputError("results: no NPS to plot")
    ax = axes(ax, (6.4, 4.0))
    x = list(range(len(points)))
    y = [p[1] for p in points]
    err = [[p[1] - p[2] for p in points], [p[3] - p[1] for p in points]]
    ax.errorbar(x, y, yerr=err, fmt="o-", color=BAR, capsize=4)
    for xi, p in zip(x, points):
        ax.annotate(f"{p[1]:.1f}", (xi, p[1]), textcoords="offset points", xytext=(8, 4))
    ax.axhline(0, color="#666", linewidth=0.8)
    ax.set_xticks(x, [p[0] for p in points])
    low, high = min(p[2] for p in points), max(p[3] for p in points)
    pad = max(5.0, 0.15 * (high - low))
    ax.set_ylim(max(-100.0, low - pad), min(100.0, high + pad))
    ax.set_xlim(-0.5, len(points) - 0.5)
    many = len(points) > 1
    return finish(ax, lang, title or (t["nps_title"] if many else t["nps_one"]), t["wave"] if many else "",
                   t["nps_y"])


def likert(results: Any, ax: Any = None, lang: str = "en", point_names: Optional[Sequence[str]] = None) -> Any:
    """The distribution of Likert items as diverging stacked bars, one bar per item: the
    share of each answer point in %, the points below the scale's midpoint left of 0 (the
    lowest farthest out), those above it right of 0, and on a scale with an odd number of
    points the midpoint split half and half across 0. ``results`` is one ``Likert`` (from
    ``cxkit.likert_summary``) or a mapping item → ``Likert`` on one scale, drawn top to bottom
    in the mapping's order; ``point_names`` names the points (lowest first), else their numbers.
    Each bar ends with the share disagreeing (left) and agreeing (right).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = cxkit.plot.likert({"fees": cxkit.likert_summary([1, 2, 4, 5, 5], 5),
    ...                         "app": cxkit.likert_summary([3, 4, 4, 5, 2], 5)})
    >>> len(ax.patches)  # 5 points, the neutral one in two halves, for 2 items
    12
    """
    t = text(lang, TEXT)
    if isinstance(results, _cxkit.Likert):
        items = [("", results)]
    elif isinstance(results, Mapping):
        items = [(str(k), r) for k, r in results.items()]
    else:
        raise _cxkit.InvalidParameterError(
            f"results: expected a Likert or a mapping name → Likert, got {type(results).__name__}")
    if not items:
        raise _cxkit.EmptyInputError("results: no Likert item to plot")
    scale = items[0][1].scale
    for name, r in items:
        if not isinstance(r, _cxkit.Likert):
            raise _cxkit.InvalidParameterError(f"results[{name!r}]: expected a Likert, got {type(r).__name__}")
        if r.scale != scale:
            raise _cxkit.InvalidParameterError(
                f"results[{name!r}]: scale {r.scale} differs from the first item's {scale}; draw one scale per chart")
    points = items[0][1].points
    k = len(points)
    if point_names is None:
        point_names = [str(p) for p in points]
    elif len(point_names) != k:
        raise _cxkit.InvalidParameterError(
            f"point_names: expected {k} names (the points of the scale {scale}), got {len(point_names)}")
    half, odd = k // 2, k % 2 == 1
    from matplotlib import colormaps
    from matplotlib.patches import Patch

    # ColorBrewer's RdBu (safe for the common colour-vision deficiencies): red disagreeing,
    # blue agreeing, darker farther from the midpoint; the midpoint grey.
    cmap = colormaps["RdBu"]
    side = [0.05 + 0.3 * i / max(half - 1, 1) for i in range(half)]
    colours = [cmap(x) for x in side] + ([NEUTRAL] if odd else []) + [cmap(1.0 - x) for x in reversed(side)]
    names = [n for n, _ in items]
    shares = [[100.0 * s for s in r.shares] for _, r in items]
    ax = axes(ax, (8.0, 0.5 * len(items) + 1.8))
    y = list(range(len(items)))
    style = {"edgecolor": "white", "linewidth": 0.5, "height": 0.7}
    # Left of 0: half the midpoint, then the disagreeing points outwards.
    left = [-s[half] / 2 if odd else 0.0 for s in shares]
    if odd:
        ax.barh(y, [s[half] / 2 for s in shares], left=left, color=colours[half], **style)
    for i in reversed(range(half)):
        left = [a - s[i] for a, s in zip(left, shares)]
        ax.barh(y, [s[i] for s in shares], left=left, color=colours[i], **style)
    low = left
    # Right of 0: the other half of the midpoint, then the agreeing points outwards.
    right = [0.0] * len(items)
    if odd:
        ax.barh(y, [s[half] / 2 for s in shares], left=right, color=colours[half], **style)
        right = [s[half] / 2 for s in shares]
    for i in range(k - half, k):
        ax.barh(y, [s[i] for s in shares], left=right, color=colours[i], **style)
        right = [a + s[i] for a, s in zip(right, shares)]
    reach = max([-v for v in low] + right + [1.0])
    limit = min(100.0, reach * 1.25 + 4.0)
    ax.set_xlim(-limit, limit)
    for yi, s, lo, hi in zip(y, shares, low, right):
        ax.annotate(f"{sum(s[:half]):.0f}%", (lo, yi), textcoords="offset points", xytext=(-4, 0),
                    ha="right", va="center", fontsize=8)
        ax.annotate(f"{sum(s[k - half:]):.0f}%", (hi, yi), textcoords="offset points", xytext=(4, 0),
                    ha="left", va="center", fontsize=8)
    ax.axvline(0, color="#333", linewidth=0.8)
    ax.set_yticks(y, names)
    ax.set_ylim(len(items) - 0.5, -0.5)
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}"))
    ax.legend(handles=[Patch(facecolor=c, label=n) for c, n in zip(colours, point_names)], title=t["likert_point"],
              loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, title_fontsize=8, frameon=False)
    legend = ax.get_legend()
    out = finish(ax, lang, t["likert_title"].format(low=scale[0], high=scale[1]), t["likert_x"],
                 t["likert_y"] if len(items) > 1 else "")
    fonts = family(lang)
    if fonts is not None:
        legend.get_title().set_fontfamily(fonts)
    return out
