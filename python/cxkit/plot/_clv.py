"""Lifetime-value charts: the checks of a BG/NBD fit (period transactions, calibration against
holdout), what a fitted model says over frequency × recency, and customer value by decile."""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any, Optional

import numpy as np

from cxkit import _cxkit
from cxkit.plot._style import BAD, BAR, axes, family, finish, table_rows, text

TEXT = {
    "en": {
        "period_title": "Customers by repeat purchases: observed and as the model expects",
        "period_x": "Repeat purchases in the time observed",
        "period_y": "Customers",
        "observed": "Observed",
        "expected": "Expected (model)",
        "D": "days",
        "W": "weeks",
        "M": "months",
        "deciles_title": "Customer value by decile: mean per customer and share of the total",
        "deciles_x": "Customers ranked by value, lowest first (decile: percentile range)",
        "deciles_y": "Mean value per customer ({unit})",
        "deciles_unit": "currency of the amounts",
        "deciles_mean": "Mean per customer (label: the decile's share of total value)",
        "deciles_bounds": "Decile boundaries: 10th … 90th percentile",
        "alive_title": "Probability alive by frequency and recency (customers {T:g} {unit} old)",
        "alive_bar": "P(alive)",
        "purchases_title": "Expected purchases in the next {t:g} {unit}, by frequency and recency\n"
                           "(customers {T:g} {unit} old)",
        "purchases_bar": "Expected purchases in the next {t:g} {unit}",
        "matrix_x": "Repeat purchases (frequency)",
        "matrix_y": "Recency: {unit} from first to last purchase",
        "holdout_title": "Calibration against holdout: purchases in the holdout, actual and as the model expects",
        "holdout_x": "Repeat purchases in the calibration period",
        "holdout_y": "Mean purchases per customer in the holdout ({d})",
        "holdout_d": "{d:g} {unit}",
        "holdout_mixed": "its own length per customer",
        "actual": "Actual",
        "predicted": "Model",
    },
    "zh": {
        "period_title": "按重复购买次数的客户数：实际与模型预期",
        "period_x": "观察期内的重复购买次数",
        "period_y": "客户数",
        "observed": "实际",
        "expected": "预期（模型）",
        "D": "天",
        "W": "周",
        "M": "月",
        "deciles_title": "按十分位的客户价值：每位客户的平均值及占总价值的份额",
        "deciles_x": "按价值由低到高排序的客户（十分位：百分位区间）",
        "deciles_y": "每位客户的平均价值（{unit}）",
        "deciles_unit": "交易金额的货币单位",
        "deciles_mean": "每位客户的平均值（标注：该十分位占总价值的份额）",
        "deciles_bounds": "十分位分界：第 10 … 90 百分位",
        "alive_title": "按购买频次与最近购买时间的存活概率（客户已观察 {T:g} {unit}）",
        "alive_bar": "存活概率",
        "purchases_title": "按购买频次与最近购买时间的未来 {t:g} {unit}预期购买次数\n（客户已观察 {T:g} {unit}）",
        "purchases_bar": "未来 {t:g} {unit}的预期购买次数",
        "matrix_x": "重复购买次数（频次）",
        "matrix_y": "最近购买时间：首次至末次购买的{unit}数",
        "holdout_title": "校准期与保留期：保留期内的购买次数，实际与模型预期",
        "holdout_x": "校准期内的重复购买次数",
        "holdout_y": "保留期内每位客户的平均购买次数（{d}）",
        "holdout_d": "{d:g} {unit}",
        "holdout_mixed": "每位客户各自的时长",
        "actual": "实际",
        "predicted": "模型",
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


# Okabe–Ito orange, beside BAR's blue.
ORANGE = "#E69F00"


def periods(name: str, x: Any) -> None:
    if isinstance(x, bool) or not isinstance(x, Real) or not np.isfinite(float(x)) or float(x) <= 0:
        raise _cxkit.InvalidParameterError(f"{name}: {x!r} is not a positive number of periods")


def whole(x: Any) -> bool:
    return not isinstance(x, bool) and isinstance(x, Integral) and int(x) >= 0


def count(name: str, x: Any) -> None:
    if not whole(x):
        raise _cxkit.InvalidParameterError(f"{name}: {x!r} is not a whole number ≥ 0")


def unit_of(freq: str, t: dict[str, str]) -> str:
    """The name of ``freq``'s period ("D", "W" or "M", as ``summarize_transactions`` takes it)."""
    if freq not in ("D", "W", "M"):
        raise _cxkit.InvalidParameterError(f"freq: {freq!r} is not one of 'D', 'W', 'M'")
    return t[freq]


def colorbar(ax: Any, mappable: Any, label: str, lang: str) -> Any:
    """A colour bar beside ``ax`` with its label, in ``lang``'s font (nothing global)."""
    bar = ax.figure.colorbar(mappable, ax=ax, label=label)
    fonts = family(lang)
    if fonts is not None:
        bar.ax.yaxis.label.set_fontfamily(fonts)
        bar.ax.tick_params(labelfontfamily=fonts)
    return bar


def clv_deciles(values: Any, ax: Any = None, lang: str = "en", unit: Optional[str] = None) -> Any:
    """Customer value by decile: the customers ranked by ``values`` (12-month CLV from
    ``cxkit.customer_lifetime_value``, or any value per customer), lowest first, cut into ten
    groups of n/10 (position i of n in the ranking, ties in input order, is in decile
    ⌊10·i/n⌋); one bar per decile, its height the decile's mean value per customer, labelled
    with the decile's share of the total value. The nine decile boundaries — the 10th … 90th
    percentiles (linear interpolation, numpy's default) — are the diamonds between the bars:
    the numbers the HTML report draws as its CLV distribution (``report.json``:
    ``value.clv_deciles``). ``unit`` names the currency (or unit) of the values for the axis.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = cxkit.plot.clv_deciles(list(range(1, 21)), unit="CNY")
    >>> len(ax.patches), [round(float(p.get_height()), 1) for p in ax.patches][:3], ax.get_ylabel()
    (10, [1.5, 3.5, 5.5], 'Mean value per customer (CNY)')
    """
    t = text(lang, TEXT)
    v = np.asarray(values, dtype=float)
    if v.ndim > 1 and sum(n > 1 for n in v.shape) > 1:
        raise _cxkit.InvalidParameterError(f"values: one value per customer, got an array of shape {v.shape}")
    v = v.ravel()
    if v.size == 0:
        raise _cxkit.EmptyInputError("values: no customers to rank")
    bad = np.flatnonzero(~np.isfinite(v))
    if bad.size:
        raise _cxkit.InvalidParameterError(f"values: {v[bad[0]]} at position {bad[0]} is not a finite number")
    if v.size < 10:
        raise _cxkit.InsufficientDataError(f"values: deciles need at least 10 customers, got {v.size}")
    total = v.sum()
    if not total > 0:
        raise _cxkit.InvalidParameterError(
            f"values: the total ({total:g}) is not positive, so shares of it are undefined")
    ranked = np.sort(v, kind="stable")
    decile = np.arange(v.size) * 10 // v.size
    means = [float(ranked[decile == d].mean()) for d in range(10)]
    shares = [float(ranked[decile == d].sum() / total) for d in range(10)]
    bounds = np.quantile(v, np.arange(1, 10) / 10)
    ax = axes(ax, (8.0, 4.8))
    bars = ax.bar(range(10), means, width=0.8, color=BAR, label=t["deciles_mean"])
    ax.bar_label(bars, labels=[f"{s:.1%}" for s in shares], padding=2, fontsize=8)
    ax.plot(np.arange(9) + 0.5, bounds, linestyle="", marker="D", markersize=5, color=BAD, zorder=3,
            label=t["deciles_bounds"])
    ax.set_xticks(range(10), [f"{10 * d}–{10 * d + 10}%" for d in range(10)], fontsize=8)
    low, high = min(0.0, *means, *bounds), max(0.0, *means, *bounds)
    pad = 0.12 * (high - low or 1.0)
    ax.set_ylim(low - (pad if low < 0 else 0.0), high + pad)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return finish(ax, lang, t["deciles_title"], t["deciles_x"],
                  t["deciles_y"].format(unit=unit if unit is not None else t["deciles_unit"]))


def grid(model: Any, what: str, head: tuple[Any, ...], T: float, max_frequency: int,
         max_recency: Optional[int]) -> tuple[Any, int, int]:
    """``model.<what>(*head, frequency, recency, T)`` on the grid of frequency 0 …
    max_frequency (columns) × recency 0 … max_recency (rows) for customers ``T`` periods old,
    masked where no customer can be (frequency 0 with a recency above 0, which the models
    refuse)."""
    at = getattr(model, what, None)
    if not callable(at):
        raise _cxkit.InvalidParameterError(f"model: a {type(model).__name__} has no {what}; "
                                           "pass a fitted BetaGeo or ParetoNbd")
    periods("T", T)
    count("max_frequency", max_frequency)
    if max_recency is None:
        max_recency = int(np.floor(T))
    if not whole(max_recency) or max_recency > T:
        raise _cxkit.InvalidParameterError(f"max_recency: {max_recency!r} is not a whole number from 0 to T = {T:g}")
    f, r = np.meshgrid(np.arange(max_frequency + 1.0), np.arange(max_recency + 1.0))
    ok = (f > 0) | (r == 0)
    z = np.full(f.shape, np.nan)
    z[ok] = at(*head, f[ok], r[ok], np.full(int(ok.sum()), float(T)))
    return np.ma.masked_invalid(z), int(max_frequency), int(max_recency)


def matrix(ax: Any, z: Any, max_frequency: int, max_recency: int, cmap: str, vmax: Optional[float]) -> Any:
    from matplotlib import colormaps

    # A copy of the colormap: cells no customer can be in are light grey.
    colours = colormaps[cmap].with_extremes(bad="#E8E8E8")
    return ax.imshow(z, origin="lower", aspect="auto", interpolation="nearest", cmap=colours, vmin=0.0, vmax=vmax,
                     extent=(-0.5, max_frequency + 0.5, -0.5, max_recency + 0.5))


def probability_alive_matrix(model: Any, T: float, max_frequency: int, max_recency: Optional[int] = None,
                             ax: Any = None, lang: str = "en", freq: str = "D") -> Any:
    """The probability that a customer is still alive (has not churned unseen) over frequency ×
    recency, for customers ``T`` periods old (``freq``: the period of the summary the model was
    fitted on, "D", "W" or "M"): a heat map of ``model.probability_alive(f, r, T)`` for
    frequency f = 0 … ``max_frequency`` (columns) and recency r = 0 … ``max_recency``
    (rows, default T, lowest at the bottom), for a fitted ``BetaGeo`` or ``ParetoNbd``
    (lifetimes' plot_probability_alive_matrix). Cells no customer can be in (no repeat
    purchase but a recency above 0) are grey.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> m = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
    >>> ax = cxkit.plot.probability_alive_matrix(m, T=39, max_frequency=10, freq="W")
    >>> ax.images[0].get_array().shape, round(float(ax.images[0].get_array()[39, 10]), 3)
    ((40, 11), 0.935)
    """
    t = text(lang, TEXT)
    unit = unit_of(freq, t)
    z, mf, mr = grid(model, "probability_alive", (), T, max_frequency, max_recency)
    ax = axes(ax, (7.5, 6.0))
    image = matrix(ax, z, mf, mr, "cividis", 1.0)
    colorbar(ax, image, t["alive_bar"], lang)
    return finish(ax, lang, t["alive_title"].format(T=T, unit=unit), t["matrix_x"], t["matrix_y"].format(unit=unit))


def expected_purchases_matrix(model: Any, t: float, T: float, max_frequency: int, max_recency: Optional[int] = None,
                              ax: Any = None, lang: str = "en", freq: str = "D") -> Any:
    """The purchases a customer is expected to make in the next ``t`` periods, over frequency ×
    recency, for customers ``T`` periods old (``freq``: the period of the summary the model was
    fitted on, "D", "W" or "M"): a heat map of ``model.expected_purchases(t, f, r, T)`` for
    frequency f = 0 … ``max_frequency`` (columns) and recency r = 0 … ``max_recency``
    (rows, default T, lowest at the bottom), for a fitted ``BetaGeo`` or ``ParetoNbd``
    (lifetimes' plot_frequency_recency_matrix). Cells no customer can be in (no repeat
    purchase but a recency above 0) are grey.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> m = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
    >>> ax = cxkit.plot.expected_purchases_matrix(m, t=10, T=39, max_frequency=10, freq="W")
    >>> ax.images[0].get_array().size
    440
    """
    words = text(lang, TEXT)
    unit = unit_of(freq, words)
    periods("t", t)
    z, mf, mr = grid(model, "expected_purchases", (float(t),), T, max_frequency, max_recency)
    ax = axes(ax, (7.5, 6.0))
    top = float(z.max()) if z.count() else 1.0
    image = matrix(ax, z, mf, mr, "viridis", top if top > 0 else 1.0)
    colorbar(ax, image, words["purchases_bar"].format(t=t, unit=unit), lang)
    return finish(ax, lang, words["purchases_title"].format(t=t, T=T, unit=unit), words["matrix_x"],
                  words["matrix_y"].format(unit=unit))


HOLDOUT_COLUMNS = ("frequency", "recency", "T", "frequency_holdout", "duration_holdout")


def calibration_holdout(model: Any, frame: Any, ax: Any = None, lang: str = "en", max_frequency: int = 6,
                        freq: str = "D") -> Any:
    """Calibration against holdout (lifetimes' plot_calibration_purchases_vs_holdout_purchases):
    ``frame`` is the DataFrame of ``cxkit.summarize_transactions(..., calibration_end=...)``
    and ``model`` a ``BetaGeo`` or ``ParetoNbd`` fitted on its calibration columns (frequency,
    recency, T); the customers grouped by their calibration frequency 0 … ``max_frequency``
    (frequencies no customer has are left out), one point per group on each line: the mean of
    ``frequency_holdout`` (actual) and the mean of ``model.expected_purchases(duration_holdout,
    frequency, recency, T)`` (model). ``freq``: the summary's period ("D", "W" or "M").

    >>> import matplotlib, pandas as pd; matplotlib.use("Agg")
    >>> m = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
    >>> frame = pd.DataFrame({"frequency": [0, 1, 1, 3], "recency": [0, 5, 20, 30], "T": [39] * 4,
    ...                       "frequency_holdout": [0, 1, 0, 2], "duration_holdout": [13] * 4})
    >>> ax = cxkit.plot.calibration_holdout(m, frame, freq="W")
    >>> ax.lines[0].get_xdata().tolist(), ax.lines[0].get_ydata().tolist()
    ([0.0, 1.0, 3.0], [0.0, 0.5, 2.0])
    """
    t = text(lang, TEXT)
    unit = unit_of(freq, t)
    if not callable(getattr(model, "expected_purchases", None)):
        raise _cxkit.InvalidParameterError(f"model: a {type(model).__name__} has no expected_purchases; "
                                           "pass a fitted BetaGeo or ParetoNbd")
    missing = [c for c in HOLDOUT_COLUMNS if c not in getattr(frame, "columns", ())]
    if missing:
        raise _cxkit.InvalidParameterError(
            f"frame: no column {missing[0]!r} (cxkit.summarize_transactions(..., calibration_end=...) gives it)")
    count("max_frequency", max_frequency)
    if len(frame) == 0:
        raise _cxkit.EmptyInputError("frame: no customers")
    cols = {c: np.asarray(frame[c], dtype=float) for c in HOLDOUT_COLUMNS}
    predicted = np.empty(len(frame))
    for d in np.unique(cols["duration_holdout"]):
        at = cols["duration_holdout"] == d
        predicted[at] = model.expected_purchases(float(d), cols["frequency"][at], cols["recency"][at], cols["T"][at])
    shown = cols["frequency"] <= max_frequency
    xs = np.unique(cols["frequency"][shown])
    if xs.size == 0:
        raise _cxkit.EmptyInputError(f"frame: no customer with a calibration frequency of at most {max_frequency}")
    actual = [float(cols["frequency_holdout"][cols["frequency"] == x].mean()) for x in xs]
    model_ = [float(predicted[cols["frequency"] == x].mean()) for x in xs]
    ax = axes(ax, (7.0, 4.5))
    ax.plot(xs, actual, marker="o", color=BAR, label=t["actual"])
    ax.plot(xs, model_, marker="s", linestyle="--", color=ORANGE, label=t["predicted"])
    ax.set_xticks(xs, [f"{x:g}" for x in xs])
    ax.set_ylim(0, 1.1 * max(*actual, *model_, 1e-9))
    ax.legend(frameon=False, loc="upper left")
    durations = np.unique(cols["duration_holdout"])
    d = t["holdout_d"].format(d=durations[0], unit=unit) if durations.size == 1 else t["holdout_mixed"]
    return finish(ax, lang, t["holdout_title"], t["holdout_x"], t["holdout_y"].format(d=d))
