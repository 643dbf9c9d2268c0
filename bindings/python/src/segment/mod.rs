//! Segmentation for Python: RFM, the customer pyramid, k-means with silhouettes and the scan
//! over k, behavioural types and segment profiles; one file per core module.

mod behavior;
mod kmeans;
mod profile;
mod rfm;
mod scan;
mod silhouette;
mod tiers;

use numpy::PyArray2;
use pyo3::prelude::*;

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

/// A float64 samples × features matrix (a view when possible, any layout).
fn matrix<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray2<f64>>> {
    Ok(crate::convert::named_matrix(x.py(), x, "X", false)?.0)
}

/// Adds the segmentation functions and classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    rfm::register(m)?;
    tiers::register(m)?;
    kmeans::register(m)?;
    silhouette::register(m)?;
    scan::register(m)?;
    behavior::register(m)?;
    profile::register(m)
}
