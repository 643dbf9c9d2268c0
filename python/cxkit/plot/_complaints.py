"""Complaint-handling charts (``cxkit.complaints``): the service level by channel."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from cxkit import _cxkit
from cxkit.plot._style import BAD, BAR, axes, finish, text

TEXT = {
    "en": {
        "sla_title_resolution": "Complaints resolved within the service level{sla}, by channel",
        "sla_title_response": "Complaints answered within the service level{sla}, by channel",
        "sla_hours": " ({hours:g} h)",
        "sla_x": "Share of the complaints due (%)",
        "sla_y": "Channel",
        "all": "All complaints",
        "target": "Target {share:g} %",
        "met": "At or above the target",
        "missed": "Below the target",
    },
    "zh": {
        "sla_title_resolution": "各渠道在服务时限{sla}内解决的投诉",
        "sla_title_response": "各渠道在服务时限{sla}内首次响应的投诉",
        "sla_hours": "（{hours:g} 小时）",
        "sla_x": "占到期投诉的比例（%）",
        "sla_y": "渠道",
        "all": "全部投诉",
        "target": "目标 {share:g} %",
        "met": "达到目标",
        "missed": "低于目标",
    },
}


def complaints_sla(results: Any, ax: Any = None, lang: str = "en", which: str = "resolution",
                   target: Optional[float] = None, sla: Optional[float] = None) -> Any:
    """The share of complaints resolved (``which="resolution"``) or first answered
    (``which="response"``) within the service level, in % of the complaints due, one bar per
    channel: ``results`` is a mapping channel → ``ComplaintMetrics`` (``cxkit.complaint_metrics``
    of each channel's complaints with the same ``sla`` and ``as_of``, in the mapping's order;
    channels with no complaint due yet are left out) or one ``ComplaintMetrics`` (one bar).
    With the result's interval (``ci_low``/``ci_high`` of the times' summary) an error bar;
    with ``target`` (a share, 0–1) a line at it and the bars below it in vermilion. ``sla``
    (hours) names the service level in the title.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import pandas as pd
    >>> f = pd.DataFrame({"opened": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"]),
    ...                   "first_response": pd.to_datetime(["2025-01-01 02:00", "2025-01-02 09:00", "2025-01-03 01:00"]),
    ...                   "resolved": pd.to_datetime(["2025-01-02", "2025-01-06", "2025-01-04"])})
    >>> m = cxkit.complaint_metrics(f, sla={"resolution": 72})
    >>> round(float(cxkit.plot.complaints_sla(m, target=0.9, sla=72).patches[0].get_width()), 1)
    66.7
    """
    t = text(lang, TEXT)
    if which not in ("resolution", "response"):
        raise _cxkit.InvalidParameterError(f"which: {which!r} is not one of 'resolution', 'response'")
    if target is not None and not 0.0 <= target <= 1.0:
        raise _cxkit.InvalidParameterError(f"target: {target!r} is not a share between 0 and 1")
    if sla is not None and not sla > 0:
        raise _cxkit.InvalidParameterError(f"sla: {sla!r} is not a positive number of hours")
    if isinstance(results, _cxkit.ComplaintMetrics):
        results = {t["all"]: results}
    elif not isinstance(results, Mapping):
        raise _cxkit.InvalidParameterError(
            f"results: expected a ComplaintMetrics or a mapping channel → ComplaintMetrics, got {type(results).__name__}")
    if not results:
        raise _cxkit.EmptyInputError("results: no channel to plot")
    rows = []
    for name, m in results.items():
        d = getattr(m, which, None)
        if not isinstance(d, Mapping):
            raise _cxkit.InvalidParameterError(f"results[{name!r}]: expected a ComplaintMetrics, got {type(m).__name__}")
        if d.get("breached") is None:
            raise _cxkit.InvalidParameterError(
                f"results[{name!r}]: computed without a {which} service level (pass sla={{{which!r}: hours}} "
                "to cxkit.complaint_metrics)")
        if d.get("within_sla") is not None:
            rows.append((str(name), d))
    if not rows:
        raise _cxkit.EmptyInputError(f"results: no complaint due for {which} yet in any channel")
    ax = axes(ax, (7.0, 0.45 * len(rows) + 1.6))
    names = [n for n, _ in rows]
    shares = [100.0 * d["within_sla"] for _, d in rows]
    colours = [BAD if target is not None and s < 100.0 * target else BAR for s in shares]
    ax.barh(names, shares, color=colours)
    ends = list(shares)
    if all(d.get("ci_low") is not None and d.get("ci_high") is not None for _, d in rows):
        low = [100.0 * d["ci_low"] for _, d in rows]
        high = [100.0 * d["ci_high"] for _, d in rows]
        ax.errorbar(shares, names, xerr=[[s - lo for s, lo in zip(shares, low)], [hi - s for s, hi in zip(shares, high)]],
                    fmt="none", ecolor="#333", capsize=3)
        ends = high
    ax.invert_yaxis()
    for y, (s, end) in enumerate(zip(shares, ends)):
        ax.annotate(f"{s:.0f}%", (end, y), textcoords="offset points", xytext=(5, 0), va="center", fontsize=8)
    if target is not None:
        from matplotlib.patches import Patch

        line = ax.axvline(100.0 * target, color="#333", linewidth=1.0, linestyle="--")
        handles = [line, Patch(color=BAR, label=t["met"]), Patch(color=BAD, label=t["missed"])]
        line.set_label(t["target"].format(share=round(100.0 * target, 1)))
        ax.legend(handles=handles, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    title = t[f"sla_title_{which}"].format(sla="" if sla is None else t["sla_hours"].format(hours=sla))
    return finish(ax, lang, title, t["sla_x"], t["sla_y"] if len(rows) > 1 else "")
