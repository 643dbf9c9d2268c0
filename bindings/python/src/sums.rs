//! Mergeable SERVQUAL and covariance state: the sufficient statistics of the service-quality
//! and reliability analyses, for partitions, batches and workers.

use cxkit_core::covariance::{self as cov, MissingData};
use cxkit_core::quality as q;
use cxkit_core::reliability as rel;
use numpy::PyArrayMethods;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple, PyType};

use crate::convert::named_matrix;
use crate::errors::{invalid, IntoPyResult};
use crate::labels::{in_order, matched};
use crate::quality::{missing, quality_options, table, CronbachAlpha, Named, Servqual};
use crate::shared::Shared;

/// "0", "1", … for `k` unnamed columns.
fn numbered(k: usize) -> Vec<String> {
    (0..k).map(|j| j.to_string()).collect()
}

/// Column names from ``items``: a count (names "0", "1", …) or a sequence of names.
fn names_of(items: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if let Ok(k) = items.extract::<usize>() {
        return Ok(numbered(k));
    }
    items
        .try_iter()
        .map_err(|_| invalid("items", "expected a count or a sequence of names".into()))?
        .map(|c| c.and_then(|c| c.str().map(|s| s.to_string())))
        .collect()
}

/// The names of a state's `k` columns read from bytes: those given (`what` names the
/// argument; as many as the state has) or "0", "1", ….
fn names_for(
    given: Option<&Bound<'_, PyAny>>,
    k: usize,
    what: &'static str,
) -> PyResult<Vec<String>> {
    let names = match given {
        Some(g) => names_of(g)?,
        None => numbered(k),
    };
    if names.len() != k {
        return Err(invalid(
            what,
            format!("{} names for a state of {k} {what}", names.len()),
        ));
    }
    Ok(names)
}

/// Merges the state `theirs` into `mine` when both name the same columns (`what` says what
/// the names are of); the other state is copied first, so no two locks are held at once.
fn merge_named<T: Send + Sync + Clone>(
    py: Python<'_>,
    what: &str,
    mine: (&[String], &Shared<T>),
    theirs: (&[String], &Shared<T>),
    merge: impl FnOnce(&mut T, &T) -> cxkit_core::Result<()> + Send,
) -> PyResult<()> {
    if theirs.0 != mine.0 {
        return Err(invalid(
            "other",
            format!("{what} {:?} differ from {:?}", theirs.0, mine.0),
        ));
    }
    let other = theirs.1.snapshot(py);
    mine.1.with(py, |a| merge(a, &other)).py_err()
}

/// The rows × columns matrix of `obj`; a DataFrame's columns are matched to the state's by
/// name (reordered, or refused when they are other names).
fn batch<'py>(
    py: Python<'py>,
    obj: &Bound<'py, PyAny>,
    what: &'static str,
    expected: &[String],
) -> PyResult<Bound<'py, numpy::PyArray2<f64>>> {
    let obj = in_order(obj, what, Some(("the state's columns", expected)))?;
    Ok(named_matrix(py, &obj, what, false)?.0)
}

/// Mergeable SERVQUAL state: ``update`` with batches of respondents (perceptions and
/// expectations, respondents × items), ``merge`` partitions, ``finish`` into the Servqual
/// that ``cxkit.servqual`` gives on all of them at once (without the weighted score). The
/// items are a count or their names; the other arguments are those of ``cxkit.servqual``.
///
/// >>> north = cxkit.ServqualAccumulator(["speed", "fees"], dimensions=["a", "b"])
/// >>> north.update([[5, 6]], [[6, 6]])
/// >>> south = cxkit.ServqualAccumulator(["speed", "fees"], dimensions=["a", "b"])
/// >>> south.update([[4, 7], [6, 5]], [[6, 6], [7, 6]])
/// >>> north.merge(cxkit.ServqualAccumulator.from_bytes(south.to_bytes(), ["speed", "fees"]))
/// >>> north.respondents, round(north.finish().overall.estimate, 4)
/// (3, -0.6667)
#[pyclass(module = "cxkit")]
pub struct ServqualAccumulator {
    names: Vec<String>,
    inner: Shared<q::ServqualAccumulator>,
}

#[pymethods]
impl ServqualAccumulator {
    #[new]
    #[pyo3(signature = (items, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy="raise", confidence=0.95), text_signature = "(items, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy='raise', confidence=0.95)")]
    fn new(
        items: &Bound<'_, PyAny>,
        dimensions: Option<&Bound<'_, PyAny>>,
        scale: (f64, f64),
        reversed: Option<&Bound<'_, PyAny>>,
        nan_policy: &str,
        confidence: f64,
    ) -> PyResult<Self> {
        let names = names_of(items)?;
        // Items given by name are labels; a count gives positions.
        let labelled = items.extract::<usize>().is_err();
        let o = quality_options(
            &names, labelled, dimensions, scale, reversed, nan_policy, confidence,
        )?;
        Ok(ServqualAccumulator {
            names,
            inner: Shared::new(q::ServqualAccumulator::new(o).py_err()?),
        })
    }

    /// Adds a batch of respondents. On error the state is unchanged. Threads may update one
    /// state at once (each summarises its batch with the GIL released).
    fn update<'py>(
        &self,
        py: Python<'py>,
        perceptions: &Bound<'py, PyAny>,
        expectations: &Bound<'py, PyAny>,
    ) -> PyResult<()> {
        let expectations = matched(("perceptions", perceptions), ("expectations", expectations))?;
        let p = batch(py, perceptions, "perceptions", &self.names)?;
        let e = batch(py, &expectations, "expectations", &self.names)?;
        let (p, e) = (p.readonly(), e.readonly());
        let (p, e) = (p.as_array(), e.as_array());
        let mut batch =
            q::ServqualAccumulator::new(self.inner.with(py, |a| a.options().clone())).py_err()?;
        py.detach(|| batch.update(p, e)).py_err()?;
        self.inner.with(py, |a| a.merge(&batch)).py_err()
    }

    /// Adds another state with the same items and options into this one.
    fn merge(&self, py: Python<'_>, other: &Self) -> PyResult<()> {
        merge_named(
            py,
            "items",
            (&self.names, &self.inner),
            (&other.names, &other.inner),
            |a, b| a.merge(b),
        )
    }

    /// Respondents with at least one rated item so far.
    #[getter]
    fn respondents(&self, py: Python<'_>) -> u64 {
        self.inner.with(py, |a| a.respondents())
    }

    /// Item names.
    #[getter]
    fn items(&self) -> Vec<String> {
        self.names.clone()
    }

    /// The SERVQUAL analysis of every respondent seen.
    fn finish(&self, py: Python<'_>) -> PyResult<Servqual> {
        let r = self.inner.with(py, |a| a.finish()).py_err()?;
        Ok(Named::new(self.names.clone(), r).into())
    }

    /// The state as versioned bytes (item names are not in them; give them to ``from_bytes``).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.with(py, |a| a.to_bytes()))
    }

    /// Reads state written by ``to_bytes`` (with the item names, default "0", "1", …);
    /// raises CorruptBytesError on anything else.
    #[classmethod]
    #[pyo3(signature = (data, items=None))]
    fn from_bytes(
        _cls: &Bound<'_, PyType>,
        data: &[u8],
        items: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let inner = q::ServqualAccumulator::from_bytes(data).py_err()?;
        let names = names_for(items, inner.options().dimensions.of_item.len(), "items")?;
        Ok(ServqualAccumulator {
            names,
            inner: Shared::new(inner),
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let from_bytes = slf.get_type().getattr("from_bytes")?;
        let me = slf.borrow();
        (from_bytes, (me.to_bytes(py), me.names.clone())).into_pyobject(py)
    }

    fn __eq__(&self, py: Python<'_>, other: &Self) -> bool {
        self.names == other.names && self.inner.snapshot(py) == other.inner.snapshot(py)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "ServqualAccumulator({} items, {} respondents)",
            self.names.len(),
            self.inner.with(py, |a| a.respondents())
        )
    }
}

/// Mergeable covariance state — the sufficient statistics of Cronbach's alpha: ``update``
/// with batches of rows (respondents × items, NaN for a missing answer), ``merge``
/// partitions, then ``covariance()`` or ``cronbach_alpha()`` equal to what the functions give
/// on all rows at once (to about 1e-15 relative). Columns are a count or their names;
/// ``nan_policy`` is "pairwise" or "listwise" as in ``cxkit.cronbach_alpha``.
///
/// >>> a = cxkit.CovarianceAccumulator(["q1", "q2", "q3"])
/// >>> a.update([[1, 2, 2], [2, 2, 3]])
/// >>> b = cxkit.CovarianceAccumulator(["q1", "q2", "q3"])
/// >>> b.update([[4, 5, 4], [5, 4, 5]])
/// >>> a.merge(b)
/// >>> a.rows, round(a.cronbach_alpha().alpha, 4)
/// (4, 0.9447)
#[pyclass(module = "cxkit")]
pub struct CovarianceAccumulator {
    names: Vec<String>,
    inner: Shared<cov::CovarianceAccumulator>,
}

#[pymethods]
impl CovarianceAccumulator {
    #[new]
    #[pyo3(signature = (columns, nan_policy="pairwise"))]
    fn new(columns: &Bound<'_, PyAny>, nan_policy: &str) -> PyResult<Self> {
        let names = names_of(columns)?;
        let m = missing(nan_policy, MissingData::Pairwise)?;
        Ok(CovarianceAccumulator {
            inner: Shared::new(cov::CovarianceAccumulator::new(names.len(), m).py_err()?),
            names,
        })
    }

    /// Adds a batch of rows. On error the state is unchanged. Threads may update one state
    /// at once (each sums its batch with the GIL released).
    fn update<'py>(&self, py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<()> {
        let x = batch(py, data, "data", &self.names)?;
        let x = x.readonly();
        let x = x.as_array();
        let (k, missing) = self.inner.with(py, |a| (a.columns(), a.missing()));
        let mut part = cov::CovarianceAccumulator::new(k, missing).py_err()?;
        py.detach(|| part.update(x)).py_err()?;
        self.inner.with(py, |a| a.merge(&part)).py_err()
    }

    /// Adds another state with the same columns and NaN policy into this one.
    fn merge(&self, py: Python<'_>, other: &Self) -> PyResult<()> {
        merge_named(
            py,
            "columns",
            (&self.names, &self.inner),
            (&other.names, &other.inner),
            |a, b| a.merge(b),
        )
    }

    /// Rows seen so far.
    #[getter]
    fn rows(&self, py: Python<'_>) -> u64 {
        self.inner.with(py, |a| a.rows())
    }

    /// Column names.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.names.clone()
    }

    /// The sample covariance matrix (a DataFrame indexed and labelled by column).
    fn covariance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let c = self.inner.with(py, |a| a.covariance()).py_err()?;
        let columns = self
            .names
            .iter()
            .zip(c.cov.columns())
            .map(|(n, col)| Ok((n.as_str(), col.to_vec().into_pyobject(py)?.into_any())))
            .collect::<PyResult<Vec<_>>>()?;
        table(py, &self.names, "item", columns)
    }

    /// Cronbach's alpha of every row seen, as ``cxkit.cronbach_alpha`` gives it.
    #[pyo3(signature = (confidence=0.95))]
    fn cronbach_alpha(&self, py: Python<'_>, confidence: f64) -> PyResult<CronbachAlpha> {
        let c = self.inner.with(py, |a| a.covariance()).py_err()?;
        let r = rel::cronbach_alpha_of(&c, confidence).py_err()?;
        Ok(Named::new(self.names.clone(), r).into())
    }

    /// The state as versioned bytes (column names are not in them; give them to ``from_bytes``).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.with(py, |a| a.to_bytes()))
    }

    /// Reads state written by ``to_bytes`` (with the column names, default "0", "1", …);
    /// raises CorruptBytesError on anything else.
    #[classmethod]
    #[pyo3(signature = (data, columns=None))]
    fn from_bytes(
        _cls: &Bound<'_, PyType>,
        data: &[u8],
        columns: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let inner = cov::CovarianceAccumulator::from_bytes(data).py_err()?;
        let names = names_for(columns, inner.columns(), "columns")?;
        Ok(CovarianceAccumulator {
            names,
            inner: Shared::new(inner),
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let from_bytes = slf.get_type().getattr("from_bytes")?;
        let me = slf.borrow();
        (from_bytes, (me.to_bytes(py), me.names.clone())).into_pyobject(py)
    }

    fn __eq__(&self, py: Python<'_>, other: &Self) -> bool {
        self.names == other.names && self.inner.snapshot(py) == other.inner.snapshot(py)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "CovarianceAccumulator({} columns, {} rows)",
            self.names.len(),
            self.inner.with(py, |a| a.rows())
        )
    }
}

/// Adds the state classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ServqualAccumulator>()?;
    m.add_class::<CovarianceAccumulator>()?;
    Ok(())
}
