//! The customer pyramid (value tiers) for Python.

use cxkit_core::segment::{self as core, TierCuts};
use numpy::{PyArrayMethods, ToPyArray};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};

use super::categorical;
use crate::convert::result::{from_json, list, reduce, table, to_dict, to_json};
use crate::convert::{floats, index_of};
use crate::error::{invalid, IntoPyResult};

/// The customer pyramid: ``tiers``, the tier per customer (a categorical Series named
/// "tier", indexed like the ``value`` given when it was a Series), and ``summary``, a
/// DataFrame with customers, customer_share, value and value_share per tier (platinum
/// first; value_share is NaN when the total is 0 or some customer is worth less than
/// nothing: a share of gains netted against losses is not a share).
#[pyclass(module = "cxkit", frozen)]
pub struct ValueTiers {
    inner: core::ValueTiers,
    /// The index of the ``value`` Series, if it was one.
    index: Option<Py<PyAny>>,
}

#[pymethods]
impl ValueTiers {
    /// This result's chart, ``cxkit.plot.value_tiers(self, **kwargs)`` (``ax``, ``lang``, …;
    /// needs matplotlib: ``pip install "cxkit[plot]"``).
    #[pyo3(signature = (**kwargs))]
    fn plot<'py>(
        slf: &Bound<'py, Self>,
        kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::result::plot(slf.as_any(), "value_tiers", kwargs)
    }

    /// The tier per customer.
    #[getter]
    fn tiers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let names: Vec<String> = core::TIER_NAMES.iter().map(|s| s.to_string()).collect();
        let tiers = categorical(py, self.inner.tier.to_pyarray(py).into_any(), &names)?;
        let Ok(pd) = py.import("pandas") else {
            return Ok(tiers);
        };
        let kwargs = PyDict::new(py);
        if let Some(index) = &self.index {
            kwargs.set_item("index", index.bind(py))?;
        }
        kwargs.set_item("name", "tier")?;
        pd.call_method("Series", (tiers,), Some(&kwargs))
    }

    /// One row per tier, platinum first.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = &self.inner.summary;
        let names: Vec<String> = core::TIER_NAMES.iter().map(|s| s.to_string()).collect();
        table(
            py,
            &names,
            "tier",
            vec![
                (
                    "customers",
                    list(py, &t.iter().map(|s| s.customers).collect::<Vec<_>>())?,
                ),
                (
                    "customer_share",
                    list(py, &t.iter().map(|s| s.customer_share).collect::<Vec<_>>())?,
                ),
                (
                    "value",
                    list(py, &t.iter().map(|s| s.value).collect::<Vec<_>>())?,
                ),
                (
                    "value_share",
                    list(
                        py,
                        &t.iter()
                            .map(|s| s.value_share.unwrap_or(f64::NAN))
                            .collect::<Vec<_>>(),
                    )?,
                ),
            ],
        )
    }

    /// The result as a dict of plain Python values (``tier`` codes 0 platinum … 3 lead).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let counts: Vec<String> = core::TIER_NAMES
            .iter()
            .zip(&self.inner.summary)
            .map(|(n, s)| format!("{n}={}", s.customers))
            .collect();
        format!("ValueTiers({})", counts.join(", "))
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        crate::convert::result::html(&self.summary(py)?, || self.__repr__())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let (py, me) = (slf.py(), slf.get());
        let index = me.index.as_ref().map(|i| i.clone_ref(py));
        reduce(slf.as_any(), (to_json(&me.inner)?, index))
    }

    /// Rebuilds the result from its pickled state.
    #[classmethod]
    fn _from_state(
        _cls: &Bound<'_, PyType>,
        state: &str,
        index: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        Ok(ValueTiers {
            inner: from_json(state)?,
            index,
        })
    }
}

/// The customer pyramid: platinum / gold / iron / lead tiers by ``value`` (profitability or
/// CLV). ``shares`` (default (0.05, 0.15, 0.30): the share of customers in platinum, gold
/// and iron; equal values share a tier, placed by the middle of their ranks, so that 99 % of
/// customers at 0 are lead, and customers all worth the same are all lead) or
/// ``thresholds`` (decreasing lowest values of platinum, gold and iron). Returns a
/// ValueTiers: ``tiers`` per customer and the ``summary`` per tier.
///
/// >>> t = cxkit.value_tiers(list(range(1, 21)))
/// >>> t.summary["customers"].tolist(), t.tiers.iloc[-1]
/// ([1, 3, 6, 10], 'platinum')
#[pyfunction]
#[pyo3(signature = (value, shares=None, thresholds=None))]
pub(crate) fn value_tiers(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    shares: Option<[f64; 3]>,
    thresholds: Option<[f64; 3]>,
) -> PyResult<ValueTiers> {
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
    let index = index_of(value)?.map(Bound::unbind);
    let v = floats(value, "value")?;
    let v = v.readonly();
    let v = v
        .as_slice()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let inner = py.detach(|| core::value_tiers(v, &cuts)).py_err()?;
    Ok(ValueTiers { inner, index })
}

/// Adds the customer pyramid to the module.
pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(value_tiers, m)?)?;
    m.add_class::<ValueTiers>()?;
    Ok(())
}
