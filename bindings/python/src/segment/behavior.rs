//! Behavioural types of customers from declared indicators, for Python.

use cxkit_core::segment::{self as core, BehaviorRules, BehaviorType, Indicator};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{floats, frame, index_of};
use crate::error::{invalid, IntoPyResult};
use crate::labels::rows_matched;

/// Named float64 columns of an indicator argument: one array-like (named `default`), a dict
/// of them, or a DataFrame (its columns); and the index of the first pandas object.
#[allow(clippy::type_complexity)]
fn named_columns<'py>(
    obj: &Bound<'py, PyAny>,
    default: &'static str,
    reference: Option<(&'static str, &Bound<'py, PyAny>)>,
) -> PyResult<(
    Vec<(String, Bound<'py, PyArray1<f64>>)>,
    Option<Bound<'py, PyAny>>,
)> {
    let index = index_of(obj)?;
    let items: Vec<(String, Bound<'py, PyAny>)> = if let Ok(d) = obj.cast::<PyDict>() {
        d.iter()
            .map(|(k, v)| Ok((k.str()?.to_string(), v)))
            .collect::<PyResult<_>>()?
    } else if obj.hasattr("columns")? {
        obj.getattr("columns")?
            .try_iter()?
            .map(|c| {
                let c = c?;
                Ok((c.str()?.to_string(), obj.get_item(&c)?))
            })
            .collect::<PyResult<_>>()?
    } else {
        vec![(default.to_string(), obj.clone())]
    };
    // Every indicator describes the customers of the first pandas indicator: matched by
    // index label, never by position.
    let cols = items
        .into_iter()
        .map(|(name, v)| {
            let v = match reference {
                Some(r) => rows_matched(r, (default, &v))?,
                None => v,
            };
            Ok((name, floats(&v, "indicator")?))
        })
        .collect::<PyResult<_>>()?;
    Ok((cols, index))
}

/// Behavioural types: each customer is price-sensitive, service-driven, product-driven or
/// mixed, from declared indicators. ``price``, ``service`` and ``product`` each take one
/// indicator (an array-like), a dict of named indicators or a DataFrame of them (e.g. rate
/// sensitivity; branch and contact-centre use; products held). Every indicator becomes a
/// mid-rank percentile among the customers ((lower + half of equal) / n; 1 − p for names in
/// ``reversed``); a type's score is the weighted mean (``weights``: a dict by indicator name,
/// default 1) of its indicators'. The top type wins when its score is at least ``min_score``
/// and leads the runner-up by ``margin``; otherwise "mixed". Returns a DataFrame of the
/// scores (price_sensitive, service_driven, product_driven, for the types given) and type.
///
/// >>> t = cxkit.behavior_types(price=[4, 3, 2, 1], service=[1, 4, 2, 3], product=[1, 1, 4, 2])
/// >>> t["type"].tolist()
/// ['price_sensitive', 'service_driven', 'product_driven', 'mixed']
#[pyfunction]
#[pyo3(signature = (price=None, service=None, product=None, weights=None, reversed=None, min_score=0.6, margin=0.1))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn behavior_types<'py>(
    py: Python<'py>,
    price: Option<&Bound<'py, PyAny>>,
    service: Option<&Bound<'py, PyAny>>,
    product: Option<&Bound<'py, PyAny>>,
    weights: Option<std::collections::HashMap<String, f64>>,
    reversed: Option<Vec<String>>,
    min_score: f64,
    margin: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let weights = weights.unwrap_or_default();
    let reversed = reversed.unwrap_or_default();
    let mut columns = Vec::new();
    let mut index = None;
    let args = [
        (price, "price", BehaviorType::PriceSensitive),
        (service, "service", BehaviorType::ServiceDriven),
        (product, "product", BehaviorType::ProductDriven),
    ];
    // The first pandas object among the indicators (or inside a dict of them) is the one
    // the others are matched to.
    let mut reference = None;
    for (arg, name, _) in &args {
        if let Some(arg) = arg {
            let candidates: Vec<Bound<'py, PyAny>> = match arg.cast::<PyDict>() {
                Ok(d) => d.values().iter().collect(),
                Err(_) => vec![(*arg).clone()],
            };
            if let Some(c) = candidates
                .into_iter()
                .find(|c| index_of(c).is_ok_and(|i| i.is_some()))
            {
                reference = Some((*name, c));
                break;
            }
        }
    }
    for (arg, name, t) in args {
        if let Some(arg) = arg {
            let (cols, idx) = named_columns(arg, name, reference.as_ref().map(|(n, r)| (*n, r)))?;
            index = index.or(idx);
            columns.extend(cols.into_iter().map(|(n, c)| (n, c, t)));
        }
    }
    for name in weights.keys().chain(&reversed) {
        if !columns.iter().any(|(n, _, _)| n == name) {
            return Err(invalid("weights", format!("{name:?} names no indicator")));
        }
    }
    let views: Vec<PyReadonlyArray1<f64>> = columns.iter().map(|(_, c, _)| c.readonly()).collect();
    let indicators = columns
        .iter()
        .zip(&views)
        .map(|((name, _, t), v)| {
            Ok(Indicator {
                name,
                values: v.as_slice()?,
                points_to: *t,
                weight: weights.get(name).copied().unwrap_or(1.0),
                reversed: reversed.contains(name),
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    let rules = BehaviorRules { min_score, margin };
    let r = py
        .detach(|| core::behavior_types(&indicators, &rules))
        .py_err()?;
    let cols = PyDict::new(py);
    for (t, s) in BehaviorType::DRIVEN.iter().zip(r.scores) {
        if let Some(s) = s {
            cols.set_item(t.name(), PyArray1::from_vec(py, s))?;
        }
    }
    let names: Vec<&str> = r.types.iter().map(|t| t.name()).collect();
    cols.set_item("type", names)?;
    frame(py, cols, index, None)
}

/// Adds behavioural types to the module.
pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(behavior_types, m)?)?;
    Ok(())
}
