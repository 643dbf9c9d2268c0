//! Mergeable covariance state for Python: the sufficient statistics of Cronbach's alpha (and
//! of every analysis that needs only the items' covariance), and the names of the NaN
//! policies.

use cxkit_core::covariance::{self as cov, MissingData};
use cxkit_core::reliability as rel;
use numpy::PyArrayMethods;
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::convert::result::{table, Named};
use crate::convert::state::{accumulate_by_methods, accumulator_class, Columns, Shared};
use crate::error::IntoPyResult;
use crate::reliability::CronbachAlpha;

/// The missing-data rule named `s` ("pairwise", "listwise"), or `default` for "".
pub(crate) fn missing(s: &str, default: MissingData) -> PyResult<MissingData> {
    match s {
        "" => Ok(default),
        _ => crate::convert::named(s),
    }
}

accumulate_by_methods!(cov::CovarianceAccumulator);

accumulator_class! {
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
    CovarianceAccumulator(cov::CovarianceAccumulator, columns: Columns) {
        #[new]
        #[pyo3(signature = (columns, nan_policy="pairwise"))]
        fn new(columns: &Bound<'_, PyAny>, nan_policy: &str) -> PyResult<Self> {
            let columns = Columns::of(columns, "columns")?;
            let m = missing(nan_policy, MissingData::Pairwise)?;
            let k = columns.given().len();
            Ok(CovarianceAccumulator {
                inner: Shared::new(cov::CovarianceAccumulator::new(k, m).py_err()?),
                columns,
            })
        }

        /// Adds a batch of rows. On error the state is unchanged. Threads may update one
        /// state at once (each sums its batch with the GIL released).
        fn update<'py>(&self, py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<()> {
            let x = self.columns.batch(data, "data")?;
            let x = x.readonly();
            let x = x.as_array();
            let (k, missing) = self.inner.with(py, |a| (a.columns(), a.missing()));
            let mut part = cov::CovarianceAccumulator::new(k, missing).py_err()?;
            py.detach(|| part.update(x)).py_err()?;
            self.inner.with(py, |a| a.merge(&part)).py_err()
        }

        /// Rows seen so far.
        #[getter]
        fn rows(&self, py: Python<'_>) -> u64 {
            self.inner.with(py, |a| a.rows())
        }

        /// Column names.
        #[getter]
        fn columns(&self) -> Vec<String> {
            self.columns.given()
        }

        /// The sample covariance matrix (a DataFrame indexed and labelled by column).
        fn covariance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let c = self.inner.with(py, |a| a.covariance()).py_err()?;
            let names = self.columns.given();
            let columns = names
                .iter()
                .zip(c.cov.columns())
                .map(|(n, col)| Ok((n.as_str(), col.to_vec().into_pyobject(py)?.into_any())))
                .collect::<PyResult<Vec<_>>>()?;
            table(py, &names, "item", columns)
        }

        /// Cronbach's alpha of every row seen, as ``cxkit.cronbach_alpha`` gives it.
        #[pyo3(signature = (confidence=0.95))]
        fn cronbach_alpha(&self, py: Python<'_>, confidence: f64) -> PyResult<CronbachAlpha> {
            let c = self.inner.with(py, |a| a.covariance()).py_err()?;
            let r = rel::cronbach_alpha_of(&c, confidence).py_err()?;
            Ok(Named::new(self.columns.given(), r).into())
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
            let columns = Columns::read(columns, inner.columns(), "columns")?;
            Ok(CovarianceAccumulator {
                columns,
                inner: Shared::new(inner),
            })
        }

        fn __repr__(&self, py: Python<'_>) -> String {
            format!(
                "CovarianceAccumulator({} columns, {} rows)",
                self.columns.given().len(),
                self.inner.with(py, |a| a.rows())
            )
        }
    }
}

/// Adds the covariance state to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<CovarianceAccumulator>()?;
    Ok(())
}
