"""The bad-input matrix: for each public function, each kind of bad input (empty, NaN, ±inf,
out of range, wrong length, wrong dtype, None, huge sizes, corrupt bytes) raises the
documented exception, never a crash or a silent NaN, and a failed update leaves the
accumulator exactly as it was. docs/bad-input.md is this matrix as a table: the test fails
when the two differ (CXKIT_BLESS=1 rewrites the table from the cases below)."""

import os
import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import cxkit

TREE = {"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
    {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]}
OTHER_TREE = {"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
    {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}, {"id": "fast", "kind": {"type": "rate"}}]}]}]}]}
OK = [10, 9, 3, 7]
P = [[5.0, 6.0], [4.0, 7.0], [6.0, 5.0]]
DIMS = ["a", "b"]
FREQ, REC, T = [0.0, 2.0, 5.0], [0.0, 20.0, 30.0], [40.0, 40.0, 40.0]
DAYS = ["2024-01-01", "2024-01-02"]
# A long KANO table (kano.csv's columns) and a long SERVQUAL table (servqual.csv's).
KANO_LONG = pd.DataFrame({"respondent_id": ["c1", "c1", "c2", "c2"], "feature": ["app", "fees"] * 2,
                          "functional": [1, 3, 1, 3], "dysfunctional": [3, 5, 3, 5], "segment": ["a", "a", "b", "b"]})
SQ_LONG = pd.DataFrame({"respondent_id": ["c1", "c1", "c2", "c2"], "item": ["speed", "fees"] * 2,
                        "dimension": ["r", "t", "r", "t"], "perception": [5.0, 6.0, 4.0, 7.0],
                        "expectation": [6.0, 6.0, 6.0, 7.0]})
PLS_DATA = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0, 5.0], "b": [2.0, 1.0, 4.0, 3.0, 5.0], "c": [1.0, 3.0, 2.0, 5.0, 4.0]})


def frame(rows, columns):
    """A pandas DataFrame (pandas is imported only by the rows that need it)."""
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def series(values):
    """A pandas Series from a dict (its index the dict's keys)."""
    import pandas as pd

    return pd.Series(values)


def misnamed_survey():
    """A data directory whose one file is the survey saved as "Survey (1).csv"."""
    import tempfile

    d = pathlib.Path(tempfile.mkdtemp())
    (d / "Survey (1).csv").write_text("wave,customer_id,ltr\n1,a,9\n")
    return d


SATISFACTION_MODEL = ('{"constructs": [{"name": "Quality", "indicators": ["q1", "q2"]}, '
                      '{"name": "Loyalty", "indicators": ["l1"]}], "paths": [{"from": "Quality", "to": "Loyalty"}]}')


def satisfaction_bank(answers, model=SATISFACTION_MODEL):
    """A data directory with the satisfaction questionnaire `answers` (rows after the header)
    and its path model (None: no model file)."""
    import tempfile

    d = pathlib.Path(tempfile.mkdtemp())
    (d / "satisfaction.csv").write_text("customer_id,item,answer\n" + "".join(f"{r}\n" for r in answers))
    if model is not None:
        (d / "satisfaction_model.json").write_text(model)
    return d


def complaints_with(column, values):
    """Two complaints with `column` set to `values`."""
    import pandas as pd

    t = pd.to_datetime(["2025-01-01 09:00", "2025-01-01 10:00"])
    return pd.DataFrame({"opened": t, "first_response": t, "resolved": t, column: values})


def complaints_without_a_channel():
    import pandas as pd

    t = pd.to_datetime(["2025-01-01 09:00", "2025-01-01 10:00"])
    return pd.DataFrame({"opened": t, "first_response": t, "resolved": t, "channel": ["app", None]})


def accumulators():
    """(name, factory, good update, bad updates) of every accumulator."""
    tree = cxkit.IndicatorTree.from_dict(TREE)
    return [
        ("NpsAccumulator", cxkit.NpsAccumulator, lambda a: a.update(OK)),
        ("TopBoxAccumulator", lambda: cxkit.TopBoxAccumulator(5, 2), lambda a: a.update([5, 4, 1])),
        ("LikertAccumulator", lambda: cxkit.LikertAccumulator(5), lambda a: a.update([5, 4, 1])),
        ("KanoAccumulator", lambda: cxkit.KanoAccumulator(2, names=["x", "y"]), lambda a: a.update([[1, 2]], [[5, 4]])),
        ("ServqualAccumulator", lambda: cxkit.ServqualAccumulator(2, dimensions=DIMS), lambda a: a.update(P, P)),
        ("CovarianceAccumulator", lambda: cxkit.CovarianceAccumulator(2), lambda a: a.update(P)),
        (
            "JourneyState",
            lambda: cxkit.JourneyState(tree),
            lambda a: a.update({"indicator": ["ok"], "timestamp": [0], "value": [1]}),
        ),
    ]


# (function, bad input, call, exception). Accumulator rows name the update; their state is
# checked to be unchanged after the failure.
CASES = [
    # Survey scores.
    ("nps", "empty", lambda: cxkit.nps([]), cxkit.EmptyInputError),
    ("nps", "NaN", lambda: cxkit.nps([9, np.nan]), cxkit.MissingScoreError),
    ("nps", "inf", lambda: cxkit.nps([9, np.inf]), cxkit.InvalidScoreError),
    ("nps", "out of range (11)", lambda: cxkit.nps([9, 11]), cxkit.InvalidScoreError),
    ("nps", "fraction (8.5)", lambda: cxkit.nps([9, 8.5]), cxkit.InvalidScoreError),
    ("nps", "wrong dtype (strings)", lambda: cxkit.nps(["9", "10"]), cxkit.InvalidParameterError),
    ("nps", "text among numbers (pandas object)", lambda: cxkit.nps(series({0: 9, 1: "ten"})), cxkit.InvalidParameterError),
    ("nps", "None", lambda: cxkit.nps(None), cxkit.InvalidParameterError),
    ("nps", "two-dimensional", lambda: cxkit.nps([[9, 10]]), cxkit.InvalidParameterError),
    ("nps", "weights of wrong length", lambda: cxkit.nps(OK, weights=[1.0]), cxkit.LengthMismatchError),
    ("nps", "weight NaN or negative", lambda: cxkit.nps(OK, weights=[1, 1, np.nan, -1]), cxkit.InvalidWeightError),
    ("nps", "all weights zero", lambda: cxkit.nps(OK, weights=[0, 0, 0, 0]), cxkit.EmptyInputError),
    ("nps", "confidence 1.5", lambda: cxkit.nps(OK, confidence=1.5), cxkit.InvalidParameterError),
    ("nps", "unknown method", lambda: cxkit.nps(OK, method="exact"), cxkit.InvalidParameterError),
    ("nps_from_counts", "negative count", lambda: cxkit.nps_from_counts(-1, 2, 3), cxkit.InvalidParameterError),
    ("csat", "huge scale (0..1e9)", lambda: cxkit.csat([1, 2], scale=(0, 10**9)), cxkit.InvalidParameterError),
    ("csat", "reversed scale", lambda: cxkit.csat([1, 2], scale=(5, 1)), cxkit.InvalidParameterError),
    ("csat", "top box larger than the scale", lambda: cxkit.csat([1, 2], top=9), cxkit.InvalidParameterError),
    ("ces", "score outside 1..7", lambda: cxkit.ces([0, 7]), cxkit.InvalidScoreError),
    ("likert_summary", "NaN with nan_policy omit, nothing left", lambda: cxkit.likert_summary([np.nan], 5, nan_policy="omit"), cxkit.EmptyInputError),
    ("wilson_interval", "successes above n", lambda: cxkit.wilson_interval(5, 3), cxkit.InvalidParameterError),
    # KANO.
    ("kano_analyze", "answer outside 1..5", lambda: cxkit.kano_analyze([[6]], [[1]]), cxkit.InvalidAnswerError),
    ("kano_analyze", "unknown label", lambda: cxkit.kano_analyze([["love"]], [["dislike"]]), cxkit.InvalidAnswerError),
    ("kano_analyze", "NaN", lambda: cxkit.kano_analyze([[np.nan]], [[1]]), cxkit.MissingAnswerError),
    ("kano_analyze", "shapes differ", lambda: cxkit.kano_analyze([[1, 2]], [[1]]), cxkit.LengthMismatchError),
    ("kano_analyze", "tables naming other features", lambda: cxkit.kano_analyze(frame([[1, 2]], ["a", "b"]), frame([[5, 4]], ["b", "c"])), cxkit.IncompatibleError),
    ("kano_analyze", "a missing segment", lambda: cxkit.kano_analyze([[1, 2], [1, 2]], [[5, 4], [5, 4]], segments=["a", None]), cxkit.InvalidLabelError),
    ("kano_analyze", "long table: a respondent without a row for a feature", lambda: cxkit.kano_analyze("functional", "dysfunctional", data=KANO_LONG.iloc[1:]), cxkit.MissingAnswerError),
    ("kano_analyze", "long table: a respondent and feature on two rows", lambda: cxkit.kano_analyze("functional", "dysfunctional", data=pd.concat([KANO_LONG, KANO_LONG.iloc[:1]])), cxkit.InvalidLabelError),
    ("kano_analyze", "long table: no such column", lambda: cxkit.kano_analyze("functional", "dysfunction", data=KANO_LONG), cxkit.InvalidParameterError),
    ("kano_analyze", "long table: a matrix where a column name belongs", lambda: cxkit.kano_analyze([[1, 3]], "dysfunctional", data=KANO_LONG), cxkit.InvalidParameterError),
    ("kano_analyze", "long table: a missing respondent id", lambda: cxkit.kano_analyze("functional", "dysfunctional", data=KANO_LONG.assign(respondent_id=["c1", None, "c2", "c2"])), cxkit.InvalidLabelError),
    ("kano_analyze", "long table: segments that change within a respondent", lambda: cxkit.kano_analyze("functional", "dysfunctional", segments="segment", data=KANO_LONG.assign(segment=["a", "b", "b", "b"])), cxkit.InvalidParameterError),
    ("kano_analyze", "long table: features given as well", lambda: cxkit.kano_analyze("functional", "dysfunctional", features=["x", "y"], data=KANO_LONG), cxkit.InvalidParameterError),
    ("kano_from_counts", "negative count", lambda: cxkit.kano_from_counts(-1, 0, 0, 0), cxkit.InvalidParameterError),
    # Quality, reliability, drivers.
    ("servqual", "rating outside the scale", lambda: cxkit.servqual([[1, 9]], [[1, 2]], dimensions=DIMS), cxkit.InvalidAnswerError),
    ("servqual", "shapes differ", lambda: cxkit.servqual(P, [[1, 2]], dimensions=DIMS), cxkit.LengthMismatchError),
    ("servqual", "expectations naming other items", lambda: cxkit.servqual(frame(P, ["a", "b"]), frame(P, ["a", "c"]), dimensions=DIMS), cxkit.IncompatibleError),
    ("servqual", "a dimension naming an item that is not a column", lambda: cxkit.servqual(frame(P, [1, 2]), frame(P, [1, 2]), dimensions={"a": [1, 3]}), cxkit.InvalidParameterError),
    ("servqual", "dimension map of wrong length", lambda: cxkit.servqual(P, P, dimensions=["a"]), cxkit.LengthMismatchError),
    ("servqual", "long table: a respondent without a row for an item", lambda: cxkit.servqual("perception", "expectation", dimensions="dimension", data=SQ_LONG.iloc[:3]), cxkit.MissingAnswerError),
    ("servqual", "long table: an item's dimension differs between rows", lambda: cxkit.servqual("perception", "expectation", dimensions="dimension", data=SQ_LONG.assign(dimension=["r", "t", "t", "t"])), cxkit.InvalidParameterError),
    ("servqual", "long table: the data is not a DataFrame", lambda: cxkit.servqual("perception", "expectation", data=[[1, 2]]), cxkit.InvalidParameterError),
    ("cronbach_alpha", "one item", lambda: cxkit.cronbach_alpha([[1], [2], [3]]), cxkit.InsufficientDataError),
    ("cronbach_alpha", "inf", lambda: cxkit.cronbach_alpha([[1, 2], [np.inf, 2], [3, 4]]), cxkit.InvalidParameterError),
    ("cronbach_alpha", "a reverse-keyed pair (x, 6 − x)", lambda: cxkit.cronbach_alpha([[1, 5], [2, 4], [4, 2], [5, 1]]), cxkit.ZeroVarianceError),
    ("cronbach_alpha", "constant item", lambda: cxkit.cronbach_alpha([[1, 2], [1, 3], [1, 4]]), cxkit.ConstantColumnError),
    ("key_drivers", "outcome of wrong length", lambda: cxkit.key_drivers([[1, 2], [2, 1], [3, 3]], [1, 2]), cxkit.LengthMismatchError),
    ("key_drivers", "collinear drivers", lambda: cxkit.key_drivers([[1, 2], [2, 4], [3, 6], [4, 8]], [1, 2, 3, 5]), cxkit.SingularMatrixError),
    ("ipa", "performance naming other items", lambda: cxkit.ipa(series({"fees": 0.4, "app": 0.6}), series({"fees": 3.0, "atm": 6.0})), cxkit.IncompatibleError),
    # Customer value and segments.
    ("BetaGeo.fit", "empty", lambda: cxkit.BetaGeo().fit([], [], []), cxkit.EmptyInputError),
    ("BetaGeo.fit", "recency after T", lambda: cxkit.BetaGeo().fit([1, 2], [3, 4], [1, 5]), cxkit.InvalidObservationError),
    ("BetaGeo.fit", "NaN frequency", lambda: cxkit.BetaGeo().fit([np.nan, 2], [0, 4], [5, 5]), cxkit.InvalidObservationError),
    ("BetaGeo.from_params", "negative parameter", lambda: cxkit.BetaGeo.from_params(-1, 1, 1, 1), cxkit.InvalidParameterError),
    ("BetaGeo.probability_alive", "lengths differ", lambda: cxkit.BetaGeo.from_params(1, 1, 1, 1).probability_alive(FREQ, REC[:2], T), cxkit.LengthMismatchError),
    ("BetaGeo.probability_of_purchases", "negative t", lambda: cxkit.BetaGeo.from_params(1, 1, 1, 1).probability_of_purchases(1, -2.0), cxkit.InvalidParameterError),
    ("BetaGeo.period_transactions", "fractional frequency", lambda: cxkit.BetaGeo.from_params(1, 1, 1, 1).period_transactions([1.5], [3.0]), cxkit.InvalidObservationError),
    ("BetaGeo.period_transactions", "NaN T", lambda: cxkit.BetaGeo.from_params(1, 1, 1, 1).period_transactions([1], [np.nan]), cxkit.InvalidObservationError),
    ("BetaGeo.period_transactions", "lengths differ", lambda: cxkit.BetaGeo.from_params(1, 1, 1, 1).period_transactions([1, 2], [3.0]), cxkit.LengthMismatchError),
    ("BetaGeo.period_transactions", "no bins", lambda: cxkit.BetaGeo.from_params(1, 1, 1, 1).period_transactions([1], [3.0], bins=0), cxkit.InvalidParameterError),
    ("summarize_transactions", "missing id (None)", lambda: cxkit.summarize_transactions(["a", None], DAYS, [1.0, 2.0]), cxkit.InvalidLabelError),
    ("summarize_transactions", "float ids (float64 array)", lambda: cxkit.summarize_transactions(np.array([1.0, 2.0]), DAYS, [1.0, 2.0]), cxkit.InvalidParameterError),
    ("summarize_transactions", "a float in a list of ids", lambda: cxkit.summarize_transactions([1, 2.5], DAYS, [1.0, 2.0]), cxkit.InvalidLabelError),
    ("summarize_transactions", "numbers and text mixed", lambda: cxkit.summarize_transactions(["007", 7], DAYS, [1.0, 2.0]), cxkit.InvalidLabelError),
    ("summarize_transactions", "lengths differ", lambda: cxkit.summarize_transactions([1, 2], ["2024-01-01"], [1.0, 2.0]), cxkit.LengthMismatchError),
    ("ParetoNbd.fit", "nobody bought again (every frequency 0)", lambda: cxkit.ParetoNbd().fit([0, 0, 0], [0, 0, 0], [5, 5, 5]), cxkit.DidNotConvergeError),
    ("customer_lifetime_value", "negative horizon", lambda: cxkit.customer_lifetime_value(cxkit.BetaGeo.from_params(1, 1, 1, 1), cxkit.GammaGamma.from_params(6, 4, 15), [1.0], [2.0], [5.0], [10.0], horizon=-1), cxkit.InvalidParameterError),
    ("rfm_scores", "bins 0", lambda: cxkit.rfm_scores([1, 2], [1, 2], [1, 2], bins=0), cxkit.InvalidParameterError),
    ("KMeans.fit", "huge k (1e12)", lambda: cxkit.KMeans(10**12).fit([[1.0], [2.0]]), cxkit.InvalidParameterError),
    ("KMeans.fit", "more clusters than different points", lambda: cxkit.KMeans(3).fit([[1.0], [1.0], [2.0]]), cxkit.InvalidParameterError),
    ("KMeans.fit", "NaN", lambda: cxkit.KMeans(2).fit([[1.0], [np.nan], [3.0]]), cxkit.InvalidParameterError),
    ("KMeans.fit", "empty", lambda: cxkit.KMeans(2).fit(np.empty((0, 2))), cxkit.EmptyInputError),
    ("silhouette_score", "one cluster", lambda: cxkit.silhouette_score([[1.0], [2.0], [3.0]], [0, 0, 0]), cxkit.InvalidParameterError),
    # Journeys, complaints, files.
    ("IndicatorTree.from_dict", "malformed tree", lambda: cxkit.IndicatorTree.from_dict({"journeys": 3}), cxkit.InvalidTreeError),
    ("read_bank", "a misnamed file (Survey (1).csv)", lambda: cxkit.read_bank(misnamed_survey()), cxkit.DataFileError),
    ("complaint_metrics", "reopened neither yes nor no (\"maybe\")", lambda: cxkit.complaint_metrics(complaints_with("reopened", ["no", "maybe"])), cxkit.InvalidParameterError),
    ("complaint_metrics", "fractional contacts (2.5)", lambda: cxkit.complaint_metrics(complaints_with("contacts", [1, 2.5])), cxkit.InvalidParameterError),
    ("complaint_metrics", "a missing channel", lambda: cxkit.complaint_metrics(complaints_without_a_channel()), cxkit.InvalidLabelError),
    ("report", "float customer ids in a frame", lambda: cxkit.report({"transactions": frame([[1.0, "2024-01-01", 5.0]], ["customer_id", "date", "amount"])}), cxkit.InvalidParameterError),
    ("read_bank", "missing directory", lambda: cxkit.read_bank("/nonexistent/cxkit"), cxkit.DataFileError),
    ("read_bank", "satisfaction.csv: an item its model does not name", lambda: cxkit.read_bank(satisfaction_bank(["c1,q1,7", "c1,q9,7"])), cxkit.DataFileError),
    ("read_bank", "satisfaction.csv: an answer off the 1–10 scale (11)", lambda: cxkit.read_bank(satisfaction_bank(["c1,q1,11"])), cxkit.DataFileError),
    ("read_bank", "satisfaction.csv: an item twice for one customer", lambda: cxkit.read_bank(satisfaction_bank(["c1,q1,3", "c1,q1,4"])), cxkit.DataFileError),
    ("read_bank", "satisfaction.csv: an item nobody answered", lambda: cxkit.read_bank(satisfaction_bank(["c1,q1,3", "c1,l1,4"])), cxkit.DataFileError),
    ("read_bank", "satisfaction.csv without satisfaction_model.json", lambda: cxkit.read_bank(satisfaction_bank(["c1,q1,3"], model=None)), cxkit.DataFileError),
    ("read_bank", "satisfaction_model.json that does not parse", lambda: cxkit.read_bank(satisfaction_bank(["c1,q1,3"], model="{")), cxkit.DataFileError),
    ("report", "a survey answer twice (one wave, one customer)", lambda: cxkit.report({"survey": frame([[1, "a", 9], [1, "a", 9]], ["wave", "customer_id", "ltr"])}), cxkit.DataFileError),
    ("report", "a placeholder date (0001-01-01)", lambda: cxkit.report({"transactions": frame([["a", "0001-01-01", 5.0]], ["customer_id", "date", "amount"])}), cxkit.DataFileError),
    ("report", "unknown language code", lambda: cxkit.report(lang="fr"), cxkit.InvalidParameterError),
    # Value at risk.
    ("value_at_risk", "a score of 11", lambda: cxkit.value_at_risk([11], [1.0]), cxkit.InvalidScoreError),
    ("value_at_risk", "values of another length", lambda: cxkit.value_at_risk([9, 3], [1.0]), cxkit.LengthMismatchError),
    ("value_at_risk", "a respondent whose customer has no value", lambda: cxkit.value_at_risk(pd.Series([9, 3], index=["a", "b"]), pd.Series([1.0], index=["a"])), cxkit.InvalidLabelError),
    ("value_at_risk", "a customer id twice in the values", lambda: cxkit.value_at_risk(pd.Series([9], index=["a"]), pd.Series([1.0, 2.0], index=["a", "a"])), cxkit.InvalidParameterError),
    # Free text.
    ("mask_pii", "a number among the texts", lambda: cxkit.mask_pii(["ok", 7]), cxkit.InvalidParameterError),
    ("tokenize", "a float column for texts", lambda: cxkit.tokenize(series({"a": 1.5})), cxkit.InvalidParameterError),
    ("Taxonomy.from_dict", "two topics of one id", lambda: cxkit.Taxonomy.from_dict({"topics": [{"id": "a", "rules": [{"any": ["x"]}]}, {"id": "a", "rules": [{"any": ["y"]}]}]}), cxkit.InvalidTaxonomyError),
    ("Taxonomy.from_dict", "a rule without any or all terms", lambda: cxkit.Taxonomy.from_dict({"topics": [{"id": "a", "rules": [{"none": ["x"]}]}]}), cxkit.InvalidTaxonomyError),
    ("Taxonomy.from_dict", "an unknown parent", lambda: cxkit.Taxonomy.from_dict({"topics": [{"id": "a", "parent": "b", "rules": [{"any": ["x"]}]}]}), cxkit.InvalidTaxonomyError),
    ("Taxonomy.from_dict", "parents in a cycle", lambda: cxkit.Taxonomy.from_dict({"topics": [{"id": "a", "parent": "b", "rules": [{"any": ["x"]}]}, {"id": "b", "parent": "a", "rules": [{"any": ["y"]}]}]}), cxkit.InvalidTaxonomyError),
    ("Taxonomy.from_toml", "TOML that does not parse", lambda: cxkit.Taxonomy.from_toml("[[topics"), cxkit.InvalidTaxonomyError),
    ("Taxonomy.indicators", "a text over 64 KiB", lambda: cxkit.Taxonomy.default().indicators(["ok", "x" * 70_000]), cxkit.InvalidParameterError),
    ("Taxonomy.tag", "a text over 64 KiB", lambda: cxkit.Taxonomy.from_dict({"topics": [{"id": "a", "rules": [{"any": ["x"]}]}]}).tag(["ok", "x" * 70_000]), cxkit.InvalidParameterError),
    ("Taxonomy.default", "an unknown language", lambda: cxkit.Taxonomy.default(lang="fr"), cxkit.InvalidParameterError),
    ("sentiment", "a text over 64 KiB", lambda: cxkit.sentiment(["好", "好" * 30_000]), cxkit.InvalidParameterError),
    ("sentiment", "a number among the texts", lambda: cxkit.sentiment(["好", 3]), cxkit.InvalidParameterError),
    ("Lexicon.from_dict", "a word listed twice", lambda: cxkit.Lexicon.from_dict({"words": {"好": 1.0}, "negations": ["好"]}), cxkit.InvalidParameterError),
    ("Lexicon.from_dict", "a weight of 0", lambda: cxkit.Lexicon.from_dict({"words": {"好": 0.0}}), cxkit.InvalidParameterError),
    ("Lexicon.from_dict", "no sentiment words", lambda: cxkit.Lexicon.from_dict({"negations": ["不"]}), cxkit.InvalidParameterError),
    ("Lexicon.from_toml", "TOML that does not parse", lambda: cxkit.Lexicon.from_toml("[words"), cxkit.InvalidParameterError),
    ("keywords", "an unknown method", lambda: cxkit.keywords(["排队"], method="lda"), cxkit.InvalidParameterError),
    ("keywords", "top of 0", lambda: cxkit.keywords(["排队"], top=0), cxkit.InvalidParameterError),
    ("keywords", "groups on another index", lambda: cxkit.keywords(pd.Series(["排队", "闪退"], index=[1, 2]), by=pd.Series(["a", "b"], index=[1, 3])), cxkit.IncompatibleError),
    ("keywords", "a missing group", lambda: cxkit.keywords(["排队", "闪退"], by=["a", None]), cxkit.InvalidLabelError),
    ("keywords", "groups of another length", lambda: cxkit.keywords(["排队", "闪退"], by=["a"]), cxkit.LengthMismatchError),
    ("term_changes", "a period without words", lambda: cxkit.term_changes(["", "的"], ["排队"]), cxkit.EmptyInputError),
    ("nps", "by with a missing label", lambda: cxkit.nps([10, 9], by=["a", None]), cxkit.InvalidLabelError),
    ("nps", "by on another index", lambda: cxkit.nps(pd.Series([10, 9], index=["a", "b"]), by=pd.Series(["x", "y"], index=["a", "c"])), cxkit.IncompatibleError),
    ("nps", "by of another length", lambda: cxkit.nps([10, 9], by=["a"]), cxkit.LengthMismatchError),
    ("csat", "by with a missing label", lambda: cxkit.csat([5, 4], by=["a", None]), cxkit.InvalidLabelError),
    ("ces", "by on another index", lambda: cxkit.ces(pd.Series([5, 4], index=["a", "b"]), by=pd.Series(["x", "y"], index=["a", "c"])), cxkit.IncompatibleError),
    ("topic_impact", "a score of 11", lambda: cxkit.topic_impact(["排队", "闪退"], [3, 11]), cxkit.InvalidScoreError),
    ("topic_impact", "scores on another index", lambda: cxkit.topic_impact(pd.Series(["排队"], index=["a"]), pd.Series([3.0], index=["b"])), cxkit.IncompatibleError),
    ("topic_impact", "scores of another length", lambda: cxkit.topic_impact(["排队", "闪退"], [3]), cxkit.LengthMismatchError),
    ("topic_impact", "NPS on a 1–5 scale", lambda: cxkit.topic_impact(["排队"], [3], scale=5), cxkit.InvalidParameterError),
    ("topic_impact", "only empty texts", lambda: cxkit.topic_impact(["", " "], [3, 4]), cxkit.EmptyInputError),
    ("topic_impact", "tags naming a comment the scores do not hold", lambda: cxkit.topic_impact(pd.DataFrame({"text": ["a", "z"], "topic": ["fees", "fees"]}), pd.Series([3.0], index=["a"])), cxkit.IncompatibleError),
    ("topic_impact", "tags with a topic the taxonomy does not hold", lambda: cxkit.topic_impact(pd.DataFrame({"text": ["a"], "topic": ["parking"]}), pd.Series([3.0], index=["a"])), cxkit.InvalidLabelError),
    ("topic_impact", "tags without scores or by", lambda: cxkit.TopicAccumulator().add(pd.DataFrame({"text": ["a"], "topic": ["fees"]})), cxkit.InvalidParameterError),
    ("topic_impact", "an unknown metric", lambda: cxkit.topic_impact(["排队"], [3], metric="csat"), cxkit.InvalidParameterError),
    ("TopicAccumulator.from_bytes", "bytes of another state", lambda: cxkit.TopicAccumulator.from_bytes(cxkit.KanoAccumulator(1).to_bytes()), cxkit.CorruptBytesError),
    ("TopicAccumulator.merge", "another taxonomy", lambda: cxkit.TopicAccumulator().merge(cxkit.TopicAccumulator(taxonomy=cxkit.Taxonomy.from_dict({"topics": [{"id": "a", "rules": [{"any": ["x"]}]}]}))), cxkit.IncompatibleError),
    ("TopicAccumulator.finish", "a group never added", lambda: (lambda a: (a.add(["排队"], by=["x"]), a.finish(group="y")))(cxkit.TopicAccumulator()), cxkit.InvalidParameterError),
    # PLS path models.
    ("PlsModel", "a cycle", lambda: cxkit.PlsModel({"A": ["a"], "B": ["b"]}, [("A", "B"), ("B", "A")]), cxkit.InvalidParameterError),
    ("PlsModel", "an indicator in two constructs", lambda: cxkit.PlsModel({"A": ["a"], "B": ["a"]}, [("A", "B")]), cxkit.InvalidParameterError),
    ("PlsModel", "a construct with no indicators", lambda: cxkit.PlsModel({"A": [], "B": ["b"]}, [("A", "B")]), cxkit.InvalidParameterError),
    ("PlsModel", "a path to an unknown construct", lambda: cxkit.PlsModel({"A": ["a"], "B": ["b"]}, [("A", "C")]), cxkit.InvalidParameterError),
    ("pls_pm", "an unknown column", lambda: cxkit.pls_pm(PLS_DATA, constructs={"A": ["a", "nope"], "B": ["b"]}, paths=[("A", "B")]), cxkit.InvalidParameterError),
    ("pls_pm", "a constant indicator", lambda: cxkit.pls_pm(PLS_DATA.assign(a=1.0), constructs={"A": ["a"], "B": ["b"]}, paths=[("A", "B")]), cxkit.ConstantColumnError),
    ("pls_pm", "NaN with nan_policy raise", lambda: cxkit.pls_pm(PLS_DATA.assign(a=[1.0, np.nan, 3.0, 4.0, 5.0]), constructs={"A": ["a"], "B": ["b"]}, paths=[("A", "B")]), cxkit.MissingAnswerError),
    ("pls_pm", "a column with no answer under nan_policy mean", lambda: cxkit.pls_pm(PLS_DATA.assign(a=np.nan), constructs={"A": ["a"], "B": ["b"]}, paths=[("A", "B")], nan_policy="mean"), cxkit.InsufficientDataError),
    ("pls_pm", "fewer than 3 respondents", lambda: cxkit.pls_pm(PLS_DATA.head(2), constructs={"A": ["a"], "B": ["b"]}, paths=[("A", "B")]), cxkit.InsufficientDataError),
    ("pls_pm", "a singular mode-B block", lambda: cxkit.pls_pm(PLS_DATA.assign(c=PLS_DATA["a"]), constructs={"A": ["a", "c"], "B": ["b"]}, paths=[("A", "B")], modes={"A": "B"}), cxkit.SingularMatrixError),
    ("pls_pm", "no convergence in max_iterations", lambda: cxkit.pls_pm(PLS_DATA, constructs={"A": ["a", "c"], "B": ["b"]}, paths=[("A", "B")], max_iterations=1), cxkit.DidNotConvergeError),
    ("PlsResult.bootstrap", "0 resamples", lambda: cxkit.pls_pm(PLS_DATA, constructs={"A": ["a"], "B": ["b"]}, paths=[("A", "B")]).bootstrap(n=0), cxkit.InvalidParameterError),
    # Accumulators: bad updates, corrupt bytes, incompatible merges.
    ("NpsAccumulator.update", "out of range (11)", lambda a: a.update([11]), cxkit.InvalidScoreError),
    ("NpsAccumulator.update", "NaN", lambda a: a.update([np.nan]), cxkit.MissingScoreError),
    ("NpsAccumulator.update", "weights of wrong length", lambda a: a.update([9, 10], weights=[1.0]), cxkit.LengthMismatchError),
    ("NpsAccumulator.from_bytes", "corrupt bytes", lambda: cxkit.NpsAccumulator.from_bytes(b"CXKA\x01\x01junk"), cxkit.CorruptBytesError),
    ("NpsAccumulator.from_bytes", "empty bytes", lambda: cxkit.NpsAccumulator.from_bytes(b""), cxkit.CorruptBytesError),
    ("TopBoxAccumulator.update", "inf", lambda a: a.update([5, np.inf]), cxkit.InvalidScoreError),
    ("TopBoxAccumulator.merge", "other scale", lambda a: a.merge(cxkit.TopBoxAccumulator(7, 2)), cxkit.IncompatibleError),
    ("LikertAccumulator.update", "negative weight", lambda a: a.update([5], weights=[-1.0]), cxkit.InvalidWeightError),
    ("KanoAccumulator.update", "wrong number of features", lambda a: a.update([[1]], [[5]]), cxkit.LengthMismatchError),
    ("KanoAccumulator.update", "answer outside 1..5", lambda a: a.update([[1, 0]], [[5, 5]]), cxkit.InvalidAnswerError),
    ("KanoAccumulator.update", "features of other names", lambda a: a.update(frame([[1, 2]], ["x", "z"]), frame([[5, 4]], ["x", "z"])), cxkit.IncompatibleError),
    ("KanoAccumulator.merge", "features of other names", lambda a: a.merge(cxkit.KanoAccumulator(2, names=["x", "z"])), cxkit.IncompatibleError),
    ("KanoAccumulator.from_bytes", "corrupt bytes", lambda: cxkit.KanoAccumulator.from_bytes(b"CXKA\x01\x04\xff\xff\xff\xff"), cxkit.CorruptBytesError),
    ("ServqualAccumulator.update", "rating outside the scale", lambda a: a.update([[9, 1]], [[1, 1]]), cxkit.InvalidAnswerError),
    ("ServqualAccumulator.update", "NaN with nan_policy raise", lambda a: a.update([[np.nan, 1]], [[1, 1]]), cxkit.MissingAnswerError),
    ("ServqualAccumulator.merge", "items of other names", lambda a: a.merge(cxkit.ServqualAccumulator(["x", "y"], dimensions=DIMS)), cxkit.IncompatibleError),
    ("CovarianceAccumulator", "huge column count (1e6)", lambda: cxkit.CovarianceAccumulator(10**6), cxkit.InvalidParameterError),
    ("cronbach_alpha", "huge column count (20 000)", lambda: cxkit.cronbach_alpha(np.ones((2, 20_000))), cxkit.InvalidParameterError),
    ("CovarianceAccumulator.update", "inf", lambda a: a.update([[1, np.inf]]), cxkit.InvalidParameterError),
    ("CovarianceAccumulator.update", "wrong number of columns", lambda a: a.update([[1, 2, 3]]), cxkit.LengthMismatchError),
    ("CovarianceAccumulator.merge", "columns of other names", lambda a: a.merge(cxkit.CovarianceAccumulator(["x", "y"])), cxkit.IncompatibleError),
    ("CovarianceAccumulator.from_bytes", "huge column count", lambda: cxkit.CovarianceAccumulator.from_bytes(b"CXKA\x01\x05\x00\xff\xff\xff\xff\x01\x00\x00\x00\x00\x00\x00\x00"), cxkit.CorruptBytesError),
    ("JourneyState.update", "unknown indicator", lambda a: a.update({"indicator": ["nope"], "timestamp": [0], "value": [1]}), cxkit.InvalidParameterError),
    ("JourneyState.update", "rate value 0.5", lambda a: a.update({"indicator": ["ok"], "timestamp": [0], "value": [0.5]}), cxkit.InvalidParameterError),
    ("JourneyState.update", "bad value in a new segment", lambda a: a.update({"indicator": ["ok"], "timestamp": [0], "value": [2], "segment": ["new"]}), cxkit.InvalidParameterError),
    ("JourneyState.merge", "state of another tree", lambda a: a.merge(cxkit.JourneyState(cxkit.IndicatorTree.from_dict(OTHER_TREE))), cxkit.IncompatibleError),
    ("BetaGeo.from_bytes", "bytes of another kind", lambda: cxkit.BetaGeo.from_bytes(cxkit.GammaGamma.from_params(1, 2, 3).to_bytes()), cxkit.CorruptBytesError),
]


def state_of(acc):
    return pickle.dumps(acc)


@pytest.mark.parametrize("function,bad,call,error", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_bad_input_raises_the_documented_error(function, bad, call, error):
    owner = function.split(".")[0]
    accumulator = next((a for a in accumulators() if a[0] == owner), None)
    if accumulator is not None and function.partition(".")[2] in ("update", "merge"):
        _, make, good = accumulator
        acc = make()
        good(acc)
        before = state_of(acc)
        with pytest.raises(error) as caught:
            call(acc)
        assert state_of(acc) == before, "a failed call left the state changed"
    else:
        with pytest.raises(error) as caught:
            call()
    assert str(caught.value), "the error says what is wrong"
    if issubclass(error, cxkit.CxError):
        assert isinstance(caught.value, ValueError)


def table() -> str:
    """The matrix as the Markdown table of docs/bad-input.md."""
    rows = ["| function | bad input | Python exception |", "|---|---|---|"]
    rows += [f"| `{f}` | {bad} | `{e.__name__}` |" for f, bad, _, e in CASES]
    return "\n".join(rows) + "\n"


def test_the_docs_table_is_the_matrix():
    path = pathlib.Path(__file__).resolve().parents[2] / "docs" / "bad-input.md"
    head, rest = path.read_text().split("<!-- matrix -->\n")
    written, tail = rest.split("<!-- /matrix -->")
    if os.environ.get("CXKIT_BLESS"):
        path.write_text(head + "<!-- matrix -->\n" + table() + "<!-- /matrix -->" + tail)
        written = table()
    assert written == table(), "docs/bad-input.md differs: rerun with CXKIT_BLESS=1"
