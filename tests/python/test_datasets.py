"""The demo bank through the Python API: deterministic, and its planted structure is found."""

import doctest

import numpy as np
import pytest

import cxkit
import cxkit.datasets

pd = pytest.importorskip("pandas")


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
    k = cxkit.kano_analyze(bank["kano_functional"], bank["kano_dysfunctional"])
    planted = {"queue-time display": "A", "birthday greetings": "I", "free ATM withdrawals": "M",
               "appointment booking": "O"}
    for feature, category in planted.items():
        assert k.category(feature) == category
    dims = ["tangibles"] * 4 + ["reliability"] * 5 + ["responsiveness"] * 4 + ["assurance"] * 4 + ["empathy"] * 5
    q = cxkit.servqual(bank["servqual_perceptions"], bank["servqual_expectations"])
    assert q.dimensions["gap"].idxmin() == "reliability"
    assert list(q.items.index[:2]) == ["tangibles_1", "tangibles_2"] and len(dims) == 22
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


def test_report_files_are_well_formed_and_match_the_library(tmp_path, bank):
    import json
    import xml.etree.ElementTree as ET
    from html.parser import HTMLParser

    numbers = cxkit.report(out=tmp_path, seed=42, customers=20_000)
    assert json.loads((tmp_path / "report.json").read_text()) == numbers
    html = (tmp_path / "report.html").read_text()
    # Structural validation (no browser is installed here): every chart is well-formed XML
    # in the SVG namespace, and the page's tags balance.
    import re
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 9
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
    # The numbers are the library's: NPS of wave 1 and the KANO categories.
    s = bank["survey"]
    assert numbers["survey"]["waves"][0]["nps"]["score"] == pytest.approx(cxkit.nps(s.ltr[s.wave == 1]).score)
    k = cxkit.kano_analyze(bank["kano_functional"], bank["kano_dysfunctional"])
    for row in numbers["kano"]["features"]:
        assert row["category"] == k.category(row["feature"])
    with pytest.raises(cxkit.InvalidParameterError, match="demo bank"):
        cxkit.report("some/dir", out=tmp_path)
