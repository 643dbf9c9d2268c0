//! Customer value for Python: delivered value (value minus cost, by weighted components) and
//! the comparison of an offer with a competitor's.

use cxkit_core::value::{self as value_core, ValueModel};
use numpy::{PyArrayMethods, ToPyArray};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{frame, named_matrix};
use crate::error::{invalid, IntoPyResult};
use crate::labels::rows_matched;

/// Delivered value per customer: weighted value components minus weighted cost components.
///
/// ``value`` and ``cost`` are customers × components (DataFrames name the components);
/// ``value_weights`` / ``cost_weights`` map names (or positions) to weights, equal by default.
/// Returns a DataFrame with total_value, total_cost, delivered_value and value_cost_ratio
/// (NaN where the cost is 0).
///
/// >>> r = cxkit.delivered_value([[8.0, 6.0]], [[5.0, 2.0]], value_weights=[0.5, 0.5], cost_weights=[0.7, 0.3])
/// >>> round(float(r["delivered_value"][0]), 6)
/// 2.9
#[pyfunction]
#[pyo3(signature = (value, cost, value_weights=None, cost_weights=None))]
pub(crate) fn delivered_value<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
    cost: &Bound<'py, PyAny>,
    value_weights: Option<&Bound<'py, PyAny>>,
    cost_weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let cost = rows_matched(("value", value), ("cost", cost))?;
    let (v, v_names, index) = named_matrix(py, value, "value", true)?;
    let (c, c_names, _) = named_matrix(py, &cost, "cost", true)?;
    let model = ValueModel {
        value: components(&v_names, value_weights)?,
        cost: components(&c_names, cost_weights)?,
    };
    let (vr, cr) = (v.readonly(), c.readonly());
    let r = value_core::delivered_value(vr.as_array(), cr.as_array(), &model).py_err()?;
    let cols = PyDict::new(py);
    cols.set_item("total_value", r.total_value.to_pyarray(py))?;
    cols.set_item("total_cost", r.total_cost.to_pyarray(py))?;
    cols.set_item("delivered_value", r.delivered.to_pyarray(py))?;
    let ratio: Vec<f64> = r.ratio.iter().map(|x| x.unwrap_or(f64::NAN)).collect();
    cols.set_item("value_cost_ratio", ratio.to_pyarray(py))?;
    frame(py, cols, index, None)
}

/// Components from names and optional weights (a dict by name, or a sequence by position).
fn components(
    names: &[String],
    weights: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<value_core::Component>> {
    let k = names.len();
    let weights: Vec<f64> = match weights {
        None => vec![1.0 / k as f64; k],
        Some(w) if w.is_instance_of::<PyDict>() => {
            let d = w.cast::<PyDict>()?;
            names
                .iter()
                .map(|n| {
                    d.get_item(n)?
                        .ok_or_else(|| {
                            invalid("weights", format!("no weight for component {n:?}"))
                        })?
                        .extract::<f64>()
                })
                .collect::<PyResult<_>>()?
        }
        Some(w) => w.extract()?,
    };
    if weights.len() != k {
        return Err(crate::error::to_py(cxkit_core::Error::LengthMismatch {
            what: "weights (one per component)",
            expected: k,
            actual: weights.len(),
        }));
    }
    Ok(names
        .iter()
        .zip(weights)
        .map(|(n, w)| value_core::Component {
            name: n.clone(),
            weight: w,
        })
        .collect())
}

/// Compares the bank's offer with a competitor's: dicts of component → score on each side.
/// Returns a dict with our/their value, cost and ratio, the value surplus, and the drivers
/// (components ranked by their contribution to the surplus).
///
/// >>> c = cxkit.compare_offers({"rates": 7, "app": 9}, {"fees": 3}, {"rates": 8, "app": 5}, {"fees": 4})
/// >>> c["value_surplus"], [d["name"] for d in c["drivers"]]
/// (2.5, ['app', 'fees', 'rates'])
#[pyfunction]
#[pyo3(signature = (our_value, our_cost, their_value, their_cost, value_weights=None, cost_weights=None))]
pub(crate) fn compare_offers<'py>(
    py: Python<'py>,
    our_value: &Bound<'py, PyDict>,
    our_cost: &Bound<'py, PyDict>,
    their_value: &Bound<'py, PyDict>,
    their_cost: &Bound<'py, PyDict>,
    value_weights: Option<&Bound<'py, PyAny>>,
    cost_weights: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let names = |d: &Bound<'py, PyDict>| -> PyResult<Vec<String>> { d.keys().extract() };
    let (v_names, c_names) = (names(our_value)?, names(our_cost)?);
    let scores = |d: &Bound<'py, PyDict>, names: &[String]| -> PyResult<Vec<f64>> {
        names
            .iter()
            .map(|n| {
                d.get_item(n)?
                    .ok_or_else(|| invalid("scores", format!("no score for component {n:?}")))?
                    .extract::<f64>()
            })
            .collect()
    };
    let model = ValueModel {
        value: components(&v_names, value_weights)?,
        cost: components(&c_names, cost_weights)?,
    };
    let c = value_core::compare_offers(
        &scores(our_value, &v_names)?,
        &scores(our_cost, &c_names)?,
        &scores(their_value, &v_names)?,
        &scores(their_cost, &c_names)?,
        &model,
    )
    .py_err()?;
    crate::convert::result::to_dict(py, &c)
}

/// Adds delivered value and the offer comparison to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(delivered_value, m)?)?;
    m.add_function(wrap_pyfunction!(compare_offers, m)?)?;
    Ok(())
}
