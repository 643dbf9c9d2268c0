"""KANO analysis through Python: classification, the verdict table, labels, DataFrames,
importance, segments, cleaning, the accumulator and bad input. Reference values are hand
calculations (DESIGN.md's table and formulas) and a pandas crosstab."""

import math
import pickle

import numpy as np
import pytest
from scipy import stats

import cxkit

# DESIGN.md's evaluation table: rows functional, columns dysfunctional (like .. dislike).
TABLE = [
    "QAAAO",
    "RIIIM",
    "RIIIM",
    "RIIIM",
    "RRRRQ",
]


def test_all_25_cells():
    f, d = np.meshgrid(np.arange(1, 6), np.arange(1, 6), indexing="ij")
    letters = cxkit.kano_classify(f, d)
    assert ["".join(row) for row in letters] == TABLE


def test_labels_in_several_wordings_and_the_short_form():
    assert cxkit.kano_classify(
        ["I like it that way", "expect", "Neutral", "tolerate"],
        ["dislike", "I dislike it that way", "must-be", "live with"],
    ).tolist() == ["O", "M", "I", "I"]
    # 3-point short form: 1 like, 2 neutral, 3 dislike.
    assert cxkit.kano_classify([1, 2, 1], [3, 3, 2], form="short").tolist() == ["O", "M", "A"]


def test_chinese_labels_mixed_with_english_ones():
    # The Chinese questionnaire's five answers (我很喜欢 like, 理所当然 must-be, 无所谓 neutral,
    # 能忍受 live with, 我很不喜欢 dislike), traditional forms and English within one question.
    assert cxkit.kano_classify(
        ["我很喜欢", "理所当然", "无所谓", "我很喜歡", "like"],
        ["我很不喜欢", "我很不喜欢", "能忍受", "无所谓", "无所谓"],
    ).tolist() == ["O", "M", "I", "A", "A"]
    with pytest.raises(cxkit.InvalidAnswerError, match="还行吧"):
        cxkit.kano_classify(["还行吧"], ["我很不喜欢"])


def random_answers(rng, respondents=400, features=6):
    f = rng.integers(1, 6, size=(respondents, features))
    d = rng.integers(1, 6, size=(respondents, features))
    return f, d


def test_table_counts_match_a_pandas_crosstab(rng):
    pd = pytest.importorskip("pandas")
    f, d = random_answers(rng)
    r = cxkit.kano_analyze(f, d)
    letters = np.array([[TABLE[a - 1][b - 1] for a, b in zip(fr, dr)] for fr, dr in zip(f, d)])
    long = pd.DataFrame(letters).melt(var_name="feature", value_name="category")
    expected = pd.crosstab(long["feature"], long["category"]).reindex(
        columns=list("AOMIRQ"), fill_value=0
    )
    got = r.table[list("AOMIRQ")].to_numpy()
    assert (got == expected.to_numpy()).all()
    assert r.features == [f"F{j}" for j in range(1, 7)]


def test_verdict_columns_by_hand():
    # 5 like/neutral (A) and 1 must-be/neutral (I) for feature 0; neutral/dislike (M) for 1.
    r = cxkit.kano_analyze([[1, 3]] * 5 + [[2, 3]], [[3, 5]] * 6, features=["queue", "fees"])
    t = r.table
    q = t.loc["queue"]
    assert (q["A"], q["I"], q["n"]) == (5, 1, 6)
    assert q["better"] == pytest.approx(5 / 6)
    assert q["worse"] == 0.0
    # Fong: |5 − 1| = 4 ≥ 1.65·√(6·6/12) = 2.8579 → significant, A decided by Fong.
    assert q["fong_critical"] == pytest.approx(1.65 * math.sqrt(3))
    assert bool(q["fong_significant"]) and q["category"] == "A" and q["decided_by"] == "fong"
    assert q["category_strength"] == pytest.approx(4 / 6)
    assert q["total_strength"] == pytest.approx(5 / 6)
    # Chi-square of (A, O, M, I) = (5, 0, 0, 1) against 1.5 each.
    chi = stats.chisquare([5, 0, 0, 1])
    assert q["chi_square_p"] == pytest.approx(chi.pvalue, rel=1e-9)
    # DuMouchel: functional (5·4 + 2)/6, dysfunctional 0.
    assert q["functional"] == pytest.approx(22 / 6)
    assert q["dysfunctional"] == 0.0
    assert r.category("fees") == "M"
    fees = r.feature("fees")
    assert fees.better == 0.0 and fees.worse == -1.0 and fees.name == "fees"


def test_from_counts_and_undefined_better_worse():
    v = cxkit.kano_from_counts(10, 25, 40, 15, 5, 5)
    assert (v.category, v.decided_by, v.mode) == ("M", "fong", "M")
    assert v.better == pytest.approx(35 / 90) and v.worse == pytest.approx(-65 / 90)
    assert v.counts == {"A": 10, "O": 25, "M": 40, "I": 15, "R": 5, "Q": 5}
    only_rq = cxkit.kano_from_counts(0, 0, 0, 0, 3, 4)
    assert only_rq.better is None and only_rq.worse is None and only_rq.chi_square_p is None
    close = cxkit.kano_from_counts(30, 28, 10, 8, 2, 2)
    assert (close.mode, close.category, close.decided_by) == ("A", "O", "m>o>a>i")
    with pytest.raises(cxkit.EmptyFeatureError):
        cxkit.kano_from_counts(0, 0, 0, 0)


def test_dataframes_name_the_features_and_labels_work():
    pd = pytest.importorskip("pandas")
    f = pd.DataFrame({"queue time": ["like", "like", "must-be"], "cashback": ["neutral"] * 3})
    d = pd.DataFrame({"queue time": ["neutral"] * 3, "cashback": ["dislike"] * 3})
    r = cxkit.kano_analyze(f, d)
    assert r.features == ["queue time", "cashback"]
    assert r.table.index.tolist() == ["queue time", "cashback"]
    assert r.category("cashback") == "M"
    with pytest.raises(KeyError):
        r.feature("fees")


def test_nullable_integers_and_lists_with_none_are_numbers_with_gaps():
    pd = pytest.importorskip("pandas")
    f = pd.DataFrame({"a": pd.array([1, None, 1], dtype="Int64")})
    d = pd.DataFrame({"a": pd.array([5, 5, None], dtype="Int64")})
    r = cxkit.kano_analyze(f, d, nan_policy="omit")
    assert r.table["O"].tolist() == [1] and r.table["n"].tolist() == [1]
    assert cxkit.kano_classify([[1, None]], [[5, 5]], nan_policy="omit").tolist() == [["O", ""]]


def test_importance_and_refined_categories():
    f = [[1, 3], [1, 3]]
    d = [[5, 3], [3, 3]]
    w = [[3.0, 5.0], [1.0, 5.0]]
    r = cxkit.kano_analyze(f, d, importance=w)
    t = r.table
    assert r.importance_cut == 3.5
    assert t["dysfunctional_weighted"].tolist()[0] == pytest.approx(3.0)
    assert t["refined"].tolist() == ["low_value_added", "potential"]


def test_segments_and_cleaning():
    f = [[1], [1], [3], [3], [1], [1]]
    d = [[3], [3], [5], [5], [5], [1]]
    r = cxkit.kano_analyze(f, d, segments=["north", "north", "south", "south", "south", "south"],
                           max_questionable=0.5)
    assert r.respondents == 6 and r.dropped == 1
    seg = r.segments
    assert set(seg) == {"north", "south"}
    assert seg["north"].table["A"].tolist() == [2]
    assert seg["south"].table[["O", "M", "Q"]].iloc[0].tolist() == [1, 2, 0]
    assert seg["south"].dropped == 1
    assert cxkit.kano_analyze(f, d).segments is None


def test_missing_answers():
    f = np.array([[1.0, np.nan], [1.0, 3.0]])
    d = np.array([[5.0, 5.0], [5.0, 5.0]])
    with pytest.raises(cxkit.MissingAnswerError) as e:
        cxkit.kano_analyze(f, d)
    assert (e.value.respondent, e.value.feature) == (0, 1)
    r = cxkit.kano_analyze(f, d, nan_policy="omit")
    assert r.table["n"].tolist() == [2, 1]
    assert cxkit.kano_classify(f, d, nan_policy="omit").tolist() == [["O", ""], ["O", "M"]]


def test_bad_input():
    with pytest.raises(cxkit.InvalidAnswerError, match="answer 7 of respondent 1 to feature 0") as e:
        cxkit.kano_analyze([[1], [7]], [[5], [5]])
    assert (e.value.respondent, e.value.feature, e.value.value) == (1, 0, "7")
    with pytest.raises(cxkit.InvalidAnswerError, match="meh") as e:
        cxkit.kano_analyze([["like", "meh"]], [["dislike", "dislike"]])
    assert (e.value.respondent, e.value.feature) == (0, 1)
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.kano_analyze([[1, 2]], [[5]])
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.kano_analyze([[1, 2]], [[5, 5]], importance=[[1.0]])
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.kano_analyze([[1, 2]], [[5, 5]], features=["only one"])
    with pytest.raises(cxkit.LengthMismatchError):
        cxkit.kano_analyze([[1, 2]], [[5, 5]], segments=["a", "b"])
    with pytest.raises(cxkit.InvalidParameterError, match="importance"):
        cxkit.kano_analyze([[1, 2]], [[5, 5]], importance=[[1.0, -1.0]])
    with pytest.raises(cxkit.InvalidParameterError, match="max_questionable"):
        cxkit.kano_analyze([[1]], [[5]], max_questionable=2.0)
    with pytest.raises(cxkit.InvalidParameterError, match="form"):
        cxkit.kano_classify([[1]], [[5]], form="7")
    with pytest.raises(cxkit.EmptyFeatureError):
        cxkit.kano_analyze([[1]], [[1]], max_questionable=0.0)
    with pytest.raises(cxkit.InvalidParameterError, match="2-D"):
        cxkit.kano_analyze(np.ones((2, 2, 2)), np.ones((2, 2, 2)))
    with pytest.raises(TypeError):
        cxkit.kano_analyze([[True]], [[False]])
    with pytest.raises(ValueError):  # ragged rows: numpy refuses them
        cxkit.kano_analyze([[1, 2], [1]], [[5, 5], [5]])


def test_accumulator_merges_to_the_whole(rng):
    f, d = random_answers(rng, respondents=1000, features=4)
    whole = cxkit.kano_analyze(f, d)
    a = cxkit.KanoAccumulator(4, names=whole.features)
    a.update(f[:300], d[:300])
    b = cxkit.KanoAccumulator(4)
    b.update(f[300:], d[300:])
    a.merge(cxkit.KanoAccumulator.from_bytes(b.to_bytes()))
    merged = a.finish()
    cols = list("AOMIRQ") + ["category", "better"]
    assert merged.table[cols].equals(whole.table[cols])
    assert pickle.loads(pickle.dumps(a)) == a
    with pytest.raises(cxkit.IncompatibleError):
        a.merge(cxkit.KanoAccumulator(3))
    with pytest.raises(cxkit.CorruptBytesError):
        cxkit.KanoAccumulator.from_bytes(b"CXKA")


def test_results_pickle_and_convert(rng):
    f, d = random_answers(rng, respondents=50, features=3)
    r = cxkit.kano_analyze(f, d, segments=rng.integers(0, 2, size=50))
    back = pickle.loads(pickle.dumps(r))
    assert back.table.equals(r.table)
    assert set(back.segments) == set(r.segments)
    v = r.feature("F2")
    assert pickle.loads(pickle.dumps(v)) == v
    d = r.to_dict()
    assert d["feature_names"] == ["F1", "F2", "F3"] and len(d["features"]) == 3
    assert "<table" in r._repr_html_()


def test_migration_over_waves_matches_scipy_on_the_category_counts(rng):
    # Wave 1: feature "fx" attractive (like / neutral), "chat" indifferent; wave 2: "fx"
    # one-dimensional (like / dislike), "chat" unchanged. The test is scipy's chi-square test
    # of homogeneity on the two waves' category counts (no continuity correction).
    from scipy.stats import chi2_contingency

    n = 300
    f1 = np.column_stack([rng.choice([1, 1, 1, 2], n), rng.choice([3, 3, 4], n)])
    d1 = np.column_stack([rng.choice([3, 3, 3, 5], n), rng.choice([3, 3, 4], n)])
    f2 = np.column_stack([rng.choice([1, 1, 1, 2], n), rng.choice([3, 3, 4], n)])
    d2 = np.column_stack([rng.choice([5, 5, 5, 3], n), rng.choice([3, 3, 4], n)])
    waves = [cxkit.kano_analyze(f, d, features=["fx", "chat"]) for f, d in [(f1, d1), (f2, d2)]]
    m = cxkit.kano_migration(waves)
    assert m.loc["fx", "path"] == "A → O" and bool(m.loc["fx", "migrated"])
    assert m.loc["chat", "path"] == "I" and not bool(m.loc["chat", "migrated"])
    for feature in ["fx", "chat"]:
        counts = [w.table.loc[feature, ["A", "O", "M", "I", "R", "Q"]].to_numpy(int) for w in waves]
        table = np.array(counts)
        table = table[:, table.sum(axis=0) > 0]
        expected = chi2_contingency(table, correction=False).pvalue if table.shape[1] > 1 else 1.0
        assert m.loc[feature, "p_value_1_2"] == pytest.approx(expected, rel=1e-9, abs=1e-300)
        assert m.loc[feature, "better_2"] == pytest.approx(waves[1].table.loc[feature, "better"])
    with pytest.raises(cxkit.InsufficientDataError):
        cxkit.kano_migration(waves[:1])
    other = cxkit.kano_analyze(f1, d1, features=["fx", "app"])
    with pytest.raises(cxkit.InvalidParameterError, match="features"):
        cxkit.kano_migration([waves[0], other])


def test_answer_texts_are_read_as_the_csv_reader_reads_them():
    # Issue 20: one reading of an answer as text in the core (kano::Answer::parse), used by the
    # CSV reader and here: positions as text ("2", "2.0"), any wording of a label, and the
    # missing-value texts pandas and numpy write.
    f = np.array([["1", "like", "2.0", "<NA>"], ["1", "like", "2", "1"]], dtype=object)
    d = np.array([["5", "live with", "live-with", "3"], ["5", "live with", "4", "5"]], dtype=object)
    r = cxkit.kano_analyze(f, d, features=["a", "b", "c", "d"], nan_policy="omit")
    # Berger et al.'s table: like/dislike = O; like/live-with = A; must-be/live-with = I; the
    # first respondent's fourth pair is missing (<NA>), the second's is O.
    assert [r.category(x) for x in "abcd"] == ["O", "A", "I", "O"]
    assert r.feature("d").n == 1
    with pytest.raises(cxkit.InvalidAnswerError, match="an answer 1 to 5 or a KANO label"):
        cxkit.kano_analyze(np.array([["maybe"]], dtype=object), np.array([["5"]], dtype=object))


def _pivot(long, values):
    """The wide respondents × features frame pandas makes of a long table (the independent
    computation the long form is held to)."""
    return long.pivot(index="respondent_id", columns="feature", values=values)


def test_a_long_table_is_read_as_kano_csv_holds_it():
    # Issue 24: the demo's own KANO frame is long (respondent, feature, answers); kano_analyze
    # reads it with the column names as arguments and gives what the pandas pivot gives.
    import pandas as pd
    import polars as pl

    k = cxkit.load_demo_bank(customers=2_000)["kano"]
    one = k[k["wave"] == k["wave"].max()]
    wide = cxkit.kano_analyze(_pivot(one, "functional"), _pivot(one, "dysfunctional"))
    long = cxkit.kano_analyze("functional", "dysfunctional", data=one)
    pd.testing.assert_frame_equal(long.table.sort_index(), wide.table.sort_index())
    # Row order does not matter; the features come in order of first appearance.
    shuffled = one.sample(frac=1.0, random_state=7)
    again = cxkit.kano_analyze("functional", "dysfunctional", data=shuffled)
    assert again.features == list(dict.fromkeys(shuffled["feature"]))
    pd.testing.assert_frame_equal(again.table.sort_index(), wide.table.sort_index())
    # polars, and other column names.
    renamed = one.rename(columns={"respondent_id": "客户编号", "feature": "功能"})
    from_polars = cxkit.kano_analyze("functional", "dysfunctional", data=pl.from_pandas(renamed),
                                     respondent="客户编号", feature="功能")
    pd.testing.assert_frame_equal(from_polars.table.sort_index(), wide.table.sort_index())
    # segments names a column that belongs to the respondent: one table per wave, each the
    # pivot of that wave alone.
    by_wave = cxkit.kano_analyze("functional", "dysfunctional", segments="wave", data=k)
    for w, part in k.groupby("wave"):
        alone = cxkit.kano_analyze(_pivot(part, "functional"), _pivot(part, "dysfunctional"))
        pd.testing.assert_frame_equal(by_wave.segments[w].table.sort_index(), alone.table.sort_index())


def test_long_tables_keep_ids_labels_and_gaps():
    import pandas as pd

    # 19-digit account numbers stay exact; answers may be labels; a missing row is a missing
    # answer under nan_policy="omit", as NaN is in the pivot.
    ids = [6222021234567890128, 6222021234567890129, 6222021234567890130]
    long = pd.DataFrame({
        "respondent_id": [ids[0], ids[0], ids[1], ids[1], ids[2]],
        "feature": ["app", "fees", "fees", "app", "app"],
        "functional": ["like", "neutral", "neutral", "like", "must-be"],
        "dysfunctional": ["neutral", "dislike", "dislike", "neutral", "dislike"],
    })
    r = cxkit.kano_analyze("functional", "dysfunctional", data=long, nan_policy="omit")
    f = long.pivot(index="respondent_id", columns="feature", values="functional")
    d = long.pivot(index="respondent_id", columns="feature", values="dysfunctional")
    assert list(f.index) == ids
    wide = cxkit.kano_analyze(f.where(f.notna(), None), d.where(d.notna(), None), nan_policy="omit")
    pd.testing.assert_frame_equal(r.table.sort_index(), wide.table.sort_index())
    # Hand count: app A, A, M; fees M, M (respondent 3 did not answer fees).
    assert (r.table.loc["app", ["A", "M", "n"]].tolist(), r.table.loc["fees", ["M", "n"]].tolist()) == ([2, 1, 3], [2, 2])
    with pytest.raises(cxkit.MissingAnswerError, match="6222021234567890130") as e:
        cxkit.kano_analyze("functional", "dysfunctional", data=long)
    assert (e.value.respondent, e.value.feature) == (ids[2], "fees")
