//! Reliability for Python: Cronbach's alpha and its result class.

use cxkit_core::covariance::MissingData;
use cxkit_core::reliability::{self as rel, AlphaOptions};
use numpy::PyArrayMethods;
use pyo3::prelude::*;

use crate::convert::named_matrix;
use crate::convert::result::{list, result_class, table, Named};
use crate::covariance::missing;
use crate::error::IntoPyResult;

result_class! {
    /// Cronbach's alpha: `alpha` with Feldt's `ci_low`/`ci_high`, `standardized_alpha`,
    /// `mean_inter_item_r`, `n` respondents, `k` items, and `items` (a DataFrame: mean, sd,
    /// n, item_total_r, alpha_if_deleted).
    CronbachAlpha(Named<rel::CronbachAlpha>) {
        alpha: f64 = |r| r.result.alpha,
        ci_low: f64 = |r| r.result.ci_low,
        ci_high: f64 = |r| r.result.ci_high,
        confidence: f64 = |r| r.result.confidence,
        standardized_alpha: f64 = |r| r.result.standardized_alpha,
        mean_inter_item_r: f64 = |r| r.result.mean_inter_item_r,
        n: usize = |r| r.result.n,
        k: usize = |r| r.result.k,
    }
    methods {
        /// Per-item statistics, one row per item.
        #[getter]
        fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let it = &self.inner.result.items;
            let nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
            table(py, &self.inner.names, "item", vec![
                ("mean", list(py, &it.iter().map(|i| nan(i.mean)).collect::<Vec<_>>())?),
                ("sd", list(py, &it.iter().map(|i| i.sd).collect::<Vec<_>>())?),
                ("n", list(py, &it.iter().map(|i| i.n).collect::<Vec<_>>())?),
                ("item_total_r", list(py, &it.iter().map(|i| i.item_total_r).collect::<Vec<_>>())?),
                ("alpha_if_deleted", list(py, &it.iter().map(|i| nan(i.alpha_if_deleted)).collect::<Vec<_>>())?),
            ])
        }
    }
}

/// Cronbach's alpha of ``items`` (respondents × items; NaN for a missing answer) with
/// Feldt's interval at ``confidence``, standardized alpha, and per item the mean, sd,
/// corrected item-total correlation and alpha if deleted. ``nan_policy``: "pairwise"
/// (as pingouin and R psych) or "listwise".
///
/// >>> a = cxkit.cronbach_alpha([[1, 2, 2], [2, 2, 3], [4, 5, 4], [5, 4, 5]])
/// >>> round(a.alpha, 4), a.k, list(a.items.columns)
/// (0.9447, 3, ['mean', 'sd', 'n', 'item_total_r', 'alpha_if_deleted'])
#[pyfunction]
#[pyo3(signature = (items, nan_policy="pairwise", confidence=0.95))]
pub(crate) fn cronbach_alpha<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    nan_policy: &str,
    confidence: f64,
) -> PyResult<CronbachAlpha> {
    let (x, names, _) = named_matrix(py, items, "items", false)?;
    let o = AlphaOptions {
        missing: missing(nan_policy, MissingData::Pairwise)?,
        confidence,
    };
    let xv = x.readonly();
    let xv = xv.as_array();
    let r = py.detach(|| rel::cronbach_alpha(xv, &o)).py_err()?;
    Ok(Named::new(names, r).into())
}

/// Adds Cronbach's alpha to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(cronbach_alpha, m)?)?;
    m.add_class::<CronbachAlpha>()?;
    Ok(())
}
