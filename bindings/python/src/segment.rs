//! Segmentation for Python: RFM scores and the customer pyramid.

use cxkit_core::segment::{self as core, RfmBinning, RfmOptions, RfmSegmentMap, TierCuts};
use numpy::{PyArrayMethods, ToPyArray};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{floats, frame, index_of};
use crate::errors::{invalid, IntoPyResult};
use crate::labels::matched;

/// Names by code: a pandas Categorical (codes and the names, no string per row), or without
/// pandas a numpy array of the names.
fn categorical<'py>(
    py: Python<'py>,
    codes: Bound<'py, PyAny>,
    names: &[String],
) -> PyResult<Bound<'py, PyAny>> {
    match py.import("pandas") {
        Ok(pd) => pd
            .getattr("Categorical")?
            .call_method1("from_codes", (codes, names.to_vec())),
        Err(_) => py
            .import("numpy")?
            .call_method1("array", (names.to_vec(),))?
            .get_item(codes),
    }
}

/// A segment map from a list of dicts {"name", "r": (lo, hi), "f": (lo, hi), "m": (lo, hi)}.
fn segment_map(rules: &Bound<'_, PyAny>, bins: u32, fallback: &str) -> PyResult<RfmSegmentMap> {
    let mut out = Vec::new();
    for rule in rules.try_iter()? {
        let rule = rule?;
        let get = |k: &str, default: (u8, u8)| -> PyResult<(u8, u8)> {
            match rule.get_item(k) {
                Ok(v) => v.extract(),
                Err(_) => Ok(default),
            }
        };
        let all = (1, bins as u8);
        out.push(core::RfmRule {
            name: rule.get_item("name")?.extract()?,
            r: get("r", all)?,
            f: get("f", all)?,
            m: get("m", all)?,
        });
    }
    Ok(RfmSegmentMap {
        rules: out,
        fallback: fallback.to_string(),
        bins,
    })
}

/// RFM scores: recency (time since the last purchase, smaller is better), frequency and
/// monetary value scored 1..``bins`` in quantile bins (5 best), where a score is
/// 1 + floor(bins × customers strictly worse / n) so ties share a bin; ``binning`` is
/// "independent" or "nested" (F within R, M within R×F). Returns a DataFrame with r, f, m,
/// cell (e.g. 545) and segment, a categorical column (the default R×F map for 5 bins, or
/// ``segments``: a list of {"name", "r": (lo, hi), "f": (lo, hi), "m": (lo, hi)} rules,
/// first match wins).
///
/// >>> s = cxkit.rfm_scores([2, 40, 10, 90, 5], [12, 1, 4, 1, 8], [900, 20, 150, 35, 400])
/// >>> s["cell"].tolist(), s["segment"].tolist()[0]
/// ([555, 211, 333, 112, 444], 'Champions')
#[pyfunction]
#[pyo3(signature = (recency, frequency, monetary, bins=5, binning="independent", segments=None, fallback="Other"))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn rfm_scores<'py>(
    py: Python<'py>,
    recency: &Bound<'py, PyAny>,
    frequency: &Bound<'py, PyAny>,
    monetary: &Bound<'py, PyAny>,
    bins: u32,
    binning: &str,
    segments: Option<&Bound<'py, PyAny>>,
    fallback: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let binning: RfmBinning = crate::convert::named(binning)?;
    let map = match segments {
        Some(rules) => segment_map(rules, bins, fallback)?,
        None => RfmSegmentMap {
            fallback: fallback.to_string(),
            ..RfmSegmentMap::default()
        },
    };
    let index = index_of(recency)?;
    let frequency = matched(("recency", recency), ("frequency", frequency))?;
    let monetary = matched(("recency", recency), ("monetary", monetary))?;
    let (r, f, m) = (
        floats(recency, "recency")?,
        floats(&frequency, "frequency")?,
        floats(&monetary, "monetary")?,
    );
    let (r, f, m) = (r.readonly(), f.readonly(), m.readonly());
    let err = |e: numpy::AsSliceError| PyValueError::new_err(e.to_string());
    let (r, f, m) = (
        r.as_slice().map_err(err)?,
        f.as_slice().map_err(err)?,
        m.as_slice().map_err(err)?,
    );
    let options = RfmOptions { bins, binning };
    let s = py
        .detach(|| core::rfm_scores(r, f, m, &options, &map))
        .py_err()?;
    let cols = PyDict::new(py);
    cols.set_item("r", s.r.to_pyarray(py))?;
    cols.set_item("f", s.f.to_pyarray(py))?;
    cols.set_item("m", s.m.to_pyarray(py))?;
    cols.set_item("cell", s.cell.to_pyarray(py))?;
    cols.set_item(
        "segment",
        categorical(py, s.segment.to_pyarray(py).into_any(), &s.segment_names)?,
    )?;
    frame(py, cols, index, None)
}

/// The customer pyramid: platinum / gold / iron / lead tiers by ``value`` (profitability or
/// CLV). ``shares`` (default (0.05, 0.15, 0.30): the share of customers in platinum, gold
/// and iron; equal values share a tier, placed by the middle of their ranks, so that 99 % of
/// customers at 0 are lead, and customers all worth the same are all lead) or
/// ``thresholds`` (decreasing lowest values of platinum, gold and iron). Returns (tiers,
/// summary): the tier per customer (a categorical Series named "tier", indexed like
/// ``value`` when it is a Series) and a DataFrame with customers, customer_share, value and
/// value_share per tier (NaN when the total is 0 or some customer is worth less than
/// nothing: a share of gains netted against losses is not a share).
///
/// >>> tiers, summary = cxkit.value_tiers(list(range(1, 21)))
/// >>> summary["customers"].tolist()
/// [1, 3, 6, 10]
#[pyfunction]
#[pyo3(signature = (value, shares=None, thresholds=None))]
pub(crate) fn value_tiers<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    shares: Option<[f64; 3]>,
    thresholds: Option<[f64; 3]>,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let cuts = match (shares, thresholds) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                "cuts",
                "give shares or thresholds, not both".into(),
            ))
        }
        (Some(s), None) => TierCuts::Shares(s),
        (None, Some(t)) => TierCuts::Thresholds(t),
        (None, None) => TierCuts::default(),
    };
    let index = index_of(value)?;
    let v = floats(value, "value")?;
    let v = v.readonly();
    let v = v
        .as_slice()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let t = py.detach(|| core::value_tiers(v, &cuts)).py_err()?;
    let names: Vec<String> = core::TIER_NAMES.iter().map(|s| s.to_string()).collect();
    let mut tiers = categorical(py, t.tier.to_pyarray(py).into_any(), &names)?;
    if let Ok(pd) = py.import("pandas") {
        let kwargs = PyDict::new(py);
        if let Some(index) = index {
            kwargs.set_item("index", index)?;
        }
        kwargs.set_item("name", "tier")?;
        tiers = pd.call_method("Series", (tiers,), Some(&kwargs))?;
    }
    let cols = PyDict::new(py);
    cols.set_item(
        "customers",
        t.summary.iter().map(|s| s.customers).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "customer_share",
        t.summary
            .iter()
            .map(|s| s.customer_share)
            .collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "value",
        t.summary.iter().map(|s| s.value).collect::<Vec<_>>(),
    )?;
    cols.set_item(
        "value_share",
        t.summary
            .iter()
            .map(|s| s.value_share.unwrap_or(f64::NAN))
            .collect::<Vec<_>>(),
    )?;
    let tier_names: Vec<&str> = core::TIER_NAMES.to_vec();
    let summary = frame(
        py,
        cols,
        Some(pyo3::types::PyList::new(py, tier_names)?.into_any()),
        None,
    )?;
    Ok((tiers, summary))
}

/// Adds the segmentation functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(rfm_scores, m)?)?;
    m.add_function(wrap_pyfunction!(value_tiers, m)?)?;
    Ok(())
}
