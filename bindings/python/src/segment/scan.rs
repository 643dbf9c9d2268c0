//! The k-means scan over k (inertia, elbow, silhouettes) for Python.

use cxkit_core::segment::{self as core, SilhouetteOptions};
use numpy::PyArrayMethods;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::matrix;
use crate::convert::{frame, optional_floats, optional_slice};
use crate::error::IntoPyResult;

/// k-means over several k, to choose k: a DataFrame indexed by k with inertia, n_iter and
/// silhouette (NaN for k = 1 or when ``silhouette=False``), and in ``DataFrame.attrs`` the
/// ``elbow`` (kneedle: the k farthest below the line joining the first and last points of
/// the rescaled inertia curve; None with fewer than three k) and ``best_silhouette``.
/// The other arguments are ``KMeans``'; ``sample_size`` samples the silhouettes.
///
/// >>> X = [[0], [0.1], [0.2], [50], [50.1], [50.2], [100], [100.1], [100.2]]
/// >>> scan = cxkit.kmeans_scan(X, ks=range(1, 8))
/// >>> scan.attrs["elbow"], scan.attrs["best_silhouette"]
/// (3, 3)
#[pyfunction]
#[pyo3(signature = (X, ks=None, sample_weight=None, n_init=1, max_iter=300, tol=1e-4, seed=0, standardize=false, silhouette=true, sample_size=None))]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub(crate) fn kmeans_scan<'py>(
    py: Python<'py>,
    X: &Bound<'py, PyAny>,
    ks: Option<Vec<usize>>,
    sample_weight: Option<&Bound<'py, PyAny>>,
    n_init: usize,
    max_iter: usize,
    tol: f64,
    seed: u64,
    standardize: bool,
    silhouette: bool,
    sample_size: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let ks = ks.unwrap_or_else(|| (1..=10).collect());
    let x = matrix(X)?;
    let x = x.readonly();
    let w = optional_floats(sample_weight, "sample_weight")?;
    let w = optional_slice(&w)?;
    let options = core::KMeansOptions {
        n_clusters: 1,
        n_init,
        max_iter,
        tol,
        seed,
        standardize,
    };
    let s = SilhouetteOptions { sample_size, seed };
    let view = x.as_array();
    let scan = py
        .detach(|| core::kmeans_scan(view, w, &ks, &options, silhouette.then_some(&s)))
        .py_err()?;
    let cols = PyDict::new(py);
    let column =
        |f: fn(&core::KMeansScanRow) -> f64| -> Vec<f64> { scan.rows.iter().map(f).collect() };
    cols.set_item("inertia", column(|r| r.inertia))?;
    cols.set_item(
        "n_iter",
        scan.rows.iter().map(|r| r.iterations).collect::<Vec<_>>(),
    )?;
    cols.set_item("silhouette", column(|r| r.silhouette.unwrap_or(f64::NAN)))?;
    let index = py.import("builtins")?.getattr("list")?.call1((ks,))?;
    let table = frame(py, cols, Some(index), Some("k"))?;
    let attrs = if table.hasattr("attrs")? {
        table.getattr("attrs")?
    } else {
        let attrs = PyDict::new(py).into_any();
        table.set_item("attrs", &attrs)?;
        attrs
    };
    attrs.set_item("elbow", scan.elbow)?;
    attrs.set_item("best_silhouette", scan.best_silhouette)?;
    Ok(table)
}

/// Adds the k-means scan to the module.
pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kmeans_scan, m)?)?;
    Ok(())
}
