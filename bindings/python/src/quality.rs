//! Service quality, reliability and key drivers for Python: SERVQUAL, SERVPERF, the zone of
//! tolerance, Cronbach's alpha, key-driver analysis and importance–performance analysis.

use cxkit_core::covariance::MissingData;
use cxkit_core::drivers::{self as drv, DriverOptions};
use cxkit_core::ipa::{self as ip, Crosshair};
use cxkit_core::quality::{self as q, DimensionWeights, Dimensions, QualityOptions};
use cxkit_core::reliability::{self as rel, AlphaOptions};
use numpy::PyArrayMethods;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::{Deserialize, Serialize};

use crate::convert::{floats, frame, named_matrix, nan_policy};
use crate::errors::{invalid, IntoPyResult};
use crate::labels::{entries_in_order, in_order, matched, rows_matched};
use crate::results::{result_class, Mean};

/// A core result with the names of its rows (items, drivers).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Named<T> {
    names: Vec<String>,
    #[serde(default)]
    method: String,
    result: T,
}

impl<T> Named<T> {
    pub(crate) fn new(names: Vec<String>, result: T) -> Named<T> {
        Named {
            names,
            method: String::new(),
            result,
        }
    }
}

/// A DataFrame of `columns` indexed by `names` (index named `label`).
pub(crate) fn table<'py>(
    py: Python<'py>,
    names: &[String],
    label: &str,
    columns: Vec<(&str, Bound<'py, PyAny>)>,
) -> PyResult<Bound<'py, PyAny>> {
    let cols = PyDict::new(py);
    for (k, v) in columns {
        cols.set_item(k, v)?;
    }
    frame(
        py,
        cols,
        Some(PyList::new(py, names)?.into_any()),
        Some(label),
    )
}

/// A Python list of the values.
fn list<'py, T: IntoPyObject<'py> + Clone>(
    py: Python<'py>,
    v: &[T],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyList::new(py, v.iter().cloned())?.into_any())
}

/// Columns of a list of means: estimate under `name`, then sd, se, ci_low, ci_high, n.
fn mean_columns<'py>(
    py: Python<'py>,
    name: &'static str,
    means: &[&cxkit_core::survey::Mean],
) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
    let f = |g: fn(&cxkit_core::survey::Mean) -> f64| -> PyResult<Bound<'py, PyAny>> {
        list(py, &means.iter().map(|m| g(m)).collect::<Vec<_>>())
    };
    Ok(vec![
        (name, f(|m| m.estimate)?),
        ("sd", f(|m| m.sd)?),
        ("se", f(|m| m.se)?),
        ("ci_low", f(|m| m.ci_low)?),
        ("ci_high", f(|m| m.ci_high)?),
        (
            "n",
            list(py, &means.iter().map(|m| m.n).collect::<Vec<_>>())?,
        ),
    ])
}

result_class! {
    /// Cronbach's alpha: `alpha` with Feldt's `ci_low`/`ci_high`, `standardized_alpha`,
    /// `mean_inter_item_r`, `n` respondents, `k` items, and `items` (a DataFrame: mean, sd,
    /// n, item_total_r, alpha_if_deleted).
    CronbachAlpha(Named<rel::CronbachAlpha>) {
        alpha: f64 = |r| r.result.alpha,
        ci_low: f64 = |r| r.result.ci_low,
        ci_high: f64 = |r| r.result.ci_high,
        confidence: f64 = |r| r.result.confidence,
        standardized_alpha: f64 = |r| r.result.standardized_alpha,
        mean_inter_item_r: f64 = |r| r.result.mean_inter_item_r,
        n: usize = |r| r.result.n,
        k: usize = |r| r.result.k,
    }
    methods {
        /// Per-item statistics, one row per item.
        #[getter]
        fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let it = &self.inner.result.items;
            let nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
            table(py, &self.inner.names, "item", vec![
                ("mean", list(py, &it.iter().map(|i| nan(i.mean)).collect::<Vec<_>>())?),
                ("sd", list(py, &it.iter().map(|i| i.sd).collect::<Vec<_>>())?),
                ("n", list(py, &it.iter().map(|i| i.n).collect::<Vec<_>>())?),
                ("item_total_r", list(py, &it.iter().map(|i| i.item_total_r).collect::<Vec<_>>())?),
                ("alpha_if_deleted", list(py, &it.iter().map(|i| nan(i.alpha_if_deleted)).collect::<Vec<_>>())?),
            ])
        }
    }
}

result_class! {
    /// SERVQUAL gaps: `items` and `dimensions` (DataFrames with the gap, sd, se, ci_low,
    /// ci_high, n), `overall` (a Mean: the unweighted SERVQUAL score) and `weighted` (a Mean,
    /// or None without weights).
    Servqual(Named<q::Servqual>) {
        overall: Mean = |r| r.result.overall.into(),
        weighted: Option<Mean> = |r| r.result.weighted.map(Mean::from),
    }
    methods {
        /// One row per item: perception, expectation, gap and the gap's interval.
        #[getter]
        fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let it = &self.inner.result.items;
            let mut cols = vec![
                ("perception", list(py, &it.iter().map(|i| i.perception).collect::<Vec<_>>())?),
                ("expectation", list(py, &it.iter().map(|i| i.expectation).collect::<Vec<_>>())?),
            ];
            cols.extend(mean_columns(py, "gap", &it.iter().map(|i| &i.gap).collect::<Vec<_>>())?);
            table(py, &self.inner.names, "item", cols)
        }

        /// One row per dimension: the gap and its interval.
        #[getter]
        fn dimensions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            dimension_table(py, &self.inner.result.dimensions, "gap")
        }
    }
}

result_class! {
    /// SERVPERF (perceptions only): `items` and `dimensions` DataFrames (score, sd, se,
    /// ci_low, ci_high, n) and `overall` (a Mean).
    Servperf(Named<q::Servperf>) {
        overall: Mean = |r| r.result.overall.into(),
    }
    methods {
        /// One row per item.
        #[getter]
        fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let it: Vec<&cxkit_core::survey::Mean> = self.inner.result.items.iter().collect();
            table(py, &self.inner.names, "item", mean_columns(py, "score", &it)?)
        }

        /// One row per dimension.
        #[getter]
        fn dimensions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            dimension_table(py, &self.inner.result.dimensions, "score")
        }
    }
}

fn dimension_table<'py>(
    py: Python<'py>,
    dims: &[q::DimensionScore],
    name: &'static str,
) -> PyResult<Bound<'py, PyAny>> {
    let names: Vec<String> = dims.iter().map(|d| d.name.clone()).collect();
    let means: Vec<&cxkit_core::survey::Mean> = dims.iter().map(|d| &d.score).collect();
    table(py, &names, "dimension", mean_columns(py, name, &means)?)
}

fn zone_table<'py>(
    py: Python<'py>,
    names: &[String],
    label: &str,
    z: &[q::ZoneScore],
) -> PyResult<Bound<'py, PyAny>> {
    let col = |g: fn(&q::ZoneScore) -> f64| list(py, &z.iter().map(g).collect::<Vec<_>>());
    table(
        py,
        names,
        label,
        vec![
            ("perceived", col(|s| s.perceived)?),
            ("adequate", col(|s| s.adequate)?),
            ("desired", col(|s| s.desired)?),
            ("msa", col(|s| s.msa)?),
            ("mss", col(|s| s.mss)?),
            (
                "position",
                list(py, &z.iter().map(|s| s.position.name()).collect::<Vec<_>>())?,
            ),
            ("share_below", col(|s| s.share_below)?),
            ("share_within", col(|s| s.share_within)?),
            ("share_above", col(|s| s.share_above)?),
            ("n", list(py, &z.iter().map(|s| s.n).collect::<Vec<_>>())?),
        ],
    )
}

result_class! {
    /// Zones of tolerance: `items` and `dimensions` DataFrames with the mean perceived,
    /// adequate and desired service, msa (P − A), mss (P − D), position (below, within,
    /// above) and the shares of respondents below, within and above their own zone.
    ZoneOfTolerance(Named<q::ZoneOfTolerance>) {}
    methods {
        /// One row per item.
        #[getter]
        fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            zone_table(py, &self.inner.names, "item", &self.inner.result.items)
        }

        /// One row per dimension.
        #[getter]
        fn dimensions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
            let d = &self.inner.result.dimensions;
            let names: Vec<String> = d.iter().map(|z| z.name.clone()).collect();
            zone_table(py, &names, "dimension", d)
        }
    }
}

result_class! {
    /// A key-driver analysis: `r2`, `n`, `method`, `bootstrap_used` and `table` (a DataFrame
    /// indexed by driver: importance and share (%) by the chosen method, ci_low/ci_high with
    /// a bootstrap, then correlation, beta, pratt, relative_weight, relative_weight_pct and,
    /// when computed, shapley and shapley_pct).
    KeyDrivers(Named<drv::KeyDrivers>) {
        r2: f64 = |r| r.result.r2,
        n: Option<usize> = |r| r.result.n,
        method: String = |r| r.method.clone(),
        bootstrap_used: usize = |r| r.result.bootstrap_used,
    }
    methods {
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

/// The position of an item: by its label when the items are labelled (a DataFrame's columns,
/// even when they are numbers such as 1–22 after a pivot: item 3 is the column named 3), by
/// position (0, 1, …) only when they are not (numpy arrays and lists).
fn item_position(
    item: &Bound<'_, PyAny>,
    names: &[String],
    labelled: bool,
    what: &'static str,
) -> PyResult<usize> {
    if !labelled {
        return item.extract::<usize>().map_err(|_| {
            invalid(
                what,
                format!(
                    "{} is not an item position: the items have no labels (give a DataFrame \
                     to name them), so they are positions 0 to {}",
                    item.repr().map_or_else(|_| "?".into(), |r| r.to_string()),
                    names.len().saturating_sub(1)
                ),
            )
        });
    }
    let name = item.str()?.to_string();
    names.iter().position(|n| *n == name).ok_or_else(|| {
        invalid(
            what,
            format!(
                "{name:?} is not an item: the items are the columns {} (by label, not position)",
                names.join(", ")
            ),
        )
    })
}

/// The item → dimension map from None (the 22-item SERVQUAL), a dict {dimension: [items]}
/// (positions or column names) or a sequence with one dimension name per item.
fn dimensions(
    spec: Option<&Bound<'_, PyAny>>,
    names: &[String],
    labelled: bool,
) -> PyResult<Dimensions> {
    let Some(spec) = spec.filter(|s| !s.is_none()) else {
        return Ok(Dimensions::servqual());
    };
    let position = |item: &Bound<'_, PyAny>| item_position(item, names, labelled, "dimensions");
    if let Ok(d) = spec.cast::<PyDict>() {
        let groups = d
            .iter()
            .map(|(k, items)| {
                let positions = items
                    .try_iter()?
                    .map(|item| position(&item?))
                    .collect::<PyResult<Vec<usize>>>()?;
                Ok((k.str()?.to_string(), positions))
            })
            .collect::<PyResult<Vec<_>>>()?;
        return Dimensions::from_groups(names, &groups).py_err();
    }
    let labels: Vec<String> = spec
        .try_iter()?
        .map(|l| Ok(l?.str()?.to_string()))
        .collect::<PyResult<_>>()?;
    Dimensions::from_labels(&labels).py_err()
}

/// Reverse-coded items by label (or by position where the items have none).
fn reversed(
    spec: Option<&Bound<'_, PyAny>>,
    names: &[String],
    labelled: bool,
) -> PyResult<Vec<usize>> {
    let Some(spec) = spec.filter(|s| !s.is_none()) else {
        return Ok(Vec::new());
    };
    spec.try_iter()?
        .map(|item| item_position(&item?, names, labelled, "reversed"))
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn quality_options(
    names: &[String],
    labelled: bool,
    dims: Option<&Bound<'_, PyAny>>,
    scale: (f64, f64),
    rev: Option<&Bound<'_, PyAny>>,
    nan: &str,
    confidence: f64,
) -> PyResult<QualityOptions> {
    Ok(QualityOptions {
        dimensions: dimensions(dims, names, labelled)?,
        scale,
        reversed: reversed(rev, names, labelled)?,
        nan_policy: nan_policy(nan)?,
        confidence,
    })
}

/// SERVQUAL: the gap between ``perceptions`` and ``expectations`` (respondents × items; lists,
/// numpy arrays or DataFrames, NaN for a skipped rating) per item, per dimension and overall,
/// with t-intervals. ``dimensions``: None for the 22-item SERVQUAL (tangibles 1–4, reliability
/// 5–9, responsiveness 10–13, assurance 14–17, empathy 18–22), a dict {dimension: [items]}
/// or one dimension name per item. ``weights``: 100 points over the dimensions, one list for
/// everyone or respondents × dimensions, for the weighted score. ``reversed`` items are
/// flipped on the ``scale``.
///
/// >>> r = cxkit.servqual([[5, 6], [4, 7], [6, 5]], [[6, 6], [6, 6], [7, 6]],
/// ...                    dimensions=["reliability", "empathy"])
/// >>> round(r.overall.estimate, 4), r.items["gap"].round(4).tolist()
/// (-0.6667, [-1.3333, 0.0])
#[pyfunction]
#[pyo3(signature = (perceptions, expectations, dimensions=None, weights=None, scale=(1.0, 7.0), reversed=None, nan_policy="raise", confidence=0.95), text_signature = "(perceptions, expectations, dimensions=None, weights=None, scale=(1.0, 7.0), reversed=None, nan_policy='raise', confidence=0.95)")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn servqual<'py>(
    py: Python<'py>,
    perceptions: &Bound<'py, PyAny>,
    expectations: &Bound<'py, PyAny>,
    dimensions: Option<&Bound<'py, PyAny>>,
    weights: Option<&Bound<'py, PyAny>>,
    scale: (f64, f64),
    reversed: Option<&Bound<'py, PyAny>>,
    nan_policy: &str,
    confidence: f64,
) -> PyResult<Servqual> {
    let expectations = matched(("perceptions", perceptions), ("expectations", expectations))?;
    let (p, names, index) = named_matrix(py, perceptions, "perceptions", false)?;
    let (e, _, _) = named_matrix(py, &expectations, "expectations", false)?;
    let o = quality_options(
        &names,
        index.is_some(),
        dimensions,
        scale,
        reversed,
        nan_policy,
        confidence,
    )?;
    let w = match weights.filter(|w| !w.is_none()) {
        None => None,
        Some(w) => {
            // Weights name the dimensions (a Series or dict by dimension, a DataFrame's
            // columns) and, per respondent, the rows of the perceptions.
            let dims = ("the dimensions", o.dimensions.names.as_slice());
            let w = entries_in_order(w, "weights", dims)?;
            let w = in_order(&w, "weights", Some(dims))?;
            let w = if w.hasattr("columns")? {
                rows_matched(("perceptions", perceptions), ("weights", &w))?
            } else {
                w
            };
            let (m, _, _) = named_matrix(py, &w, "weights", true)?;
            let m = m.readonly().as_array().to_owned();
            Some(if m.nrows() == 1 && p.readonly().as_array().nrows() != 1 {
                DimensionWeights::Overall(m.row(0).to_vec())
            } else {
                DimensionWeights::PerRespondent(m)
            })
        }
    };
    let (pv, ev) = (p.readonly(), e.readonly());
    let (pv, ev) = (pv.as_array(), ev.as_array());
    let r = py.detach(|| q::servqual(pv, ev, w.as_ref(), &o)).py_err()?;
    Ok(Named::new(names, r).into())
}

/// SERVPERF: the ``perceptions`` alone (Cronin & Taylor 1992) per item, dimension and
/// overall, with t-intervals; arguments as ``servqual``.
///
/// >>> round(cxkit.servperf([[5, 6], [4, 7], [6, 5]], dimensions=["a", "a"]).overall.estimate, 4)
/// 5.5
#[pyfunction]
#[pyo3(signature = (perceptions, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy="raise", confidence=0.95), text_signature = "(perceptions, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy='raise', confidence=0.95)")]
pub(crate) fn servperf<'py>(
    py: Python<'py>,
    perceptions: &Bound<'py, PyAny>,
    dimensions: Option<&Bound<'py, PyAny>>,
    scale: (f64, f64),
    reversed: Option<&Bound<'py, PyAny>>,
    nan_policy: &str,
    confidence: f64,
) -> PyResult<Servperf> {
    let (p, names, index) = named_matrix(py, perceptions, "perceptions", false)?;
    let o = quality_options(
        &names,
        index.is_some(),
        dimensions,
        scale,
        reversed,
        nan_policy,
        confidence,
    )?;
    let pv = p.readonly();
    let pv = pv.as_array();
    let r = py.detach(|| q::servperf(pv, &o)).py_err()?;
    Ok(Named::new(names, r).into())
}

/// The zone of tolerance: ``perceived``, ``adequate`` and ``desired`` service ratings
/// (respondents × items). Per item and dimension: the means, msa = P − A, mss = P − D, where
/// the mean perception lies (below, within or above the zone) and the shares of respondents
/// below, within and above their own zone; arguments as ``servqual``.
///
/// >>> z = cxkit.zone_of_tolerance([[5], [3], [7]], [[4], [4], [4]], [[6], [6], [6]], dimensions=["all"])
/// >>> z.items[["msa", "mss", "position"]].values.tolist()
/// [[1.0, -1.0, 'within']]
#[pyfunction]
#[pyo3(signature = (perceived, adequate, desired, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy="raise"), text_signature = "(perceived, adequate, desired, dimensions=None, scale=(1.0, 7.0), reversed=None, nan_policy='raise')")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn zone_of_tolerance<'py>(
    py: Python<'py>,
    perceived: &Bound<'py, PyAny>,
    adequate: &Bound<'py, PyAny>,
    desired: &Bound<'py, PyAny>,
    dimensions: Option<&Bound<'py, PyAny>>,
    scale: (f64, f64),
    reversed: Option<&Bound<'py, PyAny>>,
    nan_policy: &str,
) -> PyResult<ZoneOfTolerance> {
    let adequate = matched(("perceived", perceived), ("adequate", adequate))?;
    let desired = matched(("perceived", perceived), ("desired", desired))?;
    let (p, names, index) = named_matrix(py, perceived, "perceived", false)?;
    let (a, _, _) = named_matrix(py, &adequate, "adequate", false)?;
    let (d, _, _) = named_matrix(py, &desired, "desired", false)?;
    let o = quality_options(
        &names,
        index.is_some(),
        dimensions,
        scale,
        reversed,
        nan_policy,
        0.95,
    )?;
    let (pv, av, dv) = (p.readonly(), a.readonly(), d.readonly());
    let (pv, av, dv) = (pv.as_array(), av.as_array(), dv.as_array());
    let r = py
        .detach(|| q::zone_of_tolerance(pv, av, dv, &o))
        .py_err()?;
    Ok(Named::new(names, r).into())
}

pub(crate) fn missing(s: &str, default: MissingData) -> PyResult<MissingData> {
    match s {
        "" => Ok(default),
        _ => crate::convert::named(s),
    }
}

/// Cronbach's alpha of ``items`` (respondents × items; NaN for a missing answer) with
/// Feldt's interval at ``confidence``, standardized alpha, and per item the mean, sd,
/// corrected item-total correlation and alpha if deleted. ``nan_policy``: "pairwise"
/// (as pingouin and R psych) or "listwise".
///
/// >>> a = cxkit.cronbach_alpha([[1, 2, 2], [2, 2, 3], [4, 5, 4], [5, 4, 5]])
/// >>> round(a.alpha, 4), a.k, list(a.items.columns)
/// (0.9447, 3, ['mean', 'sd', 'n', 'item_total_r', 'alpha_if_deleted'])
#[pyfunction]
#[pyo3(signature = (items, nan_policy="pairwise", confidence=0.95))]
pub(crate) fn cronbach_alpha<'py>(
    py: Python<'py>,
    items: &Bound<'py, PyAny>,
    nan_policy: &str,
    confidence: f64,
) -> PyResult<CronbachAlpha> {
    let (x, names, _) = named_matrix(py, items, "items", false)?;
    let o = AlphaOptions {
        missing: missing(nan_policy, MissingData::Pairwise)?,
        confidence,
    };
    let xv = x.readonly();
    let xv = xv.as_array();
    let r = py.detach(|| rel::cronbach_alpha(xv, &o)).py_err()?;
    Ok(Named::new(names, r).into())
}

/// Key drivers of the outcome ``y`` among the attribute ratings ``X`` (respondents ×
/// drivers; a DataFrame names them, else ``names``): the ``method``'s importance
/// ("relative_weights", Johnson 2000; "shapley", exact LMG; "correlation"; "beta"; "pratt")
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

/// Importance–performance analysis (Martilla & James 1977): each attribute's quadrant —
/// "concentrate here" (important, performing below the cut), "keep up the good work",
/// "low priority", "possible overkill" — with crosshairs at the "mean", the "median" or a
/// given (importance, performance) pair such as scale midpoints; a value on a cut counts as
/// high. Importance may be stated or derived (e.g. ``key_drivers(...).table["importance"]``).
/// Returns a DataFrame (importance, performance, quadrant) with the cuts in ``attrs``.
///
/// >>> t = cxkit.ipa([0.4, 0.3, 0.1, 0.2], [3, 6, 2, 6.5], names=["fees", "app", "branch", "cards"])
/// >>> t["quadrant"].tolist()
/// ['concentrate here', 'keep up the good work', 'low priority', 'possible overkill']
#[pyfunction]
#[pyo3(signature = (importance, performance, names=None, crosshair=None))]
pub(crate) fn ipa<'py>(
    py: Python<'py>,
    importance: &Bound<'py, PyAny>,
    performance: &Bound<'py, PyAny>,
    names: Option<Vec<String>>,
    crosshair: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let cross = match crosshair.filter(|c| !c.is_none()) {
        None => Crosshair::Mean,
        Some(c) => match c.extract::<String>() {
            Ok(s) if s == "mean" => Crosshair::Mean,
            Ok(s) if s == "median" => Crosshair::Median,
            Ok(s) => {
                return Err(invalid(
                    "crosshair",
                    format!(
                        "expected \"mean\", \"median\" or (importance, performance), got {s:?}"
                    ),
                ))
            }
            Err(_) => {
                let (importance, performance): (f64, f64) = c.extract()?;
                Crosshair::At {
                    importance,
                    performance,
                }
            }
        },
    };
    let performance = matched(("importance", importance), ("performance", performance))?;
    let index = crate::convert::index_of(importance)?;
    let imp = floats(importance, "importance")?;
    let perf = floats(&performance, "performance")?;
    let (iv, pv) = (imp.readonly(), perf.readonly());
    let err = |e: numpy::AsSliceError| PyValueError::new_err(e.to_string());
    let (is, ps) = (iv.as_slice().map_err(err)?, pv.as_slice().map_err(err)?);
    let r = ip::ipa(is, ps, cross).py_err()?;
    let names: Vec<String> = match (names, &index) {
        (Some(n), _) => n,
        (None, Some(ix)) => ix
            .try_iter()?
            .map(|v| Ok(v?.str()?.to_string()))
            .collect::<PyResult<_>>()?,
        (None, None) => (0..is.len()).map(|j| j.to_string()).collect(),
    };
    if names.len() != is.len() {
        return Err(invalid(
            "names",
            format!("{} names for {} attributes", names.len(), is.len()),
        ));
    }
    let t = table(
        py,
        &names,
        "attribute",
        vec![
            ("importance", list(py, is)?),
            ("performance", list(py, ps)?),
            (
                "quadrant",
                list(
                    py,
                    &r.quadrants.iter().map(|q| q.label()).collect::<Vec<_>>(),
                )?,
            ),
        ],
    )?;
    if let Ok(attrs) = t.getattr("attrs") {
        attrs.set_item("importance_cut", r.importance_cut)?;
        attrs.set_item("performance_cut", r.performance_cut)?;
    }
    Ok(t)
}

/// Rebuilds a result of this module from its class name and JSON state.
pub(crate) fn restore(py: Python<'_>, kind: &str, state: &str) -> PyResult<Option<Py<PyAny>>> {
    fn load<T: serde::de::DeserializeOwned>(state: &str) -> PyResult<T> {
        serde_json::from_str(state).map_err(|e| PyValueError::new_err(format!("bad state: {e}")))
    }
    let obj = match kind {
        "CronbachAlpha" => CronbachAlpha {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "Servqual" => Servqual {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "Servperf" => Servperf {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "ZoneOfTolerance" => ZoneOfTolerance {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        "KeyDrivers" => KeyDrivers {
            inner: load(state)?,
        }
        .into_pyobject(py)?
        .into_any(),
        _ => return Ok(None),
    };
    Ok(Some(obj.unbind()))
}

/// Adds the service-quality, reliability and driver functions and classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(servqual, m)?)?;
    m.add_function(wrap_pyfunction!(servperf, m)?)?;
    m.add_function(wrap_pyfunction!(zone_of_tolerance, m)?)?;
    m.add_function(wrap_pyfunction!(cronbach_alpha, m)?)?;
    m.add_function(wrap_pyfunction!(key_drivers, m)?)?;
    m.add_function(wrap_pyfunction!(key_drivers_from_correlation, m)?)?;
    m.add_function(wrap_pyfunction!(ipa, m)?)?;
    m.add_class::<CronbachAlpha>()?;
    m.add_class::<Servqual>()?;
    m.add_class::<Servperf>()?;
    m.add_class::<ZoneOfTolerance>()?;
    m.add_class::<KeyDrivers>()?;
    Ok(())
}
