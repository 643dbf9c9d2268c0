//! Silhouettes of a clustering for Python.

use cxkit_core::segment::{self as core, SilhouetteOptions};
use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;

use super::matrix;
use crate::error::IntoPyResult;
use crate::labels::{LabelColumn, Missing};

/// Dense cluster codes of any labels (integers or text, see `crate::labels`).
fn label_codes<'py>(labels: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray1<u32>>> {
    let column = LabelColumn::read(labels, "labels", Missing::Refuse)?;
    Ok(PyArray1::from_vec(labels.py(), column.codes))
}

/// Mean silhouette of a clustering of the rows of ``X`` by ``labels`` (any label values),
/// with Euclidean distances: s = (b − a) / max(a, b) per row; 0 for a row alone in its
/// cluster. ``sample_size`` scores a seeded random sample of rows instead (scikit-learn's
/// ``sample_size``; the exact score costs n² distances). Needs 2 ≤ clusters ≤ n − 1.
///
/// >>> cxkit.silhouette_score([[0], [1], [10], [11]], [0, 0, 1, 1])  # doctest: +ELLIPSIS
/// 0.8997...
#[pyfunction]
#[pyo3(signature = (X, labels, sample_size=None, seed=0))]
#[allow(non_snake_case)]
pub(crate) fn silhouette_score<'py>(
    py: Python<'py>,
    X: &Bound<'py, PyAny>,
    labels: &Bound<'py, PyAny>,
    sample_size: Option<usize>,
    seed: u64,
) -> PyResult<f64> {
    let x = matrix(X)?;
    let x = x.readonly();
    let codes = label_codes(labels)?;
    let codes = codes.readonly();
    let (view, codes) = (x.as_array(), codes.as_slice()?);
    let options = SilhouetteOptions { sample_size, seed };
    py.detach(|| core::silhouette_score(view, codes, &options))
        .py_err()
}

/// Silhouette of every row of ``X`` under ``labels`` (see ``silhouette_score``).
///
/// >>> cxkit.silhouette_samples([[0], [1], [4]], [0, 0, 1]).tolist()
/// [0.75, 0.6666666666666666, 0.0]
#[pyfunction]
#[pyo3(signature = (X, labels))]
#[allow(non_snake_case)]
pub(crate) fn silhouette_samples<'py>(
    py: Python<'py>,
    X: &Bound<'py, PyAny>,
    labels: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let x = matrix(X)?;
    let x = x.readonly();
    let codes = label_codes(labels)?;
    let codes = codes.readonly();
    let (view, codes) = (x.as_array(), codes.as_slice()?);
    let s = py
        .detach(|| core::silhouette_samples(view, codes))
        .py_err()?;
    Ok(PyArray1::from_vec(py, s))
}

/// Adds the silhouettes to the module.
pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(silhouette_score, m)?)?;
    m.add_function(wrap_pyfunction!(silhouette_samples, m)?)?;
    Ok(())
}
