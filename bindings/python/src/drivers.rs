//! Key drivers for Python: relative weights, Shapley (LMG), correlation, beta and Pratt
//! importances from rows or from a correlation matrix, and their result class.

use cxkit_core::covariance::MissingData;
use cxkit_core::drivers::{self as drv, DriverOptions};
use numpy::PyArrayMethods;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::convert::result::{list, result_class, table, Named};
use crate::convert::{floats, named_matrix};
use crate::covariance::missing;
use crate::error::{invalid, IntoPyResult};
use crate::labels::matched;

result_class! {
    /// A key-driver analysis: `r2` (with `r2_interval` from a bootstrap), `warnings` (one
    /// when R² is below 0.1: the shares then divide almost nothing), `n`, `method`,
    /// `bootstrap_used` and `table` (a DataFrame
    /// indexed by driver: importance and share (%) by the chosen method, ci_low/ci_high with
    /// a bootstrap, then correlation, beta, pratt, relative_weight, relative_weight_pct and,
    /// when computed, shapley and shapley_pct).
    KeyDrivers(Named<drv::KeyDrivers>) {
        r2: f64 = |r| r.result.r2,
        n: Option<usize> = |r| r.result.n,
        method: String = |r| r.method.clone(),
        bootstrap_used: usize = |r| r.result.bootstrap_used,
        r2_interval: Option<(f64, f64)> = |r| r.result.r2_interval,
        warnings: Vec<String> = |r| r.result.warnings.clone(),
    }
    methods {
        /// This result's chart, ``cxkit.plot.drivers(self, **kwargs)`` (``ax``, ``lang``, …;
        /// needs matplotlib: ``pip install "cxkit[plot]"``).
        #[pyo3(signature = (**kwargs))]
        fn plot<'py>(
            slf: &Bound<'py, Self>,
            kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
        ) -> PyResult<Bound<'py, PyAny>> {
            crate::convert::result::plot(slf.as_any(), "drivers", kwargs)
        }

        /// One row per driver.
        #[getter]
        fn table<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            drivers_table(py, &self.inner)
        }
    }
}

fn drivers_table<'py>(py: Python<'py>, k: &Named<drv::KeyDrivers>) -> PyResult<Bound<'py, PyAny>> {
    let d = &k.result.drivers;
    let iv = k.result.intervals.as_ref();
    let method: drv::DriverMethod = crate::convert::named(&k.method)?;
    let picked = k.result.headline(method).py_err()?;
    let nan = f64::NAN;
    let col =
        |g: &dyn Fn(&drv::DriverImportance) -> f64| list(py, &d.iter().map(g).collect::<Vec<_>>());
    let mut cols = vec![
        (
            "importance",
            list(py, &picked.iter().map(|p| p.importance).collect::<Vec<_>>())?,
        ),
        (
            "share",
            list(
                py,
                &picked
                    .iter()
                    .map(|p| p.share.unwrap_or(nan))
                    .collect::<Vec<_>>(),
            )?,
        ),
    ];
    if iv.is_some() {
        cols.push((
            "ci_low",
            list(
                py,
                &picked
                    .iter()
                    .map(|p| p.interval.map_or(nan, |c| c.0))
                    .collect::<Vec<_>>(),
            )?,
        ));
        cols.push((
            "ci_high",
            list(
                py,
                &picked
                    .iter()
                    .map(|p| p.interval.map_or(nan, |c| c.1))
                    .collect::<Vec<_>>(),
            )?,
        ));
    }
    cols.extend([
        ("correlation", col(&|x| x.correlation)?),
        ("beta", col(&|x| x.beta)?),
        ("pratt", col(&|x| x.pratt.unwrap_or(nan))?),
        ("relative_weight", col(&|x| x.relative_weight)?),
        (
            "relative_weight_pct",
            col(&|x| x.relative_weight_pct.unwrap_or(nan))?,
        ),
    ]);
    if d.first().is_some_and(|x| x.shapley.is_some()) {
        cols.push(("shapley", col(&|x| x.shapley.unwrap_or(nan))?));
        cols.push(("shapley_pct", col(&|x| x.shapley_pct.unwrap_or(nan))?));
    }
    table(py, &k.names, "driver", cols)
}

/// Key drivers of the outcome ``y`` among the attribute ratings ``X`` (respondents ×
/// drivers; a DataFrame names them, else ``names``): the ``method``'s importance
/// ("relative_weights", Johnson 2000; "shapley" or its alias "lmg": the exact Shapley
/// decomposition of R², Lindeman, Merenda & Gold's LMG; "correlation"; "beta"; "pratt")
/// with its share of R² in percent, next to every other measure. Shapley values are computed
/// for ``method="shapley"``, else as ``shapley`` says, else (None, the default) up to 15
/// drivers — the core's rule, as in C. ``bootstrap``
/// resamples (seeded by ``seed``) add percentile intervals. Rows with a missing value are
/// dropped (``nan_policy="listwise"``) or used pairwise.
///
/// >>> X = [[1, 2], [2, 1], [3, 4], [4, 3], [5, 5]]
/// >>> k = cxkit.key_drivers(X, [1.5, 2.0, 3.5, 3.5, 5.0], names=["speed", "fees"])
/// >>> round(k.r2, 4), round(float(k.table["share"].sum()), 6)
/// (0.9903, 100.0)
#[pyfunction]
#[pyo3(signature = (X, y, method="relative_weights", names=None, nan_policy="listwise", bootstrap=0, confidence=0.95, seed=0, shapley=None))]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub(crate) fn key_drivers<'py>(
    py: Python<'py>,
    X: &Bound<'py, PyAny>,
    y: &Bound<'py, PyAny>,
    method: &str,
    names: Option<Vec<String>>,
    nan_policy: &str,
    bootstrap: usize,
    confidence: f64,
    seed: u64,
    shapley: Option<bool>,
) -> PyResult<KeyDrivers> {
    let method: drv::DriverMethod = crate::convert::named(method)?;
    let y = matched(("X", X), ("y", y))?;
    let (x, col_names, _) = named_matrix(py, X, "X", false)?;
    let names = driver_names(names, col_names)?;
    let y = floats(&y, "y")?;
    let y = y.readonly();
    let y = y
        .as_slice()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let xv = x.readonly();
    let xv = xv.as_array();
    let o = DriverOptions {
        missing: missing(nan_policy, MissingData::Listwise)?,
        method,
        shapley,
        bootstrap,
        confidence,
        seed,
    };
    let r = py.detach(|| drv::key_drivers(xv, y, &o)).py_err()?;
    Ok(Named {
        names,
        method: cxkit_core::names::Named::as_str(method).to_string(),
        result: r,
    }
    .into())
}

fn driver_names(given: Option<Vec<String>>, columns: Vec<String>) -> PyResult<Vec<String>> {
    match given {
        None => Ok(columns),
        Some(n) if n.len() == columns.len() => Ok(n),
        Some(n) => Err(invalid(
            "names",
            format!("{} names for {} drivers", n.len(), columns.len()),
        )),
    }
}

/// Key drivers from a correlation matrix of the drivers followed by the outcome (last row
/// and column), e.g. a published one; ``method`` and ``names`` as ``key_drivers``.
///
/// >>> r = [[1, 0, 0.6], [0, 1, 0.3], [0.6, 0.3, 1]]
/// >>> cxkit.key_drivers_from_correlation(r).table["share"].round(6).tolist()
/// [80.0, 20.0]
#[pyfunction]
#[pyo3(signature = (correlation, method="relative_weights", names=None, shapley=None))]
pub(crate) fn key_drivers_from_correlation<'py>(
    py: Python<'py>,
    correlation: &Bound<'py, PyAny>,
    method: &str,
    names: Option<Vec<String>>,
    shapley: Option<bool>,
) -> PyResult<KeyDrivers> {
    let method: drv::DriverMethod = crate::convert::named(method)?;
    let (r, cols, _) = named_matrix(py, correlation, "correlation", false)?;
    let rv = r.readonly();
    let rv = rv.as_array();
    let p = rv.ncols().saturating_sub(1);
    let names = driver_names(names, cols.into_iter().take(p).collect())?;
    let o = DriverOptions {
        method,
        shapley,
        ..DriverOptions::default()
    };
    let k = drv::key_drivers_from_correlation(rv, &o).py_err()?;
    Ok(Named {
        names,
        method: cxkit_core::names::Named::as_str(method).to_string(),
        result: k,
    }
    .into())
}

/// Adds the key-driver functions and class to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(key_drivers, m)?)?;
    m.add_function(wrap_pyfunction!(key_drivers_from_correlation, m)?)?;
    m.add_class::<KeyDrivers>()?;
    Ok(())
}
