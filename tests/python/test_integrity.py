"""Every number true or an error (issue 19): each test reproduces one defect found by a
data-integrity probe over the public API and checks the fixed value (a hand count in the
comments) or the documented error."""

import numpy as np
import pytest

import cxkit

pd = pytest.importorskip("pandas")


def complaints(n_answered, n_unanswered, channel=None):
    """Complaints opened on 2025-01-01 09:00: the first answered after 2 h, the rest never."""
    n = n_answered + n_unanswered
    opened = pd.Series(pd.to_datetime(["2025-01-01 09:00"] * n))
    first = opened + pd.Timedelta(hours=2)
    first[n_answered:] = pd.NaT
    f = pd.DataFrame({"opened": opened, "first_response": first, "resolved": pd.NaT})
    if channel is not None:
        f["channel"] = channel
    return f


def test_unanswered_complaints_past_the_sla_are_breaches():
    # Four answered in 2 h, four never answered, 19 days later: 4 met and 4 breached of the 8
    # due (the old rule counted only the answered ones: 100 %).
    m = cxkit.complaint_metrics(complaints(4, 4), sla={"response": 24}, as_of="2025-01-20")
    r = m.response
    assert (r["n"], r["outstanding"], r["within_sla"]) == (4, 4, 0.5)
    assert (r["breached"], r["breached_outstanding"], r["pending"]) == (4, 4, 0)
    # Ten hours after opening the unanswered are not yet due: pending.
    m = cxkit.complaint_metrics(complaints(4, 4), sla={"response": 24}, as_of="2025-01-01 19:00")
    assert (m.response["within_sla"], m.response["pending"]) == (1.0, 4)


def test_a_channel_that_never_answers_stays_in_the_report(tmp_path):
    bank = cxkit.load_demo_bank(seed=3, customers=1_000)
    c = bank["complaints"].copy()
    never = c.channel == "email"
    c.loc[never, "first_response"] = pd.NaT
    c.loc[never, "resolved"] = pd.NaT
    r = cxkit.report({"complaints": c}, out=tmp_path)
    rows = {row["channel"]: row for row in r["complaints"]["by_channel"]}
    # No email complaint is answered: those older than 24 h at the end of the data are
    # breaches, the one opened in the last 24 h is pending; none met the service level.
    assert rows["email"]["within_sla"] == 0.0 and rows["email"]["mean_hours"] is None
    assert rows["email"]["unanswered"] + rows["email"]["pending"] == never.sum()
    assert rows["email"]["unanswered"] > 0
    assert "the email channel does worst (0 % within 24 h)" in r["complaints"]["finding"]
    assert "Never answered and past 24 h" in r["complaints"]["finding"]


@pytest.mark.parametrize("values, rate", [
    (["no", "0", "false", "yes"], 0.25),
    (["No", "FALSE", "否", "是"], 0.25),
    ([0, 0, 0, 1], 0.25),
    ([0.0, np.nan, 0.0, 1.0], 0.25),
    ([False, False, False, True], 0.25),
    (pd.array([False, None, False, True], dtype="boolean"), 0.25),
    ([np.nan] * 4, 0.0),
])
def test_reopened_is_read_as_the_csv_reader_reads_it(values, rate):
    # Four resolved complaints, one reopened: 1/4 (Python truthiness made "no" and NaN yes).
    t = pd.to_datetime(["2025-01-01"] * 4)
    f = pd.DataFrame({"opened": t, "first_response": t, "resolved": t, "reopened": values})
    assert cxkit.complaint_metrics(f).reopen_rate == rate


@pytest.mark.parametrize("column, values, match", [
    ("reopened", ["no", "maybe", "yes", "no"], r"row 1: expected yes or no.*'maybe'"),
    ("reopened", [0, 2, 1, 0], "row 1: expected yes or no.*2"),
    ("contacts", [1, 2.5, 1, 1], "row 1: expected a whole number of contacts from 0, found 2.5"),
    ("contacts", [1, np.nan, 1, 1], "row 1: .*found a missing value"),
    ("contacts", [1, -1, 1, 1], "row 1: .*found -1"),
])
def test_flags_and_counts_that_are_neither_are_refused(column, values, match):
    t = pd.to_datetime(["2025-01-01"] * 4)
    f = pd.DataFrame({"opened": t, "first_response": t, "resolved": t, column: values})
    with pytest.raises(cxkit.InvalidParameterError, match=match):
        cxkit.complaint_metrics(f)


def test_float_contacts_are_counts():
    t = pd.to_datetime(["2025-01-01"] * 4)
    f = pd.DataFrame({"opened": t, "first_response": t, "resolved": t, "contacts": [1.0, 2.0, 1.0, 3.0]})
    assert cxkit.complaint_metrics(f).first_contact_resolution == 0.5


def test_a_kano_category_nobody_chose_never_wins():
    # One respondent: feature 1 answered neutral/neutral (I), feature 2 dislike/like (R).
    r = cxkit.kano_analyze([[3, 5]], [[3, 1]], features=["x", "y"])
    assert (r.category("x"), r.category("y")) == ("I", "R")  # R became M before the fix
    assert r.feature("y").decided_by == "only"
    f = cxkit.kano_from_counts(0, 1, 0, 0)  # one O answer: O (it was M)
    assert (f.category, f.decided_by) == ("O", "only")
    assert cxkit.kano_from_counts(0, 0, 0, 0, Q=4).category == "Q"
    # Two chosen categories tied: the documented M > O > A > I rule.
    assert cxkit.kano_from_counts(1, 0, 0, 1).category == "A"


def test_alpha_of_a_reverse_keyed_pair_is_an_error():
    # x and 6 − x: the total score is 6 for everyone; alpha was −inf, standardised 9e15.
    x = np.array([1.0, 2.0, 4.0, 5.0, 3.0])
    with pytest.raises(cxkit.ZeroVarianceError, match="reverse-keyed"):
        cxkit.cronbach_alpha(np.column_stack([x, 6 - x]))


@pytest.mark.parametrize("k", [1e-300, 1e-310, 1e300, 5e307, 7.0])
def test_scaling_every_weight_by_a_constant_changes_nothing(k):
    # Weights of 1e−300 gave se 0 and n_eff inf, 1e300 se inf, 1e308 a NaN score, the Likert sd
    # NaN and CSAT a confusing error; survey weights are relative (normalised inside).
    rng = np.random.default_rng(19)
    scores, w = rng.integers(0, 11, 200), rng.uniform(0.2, 3.0, 200)
    a, b = cxkit.nps(scores, weights=w), cxkit.nps(scores, weights=w * k)
    for field in ("score", "se", "ci_low", "ci_high", "n_effective"):
        assert getattr(b, field) == pytest.approx(getattr(a, field), rel=1e-12), field
    sat = rng.integers(1, 6, 200)
    ca, cb = cxkit.csat(sat, weights=w), cxkit.csat(sat, weights=w * k)
    assert cb.top_box.estimate == pytest.approx(ca.top_box.estimate, rel=1e-12)
    assert cb.mean.estimate == pytest.approx(ca.mean.estimate, rel=1e-12)
    la, lb = cxkit.likert_summary(sat, 5, weights=w), cxkit.likert_summary(sat, 5, weights=w * k)
    assert lb.sd == pytest.approx(la.sd, rel=1e-12) and np.isfinite(lb.sd)


def test_value_tiers_ties_zero_and_negative_values():
    # 99 customers at 0 and one worth 10: 99 % were platinum; by the middle of their ranks,
    # (1 + 49.5)/100 = 50.5 %, the zeros are lead.
    v = np.zeros(100)
    v[7] = 10.0
    summary = cxkit.value_tiers(v).summary
    assert summary["customers"].tolist() == [1, 0, 0, 99]
    # All 0: all lead, no value share (was NaN by division; now documented as no share).
    summary = cxkit.value_tiers(np.zeros(10)).summary
    assert summary["customers"].tolist() == [0, 0, 0, 10] and summary["value_share"].isna().all()
    # A negative value gave a share of −99: shares of a netted total are not given.
    summary = cxkit.value_tiers([100.0, 2.0, -1.0, -100.0]).summary
    assert summary["value_share"].isna().all() and summary["value"].sum() == 1.0


def test_kmeans_with_more_clusters_than_different_points_is_an_error():
    x = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [1.0, 1.0], [5.0, 0.0]])
    with pytest.raises(cxkit.InvalidParameterError, match="hold only 3"):
        cxkit.KMeans(4).fit(x)


def test_the_day_of_a_time_with_an_offset_is_the_date_as_written():
    # 01:00 in Beijing on 5 and 20 January is 17:00 UTC on 4 and 19 January. The CSV reader
    # takes the date as written; Python took the UTC day. One rule now: the date as written.
    local = pd.Series(pd.to_datetime(["2024-01-05 01:00", "2024-01-20 01:00"])).dt.tz_localize("Asia/Shanghai")
    naive = pd.Series(pd.to_datetime(["2024-01-05", "2024-01-20"]))
    text = ["2024-01-05T01:00+08:00", "2024-01-20T01:00+08:00"]
    expect = cxkit.summarize_transactions(["a", "a"], naive, [1.0, 2.0], observation_end="2024-01-31", freq="D")
    for dates in (local, text):
        got = cxkit.summarize_transactions(["a", "a"], dates, [1.0, 2.0], observation_end="2024-01-31", freq="D")
        pd.testing.assert_frame_equal(got, expect)
    # Recency 15 days, T 26 days: the dates 5, 20 and 31 January.
    assert (expect.recency.iloc[0], expect["T"].iloc[0]) == (15.0, 26.0)
    with pytest.raises(cxkit.InvalidParameterError, match='row 1: "2024-01-09T99:99" is not a date'):
        cxkit.summarize_transactions(["a", "a"], ["2024-01-05", "2024-01-09T99:99"], [1.0, 2.0])


def test_the_report_reads_survey_duplicates_as_an_error(tmp_path):
    # Three copies of one (wave, customer) row made "4 respondents" and NPS 50 instead of 0.
    s = pd.DataFrame({"wave": [1, 1, 1, 1], "customer_id": ["a", "b", "a", "a"], "ltr": [10, 0, 10, 10]})
    with pytest.raises(cxkit.DataFileError, match="customer `a` answered wave 1 on line 2 already") as e:
        cxkit.report({"survey": s}, out=tmp_path)
    assert (e.value.file, e.value.line) == ("survey.csv", 4)


def test_valid_data_in_another_dtype_is_accepted_and_invalid_values_are_cx_errors():
    scores = [10, 9, 3, 7, 10]
    want = cxkit.nps(scores).score
    for dtype in (">i4", ">f8", "float16", ">u2"):
        assert cxkit.nps(np.array(scores, dtype=dtype)).score == want, dtype
    with pytest.raises(cxkit.InvalidParameterError, match="must be numbers"):
        cxkit.nps(pd.Series([9, "ten", 3], dtype=object))
    with pytest.raises(cxkit.InvalidParameterError, match="integers or floats"):
        cxkit.nps(["9", "10"])
    with pytest.raises(cxkit.InvalidParameterError, match="horizon"):
        bg = cxkit.BetaGeo.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
        gg = cxkit.GammaGamma.from_params(p=6.25, q=3.74, v=15.44)
        cxkit.customer_lifetime_value(bg, gg, [1.0], [5.0], [10.0], [20.0], horizon=-1)
    # KANO positions as numpy text, as pandas text already were.
    f, d = np.array([["1", "3"]]), np.array([["5", "3"]])
    assert cxkit.kano_classify(f, d).tolist() == cxkit.kano_classify([[1, 3]], [[5, 3]]).tolist()


def test_every_fit_follows_one_convergence_rule_and_the_report_says_so(tmp_path):
    # Everyone bought once: Pareto/NBD reported converged=True with a log-likelihood of +7.86
    # where BG/NBD raised. No repeat purchase, no interior maximum: both raise.
    for model in (cxkit.BetaGeo(), cxkit.ParetoNbd()):
        with pytest.raises(cxkit.DidNotConvergeError, match="no interior maximum"):
            model.fit([0.0] * 5, [0.0] * 5, [10.0] * 5)
    # The report lists the value section as not computed, with the reason.
    t = pd.DataFrame({"customer_id": [f"c{i}" for i in range(50)],
                      "date": [f"2024-01-{1 + i % 28:02d}" for i in range(50)], "amount": 10.0})
    r = cxkit.report({"transactions": t}, out=tmp_path)
    assert r["value"] is None
    assert any(section == "customer value" and "no interior maximum" in why for section, why in r["not_computed"])


def test_servqual_items_named_by_number_are_labels():
    # servqual.csv pivoted: the columns are the item numbers 1, 2, 3. reversed=[3] flipped item
    # 4 (position 3), and a dimensions dict by item number failed with "item 3 does not exist".
    rng = np.random.default_rng(3)
    p = pd.DataFrame(rng.integers(1, 8, (40, 3)).astype(float), columns=[1, 2, 3])
    e = pd.DataFrame(rng.integers(1, 8, (40, 3)).astype(float), columns=[1, 2, 3])
    by_number = cxkit.servqual(p, e, dimensions={"a": [1, 2], "b": [3]}, reversed=[3])
    # The same by position on the bare arrays: item 3 is position 2.
    by_position = cxkit.servqual(p.to_numpy(), e.to_numpy(), dimensions={"a": [0, 1], "b": [2]}, reversed=[2])
    assert by_number.dimensions["gap"].tolist() == by_position.dimensions["gap"].tolist()
    # Hand check of dimension b (item 3 alone, reversed on 1..7: 8 − x on both sides): gap = mean(e − p).
    assert by_number.dimensions.loc["b", "gap"] == pytest.approx((e[3] - p[3]).mean())
    with pytest.raises(cxkit.InvalidParameterError, match="not an item: the items are the columns 1, 2, 3"):
        cxkit.servqual(p, e, dimensions={"a": [1, 2], "b": [4]})
    with pytest.raises(cxkit.InvalidParameterError, match="not an item position"):
        cxkit.servqual(p.to_numpy(), e.to_numpy(), dimensions={"a": ["x"]})
