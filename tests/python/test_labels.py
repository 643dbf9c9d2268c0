"""Ids and labels are opaque and inputs are matched by name (issue 18).

Every entry point that takes ids or labels is fed the kinds banks hold — account numbers of
16–19 digits, customer numbers with leading zeros, integers above 2^53, uint64, pandas
object / string / str / string[pyarrow] / categorical columns, polars Utf8, Arrow arrays,
Chinese and full-width ids — and must keep each id distinct, give it back in the caller's
own type and spelling, and refuse missing, float and mixed ids with InvalidLabelError.
The expected values are hand counts in the comments (each id is its own customer), and a
renaming property: renaming the ids by any bijection changes no number and maps the output
ids by the same bijection.
"""

import numpy as np
import pytest

import cxkit

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

ACCOUNTS = ["6222021234567890128", "6222021234567890129", "6222021234567890130"]
DATES = ["2024-01-01", "2024-02-01", "2024-03-01"]


def test_issue_reproducer_three_account_numbers_stay_three_customers():
    ids = pd.Series(ACCOUNTS)
    s = cxkit.summarize_transactions(ids, DATES, [1.0, 2.0, 3.0], observation_end="2024-04-01", freq="D")
    # Each account bought once: three customers, frequency 0, indexed by the account numbers.
    assert s.index.tolist() == ACCOUNTS
    assert s.index.name == "customer_id"
    assert s["frequency"].tolist() == [0.0, 0.0, 0.0]
    assert s["T"].tolist() == [91.0, 60.0, 31.0]


def id_kinds():
    """(name, ids of four rows where rows 0 and 2 are one customer, the three distinct ids)."""
    big = 2**53
    kinds = [
        ("leading zeros", ["007", "7", "007", "0007"]),
        ("19 digits", ["6222021234567890128", "6222021234567890129", "6222021234567890128", "6222021234567890120"]),
        ("Chinese", ["客户七", "客户8", "客户七", "客户九"]),
        ("full width", ["０７", "07", "０７", "7"]),
        ("spaces kept", ["7 ", "7", "7 ", " 7"]),
    ]
    out = []
    for name, values in kinds:
        distinct = list(dict.fromkeys(values))
        out += [
            (f"{name}, list", values, distinct),
            (f"{name}, numpy <U", np.array(values), distinct),
            (f"{name}, pandas object", pd.Series(values, dtype=object), distinct),
            (f"{name}, pandas string", pd.Series(values, dtype="string"), distinct),
            (f"{name}, pandas string[pyarrow]", pd.Series(values, dtype="string[pyarrow]"), distinct),
            (f"{name}, pandas str", pd.Series(values, dtype="str"), distinct),
            (f"{name}, pandas categorical", pd.Series(values, dtype="category"), distinct),
            (f"{name}, polars Utf8", pl.Series(values, dtype=pl.Utf8), distinct),
            (f"{name}, polars Categorical", pl.Series(values, dtype=pl.Categorical), distinct),
            (f"{name}, Arrow", pa.array(values), distinct),
        ]
    ints = [big + 1, big, big + 1, big + 3]  # 2^53 + 1 and 2^53 are one float, two customers
    out += [
        ("above 2^53, list", ints, [big + 1, big, big + 3]),
        ("above 2^53, int64", np.array(ints, dtype=np.int64), [big + 1, big, big + 3]),
        ("above 2^53, pandas Int64", pd.Series(ints, dtype="Int64"), [big + 1, big, big + 3]),
        ("above 2^53, polars Int64", pl.Series(ints, dtype=pl.Int64), [big + 1, big, big + 3]),
    ]
    u = [2**64 - 1, 2**63, 2**64 - 1, 2**64 - 2]
    out += [
        ("uint64, numpy", np.array(u, dtype=np.uint64), [2**64 - 1, 2**63, 2**64 - 2]),
        ("uint64, list", u, [2**64 - 1, 2**63, 2**64 - 2]),
        ("uint64, polars", pl.Series(u, dtype=pl.UInt64), [2**64 - 1, 2**63, 2**64 - 2]),
        ("negative int32", np.array([-7, 7, -7, 0], dtype=np.int32), [-7, 7, 0]),
    ]
    return out


KINDS = id_kinds()


def as_list(ids):
    """The ids as Python values, whatever holds them."""
    for method in ("to_pylist", "to_list", "tolist"):
        if hasattr(ids, method):
            return getattr(ids, method)()
    return list(ids)


@pytest.mark.parametrize("ids, distinct", [k[1:] for k in KINDS], ids=[k[0] for k in KINDS])
def test_summary_keeps_every_kind_of_id(ids, distinct):
    dates = ["2024-01-01", "2024-01-05", "2024-01-09", "2024-01-10"]
    s = cxkit.summarize_transactions(ids, dates, [10.0, 20.0, 30.0, 40.0], observation_end="2024-01-31")
    # Rows 0 and 2 are one customer (bought on days 0 and 8: frequency 1, recency 8, spend 30);
    # the other two bought once.
    assert s.index.tolist() == distinct
    assert all(type(a) is type(b) for a, b in zip(s.index.tolist(), distinct))
    assert s["frequency"].tolist() == [1.0, 0.0, 0.0]
    assert s["recency"].tolist() == [8.0, 0.0, 0.0]
    assert s["monetary_value"].tolist() == [30.0, 0.0, 0.0]


@pytest.mark.parametrize("ids, distinct", [k[1:] for k in KINDS], ids=[k[0] for k in KINDS])
def test_kano_segments_keep_every_kind_of_label(ids, distinct):
    # Four respondents; segment of rows 0 and 2 answers (like, dislike) = O twice.
    f = [[1], [3], [1], [3]]
    d = [[5], [3], [5], [3]]
    r = cxkit.kano_analyze(f, d, features=["app"], segments=ids)
    by = r.segments
    assert sorted(by, key=repr) == sorted(distinct, key=repr)
    first = distinct[0]
    assert by[first].respondents == 2 and by[first].category("app") == "O"
    assert sum(t.respondents for t in by.values()) == 4


@pytest.mark.parametrize("ids, distinct", [k[1:] for k in KINDS], ids=[k[0] for k in KINDS])
def test_silhouette_and_journey_and_complaints_keep_every_kind_of_label(ids, distinct):
    x = np.array([[0.0], [10.0], [0.2], [20.0]])
    codes = [distinct.index(v) for v in as_list(ids)]
    assert cxkit.silhouette_samples(x, ids).tolist() == cxkit.silhouette_samples(x, codes).tolist()
    # Complaints by channel: rows 0 and 2 are one channel with two complaints.
    opened = pd.to_datetime(["2025-01-01 09:00"] * 4)
    frame = pd.DataFrame({"opened": opened, "first_response": opened + pd.Timedelta(hours=1),
                          "resolved": opened + pd.Timedelta(hours=2)})
    frame["channel"] = ids if isinstance(ids, pd.Series) else as_list(ids)
    m = cxkit.complaint_metrics(frame)
    assert m.by_channel["complaints"].tolist() == [2, 1, 1]


def test_journey_segments_keep_their_spelling():
    tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
        {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]})
    st = cxkit.JourneyState(tree)
    st.update(pd.DataFrame({"indicator": ["ok"] * 4, "timestamp": [0, 60, 120, 180], "value": [1, 0, 1, 1],
                            "segment": pd.Series(["007", "7", "007", "七"], dtype="string")}))
    r = st.evaluate(window="month", at=pd.Timestamp("1970-01-01"), by="segment")
    rows = r[r.level == "indicator"].set_index("segment")["value"]
    # "007": two events both ok; "7": one, not ok; "七": one, ok.
    assert rows.to_dict() == {"007": 1.0, "7": 0.0, "七": 1.0}
    # A state is merged by segment label across batches, so segments are named by their text
    # (documented): the integer segment 7 of a later batch is the segment "7", and its one ok
    # event joins the one failed event above.
    st.update(pd.DataFrame({"indicator": ["ok"], "timestamp": [240], "value": [1], "segment": [7]}))
    r = st.evaluate(window="month", at=pd.Timestamp("1970-01-01"), by="segment")
    assert r[r.level == "indicator"].set_index("segment")["value"].to_dict() == {"007": 1.0, "7": 0.5, "七": 1.0}


@pytest.mark.parametrize("ids, found", [
    (pd.Series(["a", None, "b"], dtype=object), "None"),
    (pd.Series(["a", None, "b"]), "NaN"),  # pandas 3's str dtype holds None as NaN
    (pd.Series(["a", np.nan, "b"], dtype=object), "NaN"),
    (pd.Series(["a", pd.NA, "b"], dtype="string"), "pandas NA"),
    (pd.Series(["a", None, "b"], dtype="string[pyarrow]"), "pandas NA"),
    (pd.Series([1, pd.NA, 3], dtype="Int64"), "pandas NA"),
    (pd.Series(["a", None, "b"], dtype="category"), "a missing category"),
    (pl.Series(["a", None, "b"]), "None"),
    (pl.Series([1, None, 3]), "None"),
    (pa.array(["a", None, "b"]), "None"),
    (["a", "", "b"], "an empty string"),
    (np.array(["a", "", "b"]), "an empty string"),
    (["a", "  ", "b"], "an empty string"),
], ids=["object None", "default None", "object NaN", "string NA", "pyarrow None", "Int64 NA", "categorical NaN",
        "polars null", "polars int null", "Arrow null", "empty", "numpy empty", "blank"])
def test_a_missing_id_is_an_error_naming_the_row(ids, found):
    with pytest.raises(cxkit.InvalidLabelError, match=rf"index 1 is missing \({found}\)") as e:
        cxkit.summarize_transactions(ids, DATES, [1, 2, 3])
    assert e.value.index == 1
    assert not isinstance(e.value, cxkit.InvalidParameterError)


@pytest.mark.parametrize("ids, match", [
    (pd.Series([1.0, 2.0, 3.0]), "not floating-point numbers"),
    (np.array([1.0, 2.0, 3.0], dtype=np.float32), "not floating-point numbers"),
    (pd.Series(["007", 7, "8"], dtype=object), r"index 1 is an integer \(7\) but the label at index 0 is text"),
    ([7, "007", 8], r"index 1 is text \('007'\) but the label at index 0 is integers"),
    (pd.Series(["a", 2.5, "b"], dtype=object), r"index 1 is the float 2\.5"),
    ([True, 1, 2], "index 1 is an integer"),
    ([b"a", b"b", b"c"], "of type bytes"),
])
def test_float_and_mixed_ids_are_refused(ids, match):
    with pytest.raises(cxkit.CxError, match=match):
        cxkit.summarize_transactions(ids, DATES, [1, 2, 3])


def test_renaming_ids_by_a_bijection_changes_no_number(rng):
    """Property: renaming the ids by any bijection leaves every number unchanged and maps
    the output ids by the same bijection (summary, profiles, KANO by segment, complaints)."""
    n, k = 600, 40
    customers = rng.integers(0, k, n)
    dates = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 300, n), unit="D")
    amounts = rng.uniform(1, 100, n).round(2)
    for trial in range(5):
        names = list(dict.fromkeys(f"{rng.integers(0, 10**9):09d}{rng.integers(0, 10**10):010d}" for _ in range(k)))
        renamed = np.array([names[c] for c in customers], dtype=object)
        other = [f"客户{c:04d}" for c in rng.permutation(k)]
        renamed2 = pd.Series([other[c] for c in customers], dtype="string")
        a = cxkit.summarize_transactions(renamed, dates, amounts, observation_end="2024-12-31")
        b = cxkit.summarize_transactions(renamed2, dates, amounts, observation_end="2024-12-31")
        assert [names.index(i) for i in a.index] == [other.index(i) for i in b.index]
        np.testing.assert_array_equal(a.to_numpy(), b.to_numpy())

        frame = pd.DataFrame({"seg": renamed, "x": amounts, "ch": rng.choice(["app", "branch"], n)})
        frame2 = frame.assign(seg=renamed2)
        p, q = cxkit.profile_segments(frame, "seg"), cxkit.profile_segments(frame2, "seg")
        mapping = dict(zip(renamed, renamed2))
        pd.testing.assert_frame_equal(
            p.summary.rename(index=mapping).sort_index(), q.summary.sort_index(), check_names=False)

        f = rng.integers(1, 6, (n, 2))
        d = rng.integers(1, 6, (n, 2))
        r1 = cxkit.kano_analyze(f, d, features=["x", "y"], segments=renamed)
        r2 = cxkit.kano_analyze(f, d, features=["x", "y"], segments=renamed2)
        for label, t in r1.segments.items():
            pd.testing.assert_frame_equal(t.table, r2.segments[mapping[label]].table)


def test_kano_tables_are_matched_by_column_name():
    # app: like/dislike = O for everyone; atm: neutral/neutral = I.
    F = pd.DataFrame({"app": [1, 1, 1], "atm": [3, 3, 3]})
    D = pd.DataFrame({"app": [5, 5, 5], "atm": [3, 3, 3]})
    straight = cxkit.kano_analyze(F, D)
    swapped = cxkit.kano_analyze(F, D[["atm", "app"]])
    assert straight.category("app") == swapped.category("app") == "O"
    assert straight.category("atm") == swapped.category("atm") == "I"
    with pytest.raises(cxkit.IncompatibleError, match='only dysfunctional has "fees"'):
        cxkit.kano_analyze(F, D.rename(columns={"atm": "fees"}))
    # Rows are respondents: matched by index label.
    shuffled = D.iloc[[2, 0, 1]]
    assert cxkit.kano_analyze(F, shuffled).table.equals(straight.table)
    with pytest.raises(cxkit.IncompatibleError, match="same rows"):
        cxkit.kano_analyze(F, D.set_index(pd.Index([7, 8, 9])))
    # Numpy input has no names: positions are all there is.
    assert cxkit.kano_analyze(F.to_numpy(), D.to_numpy(), features=["app", "atm"]).category("app") == "O"
    # Segments given as a Series are matched by index too.
    seg = pd.Series(["x", "y", "x"], index=[2, 0, 1])
    by = cxkit.kano_analyze(F, D, segments=seg).segments
    assert by["x"].respondents == 2


def test_kano_accumulator_matches_features_by_name():
    F = pd.DataFrame({"app": [1, 1], "atm": [3, 3]})
    D = pd.DataFrame({"app": [5, 5], "atm": [3, 3]})
    acc = cxkit.KanoAccumulator(2, names=["app", "atm"])
    acc.update(F, D)
    acc.update(F[["atm", "app"]], D[["atm", "app"]])
    t = acc.finish()
    assert t.feature("app").counts["O"] == 4 and t.feature("atm").counts["I"] == 4
    before = acc.to_bytes()
    with pytest.raises(cxkit.IncompatibleError, match='only functional has "fees"'):
        acc.update(F.rename(columns={"atm": "fees"}), D.rename(columns={"atm": "fees"}))
    with pytest.raises(cxkit.InvalidParameterError, match="no names to match them by"):
        cxkit.KanoAccumulator(2).update(F, D)
    with pytest.raises(cxkit.IncompatibleError, match="different features"):
        acc.merge(cxkit.KanoAccumulator(2, names=["atm", "app"]))
    assert acc.to_bytes() == before


def test_servqual_zone_and_weights_are_matched_by_name():
    P = pd.DataFrame({"q1": [5.0, 6.0, 4.0], "q2": [3.0, 2.0, 4.0]})
    E = pd.DataFrame({"q1": [5.0, 6.0, 4.0], "q2": [4.0, 3.0, 5.0]})
    # Gaps: q1 0, q2 −1; reordering E's columns or rows changes nothing.
    dims = ["a", "b"]
    for e in [E, E[["q2", "q1"]], E.iloc[[2, 1, 0]]]:
        r = cxkit.servqual(P, e, dimensions=dims)
        assert r.items["gap"].tolist() == [0.0, -1.0]
    # Weights by dimension name, in any order: 30·0 + 70·(−1) over 100 = −0.7.
    for w in [pd.Series({"a": 30, "b": 70}), pd.Series({"b": 70, "a": 30}), {"b": 70, "a": 30}]:
        assert cxkit.servqual(P, E, dimensions=dims, weights=w).weighted.estimate == pytest.approx(-0.7)
    with pytest.raises(cxkit.IncompatibleError, match='only weights has "c"'):
        cxkit.servqual(P, E, dimensions=dims, weights=pd.Series({"a": 30, "c": 70}))
    # Weights per respondent are matched to the perceptions' rows: with q2 gaps −1, −1, −2
    # and weights (a, b) = (100, 0), (0, 100), (50, 50) the score is (0 − 1 − 1)/3.
    E2 = E.assign(q2=[4.0, 3.0, 6.0])
    W = pd.DataFrame({"a": [100, 0, 50], "b": [0, 100, 50]})
    for w in [W, W.iloc[::-1], W[["b", "a"]]]:
        assert cxkit.servqual(P, E2, dimensions=dims, weights=w).weighted.estimate == pytest.approx(-2 / 3)
    A = pd.DataFrame({"q1": [4.0] * 3, "q2": [3.0] * 3})
    D = pd.DataFrame({"q1": [6.0] * 3, "q2": [5.0] * 3})
    z = cxkit.zone_of_tolerance(P, A, D, dimensions=dims)
    z2 = cxkit.zone_of_tolerance(P, A[["q2", "q1"]], D[["q2", "q1"]], dimensions=dims)
    pd.testing.assert_frame_equal(z.items, z2.items)
    with pytest.raises(cxkit.IncompatibleError):
        cxkit.zone_of_tolerance(P, A.rename(columns={"q2": "q3"}), D, dimensions=dims)


def test_ipa_rfm_drivers_and_types_pair_series_by_index():
    imp = pd.Series({"fees": 0.4, "app": 0.3, "branch": 0.1, "cards": 0.2})
    perf = pd.Series({"fees": 3.0, "app": 6.0, "branch": 2.0, "cards": 6.5})
    t = cxkit.ipa(imp, perf)
    t2 = cxkit.ipa(imp, perf.iloc[::-1])
    assert t2["performance"].to_dict() == t["performance"].to_dict() == perf.to_dict()
    with pytest.raises(cxkit.IncompatibleError, match="'atm'"):
        cxkit.ipa(imp, perf.rename(index={"app": "atm"}))
    ids = ["c1", "c2", "c3", "c4", "c5"]
    r = pd.Series([2, 40, 10, 90, 5], index=ids)
    f = pd.Series([12, 1, 4, 1, 8], index=ids)
    m = pd.Series([900, 20, 150, 35, 400], index=ids)
    a = cxkit.rfm_scores(r, f, m)
    b = cxkit.rfm_scores(r, f.iloc[::-1], m.sample(frac=1, random_state=1))
    pd.testing.assert_frame_equal(a, b)
    assert a.loc["c1", "cell"] == 555
    rng = np.random.default_rng(1)
    X = pd.DataFrame(rng.normal(size=(50, 3)), columns=["a", "b", "c"])
    y = X["a"] * 2 + X["b"] + rng.normal(size=50)
    assert cxkit.key_drivers(X, y.iloc[::-1]).to_dict() == cxkit.key_drivers(X, y).to_dict()
    price = pd.Series([4, 3, 2, 1], index=ids[:4])
    service = pd.Series([1, 4, 2, 3], index=ids[:4])
    t1 = cxkit.behavior_types(price=price, service=service)
    t2 = cxkit.behavior_types(price=price, service=service.iloc[::-1])
    pd.testing.assert_frame_equal(t1, t2)
    value = pd.DataFrame({"product": [5.0, 3.0]}, index=["c1", "c2"])
    cost = pd.DataFrame({"price": [1.0, 2.0]}, index=["c2", "c1"])
    dv = cxkit.delivered_value(value, cost)
    # c1: 5 − 2 = 3; c2: 3 − 1 = 2.
    assert dv["delivered_value"].to_dict() == {"c1": 3.0, "c2": 2.0}


def test_renaming_by_a_bijection_in_rfm_tiers_journeys_and_complaints(rng):
    """The renaming property for the entry points the first property leaves out: RFM scores,
    value tiers, journey states by segment and complaint metrics by channel and category."""
    n = 300
    ids = [f"{c:019d}" for c in rng.permutation(10**6)[:n]]
    renamed = [f"客户{c:04d}" for c in rng.permutation(n)]
    mapping = dict(zip(ids, renamed))
    r, f, m = rng.integers(1, 365, n), rng.integers(1, 20, n), rng.uniform(10, 900, n)
    a = cxkit.rfm_scores(pd.Series(r, index=ids), pd.Series(f, index=ids), pd.Series(m, index=ids))
    b = cxkit.rfm_scores(pd.Series(r, index=renamed), pd.Series(f, index=renamed), pd.Series(m, index=renamed))
    pd.testing.assert_frame_equal(a.rename(index=mapping), b)
    a_tiers, b_tiers = cxkit.value_tiers(pd.Series(m, index=ids)), cxkit.value_tiers(pd.Series(m, index=renamed))
    ta, sa, tb, sb = a_tiers.tiers, a_tiers.summary, b_tiers.tiers, b_tiers.summary
    pd.testing.assert_series_equal(ta.rename(index=mapping), tb)
    pd.testing.assert_frame_equal(sa, sb)

    segments = ["007", "7", "七", "6222021234567890128"]
    new = {"007": "mass", "7": "affluent", "七": "七七", "6222021234567890128": "6222021234567890129"}
    seg = rng.choice(segments, n)
    tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
        {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]})
    events = pd.DataFrame({"indicator": ["ok"] * n, "timestamp": rng.integers(0, 86_400 * 20, n),
                           "value": rng.integers(0, 2, n), "segment": pd.Series(seg, dtype="string")})
    states = []
    for frame in (events, events.assign(segment=events.segment.map(new))):
        st = cxkit.JourneyState(tree)
        st.update(frame)
        out = st.evaluate(window="month", at=pd.Timestamp("1970-01-01"), by="segment")
        states.append(out[out.level == "indicator"].set_index("segment")["value"])
    pd.testing.assert_series_equal(states[0].rename(index=new).sort_index(), states[1].sort_index())

    opened = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 10_000, n), unit="min")
    complaints = pd.DataFrame({
        "opened": opened, "first_response": opened + pd.to_timedelta(rng.integers(1, 3_000, n), unit="min"),
        "resolved": opened + pd.to_timedelta(rng.integers(3_000, 20_000, n), unit="min"),
        "channel": pd.Series(seg, dtype="category"), "category": rng.choice(segments, n)})
    ma = cxkit.complaint_metrics(complaints)
    mb = cxkit.complaint_metrics(complaints.assign(channel=complaints.channel.map(new),
                                                   category=complaints.category.map(new)))
    for part in ("by_channel", "by_category"):
        pd.testing.assert_frame_equal(getattr(ma, part).rename(index=new).sort_index(),
                                      getattr(mb, part).sort_index(), check_names=False)


def renamed_bank(bank, mapping):
    """The demo bank with every customer id renamed by `mapping` (customers' index and the
    customer_id columns of the transactions, the survey, the satisfaction questionnaire and
    the complaints and the comments)."""
    out = dict(bank)
    out["customers"] = bank["customers"].rename(index=mapping)
    for table in ("transactions", "survey", "satisfaction", "complaints", "comments"):
        out[table] = bank[table].assign(customer_id=bank[table].customer_id.map(mapping))
    return out


def test_the_report_does_not_depend_on_how_customers_are_named(tmp_path, rng):
    """Renaming every customer id of the demo bank by a bijection — to 19-digit account
    numbers with leading zeros, or to Chinese text, as frames or as files — changes no number
    of the report."""
    bank = cxkit.load_demo_bank(seed=3, customers=1_500)
    base = cxkit.report(bank, out=tmp_path / "base")
    ids = bank["customers"].index
    accounts = dict(zip(ids, (f"{c:019d}" for c in rng.permutation(10**7)[: len(ids)])))
    chinese = dict(zip(ids, (f"客户{c:05d}" for c in rng.permutation(len(ids)))))
    for k, mapping in enumerate((accounts, chinese)):
        frames = renamed_bank(bank, mapping)
        assert cxkit.report(frames, out=tmp_path / f"frames{k}") == base
        data = tmp_path / f"data{k}"
        data.mkdir()
        frames["customers"].to_csv(data / "customers.csv")
        for table in ("transactions", "survey", "complaints"):
            frames[table].to_csv(data / f"{table}.csv", index=False)
        from_files = cxkit.report(data, out=tmp_path / f"files{k}")
        subset = cxkit.report({t: frames[t] for t in ("customers", "transactions", "survey", "complaints")},
                              out=tmp_path / f"subset{k}")
        del from_files["files"], subset["files"]
        assert from_files == subset


@pytest.mark.parametrize("table, column, values, error, match", [
    ("transactions", "customer_id", [1.0, 2.0, np.nan], cxkit.InvalidParameterError, "transactions.customer_id"),
    ("survey", "customer_id", pd.Series(["a", None, "b"], dtype="string"), cxkit.InvalidLabelError,
     r"survey.customer_id: the label at index 1 is missing"),
    ("complaints", "channel", pd.Series(["app", 7, "app"], dtype=object), cxkit.InvalidLabelError,
     "complaints.channel"),
])
def test_report_frames_refuse_float_and_missing_ids_naming_the_column(tmp_path, table, column, values, error, match):
    bank = cxkit.load_demo_bank(seed=3, customers=1_000)
    frame = bank[table].iloc[:3].copy()
    frame[column] = values
    with pytest.raises(error, match=match):
        cxkit.report({table: frame}, out=tmp_path)
