//! The survey functions: convert arguments, release the GIL, call the core, wrap the result.

use cxkit_core::survey::{self as core, CesOptions, LikertOptions, NpsOptions, NpsTestOptions, TopBoxOptions};
use numpy::PyArrayMethods;
use pyo3::prelude::*;

use crate::convert::{self, with_scores};
use crate::errors::IntoPyResult;
use crate::results::{Ces, Csat, Likert, Nps, Proportion, WaveTest};

/// Borrows optional weights as a slice for the duration of `f`.
pub(crate) fn with_weights<R>(
    weights: Option<&Bound<'_, PyAny>>,
    f: impl FnOnce(Option<&[f64]>) -> PyResult<R>,
) -> PyResult<R> {
    match convert::weights(weights)? {
        None => f(None),
        Some(w) => {
            let view = w.readonly();
            f(Some(view.as_slice().map_err(|e| {
                pyo3::exceptions::PyValueError::new_err(e.to_string())
            })?))
        }
    }
}

/// Net Promoter Score of 0-10 scores.
///
/// >>> r = cxkit.nps([10, 9, 8, 7, 6, 10])
/// >>> round(r.score, 1)
/// 33.3
#[pyfunction]
#[pyo3(signature = (scores, weights=None, confidence=0.95, method="adjusted_wald", nan_policy="raise"))]
pub(crate) fn nps(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    weights: Option<&Bound<'_, PyAny>>,
    confidence: f64,
    method: &str,
    nan_policy: &str,
) -> PyResult<Nps> {
    let options = NpsOptions {
        confidence,
        method: convert::nps_method(method)?,
        nan_policy: convert::nan_policy(nan_policy)?,
    };
    let arr = convert::array(scores, "scores")?;
    with_weights(weights, |w| {
        with_scores!(arr, s => py.detach(|| core::nps(s, w, &options)).py_err().map(Nps::from))
    })
}

/// Net Promoter Score from counts of detractors, passives and promoters.
#[pyfunction]
#[pyo3(signature = (detractors, passives, promoters, confidence=0.95, method="adjusted_wald"))]
pub(crate) fn nps_from_counts(
    detractors: u64,
    passives: u64,
    promoters: u64,
    confidence: f64,
    method: &str,
) -> PyResult<Nps> {
    let options = NpsOptions {
        confidence,
        method: convert::nps_method(method)?,
        ..NpsOptions::default()
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
    Ok(nps(py, obj, None, 0.95, "adjusted_wald", "raise")?.inner)
}

/// Tests whether NPS differs between two waves: delta = a - b in points.
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

fn top_box_options(
    scale: Option<&Bound<'_, PyAny>>,
    top: u32,
    confidence: f64,
    interval: &str,
    nan_policy: &str,
) -> PyResult<TopBoxOptions> {
    Ok(TopBoxOptions {
        scale: scale.map(convert::scale).transpose()?.unwrap_or(core::Scale::CSAT),
        top,
        confidence,
        interval: convert::interval(interval)?,
        nan_policy: convert::nan_policy(nan_policy)?,
    })
}

/// Share of scores in the top `top` points of the scale, with its interval.
#[pyfunction]
#[pyo3(signature = (scores, scale=None, top=2, weights=None, confidence=0.95, interval="wilson", nan_policy="raise"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn top_box(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    scale: Option<&Bound<'_, PyAny>>,
    top: u32,
    weights: Option<&Bound<'_, PyAny>>,
    confidence: f64,
    interval: &str,
    nan_policy: &str,
) -> PyResult<Proportion> {
    let options = top_box_options(scale, top, confidence, interval, nan_policy)?;
    let arr = convert::array(scores, "scores")?;
    with_weights(weights, |w| {
        with_scores!(arr, s => py.detach(|| core::top_box(s, w, &options)).py_err().map(Proportion::from))
    })
}

/// CSAT: top-box share (4-5 of 1-5 by default) and mean score.
#[pyfunction]
#[pyo3(signature = (scores, scale=None, top=2, weights=None, confidence=0.95, interval="wilson", nan_policy="raise"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn csat(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    scale: Option<&Bound<'_, PyAny>>,
    top: u32,
    weights: Option<&Bound<'_, PyAny>>,
    confidence: f64,
    interval: &str,
    nan_policy: &str,
) -> PyResult<Csat> {
    let options = top_box_options(scale, top, confidence, interval, nan_policy)?;
    let arr = convert::array(scores, "scores")?;
    with_weights(weights, |w| {
        with_scores!(arr, s => py.detach(|| core::csat(s, w, &options)).py_err().map(Csat::from))
    })
}

/// Customer Effort Score: mean agreement (1-7 by default) and share at or above `threshold`.
#[pyfunction]
#[pyo3(signature = (scores, scale=None, threshold=5, weights=None, confidence=0.95, interval="wilson", nan_policy="raise"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn ces(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    scale: Option<&Bound<'_, PyAny>>,
    threshold: i32,
    weights: Option<&Bound<'_, PyAny>>,
    confidence: f64,
    interval: &str,
    nan_policy: &str,
) -> PyResult<Ces> {
    let options = CesOptions {
        scale: scale.map(convert::scale).transpose()?.unwrap_or(core::Scale::CES),
        threshold,
        confidence,
        interval: convert::interval(interval)?,
        nan_policy: convert::nan_policy(nan_policy)?,
    };
    let arr = convert::array(scores, "scores")?;
    with_weights(weights, |w| {
        with_scores!(arr, s => py.detach(|| core::ces(s, w, &options)).py_err().map(Ces::from))
    })
}

/// Tests whether a top-box share differs between two waves: delta = a - b (fractions).
/// `a` and `b` are Proportion results, or Csat / Ces results (their top-box / easy share).
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

/// Distribution summary of a Likert item: counts, shares, mean, sd, median, top/bottom box.
#[pyfunction]
#[pyo3(signature = (scores, scale=None, boxes=2, weights=None, nan_policy="raise"))]
pub(crate) fn likert_summary(
    py: Python<'_>,
    scores: &Bound<'_, PyAny>,
    scale: Option<&Bound<'_, PyAny>>,
    boxes: u32,
    weights: Option<&Bound<'_, PyAny>>,
    nan_policy: &str,
) -> PyResult<Likert> {
    let options = LikertOptions {
        scale: scale.map(convert::scale).transpose()?.unwrap_or(core::Scale::CSAT),
        boxes,
        nan_policy: convert::nan_policy(nan_policy)?,
    };
    let arr = convert::array(scores, "scores")?;
    with_weights(weights, |w| {
        with_scores!(arr, s => py.detach(|| core::likert_summary(s, w, &options)).py_err().map(Likert::from))
    })
}

/// Wilson score interval for `successes` of `n` at `confidence`: (low, high).
#[pyfunction]
#[pyo3(signature = (successes, n, confidence=0.95))]
pub(crate) fn wilson_interval(successes: f64, n: f64, confidence: f64) -> PyResult<(f64, f64)> {
    core::wilson_interval(successes, n, confidence).py_err()
}

/// Adds the functions to the module.
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
    Ok(())
}

