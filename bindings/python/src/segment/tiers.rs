//! The customer pyramid (value tiers) for Python.

use cxkit_core::segment::{self as core, TierCuts};
use numpy::{PyArrayMethods, ToPyArray};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::categorical;
use crate::convert::{floats, frame, index_of};
use crate::error::{invalid, IntoPyResult};

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

/// Adds the customer pyramid to the module.
pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(value_tiers, m)?)?;
    Ok(())
}
