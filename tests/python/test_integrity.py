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
    bank = cxkit.load_demo_bank(seed=3, customers=500)
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
