//! k-means clustering for Python.

use cxkit_core::segment as core;
use numpy::{PyArray1, PyArray2, PyArrayMethods, ToPyArray};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use super::matrix;
use crate::convert::{optional_floats, optional_slice};
use crate::error::IntoPyResult;

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

/// Adds k-means to the module.
pub(super) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<KMeans>()?;
    Ok(())
}
