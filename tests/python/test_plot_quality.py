"""The survey, service-quality, IPA, journey, complaint and PLS charts of cxkit.plot against
independent computations of what they draw (numpy / pandas by hand, the formula cited), and,
where the HTML report has the same chart, against the numbers of the report's JSON drawn from
the library call with the report's settings; then their errors."""

import json
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import cxkit  # noqa: E402
import cxkit.plot  # noqa: E402
from cxkit.plot._ipa import QUADRANT_COLOURS  # noqa: E402
from cxkit.plot._quality import ZONE_COLOURS  # noqa: E402
from plot_cases.complaints import SLA, channel_metrics  # noqa: E402
from plot_cases.ipa import journey_ipa  # noqa: E402
from plot_cases.journey import event_months, journey_state, touchpoint_shares  # noqa: E402
from plot_cases.pls import BOOTSTRAP, SCALE, final_target, satisfaction_fit  # noqa: E402
from plot_cases.quality import zone_inputs, zone_result  # noqa: E402

CUSTOMERS = 4_000


@pytest.fixture(scope="module")
def bank():
    return cxkit.load_demo_bank(customers=CUSTOMERS)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The report's numbers on the same demo bank (the JSON it writes, read back)."""
    out = tmp_path_factory.mktemp("report")
    cxkit.report(out=out, customers=CUSTOMERS)
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def scatter(ax):
    return [c for c in ax.collections if isinstance(c, PathCollection)][0]


def rows_of(ax):
    """The bars of a horizontal bar chart grouped by row (their y centre), each row's bars
    left to right as (left, width)."""
    rows = {}
    for p in ax.patches:
        rows.setdefault(round(p.get_y() + p.get_height() / 2, 6), []).append((p.get_x(), p.get_width()))
    return [sorted(v) for _, v in sorted(rows.items())]


# Likert ------------------------------------------------------------------------------------

def test_likert_segments_are_the_shares_of_each_point(bank):
    s = bank["survey"]
    items = {f"W{w}": cxkit.likert_summary(g, 5) for w, g in s.groupby("wave")["csat"]}
    ax = cxkit.plot.likert(items)
    rows = rows_of(ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(items)
    for (wave, g), segments in zip(s.groupby("wave")["csat"], rows):
        # share of point k = (answers equal to k) / (answers), in %.
        share = 100 * g.value_counts(normalize=True).reindex(range(1, 6), fill_value=0.0).to_numpy()
        # Left to right: 1, 2, the first half of 3, its second half, 4, 5.
        want = [share[0], share[1], share[2] / 2, share[2] / 2, share[3], share[4]]
        np.testing.assert_allclose([w for _, w in segments], want, atol=1e-9)
        # Disagreeing (1, 2) and half the midpoint left of 0, the rest right of it.
        assert segments[0][0] == pytest.approx(-(share[0] + share[1] + share[2] / 2))
        assert segments[3][0] == pytest.approx(0.0)
        assert segments[-1][0] + segments[-1][1] == pytest.approx(share[2] / 2 + share[3] + share[4])
    # The totals at the bar ends: bottom box and top box (the two lowest and highest points).
    ends = [t.get_text() for t in ax.texts]
    first = s[s.wave == 1]["csat"]
    assert ends[:2] == [f"{100 * (first <= 2).mean():.0f}%", f"{100 * (first >= 4).mean():.0f}%"]


def test_likert_on_an_even_scale_has_no_midpoint():
    scores = [1, 2, 2, 3, 4, 4, 4, 1]
    ax = cxkit.plot.likert(cxkit.likert_summary(scores, 4), point_names=["no", "rather no", "rather yes", "yes"])
    (segments,) = rows_of(ax)
    share = 100 * pd.Series(scores).value_counts(normalize=True).reindex(range(1, 5), fill_value=0).to_numpy()
    np.testing.assert_allclose([w for _, w in segments], share)
    assert segments[2][0] == pytest.approx(0.0)  # "rather yes" starts at 0
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["no", "rather no", "rather yes", "yes"]


def test_likert_errors():
    five = cxkit.likert_summary([1, 5], 5)
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.likert({})
    with pytest.raises(cxkit.InvalidParameterError, match="scale"):
        cxkit.plot.likert({"a": five, "b": cxkit.likert_summary([1, 7], 7)})
    with pytest.raises(cxkit.InvalidParameterError, match="point_names"):
        cxkit.plot.likert(five, point_names=["a", "b"])
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.likert(five, lang="fr")
    with pytest.raises(cxkit.InvalidParameterError, match="Likert"):
        cxkit.plot.likert([1, 2, 3])


# Zone of tolerance ---------------------------------------------------------------------------

def test_zone_bands_are_adequate_to_desired(bank):
    z = zone_result(bank)
    p, a, d, dims = zone_inputs(bank)
    ax = cxkit.plot.zone_of_tolerance(z)
    bands = [(b.get_x(), b.get_x() + b.get_width()) for b in ax.patches]
    table = z.dimensions
    np.testing.assert_allclose([lo for lo, _ in bands], table["adequate"])
    np.testing.assert_allclose([hi for _, hi in bands], table["desired"])
    # Independently: a dimension's level is the mean over respondents of their mean over the
    # dimension's items (complete answers: the mean of all its answers).
    dim = np.array(dims)
    for name, (lo, hi), x in zip(table.index, bands, scatter(ax).get_offsets()[:, 0]):
        cols = p.columns[dim == name]
        assert lo == pytest.approx(a[cols].to_numpy().mean())
        assert hi == pytest.approx(d[cols].to_numpy().mean())
        assert x == pytest.approx(p[cols].to_numpy().mean())
    # The colours: below when perceived < adequate, above when > desired, else within.
    perceived = scatter(ax).get_offsets()[:, 0]
    where = np.where(perceived < [lo for lo, _ in bands], "below",
                     np.where(perceived > [hi for _, hi in bands], "above", "within"))
    assert where.tolist() == table["position"].tolist()
    assert {"below", "within", "above"} == set(where)  # the case shows all three
    assert [to_hex(c) for c in scatter(ax).get_facecolors()] == [ZONE_COLOURS[w].lower() for w in where]
    # By item: one band per item, in the result's order.
    items = cxkit.plot.zone_of_tolerance(z, by="items")
    assert [t.get_text() for t in items.get_yticklabels()] == [str(i) for i in z.items.index]
    np.testing.assert_allclose([b.get_width() for b in items.patches], z.items["desired"] - z.items["adequate"])


def test_zone_errors(bank):
    z = zone_result(bank)
    with pytest.raises(cxkit.InvalidParameterError, match="by"):
        cxkit.plot.zone_of_tolerance(z, by="waves")
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.zone_of_tolerance(z, lang="de")


# Importance–performance ----------------------------------------------------------------------

def test_ipa_points_crosshair_and_quadrants():
    imp, perf = [0.4, 0.3, 0.1, 0.2, 0.05], [3.0, 6.0, 2.0, 6.5, 9.0]
    names = ["fees", "app", "branch", "cards", "atm"]
    t = cxkit.ipa(imp, perf, names=names)
    ax = cxkit.plot.ipa(t)
    np.testing.assert_allclose(scatter(ax).get_offsets(), np.column_stack([t["importance"], t["performance"]]))
    # Crosshair at the means (cxkit.ipa's default): mean importance, mean performance.
    cut_x, cut_y = np.mean(imp), np.mean(perf)
    assert ax.lines[0].get_xdata()[0] == pytest.approx(cut_x)
    assert ax.lines[1].get_ydata()[0] == pytest.approx(cut_y)
    # Quadrants by hand (Martilla & James): high importance and low performance: concentrate here …
    hi_i, hi_p = np.array(imp) >= cut_x, np.array(perf) >= cut_y
    q = np.select([hi_i & ~hi_p, hi_i & hi_p, ~hi_i & ~hi_p],
                  ["concentrate here", "keep up the good work", "low priority"], "possible overkill")
    assert [to_hex(c) for c in scatter(ax).get_facecolors()] == [QUADRANT_COLOURS[x].lower() for x in q]
    texts = [x.get_text() for x in ax.texts]
    assert names == texts[:5]
    assert {"Concentrate here", "Keep up the good work", "Low priority", "Possible overkill"} <= set(texts)
    # Every label inside the axes.
    ax.figure.canvas.draw()
    box = ax.get_window_extent()
    for x in ax.texts[:5]:
        e = x.get_window_extent()
        assert box.x0 <= e.x0 and e.x1 <= box.x1 and box.y0 <= e.y0 and e.y1 <= box.y1, x.get_text()
    # A given crosshair is drawn where it was given.
    ax = cxkit.plot.ipa(cxkit.ipa(imp, perf, crosshair=(0.1, 4.0)))
    assert ax.lines[0].get_xdata()[0] == 0.1 and ax.lines[1].get_ydata()[0] == 4.0


def test_ipa_of_the_touchpoints_is_the_reports(bank, report):
    # The report: importance = the touchpoint's share of the tree's weight, performance = its
    # index in the last month, crosshair at the means.
    rows = report["journey"]["ipa"]
    ax = cxkit.plot.ipa(journey_ipa(bank))
    np.testing.assert_allclose(scatter(ax).get_offsets(), [[r[1], r[2]] for r in rows], rtol=1e-12)
    assert [x.get_text() for x in ax.texts[:len(rows)]] == [r[0] for r in rows]
    assert [to_hex(c) for c in scatter(ax).get_facecolors()] == [QUADRANT_COLOURS[r[3]].lower() for r in rows]


def test_ipa_errors():
    with pytest.raises(cxkit.InvalidParameterError, match="importance"):
        cxkit.plot.ipa(pd.DataFrame({"x": [1.0]}))
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.ipa(pd.DataFrame({"importance": [], "performance": [], "quadrant": []}))
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.ipa(cxkit.ipa([1, 2], [1, 2]), lang="xx")


# Journeys --------------------------------------------------------------------------------------

def test_heat_map_cells_are_the_window_indices(bank):
    state = journey_state(bank)
    start, end = event_months(bank)
    ax = cxkit.plot.journey_heatmap(state, start=start, end=end)
    cells = np.ma.filled(ax.images[0].get_array().astype(float), np.nan)
    months = pd.period_range(start, end, freq="M")
    windows = [state.evaluate(window="month", at=m.start_time) for m in months]
    touchpoints = windows[0].index[windows[0]["level"] == "touchpoint"]
    want = np.array([[w.loc[t, "index"] for w in windows] for t in touchpoints])
    np.testing.assert_allclose(cells, want, rtol=1e-12)
    # Independently for app_login, whose one indicator is the rate login_success: its index
    # is 100 × the month's mean of the 0/1 values.
    ev = bank["journey_events"]
    ok = ev[ev.indicator == "login_success"]
    rate = ok.groupby(pd.to_datetime(ok.timestamp).dt.to_period("M"))["value"].mean().reindex(months)
    np.testing.assert_allclose(cells[list(touchpoints).index("app_login")], 100 * rate.to_numpy(), rtol=1e-12)
    # Each cell's value written in it, to the unit.
    assert [x.get_text() for x in ax.texts[:len(months)]] == [f"{v:.0f}" for v in want[0]]
    assert [x.get_text() for x in ax.get_yticklabels()] == list(touchpoints)
    # A mapping of windows draws the same cells; another level its own nodes.
    again = cxkit.plot.journey_heatmap({str(m): w for m, w in zip(months, windows)})
    np.testing.assert_array_equal(np.ma.filled(again.images[0].get_array().astype(float), np.nan), cells)
    stages = cxkit.plot.journey_heatmap(state, start=start, end=end, level="stage", values=False)
    assert stages.images[0].get_array().shape == ((windows[0]["level"] == "stage").sum(), len(months))
    assert not stages.texts


def test_heat_map_is_the_reports(bank, report):
    j = report["journey"]
    ax = cxkit.plot.journey_heatmap(journey_state(bank), start=j["months"][0], end=j["months"][-1])
    cells = np.ma.filled(ax.images[0].get_array().astype(float), np.nan)
    want = np.array([[np.nan if v is None else v for v in row] for _, row in j["heat_map"]])
    np.testing.assert_allclose(cells, want, rtol=1e-12)
    assert [x.get_text() for x in ax.get_yticklabels()] == [name for name, _ in j["heat_map"]]
    # Month columns: the month, the year under the first one.
    assert ax.get_xticklabels()[0].get_text() == "01\n2025" and ax.get_xticklabels()[1].get_text() == "02"


def test_heat_map_colours_diverge_at_the_target(bank):
    state = journey_state(bank)
    start, end = event_months(bank)
    ax = cxkit.plot.journey_heatmap(state, start=start, end=end, target=80)
    norm = ax.images[0].norm
    assert norm(80) == pytest.approx(0.5) and norm(0) == 0 and norm(100) == 1
    assert ax.images[0].get_cmap().name.startswith("RdBu")
    # An empty month is a grey cell with a dash.
    tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
        {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]})
    st = cxkit.JourneyState(tree)
    st.update(pd.DataFrame({"indicator": ["ok", "ok"], "timestamp": ["2025-01-05", "2025-03-01"], "value": [1.0, 0.0]}))
    ax = cxkit.plot.journey_heatmap(st, start="2025-01", end="2025-03")
    assert np.ma.getmaskarray(ax.images[0].get_array()).tolist() == [[False, True, False]]
    assert [x.get_text() for x in ax.texts] == ["100", "–", "0"]


def test_heat_map_errors(bank):
    state = journey_state(bank)
    with pytest.raises(cxkit.InvalidParameterError, match="start, end"):
        cxkit.plot.journey_heatmap(state)
    with pytest.raises(cxkit.InvalidParameterError, match="after"):
        cxkit.plot.journey_heatmap(state, start="2025-05", end="2025-01")
    with pytest.raises(cxkit.InvalidParameterError, match="level"):
        cxkit.plot.journey_heatmap(state, start="2025-01", end="2025-02", level="segment")
    with pytest.raises(cxkit.InvalidParameterError, match="target"):
        cxkit.plot.journey_heatmap(state, start="2025-01", end="2025-02", target=120)
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.journey_heatmap({})
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.journey_heatmap(state, start="2025-01", end="2025-02", lang="jp")


def target_index(indicator, target):
    """An indicator's target on the 0–100 index (cxkit's journey definitions): rates and
    top-box shares × 100; NPS (t + 100) / 2; a mean or percentile on its scale [a, b]
    100 (t − a) / (b − a) (b < a for lower-is-better), clipped to 0–100."""
    kind = indicator["kind"]["type"]
    if kind in ("rate", "top_box"):
        v = 100 * target
    elif kind == "nps":
        v = (target + 100) / 2
    else:
        a, b = indicator["scale"]
        v = 100 * (target - a) / (b - a)
    return min(100.0, max(0.0, v))


def test_pain_point_bars_are_the_gaps(bank, report):
    state = journey_state(bank)
    _, end = event_months(bank)
    at = pd.Period(end).start_time
    table = cxkit.pain_points(state, window="month", at=at)
    ax = cxkit.plot.pain_points(table)
    widths = [p.get_width() for p in ax.patches]
    np.testing.assert_allclose(widths, table["gap"])
    assert [x.get_text() for x in ax.get_yticklabels()] == table["touchpoint"].tolist()
    # Independently: a touchpoint's gap is the mean over its indicators with a target of
    # max(0, target index − index) (the window's index, the target on the same 0–100 scale).
    window = state.evaluate(window="month", at=at)
    tree = json.loads(bank["journey_tree"])
    gaps = {}
    for j in tree["journeys"]:
        for s in j["stages"]:
            for t in s["touchpoints"]:
                g = [max(0.0, target_index(i, i["target"]) - window.loc[i["id"], "index"])
                     for i in t["indicators"] if "target" in i]
                if g and np.mean(g) > 0:
                    gaps[t["id"]] = np.mean(g)
    np.testing.assert_allclose(widths, [gaps[t] for t in table["touchpoint"]])
    # Ranked by importance × gap (score), worst first; each bar says its gap and score.
    score = [gaps[t] * touchpoint_shares(bank["journey_tree"])[t] for t in table["touchpoint"]]
    assert score == sorted(score, reverse=True)
    assert ax.texts[0].get_text() == f"{widths[0]:.1f} (score {score[0]:.2f})"
    # The report's pain points: the same touchpoints and gaps, in its order.
    rep = report["journey"]["pain_points"]
    assert [p["touchpoint"] for p in rep] == table["touchpoint"].tolist()
    np.testing.assert_allclose(widths, [p["gap"] for p in rep], rtol=1e-12)
    assert len(cxkit.plot.pain_points(table, top=2).patches) == 2


def test_pain_point_errors(bank):
    state = journey_state(bank)
    table = cxkit.pain_points(state, window="month", at="2025-12-01")
    with pytest.raises(cxkit.EmptyInputError, match="meets"):
        cxkit.plot.pain_points(table.iloc[:0])
    with pytest.raises(cxkit.InvalidParameterError, match="gap_to"):
        cxkit.plot.pain_points(table, gap_to="peers")
    with pytest.raises(cxkit.InvalidParameterError, match="top"):
        cxkit.plot.pain_points(table, top=0)
    with pytest.raises(cxkit.InvalidParameterError, match="pain_points"):
        cxkit.plot.pain_points(pd.DataFrame({"x": [1]}))
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.pain_points(table, lang="EN")


# Complaints ------------------------------------------------------------------------------------

def within_sla(frame, column, hours, as_of):
    """Share of the complaints due that met the service level: met = time ≤ SLA; due = met
    + late (time > SLA) + overdue (no time yet, older than the SLA at as_of)."""
    times = (frame[column] - frame["opened"]).dt.total_seconds()
    age = (as_of - frame["opened"]).dt.total_seconds()
    sla = hours * 3600
    met, late = (times <= sla).sum(), (times > sla).sum()
    overdue = (times.isna() & (age > sla)).sum()
    return met / (met + late + overdue)


def test_sla_bars_against_pandas_and_the_report(bank, report):
    c = bank["complaints"]
    # cxkit's default date of the metrics: the latest time in the table.
    as_of = c[["opened", "first_response", "resolved"]].max().max()
    by_channel = channel_metrics(bank)
    ax = cxkit.plot.complaints_sla(by_channel, target=0.9, sla=SLA["resolution"])
    widths = [p.get_width() for p in ax.patches]
    want = [100 * within_sla(g, "resolved", SLA["resolution"], as_of) for _, g in c.groupby("channel", sort=False)]
    np.testing.assert_allclose(widths, want, rtol=1e-12)
    assert [x.get_text() for x in ax.get_yticklabels()] == list(c["channel"].unique())
    # The target line at 90 %, the bars below it vermilion.
    assert ax.lines[0].get_xdata()[0] == pytest.approx(90.0)
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == [
        "#d55e00" if w < 90 else "#0072b2" for w in widths]
    assert "72 h" in ax.get_title()
    # The report's chart: first responses within 24 h by channel.
    ax = cxkit.plot.complaints_sla(by_channel, which="response")
    rep = {r["channel"]: r["within_sla"] for r in report["complaints"]["by_channel"]}
    np.testing.assert_allclose([p.get_width() for p in ax.patches],
                               [100 * rep[ch] for ch in by_channel], rtol=1e-12)
    np.testing.assert_allclose([p.get_width() for p in ax.patches],
                               [100 * within_sla(g, "first_response", 24, as_of) for _, g in
                                c.groupby("channel", sort=False)], rtol=1e-12)
    # One ComplaintMetrics: one bar, the whole table's share.
    one = cxkit.plot.complaints_sla(cxkit.complaint_metrics(c, sla=SLA))
    assert [p.get_width() for p in one.patches] == pytest.approx([100 * within_sla(c, "resolved", 72, as_of)])


def test_sla_intervals_when_the_result_has_them():
    m = SimpleNamespace(resolution={"within_sla": 0.8, "breached": 2, "ci_low": 0.6, "ci_high": 0.9})
    ax = cxkit.plot.complaints_sla({"app": m, "web": m})
    segments = [c for c in ax.collections if not isinstance(c, PathCollection)][0].get_segments()
    np.testing.assert_allclose([s[:, 0] for s in segments], [[60, 90], [60, 90]])


def test_sla_errors(bank):
    c = bank["complaints"]
    m = cxkit.complaint_metrics(c, sla=SLA)
    with pytest.raises(cxkit.InvalidParameterError, match="without a resolution service level"):
        cxkit.plot.complaints_sla(cxkit.complaint_metrics(c))
    with pytest.raises(cxkit.InvalidParameterError, match="which"):
        cxkit.plot.complaints_sla(m, which="reopen")
    with pytest.raises(cxkit.InvalidParameterError, match="target"):
        cxkit.plot.complaints_sla(m, target=90)
    with pytest.raises(cxkit.InvalidParameterError, match="sla"):
        cxkit.plot.complaints_sla(m, sla=-1)
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.complaints_sla({})
    with pytest.raises(cxkit.InvalidParameterError, match="ComplaintMetrics"):
        cxkit.plot.complaints_sla([m])
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.complaints_sla(m, lang="")
    # Nothing due yet (every complaint younger than the service level at as_of): no bar.
    young = cxkit.complaint_metrics(c.assign(resolved=pd.NaT), sla=SLA, as_of=c["opened"].min())
    with pytest.raises(cxkit.EmptyInputError, match="no complaint due"):
        cxkit.plot.complaints_sla(young)


# PLS -------------------------------------------------------------------------------------------

LABEL = re.compile(r"^(-?\d+\.\d\d)\s*(\**)$")


def path_labels(ax):
    return [(float(m.group(1)), m.group(2)) for m in (LABEL.match(x.get_text()) for x in ax.texts) if m]


def stars(p):
    # The usual thresholds: * p < 0.05, ** p < 0.01, *** p < 0.001.
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""


@pytest.fixture(scope="module")
def fit(bank):
    return satisfaction_fit(bank)


@pytest.fixture(scope="module")
def boot(fit):
    return fit.bootstrap(**BOOTSTRAP)


def test_path_labels_are_the_coefficients(fit, boot):
    ax = cxkit.plot.pls_paths(fit, bootstrap=boot)
    paths = fit.paths
    labels = path_labels(ax)
    assert [v for v, _ in labels] == [round(c, 2) for c in paths["coefficient"]]
    ps = boot["paths"].loc[[f"{a} -> {b}" for a, b in zip(paths["from"], paths["to"])], "p_value"]
    assert [s for _, s in labels] == [stars(p) for p in ps]
    # One box per construct, then one arrow per path: dashed where the percentile interval
    # holds 0.
    k = len(fit.model.constructs)
    assert len(ax.patches) == k + len(paths)
    ci = boot["paths"].loc[[f"{a} -> {b}" for a, b in zip(paths["from"], paths["to"])]]
    dashed = [a.get_linestyle() not in ("-", "solid") for a in ax.patches[k:]]
    assert dashed == ((ci["ci_low"] <= 0) & (ci["ci_high"] >= 0)).tolist()
    # R² in the box of every explained construct.
    r2 = [float(m.group(1)) for m in (re.search(r"R² (\d\.\d\d)", x.get_text()) for x in ax.texts) if m]
    assert r2 == [round(v, 2) for v in fit.r_squared["r_squared"]]
    # Without a bootstrap: no stars, every arrow solid.
    plain = cxkit.plot.pls_paths(fit)
    assert all(s == "" for _, s in path_labels(plain))
    assert all(a.get_linestyle() in ("-", "solid") for a in plain.patches[k:])


def test_path_layout_runs_left_to_right(fit):
    ax = cxkit.plot.pls_paths(fit)
    # A box's column is the longest path into it (the demo model is a chain of six).
    columns = {}
    names = list(fit.model.constructs)
    for n in names:
        columns[n] = 0
    for _ in names:
        for a, b in fit.model.paths:
            columns[b] = max(columns[b], columns[a] + 1)
    centres = [p.get_x() + p.get_width() / 2 for p in ax.patches[:len(names)]]
    np.testing.assert_allclose(centres, [columns[n] for n in names])


def test_path_diagram_is_the_reports(fit, boot, report):
    chain = report["satisfaction"]["chain"]
    assert chain["settings"]["bootstrap_samples"] == BOOTSTRAP["n"] and chain["settings"]["seed"] == BOOTSTRAP["seed"]
    ax = cxkit.plot.pls_paths(fit, bootstrap=boot)
    assert [v for v, _ in path_labels(ax)] == [round(p["coefficient"], 2) for p in chain["paths"]]
    k = len(chain["constructs"])
    assert [a.get_linestyle() in ("-", "solid") for a in ax.patches[k:]] == [p["significant"] for p in chain["paths"]]
    r2 = [float(m.group(1)) for m in (re.search(r"R² (\d\.\d\d)", x.get_text()) for x in ax.texts) if m]
    assert r2 == [round(v, 2) for _, v in chain["r_squared"]]
    assert f"({chain['respondents']} respondents)" in ax.get_title()


def test_ipma_points_are_the_reports(fit, report):
    chain = report["satisfaction"]["chain"]
    target = final_target(fit)
    assert target == chain["target"]
    table = fit.ipma(target, SCALE)
    ax = cxkit.plot.ipma(table)
    xy = scatter(ax).get_offsets()
    np.testing.assert_allclose(xy, np.column_stack([table["importance"], table["performance"]]))
    np.testing.assert_allclose(xy, [[r["importance"], r["performance"]] for r in chain["ipma"]], rtol=1e-12)
    assert [x.get_text() for x in ax.texts[:len(table)]] == [r["construct"] for r in chain["ipma"]]
    # The crosshair at the means, as the report; the quadrant colours the report's quadrants.
    assert ax.lines[0].get_xdata()[0] == pytest.approx(np.mean(table["importance"]))
    assert ax.lines[1].get_ydata()[0] == pytest.approx(np.mean(table["performance"]))
    assert [to_hex(c) for c in scatter(ax).get_facecolors()] == [
        QUADRANT_COLOURS[r["quadrant"]].lower() for r in chain["ipma"]]
    assert ax.get_ylim() == (0.0, 100.0)
    assert f"{chain['target_performance']:.0f}/100" in ax.get_title() and target in ax.get_xlabel()


def test_pls_errors(fit, boot):
    with pytest.raises(cxkit.InvalidParameterError, match="bootstrap"):
        cxkit.plot.pls_paths(fit, bootstrap={"samples": 3})
    other = dict(boot, paths=boot["paths"].iloc[:2])
    with pytest.raises(cxkit.InvalidParameterError, match="not of this model"):
        cxkit.plot.pls_paths(fit, bootstrap=other)
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.pls_paths(fit, lang="cn")
    with pytest.raises(cxkit.InvalidParameterError, match="importance"):
        cxkit.plot.ipma(fit.paths)
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.ipma(fit.ipma(final_target(fit), SCALE).iloc[:0])
