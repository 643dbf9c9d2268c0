"""The demo bank through the Python API: deterministic, and its planted structure is found."""

import doctest

import numpy as np
import pytest

import cxkit
import cxkit.datasets

pd = pytest.importorskip("pandas")


def kano_tables(bank, latest=False):
    """The long kano table (one row per respondent and feature) as KANO's two matrices, of
    every wave or of the latest (as the report's KANO section)."""
    k = bank["kano"]
    if latest:
        k = k[k.wave == k.wave.max()]
    wide = lambda col: k.pivot(index="respondent_id", columns="feature", values=col)  # noqa: E731
    return cxkit.kano_analyze(wide("functional"), wide("dysfunctional"))


@pytest.fixture(scope="module")
def bank():
    return cxkit.datasets.load_demo_bank(seed=42, customers=20_000)


def test_module_docstring_and_determinism(bank):
    assert doctest.testmod(cxkit.datasets).failed == 0
    again = cxkit.load_demo_bank(seed=42, customers=20_000)
    pd.testing.assert_frame_equal(bank["transactions"], again["transactions"])
    pd.testing.assert_frame_equal(bank["complaints"], again["complaints"])
    assert bank["complaints"]["resolved"].dtype.kind == "M"  # datetimes, NaT while open
    assert bank["customers"].index.name == "customer_id"


def test_planted_structure_is_found_through_python(bank):
    s = bank["survey"]
    w1, w2 = (cxkit.nps(s.ltr[s.wave == w]) for w in (1, 2))
    assert cxkit.nps_test(w2, w1).p_value < 1e-6 and w2.score > w1.score
    k = kano_tables(bank)
    planted = {"queue-time display": "A", "birthday greetings": "I", "free ATM withdrawals": "M",
               "appointment booking": "O"}
    for feature, category in planted.items():
        assert k.category(feature) == category
    dims = ["tangibles"] * 4 + ["reliability"] * 5 + ["responsiveness"] * 4 + ["assurance"] * 4 + ["empathy"] * 5
    long = bank["servqual"]
    assert (long.groupby("item").dimension.first() == dims).all()
    wide = lambda col: long.pivot(index="respondent_id", columns="item", values=col)  # noqa: E731
    q = cxkit.servqual(wide("perception"), wide("expectation"))
    assert q.dimensions["gap"].idxmin() == "reliability"
    tree = cxkit.IndicatorTree.from_json(bank["journey_tree"])
    st = cxkit.JourneyState(tree)
    st.update(bank["journey_events"])
    p = cxkit.pain_points(st, window="month", at="2025-06-15")
    assert p.loc[0, "touchpoint"] == "loan_application"
    c = bank["complaints"]
    hours = (c.first_response - c.opened).dt.total_seconds().groupby(c.channel).mean() / 3600
    assert hours.idxmax() == "phone"
    m = cxkit.complaint_metrics(c, sla={"response": 24})
    assert 0.5 < m.response["within_sla"] < 1.0
    # Comments (cxkit::data::demo_bank item 9): fees cost the most NPS points; app crashes
    # rise in the last quarter; waiting concentrates in the branch channel.
    talk = bank["comments"]
    cost = cxkit.topic_impact(talk["text"], talk["score"], by=talk["channel"])
    top_level = cost.table.drop(index=["app_login", "app_crash", "app_update"])
    assert top_level["cost"].idxmax() == "fees"
    late = talk["date"] > talk["date"].max() - pd.Timedelta(days=91)
    app = talk["channel"] == "app"
    rising = cxkit.term_changes(talk.text[app & ~late], talk.text[app & late])
    assert "闪退" in rising.head(3)["term"].tolist() and rising.iloc[0]["p_value"] < 1e-6
    waiting = cost.groups["branch"].table.loc["waiting", "share"]
    assert waiting > 5 * cost.groups["app"].table.loc["waiting", "share"]
    # Some comments carry (fake) personal data; masked, none is left.
    masked = cxkit.mask_pii(talk["text"])
    assert (masked != talk["text"]).sum() > 0 and masked.str.contains(r"\d{11}").sum() == 0


def test_report_files_are_well_formed_and_match_the_library(tmp_path, bank):
    import json
    import xml.etree.ElementTree as ET
    from html.parser import HTMLParser

    numbers = cxkit.report(out=tmp_path, seed=42, customers=20_000)
    assert json.loads((tmp_path / "report.json").read_text()) == numbers
    html = (tmp_path / "report.html").read_text()
    # Structural validation (test_report_browser.py renders it too): every chart is well-formed XML
    # in the SVG namespace, and the page's tags balance.
    import re
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 15
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.find("{http://www.w3.org/2000/svg}title") is not None

    class Balance(HTMLParser):
        void = {"meta", "br", "img"}  # SVG shapes close themselves with />

        def __init__(self):
            super().__init__()
            self.stack = []

        def handle_starttag(self, tag, attrs):
            if tag not in self.void:
                self.stack.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
            self.stack.pop()

    p = Balance()
    p.feed(html)
    assert p.stack == []
    # The numbers are the library's: NPS of wave 1 and the KANO categories of the latest wave.
    s = bank["survey"]
    assert numbers["survey"]["waves"][0]["nps"]["score"] == pytest.approx(cxkit.nps(s.ltr[s.wave == 1]).score)
    k = kano_tables(bank, latest=True)
    for row in numbers["kano"]["features"]:
        assert row["category"] == k.category(row["feature"])
    # The satisfaction section's paths are pls_pm's on the questionnaire with the settings the
    # section states (the answers pivoted to customers × items, the model from its JSON).
    chain = numbers["satisfaction"]["chain"]
    settings = chain["settings"]
    answers = bank["satisfaction"].pivot(index="customer_id", columns="item", values="answer")
    fit = cxkit.pls_pm(answers, model=cxkit.PlsModel.from_json(bank["satisfaction_model"]),
                       scheme=settings["scheme"], nan_policy=settings["nan_policy"])
    assert chain["respondents"] == len(answers)
    by_path = {(r["from"], r["to"]): r["coefficient"] for r in fit.paths.to_dict("records")}
    for p in chain["paths"]:
        assert p["coefficient"] == pytest.approx(by_path[(p["from"], p["to"])], abs=1e-12)
    with pytest.raises(cxkit.DataFileError, match="expected a directory of data files"):
        cxkit.report(tmp_path / "nowhere", out=tmp_path)


def test_report_in_chinese_has_the_numbers_of_the_english_one(tmp_path):
    en = cxkit.report(out=tmp_path / "en", seed=5, customers=3_000)
    zh = cxkit.report(out=tmp_path / "zh", seed=5, customers=3_000, lang="zh")

    def numbers(v):  # the report without its text
        if isinstance(v, dict):
            return {k: numbers(x) for k, x in v.items() if k not in ("finding", "lang")}
        if isinstance(v, list):
            return [numbers(x) for x in v]
        return v

    assert numbers(en) == numbers(zh)
    assert (en["lang"], zh["lang"]) == ("en", "zh")
    assert zh["journey"]["finding"].startswith("最严重的痛点是贷款申请")
    assert "实时动账通知（魅力 → 期望）" in zh["kano"]["finding"]
    html = (tmp_path / "zh" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "<h1>客户体验报告</h1>" in html
    # Codes with a region or script, in any case, mean the same language.
    assert cxkit.report(out=tmp_path / "cn", seed=5, customers=3_000, lang="ZH-cn") == zh
    for code in ["fr", "zh-TW", ""]:
        with pytest.raises(cxkit.InvalidParameterError, match=r"supported: en \(English\), zh \(Simplified Chinese\)"):
            cxkit.report(out=tmp_path / "x", lang=code)


def write_files(bank, directory):
    """The frames as the CSV files of docs/data-schema.md, as an analyst would save them."""
    for name, table in bank.items():
        if name in ("journey_tree", "satisfaction_model"):
            (directory / f"{name}.json").write_text(table)
        else:
            table.to_csv(directory / f"{name}.csv", index=name == "customers")


def test_report_on_frames_and_on_files_is_the_report_on_the_data(tmp_path):
    bank = cxkit.load_demo_bank(seed=5, customers=3_000)
    data = tmp_path / "data"
    data.mkdir()
    write_files(bank, data)
    from_files = cxkit.report(data, out=tmp_path / "a")
    from_frames = cxkit.report(bank, out=tmp_path / "b")
    assert from_files == from_frames
    # The same numbers as the demo bank reported directly (rows by segment or channel are
    # compared by name: the files name segments in the order they appear).
    demo = cxkit.report(seed=5, customers=3_000, out=tmp_path / "c")
    for r in (from_files, demo):
        r["survey"]["nps_by_segment"].sort()
        r["value"]["clv_by_segment"].sort()
        r["complaints"]["by_channel"].sort(key=lambda row: row["channel"])
        del r["complaints"]["metrics"]["by_channel"], r["complaints"]["metrics"]["by_category"]
        del r["files"]  # which files were read (or "the built-in demo bank") differs by design
    assert from_files == demo
    # read_bank gives back the frames (customer ids now as the files' text).
    again = cxkit.read_bank(data)
    assert sorted(again) == sorted(bank)
    pd.testing.assert_frame_equal(again["survey"].drop(columns="customer_id"), bank["survey"].drop(columns="customer_id"))
    assert again["survey"].customer_id.tolist() == bank["survey"].customer_id.astype(str).tolist()
    pd.testing.assert_frame_equal(again["servqual"].drop(columns="respondent_id"), bank["servqual"].drop(columns="respondent_id"))


def test_any_subset_and_bad_cells_through_python(tmp_path):
    bank = cxkit.load_demo_bank(seed=5, customers=1_000)
    r = cxkit.report({"complaints": bank["complaints"], "kano": bank["kano"]}, out=tmp_path)
    assert r["survey"] is None and r["value"] is None and r["journey"] is None
    assert r["kano"]["features"] and r["complaints"]["by_channel"]
    # NPS recomputed directly from the frame the report read.
    s = bank["survey"]
    r = cxkit.report({"survey": s}, out=tmp_path)
    assert r["survey"]["waves"][1]["nps"]["score"] == pytest.approx(cxkit.nps(s.ltr[s.wave == 2]).score, abs=1e-12)
    bad = s.copy()
    bad.loc[2, "csat"] = 9
    with pytest.raises(cxkit.DataFileError) as e:
        cxkit.report({"survey": bad}, out=tmp_path)
    assert (e.value.file, e.value.line, e.value.column) == ("survey.csv", 4, "csat")
    assert "expected an integer from 1 to 5, found \"9\"" in str(e.value)
    with pytest.raises(cxkit.DataFileError) as e:
        cxkit.report({"survey": s.drop(columns="ltr")}, out=tmp_path)
    assert (e.value.line, e.value.column) == (1, "ltr")
    # CSAT and CES are optional columns.
    r = cxkit.report({"survey": s.drop(columns=["csat", "ces"])}, out=tmp_path)
    assert r["survey"]["waves"][0]["csat"] is None and r["survey"]["waves"][0]["nps"]["n"] == (s.wave == 1).sum()
    with pytest.raises(cxkit.InvalidParameterError, match='unknown table "surveys"'):
        cxkit.report({"surveys": s}, out=tmp_path)
    with pytest.raises(cxkit.InvalidParameterError, match="pandas or polars"):
        cxkit.report({"survey": s.to_dict()}, out=tmp_path)
    with pytest.raises(cxkit.InvalidParameterError, match="directory path"):
        cxkit.report(42, out=tmp_path)
    with pytest.raises(cxkit.DataFileError, match="journey_tree.json: expected the indicator tree"):
        cxkit.report({"journey_events": bank["journey_events"]}, out=tmp_path)
    # The tree may also be given as a dict.
    import json
    r = cxkit.report({"journey_events": bank["journey_events"], "journey_tree": json.loads(bank["journey_tree"])}, out=tmp_path)
    assert r["journey"]["pain_points"][0]["touchpoint"] == "loan_application"


def test_polars_frames_are_read_like_pandas_frames(tmp_path):
    pl = pytest.importorskip("polars")
    bank = cxkit.load_demo_bank(seed=5, customers=1_000)
    tables = {k: bank[k] for k in ("survey", "complaints", "journey_events")}
    tables["journey_tree"] = bank["journey_tree"]
    def to_polars(df):
        def column(v):
            if v.dtype == object:
                return v.tolist()
            return v.to_numpy().astype("datetime64[ms]") if v.dtype.kind == "M" else v.to_numpy()

        return pl.DataFrame({c: column(v) for c, v in df.items()})

    as_polars = {k: (to_polars(v) if k != "journey_tree" else v) for k, v in tables.items()}
    # polars writes times as 2025-01-01T09:30:00.000000 (read to the second), pandas with a space.
    assert cxkit.report(as_polars, out=tmp_path) == cxkit.report(tables, out=tmp_path)


def test_the_demo_size_is_checked_once_in_the_core(tmp_path):
    # Issue 20: the CLI refused fewer than 1000 customers, C only 0 and Python nothing.
    for call in (lambda: cxkit.load_demo_bank(customers=999), lambda: cxkit.report(customers=10, out=tmp_path)):
        with pytest.raises(cxkit.InvalidParameterError, match="at least 1000 customers"):
            call()
