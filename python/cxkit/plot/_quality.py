"""Service-quality charts: SERVQUAL gaps and the zone of tolerance."""

from __future__ import annotations

from typing import Any

from cxkit import _cxkit
from cxkit.plot._style import BAD, axes, finish, intervals, table_rows, text

TEXT = {
    "en": {
        "servqual_title": "SERVQUAL gaps by {what} (perception − expectation)",
        "servqual_x": "Gap (scale points; below 0: expectations not met)",
        "dimension": "dimension",
        "item": "item",
        "zone_title": "Zone of tolerance by {what}: adequate to desired service, perceived marked",
        "zone_x": "Mean score (scale points)",
        "zone_band": "Zone (adequate – desired)",
        "below": "Perceived below the zone",
        "within": "Perceived within the zone",
        "above": "Perceived above the zone",
    },
    "zh": {
        "servqual_title": "各{what}的 SERVQUAL 差距（感知 − 期望）",
        "servqual_x": "差距（量表分；低于 0 表示未达期望）",
        "dimension": "维度",
        "item": "题项",
        "zone_title": "各{what}的容忍区间：适当服务至理想服务，标出感知服务",
        "zone_x": "平均分（量表分）",
        "zone_band": "容忍区间（适当 – 理想）",
        "below": "感知低于容忍区间",
        "within": "感知位于容忍区间内",
        "above": "感知高于容忍区间",
    },
}

# Where perceived service lies against the zone (Okabe–Ito vermilion, bluish green, blue).
ZONE_COLOURS = {"below": BAD, "within": "#009E73", "above": "#0072B2"}


def servqual(result: Any, ax: Any = None, lang: str = "en", by: str = "dimensions") -> Any:
    """The SERVQUAL gaps of a ``Servqual`` result with their t-intervals, one bar per
    dimension (``by="dimensions"``) or item (``by="items"``), in the result's order.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> r = cxkit.servqual([[5, 6], [4, 6], [6, 7]], [[6, 6], [6, 7], [7, 7]], dimensions=["a", "b"])
    >>> len(cxkit.plot.servqual(r).patches)
    2
    """
    t = text(lang, TEXT)
    if by not in ("dimensions", "items"):
        raise _cxkit.InvalidParameterError(f"by: {by!r} is not one of 'dimensions', 'items'")
    rows = table_rows(getattr(result, by))
    ax = axes(ax, (7.0, 0.45 * len(rows) + 1.5))
    intervals(ax, [str(n) for n, _ in rows], [r["gap"] for _, r in rows], [r["ci_low"] for _, r in rows],
               [r["ci_high"] for _, r in rows], BAD)
    return finish(ax, lang, t["servqual_title"].format(what=t["dimension" if by == "dimensions" else "item"]),
                   t["servqual_x"])


def zone_of_tolerance(result: Any, ax: Any = None, lang: str = "en", by: str = "dimensions") -> Any:
    """The zones of tolerance of a ``ZoneOfTolerance`` result (``cxkit.zone_of_tolerance``),
    one row per dimension (``by="dimensions"``) or item (``by="items"``) in the result's
    order: a band from the mean adequate to the mean desired service, and a diamond at the
    mean perceived service, band and diamond coloured by the result's position of the
    perception (below, within or above the zone).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> z = cxkit.zone_of_tolerance([[5, 3], [6, 4]], [[4, 4], [5, 5]], [[6, 6], [7, 6]], dimensions=["a", "b"])
    >>> [round(float(p.get_width()), 2) for p in cxkit.plot.zone_of_tolerance(z).patches]
    [2.0, 1.5]
    """
    t = text(lang, TEXT)
    if by not in ("dimensions", "items"):
        raise _cxkit.InvalidParameterError(f"by: {by!r} is not one of 'dimensions', 'items'")
    rows = table_rows(getattr(result, by))
    if not rows:
        raise _cxkit.EmptyInputError(f"result: no {by} to plot")
    ax = axes(ax, (7.5, 0.45 * len(rows) + 1.8))
    names = [str(n) for n, _ in rows]
    y = list(range(len(rows)))
    colours = [ZONE_COLOURS.get(r["position"], "#999999") for _, r in rows]
    ax.barh(y, [r["desired"] - r["adequate"] for _, r in rows], left=[r["adequate"] for _, r in rows],
            height=0.6, color=colours, alpha=0.3, edgecolor=colours, linewidth=1.0)
    perceived = [r["perceived"] for _, r in rows]
    ax.scatter(perceived, y, c=colours, marker="D", s=45, zorder=3, edgecolors="white", linewidths=0.5)
    ax.set_yticks(y, names)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    span = [v for _, r in rows for v in (r["adequate"], r["desired"], r["perceived"])]
    pad = 0.08 * (max(span) - min(span) or 1.0)
    ax.set_xlim(min(span) - pad, max(span) + pad)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    present = [p for p in ZONE_COLOURS if any(r["position"] == p for _, r in rows)]
    handles: list[Any] = [Patch(facecolor="#999999", alpha=0.3, edgecolor="#999999", label=t["zone_band"])]
    handles += [Line2D([], [], marker="D", linestyle="", color=ZONE_COLOURS[p], label=t[p]) for p in present]
    ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return finish(ax, lang, t["zone_title"].format(what=t["dimension" if by == "dimensions" else "item"]),
                  t["zone_x"])
