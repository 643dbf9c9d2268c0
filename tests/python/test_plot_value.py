"""The customer value and segment charts of cxkit.plot (clv_deciles, probability_alive_matrix,
expected_purchases_matrix, calibration_holdout, rfm_segments, kmeans_scan, segment_profiles):
what each draws, checked against an independent computation (pandas by hand, the published
formulas with scipy) and, where the HTML report has the same chart, against the report's JSON;
and their errors."""

import json

import numpy as np
import pandas as pd
import pytest
from scipy import special

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import cxkit  # noqa: E402
import cxkit.plot  # noqa: E402
from test_clv import bgnbd_conditional  # noqa: E402  (FHL 2005 eq. 10 with scipy)
from cxkit.plot._style import family  # noqa: E402
from plot_cases.clv import clv_values, history, holdout  # noqa: E402
from plot_cases.segment import BEHAVIOUR, profiles_result, rfm_result, scan_result  # noqa: E402


@pytest.fixture(scope="module")
def bank():
    return cxkit.load_demo_bank(customers=4_000)


@pytest.fixture(scope="module")
def scan(bank):
    return scan_result(bank)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def colorbar_label(ax):
    """The label of the colour bar the chart added beside ``ax`` (the figure's other axes)."""
    others = [a for a in ax.figure.axes if a is not ax]
    assert len(others) == 1
    return others[0].get_ylabel(), others[0]


def pandas_deciles(values):
    """Deciles by hand: rank the customers (ties in input order, rank 1 … n); the customer at
    position i = rank − 1 is in decile ⌊10·i/n⌋; the mean, size and share of the total per decile."""
    s = pd.Series(values)
    n = len(s)
    decile = ((s.rank(method="first") - 1) * 10 // n).astype(int)
    g = s.groupby(decile)
    return g.mean(), g.size(), g.sum() / s.sum()


# --- clv_deciles ---------------------------------------------------------------------------------


def test_clv_deciles_bars_are_the_deciles_means_labelled_with_their_shares(bank):
    clv = clv_values(bank)
    ax = cxkit.plot.clv_deciles(pd.Series(clv), unit="CNY")
    means, sizes, shares = pandas_deciles(clv)
    assert np.allclose([p.get_height() for p in ax.patches], means, rtol=1e-12)
    assert [p.get_x() + p.get_width() / 2 for p in ax.patches] == pytest.approx(range(10))
    assert sizes.max() - sizes.min() <= 1
    labels = [t.get_text() for t in ax.texts]
    assert labels == [f"{s:.1%}" for s in shares]
    # The boundaries: the 10th … 90th percentiles (pandas' default, linear interpolation),
    # between the bars they separate.
    line = ax.lines[0]
    assert np.allclose(line.get_ydata(), pd.Series(clv).quantile(np.arange(1, 10) / 10), rtol=1e-12)
    assert np.allclose(line.get_xdata(), np.arange(9) + 0.5)
    assert "CNY" in ax.get_ylabel()
    # Every bar (and its label) inside the limits.
    assert ax.get_ylim()[0] <= 0 and max(means) < ax.get_ylim()[1]


def test_clv_deciles_show_the_reports_numbers(bank, tmp_path):
    # The report's CLV distribution (report/sections/value.rs: the 10th … 90th percentiles of
    # the 12-month CLV) and mean, drawn from the library calls with the report's settings.
    numbers = cxkit.report(bank, out=tmp_path)
    written = json.loads((tmp_path / "report.json").read_text())
    clv = clv_values(bank)
    ax = cxkit.plot.clv_deciles(clv)
    for value in (numbers["value"], written["value"]):
        assert np.allclose(ax.lines[0].get_ydata(), value["clv_deciles"], rtol=1e-9)
        # The mean over customers = Σ (decile mean × decile size) / n.
        _, sizes, _ = pandas_deciles(clv)
        heights = np.array([p.get_height() for p in ax.patches])
        assert (heights * sizes.to_numpy()).sum() / sizes.sum() == pytest.approx(value["clv_mean"], rel=1e-9)
    # The report's top tier (the top 5 %) holds more value than the chart's top decile leaves
    # to the other 90 %: both are the same distribution.
    top_decile = float(ax.texts[-1].get_text().rstrip("%")) / 100
    assert numbers["value"]["tiers"][0]["value_share"] <= top_decile + 1e-3


def test_clv_deciles_in_chinese_and_on_a_new_figure():
    ax = cxkit.plot.clv_deciles(np.arange(1.0, 101.0), lang="zh", unit="元")
    assert "元" in ax.get_ylabel() and "十分位" in ax.get_title()
    assert len(ax.patches) == 10
    if family("zh"):
        assert ax.yaxis.label.get_fontfamily()[0] in cxkit._cxkit._CJK_FONTS
    ax = cxkit.plot.clv_deciles([5.0] * 10 + [15.0] * 10)
    # Ties split at the position, not by value: twenty customers, two per decile.
    assert [p.get_height() for p in ax.patches] == [5.0] * 5 + [15.0] * 5
    assert "currency" in ax.get_ylabel()


def test_clv_deciles_errors():
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.clv_deciles([])
    with pytest.raises(cxkit.InsufficientDataError, match="at least 10"):
        cxkit.plot.clv_deciles([1.0] * 9)
    with pytest.raises(cxkit.InvalidParameterError, match="position 3"):
        cxkit.plot.clv_deciles([1.0, 2.0, 3.0, np.nan] + [1.0] * 10)
    with pytest.raises(cxkit.InvalidParameterError, match="not positive"):
        cxkit.plot.clv_deciles([0.0] * 20)
    with pytest.raises(cxkit.InvalidParameterError, match="shape"):
        cxkit.plot.clv_deciles(np.ones((10, 2)))
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.clv_deciles([1.0] * 10, lang="fr")


# --- probability_alive_matrix / expected_purchases_matrix ----------------------------------------


def bgnbd_alive(r, alpha, a, b, x, tx, T):
    """P(alive) of the BG/NBD (FHL 2005, eq. 13): 1 / (1 + 1{x>0}·a/(b+x−1)·((α+T)/(α+tₓ))^(r+x))."""
    return 1.0 / (1.0 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def grid_cells(ax, max_frequency, max_recency):
    image = ax.images[0]
    z = image.get_array()
    assert z.shape == (max_recency + 1, max_frequency + 1)
    # Row r is recency r (lowest at the bottom), column f is frequency f.
    assert image.origin == "lower"
    assert image.get_extent() == [-0.5, max_frequency + 0.5, -0.5, max_recency + 0.5]
    f, r = np.meshgrid(np.arange(max_frequency + 1.0), np.arange(max_recency + 1.0))
    # No customer has no repeat purchase and a recency above 0: those cells are masked.
    assert np.array_equal(np.ma.getmaskarray(z), (f == 0) & (r > 0))
    return z, f, r


def test_probability_alive_matrix_cells_are_the_models_probabilities(bank):
    hist, bg = history(bank)
    T = float(hist["T"].max())
    ax = cxkit.plot.probability_alive_matrix(bg, T, 20, ax=None, freq="W")
    z, f, r = grid_cells(ax, 20, int(T))
    ok = ~np.ma.getmaskarray(z)
    assert np.allclose(z[ok], bgnbd_alive(**bg.params, x=f[ok], tx=r[ok], T=T), rtol=1e-10)
    # And cell by cell, the model's own method.
    for i, j in [(0, 0), (10, 3), (50, 20), (int(T), 20), (int(T), 1)]:
        assert z[i, j] == pytest.approx(bg.probability_alive(float(j), float(i), T), rel=1e-12)
    assert ax.images[0].get_clim() == (0.0, 1.0)
    label, bar = colorbar_label(ax)
    assert label == "P(alive)"
    assert "104 weeks" in ax.get_title() and "weeks" in ax.get_ylabel()
    # max_recency below T: fewer rows, the same customers' age.
    ax = cxkit.plot.probability_alive_matrix(bg, T, 5, max_recency=30, freq="W")
    z, f, r = grid_cells(ax, 5, 30)
    assert np.allclose(z[~z.mask], bgnbd_alive(**bg.params, x=f[~z.mask], tx=r[~z.mask], T=T), rtol=1e-10)


def test_expected_purchases_matrix_cells_are_the_models_expectations(bank):
    hist, bg = history(bank)
    T = float(hist["T"].max())
    ax = cxkit.plot.expected_purchases_matrix(bg, 52, T, 15, max_recency=60, freq="W", lang="zh")
    z, f, r = grid_cells(ax, 15, 60)
    ok = ~np.ma.getmaskarray(z)
    assert np.allclose(z[ok], bgnbd_conditional(52.0, **bg.params, x=f[ok], tx=r[ok], T=T), rtol=1e-8)
    assert z[ok].max() == pytest.approx(ax.images[0].get_clim()[1])
    label, bar = colorbar_label(ax)
    assert "52" in label and "周" in label
    if family("zh"):
        assert bar.yaxis.label.get_fontfamily()[0] in cxkit._cxkit._CJK_FONTS


def test_the_matrices_take_a_pareto_nbd():
    m = cxkit.ParetoNbd.from_params(0.55, 10.58, 0.61, 11.67)
    ax = cxkit.plot.probability_alive_matrix(m, 39.0, 6)
    z, f, r = grid_cells(ax, 6, 39)
    for i, j in [(0, 0), (5, 2), (39, 6)]:
        assert z[i, j] == pytest.approx(m.probability_alive(float(j), float(i), 39.0), rel=1e-12)
    ax = cxkit.plot.expected_purchases_matrix(m, 10, 39.0, 6)
    z, f, r = grid_cells(ax, 6, 39)
    assert z[20, 4] == pytest.approx(m.expected_purchases(10.0, 4.0, 20.0, 39.0), rel=1e-12)
    assert "days" in ax.get_ylabel()


def test_matrix_errors():
    bg = cxkit.BetaGeo.from_params(0.243, 4.414, 0.793, 2.426)
    alive = cxkit.plot.probability_alive_matrix
    bad = [
        (lambda: alive(bg, 0, 5), "T"), (lambda: alive(bg, -1.0, 5), "T"), (lambda: alive(bg, np.nan, 5), "T"),
        (lambda: alive(bg, "39", 5), "T"), (lambda: alive(bg, 39.0, -1), "max_frequency"),
        (lambda: alive(bg, 39.0, 2.5), "max_frequency"), (lambda: alive(bg, 39.0, 5, max_recency=40), "max_recency"),
        (lambda: alive(bg, 39.0, 5, max_recency=-1), "max_recency"), (lambda: alive(bg, 39.0, 5, freq="Q"), "freq"),
        (lambda: alive(bg, 39.0, 5, lang="fr"), "lang"),
    ]
    for call, name in bad:
        with pytest.raises(cxkit.InvalidParameterError, match=name):
            call()
    with pytest.raises(cxkit.InvalidParameterError, match="t:"):
        cxkit.plot.expected_purchases_matrix(bg, 0, 39.0, 5)
    with pytest.raises(cxkit.InvalidParameterError, match="BetaGeo or ParetoNbd"):
        cxkit.plot.probability_alive_matrix(cxkit.GammaGamma.from_params(6.25, 3.74, 15.44), 39.0, 5)


# --- calibration_holdout -------------------------------------------------------------------------


def test_calibration_holdout_lines_are_the_groups_means(bank):
    frame, bg = holdout(bank)
    ax = cxkit.plot.calibration_holdout(bg, frame, freq="W")
    # By hand: the model's expected purchases in each customer's holdout (FHL 2005 eq. 10),
    # then the mean per calibration frequency 0 … 6 (pandas groupby).
    d = frame["duration_holdout"].to_numpy()
    predicted = bgnbd_conditional(d, **bg.params, x=frame["frequency"].to_numpy(), tx=frame["recency"].to_numpy(),
                                  T=frame["T"].to_numpy())
    g = frame.assign(model=predicted).groupby("frequency")[["frequency_holdout", "model"]].mean().loc[:6]
    actual, model = ax.lines[0], ax.lines[1]
    assert np.array_equal(actual.get_xdata(), g.index.to_numpy())
    assert np.allclose(actual.get_ydata(), g["frequency_holdout"], rtol=1e-12)
    assert np.array_equal(model.get_xdata(), g.index.to_numpy())
    assert np.allclose(model.get_ydata(), g["model"], rtol=1e-8)
    assert f"{d[0]:g} weeks" in ax.get_ylabel()
    assert ax.get_ylim()[1] > max(g.max())
    # A wider window: more groups.
    ax = cxkit.plot.calibration_holdout(bg, frame, max_frequency=12, freq="W", lang="zh")
    assert len(ax.lines[0].get_xdata()) == frame.loc[frame["frequency"] <= 12, "frequency"].nunique()
    assert "周" in ax.get_ylabel()


def test_calibration_holdout_errors(bank):
    frame, bg = holdout(bank)
    hist, _ = history(bank)
    with pytest.raises(cxkit.InvalidParameterError, match="frequency_holdout"):
        cxkit.plot.calibration_holdout(bg, hist)
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.calibration_holdout(bg, frame.iloc[:0])
    with pytest.raises(cxkit.EmptyInputError, match="at most 0"):
        cxkit.plot.calibration_holdout(bg, frame[frame["frequency"] > 0], max_frequency=0)
    with pytest.raises(cxkit.InvalidParameterError, match="max_frequency"):
        cxkit.plot.calibration_holdout(bg, frame, max_frequency=-2)
    with pytest.raises(cxkit.InvalidParameterError, match="BetaGeo or ParetoNbd"):
        cxkit.plot.calibration_holdout(frame, bg)
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.calibration_holdout(bg, frame, lang="de")


# --- rfm_segments --------------------------------------------------------------------------------


def test_rfm_segments_bars_are_the_value_counts(bank):
    scores = rfm_result(bank)
    ax = cxkit.plot.rfm_segments(scores)
    counts = scores["segment"].value_counts()
    counts = counts[counts > 0]
    got = {t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches)}
    assert got == counts.to_dict()
    widths = [p.get_width() for p in ax.patches]
    assert widths == sorted(widths, reverse=True)
    labels = [t.get_text() for t in ax.texts]
    assert labels == [f"{n:,} ({n / len(scores):.1%})" for n in widths]
    # The segment column alone draws the same; Chinese names the default map's segments as the report.
    assert [p.get_width() for p in cxkit.plot.rfm_segments(scores["segment"]).patches] == widths
    zh = cxkit.plot.rfm_segments(scores, lang="zh")
    assert "冠军客户" in [t.get_text() for t in zh.get_yticklabels()] or "Champions" not in got
    # A bank's own names are shown as they are.
    own = cxkit.plot.rfm_segments(pd.Series(["Gold Plus", "Gold Plus", "inertia"]), lang="zh")
    assert [t.get_text() for t in own.get_yticklabels()] == ["Gold Plus", "inertia"]


def test_rfm_segments_show_the_reports_numbers(bank, tmp_path):
    # The report's RFM section (report/sections/rfm.rs): every customer of the customer table,
    # recency in days back from the log's last day (customers without a purchase: from the day
    # before its first), frequency the number of transactions, monetary their total, the default
    # map; the sizes in the JSON, largest first.
    numbers = cxkit.report(bank, out=tmp_path)
    tx, customers = bank["transactions"], bank["customers"]
    start, end = tx["date"].min(), tx["date"].max()
    g = tx.groupby("customer_id").agg(last=("date", "max"), count=("amount", "size"), total=("amount", "sum"))
    g = g.reindex(customers.index)
    recency = (end - g["last"].fillna(start - pd.Timedelta(days=1))).dt.days.to_numpy(float)
    scores = cxkit.rfm_scores(recency, g["count"].fillna(0).to_numpy(float), g["total"].fillna(0).to_numpy(float))
    ax = cxkit.plot.rfm_segments(scores)
    shown = [(t.get_text(), int(p.get_width())) for t, p in zip(ax.get_yticklabels(), ax.patches)]
    assert shown == [tuple(s) for s in numbers["rfm"]["segments"]]
    assert ax.texts[0].get_text().endswith(f"({shown[0][1] / numbers['customers']:.1%})")


def test_rfm_segments_errors():
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.rfm_segments(pd.DataFrame({"segment": pd.Series([], dtype=str)}))
    with pytest.raises(cxkit.InvalidParameterError, match="segment"):
        cxkit.plot.rfm_segments(pd.DataFrame({"r": [1, 2]}))
    with pytest.raises(cxkit.InvalidParameterError):
        cxkit.plot.rfm_segments(42)
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.rfm_segments(pd.Series(["a"]), lang="fr")


# --- kmeans_scan ---------------------------------------------------------------------------------


def test_kmeans_scan_lines_are_the_scans_table(scan):
    ax = cxkit.plot.kmeans_scan(scan)
    inertia = ax.lines[0]
    assert np.array_equal(inertia.get_xdata(), scan.index.to_numpy())
    assert np.allclose(inertia.get_ydata(), scan["inertia"], rtol=1e-12)
    # The elbow: a vertical line at attrs["elbow"].
    elbow = ax.lines[1]
    assert list(elbow.get_xdata()) == [scan.attrs["elbow"]] * 2
    twin = [a for a in ax.figure.axes if a is not ax][0]
    silhouette, best = twin.lines
    assert np.allclose(silhouette.get_ydata(), scan["silhouette"], equal_nan=True)
    # The star: the largest mean silhouette, at attrs["best_silhouette"].
    assert list(best.get_xdata()) == [scan.attrs["best_silhouette"]] == [scan["silhouette"].idxmax()]
    assert list(best.get_ydata()) == [scan["silhouette"].max()]
    low, high = twin.get_ylim()
    assert low <= scan["silhouette"].min() and scan["silhouette"].max() < high
    assert ax.get_ylim()[1] >= scan["inertia"].max()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert f"Elbow: k = {scan.attrs['elbow']}" in legend
    assert f"Best silhouette: k = {scan.attrs['best_silhouette']}" in legend


def test_kmeans_scan_without_silhouette_and_in_chinese(bank, scan):
    X = bank["customers"][BEHAVIOUR]
    bare = cxkit.kmeans_scan(X, ks=[2, 3, 4], standardize=True, silhouette=False)
    ax = cxkit.plot.kmeans_scan(bare, lang="zh")
    assert len(ax.figure.axes) == 1 and len(ax.lines) == 1
    assert np.allclose(ax.lines[0].get_ydata(), bare["inertia"])
    ax = cxkit.plot.kmeans_scan(scan, lang="zh")
    twin = [a for a in ax.figure.axes if a is not ax][0]
    assert "轮廓系数" in twin.get_ylabel()
    if family("zh"):
        assert twin.yaxis.label.get_fontfamily()[0] in cxkit._cxkit._CJK_FONTS


def test_kmeans_scan_errors(scan):
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.kmeans_scan(scan.iloc[:0])
    with pytest.raises(cxkit.InvalidParameterError, match="inertia"):
        cxkit.plot.kmeans_scan(pd.DataFrame({"k": [1, 2]}))
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.kmeans_scan(scan, lang="fr")


# --- segment_profiles ----------------------------------------------------------------------------


def decimals(text):
    return len(text.split(".")[1]) if "." in text else 0


def test_segment_profiles_cells_are_the_profile_table(bank):
    profiles = profiles_result(bank)
    ax = cxkit.plot.segment_profiles(profiles)
    customers = bank["customers"]
    # By hand: per segment and variable, z = (segment mean − mean of all) / sd of all (n − 1).
    means = customers.groupby("segment")[BEHAVIOUR].mean()
    z = (means - customers[BEHAVIOUR].mean()) / customers[BEHAVIOUR].std()
    segments = list(profiles.summary.index)
    z = z.loc[segments, BEHAVIOUR]
    cells = ax.images[0].get_array()
    assert cells.shape == (len(segments), len(BEHAVIOUR))
    assert np.allclose(cells, z.to_numpy(), rtol=1e-9)
    # The colour scale is centred on 0.
    low, high = ax.images[0].get_clim()
    assert low == -high and high == pytest.approx(np.abs(z.to_numpy()).max())
    # The cells' texts: the profile table's means (and the pandas means), row by row.
    texts = [t.get_text() for t in ax.texts]
    table = profiles.numeric["mean"]
    expected = [table.loc[(s, v)] for s in segments for v in BEHAVIOUR]
    for text, want, hand in zip(texts, expected, means.loc[segments, BEHAVIOUR].to_numpy().ravel()):
        got = float(text.replace(",", ""))
        assert abs(got - want) <= 0.5 * 10 ** -decimals(text) + 1e-9, (text, want)
        assert want == pytest.approx(hand, rel=1e-12)
    # Rows named with the segments' shares, columns with the variables.
    shares = profiles.summary["share"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"{s} ({shares[s]:.0%})" for s in segments]
    assert [t.get_text() for t in ax.get_xticklabels()] == BEHAVIOUR
    label, _ = colorbar_label(ax)
    assert "Standardised" in label


def test_segment_profiles_variables_and_chinese(bank):
    profiles = profiles_result(bank)
    ax = cxkit.plot.segment_profiles(profiles, variables=["balance", "age"], lang="zh")
    assert ax.images[0].get_array().shape == (len(profiles.summary), 2)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["balance", "age"]
    label, bar = colorbar_label(ax)
    assert "标准化" in label
    if family("zh"):
        assert bar.yaxis.label.get_fontfamily()[0] in cxkit._cxkit._CJK_FONTS


def test_segment_profiles_errors(bank):
    profiles = profiles_result(bank)
    with pytest.raises(cxkit.InvalidParameterError, match="income"):
        cxkit.plot.segment_profiles(profiles, variables=["income"])
    with pytest.raises(cxkit.InvalidParameterError, match="none"):
        cxkit.plot.segment_profiles(profiles, variables=[])
    none = cxkit.profile_segments(bank["customers"], "segment", numeric=[], categorical=["channel"])
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.segment_profiles(none)
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.segment_profiles(profiles, lang="fr")


def test_no_global_style_change(bank, scan):
    before = dict(mpl.rcParams)
    hist, bg = history(bank)
    frame, cal = holdout(bank)
    cxkit.plot.clv_deciles(hist["monetary_value"], lang="zh")
    cxkit.plot.probability_alive_matrix(bg, 104.0, 10, lang="zh", freq="W")
    cxkit.plot.expected_purchases_matrix(bg, 52, 104.0, 10, lang="zh", freq="W")
    cxkit.plot.calibration_holdout(cal, frame, lang="zh", freq="W")
    cxkit.plot.rfm_segments(rfm_result(bank), lang="zh")
    cxkit.plot.kmeans_scan(scan, lang="zh")
    cxkit.plot.segment_profiles(profiles_result(bank), lang="zh")
    assert dict(mpl.rcParams) == before
