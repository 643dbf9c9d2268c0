//! Clustering for Python: k-means with scikit-learn's names, silhouettes and a scan over k.

use cxkit_core::segment::{self as core, SilhouetteOptions};
use numpy::{PyArray1, PyArray2, PyArrayMethods, ToPyArray};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{frame, optional_floats, optional_slice};
use crate::errors::IntoPyResult;
use crate::labels::{LabelColumn, Missing};

/// k-means clustering with scikit-learn's names: greedy k-means++ initialisation, ``n_init``
/// restarts, Lloyd iterations until the squared centre shift is at most ``tol`` × the mean
/// feature variance; deterministic for a ``seed`` on any number of threads.
///
/// >>> km = cxkit.KMeans(2, seed=1).fit([[0, 0], [0, 1], [10, 10], [10, 11]])
/// >>> labels = km.labels_.tolist()
/// >>> labels[0] == labels[1], labels[0] != labels[2], km.inertia_
/// (True, True, 1.0)
#[pyclass(module = "cxkit")]
#[derive(Clone)]
pub struct KMeans {
    options: core::KMeansOptions,
    model: Option<core::KMeans>,
}

impl KMeans {
    fn model(&self) -> PyResult<&core::KMeans> {
        self.model.as_ref().ok_or_else(|| {
            pyo3::exceptions::PyRuntimeError::new_err("KMeans is not fitted yet: call fit()")
        })
    }
}

/// A float64 samples × features matrix (a view when possible, any layout).
fn matrix<'py>(x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyArray2<f64>>> {
    Ok(crate::convert::named_matrix(x.py(), x, "X", false)?.0)
}

#[pymethods]
impl KMeans {
    #[new]
    #[pyo3(signature = (n_clusters, n_init=1, max_iter=300, tol=1e-4, seed=0, standardize=false))]
    fn new(
        n_clusters: usize,
        n_init: usize,
        max_iter: usize,
        tol: f64,
        seed: u64,
        standardize: bool,
    ) -> Self {
        KMeans {
            options: core::KMeansOptions {
                n_clusters,
                n_init,
                max_iter,
                tol,
                seed,
                standardize,
            },
            model: None,
        }
    }

    /// Fits to the rows of ``X`` (optional ``sample_weight``). Returns the model.
    #[pyo3(signature = (X, sample_weight=None))]
    #[allow(non_snake_case)]
    fn fit<'py>(
        mut slf: PyRefMut<'py, Self>,
        X: &Bound<'py, PyAny>,
        sample_weight: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<PyRefMut<'py, Self>> {
        let py = slf.py();
        let x = matrix(X)?;
        let x = x.readonly();
        let w = optional_floats(sample_weight, "sample_weight")?;
        let w = optional_slice(&w)?;
        let options = slf.options;
        let view = x.as_array();
        let model = py
            .detach(|| core::KMeans::fit(view, w, &options))
            .py_err()?;
        slf.model = Some(model);
        Ok(slf)
    }

    /// The nearest centre of each row of ``X``.
    #[allow(non_snake_case)]
    fn predict<'py>(
        &self,
        py: Python<'py>,
        X: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyArray1<u32>>> {
        let x = matrix(X)?;
        let x = x.readonly();
        let labels = self.model()?.predict(x.as_array()).py_err()?;
        Ok(PyArray1::from_vec(py, labels))
    }

    /// Cluster of each training row.
    #[getter]
    fn labels_<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray1<u32>>> {
        Ok(self.model()?.labels.to_pyarray(py))
    }

    /// Centres, clusters × features.
    #[getter]
    fn cluster_centers_<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyArray2<f64>>> {
        Ok(self.model()?.centers.to_pyarray(py))
    }

    /// Weighted sum of squared distances to the nearest centre.
    #[getter]
    fn inertia_(&self) -> PyResult<f64> {
        Ok(self.model()?.inertia)
    }

    /// Lloyd iterations of the best restart.
    #[getter]
    fn n_iter_(&self) -> PyResult<usize> {
        Ok(self.model()?.iterations)
    }

    /// The fitted model as versioned bytes (centres, labels, inertia, scaling; the fit
    /// options other than k are not in them).
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        Ok(pyo3::types::PyBytes::new(py, &self.model()?.to_bytes()))
    }

    /// Reads a model written by ``to_bytes``; raises CorruptBytesError on anything else.
    ///
    /// >>> m = cxkit.KMeans(2).fit([[0, 0], [0, 1], [9, 9], [9, 8]])
    /// >>> cxkit.KMeans.from_bytes(m.to_bytes()).predict([[8, 8]]).tolist() == m.predict([[8, 8]]).tolist()
    /// True
    #[staticmethod]
    fn from_bytes(data: &[u8]) -> PyResult<Self> {
        let model = core::KMeans::from_bytes(data).py_err()?;
        Ok(KMeans {
            options: core::KMeansOptions {
                standardize: model.scaling.is_some(),
                ..core::KMeansOptions::new(model.centers.nrows())
            },
            model: Some(model),
        })
    }

    fn __getstate__(&self) -> PyResult<(String, Option<String>)> {
        let err = |e: serde_json::Error| PyValueError::new_err(e.to_string());
        Ok((
            serde_json::to_string(&self.options).map_err(err)?,
            self.model
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(err)?,
        ))
    }

    fn __setstate__(&mut self, state: (String, Option<String>)) -> PyResult<()> {
        let err = |e: serde_json::Error| PyValueError::new_err(format!("bad state: {e}"));
        self.options = serde_json::from_str(&state.0).map_err(err)?;
        self.model = state
            .1
            .map(|s| serde_json::from_str(&s))
            .transpose()
            .map_err(err)?;
        Ok(())
    }

    fn __getnewargs__(&self) -> (usize,) {
        (self.options.n_clusters,)
    }

    fn __repr__(&self) -> String {
        let o = &self.options;
        format!(
            "KMeans(n_clusters={}, n_init={}, max_iter={}, tol={}, seed={}, standardize={}{})",
            o.n_clusters,
            o.n_init,
            o.max_iter,
            o.tol,
            o.seed,
            o.standardize,
            self.model
                .as_ref()
                .map_or(", not fitted".to_string(), |m| format!(
                    ", inertia={:.6}",
                    m.inertia
                ))
        )
    }
}

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

/// Adds k-means, the silhouettes and the scan to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<KMeans>()?;
    m.add_function(wrap_pyfunction!(silhouette_score, m)?)?;
    m.add_function(wrap_pyfunction!(silhouette_samples, m)?)?;
    m.add_function(wrap_pyfunction!(kmeans_scan, m)?)?;
    Ok(())
}
