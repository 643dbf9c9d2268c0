//! Survey scoring for Python: NPS, top-box (CSAT), CES and Likert summaries with their
//! intervals and wave tests, their result classes, and (in `accumulator`) the mergeable
//! survey state.

mod accumulator;

use cxkit_core::names::Named;
use cxkit_core::survey::{self as core, NpsTestOptions, Scale};
use pyo3::prelude::*;

use crate::convert::result::result_class;
use crate::convert::{self, tally, tally_by_group, ScaleArg};
use crate::error::IntoPyResult;
use crate::labels::{rows_matched, LabelColumn, Missing};

fn nps_method_name(m: core::NpsMethod) -> &'static str {
    m.as_str()
}

fn interval_name(m: core::ProportionMethod) -> &'static str {
    m.as_str()
}

fn bounds(s: core::Scale) -> (i32, i32) {
    (s.min(), s.max())
}

result_class! {
    /// A Net Promoter Score: `score`, `se`, `ci_low`, `ci_high` in points (-100..100);
    /// `promoters`, `passives`, `detractors` as fractions; `n` responses and Kish's
    /// `n_effective`.
    Nps(core::Nps) {
        score: f64 = |r| r.score,
        promoters: f64 = |r| r.promoters,
        passives: f64 = |r| r.passives,
        detractors: f64 = |r| r.detractors,
        n: u64 = |r| r.n,
        n_effective: f64 = |r| r.n_effective,
        se: f64 = |r| r.se,
        ci_low: f64 = |r| r.ci_low,
        ci_high: f64 = |r| r.ci_high,
        confidence: f64 = |r| r.confidence,
        method: &'static str = |r| nps_method_name(r.method),
    }
    methods {
        /// This result's chart, ``cxkit.plot.nps(self, **kwargs)`` (``ax``, ``lang``, …;
        /// needs matplotlib: ``pip install "cxkit[plot]"``).
        #[pyo3(signature = (**kwargs))]
        fn plot<'py>(
            slf: &Bound<'py, Self>,
            kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            crate::convert::result::plot(slf.as_any(), "nps", kwargs)
        }

    }
}

result_class! {
    /// A share (a fraction) with its confidence interval.
    Proportion(core::Proportion) {
        estimate: f64 = |r| r.estimate,
        ci_low: f64 = |r| r.ci_low,
        ci_high: f64 = |r| r.ci_high,
        n: u64 = |r| r.n,
        n_effective: f64 = |r| r.n_effective,
        confidence: f64 = |r| r.confidence,
        method: &'static str = |r| interval_name(r.method),
    }
}

result_class! {
    /// A mean with its Student-t confidence interval.
    Mean(core::Mean) {
        estimate: f64 = |r| r.estimate,
        sd: f64 = |r| r.sd,
        se: f64 = |r| r.se,
        ci_low: f64 = |r| r.ci_low,
        ci_high: f64 = |r| r.ci_high,
        n: u64 = |r| r.n,
        n_effective: f64 = |r| r.n_effective,
        confidence: f64 = |r| r.confidence,
    }
}

result_class! {
    /// Customer satisfaction: `top_box` (the CSAT score, a Proportion) and `mean` (a Mean).
    Csat(core::Csat) {
        scale: (i32, i32) = |r| bounds(r.scale),
        top: u32 = |r| r.top,
        top_box: Proportion = |r| r.top_box.into(),
        mean: Mean = |r| r.mean.into(),
        score: f64 = |r| r.top_box.estimate,
    }
}

result_class! {
    /// Customer Effort Score: `mean` (the CES, a Mean) and `easy`, the share at or above the
    /// threshold (a Proportion).
    Ces(core::Ces) {
        scale: (i32, i32) = |r| bounds(r.scale),
        threshold: i32 = |r| r.threshold,
        mean: Mean = |r| r.mean.into(),
        easy: Proportion = |r| r.easy.into(),
        score: f64 = |r| r.mean.estimate,
    }
}

result_class! {
    /// A Likert item's distribution: counts and shares per point (lowest first), mean, sd,
    /// median, top and bottom box shares.
    Likert(core::Likert) {
        scale: (i32, i32) = |r| bounds(r.scale),
        points: Vec<i32> = |r| (r.scale.min()..=r.scale.max()).collect(),
        counts: Vec<u64> = |r| r.counts.clone(),
        shares: Vec<f64> = |r| r.shares.clone(),
        n: u64 = |r| r.n,
        n_effective: f64 = |r| r.n_effective,
        mean: f64 = |r| r.mean,
        sd: f64 = |r| r.sd,
        median: f64 = |r| r.median,
        boxes: u32 = |r| r.boxes,
        top_box: f64 = |r| r.top_box,
        bottom_box: f64 = |r| r.bottom_box,
    }
    methods {
        /// This result's chart, ``cxkit.plot.likert(self, **kwargs)`` (``ax``, ``lang``, …;
        /// needs matplotlib: ``pip install "cxkit[plot]"``).
        #[pyo3(signature = (**kwargs))]
        fn plot<'py>(
            slf: &Bound<'py, Self>,
            kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            crate::convert::result::plot(slf.as_any(), "likert", kwargs)
        }

        /// The distribution as a pandas DataFrame with columns point, count, share.
        fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let r = &self.inner;
            let columns = pyo3::types::PyDict::new(py);
            columns.set_item("point", (r.scale.min()..=r.scale.max()).collect::<Vec<i32>>())?;
            columns.set_item("count", r.counts.clone())?;
            columns.set_item("share", r.shares.clone())?;
            py.import("pandas")?.call_method1("DataFrame", (columns,))
        }

        /// An HTML table of the distribution, for notebooks.
        fn _repr_html_(&self) -> String {
            let r = &self.inner;
            let rows: String = (r.scale.min()..=r.scale.max())
                .zip(r.counts.iter().zip(&r.shares))
                .map(|(p, (c, s))| format!("<tr><td>{p}</td><td>{c}</td><td>{:.1}%</td></tr>", 100.0 * s))
                .collect();
            format!(
                "<table><caption>Likert {}..{}: n = {}, mean {:.2}, sd {:.2}, median {}, \
                 top-{b} {:.1}%, bottom-{b} {:.1}%</caption>\
                 <tr><th>point</th><th>count</th><th>share</th></tr>{rows}</table>",
                r.scale.min(), r.scale.max(), r.n, r.mean, r.sd, r.median,
                100.0 * r.top_box, 100.0 * r.bottom_box, b = r.boxes
            )
        }
    }
}

result_class! {
    /// A two-wave z-test: `delta` = a - b (points for NPS, fractions for shares), `se`, `z`,
    /// two-sided `p_value` and the difference's confidence interval.
    WaveTest(core::WaveTest) {
        delta: f64 = |r| r.delta,
        se: f64 = |r| r.se,
        z: f64 = |r| r.z,
        p_value: f64 = |r| r.p_value,
        ci_low: f64 = |r| r.ci_low,
        ci_high: f64 = |r| r.ci_high,
        confidence: f64 = |r| r.confidence,
    }
}

/// Net Promoter Score of 0-10 scores: promoters (9-10) minus detractors (0-6), in points.
///
/// ``weights`` are survey weights (the interval uses Kish's effective n); ``method`` is
/// "adjusted_wald" (default) or "wald"; ``nan_policy`` "raise" (default) or "omit".
///
/// >>> r = cxkit.nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
/// >>> r.score, r.promoters, r.detractors, r.n
/// (30.0, 0.5, 0.2, 10)
/// >>> round(r.ci_low, 2), round(r.ci_high, 2)
/// (-19.05, 65.2)
///
/// With ``by`` (a group label per score: waves, segments, branches; matched to a pandas
/// Series by index), one row per group in order of first appearance: a DataFrame indexed by
/// the labels with the columns of Nps (score, promoters, passives, detractors, n,
/// n_effective, se, ci_low, ci_high), which ``cxkit.plot.nps`` draws.
///
/// >>> t = cxkit.nps([10, 9, 3, 10, 6, 6], by=["Q1", "Q1", "Q1", "Q2", "Q2", "Q2"])
/// >>> t["score"].tolist(), t.index.tolist()
/// ([33.33333333333333, -33.33333333333333], ['Q1', 'Q2'])
#[pyfunction]
#[pyo3(signature = (scores, weights=None, confidence=0.95, method="adjusted_wald", nan_policy="raise", by=None))]
pub(crate) fn nps<'py>(
    py: Python<'py>,
    scores: &Bound<'py, PyAny>,
    weights: Option<&Bound<'py, PyAny>>,
    confidence: f64,
    method: &str,
    nan_policy: &str,
    by: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let method = convert::nps_method(method)?;
    let policy = convert::nan_policy(nan_policy)?;
    let Some(by) = by.filter(|b| !b.is_none()) else {
        let h = tally(py, scores, weights, Scale::NPS, policy)?;
        let r = core::Nps::from_histogram(&h, confidence, method).py_err()?;
        return Ok(Nps::from(r).into_pyobject(py)?.into_any());
    };
    by_group(
        py,
        scores,
        weights,
        Scale::NPS,
        policy,
        by,
        |h| core::Nps::from_histogram(h, confidence, method),
        |rs, columns| {
            macro_rules! column {
            ($($field:ident),*) => {
                $(columns.set_item(stringify!($field), rs.iter().map(|r| r.$field).collect::<Vec<_>>())?;)*
            };
        }
            column!(
                score,
                promoters,
                passives,
                detractors,
                n,
                n_effective,
                se,
                ci_low,
                ci_high
            );
            Ok(())
        },
    )
}

/// One result per group of `by` (a label per score, matched to `scores` by index):
/// `score` of each group's tally, its fields written as the columns of a DataFrame indexed
/// by the caller's labels (in order of first appearance) by `columns`.
#[allow(clippy::too_many_arguments)]
fn by_group<'py, R>(
    py: Python<'py>,
    scores: &Bound<'py, PyAny>,
    weights: Option<&Bound<'py, PyAny>>,
    scale: Scale,
    policy: cxkit_core::scale::NanPolicy,
    by: &Bound<'py, PyAny>,
    score: impl Fn(&core::Histogram) -> cxkit_core::Result<R>,
    columns: impl Fn(&[R], &Bound<'py, pyo3::types::PyDict>) -> PyResult<()>,
) -> PyResult<Bound<'py, PyAny>> {
    let by = rows_matched(("scores", scores), ("by", by))?;
    let groups = LabelColumn::read(&by, "by", Missing::Refuse)?;
    let labels = groups.labels()?;
    let n = labels.len()?;
    let tallies = tally_by_group(py, scores, weights, scale, policy, (&groups.codes, n))?;
    let rs: Vec<R> = tallies
        .iter()
        .map(score)
        .collect::<cxkit_core::Result<_>>()
        .py_err()?;
    let table = pyo3::types::PyDict::new(py);
    columns(&rs, &table)?;
    convert::frame(py, table, Some(labels), by_name(&by)?.as_deref())
}

/// The columns of a share and a mean per group: `{p}`, `{p}_low`, `{p}_high`, `mean`,
/// `mean_low`, `mean_high`, `n`.
fn share_and_mean_columns(
    table: &Bound<'_, pyo3::types::PyDict>,
    p: &str,
    rows: &[(core::Proportion, core::Mean)],
) -> PyResult<()> {
    let col =
        |f: &dyn Fn(&(core::Proportion, core::Mean)) -> f64| rows.iter().map(f).collect::<Vec<_>>();
    table.set_item(p, col(&|r| r.0.estimate))?;
    table.set_item(format!("{p}_low"), col(&|r| r.0.ci_low))?;
    table.set_item(format!("{p}_high"), col(&|r| r.0.ci_high))?;
    table.set_item("mean", col(&|r| r.1.estimate))?;
    table.set_item("mean_low", col(&|r| r.1.ci_low))?;
    table.set_item("mean_high", col(&|r| r.1.ci_high))?;
    table.set_item("n", rows.iter().map(|r| r.1.n).collect::<Vec<_>>())?;
    Ok(())
}

/// The name of a pandas Series of group labels (the index name of a grouped result).
fn by_name(by: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if !by.hasattr("name")? || !by.hasattr("index")? {
        return Ok(None);
    }
    let name = by.getattr("name")?;
    Ok(if name.is_none() {
        None
    } else {
        Some(name.str()?.to_string())
    })
}

/// Net Promoter Score from counts of detractors, passives and promoters.
///
/// >>> r = cxkit.nps_from_counts(20, 30, 50, method="wald")
/// >>> r.score, round(r.se, 4)
/// (30.0, 7.8102)
#[pyfunction]
#[pyo3(signature = (detractors, passives, promoters, confidence=0.95, method="adjusted_wald"))]
pub(crate) fn nps_from_counts(
    detractors: i64,
    passives: i64,
    promoters: i64,
    confidence: f64,
    method: &str,
) -> PyResult<Nps> {
    let (detractors, passives, promoters) = (
        convert::count("detractors", detractors)?,
        convert::count("passives", passives)?,
        convert::count("promoters", promoters)?,
    );
    let options = core::NpsOptions {
        confidence,
        method: convert::nps_method(method)?,
        ..core::NpsOptions::default()
    };
    core::nps_from_counts(detractors, passives, promoters, &options)
        .py_err()
        .map(Nps::from)
}

/// An NPS result from a result object or from raw scores (scored with the defaults).
fn nps_of(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<core::Nps> {
    if let Ok(r) = obj.cast::<Nps>() {
        return Ok(r.get().inner);
    }
    let h = tally(
        py,
        obj,
        None,
        Scale::NPS,
        cxkit_core::scale::NanPolicy::Raise,
    )?;
    core::Nps::from_histogram(&h, 0.95, core::NpsMethod::AdjustedWald).py_err()
}

/// Tests whether NPS differs between two waves: delta = a - b in points.
///
/// ``a`` and ``b`` are Nps results or raw 0-10 scores. ``method`` "wald" (default) or
/// "adjusted_wald".
///
/// >>> t = cxkit.nps_test(cxkit.nps_from_counts(20, 30, 50), cxkit.nps_from_counts(30, 30, 40))
/// >>> round(t.delta, 6), round(t.z, 4), round(t.p_value, 4)
/// (20.0, 1.7541, 0.0794)
#[pyfunction]
#[pyo3(signature = (a, b, method="wald", confidence=0.95))]
pub(crate) fn nps_test(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    method: &str,
    confidence: f64,
) -> PyResult<WaveTest> {
    let options = NpsTestOptions {
        method: convert::nps_method(method)?,
        confidence,
    };
    core::nps_test(&nps_of(py, a)?, &nps_of(py, b)?, &options)
        .py_err()
        .map(WaveTest::from)
}

/// The tally of `scores` on `scale` and the interval method named `interval`: what top-box,
/// CSAT and CES start from.
fn tallied(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    weights: Option<&Bound<'_, PyAny>>,
    scale: ScaleArg,
    interval: &str,
    nan_policy: &str,
) -> PyResult<(core::Histogram, core::ProportionMethod)> {
    let interval = convert::interval(interval)?;
    let policy = convert::nan_policy(nan_policy)?;
    Ok((tally(py, scores, weights, scale.0, policy)?, interval))
}

/// Share of scores in the top ``top`` points of ``scale`` (``k`` for 1..k or ``(min, max)``,
/// default 5), with a Wilson (default) or Wald interval.
///
/// >>> cxkit.top_box([10, 9, 8, 0], scale=(0, 10), top=3).estimate
/// 0.75
#[pyfunction]
#[pyo3(
    signature = (scores, scale=ScaleArg::one_to(5), top=2, weights=None, confidence=0.95, interval="wilson", nan_policy="raise"),
    text_signature = "(scores, scale=5, top=2, weights=None, confidence=0.95, interval='wilson', nan_policy='raise')"
)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn top_box(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    scale: ScaleArg,
    top: u32,
    weights: Option<&Bound<'_, PyAny>>,
    confidence: f64,
    interval: &str,
    nan_policy: &str,
) -> PyResult<Proportion> {
    let (h, interval) = tallied(py, scores, weights, scale, interval, nan_policy)?;
    core::Proportion::top_box(&h, top, confidence, interval)
        .py_err()
        .map(Proportion::from)
}

/// CSAT: top-box share (4-5 of 1-5 by default) with its interval, and the mean score.
///
/// >>> r = cxkit.csat([5] * 42 + [4] * 32 + [3] * 10 + [2] * 9 + [1] * 14)
/// >>> round(100 * r.top_box.estimate, 2), round(r.mean.estimate, 4)
/// (69.16, 3.7383)
///
/// With ``by`` (a group label per score, matched by index), a DataFrame with one row per
/// group: top_box, top_box_low, top_box_high, mean, mean_low, mean_high, n.
///
/// >>> cxkit.csat([5, 4, 2, 5, 5, 1], by=["a", "a", "a", "b", "b", "b"])["top_box"].round(4).tolist()
/// [0.6667, 0.6667]
#[pyfunction]
#[pyo3(
    signature = (scores, scale=ScaleArg::one_to(5), top=2, weights=None, confidence=0.95, interval="wilson", nan_policy="raise", by=None),
    text_signature = "(scores, scale=5, top=2, weights=None, confidence=0.95, interval='wilson', nan_policy='raise', by=None)"
)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn csat<'py>(
    py: Python<'py>,
    scores: &Bound<'py, PyAny>,
    scale: ScaleArg,
    top: u32,
    weights: Option<&Bound<'py, PyAny>>,
    confidence: f64,
    interval: &str,
    nan_policy: &str,
    by: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    if let Some(by) = by.filter(|b| !b.is_none()) {
        let method = convert::interval(interval)?;
        let policy = convert::nan_policy(nan_policy)?;
        let one = |h: &core::Histogram| {
            core::Csat::from_histogram(h, top, confidence, method).map(|c| (c.top_box, c.mean))
        };
        return by_group(py, scores, weights, scale.0, policy, by, one, |rs, t| {
            share_and_mean_columns(t, "top_box", rs)
        });
    }
    let (h, interval) = tallied(py, scores, weights, scale, interval, nan_policy)?;
    let r = core::Csat::from_histogram(&h, top, confidence, interval).py_err()?;
    Ok(Csat::from(r).into_pyobject(py)?.into_any())
}

/// Customer Effort Score: mean agreement (1-7 by default) and share at or above ``threshold``.
///
/// >>> r = cxkit.ces([7, 6, 5, 2])
/// >>> r.mean.estimate, r.easy.estimate
/// (5.0, 0.75)
///
/// With ``by`` (a group label per score, matched by index), a DataFrame with one row per
/// group: easy, easy_low, easy_high, mean, mean_low, mean_high, n.
///
/// >>> cxkit.ces([7, 6, 5, 2], by=["a", "a", "b", "b"])["mean"].tolist()
/// [6.5, 3.5]
#[pyfunction]
#[pyo3(
    signature = (scores, scale=ScaleArg::one_to(7), threshold=5, weights=None, confidence=0.95, interval="wilson", nan_policy="raise", by=None),
    text_signature = "(scores, scale=7, threshold=5, weights=None, confidence=0.95, interval='wilson', nan_policy='raise', by=None)"
)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn ces<'py>(
    py: Python<'py>,
    scores: &Bound<'py, PyAny>,
    scale: ScaleArg,
    threshold: i32,
    weights: Option<&Bound<'py, PyAny>>,
    confidence: f64,
    interval: &str,
    nan_policy: &str,
    by: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    if let Some(by) = by.filter(|b| !b.is_none()) {
        let method = convert::interval(interval)?;
        let policy = convert::nan_policy(nan_policy)?;
        let one = |h: &core::Histogram| {
            core::Ces::from_histogram(h, threshold, confidence, method).map(|c| (c.easy, c.mean))
        };
        return by_group(py, scores, weights, scale.0, policy, by, one, |rs, t| {
            share_and_mean_columns(t, "easy", rs)
        });
    }
    let (h, interval) = tallied(py, scores, weights, scale, interval, nan_policy)?;
    let r = core::Ces::from_histogram(&h, threshold, confidence, interval).py_err()?;
    Ok(Ces::from(r).into_pyobject(py)?.into_any())
}

/// Tests whether a top-box share differs between two waves: delta = a - b (fractions).
/// ``a`` and ``b`` are Proportion results, or Csat / Ces results (their top-box / easy share).
///
/// >>> t = cxkit.top_box_test(cxkit.csat([5, 5, 4, 2]), cxkit.csat([5, 3, 2, 1]))
/// >>> t.delta
/// 0.5
#[pyfunction]
#[pyo3(signature = (a, b, confidence=0.95))]
pub(crate) fn top_box_test(
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    confidence: f64,
) -> PyResult<WaveTest> {
    fn share(obj: &Bound<'_, PyAny>) -> PyResult<core::Proportion> {
        if let Ok(p) = obj.cast::<Proportion>() {
            Ok(p.get().inner)
        } else if let Ok(c) = obj.cast::<Csat>() {
            Ok(c.get().inner.top_box)
        } else if let Ok(c) = obj.cast::<Ces>() {
            Ok(c.get().inner.easy)
        } else {
            Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "expected a Proportion, Csat or Ces result, got {}",
                obj.get_type().name()?
            )))
        }
    }
    core::top_box_test(&share(a)?, &share(b)?, confidence)
        .py_err()
        .map(WaveTest::from)
}

/// Distribution summary of a Likert item on ``scale`` (``k`` for 1..k or ``(min, max)``;
/// required, never guessed): counts, shares, mean, sd, median, top/bottom box.
///
/// >>> r = cxkit.likert_summary([1, 2, 4, 5, 5], scale=5)
/// >>> r.counts, r.median, r.top_box
/// ([1, 1, 0, 1, 2], 4.0, 0.6)
#[pyfunction]
#[pyo3(signature = (scores, scale, boxes=2, weights=None, nan_policy="raise"))]
pub(crate) fn likert_summary(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    scale: ScaleArg,
    boxes: u32,
    weights: Option<&Bound<'_, PyAny>>,
    nan_policy: &str,
) -> PyResult<Likert> {
    let h = tally(
        py,
        scores,
        weights,
        scale.0,
        convert::nan_policy(nan_policy)?,
    )?;
    core::Likert::from_histogram(&h, boxes)
        .py_err()
        .map(Likert::from)
}

/// Wilson score interval for ``successes`` of ``n`` at ``confidence``: (low, high).
///
/// >>> [round(x, 6) for x in cxkit.wilson_interval(7, 10)]
/// [0.396778, 0.892209]
#[pyfunction]
#[pyo3(signature = (successes, n, confidence=0.95))]
pub(crate) fn wilson_interval(successes: f64, n: f64, confidence: f64) -> PyResult<(f64, f64)> {
    core::wilson_interval(successes, n, confidence).py_err()
}

/// Adds the survey functions, result classes and accumulators to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(nps, m)?)?;
    m.add_function(wrap_pyfunction!(nps_from_counts, m)?)?;
    m.add_function(wrap_pyfunction!(nps_test, m)?)?;
    m.add_function(wrap_pyfunction!(top_box, m)?)?;
    m.add_function(wrap_pyfunction!(csat, m)?)?;
    m.add_function(wrap_pyfunction!(ces, m)?)?;
    m.add_function(wrap_pyfunction!(top_box_test, m)?)?;
    m.add_function(wrap_pyfunction!(likert_summary, m)?)?;
    m.add_function(wrap_pyfunction!(wilson_interval, m)?)?;
    m.add_class::<Nps>()?;
    m.add_class::<Proportion>()?;
    m.add_class::<Mean>()?;
    m.add_class::<Csat>()?;
    m.add_class::<Ces>()?;
    m.add_class::<Likert>()?;
    m.add_class::<WaveTest>()?;
    accumulator::register(m)
}
