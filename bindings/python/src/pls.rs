//! PLS path modelling for Python: the model, the estimate with its tables, the bootstrap and
//! the importance–performance map.

use cxkit_core::names::Named;
use cxkit_core::pls::{
    self as core, BootstrapEstimate, BootstrapOptions, Construct, Mode, PlsOptions, Template,
};
use numpy::{PyArray2, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

use crate::convert::result::{from_json, list, reduce, table, to_dict, to_json};
use crate::convert::{frame, named, named_matrix};
use crate::error::{invalid, IntoPyResult};

/// A PLS path model: constructs (a dict {construct: [indicator columns]}), paths (a list of
/// (from, to) construct names) and modes ({construct: "A" | "B"}, default "A": reflective;
/// "B": formative). Also ``PlsModel.from_json``, ``from_toml`` and the satisfaction-index
/// templates ``PlsModel.acsi`` / ``ecsi`` / ``ccsi`` (items per template construct).
///
/// >>> m = cxkit.PlsModel({"Quality": ["q1", "q2"], "Loyalty": ["l1"]}, [("Quality", "Loyalty")])
/// >>> m.paths
/// [('Quality', 'Loyalty')]
#[pyclass(module = "cxkit", frozen)]
#[derive(Clone)]
pub struct PlsModel {
    inner: core::PlsModel,
}

/// Names from a Python sequence of labels.
fn strings(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    obj.try_iter()?.map(|x| Ok(x?.str()?.to_string())).collect()
}

#[pymethods]
impl PlsModel {
    #[new]
    #[pyo3(signature = (constructs, paths, modes=None))]
    fn new(
        constructs: &Bound<'_, PyDict>,
        paths: &Bound<'_, PyAny>,
        modes: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let mut list = Vec::new();
        for (name, items) in constructs.iter() {
            let name = name.str()?.to_string();
            let mode = match modes.map(|m| m.get_item(&name)).transpose()?.flatten() {
                Some(m) => named::<Mode>(&m.str()?.to_cow()?)?,
                None => Mode::default(),
            };
            list.push(Construct {
                name,
                indicators: strings(&items)?,
                mode,
            });
        }
        if let Some(m) = modes {
            if let Some((k, _)) = m
                .iter()
                .find(|(k, _)| !constructs.contains(k).unwrap_or(false))
            {
                return Err(invalid(
                    "modes",
                    format!("{} is not a construct", k.repr()?),
                ));
            }
        }
        let pairs: Vec<(String, String)> = paths
            .try_iter()?
            .map(|p| {
                let p = p?;
                let (a, b): (Bound<'_, PyAny>, Bound<'_, PyAny>) = p.extract().map_err(|_| {
                    invalid(
                        "paths",
                        "each path is a (from, to) pair of construct names".into(),
                    )
                })?;
                Ok((a.str()?.to_string(), b.str()?.to_string()))
            })
            .collect::<PyResult<_>>()?;
        let refs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        Ok(PlsModel {
            inner: core::PlsModel::new(list, &refs).py_err()?,
        })
    }

    /// Reads a model in JSON ({"constructs": [{"name", "indicators", "mode"}], "paths":
    /// [{"from", "to"}]}).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        Ok(PlsModel {
            inner: core::PlsModel::from_json(text).py_err()?,
        })
    }

    /// Reads a model in TOML ([[constructs]] and [[paths]] tables).
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<Self> {
        Ok(PlsModel {
            inner: core::PlsModel::from_toml(text).py_err()?,
        })
    }

    /// The ACSI structure with ``items`` {construct: [columns]} for Expectations, Quality,
    /// Value, Satisfaction, Complaints and Loyalty.
    #[staticmethod]
    fn acsi(items: &Bound<'_, PyDict>) -> PyResult<Self> {
        Self::template(Template::Acsi, items)
    }

    /// The ECSI structure (ACSI's with Image → Expectation, Satisfaction, Loyalty).
    #[staticmethod]
    fn ecsi(items: &Bound<'_, PyDict>) -> PyResult<Self> {
        Self::template(Template::Ecsi, items)
    }

    /// The CCSI structure (品牌形象, 预期质量, 感知质量, 感知价值, 顾客满意, 顾客忠诚).
    #[staticmethod]
    fn ccsi(items: &Bound<'_, PyDict>) -> PyResult<Self> {
        Self::template(Template::Ccsi, items)
    }

    /// {construct: [indicators]} in the model's order.
    #[getter]
    fn constructs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for c in &self.inner.constructs {
            d.set_item(&c.name, c.indicators.clone())?;
        }
        Ok(d)
    }

    /// {construct: "A" | "B"}.
    #[getter]
    fn modes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for c in &self.inner.constructs {
            d.set_item(&c.name, c.mode.as_str())?;
        }
        Ok(d)
    }

    /// [(from, to)] construct names.
    #[getter]
    fn paths(&self) -> Vec<(String, String)> {
        let name = |j: usize| self.inner.constructs[j].name.clone();
        self.inner
            .paths
            .iter()
            .map(|&(a, b)| (name(a), name(b)))
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "PlsModel({} constructs, {} paths)",
            self.inner.constructs.len(),
            self.inner.paths.len()
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), (to_json(&slf.get().inner)?,))
    }

    /// Rebuilds the model from its pickled state.
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str) -> PyResult<Self> {
        Ok(PlsModel {
            inner: from_json(state)?,
        })
    }
}

impl PlsModel {
    fn template(t: Template, items: &Bound<'_, PyDict>) -> PyResult<Self> {
        let owned: Vec<(String, Vec<String>)> = items
            .iter()
            .map(|(k, v)| Ok((k.str()?.to_string(), strings(&v)?)))
            .collect::<PyResult<_>>()?;
        let refs: Vec<(&str, Vec<String>)> =
            owned.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        Ok(PlsModel {
            inner: core::PlsModel::from_template(t, &refs).py_err()?,
        })
    }
}

/// A float64 matrix of the model's indicator columns of `data` (a DataFrame, or a 2-D array
/// with ``columns``), their names and the data's index.
#[allow(clippy::type_complexity)]
fn indicators<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    columns: Option<Vec<String>>,
    model: &core::PlsModel,
) -> PyResult<(
    Bound<'py, PyArray2<f64>>,
    Vec<String>,
    Option<Bound<'py, PyAny>>,
)> {
    let wanted: Vec<String> = model
        .constructs
        .iter()
        .flat_map(|c| c.indicators.clone())
        .collect();
    let is_frame = data.hasattr("columns")? && data.hasattr("index")?;
    if is_frame {
        let have = strings(&data.getattr("columns")?)?;
        if let Some(x) = wanted.iter().find(|x| !have.contains(x)) {
            return Err(invalid(
                "data",
                format!("the indicator {x:?} is not a column of the data"),
            ));
        }
        let labels = PyList::new(py, &wanted)?;
        // Columns by label (a DataFrame whose columns are numbers is indexed by the numbers).
        let picked = data
            .getattr("loc")?
            .get_item((pyo3::types::PySlice::full(py), labels))?;
        let (m, _, index) = named_matrix(py, &picked, "data", false)?;
        return Ok((m, wanted, index));
    }
    let columns = columns.ok_or_else(|| {
        invalid(
            "columns",
            "an array needs columns= (its column names), or give a DataFrame".into(),
        )
    })?;
    let (m, _, _) = named_matrix(py, data, "data", false)?;
    Ok((m, columns, None))
}

fn options(
    scheme: &str,
    nan_policy: &str,
    tolerance: f64,
    max_iterations: usize,
) -> PyResult<PlsOptions> {
    Ok(PlsOptions {
        scheme: named(scheme)?,
        tolerance,
        max_iterations,
        nan_policy: named(nan_policy)?,
    })
}

/// Estimates a PLS path model (Lohmöller's algorithm on standardised indicators): ``data``
/// is a DataFrame of respondents × items (or a 2-D array with ``columns``); the model is
/// ``model`` (a PlsModel) or ``constructs`` / ``paths`` / ``modes`` as PlsModel takes them.
/// ``scheme``: "path" (default), "factorial" or "centroid"; ``nan_policy`` "raise"
/// (default), "omit" (listwise deletion) or "mean" (mean replacement). Returns a PlsResult.
///
/// >>> import pandas as pd
/// >>> d = pd.DataFrame({"x1": [1, 2, 3, 4, 5], "x2": [2, 1, 4, 3, 5], "y1": [1, 2, 4, 3, 5]})
/// >>> r = cxkit.pls_pm(d, constructs={"X": ["x1", "x2"], "Y": ["y1"]}, paths=[("X", "Y")])
/// >>> round(float(r.paths.loc[0, "coefficient"]), 4) == round(float(r.r_squared.loc["Y", "r_squared"]) ** 0.5, 4)
/// True
#[pyfunction]
#[pyo3(signature = (data, model=None, constructs=None, paths=None, modes=None, scheme="path", nan_policy="raise", tolerance=1e-10, max_iterations=300, columns=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn pls_pm<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    model: Option<PyRef<'py, PlsModel>>,
    constructs: Option<&Bound<'py, PyDict>>,
    paths: Option<&Bound<'py, PyAny>>,
    modes: Option<&Bound<'py, PyDict>>,
    scheme: &str,
    nan_policy: &str,
    tolerance: f64,
    max_iterations: usize,
    columns: Option<Vec<String>>,
) -> PyResult<PlsResult> {
    let model = match (model, constructs, paths) {
        (Some(m), None, None) => m.inner.clone(),
        (None, Some(c), Some(p)) => PlsModel::new(c, p, modes)?.inner,
        _ => {
            return Err(invalid(
                "model",
                "give model= (a PlsModel) or constructs= and paths=, not both".into(),
            ))
        }
    };
    let o = options(scheme, nan_policy, tolerance, max_iterations)?;
    let (m, names, index) = indicators(py, data, columns, &model)?;
    let view = m.readonly();
    let v = view.as_array();
    let fit = py.detach(|| core::pls_pm(&model, v, &names, &o)).py_err()?;
    Ok(PlsResult {
        fit,
        model,
        options: o,
        data: m.clone().unbind(),
        columns: names,
        index: index.map(Bound::unbind),
    })
}

/// An estimated PLS path model. DataFrames: ``paths`` (from, to, coefficient, vif,
/// f_squared), ``weights`` and ``loadings`` (by indicator), ``scores`` (respondents ×
/// constructs, indexed like the data), ``r_squared`` (r_squared, adj_r_squared per
/// endogenous construct), ``effects`` (direct, indirect, total), ``reliability`` (alpha,
/// rho_c, rho_a, ave), ``htmt``, ``fornell_larcker``, ``cross_loadings``, ``vif`` (of each
/// indicator in its block); ``bootstrap()`` and ``ipma(target)``.
#[pyclass(module = "cxkit", frozen)]
pub struct PlsResult {
    fit: core::PlsFit,
    model: core::PlsModel,
    options: PlsOptions,
    /// The model's indicator columns as float64, for the bootstrap.
    data: Py<PyArray2<f64>>,
    columns: Vec<String>,
    index: Option<Py<PyAny>>,
}

fn nan(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

/// A DataFrame of bootstrap summaries with `index` labels.
fn summaries<'py>(
    py: Python<'py>,
    rows: &[BootstrapEstimate],
    index: &[String],
    label: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let col = |f: fn(&BootstrapEstimate) -> f64| list(py, &rows.iter().map(f).collect::<Vec<_>>());
    table(
        py,
        index,
        label,
        vec![
            ("estimate", col(|b| b.estimate)?),
            ("mean", col(|b| b.mean)?),
            ("se", col(|b| b.se)?),
            ("t", col(|b| b.t)?),
            ("p_value", col(|b| b.p_value)?),
            ("ci_low", col(|b| b.ci_low)?),
            ("ci_high", col(|b| b.ci_high)?),
        ],
    )
}

/// A constructs × constructs DataFrame.
fn square<'py>(
    py: Python<'py>,
    names: &[String],
    m: &ndarray::Array2<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let cols = names
        .iter()
        .enumerate()
        .map(|(k, n)| Ok((n.as_str(), list(py, &m.column(k).to_vec())?)))
        .collect::<PyResult<Vec<_>>>()?;
    table(py, names, "construct", cols)
}

impl PlsResult {
    fn name(&self, j: usize) -> String {
        self.fit.constructs[j].clone()
    }

    fn path_labels(&self) -> Vec<String> {
        self.fit
            .paths
            .iter()
            .map(|p| format!("{} -> {}", self.name(p.from), self.name(p.to)))
            .collect()
    }

    /// A DataFrame by indicator with its construct and one outer estimate.
    fn outer_table<'py>(
        &self,
        py: Python<'py>,
        column: &'static str,
        value: fn(&core::OuterEstimate) -> f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let o = &self.fit.outer;
        table(
            py,
            &self.indicator_names(),
            "indicator",
            vec![
                (
                    "construct",
                    list(
                        py,
                        &o.iter().map(|x| self.name(x.construct)).collect::<Vec<_>>(),
                    )?,
                ),
                (column, list(py, &o.iter().map(value).collect::<Vec<_>>())?),
            ],
        )
    }

    fn indicator_names(&self) -> Vec<String> {
        self.fit.outer.iter().map(|o| o.indicator.clone()).collect()
    }
}

#[pymethods]
impl PlsResult {
    /// This result's chart, ``cxkit.plot.pls_paths(self, **kwargs)`` (``ax``, ``lang``, …; ``bootstrap=self.bootstrap(...)`` for the stars;
    /// needs matplotlib: ``pip install "cxkit[plot]"``).
    #[pyo3(signature = (**kwargs))]
    fn plot<'py>(
        slf: &Bound<'py, Self>,
        kwargs: Option<&Bound<'py, pyo3::types::PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::result::plot(slf.as_any(), "pls_paths", kwargs)
    }

    /// One row per path: from, to, coefficient, vif (of the predictor among its target's
    /// predictors), f_squared.
    #[getter]
    fn paths<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let q = self.fit.quality();
        let cols = PyDict::new(py);
        cols.set_item(
            "from",
            self.fit
                .paths
                .iter()
                .map(|p| self.name(p.from))
                .collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "to",
            self.fit
                .paths
                .iter()
                .map(|p| self.name(p.to))
                .collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "coefficient",
            self.fit
                .paths
                .iter()
                .map(|p| p.coefficient)
                .collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "vif",
            q.path_vif.iter().map(|v| nan(*v)).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "f_squared",
            q.f_squared.iter().map(|v| nan(*v)).collect::<Vec<_>>(),
        )?;
        frame(py, cols, None, None)
    }

    /// Outer weights by indicator (construct, weight).
    #[getter]
    fn weights<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.outer_table(py, "weight", |o| o.weight)
    }

    /// Loadings by indicator (construct, loading).
    #[getter]
    fn loadings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.outer_table(py, "loading", |o| o.loading)
    }

    /// Construct scores (standardised), respondents × constructs, indexed like the data.
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let s = self.fit.scores.as_ref().expect("pls_pm computes scores");
        let cols = PyDict::new(py);
        for (j, n) in self.fit.constructs.iter().enumerate() {
            cols.set_item(n, s.column(j).to_vec())?;
        }
        frame(
            py,
            cols,
            self.index.as_ref().map(|i| i.bind(py).clone()),
            None,
        )
    }

    /// A warning per explained construct whose R² is below 0.1 (its predecessors explain
    /// almost none of it), else an empty list.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.fit.warnings()
    }

    /// R² and adjusted R² of each endogenous construct.
    #[getter]
    fn r_squared<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let endo: Vec<usize> = (0..self.fit.constructs.len())
            .filter(|&j| self.fit.r_squared[j].is_some())
            .collect();
        let names: Vec<String> = endo.iter().map(|&j| self.name(j)).collect();
        table(
            py,
            &names,
            "construct",
            vec![
                (
                    "r_squared",
                    list(
                        py,
                        &endo
                            .iter()
                            .map(|&j| nan(self.fit.r_squared[j]))
                            .collect::<Vec<_>>(),
                    )?,
                ),
                (
                    "adj_r_squared",
                    list(
                        py,
                        &endo
                            .iter()
                            .map(|&j| nan(self.fit.adj_r_squared[j]))
                            .collect::<Vec<_>>(),
                    )?,
                ),
            ],
        )
    }

    /// Direct, indirect and total effects of each construct on each construct it reaches.
    #[getter]
    fn effects<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let e = &self.fit.effects;
        let cols = PyDict::new(py);
        cols.set_item(
            "from",
            e.iter().map(|x| self.name(x.from)).collect::<Vec<_>>(),
        )?;
        cols.set_item("to", e.iter().map(|x| self.name(x.to)).collect::<Vec<_>>())?;
        cols.set_item("direct", e.iter().map(|x| x.direct).collect::<Vec<_>>())?;
        cols.set_item("indirect", e.iter().map(|x| x.indirect).collect::<Vec<_>>())?;
        cols.set_item("total", e.iter().map(|x| x.total).collect::<Vec<_>>())?;
        frame(py, cols, None, None)
    }

    /// Cronbach's alpha, composite reliability rho_c, rho_a and AVE per construct (NaN
    /// where undefined: alpha and rho_a of a single item).
    #[getter]
    fn reliability<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let r = self.fit.quality().reliability;
        table(
            py,
            &self.fit.constructs,
            "construct",
            vec![
                (
                    "alpha",
                    list(py, &r.iter().map(|b| nan(b.alpha)).collect::<Vec<_>>())?,
                ),
                (
                    "rho_c",
                    list(py, &r.iter().map(|b| b.rho_c).collect::<Vec<_>>())?,
                ),
                (
                    "rho_a",
                    list(py, &r.iter().map(|b| nan(b.rho_a)).collect::<Vec<_>>())?,
                ),
                (
                    "ave",
                    list(py, &r.iter().map(|b| b.ave).collect::<Vec<_>>())?,
                ),
            ],
        )
    }

    /// Heterotrait–monotrait ratios, constructs × constructs (NaN on the diagonal and for
    /// single-item constructs).
    #[getter]
    fn htmt<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        square(py, &self.fit.constructs, &self.fit.quality().htmt)
    }

    /// The Fornell–Larcker table: √AVE on the diagonal, construct correlations off it.
    #[getter]
    fn fornell_larcker<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        square(
            py,
            &self.fit.constructs,
            &self.fit.quality().fornell_larcker,
        )
    }

    /// Each indicator's correlation with every construct's score.
    #[getter]
    fn cross_loadings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let m = self.fit.quality().cross_loadings;
        let cols = self
            .fit
            .constructs
            .iter()
            .enumerate()
            .map(|(k, n)| Ok((n.as_str(), list(py, &m.column(k).to_vec())?)))
            .collect::<PyResult<Vec<_>>>()?;
        table(py, &self.indicator_names(), "indicator", cols)
    }

    /// Variance inflation of each indicator within its block (NaN for a single item).
    #[getter]
    fn vif<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = self.fit.quality().indicator_vif;
        table(
            py,
            &self.indicator_names(),
            "indicator",
            vec![(
                "vif",
                list(py, &v.iter().map(|x| nan(*x)).collect::<Vec<_>>())?,
            )],
        )
    }

    /// Respondents behind the estimate.
    #[getter]
    fn n(&self) -> usize {
        self.fit.n
    }

    /// Iterations of the weights until they settled.
    #[getter]
    fn iterations(&self) -> usize {
        self.fit.iterations
    }

    /// The model estimated.
    #[getter]
    fn model(&self) -> PlsModel {
        PlsModel {
            inner: self.model.clone(),
        }
    }

    /// Bootstraps the model on the same data: ``n`` resamples of the respondents (seeded,
    /// the same on any thread count), each estimated in parallel. Returns a dict of
    /// DataFrames "paths", "weights", "loadings", "total_effects", "htmt" with estimate,
    /// mean, se, t, p_value, ci_low, ci_high, and "samples", "failed".
    #[pyo3(signature = (n=5000, seed=0, confidence=0.95))]
    fn bootstrap<'py>(
        &self,
        py: Python<'py>,
        n: usize,
        seed: u64,
        confidence: f64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let m = self.data.bind(py).readonly();
        let v = m.as_array();
        let boot = BootstrapOptions {
            samples: n,
            seed,
            confidence,
        };
        let b = py
            .detach(|| core::bootstrap(&self.model, v, &self.columns, &self.options, &boot))
            .py_err()?;
        let out = PyDict::new(py);
        let names = self.indicator_names();
        out.set_item(
            "paths",
            summaries(py, &b.paths, &self.path_labels(), "path")?,
        )?;
        out.set_item("weights", summaries(py, &b.weights, &names, "indicator")?)?;
        out.set_item("loadings", summaries(py, &b.loadings, &names, "indicator")?)?;
        let effects: Vec<String> = self
            .fit
            .effects
            .iter()
            .map(|e| format!("{} -> {}", self.name(e.from), self.name(e.to)))
            .collect();
        out.set_item(
            "total_effects",
            summaries(py, &b.total_effects, &effects, "effect")?,
        )?;
        let pairs: Vec<String> = b
            .htmt
            .iter()
            .map(|((j, k), _)| format!("{} / {}", self.name(*j), self.name(*k)))
            .collect();
        let h: Vec<BootstrapEstimate> = b.htmt.iter().map(|(_, e)| *e).collect();
        out.set_item("htmt", summaries(py, &h, &pairs, "pair")?)?;
        out.set_item("samples", b.samples)?;
        out.set_item("failed", b.failed)?;
        Ok(out)
    }

    /// The importance–performance map of ``target`` (a construct name): a DataFrame by
    /// construct with importance (unstandardised total effect on the target), performance
    /// (0–100) and quadrant, the target's performance in ``attrs``. ``scale`` is the items'
    /// (min, max), or a dict {indicator: (min, max)}.
    #[pyo3(signature = (target, scale))]
    fn ipma<'py>(
        &self,
        py: Python<'py>,
        target: &str,
        scale: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let t = self
            .model
            .construct(target)
            .ok_or_else(|| invalid("target", format!("{target:?} is not a construct")))?;
        let scales: Vec<(f64, f64)> = match scale.cast::<PyDict>() {
            Ok(d) => self
                .fit
                .outer
                .iter()
                .map(|o| {
                    d.get_item(&o.indicator)?
                        .ok_or_else(|| invalid("scale", format!("no scale for {:?}", o.indicator)))?
                        .extract()
                })
                .collect::<PyResult<_>>()?,
            Err(_) => vec![scale.extract()?],
        };
        let map = self.fit.ipma(t, &scales).py_err()?;
        let names: Vec<String> = map.rows.iter().map(|r| self.name(r.construct)).collect();
        let out = table(
            py,
            &names,
            "construct",
            vec![
                (
                    "importance",
                    list(
                        py,
                        &map.rows.iter().map(|r| r.importance).collect::<Vec<_>>(),
                    )?,
                ),
                (
                    "performance",
                    list(
                        py,
                        &map.rows.iter().map(|r| r.performance).collect::<Vec<_>>(),
                    )?,
                ),
                (
                    "quadrant",
                    list(
                        py,
                        &map.rows
                            .iter()
                            .map(|r| r.quadrant.label())
                            .collect::<Vec<_>>(),
                    )?,
                ),
            ],
        )?;
        if let Ok(attrs) = out.getattr("attrs") {
            attrs.set_item("target", target)?;
            attrs.set_item("target_performance", map.target_performance)?;
        }
        Ok(out)
    }

    /// Every estimate as plain Python values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.fit)
    }

    fn __repr__(&self) -> String {
        let paths: Vec<String> = self
            .fit
            .paths
            .iter()
            .map(|p| {
                format!(
                    "{} → {}: {:.3}",
                    self.name(p.from),
                    self.name(p.to),
                    p.coefficient
                )
            })
            .collect();
        format!("PlsResult(n={}, {})", self.fit.n, paths.join(", "))
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        crate::convert::result::html(&self.paths(py)?, || self.__repr__())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let (py, me) = (slf.py(), slf.get());
        reduce(
            slf.as_any(),
            (
                to_json(&me.fit)?,
                to_json(&me.model)?,
                to_json(&me.options)?,
                me.data.clone_ref(py),
                me.columns.clone(),
                me.index.as_ref().map(|i| i.clone_ref(py)),
            ),
        )
    }

    /// Rebuilds the result from its pickled state.
    #[classmethod]
    fn _from_state(
        _cls: &Bound<'_, PyType>,
        fit: &str,
        model: &str,
        options: &str,
        data: Py<PyArray2<f64>>,
        columns: Vec<String>,
        index: Option<Py<PyAny>>,
    ) -> PyResult<Self> {
        Ok(PlsResult {
            fit: from_json(fit)?,
            model: from_json(model)?,
            options: from_json(options)?,
            data,
            columns,
            index,
        })
    }
}

/// Adds PLS path modelling to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(pls_pm, m)?)?;
    m.add_class::<PlsModel>()?;
    m.add_class::<PlsResult>()?;
    Ok(())
}
