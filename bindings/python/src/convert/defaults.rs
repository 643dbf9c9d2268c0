//! The core's defaults as Python values, for the test that holds every Python signature to
//! them (`tests/python/test_api.py`): a signature shows its default as a literal, so that
//! `help()` prints it, and this table is how that literal is checked against the one default
//! in the core.

use cxkit_core::clv::{ClvOptions, FitOptions};
use cxkit_core::drivers::DriverOptions;
use cxkit_core::journey::EvaluateOptions;
use cxkit_core::long;
use cxkit_core::names::Named;
use cxkit_core::quality::QualityOptions;
use cxkit_core::reliability::AlphaOptions;
use cxkit_core::report::ReportOptions;
use cxkit_core::segment::{KMeansOptions, RfmOptions};
use cxkit_core::survey::{
    CesOptions, LikertOptions, NpsOptions, NpsTestOptions, Scale, TopBoxOptions,
};
use pyo3::prelude::*;
use pyo3::IntoPyObjectExt;

/// `(callable, parameter, default)` for every Python parameter whose default the core holds;
/// a callable is a function or class of `cxkit` or `Class.method`, a scale is (min, max).
#[pyfunction]
pub(crate) fn _defaults(py: Python<'_>) -> PyResult<Vec<(&'static str, &'static str, Py<PyAny>)>> {
    let mut rows: Vec<(&'static str, &'static str, Py<PyAny>)> = Vec::new();
    let mut add = |callables: &[&'static str], param: &'static str, value: Py<PyAny>| {
        for c in callables {
            rows.push((c, param, value.clone_ref(py)));
        }
    };
    let scale = |s: Scale| (s.min(), s.max()).into_py_any(py);
    let nps = NpsOptions::default();
    let with_nps = ["nps", "nps_from_counts", "NpsAccumulator.finish"];
    add(&with_nps, "confidence", nps.confidence.into_py_any(py)?);
    add(&with_nps, "method", nps.method.as_str().into_py_any(py)?);
    add(
        &["nps"],
        "nan_policy",
        nps.nan_policy.as_str().into_py_any(py)?,
    );
    let test = NpsTestOptions::default();
    add(
        &["nps_test"],
        "method",
        test.method.as_str().into_py_any(py)?,
    );
    add(
        &["nps_test", "top_box_test"],
        "confidence",
        test.confidence.into_py_any(py)?,
    );
    let top = TopBoxOptions::default();
    let boxes = ["top_box", "csat"];
    add(&boxes, "scale", scale(top.scale)?);
    add(
        &["top_box", "csat", "TopBoxAccumulator"],
        "top",
        top.top.into_py_any(py)?,
    );
    add(&["TopBoxAccumulator"], "scale", scale(top.scale)?);
    add(
        &["top_box", "csat", "TopBoxAccumulator.finish"],
        "confidence",
        top.confidence.into_py_any(py)?,
    );
    add(
        &["top_box", "csat", "TopBoxAccumulator.finish"],
        "interval",
        top.interval.as_str().into_py_any(py)?,
    );
    add(
        &boxes,
        "nan_policy",
        top.nan_policy.as_str().into_py_any(py)?,
    );
    let ces = CesOptions::default();
    add(&["ces"], "scale", scale(ces.scale)?);
    add(&["ces"], "threshold", ces.threshold.into_py_any(py)?);
    add(&["ces"], "confidence", ces.confidence.into_py_any(py)?);
    add(&["ces"], "interval", ces.interval.as_str().into_py_any(py)?);
    add(
        &["ces"],
        "nan_policy",
        ces.nan_policy.as_str().into_py_any(py)?,
    );
    let likert = LikertOptions::default();
    add(
        &["likert_summary", "LikertAccumulator"],
        "boxes",
        likert.boxes.into_py_any(py)?,
    );
    add(
        &["likert_summary"],
        "nan_policy",
        likert.nan_policy.as_str().into_py_any(py)?,
    );
    add(
        &["kano_analyze"],
        "respondent",
        long::KANO.respondent.into_py_any(py)?,
    );
    add(
        &["kano_analyze"],
        "feature",
        long::KANO.label.into_py_any(py)?,
    );
    let quality = QualityOptions::default();
    let long_tables = ["servqual", "servperf", "zone_of_tolerance"];
    add(
        &long_tables,
        "respondent",
        long::SERVQUAL.respondent.into_py_any(py)?,
    );
    add(&long_tables, "item", long::SERVQUAL.label.into_py_any(py)?);
    let all = [
        "servqual",
        "servperf",
        "zone_of_tolerance",
        "ServqualAccumulator",
    ];
    add(&all, "scale", quality.scale.into_py_any(py)?);
    add(
        &all,
        "nan_policy",
        quality.nan_policy.as_str().into_py_any(py)?,
    );
    add(
        &["servqual", "servperf", "ServqualAccumulator"],
        "confidence",
        quality.confidence.into_py_any(py)?,
    );
    let alpha = AlphaOptions::default();
    add(
        &["cronbach_alpha", "CovarianceAccumulator"],
        "nan_policy",
        alpha.missing.as_str().into_py_any(py)?,
    );
    add(
        &["cronbach_alpha", "CovarianceAccumulator.cronbach_alpha"],
        "confidence",
        alpha.confidence.into_py_any(py)?,
    );
    let drivers = DriverOptions::default();
    let both = ["key_drivers", "key_drivers_from_correlation"];
    add(&both, "method", drivers.method.as_str().into_py_any(py)?);
    add(&both, "shapley", drivers.shapley.into_py_any(py)?);
    add(
        &["key_drivers"],
        "nan_policy",
        drivers.missing.as_str().into_py_any(py)?,
    );
    add(
        &["key_drivers"],
        "bootstrap",
        drivers.bootstrap.into_py_any(py)?,
    );
    add(
        &["key_drivers"],
        "confidence",
        drivers.confidence.into_py_any(py)?,
    );
    add(&["key_drivers"], "seed", drivers.seed.into_py_any(py)?);
    let fit = FitOptions::default();
    let fits = ["BetaGeo.fit", "ParetoNbd.fit", "GammaGamma.fit"];
    add(&fits, "max_iterations", fit.max_iterations.into_py_any(py)?);
    add(&fits, "tolerance", fit.tolerance.into_py_any(py)?);
    add(
        &["BetaGeo", "ParetoNbd", "GammaGamma"],
        "penalizer",
        fit.penalizer.into_py_any(py)?,
    );
    let clv = ClvOptions::default();
    add(
        &["customer_lifetime_value"],
        "horizon",
        clv.horizon_months.into_py_any(py)?,
    );
    add(
        &["customer_lifetime_value"],
        "freq",
        clv.period.as_str().into_py_any(py)?,
    );
    add(
        &["customer_lifetime_value"],
        "discount_rate",
        clv.discount_rate.into_py_any(py)?,
    );
    let km = KMeansOptions::new(1);
    let kmeans = ["KMeans", "kmeans_scan"];
    add(&kmeans, "n_init", km.n_init.into_py_any(py)?);
    add(&kmeans, "max_iter", km.max_iter.into_py_any(py)?);
    add(&kmeans, "tol", km.tol.into_py_any(py)?);
    add(&kmeans, "seed", km.seed.into_py_any(py)?);
    add(&kmeans, "standardize", km.standardize.into_py_any(py)?);
    let rfm = RfmOptions::default();
    add(&["rfm_scores"], "bins", rfm.bins.into_py_any(py)?);
    add(
        &["rfm_scores"],
        "binning",
        rfm.binning.as_str().into_py_any(py)?,
    );
    let evaluate = EvaluateOptions::default();
    add(
        &["JourneyState.evaluate", "IndicatorTree.evaluate"],
        "alpha",
        evaluate.alpha.into_py_any(py)?,
    );
    add(
        &["report", "load_demo_bank"],
        "seed",
        cxkit_core::data::DEMO_SEED.into_py_any(py)?,
    );
    add(
        &["report", "load_demo_bank"],
        "customers",
        cxkit_core::data::DEMO_CUSTOMERS.into_py_any(py)?,
    );
    let pls = cxkit_core::pls::PlsOptions::default();
    add(&["pls_pm"], "scheme", pls.scheme.as_str().into_py_any(py)?);
    add(
        &["pls_pm"],
        "nan_policy",
        pls.nan_policy.as_str().into_py_any(py)?,
    );
    add(&["pls_pm"], "tolerance", pls.tolerance.into_py_any(py)?);
    add(
        &["pls_pm"],
        "max_iterations",
        pls.max_iterations.into_py_any(py)?,
    );
    let boot = cxkit_core::pls::BootstrapOptions::default();
    add(&["PlsResult.bootstrap"], "n", boot.samples.into_py_any(py)?);
    add(&["PlsResult.bootstrap"], "seed", boot.seed.into_py_any(py)?);
    add(
        &["PlsResult.bootstrap"],
        "confidence",
        boot.confidence.into_py_any(py)?,
    );
    let report = ReportOptions::default();
    add(
        &["report"],
        "confidence",
        report.confidence.into_py_any(py)?,
    );
    add(&["report"], "lang", report.lang.code().into_py_any(py)?);
    let taxonomy = [
        "Taxonomy.default",
        "Taxonomy.from_toml",
        "Taxonomy.from_json",
        "Taxonomy.from_dict",
    ];
    add(&taxonomy, "lang", report.lang.code().into_py_any(py)?);
    let kw = cxkit_core::text::KeywordOptions::default();
    add(&["keywords"], "method", kw.method.as_str().into_py_any(py)?);
    add(&["keywords"], "top", kw.top.into_py_any(py)?);
    add(
        &["keywords", "term_changes"],
        "min_chars",
        kw.min_chars.into_py_any(py)?,
    );
    add(&["keywords"], "window", kw.window.into_py_any(py)?);
    let impact = cxkit_core::text::ImpactOptions::default();
    let impacts = ["topic_impact", "TopicAccumulator"];
    add(&impacts, "metric", impact.metric.as_str().into_py_any(py)?);
    add(&impacts, "confidence", impact.confidence.into_py_any(py)?);
    add(
        &impacts,
        "min_mentions",
        impact.min_mentions.into_py_any(py)?,
    );
    add(
        &["TopicAccumulator"],
        "min_chars",
        impact.min_chars.into_py_any(py)?,
    );
    add(
        &["term_changes"],
        "min_docs",
        cxkit_core::text::DEFAULT_MIN_DOCS.into_py_any(py)?,
    );
    Ok(rows)
}
